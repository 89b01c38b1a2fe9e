#!/bin/sh
test_description='the personal-data rule: a deputy sees in full only the voters they received or follow up, everywhere; public outputs are one sheet for everyone'
. "$(dirname "$0")/test-lib.sh"
. "$JIEDAI_SRC/tests/e2e/lib-shared-box.sh"

# Deputy A (李强), deputy B (孙丽), deputy C (周九), staff (赵敏), the head (王芳).
UA=jpa$$ UB=jpb$$ UC=jpc$$ US=jps$$ UH=jph$$

# The tickets' voters, in full and masked.  T2 is B's voter: the rows below are A's view of it.
T1FULL="张三明" T1PHONE=13800138000
T2FULL="王五华" T2PHONE=13900139000 T2MASK="王*华" T2PMASK="139****9000" T2AMASK="河东**"
T3FULL="赵六"
T4FULL="冯小雨" T4MASK="冯*雨"

test_expect_success ROOT 'setup: a shared box, three deputies, staff and the head, four tickets' '
	box_setup_install && box_users $UA $UB $UC $US $UH &&
	jiedai init --shared "$SHARED" --station-code LJ >/dev/null &&
	sh "$JIEDAI_SRC/src/install-setgid.sh" "$SG" >/dev/null &&
	jiedai user add $UA --deputy 李强 >/dev/null &&
	jiedai user add $UB --deputy 孙丽 >/dev/null &&
	jiedai user add $UC --deputy 周九 >/dev/null &&
	jiedai user add $US --deputy 赵敏 --role staff >/dev/null &&
	jiedai user add $UH --deputy 王芳 --role head >/dev/null &&
	as_user $US "$SG" day open --deputies 李强,孙丽,周九 >/dev/null &&
	as_user $UA "$SG" add --name $T1FULL --phone $T1PHONE --address 青松村3组 --category 农业农村 \
		--issue 水渠失修 >n1 &&
	as_user $UB "$SG" add --name $T2FULL --phone $T2PHONE --address 河东村1组 --category 城建交通 \
		--issue 路灯不亮 >n2 &&
	as_user $UB "$SG" add --name $T3FULL --phone 13700137000 --category 社会保障 --issue 低保申请 >n3 &&
	as_user $UB "$SG" add --name $T4FULL --phone 13600136000 --address 河东村2组 --category 城建交通 \
		--issue "${T4FULL}家门口的井盖坏了，电话13600136000" >n4 &&
	as_user $UA "$SG" answer "$(cat n3)" --method 电话 --text 已答复 >/dev/null
'

# No full name, phone or address of ticket 2 in a file.
hides_t2() {
	! grep -q -e "$T2FULL" -e "$T2PHONE" -e 河东村1组 "$1"
}

# a_sees_t2 full|masked: deputy A's view of B's ticket 2 in list (every format), search and
# show (text and JSON), and the station's stub of its receipt.
a_sees_t2() {
	n2=$(cat n2)
	for fmt in table tsv json; do
		as_user $UA "$SG" list --format $fmt >v.$fmt || return 1
		as_user $UA "$SG" show "$n2" --format $( [ $fmt = json ] && echo json || echo text) >s.$fmt || return 1
		for f in v.$fmt s.$fmt; do
			if [ "$1" = full ]; then
				grep -q "$T2FULL" $f || { echo "$f: $T2FULL not shown in full"; cat $f; return 1; }
			else
				hides_t2 $f && grep -qF "$T2MASK" $f || { echo "$f: not masked"; cat $f; return 1; }
			fi
		done
	done
	as_user $UA "$SG" search $T2FULL --format tsv >f.name &&
	as_user $UA "$SG" search $T2PHONE --format tsv >f.phone &&
	as_user $UA "$SG" search 路灯 --format tsv >f.issue &&
	test "$(tail -n +2 f.issue | wc -l)" = 1 &&
	as_user $UA "$SG" receipt "$n2" --stub --format text >stub || return 1
	if [ "$1" = full ]; then
		grep -q "$T2PHONE" v.tsv && grep -qF "河东村1组" v.tsv &&
		test "$(tail -n +2 f.name | wc -l)" = 1 && test "$(tail -n +2 f.phone | wc -l)" = 1 &&
		grep -q "$T2FULL" f.issue && grep -q "$T2PHONE" stub
	else
		grep -qF "$T2PMASK" v.tsv && grep -qF "$T2AMASK" v.tsv &&
		test "$(tail -n +2 f.name | wc -l)" = 0 && test "$(tail -n +2 f.phone | wc -l)" = 0 &&
		hides_t2 f.issue && hides_t2 stub
	fi
}

