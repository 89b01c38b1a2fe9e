#!/bin/sh
test_description='a whole reception day on the screen at 80x24, TERM=xterm, no locale'
. "$(dirname "$0")/test-lib.sh"

test_expect_success 'setup' '
	jiedai init --station-code LJ --station-name 陵江镇人大代表联络站 >/dev/null
'

test_expect_success TMUX 'the home screen comes up in Chinese with no locale set' '
	tmux_start &&
	wait_for "陵江镇人大代表联络站" &&
	wait_for "接待日" && screen >home.txt &&
	! grep -q "[?][?]" home.txt
'

test_expect_success TMUX 'registering with no day open asks for the day first' '
	key 1 && wait_for "到场代表" &&
	type_text "王芳、李强" && key Tab && type_text "陵江镇便民服务中心" &&
	key F2 && wait_for "选民来访登记" && wait_for "姓名"
'

test_expect_success TMUX 'first voter: typed in Chinese, category from the pick list, saved with F2' '
	type_text "张三" && key Tab && type_text "13800138000" && key Tab &&
	type_text "陵江镇二村三组" && key Tab &&
	type_text "农" && wait_for "农业农村" && key Enter &&
	type_text "村里的灌溉水渠年久失修，春耕用水困难" &&
	key F2 && wait_for "请从列表中选出接待这位选民的代表" &&
	type_text "李" && wait_for "李强" && key Enter &&
	key F2 && wait_for "LJ-2026-0001" && wait_for "第1位"
'

test_expect_success TMUX,ZBAR 'the receipt QR on the screen decodes to the ledger number and check code' '
	screen_qr >payload &&
	check=$(jiedai show --format json LJ-2026-0001 | sed -n "s/.*\"check_code\":\"\([A-Z0-9]*\)\".*/\1/p") &&
	test -n "$check" &&
	echo "JD:LJ-2026-0001:$check" >expect && test_cmp expect payload
'

test_expect_success TMUX 'another issue from the same voter keeps the voter and the position' '
	key 1 && wait_for "张三" && wait_for "13800138000" &&
	type_text "城" && wait_for "城建交通" && key Enter &&
	type_text "村口路灯坏了半年" && key C-s &&
	wait_for "LJ-2026-0002" && wait_for "第1位"
'

test_expect_success TMUX 'the next voter, answered on the spot (Ctrl-O) and rated at once' '
	key 2 && wait_for "姓名" &&
	type_text "李四" && key Tab && key Tab && key Tab &&
	type_text "社" && wait_for "社会保障" && key Enter &&
	type_text "低保怎么申请" && key C-o &&
	type_text "已当场解释低保申请条件和材料" && key Tab &&
	key Space && wait_for "基本满意" && key Enter &&
	key F2 && wait_for "LJ-2026-0003" && wait_for "第2位"
'

test_expect_success TMUX 'a third voter, and back home with the day counted' '
	key 2 && wait_for "姓名" &&
	type_text "王五" && key Tab && type_text "１３９ ００１３ ９０００" && key Tab && key Tab &&
	type_text "民生" && wait_for "民生事业" && key Enter &&
	type_text "自来水经常停水" && key F2 && wait_for "LJ-2026-0004" &&
	key Escape && wait_for "登记事项 4" && wait_for "接待选民 3"
'

test_expect_success 'the ledger through jiedai list matches what was typed' '
	jiedai list --format tsv | tail -n +2 | cut -f1,2,6,7,8,10 >actual &&
	printf "%s\n" \
		"LJ-2026-0001	registered	1	张三	13800138000	农业农村" \
		"LJ-2026-0002	registered	1	张三	13800138000	城建交通" \
		"LJ-2026-0003	ready	2	李四		社会保障" \
		"LJ-2026-0004	registered	3	王五	13900139000	民生事业" >expect &&
	test_cmp expect actual &&
	jiedai list --format tsv | tail -n +2 | cut -f12 | sort | uniq -c | sed "s/^ *//" >actual &&
	echo "4 李强" >expect && test_cmp expect actual &&
	jiedai day show >day && test_grep "王芳、李强" day &&
	jiedai show LJ-2026-0003 >s3 && test_grep "已当场解释低保申请条件和材料" s3 && test_grep "满意" s3
'

test_expect_success TMUX 'quitting puts the terminal back and exits 0' '
	key F10 && wait_for "[exited 0]"
'

test_done
