/*
 * hub-push.c — a station's push, at the hub's end: the PL/pgSQL that checks
 * and keeps it, and the C that drives it (the head, the events in batches,
 * the last batch that keeps it all).  See hub.h for the rules.
 *
 * Since migration 3 a station's login calls one function that takes data,
 * jiedai.push(): the events, in batches within the push's one transaction,
 * staged in temporary tables that belong to the hub's owner (the login
 * cannot read, write or drop them); the last call checks everything staged
 * in a few set-wide statements (the seals recomputed for every event at
 * once, each against the seal the station gave the event before it; each
 * ticket's history replayed) and only then writes the hub's tables, the
 * ticket rows derived from the events.  A RAISE anywhere rolls the whole
 * push back; the error codes JD001… tell the program which refusal it was,
 * and DETAIL carries what to name.  Migrations 1 and 2 below are the old
 * path, kept because a hub is made by running every migration in order.
 */
#include "hub.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "error.h"
#include "hub-internal.h"
#include "i18n.h"
#include "strbuf.h"
#include "xmalloc.h"

#define STAGE_EVENT_COLS \
	"id bigint, ticket text, day text, subject text, at text, kind text, actor text," \
	" login text, client text, status_from text, status_to text, unit text, due_date text," \
	" method text, rating text, txt text, data text, state text, hash bytea, masked boolean"
#define TICKET_COLS_X \
	"x.number, x.station, x.year, x.seq, x.check_code, x.day_date, x.position, x.voter, x.name," \
	" x.phone, x.address, x.category, x.issue, x.deputy, x.status, x.unit, x.due_date," \
	" x.answer_method, x.answer_date, x.answer_text, x.rating, x.closed_at, x.closed_by," \
	" x.close_note, x.void_reason, x.extra, x.created_at, x.updated_at"
#define TICKET_COLS_T \
	"t.number, t.station, t.year, t.seq, t.check_code, t.day_date, t.position, t.voter, t.name," \
	" t.phone, t.address, t.category, t.issue, t.deputy, t.status, t.unit, t.due_date," \
	" t.answer_method, t.answer_date, t.answer_text, t.rating, t.closed_at, t.closed_by," \
	" t.close_note, t.void_reason, t.extra, t.created_at, t.updated_at"
#define TICKET_COLS \
	"number, station, year, seq, check_code, day_date, position, voter, name, phone, address," \
	" category, issue, deputy, status, unit, due_date, answer_method, answer_date, answer_text," \
	" rating, closed_at, closed_by, close_note, void_reason, extra, created_at, updated_at"

const char hub_push_sql_1[] =
	/* hub_row_digest() in SQL, over the fields in TICKET_COLS order. */
	"CREATE FUNCTION jiedai.row_digest(number text, station text, year integer, seq bigint,\n"
	"  check_code text, day_date text, pos integer, voter text, name text, phone text,\n"
	"  address text, category text, issue text, deputy text, status text, unit text,\n"
	"  due_date text, answer_method text, answer_date text, answer_text text, rating text,\n"
	"  closed_at text, closed_by text, close_note text, void_reason text, extra text,\n"
	"  created_at text, updated_at text) RETURNS bytea LANGUAGE sql IMMUTABLE PARALLEL SAFE AS\n"
	"$$ SELECT sha256(jiedai.canon('jiedai-row-1') || jiedai.canon(number) || jiedai.canon(station)\n"
	"  || jiedai.canon(year::text) || jiedai.canon(seq::text) || jiedai.canon(check_code)\n"
	"  || jiedai.canon(day_date) || jiedai.canon(pos::text) || jiedai.canon(voter)\n"
	"  || jiedai.canon(name) || jiedai.canon(phone) || jiedai.canon(address)\n"
	"  || jiedai.canon(category) || jiedai.canon(issue) || jiedai.canon(deputy)\n"
	"  || jiedai.canon(status) || jiedai.canon(unit) || jiedai.canon(due_date)\n"
	"  || jiedai.canon(answer_method) || jiedai.canon(answer_date) || jiedai.canon(answer_text)\n"
	"  || jiedai.canon(rating) || jiedai.canon(closed_at) || jiedai.canon(closed_by)\n"
	"  || jiedai.canon(close_note) || jiedai.canon(void_reason) || jiedai.canon(extra)\n"
	"  || jiedai.canon(created_at) || jiedai.canon(updated_at)) $$;\n"

	"CREATE FUNCTION jiedai.push_begin(p_code text, p_name text, p_masked boolean,\n"
	"  p_practice boolean) RETURNS TABLE(events bigint, head bytea, first_hash bytea, owner name)\n"
	"  LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$\n"
	"#variable_conflict use_column\n"
	"DECLARE\n"
	"  s jiedai.stations;\n"
	"  hub_practice boolean := coalesce((SELECT m.value = 'yes' FROM jiedai.meta m\n"
	"    WHERE m.key = 'practice'), false);\n"
	"  mode text := CASE WHEN p_masked THEN 'masked' ELSE 'full' END;\n"
	"BEGIN\n"
	"  IF p_code IS NULL OR p_code !~ '^[A-Z0-9]{1,8}$' THEN\n"
	"    RAISE EXCEPTION 'bad station code' USING ERRCODE = 'JD010', DETAIL = coalesce(p_code, '');\n"
	"  END IF;\n"
	"  IF hub_practice <> p_practice THEN\n"
	"    RAISE EXCEPTION 'practice' USING ERRCODE = 'JD002',\n"
	"      DETAIL = CASE WHEN hub_practice THEN 'yes' ELSE 'no' END;\n"
	"  END IF;\n"
	"  INSERT INTO jiedai.stations AS st (code, name, owner, personal, practice)\n"
	"    VALUES (p_code, coalesce(p_name, ''), session_user, mode, p_practice)\n"
	"    ON CONFLICT (code) DO NOTHING;\n"
	"  SELECT * INTO s FROM jiedai.stations st WHERE st.code = p_code FOR UPDATE;\n"
	"  IF s.owner <> session_user THEN\n"
	"    RAISE EXCEPTION 'owner' USING ERRCODE = 'JD001', DETAIL = s.owner;\n"
	"  END IF;\n"
	"  IF s.events > 0 AND s.personal <> mode THEN\n"
	"    RAISE EXCEPTION 'personal' USING ERRCODE = 'JD003', DETAIL = s.personal;\n"
	"  END IF;\n"
	"  UPDATE jiedai.stations st SET name = coalesce(p_name, st.name) WHERE st.code = p_code;\n"
	"  CREATE TEMP TABLE jd_events(" STAGE_EVENT_COLS ") ON COMMIT DROP;\n"
	"  CREATE TEMP TABLE jd_tickets(number text, station text, year integer, seq bigint,\n"
	"    check_code text, day_date text, position integer, voter text, name text, phone text,\n"
	"    address text, category text, issue text, deputy text, status text, unit text,\n"
	"    due_date text, answer_method text, answer_date text, answer_text text, rating text,\n"
	"    closed_at text, closed_by text, close_note text, void_reason text, extra text,\n"
	"    created_at text, updated_at text) ON COMMIT DROP;\n"
	"  CREATE TEMP TABLE jd_people(name text, role text, active boolean, created_at text)\n"
	"    ON COMMIT DROP;\n"
	"  GRANT INSERT ON pg_temp.jd_events, pg_temp.jd_tickets, pg_temp.jd_people TO PUBLIC;\n"
	"  RETURN QUERY SELECT s.events, s.head, s.first_hash, s.owner;\n"
	"END $$;\n"

	"CREATE FUNCTION jiedai.push_commit(p_code text, p_rows_xor text, p_last bigint,\n"
	"  p_last_hash bytea, p_source text) RETURNS TABLE(events bigint, verified bigint,\n"
	"  tickets_new bigint, tickets_updated bigint)\n"
	"  LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$\n"
	"#variable_conflict use_column\n"
	"DECLARE\n"
	"  s jiedai.stations;\n"
	"  n bigint; lo bigint; hi bigint; v_new bigint := 0; v_upd bigint := 0; v_ver bigint;\n"
	"  bad record;\n"
	"  got bit(256);\n"
	"BEGIN\n"
	"  SELECT * INTO s FROM jiedai.stations st WHERE st.code = p_code FOR UPDATE;\n"
	"  IF NOT FOUND OR s.owner <> session_user THEN\n"
	"    RAISE EXCEPTION 'owner' USING ERRCODE = 'JD001', DETAIL = coalesce(s.owner, '');\n"
	"  END IF;\n"
	"  -- Temporary tables have no statistics until analysed: without them the\n"
	"  -- planner loops where it should hash.\n"
	"  ANALYZE pg_temp.jd_events;\n"
	"  ANALYZE pg_temp.jd_tickets;\n"
	"  SELECT count(*), min(e.id), max(e.id) INTO n, lo, hi FROM pg_temp.jd_events e;\n"
	"  IF (n > 0 AND (lo <> s.events + 1 OR hi - lo + 1 <> n OR hi <> p_last\n"
	"      OR (SELECT e.hash FROM pg_temp.jd_events e WHERE e.id = hi) <> p_last_hash))\n"
	"     OR (n = 0 AND p_last <> s.events) THEN\n"
	"    RAISE EXCEPTION 'ids' USING ERRCODE = 'JD006',\n"
	"      DETAIL = format('%s|%s|%s|%s', s.events, coalesce(lo, 0), coalesce(hi, 0), n);\n"
	"  END IF;\n"
	/* Every seal, each from the seal before it (the hub's head for the first). */
	"  SELECT x.id, x.kind, x.ticket, x.at INTO bad FROM (\n"
	"    SELECT e.*, lag(e.hash) OVER (ORDER BY e.id) AS prev FROM pg_temp.jd_events e) x\n"
	"    WHERE (x.masked AND s.personal <> 'masked')\n"
	"       OR (NOT x.masked AND x.hash IS DISTINCT FROM jiedai.event_hash(\n"
	"         CASE WHEN x.id = lo THEN s.head ELSE x.prev END, x.id, x.ticket, x.day, x.subject,\n"
	"         x.at, x.kind, x.actor, x.login, x.client, x.status_from, x.status_to, x.unit,\n"
	"         x.due_date, x.method, x.rating, x.txt, x.data, x.state))\n"
	"    ORDER BY x.id LIMIT 1;\n"
	"  IF FOUND THEN\n"
	"    RAISE EXCEPTION 'seal' USING ERRCODE = 'JD005',\n"
	"      DETAIL = format('%s|%s|%s|%s', bad.id, bad.kind, coalesce(bad.ticket, ''), bad.at);\n"
	"  END IF;\n"
	/* Only the station's own tickets and days. */
	"  SELECT t.number AS what INTO bad FROM pg_temp.jd_tickets t WHERE t.station <> p_code\n"
	"  UNION ALL SELECT e.day FROM pg_temp.jd_events e\n"
	"    WHERE e.day IS NOT NULL AND split_part(e.day, ' ', 1) <> p_code LIMIT 1;\n"
	"  IF FOUND THEN\n"
	"    RAISE EXCEPTION 'other station' USING ERRCODE = 'JD009', DETAIL = bad.what;\n"
	"  END IF;\n"
	"  SELECT e.ticket INTO bad FROM pg_temp.jd_events e WHERE e.ticket IS NOT NULL\n"
	"    AND NOT EXISTS (SELECT 1 FROM pg_temp.jd_tickets t WHERE t.number = e.ticket) LIMIT 1;\n"
	"  IF FOUND THEN\n"
	"    RAISE EXCEPTION 'row missing' USING ERRCODE = 'JD011', DETAIL = bad.ticket;\n"
	"  END IF;\n"
	/* A ticket the hub holds is never recorded anew: that replaces its row outside the steps. */
	"  SELECT e.id, e.kind, e.ticket INTO bad FROM pg_temp.jd_events e\n"
	"    WHERE e.kind IN ('register', 'backfill', 'import', 'baseline') AND EXISTS (SELECT 1\n"
	"      FROM jiedai.tickets t WHERE t.station = p_code AND t.number = e.ticket)\n"
	"    ORDER BY e.id LIMIT 1;\n"
	"  IF FOUND THEN\n"
	"    RAISE EXCEPTION 'recorded anew' USING ERRCODE = 'JD008',\n"
	"      DETAIL = format('%s|%s|%s', bad.id, bad.kind, bad.ticket);\n"
	"  END IF;\n"
	"  INSERT INTO jiedai.events(station, id, ticket, day, subject, at, kind, actor, login,\n"
	"    client, status_from, status_to, unit, due_date, method, rating, text, data, state,\n"
	"    hash, verified)\n"
	"  SELECT p_code, e.id, e.ticket, e.day, e.subject, e.at, e.kind, e.actor, e.login,\n"
	"    e.client, e.status_from, e.status_to, e.unit, e.due_date, e.method, e.rating, e.txt,\n"
	"    e.data, e.state, e.hash, NOT e.masked FROM pg_temp.jd_events e;\n"
	"  WITH up AS (\n"
	"    INSERT INTO jiedai.tickets AS t (" TICKET_COLS ", created_day, answer_day, digest)\n"
	"    SELECT " TICKET_COLS ", jiedai.day_of(x.created_at), jiedai.day_of(x.answer_date),\n"
	"      jiedai.row_digest(" TICKET_COLS ") FROM pg_temp.jd_tickets x\n"
	"    ON CONFLICT (station, number) DO UPDATE SET year = excluded.year, seq = excluded.seq,\n"
	"      check_code = excluded.check_code, day_date = excluded.day_date,\n"
	"      position = excluded.position, voter = excluded.voter, name = excluded.name,\n"
	"      phone = excluded.phone, address = excluded.address, category = excluded.category,\n"
	"      issue = excluded.issue, deputy = excluded.deputy, status = excluded.status,\n"
	"      unit = excluded.unit, due_date = excluded.due_date,\n"
	"      answer_method = excluded.answer_method, answer_date = excluded.answer_date,\n"
	"      answer_text = excluded.answer_text, rating = excluded.rating,\n"
	"      closed_at = excluded.closed_at, closed_by = excluded.closed_by,\n"
	"      close_note = excluded.close_note, void_reason = excluded.void_reason,\n"
	"      extra = excluded.extra, created_at = excluded.created_at,\n"
	"      updated_at = excluded.updated_at, created_day = excluded.created_day,\n"
	"      answer_day = excluded.answer_day, digest = excluded.digest\n"
	"    RETURNING (xmax = 0) AS inserted)\n"
	"  SELECT count(*) FILTER (WHERE inserted), count(*) FILTER (WHERE NOT inserted)\n"
	"    INTO v_new, v_upd FROM up;\n"
	/* Each reception day as its newest event recorded it. */
	"  INSERT INTO jiedai.days AS d (station, date, place, opened_at, opened_by, closed_at,\n"
	"    closed_by, deputies)\n"
	"  SELECT p_code, jiedai.day_of(split_part(y.day, ' ', 2)), coalesce(y.j->>'place', ''),\n"
	"    y.j->>'opened_at', y.j->>'opened_by', y.j->>'closed_at', y.j->>'closed_by',\n"
	"    coalesce(ARRAY(SELECT jsonb_array_elements_text(y.j->'deputies')), '{}')\n"
	"  FROM (SELECT DISTINCT ON (e.day) e.day, e.state::jsonb AS j FROM pg_temp.jd_events e\n"
	"        WHERE e.day IS NOT NULL AND e.state IS NOT NULL ORDER BY e.day, e.id DESC) y\n"
	"  ON CONFLICT (station, date) DO UPDATE SET place = excluded.place,\n"
	"    opened_at = excluded.opened_at, opened_by = excluded.opened_by,\n"
	"    closed_at = excluded.closed_at, closed_by = excluded.closed_by,\n"
	"    deputies = excluded.deputies;\n"
	"  INSERT INTO jiedai.people AS p (station, name, role, active, created_at)\n"
	"  SELECT p_code, x.name, x.role, x.active, x.created_at FROM pg_temp.jd_people x\n"
	"  ON CONFLICT (station, name) DO UPDATE SET role = excluded.role, active = excluded.active,\n"
	"    created_at = excluded.created_at;\n"
	"  INSERT INTO jiedai.units(station, name, first_at)\n"
	"  SELECT p_code, e.unit, min(e.at) FROM pg_temp.jd_events e\n"
	"    WHERE e.kind = 'handover' AND coalesce(e.unit, '') <> '' GROUP BY e.unit\n"
	"  ON CONFLICT DO NOTHING;\n"
	/* The rows add up to what the station's rows add up to. */
	"  SELECT bit_xor(('x' || encode(t.digest, 'hex'))::bit(256)) INTO got\n"
	"    FROM jiedai.tickets t WHERE t.station = p_code;\n"
	"  IF coalesce(got, repeat('0', 256)::bit(256)) <> ('x' || p_rows_xor)::bit(256) THEN\n"
	"    RAISE EXCEPTION 'rows' USING ERRCODE = 'JD007';\n"
	"  END IF;\n"
	"  SELECT count(*) FILTER (WHERE NOT e.masked) INTO v_ver FROM pg_temp.jd_events e;\n"
	"  IF n > 0 THEN\n"
	"    UPDATE jiedai.stations st SET events = hi, head = p_last_hash,\n"
	"      first_hash = coalesce(st.first_hash, (SELECT e.hash FROM pg_temp.jd_events e\n"
	"        WHERE e.id = 1)), pushes = st.pushes + 1, first_push = coalesce(st.first_push, now()),\n"
	"      last_push = now() WHERE st.code = p_code;\n"
	"    INSERT INTO jiedai.pushes(station, source, first_event, last_event, events, verified,\n"
	"      tickets) VALUES (p_code, p_source, lo, hi, n, v_ver, v_new + v_upd);\n"
	"  END IF;\n"
	"  RETURN QUERY SELECT n, v_ver, v_new, v_upd;\n"
	"END $$;\n"

	"CREATE FUNCTION jiedai.event_at(p_code text, p_id bigint)\n"
	"  RETURNS TABLE(hash bytea, kind text, ticket text, at text)\n"
	"  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$\n"
	"  SELECT e.hash, e.kind, e.ticket, e.at FROM jiedai.events e JOIN jiedai.stations s\n"
	"    ON s.code = e.station WHERE e.station = p_code AND e.id = p_id\n"
	"    AND s.owner = session_user $$;\n"
	"CREATE FUNCTION jiedai.ticket_digests(p_code text) RETURNS TABLE(number text, digest bytea)\n"
	"  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$\n"
	"  SELECT t.number, t.digest FROM jiedai.tickets t JOIN jiedai.stations s\n"
	"    ON s.code = t.station WHERE t.station = p_code AND s.owner = session_user $$;\n";

