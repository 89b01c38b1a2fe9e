#!/bin/sh
# install-deps.sh [build|test|bench|deb [ARCH]] — install the Debian packages jiedai needs.
#
# Called by `make run` (build), `make check` (test), `make bench` (bench) and
# `make deb` (deb; with ARCH other than this machine's, the cross toolchain
# and ARCH's development packages, after adding ARCH to dpkg if needed).
# Installs only what is missing: apt-get when run as root, through sudo when
# sudo is there, otherwise it names the exact packages and stops.
# Lists of packages live here and nowhere else; README.md names them too.
set -u

build_pkgs="gcc make pkg-config libncurses-dev ncurses-term libsqlite3-dev libqrencode-dev libxlsxwriter-dev gettext nettle-dev libpq-dev"
test_pkgs="libcmocka-dev tmux zbar-tools libzbar-dev perl sqlite3 procps unzip openssh-server openssh-client passwd util-linux iproute2 strace clang libclang-rt-dev dpkg-dev lintian adduser postgresql"
bench_pkgs="sqlite3 dialog"
deb_pkgs="dpkg-dev"
# A cross build needs the build's -dev packages of ARCH itself, and ARCH's
# pkgconf, which gives TRIPLET-pkg-config to find them.
cross_libs="$(for p in $build_pkgs; do case "$p" in *-dev) printf '%s ' "$p" ;; esac; done)pkgconf"

case "${1:-build}" in
build) want="$build_pkgs" ;;
test) want="$build_pkgs $test_pkgs" ;;
bench) want="$build_pkgs $test_pkgs $bench_pkgs" ;;
deb)
	want="$build_pkgs $deb_pkgs"
	arch=${2:-}
	if [ -n "$arch" ] && [ "$arch" != "$(dpkg --print-architecture)" ]; then
		triplet=$(dpkg-architecture -a"$arch" -qDEB_HOST_GNU_TYPE 2>/dev/null) || {
			echo "jiedai: unknown Debian architecture '$arch'" >&2
			exit 2
		}
		if ! apt-cache show "gcc-$triplet" >/dev/null 2>&1; then
			echo "jiedai: 本系统版本没有 $arch 的交叉编译器，请在 $arch 机器上运行 make deb。" >&2
			echo "jiedai: this release has no cross compiler for $arch (gcc-$triplet): run make deb on a $arch machine." >&2
			exit 1
		fi
		want="$want gcc-$triplet"
		for p in $cross_libs; do want="$want $p:$arch"; done
		if ! dpkg --print-foreign-architectures | grep -qx "$arch"; then
			echo "jiedai: 添加软件包架构 / adding the architecture $arch to dpkg (dpkg --add-architecture $arch)" >&2
			if [ "$(id -u)" = 0 ]; then
				dpkg --add-architecture "$arch" && apt-get update -q >/dev/null
			elif command -v sudo >/dev/null 2>&1; then
				sudo dpkg --add-architecture "$arch" && sudo apt-get update -q >/dev/null
			else
				echo "jiedai: please run as root: dpkg --add-architecture $arch && apt-get update" >&2
				exit 1
			fi || exit 1
		fi
	fi
	;;
*) echo "usage: $0 build|test|bench|deb [ARCH]" >&2; exit 2 ;;
esac

if ! command -v dpkg-query >/dev/null 2>&1; then
	# Not Debian: we cannot check packages, so trust pkg-config and carry on.
	if pkg-config --exists ncursesw sqlite3 libqrencode xlsxwriter libpq 2>/dev/null; then
		exit 0
	fi
	echo "jiedai: 缺少编译依赖（ncursesw、sqlite3、libqrencode、libxlsxwriter、libpq 的开发包），请用本系统的包管理器安装。" >&2
	echo "jiedai: missing build dependencies: ncursesw, sqlite3, libqrencode, libxlsxwriter and libpq development files." >&2
	exit 1
fi

missing=""
for p in $want; do
	case " $missing " in *" $p "*) continue ;; esac
	st=$(dpkg-query -W -f='${Status}' "$p" 2>/dev/null)
	case "$st" in *" installed") ;; *) missing="$missing $p" ;; esac
done
[ -z "$missing" ] && exit 0

echo "jiedai: 正在安装缺少的软件包 / installing missing packages:$missing" >&2
if [ "$(id -u)" = 0 ]; then
	as_root=""
elif command -v sudo >/dev/null 2>&1; then
	as_root="sudo"
else
	echo "jiedai: 需要管理员安装以下软件包，请运行 / please run as root:" >&2
	echo "    apt-get install -y$missing" >&2
	exit 1
fi

export DEBIAN_FRONTEND=noninteractive
# Try without refreshing the package lists first: it is much faster when the
# lists are fresh, and a new machine with no lists fails fast and falls through.
# shellcheck disable=SC2086
if ! $as_root apt-get install -y -q --no-install-recommends $missing >/dev/null 2>&1; then
	$as_root apt-get update -q >/dev/null 2>&1 || true
	# shellcheck disable=SC2086
	if ! $as_root apt-get install -y -q --no-install-recommends $missing; then
		echo "jiedai: 安装失败，请手动运行 / install failed; please run:" >&2
		echo "    apt-get update && apt-get install -y$missing" >&2
		exit 1
	fi
fi
exit 0
