#!/bin/sh
# install-setgid.sh PROGRAM — make an installed jiedai set-group-ID to the
# system group jiedai, of which no person is a member (README: the shared
# township box).  Run as root by `make install`; the Debian package does
# the same with dpkg-statoverride.
set -eu
prog=$1
group=jiedai
PATH=/usr/sbin:/usr/bin:/sbin:/bin
if ! getent group "$group" >/dev/null; then
	groupadd --system "$group"
	echo "jiedai: created the system group $group (no person is a member of it)"
fi
chown "root:$group" "$prog"
chmod 2755 "$prog"
