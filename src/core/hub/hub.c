/*
 * hub.c — connecting to the county's hub, its schema and migrations, and
 * the digest of a ticket row.  See hub.h for what must stay true.
 *
 * Migrations are a list of SQL scripts, as the ledger's are (store.c); the
 * version lives in jiedai.meta.  They run in one transaction, under an
 * advisory lock, so two `hub init` at once do not both upgrade.
 *
 * Who may do what at the hub is PostgreSQL's business: stations push
 * through the SECURITY DEFINER functions push_begin() and push_commit()
 * (granted to the role jiedai_station) and have no other write access, so
 * nothing reaches the hub's tables without being checked; county readers
 * (jiedai_reader) may read the tables; both may run the report.
 */
#include "hub.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libpq-fe.h>
#include <nettle/sha2.h>

#include "chain.h"
#include "error.h"
#include "hub-internal.h"
#include "i18n.h"
#include "strbuf.h"
#include "xmalloc.h"

int hub_exit_code(int result)
{
	switch (result) {
	case HUB_OK: return 0;
	case HUB_REFUSED: return 1;
	default: return 3;
	}
}

/* ---- the schema ---- */

/*
 * The canonical encoding of chain.h in SQL: canon() writes one field, the
 * event_hash() the whole event after the previous hash (32 zero bytes at
 * the start of a chain).  Texts are compared and hashed as stored, so the
 * database must be UTF-8 (hub init checks).
 */
#define HUB_FUNCTIONS_1 \
	"CREATE FUNCTION jiedai.canon(v text) RETURNS bytea LANGUAGE sql IMMUTABLE PARALLEL SAFE AS\n" \
	"$$ SELECT CASE WHEN v IS NULL THEN '\\x00'::bytea\n" \
	"  ELSE '\\x01'::bytea || int4send(octet_length(v)) || convert_to(v, 'UTF8') END $$;\n" \
	"CREATE FUNCTION jiedai.event_hash(prev bytea, id bigint, ticket text, day text, subject text,\n" \
	"  at text, kind text, actor text, login text, client text, status_from text, status_to text,\n" \
	"  unit text, due_date text, method text, rating text, txt text, data text, state text)\n" \
	"  RETURNS bytea LANGUAGE sql IMMUTABLE PARALLEL SAFE AS\n" \
	"$$ SELECT sha256(coalesce(prev, decode(repeat('00', 32), 'hex'))\n" \
	"  || jiedai.canon('jiedai-event-1') || jiedai.canon(id::text) || jiedai.canon(ticket)\n" \
	"  || jiedai.canon(day) || jiedai.canon(subject) || jiedai.canon(at) || jiedai.canon(kind)\n" \
	"  || jiedai.canon(actor) || jiedai.canon(login) || jiedai.canon(client)\n" \
	"  || jiedai.canon(status_from) || jiedai.canon(status_to) || jiedai.canon(unit)\n" \
	"  || jiedai.canon(due_date) || jiedai.canon(method) || jiedai.canon(rating)\n" \
	"  || jiedai.canon(txt) || jiedai.canon(data) || jiedai.canon(state)) $$;\n" \
	/* A date the ledger wrote (YYYY-MM-DD…), or NULL. */ \
	"CREATE FUNCTION jiedai.day_of(v text) RETURNS date LANGUAGE sql IMMUTABLE PARALLEL SAFE AS\n" \
	"$$ SELECT CASE WHEN v ~ '^[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])'\n" \
	"  THEN make_date(substr(v, 1, 4)::int, substr(v, 6, 2)::int, 1)\n" \
	"       + (substr(v, 9, 2)::int - 1) END $$;\n"

