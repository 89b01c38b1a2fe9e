#!/bin/sh
test_description='files the user names: -o keeps modes and devices, personal data 0600, print files, backups, output failures'
. "$(dirname "$0")/test-lib.sh"

mode() {
	stat -c %a "$1"
}

# No sanitizer report, no crash: the command's stderr is clean of both.
no_crash() {
	! grep -q "Sanitizer\|runtime error\|double free\|Aborted" "$1"
}

test_expect_success 'setup' '
	jiedai init --station-code LJ --station-name 陵江镇人大代表联络站 >/dev/null &&
	jiedai add --name 张三明 --phone 13800138000 --category 农业农村 --issue "灌溉水渠失修" >/dev/null &&
	jiedai add --name 李四 --phone 13900139000 --category 城建交通 --issue "路灯不亮" >/dev/null
'

test_expect_success '-o onto an existing public sheet keeps its mode, whatever the umask' '
	umask 077 &&
	: >rep.txt && chmod 600 rep.txt &&
	jiedai report -o rep.txt &&
	test "$(mode rep.txt)" = 600 && test -s rep.txt &&
	for f in reg.txt reg.csv reg.xlsx open.json rep.csv; do : >$f && chmod 644 $f || return 1; done &&
	jiedai register -o reg.txt && jiedai register --format csv -o reg.csv &&
	jiedai register --format xlsx -o reg.xlsx && jiedai report --format csv -o rep.csv &&
	jiedai export --format open311 -o open.json >/dev/null &&
	for f in reg.txt reg.csv reg.xlsx open.json rep.csv; do
		test -s $f && test "$(mode $f)" = 644 || { echo "$f: $(mode $f)"; return 1; }
	done
'

# Changed in issue 17: an existing group-readable file used to keep its
# group bits (0640 stayed 0640, 0644 became 0640); personal data is now
# 0600 over any existing file.
test_expect_success 'personal data over an existing file is the person'"'"'s alone: 0600, not 0640' '
	umask 022 &&
	: >all.csv && chmod 640 all.csv &&
	jiedai export --format csv -o all.csv >/dev/null &&
	test "$(mode all.csv)" = 600 && grep -q 张三明 all.csv &&
	: >wide.jsonl && chmod 644 wide.jsonl &&
	jiedai export --format jsonl -o wide.jsonl >/dev/null &&
	test "$(mode wide.jsonl)" = 600 &&
	: >inner.txt && chmod 664 inner.txt &&
	jiedai register --internal -o inner.txt &&
	test "$(mode inner.txt)" = 600
'

test_expect_success 'under umask 000 exports, the internal register and receipts come out 0600' '
	(
		umask 000 &&
		jiedai export --format csv -o u.csv >/dev/null &&
		jiedai export --format jsonl -o u.jsonl >/dev/null &&
		jiedai export --format xlsx -o u.xlsx >/dev/null &&
		jiedai register --internal --format csv -o internal.csv &&
		jiedai register --internal -o internal.txt &&
		jiedai receipt LJ-2026-0001 --stub -o receipt.txt &&
		jiedai receipt LJ-2026-0001 -o receipt.bin
	) &&
	for f in u.csv u.jsonl u.xlsx internal.csv internal.txt receipt.txt receipt.bin; do
		test "$(mode $f)" = 600 || { echo "$f: $(mode $f)"; return 1; }
	done &&
	grep -q 张三明 internal.csv
'

test_expect_success 'public outputs keep the mode a shell would give them' '
	(
		umask 022 &&
		jiedai register -o public.txt &&
		jiedai export --format open311 -o open311.json >/dev/null &&
		jiedai report --format csv -o report.csv
	) &&
	test "$(mode public.txt)" = 644 && test "$(mode open311.json)" = 644 &&
	test "$(mode report.csv)" = 644 &&
	! grep -q 张三明 public.txt
'

test_expect_success '-o onto a FIFO writes through it and leaves the FIFO' '
	mkfifo pipe &&
	{ timeout 60 cat pipe >from-pipe & } &&
	jiedai export --format csv -o pipe >/dev/null &&
	wait &&
	test -p pipe &&
	grep -q 张三明 from-pipe
'

