/* store-people.c — deputies and staff, and the logins mapped to them. */
#include "store.h"

#include <stdlib.h>
#include <string.h>

#include "clock.h"
#include "role.h"
#include "store-internal.h"
#include "store-write.h"
#include "strbuf.h"
#include "xmalloc.h"

/* Find or insert; must run inside a transaction. */
static int ensure_locked(struct store *s, const char *name, int64_t *id)
{
	static const char ins[] =
		"INSERT INTO deputies(name, created_at) VALUES(?1, ?2)"
		" ON CONFLICT(name) DO UPDATE SET active = 1 RETURNING id";
	char now[CLOCK_STAMP_LEN];
	sqlite3_stmt *st = store_stmt(s, ins);
	int rc;

	if (!st)
		return STORE_IO;
	clock_stamp(now);
	sqlite3_bind_text(st, 1, name, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, now, -1, SQLITE_STATIC);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		*id = sqlite3_column_int64(st, 0);
	store_done(st);
	return rc == SQLITE_ROW ? STORE_OK : store_fail(s, rc, "deputy");
}

int store_deputy_ensure(struct store *s, const char *name, int64_t *id)
{
	int r;

	if (s->in_tx)
		return ensure_locked(s, name, id);
	r = store_begin(s);
	if (r != STORE_OK)
		return r;
	r = ensure_locked(s, name, id);
	if (r != STORE_OK) {
		store_rollback(s);
		return r;
	}
	return store_commit(s);
}

char **store_deputy_names(struct store *s)
{
	static const char sql[] = "SELECT name FROM deputies WHERE active ORDER BY id";
	sqlite3_stmt *st = store_stmt(s, sql);
	char **names = xcalloc(1, sizeof(*names));
	size_t n = 0;
	int r = STORE_OK;

	/* A list to choose from: what could be read, the error said. */
	while (st && store_row(s, st, "deputies", &r)) {
		names = xreallocarray(names, n + 2, sizeof(*names));
		names[n++] = store_col_str(st, 0);
		names[n] = NULL;
	}
	store_done(st);
	return names;
}


int store_user_set(struct store *s, const char *login, const char *deputy, enum role role,
		   const struct actor *who)
{
	static const char sql[] =
		"INSERT INTO users(login, deputy_id, role, created_at) VALUES(?1, ?2, ?3, ?4)"
		" ON CONFLICT(login) DO UPDATE SET deputy_id = excluded.deputy_id, role = excluded.role";
	static const char setrole[] = "UPDATE deputies SET role = ?2 WHERE id = ?1";
	char now[CLOCK_STAMP_LEN];
	int64_t dep;
	sqlite3_stmt *st;
	int r = store_begin(s);

	if (r != STORE_OK)
		return r;
	clock_stamp(now);
	r = ensure_locked(s, deputy, &dep);
	if (r != STORE_OK)
		goto fail;
	st = store_stmt(s, sql);
	if (!st) {
		r = STORE_IO;
		goto fail;
	}
	sqlite3_bind_text(st, 1, login, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 2, dep);
	sqlite3_bind_text(st, 3, role_name(role), -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 4, now, -1, SQLITE_STATIC);
	if ((r = store_exec_stmt(s, st, "user")) != STORE_OK)
		goto fail;
	st = store_stmt(s, setrole);
	if (!st) {
		r = STORE_IO;
		goto fail;
	}
	sqlite3_bind_int64(st, 1, dep);
	sqlite3_bind_text(st, 2, role_name(role), -1, SQLITE_STATIC);
	if ((r = store_exec_stmt(s, st, "user")) != STORE_OK)
		goto fail;
	{
		struct strbuf state = STRBUF_INIT;

		strbuf_adds(&state, "{\"person\":");
		strbuf_add_json(&state, deputy);
		strbuf_adds(&state, ",\"role\":");
		strbuf_add_json(&state, role_name(role));
		strbuf_addch(&state, '}');
		r = store_ledger_event(s, "user", login, who, NULL, state.buf);
		strbuf_release(&state);
		if (r != STORE_OK)
			goto fail;
	}
	return store_commit(s);
fail:
	store_rollback(s);
	return r;
}

