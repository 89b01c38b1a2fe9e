#!/bin/sh
test_description='jiedai check: each part says how far it got on a terminal, and nothing is said off one'
. "$(dirname "$0")/test-lib.sh"
JDPTY="$JIEDAI_BUILD/tests/helper/jd-pty"

test_expect_success 'setup: a made-up ledger of 3000 tickets' '
	jiedai gen 3000 --seed 3 >/dev/null 2>&1
'

# Each part of the check, in order, as its progress line names it.
cat >parts <<-\EOF
正在检查数据库文件
正在检查记录之间的关联
正在核对已发出的编号
正在核对办理记录的封存
正在逐件核对事项与办理记录
正在核对接待日、设置和登录账号
正在检查查找索引
EOF

test_expect_success 'on a terminal: every part, from the database file to the search index, to 100%' '
	"$JDPTY" tty.out "$JIEDAI" check &&
	tr "\r" "\n" <tty.out >lines &&
	grep " 100%" lines | sed "s/ \[.*//" >done &&
	test_cmp parts done &&
	test_grep "完好" lines
'

test_expect_success 'off a terminal: the verdict on stdout, nothing on stderr' '
	"$JIEDAI" check >out 2>err &&
	test_grep "完好" out &&
	! test -s err &&
	! grep "正在" out
'

test_done