# The same output as A, B, staff and the head: cmp the bytes.  same_for_all NAME COMMAND...
same_for_all() {
	name=$1
	shift
	for u in $UA $UB $US $UH; do
		as_user $u "$SG" "$@" >"$name.$u" 2>"$name.$u.err" || { cat "$name.$u.err"; return 1; }
	done
	test -s "$name.$UA" &&
	cmp "$name.$UA" "$name.$UB" && cmp "$name.$UA" "$name.$US" && cmp "$name.$UA" "$name.$UH"
}

test_expect_success ROOT 'list, in every format: the deputy'"'"'s own voters in full, the others masked' '
	for fmt in table tsv json; do
		as_user $UA "$SG" list --format $fmt >l.$fmt || return 1
		hides_t2 l.$fmt || { cat l.$fmt; return 1; }
		grep -qF "$T2MASK" l.$fmt || return 1
		grep -q "$T1FULL" l.$fmt || return 1
	done &&
	grep -qF "$T2PMASK" l.tsv && grep -qF "$T2AMASK" l.tsv && grep -q "$T1PHONE" l.tsv
'

test_expect_success ROOT 'answering another deputy'"'"'s ticket does not make its voter the deputy'"'"'s to see' '
	as_user $UA "$SG" list --format tsv >l.tsv && ! grep -q "$T3FULL" l.tsv &&
	as_user $UA "$SG" show "$(cat n3)" >sh3.txt && ! grep -q "$T3FULL" sh3.txt && grep -q "赵\*" sh3.txt
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
	as_user $UA "$SG" show "$(cat n1)" --format json >sh1.json && grep -q "$T1PHONE" sh1.json
'

test_expect_success ROOT 'the matrix before anyone acted: A sees B'"'"'s voter masked everywhere' '
	a_sees_t2 masked
'

test_expect_success ROOT 'after A printed B'"'"'s receipt (allowed; the paper masks the voter): still masked' '
	as_user $UA "$SG" print "$(cat n2)" --to "$TRASH/home-$UA/r.txt" --format text --stub >out &&
	hides_t2 "$TRASH/home-$UA/r.txt" && grep -qF "$T2MASK" "$TRASH/home-$UA/r.txt" &&
	as_user $US "$SG" show "$(cat n2)" >h && grep -q "打印回执" h &&
	a_sees_t2 masked
'

test_expect_success ROOT 'after A answered B'"'"'s ticket: still masked' '
	as_user $UA "$SG" answer "$(cat n2)" --method 电话 --text 已安排维修 >/dev/null &&
	a_sees_t2 masked
'

test_expect_success ROOT 'after A recorded the rating of B'"'"'s ticket: still masked' '
	as_user $UA "$SG" rate "$(cat n2)" 满意 >/dev/null &&
	a_sees_t2 masked
'

test_expect_success ROOT 'a deputy may not give a ticket to anyone to follow up' '
	test_exit_code 1 as_user $UA "$SG" follow "$(cat n2)" --deputy 李强 2>err &&
	grep -q "工作人员、站长" err && a_sees_t2 masked
'

test_expect_success ROOT,TMUX 'on the screen: the list and the ticket show the other voter masked' '
	tmux_start -- runuser -u $UA -- env -i PATH=/usr/bin:/bin HOME="$TRASH/home-$UA" TERM=xterm \
		TZ="$TZ" ASAN_OPTIONS="$SGASAN" "$SG" &&
	wait_for "接待日" && key 5 && wait_for "$(cat n1)" &&
	wait_for "$T2MASK" && ! screen | grep -q "$T2FULL" &&
	key Escape && wait_for "接待日" &&
	type_text "$(cat n2)" && key Enter && wait_for "路灯不亮" &&
	screen >d && grep -qF "$T2MASK" d && ! grep -q -e "$T2FULL" -e "$T2PHONE" d &&
	key 9 && wait_for "工作人员、站长" &&
	key Escape && wait_for "接待日"
