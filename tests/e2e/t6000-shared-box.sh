#!/bin/sh
test_description='a shared township box: only jiedai (set-group-ID jiedai) opens the ledger, one gate checks every step'
. "$(dirname "$0")/test-lib.sh"

. "$JIEDAI_SRC/tests/e2e/lib-shared-box.sh"

# Made-up logins for this run only, none of them in the group jiedai:
# head, deputy, a login not set up, a login several people share, staff.
U1=jdh$$ U2=jdd$$ U3=jdx$$ U4=jds$$ U5=jdf$$

test_expect_success ROOT 'setup: test logins, an installed copy of the program' '
	box_setup_install && box_users $U1 $U2 $U3 $U4 $U5
'

test_expect_success ROOT 'init --shared: a system group with no members, a 2770 directory, the ledger, the config' '
	jiedai init --shared "$SHARED" --station-code LJ --station-name 陵江镇人大代表联络站 >out &&
	getent group jiedai >g && test "$(cut -d: -f4 g)" = "" &&
	test "$(stat -c %a:%U:%G "$SHARED")" = 2770:root:jiedai &&
	test "$(stat -c %a:%U:%G "$SHARED/jiedai.db")" = 660:root:jiedai &&
	test_grep "^db = $SHARED/jiedai.db" "$CONF" &&
	test "$(stat -c %a:%U "$CONF")" = 644:root
'

test_expect_success ROOT 'make install makes the program set-group-ID jiedai (src/install-setgid.sh)' '
	sh "$JIEDAI_SRC/src/install-setgid.sh" "$SG" &&
	test "$(stat -c %a:%U:%G "$SG")" = 2755:root:jiedai
'

test_expect_success ROOT 'user add maps logins to people and roles; nobody joins the group' '
	jiedai user add $U1 --deputy 王芳 --role head >out &&
	jiedai user add $U2 --deputy 李强 --role deputy >>out &&
	jiedai user add $U5 --deputy 赵敏 --role staff >>out &&
	jiedai user add $U4 --shared >>out &&
	! grep -i "adding user\|usermod" out &&
	for u in $U1 $U2 $U3 $U4 $U5; do ! id -nG $u | grep -qw jiedai || return 1; done &&
	jiedai user list >list && test_grep "$U1 .*王芳" list && test_grep "$U4" list
'

test_expect_success ROOT 'the system refuses a person who opens the ledger, its WAL or its drafts without jiedai' '
	as_user $U2 "$SG" day open --deputies 王芳,李强 >/dev/null &&
	for f in "$SHARED/jiedai.db" "$SHARED/jiedai.db-wal" "$SHARED/jiedai.db-shm"; do
		test -e "$f" || return 1
		! as_user $U2 cat "$f" >/dev/null 2>&1 || return 1
		! as_user $U2 cp "$f" "$TRASH/home-$U2/copy" 2>/dev/null || return 1
	done &&
	! as_user $U2 ls "$SHARED" >/dev/null 2>&1 &&
	! as_user $U2 sqlite3 "$SHARED/jiedai.db" "select count(*) from drafts" >/dev/null 2>&1 &&
	! as_user $U1 sqlite3 "$SHARED/jiedai.db" "update tickets set name = 1" >/dev/null 2>&1 &&
	test ! -e "$TRASH/home-$U2/copy"
'

test_expect_success ROOT 'a login not set up for the ledger may do nothing, whatever its environment says' '
	test_exit_code 1 as_user $U3 "$SG" list 2>err && test_grep "user add $U3" err &&
	test_exit_code 1 as_user $U3 env JIEDAI_CONF=/dev/null "$SG" list 2>err &&
	test_exit_code 1 as_user $U3 env JIEDAI_CONF=/dev/null "$SG" signoff LJ-2026-0001 2>err
'

