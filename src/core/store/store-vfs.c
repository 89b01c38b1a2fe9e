/*
 * store-vfs.c — the file layer the ledger is opened through: SQLite's own
 * ("unix"), except that a WAL file that already exists is opened without
 * asking to create it.
 *
 * Why: SQLite opens the WAL with SQLITE_OPEN_CREATE whether or not the file
 * is there, and a file opened that way has its directory fsynced at its
 * first sync, in case the file is new.  The ledger keeps its WAL between
 * runs (store.c, store_close()), so for `jiedai add` that is a second
 * fdatasync on every ticket for a directory entry that was made durable
 * long ago, by the program that created the file (its first sync synced the
 * directory before any commit returned).  Opened without the create flag,
 * an existing WAL is synced once per commit, which is all durability needs.
 *
 * Only xOpen differs; the file objects are SQLite's own (szOsFile is the
 * base VFS's), so every other call goes straight to the base VFS.
 */
#include "store.h"

#include <string.h>
#include <sys/stat.h>

#include "store-internal.h"

static sqlite3_vfs vfs;

static sqlite3_vfs *base(void)
{
	return (sqlite3_vfs *)vfs.pAppData;
}

static int vfs_open(sqlite3_vfs *v, sqlite3_filename name, sqlite3_file *file, int flags, int *out_flags)
{
	struct stat sb;
	int rc;

	(void)v;
	if ((flags & SQLITE_OPEN_WAL) && (flags & SQLITE_OPEN_CREATE) && name &&
	    stat(name, &sb) == 0 && S_ISREG(sb.st_mode)) {
		rc = base()->xOpen(base(), name, file, flags & ~SQLITE_OPEN_CREATE, out_flags);
		/* Gone in between (another program deleted it): open it the usual way. */
		if (rc != SQLITE_CANTOPEN)
			return rc;
	}
	return base()->xOpen(base(), name, file, flags, out_flags);
}

static int vfs_delete(sqlite3_vfs *v, const char *name, int sync_dir)
{
	(void)v;
	return base()->xDelete(base(), name, sync_dir);
}

static int vfs_access(sqlite3_vfs *v, const char *name, int flags, int *res)
{
	(void)v;
	return base()->xAccess(base(), name, flags, res);
}

static int vfs_full_pathname(sqlite3_vfs *v, const char *name, int n, char *out)
{
	(void)v;
	return base()->xFullPathname(base(), name, n, out);
}

static void *vfs_dlopen(sqlite3_vfs *v, const char *name)
{
	(void)v;
	return base()->xDlOpen(base(), name);
}

static void vfs_dlerror(sqlite3_vfs *v, int n, char *msg)
{
	(void)v;
	base()->xDlError(base(), n, msg);
}

static void (*vfs_dlsym(sqlite3_vfs *v, void *h, const char *sym))(void)
{
	(void)v;
	return base()->xDlSym(base(), h, sym);
}

static void vfs_dlclose(sqlite3_vfs *v, void *h)
{
	(void)v;
	base()->xDlClose(base(), h);
}

static int vfs_randomness(sqlite3_vfs *v, int n, char *out)
{
	(void)v;
	return base()->xRandomness(base(), n, out);
}

static int vfs_sleep(sqlite3_vfs *v, int us)
{
	(void)v;
	return base()->xSleep(base(), us);
}

static int vfs_current_time(sqlite3_vfs *v, double *t)
{
	(void)v;
	return base()->xCurrentTime(base(), t);
}

static int vfs_last_error(sqlite3_vfs *v, int n, char *msg)
{
	(void)v;
	return base()->xGetLastError(base(), n, msg);
}

static int vfs_current_time64(sqlite3_vfs *v, sqlite3_int64 *t)
{
	(void)v;
	return base()->xCurrentTimeInt64(base(), t);
}

static int vfs_set_syscall(sqlite3_vfs *v, const char *name, sqlite3_syscall_ptr p)
{
	(void)v;
	return base()->xSetSystemCall(base(), name, p);
}

static sqlite3_syscall_ptr vfs_get_syscall(sqlite3_vfs *v, const char *name)
{
	(void)v;
	return base()->xGetSystemCall(base(), name);
}

static const char *vfs_next_syscall(sqlite3_vfs *v, const char *name)
{
	(void)v;
	return base()->xNextSystemCall(base(), name);
}

const char *store_vfs(void)
{
	sqlite3_vfs *b;

	if (vfs.zName)
		return vfs.zName;
	b = sqlite3_vfs_find(NULL);
	/* Version 3 is what every SQLite on a supported system has; otherwise use it as it is. */
	if (!b || b->iVersion < 3)
		return NULL;
	vfs.iVersion = 3;
	vfs.szOsFile = b->szOsFile;
	vfs.mxPathname = b->mxPathname;
	vfs.zName = "jiedai";
	vfs.pAppData = b;
	vfs.xOpen = vfs_open;
	vfs.xDelete = vfs_delete;
	vfs.xAccess = vfs_access;
	vfs.xFullPathname = vfs_full_pathname;
	vfs.xDlOpen = vfs_dlopen;
	vfs.xDlError = vfs_dlerror;
	vfs.xDlSym = vfs_dlsym;
	vfs.xDlClose = vfs_dlclose;
	vfs.xRandomness = vfs_randomness;
	vfs.xSleep = vfs_sleep;
	vfs.xCurrentTime = vfs_current_time;
	vfs.xGetLastError = vfs_last_error;
	vfs.xCurrentTimeInt64 = vfs_current_time64;
	vfs.xSetSystemCall = vfs_set_syscall;
	vfs.xGetSystemCall = vfs_get_syscall;
	vfs.xNextSystemCall = vfs_next_syscall;
	if (sqlite3_vfs_register(&vfs, 0) != SQLITE_OK) {
		memset(&vfs, 0, sizeof(vfs));
		return NULL;
	}
	return vfs.zName;
}
