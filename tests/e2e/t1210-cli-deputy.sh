#!/bin/sh
test_description='who received the voter: add --deputy, the day'"'"'s deputies, the default'
. "$(dirname "$0")/test-lib.sh"

test_expect_success 'setup: a day with three deputies' '
	jiedai init --station-code LJ >/dev/null &&
	jiedai day open --deputies 王芳,李强,赵敏 >/dev/null
'

test_expect_success 'add --deputy refuses a name not present that day until the day is added to' '
	test_exit_code 1 jiedai add --name 张三 --category 其他 --issue 路灯 --deputy 钱七 >out 2>err &&
	test_grep "钱七" err && test_grep "王芳、李强、赵敏" err &&
	test_grep "jiedai day open --date 2026-03-10 --deputies 钱七" err &&
	test ! -s out && jiedai list --format tsv >list && test "$(wc -l <list)" -eq 1 &&
	: "the day open today can be added to; then the name is taken" &&
	jiedai day open --deputies 钱七 >out &&
	test_grep "王芳、李强、赵敏、钱七" out &&
	jiedai add --name 张三 --category 其他 --issue 路灯 --deputy 钱七 >n &&
	test "$(tsv_field "$(cat n)" 12)" = 钱七
'

test_expect_success 'without --deputy: the one last chosen on this terminal, and a note saying so' '
	jiedai add --name 李四 --category 其他 --issue 水渠 >n 2>err &&
	test "$(tsv_field "$(cat n)" 12)" = 钱七 &&
	test_grep "接待代表记为 钱七" err
'

test_expect_success 'a deputy present who registers is the default for their own tickets, with no note' '
	jiedai --as 李强 add --name 王五 --category 其他 --issue 低保 >n 2>err &&
	test "$(tsv_field "$(cat n)" 12)" = 李强 && ! grep -q "接待代表记为" err &&
	jiedai --as 李强 add --name 赵六 --category 其他 --issue 医保 --deputy 赵敏 >n &&
	jiedai --as 李强 add --name 孙七 --category 其他 --issue 路面 >n &&
	test "$(tsv_field "$(cat n)" 12)" = 赵敏
'

test_expect_success 'the statistics by deputy count each ticket for its own deputy' '
	jiedai report --format csv >r.csv &&
	grep "^接待代表," r.csv | cut -d, -f2,6 | sort >actual &&
	printf "%s\n" "李强,1" "王芳,0" "赵敏,2" "钱七,2" >expect && test_cmp expect actual &&
	jiedai check >/dev/null
'

test_expect_success 'a station form without the deputy field still takes --deputy' '
	mkdir forms && cp "$JIEDAI_SRC"/forms/*.form forms/ &&
	sed -i "/^field deputy/,\$d" forms/intake.form &&
	jiedai form-check forms/intake.form >/dev/null &&
	jiedai --forms forms add --name 周八 --category 其他 --issue 路灯 --deputy 王芳 >n &&
	test "$(tsv_field "$(cat n)" 12)" = 王芳 &&
	test_exit_code 1 jiedai --forms forms add --name 周八 --category 其他 --issue 路灯 --deputy 吴九 2>err &&
	test_grep "吴九" err
'

test_done
