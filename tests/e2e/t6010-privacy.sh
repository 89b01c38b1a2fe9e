#!/bin/sh
test_description='the personal-data rule: a deputy sees in full only the voters they received or handle, everywhere'
. "$(dirname "$0")/test-lib.sh"
. "$JIEDAI_SRC/tests/e2e/lib-shared-box.sh"

UA=jpa$$ UB=jpb$$ US=jps$$

# The three tickets' voters, in full and masked.
T1FULL="张三明" T1PHONE=13800138000
T2FULL="王五华" T2PHONE=13900139000 T2MASK="王*华" T2PMASK="139****9000" T2AMASK="河东**"
T3FULL="赵六"

test_expect_success ROOT 'setup: a shared box, two deputies and staff, three tickets' '
	box_setup_install && box_users $UA $UB $US &&
	jiedai init --shared "$SHARED" --station-code LJ >/dev/null &&
	sh "$JIEDAI_SRC/src/install-setgid.sh" "$SG" >/dev/null &&
	jiedai user add $UA --deputy 李强 >/dev/null &&
	jiedai user add $UB --deputy 孙丽 >/dev/null &&
	jiedai user add $US --deputy 赵敏 --role staff >/dev/null &&
	as_user $US "$SG" day open --deputies 李强,孙丽 >/dev/null &&
	as_user $UA "$SG" add --name $T1FULL --phone $T1PHONE --address 青松村3组 --category 农业农村 \
		--issue 水渠失修 >n1 &&
	as_user $UB "$SG" add --name $T2FULL --phone $T2PHONE --address 河东村1组 --category 城建交通 \
		--issue 路灯不亮 >n2 &&
	as_user $UB "$SG" add --name $T3FULL --phone 13700137000 --category 社会保障 --issue 低保申请 >n3 &&
	as_user $UA "$SG" answer "$(cat n3)" --method 电话 --text 已答复 >/dev/null
'

# No full name, phone or address of ticket 2 in a file.
hides_t2() {
	! grep -q -e "$T2FULL" -e "$T2PHONE" -e 河东村1组 "$1"
}

test_expect_success ROOT 'list, in every format: the deputy'"'"'s own and handled voters in full, the other masked' '
	for fmt in table tsv json; do
		as_user $UA "$SG" list --format $fmt >l.$fmt || return 1
		hides_t2 l.$fmt || { cat l.$fmt; return 1; }
		grep -qF "$T2MASK" l.$fmt || return 1
		grep -q "$T1FULL" l.$fmt && grep -q "$T3FULL" l.$fmt || return 1
	done &&
	grep -qF "$T2PMASK" l.tsv && grep -qF "$T2AMASK" l.tsv && grep -q "$T1PHONE" l.tsv
'

test_expect_success ROOT 'search: the other voter is not found by name or phone, only by number and issue, masked' '
	as_user $UA "$SG" search $T2FULL --format tsv >s1 && test "$(tail -n +2 s1 | wc -l)" = 0 &&
	as_user $UA "$SG" search $T2PHONE --format tsv >s2 && test "$(tail -n +2 s2 | wc -l)" = 0 &&
	as_user $UA "$SG" search 路灯 --format tsv >s3 && test "$(tail -n +2 s3 | wc -l)" = 1 &&
	hides_t2 s3 && grep -qF "$T2MASK" s3 &&
	as_user $UA "$SG" search "$(cat n2)" --format json >s4 && hides_t2 s4 &&
	as_user $UB "$SG" search $T2FULL --format tsv >s5 && test "$(tail -n +2 s5 | wc -l)" = 1
'

test_expect_success ROOT 'show, as text and JSON' '
	as_user $UA "$SG" show "$(cat n2)" >sh.txt && hides_t2 sh.txt && grep -qF "$T2MASK" sh.txt &&
	as_user $UA "$SG" show "$(cat n2)" --format json >sh.json && hides_t2 sh.json &&
	grep -qF "\"name\":\"$T2MASK\"" sh.json &&
	as_user $UA "$SG" show "$(cat n1)" --format json >sh1.json && grep -q "$T1PHONE" sh1.json &&
	as_user $UA "$SG" show "$(cat n3)" >sh3.txt && grep -q "$T3FULL" sh3.txt
'

test_expect_success ROOT 'staff see every voter in full; exports and the internal register are theirs alone' '
	as_user $US "$SG" list --format tsv >st && grep -q "$T2FULL" st && grep -q "$T2PHONE" st &&
	test_exit_code 1 as_user $UA "$SG" export --format csv -o "$TRASH/home-$UA/a.csv" 2>err &&
	test_exit_code 1 as_user $UA "$SG" register --internal 2>err &&
	as_user $US "$SG" export --format csv -o "$TRASH/home-$US/a.csv" >/dev/null &&
	grep -q "$T2PHONE" "$TRASH/home-$US/a.csv"
'

test_expect_success ROOT 'the public register is masked for everyone, staff included' '
	as_user $UA "$SG" register >r1 && hides_t2 r1 && ! grep -q "$T1FULL" r1 &&
	as_user $US "$SG" register >r2 && hides_t2 r2 && ! grep -q "$T1FULL" r2
'

test_expect_success ROOT,TMUX 'on the screen: the list and the ticket show the other voter masked' '
	tmux_start -- runuser -u $UA -- env -i PATH=/usr/bin:/bin HOME="$TRASH/home-$UA" TERM=xterm \
		TZ="$TZ" ASAN_OPTIONS="$SGASAN" "$SG" &&
	wait_for "接待日" && key 5 && wait_for "$(cat n1)" &&
	wait_for "$T2MASK" && ! screen | grep -q "$T2FULL" &&
	key Escape && wait_for "接待日" &&
	type_text "$(cat n2)" && key Enter && wait_for "路灯不亮" &&
	screen >d && grep -qF "$T2MASK" d && ! grep -q -e "$T2FULL" -e "$T2PHONE" d &&
	key Escape && wait_for "接待日"
'

test_expect_success ROOT,TMUX 'a returning voter typed in by phone: the link is offered with the name masked, and not filled in' '
	key 1 && wait_for "姓名" && key Tab && type_text "$T2PHONE" && key Tab &&
	wait_for "$T2MASK" && ! screen | grep -q "$T2FULL" &&
	key Enter && wait_for "同一选民" && screen >f &&
	! grep -q "$T2FULL" f && grep -q "姓名 \*  *\[ *\]" f
'

test_done
