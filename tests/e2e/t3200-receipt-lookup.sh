#!/bin/sh
test_description='phone-in look-up and scanned receipts: the right code shows progress, nothing else does'
. "$(dirname "$0")/test-lib.sh"

test_expect_success 'setup' '
	jiedai init --station-code LJ >/dev/null &&
	jiedai add --name 张三明 --phone 13800138000 --address 陵江镇二村三组 --category 农业农村 \
		--issue 灌溉水渠年久失修 >/dev/null &&
	jiedai add --name 李四 --category 社会保障 --issue 低保怎么申请 >/dev/null &&
	jiedai handover LJ-2026-0001 --to 镇水利站 --days 15 >/dev/null &&
	jiedai show LJ-2026-0001 | awk "NR==2 {print \$NF}" >check && test -s check
'
check=$(cat check 2>/dev/null)
# A well-formed check code that is not this ticket's.
bad=34679
[ "$bad" != "$check" ] || bad=34677

test_expect_success 'number and the last four phone digits show status and progress' '
	jiedai lookup LJ-2026-0001 --phone4 8000 >out &&
	test_grep "LJ-2026-0001" out && test_grep "镇水利站" out && test_grep "2026-03-25" out &&
	test_grep "张\*明" out && test_grep "农业农村" out &&
	! grep -q 张三明 out && ! grep -q 13800138000 out && ! grep -q 二村三组 out &&
	! grep -q 灌溉水渠 out && ! grep -q "$check" out
'

test_expect_success 'full-width digits from an input method, and the check code, work too' '
	jiedai lookup LJ-2026-0001 --phone4 ８０００ >out && test_grep 镇水利站 out &&
	jiedai lookup lj-2026-0001 --check "$check" >out && test_grep 镇水利站 out &&
	jiedai lookup "JD:LJ-2026-0001:$check" >out && test_grep 镇水利站 out
'

test_expect_success 'a number alone, wrong digits or a wrong code show nothing (exit 1)' '
	test_exit_code 1 jiedai lookup LJ-2026-0001 >out 2>err && ! test -s out &&
	test_exit_code 1 jiedai lookup LJ-2026-0001 --phone4 8001 >out 2>err && ! test -s out &&
	! grep -q 张 err && ! grep -q 镇水利站 err &&
	test_exit_code 1 jiedai lookup LJ-2026-0001 --check "$bad" >out 2>err && ! test -s out &&
	test_exit_code 1 jiedai lookup LJ-2026-0002 --phone4 0000 >out 2>err && ! test -s out &&
	test_exit_code 1 jiedai lookup LJ-2026-0001 --phone4 80 >out 2>err && ! test -s out &&
	test_exit_code 2 jiedai lookup LJ-2026-0001 --phone4 8000 --check "$check" 2>err
'

test_expect_success 'an unknown number gets the same answer as a wrong code' '
	LANGUAGE=en jiedai lookup LJ-2026-0001 --phone4 8001 2>err1 >/dev/null;
	LANGUAGE=en jiedai lookup LJ-2026-0777 --phone4 8001 2>err2 >/dev/null;
	tail -n 1 err1 | sed "s/LJ-2026-0001/N/" >a && tail -n 1 err2 | sed "s/LJ-2026-0777/N/" >b &&
	test_cmp a b
'

test_expect_success 'show opens a scanned receipt when its check code matches' '
	jiedai show "JD:LJ-2026-0001:$check" >out && test_grep 张三明 out &&
	jiedai show "jd:lj-2026-0001:$check " >out && test_grep 张三明 out
'

test_expect_success 'show refuses a scanned receipt with a wrong check code, showing nothing' '
	test_exit_code 1 jiedai show "JD:LJ-2026-0001:$bad" >out 2>err &&
	! test -s out && ! grep -q 张三明 err &&
	test_exit_code 1 jiedai show "JD:LJ-2026-0099:$check" >out 2>err && ! test -s out &&
	test_grep LJ-2026-0099 err
'

test_expect_success 'after 不满意 the look-up says the item is handled again, and since when' '
	JIEDAI_NOW=2026-03-12T10:00 jiedai answer LJ-2026-0001 --method 电话 --text 已安排维修 >/dev/null &&
	JIEDAI_NOW=2026-03-12T11:00 jiedai lookup LJ-2026-0001 --phone4 8000 >out &&
	! grep -q 重新办理 out &&
	JIEDAI_NOW=2026-03-20T10:00 jiedai rate LJ-2026-0001 不满意 --note 还没修 >/dev/null &&
	jiedai lookup LJ-2026-0001 --phone4 8000 >out &&
	test_grep "重新办理" out && test_grep "2026-03-20" out && test_grep "不满意" out &&
	grep "重新办理" out | test_grep "状态" &&
	test_grep "上次答复.*电话" out &&
	jiedai show LJ-2026-0001 >out && grep "^状态" out >st && test_grep 重新办理 st && test_grep 2026-03-20 st
'

test_expect_success 'answered again, it no longer says so; reopened, it does again' '
	JIEDAI_NOW=2026-03-25T10:00 jiedai answer LJ-2026-0001 --method 入户回访 --text 已修好 >/dev/null &&
	jiedai lookup LJ-2026-0001 --phone4 8000 >out && ! grep -q 重新办理 out &&
	jiedai rate LJ-2026-0001 满意 >/dev/null && jiedai signoff LJ-2026-0001 >/dev/null &&
	JIEDAI_NOW=2026-04-02T10:00 jiedai reopen LJ-2026-0001 --reason 又坏了 >/dev/null &&
	jiedai lookup LJ-2026-0001 --phone4 8000 >out &&
	test_grep "重新办理" out && test_grep "2026-04-02" out
'

test_expect_success TMUX 'the screen says it too when the number is typed on the home screen' '
	tmux_start && wait_for "接待日" &&
	type_text "LJ-2026-0001" && key Enter && wait_for "重新办理" && screen >s &&
	test_grep "2026-04-02" s
'

test_done