test_expect_success '-o onto a FIFO works for XLSX too (copied through at the end)' '
	{ timeout 60 cat pipe >from-pipe.xlsx & } &&
	jiedai export --format xlsx -o pipe >/dev/null &&
	wait &&
	test -p pipe &&
	head -c 2 from-pipe.xlsx | grep -q PK
'

test_expect_success '-o onto a FIFO nobody reads is refused at once, in Chinese; the FIFO stays' '
	for cmd in "report" "register --format xlsx" "export --format open311" "receipt LJ-2026-0001"; do
		test_exit_code 3 timeout 20 "$JIEDAI" $cmd -o pipe >out 2>err &&
		test_grep "没有程序在读取管道" err && test_grep "pipe" err &&
		test -p pipe && test ! -s out || return 1
	done
'

test_expect_success ROOT '-o onto a character device (a /dev/null made here) leaves the device' '
	mknod null c 1 3 &&
	test -c null &&
	jiedai export --format csv -o null >/dev/null &&
	jiedai report -o null &&
	jiedai receipt LJ-2026-0001 -o null &&
	test -c null
'

test_expect_success '-o /dev/fd/1 (a link to a pipe) writes to standard output' '
	jiedai report --format csv -o /dev/fd/1 | cat >piped &&
	grep -q , piped
'

test_expect_success '-o through a symbolic link to a file is refused, the file untouched' '
	echo keep >target && ln -s target link &&
	test_exit_code 3 jiedai export --format csv -o link >out 2>err &&
	test_grep "符号链接" err &&
	echo keep >expect && test_cmp expect target && test -L link
'

test_expect_success '-o onto a directory is refused' '
	mkdir adir &&
	test_exit_code 3 jiedai report -o adir 2>err &&
	test_grep "目录" err && test -d adir
'

test_expect_success 'print to a path that is a symbolic link to a file does not touch the file' '
	echo "not a receipt" >victim && ln -s victim planted.bin &&
	test_exit_code 1 jiedai print LJ-2026-0001 --to ./planted.bin >out 2>err &&
	test_grep "符号链接" err &&
	echo "not a receipt" >expect && test_cmp expect victim &&
	test -L planted.bin &&
	jiedai show LJ-2026-0001 >shown && ! grep -q "打印回执" shown
'

test_expect_success 'print to a file is a spool: receipts are appended, the file is 0600 under umask 000' '
	(umask 000 && jiedai print LJ-2026-0001 --to ./spool.bin >/dev/null) &&
	test "$(mode spool.bin)" = 600 &&
	cp spool.bin one.bin &&
	size1=$(wc -c <spool.bin) &&
	jiedai print LJ-2026-0002 --to ./spool.bin >/dev/null &&
	size2=$(wc -c <spool.bin) &&
	test "$size2" -gt "$size1" &&
	head -c "$size1" spool.bin >first && cmp one.bin first &&
	test "$(mode spool.bin)" = 600
'

test_expect_success ROOT 'print to a device path keeps working (a device node made here)' '
	test -c null &&
	jiedai print LJ-2026-0002 --to ./null >out &&
	test -c null
'

test_expect_success 'receipt -o /dev/full: an I/O exit code and a message, no crash' '
	test_exit_code 3 jiedai receipt LJ-2026-0001 --format text -o /dev/full >out 2>err &&
	test_grep "/dev/full" err &&
	no_crash err
'

test_expect_success 'add with standard output on a full disk: exit 4, saved, stderr names the ticket' '
	test_exit_code 4 jiedai add --name 王五 --category 农业农村 --issue "沟渠堵塞" >/dev/full 2>err &&
	test_grep "LJ-2026-0003" err &&
	jiedai show LJ-2026-0003 >shown && test_grep 王五 shown &&
	no_crash err
'

test_expect_success 'day open, day close, print and import on a full disk: exit 4, saved' '
	test_exit_code 4 jiedai day open >/dev/full 2>err &&
	test_grep "2026-03-10" err &&
	jiedai day show >shown && test_grep "2026-03-10" shown &&
	test_exit_code 4 jiedai print LJ-2026-0003 --to ./spool2.bin >/dev/full 2>err &&
	test_grep "LJ-2026-0003" err && test -s spool2.bin &&
	test_exit_code 4 jiedai day close >/dev/full 2>err &&
	jiedai day show 2026-03-10 >shown && grep -q "closed\|已结束\|已关闭" shown &&
	jiedai --db other.db init --station-code XH --station-name 新华镇联络站 >/dev/null &&
	jiedai --db other.db add --name 赵六 --category 农业农村 --issue "机耕道损坏" >/dev/null 2>&1 &&
	jiedai --db other.db export --format jsonl -o xh.jsonl >/dev/null &&
	test_exit_code 4 jiedai import xh.jsonl >/dev/full 2>err &&
	test_grep "xh.jsonl" err &&
	jiedai show XH-2026-0001 >shown && test_grep 赵六 shown
