#!/bin/sh
test_description='a shared township box: jiedai init --shared, two Unix users, roles, backups'
. "$(dirname "$0")/test-lib.sh"

# Made-up logins for this run only; removed at the end.
U1=jdh$$ U2=jdd$$ U3=jdx$$ U4=jds$$
WRITERS="$JIEDAI_BUILD/tests/helper/jd-writers"
SHARED="$TRASH/shared"
export JIEDAI_CONF="$TRASH/jiedai.conf"
unset JIEDAI_DB

as_user() {
	u=$1
	shift
	runuser -u "$u" -- env JIEDAI_CONF="$JIEDAI_CONF" JIEDAI_NOW="$JIEDAI_NOW" HOME="$TRASH" \
		ASAN_OPTIONS="$ASAN_OPTIONS" LC_ALL=C.UTF-8 "$@"
}

test_expect_success ROOT 'setup: test logins' '
	chmod 755 "$TRASH" &&
	had_group=$(getent group jiedai >/dev/null && echo yes || echo no) &&
	echo "$had_group" >"$TRASH/had-group" &&
	for u in $U1 $U2 $U3 $U4; do useradd -M -d "$TRASH" -s /bin/sh $u || return 1; done
'
test_at_exit "for u in $U1 $U2 $U3 $U4; do userdel \$u; done; [ \"\$(cat $TRASH/had-group 2>/dev/null)\" = no ] && groupdel jiedai"

test_expect_success ROOT 'init --shared makes the group, a setgid directory, the ledger and the config' '
	jiedai init --shared "$SHARED" --station-code LJ --station-name 陵江镇人大代表联络站 >out &&
	getent group jiedai &&
	test "$(stat -c %a:%G "$SHARED")" = 2770:jiedai &&
	test "$(stat -c %a:%G "$SHARED/jiedai.db")" = 660:jiedai &&
	test_grep "^db = $SHARED/jiedai.db" "$JIEDAI_CONF" &&
	jiedai config station_code >code && echo LJ >expect && test_cmp expect code
'

test_expect_success ROOT 'user add maps logins to deputies and roles, and lets them in' '
	jiedai user add $U1 --deputy 王芳 --role head >out &&
	jiedai user add $U2 --deputy 李强 --role deputy >out &&
	jiedai user add $U4 --shared >out &&
	id -nG $U1 | grep -qw jiedai && id -nG $U2 | grep -qw jiedai && id -nG $U4 | grep -qw jiedai &&
	! id -nG $U3 | grep -qw jiedai &&
	jiedai user list >list && test_grep "$U1 .*王芳" list && test_grep "$U4" list
'

test_expect_success ROOT 'a login outside the group gets a clear message, not "unable to open"' '
	test_exit_code 3 as_user $U3 "$JIEDAI" list 2>err &&
	test_grep "jiedai" err && test_grep "usermod -aG jiedai" err &&
	! grep -q "unable to open" err
'

test_expect_success ROOT '8 writers from two users (one with umask 077): gapless, no errors, modes kept' '
	as_user $U1 sh -c "umask 077; exec \"$WRITERS\" \"$SHARED/jiedai.db\" 4 500" >w1 2>&1 &
	p1=$! &&
	as_user $U2 sh -c "umask 022; exec \"$WRITERS\" \"$SHARED/jiedai.db\" 4 500" >w2 2>&1 &&
	wait $p1 &&
	cat w1 w2 && test "$(cat w1 w2 | grep -c "errors 0")" -eq 8 &&
	jiedai list --format tsv | tail -n +2 | cut -f1 | sed "s/^LJ-2026-//" | sort -n >seqs &&
	seq -f "%04g" 1 4000 >expect && test_cmp expect seqs &&
	for f in "$SHARED"/jiedai.db*; do
		test "$(stat -c %a:%G "$f")" = 660:jiedai || { ls -l "$SHARED"; return 1; }
	done
'

test_expect_success ROOT 'roles: a deputy records and answers, but may not hand over, sign off or void' '
	n=$(as_user $U2 "$JIEDAI" add --name 张三 --category 农业农村 --issue 水渠失修) &&
	echo "$n" >n2 &&
	test_exit_code 1 as_user $U2 "$JIEDAI" handover "$n" --to 镇水利站 --days 5 2>err &&
	test_grep "工作人员" err &&
	as_user $U2 "$JIEDAI" answer "$n" --method 电话 --text 已答复 >/dev/null &&
	as_user $U2 "$JIEDAI" rate "$n" 满意 >/dev/null &&
	test_exit_code 1 as_user $U2 "$JIEDAI" signoff "$n" 2>err && test_grep "站长" err &&
	test_exit_code 1 as_user $U2 "$JIEDAI" void "$n" --reason 错 2>err && test_grep "站长" err &&
	test_exit_code 1 as_user $U2 "$JIEDAI" reopen "$n" --reason 再办 2>err &&
	test_exit_code 1 as_user $U2 "$JIEDAI" user add $U3 --deputy 赵六 2>err &&
	test "$(tsv_field "$n" 2)" = ready