test_expect_success ROOT '8 writers from two logins (one with umask 077) through jiedai: gapless, no errors, modes kept' '
	for w in 1 2 3 4 5 6 7 8; do
		if [ $w -le 4 ]; then u=$U1 m=077; else u=$U2 m=022; fi
		as_user $u sh -c "umask $m; i=0; e=0; while [ \$i -lt 200 ]; do
			\"$SG\" add --name 写入$w --category 其他 --issue 第\$i件 >/dev/null 2>>\"\$HOME/err$w\" || e=\$((e+1));
			i=\$((i+1)); done; echo errors \$e" >"$TRASH/w$w" &
	done &&
	wait &&
	cat "$TRASH"/w? && test "$(cat "$TRASH"/w? | grep -c "errors 0")" -eq 8 &&
	jiedai list --format tsv | tail -n +2 | cut -f1 | sed "s/^LJ-2026-//" | sort -n >seqs &&
	seq -f "%04g" 1 1600 >expect && test_cmp expect seqs &&
	for f in "$SHARED"/jiedai.db*; do
		test "$(stat -c %a:%G "$f")" = 660:jiedai || { ls -l "$SHARED"; return 1; }
	done
'

test_expect_success ROOT 'files a person names are opened with their own rights: not into the ledger directory' '
	test_exit_code 3 as_user $U5 "$SG" register --internal -o "$SHARED/taken.txt" 2>err &&
	test ! -e "$SHARED/taken.txt" &&
	test_exit_code 3 as_user $U5 "$SG" export --format csv -o "$SHARED/taken.csv" 2>err &&
	test ! -e "$SHARED/taken.csv" &&
	test_must_fail as_user $U5 "$SG" backup "$SHARED/copy.db" 2>err &&
	test ! -e "$SHARED/copy.db" &&
	as_user $U5 "$SG" register --internal -o "$TRASH/home-$U5/mine.txt" >/dev/null &&
	test "$(stat -c %U "$TRASH/home-$U5/mine.txt")" = $U5
'

test_expect_success ROOT 'JIEDAI_NOW is ignored by the set-ID program, and says so' '
	n=$(as_user $U2 env JIEDAI_NOW=2020-01-01T08:00:00 "$SG" add --name 早 --category 其他 --issue 时间 2>err) &&
	test_grep "JIEDAI_NOW" err &&
	jiedai show "$n" --format json >j && ! grep -q "2020-01-01" j &&
	test_grep "\"created_at\":\"$(date +%Y-%m-%d)" j
'

test_expect_success ROOT '--db: the shared ledger by its path; any other file with the person'"'"'s own rights; JIEDAI_DB is not read' '
	as_user $U2 "$SG" --db "$SHARED/jiedai.db" list --limit 1 >/dev/null &&
	as_user $U2 "$SG" --db "$SHARED//./jiedai.db" list --limit 1 >/dev/null &&
	ln -s "$SHARED/jiedai.db" "$TRASH/link.db" &&
	test_exit_code 3 as_user $U2 "$SG" --db "$TRASH/link.db" list 2>err &&
	as_user $U2 env JIEDAI_DB="$TRASH/home-$U2/nothing.db" "$SG" list --limit 1 >out &&
	test ! -e "$TRASH/home-$U2/nothing.db" && test_grep "LJ-2026-" out &&
	as_user $U2 "$SG" --db "$TRASH/home-$U2/practice.db" init --station-code XX >/dev/null &&
	as_user $U2 "$SG" --db "$TRASH/home-$U2/practice.db" gen 3 >/dev/null &&
	test "$(stat -c %U:%G "$TRASH/home-$U2/practice.db")" = "$U2:$(id -gn $U2)" &&
	as_user $U2 sqlite3 "$TRASH/home-$U2/practice.db" "select count(*) from tickets" >c && test "$(cat c)" = 3
'

test_expect_success ROOT 'roles: a deputy records, answers and rates; every other step is refused' '
	n=$(as_user $U2 "$SG" add --name 张三 --category 农业农村 --issue 水渠失修) && echo "$n" >n2 &&
	test_exit_code 1 as_user $U2 "$SG" handover "$n" --to 镇水利站 --days 5 2>err && test_grep "工作人员" err &&
	as_user $U2 "$SG" answer "$n" --method 电话 --text 已答复 >/dev/null &&
	as_user $U2 "$SG" rate "$n" 满意 >/dev/null &&
	test_exit_code 1 as_user $U2 "$SG" signoff "$n" 2>err && test_grep "站长" err &&
	test_exit_code 1 as_user $U2 "$SG" --as 王芳 signoff "$n" 2>err &&
	test_exit_code 1 as_user $U2 env JIEDAI_ACTOR=王芳 "$SG" signoff "$n" 2>err &&
	test_exit_code 1 as_user $U2 "$SG" void "$n" --reason 错 2>err && test_grep "站长" err &&
	test_exit_code 1 as_user $U2 "$SG" reopen "$n" --reason 再办 2>err &&
	test "$(tsv_field "$n" 2)" = ready
