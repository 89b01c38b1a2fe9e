/*
 * hub-push.c — a station's push, at the hub's end: the PL/pgSQL that checks
 * and keeps it, and the C that drives it (begin, COPY into staging tables,
 * commit).  See hub.h for the rules.
 *
 * The staging tables are temporary (pg_temp, dropped at commit), made by
 * push_begin() as the hub's owner and open to INSERT only: a station's
 * login can fill them and call push_commit(), which checks everything
 * staged in a few set-wide statements (the seals recomputed for every
 * event at once, each against the seal the station gave the event before
 * it) and only then writes the hub's tables.  A RAISE anywhere rolls the
 * whole push back; the error codes JD001… tell the program which refusal it
 * was, and DETAIL carries what to name.
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

/* Say why the hub refused, from its SQLSTATE; HUB_REFUSED, or HUB_IO for other failures. */
static int refusal(struct hub *h, const char *code, enum hub_why *why)
{
	const char *st = h->last_state, *d[4];

	if (why)
		*why = HUB_WHY_OTHER;
	detail_parts(h, d, 4);
	if (!strcmp(st, "JD001"))
		error(_("the station code %s belongs to another hub login (%s), which pushed it first: each station pushes with its own login; if this really is station %s, ask the county"),
		      code, d[0], code);
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
		error(_("the push lacks the row of ticket %s (a fault in jiedai); nothing was kept"), d[0]);
	else if (!strcmp(st, "42501"))
		error(_("this hub login may not push (%s): the county grants it with: GRANT jiedai_station TO the station's login"),
		      h->last_message);
	else {
		if (why)
			*why = HUB_WHY_NONE;
		error(_("the hub failed: %s"), h->last_message);
		return HUB_IO;
	}
	return HUB_REFUSED;
}

void hub_push_abort(struct hub *h)
{
	if (h->in_copy) {
		PQputCopyEnd(h->conn, "aborted");
		PQclear(PQgetResult(h->conn));
		h->in_copy = 0;
	}
	if (h->in_push) {
		PGresult *res = PQexec(h->conn, "ROLLBACK");

		PQclear(res);
		h->in_push = 0;
	}
}

int hub_push_begin(struct hub *h, const struct hub_station *st, struct hub_head *head)
{
	const char *p[4];
	PGresult *res;
	int r;

	memset(head, 0, sizeof(*head));
	if (hub_exec(h, "BEGIN", "begin") != HUB_OK)
		return HUB_IO;
	h->in_push = 1;
	p[0] = st->code;
	p[1] = st->name;
	p[2] = st->masked ? "true" : "false";
	p[3] = st->practice ? "true" : "false";
	res = hub_query(h, "SELECT events, head, first_hash, owner FROM jiedai.push_begin($1, $2, $3, $4)",
			4, p, NULL);
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
	snprintf(head->owner, sizeof(head->owner), "%s", PQgetvalue(res, 0, 3));
	PQclear(res);
	return HUB_OK;
}

int hub_event_at(struct hub *h, const char *code, int64_t id, struct hub_event_info *out)
{
	char ids[24];
	const char *p[2] = { code, ids };
	PGresult *res;

	memset(out, 0, sizeof(*out));
	snprintf(ids, sizeof(ids), "%lld", (long long)id);
	res = hub_query(h, "SELECT hash, kind, coalesce(ticket, ''), at FROM jiedai.event_at($1, $2)", 2, p,
			"event");
	if (!res)
		return HUB_IO;
	if (PQntuples(res) == 1) {
		bytea32(PQgetvalue(res, 0, 0), out->hash);
		snprintf(out->kind, sizeof(out->kind), "%s", PQgetvalue(res, 0, 1));
		snprintf(out->ticket, sizeof(out->ticket), "%s", PQgetvalue(res, 0, 2));
		snprintf(out->at, sizeof(out->at), "%s", PQgetvalue(res, 0, 3));
	}
	PQclear(res);
	return HUB_OK;
}

/* ---- COPY ---- */

static struct strbuf copybuf = STRBUF_INIT;

int hub_copy_start(struct hub *h, enum hub_stream which)
{
	static const char *const sql[] = {
		[HUB_EVENTS] = "COPY pg_temp.jd_events FROM STDIN",
		[HUB_TICKETS] = "COPY pg_temp.jd_tickets FROM STDIN",
		[HUB_PEOPLE] = "COPY pg_temp.jd_people FROM STDIN",
	};
	PGresult *res = PQexec(h->conn, sql[which]);

	if (PQresultStatus(res) != PGRES_COPY_IN) {
		int r = hub_fail(h, res, "copy");

		PQclear(res);
		return r;
	}
	PQclear(res);
	h->in_copy = 1;
	strbuf_reset(&copybuf);
	return HUB_OK;
}