/*
 * Migration 2: the same rules, checked faster (tests/bench/RESULTS.md, "The
 * county's hub").  canon() calls convert_to(), which PostgreSQL counts as
 * STABLE, so canon() declared IMMUTABLE was never inlined: every field of
 * every seal and row digest went through a SQL function call.  Declared
 * STABLE (what they are), the encodings inline into one expression.
 * push_commit() reads the staged events once for its counts and look-ups
 * instead of once each, analyses only the staged columns it joins on, from
 * a small sample, runs without JIT (compiling the long hash expressions
 * cost more than it saved), and adds the new tickets with a plain INSERT
 * after updating the ones the hub holds, instead of an upsert row by row.
 * What it checks, in what order, and what it refuses with are unchanged.
 */
const char hub_push_sql_2[] =
	"ALTER FUNCTION jiedai.canon(text) STABLE;\n"
	"ALTER FUNCTION jiedai.event_hash(bytea, bigint, text, text, text, text, text, text, text,\n"
	"  text, text, text, text, text, text, text, text, text, text) STABLE;\n"
	"ALTER FUNCTION jiedai.row_digest(text, text, integer, bigint, text, text, integer, text,\n"
	"  text, text, text, text, text, text, text, text, text, text, text, text, text, text, text,\n"
	"  text, text, text, text, text) STABLE;\n"
	"CREATE OR REPLACE FUNCTION jiedai.push_commit(p_code text, p_rows_xor text, p_last bigint,\n"
	"  p_last_hash bytea, p_source text) RETURNS TABLE(events bigint, verified bigint,\n"
	"  tickets_new bigint, tickets_updated bigint)\n"
	"  LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp SET jit = off\n"
	"  SET default_statistics_target = 10 AS $$\n"
	"#variable_conflict use_column\n"
	"DECLARE\n"
	"  s jiedai.stations;\n"
	"  n bigint; lo bigint; hi bigint; v_new bigint := 0; v_upd bigint := 0; v_ver bigint;\n"
	"  h_last bytea; h_first bytea; other_day text; held boolean;\n"
	"  bad record;\n"
	"  got bit(256);\n"
	"BEGIN\n"
	"  SELECT * INTO s FROM jiedai.stations st WHERE st.code = p_code FOR UPDATE;\n"
	"  IF NOT FOUND OR s.owner <> session_user THEN\n"
	"    RAISE EXCEPTION 'owner' USING ERRCODE = 'JD001', DETAIL = coalesce(s.owner, '');\n"
	"  END IF;\n"
	"  -- Temporary tables have no statistics until analysed: without them the\n"
	"  -- planner loops where it should hash.  The columns joined and filtered\n"
	"  -- on, from a small sample, are all it needs.\n"
	"  ANALYZE pg_temp.jd_events (id, ticket, day, kind, masked);\n"
	"  ANALYZE pg_temp.jd_tickets (number, station);\n"
	/* One pass for what the checks and the station's row need. */
	"  SELECT count(*), min(e.id), max(e.id), count(*) FILTER (WHERE NOT e.masked),\n"
	"    (array_agg(e.hash) FILTER (WHERE e.id = p_last))[1],\n"
	"    (array_agg(e.hash) FILTER (WHERE e.id = 1))[1],\n"
	"    min(e.day) FILTER (WHERE e.day IS NOT NULL AND split_part(e.day, ' ', 1) <> p_code)\n"
	"    INTO n, lo, hi, v_ver, h_last, h_first, other_day FROM pg_temp.jd_events e;\n"
	"  IF (n > 0 AND (lo <> s.events + 1 OR hi - lo + 1 <> n OR hi <> p_last\n"
	"      OR h_last IS DISTINCT FROM p_last_hash))\n"
	"     OR (n = 0 AND p_last <> s.events) THEN\n"
	"    RAISE EXCEPTION 'ids' USING ERRCODE = 'JD006',\n"
	"      DETAIL = format('%s|%s|%s|%s', s.events, coalesce(lo, 0), coalesce(hi, 0), n);\n"
	"  END IF;\n"
	/* Every seal, each from the seal before it (the hub's head for the first). */
	"  SELECT x.id, x.kind, x.ticket, x.at INTO bad FROM (\n"
	"    SELECT e.*, lag(e.hash) OVER (ORDER BY e.id) AS prev FROM pg_temp.jd_events e) x\n"
	"    WHERE (x.masked AND s.personal <> 'masked')\n"
	"       OR (NOT x.masked AND x.hash IS DISTINCT FROM jiedai.event_hash(\n"
	"         CASE WHEN x.id = lo THEN s.head ELSE x.prev END, x.id, x.ticket, x.day, x.subject,\n"
	"         x.at, x.kind, x.actor, x.login, x.client, x.status_from, x.status_to, x.unit,\n"
	"         x.due_date, x.method, x.rating, x.txt, x.data, x.state))\n"
	"    ORDER BY x.id LIMIT 1;\n"
	"  IF FOUND THEN\n"
	"    RAISE EXCEPTION 'seal' USING ERRCODE = 'JD005',\n"
	"      DETAIL = format('%s|%s|%s|%s', bad.id, bad.kind, coalesce(bad.ticket, ''), bad.at);\n"
	"  END IF;\n"
	/* Only the station's own tickets and days. */
	"  SELECT t.number AS what INTO bad FROM pg_temp.jd_tickets t WHERE t.station <> p_code LIMIT 1;\n"
	"  IF FOUND OR other_day IS NOT NULL THEN\n"
	"    RAISE EXCEPTION 'other station' USING ERRCODE = 'JD009',\n"
	"      DETAIL = CASE WHEN FOUND THEN bad.what ELSE other_day END;\n"
	"  END IF;\n"
	"  SELECT e.ticket INTO bad FROM pg_temp.jd_events e WHERE e.ticket IS NOT NULL\n"
	"    AND NOT EXISTS (SELECT 1 FROM pg_temp.jd_tickets t WHERE t.number = e.ticket) LIMIT 1;\n"
	"  IF FOUND THEN\n"
	"    RAISE EXCEPTION 'row missing' USING ERRCODE = 'JD011', DETAIL = bad.ticket;\n"
	"  END IF;\n"
	/*
	 * A ticket the hub holds is never recorded anew: that replaces its row
	 * outside the steps.  (On a station's first push the hub holds none.)
	 */
	"  held := EXISTS (SELECT 1 FROM jiedai.tickets t WHERE t.station = p_code);\n"
	"  IF held THEN\n"
	"    SELECT e.id, e.kind, e.ticket INTO bad FROM pg_temp.jd_events e\n"
	"      WHERE e.kind IN ('register', 'import', 'baseline') AND EXISTS (SELECT 1\n"
	"        FROM jiedai.tickets t WHERE t.station = p_code AND t.number = e.ticket)\n"
	"      ORDER BY e.id LIMIT 1;\n"
	"    IF FOUND THEN\n"
	"      RAISE EXCEPTION 'recorded anew' USING ERRCODE = 'JD008',\n"
	"        DETAIL = format('%s|%s|%s', bad.id, bad.kind, bad.ticket);\n"
	"    END IF;\n"
	"  END IF;\n"
	"  INSERT INTO jiedai.events(station, id, ticket, day, subject, at, kind, actor, login,\n"
	"    client, status_from, status_to, unit, due_date, method, rating, text, data, state,\n"
	"    hash, verified)\n"
	"  SELECT p_code, e.id, e.ticket, e.day, e.subject, e.at, e.kind, e.actor, e.login,\n"
	"    e.client, e.status_from, e.status_to, e.unit, e.due_date, e.method, e.rating, e.txt,\n"
	"    e.data, e.state, e.hash, NOT e.masked FROM pg_temp.jd_events e;\n"
	/* The tickets the hub holds brought up to date, then the new ones. */
	"  IF held THEN\n"
	"    UPDATE jiedai.tickets AS t SET year = x.year, seq = x.seq, check_code = x.check_code,\n"
	"      day_date = x.day_date, position = x.position, voter = x.voter, name = x.name,\n"
	"      phone = x.phone, address = x.address, category = x.category, issue = x.issue,\n"
	"      deputy = x.deputy, status = x.status, unit = x.unit, due_date = x.due_date,\n"
	"      answer_method = x.answer_method, answer_date = x.answer_date,\n"
	"      answer_text = x.answer_text, rating = x.rating, closed_at = x.closed_at,\n"
	"      closed_by = x.closed_by, close_note = x.close_note, void_reason = x.void_reason,\n"
	"      extra = x.extra, created_at = x.created_at, updated_at = x.updated_at,\n"
	"      created_day = jiedai.day_of(x.created_at), answer_day = jiedai.day_of(x.answer_date),\n"
	"      digest = jiedai.row_digest(" TICKET_COLS_X ")\n"
	"    FROM pg_temp.jd_tickets x WHERE t.station = p_code AND t.number = x.number;\n"
	"    GET DIAGNOSTICS v_upd = ROW_COUNT;\n"
	"  END IF;\n"
	"  INSERT INTO jiedai.tickets (" TICKET_COLS ", created_day, answer_day, digest)\n"
	"  SELECT " TICKET_COLS ", jiedai.day_of(x.created_at), jiedai.day_of(x.answer_date),\n"
	"    jiedai.row_digest(" TICKET_COLS ") FROM pg_temp.jd_tickets x\n"
	"  WHERE NOT held OR NOT EXISTS (SELECT 1 FROM jiedai.tickets t\n"
	"    WHERE t.station = p_code AND t.number = x.number);\n"
	"  GET DIAGNOSTICS v_new = ROW_COUNT;\n"
	/* Each reception day as its newest event recorded it. */
	"  INSERT INTO jiedai.days AS d (station, date, place, opened_at, opened_by, closed_at,\n"
	"    closed_by, deputies)\n"
	"  SELECT p_code, jiedai.day_of(split_part(y.day, ' ', 2)), coalesce(y.j->>'place', ''),\n"
	"    y.j->>'opened_at', y.j->>'opened_by', y.j->>'closed_at', y.j->>'closed_by',\n"
	"    coalesce(ARRAY(SELECT jsonb_array_elements_text(y.j->'deputies')), '{}')\n"
	"  FROM (SELECT DISTINCT ON (e.day) e.day, e.state::jsonb AS j FROM pg_temp.jd_events e\n"
	"        WHERE e.day IS NOT NULL AND e.state IS NOT NULL ORDER BY e.day, e.id DESC) y\n"
	"  ON CONFLICT (station, date) DO UPDATE SET place = excluded.place,\n"
	"    opened_at = excluded.opened_at, opened_by = excluded.opened_by,\n"
	"    closed_at = excluded.closed_at, closed_by = excluded.closed_by,\n"
	"    deputies = excluded.deputies;\n"
	"  INSERT INTO jiedai.people AS p (station, name, role, active, created_at)\n"
	"  SELECT p_code, x.name, x.role, x.active, x.created_at FROM pg_temp.jd_people x\n"
	"  ON CONFLICT (station, name) DO UPDATE SET role = excluded.role, active = excluded.active,\n"
	"    created_at = excluded.created_at;\n"
	"  INSERT INTO jiedai.units(station, name, first_at)\n"
	"  SELECT p_code, e.unit, min(e.at) FROM pg_temp.jd_events e\n"
	"    WHERE e.kind = 'handover' AND coalesce(e.unit, '') <> '' GROUP BY e.unit\n"
	"  ON CONFLICT DO NOTHING;\n"
	/* The rows add up to what the station's rows add up to. */
	"  SELECT bit_xor(('x' || encode(t.digest, 'hex'))::bit(256)) INTO got\n"
	"    FROM jiedai.tickets t WHERE t.station = p_code;\n"
	"  IF coalesce(got, repeat('0', 256)::bit(256)) <> ('x' || p_rows_xor)::bit(256) THEN\n"
	"    RAISE EXCEPTION 'rows' USING ERRCODE = 'JD007';\n"
	"  END IF;\n"
	"  IF n > 0 THEN\n"
	"    UPDATE jiedai.stations st SET events = hi, head = p_last_hash,\n"
	"      first_hash = coalesce(st.first_hash, h_first), pushes = st.pushes + 1,\n"
	"      first_push = coalesce(st.first_push, now()), last_push = now() WHERE st.code = p_code;\n"
	"    INSERT INTO jiedai.pushes(station, source, first_event, last_event, events, verified,\n"
	"      tickets) VALUES (p_code, p_source, lo, hi, n, v_ver, v_new + v_upd);\n"
	"  END IF;\n"
	"  RETURN QUERY SELECT n, v_ver, v_new, v_upd;\n"
	"END $$;\n";

