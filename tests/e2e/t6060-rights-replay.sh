#!/bin/sh
test_description='check replays the rights: each step against the role its login had when it was taken (the users table and the settings that widen rights are steps too)'
. "$(dirname "$0")/test-lib.sh"

FTS="$JIEDAI_BUILD/jiedai_fts"
Q="'"
export LANGUAGE=en

# A copy of the sound ledger with the steps of kind $2 moved to login $3 as
# person $4 (the chain is not recomputed here: t8070 does that; what matters
# is the line about rights), then check.
moved() {
	cp_ledger base.db "$1.db" &&
	sqlite3 -cmd ".load $FTS" "$1.db" "DROP TRIGGER events_no_update;
		UPDATE events SET login = ${Q}$3${Q}, actor = ${Q}$4${Q} WHERE kind = ${Q}$2${Q}" &&
	test_exit_code 1 jiedai --db "$1.db" check >"$1.out" 2>"$1.err"
}

test_expect_success SQLITE3 'setup: a deputy, a member of staff and a head set up, then a ticket taken to 销号' '
	jiedai --db base.db init --station-code LJ >/dev/null &&
	JIEDAI_DB=base.db jiedai user add wangfang --deputy 王芳 --role deputy >/dev/null &&
	JIEDAI_DB=base.db jiedai user add zhaomin --deputy 赵敏 --role staff >/dev/null &&
	JIEDAI_DB=base.db jiedai user add liqiang --deputy 李强 --role head >/dev/null &&
	JIEDAI_DB=base.db jiedai day open --deputies 王芳 >/dev/null &&
	JIEDAI_DB=base.db jiedai add --name 张三 --category 农业农村 --issue 水渠 >/dev/null &&
	JIEDAI_DB=base.db jiedai handover LJ-2026-0001 --to 镇水利站 --days 5 >/dev/null &&
	JIEDAI_DB=base.db jiedai answer LJ-2026-0001 --method 电话 --text 已修 >/dev/null &&
	JIEDAI_DB=base.db jiedai rate LJ-2026-0001 满意 >/dev/null &&
	JIEDAI_DB=base.db jiedai signoff LJ-2026-0001 >/dev/null &&
	jiedai --db base.db check >out && test_grep "is sound" out
'

test_expect_success SQLITE3 'a 销号 by a login that was a deputy'"'"'s: named, with who may' '
	moved deputy signoff wangfang 王芳 &&
	test_grep "signoff of ticket LJ-2026-0001, .*) was taken by 王芳 (login wangfang, deputy at that moment), who may not Sign off; that is for: head" deputy.out
'

test_expect_success SQLITE3 'in Chinese' '
	test_exit_code 1 env -u LANGUAGE "$JIEDAI" --db deputy.db check >out 2>err &&
	test_grep "由 王芳（登录名 wangfang，当时是代表）办理，而此人无权销号；此操作仅限：站长" out
'

test_expect_success SQLITE3 'a handover by the deputy is named; by staff it is not' '
	moved handover handover wangfang 王芳 &&
	test_grep "handover of ticket LJ-2026-0001.*wangfang" handover.out &&
	moved staffhandover handover zhaomin 赵敏 &&
	! grep -q "who may not" staffhandover.out
'

test_expect_success SQLITE3 'a setting only the administrator may change, set by the head: named' '
	cp_ledger base.db setting.db &&
	JIEDAI_DB=setting.db jiedai config signoff_roles head,staff >/dev/null &&
	sqlite3 -cmd ".load $FTS" setting.db "DROP TRIGGER events_no_update;
		UPDATE events SET login = ${Q}liqiang${Q}, actor = ${Q}李强${Q} WHERE kind = ${Q}setting${Q} AND subject = ${Q}signoff_roles${Q}" &&
	test_exit_code 1 jiedai --db setting.db check >out 2>err &&
	test_grep "setting signoff_roles, .*) was taken by 李强 (login liqiang, head at that moment)" out
'

test_expect_success SQLITE3 'rights as they stood: signoff_roles widened before, a promotion after' '
	cp_ledger base.db widened.db &&
	JIEDAI_DB=widened.db jiedai config signoff_roles head,deputy >/dev/null &&
	JIEDAI_DB=widened.db jiedai add --name 李四 --category 农业农村 --issue 路灯 --on-the-spot 已解释 --rating 满意 >/dev/null &&
	JIEDAI_DB=widened.db jiedai signoff LJ-2026-0002 >/dev/null &&
	sqlite3 -cmd ".load $FTS" widened.db "DROP TRIGGER events_no_update;
		UPDATE events SET login = ${Q}wangfang${Q}, actor = ${Q}王芳${Q} WHERE kind = ${Q}signoff${Q}" &&
	test_exit_code 1 jiedai --db widened.db check >out 2>err &&
	test_grep "signoff of ticket LJ-2026-0001.*who may not" out &&
	! grep -q "signoff of ticket LJ-2026-0002.*who may not" out &&
	cp_ledger base.db promoted.db &&
	JIEDAI_DB=promoted.db jiedai user add wangfang --deputy 王芳 --role head >/dev/null &&
	JIEDAI_DB=promoted.db jiedai add --name 李四 --category 农业农村 --issue 路灯 --on-the-spot 已解释 --rating 满意 >/dev/null &&
	JIEDAI_DB=promoted.db jiedai signoff LJ-2026-0002 >/dev/null &&
	sqlite3 -cmd ".load $FTS" promoted.db "DROP TRIGGER events_no_update;
		UPDATE events SET login = ${Q}wangfang${Q}, actor = ${Q}王芳${Q} WHERE kind = ${Q}signoff${Q}" &&
	test_exit_code 1 jiedai --db promoted.db check >out 2>err &&
	test_grep "signoff of ticket LJ-2026-0001.*deputy at that moment" out &&
	! grep -q "signoff of ticket LJ-2026-0002.*who may not" out
'

test_done