static const char tables_1[] =
	"CREATE SCHEMA jiedai;\n"
	"CREATE TABLE jiedai.meta(key text PRIMARY KEY, value text NOT NULL);\n"
	"CREATE TABLE jiedai.stations(\n"
	"  code text PRIMARY KEY CHECK (code ~ '^[A-Z0-9]{1,8}$'),\n"
	"  name text NOT NULL DEFAULT '',\n"
	"  owner name NOT NULL,\n"
	"  personal text NOT NULL CHECK (personal IN ('full', 'masked')),\n"
	"  practice boolean NOT NULL,\n"
	"  events bigint NOT NULL DEFAULT 0,\n"
	"  head bytea,\n"
	"  first_hash bytea,\n"
	"  pushes integer NOT NULL DEFAULT 0,\n"
	"  first_push timestamptz,\n"
	"  last_push timestamptz\n"
	");\n"
	"CREATE TABLE jiedai.events(\n"
	"  station text NOT NULL REFERENCES jiedai.stations(code),\n"
	"  id bigint NOT NULL,\n"
	"  ticket text, day text, subject text,\n"
	"  at text NOT NULL, kind text NOT NULL, actor text NOT NULL, login text NOT NULL,\n"
	"  client text NOT NULL, status_from text, status_to text, unit text, due_date text,\n"
	"  method text, rating text, text text, data text NOT NULL, state text,\n"
	"  hash bytea NOT NULL CHECK (length(hash) = 32),\n"
	"  verified boolean NOT NULL,\n"
	"  PRIMARY KEY (station, id)\n"
	");\n"
	"CREATE INDEX events_ticket ON jiedai.events(station, ticket) WHERE ticket IS NOT NULL;\n"
	"CREATE TABLE jiedai.tickets(\n"
	"  station text NOT NULL REFERENCES jiedai.stations(code),\n"
	"  number text NOT NULL,\n"
	"  year integer NOT NULL, seq bigint NOT NULL, check_code text NOT NULL,\n"
	"  day_date text, position integer, voter text NOT NULL,\n"
	"  name text NOT NULL, phone text NOT NULL, address text NOT NULL, category text NOT NULL,\n"
	"  issue text NOT NULL, deputy text NOT NULL, status text NOT NULL, unit text NOT NULL,\n"
	"  due_date text, answer_method text NOT NULL, answer_date text, answer_text text NOT NULL,\n"
	"  rating text NOT NULL, closed_at text, closed_by text NOT NULL, close_note text NOT NULL,\n"
	"  void_reason text NOT NULL, extra text NOT NULL, created_at text NOT NULL,\n"
	"  updated_at text NOT NULL,\n"
	"  created_day date NOT NULL, answer_day date,\n"
	"  digest bytea NOT NULL,\n"
	"  PRIMARY KEY (station, number)\n"
	");\n"
	"CREATE INDEX tickets_created ON jiedai.tickets(created_day);\n"
	"CREATE TABLE jiedai.days(\n"
	"  station text NOT NULL REFERENCES jiedai.stations(code),\n"
	"  date date NOT NULL,\n"
	"  place text NOT NULL DEFAULT '', opened_at text, opened_by text, closed_at text,\n"
	"  closed_by text, deputies text[] NOT NULL DEFAULT '{}',\n"
	"  PRIMARY KEY (station, date)\n"
	");\n"
	"CREATE INDEX days_date ON jiedai.days(date);\n"
	"CREATE TABLE jiedai.people(\n"
	"  station text NOT NULL REFERENCES jiedai.stations(code),\n"
	"  name text NOT NULL, role text NOT NULL, active boolean NOT NULL, created_at text,\n"
	"  PRIMARY KEY (station, name)\n"
	");\n"
	"CREATE TABLE jiedai.units(\n"
	"  station text NOT NULL REFERENCES jiedai.stations(code),\n"
	"  name text NOT NULL, first_at text NOT NULL,\n"
	"  PRIMARY KEY (station, name)\n"
	");\n"
	"CREATE TABLE jiedai.pushes(\n"
	"  station text NOT NULL REFERENCES jiedai.stations(code),\n"
	"  at timestamptz NOT NULL DEFAULT now(), by_role name NOT NULL DEFAULT session_user,\n"
	"  source text NOT NULL, first_event bigint, last_event bigint NOT NULL,\n"
	"  events bigint NOT NULL, verified bigint NOT NULL, tickets bigint NOT NULL\n"
	");\n"
	HUB_FUNCTIONS_1;

static const char grants_1[] =
	"REVOKE ALL ON ALL TABLES IN SCHEMA jiedai FROM PUBLIC;\n"
	"REVOKE ALL ON ALL FUNCTIONS IN SCHEMA jiedai FROM PUBLIC;\n"
	"GRANT USAGE ON SCHEMA jiedai TO jiedai_station, jiedai_reader;\n"
	"GRANT EXECUTE ON FUNCTION jiedai.canon(text), jiedai.day_of(text),\n"
	"  jiedai.report(date, date, date, text) TO jiedai_station, jiedai_reader;\n"
	"GRANT EXECUTE ON FUNCTION jiedai.push_begin(text, text, boolean, boolean),\n"
	"  jiedai.push_commit(text, text, bigint, bytea, text), jiedai.event_at(text, bigint),\n"
	"  jiedai.ticket_digests(text) TO jiedai_station;\n"
	"GRANT SELECT ON ALL TABLES IN SCHEMA jiedai TO jiedai_reader;\n"
	"GRANT SELECT ON jiedai.meta TO jiedai_station;\n";