'

test_expect_success ROOT,TMUX 'a returning voter typed in by phone: the link is offered with the name masked, and not filled in' '
	key 1 && wait_for "姓名" && key Tab && type_text "$T2PHONE" && key Tab &&
	wait_for "$T2MASK" && ! screen | grep -q "$T2FULL" &&
	key Enter && wait_for "同一选民" && screen >f &&
	! grep -q "$T2FULL" f && grep -q "姓名 \*  *\[ *\]" f &&
	key Escape && wait_for "不保存就离开吗" && key 1 && wait_for "接待日" && tmux_stop
'

test_expect_success ROOT 'given to A to follow up by staff: A sees the voter in full everywhere' '
	as_user $US "$SG" follow "$(cat n2)" --deputy 李强 >out && grep -q "李强" out &&
	a_sees_t2 full &&
	as_user $UB "$SG" show "$(cat n2)" >b && grep -q "$T2PHONE" b &&
	as_user $UC "$SG" show "$(cat n2)" >c && hides_t2 c
'

test_expect_success ROOT,TMUX 'on the screen, the followed-up voter in full' '
	tmux_start -- runuser -u $UA -- env -i PATH=/usr/bin:/bin HOME="$TRASH/home-$UA" TERM=xterm \
		TZ="$TZ" ASAN_OPTIONS="$SGASAN" "$SG" &&
	wait_for "接待日" && key 5 && wait_for "$T2FULL" &&
	key Escape && wait_for "接待日" &&
	type_text "$(cat n2)" && key Enter && wait_for "路灯不亮" && wait_for "$T2PHONE" &&
	wait_for "跟进代表：李强" && tmux_stop
'

test_expect_success ROOT 'moved by the head to C: A sees the voter masked again, C in full' '
	as_user $UH "$SG" follow "$(cat n2)" --deputy 周九 >/dev/null &&
	a_sees_t2 masked &&
	as_user $UC "$SG" show "$(cat n2)" >c && grep -q "$T2PHONE" c &&
	as_user $UC "$SG" search $T2PHONE --format tsv >cs && test "$(tail -n +2 cs | wc -l)" = 1
'

test_expect_success ROOT,TMUX 'on the screen, masked again' '
	tmux_start -- runuser -u $UA -- env -i PATH=/usr/bin:/bin HOME="$TRASH/home-$UA" TERM=xterm \
		TZ="$TZ" ASAN_OPTIONS="$SGASAN" "$SG" &&
	wait_for "接待日" && key 5 && wait_for "$T2MASK" && ! screen | grep -q "$T2FULL" &&
	key Escape && wait_for "接待日" &&
	type_text "$(cat n2)" && key Enter && wait_for "路灯不亮" &&
	screen >d && grep -qF "$T2MASK" d && ! grep -q -e "$T2FULL" -e "$T2PHONE" d && tmux_stop
'

test_expect_success ROOT 'taken back: C no longer sees it, and check replays every follow-up step' '
	as_user $US "$SG" follow "$(cat n2)" --clear >/dev/null &&
	as_user $UC "$SG" show "$(cat n2)" >c && hides_t2 c &&
	as_user $US "$SG" show "$(cat n2)" >h && test "$(grep -c "跟进代表" h)" = 3 &&
	as_user $US "$SG" check >/dev/null
'

