/*
 * hub.c — connecting to the county's hub, its schema and migrations, and
 * the digest of a ticket row.  See hub.h for what must stay true.
 *
 * Migrations are a list of SQL scripts, as the ledger's are (store.c); the
 * version lives in jiedai.meta.  They run in one transaction, under an
 * advisory lock, so two `hub init` at once do not both upgrade.
 *
 * Who may do what at the hub is PostgreSQL's business.  Everything belongs
 * to the role jiedai_owner (never a superuser, whoever runs hub init), and
 * the SECURITY DEFINER functions run with its rights and a fixed
 * search_path.  A station's login (a member of jiedai_station) may call
 * one function that takes data, push() (hub-push.c), for the codes the
 * county bound to it (hub-station.c), and read its own station's copy and
 * figures; nothing reaches the hub's tables without being checked.  County
 * readers (jiedai_reader) read the tables and every station's figures.
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

/*
 * Migration 1.  The schema itself is made by hub_init() before it runs, owned
 * by the role jiedai_owner (see there).
 */
static const char tables_1[] =
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

/*
 * Migration 3: the county binds each station code to its login before the
 * station pushes (`jiedai hub station add`), and every binding and re-binding
 * is kept in jiedai.bindings.  A code pushed before this migration stays
 * bound to the login that pushed it (recorded as 'migrated').  A station's
 * settings (personal, practice) are known from its first push on.  Ticket
 * rows the migration finds without a history that leads to them are moved
 * to jiedai.set_aside, with the reason, rather than dropped.
 *
 * Who may see what: reads_all() is a county reader (jiedai_reader), the
 * owner or a superuser; may_see(code) is that, or the login the code is
 * bound to.  Neither is callable by a login: the SECURITY DEFINER functions
 * call them.
 */
static const char tables_3[] =
	"ALTER TABLE jiedai.stations ALTER COLUMN personal DROP NOT NULL,\n"
	"  ALTER COLUMN practice DROP NOT NULL;\n"
	"CREATE TABLE jiedai.bindings(\n"
	"  station text NOT NULL REFERENCES jiedai.stations(code),\n"
	"  at timestamptz NOT NULL DEFAULT now(), by_role name NOT NULL DEFAULT session_user,\n"
	"  login_from name, login_to name NOT NULL,\n"
	"  what text NOT NULL CHECK (what IN ('add', 'rebind', 'migrated')),\n"
	"  note text NOT NULL DEFAULT ''\n"
	");\n"
	"INSERT INTO jiedai.bindings(station, at, login_to, what, note)\n"
	"  SELECT s.code, coalesce(s.first_push, now()), s.owner, 'migrated',\n"
	"    'the login that pushed it first' FROM jiedai.stations s;\n"
	"CREATE TABLE jiedai.set_aside(\n"
	"  at timestamptz NOT NULL DEFAULT now(), reason text NOT NULL,\n"
	"  LIKE jiedai.tickets\n"
	");\n"
	"CREATE FUNCTION jiedai.reads_all() RETURNS boolean LANGUAGE sql STABLE\n"
	"  SET search_path = pg_catalog, pg_temp AS\n"
	"$$ SELECT pg_has_role(session_user, 'jiedai_reader', 'MEMBER')\n"
	"  OR pg_has_role(session_user, 'jiedai_owner', 'MEMBER') $$;\n"
	"CREATE FUNCTION jiedai.may_see(p_code text) RETURNS boolean LANGUAGE sql STABLE\n"
	"  SET search_path = pg_catalog, pg_temp AS\n"
	"$$ SELECT jiedai.reads_all() OR EXISTS (SELECT 1 FROM jiedai.stations s\n"
	"  WHERE s.code = p_code AND s.owner = session_user) $$;\n";

/*
 * What each role may call after migration 3.  Everything is revoked first
 * (from PUBLIC too: PostgreSQL grants EXECUTE on a new function to PUBLIC),
 * then: a station login the one entry point that takes data (push), and
 * the reads of its own station's copy (push_head, held, seals,
 * ticket_digests) and figures (report); a reader reads every table and the
 * same functions.  The helpers behind push (replay_*, bound, own_temp …),
 * the staging tables and every table are a station login's to touch
 * nowhere.  Functions jiedai_owner makes later start with no EXECUTE for
 * PUBLIC.
 */