'

test_expect_success ROOT 'the head signs off; the events say who, from which login' '
	n=$(cat n2) &&
	as_user $U1 "$JIEDAI" signoff "$n" --note 已办结 >/dev/null &&
	jiedai show "$n" >out &&
	test_grep "李强 ($U2)" out && test_grep "王芳 ($U1)" out &&
	test "$(tsv_field "$n" 2)" = closed
'

test_expect_success ROOT 'a shared login must say who is working; the person acts with their role' '
	test_exit_code 1 as_user $U4 "$JIEDAI" add --name 周九 --category 其他 --issue 路灯 2>err &&
	test_grep -- "--as" err &&
	test_exit_code 1 as_user $U4 "$JIEDAI" --as 不认识 add --name 周九 --category 其他 --issue 路灯 2>err &&
	n=$(as_user $U4 "$JIEDAI" --as 王芳 add --name 周九 --category 其他 --issue 路灯) &&
	as_user $U4 "$JIEDAI" --as 王芳 void "$n" --reason 重复 >/dev/null &&
	jiedai show "$n" >out && test_grep "王芳 ($U4)" out
'

test_expect_success ROOT,TMUX 'on a shared login the screen asks who is working' '
	tmux_start -- runuser -u $U4 -- env JIEDAI_CONF="$JIEDAI_CONF" HOME="$TRASH" "$JIEDAI" &&
	wait_for "$U4" && wait_for "李强" && wait_for "王芳" &&
	num=$(screen | sed -n "s/.*[|] *\([0-9]\)  王芳.*/\1/p" | head -n 1) && test -n "$num" &&
	key "$num" && wait_for "王芳" && screen | head -n 1 | grep -q "王芳" &&
	key F10 && wait_for "[exited 0]"
'

test_expect_success ROOT 'a backup taken during writes is a complete, consistent ledger' '
	as_user $U1 "$WRITERS" "$SHARED/jiedai.db" 2 300 >w3 2>&1 &
	p=$! &&
	sleep 0.3 &&
	jiedai backup "$TRASH/backup.db" >out &&
	wait $p &&
	test "$(stat -c %a "$TRASH/backup.db")" = 600 &&
	jiedai --db "$TRASH/backup.db" check >chk && test_grep "backup.db" chk &&
	n=$(jiedai --db "$TRASH/backup.db" list --format tsv | tail -n +2 | wc -l) &&
	test "$n" -ge 4002 && test "$n" -le 4602 &&
	jiedai check >/dev/null &&
	test_exit_code 1 jiedai backup "$TRASH/backup.db" 2>err
'

test_expect_success SQLITE3 'check finds a gap in the numbers (a damaged ledger)' '
	jiedai --db "$TRASH/gap.db" init --station-code QT >/dev/null &&
	jiedai --db "$TRASH/gap.db" add --name 张三 --category 其他 --issue x >/dev/null 2>&1 &&
	jiedai --db "$TRASH/gap.db" check >/dev/null &&
	fts="$JIEDAI_BUILD/jiedai_fts" &&
	! sqlite3 -cmd ".load $fts" "$TRASH/gap.db" "update tickets set number = \"QT-2026-0005\"" 2>err &&
	test_grep "never change" err &&
	sqlite3 -cmd ".load $fts" "$TRASH/gap.db" "drop trigger tickets_number_fixed; update tickets set seq = 5" &&
	test_exit_code 1 jiedai --db "$TRASH/gap.db" check >out 2>err &&
	test_grep "QT" out
'

test_expect_success SQLITE3 'check finds a damaged search index; a rebuild mends it' '
	fts="$JIEDAI_BUILD/jiedai_fts" &&
	jiedai --db "$TRASH/idx.db" init --station-code QT >/dev/null &&
	jiedai --db "$TRASH/idx.db" add --name 张三 --category 其他 --issue 路灯不亮 >/dev/null 2>&1 &&
	jiedai --db "$TRASH/idx.db" check >/dev/null &&
	sqlite3 -cmd ".load $fts" "$TRASH/idx.db" \
		"insert into tickets_fts(rowid, number, name, phone, issue, address) values(999, \"x\", \"y\", \"z\", \"w\", \"v\")" &&
	test_exit_code 1 jiedai --db "$TRASH/idx.db" check >out 2>err &&
	test_grep "tickets_fts\|索引\|index" out &&
	sqlite3 -cmd ".load $fts" "$TRASH/idx.db" "insert into tickets_fts(tickets_fts) values(\"rebuild\")" &&
	jiedai --db "$TRASH/idx.db" check >/dev/null
'

test_done
