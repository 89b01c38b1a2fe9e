# test-lib.sh — TAP helpers for jiedai's end-to-end tests (sourced, POSIX sh).
#
#   test_description='what this script covers'
#   . "$(dirname "$0")/test-lib.sh"
#   test_expect_success 'title' '
#       jiedai add ... >out &&
#       test_cmp expect out
#   '
#   test_done
#
# Each script runs in a fresh trash directory with its own ledger
# ($JIEDAI_DB), its own HOME and a fixed clock ($JIEDAI_NOW).  Tests run in
# the script's shell, so variables carry from one test to the next.  A failing
# test prints its commands' output as TAP comments; the trash directory of a
# failing script is kept and named.
#
# Screen tests use a private tmux server per script: tmux_start, type_text,
# key, wait_for, screen, tmux_stop.

set -u

: "${JIEDAI_SRC:=$(cd "$(dirname "$0")/../.." && pwd)}"
if [ -z "${JIEDAI:-}" ]; then
	for b in "$JIEDAI_SRC/build/san/jiedai" "$JIEDAI_SRC/build/rel/jiedai"; do
		if [ -x "$b" ]; then JIEDAI=$b; break; fi
	done
fi
: "${JIEDAI_BUILD:=$(dirname "${JIEDAI:-/nonexistent/x}")}"
export JIEDAI JIEDAI_SRC JIEDAI_BUILD

test_count=0
test_failed=0
test_name=$(basename "$0" .sh)
# A root test started again inside its private world (lib-sandbox.sh) takes the
# trash directory named for it there.
test_in_world=
if [ -n "${JIEDAI_WORLD_TRASH:-}" ] && [ "$(cat /.jiedai-world 2>/dev/null)" = "$JIEDAI_WORLD_TRASH" ] &&
	mkdir -m 0700 "$JIEDAI_WORLD_TRASH" 2>/dev/null; then
	TRASH=$JIEDAI_WORLD_TRASH
	test_in_world=yes
else
	TRASH=$(mktemp -d "${TMPDIR:-/tmp}/jiedai-$test_name.XXXXXX")
fi
unset JIEDAI_WORLD_TRASH
cd "$TRASH" || exit 1

# A clean, fixed world for the program under test.
export HOME="$TRASH/home"
mkdir -p "$HOME"
unset XDG_DATA_HOME XDG_CONFIG_HOME LANGUAGE JIEDAI_ACTOR JIEDAI_FORMS SSH_CONNECTION SSH_CLIENT
export JIEDAI_DB="$TRASH/ledger.db"
export JIEDAI_CONF="$TRASH/no-jiedai.conf"
export JIEDAI_NOW="${JIEDAI_NOW:-2026-03-10T09:30:00}"
export LC_ALL=C.UTF-8
export TZ=Asia/Shanghai
# Sanitizer reports must fail a test, not scroll past.
export ASAN_OPTIONS="${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=1}"

jiedai() {
	"$JIEDAI" "$@"
}

# Commands to run when the script ends, however it ends (users made by a test…).
test_cleanups=
test_at_exit() {
	test_cleanups="$1
$test_cleanups"
}
run_cleanups() {
	tmux -L "$TMUX_SOCKET" kill-server 2>/dev/null
	if [ -n "$test_cleanups" ]; then
		eval "$test_cleanups" >/dev/null 2>&1
		test_cleanups=
	fi
}
trap run_cleanups EXIT
trap 'exit 130' INT TERM HUP

say() {
	printf '# %s\n' "$*"
}