static const char grants_3[] =
	"ALTER DEFAULT PRIVILEGES REVOKE EXECUTE ON FUNCTIONS FROM PUBLIC;\n"
	"REVOKE ALL ON ALL TABLES IN SCHEMA jiedai FROM PUBLIC, jiedai_station, jiedai_reader;\n"
	"REVOKE ALL ON ALL FUNCTIONS IN SCHEMA jiedai FROM PUBLIC, jiedai_station, jiedai_reader;\n"
	"REVOKE ALL ON SCHEMA jiedai FROM PUBLIC;\n"
	"GRANT USAGE ON SCHEMA jiedai TO jiedai_station, jiedai_reader;\n"
	"GRANT EXECUTE ON FUNCTION\n"
	"  jiedai.push(text, text, boolean, boolean, json, json, bigint, bytea, text, text),\n"
	"  jiedai.push_head(text, boolean, boolean)\n"
	"  TO jiedai_station;\n"
	"GRANT EXECUTE ON FUNCTION jiedai.held(text), jiedai.seals(text, bigint, bigint),\n"
	"  jiedai.ticket_digests(text), jiedai.report(date, date, date, text)\n"
	"  TO jiedai_station, jiedai_reader;\n"
	"GRANT SELECT ON ALL TABLES IN SCHEMA jiedai TO jiedai_reader;\n"
	"GRANT SELECT ON jiedai.meta TO jiedai_station;\n";

/* A migration: SQL scripts run in order in the one transaction. */
static const struct {
	const char *parts[6];
} migrations[] = {
	/* 1: the hub. */
	{ { tables_1, hub_push_sql_1, hub_report_sql_1, grants_1, NULL } },
	/* 2: the push checked faster (hub-push.c); stations read station names. */
	{ { hub_push_sql_2, grants_2, NULL } },
	/* 3: stations bound by the county; one entry point that derives the tickets; who sees what. */
	{ { tables_3, hub_push_sql_3, hub_report_sql_3, hub_rederive_3, grants_3, NULL } },
};

#define NMIGRATIONS ((int)(sizeof(migrations) / sizeof(migrations[0])))

/* ---- connecting ---- */

static struct hub *hub_new(PGconn *c)
{
	struct hub *h = xcalloc(1, sizeof(*h));

	h->conn = c;
	strbuf_init(&h->events);
	strbuf_init(&h->voters);
	return h;
}