int store_user_get(struct store *s, const char *login, char **deputy, enum role *role)
{
	static const char sql[] =
		"SELECT d.name, u.role FROM users u JOIN deputies d ON d.id = u.deputy_id WHERE u.login = ?1";
	sqlite3_stmt *st = store_stmt(s, sql);
	int r = STORE_OK;

	if (!st)
		return STORE_IO;
	sqlite3_bind_text(st, 1, login, -1, SQLITE_STATIC);
	if (!store_row(s, st, "users", &r)) {
		store_done(st);
		return r != STORE_OK ? r : STORE_NOTFOUND;
	}
	*deputy = store_col_str(st, 0);
	*role = ROLE_DEPUTY;
	role_parse((const char *)sqlite3_column_text(st, 1), role);
	store_done(st);
	return STORE_OK;
}

int store_user_list(struct store *s, struct user_row **rows, size_t *n)
{
	static const char sql[] =
		"SELECT u.login, d.name, u.role FROM users u JOIN deputies d ON d.id = u.deputy_id"
		" ORDER BY u.login";
	sqlite3_stmt *st = store_stmt(s, sql);
	struct user_row *out = NULL;
	size_t count = 0;
	int r = STORE_OK;

	*rows = NULL;
	*n = 0;
	if (!st)
		return STORE_IO;
	while (store_row(s, st, "users", &r)) {
		out = xreallocarray(out, count + 1, sizeof(*out));
		out[count].login = store_col_str(st, 0);
		out[count].deputy = store_col_str(st, 1);
		out[count].role = ROLE_DEPUTY;
		role_parse((const char *)sqlite3_column_text(st, 2), &out[count].role);
		count++;
	}
	store_done(st);
	if (r != STORE_OK) {
		store_user_rows_free(out, count);
		return r;
	}
	*rows = out;
	*n = count;
	return STORE_OK;
}

void store_user_rows_free(struct user_row *rows, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		free(rows[i].login);
		free(rows[i].deputy);
	}
	free(rows);
}

int store_person_role(struct store *s, const char *name, enum role *role)
{
	static const char sql[] = "SELECT role FROM deputies WHERE name = ?1 AND active";
	sqlite3_stmt *st = store_stmt(s, sql);
	int r = STORE_OK, found = 0;

	if (!st)
		return STORE_IO;
	sqlite3_bind_text(st, 1, name, -1, SQLITE_STATIC);
	if (store_row(s, st, "deputies", &r)) {
		*role = ROLE_DEPUTY;
		role_parse((const char *)sqlite3_column_text(st, 0), role);
		found = 1;
	}
	store_done(st);
	return r != STORE_OK ? r : found ? STORE_OK : STORE_NOTFOUND;
}

/* 1 when login is in the comma-separated list. */
static int in_list(const char *list, const char *login)
{
	size_t n = strlen(login);

	for (const char *p = list; (p = strstr(p, login)); p += n)
		if ((p == list || p[-1] == ',') && (p[n] == '\0' || p[n] == ','))
			return 1;
	return 0;
}

int store_shared_login(struct store *s, const char *login)
{
	char *list = store_setting(s, "shared_logins");
	int yes = in_list(list, login);

	free(list);
	return yes;
}

int store_shared_login_add(struct store *s, const char *login, const struct actor *who)
{
	char *list = store_setting(s, "shared_logins"), *next;
	int r = STORE_OK;

	if (!in_list(list, login)) {
		next = *list ? xasprintf("%s,%s", list, login) : xstrdup(login);
		r = store_setting_set(s, "shared_logins", next, who);
		free(next);
	}
	free(list);
	return r;
}
