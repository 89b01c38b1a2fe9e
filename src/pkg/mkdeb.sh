#!/bin/sh
# mkdeb.sh ARCH UPSTREAM_VERSION — build build/jiedai_VERSION_ARCH.deb.
#
# Called by `make deb [ARCH=arm64]` from the top of the source tree.  The
# program is built apart (build/pkg-ARCH) with Debian's build flags, installed
# with `make install DESTDIR=… PREFIX=/usr` into build/deb-ARCH/root, stripped
# (unless DEB_BUILD_OPTIONS has nostrip), and packed with dpkg-deb.  The
# packaging files are here in src/pkg; the package version comes from
# src/pkg/changelog and must agree with the Makefile's JIEDAI_VERSION.
#
# Depends is computed from the binaries by dpkg-shlibdeps.  libxlsxwriter is
# not linked (src/core/sys/sheet.c loads it to write XLSX), so its package is
# computed the same way from a stub linked against it, as a Recommends.
set -eu
umask 022

PKG=src/pkg
: "${MAKE:=make}"
build_arch=$(dpkg --print-architecture)
arch=${1:-$build_arch}
upstream=${2:?upstream version}

die() {
	echo "mkdeb: $*" >&2
	exit 1
}

triplet=$(dpkg-architecture -a"$arch" -qDEB_HOST_GNU_TYPE 2>/dev/null) ||
	die "unknown Debian architecture '$arch' (amd64, arm64, loong64 …)"

version=$(dpkg-parsechangelog -l "$PKG/changelog" -S Version)
maintainer=$(dpkg-parsechangelog -l "$PKG/changelog" -S Maintainer)
[ "${version%-*}" = "$upstream" ] ||
	die "$PKG/changelog is at $version but the Makefile says $upstream: add a changelog entry"
# Reproducible: file times are clamped to the changelog's date.
SOURCE_DATE_EPOCH=$(dpkg-parsechangelog -l "$PKG/changelog" -S Timestamp)
export SOURCE_DATE_EPOCH

if [ "$arch" = "$build_arch" ]; then
	cc=${CC:-cc}
	tool_prefix=
else
	cc=${CC:-$triplet-gcc}
	tool_prefix=$triplet-
	command -v "$cc" >/dev/null 2>&1 && command -v "${tool_prefix}pkg-config" >/dev/null 2>&1 ||
		die "no cross compiler for $arch: run  sh src/install-deps.sh deb $arch  (as root)"
fi
pkg_config=${tool_prefix}pkg-config
strip=${tool_prefix}strip

# Debian's flags for this architecture: hardening (all of it: this program
# runs set-group-ID), -g for debug information, and no unused libraries.
export DEB_HOST_ARCH="$arch"
export DEB_BUILD_MAINT_OPTIONS=hardening=+all
export DEB_LDFLAGS_MAINT_APPEND=-Wl,--as-needed
cflags=$(dpkg-buildflags --get CFLAGS)
cppflags=$(dpkg-buildflags --get CPPFLAGS)
ldflags=$(dpkg-buildflags --get LDFLAGS)

obj=build/pkg-$arch
stage=build/deb-$arch
root=$stage/root
out=build/jiedai_${version}_$arch.deb

rm -rf "$stage"
mkdir -p "$root/DEBIAN"
# DEVELOPER and SANITIZE are set on the command line: they override what a
# `make check` above us passed down.
$MAKE --no-print-directory B="$obj" DEVELOPER=0 SANITIZE=0 PREFIX=/usr DESTDIR="$PWD/$root" \
	CC="$cc" PKG_CONFIG="$pkg_config" CFLAGS="$cflags" CPPFLAGS="$cppflags" LDFLAGS="$ldflags" \
	install >"$stage/build.log" 2>&1 || {
	cat "$stage/build.log" >&2
	die "the build failed (log above)"
}

# The set-group-ID mode is the postinst's (dpkg-statoverride): in the package
# the program is plain root:root 0755, whatever `make install` did.
chmod 0755 "$root/usr/bin/jiedai"

doc=$root/usr/share/doc/jiedai
install -d "$doc"
install -m 0644 "$PKG/copyright" "$doc/copyright"
gzip -9n <"$PKG/changelog" >"$doc/changelog.Debian.gz"
chmod 0644 "$doc/changelog.Debian.gz"
gzip -9nf "$root/usr/share/man/man1/jiedai.1"

case " ${DEB_BUILD_OPTIONS:-} " in
*" nostrip "*) ;;
*)
	# The unstripped twins stay in $obj for a debugger.
	"$strip" --remove-section=.comment --remove-section=.note "$root/usr/bin/jiedai"
	"$strip" --remove-section=.comment --remove-section=.note --strip-unneeded \
		"$root/usr/lib/jiedai/jiedai_fts.so"
	;;
esac

# ---- dependencies ----
shl=$stage/shlibs
mkdir -p "$shl/debian"
printf 'Source: jiedai\n\nPackage: jiedai\nArchitecture: any\n' >"$shl/debian/control"
printf 'int main(void) { return 0; }\n' >"$shl/xlsx.c"
# shellcheck disable=SC2046
"$cc" $ldflags -Wl,--no-as-needed -o "$shl/xlsx-stub" "$shl/xlsx.c" \
	$("$pkg_config" --libs-only-L xlsxwriter) -lxlsxwriter ||
	die "libxlsxwriter is missing for $arch (libxlsxwriter-dev)"
soname=$("${tool_prefix}objdump" -p "$shl/xlsx-stub" | awk '$1 == "NEEDED" && $2 ~ /^libxlsxwriter/ { print $2 }')
grep -q "\"$soname\"" src/core/sys/sheet.c ||
	die "src/core/sys/sheet.c does not load $soname, the libxlsxwriter this system has"
here=$PWD
vars=$(cd "$shl" && dpkg-shlibdeps -O -e"$here/$root/usr/bin/jiedai" -e"$here/$root/usr/lib/jiedai/jiedai_fts.so" \
	-dRecommends -e"$here/$shl/xlsx-stub" 2>"$here/$stage/shlibdeps.log") || {
	cat "$stage/shlibdeps.log" >&2
	die "dpkg-shlibdeps failed"
}
depends=$(echo "$vars" | sed -n 's/^shlibs:Depends=//p')
recommends=$(echo "$vars" | sed -n 's/^shlibs:Recommends=//p')
[ -n "$depends" ] && [ -n "$recommends" ] || die "dpkg-shlibdeps gave no dependencies: $vars"

# ---- control area ----
size=$(du -sk --exclude=DEBIAN "$root" | cut -f1)
sed -e "s|@VERSION@|$version|" -e "s|@ARCH@|$arch|" -e "s|@MAINTAINER@|$maintainer|" \
	-e "s|@INSTALLED_SIZE@|$size|" -e "s|@DEPENDS@|$depends|" -e "s|@RECOMMENDS@|$recommends|" \
	"$PKG/control.in" >"$root/DEBIAN/control"
install -m 0755 "$PKG/postinst" "$PKG/postrm" "$root/DEBIAN/"
install -d "$root/usr/share/lintian/overrides"
install -m 0644 "$PKG/lintian-overrides" "$root/usr/share/lintian/overrides/jiedai"
(cd "$root" && find . -path ./DEBIAN -prune -o -type f -print | sed 's|^\./||' | LC_ALL=C sort |
	xargs md5sum) >"$root/DEBIAN/md5sums"
chmod 0644 "$root/DEBIAN/md5sums" "$root/DEBIAN/control"

dpkg-deb --root-owner-group -Zxz --build "$root" "$out" >/dev/null
echo "$out"
