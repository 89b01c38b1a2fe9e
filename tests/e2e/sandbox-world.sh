#!/bin/sh
# sandbox-world.sh TRASH DIR COMMAND... — the first process of a root test's
# private world (started by sandbox_enter in lib-sandbox.sh, inside new mount,
# PID, IPC and network namespaces made by unshare).
#
# It makes a copy-on-write view of the machine and runs COMMAND in it, in DIR:
#   - a tmpfs (on the first of /mnt /media /srv /opt with no mount at or
#     below it, in this mount namespace only) holds the layers;
#   - / and every file system mounted below it are overlayfs mounts whose
#     lower layer is the machine's own file system and whose upper layer is on
#     that tmpfs: whatever the test writes (/etc, /usr, dpkg's database, its
#     trash directory TRASH in /tmp) lands in the tmpfs.  A mount that cannot be
#     overlaid is bound read-only, or left out (its directory is then part of
#     the overlay above it);
#   - a fresh /proc (this PID namespace), /sys read-only, and a /dev of its
#     own: a tmpfs with the harmless devices bound in (null, zero, full,
#     random, urandom, tty), a new devpts instance and its own /dev/shm; no
#     /dev/log, so nothing the test does reaches the machine's logs;
#   - the loopback interface of the new network namespace, up;
#   - /etc/jiedai.conf of the machine hidden: the test starts as on a fresh box.
# COMMAND runs chrooted into it.  When it ends, every process left in the world
# is killed; if it failed, its trash directory is copied out to TRASH (set-ID
# bits cleared) so that it can be read.  When the last process of the world
# exits, the kernel drops the namespaces and the tmpfs with them — however the
# test ended, SIGKILL included (unshare --kill-child kills this process when
# unshare dies, and the PID namespace takes every process in it along).
#
# Edits to the world are made from inside it (chroot): a path walked from here
# could follow an absolute symbolic link out to the machine.
set -u

trash=$1 dir=$2
shift 2

cannot() {
	printf '1..0 # skip: cannot make the private world this root test runs in (%s); nothing was touched\n' "$1"
	exit 0
}

# Mount point and type of each mount, before this script mounts anything.
mounts=$(awk '{ i = 7; while ($i != "-") i++; print $5, $(i + 1) }' /proc/self/mountinfo)

# under PATH: is PATH, or anything below it, a mount point?
under() {
	printf '%s\n' "$mounts" | awk -v p="$1" '$1 == p || index($1, p "/") == 1 { f = 1 } END { exit !f }'
}

layers=
for c in /mnt /media /srv /opt; do
	if [ -d "$c" ] && [ ! -L "$c" ] && ! under "$c"; then
		layers=$c
		break
	fi
done
[ -n "$layers" ] || cannot "no empty directory among /mnt /media /srv /opt to hold its layers"
mount -t tmpfs -o mode=0700 jiedai-world "$layers" || cannot "mount -t tmpfs failed"
root=$layers/root
mkdir "$root" "$layers/0" "$layers/0/u" "$layers/0/w" &&
	mount -t overlay -o "lowerdir=/,upperdir=$layers/0/u,workdir=$layers/0/w" jiedai-world "$root" ||
	cannot "this kernel cannot mount an overlay over /"

# The file systems below /, parents before children.  Kernel pseudo file
# systems, /proc, /sys and /dev are made afresh below; a mount point the
# overlay options cannot spell (a backslash escape, a comma or a colon) is left
# out.
n=0
printf '%s\n' "$mounts" | LC_ALL=C sort -u -k1,1 | while read -r mp type; do
	case "$mp" in
	/ | /proc | /proc/* | /sys | /sys/* | /dev | /dev/* | *[\\,:]*) continue ;;
	esac
	case "$type" in
	proc | sysfs | devtmpfs | devpts | cgroup | cgroup2 | mqueue | debugfs | tracefs | securityfs | \
		pstore | bpf | configfs | fusectl | hugetlbfs | binfmt_misc | efivarfs | rpc_pipefs | nsfs | \
		autofs | selinuxfs) continue ;;
	esac
	n=$((n + 1))
	if [ -d "$mp" ] && [ -d "$root$mp" ] && [ ! -L "$root$mp" ]; then
		mkdir -p "$layers/$n/u" "$layers/$n/w" &&
			mount -t overlay -o "lowerdir=$mp,upperdir=$layers/$n/u,workdir=$layers/$n/w" \
				jiedai-world "$root$mp" 2>/dev/null ||
			mount --bind -o ro "$mp" "$root$mp" 2>/dev/null
	elif [ -f "$mp" ] && [ -f "$root$mp" ] && [ ! -L "$root$mp" ]; then
		mount --bind -o ro "$mp" "$root$mp" 2>/dev/null
	fi
done

mount -t proc proc "$root/proc" || cannot "mount -t proc failed"
mount -t sysfs -o ro sysfs "$root/sys" 2>/dev/null
mount -t tmpfs -o mode=0755,nosuid,size=1m jiedai-dev "$root/dev" || cannot "no tmpfs for /dev"
for d in null zero full random urandom tty; do
	: >"$root/dev/$d" && mount --bind "/dev/$d" "$root/dev/$d" || cannot "cannot bind /dev/$d"
done
mkdir "$root/dev/pts" "$root/dev/shm"
tty_gid=$(getent group tty | cut -d: -f3)
mount -t devpts -o "newinstance,ptmxmode=0666,mode=0620${tty_gid:+,gid=$tty_gid}" jiedai-pts "$root/dev/pts" ||
	cannot "no devpts instance of its own"
mount -t tmpfs -o mode=1777,nosuid,nodev jiedai-shm "$root/dev/shm" || cannot "no tmpfs for /dev/shm"
ln -s pts/ptmx "$root/dev/ptmx"
ln -s /proc/self/fd "$root/dev/fd"
ln -s /proc/self/fd/0 "$root/dev/stdin"
ln -s /proc/self/fd/1 "$root/dev/stdout"
ln -s /proc/self/fd/2 "$root/dev/stderr"
ip link set lo up || cannot "ip link set lo up failed"

# From inside: the machine's configuration hidden, the cache daemon's socket
# too (it would answer with the machine's logins, not the world's), and the
# mark that test-lib.sh checks before it takes TRASH as its own.
chroot "$root" /bin/sh -c 'rm -f /etc/jiedai.conf && printf "%s\n" "$1" >/.jiedai-world' world "$trash" ||
	cannot "cannot write inside it"
chroot "$root" rm -f /run/nscd/socket 2>/dev/null

chroot "$root" /bin/sh -c 'cd "$1" || exit 1; shift; exec "$@"' world "$dir" "$@" &
wait $!
rc=$?

# Daemons the test left (sshd, PostgreSQL) must not write while it is copied.
kill -s KILL -1 2>/dev/null
if [ "$rc" != 0 ] && [ -d "$root$trash" ]; then
	if mkdir -m 0700 "$trash" 2>/dev/null; then
		dest=$trash
	else
		dest=$(mktemp -d "$trash.XXXXXX") || exit "$rc"
		printf '# the trash directory is kept in %s\n' "$dest"
	fi
	cp -a "$root$trash/." "$dest/" 2>/dev/null
	find "$dest" ! -type d -perm /6000 -exec chmod ug-s {} + 2>/dev/null
fi
exit "$rc"
