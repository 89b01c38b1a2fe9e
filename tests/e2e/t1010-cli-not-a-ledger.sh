#!/bin/sh
test_description='files that are not ledgers are refused and left alone; a ledger that cannot be written is read, and writing says why; a damaged ledger takes no more tickets'
. "$(dirname "$0")/test-lib.sh"

# As root the tests below mount file systems in the trash directory: the
# script runs in a private world (lib-sandbox.sh), whose mounts are its own.
. "$JIEDAI_SRC/tests/e2e/lib-sandbox.sh"
sandbox_enter
# Unmounted before the trash directory is removed.
test_at_exit 'umount "$TRASH/ro"; umount "$TRASH/full"'

# untouched FILE COPY: FILE is byte for byte COPY, and SQLite made nothing beside it.
untouched() {
	cmp "$1" "$2" && ! test -e "$1-wal" && ! test -e "$1-shm" && ! test -e "$1-journal"
}

test_expect_success 'an empty file named by --db or JIEDAI_DB is refused by every command but init, and stays empty' '
	: >empty.db &&
	for cmd in list "add --name 张三 --category 其他 --issue 路灯" "day open" check "gen 3" ui; do
		LANGUAGE=en test_exit_code 1 jiedai --db empty.db $cmd 2>err </dev/null &&
		test_grep "is empty, not a jiedai ledger" err &&
		test_grep -F "jiedai --db '"'"'empty.db'"'"' init" err || return 1
	done &&
	JIEDAI_DB="$TRASH/empty.db" test_exit_code 1 jiedai list 2>err &&
	test ! -s empty.db && ! test -e empty.db-wal && ! test -e empty.db-shm
'

test_expect_success SQLITE3 'another program'"'"'s SQLite database is refused, by init too, and left as it was' '
	sqlite3 other.db "CREATE TABLE notes(t TEXT); INSERT INTO notes VALUES('"'"'keep me'"'"')" &&
	cp other.db other.orig &&
	for cmd in list init "add --name 张三 --category 其他 --issue 路灯" "gen 3" ui; do
		LANGUAGE=en test_exit_code 1 jiedai --db other.db $cmd 2>err </dev/null &&
		test_grep "is not a jiedai ledger but another program" err || return 1
	done &&
	untouched other.db other.orig &&
	sqlite3 other.db "PRAGMA journal_mode" >mode && echo delete >expect && test_cmp expect mode &&
	sqlite3 marked.db "PRAGMA application_id = 1234; PRAGMA user_version = 3" && cp marked.db marked.orig &&
	LANGUAGE=en test_exit_code 1 jiedai --db marked.db init 2>err &&
	test_grep "another program" err && untouched marked.db marked.orig
'

test_expect_success 'a file that is not SQLite at all is refused, and left as it was' '
	echo "名单 not a database" >junk.db && cp junk.db junk.orig &&
	LANGUAGE=en test_exit_code 1 jiedai --db junk.db init 2>err &&
	test_grep "not an SQLite database" err && untouched junk.db junk.orig
'

test_expect_success SQLITE3 'init makes an empty file a ledger, marked as jiedai'"'"'s' '
	jiedai --db empty.db init --station-code LJ >/dev/null &&
	sqlite3 empty.db "PRAGMA application_id" >id && echo 1246315844 >expect && test_cmp expect id &&
	jiedai --db empty.db add --name 张三 --category 其他 --issue 路灯 >num &&
	echo LJ-2026-0001 >expect && test_cmp expect num
'

test_expect_success SQLITE3 'a ledger made before the mark opens as before, and gets it' '
	jiedai init --station-code LJ >/dev/null &&
	jiedai add --name 张三 --category 其他 --issue 路灯 >/dev/null &&
	sqlite3 ledger.db "PRAGMA application_id = 0" && sqlite3 ledger.db "PRAGMA application_id" >id &&
	echo 0 >expect && test_cmp expect id &&
	jiedai list --format tsv >rows && test_grep LJ-2026-0001 rows &&
	sqlite3 ledger.db "PRAGMA application_id" >id && echo 1246315844 >expect && test_cmp expect id &&
	jiedai check >/dev/null
'

test_expect_success 'the per-user ledger is made on first use, even after a first use cut short' '
	unset JIEDAI_DB &&
	mkdir -p "$HOME/.local/share/jiedai" && : >"$HOME/.local/share/jiedai/jiedai.db" &&
	jiedai list >/dev/null && jiedai add --name 张三 --category 其他 --issue 路灯 >num &&
	echo JD-2026-0001 >expect && test_cmp expect num
'

test_expect_success 'gen and the screen still make a ledger where none is (a practice ledger)' '
	jiedai --db practice.db gen 3 >/dev/null &&
	jiedai --db practice.db list --format tsv >rows && test $(wc -l <rows) -eq 4
'