/*
 * Reports name each station beside its code (hub-report.c), and a station's
 * own login may read the figures: it may read the stations' codes and
 * names, nothing else of that table.
 */
static const char grants_2[] =
	"GRANT SELECT (code, name) ON jiedai.stations TO jiedai_station;\n";

/* A migration: SQL scripts run in order in the one transaction. */
static const struct {
	const char *parts[5];
} migrations[] = {
	/* 1: the hub. */
	{ { tables_1, hub_push_sql_1, hub_report_sql_1, grants_1, NULL } },
	/* 2: the push checked faster (hub-push.c); stations read station names. */
	{ { hub_push_sql_2, grants_2, NULL } },
};

#define NMIGRATIONS ((int)(sizeof(migrations) / sizeof(migrations[0])))

/* ---- connecting ---- */

static struct hub *hub_new(PGconn *c)
{
	struct hub *h = xcalloc(1, sizeof(*h));

	h->conn = c;
	return h;
}

void hub_close(struct hub *h)
{
	if (!h)
		return;
	if (h->conn)
		PQfinish(h->conn);
	free(h);
}

/* Is PostgreSQL's message about the password or the role (rather than the network)? */
static int auth_failure(const char *msg)
{
	static const char *const marks[] = {
		"password authentication failed", "no password supplied", "authentication failed",
		"role \"", "does not exist", "pg_hba.conf", "peer authentication", NULL,
	};

	for (const char *const *m = marks; *m; m++)
		if (strstr(msg, *m))
			return 1;
	return 0;
}

char *hub_describe(const char *url)
{
	PQconninfoOption *opts = PQconninfoParse(url, NULL);
	struct strbuf sb = STRBUF_INIT;
	const char *db = "", *host = "", *user = "", *service = NULL, *port = "";

	if (!opts)
		return xstrdup("?");
	for (PQconninfoOption *o = opts; o->keyword; o++) {
		if (!o->val || !*o->val)
			continue;
		if (!strcmp(o->keyword, "dbname"))
			db = o->val;
		else if (!strcmp(o->keyword, "host"))
			host = o->val;
		else if (!strcmp(o->keyword, "user"))
			user = o->val;
		else if (!strcmp(o->keyword, "service"))
			service = o->val;
		else if (!strcmp(o->keyword, "port"))
			port = o->val;
	}
	if (service)
		strbuf_addf(&sb, "service=%s", service);
	else
		strbuf_addf(&sb, "%s%s%s%s%s/%s", user, *user ? "@" : "", *host ? host : "localhost",
			    *port ? ":" : "", port, db);
	PQconninfoFree(opts);
	return strbuf_detach(&sb);
}

int hub_connect(const char *url, int need_schema, struct hub **out)
{
	PQconninfoOption *opts;
	char *err = NULL;
	PGconn *c;
	struct hub *h;

	*out = NULL;
	opts = PQconninfoParse(url, &err);
	if (!opts) {
		error(_("'%s' is not a hub address (postgres://HOST/DATABASE or service=NAME): %s"), url,
		      err ? err : "");
		PQfreemem(err);
		return HUB_CONNECT;
	}
	for (PQconninfoOption *o = opts; o->keyword; o++)
		if (!strcmp(o->keyword, "password") && o->val && *o->val) {
			PQconninfoFree(opts);
			return error(_("the hub's address holds a password: it would show in the list of processes and the shell's history. Put it in ~/.pgpass (or a service file) and give the address without it")),
			       HUB_CONNECT;
		}
	PQconninfoFree(opts);
	c = PQconnectdb(url);
	if (PQstatus(c) != CONNECTION_OK) {
		char *msg = xstrdup(PQerrorMessage(c));
		char *d = hub_describe(url);

		hub_trim(msg);
		if (auth_failure(msg))
			error(_("the hub %s refused the login: wrong user name or password, or this user may not connect (%s). Check ~/.pgpass and ask the county for the station's hub login"),
			      d, msg);
		else
			error(_("cannot reach the hub %s (%s); the ledger is unchanged: push again when the network is back"),
			      d, msg);
		free(msg);
		free(d);
		PQfinish(c);
		return HUB_CONNECT;
	}
	h = hub_new(c);
	PQsetClientEncoding(c, "UTF8");
	if (hub_exec(h, "SET search_path = pg_catalog, pg_temp", "set-up") != HUB_OK) {
		hub_close(h);
		return HUB_CONNECT;
	}
	if (need_schema) {
		int v = hub_schema_found(h);

		if (v < 0) {
			hub_close(h);
			return HUB_CONNECT;
		}
		if (v == 0) {
			error(_("the database at %s is not a jiedai hub (it has no jiedai schema); the county makes it with 'jiedai hub init'"),
			      PQdb(c));
			hub_close(h);
			return HUB_CONNECT;
		}
		if (v != HUB_SCHEMA_VERSION) {
			if (v > HUB_SCHEMA_VERSION)
				error(_("the hub has schema version %d, newer than this jiedai knows (%d): upgrade jiedai"),
				      v, HUB_SCHEMA_VERSION);
			else
				error(_("the hub has schema version %d, older than this jiedai's (%d): the county upgrades it with 'jiedai hub init'"),
				      v, HUB_SCHEMA_VERSION);
			hub_close(h);
			return HUB_CONNECT;
		}
	}
	*out = h;
	return HUB_OK;
}