/*
 * Migration 3: one entry point, push(), takes a station's data: its events
 * (in batches, as JSON, staged in temporary tables only the hub's owner may
 * touch, within the push's one transaction) and, for each ticket they
 * touch, the voter's key — the one field of a ticket's row its history does
 * not hold.  The hub derives every ticket row from the events itself, as
 * replay.c replays them (set-wide: the newest record of each ticket, then
 * what each later step sets), after holding each event to its seal and
 * each step to the status the ticket had; the station's own rows are never
 * taken, only the XOR of their digests, held against the derived rows'.  A
 * push for a code not bound to the login is refused before anything is
 * staged.  The old functions, which took ticket rows as sent, are dropped.
 *
 * An event kind replay.c does not know changes nothing here as long as it
 * changes no status (a note such as print or chase); a new step that does
 * set a field of the row is one line in replay_rows() and one in replay.c.
 */
const char hub_push_sql_3[] =
	"DROP FUNCTION jiedai.push_begin(text, text, boolean, boolean);\n"
	"DROP FUNCTION jiedai.push_commit(text, text, bigint, bytea, text);\n"
	"DROP FUNCTION jiedai.event_at(text, bigint);\n"
	"DROP FUNCTION jiedai.ticket_digests(text);\n"
	/*
	 * Kinds of events: those that carry a whole ticket (replay.c's replay_is_snapshot) and the
	 * life-cycle steps that may change a ticket's status.  A new step that changes a field of
	 * the row is one line in replay_rows() (and in replay.c); one that does not change the row
	 * needs nothing here.
	 */
	"CREATE FUNCTION jiedai.is_snapshot(k text) RETURNS boolean LANGUAGE sql IMMUTABLE PARALLEL SAFE AS\n"
	"$$ SELECT k IN ('register', 'backfill', 'import', 'baseline') $$;\n"
	"CREATE FUNCTION jiedai.is_step(k text) RETURNS boolean LANGUAGE sql IMMUTABLE PARALLEL SAFE AS\n"
	"$$ SELECT k IN ('handover', 'answer', 'rate', 'signoff', 'reopen', 'void') $$;\n"
	/*
	 * The station row of a code the session's login may push, locked to the end of the
	 * transaction; or a refusal: not a code, not bound, bound to another login.
	 */
	"CREATE FUNCTION jiedai.bound(p_code text) RETURNS jiedai.stations LANGUAGE plpgsql\n"
	"  SET search_path = pg_catalog, pg_temp AS $$\n"
	"DECLARE\n"
	"  s jiedai.stations;\n"
	"BEGIN\n"
	"  IF p_code IS NULL OR p_code !~ '^[A-Z0-9]{1,8}$' THEN\n"
	"    RAISE EXCEPTION 'bad station code' USING ERRCODE = 'JD010', DETAIL = coalesce(p_code, '');\n"
	"  END IF;\n"
	"  SELECT * INTO s FROM jiedai.stations st WHERE st.code = p_code FOR UPDATE;\n"
	"  IF NOT FOUND THEN\n"
	"    RAISE EXCEPTION 'not bound' USING ERRCODE = 'JD012', DETAIL = session_user;\n"
	"  END IF;\n"
	"  IF s.owner <> session_user THEN\n"
	"    RAISE EXCEPTION 'owner' USING ERRCODE = 'JD001', DETAIL = s.owner;\n"
	"  END IF;\n"
	"  RETURN s;\n"
	"END $$;\n"
	/*
	 * A practice ledger only on a practice hub (and the reverse); hub_personal as at the
	 * station's first push.
	 */
	"CREATE FUNCTION jiedai.check_modes(s jiedai.stations, p_masked boolean, p_practice boolean)\n"
	"  RETURNS void LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp AS $$\n"
	"DECLARE\n"
	"  hub_practice boolean := coalesce((SELECT m.value = 'yes' FROM jiedai.meta m\n"
	"    WHERE m.key = 'practice'), false);\n"
	"BEGIN\n"
	"  IF p_masked IS NULL OR p_practice IS NULL THEN\n"
	"    RAISE EXCEPTION 'malformed' USING ERRCODE = 'JD016', DETAIL = 'settings';\n"
	"  END IF;\n"
	"  IF hub_practice <> p_practice THEN\n"
	"    RAISE EXCEPTION 'practice' USING ERRCODE = 'JD002',\n"
	"      DETAIL = CASE WHEN hub_practice THEN 'yes' ELSE 'no' END;\n"
	"  END IF;\n"
	"  IF s.events > 0 AND s.personal IS DISTINCT FROM\n"
	"      (CASE WHEN p_masked THEN 'masked' ELSE 'full' END) THEN\n"
	"    RAISE EXCEPTION 'personal' USING ERRCODE = 'JD003', DETAIL = coalesce(s.personal, '');\n"
	"  END IF;\n"
	"END $$;\n"
	/*
	 * The staging tables belong to the hub's owner: a table of the same name the login made in
	 * its own temporary schema (with a trigger of its own, say) is never written to.
	 */
	"CREATE FUNCTION jiedai.own_temp() RETURNS void LANGUAGE plpgsql\n"
	"  SET search_path = pg_catalog, pg_temp AS $$\n"
	"BEGIN\n"
	"  IF EXISTS (SELECT 1 FROM pg_class c WHERE c.relnamespace = pg_my_temp_schema()\n"
	"      AND c.relname IN ('jd_stage', 'jd_voters', 'jd_touched', 'jd_ev', 'jd_rows')\n"
	"      AND c.relowner <> (SELECT r.oid FROM pg_roles r WHERE r.rolname = current_user)) THEN\n"
	"    RAISE EXCEPTION 'staging' USING ERRCODE = 'JD015';\n"
	"  END IF;\n"
	"END $$;\n"
	/*
	 * The events of the tickets in pg_temp.jd_touched (station, number), as the replay reads
	 * them: records and corrections parsed once (jsonb), their station fields kept as the text
	 * they were sent as (jsonb would rewrite it, and the row's digest takes it as the station
	 * wrote it).
	 */
	"CREATE FUNCTION jiedai.replay_prepare() RETURNS void LANGUAGE plpgsql\n"
	"  SET search_path = pg_catalog, pg_temp AS $$\n"
	"BEGIN\n"
	"  ANALYZE pg_temp.jd_touched;\n"
	"  CREATE TEMP TABLE jd_ev ON COMMIT DROP AS\n"
	"  SELECT e.station, e.ticket, e.id, e.kind, e.at, e.actor, e.status_from, e.status_to, e.unit,\n"
	"    e.due_date, e.method, e.rating, e.text AS txt, e.verified,\n"
	"    CASE WHEN jiedai.is_snapshot(e.kind) THEN e.state::jsonb END AS snap,\n"
	"    CASE WHEN jiedai.is_snapshot(e.kind) THEN (e.state::json -> 'extra')::text END AS snap_extra,\n"
	"    CASE WHEN e.kind = 'correct' THEN e.state::jsonb -> 'new' END AS corr,\n"
	"    CASE WHEN e.kind = 'correct' THEN (e.state::json -> 'new' -> 'extra')::text END AS corr_extra,\n"
	"    CASE WHEN e.kind = 'answer' THEN e.state::jsonb ->> 'answer_date' END AS answer_date\n"
	"  FROM jiedai.events e JOIN pg_temp.jd_touched t ON t.station = e.station AND t.number = e.ticket;\n"
	"  ANALYZE pg_temp.jd_ev (station, ticket, id, kind);\n"
	"END $$;\n"
	/*
	 * The first event of those that does not follow from the events before it, as replay.c's
	 * replay_apply() judges: why is nosnap (a registration without its record), number (the
	 * record of another ticket), twice (registered a second time), first (a step before the
	 * registration), kind (a kind that cannot change a status), from (a step from a status the
	 * ticket did not have) or status (to no known status).
	 */
	"CREATE FUNCTION jiedai.replay_problem() RETURNS TABLE(station text, id bigint, kind text,\n"
	"  ticket text, at text, why text) LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp AS $$\n"
	"#variable_conflict use_column\n"
	"BEGIN\n"
	"  RETURN QUERY\n"
	/*
	 * One pass in each ticket's order: the records before this one, and the status the ticket
	 * had before it (the newest status a record or a step before it left: max() over the zero-
	 * padded id and the status).
	 */
	"  WITH p AS (\n"
	"    SELECT ev.*, count(*) FILTER (WHERE jiedai.is_snapshot(ev.kind)) OVER w AS snaps_before,\n"
	"      (max(ARRAY[lpad(ev.id::text, 19, '0'), CASE WHEN jiedai.is_snapshot(ev.kind)\n"
	"          THEN coalesce(ev.snap ->> 'status', 'registered') ELSE ev.status_to END])\n"
	"        FILTER (WHERE jiedai.is_snapshot(ev.kind) OR (ev.kind <> 'correct' AND ev.status_to IS NOT NULL))\n"
	"        OVER w)[2] AS before\n"
	"    FROM pg_temp.jd_ev ev\n"
	"    WINDOW w AS (PARTITION BY ev.station, ev.ticket ORDER BY ev.id\n"
	"      ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING)),\n"
	"  q AS (SELECT p.station, p.id, p.kind, p.ticket, p.at, CASE\n"
	"      WHEN jiedai.is_snapshot(p.kind) AND p.snap IS NULL THEN 'nosnap'\n"
	"      WHEN jiedai.is_snapshot(p.kind) AND (p.snap ->> 'number') IS DISTINCT FROM p.ticket THEN 'number'\n"
	"      WHEN p.kind IN ('register', 'backfill') AND p.snaps_before > 0 THEN 'twice'\n"
	"      WHEN NOT jiedai.is_snapshot(p.kind) AND p.snaps_before = 0 THEN 'first'\n"
	"      WHEN jiedai.is_snapshot(p.kind) OR p.kind = 'correct' OR p.status_to IS NULL THEN NULL\n"
	"      WHEN NOT jiedai.is_step(p.kind) THEN 'kind'\n"
	"      WHEN p.status_from IS DISTINCT FROM p.before THEN 'from'\n"
	"      WHEN p.status_to NOT IN ('registered', 'assigned', 'answered', 'ready', 'closed', 'void')\n"
	"        THEN 'status'\n"
	"      END AS why FROM p)\n"
	"  SELECT * FROM q WHERE q.why IS NOT NULL ORDER BY q.station, q.id LIMIT 1;\n"
	"END $$;\n"
	/*
	 * Each ticket's row worked out from its events, as replay.c does and as the station sends it
	 * (voter aside: the history does not hold it): the newest record (register, 补录, import,
	 * baseline), then each field from the newest step after it that sets it — max() over (the
	 * step's id, zero-padded, and the value) picks it in one pass, with no sort per field, NULL
	 * when no step set the field.  Text columns the ledger keeps NOT NULL get '' where a step
	 * gives none.  A new step that sets a field of the row is one more kind in that field's
	 * FILTER here (and a line in replay.c); one that sets none needs nothing.
	 */
	"CREATE FUNCTION jiedai.replay_rows() RETURNS TABLE(station text, number text, r_station text,\n"
	"  year integer, seq bigint, check_code text, day_date text, pos integer, name text,\n"
	"  phone text, address text, category text, issue text, deputy text, status text, unit text,\n"
	"  due_date text, answer_method text, answer_date text, answer_text text, rating text,\n"
	"  closed_at text, closed_by text, close_note text, void_reason text, extra text,\n"
	"  created_at text, updated_at text) LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp AS $$\n"
	"#variable_conflict use_column\n"
	"BEGIN\n"
	"  RETURN QUERY\n"
	"  WITH base AS (\n"
	"    SELECT DISTINCT ON (ev.station, ev.ticket) ev.station, ev.ticket, ev.id AS base_id, ev.snap,\n"
	"      ev.snap_extra\n"
	"    FROM pg_temp.jd_ev ev WHERE jiedai.is_snapshot(ev.kind)\n"
	"    ORDER BY ev.station, ev.ticket, ev.id DESC),\n"
	"  s AS (SELECT b.station AS st, b.ticket, b.snap_extra, r.* FROM base b, jsonb_to_record(b.snap) AS r(\n"
	"      number text, station text, year integer, seq bigint, check_code text, day text,\n"
	"      position integer, name text, phone text, address text, category text, issue text,\n"
	"      deputy text, status text, unit text, due_date text, answer_method text, answer_date text,\n"
	"      answer_text text, rating text, closed_at text, closed_by text, close_note text,\n"
	"      void_reason text, created_at text, updated_at text)),\n"
	"  a AS (\n"
	"    SELECT ev.station, ev.ticket,\n"
	"      max(ARRAY[ev.k, ev.status_to]) FILTER (WHERE ev.kind <> 'correct') AS status,\n"
	"      max(ARRAY[ev.k, coalesce(ev.unit, '')]) FILTER (WHERE ev.kind = 'handover') AS unit,\n"
	"      max(ARRAY[ev.k, ev.due_date]) FILTER (WHERE ev.kind IN ('handover', 'reopen')\n"
	"        OR (ev.kind = 'rate' AND ev.due_date IS NOT NULL)) AS due_date,\n"
	"      max(ARRAY[ev.k, coalesce(ev.method, '')]) FILTER (WHERE ev.kind = 'answer') AS answer_method,\n"
	"      max(ARRAY[ev.k, ev.answer_date]) FILTER (WHERE ev.kind = 'answer') AS answer_date,\n"
	"      max(ARRAY[ev.k, coalesce(ev.txt, '')]) FILTER (WHERE ev.kind = 'answer') AS answer_text,\n"
	"      max(ARRAY[ev.k, coalesce(ev.rating, '')]) FILTER (WHERE ev.kind = 'rate') AS rating,\n"
	"      max(ARRAY[ev.k, CASE WHEN ev.kind = 'signoff' THEN ev.at END])\n"
	"        FILTER (WHERE ev.kind IN ('signoff', 'reopen')) AS closed_at,\n"
	"      max(ARRAY[ev.k, CASE WHEN ev.kind = 'signoff' THEN coalesce(ev.actor, '') ELSE '' END])\n"
	"        FILTER (WHERE ev.kind IN ('signoff', 'reopen')) AS closed_by,\n"
	"      max(ARRAY[ev.k, coalesce(ev.txt, '')]) FILTER (WHERE ev.kind = 'signoff') AS close_note,\n"
	"      max(ARRAY[ev.k, coalesce(ev.txt, '')]) FILTER (WHERE ev.kind = 'void') AS void_reason,\n"
	"      max(ARRAY[ev.k, ev.corr ->> 'name']) FILTER (WHERE ev.corr ->> 'name' IS NOT NULL) AS name,\n"
	"      max(ARRAY[ev.k, ev.corr ->> 'phone']) FILTER (WHERE ev.corr ->> 'phone' IS NOT NULL) AS phone,\n"
	"      max(ARRAY[ev.k, ev.corr ->> 'address']) FILTER (WHERE ev.corr ->> 'address' IS NOT NULL) AS address,\n"
	"      max(ARRAY[ev.k, ev.corr ->> 'category']) FILTER (WHERE ev.corr ->> 'category' IS NOT NULL) AS category,\n"
	"      max(ARRAY[ev.k, ev.corr ->> 'issue']) FILTER (WHERE ev.corr ->> 'issue' IS NOT NULL) AS issue,\n"
	"      max(ARRAY[ev.k, ev.corr ->> 'deputy']) FILTER (WHERE ev.corr ->> 'deputy' IS NOT NULL) AS deputy,\n"
	"      max(ARRAY[ev.k, ev.corr_extra])\n"
	"        FILTER (WHERE ev.corr_extra IS NOT NULL AND ev.corr_extra <> 'null') AS extra,\n"
	"      max(ARRAY[ev.k, ev.at]) AS updated_at\n"
	"    FROM (SELECT x.*, lpad(x.id::text, 19, '0') AS k FROM pg_temp.jd_ev x) ev\n"
	"      JOIN base b ON b.station = ev.station AND b.ticket = ev.ticket AND ev.id > b.base_id\n"
	"    WHERE ev.kind = 'correct' OR ev.status_to IS NOT NULL\n"
	"    GROUP BY ev.station, ev.ticket)\n"
	"  SELECT s.st, s.ticket, s.station, s.year, s.seq, s.check_code, s.day, s.position,\n"
	"    coalesce(a.name[2], s.name), coalesce(a.phone[2], s.phone), coalesce(a.address[2], s.address),\n"
	"    coalesce(a.category[2], s.category), coalesce(a.issue[2], s.issue),\n"
	"    coalesce(a.deputy[2], s.deputy), coalesce(a.status[2], s.status),\n"
	"    CASE WHEN a.unit IS NULL THEN s.unit ELSE a.unit[2] END,\n"
	"    CASE WHEN a.due_date IS NULL THEN s.due_date ELSE a.due_date[2] END,\n"
	"    CASE WHEN a.answer_method IS NULL THEN s.answer_method ELSE a.answer_method[2] END,\n"
	"    CASE WHEN a.answer_date IS NULL THEN s.answer_date ELSE a.answer_date[2] END,\n"
	"    CASE WHEN a.answer_text IS NULL THEN s.answer_text ELSE a.answer_text[2] END,\n"
	"    CASE WHEN a.rating IS NULL THEN s.rating ELSE a.rating[2] END,\n"
	"    CASE WHEN a.closed_at IS NULL THEN s.closed_at ELSE a.closed_at[2] END,\n"
	"    CASE WHEN a.closed_by IS NULL THEN s.closed_by ELSE a.closed_by[2] END,\n"
	"    CASE WHEN a.close_note IS NULL THEN s.close_note ELSE a.close_note[2] END,\n"
	"    CASE WHEN a.void_reason IS NULL THEN s.void_reason ELSE a.void_reason[2] END,\n"
	"    coalesce(a.extra[2], s.snap_extra), s.created_at, coalesce(a.updated_at[2], s.updated_at)\n"
	"  FROM s LEFT JOIN a ON a.station = s.st AND a.ticket = s.ticket;\n"
	"END $$;\n"
	/*
	 * What the hub holds of a station the login may see (its own, or any for a reader): how many
	 * events, the newest one's seal and event 1's.
	 */
	"CREATE FUNCTION jiedai.held(p_code text) RETURNS TABLE(events bigint, head bytea, first_hash bytea)\n"
	"  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$\n"
	"  SELECT s.events, s.head, s.first_hash FROM jiedai.stations s\n"
	"  WHERE s.code = p_code AND jiedai.may_see(p_code) $$;\n"
	/*
	 * The seals of events p_from..p_to of such a station, and what each was (for naming the
	 * first that differs).
	 */
	"CREATE FUNCTION jiedai.seals(p_code text, p_from bigint, p_to bigint)\n"
	"  RETURNS TABLE(id bigint, hash bytea, kind text, ticket text, at text)\n"
	"  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$\n"
	"  SELECT e.id, e.hash, e.kind, e.ticket, e.at FROM jiedai.events e\n"
	"  WHERE e.station = p_code AND e.id BETWEEN p_from AND p_to AND jiedai.may_see(p_code)\n"
	"  ORDER BY e.id $$;\n"
	"CREATE FUNCTION jiedai.ticket_digests(p_code text) RETURNS TABLE(number text, digest bytea)\n"
	"  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$\n"
	"  SELECT t.number, t.digest FROM jiedai.tickets t\n"
	"  WHERE t.station = p_code AND jiedai.may_see(p_code) $$;\n"
	/*
	 * Before a push sends anything: the station's code bound to this login, its settings as
	 * before, the station held (locked) for this push to its end, and how far the hub's copy
	 * goes.
	 */
	"CREATE FUNCTION jiedai.push_head(p_code text, p_masked boolean, p_practice boolean)\n"
	"  RETURNS TABLE(events bigint, head bytea, first_hash bytea)\n"
	"  LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$\n"
	"DECLARE\n"
	"  s jiedai.stations;\n"
	"BEGIN\n"
	"  s := jiedai.bound(p_code);\n"
	"  PERFORM jiedai.check_modes(s, p_masked, p_practice);\n"
	"  RETURN QUERY SELECT s.events, s.head, s.first_hash;\n"
	"END $$;\n"
	/* The one entry point that takes a station's data. */
	"CREATE FUNCTION jiedai.push(p_code text, p_name text, p_masked boolean, p_practice boolean,\n"
	"  p_events json, p_voters json, p_last bigint, p_last_hash bytea, p_rows_xor text, p_source text)\n"
	"  RETURNS TABLE(events bigint, verified bigint, tickets_new bigint, tickets_updated bigint)\n"
	"  LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp SET jit = off\n"
	"  SET default_statistics_target = 10 SET work_mem = '64MB' AS $$\n"
	"#variable_conflict use_column\n"
	"DECLARE\n"
	"  s jiedai.stations;\n"
	"  mode text := CASE WHEN p_masked THEN 'masked' ELSE 'full' END;\n"
	"  n bigint; lo bigint; hi bigint; v_new bigint := 0; v_upd bigint := 0; v_ver bigint;\n"
	"  h_last bytea; h_first bytea; other_day text; held boolean;\n"
	"  bad record;\n"
	"  got bit(256);\n"
	"BEGIN\n"
	"  s := jiedai.bound(p_code);\n"
	"  PERFORM jiedai.check_modes(s, p_masked, p_practice);\n"
	"  PERFORM jiedai.own_temp();\n"
	"  IF to_regclass('pg_temp.jd_stage') IS NULL THEN\n"
	"    CREATE TEMP TABLE jd_stage(code text NOT NULL, id bigint, ticket text, day text,\n"
	"      subject text, at text, kind text, actor text, login text, client text, status_from text,\n"
	"      status_to text, unit text, due_date text, method text, rating text, txt text, data text,\n"
	"      state text, hash bytea, masked boolean) ON COMMIT DROP;\n"
	"    CREATE TEMP TABLE jd_voters(code text NOT NULL, number text, voter text) ON COMMIT DROP;\n"
	"  END IF;\n"
	"  INSERT INTO pg_temp.jd_stage SELECT p_code, x.* FROM json_to_recordset(p_events) AS x(\n"
	"    id bigint, ticket text, day text, subject text, at text, kind text, actor text, login text,\n"
	"    client text, status_from text, status_to text, unit text, due_date text, method text,\n"
	"    rating text, txt text, data text, state text, hash bytea, masked boolean);\n"
	"  INSERT INTO pg_temp.jd_voters SELECT p_code, x.* FROM json_to_recordset(p_voters)\n"
	"    AS x(number text, voter text);\n"
	"  IF p_last IS NULL THEN\n"
	"    -- More to come in this transaction.\n"
	"    RETURN QUERY SELECT count(*), 0::bigint, 0::bigint, 0::bigint FROM pg_temp.jd_stage;\n"
	"    RETURN;\n"
	"  END IF;\n"
	"  SELECT x.code INTO bad FROM (SELECT e.code FROM pg_temp.jd_stage e\n"
	"    UNION ALL SELECT v.code FROM pg_temp.jd_voters v) x WHERE x.code <> p_code LIMIT 1;\n"
	"  IF FOUND THEN\n"
	"    RAISE EXCEPTION 'other station' USING ERRCODE = 'JD009', DETAIL = bad.code;\n"
	"  END IF;\n"
	"  -- Temporary tables have no statistics until analysed: without them the\n"
	"  -- planner loops where it should hash.\n"
	"  ANALYZE pg_temp.jd_stage (id, ticket, day, kind, masked);\n"
	"  SELECT e.id INTO bad FROM pg_temp.jd_stage e WHERE e.id IS NULL OR e.at IS NULL\n"
	"    OR e.kind IS NULL OR e.actor IS NULL OR e.login IS NULL OR e.client IS NULL\n"
	"    OR e.data IS NULL OR e.hash IS NULL OR length(e.hash) <> 32 OR e.masked IS NULL LIMIT 1;\n"
	"  IF FOUND THEN\n"
	"    RAISE EXCEPTION 'malformed' USING ERRCODE = 'JD016', DETAIL = coalesce(bad.id::text, '');\n"
	"  END IF;\n"
	"  SELECT count(*), min(e.id), max(e.id), count(*) FILTER (WHERE NOT e.masked),\n"
	"    (array_agg(e.hash) FILTER (WHERE e.id = p_last))[1],\n"
	"    (array_agg(e.hash) FILTER (WHERE e.id = 1))[1],\n"
	"    min(e.day) FILTER (WHERE e.day IS NOT NULL AND split_part(e.day, ' ', 1) <> p_code)\n"
	"    INTO n, lo, hi, v_ver, h_last, h_first, other_day FROM pg_temp.jd_stage e;\n"
	"  IF (n > 0 AND (lo <> s.events + 1 OR hi - lo + 1 <> n OR hi <> p_last\n"
	"      OR h_last IS DISTINCT FROM p_last_hash))\n"
	"     OR (n = 0 AND p_last <> s.events) THEN\n"
	"    RAISE EXCEPTION 'ids' USING ERRCODE = 'JD006',\n"
	"      DETAIL = format('%s|%s|%s|%s', s.events, coalesce(lo, 0), coalesce(hi, 0), n);\n"
	"  END IF;\n"
	/*
	 * Every seal, each from the seal before it (the hub's head for the first); only a ticket's
	 * event of a masked station may come masked.
	 */
	"  SELECT x.id, x.kind, x.ticket, x.at INTO bad FROM (\n"
	"    SELECT e.*, lag(e.hash) OVER (ORDER BY e.id) AS prev FROM pg_temp.jd_stage e) x\n"
	"    WHERE (x.masked AND (mode <> 'masked' OR x.ticket IS NULL))\n"
	"       OR (NOT x.masked AND x.hash IS DISTINCT FROM jiedai.event_hash(\n"
	"         CASE WHEN x.id = lo THEN s.head ELSE x.prev END, x.id, x.ticket, x.day, x.subject,\n"
	"         x.at, x.kind, x.actor, x.login, x.client, x.status_from, x.status_to, x.unit,\n"
	"         x.due_date, x.method, x.rating, x.txt, x.data, x.state))\n"
	"    ORDER BY x.id LIMIT 1;\n"
	"  IF FOUND THEN\n"
	"    RAISE EXCEPTION 'seal' USING ERRCODE = 'JD005',\n"
	"      DETAIL = format('%s|%s|%s|%s', bad.id, bad.kind, coalesce(bad.ticket, ''), bad.at);\n"
	"  END IF;\n"
	"  IF other_day IS NOT NULL THEN\n"
	"    RAISE EXCEPTION 'other station' USING ERRCODE = 'JD009', DETAIL = other_day;\n"
	"  END IF;\n"
	/*
	 * A ticket the hub holds is never recorded anew: that replaces its row outside the steps.
	 * (On a station's first push the hub holds none.)
	 */
	"  held := EXISTS (SELECT 1 FROM jiedai.tickets t WHERE t.station = p_code);\n"
	"  IF held THEN\n"
	"    SELECT e.id, e.kind, e.ticket INTO bad FROM pg_temp.jd_stage e\n"
	"      WHERE jiedai.is_snapshot(e.kind) AND EXISTS (SELECT 1\n"
	"        FROM jiedai.tickets t WHERE t.station = p_code AND t.number = e.ticket)\n"
	"      ORDER BY e.id LIMIT 1;\n"
	"    IF FOUND THEN\n"
	"      RAISE EXCEPTION 'recorded anew' USING ERRCODE = 'JD008',\n"
	"        DETAIL = format('%s|%s|%s', bad.id, bad.kind, bad.ticket);\n"
	"    END IF;\n"
	"  END IF;\n"
	"  INSERT INTO jiedai.events(station, id, ticket, day, subject, at, kind, actor, login,\n"
	"    client, status_from, status_to, unit, due_date, method, rating, text, data, state,\n"
	"    hash, verified)\n"
	"  SELECT p_code, e.id, e.ticket, e.day, e.subject, e.at, e.kind, e.actor, e.login,\n"
	"    e.client, e.status_from, e.status_to, e.unit, e.due_date, e.method, e.rating, e.txt,\n"
	"    e.data, e.state, e.hash, NOT e.masked FROM pg_temp.jd_stage e;\n"
	/* The tickets these events touch, worked out again from all their events at the hub. */
	"  CREATE TEMP TABLE jd_touched ON COMMIT DROP AS\n"
	"    SELECT DISTINCT p_code AS station, e.ticket AS number FROM pg_temp.jd_stage e\n"
	"    WHERE e.ticket IS NOT NULL;\n"
	"  PERFORM jiedai.replay_prepare();\n"
	/*
	 * A masked record (whose seal the hub cannot recompute) may differ only in what masking
	 * hides: a registration must be a fresh one (registered, no later step's field filled), so
	 * that a status, an answer or a rating comes with a step whose seal the hub checks; a masked
	 * import or baseline (a whole ticket as it stood, from a ledger restored or sealed after the
	 * fact) comes only before the hub holds anything of the station.
	 */
	"  SELECT ev.id, ev.kind, ev.ticket, ev.at INTO bad FROM pg_temp.jd_ev ev\n"
	"    WHERE ev.id > s.events AND NOT ev.verified\n"
	"      AND ((ev.kind IN ('register', 'backfill') AND NOT coalesce(ev.snap ->> 'status' = 'registered'\n"
	"          AND ev.snap ->> 'unit' = '' AND (ev.snap ->> 'due_date') IS NULL\n"
	"          AND ev.snap ->> 'answer_method' = '' AND (ev.snap ->> 'answer_date') IS NULL\n"
	"          AND ev.snap ->> 'answer_text' = '' AND ev.snap ->> 'rating' = ''\n"
	"          AND (ev.snap ->> 'closed_at') IS NULL AND ev.snap ->> 'closed_by' = ''\n"
	"          AND ev.snap ->> 'close_note' = '' AND ev.snap ->> 'void_reason' = '', false))\n"
	"        OR (jiedai.is_snapshot(ev.kind) AND ev.kind NOT IN ('register', 'backfill') AND s.events > 0))\n"
	"    ORDER BY ev.id LIMIT 1;\n"
	"  IF FOUND THEN\n"
	"    RAISE EXCEPTION 'masked' USING ERRCODE = 'JD018',\n"
	"      DETAIL = format('%s|%s|%s|%s', bad.id, bad.kind, coalesce(bad.ticket, ''), bad.at);\n"
	"  END IF;\n"
	"  SELECT * INTO bad FROM jiedai.replay_problem();\n"
	"  IF FOUND THEN\n"
	"    RAISE EXCEPTION 'history' USING ERRCODE = 'JD014',\n"
	"      DETAIL = format('%s|%s|%s|%s|%s', bad.id, bad.kind, bad.ticket, bad.at, bad.why);\n"
	"  END IF;\n"
	"  SELECT v.number INTO bad FROM pg_temp.jd_voters v GROUP BY v.number HAVING count(*) > 1\n"
	"  UNION ALL SELECT v.number FROM pg_temp.jd_voters v WHERE NOT EXISTS (SELECT 1\n"
	"    FROM pg_temp.jd_touched t WHERE t.number = v.number) LIMIT 1;\n"
	"  IF FOUND THEN\n"
	"    RAISE EXCEPTION 'malformed' USING ERRCODE = 'JD016', DETAIL = bad.number;\n"
	"  END IF;\n"
	"  CREATE TEMP TABLE jd_rows ON COMMIT DROP AS\n"
	"    SELECT r.*, v.voter FROM jiedai.replay_rows() r\n"
	"    LEFT JOIN pg_temp.jd_voters v ON v.number = r.number;\n"
	"  ALTER TABLE pg_temp.jd_rows RENAME COLUMN pos TO position;\n"
	"  CREATE INDEX ON pg_temp.jd_rows (number);\n"
	"  ANALYZE pg_temp.jd_rows (number, r_station, voter);\n"
	"  SELECT r.number, r.r_station INTO bad FROM pg_temp.jd_rows r WHERE r.r_station <> p_code LIMIT 1;\n"
	"  IF FOUND THEN\n"
	"    RAISE EXCEPTION 'other station' USING ERRCODE = 'JD009', DETAIL = bad.number;\n"
	"  END IF;\n"
	/*
	 * The voter's key (the number of their first ticket here) is the one field of a row its
	 * history does not hold: it must be the ticket's own number, or an earlier ticket of the
	 * station whose key is its own.
	 */
	"  SELECT r.number, r.voter INTO bad FROM pg_temp.jd_rows r WHERE r.voter IS NULL OR (r.voter <> r.number\n"
	"    AND NOT EXISTS (SELECT 1 FROM pg_temp.jd_rows y WHERE y.number = r.voter AND y.voter = y.number\n"
	"      AND (y.year, y.seq) < (r.year, r.seq))\n"
	"    AND NOT EXISTS (SELECT 1 FROM jiedai.tickets y WHERE y.station = p_code AND y.number = r.voter\n"
	"      AND y.voter = y.number AND (y.year, y.seq) < (r.year, r.seq))) LIMIT 1;\n"
	"  IF FOUND THEN\n"
	"    RAISE EXCEPTION 'voter' USING ERRCODE = 'JD011', DETAIL = format('%s|%s', bad.number, coalesce(bad.voter, ''));\n"
	"  END IF;\n"
	/* The tickets the hub holds brought up to date, then the new ones. */
	"  IF held THEN\n"
	"    UPDATE jiedai.tickets AS t SET year = x.year, seq = x.seq, check_code = x.check_code,\n"
	"      day_date = x.day_date, position = x.position, voter = x.voter, name = x.name,\n"
	"      phone = x.phone, address = x.address, category = x.category, issue = x.issue,\n"
	"      deputy = x.deputy, status = x.status, unit = x.unit, due_date = x.due_date,\n"
	"      answer_method = x.answer_method, answer_date = x.answer_date,\n"
	"      answer_text = x.answer_text, rating = x.rating, closed_at = x.closed_at,\n"
	"      closed_by = x.closed_by, close_note = x.close_note, void_reason = x.void_reason,\n"
	"      extra = x.extra, created_at = x.created_at, updated_at = x.updated_at,\n"
	"      created_day = jiedai.day_of(x.created_at), answer_day = jiedai.day_of(x.answer_date),\n"
	"      digest = jiedai.row_digest(" TICKET_COLS_X ")\n"
	"    FROM pg_temp.jd_rows x WHERE t.station = p_code AND t.number = x.number;\n"
	"    GET DIAGNOSTICS v_upd = ROW_COUNT;\n"
	"  END IF;\n"
	"  INSERT INTO jiedai.tickets (" TICKET_COLS ", created_day, answer_day, digest)\n"
	"  SELECT " TICKET_COLS_X ", jiedai.day_of(x.created_at), jiedai.day_of(x.answer_date),\n"
	"    jiedai.row_digest(" TICKET_COLS_X ") FROM pg_temp.jd_rows x\n"
	"  WHERE NOT held OR NOT EXISTS (SELECT 1 FROM jiedai.tickets t\n"
	"    WHERE t.station = p_code AND t.number = x.number);\n"
	"  GET DIAGNOSTICS v_new = ROW_COUNT;\n"
	/* Each reception day as its newest event recorded it. */
	"  INSERT INTO jiedai.days AS d (station, date, place, opened_at, opened_by, closed_at,\n"
	"    closed_by, deputies)\n"
	"  SELECT p_code, jiedai.day_of(split_part(y.day, ' ', 2)), coalesce(y.j->>'place', ''),\n"
	"    y.j->>'opened_at', y.j->>'opened_by', y.j->>'closed_at', y.j->>'closed_by',\n"
	"    coalesce(ARRAY(SELECT jsonb_array_elements_text(y.j->'deputies')), '{}')\n"
	"  FROM (SELECT DISTINCT ON (e.day) e.day, e.state::jsonb AS j FROM pg_temp.jd_stage e\n"
	"        WHERE e.day IS NOT NULL AND e.state IS NOT NULL ORDER BY e.day, e.id DESC) y\n"
	"  ON CONFLICT (station, date) DO UPDATE SET place = excluded.place,\n"
	"    opened_at = excluded.opened_at, opened_by = excluded.opened_by,\n"
	"    closed_at = excluded.closed_at, closed_by = excluded.closed_by,\n"
	"    deputies = excluded.deputies;\n"
	/*
	 * The station's people as its logins were set up (user events), and the deputies of its
	 * days.
	 */
	"  INSERT INTO jiedai.people AS p (station, name, role, active, created_at)\n"
	"  SELECT DISTINCT ON (u.person) p_code, u.person, u.role, true, u.at FROM (\n"
	"    SELECT e.state::json ->> 'person' AS person, e.state::json ->> 'role' AS role, e.at, e.id\n"
	"    FROM pg_temp.jd_stage e WHERE e.kind = 'user' AND e.state IS NOT NULL) u\n"
	"  WHERE u.person IS NOT NULL AND u.role IS NOT NULL ORDER BY u.person, u.id DESC\n"
	"  ON CONFLICT (station, name) DO UPDATE SET role = excluded.role;\n"
	"  INSERT INTO jiedai.people (station, name, role, active, created_at)\n"
	"  SELECT DISTINCT ON (x.name) p_code, x.name, 'deputy', true, x.at FROM (\n"
	"    SELECT jsonb_array_elements_text(e.state::jsonb -> 'deputies') AS name, e.at, e.id\n"
	"    FROM pg_temp.jd_stage e WHERE e.day IS NOT NULL AND e.state IS NOT NULL) x\n"
	"  ORDER BY x.name, x.id ON CONFLICT DO NOTHING;\n"
	"  INSERT INTO jiedai.units(station, name, first_at)\n"
	"  SELECT p_code, e.unit, min(e.at) FROM pg_temp.jd_stage e\n"
	"    WHERE e.kind = 'handover' AND coalesce(e.unit, '') <> '' GROUP BY e.unit\n"
	"  ON CONFLICT DO NOTHING;\n"
	/* The rows add up to what the station's own rows add up to. */
	"  SELECT bit_xor(('x' || encode(t.digest, 'hex'))::bit(256)) INTO got\n"
	"    FROM jiedai.tickets t WHERE t.station = p_code;\n"
	"  IF p_rows_xor IS NULL OR p_rows_xor !~ '^[0-9a-f]{64}$'\n"
	"     OR coalesce(got, repeat('0', 256)::bit(256)) <> ('x' || p_rows_xor)::bit(256) THEN\n"
	"    RAISE EXCEPTION 'rows' USING ERRCODE = 'JD007';\n"
	"  END IF;\n"
	"  UPDATE jiedai.stations st SET name = CASE WHEN st.name = '' THEN coalesce(p_name, '') ELSE st.name END,\n"
	"    personal = mode, practice = p_practice WHERE st.code = p_code;\n"
	"  IF n > 0 THEN\n"
	"    UPDATE jiedai.stations st SET events = hi, head = p_last_hash,\n"
	"      first_hash = coalesce(st.first_hash, h_first), pushes = st.pushes + 1,\n"
	"      first_push = coalesce(st.first_push, now()), last_push = now() WHERE st.code = p_code;\n"
	"    INSERT INTO jiedai.pushes(station, source, first_event, last_event, events, verified,\n"
	"      tickets) VALUES (p_code, coalesce(p_source, ''), lo, hi, n, v_ver, v_new + v_upd);\n"
	"  END IF;\n"
	"  DROP TABLE pg_temp.jd_stage, pg_temp.jd_voters, pg_temp.jd_touched, pg_temp.jd_ev, pg_temp.jd_rows;\n"
	"  RETURN QUERY SELECT n, v_ver, v_new, v_upd;\n"
	"END $$;\n";

