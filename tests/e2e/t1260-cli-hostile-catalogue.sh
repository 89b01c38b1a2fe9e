#!/bin/sh
test_description='a catalogue a person points their own jiedai at: its translations are printf formats, and one that takes other arguments is not used'
. "$(dirname "$0")/test-lib.sh"
. "$JIEDAI_SRC/tests/e2e/lib-hostile.sh"

# Not set-ID: JIEDAI_LOCALEDIR is honoured (a person may run their own
# program with their own catalogue), but every message with %n, %p or other
# arguments than the source's comes out as the English msgid.
evil() {
	JIEDAI_LOCALEDIR="$TRASH/evil" LANGUAGE=zh_CN jiedai "$@"
}
clean() {
	! grep -E "0x[0-9a-f]{6,}|\(nil\)|EVIL|%[0-9]\\\$|AddressSanitizer|runtime error|Segmentation" "$1"
}

test_expect_success 'setup: a ledger with a ticket, a catalogue built without --check' '
	jiedai init --station-code LJ >/dev/null && jiedai day open --deputies 王芳 >/dev/null &&
	jiedai add --name 张三 --phone 13800138000 --category 农业农村 --issue 水渠失修 >/dev/null &&
	hostile_catalogue "$TRASH/evil" &&
	msgunfmt "$TRASH/evil/zh_CN/LC_MESSAGES/jiedai.mo" >dump && test_grep "%1\\\$n %2\\\$p %3\\\$p %4\\\$s" dump
'

test_expect_success 'refusals, usage errors and lists: the English messages, no address, no crash' '
	test_exit_code 1 evil show LJ-2026-0999 >out 2>err && test_grep "there is no ticket numbered .LJ-2026-0999." err && clean err &&
	test_exit_code 2 evil nosuch >out 2>err && test_grep "is not a jiedai command" err && clean err &&
	test_exit_code 1 evil add --name 李四 --phone 12 --category 其他 --issue 低保 >out 2>err && clean err &&
	test_exit_code 1 evil signoff LJ-2026-0001 >out 2>err && clean err &&
	evil list >out 2>err && test_grep "Number" out && test_grep "LJ-2026-0001" out && clean out && clean err &&
	evil show LJ-2026-0001 >out 2>err && test_grep "水渠失修" out && clean out && clean err &&
	evil report --month 2026-03 >out 2>err && clean out && clean err &&
	evil help >out 2>err && clean out
'

test_expect_success 'a translation that keeps its arguments is the person'"'"'s to use' '
	perl -0pe "s/^(msgid \"there is no ticket numbered .%s.\"\nmsgstr )\".*\"/\$1\"找不到 %s（自己的译文）\"/m" \
		"$TRASH/evil/hostile.po" >mine.po &&
	mkdir -p mine/zh_CN/LC_MESSAGES && msgfmt -o mine/zh_CN/LC_MESSAGES/jiedai.mo mine.po &&
	test_exit_code 1 env JIEDAI_LOCALEDIR="$TRASH/mine" LANGUAGE=zh_CN "$JIEDAI" show LJ-2026-0999 2>err &&
	test_grep "找不到 LJ-2026-0999（自己的译文）" err
'

test_done