/*
 * One text field of COPY's text format: backslash, tab, newline and CR
 * escaped; the runs between them copied whole (a first push sends some
 * hundred megabytes this way).
 */
static void copy_field(struct strbuf *sb, const char *v)
{
	if (!v) {
		strbuf_adds(sb, "\\N");
		return;
	}
	for (const char *p = v; *p;) {
		size_t run = strcspn(p, "\\\t\n\r");

		strbuf_add(sb, p, run);
		p += run;
		switch (*p) {
		case '\\': strbuf_adds(sb, "\\\\"); break;
		case '\t': strbuf_adds(sb, "\\t"); break;
		case '\n': strbuf_adds(sb, "\\n"); break;
		case '\r': strbuf_adds(sb, "\\r"); break;
		default: continue;	/* the end of v */
		}
		p++;
	}
}

static int flush_copy(struct hub *h)
{
	if (copybuf.len && PQputCopyData(h->conn, copybuf.buf, (int)copybuf.len) != 1)
		return hub_fail(h, NULL, "copy");
	strbuf_reset(&copybuf);
	return HUB_OK;
}

int hub_copy_row(struct hub *h, const char *const *fields, size_t n, const unsigned char *hash, int masked)
{
	for (size_t i = 0; i < n; i++) {
		if (i)
			strbuf_addch(&copybuf, '\t');
		copy_field(&copybuf, fields[i]);
	}
	if (hash) {
		char hex[65];

		hex_of(hash, 32, hex);
		strbuf_addf(&copybuf, "\t\\\\x%s\t%s", hex, masked ? "t" : "f");
	}
	strbuf_addch(&copybuf, '\n');
	return copybuf.len >= 256 * 1024 ? flush_copy(h) : HUB_OK;
}

int hub_copy_end(struct hub *h)
{
	PGresult *res;
	int r = flush_copy(h);

	if (r != HUB_OK)
		return r;
	strbuf_release(&copybuf);
	h->in_copy = 0;
	if (PQputCopyEnd(h->conn, NULL) != 1)
		return hub_fail(h, NULL, "copy");
	res = PQgetResult(h->conn);
	if (PQresultStatus(res) != PGRES_COMMAND_OK)
		r = hub_fail(h, res, "copy");
	PQclear(res);
	while ((res = PQgetResult(h->conn)))
		PQclear(res);
	return r;
}

int hub_push_commit(struct hub *h, const char *code, const unsigned char rows_xor[32], int64_t last,
		    const unsigned char last_hash[32], int from_file, struct hub_push_stats *stats,
		    enum hub_why *why)
{
	char xor_hex[65], last_s[24], hash_s[70];
	const char *p[5];
	PGresult *res;
	int r;

	memset(stats, 0, sizeof(*stats));
	if (why)
		*why = HUB_WHY_NONE;
	hex_of(rows_xor, 32, xor_hex);
	snprintf(last_s, sizeof(last_s), "%lld", (long long)last);
	strcpy(hash_s, "\\x");
	hex_of(last_hash, 32, hash_s + 2);
	p[0] = code;
	p[1] = xor_hex;
	p[2] = last_s;
	p[3] = hash_s;
	p[4] = from_file ? "file" : "ledger";
	res = hub_query(h, "SELECT events, verified, tickets_new, tickets_updated"
			" FROM jiedai.push_commit($1, $2, $3, $4, $5)", 5, p, NULL);
	if (!res) {
		r = refusal(h, code, why);
		hub_push_abort(h);
		return r;
	}
	stats->events = atoll(PQgetvalue(res, 0, 0));
	stats->verified = atoll(PQgetvalue(res, 0, 1));
	stats->unverified = stats->events - stats->verified;
	stats->tickets_new = atoll(PQgetvalue(res, 0, 2));
	stats->tickets_updated = atoll(PQgetvalue(res, 0, 3));
	PQclear(res);
	r = hub_exec(h, "COMMIT", "commit");
	h->in_push = 0;
	return r;
}

int hub_ticket_digests(struct hub *h, const char *code,
		       int (*fn)(const char *number, const unsigned char digest[32], void *arg), void *arg)
{
	const char *p[1] = { code };
	PGresult *res = hub_query(h, "SELECT number, digest FROM jiedai.ticket_digests($1)", 1, p, "digests");
	int n;

	if (!res)
		return HUB_IO;
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