const char hub_rederive_3[] =
	"SET LOCAL work_mem = '64MB';\n"
	/*
	 * Every ticket the hub holds worked out again from its events, as a push now does: a row no
	 * history leads to (put there through the old staging tables) is set aside with its reason;
	 * a row that differs from its history is set aside and replaced by the replay (the voter's
	 * key kept).
	 */
	"CREATE TEMP TABLE jd_touched ON COMMIT DROP AS\n"
	"  SELECT DISTINCT e.station, e.ticket AS number FROM jiedai.events e WHERE e.ticket IS NOT NULL;\n"
	"SELECT jiedai.replay_prepare();\n"
	"CREATE TEMP TABLE jd_rows ON COMMIT DROP AS SELECT r.*, t.voter,\n"
	"  jiedai.row_digest(r.number, r.r_station, r.year, r.seq, r.check_code, r.day_date, r.pos,\n"
	"    t.voter, r.name, r.phone, r.address, r.category, r.issue, r.deputy, r.status, r.unit,\n"
	"    r.due_date, r.answer_method, r.answer_date, r.answer_text, r.rating, r.closed_at,\n"
	"    r.closed_by, r.close_note, r.void_reason, r.extra, r.created_at, r.updated_at) AS digest\n"
	"  FROM jiedai.replay_rows() r JOIN jiedai.tickets t ON t.station = r.station AND t.number = r.number\n"
	"  WHERE r.r_station = r.station;\n"
	"ALTER TABLE pg_temp.jd_rows RENAME COLUMN pos TO position;\n"
	"INSERT INTO jiedai.set_aside SELECT now(), 'no history', t.* FROM jiedai.tickets t\n"
	"  WHERE NOT EXISTS (SELECT 1 FROM pg_temp.jd_rows r WHERE r.station = t.station AND r.number = t.number);\n"
	/*
	 * A row differs from its replay when its fields do (its digest is recomputed: the stored one
	 * may not be of them).
	 */
	"INSERT INTO jiedai.set_aside SELECT now(), 'differs from its history', t.* FROM jiedai.tickets t\n"
	"  JOIN pg_temp.jd_rows r ON r.station = t.station AND r.number = t.number\n"
	"  WHERE r.digest <> jiedai.row_digest(" TICKET_COLS_T ") OR r.digest <> t.digest;\n"
	"DELETE FROM jiedai.tickets t\n"
	"  WHERE NOT EXISTS (SELECT 1 FROM pg_temp.jd_rows r WHERE r.station = t.station AND r.number = t.number);\n"
	"UPDATE jiedai.tickets AS t SET year = x.year, seq = x.seq,\n"
	"  check_code = x.check_code, day_date = x.day_date, position = x.position, name = x.name,\n"
	"  phone = x.phone, address = x.address, category = x.category, issue = x.issue,\n"
	"  deputy = x.deputy, status = x.status, unit = x.unit, due_date = x.due_date,\n"
	"  answer_method = x.answer_method, answer_date = x.answer_date, answer_text = x.answer_text,\n"
	"  rating = x.rating, closed_at = x.closed_at, closed_by = x.closed_by,\n"
	"  close_note = x.close_note, void_reason = x.void_reason, extra = x.extra,\n"
	"  created_at = x.created_at, updated_at = x.updated_at,\n"
	"  created_day = jiedai.day_of(x.created_at), answer_day = jiedai.day_of(x.answer_date),\n"
	"  digest = x.digest\n"
	"  FROM pg_temp.jd_rows x WHERE t.station = x.station AND t.number = x.number\n"
	"    AND (t.digest <> x.digest OR x.digest <> jiedai.row_digest(" TICKET_COLS_T "));\n"
	"DROP TABLE pg_temp.jd_touched, pg_temp.jd_ev, pg_temp.jd_rows;\n";

