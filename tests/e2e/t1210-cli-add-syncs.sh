#!/bin/sh
test_description='jiedai add: one fdatasync per ticket on a ledger in use, before the number is printed; the file stands alone after'
. "$(dirname "$0")/test-lib.sh"

# traced ARGS...: jiedai under strace (the leak checker cannot run under ptrace).
traced() {
	ASAN_OPTIONS=detect_leaks=0 strace -f -qq "$@"
}

# syncs FILE: the fdatasync and fsync calls an strace log holds.
syncs() {
	grep -c "sync(" "$1"
}

test_expect_success 'setup: a ledger in use' '
	jiedai init --station-code LJ >/dev/null &&
	jiedai day open --deputies 王芳 >/dev/null &&
	jiedai add --name 张三 --category 其他 --issue 路灯不亮 >/dev/null
'

test_expect_success TMUX,STRACE 'on a ledger in use (a screen open) an add syncs once: its commit' '
	tmux_start && wait_for "登记来访选民" &&
	traced -e trace=fdatasync,fsync -o trace "$JIEDAI" add --name 李四 --category 其他 --issue 水渠失修 >out &&
	echo LJ-2026-0002 >expect && test_cmp expect out &&
	# The first commit after a checkpoint writes the WAL header anew, and syncs it too.
	test $(syncs trace) -le 2 &&
	traced -e trace=fdatasync,fsync -o trace "$JIEDAI" add --name 王五 --category 其他 --issue 噪音 >/dev/null &&
	syncs trace >n && echo 1 >expect && test_cmp expect n &&
	traced -e trace=fdatasync,fsync -o trace "$JIEDAI" add --name 孙八 --category 其他 --issue 垃圾 >/dev/null &&
	syncs trace >n && test_cmp expect n &&
	tmux_stop
'

test_expect_success STRACE 'on a ledger nobody has open: the WAL header and the commit, the checkpoint at close; no directory sync' '
	traced -e trace=fdatasync,fsync -o trace "$JIEDAI" add --name 钱七 --category 其他 --issue 桥梁 >/dev/null &&
	syncs trace >n && test $(cat n) -le 4
'

test_expect_success 'once nobody has it open, the ledger file stands alone (a plain copy holds every ticket)' '
	cp "$JIEDAI_DB" alone.db && rm -f alone.db-wal alone.db-shm &&
	JIEDAI_DB=alone.db jiedai list --format tsv | tail -n +2 | wc -l >n &&
	jiedai list --format tsv | tail -n +2 | wc -l >expect && test_cmp expect n &&
	test $(cat n) -ge 5
'

test_expect_success STRACE 'the commit is synced before the number is printed (synchronous=FULL)' '
	traced -e trace=fdatasync,write -o trace "$JIEDAI" add --name 赵六 --category 其他 --issue 道路 >out &&
	grep -n "fdatasync(" trace | head -n1 | cut -d: -f1 >sync_line &&
	grep -n "write(1, \"LJ-2026-" trace | cut -d: -f1 >print_line &&
	test -s sync_line && test -s print_line &&
	test "$(cat sync_line)" -lt "$(cat print_line)"
'

test_expect_success SQLITE3 'another program reads the whole ledger' '
	sqlite3 "$JIEDAI_DB" "SELECT count(*) FROM tickets" >n &&
	jiedai list --format tsv | tail -n +2 | wc -l >expect && test_cmp expect n &&
	jiedai check >out && test_grep "完好" out
'

test_expect_success 'a bulk load leaves the ledger file standing alone (its WAL emptied)' '
	JIEDAI_DB=practice.db jiedai gen 30 --seed 2 >/dev/null &&
	! test -s practice.db-wal &&
	cp practice.db alone.db &&
	JIEDAI_DB=alone.db jiedai list --format tsv | tail -n +2 | wc -l >n && echo 30 >expect && test_cmp expect n
'

test_done
