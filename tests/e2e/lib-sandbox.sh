# lib-sandbox.sh — root tests run in a private world, never on the machine
# itself (sourced after test-lib.sh).
#
#   sandbox_enter   called at the top of every script that changes the system
#                   as root (test logins, the group jiedai, /etc/jiedai.conf,
#                   the package, mounts, a PostgreSQL server): the script starts
#                   again, from the top, inside a world of its own, made by
#                   tests/e2e/sandbox-world.sh in new mount, PID, IPC and
#                   network namespaces — a copy-on-write overlay of the machine
#                   on a tmpfs, with its own /proc, /dev, /dev/shm and loopback.
#                   Whatever the test writes, anywhere, stays in that tmpfs and
#                   is gone when the test ends, however it ends: the kernel
#                   drops the world with its last process, and killing the test
#                   (SIGKILL, a CI timeout) kills every process in it.
#
# The trash directory lives inside the world too; a failing script's is copied
# out to the same path, so "trash kept in …" names a directory that is there.
# A passing or killed script leaves no /tmp/jiedai-* behind.
#
# Not root: nothing to do — such a run cannot change the machine, and the
# tests that need root skip by their prerequisite ROOT.  Root but no world
# (no unshare, a kernel or container that refuses namespaces or overlayfs):
# the whole script skips and says why; it never falls back to the machine.

sandbox_enter() {
	[ "${test_in_world:-}" = yes ] && return 0
	[ "$(id -u)" = 0 ] || return 0
	for c in unshare chroot mount ip; do
		command -v $c >/dev/null 2>&1 ||
			skip_all "root tests run in a private world, and $c is missing (util-linux, coreutils, iproute2)"
	done
	unshare --mount --pid --ipc --net --fork --kill-child true 2>/dev/null ||
		skip_all "root tests run in a private world, and root may not make namespaces here (unshare)"
	world_trash=$(cd "$TRASH" && pwd -P) || exit 1
	cd / && rm -rf "$TRASH" || exit 1
	JIEDAI_WORLD_TRASH=$world_trash exec unshare --mount --pid --ipc --net --fork --kill-child \
		--propagation private sh "$JIEDAI_SRC/tests/e2e/sandbox-world.sh" "$world_trash" "$JIEDAI_SRC" \
		sh "$JIEDAI_SRC/tests/e2e/$(basename "$0")"
}