test_expect_success ROOT 'staff see every voter in full; exports and the internal register are theirs alone' '
	as_user $US "$SG" list --format tsv >st && grep -q "$T2FULL" st && grep -q "$T2PHONE" st &&
	for fmt in csv jsonl; do
		test_exit_code 1 as_user $UA "$SG" export --format $fmt -o "$TRASH/home-$UA/a.$fmt" 2>err || return 1
		test ! -e "$TRASH/home-$UA/a.$fmt" || return 1
		as_user $US "$SG" export --format $fmt -o "$TRASH/home-$US/a.$fmt" >/dev/null || return 1
		as_user $UH "$SG" export --format $fmt -o "$TRASH/home-$UH/a.$fmt" >/dev/null || return 1
	done &&
	test_exit_code 1 as_user $UA "$SG" export --format xlsx -o "$TRASH/home-$UA/a.xlsx" 2>err &&
	test ! -e "$TRASH/home-$UA/a.xlsx" &&
	grep -q "$T2PHONE" "$TRASH/home-$US/a.csv" && grep -q "$T2PHONE" "$TRASH/home-$UH/a.jsonl" &&
	test_exit_code 1 as_user $UA "$SG" register --internal 2>err &&
	as_user $US "$SG" register --internal >ri.s && as_user $UH "$SG" register --internal >ri.h &&
	grep -q "$T2PHONE" ri.s && grep -q "$T2PHONE" ri.h
'

test_expect_success ROOT 'the public register is one sheet for A, B, staff and the head (text, CSV, XLSX)' '
	same_for_all reg register && hides_t2 reg.$UA && ! grep -q "$T1FULL" reg.$UA &&
	grep -qF "$T2PMASK" reg.$UA && grep -qF "138****8000" reg.$UA &&
	same_for_all regcsv register --format csv && hides_t2 regcsv.$UA &&
	for u in $UA $UB $US $UH; do
		as_user $u "$SG" register -o "$TRASH/home-$u/r.xlsx" >/dev/null || return 1
	done &&
	cmp "$TRASH/home-$UA/r.xlsx" "$TRASH/home-$US/r.xlsx" && cmp "$TRASH/home-$UB/r.xlsx" "$TRASH/home-$UH/r.xlsx" &&
	cmp "$TRASH/home-$UA/r.xlsx" "$TRASH/home-$UB/r.xlsx"
'

test_expect_success ROOT 'the day list (当日接待登记表) is one sheet for everyone' '
	as_user $US "$SG" day close >/dev/null &&
	same_for_all day day close --date "$(date +%F)" &&
	grep -qF "$T2MASK" day.$UA && hides_t2 day.$UA && ! grep -q "$T1FULL" day.$UA
'

test_expect_success ROOT 'the Open311 export is one file for everyone, the voter'"'"'s name masked in the issue too' '
	same_for_all o311 export --format open311 &&
	! grep -q -e "$T4FULL" -e 13600136000 o311.$UA && grep -qF "${T4MASK}家门口" o311.$UA &&
	hides_t2 o311.$UA && grep -qF "\"address\":\"河东**\"" o311.$UA
'

test_expect_success ROOT 'the voter'"'"'s part of a receipt and the phone-in look-up are the same for everyone' '
	same_for_all rc receipt "$(cat n2)" --no-stub --format text && hides_t2 rc.$UA &&
	grep -qF "$T2PMASK" rc.$UA &&
	same_for_all lk lookup "$(cat n2)" --phone4 9000 && hides_t2 lk.$UA && grep -qF "$T2MASK" lk.$UA
'

test_expect_success ROOT 'a chase slip (督办单): staff and head only, one sheet for both' '
	JIEDAI_NOW=2026-03-10T09:00:00 jiedai add --name 陈十一 --phone 13500135000 --category 城建交通 \
		--issue 桥栏杆松动 --deputy 孙丽 >n5 &&
	JIEDAI_NOW=2026-03-10T09:00:00 jiedai handover "$(cat n5)" --to 镇建设办 --due 2026-03-20 >/dev/null &&
	test_exit_code 1 as_user $UA "$SG" chase 镇建设办 2>err &&
	as_user $US "$SG" chase 镇建设办 >ch.s && as_user $UH "$SG" chase 镇建设办 >ch.h &&
	cmp ch.s ch.h && grep -q "桥栏杆松动" ch.s && ! grep -q -e 陈十一 -e 13500135000 ch.s
'

test_done
