#!/bin/sh
test_description='make check as root on a box in use: the root tests change nothing of it, even one killed half-way, and the deputy working meanwhile loses no ticket'
. "$(dirname "$0")/test-lib.sh"

# This script is a root test itself, so it runs in a private world
# (lib-sandbox.sh) and the machine never sees any of it.  In that world it
# plays the township box in use: jiedai installed set-group-ID jiedai, a
# shared ledger named by /etc/jiedai.conf, a deputy recording a voter every
# 0.3 s.  A watcher samples what the root tests used to change — the
# configuration, the logins, the groups, the package, the mounts — every
# 0.2 s, while real root tests run here as make check runs them (each making
# its own world inside this one): t6000 (logins, the group, the
# configuration), t7000 (the package), and t6200 (logins and an sshd) killed
# with SIGKILL half-way.
. "$JIEDAI_SRC/tests/e2e/lib-shared-box.sh"

[ "$(id -u)" = 0 ] || skip_all "needs root (it runs the root tests)"
# The root tests below make their worlds inside this one: an overlay over an
# overlay.  Where / is an overlay already (a container), that is one too many.
probe=$(unshare --mount --pid --ipc --net --fork --kill-child \
	sh "$JIEDAI_SRC/tests/e2e/sandbox-world.sh" "$TRASH/probe" / true 2>&1)
case "$probe" in
*skip*) skip_all "a root test's world cannot be made inside this one here: ${probe#*skip: }" ;;
esac

D=jdw$$

# What a root test must leave as it found it, in one text.
box_state() {
	for f in /etc/jiedai.conf /etc/passwd /etc/group /etc/shadow /etc/gshadow /proc/self/mounts; do
		printf '== %s\n' "$f"
		cat "$f"
	done
	printf '== the group jiedai\n'
	getent group jiedai
	printf '== the package\n'
	dpkg-query -W -f='${Status}\n' jiedai 2>&1
	ls -l /usr/bin/jiedai 2>&1
	dpkg-statoverride --list /usr/bin/jiedai
	return 0
}

# The root tests below keep their trash directories in here, where what they
# leave is theirs alone (the world's /tmp shows the machine's, where other
# tests come and go).
mkdir "$TRASH/tmp" && chmod 755 "$TRASH/tmp" || exit 1

# run_root_test NAME: tests/e2e/NAME.sh, as make check runs it; its output in NAME.tap.
run_root_test() {
	TMPDIR="$TRASH/tmp" sh "$JIEDAI_SRC/tests/e2e/$1.sh" >"$TRASH/$1.tap" 2>&1
}

test_expect_success ROOT 'a box in use: the program set-group-ID jiedai, a shared ledger named by /etc/jiedai.conf, a deputy' '
	box_setup_install && box_users $D &&
	jiedai init --shared "$SHARED" --station-code LJ --station-name 陵江镇人大代表联络站 >/dev/null &&
	sh "$JIEDAI_SRC/src/install-setgid.sh" "$SG" >/dev/null &&
	jiedai user add $D --deputy 李强 --role deputy >/dev/null &&
	as_user $D "$SG" day open --deputies 李强 >/dev/null &&
	test_grep "^db = $SHARED/jiedai.db\$" /etc/jiedai.conf &&
	box_state >"$TRASH/state.before"
'

test_expect_success_here 'the deputy records a voter every 0.3 s; the watcher samples every 0.2 s' '
	as_user $D sh -c "i=0
		while [ ! -e \"$TRASH/stop\" ]; do
			i=\$((i + 1))
			if n=\$(\"$SG\" add --name 选民\$i --category 其他 --issue 第\${i}件 2>>\"\$HOME/err\"); then
				echo \"\$n\" >>\"\$HOME/saved\"
			else
				echo \$i >>\"\$HOME/failed\"
			fi
			sleep 0.3
		done" &
	deputy=$!
	{
		n=0
		while [ ! -e "$TRASH/stop" ]; do
			n=$((n + 1))
			box_state >"$TRASH/state.now"
			cmp -s "$TRASH/state.before" "$TRASH/state.now" || cp "$TRASH/state.now" "$TRASH/state.changed.$n"
			echo $n >"$TRASH/samples"
			sleep 0.2
		done
	} &
	watcher=$!
	sleep 1 && test -s "$TRASH/home-$D/saved" && test -s "$TRASH/samples"
'

test_expect_success ROOT 't6000 (logins, the group, /etc/jiedai.conf) passes beside them' '
	run_root_test t6000-shared-box &&
	test_grep "^ok 2 - init --shared" t6000-shared-box.tap && ! grep "^not ok\|^1\.\.0" t6000-shared-box.tap
'

test_expect_success ROOT 't7000 (dpkg -i, dpkg --purge) passes beside them' '
	run_root_test t7000-deb-install &&
	! grep "^not ok" t7000-deb-install.tap && test_grep "^1\.\." t7000-deb-install.tap
'

test_expect_success ROOT 't6200 killed with SIGKILL once its logins and sshd are up: every process of its world goes' '
	TMPDIR="$TRASH/tmp" sh "$JIEDAI_SRC/tests/e2e/t6200-ssh.sh" >t6200.tap 2>&1 &
	p=$! &&
	i=0 && while ! grep -q "^ok 1 " t6200.tap && [ $i -lt 600 ]; do sleep 0.1; i=$((i + 1)); done &&
	test_grep "^ok 1 - setup" t6200.tap &&
	world=$(pgrep -P $p) && ns=$(readlink /proc/$world/ns/pid) && test -n "$ns" &&
	test "$(readlink /proc/$$/ns/pid)" != "$ns" &&
	kill -KILL $p && { wait $p; true; } &&
	i=0 && while [ $i -lt 100 ]; do
		left=$(for f in /proc/[0-9]*/ns/pid; do [ "$(readlink $f 2>/dev/null)" = "$ns" ] && echo $f; done)
		[ -z "$left" ] && break
		sleep 0.1; i=$((i + 1))
	done &&
	test -z "$left"
'

test_expect_success_here 'the deputy and the watcher stop' '
	sleep 1 && touch "$TRASH/stop" && wait $deputy && wait $watcher
'

test_expect_success ROOT 'nothing changed, during the runs or after: configuration, logins, groups, package, mounts' '
	test "$(cat samples)" -ge 50 &&
	for f in state.changed.*; do
		[ -e "$f" ] || continue
		echo "sample ${f#state.changed.} differs:" && diff -u state.before "$f"
		return 1
	done &&
	box_state >state.after && test_cmp state.before state.after
'

test_expect_success ROOT 'no trash directory left: the passing runs took theirs, the killed one had its own only in its world' '
	ls -A tmp >left && test_cmp /dev/null left
'

test_expect_success ROOT 'every ticket the deputy saved is in the box'"'"'s ledger, and no save failed' '
	test ! -e "home-$D/failed" && test ! -s "home-$D/err" &&
	sort "home-$D/saved" >saved && test "$(wc -l <saved)" -ge 20 &&
	jiedai list --format tsv | awk -F"\t" "NR > 1 && \$7 ~ /^选民/ { print \$1 }" | sort >listed &&
	test_cmp saved listed
'
say "the deputy saved $(cat "home-$D/saved" 2>/dev/null | wc -l) tickets; the watcher took $(cat samples 2>/dev/null) samples"

test_done
