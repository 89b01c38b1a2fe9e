#!/bin/sh
test_description='the installed set-group-ID jiedai keeps only the environment it needs: a hostile catalogue and every variable of issue 17 change nothing'
. "$(dirname "$0")/test-lib.sh"

. "$JIEDAI_SRC/tests/e2e/lib-shared-box.sh"
. "$JIEDAI_SRC/tests/e2e/lib-hostile.sh"

# A head, a deputy who plants the files, a login not set up.  None is in the group jiedai.
U1=jeh$$ U2=jed$$ U3=jex$$

test_expect_success ROOT 'setup: a shared box with the installed program, a ticket' '
	box_setup_install && box_users $U1 $U2 $U3 &&
	jiedai init --shared "$SHARED" --station-code LJ --station-name 陵江镇人大代表联络站 >/dev/null &&
	sh "$JIEDAI_SRC/src/install-setgid.sh" "$SG" >/dev/null &&
	jiedai user add $U1 --deputy 王芳 --role head >/dev/null &&
	jiedai user add $U2 --deputy 李强 --role deputy >/dev/null &&
	as_user $U2 "$SG" day open --deputies 王芳,李强 >/dev/null &&
	n=$(as_user $U2 "$SG" add --name 张三 --phone 13800138000 --category 农业农村 --issue 水渠失修) &&
	echo "$n" >num && as_user $U2 "$SG" answer "$n" --method 电话 --text 已答复 >/dev/null &&
	as_user $U2 "$SG" rate "$n" 满意 >/dev/null
'

EVIL="$TRASH/home-$U2/evil"
ledger_state() {
	sqlite3 "$SHARED/jiedai.db" "SELECT count(*), max(id) FROM events" &&
	sqlite3 "$SHARED/jiedai.db" "SELECT hex(hash) FROM events ORDER BY id DESC LIMIT 1" &&
	sqlite3 "$SHARED/jiedai.db" "SELECT * FROM tickets"
}
# as_evil LOGIN COMMAND...: as_user with every hostile variable set.
as_evil() {
	u=$1
	shift
	# shellcheck disable=SC2046
	runuser -u "$u" -- env -i PATH=/usr/bin:/bin HOME="$TRASH/home-$u" LC_ALL=C.UTF-8 \
		ASAN_OPTIONS="$SGASAN" $(hostile_env "$EVIL") "$@"
}
# clean FILE: nothing an attack would show — no address, no %n effect, no planted text, no crash.
clean() {
	! grep -E "0x[0-9a-f]{6,}|\(nil\)|EVIL|%[0-9]\\\$|AddressSanitizer|runtime error|Segmentation" "$1" &&
	test ! -e "$EVIL/marks"
}

test_expect_success ROOT 'the deputy plants a catalogue built without --check, and the rest, in their home' '
	hostile_catalogue "$EVIL/locale" && hostile_files "$EVIL" &&
	chown -R $U2 "$EVIL" &&
	msgunfmt "$EVIL/locale/zh_CN/LC_MESSAGES/jiedai.mo" | grep -q "%1\\\$n %2\\\$p" &&
	ledger_state >before
'

test_expect_success ROOT 'a refused step: the installed catalogue says why, in Chinese, and nothing is printed from the deputy'"'"'s' '
	n=$(cat num) &&
	test_exit_code 1 as_evil $U2 "$SG" signoff "$n" >out 2>err &&
	cat out err &&
	test_grep "站长" err && clean err && clean out
'

test_expect_success ROOT 'reads, usage errors, help and refusals of every kind' '
	n=$(cat num) &&
	as_evil $U2 "$SG" list >out 2>err && test_grep "编号" out && test_grep "$n" out && clean out && clean err &&
	as_evil $U2 "$SG" show "$n" >out 2>err && test_grep "水渠失修" out && clean out && clean err &&
	test_exit_code 1 as_evil $U2 "$SG" show LJ-2026-0999 >out 2>err && test_grep "没有" err && clean err &&
	test_exit_code 2 as_evil $U2 "$SG" nosuch >out 2>err && test_grep "nosuch" err && test_grep "jiedai help" err && clean err &&
	as_evil $U2 "$SG" help >out 2>err && test_grep "接待" out && clean out && clean err &&
	test_exit_code 1 as_evil $U2 "$SG" config void_roles deputy >out 2>err && clean err &&
	test_exit_code 1 as_evil $U2 "$SG" add --name 李四 --phone 12 --category 其他 --issue 低保 >out 2>err &&
	test_grep "手机号" err && clean err &&
	test_exit_code 1 as_evil $U3 "$SG" list >out 2>err && test_grep "user add $U3" err && clean err &&
	test_exit_code 3 as_evil $U2 "$SG" register -o "$EVIL/notadir/x" >out 2>err && test_grep "无法写入" err && clean err
'

test_expect_success ROOT 'what the variables asked for did not happen: the shared ledger, the system clock, the installed forms' '
	n=$(cat num) &&
	as_evil $U2 "$SG" show "$n" --format json >j 2>err &&
	test_grep "\"number\":\"$n\"" j && test_grep "\"created_at\":\"$(date +%Y-%m-%d)" j &&
	! grep -q "EVIL" j &&
	test_exit_code 1 as_evil $U2 "$SG" add --name 李四 --category EVIL --issue 低保 >out 2>err &&
	clean out
'

test_expect_success ROOT,TMUX 'the screen: drawn from the system'"'"'s terminfo, in Chinese' '
	tmux_start -- runuser -u $U2 -- env -i PATH=/usr/bin:/bin HOME="$TRASH/home-$U2" TERM=xterm \
		ASAN_OPTIONS="$SGASAN" $(hostile_env "$EVIL") "$SG" &&
	wait_for "登记" && ! screen | grep -q "EVIL" &&
	key F10 && key F10 && key 0 && wait_for "[exited" &&
	screen | grep "exited 0" && test ! -e "$EVIL/marks"
'

test_expect_success ROOT 'the ledger is untouched, and sound' '
	ledger_state >after && test_cmp before after &&
	jiedai check >out && test_grep "完好\|sound" out
'

test_done