# A ledger with two tickets, closed cleanly (no -wal beside it).
test_expect_success 'setup: a ledger to mount' '
	mkdir rw ro full &&
	jiedai --db rw/l.db init --station-code LJ >/dev/null &&
	jiedai --db rw/l.db add --name 张三 --phone 13800138000 --category 其他 --issue 路灯不亮 >/dev/null &&
	jiedai --db rw/l.db add --name 李四 --category 其他 --issue 修路 >/dev/null &&
	! test -s rw/l.db-wal
'

# reads DB: every reading command works on DB with nothing on standard error.
reads() {
	"$JIEDAI" --db "$1" list --format tsv >rows 2>err && test_grep 13800138000 rows && test ! -s err &&
	"$JIEDAI" --db "$1" show LJ-2026-0001 >show 2>err && test_grep 路灯不亮 show && test ! -s err &&
	"$JIEDAI" --db "$1" search 修路 >found 2>err && test_grep LJ-2026-0002 found && test ! -s err &&
	"$JIEDAI" --db "$1" report --month 2026-03 >/dev/null 2>err && test ! -s err &&
	"$JIEDAI" --db "$1" check >out && test_grep "$1" out
}

test_expect_success ROOT 'on a read-only mount the ledger is read; writing says the file system is read-only' '
	mount --bind -o ro rw ro && {
		reads ro/l.db &&
		LANGUAGE=en test_exit_code 3 jiedai --db ro/l.db add --name 王五 --category 其他 --issue 水渠 2>err &&
		test $(grep -c "^jiedai: " err) -eq 1 && test_grep "file system mounted read-only" err &&
		! grep -q -e group -e "full" -e "own rights" err &&
		LANGUAGE=en test_exit_code 3 jiedai --db ro/l.db day open 2>err &&
		test_grep "read-only" err
		rc=$?
		umount ro
		test $rc -eq 0
	}
'

test_expect_success ROOT 'on a full disk the ledger is read; writing says the disk is full, and works once there is room' '
	mount -t tmpfs -o size=1m tmpfs full && {
		cp rw/l.db full/l.db && { dd if=/dev/zero of=full/fill bs=4096 2>/dev/null; true; } &&
		reads full/l.db &&
		LANGUAGE=en test_exit_code 3 jiedai --db full/l.db add --name 王五 --category 其他 --issue 水渠 2>err &&
		test $(grep -c "^jiedai: " err) -eq 1 && test_grep "is full" err && ! grep -q "read-only" err &&
		rm full/fill &&
		jiedai --db full/l.db add --name 王五 --category 其他 --issue 水渠 >num &&
		echo LJ-2026-0003 >expect && test_cmp expect num &&
		jiedai --db full/l.db check >/dev/null
		rc=$?
		umount full
		test $rc -eq 0
	}
'

# damage DB TABLE: break the b-tree page at the root of TABLE.
damage() {
	root=$(sqlite3 "$1" "SELECT rootpage FROM sqlite_master WHERE name = '$2'") &&
	size=$(sqlite3 "$1" "PRAGMA page_size") &&
	printf "\377\377\377\377\377\377\377\377" | dd of="$1" bs=1 seek=$(( (root - 1) * size )) conv=notrunc 2>/dev/null
}

test_expect_success SQLITE3 'a write that meets a damaged page stops, and says to run check and restore a backup' '
	jiedai --db dmg.db init --station-code LJ >/dev/null &&
	jiedai --db dmg.db add --name 张三 --category 其他 --issue 路灯 >/dev/null &&
	damage dmg.db tickets &&
	LANGUAGE=en test_exit_code 3 jiedai --db dmg.db add --name 李四 --category 其他 --issue 修路 2>err &&
	test_grep "is damaged" err && test_grep "jiedai check" err && test_grep "backup" err &&
	test_grep "nothing was saved" err &&
	LANGUAGE=en test_exit_code 3 jiedai --db dmg.db list 2>err &&
	test_grep "is damaged" err && test_grep "jiedai check" err &&
	sqlite3 dmg.db "SELECT seq FROM counters" >seq && echo 1 >expect && test_cmp expect seq
'

test_expect_success TMUX,SQLITE3 'the screen says the same, and takes no ticket' '
	JIEDAI_DB="$TRASH/dmg2.db" && export JIEDAI_DB &&
	jiedai init --station-code LJ >/dev/null &&
	jiedai day open --deputies 王芳 >/dev/null &&
	jiedai add --name 张三 --category 其他 --issue 路灯 >/dev/null &&
	damage dmg2.db tickets &&
	tmux_start -x 100 -y 30 && wait_for "接待日" &&
	key 1 && wait_for "姓名" && type_text "钱七" && key Tab && key Tab && key Tab &&
	type_text "其" && key Enter && type_text "噪音扰民" &&
	# 接待代表: its default is read from the damaged tickets, so it is chosen here.
	key Tab && key Tab && key Tab && key Tab && type_text "王" && wait_for "王芳" && key Enter &&
	key F2 &&
	wait_for "jiedai check" && screen >s && test_grep "损坏" s &&
	key F10 && key F10 &&
	sqlite3 dmg2.db "SELECT seq FROM counters" >seq && echo 1 >expect && test_cmp expect seq
'

test_done