/* ---- the program's end ---- */

static void hex_of(const unsigned char *b, size_t n, char *out)
{
	static const char digits[] = "0123456789abcdef";

	for (size_t i = 0; i < n; i++) {
		out[2 * i] = digits[b[i] >> 4];
		out[2 * i + 1] = digits[b[i] & 15];
	}
	out[2 * n] = '\0';
}

/* A bytea value of PostgreSQL's text output ("\x…") into 32 bytes; 0 or -1. */
static int bytea32(const char *v, unsigned char out[32])
{
	memset(out, 0, 32);
	if (!v || strncmp(v, "\\x", 2) || strlen(v) != 66)
		return -1;
	for (int i = 0; i < 32; i++) {
		unsigned int b;

		if (sscanf(v + 2 + 2 * i, "%2x", &b) != 1)
			return -1;
		out[i] = (unsigned char)b;
	}
	return 0;
}

/* The DETAIL of the last refusal split at '|' into up to n parts (static storage). */
static int detail_parts(struct hub *h, const char **parts, int n)
{
	static char buf[512];
	int k = 0;
	char *p = buf;

	snprintf(buf, sizeof(buf), "%s", h->last_detail);
	while (k < n) {
		char *bar = strchr(p, '|');

		parts[k++] = p;
		if (!bar)
			break;
		*bar = '\0';
		p = bar + 1;
	}
	for (int i = k; i < n; i++)
		parts[i] = "";
	return k;
}

