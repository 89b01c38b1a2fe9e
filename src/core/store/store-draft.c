/*
 * store-draft.c — half-typed forms saved when the link drops (SIGHUP) or the
 * program is stopped, offered back at the next start of the same login.
 * Drafts are scratch copies, not ledger records: taking one back removes it.
 */
#include "store.h"

#include <stdlib.h>
#include <string.h>

#include "clock.h"
#include "store-internal.h"
#include "store-write.h"
#include "xmalloc.h"

int store_draft_save(struct store *s, const char *login, const char *person, const char *form,
		     const char *ticket, const char *data_json)
{
	static const char del[] = "DELETE FROM drafts WHERE login = ?1 AND form = ?2 AND person = ?3";
	static const char ins[] =
		"INSERT INTO drafts(login, form, ticket, saved_at, data, person) VALUES(?1, ?2, ?3, ?4, ?5, ?6)";
	char now[CLOCK_STAMP_LEN];
	sqlite3_stmt *st;
	int r;

	clock_stamp(now);
	r = store_begin(s);
	if (r != STORE_OK)
		return r;
	st = store_stmt(s, del);
	if (!st)
		goto io;
	sqlite3_bind_text(st, 1, login, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, form, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 3, person, -1, SQLITE_STATIC);
	if ((r = store_exec_stmt(s, st, "draft")) != STORE_OK)
		goto fail;
	st = store_stmt(s, ins);
	if (!st)
		goto io;
	sqlite3_bind_text(st, 1, login, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, form, -1, SQLITE_STATIC);
	store_bind_text(st, 3, ticket);
	sqlite3_bind_text(st, 4, now, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 5, data_json, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 6, person, -1, SQLITE_STATIC);
	if ((r = store_exec_stmt(s, st, "draft")) != STORE_OK)
		goto fail;
	return store_commit(s);
io:
	r = STORE_IO;
fail:
	store_rollback(s);
	return r;
}

int store_draft_get(struct store *s, const char *login, const char *person, int64_t *id, char **form,
		    char **ticket, char **data, char **saved_at)
{
	static const char sql[] =
		"SELECT id, form, ticket, data, saved_at FROM drafts WHERE login = ?1 AND person = ?2"
		" ORDER BY id DESC LIMIT 1";
	sqlite3_stmt *st = store_stmt(s, sql);
	int r = STORE_OK;

	if (!st)
		return STORE_IO;
	sqlite3_bind_text(st, 1, login, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, person, -1, SQLITE_STATIC);
	if (!store_row(s, st, "drafts", &r)) {
		store_done(st);
		return r != STORE_OK ? r : STORE_NOTFOUND;
	}
	*id = sqlite3_column_int64(st, 0);
	*form = store_col_str(st, 1);
	*ticket = store_col_text(st, 2);
	*data = store_col_str(st, 3);
	*saved_at = store_col_str(st, 4);
	store_done(st);
	return STORE_OK;
}

int store_draft_delete(struct store *s, int64_t id)
{
	static const char sql[] = "DELETE FROM drafts WHERE id = ?1";
	sqlite3_stmt *st;
	int r = store_begin(s);

	if (r != STORE_OK)
		return r;
	st = store_stmt(s, sql);
	if (!st) {
		store_rollback(s);
		return STORE_IO;
	}
	sqlite3_bind_int64(st, 1, id);
	r = store_exec_stmt(s, st, "draft");
	if (r != STORE_OK) {
		store_rollback(s);
		return r;
	}
	return store_commit(s);
}

char *store_json_get(struct store *s, const char *json, const char *key)
{
	static const char sql[] = "SELECT value FROM json_each(?1) WHERE key = ?2";
	sqlite3_stmt *st = store_stmt(s, sql);
	char *v = NULL;
	int r = STORE_OK;

	if (!st)
		return NULL;
	sqlite3_bind_text(st, 1, json, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, key, -1, SQLITE_STATIC);
	if (store_row(s, st, "draft", &r))
		v = store_col_text(st, 0);
	store_done(st);
	return v;
}
