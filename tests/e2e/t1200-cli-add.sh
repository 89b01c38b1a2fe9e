#!/bin/sh
test_description='jiedai add: registering issues, checked against forms/intake.form'
. "$(dirname "$0")/test-lib.sh"

test_expect_success 'setup' '
	jiedai init --station-code LJ >/dev/null &&
	jiedai day open --deputies 王芳,李强 >/dev/null
'

test_expect_success 'add prints the new ledger number alone on stdout' '
	jiedai add --name 张三 --phone 13800138000 --category 农业农村 \
		--issue "村里的灌溉水渠年久失修，春耕用水困难" >out 2>err &&
	echo LJ-2026-0001 >expect && test_cmp expect out
'

test_expect_success 'what was typed is what is stored' '
	jiedai show LJ-2026-0001 >out &&
	test_grep "张三" out && test_grep "13800138000" out &&
	test_grep "村里的灌溉水渠年久失修，春耕用水困难" out &&
	test_grep "王芳" out
'

test_expect_success 'phones are normalised: full-width digits, spaces, dashes, +86' '
	jiedai add --name 李四 --phone "１３９ ００１３-９０００" --category 社会保障 --issue 低保申请 >n &&
	test "$(tsv_field "$(cat n)" 8)" = 13900139000 &&
	jiedai add --name 王五 --phone "+86 137 0013 7000" --category 社会保障 --issue 医保 >n &&
	test "$(tsv_field "$(cat n)" 8)" = 13700137000 &&
	jiedai add --name 赵六 --phone "(0827) 555 1234" --category 其他 --issue 噪音 >n &&
	test "$(tsv_field "$(cat n)" 8)" = 0827-5551234
'

test_expect_success 'a bad phone is refused with a message naming the field, nothing stored' '
	jiedai list --format tsv | wc -l >before &&
	test_exit_code 1 jiedai add --name 钱七 --phone 12345 --category 其他 --issue 路灯 2>err &&
	test_grep "联系电话" err &&
	test_exit_code 1 jiedai add --name 钱七 --phone 88001234 --category 其他 --issue 路灯 2>err &&
	jiedai list --format tsv | wc -l >after && test_cmp before after
'

test_expect_success 'required fields, unknown categories and lengths in characters' '
	test_exit_code 1 jiedai add --category 其他 --issue 路灯 2>err && test_grep "姓名" err &&
	test_exit_code 1 jiedai add --name 钱七 --category 其他 2>err && test_grep "反映问题" err &&
	test_exit_code 1 jiedai add --name 钱七 --category 工业 --issue 路灯 2>err &&
	test_grep "农业农村" err &&
	jiedai add --name 欧阳娜娜十个字的名字啊啊啊啊啊啊啊啊啊啊 --category 其他 --issue 路灯 >/dev/null &&
	test_exit_code 1 jiedai add --name 欧阳娜娜十个字的名字啊啊啊啊啊啊啊啊啊啊啊 --category 其他 --issue 路灯 2>err &&
	test_grep "20" err
'

test_expect_success 'invalid UTF-8 and control characters are refused, never stored' '
	test_exit_code 1 jiedai add --name "$(printf "\377\376")" --category 其他 --issue 路灯 2>err &&
	test_grep "UTF-8" err &&
	test_exit_code 1 jiedai add --name "$(printf "张\033[2J三")" --category 其他 --issue 路灯 2>err &&
	! jiedai list --format tsv | grep -q "$(printf "\033")"
'

test_expect_success 'a multi-line issue keeps its lines' '
	jiedai add --name 孙八 --category 城建交通 --issue "$(printf "第一，路灯不亮。\n第二，路面坑洼。")" >n &&
	jiedai show --format json "$(cat n)" >out &&
	test_grep "第一，路灯不亮。\\\\n第二，路面坑洼。" out
'

test_expect_success 'station fields with --field are stored and shown; unknown ones refused' '
	jiedai add --name 周九 --category 民生事业 --issue 饮水 --field request=通自来水 >n &&
	jiedai show "$(cat n)" >out && test_grep "诉求 *通自来水" out &&
	jiedai show --format json "$(cat n)" >out && test_grep "\"request\":\"通自来水\"" out &&
	test_exit_code 1 jiedai add --name 周九 --category 民生事业 --issue 饮水 --field village=二组 2>err &&
	test_grep "village" err &&
	test_exit_code 1 jiedai add --name 周九 --category 民生事业 --issue 饮水 --field name=x 2>err
'

test_expect_success 'answered on the spot goes straight to answered, or ready when rated' '
	jiedai add --name 吴十 --category 社会保障 --issue 低保政策怎么申请 \
		--on-the-spot "已当场解释申请条件和所需材料" >n1 &&
	test "$(tsv_field "$(cat n1)" 2)" = answered &&
	jiedai add --name 郑一 --category 社会保障 --issue 养老保险 \
		--on-the-spot "已解释缴费档次" --method 当面 --rating 满意 >n2 &&
	test "$(tsv_field "$(cat n2)" 2)" = ready &&
	test_exit_code 2 jiedai add --name 郑一 --category 其他 --issue x --rating 满意 2>err
'

test_expect_success 'the receiving deputy can be named' '
	jiedai add --name 冯二 --category 其他 --issue 路灯 --deputy 李强 >n &&
	test "$(tsv_field "$(cat n)" 12)" = 李强
'

test_done
