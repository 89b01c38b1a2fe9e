#!/bin/sh
test_description='the Debian package: lintian finds no error, every warning is justified in the README; contents and dependencies'
. "$(dirname "$0")/test-lib.sh"

# Reads build/jiedai_*_ARCH.deb (make deb; make check builds it first).
arch=$(dpkg --print-architecture 2>/dev/null)
DEB=${JIEDAI_DEB:-$(ls -t "$JIEDAI_SRC"/build/jiedai_*_"$arch".deb 2>/dev/null | head -n 1)}
if [ -z "$DEB" ] || [ ! -f "$DEB" ]; then
	echo "1..0 # skip: no package built (make deb)"
	cd / && rm -rf "$TRASH"
	exit 0
fi
command -v lintian >/dev/null 2>&1 && LINTIAN=yes

test_expect_success 'lintian: no error' '
	if [ -z "${LINTIAN:-}" ]; then echo "lintian is not installed (make deps-test)"; exit 1; fi &&
	{ lintian --fail-on error "$DEB" >lint 2>&1 || { cat lint; exit 1; }; } &&
	cat lint && ! grep "^E:" lint
'

test_expect_success 'every lintian warning is listed in the README with its reason' '
	sed -n "s/^W: [^ ]* \([a-z0-9-]*\).*/\1/p" lint | sort -u >tags &&
	sed -n "/^### lintian/,/^##[^#]/p" "$JIEDAI_SRC/README.md" >section &&
	test -s section &&
	while read -r t; do
		grep -q "^- \`$t\`: [^ ]" section || { echo "README does not list $t"; cat lint; return 1; }
	done <tags
'

test_expect_success 'the package name, version and architecture' '
	test "$(dpkg-deb -f "$DEB" Package)" = jiedai &&
	test "$(dpkg-deb -f "$DEB" Architecture)" = "$arch" &&
	v=$(dpkg-deb -f "$DEB" Version) &&
	test "$(basename "$DEB")" = "jiedai_${v}_$arch.deb" &&
	test "$v" = "$(dpkg-parsechangelog -l "$JIEDAI_SRC/src/pkg/changelog" -S Version)"
'

test_expect_success 'Depends from the binaries, libxlsxwriter only recommended' '
	dpkg-deb -f "$DEB" Depends >dep && dpkg-deb -f "$DEB" Recommends >rec &&
	test_grep "libc6" dep && test_grep "libsqlite3-0" dep && test_grep "libqrencode4" dep &&
	test_grep "libncursesw6" dep && test_grep "adduser" dep &&
	! grep -q xlsxwriter dep &&
	test_grep "^libxlsxwriter[0-9]* (>= [0-9.]*)\$" rec
'

test_expect_success 'contents: a plain 0755 program (the postinst makes it set-group-ID), stripped' '
	dpkg-deb -c "$DEB" >files &&
	test_grep "^-rwxr-xr-x root/root .* ./usr/bin/jiedai\$" files &&
	test_grep "^-rw-r--r-- root/root .* ./usr/lib/jiedai/jiedai_fts.so\$" files &&
	for f in usr/share/jiedai/forms/intake.form usr/share/locale/zh_CN/LC_MESSAGES/jiedai.mo \
		usr/share/man/man1/jiedai.1.gz usr/share/doc/jiedai/README.md \
		usr/share/doc/jiedai/copyright usr/share/doc/jiedai/changelog.Debian.gz; do
		grep -q " ./$f\$" files || { echo "missing: $f"; return 1; }
	done &&
	! grep -q "/usr/local\|rwsr\|rwxr-s" files &&
	dpkg-deb -x "$DEB" x &&
	! readelf -S x/usr/bin/jiedai | grep -q "debug_info\|\.symtab"
'

test_expect_success 'the maintainer scripts: group and stat override, no ledger removed' '
	dpkg-deb -e "$DEB" ctl &&
	test_grep "addgroup --system jiedai" ctl/postinst &&
	test_grep "dpkg-statoverride --update --add root jiedai 2755 /usr/bin/jiedai" ctl/postinst &&
	! grep -qw "rm\|delgroup\|groupdel\|/etc/jiedai.conf" ctl/postinst &&
	! grep -qw "rm\|groupdel\|userdel" ctl/postrm
'

test_done
