#!/bin/sh
test_description='a ledger that cannot be read in the middle of a session is said to be so, not shown as empty'
. "$(dirname "$0")/test-lib.sh"

test_expect_success 'setup: a ticket with a history' '
	jiedai init --station-code LJ >/dev/null &&
	jiedai add --name 张三 --category 其他 --issue 水渠失修 >/dev/null 2>&1 &&
	jiedai answer LJ-2026-0001 --method 电话 --text 已修好 >/dev/null
'

# The history (the events table) goes from under the running program, as
# in a damaged ledger; the change of schema reaches the screen like any
# other session's change.  The ticket screen must not show an empty
# history: it says the ledger could not be read, and why.
test_expect_success TMUX,SQLITE3 'the ticket screen says the ledger could not be read, and why' '
	tmux_start && wait_for "退出" && type_text LJ-2026-0001 && key Enter &&
	wait_for "已修好" && wait_for "答复" &&
	sqlite3 "$JIEDAI_DB" "PRAGMA legacy_alter_table = ON; ALTER TABLE events RENAME TO events_gone" &&
	wait_for "台账读不出来" && screen >s &&
	test_grep "no such table: events" s
'

test_done