/* ---- running statements ---- */

void hub_trim(char *s)
{
	size_t n = strlen(s);

	while (n && (s[n - 1] == '\n' || s[n - 1] == ' '))
		s[--n] = '\0';
}

int hub_fail(struct hub *h, PGresult *res, const char *what)
{
	char *msg = xstrdup(res ? PQresultErrorMessage(res) : PQerrorMessage(h->conn));

	hub_trim(msg);
	if (PQstatus(h->conn) != CONNECTION_OK)
		error(_("the connection to the hub broke (%s): nothing of this push was kept"), msg);
	else
		error("%s: %s", what, msg);
	free(msg);
	return HUB_IO;
}

int hub_exec(struct hub *h, const char *sql, const char *what)
{
	PGresult *res = PQexec(h->conn, sql);
	int r = HUB_OK;

	if (PQresultStatus(res) != PGRES_COMMAND_OK && PQresultStatus(res) != PGRES_TUPLES_OK)
		r = hub_fail(h, res, what);
	PQclear(res);
	return r;
}

PGresult *hub_query(struct hub *h, const char *sql, int n, const char *const *params, const char *what)
{
	PGresult *res = PQexecParams(h->conn, sql, n, NULL, params, NULL, NULL, 0);

	if (PQresultStatus(res) != PGRES_TUPLES_OK && PQresultStatus(res) != PGRES_COMMAND_OK) {
		if (what)
			hub_fail(h, res, what);
		h->last_state[0] = '\0';
		snprintf(h->last_message, sizeof(h->last_message), "%s",
			 PQresultErrorField(res, PG_DIAG_MESSAGE_PRIMARY) ?
			 PQresultErrorField(res, PG_DIAG_MESSAGE_PRIMARY) : PQerrorMessage(h->conn));
		if (PQresultErrorField(res, PG_DIAG_SQLSTATE))
			snprintf(h->last_state, sizeof(h->last_state), "%s",
				 PQresultErrorField(res, PG_DIAG_SQLSTATE));
		h->last_detail[0] = '\0';
		if (PQresultErrorField(res, PG_DIAG_MESSAGE_DETAIL))
			snprintf(h->last_detail, sizeof(h->last_detail), "%s",
				 PQresultErrorField(res, PG_DIAG_MESSAGE_DETAIL));
		PQclear(res);
		return NULL;
	}
	return res;
}

int hub_schema_found(struct hub *h)
{
	PGresult *res = hub_query(h, "SELECT to_regclass('jiedai.meta') IS NOT NULL", 0, NULL, "schema version");
	int v = 0;

	if (!res)
		return -1;
	if (strcmp(PQgetvalue(res, 0, 0), "t")) {
		PQclear(res);
		return 0;
	}
	PQclear(res);
	res = hub_query(h, "SELECT value FROM jiedai.meta WHERE key = 'schema_version'", 0, NULL, "schema version");
	if (!res)
		return -1;
	if (PQntuples(res))
		v = atoi(PQgetvalue(res, 0, 0));
	PQclear(res);
	return v;
}

char *hub_name(struct hub *h)
{
	PGresult *res = hub_query(h, "SELECT value FROM jiedai.meta WHERE key = 'name'", 0, NULL, NULL);
	char *name = xstrdup(res && PQntuples(res) ? PQgetvalue(res, 0, 0) : "");

	PQclear(res);
	return name;
}

/* ---- hub init ---- */

