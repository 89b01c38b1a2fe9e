#!/bin/sh
test_description='jiedai archive: the year'"'"'s archive in one folder, its index, --verify, modes, one event'
. "$(dirname "$0")/test-lib.sh"
. "$JIEDAI_SRC/tests/e2e/lib-report-ledger.sh"

# events: the number of events in the ledger.
events() {
	sqlite3 "$JIEDAI_DB" "SELECT count(*) FROM events"
}

# body FILE.jsonl: an export without what belongs to the exporting ledger
# alone (as t5400 reads it): its "event" lines, the ids and seals of its
# events, their count and the header's station code.
body() {
	grep -v "^{\"type\":\"event\"" "$1" |
	sed "s/{\"id\":[0-9]*,\"at\"/{\"at\"/g; s/,\"hash\":\"[0-9a-f]*\"}/}/g; s/,\"events\":[0-9]*}\$/}/; s/,\"station\":\"[A-Z0-9]*\"}\$/}/"
}

# anchor_of DIR: the check code the archive's index gives.
anchor_of() {
	sed -n "1s/.* anchor \([0-9A-F-]*\) .*/\1/p" "$1/index.txt"
}

# mode PATH: its permission bits in octal.
mode() {
	stat -c %a "$1"
}

test_expect_success SQLITE3 'setup: a year with three months, three days, three chase slips' '
	build_report_ledger &&
	JIEDAI_NOW=2026-03-20T10:00:00 jiedai chase 镇建设办 -o slip1.txt >/dev/null &&
	JIEDAI_NOW=2026-04-01T09:00:00 jiedai chase 镇建设办 -o slip2.xlsx >/dev/null &&
	JIEDAI_NOW=2026-04-01T09:05:00 jiedai chase 镇农业服务中心 -o slip3.txt >/dev/null &&
	jiedai day open --date 2026-03-20 --deputies 赵敏 --place 陵江镇二村 >/dev/null
'
export JIEDAI_NOW=2026-04-01T10:00:00

test_expect_success SQLITE3 'archive: one folder, every paper of the year, one event more in the ledger' '
	events >before &&
	sqlite3 "$JIEDAI_DB" "SELECT count(*) FROM tickets" >tickets.before &&
	umask 022 &&
	jiedai archive --year 2026 -o 归档 >out 2>err &&
	cat out &&
	test_grep "2026 年的资料已归档到 $TRASH/归档：共 18 个文件，另有索引 index.txt。" out &&
	test $(events) -eq $(($(cat before) + 1)) &&
	sqlite3 "$JIEDAI_DB" "SELECT kind || \"|\" || text FROM events ORDER BY id DESC LIMIT 1" >last &&
	test_grep -x "archive|2026 年资料归档，文件夹 归档" last &&
	sqlite3 "$JIEDAI_DB" "SELECT count(*) FROM tickets" >tickets.after && test_cmp tickets.before tickets.after &&
	(cd 归档 && find . -type f | sort) >files &&
	cat >expect <<-\EOF &&
	./index.txt
	./index.xlsx
	./代表履职登记-2026.xlsx
	./台账-截至2026-04-01.jsonl
	./当日接待登记表/2026-03-03.xlsx
	./当日接待登记表/2026-03-17.xlsx
	./当日接待登记表/2026-03-20.xlsx
	./登记簿/2026-01-公示.xlsx
	./登记簿/2026-01-内部.xlsx
	./登记簿/2026-02-公示.xlsx
	./登记簿/2026-02-内部.xlsx
	./登记簿/2026-03-公示.xlsx
	./登记簿/2026-03-内部.xlsx
	./登记簿/2026-04-公示.xlsx
	./登记簿/2026-04-内部.xlsx
	./督办单/2026-03-20-1000-镇建设办.xlsx
	./督办单/2026-04-01-0900-镇建设办.xlsx
	./督办单/2026-04-01-0905-镇农业服务中心.xlsx
	./统计-2026.txt
	EOF
	test_cmp expect files
'

test_expect_success 'modes: the folders 0700, personal files 0600, the rest as the umask gives' '
	test $(mode 归档) = 700 && test $(mode 归档/登记簿) = 700 && test $(mode 归档/督办单) = 700 &&
	test $(mode 归档/登记簿/2026-03-内部.xlsx) = 600 &&
	test $(mode 归档/台账-截至2026-04-01.jsonl) = 600 &&
	test $(mode 归档/登记簿/2026-03-公示.xlsx) = 644 &&
	test $(mode 归档/统计-2026.txt) = 644 && test $(mode 归档/index.txt) = 644 &&
	(umask 000 && jiedai archive --year 2026 -o open >/dev/null) &&
	test $(mode open) = 700 && test $(mode open/登记簿/2026-03-内部.xlsx) = 600 &&
	test $(mode open/台账-截至2026-04-01.jsonl) = 600 && test $(mode open/登记簿/2026-03-公示.xlsx) = 666
