#!/bin/sh
test_description='the Debian package: dpkg -i, a shared box through the installed program, dpkg -r and --purge leave the ledger'
. "$(dirname "$0")/test-lib.sh"

# Installs build/jiedai_*_ARCH.deb (make deb; make check builds it first),
# as root, in the test's private world (lib-sandbox.sh): dpkg's database,
# /usr, the group jiedai, the stat override, /etc/jiedai.conf and the test
# login are the world's, and go with it.  The machine is never touched.
. "$JIEDAI_SRC/tests/e2e/lib-sandbox.sh"
sandbox_enter

arch=$(dpkg --print-architecture 2>/dev/null)
DEB=${JIEDAI_DEB:-$(ls -t "$JIEDAI_SRC"/build/jiedai_*_"$arch".deb 2>/dev/null | head -n 1)}
BIN=/usr/bin/jiedai
CONF=/etc/jiedai.conf
BOX="$TRASH/box"
U=jdp$$

[ "$(id -u)" = 0 ] || skip_all "needs root (installs a package)"
[ -n "$DEB" ] && [ -f "$DEB" ] || skip_all "no package built (make deb)"
# The steps below check a first install: a machine with jiedai installed
# (its copy in the world too) is not one.
dpkg-query -W -f='${Status}' jiedai 2>/dev/null | grep -q 'ok installed\|config-files' &&
	skip_all "the package jiedai is installed on this machine already"
[ -e "$BIN" ] && skip_all "$BIN exists and is not from the package"
dpkg-statoverride --list "$BIN" >/dev/null 2>&1 && skip_all "$BIN has a stat override already"

# The installed program as a real box runs it: its own clock, the system's
# configuration file, no ledger named in the environment.
unset JIEDAI_CONF JIEDAI_DB JIEDAI_NOW
chmod 755 "$TRASH"

test_expect_success 'dpkg -i installs the package' '
	dpkg -i "$DEB" >out 2>&1 &&
	test "$(dpkg-query -W -f="\${Status}" jiedai)" = "install ok installed"
'

test_expect_success 'the program is root:jiedai 2755; jiedai is a system group with no members' '
	test "$(stat -c %U:%G:%a "$BIN")" = root:jiedai:2755 &&
	dpkg-statoverride --list "$BIN" >so && test_grep "^root jiedai 2755 $BIN\$" so &&
	gid=$(getent group jiedai | cut -d: -f3) &&
	test "$gid" -lt 1000 &&
	test -z "$(getent group jiedai | cut -d: -f4)" &&
	test -z "$(getent passwd | awk -F: -v g="$gid" "\$4 == g")"
'

test_expect_success 'the files are where the installed program finds them' '
	for f in /usr/lib/jiedai/jiedai_fts.so /usr/share/jiedai/forms/intake.form \
		/usr/share/locale/zh_CN/LC_MESSAGES/jiedai.mo /usr/share/man/man1/jiedai.1.gz \
		/usr/share/doc/jiedai/README.md /usr/share/doc/jiedai/copyright \
		/usr/share/doc/jiedai/changelog.Debian.gz; do
		test -f "$f" || { echo "missing: $f"; return 1; }
	done &&
	"$BIN" help >help && test_grep "用法" help &&
	"$BIN" form-check /usr/share/jiedai/forms/*.form &&
	zcat /usr/share/man/man1/jiedai.1.gz >man &&
	test_grep "/usr/lib/jiedai/jiedai_fts.so" man && ! grep -q /usr/local man
'

test_expect_success SQLITE3 'the sqlite3 shell loads the installed tokenizer' '
	sqlite3 -cmd ".load /usr/lib/jiedai/jiedai_fts" :memory: "select 1" >out &&
	echo 1 >expect && test_cmp expect out
'

test_expect_success 'init --shared with the installed program' '
	"$BIN" init --shared "$BOX" --station-code LJ --station-name 陵江镇人大代表联络站 >out 2>&1 &&
	test "$(stat -c %a:%U:%G "$BOX")" = 2770:root:jiedai &&
	test "$(stat -c %a:%G "$BOX/jiedai.db")" = 660:jiedai &&
	test_grep "^db = $BOX/jiedai.db\$" "$CONF"
'

# Needs the set-group-ID model of issue 10 to reach the ledger without the
# login being a member of the group.
test_expect_success 'a test login records a ticket through the installed program' '
	useradd -M -d "$TRASH" -s /bin/sh "$U" &&
	"$BIN" user add "$U" --deputy 王芳 --role deputy >out 2>&1 &&
	runuser -u "$U" -- env HOME="$TRASH" LC_ALL=C.UTF-8 "$BIN" add --name 张三 --phone 13800138000 \
		--category 农业农村 --issue 村里的灌溉水渠年久失修 >num 2>err &&
	test_grep "^LJ-" num
'

# The set-group-ID model (issue 10): no person is put in the group, so the
# ledger opens only through jiedai.
test_expect_success 'the login is not in the group and cannot open the ledger file itself' '
	test -z "$(getent group jiedai | cut -d: -f4)" &&
	! runuser -u "$U" -- cat "$BOX/jiedai.db" >/dev/null 2>&1 &&
	! runuser -u "$U" -- sh -c "echo x >>\"$BOX/jiedai.db\"" 2>/dev/null
'

test_expect_success 'dpkg -r removes the program, leaves the ledger and says where it is' '
	dpkg -r jiedai >out 2>&1 &&
	test ! -e "$BIN" && test ! -e /usr/lib/jiedai/jiedai_fts.so &&
	test_grep "$BOX/jiedai.db" out &&
	test -f "$BOX/jiedai.db" && test -f "$CONF" &&
	test "$(stat -c %a:%U:%G "$BOX")" = 2770:root:jiedai &&
	test "$(dpkg-query -W -f="\${Status}" jiedai)" = "deinstall ok config-files"
'

test_expect_success 'dpkg --purge leaves the ledger, /etc/jiedai.conf and the group, and says so' '
	dpkg --purge jiedai >out 2>&1 &&
	test_grep "$BOX/jiedai.db" out && test_grep "delgroup jiedai" out &&
	! dpkg-statoverride --list "$BIN" &&
	test -f "$BOX/jiedai.db" && test_grep "^db = $BOX/jiedai.db\$" "$CONF" &&
	getent group jiedai >/dev/null &&
	test "$(stat -c %a:%U:%G "$BOX")" = 2770:root:jiedai &&
	test "$(stat -c %a:%G "$BOX/jiedai.db")" = 660:jiedai &&
	! dpkg-query -W -f="\${Status}" jiedai 2>/dev/null | grep -q "ok installed\|config-files"
'

test_expect_success SQLITE3 'the ledger is intact and keeps the ticket' '
	sqlite3 "$BOX/jiedai.db" "PRAGMA integrity_check" >out &&
	echo ok >expect && test_cmp expect out &&
	sqlite3 "$BOX/jiedai.db" "select number, name from tickets" >rows &&
	test_grep "^$(cat num)|张三\$" rows
'

test_expect_success 'installed again, the program takes up the same ledger and group' '
	gid=$(getent group jiedai | cut -d: -f3) &&
	dpkg -i "$DEB" >out 2>&1 &&
	test "$(getent group jiedai | cut -d: -f3)" = "$gid" &&
	test "$(stat -c %U:%G:%a "$BIN")" = root:jiedai:2755 &&
	"$BIN" show "$(cat num)" >show && test_grep "张三" show &&
	dpkg --purge jiedai >out 2>&1 && test -f "$BOX/jiedai.db"
'

test_done
