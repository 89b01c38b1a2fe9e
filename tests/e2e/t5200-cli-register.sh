#!/bin/sh
test_description='jiedai register: public (masked) and internal versions, text, CSV and XLSX, and who may see what'
. "$(dirname "$0")/test-lib.sh"
. "$JIEDAI_SRC/tests/e2e/lib-report-ledger.sh"

# Everything that must never appear in a public register.
PRIVATE="张三明 李四 王五 赵六 孙八 周九 钱七 13800138000 5551234 13912345678 13600002222 13500003333 13700001111 三组"

# A single quote, for the neutralised cells.
Q="'"

# no_private FILE: none of the full names, phones or addresses is in FILE.
no_private() {
	for w in $PRIVATE; do
		if grep -F -q -- "$w" "$1"; then echo "'$w' is in $1"; return 1; fi
	done
}

test_expect_success 'setup: the hand-built ledger' '
	build_report_ledger
'
export JIEDAI_NOW=2026-04-01T10:00:00

test_expect_success 'public text: March tickets in ledger order, void left out' '
	LANGUAGE=en jiedai register --month 2026-03 >pub &&
	grep -o "^LJ-2026-[0-9]*" pub >numbers &&
	printf "LJ-2026-%s\n" 0002 0003 0004 0005 0006 0008 0009 >expect &&
	test_cmp expect numbers &&
	head -n 2 pub >head &&
	printf "%s\n" "陵江镇人大代表联络站 — register of voters received (public)" "2026-03, as of 2026-04-01" >expect &&
	test_cmp expect head
'

test_expect_success 'public text: names and phones masked, nothing private left' '
	no_private pub &&
	test_grep -F "Voter: 张*明   Contact: 138****8000" pub &&
	test_grep -F "Voter: 李*   Contact: 0827-***1234" pub &&
	test_grep -F "Voter: 王*   Category: 农业农村" pub &&
	test_grep -F "Handed to: 镇水利站   Deadline: 2026-03-18" pub &&
	test_grep -F "Answer method: 电话   Answer date: 2026-03-08   Satisfaction: 满意" pub &&
	test_grep -F "Signed off: 2026-03-10" pub
'

test_expect_success 'internal text: full details and the void ticket with its reason' '
	LANGUAGE=en jiedai register --month 2026-03 --internal >int &&
	grep -o "^LJ-2026-[0-9]*" int >numbers &&
	printf "LJ-2026-%s\n" 0002 0003 0004 0005 0006 0007 0008 0009 >expect &&
	test_cmp expect numbers &&
	test_grep -F "(internal)" int &&
	test_grep -F "Voter: 张三明   Contact: 13800138000；三组" int &&
	test_grep -F "Voter: 钱七" int &&
	test_grep -F "Signed off: void 2026-03-17: 重复登记" int
'

test_expect_success 'CSV: BOM, CRLF, the 13 columns, RFC 4180 quoting, formulas neutralised' '
	LANGUAGE=en jiedai register --month 2026-03 --format csv >pub.csv &&
	head -c 3 pub.csv | od -An -tx1 | tr -d " " >bom && echo efbbbf >expect && test_cmp expect bom &&
	csv_records pub.csv >rec &&
	head -n 1 rec >h &&
	printf "Number\tDate\tDeputy\tVoter\tContact\tIssue\tCategory\tHanded to\tDeadline\tAnswer method\tAnswer date\tSatisfaction\tSigned off\n" >expect &&
	test_cmp expect h &&
	test $(wc -l <rec) -eq 9 &&
	awk -F "\t" "NF != 13 { exit 1 }" rec &&
	tail -n 1 rec | grep -qE "^(台账校验码|Ledger check code) [0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{4}	" &&
	grep "^LJ-2026-0005" rec | cut -f 4,6 >issue5 &&
	printf "王*\t关于\"高标准农田\"建设，\\\\n请尽快安排，谢谢\n" >expect &&
	test_cmp expect issue5 &&
	grep "^LJ-2026-0002" rec >row2 &&
	printf "LJ-2026-0002\t2026-03-03\t王芳\t张*明\t138****8000\t村里的灌溉水渠年久失修，春耕用水困难\t农业农村\t镇水利站\t2026-03-18\t电话\t2026-03-08\t满意\t2026-03-10\n" >expect &&
	test_cmp expect row2 &&
	cut -f 6 rec | grep "^$Q" >formulas &&
	printf "%s\n" "$Q=1+2 学校门口缺少斑马线" "$Q-医保报销比例" "$Q@村委会 修路" >expect &&
	test_cmp expect formulas &&
	test_grep -F "\"关于\"\"高标准农田\"\"建设，" pub.csv &&
	no_private pub.csv