/* Why a ticket's history does not hold (replay_problem()'s codes), for people. */
static const char *history_why(const char *code)
{
	static const struct {
		const char *code, *why;
	} whys[] = {
		{ "nosnap", N_("the registration carries no record of the ticket") },
		{ "number", N_("the record it carries is of another ticket") },
		{ "twice", N_("the ticket is registered a second time") },
		{ "first", N_("the history does not begin with the ticket's registration") },
		{ "kind", N_("the event is of a kind that cannot change a ticket's status") },
		{ "from", N_("the step starts from a status the ticket did not have") },
		{ "status", N_("the step leads to an unknown status") },
	};

	for (size_t i = 0; i < sizeof(whys) / sizeof(whys[0]); i++)
		if (!strcmp(whys[i].code, code))
			return _(whys[i].why);
	return code;
}

/* Say why the hub refused, from its SQLSTATE; HUB_REFUSED, or HUB_IO for other failures. */
static int refusal(struct hub *h, const char *code, enum hub_why *why)
{
	const char *st = h->last_state, *d[5];

	if (why)
		*why = HUB_WHY_OTHER;
	detail_parts(h, d, 5);
	if (hub_cut_off(h)) {
		if (why)
			*why = HUB_WHY_NONE;
		return hub_broke(h);
	}
	if (!strcmp(st, "JD001"))
		error(_("the hub refused the push: station code %s is bound to another hub login (%s), not to this one. Each station pushes with the login the county bound its code to; if this login replaces that one (a new laptop), the county re-binds the code: jiedai hub station rebind %s --login THIS-LOGIN. Nothing was kept"),
		      code, d[0], code);
	else if (!strcmp(st, "JD012"))
		error(_("the hub refused the push: station code %s is not bound to any hub login. The county binds it to this station's login first: jiedai hub station add %s --login %s. Nothing was kept"),
		      code, code, d[0]);
	else if (!strcmp(st, "JD002"))
		error(!strcmp(d[0], "yes") ?
		      _("this hub is a practice hub: it takes only practice ledgers (made by 'jiedai gen'), never a station's real one") :
		      _("this ledger is a practice ledger (made by 'jiedai gen'): its made-up tickets would mix with the county's real figures; push it to a practice hub (jiedai hub init --practice)"));
	else if (!strcmp(st, "JD003"))
		error(_("the hub holds station %s's records with personal data %s, and the setting hub_personal now says otherwise: the hub's copy cannot be sent again another way, so the setting must go back (or the county starts the station afresh at the hub)"),
		      code, !strcmp(d[0], "full") ? _("in full") : _("masked"));
	else if (!strcmp(st, "JD005")) {
		if (why)
			*why = HUB_WHY_CHAIN;
		if (*d[2])
			error(_("the hub refused the push: record %s (%s of ticket %s, %s) does not match its seal: it was changed after it was written. Nothing of this push was kept"),
			      d[0], d[1], d[2], d[3]);
		else
			error(_("the hub refused the push: record %s (%s, %s) does not match its seal: it was changed after it was written. Nothing of this push was kept"),
			      d[0], d[1], d[3]);
	} else if (!strcmp(st, "JD006"))
		error(_("the push does not continue the hub's copy of station %s (it holds %s records; records %s to %s were sent): push again"),
		      code, d[0], d[1], d[2]);
	else if (!strcmp(st, "JD007")) {
		if (why)
			*why = HUB_WHY_ROWS;
		error(_("the hub refused the push: station %s's ticket rows no longer add up to what its history says (a ticket was changed behind jiedai's back). Nothing of this push was kept"),
		      code);
	} else if (!strcmp(st, "JD008"))
		error(_("the hub refused the push: ticket %s was recorded anew (%s, record %s) after the hub had it, which replaces its row outside the normal steps. Nothing of this push was kept"),
		      d[2], d[1], d[0]);
	else if (!strcmp(st, "JD009"))
		error(_("the hub refused the push: %s does not belong to station %s. This ledger holds other stations' records (a county roll-up?): push each station's own ledger"),
		      d[0], code);
	else if (!strcmp(st, "JD010"))
		error(_("'%s' is not a station code the hub takes (1 to 8 capital letters or digits)"), d[0]);
	else if (!strcmp(st, "JD011"))
		error(_("the hub refused the push: the voter of ticket %s is given as '%s', which is neither the ticket itself nor an earlier ticket of the station's first visit. Nothing of this push was kept"),
		      d[0], d[1]);
	else if (!strcmp(st, "JD014"))
		error(_("the hub refused the push: in the history of ticket %s, record %s (%s, %s) does not follow from the records before it: %s. Nothing of this push was kept; run 'jiedai check'"),
		      d[2], d[0], d[1], d[3], history_why(d[4]));
	else if (!strcmp(st, "JD018"))
		error(_("the hub refused the push: record %s (%s of ticket %s, %s) comes with its voter's data masked, so the hub cannot check its seal, yet it is more than a new registration (a masked record may differ only in the voter's data it hides). Nothing of this push was kept"),
		      d[0], d[1], d[2], d[3]);
	else if (!strcmp(st, "JD015") || !strcmp(st, "JD016"))
		error(_("the hub refused the push: what was sent is not what jiedai sends (%s). Nothing of this push was kept"),
		      h->last_message);
	else if (!strcmp(st, "42501"))
		error(_("this hub login may not push (%s): the county grants it with: GRANT jiedai_station TO the station's login"),
		      h->last_message);
	else {
		if (why)
			*why = HUB_WHY_NONE;
		error(_("the hub failed (%s): nothing of this push was kept; push again, and if it fails again, show this message to the county"),
		      h->last_message);
		return HUB_IO;
	}
	return HUB_REFUSED;
}

