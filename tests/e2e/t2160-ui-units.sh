#!/bin/sh
test_description='units on the screen: the handover pick list takes the directory or a new unit, the unit view, its chase slip'
. "$(dirname "$0")/test-lib.sh"

test_expect_success 'setup: three items, one handed to a unit with a contact' '
	jiedai init --station-code LJ --station-name 陵江镇人大代表联络站 >/dev/null &&
	for i in 1 2 3; do
		jiedai add --name 张三$i --category 农业农村 --issue "水渠第${i}段年久失修" >/dev/null 2>&1 || return 1
	done &&
	jiedai handover LJ-2026-0001 --to 镇水利站 --due 2026-03-12 >/dev/null &&
	jiedai unit add 镇水利站 --contact 王工 --phone 13900001111 >/dev/null &&
	jiedai config print_dest ./spool.bin >/dev/null
'

test_expect_success TMUX 'the unit field offers the directory, filtered by what is typed' '
	tmux_start && wait_for "接待日" &&
	type_text "LJ-2026-0002" && key Enter && wait_for "水渠第2段" &&
	key 1 && wait_for "承办单位" && wait_for "镇水利站" &&
	type_text "水利" && wait_for "新单位：水利" && screen >s && test_grep "镇水利站" s &&
	key Down && key Enter && { wait_for "[镇水利站" 3 || wait_for "镇水利站"; } &&
	key F2 && wait_for "已交办" &&
	test "$(tsv_field LJ-2026-0002 13)" = 镇水利站 &&
	jiedai unit list --format tsv | tail -n +2 | cut -f1 >units && echo 镇水利站 >expect && test_cmp expect units
'

test_expect_success TMUX 'a name not in the directory is taken as typed and joins it' '
	key Escape && wait_for "接待日" &&
	type_text "LJ-2026-0003" && key Enter && wait_for "水渠第3段" &&
	key 1 && wait_for "承办单位" && type_text "镇环保站" && wait_for "镇环保站" &&
	key F2 && wait_for "已交办" &&
	test "$(tsv_field LJ-2026-0003 13)" = 镇环保站 &&
	jiedai unit list --format tsv | tail -n +2 | cut -f1 >units &&
	printf "镇水利站\n镇环保站\n" >expect && test_cmp expect units &&
	jiedai check >/dev/null
'

test_expect_success TMUX 'the unit view: items in hand, overdue with the days, the contact' '
	tmux_start -e JIEDAI_NOW=2026-03-20T09:00:00 && wait_for "接待日" &&
	key 8 && wait_for "13900001111" && screen >s && test_grep "镇环保站" s &&
	key Enter && wait_for "王工" && wait_for "LJ-2026-0001" &&
	screen >s && test_grep "LJ-2026-0001 *2026-03-12 *超期 8 天" s && test_grep "LJ-2026-0002" s
'

test_expect_success TMUX 'P prints the chase slip and records 督办 on each overdue item' '
	key p && wait_for "督办" && wait_for "spool.bin" &&
	test -s spool.bin &&
	jiedai show LJ-2026-0001 >show && test_grep "督办" show &&
	jiedai show LJ-2026-0002 >show && ! grep "督办单" show
'

test_expect_success TMUX 'S saves the chase slip as XLSX under the name given' '
	key s && wait_for ".xlsx" && key C-u && type_text "slip.xlsx" && key Enter &&
	wait_for "已送到 slip.xlsx" && test -s "$TRASH/slip.xlsx" &&
	jiedai show LJ-2026-0001 >show && test $(grep -c "督办" show) -eq 2
'

test_expect_success TMUX 'the statistics screen has the figures by unit (view 6)' '
	key Escape && key Escape && wait_for "接待日" &&
	key 7 && wait_for "统计" && key 6 && wait_for "按承办单位" &&
	screen >s && test_grep "^ 镇水利站 *2 *0 *0 *- *1 *0.00 *-" s && test_grep "镇环保站" s
'

test_done
