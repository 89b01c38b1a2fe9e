#!/bin/sh
test_description='a catalogue whose translations are not the printf formats of their msgids is not built'
. "$(dirname "$0")/test-lib.sh"

PO="$JIEDAI_SRC/src/po/zh_CN.po"
MO_SH="$JIEDAI_SRC/src/po/mo.sh"

# plant ID NEW: the shipped catalogue with the one-line msgstr of msgid ID replaced by NEW.
plant() {
	perl -0pe 'BEGIN { $id = shift; $new = shift } s/^(msgid "\Q$id\E"\nmsgstr )".*"$/$1"$new"/m or die "no $id\n"' \
		"$1" "$2" "$PO" >bad.po
}

test_expect_success 'the build makes the catalogue with src/po/mo.sh' '
	make -s -n -B -C "$JIEDAI_SRC" B="$TRASH/b" "$TRASH/b/locale/zh_CN/LC_MESSAGES/jiedai.mo" >rule &&
	test_grep "sh src/po/mo.sh src/po/zh_CN.po" rule &&
	sh "$MO_SH" "$PO" good.mo && test -s good.mo && test ! -e good.mo.flagged.po
'

test_expect_success 'a translation taking %n and %p for a %s is refused' '
	plant "cannot write '"'"'%s'"'"'" "%1\$n %2\$p %3\$p %4\$s" &&
	test_must_fail sh "$MO_SH" bad.po bad.mo 2>err && test ! -e bad.mo &&
	test_grep "format specifications\|does not match\|not the same" err &&
	test_grep "was not built" err
'

test_expect_success 'so is one whose entry lacks the c-format flag (msgfmt --check alone lets it through)' '
	plant "Ledger check code %s" "%n%p" &&
	! grep -B1 "^msgid \"Ledger check code %s\"" bad.po | grep -q c-format &&
	msgfmt --check -o plain.mo bad.po &&
	test_must_fail sh "$MO_SH" bad.po bad.mo 2>err && test ! -e bad.mo &&
	test_grep "was not built" err
'

test_expect_success 'and a conversion planted in a message that has none' '
	plant "Saved" "%n" &&
	test_must_fail sh "$MO_SH" bad.po bad.mo 2>err && test ! -e bad.mo
'

test_expect_success 'a translation may reorder with %N$ and change widths' '
	plant "Ledger check code %s" "台账校验码 %1\$-20s" &&
	sh "$MO_SH" bad.po ok.mo && test -s ok.mo
'

# The run-time half: every translation reaches a format through the checked
# lookups (i18n.c's, and error.c's own at the floor of the core), never
# through a bare gettext() that would hand a hostile catalogue to printf.
test_expect_success 'no source calls gettext() but the two checked lookups' '
	grep -rn "[^_a-z]n\{0,1\}gettext *(" "$JIEDAI_SRC/src" --include="*.c" |
		grep -v "/src/core/sys/i18n.c:" |
		grep -v "/src/core/text/error.c:.*t = gettext(msgid)" >bare || : &&
	! test -s bare || { cat bare; false; }
'

test_done