'

test_expect_success 'CSV internal: full names, phones and the void ticket' '
	jiedai register --month 2026-03 --internal --format csv >int.csv &&
	csv_records int.csv >rec &&
	test $(wc -l <rec) -eq 10 &&
	grep "^LJ-2026-0004" rec | cut -f 4,5 >row &&
	printf "李四\t0827-5551234\n" >expect && test_cmp expect row &&
	grep -q "^LJ-2026-0007	.*	钱七	13700001111	" rec
'

test_expect_success 'XLSX: the same cells read back from its XML, shared strings included' '
	LANGUAGE=en jiedai register --month 2026-03 --format xlsx -o pub.xlsx >out &&
	unzip -t pub.xlsx >/dev/null &&
	xlsx_cells pub.xlsx >cells &&
	grep -P "^[A-M]1\t" cells >t && printf "A1\t陵江镇人大代表联络站 — register of voters received (public)\n" >expect && test_cmp expect t &&
	grep -P "^A2\t" cells >t && printf "A2\t2026-03, as of 2026-04-01\n" >expect && test_cmp expect t &&
	grep -P "^[A-M]3\t" cells | cut -f2 | tr "\n" "|" >t &&
	printf "Number|Date|Deputy|Voter|Contact|Issue|Category|Handed to|Deadline|Answer method|Answer date|Satisfaction|Signed off|" >expect &&
	test_cmp expect t &&
	grep -P "^[A-M]4\t" cells | cut -f2 | tr "\n" "|" >t &&
	printf "LJ-2026-0002|2026-03-03|王芳|张*明|138****8000|村里的灌溉水渠年久失修，春耕用水困难|农业农村|镇水利站|2026-03-18|电话|2026-03-08|满意|2026-03-10|" >expect &&
	test_cmp expect t &&
	grep -P "^F7\t" cells >t && printf "F7\t关于\"高标准农田\"建设，\\\\n请尽快安排，谢谢\n" >expect && test_cmp expect t &&
	grep -P "^F8\t" cells >t && printf "F8\t=1+2 学校门口缺少斑马线\n" >expect && test_cmp expect t &&
	grep -P "^A10\t" cells >t && printf "A10\tLJ-2026-0009\n" >expect && test_cmp expect t &&
	grep -qP "^A11\t(台账校验码|Ledger check code) [0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{4}$" cells &&
	! grep -P "^A12\t" cells &&
	grep -q "t=\"s\"" .sheet.xml &&
	! grep -q "<f>" .sheet.xml &&
	no_private .ss.xml && no_private .sheet.xml
'

test_expect_success 'XLSX: laid out for A4 with the header row on every page' '
	unzip -p pub.xlsx xl/workbook.xml >wb.xml &&
	test_grep -F "_xlnm.Print_Titles" wb.xml &&
	test_grep -F "\$3:\$3" wb.xml &&
	test_grep -E "<pageSetup[^>]*paperSize=\"9\"" .sheet.xml &&
	test_grep -E "<pageSetup[^>]*orientation=\"landscape\"" .sheet.xml &&
	test_grep -E "<pageSetup[^>]*fitToHeight=\"0\"" .sheet.xml &&
	test_grep -E "<col min=\"6\" max=\"6\" width=\"36" .sheet.xml &&
	test_grep -F "<mergeCell ref=\"A1:M1\"/>" .sheet.xml &&
	unzip -p pub.xlsx xl/styles.xml >styles.xml &&
	test_grep -F "wrapText=\"1\"" styles.xml
'

test_expect_success 'XLSX to a pipe; an empty month; usage errors' '
	jiedai register --month 2026-03 --format xlsx >piped.xlsx &&
	unzip -t piped.xlsx >/dev/null &&
	LANGUAGE=en jiedai register --month 2026-05 >empty &&
	test_grep "no voters were registered" empty &&
	test_exit_code 2 jiedai register --month 2026-03 --format pdf 2>err &&
	test_exit_code 2 jiedai register --month March 2>err
'



test_done
