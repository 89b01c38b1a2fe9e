#!/bin/sh
test_description='every change goes through the gate: only ledger.c (and the store, and gen behind the gate) reach the store write functions'
. "$(dirname "$0")/test-lib.sh"

SRC="$JIEDAI_SRC/src"

test_expect_success 'only the gate, the store and gen include store-write.h' '
	grep -rl --include="*.c" --include="*.h" "^#include \"store-write\.h\"" "$SRC" | sed "s|^$SRC/||" | sort >actual &&
	grep -v -E "^core/(ledger\.c|gen\.c|store[-a-z]*\.c|store-write\.h)$" actual >outside || : &&
	test_cmp /dev/null outside
'

test_expect_success 'no other file calls a store write function' '
	for f in store_ticket_add store_ticket_step store_ticket_note_event store_day_open store_day_close store_day_close_on \
		store_setting_set store_user_set store_shared_login_add store_draft_save store_draft_delete \
		store_import_begin store_note_take store_batch_begin gen_ledger \
		store_unit_add store_unit_rename store_unit_merge store_chase_record; do
		grep -rn --include="*.c" "\\<$f(" "$SRC" | sed "s|^$SRC/||" |
			grep -v -E "^core/(ledger\.c|gen\.c|store[-a-z]*\.c):" || :
	done >outside &&
	test_cmp /dev/null outside
'

test_expect_success 'the screen and the command line build steps through the one form mapping' '
	# The station fields become JSON in one place (ledger_step_from_form), not per face.
	grep -rln "extra_json *=" "$SRC"/cmd*.c "$SRC"/ui/ | sed "s|^$SRC/||" >outside || : &&
	test_cmp /dev/null outside
'

test_done