int hub_init(struct hub *h, const char *name, int practice, int *from)
{
	PGresult *res;
	int v, r;
	char vs[16];
	const char *p[2];

	*from = 0;
	res = hub_query(h, "SELECT current_setting('server_encoding')", 0, NULL, "encoding");
	if (!res)
		return HUB_IO;
	if (strcmp(PQgetvalue(res, 0, 0), "UTF8")) {
		error(_("the hub's database is in %s: it must be UTF-8 (createdb -E UTF8 -T template0 …)"),
		      PQgetvalue(res, 0, 0));
		PQclear(res);
		return HUB_REFUSED;
	}
	PQclear(res);
	if (hub_exec(h, "BEGIN", "begin") != HUB_OK)
		return HUB_IO;
	if (hub_exec(h, "SELECT pg_advisory_xact_lock(hashtext('jiedai hub init'))", "lock") != HUB_OK)
		goto fail;
	v = hub_schema_found(h);
	if (v < 0)
		goto fail;
	*from = v;
	if (v > NMIGRATIONS) {
		error(_("the hub has schema version %d, newer than this jiedai knows (%d): upgrade jiedai"), v,
		      NMIGRATIONS);
		hub_exec(h, "ROLLBACK", "rollback");
		return HUB_REFUSED;
	}
	/* The group roles stations and county readers are made members of. */
	res = hub_query(h,
		"DO $$ BEGIN\n"
		"  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'jiedai_station') THEN\n"
		"    CREATE ROLE jiedai_station NOLOGIN; END IF;\n"
		"  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'jiedai_reader') THEN\n"
		"    CREATE ROLE jiedai_reader NOLOGIN; END IF;\n"
		"END $$", 0, NULL, NULL);
	if (!res) {
		error(_("cannot make the roles jiedai_station and jiedai_reader: run hub init as the database's owner with the right to create roles (or make them first: CREATE ROLE jiedai_station NOLOGIN; CREATE ROLE jiedai_reader NOLOGIN)"));
		hub_exec(h, "ROLLBACK", "rollback");
		return HUB_REFUSED;
	}
	PQclear(res);
	for (int k = v; k < NMIGRATIONS; k++)
		for (int part = 0; migrations[k].parts[part]; part++) {
		res = PQexec(h->conn, migrations[k].parts[part]);
		if (PQresultStatus(res) != PGRES_COMMAND_OK && PQresultStatus(res) != PGRES_TUPLES_OK) {
			const char *state = PQresultErrorField(res, PG_DIAG_SQLSTATE);

			if (state && !strcmp(state, "42501"))
				error(_("not allowed to make the hub's schema here (%s): run hub init as the owner of the database"),
				      PQresultErrorMessage(res));
			else
				hub_fail(h, res, "hub migration");
			PQclear(res);
			error(_("the hub was left as it was"));
			hub_exec(h, "ROLLBACK", "rollback");
			return HUB_REFUSED;
		}
		PQclear(res);
		}
	snprintf(vs, sizeof(vs), "%d", NMIGRATIONS);
	p[0] = vs;
	res = hub_query(h, "INSERT INTO jiedai.meta(key, value) VALUES('schema_version', $1)"
		       " ON CONFLICT (key) DO UPDATE SET value = excluded.value", 1, p, "schema version");
	if (!res)
		goto fail;
	PQclear(res);
	if (v == 0) {
		p[0] = practice ? "yes" : "no";
		res = hub_query(h, "INSERT INTO jiedai.meta(key, value) VALUES('practice', $1),"
			       " ('created_at', now()::text)", 1, p, "practice");
		if (!res)
			goto fail;
		PQclear(res);
	}
	if (name || v == 0) {
		p[0] = name ? name : "";
		res = hub_query(h, "INSERT INTO jiedai.meta(key, value) VALUES('name', $1)"
			       " ON CONFLICT (key) DO UPDATE SET value = excluded.value", 1, p, "name");
		if (!res)
			goto fail;
		PQclear(res);
	}
	r = hub_exec(h, "COMMIT", "commit");
	return r == HUB_OK ? HUB_OK : HUB_IO;
fail:
	hub_exec(h, "ROLLBACK", "rollback");
	return HUB_IO;
}

/* ---- the row digest ---- */

void hub_row_digest(const char *const fields[HUB_ROW_FIELDS], unsigned char out[32])
{
	struct sha256_ctx c;

	sha256_init(&c);
	chain_put_text(&c, "jiedai-row-1");
	for (int i = 0; i < HUB_ROW_FIELDS; i++)
		chain_put_text(&c, fields[i]);
	sha256_digest(&c, 32, out);
}
