/*
 * hub-station.c — the county binds station codes to the logins that push
 * them (hub.h): add, re-bind and list, each binding recorded in
 * jiedai.bindings.  These run as whoever connects: the hub's owner (or a
 * superuser) may write jiedai.stations and jiedai.bindings, a reader may
 * list, a station's login may do neither.
 */
#include "hub.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "error.h"
#include "hub-internal.h"
#include "i18n.h"
#include "xmalloc.h"

/* A station code as the hub takes it: 1 to 8 capital letters or digits. */
static int code_ok(const char *code)
{
	size_t n = strlen(code);

	if (n < 1 || n > 8)
		return 0;
	for (const char *p = code; *p; p++)
		if (!((*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9')))
			return 0;
	return 1;
}

/* A write refused: not the owner, or something else; rolls back.  HUB_REFUSED or HUB_IO. */
static int write_failed(struct hub *h)
{
	hub_exec(h, "ROLLBACK", "rollback");
	if (!strcmp(h->last_state, "42501")) {
		error(_("only the hub's owner binds station codes to logins (%s): run it as the database's superuser (sudo -u postgres jiedai hub station …) or as a member of jiedai_owner"),
		      h->last_message);
		return HUB_REFUSED;
	}
	return hub_read_refused(h);
}

/* Does login exist, and is it a member of jiedai_station?  0 when so, else a refusal. */
static int login_ok(struct hub *h, const char *login)
{
	const char *p[1] = { login };
	PGresult *res = hub_query(h, "SELECT pg_has_role(r.rolname, 'jiedai_station', 'MEMBER')"
				  " FROM pg_roles r WHERE r.rolname = $1", 1, p, NULL);
	int r = HUB_OK;

	if (!res)
		return write_failed(h);
	if (PQntuples(res) != 1) {
		error(_("there is no login '%s' at the hub: make it first (CREATE ROLE %s LOGIN IN ROLE jiedai_station; then \\password %s)"),
		      login, login, login);
		r = HUB_REFUSED;
	} else if (strcmp(PQgetvalue(res, 0, 0), "t")) {
		error(_("the login '%s' is not a member of jiedai_station, so it could not push: GRANT jiedai_station TO %s"),
		      login, login);
		r = HUB_REFUSED;
	}
	PQclear(res);
	if (r != HUB_OK)
		hub_exec(h, "ROLLBACK", "rollback");
	return r;
}

/* The login code is bound to (caller frees), NULL when none; locks the station's row. */
static int bound_to(struct hub *h, const char *code, char **login)
{
	const char *p[1] = { code };
	PGresult *res = hub_query(h, "SELECT owner FROM jiedai.stations WHERE code = $1 FOR UPDATE", 1, p, NULL);

	*login = NULL;
	if (!res)
		return write_failed(h);
	if (PQntuples(res) == 1)
		*login = xstrdup(PQgetvalue(res, 0, 0));
	PQclear(res);
	return HUB_OK;
}

int hub_station_add(struct hub *h, const char *code, const char *login, const char *name)
{
	const char *p[4] = { code, login, name ? name : "", NULL };
	char *was = NULL;
	PGresult *res;
	int r;

	if (!code_ok(code)) {
		error(_("'%s' is not a station code the hub takes (1 to 8 capital letters or digits)"), code);
		return HUB_REFUSED;
	}
	if (hub_exec(h, "BEGIN", "begin") != HUB_OK)
		return HUB_IO;
	if ((r = login_ok(h, login)) != HUB_OK || (r = bound_to(h, code, &was)) != HUB_OK)
		return r;
	if (was) {
		error(_("station code %s is bound to the login '%s' already; to move it to another login (a new laptop, a leaked password): jiedai hub station rebind %s --login %s"),
		      code, was, code, login);
		free(was);
		hub_exec(h, "ROLLBACK", "rollback");
		return HUB_REFUSED;
	}
	res = hub_query(h, "INSERT INTO jiedai.stations(code, name, owner, personal, practice)"
			" VALUES ($1, $3, $2, NULL, NULL)", 3, p, NULL);
	if (!res)
		return write_failed(h);
	PQclear(res);
	res = hub_query(h, "INSERT INTO jiedai.bindings(station, login_to, what) VALUES ($1, $2, 'add')", 2, p,
			NULL);
	if (!res)
		return write_failed(h);
	PQclear(res);
	return hub_exec(h, "COMMIT", "commit");
}

int hub_station_rebind(struct hub *h, const char *code, const char *login, const char *note)
{
	const char *p[4];
	char *was = NULL;
	PGresult *res;
	int r;

	if (!code_ok(code)) {
		error(_("'%s' is not a station code the hub takes (1 to 8 capital letters or digits)"), code);
		return HUB_REFUSED;
	}
	if (hub_exec(h, "BEGIN", "begin") != HUB_OK)
		return HUB_IO;
	if ((r = login_ok(h, login)) != HUB_OK || (r = bound_to(h, code, &was)) != HUB_OK)
		return r;
	if (!was || !strcmp(was, login)) {
		if (!was)
			error(_("station code %s is not bound to any login yet: bind it with jiedai hub station add %s --login %s"),
			      code, code, login);
		else
			error(_("station code %s is bound to the login '%s' already"), code, login);
		free(was);
		hub_exec(h, "ROLLBACK", "rollback");
		return HUB_REFUSED;
	}
	p[0] = code;
	p[1] = login;
	p[2] = was;
	p[3] = note ? note : "";
	res = hub_query(h, "UPDATE jiedai.stations SET owner = $2 WHERE code = $1", 2, p, NULL);
	if (res) {
		PQclear(res);
		res = hub_query(h, "INSERT INTO jiedai.bindings(station, login_from, login_to, what, note)"
				" VALUES ($1, $3, $2, 'rebind', $4)", 4, p, NULL);
	}
	free(was);
	if (!res)
		return write_failed(h);
	PQclear(res);
	return hub_exec(h, "COMMIT", "commit");
}

int hub_station_list(struct hub *h, struct hub_station_row **rows, size_t *n)
{
	PGresult *res = hub_query(h,
		"SELECT s.code, s.name, s.owner,"
		" coalesce(to_char((SELECT max(b.at) FROM jiedai.bindings b WHERE b.station = s.code),"
		"  'YYYY-MM-DD HH24:MI'), ''),"
		" coalesce(to_char(s.last_push, 'YYYY-MM-DD HH24:MI'), ''), s.events,"
		" (SELECT count(*) FROM jiedai.bindings b WHERE b.station = s.code AND b.what = 'rebind')"
		" FROM jiedai.stations s ORDER BY s.code COLLATE \"C\"", 0, NULL, NULL);

	*rows = NULL;
	*n = 0;
	if (!res)
		return hub_read_refused(h);
	*n = (size_t)PQntuples(res);
	*rows = xcalloc(*n + 1, sizeof(**rows));
	for (size_t i = 0; i < *n; i++) {
		struct hub_station_row *row = &(*rows)[i];

		row->code = xstrdup(PQgetvalue(res, (int)i, 0));
		row->name = xstrdup(PQgetvalue(res, (int)i, 1));
		row->login = xstrdup(PQgetvalue(res, (int)i, 2));
		row->bound_at = xstrdup(PQgetvalue(res, (int)i, 3));
		row->last_push = xstrdup(PQgetvalue(res, (int)i, 4));
		row->events = atoll(PQgetvalue(res, (int)i, 5));
		row->rebinds = atoll(PQgetvalue(res, (int)i, 6));
	}
	PQclear(res);
	return HUB_OK;
}

void hub_station_rows_free(struct hub_station_row *rows, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		free(rows[i].code);
		free(rows[i].name);
		free(rows[i].login);
		free(rows[i].bound_at);
		free(rows[i].last_push);
	}
	free(rows);
}
