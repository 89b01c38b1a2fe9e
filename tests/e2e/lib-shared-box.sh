# lib-shared-box.sh — a shared township box for a test, the way an
# administrator sets one up (sourced after test-lib.sh; root only).
#
#   SHARED   the ledger's directory (made by jiedai init --shared)
#   INST     an installed copy of the program: bin/jiedai set-group-ID
#            jiedai (by src/install-setgid.sh, what make install runs),
#            share/jiedai/forms, share/locale
#   SG       that program
#   CONF     /etc/jiedai.conf: the set-ID program reads no other.
#
# box_setup_install makes INST and SG; box_users LOGIN... makes throwaway
# logins.  As root the script runs in a private world (lib-sandbox.sh): the
# logins, the group and /etc/jiedai.conf are the world's, and go with it.

. "$JIEDAI_SRC/tests/e2e/lib-sandbox.sh"
sandbox_enter

SHARED="$TRASH/shared"
INST="$TRASH/inst"
SG="$INST/bin/jiedai"
CONF=/etc/jiedai.conf
unset JIEDAI_DB
export JIEDAI_CONF="$CONF"
# LeakSanitizer cannot work in a set-ID process (the kernel makes it
# undumpable, so it cannot trace itself); every other test checks leaks.
SGASAN="detect_leaks=0:abort_on_error=1"

box_setup_install() {
	chmod 755 "$TRASH" &&
	mkdir -p "$INST/bin" "$INST/share/jiedai" "$INST/share/locale/zh_CN/LC_MESSAGES" &&
	cp "$JIEDAI" "$SG" &&
	cp -r "$JIEDAI_SRC/forms" "$INST/share/jiedai/forms" &&
	cp "$JIEDAI_BUILD/locale/zh_CN/LC_MESSAGES/jiedai.mo" "$INST/share/locale/zh_CN/LC_MESSAGES/" &&
	chmod -R a+rX "$INST"
}

# box_users [-p PASSWORD-FIELD] LOGIN...: throwaway logins with homes under TRASH.
box_users() {
	pw=
	if [ "$1" = -p ]; then pw=$2; shift 2; fi
	for u in "$@"; do
		if [ -n "$pw" ]; then
			useradd -M -d "$TRASH/home-$u" -s /bin/sh -p "$pw" "$u" || return 1
		else
			useradd -M -d "$TRASH/home-$u" -s /bin/sh "$u" || return 1
		fi
		mkdir -p "$TRASH/home-$u" && chown "$u" "$TRASH/home-$u" || return 1
	done
}

# as_user LOGIN COMMAND...: run as LOGIN in a plain environment (HOME is theirs).
as_user() {
	u=$1
	shift
	runuser -u "$u" -- env -i PATH=/usr/bin:/bin HOME="$TRASH/home-$u" LC_ALL=C.UTF-8 \
		TZ="$TZ" ASAN_OPTIONS="$SGASAN" "$@"
}