/* The batches of a push in the making (struct hub's push). */
static void batch_reset(struct hub *h)
{
	strbuf_reset(&h->events);
	strbuf_reset(&h->voters);
	h->nevents = h->nvoters = 0;
}

void hub_push_abort(struct hub *h)
{
	if (h->in_push) {
		PGresult *res = PQexec(h->conn, "ROLLBACK");

		PQclear(res);
		h->in_push = 0;
	}
	batch_reset(h);
	strbuf_release(&h->events);
	strbuf_release(&h->voters);
	free(h->code);
	free(h->name);
	h->code = h->name = NULL;
}

int hub_push_begin(struct hub *h, const struct hub_station *st, struct hub_head *head)
{
	const char *p[3];
	PGresult *res;
	int r;

	memset(head, 0, sizeof(*head));
	if (hub_exec(h, "BEGIN", "begin") != HUB_OK)
		return HUB_IO;
	h->in_push = 1;
	free(h->code);
	free(h->name);
	h->code = xstrdup(st->code);
	h->name = xstrdup(st->name ? st->name : "");
	h->masked = st->masked;
	h->practice = st->practice;
	batch_reset(h);
	p[0] = st->code;
	p[1] = st->masked ? "true" : "false";
	p[2] = st->practice ? "true" : "false";
	res = hub_query(h, "SELECT events, head, first_hash FROM jiedai.push_head($1, $2, $3)", 3, p, NULL);
	if (!res) {
		r = refusal(h, st->code, NULL);
		hub_push_abort(h);
		return r;
	}
	head->events = atoll(PQgetvalue(res, 0, 0));
	if (head->events) {
		bytea32(PQgetvalue(res, 0, 1), head->hash);
		bytea32(PQgetvalue(res, 0, 2), head->first);
	}
	PQclear(res);
	return HUB_OK;
}