# test_expect_success [PREREQS] TITLE COMMANDS
test_expect_success() {
	prereq=
	if [ $# -eq 3 ]; then
		prereq=$1
		shift
	fi
	test_count=$((test_count + 1))
	if [ -n "$prereq" ] && ! test_have_prereq "$prereq"; then
		printf 'ok %d # skip %s (missing %s)\n' "$test_count" "$1" "$prereq"
		return 0
	fi
	log="$TRASH/.test-$test_count.log"
	# Run in this shell so state carries over; trace into the log.
	if (
		set -x
		eval "$2"
	) >"$log" 2>&1; then
		printf 'ok %d - %s\n' "$test_count" "$1"
	else
		test_failed=$((test_failed + 1))
		printf 'not ok %d - %s\n' "$test_count" "$1"
		# On stderr, so prove shows it without --verbose.
		{
			printf '# %s: not ok %d - %s\n' "$test_name" "$test_count" "$1"
			sed 's/^/#   /' "$log" | tail -n 60
			if tmux -L "$TMUX_SOCKET" has-session 2>/dev/null; then
				printf '#   --- screen at failure ---\n'
				screen | sed 's/^/#   |/'
			fi
		} >&2
	fi
}

# Like test_expect_success, but state changes inside (cd, variables) persist.
# Use for set-up steps whose variables later tests need.
test_expect_success_here() {
	test_count=$((test_count + 1))
	log="$TRASH/.test-$test_count.log"
	if eval "$2" >"$log" 2>&1; then
		printf 'ok %d - %s\n' "$test_count" "$1"
	else
		test_failed=$((test_failed + 1))
		printf 'not ok %d - %s\n' "$test_count" "$1"
		sed 's/^/#   /' "$log" | tail -n 60 >&2
	fi
}

test_done() {
	run_cleanups
	printf '1..%d\n' "$test_count"
	if [ "$test_failed" -eq 0 ]; then
		cd / && rm -rf "$TRASH"
		exit 0
	fi
	printf '# %d of %d failed; trash kept in %s\n' "$test_failed" "$test_count" "$TRASH"
	exit 1
}

# skip_all REASON: the whole script is skipped, saying why.
skip_all() {
	printf '1..0 # skip: %s\n' "$1"
	cd / && rm -rf "$TRASH"
	exit 0
}

test_have_prereq() {
	for p in $(printf '%s' "$1" | tr ',' ' '); do
		case "$p" in
		TMUX) command -v tmux >/dev/null 2>&1 || return 1 ;;
		ZBAR) command -v zbarimg >/dev/null 2>&1 || return 1 ;;
		ROOT) [ "$(id -u)" = 0 ] || return 1 ;;
		SQLITE3) command -v sqlite3 >/dev/null 2>&1 || return 1 ;;
		STRACE) command -v strace >/dev/null 2>&1 && strace -qq -e trace=none true 2>/dev/null || return 1 ;;
		SSHD) [ -x /usr/sbin/sshd ] && command -v ssh >/dev/null 2>&1 || return 1 ;;
		*) return 1 ;;
		esac
	done
	return 0
}

test_cmp() {
	diff -u "$1" "$2"
}

# The command must fail with a refusal or usage error (exit 1–3), not crash.
test_must_fail() {
	"$@"
	rc=$?
	if [ $rc -eq 0 ]; then
		echo "test_must_fail: '$*' succeeded" >&2
		return 1
	elif [ $rc -gt 3 ]; then
		echo "test_must_fail: '$*' died with exit code $rc" >&2
		return 1
	fi
	return 0
}

# test_exit_code N COMMAND...: the command exits with exactly N.
test_exit_code() {
	want=$1
	shift
	"$@"
	rc=$?
	if [ "$rc" -ne "$want" ]; then
		echo "test_exit_code: '$*' exited $rc, expected $want" >&2
		return 1
	fi
	return 0
}

# grep that shows the file when the pattern is missing.
test_grep() {
	if ! grep "$@"; then
		eval "last=\${$#}"
		echo "test_grep: no match for '$*'; the file was:" >&2
		cat "$last" >&2 2>/dev/null
		return 1
	fi
}

# The ledger through the CLI: field N of the TSV row of ticket NUMBER.
tsv_field() {
	jiedai list --format tsv | awk -F'\t' -v n="$1" -v f="$2" 'NR > 1 && $1 == n { print $f }'
}

# cp_ledger SRC DST: copy a ledger that no program has open, with its WAL
# (a ledger keeps its -wal file between runs; while it is open the newest changes are there).
cp_ledger() {
	rm -f "$2-wal" "$2-shm" &&
	cp "$1" "$2" &&
	if [ -f "$1-wal" ]; then cp "$1-wal" "$2-wal"; fi
}

# ---- tmux ---------------------------------------------------------------

# One private tmux server per script; its name is fixed here because each
# test runs in a subshell and could not pass a variable on.
TMUX_SOCKET="jd$$"
# tmux_start [-x COLS] [-y ROWS] [-e VAR=VALUE]... [-- COMMAND...]: run jiedai
# (or COMMAND) in a private tmux server at 80x24 by default, TERM=xterm (or
# $TERM_UNDER_TEST) and no locale at all (LANG and LC_* unset), as over an
# SSH link that sends none.  The program's exit code is shown as "[exited N]".
tmux_start() {
	cols=80 rows=24 envs=
	while [ $# -gt 0 ]; do
		case "$1" in
		-x) cols=$2; shift 2 ;;
		-y) rows=$2; shift 2 ;;
		-e) envs="$envs $2"; shift 2 ;;
		--) shift; break ;;
		*) break ;;
		esac
	done
	[ $# -gt 0 ] || set -- "$JIEDAI"
	tmux_stop
	# The environment is spelled out: tmux servers do not inherit it reliably.
	tmux -L "$TMUX_SOCKET" -f /dev/null new-session -d -x "$cols" -y "$rows" \
		"env -u LANG -u LC_ALL -u LC_CTYPE -u LC_MESSAGES -u LANGUAGE \
		TERM=${TERM_UNDER_TEST:-xterm} JIEDAI_DB='${JIEDAI_DB:-}' JIEDAI_CONF='$JIEDAI_CONF' \
		JIEDAI_NOW='$JIEDAI_NOW' HOME='$HOME' ASAN_OPTIONS='$ASAN_OPTIONS' \
		TZ='$TZ' $envs $* ; echo '[exited '\$?']'; sleep 3600"
	tmux -L "$TMUX_SOCKET" set-option -g status off >/dev/null
	tmux -L "$TMUX_SOCKET" set-option -g escape-time 0 >/dev/null
}

