#!/bin/sh
test_description='every change goes through the gate: only ledger.c (and the store, and gen behind the gate) reach the store write functions'
. "$(dirname "$0")/test-lib.sh"

SRC="$JIEDAI_SRC/src"

test_expect_success 'only the gate, the store and gen include store-write.h' '
	grep -rl --include="*.c" --include="*.h" "^#include \"store-write\.h\"" "$SRC" | sed "s|^$SRC/||" | sort >actual &&
	grep -v -E "^core/(ledger\.c|gen\.c|store/store[-a-z]*\.c|store/store-write\.h)$" actual >outside || : &&
	test_cmp /dev/null outside
'

test_expect_success 'no other file calls a store write function' '
	# Every function store-write.h declares (a list kept by hand missed store_ticket_correct).
	fns=$(sed -n "s/^[a-z].*[ *]\(store_[a-z0-9_]*\)(.*/\1/p" "$SRC/core/store/store-write.h") &&
	for want in store_ticket_add store_ticket_correct store_unit_add store_chase_record store_import_begin; do
		echo "$fns" | grep -qx "$want" || { echo "the list from store-write.h lacks $want" >&2; exit 1; }
	done &&
	for f in $fns gen_ledger; do
		grep -rn --include="*.c" "\\<$f(" "$SRC" | sed "s|^$SRC/||" |
			grep -v -E "^core/(ledger\.c|gen\.c|store/store[-a-z]*\.c):" || :
	done >outside &&
	test_cmp /dev/null outside
'

test_expect_success 'the screen and the command line build steps through the one form mapping' '
	# The station fields become JSON in one place (ledger_step_from_form), not per face.
	grep -rln "extra_json *=" "$SRC"/cmd*.c "$SRC"/ui/ | sed "s|^$SRC/||" >outside || : &&
	test_cmp /dev/null outside
'

test_done
