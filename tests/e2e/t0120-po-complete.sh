#!/bin/sh
test_description='the Chinese catalogue translates every message the program uses'
. "$(dirname "$0")/test-lib.sh"

SRC="$JIEDAI_SRC/src"

# Messages in English amid the Chinese screens and help came from msgids
# changed in the code (or by a merge) and left behind in zh_CN.po.
test_expect_success 'every msgid of the sources has a translation in zh_CN.po' '
	if ! command -v xgettext >/dev/null || ! command -v msgcmp >/dev/null; then
		echo "gettext (xgettext, msgcmp) is not installed" >&2; exit 1
	fi &&
	xgettext --from-code=UTF-8 -k_ -kN_ -kC_:1c,2 -kNC_:1c,2 -kQ_:1,2 -o used.pot \
		"$SRC"/*.c "$SRC"/core/*.c "$SRC"/core/*/*.c "$SRC"/ui/*.c &&
	msgcmp "$SRC/po/zh_CN.po" used.pot 2>err || { grep -A1 "used but not defined" err >&2; exit 1; }
'

test_expect_success 'the catalogue is valid' '
	msgfmt --check -o /dev/null "$SRC/po/zh_CN.po"
'

test_done