int hub_held(struct hub *h, const char *code, struct hub_head *head)
{
	const char *p[1] = { code };
	PGresult *res;

	memset(head, 0, sizeof(*head));
	res = hub_query(h, "SELECT events, head, first_hash FROM jiedai.held($1)", 1, p, NULL);
	if (!res)
		return hub_read_refused(h);
	if (PQntuples(res) != 1) {
		PQclear(res);
		return HUB_REFUSED;
	}
	head->events = atoll(PQgetvalue(res, 0, 0));
	if (head->events) {
		bytea32(PQgetvalue(res, 0, 1), head->hash);
		bytea32(PQgetvalue(res, 0, 2), head->first);
	}
	PQclear(res);
	return HUB_OK;
}

int hub_event_at(struct hub *h, const char *code, int64_t id, struct hub_event_info *out)
{
	char ids[24];
	const char *p[3] = { code, ids, ids };
	PGresult *res;

	memset(out, 0, sizeof(*out));
	snprintf(ids, sizeof(ids), "%lld", (long long)id);
	res = hub_query(h, "SELECT hash, kind, coalesce(ticket, ''), at FROM jiedai.seals($1, $2, $3)", 3, p,
			NULL);
	if (!res)
		return hub_read_refused(h);
	if (PQntuples(res) == 1) {
		bytea32(PQgetvalue(res, 0, 0), out->hash);
		snprintf(out->kind, sizeof(out->kind), "%s", PQgetvalue(res, 0, 1));
		snprintf(out->ticket, sizeof(out->ticket), "%s", PQgetvalue(res, 0, 2));
		snprintf(out->at, sizeof(out->at), "%s", PQgetvalue(res, 0, 3));
	}
	PQclear(res);
	return HUB_OK;
}

/* ---- the batches ---- */

/* Past this much JSON a batch goes to the hub (staged there until the last). */
#define BATCH_BYTES (8u << 20)

static void json_text(struct strbuf *sb, const char *v)
{
	if (v)
		strbuf_add_json(sb, v);
	else
		strbuf_adds(sb, "null");
}

/* Send what is batched, staged at the hub: the final call is hub_push_commit()'s. */
static int flush(struct hub *h)
{
	const char *p[10];
	PGresult *res;
	char *ev, *vo;

	if (!h->nevents && !h->nvoters)
		return HUB_OK;
	ev = xasprintf("[%s]", h->events.len ? h->events.buf : "");
	vo = xasprintf("[%s]", h->voters.len ? h->voters.buf : "");
	p[0] = h->code;
	p[1] = h->name;
	p[2] = h->masked ? "true" : "false";
	p[3] = h->practice ? "true" : "false";
	p[4] = ev;
	p[5] = vo;
	p[6] = p[7] = p[8] = p[9] = NULL;
	res = hub_query(h, "SELECT events FROM jiedai.push($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)", 10, p,
			NULL);
	free(ev);
	free(vo);
	batch_reset(h);
	if (!res)
		return refusal(h, h->code, NULL);
	PQclear(res);
	return HUB_OK;
}

int hub_push_event(struct hub *h, const char *const fields[18], const unsigned char hash[32], int masked)
{
	static const char *const keys[18] = {
		"id", "ticket", "day", "subject", "at", "kind", "actor", "login", "client", "status_from",
		"status_to", "unit", "due_date", "method", "rating", "txt", "data", "state",
	};
	char hex[65];

	if (h->nevents++)
		strbuf_addch(&h->events, ',');
	strbuf_addch(&h->events, '{');
	for (int i = 0; i < 18; i++) {
		strbuf_addf(&h->events, "%s\"%s\":", i ? "," : "", keys[i]);
		json_text(&h->events, fields[i]);
	}
	hex_of(hash, 32, hex);
	strbuf_addf(&h->events, ",\"hash\":\"\\\\x%s\",\"masked\":%s}", hex, masked ? "true" : "false");
	return h->events.len + h->voters.len >= BATCH_BYTES ? flush(h) : HUB_OK;
}

int hub_push_voter(struct hub *h, const char *number, const char *voter)
{
	if (h->nvoters++)
		strbuf_addch(&h->voters, ',');
	strbuf_adds(&h->voters, "{\"number\":");
	json_text(&h->voters, number);
	strbuf_adds(&h->voters, ",\"voter\":");
	json_text(&h->voters, voter);
	strbuf_addch(&h->voters, '}');
	return h->events.len + h->voters.len >= BATCH_BYTES ? flush(h) : HUB_OK;
}

int hub_push_commit(struct hub *h, const unsigned char rows_xor[32], int64_t last,
		    const unsigned char last_hash[32], int from_file, struct hub_push_stats *stats,
		    enum hub_why *why)
{
	char xor_hex[65], last_s[24], hash_s[70];
	const char *p[10];
	char *ev, *vo;
	PGresult *res;
	int r;

	memset(stats, 0, sizeof(*stats));
	if (why)
		*why = HUB_WHY_NONE;
	hex_of(rows_xor, 32, xor_hex);
	snprintf(last_s, sizeof(last_s), "%lld", (long long)last);
	strcpy(hash_s, "\\x");
	hex_of(last_hash, 32, hash_s + 2);
	ev = xasprintf("[%s]", h->events.len ? h->events.buf : "");
	vo = xasprintf("[%s]", h->voters.len ? h->voters.buf : "");
	p[0] = h->code;
	p[1] = h->name;
	p[2] = h->masked ? "true" : "false";
	p[3] = h->practice ? "true" : "false";
	p[4] = ev;
	p[5] = vo;
	p[6] = last_s;
	p[7] = hash_s;
	p[8] = xor_hex;
	p[9] = from_file ? "file" : "ledger";
	res = hub_query(h, "SELECT events, verified, tickets_new, tickets_updated"
			" FROM jiedai.push($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)", 10, p, NULL);
	free(ev);
	free(vo);
	batch_reset(h);
	if (!res) {
		r = refusal(h, h->code, why);
		hub_push_abort(h);
		return r;
	}
	stats->events = atoll(PQgetvalue(res, 0, 0));
	stats->verified = atoll(PQgetvalue(res, 0, 1));
	stats->unverified = stats->events - stats->verified;
	stats->tickets_new = atoll(PQgetvalue(res, 0, 2));
	stats->tickets_updated = atoll(PQgetvalue(res, 0, 3));
	PQclear(res);
	res = PQexec(h->conn, "COMMIT");
	r = PQresultStatus(res) == PGRES_COMMAND_OK ? HUB_OK : hub_broke(h);
	PQclear(res);
	h->in_push = 0;
	hub_push_abort(h);
	return r;
}

int hub_ticket_digests(struct hub *h, const char *code,
		       int (*fn)(const char *number, const unsigned char digest[32], void *arg), void *arg)
{
	const char *p[1] = { code };
	PGresult *res = hub_query(h, "SELECT number, digest FROM jiedai.ticket_digests($1)", 1, p, NULL);
	int n;

	if (!res)
		return hub_read_refused(h);
	n = PQntuples(res);
	for (int i = 0; i < n; i++) {
		unsigned char d[32];

		bytea32(PQgetvalue(res, i, 1), d);
		if (fn(PQgetvalue(res, i, 0), d, arg))
			break;
	}
	PQclear(res);
	return HUB_OK;
}
