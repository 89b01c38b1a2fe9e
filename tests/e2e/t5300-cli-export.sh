#!/bin/sh
test_description='jiedai export: JSON Lines, CSV, XLSX and Open311 of the whole ledger; progress; who may'
. "$(dirname "$0")/test-lib.sh"
. "$JIEDAI_SRC/tests/e2e/lib-report-ledger.sh"

Q="'"

test_expect_success 'setup: the hand-built ledger' '
	build_report_ledger
'
export JIEDAI_NOW=2026-04-01T10:00:00

test_expect_success 'jsonl: header, deputies, days, voters before their first ticket, end with counts' '
	"$JIEDAI" export --format jsonl -o all.jsonl >out 2>err &&
	test ! -s err &&
	sed -n "s/^{\"type\":\"\\([a-z]*\\)\".*/\\1/p" all.jsonl | uniq -c | sed "s/^ *//" >types &&
	cat >expect <<-EOF &&
	1 header
	2 deputy
	2 day
	1 voter
	1 ticket
	1 voter
	2 ticket
	1 voter
	1 ticket
	1 voter
	1 ticket
	1 voter
	1 ticket
	1 voter
	1 ticket
	1 voter
	1 ticket
	1 voter
	1 ticket
	1 voter
	1 ticket
	$(sqlite3 "$JIEDAI_DB" "SELECT count(*) FROM events WHERE ticket_id IS NULL") event
	1 station
	1 end
	EOF
	test_cmp expect types &&
	n=$(sqlite3 "$JIEDAI_DB" "SELECT count(*) FROM events") &&
	head -n 1 all.jsonl >h && echo "{\"type\":\"header\",\"format\":\"jiedai-ledger\",\"version\":2,\"station\":\"LJ\"}" >expect && test_cmp expect h &&
	tail -n 2 all.jsonl | head -n 1 >stn && echo "{\"type\":\"station\",\"code\":\"LJ\",\"name\":\"陵江镇人大代表联络站\"}" >expect &&
	test_cmp expect stn &&
	tail -n 1 all.jsonl >e && echo "{\"type\":\"end\",\"deputies\":2,\"days\":2,\"voters\":9,\"tickets\":10,\"events\":$n}" >expect && test_cmp expect e
'

