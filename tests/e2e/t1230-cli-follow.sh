#!/bin/sh
test_description='jiedai follow: the follow-up deputy (跟进代表) as a step, with its event, replayed by check'
. "$(dirname "$0")/test-lib.sh"

test_expect_success 'setup: two deputies, a member of staff, three tickets' '
	jiedai init --station-code LJ >/dev/null &&
	jiedai day open --deputies 李强,孙丽 >/dev/null &&
	jiedai user add zhaomin --deputy 赵敏 --role staff >/dev/null &&
	jiedai add --name 王五华 --phone 13900139000 --category 城建交通 --issue 路灯不亮 --deputy 孙丽 >n1 &&
	jiedai add --name 赵六 --phone 13700137000 --category 社会保障 --issue 低保申请 --deputy 孙丽 >n2 &&
	jiedai add --name 钱七 --category 农业农村 --issue 水渠失修 --deputy 李强 >n3
'

test_expect_success 'given to a deputy: said, shown, in the JSON and in the history' '
	jiedai follow "$(cat n1)" --deputy 李强 >out &&
	test_grep "LJ-2026-0001：跟进代表为 李强" out &&
	jiedai show "$(cat n1)" >sh && test_grep "^跟进代表  *李强" sh && test_grep "跟进代表.*交 李强 跟进" sh &&
	jiedai show "$(cat n1)" --format json >j && test_grep "\"follow_deputy\":\"李强\"" j &&
	test_grep "\"kind\":\"follow\".*\"follow_deputy\":\"李强\",\"follow_before\":\"\"" j &&
	jiedai list --format json >l && test_grep "\"follow_deputy\":\"李强\"" l
'

test_expect_success 'the life cycle and the last change stay as they were' '
	jiedai show "$(cat n1)" --format json >j &&
	test_grep "\"status\":\"registered\"" j && test_grep "\"updated_at\":\"2026-03-10 09:30:00\"" j
'

test_expect_success 'moved to another deputy, then taken back: each a step of its own' '
	jiedai follow 0001 --deputy " 孙丽 " >out && test_grep "跟进代表为 孙丽" out &&
	jiedai follow 0001 --clear >out && test_grep "已撤销跟进代表" out &&
	jiedai show "$(cat n1)" >sh && ! grep -q "^跟进代表" sh &&
	test_grep "改由 孙丽 跟进（原为 李强）" sh && test_grep "孙丽 不再跟进" sh &&
	test "$(grep -c "跟进代表" sh)" = 3 &&
	jiedai follow 0001 --deputy 李强 >/dev/null
'

test_expect_success 'refused with the reason, and nothing recorded: the same again, nobody, staff, no such ticket' '
	jiedai show "$(cat n1)" --format json >before &&
	test_exit_code 1 jiedai follow 0001 --deputy 李强 2>err && test_grep "已经由 李强 跟进" err &&
	test_exit_code 1 jiedai follow 0002 --clear 2>err && test_grep "没有跟进代表" err &&
	test_exit_code 1 jiedai follow 0001 --deputy 周九 2>err && test_grep "不是本站的代表" err &&
	test_exit_code 1 jiedai follow 0001 --deputy 赵敏 2>err && test_grep "本来就能看到所有选民" err &&
	test_exit_code 1 jiedai follow LJ-2026-0099 --deputy 李强 2>err &&
	jiedai show "$(cat n1)" --format json >after && test_cmp before after
'

test_expect_success 'usage: one of --deputy and --clear, a name, one ticket' '
	test_exit_code 2 jiedai follow 0001 2>err && test_grep "二者选一" err &&
	test_exit_code 2 jiedai follow 0001 --deputy 李强 --clear 2>err &&
	test_exit_code 2 jiedai follow 0001 --deputy "  " 2>err && test_grep "姓名" err &&
	test_exit_code 2 jiedai follow --deputy 李强 2>err &&
	jiedai follow --help >out && test_grep "jiedai follow 编号 --deputy 姓名" out
'

test_expect_success 'hostile names: control characters and escapes are refused, not stored' '
	test_exit_code 1 jiedai follow 0002 --deputy "$(printf "李\033[2J强")" 2>err &&
	test_exit_code 1 jiedai follow 0002 --deputy "$(printf "李强\n")x" 2>err &&
	! grep -q "$(printf "\033")" err &&
	jiedai show "$(cat n2)" --format json >j && ! grep -q "\"kind\":\"follow\"" j
'

test_expect_success 'a void item is given to nobody but taken back from anybody; a signed-off one is reopened first' '
	jiedai follow 0002 --deputy 李强 >/dev/null &&
	jiedai void 0002 --reason 重复登记 >/dev/null &&
	test_exit_code 1 jiedai follow 0002 --deputy 孙丽 2>err && test_grep "已作废" err &&
	jiedai follow 0002 --clear >/dev/null &&
	jiedai answer 0003 --method 电话 --text 已修好 >/dev/null &&
	jiedai rate 0003 满意 >/dev/null && jiedai signoff 0003 >/dev/null &&
	test_exit_code 1 jiedai follow 0003 --deputy 孙丽 2>err && test_grep "已销号" err
'

test_expect_success 'check replays the follow-up deputy from the history' '
	jiedai check >out && test_grep "完好无误" out
'

test_expect_success SQLITE3 'a follow-up deputy changed behind jiedai'"'"'s back is named by check' '
	cp ledger.db tampered.db &&
	sqlite3 tampered.db "UPDATE tickets SET follow_deputy = '"'孙丽'"' WHERE number = '"'LJ-2026-0001'"'" &&
	test_must_fail jiedai --db tampered.db check >out 2>&1 &&
	test_grep "LJ-2026-0001.*跟进代表.*孙丽.*李强" out &&
	sqlite3 tampered.db "UPDATE tickets SET follow_deputy = '"'李强'"' WHERE number = '"'LJ-2026-0002'"'" &&
	test_must_fail jiedai --db tampered.db check >out 2>&1 && test_grep "LJ-2026-0002.*跟进代表" out
'

test_expect_success 'the export carries it, and an import into a county ledger keeps it and checks sound' '
	jiedai export --format jsonl -o all.jsonl >/dev/null &&
	grep "\"number\":\"LJ-2026-0001\"" all.jsonl | grep -q "\"follow_deputy\":\"李强\"" &&
	jiedai --db county.db init --station-code XQ >/dev/null &&
	jiedai --db county.db import all.jsonl >/dev/null &&
	jiedai --db county.db show LJ-2026-0001 --format json >j && test_grep "\"follow_deputy\":\"李强\"" j &&
	jiedai --db county.db check >/dev/null
'

test_expect_success 'an export made before the follow-up deputy existed still imports' '
	jiedai --db old.db init --station-code QS >/dev/null &&
	jiedai --db old.db day open --deputies 周九 >/dev/null &&
	jiedai --db old.db add --name 吴十 --category 农业农村 --issue 机耕路坏了 >/dev/null &&
	jiedai --db old.db export --format jsonl >new.jsonl &&
	sed "s/,\"follow_deputy\":\"\",\"events\":/,\"events\":/" new.jsonl >old.jsonl &&
	! grep -q "follow_deputy\":\"\",\"events" old.jsonl && ! cmp -s new.jsonl old.jsonl &&
	jiedai --db county2.db init --station-code XQ >/dev/null &&
	jiedai --db county2.db import old.jsonl >/dev/null &&
	jiedai --db county2.db check >/dev/null
'

test_done