'

test_expect_success 'the index: every file with its SHA-256 and the check code the papers were made at' '
	head -n 1 归档/index.txt >magic &&
	test_grep "^# jiedai-archive 1 year 2026 station LJ anchor [0-9A-F-]* events [0-9]*\$" magic &&
	anchor=$(anchor_of 归档) && test -n "$anchor" &&
	grep -v "^#" 归档/index.txt >entries &&
	test $(wc -l <entries) -eq 18 &&
	(cd 归档 && sha256sum -c index.txt) >sums && ! grep -v ": OK\$" sums &&
	test_grep "$anchor" out &&
	jiedai check --anchor "$anchor" >chk && test_grep "$anchor" chk &&
	xlsx_cells 归档/index.xlsx >idx.cells &&
	test_grep "	登记簿/2026-03-内部.xlsx\$" idx.cells &&
	test_grep "	$(grep " 统计-2026.txt\$" entries | cut -c1-64)\$" idx.cells &&
	test_grep "台账校验码 $anchor" idx.cells
'

test_expect_success 'the papers are the commands'"'"' own: the report, a register, a day list, a chase slip' '
	anchor=$(anchor_of 归档) &&
	jiedai report --from 2026-01-01 --to 2026-12-31 >report.txt &&
	test_cmp report.txt 归档/统计-2026.txt &&
	jiedai register --month 2026-03 --format xlsx -o reg.xlsx &&
	xlsx_cells reg.xlsx | grep -v 台账校验码 >reg.cells &&
	xlsx_cells 归档/登记簿/2026-03-公示.xlsx | grep -v 台账校验码 >arch.cells &&
	test_cmp reg.cells arch.cells &&
	xlsx_cells 归档/登记簿/2026-03-公示.xlsx | grep "台账校验码 $anchor" &&
	xlsx_cells 归档/登记簿/2026-03-内部.xlsx >int.cells && test_grep "张三明" int.cells &&
	test_grep "13800138000" int.cells && ! grep -q "张三明" arch.cells &&
	xlsx_cells 归档/当日接待登记表/2026-03-03.xlsx >day.cells &&
	test_grep "LJ-2026-0002" day.cells && test_grep "张\*明" day.cells &&
	test_grep "台账校验码 $anchor" day.cells &&
	xlsx_cells 归档/当日接待登记表/2026-03-20.xlsx >day20.cells && test_grep "赵敏" day20.cells
'

test_expect_success 'the chase slips are made again from their 督办 events, as they went out' '
	xlsx_cells 归档/督办单/2026-03-20-1000-镇建设办.xlsx >s1.cells &&
	test_grep "LJ-2026-0003" s1.cells && ! grep -q "LJ-2026-0009" s1.cells &&
	grep "^F" s1.cells >late && test_grep "	7\$" late &&
	test_grep "据 root 2026-03-20 10:00 的督办记录重新生成" s1.cells &&
	test_grep "日期：2026-03-20" s1.cells &&
	xlsx_cells 归档/督办单/2026-04-01-0905-镇农业服务中心.xlsx >s3.cells &&
	test_grep "LJ-2026-0005" s3.cells && test_grep "2026-03-30" s3.cells
'

test_expect_success 'the duty records: a sheet per deputy' '
	unzip -p 归档/代表履职登记-2026.xlsx xl/workbook.xml | grep -o "<sheet name=\"[^\"]*\"" |
		sed "s/.*=\"//; s/\"//" >sheets &&
	printf "%s\n" root 李强 王芳 赵敏 >expect && test_cmp expect sheets
'

test_expect_success SQLITE3 'the JSON Lines round-trip: imported into an empty ledger, exported, the same' '
	jiedai --db back.db init --station-code LJ >/dev/null &&
	jiedai --db back.db import 归档/台账-截至2026-04-01.jsonl >/dev/null &&
	jiedai --db back.db export --format jsonl -o back.jsonl >/dev/null &&
	body 归档/台账-截至2026-04-01.jsonl >a.norm && body back.jsonl >b.norm &&
	test_cmp a.norm b.norm &&
	test $(grep -c "\"type\":\"ticket\"" a.norm) -eq 10
'

test_expect_success '--verify: the folder as it was written, with no ledger at all' '
	anchor=$(anchor_of 归档) &&
	JIEDAI_DB="$TRASH/nowhere/none.db" jiedai archive --verify 归档 >v.out &&
	test_grep "归档文件夹和归档时一样：18 个文件都在" v.out &&
	test_grep "$anchor" v.out && test ! -e nowhere
'