'

test_expect_success 'a read-only command whose output fails says so (exit 3)' '
	for c in list report "show LJ-2026-0001" "search 张三明" queue; do
		test_exit_code 3 jiedai $c >/dev/full 2>err &&
		test_grep "无法写入标准输出" err || return 1
	done
'

test_expect_success 'a backup is complete, private and refuses an existing name' '
	jiedai backup b1.db >out &&
	test "$(mode b1.db)" = 600 &&
	jiedai --db b1.db list --format tsv >listed &&
	test $(grep -c "^LJ-" listed) -eq 3 &&
	test_exit_code 1 jiedai backup b1.db 2>err &&
	test_grep "b1.db" err &&
	! ls b1.db.partial-* 2>/dev/null
'

test_expect_success 'gen on a full disk exits 4; the made-up tickets are there for the backups below' '
	# gen makes a practice ledger (never one with real tickets): the backups below use it.
	JIEDAI_DB=$TRASH/big.db &&
	jiedai init --station-code LJ >/dev/null &&
	test_exit_code 4 jiedai gen 2000 >/dev/full 2>err &&
	test_grep "gen" err &&
	test $(jiedai list --format tsv --limit 3000 | wc -l) -gt 2000
'

# Kill a backup with SIGKILL as soon as anything of it shows in the
# directory.  A run that finished before the kill (exit status not 137)
# proves nothing and is tried again under a new name.
# Killed at a moment chosen by the kernel's own hand (strace injects SIGKILL
# at the rename, and in the middle of the writes): a kill from a second
# process raced the backup, which a loaded machine often finished first.
test_expect_success STRACE 'a backup killed just before taking its name leaves no file at DEST' '
	strace -f -qq -o /dev/null -e trace=link,rename -e inject=link,rename:signal=SIGKILL \
		"$JIEDAI" backup late.db >/dev/null 2>&1
	! test -e late.db &&
	ls late.db.partial-* >/dev/null
'

test_expect_success STRACE 'a backup killed in the middle of writing the copy leaves no file at DEST' '
	strace -f -qq -o /dev/null -e trace=pwrite64,write -e inject=pwrite64:signal=SIGKILL:when=20 \
		"$JIEDAI" backup mid.db >/dev/null 2>&1
	! test -e mid.db
'

# A name with ESC, BEL and an 8-bit CSI in it must not reach the terminal as
# control sequences when jiedai says where it wrote.
test_expect_success 'file names echoed on success are cleaned like all other output' '
	bad=$(printf "x\033[31m\007\302\233y") &&
	"$JIEDAI" backup "$bad.db" >out 2>err && test -s "$bad.db" &&
	"$JIEDAI" export --format csv -o "$bad.csv" >>out 2>>err &&
	"$JIEDAI" day close --date 2026-03-10 -o "$bad.txt" >>out 2>>err &&
	"$JIEDAI" print LJ-2026-0001 --to "./$bad.bin" >>out 2>>err &&
	"$JIEDAI" --db "$bad.db" check >>out 2>>err &&
	"$JIEDAI" --db "$bad.2.db" init --station-code XY >>out 2>>err &&
	cp "$JIEDAI_SRC/forms/intake.form" "$bad.form" && "$JIEDAI" form-check "$bad.form" >>out 2>>err &&
	cp "$JIEDAI_SRC/forms/calendar.txt" "$bad.cal" && "$JIEDAI" calendar-check "$bad.cal" >>out 2>>err &&
	cat out err &&
	test $(grep -c "x.*y" out) -ge 8 &&
	! grep -q "$(printf "\033")" out && ! grep -q "$(printf "\007")" out &&
	! grep -q "$(printf "\302\233")" out && ! grep -q "$(printf "\033")" err &&
	grep -q "x�\[31m��y" out
'

test_done
