#!/bin/sh
# lib-fuzz.sh check|run NAME — run the libFuzzer target fuzz-NAME.
#
#   check  (make check, through tests/fuzz/check-NAME.sh): TAP.  Replays the
#          seed corpus, then fuzzes for FUZZ_CHECK_SECONDS (20); new inputs go
#          to a scratch directory that is removed.  Fails on any crash, hang
#          (an input taking over 10 s), leak or sanitizer report.
#   run    (make fuzz): fuzzes for FUZZ_SECONDS (600), keeping the new inputs
#          in tests/fuzz/work/NAME/corpus for the next run.
#
# Either way a failing input is written to tests/fuzz/work/NAME/ (crash-*,
# leak-*, timeout-*, oom-*), with the log beside it; tests/fuzz/work/ is not
# in git.  Replay one with: build/fuzz/tests/fuzz/fuzz-NAME FILE.
# FUZZ_BUILD is the build directory of the targets (build/fuzz), JIEDAI_SRC
# the source tree.
set -u

mode=$1
name=$2
src=${JIEDAI_SRC:-.}
bin=${FUZZ_BUILD:-$src/build/fuzz}/tests/fuzz/fuzz-$name
seeds=$src/tests/fuzz/corpus/$name
work=$src/tests/fuzz/work/$name

# libFuzzer writes the failing input itself; ASan must return to it for that.
ASAN_OPTIONS=detect_leaks=1
UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
export ASAN_OPTIONS UBSAN_OPTIONS

flags="-timeout=10 -rss_limit_mb=2048 -print_final_stats=1 -artifact_prefix=$work/"

# "N runs at R/s" from a libFuzzer log with -print_final_stats=1.
stats() {
	awk 'BEGIN { n = r = u = "?" }
	     /^stat::number_of_executed_units:/ { n = $2 }
	     /^stat::average_exec_per_sec:/ { r = $2 }
	     /^stat::new_units_added:/ { u = $2 }
	     END { printf "%s runs at %s/s, %s new inputs", n, r, u }' "$1"
}

# What went wrong, as TAP comments: the report and where the input is.
explain() {
	grep -E 'ERROR|SUMMARY|runtime error|Test unit written|^ +#[0-9]+ ' "$1" | head -n 40 | sed 's/^/# /'
	echo "# full log: $1"
}

mkdir -p "$work" || exit 1

# Scratch space for the target's ledgers (its TMPDIR) and, in check mode,
# the inputs it finds: on /dev/shm when it can, removed however the run ends
# (a target that crashes cannot clean up after itself).
if [ -w /dev/shm ]; then shm=/dev/shm; else shm=${TMPDIR:-/tmp}; fi
scratch=$(mktemp -d "$shm/jiedai-fuzz-$name.XXXXXX") || exit 1
trap 'rm -rf "$scratch"' EXIT
trap 'exit 1' HUP INT TERM
TMPDIR=$scratch
export TMPDIR

case $mode in
check)
	if [ ! -x "$bin" ]; then
		echo "1..0 # SKIP fuzz-$name is not built (clang with libFuzzer is missing)"
		exit 0
	fi
	echo 1..2
	log=$work/check-seeds.log
	if "$bin" $flags "$seeds"/* >"$log" 2>&1; then
		echo "ok 1 - fuzz-$name: the $(ls "$seeds" | wc -l) seed inputs run clean"
	else
		echo "not ok 1 - fuzz-$name: a seed input fails"
		explain "$log"
	fi
	log=$work/check.log
	new=$scratch/new
	mkdir "$new" || exit 1
	secs=${FUZZ_CHECK_SECONDS:-20}
	if "$bin" $flags -max_total_time="$secs" "$new" "$seeds" >"$log" 2>&1; then
		echo "ok 2 - fuzz-$name: ${secs} s, $(stats "$log")"
	else
		echo "not ok 2 - fuzz-$name: a finding after $(stats "$log")"
		explain "$log"
	fi
	;;
run)
	if [ ! -x "$bin" ]; then
		echo "fuzz-$name is not built (clang with libFuzzer is missing)" >&2
		exit 1
	fi
	secs=${FUZZ_SECONDS:-600}
	log=$work/run.log
	mkdir -p "$work/corpus" || exit 1
	echo "fuzz-$name: ${secs} s, log in $log"
	if "$bin" $flags -max_total_time="$secs" "$work/corpus" "$seeds" >"$log" 2>&1; then
		echo "fuzz-$name: $(stats "$log"); corpus: $(ls "$work/corpus" | wc -l) inputs in $work/corpus"
	else
		echo "fuzz-$name: FOUND A PROBLEM after $(stats "$log")"
		explain "$log"
		exit 1
	fi
	;;
*)
	echo "usage: $0 check|run NAME" >&2
	exit 2
	;;
esac
