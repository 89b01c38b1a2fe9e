#!/bin/sh
test_description='jiedai report: every figure of a hand-built month, in text, JSON and CSV'
. "$(dirname "$0")/test-lib.sh"
. "$JIEDAI_SRC/tests/e2e/lib-report-ledger.sh"

# jget FILE PATH: a value of a JSON file (SQL NULL prints as nothing).
jget() {
	sqlite3 :memory: "SELECT json_extract(readfile('$1'), '$2')"
}

test_expect_success 'setup: the hand-built ledger' '
	build_report_ledger
'
export JIEDAI_NOW=2026-04-01T10:00:00

test_expect_success 'text: the overall figures match the hand count' '
	LANGUAGE=en jiedai report --month 2026-03 >out &&
	sed "s/  */ /g; s/^ //" out >norm &&
	test_grep -x "Reception days held 2" norm &&
	test_grep -x "Voters received 6" norm &&
	test_grep -x "Issues registered 7 1 voided, not counted" norm &&
	test_grep -x "Answered 4" norm &&
	test_grep -x "Resolved (满意/基本满意) 3 42.86 % of issues" norm &&
	test_grep -x "Rated 4 满意 2, 基本满意 1, 不满意 1" norm &&
	test_grep -x "Satisfaction 75.00 %" norm &&
	test_grep -x "Overdue now 2" norm &&
	test_grep -x "Average days to answer 3.25" norm
'

test_expect_success 'text: by category, deputy and reception day' '
	sed "s/  */ /g; s/^ //" out >norm &&
	cat >expect <<-\EOF &&
	农业农村 - 2 2 1 1 50.00 1 5.00
	城建交通 - 2 2 1 0 - 1 5.00
	社会保障 - 2 2 1 1 100.00 0 0.00
	教科文卫 - 1 1 1 1 100.00 0 3.00
	王芳 2 4 4 3 3 100.00 0 2.67
	李强 1 3 3 1 0 0.00 2 5.00
	2026-03-03 1 3 4 2 2 66.67 2 2.50
	2026-03-17 1 2 2 1 1 100.00 0 3.00
	(other days) 0 1 1 1 0 - 0 5.00
	EOF
	grep -E "^(农业农村|城建交通|社会保障|教科文卫|王芳|李强|2026-03-[0-9]+|\(other days\)) " norm >actual &&
	test_cmp expect actual &&
	! grep "环境保护" out &&
	! grep "民生事业" out
'

test_expect_success SQLITE3 'JSON: the same figures, rates as numbers, null where nothing counts' '
	jiedai report --month 2026-03 --format json >r.json &&
	for p in "total.days=2" "total.voters=6" "total.tickets=7" "voided=1" "total.answered=4" \
		"total.resolved=3" "total.resolved_pct=42.86" "total.rated=4" "total.good=2" \
		"total.fair=1" "total.bad=1" "total.satisfied=3" "total.satisfaction_pct=75.0" \
		"total.overdue=2" "total.avg_answer_days=3.25" \
		"by_category[0].category=农业农村" "by_category[0].satisfaction_pct=50.0" \
		"by_category[1].category=城建交通" "by_category[1].satisfaction_pct=" \
		"by_category[1].days=" "by_category[3].tickets=1" \
		"by_deputy[0].deputy=王芳" "by_deputy[0].days=2" "by_deputy[0].avg_answer_days=2.67" \
		"by_deputy[1].deputy=李强" "by_deputy[1].overdue=2" "by_deputy[1].satisfaction_pct=0.0" \
		"by_day[0].date=2026-03-03" "by_day[0].satisfaction_pct=66.67" "by_day[0].voters=3" \
		"by_day[2].date=" "by_day[2].tickets=1" "by_station[0].station=LJ" \
		"station.code=LJ" "from=2026-03-01" "to=2026-03-31" "as_of=2026-04-01"
	do
		path=${p%%=*} want=${p#*=} &&
		got=$(jget r.json "\$.$path") &&
		if [ "$got" != "$want" ]; then echo "$path: got [$got], want [$want]"; exit 1; fi
	done
'

test_expect_success 'CSV: BOM, a header, the total and every group row' '
	LANGUAGE=en jiedai report --month 2026-03 --format csv >r.csv &&
	head -c 3 r.csv | od -An -tx1 | tr -d " " >bom && echo efbbbf >expect && test_cmp expect bom &&
	grep -c "$(printf "\r")\$" r.csv >crlf && wc -l <r.csv >lines && test_cmp lines crlf &&
	tr -d "\r" <r.csv >r.txt &&
	test_grep "^Total,,,2,6,7,4,3,42.86,4,3,2,1,1,75.00,2,3.25,4,100.00\$" r.txt &&
	test_grep "^Category,城建交通,,,2,2,1,0,0.00,0,0,0,0,0,,1,5.00,1,100.00\$" r.txt &&
	test_grep "^Deputy,王芳,,2,4,4,3,3,75.00,3,3,2,1,0,100.00,0,2.67,3,100.00\$" r.txt &&
	test_grep "^Reception day,2026-03-03,LJ,1,3,4,2,2,50.00,3,2,2,0,1,66.67,2,2.50,2,100.00\$" r.txt &&
	test_grep "^Reception day,(other days),,0,1,1,1,0,0.00,0,0,0,0,0,,0,5.00,1,100.00\$" r.txt &&
	test_grep "^Unit,镇建设办,,,2,2,1,0,0.00,0,0,0,0,0,,1,5.00,1,100.00\$" r.txt &&
	test_grep "^Unit,镇农业服务中心,,,1,1,0,0,0.00,1,0,0,0,1,0.00,1,,0,\$" r.txt &&
	test $(wc -l <r.txt) -eq 16
'

test_expect_success 'a period within the month; February; a month with nothing' '
	LANGUAGE=en jiedai report --from 2026-03-17 --to 2026-03-31 >out &&
	sed "s/  */ /g; s/^ //" out >norm &&
	test_grep -x "Reception days held 1" norm &&
	test_grep -x "Issues registered 3 1 voided, not counted" norm &&
	test_grep -x "Average days to answer 4.00" norm &&
	LANGUAGE=en jiedai report --month 2026-02 >out &&
	sed "s/  */ /g; s/^ //" out >norm &&
	test_grep -x "Issues registered 1" norm &&
	test_grep -x "Reception days held 0" norm &&
	LANGUAGE=en jiedai report --month 2026-05 >out &&
	sed "s/  */ /g; s/^ //" out >norm &&
	test_grep -x "Issues registered 0" norm &&
	test_grep -x "Satisfaction -" norm &&
	test_grep -x "Average days to answer -" norm
'

test_expect_success 'without a period: this month (April here)' '
	jiedai report --format json >now.json &&
	test_grep "\"from\":\"2026-04-01\",\"to\":\"2026-04-30\"" now.json &&
	test_grep "\"tickets\":1," now.json
'

test_expect_success 'usage errors' '
	test_exit_code 2 jiedai report --month 2026-3 2>err &&
	test_exit_code 2 jiedai report --month 2026-03 --from 2026-03-01 --to 2026-03-02 2>err &&
	test_exit_code 2 jiedai report --from 2026-03-01 2>err &&
	test_exit_code 2 jiedai report --from 2026-03-10 --to 2026-03-01 2>err &&
	test_exit_code 2 jiedai report --format xml 2>err
'

test_expect_success 'report -o writes the file and nothing on stdout' '
	jiedai report --month 2026-03 --format json -o saved.json >stdout &&
	test ! -s stdout &&
	jiedai report --month 2026-03 --format json >direct.json &&
	test_cmp direct.json saved.json
'

test_done
