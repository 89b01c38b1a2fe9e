#!/bin/sh
test_description='on a shared box: a deputy may not archive (personal data), staff may; every role reads the duty records'
. "$(dirname "$0")/test-lib.sh"
. "$JIEDAI_SRC/tests/e2e/lib-shared-box.sh"

UA=jaa$$ US=jas$$
# The set-group-ID program reads the system's clock, not JIEDAI_NOW.
YEAR=$(date +%Y)

# events: the number of events in the shared ledger (root reads it).
events() {
	sqlite3 "$SHARED/jiedai.db" "SELECT count(*) FROM events"
}

test_expect_success ROOT,SQLITE3 'setup: a shared box, a deputy and staff, two voters' '
	box_setup_install && box_users $UA $US &&
	jiedai init --shared "$SHARED" --station-code LJ --station-name 陵江镇人大代表联络站 >/dev/null &&
	sh "$JIEDAI_SRC/src/install-setgid.sh" "$SG" >/dev/null &&
	jiedai user add $UA --deputy 李强 >/dev/null &&
	jiedai user add $US --deputy 赵敏 --role staff >/dev/null &&
	as_user $US "$SG" day open --deputies 李强,孙丽 >/dev/null &&
	as_user $UA "$SG" add --name 张三明 --phone 13800138000 --category 农业农村 --issue 水渠失修 >/dev/null &&
	as_user $US "$SG" add --name 王五华 --phone 13900139000 --category 城建交通 --issue 路灯不亮 \
		--deputy 孙丽 >/dev/null
'

test_expect_success ROOT,SQLITE3 'a deputy is refused the archive, told who may; no folder, no event' '
	events >before &&
	test_exit_code 1 as_user $UA "$SG" archive --year $YEAR -o "$TRASH/home-$UA/归档" 2>err &&
	cat err && test_grep "李强" err && test_grep "工作人员、站长" err &&
	test ! -e "$TRASH/home-$UA/归档" &&
	test $(events) -eq $(cat before)
'

test_expect_success ROOT 'every role reads the duty records: a deputy his own in full, and the others'"'"'' '
	as_user $UA "$SG" duty --deputy 李强 >own.txt &&
	test_grep "代表：李强" own.txt && test_grep "接待选民 *1 人" own.txt &&
	as_user $UA "$SG" duty >all.txt &&
	test_grep "代表：孙丽" all.txt && test_grep "代表：李强" all.txt &&
	as_user $US "$SG" duty >staff.txt && test_cmp all.txt staff.txt &&
	! grep -e 张三明 -e 王五华 -e 13800138000 all.txt
'

test_expect_success ROOT,SQLITE3 'staff archive: the folder is theirs, 0700, one event with who did it' '
	events >before &&
	as_user $US "$SG" archive --year $YEAR -o "$TRASH/home-$US/归档" >out &&
	test $(events) -eq $(($(cat before) + 1)) &&
	sqlite3 "$SHARED/jiedai.db" "SELECT kind || \"|\" || actor || \"|\" || login FROM events ORDER BY id DESC LIMIT 1" >last &&
	test_grep -x "archive|赵敏|$US" last &&
	test "$(stat -c "%U %a" "$TRASH/home-$US/归档")" = "$US 700" &&
	test "$(stat -c "%U %a" "$TRASH/home-$US/归档/台账-截至$(date +%F).jsonl")" = "$US 600" &&
	as_user $UA "$SG" archive --verify "$TRASH/home-$US/归档" 2>err; test $? -ne 0 &&
	as_user $US "$SG" archive --verify "$TRASH/home-$US/归档" >v.out && test_grep "归档文件夹和归档时一样" v.out
'

test_expect_success ROOT,TMUX 'on the screen, a deputy is not offered A, and A is refused with who may' '
	tmux_start -- runuser -u $UA -- env -i PATH=/usr/bin:/bin HOME="$TRASH/home-$UA" TERM=xterm \
		TZ="$TZ" ASAN_OPTIONS="$SGASAN" "$SG" ui --report &&
	wait_for "统计和登记簿" && wait_for "Esc 返回" &&
	! screen | grep -q "全年归档" &&
	key A && wait_for "工作人员、站长" &&
	test ! -e "$TRASH/home-$UA/文档" && ! ls "$TRASH/home-$UA" | grep -q 归档 &&
	key Escape
'

test_done