'

test_expect_success ROOT 'a deputy cannot give themself powers: settings, station, logins, made-up tickets, backups, exports, imports' '
	test_exit_code 1 as_user $U2 "$SG" config void_roles deputy 2>err &&
	test_exit_code 1 as_user $U2 "$SG" config shared_logins $U2 2>err &&
	test_exit_code 1 as_user $U2 "$SG" config station_name 别的站 2>err &&
	test_exit_code 1 as_user $U2 "$SG" init --station-code ZZ 2>err &&
	test_exit_code 1 as_user $U2 "$SG" user add $U2 --deputy 李强 --role head 2>err &&
	test_exit_code 1 as_user $U2 "$SG" gen 3 2>err &&
	test_exit_code 1 as_user $U2 "$SG" backup "$TRASH/home-$U2/copy.db" 2>err &&
	test ! -e "$TRASH/home-$U2/copy.db" &&
	test_exit_code 1 as_user $U2 "$SG" export --format csv -o "$TRASH/home-$U2/all.csv" 2>err &&
	test_exit_code 1 as_user $U2 "$SG" register --internal 2>err &&
	as_user $U2 "$SG" export --format open311 >/dev/null &&
	as_user $U2 "$SG" --db "$TRASH/home-$U2/practice.db" export --format jsonl -o "$TRASH/home-$U2/x.jsonl" &&
	test_exit_code 1 as_user $U2 "$SG" import "$TRASH/home-$U2/x.jsonl" 2>err &&
	jiedai config void_roles >v && echo head >expect && test_cmp expect v &&
	jiedai config station_code >v && echo LJ >expect && test_cmp expect v &&
	jiedai check >out
'

test_expect_success ROOT 'staff hand over, change station settings and take backups; only the administrator widens rights' '
	n=$(as_user $U2 "$SG" add --name 孙七 --category 其他 --issue 路灯) &&
	as_user $U5 "$SG" handover "$n" --to 镇建设办 --days 10 >/dev/null &&
	as_user $U5 "$SG" config station_phone 0827-5550000 >/dev/null &&
	test_exit_code 1 as_user $U5 "$SG" config signoff_roles staff,head 2>err &&
	test_exit_code 1 as_user $U1 "$SG" config void_roles head,deputy 2>err &&
	as_user $U5 "$SG" backup "$TRASH/home-$U5/b.db" >/dev/null &&
	test "$(stat -c %U "$TRASH/home-$U5/b.db")" = $U5 &&
	jiedai show "$n" >out && test_grep "赵敏 ($U5)" out
'

test_expect_success ROOT 'the head signs off; the events say who, from which login' '
	n=$(cat n2) &&
	as_user $U1 "$SG" signoff "$n" --note 已办结 >/dev/null &&
	jiedai show "$n" >out &&
	test_grep "李强 ($U2)" out && test_grep "王芳 ($U1)" out &&
	test "$(tsv_field "$n" 2)" = closed
'

test_expect_success ROOT 'a shared login must say who is working; the person acts with their role' '
	test_exit_code 1 as_user $U4 "$SG" add --name 周九 --category 其他 --issue 路灯 2>err &&
	test_grep -- "--as" err &&
	test_exit_code 1 as_user $U4 "$SG" --as 不认识 add --name 周九 --category 其他 --issue 路灯 2>err &&
	n=$(as_user $U4 "$SG" --as 王芳 add --name 周九 --category 其他 --issue 路灯) &&
	as_user $U4 "$SG" --as 王芳 void "$n" --reason 重复 >/dev/null &&
	test_exit_code 1 as_user $U4 "$SG" --as 李强 void "$n" --reason 重复 2>err &&
	jiedai show "$n" >out && test_grep "王芳 ($U4)" out
'

