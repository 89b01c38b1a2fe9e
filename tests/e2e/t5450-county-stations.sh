#!/bin/sh
test_description='a county ledger: --station on list, search, report and register; station names beside codes; days of two stations told apart'
. "$(dirname "$0")/test-lib.sh"
. "$JIEDAI_SRC/tests/e2e/lib-report-ledger.sh"

county() {
	"$JIEDAI" --db "$TRASH/county.db" "$@"
}
xh() {
	"$JIEDAI" --db "$TRASH/xh.db" "$@"
}

test_expect_success 'setup: stations LJ and XH, both with a reception day on 3 March, rolled up' '
	build_report_ledger &&
	jiedai export --format jsonl -o lj.jsonl >/dev/null &&
	JIEDAI_NOW=2026-03-03T09:00:00 xh init --station-code XH --station-name 新华村代表联络站 >/dev/null &&
	JIEDAI_NOW=2026-03-03T09:00:00 xh day open --deputies 赵敏 --place 新华村委会 >/dev/null &&
	JIEDAI_NOW=2026-03-03T09:10:00 xh add --name 冯一 --category 农业农村 --issue 新华村的水渠 >/dev/null &&
	JIEDAI_NOW=2026-03-03T09:20:00 xh add --name 陈二 --category 民生事业 --issue 新华村的路灯 >/dev/null &&
	JIEDAI_NOW=2026-03-04T09:00:00 xh handover XH-2026-0001 --to 镇水利站 --due 2026-03-20 >/dev/null &&
	xh export --format jsonl -o xh.jsonl >/dev/null &&
	county init --station-code XC --station-name 某县人大常委会代表联络站 >/dev/null &&
	county import lj.jsonl >/dev/null && county import xh.jsonl >/dev/null
'

test_expect_success 'the export names its station, the import keeps the name' '
	test_grep "{\"type\":\"station\",\"code\":\"XH\",\"name\":\"新华村代表联络站\"}" xh.jsonl &&
	county export --format jsonl >all.jsonl &&
	test_grep "\"code\":\"LJ\",\"name\":\"陵江镇人大代表联络站\"" all.jsonl &&
	test_grep "\"code\":\"XH\",\"name\":\"新华村代表联络站\"" all.jsonl
'

test_expect_success 'the report by station: names beside codes; --station counts one station alone' '
	county report --month 2026-03 >r.txt &&
	test_grep "^LJ：陵江镇人大代表联络站" r.txt && test_grep "^XH：新华村代表联络站" r.txt &&
	test_grep "^XH 2026-03-03" r.txt &&
	county report --month 2026-03 --format json >r.json &&
	test_grep "\"station\":\"XH\",\"name\":\"新华村代表联络站\"" r.json &&
	county report --month 2026-03 --station xh --format json >x.json &&
	test_grep "\"only_station\":\"xh\"" x.json && test_grep "\"total\":{\"days\":1,\"voters\":2,\"tickets\":2," x.json &&
	county report --month 2026-03 --station XH >x.txt && test_grep "仅统计 XH 站" x.txt
'

test_expect_success '--station on list, search and register' '
	county list --station xh --format tsv | tail -n +2 | cut -f1 >got &&
	printf "XH-2026-0001\nXH-2026-0002\n" >expect && test_cmp expect got &&
	county search 水渠 --format tsv | tail -n +2 | cut -f1 | sort >got &&
	printf "LJ-2026-0002\nXH-2026-0001\n" >expect && test_cmp expect got &&
	county search 水渠 --station LJ --format tsv | tail -n +2 | cut -f1 >got &&
	echo LJ-2026-0002 >expect && test_cmp expect got &&
	county register --month 2026-03 --station XH >reg &&
	test_grep "新华村代表联络站" reg && test_grep "XH-2026-0002" reg && ! grep "LJ-2026" reg
'

test_expect_success TMUX 'the statistics screen names the stations beside their codes' '
	tmux_start -e JIEDAI_DB="$TRASH/county.db" -e JIEDAI_NOW=2026-03-20T09:00:00 && wait_for "接待日" &&
	key 7 && wait_for "统计" && wait_for "2026年03月" &&
	wait_for "LJ：陵江镇人大代表联络站" && wait_for "XH：新华村代表联络站"
'

test_expect_success TMUX 'the list'"'"'s day filter tells the two stations'"'"' days of 3 March apart' '
	key Escape && wait_for "接待日" && key 5 && wait_for "XH-2026-0002" &&
	key F4 && wait_for "XH 2026-03-03" && screen >s && test_grep "LJ 2026-03-03" s &&
	item=$(grep -o "[0-9]  XH 2026-03-03" s | cut -c1) && key "$item" &&
	wait_for "XH 2026-03-03 新华村" && wait_gone "LJ-2026-0002" &&
	screen >s && test_grep "XH-2026-0001" s && test_grep "XH-2026-0002" s && ! grep "LJ-2026" s
'

test_done