tmux_stop() {
	tmux -L "$TMUX_SOCKET" kill-server 2>/dev/null
	# Wait until the old server is gone, or a new one may talk to it as it dies.
	i=0
	while tmux -L "$TMUX_SOCKET" list-sessions >/dev/null 2>&1 && [ $i -lt 100 ]; do
		sleep 0.02
		i=$((i + 1))
	done
	return 0
}

# The pid of the program under test (the child of the pane's shell).
tmux_pid() {
	pane=$(tmux -L "$TMUX_SOCKET" display-message -p '#{pane_pid}')
	pgrep -P "$pane" -n
}

# Count what the program writes to the terminal: bytes_start FILE … bytes_stop.
bytes_start() {
	: >"$1"
	tmux -L "$TMUX_SOCKET" pipe-pane -o "cat >>'$1'"
}

bytes_stop() {
	tmux -L "$TMUX_SOCKET" pipe-pane
	sleep 0.2
}

# Resize the window: tmux_resize COLS ROWS.
tmux_resize() {
	tmux -L "$TMUX_SOCKET" resize-window -x "$1" -y "$2"
}

# Decode the QR code on the screen; prints its payload.  Polls for a few
# seconds: the code is drawn after the text above it, and a capture can come
# between the two.
screen_qr() {
	i=0
	while [ $i -lt 50 ]; do
		screen >"$TRASH/.qr.txt" &&
		"$JIEDAI_BUILD/tests/helper/jd-qrscreen" <"$TRASH/.qr.txt" >"$TRASH/.qr.pbm" &&
		zbarimg --nodbus -q --raw "$TRASH/.qr.pbm" && return 0
		sleep 0.1
		i=$((i + 1))
	done
	return 1
}

# Type text one character at a time, waiting until the screen shows what was typed so far
# (needles: the whole text typed so far must appear).
type_slowly() {
	typed=
	for ch in $(printf '%s' "$1" | grep -o .); do
		type_text "$ch"
		typed="$typed$ch"
		wait_for "$typed" 5 || return 1
	done
}

# Type literal text (Chinese works) into the program.
type_text() {
	tmux -L "$TMUX_SOCKET" send-keys -l "$1"
}

# Press keys by tmux name: Enter Tab BTab F2 C-s Up Down BSpace …
key() {
	tmux -L "$TMUX_SOCKET" send-keys "$@"
}

screen() {
	tmux -L "$TMUX_SOCKET" capture-pane -p
}

# wait_for TEXT [SECONDS]: poll the screen until TEXT appears.  The default
# limit ($JIEDAI_WAIT, 30 s) only matters when a test fails: a passing wait
# returns as soon as the text is there, and a loaded 2-core machine running
# the sanitized build has taken over 10 s to echo a line of typed Chinese.
: "${JIEDAI_WAIT:=30}"
wait_for() {
	limit=$(( ${2:-$JIEDAI_WAIT} * 20 ))
	i=0
	while [ $i -lt "$limit" ]; do
		if screen | grep -F -q -- "$1"; then
			return 0
		fi
		sleep 0.05
		i=$((i + 1))
	done
	echo "wait_for: '$1' did not appear; the screen was:" >&2
	screen >&2
	return 1
}

# wait_gone TEXT [SECONDS]: poll until TEXT is no longer on the screen.
wait_gone() {
	limit=$(( ${2:-$JIEDAI_WAIT} * 20 ))
	i=0
	while [ $i -lt "$limit" ]; do
		if ! screen | grep -F -q -- "$1"; then
			return 0
		fi
		sleep 0.05
		i=$((i + 1))
	done
	echo "wait_gone: '$1' is still there; the screen was:" >&2
	screen >&2
	return 1
}

if [ -z "${JIEDAI:-}" ] || [ ! -x "$JIEDAI" ]; then
	echo "1..0 # skip: jiedai is not built (run make check)"
	exit 0
fi