# The dropped link: on the shared login the head opens 销号 and types, the
# link drops; a deputy starts jiedai on the same login.  The head's form is
# not theirs, and the step is refused to them on the screen; the head gets
# the form back and signs off.
start_as() {
	tmux_start -- runuser -u $U4 -- env -i PATH=/usr/bin:/bin HOME="$TRASH/home-$U4" TERM=xterm \
		TZ="$TZ" ASAN_OPTIONS="$SGASAN" "$SG" &&
	wait_for "李强" && wait_for "王芳" &&
	num=$(screen | sed -n "s/.*[|] *\([0-9]\)  $1.*/\1/p" | head -n 1) && test -n "$num" &&
	key "$num" && wait_for "接待日"
}

test_expect_success ROOT,TMUX 'dropped link on a shared login: the head'"'"'s 销号 form is kept for the head alone' '
	n=$(as_user $U1 "$SG" add --name 吴十 --category 其他 --issue 井盖) && echo "$n" >n3 &&
	as_user $U1 "$SG" answer "$n" --method 电话 --text 已修 >/dev/null &&
	as_user $U1 "$SG" rate "$n" 满意 >/dev/null &&
	start_as 王芳 &&
	type_text "$n" && key Enter && wait_for "井盖" &&
	key 4 && wait_for "销号意见" && type_text "站长核实已办结" &&
	kill -HUP $(pgrep -u $U4 -x jiedai) &&
	wait_for "[exited" &&
	test "$(tsv_field "$n" 2)" = ready
'

test_expect_success ROOT,TMUX 'the deputy on the same login is not offered it, and 销号 is refused on the screen' '
	n=$(cat n3) &&
	start_as 李强 &&
	! screen | grep -q "没有保存的表" &&
	type_text "$n" && key Enter && wait_for "井盖" &&
	key 4 && wait_for "站长" && ! screen | grep -q "销号意见" &&
	key F10 && key F10 && key 0 && wait_for "[exited" &&
	test "$(tsv_field "$n" 2)" = ready
'

test_expect_success ROOT,TMUX 'the head gets the form back and signs off' '
	n=$(cat n3) &&
	start_as 王芳 &&
	wait_for "没有保存的表" && key Enter && wait_for "站长核实已办结" && key F2 && wait_for "已销号" &&
	test "$(tsv_field "$n" 2)" = closed &&
	jiedai show "$n" >out && test_grep "王芳 ($U4)" out && test_grep "站长核实已办结" out
'

test_expect_success ROOT 'a backup taken during writes is a complete, consistent ledger' '
	before=$(jiedai list --format tsv | tail -n +2 | wc -l) &&
	{ as_user $U1 sh -c "for i in 1 2 3 4 5 6 7 8 9 10; do \"$SG\" add --name 备份\$i --category 其他 --issue 写入 >/dev/null; done" & } &&
	p=$! &&
	jiedai backup "$TRASH/backup.db" >out &&
	wait $p &&
	test "$(stat -c %a "$TRASH/backup.db")" = 600 &&
	jiedai --db "$TRASH/backup.db" check >chk && test_grep "backup.db" chk &&
	n=$(jiedai --db "$TRASH/backup.db" list --format tsv | tail -n +2 | wc -l) &&
	test "$n" -ge "$before" && test "$n" -le $((before + 10)) &&
	test_exit_code 1 jiedai backup "$TRASH/backup.db" 2>err
'

test_expect_success ROOT 'check: the ledger and the box are sound; the history shows who took backups and exports' '
	jiedai check >out && test_grep "台账校验码" out &&
	jiedai --db "$SHARED/jiedai.db" check >out &&
	sqlite3 "$SHARED/jiedai.db" "select kind, actor from events where ticket_id is null" >ev &&
	test_grep "backup|赵敏" ev && test_grep "register-internal|赵敏" ev
'

test_expect_success ROOT 'a box set up the old way: check names the members and the command; init --shared converts it' '
	gpasswd -a $U2 jiedai >/dev/null &&
	test_exit_code 1 "$SG" check >out 2>err &&
	test_grep "$U2" out && test_grep "jiedai init --shared $SHARED" out &&
	jiedai init --shared "$SHARED" >out &&
	test_grep "$U2" out &&
	! id -nG $U2 | grep -qw jiedai &&
	"$SG" check >out
'

test_done
