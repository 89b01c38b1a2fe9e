#!/bin/sh
test_description='jiedai show: every field and the whole history'
. "$(dirname "$0")/test-lib.sh"

test_expect_success 'setup' '
	jiedai init --station-code LJ >/dev/null &&
	jiedai day open --deputies 王芳 >/dev/null &&
	jiedai add --name 张三 --phone 13800138000 --address 陵江镇二村三组 --category 农业农村 \
		--issue 水渠失修 --field request=春耕前修好 >/dev/null
'

test_expect_success 'show prints every field in Chinese' '
	jiedai show LJ-2026-0001 >out &&
	test_grep "编号 *LJ-2026-0001" out && test_grep "查询码" out &&
	test_grep "陵江镇二村三组" out && test_grep "诉求 *春耕前修好" out &&
	test_grep "2026-03-10" out
'

test_expect_success 'numbers are found in any case' '
	jiedai show lj-2026-0001 >out && test_grep "张三" out
'

test_expect_success 'the history names who did each step, with the login and SSH address' '
	SSH_CONNECTION="10.1.2.3 50000 10.1.2.1 22" JIEDAI_ACTOR=李强 \
		jiedai handover LJ-2026-0001 --to 镇水利站 --days 10 >/dev/null &&
	jiedai show LJ-2026-0001 >out &&
	test_grep "李强 .*@10.1.2.3" out && test_grep "镇水利站" out &&
	jiedai show --format json LJ-2026-0001 >out &&
	test_grep "\"client\":\"10.1.2.3\"" out && test_grep "\"actor\":\"李强\"" out
'

test_expect_success 'an unknown number is refused (exit 1)' '
	test_exit_code 1 jiedai show LJ-2026-0099 2>err && test_grep "LJ-2026-0099" err &&
	test_exit_code 2 jiedai show 2>err
'

test_done