test_expect_success SQLITE3 'jsonl: every field, the events with their actors and times, the extra fields' '
	grep "\"number\":\"LJ-2026-0002\"" all.jsonl >t2 &&
	sqlite3 :memory: "SELECT json_extract(readfile(\"t2\"), \"\$.extra.request\"),
		json_array_length(json_extract(readfile(\"t2\"), \"\$.events\")),
		json_extract(readfile(\"t2\"), \"\$.events[2].kind\"),
		json_extract(readfile(\"t2\"), \"\$.events[2].at\"),
		json_extract(readfile(\"t2\"), \"\$.events[2].method\"),
		json_extract(readfile(\"t2\"), \"\$.events[0].login\") <> \"\",
		json_extract(readfile(\"t2\"), \"\$.status\"),
		json_extract(readfile(\"t2\"), \"\$.closed_at\"),
		json_extract(readfile(\"t2\"), \"\$.day_date\"),
		json_extract(readfile(\"t2\"), \"\$.position\"),
		json_extract(readfile(\"t2\"), \"\$.voter\")" >got &&
	echo "春耕前修好|5|answer|2026-03-08 15:00:00|电话|1|closed|2026-03-10 10:00:00|2026-03-03|1|LJ-2026-0002" >expect &&
	test_cmp expect got &&
	grep "\"number\":\"LJ-2026-0003\"" all.jsonl >t3 &&
	sqlite3 :memory: "SELECT json_extract(readfile(\"t3\"), \"\$.voter\"), json_extract(readfile(\"t3\"), \"\$.position\")" >got &&
	echo "LJ-2026-0002|1" >expect && test_cmp expect got &&
	grep "\"number\":\"LJ-2026-0007\"" all.jsonl >t7 &&
	sqlite3 :memory: "SELECT json_extract(readfile(\"t7\"), \"\$.status\"), json_extract(readfile(\"t7\"), \"\$.void_reason\")" >got &&
	echo "void|重复登记" >expect && test_cmp expect got &&
	grep "\"number\":\"LJ-2026-0005\"" all.jsonl >t5 &&
	printf "%s" "$ISSUE5" >issue5 &&
	sqlite3 :memory: "SELECT json_extract(readfile(\"t5\"), \"\$.issue\") = CAST(readfile(\"issue5\") AS TEXT)" >got &&
	echo 1 >expect && test_cmp expect got
'

test_expect_success 'CSV: every ticket, void ones too, with the extra field as a column' '
	LANGUAGE=en jiedai export --format csv -o all.csv >out &&
	test_grep "10 tickets" out &&
	head -c 3 all.csv | od -An -tx1 | tr -d " " >bom && echo efbbbf >expect && test_cmp expect bom &&
	csv_records all.csv >rec &&
	test $(wc -l <rec) -eq 11 &&
	head -n 1 rec | cut -f 1-3,8,25 >h && printf "Number\tStation\tStatus\tVoter\trequest\n" >expect && test_cmp expect h &&
	cut -f 1 rec | tail -n +2 >numbers &&
	printf "LJ-2026-%04d\n" 1 2 3 4 5 6 7 8 9 10 >expect && test_cmp expect numbers &&
	grep "^LJ-2026-0002" rec | cut -f 8,9,10,25 >row &&
	printf "张三明\t13800138000\t三组\t春耕前修好\n" >expect && test_cmp expect row &&
	grep "^LJ-2026-0006" rec | cut -f 12 >f && printf "%s\n" "$Q=1+2 学校门口缺少斑马线" >expect && test_cmp expect f &&
	grep "^LJ-2026-0005" rec | cut -f 12 >f && printf "关于\"高标准农田\"建设，\\\\n请尽快安排，谢谢\n" >expect && test_cmp expect f
'

test_expect_success 'XLSX: the same table read back' '
	LANGUAGE=en jiedai export --format xlsx -o all.xlsx >out &&
	xlsx_cells all.xlsx >cells &&
	grep -P "^A1\t" cells >t && printf "A1\t陵江镇人大代表联络站 — the ledger\n" >expect && test_cmp expect t &&
	grep -P "^(A|Y)2\t" cells | cut -f 2 | tr "\n" "|" >t && printf "Number|request|" >expect && test_cmp expect t &&
	grep -P "^A[0-9]+\t" cells | tail -n +3 | cut -f 2 >numbers &&
	printf "LJ-2026-%04d\n" 1 2 3 4 5 6 7 8 9 10 >expect && test_cmp expect numbers &&
	grep -P "^Y4\t" cells >t && printf "Y4\t春耕前修好\n" >expect && test_cmp expect t &&
	grep -P "^L8\t" cells >t && printf "L8\t=1+2 学校门口缺少斑马线\n" >expect && test_cmp expect t
'

test_expect_success SQLITE3 'Open311: service requests without names or phone numbers' '
	jiedai export --format open311 -o req.json >out &&
	sqlite3 :memory: "SELECT json_valid(readfile(\"req.json\")), json_array_length(readfile(\"req.json\"))" >got &&
	echo "1|9" >expect && test_cmp expect got &&
	for w in 张三明 李四 王五 赵六 孙八 周九 钱七 吴十 郑十一 13800138000 5551234 13912345678 13600002222 13500003333 check_code; do
		if grep -F -q -- "$w" req.json; then echo "$w is in the Open311 export"; exit 1; fi
	done &&
	test_grep -F "LJ-2026-0007" all.jsonl && ! grep -F "LJ-2026-0007" req.json &&
	sqlite3 :memory: "SELECT json_extract(value, \"\$.service_request_id\"), json_extract(value, \"\$.status\"),
		json_extract(value, \"\$.service_code\"), json_extract(value, \"\$.service_name\"),
		json_extract(value, \"\$.agency_responsible\"), json_extract(value, \"\$.requested_datetime\"),
		json_extract(value, \"\$.expected_datetime\"), json_extract(value, \"\$.updated_datetime\"),
		json_extract(value, \"\$.address\"), json_extract(value, \"\$.description\")
		FROM json_each(readfile(\"req.json\")) WHERE key IN (1, 2)" >got &&
	cat >expect <<-\EOF &&
	LJ-2026-0002|closed|农业农村|农业农村|镇水利站|2026-03-03T09:00:00+08:00|2026-03-18T23:59:59+08:00|2026-03-10T10:00:00+08:00|三组|村里的灌溉水渠年久失修，春耕用水困难
	LJ-2026-0003|open|城建交通|城建交通|镇建设办|2026-03-03T09:00:00+08:00|2026-03-13T23:59:59+08:00|2026-03-03T09:00:00+08:00|三组|路灯不亮
	EOF
	test_cmp expect got
'


test_expect_success 'to standard output; a place that cannot be written leaves nothing' '
	"$JIEDAI" export --format jsonl >stdout.jsonl 2>err &&
	grep -v "^{\"type\":\"event\"" all.jsonl | sed "\$d" >a && grep -v "^{\"type\":\"event\"" stdout.jsonl | sed "\$d" >b &&
	test_cmp a b && test ! -s err &&
	test_exit_code 3 jiedai export --format csv -o "$TRASH/no/such/dir/x.csv" 2>err &&
	test ! -e "$TRASH/no/such/dir" &&
	test_exit_code 2 jiedai export 2>err &&
	test_exit_code 2 jiedai export --format pdf 2>err
'

test_expect_success TMUX 'a progress bar on a terminal, none when stderr is not one' '
	tmux_start -x 100 -y 10 -- "$JIEDAI" export --format jsonl -o "$TRASH/tty.jsonl" &&
	wait_for "[exited 0]" &&
	screen >scr &&
	test_grep -F "100%  10/10" scr &&
	test_grep -F "[####" scr &&
	tmux_stop &&
	grep -v "^{\"type\":\"event\"" all.jsonl | sed "\$d" >a && grep -v "^{\"type\":\"event\"" tty.jsonl | sed "\$d" >b &&
	test_cmp a b
'

test_done
