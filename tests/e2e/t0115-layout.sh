#!/bin/sh
test_description='the core has rooms: no include or call crosses a folder rule of src/core/README.md, no circle crosses folders, SQL only in store/ and hub/'
. "$(dirname "$0")/test-lib.sh"

SRC="$JIEDAI_SRC/src"
LAYOUT="$JIEDAI_SRC/tests/layout.sh"

# The arrows of the tree as built: calls too when the objects are there.
objs=
[ -d "$JIEDAI_BUILD/src/core" ] && objs="--objs $JIEDAI_BUILD"

# Files with SQL in a string outside store/ and hub/ (under src dir $1).
sql_outside() {
	(cd "$1" && grep -rlE '"(SELECT|INSERT|UPDATE|DELETE|CREATE|DROP|ALTER|WITH|PRAGMA|BEGIN|COMMIT|ROLLBACK|COPY) ' \
		--include="*.c" --include="*.h" . | grep -v -E "^\./core/(store|hub)/") || :
}

# A copy of the sources to plant a wrong arrow in: $1 names it.
copy_src() {
	rm -rf "$1" && mkdir "$1" && cp -R "$SRC" "$1/src"
}

# The layout script on the copy $1 must fail, naming $2.
expect_caught() {
	if sh "$LAYOUT" --src "$1/src" >out 2>&1; then
		echo "the layout script passed a tree with $2" >&2; cat out >&2; return 1
	fi
	grep -F -- "$2" out >/dev/null || { echo "the layout script did not name: $2" >&2; cat out >&2; return 1; }
}

test_expect_success 'the tree keeps to the rules: no upward include or call, no circle' '
	sh "$LAYOUT" --src "$SRC" $objs >out || { cat out >&2; exit 1; } &&
	grep -x "upward includes: 0 (ui -> cmd: 0)" out &&
	grep -x "include circles across folders: 0 of modules, 0 of folders" out &&
	if [ -n "$objs" ]; then
		grep -x "upward calls: 0 (ui -> cmd: 0)" out &&
		grep -x "call circles across folders: 0 of modules, 0 of folders" out
	fi
'

test_expect_success 'every folder of the core has its rule' '
	for d in "$SRC"/core/*/; do
		d=$(basename "$d") &&
		grep -q "^| \`$d/\` |" "$SRC/core/README.md" || { echo "no rule for core/$d/" >&2; exit 1; }
	done
'

test_expect_success 'a planted include from text/ up to the store is caught' '
	copy_src up &&
	sed -i "s|^#include \"u8.h\"$|&\n#include \"store.h\"|" up/src/core/text/u8.c &&
	expect_caught up "include: core/text/u8.c -> core/store/store.h (text may not include store)"
'

test_expect_success 'a planted include of cmd.h in a screen is caught' '
	copy_src ui &&
	sed -i "s|^#include \"ui.h\"$|&\n#include \"cmd.h\"|" ui/src/ui/dialog.c &&
	expect_caught ui "include: ui/dialog.c -> cmd.h (ui may not include cmd)"
'

test_expect_success 'a planted include of the screen in the core is caught' '
	copy_src core &&
	sed -i "s|^#include \"ledger.h\"$|&\n#include \"ui/ui.h\"|" core/src/core/ledger.c &&
	expect_caught core "include: core/ledger.c -> ui/ui.h (core may not include ui)"
'

test_expect_success 'a planted include of an internal header from another folder is caught' '
	copy_src internal &&
	sed -i "s|^#include \"lookup.h\"$|&\n#include \"store-internal.h\"|" internal/src/core/lookup.c &&
	expect_caught internal "include: core/lookup.c -> core/store/store-internal.h (core/store/store-internal.h belongs to store/ alone)"
'

test_expect_success 'a planted circle across folders is caught even where the rules allow each arrow' '
	copy_src circle &&
	sed -i "s/^| \`text\/\` |\(.*\)| — |$/| \`text\/\` |\1| \`sys\` |/" circle/src/core/README.md &&
	grep -q "^| \`text/\` |.*| \`sys\` |$" circle/src/core/README.md &&
	sed -i "s|^#include \"u8.h\"$|&\n#include \"paths.h\"|" circle/src/core/text/u8.c &&
	expect_caught circle "include circle of folders: " &&
	grep "include circle of folders: " out | grep -w sys | grep -w text
'

test_expect_success 'a new folder of the core without a rule is caught' '
	copy_src newroom &&
	mkdir newroom/src/core/attic &&
	printf "#include \"u8.h\"\n" >newroom/src/core/attic/old.c &&
	expect_caught newroom "folder attic/ has no rule"
'

test_expect_success 'a planted call from text/ up to the store is caught' '
	mkdir -p calls/src/core/text calls/src/core/store calls/build/src/core/text calls/build/src/core/store &&
	cp "$SRC/core/README.md" calls/src/core/ &&
	printf "int low(void);\nint store_thing(void);\nint low(void) { return store_thing(); }\n" >calls/src/core/text/low.c &&
	printf "int store_thing(void);\nint store_thing(void) { return 0; }\n" >calls/src/core/store/store-thing.c &&
	${CC:-cc} -c -o calls/build/src/core/text/low.o calls/src/core/text/low.c &&
	${CC:-cc} -c -o calls/build/src/core/store/store-thing.o calls/src/core/store/store-thing.c &&
	if sh "$LAYOUT" --src calls/src --objs calls/build >out; then cat out >&2; exit 1; fi &&
	grep -F "call: core/text/low -> core/store/store-thing (text may not call store)" out &&
	grep -x "upward includes: 0 (ui -> cmd: 0)" out
'

test_expect_success 'SQL is only in store/ (SQLite) and hub/ (PostgreSQL), as store.h says' '
	sql_outside "$SRC" >outside &&
	test_cmp /dev/null outside &&
	copy_src sql &&
	sed -i "s|^#include \"lookup.h\"$|&\nstatic const char planted[] = \"SELECT 1\";|" sql/src/core/lookup.c &&
	sql_outside sql/src >outside &&
	echo ./core/lookup.c >expect &&
	test_cmp expect outside
'

test_done