void hub_close(struct hub *h)
{
	if (!h)
		return;
	if (h->conn)
		PQfinish(h->conn);
	strbuf_release(&h->events);
	strbuf_release(&h->voters);
	free(h->code);
	free(h->name);
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

static void no_notices(void *arg, const char *message)
{
	(void)arg;
	(void)message;
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
	{
		/*
		 * A hub that cannot be reached says so within a quarter of a
		 * minute (day close pushes, and must not hang), unless the
		 * address sets its own connect_timeout: it comes later, so wins.
		 */
		const char *const keys[] = { "connect_timeout", "dbname", NULL };
		const char *const vals[] = { "15", url, NULL };

		c = PQconnectdbParams(keys, vals, 1);
	}
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
	/* The server's notices (a WARNING as it shuts down …) are not for people: what matters is said. */
	PQsetNoticeProcessor(c, no_notices, NULL);
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

int hub_broke(struct hub *h)
{
	(void)h;
	error(_("the connection to the hub broke in the middle (the hub's server stopped, or the network failed): nothing of this push was kept at the hub. Push again when the hub can be reached"));
	return HUB_IO;
}

int hub_cut_off(struct hub *h)
{
	const char *st = h->last_state;

	/* 57P: the server shut down or ended the session; 08: the connection failed. */
	return PQstatus(h->conn) != CONNECTION_OK || !strncmp(st, "57P", 3) || !strncmp(st, "08", 2);
}

int hub_fail(struct hub *h, PGresult *res, const char *what)
{
	const char *primary = res ? PQresultErrorField(res, PG_DIAG_MESSAGE_PRIMARY) : NULL;
	const char *state = res ? PQresultErrorField(res, PG_DIAG_SQLSTATE) : NULL;
	char *msg;

	if (PQstatus(h->conn) != CONNECTION_OK ||
	    (state && (!strncmp(state, "57P", 3) || !strncmp(state, "08", 2))))
		return hub_broke(h);
	/* The server's message without its severity and PL/pgSQL context. */
	msg = xstrdup(primary ? primary : res ? PQresultErrorMessage(res) : PQerrorMessage(h->conn));
	hub_trim(msg);
	error(_("the hub failed at %s (%s); nothing was changed there"), what, msg);
	free(msg);
	return HUB_IO;
}

int hub_read_refused(struct hub *h)
{
	if (hub_cut_off(h)) {
		error(_("the connection to the hub broke (the hub's server stopped, or the network failed); try again when the hub can be reached"));
		return HUB_IO;
	}
	if (!strcmp(h->last_state, "42501") || !strcmp(h->last_state, "JD013")) {
		error(_("this hub login may not read that: a station's login sees its own station alone (name it with --station CODE); the county's figures and register are for county readers (members of jiedai_reader)"));
		return HUB_REFUSED;
	}
	error(_("the hub failed (%s); try again, and if it fails again, show this message to the county"),
	      h->last_message);
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

/*
 * The hub belongs to the role jiedai_owner, whoever runs hub init: a
 * superuser's objects would make every SECURITY DEFINER function run with
 * a superuser's rights.  The schema is made (or, on a hub made before,
 * every object in it handed over) here, as the one running hub init, who
 * must be a superuser or a member of jiedai_owner; then the migrations run
 * as jiedai_owner (SET LOCAL ROLE, to the end of the transaction).
 */
static int take_ownership(struct hub *h, int version)
{
	static const char member[] =
		"SELECT current_user = 'jiedai_owner', pg_has_role(current_user, 'jiedai_owner', 'MEMBER')";
	static const char hand_over[] =
		"DO $$ DECLARE r record; BEGIN\n"
		"  IF (SELECT n.nspowner FROM pg_namespace n WHERE n.nspname = 'jiedai')\n"
		"     <> 'jiedai_owner'::regrole THEN\n"
		"    ALTER SCHEMA jiedai OWNER TO jiedai_owner; END IF;\n"
		"  FOR r IN SELECT c.oid::regclass AS rel FROM pg_class c\n"
		"      WHERE c.relnamespace = 'jiedai'::regnamespace AND c.relkind IN ('r', 'v', 'S')\n"
		"      AND c.relowner <> 'jiedai_owner'::regrole LOOP\n"
		"    EXECUTE format('ALTER TABLE %s OWNER TO jiedai_owner', r.rel);\n"
		"  END LOOP;\n"
		"  FOR r IN SELECT p.oid::regprocedure AS fn FROM pg_proc p\n"
		"      WHERE p.pronamespace = 'jiedai'::regnamespace AND p.proowner <> 'jiedai_owner'::regrole LOOP\n"
		"    EXECUTE format('ALTER FUNCTION %s OWNER TO jiedai_owner', r.fn);\n"
		"  END LOOP;\n"
		"END $$";
	PGresult *res = hub_query(h, member, 0, NULL, "owner");
	int self, ok;

	if (!res)
		return HUB_IO;
	self = !strcmp(PQgetvalue(res, 0, 0), "t");
	ok = !strcmp(PQgetvalue(res, 0, 1), "t");
	PQclear(res);
	if (!ok) {
		error(_("the hub belongs to the role jiedai_owner, and %s is not a member of it: run hub init as the database's superuser (sudo -u postgres jiedai hub init …), or GRANT jiedai_owner TO the login that runs it"),
		      PQuser(h->conn));
		return HUB_REFUSED;
	}
	res = hub_query(h, version ? hand_over : "CREATE SCHEMA jiedai AUTHORIZATION jiedai_owner", 0, NULL, NULL);
	if (!res) {
		error(_("cannot give the hub's schema to the role jiedai_owner (%s): run hub init as the database's superuser"),
		      h->last_message);
		return HUB_REFUSED;
	}
	PQclear(res);
	if (!self && hub_exec(h, "SET LOCAL ROLE jiedai_owner", "owner") != HUB_OK)
		return HUB_REFUSED;
	return HUB_OK;
}

int hub_init(struct hub *h, const char *name, int practice, int upto, int *from)
{
	PGresult *res;
	int v, r, last = upto > 0 && upto < NMIGRATIONS ? upto : NMIGRATIONS;
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
	/*
	 * The group roles stations and county readers are made members of,
	 * and the role that owns the hub.
	 */
	res = hub_query(h,
		"DO $$ BEGIN\n"
		"  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'jiedai_station') THEN\n"
		"    CREATE ROLE jiedai_station NOLOGIN; END IF;\n"
		"  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'jiedai_reader') THEN\n"
		"    CREATE ROLE jiedai_reader NOLOGIN; END IF;\n"
		"  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'jiedai_owner') THEN\n"
		"    CREATE ROLE jiedai_owner NOLOGIN; END IF;\n"
		"END $$", 0, NULL, NULL);
	if (!res) {
		error(_("cannot make the roles jiedai_station, jiedai_reader and jiedai_owner: run hub init as the database's owner with the right to create roles (or make them first: CREATE ROLE jiedai_station NOLOGIN; CREATE ROLE jiedai_reader NOLOGIN; CREATE ROLE jiedai_owner NOLOGIN)"));
		hub_exec(h, "ROLLBACK", "rollback");
		return HUB_REFUSED;
	}
	PQclear(res);
	if (take_ownership(h, v) != HUB_OK) {
		hub_exec(h, "ROLLBACK", "rollback");
		return HUB_REFUSED;
	}
	for (int k = v; k < last; k++)
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
	snprintf(vs, sizeof(vs), "%d", v > last ? v : last);
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

int hub_set_aside_count(struct hub *h, int64_t *n)
{
	PGresult *res = hub_query(h, "SELECT count(*) FROM jiedai.set_aside", 0, NULL, "set aside");

	*n = 0;
	if (!res)
		return HUB_IO;
	*n = atoll(PQgetvalue(res, 0, 0));
	PQclear(res);
	return HUB_OK;
}
