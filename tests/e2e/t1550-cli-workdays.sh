#!/bin/sh
test_description='working days: the holiday calendar, calendar-check, and deadlines past holidays'
. "$(dirname "$0")/test-lib.sh"

due() {
	tsv_field "$1" 14
}

test_expect_success 'the shipped calendar is correct and covers 2026' '
	jiedai calendar-check "$JIEDAI_SRC/forms/calendar.txt" >out &&
	test_grep "calendar.txt" out && test_grep "2026" out &&
	test_grep "33" out && test_grep "6" out
'

test_expect_success 'calendar-check reports each mistake with its line' '
	cat >cal.txt <<-\EOF &&
	# a station typing the next year
	year 2027
	off 02-30
	work 01-04 01-05
	off 01-01..01-03
	off 01-02
	EOF
	test_exit_code 1 jiedai calendar-check cal.txt 2>err &&
	test_grep "^cal.txt:3: " err && test_grep "02-30" err &&
	test_grep "^cal.txt:4: " err && test_grep "2027-01-05" err &&
	test_grep "^cal.txt:6: " err && test_grep "cal.txt:5\|第 *5 *行\|line 5" err &&
	printf "year 2028\noff 01-01\n" >half.txt &&
	test_exit_code 1 jiedai calendar-check half.txt 2>err &&
	test_grep "^half.txt:1: " err && test_grep "work none" err
'

test_expect_success 'setup' '
	jiedai init --station-code LJ >/dev/null &&
	JIEDAI_NOW=2026-02-12T09:00 jiedai add --name 张三 --category 农业农村 --issue 水渠失修 >/dev/null &&
	JIEDAI_NOW=2026-02-12T09:00 jiedai add --name 李四 --category 社会保障 --issue 低保 >/dev/null &&
	JIEDAI_NOW=2026-09-16T09:00 jiedai add --name 王五 --category 城建交通 --issue 路灯不亮 >/dev/null &&
	JIEDAI_NOW=2026-12-20T09:00 jiedai add --name 赵六 --category 其他 --issue 年底的事 >/dev/null
'

test_expect_success 'calendar days: a deadline in the Spring Festival moves to the first working day' '
	JIEDAI_NOW=2026-02-12T10:00 jiedai handover LJ-2026-0001 --to 镇水利站 --days 5 >out 2>err &&
	test "$(due LJ-2026-0001)" = 2026-02-24 && ! grep -q "日历\|calendar" err
'

test_expect_success 'a deadline landing on 1 October moves past National Day' '
	JIEDAI_NOW=2026-09-16T10:00 jiedai handover LJ-2026-0003 --to 镇建设办 --days 15 >out &&
	test "$(due LJ-2026-0003)" = 2026-10-08
'

test_expect_success 'deadline_unit workdays counts working days, make-up Saturdays included' '
	jiedai config deadline_unit workdays &&
	JIEDAI_NOW=2026-02-12T10:00 jiedai handover LJ-2026-0002 --to 镇民政办 --days 5天 >out &&
	test "$(due LJ-2026-0002)" = 2026-02-26 &&
	jiedai config deadline_unit calendar
'

test_expect_success 'a date typed as a date is kept as it is' '
	JIEDAI_NOW=2026-09-16T10:00 jiedai handover LJ-2026-0003 --to 镇建设办 --due 2026-10-03 >out &&
	test "$(due LJ-2026-0003)" = 2026-10-03
'

test_expect_success 'past the last year in the calendar: a date and a warning, no guess' '
	JIEDAI_NOW=2026-12-20T10:00 jiedai handover LJ-2026-0004 --to 镇政府 --days 15 >out 2>err &&
	test "$(due LJ-2026-0004)" = 2027-01-04 &&
	test_grep "2027" err && test_grep "calendar.txt" err
'

test_expect_success 'a station calendar beside its forms is used, and has 2027' '
	mkdir forms && cp "$JIEDAI_SRC"/forms/*.form "$JIEDAI_SRC/forms/calendar.txt" forms/ &&
	printf "year 2027\noff 01-01\nwork none\n" >>forms/calendar.txt &&
	jiedai --forms forms calendar-check >out && test_grep "forms/calendar.txt" out &&
	JIEDAI_NOW=2026-12-20T10:00 jiedai --forms forms handover LJ-2026-0004 --to 镇政府 --days 12 >out 2>err &&
	test "$(due LJ-2026-0004)" = 2027-01-04 && ! grep -q "日历\|calendar" err
'

test_expect_success 'the answer promised on the receipt is counted the same way' '
	JIEDAI_NOW=2026-09-16T10:00 jiedai receipt LJ-2026-0003 >r.txt &&
	test_grep "2026-10-08" r.txt &&
	jiedai config deadline_unit workdays &&
	JIEDAI_NOW=2026-09-16T10:00 jiedai receipt LJ-2026-0003 >r.txt &&
	test_grep "2026-10-13" r.txt &&
	jiedai config deadline_unit calendar
'

test_done