test_expect_success '--verify names each file changed, missing, replaced by a link, or extra' '
	cp -r 归档 bad && chmod 700 bad &&
	printf x >>bad/统计-2026.txt &&
	rm bad/登记簿/2026-02-公示.xlsx &&
	rm bad/当日接待登记表/2026-03-17.xlsx && ln -s ../index.xlsx bad/当日接待登记表/2026-03-17.xlsx &&
	echo note >bad/说明.txt && mkdir bad/多余 && echo x >bad/多余/x.txt &&
	test_exit_code 1 jiedai archive --verify bad >v.out 2>v.err &&
	cat v.out v.err &&
	test_grep "^统计-2026.txt：已被改动（现在的 SHA-256 是 [0-9a-f]*，索引里是 [0-9a-f]*）\$" v.out &&
	test_grep "^登记簿/2026-02-公示.xlsx：缺失\$" v.out &&
	test_grep "^当日接待登记表/2026-03-17.xlsx：不是普通文件" v.out &&
	test_grep "^说明.txt：多出的文件，索引里没有（没有动它）\$" v.out &&
	test_grep "^多余/x.txt：多出的文件" v.out &&
	test_grep "有 5 处问题" v.err &&
	test -f bad/说明.txt && test -f bad/多余/x.txt
'

test_expect_success '--verify: a folder without an index, and an index that is not one' '
	mkdir plain &&
	test_exit_code 3 jiedai archive --verify plain 2>err && test_grep "index.txt" err &&
	echo hello >plain/index.txt &&
	test_exit_code 3 jiedai archive --verify plain 2>err && test_grep "不是 jiedai 归档的索引" err &&
	cp -r 归档 odd && chmod u+w odd/index.txt &&
	echo "0123  ../../etc/passwd" >>odd/index.txt &&
	test_exit_code 1 jiedai archive --verify odd >v.out 2>/dev/null &&
	test_grep "^index.txt 第 26 行不是文件行：0123  ../../etc/passwd\$" v.out
'

test_expect_success SQLITE3 'refused, recording nothing: a folder with files, a file, no parent folder' '
	events >before &&
	test_exit_code 1 jiedai archive --year 2026 -o 归档 2>err &&
	test_grep "文件夹“归档”里已有文件：归档从不覆盖任何文件" err &&
	(cd 归档 && sha256sum -c index.txt >/dev/null) &&
	echo x >afile &&
	test_exit_code 1 jiedai archive --year 2026 -o afile 2>err && test_grep "不是文件夹" err &&
	test_exit_code 1 jiedai archive --year 2026 -o no/such/dir 2>err && test_grep "上一级文件夹不存在" err &&
	test ! -e no &&
	test $(events) -eq $(cat before)
'

test_expect_success 'an empty folder that is there is used, and made private' '
	mkdir -m 755 empty &&
	jiedai archive --year 2026 -o empty >/dev/null &&
	test $(mode empty) = 700 && test -f empty/index.txt
'

test_expect_success 'a year to come, a year with nothing, usage errors' '
	test_exit_code 1 jiedai archive --year 2027 -o y2027 2>err && test_grep "2027 年还没有到" err &&
	test_exit_code 1 jiedai archive --year 2025 -o y2025 2>err && test_grep "没有可归档的资料" err &&
	test ! -e y2027 && test ! -e y2025 &&
	test_exit_code 2 jiedai archive --year 2026 2>err &&
	test_exit_code 2 jiedai archive -o x 2>err &&
	test_exit_code 2 jiedai archive --year 26 -o x 2>err &&
	test_exit_code 2 jiedai archive --verify 归档 --year 2026 2>err &&
	test ! -e x
'

test_expect_success 'progress on standard error when it is a terminal, nothing when it is not' '
	script -qec "\"$JIEDAI\" archive --year 2026 -o tty" /dev/null >tty.log &&
	tr "\r" "\n" <tty.log >tty.txt &&
	test_grep "^正在归档 \[.*\] *100% *[0-9]*/[0-9]*" tty.txt &&
	"$JIEDAI" archive --year 2026 -o notty >/dev/null 2>err && test ! -s err
'

test_expect_success 'a write that fails half-way leaves nothing behind' '
	long=$(printf "村里的灌溉水渠年久失修%.0s" $(seq 1 40)) &&
	i=0 && while [ $i -lt 120 ]; do
		jiedai add --name 测试$i --phone 1390000$(printf %04d $i) --category 农业农村 \
			--issue "$long$i" >/dev/null 2>&1 || exit 1
		i=$((i + 1))
	done &&
	jiedai export --format jsonl -o big.jsonl >/dev/null &&
	test $(wc -c <big.jsonl) -gt 300000 &&
	(trap "" XFSZ; ulimit -f 200; jiedai archive --year 2026 -o half) >/dev/null 2>err;
	test $? -eq 3 && cat err && test ! -e half
'

test_done
