/*
 * store-ticket.c — tickets, their numbers and their events.
 *
 * A ticket and its first events are stored in one BEGIN IMMEDIATE
 * transaction that also takes the next number from the counter row of its
 * station and year: either all of it is committed or none, so numbers have
 * no gaps and two deputies saving at once never get the same number.
 */
#include "store.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "clock.h"
#include "error.h"
#include "i18n.h"
#include "store-internal.h"
#include "store-write.h"
#include "strbuf.h"
#include "u8.h"
#include "xmalloc.h"

const char STORE_TICKET_COLUMNS[] =
	STORE_TICKET_SELECT " FROM tickets t LEFT JOIN reception_days d ON d.id = t.day_id";

void store_ticket_from_row(sqlite3_stmt *st, struct ticket *t)
{
	char today[CLOCK_DATE_LEN];
	enum ticket_status status = TS_REGISTERED;
	const char *sname = (const char *)sqlite3_column_text(st, 16);

	memset(t, 0, sizeof(*t));
	t->id = sqlite3_column_int64(st, 0);
	t->number = store_col_str(st, 1);
	t->check_code = store_col_str(st, 2);
	t->station = store_col_str(st, 3);
	t->year = sqlite3_column_int(st, 4);
	t->seq = sqlite3_column_int64(st, 5);
	t->day_id = sqlite3_column_int64(st, 6);
	t->day_date = store_col_text(st, 7);
	t->position = sqlite3_column_int(st, 8);
	t->voter_id = sqlite3_column_int64(st, 9);
	t->name = store_col_str(st, 10);
	t->phone = store_col_str(st, 11);
	t->address = store_col_str(st, 12);
	t->category = store_col_str(st, 13);
	t->issue = store_col_str(st, 14);
	t->deputy = store_col_str(st, 15);
	if (sname)
		ticket_status_parse(sname, &status);
	t->status = status;
	t->unit = store_col_str(st, 17);
	t->due_date = store_col_text(st, 18);
	t->answer_method = store_col_str(st, 19);
	t->answer_date = store_col_text(st, 20);
	t->answer_text = store_col_str(st, 21);
	t->rating = store_col_str(st, 22);
	t->closed_at = store_col_text(st, 23);
	t->closed_by = store_col_str(st, 24);
	t->close_note = store_col_str(st, 25);
	t->void_reason = store_col_str(st, 26);
	t->created_at = store_col_str(st, 27);
	t->updated_at = store_col_str(st, 28);
	t->extra = store_col_str(st, 29);
	t->follow_deputy = sqlite3_column_count(st) > STORE_TICKET_FOLLOW_COLUMN ?
			   store_col_str(st, STORE_TICKET_FOLLOW_COLUMN) : xstrdup("");
	/* The personal-data rule (store_set_viewer()): the voter masked for a reader who may not see them. */
	if (sqlite3_column_count(st) > STORE_TICKET_SEEN_COLUMN &&
	    !sqlite3_column_int(st, STORE_TICKET_SEEN_COLUMN)) {
		char *n = u8_mask_name(t->name), *p = u8_mask_phone(t->phone), *a = u8_mask_address(t->address);

		free(t->name);
		free(t->phone);
		free(t->address);
		t->name = n;
		t->phone = p;
		t->address = a;
		t->masked = 1;
	}
	clock_today(today);
	t->overdue = t->status == TS_ASSIGNED && t->due_date && strcmp(t->due_date, today) < 0;
}

/* Fill extra_keys/extra_vals from the JSON object (in its own order). */
static int load_extra(struct store *s, struct ticket *t)
{
	static const char sql[] = "SELECT key, value FROM json_each(?1)";
	sqlite3_stmt *st = store_stmt(s, sql);
	int r = STORE_OK;

	if (!st)
		return STORE_IO;
	sqlite3_bind_text(st, 1, t->extra, -1, SQLITE_STATIC);
	while (store_row(s, st, "extra fields", &r)) {
		t->extra_keys = xreallocarray(t->extra_keys, t->nextra + 1, sizeof(char *));
		t->extra_vals = xreallocarray(t->extra_vals, t->nextra + 1, sizeof(char *));
		t->extra_keys[t->nextra] = store_col_str(st, 0);
		t->extra_vals[t->nextra] = store_col_str(st, 1);
		t->nextra++;
	}
	store_done(st);
	return r;
}

int store_ticket_get_id(struct store *s, int64_t id, struct ticket *out)
{
	static const char *sql;
	static char buf[sizeof(STORE_TICKET_COLUMNS) + 32];
	sqlite3_stmt *st;
	int r = STORE_OK;

	if (!sql) {
		snprintf(buf, sizeof(buf), "%s WHERE t.id = ?1", STORE_TICKET_COLUMNS);
		sql = buf;
	}
	st = store_stmt(s, sql);
	if (!st)
		return STORE_IO;
	sqlite3_bind_int64(st, 1, id);
	if (!store_row(s, st, "ticket", &r)) {
		store_done(st);
		if (r != STORE_OK)
			return r;
		error(_("there is no ticket #%lld"), (long long)id);
		return STORE_NOTFOUND;
	}
	store_ticket_from_row(st, out);
	store_done(st);
	r = load_extra(s, out);
	if (r != STORE_OK)
		ticket_release(out);
	return r;
}

/*
 * *id gets the id of the ticket with this number (case-insensitive), or 0
 * when there is none: STORE_OK either way.  A ledger that could not be read
 * is an error (reported), never "no such ticket".
 */
static int id_by_number(struct store *s, const char *number, int64_t *id)
{
	static const char sql[] = "SELECT id FROM tickets WHERE number = ?1 COLLATE NOCASE";
	sqlite3_stmt *st = store_stmt(s, sql);
	int r = STORE_OK;

	*id = 0;
	if (!st)
		return STORE_IO;
	sqlite3_bind_text(st, 1, number, -1, SQLITE_STATIC);
	if (store_row(s, st, "ticket", &r))
		*id = sqlite3_column_int64(st, 0);
	store_done(st);
	return r;
}

int64_t store_ticket_find(struct store *s, const char *number)
{
	char *trimmed = u8_trim(number), *folded = u8_fold(trimmed);
	int64_t id;
	int r = id_by_number(s, folded, &id);

	free(trimmed);
	free(folded);
	return r == STORE_OK ? id : -1;
}

int store_ticket_get(struct store *s, const char *number, struct ticket *out)
{
	char *trimmed = u8_trim(number), *folded = u8_fold(trimmed);
	int64_t id = 0;
	int r;

	if (folded[0] == '#') {
		id = strtoll(folded + 1, NULL, 10);
	} else if ((r = id_by_number(s, folded, &id)) != STORE_OK) {
		free(trimmed);
		free(folded);
		return r;
	}
	if (!id) {
		error(_("there is no ticket numbered '%s'"), trimmed);
		free(trimmed);
		free(folded);
		return STORE_NOTFOUND;
	}
	free(trimmed);
	free(folded);
	r = store_ticket_get_id(s, id, out);
	return r;
}

/*
 * Append an event of ticket id (numbered number) inside the caller's
 * transaction.  st_info (may be NULL) gives the step's values; state is the
 * JSON the event leaves where its columns do not say it.
 */
static int insert_event(struct store *s, int64_t ticket_id, const char *number, const char *kind,
			const char *now, const struct actor *who, const char *from, const char *to,
			const struct step *st_info, const char *state)
{
	struct event_rec e;

	memset(&e, 0, sizeof(e));
	e.ticket_id = ticket_id;
	e.ticket = number;
	e.at = now;
	e.kind = kind;
	e.who = who;
	e.status_from = from;
	e.status_to = to;
	if (st_info) {
		e.unit = st_info->unit;
		e.due_date = st_info->due_date;
		e.method = st_info->method;
		e.rating = st_info->rating;
		e.text = st_info->text;
		e.data = st_info->extra_json;
	}
	e.state = state;
	return store_event_append(s, &e, NULL);
}

/* The voter for this intake: the given one, or a match by name and phone, or a new one. */
static int voter_for(struct store *s, const struct intake *in, const char *now, int64_t *id)
{
	static const char find[] =
		"SELECT id FROM voters WHERE phone = ?1 AND phone <> '' AND name = ?2"
		" ORDER BY id DESC LIMIT 1";	/* phone <> '': lets it use the partial index */
	static const char upd[] =
		"UPDATE voters SET name = ?2, phone = CASE WHEN ?3 <> '' THEN ?3 ELSE phone END,"
		" address = CASE WHEN ?4 <> '' THEN ?4 ELSE address END WHERE id = ?1";
	static const char ins[] =
		"INSERT INTO voters(name, phone, address, created_at) VALUES(?1, ?2, ?3, ?4)";
	sqlite3_stmt *st;
	const char *phone = in->phone ? in->phone : "", *address = in->address ? in->address : "";

	*id = in->voter_id;
	if (!*id && *phone) {
		int r = STORE_OK;

		st = store_stmt(s, find);
		if (!st)
			return STORE_IO;
		sqlite3_bind_text(st, 1, phone, -1, SQLITE_STATIC);
		sqlite3_bind_text(st, 2, in->name, -1, SQLITE_STATIC);
		if (store_row(s, st, "voter", &r))
			*id = sqlite3_column_int64(st, 0);
		store_done(st);
		if (r != STORE_OK)
			return r;
	}
	if (*id) {
		st = store_stmt(s, upd);
		if (!st)
			return STORE_IO;
		sqlite3_bind_int64(st, 1, *id);
		sqlite3_bind_text(st, 2, in->name, -1, SQLITE_STATIC);
		sqlite3_bind_text(st, 3, phone, -1, SQLITE_STATIC);
		sqlite3_bind_text(st, 4, address, -1, SQLITE_STATIC);
		return store_exec_stmt(s, st, "voter");
	}
	st = store_stmt(s, ins);
	if (!st)
		return STORE_IO;
	sqlite3_bind_text(st, 1, in->name, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, phone, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 3, address, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 4, now, -1, SQLITE_STATIC);
	if (store_exec_stmt(s, st, "voter") != STORE_OK)
		return STORE_IO;
	*id = sqlite3_last_insert_rowid(s->db);
	return STORE_OK;
}

/*
 * The reception day a ticket goes to.  Taken now: the day open for this
 * station, dated today (none: day 0).  补录 (date set): the day held on that
 * date, open or closed, which must be in the ledger; *backfill is set unless
 * it is today's open day, which takes the ticket as if no date were given.
 */
static int ticket_day(struct store *s, const char *station, const char *today, const char *date,
		      int64_t *day_id, int *backfill)
{
	static const char open_today[] =
		"SELECT id FROM reception_days WHERE station = ?1 AND date = ?2 AND closed_at IS NULL";
	static const char held[] =
		"SELECT id, closed_at IS NULL FROM reception_days WHERE station = ?1 AND date = ?2";
	sqlite3_stmt *st = store_stmt(s, date ? held : open_today);
	int open = 0, r = STORE_OK;

	*day_id = 0;
	*backfill = 0;
	if (!st)
		return STORE_IO;
	sqlite3_bind_text(st, 1, station, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, date ? date : today, -1, SQLITE_STATIC);
	if (store_row(s, st, "reception day", &r)) {
		*day_id = sqlite3_column_int64(st, 0);
		open = date && sqlite3_column_int(st, 1);
	}
	store_done(st);
	if (r != STORE_OK || !date)
		return r;
	if (!*day_id) {
		error(_("no reception day of %s is in the ledger. Enter that day first, with its deputies and place: jiedai day open --date %s --deputies A,B --place PLACE"),
		      date, date);
		return STORE_REFUSED;
	}
	*backfill = !(open && !strcmp(date, today));
	return STORE_OK;
}

/*
 * The voter's 第N位 on reception day day_id: the same as an earlier ticket
 * of the same voter that day, or the next one.
 */
static int day_position(struct store *s, int64_t day_id, int64_t voter, int *position)
{
	static const char same_voter[] =
		"SELECT position FROM tickets WHERE day_id = ?1 AND voter_id = ?2 LIMIT 1";
	static const char next[] =
		"UPDATE reception_days SET visitors = visitors + 1 WHERE id = ?1 RETURNING visitors";
	sqlite3_stmt *st;
	int rc, r = STORE_OK;

	*position = 0;
	if (!day_id)
		return STORE_OK;
	st = store_stmt(s, same_voter);
	if (!st)
		return STORE_IO;
	sqlite3_bind_int64(st, 1, day_id);
	sqlite3_bind_int64(st, 2, voter);
	if (store_row(s, st, "position", &r))
		*position = sqlite3_column_int(st, 0);
	store_done(st);
	if (*position || r != STORE_OK)
		return r;
	st = store_stmt(s, next);
	if (!st)
		return STORE_IO;
	sqlite3_bind_int64(st, 1, day_id);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		*position = sqlite3_column_int(st, 0);
	store_done(st);
	return rc == SQLITE_ROW ? STORE_OK : store_fail(s, rc, "position");
}

/*
 * Who received the voter when the intake does not say: the one the screen
 * offers (store_day_default_deputy()), else the first deputy present, else
 * the person acting.  Returns a new string.
 */
static char *receiving_deputy(struct store *s, int64_t day_id, const struct actor *who)
{
	static const char sql[] =
		"SELECT p.name FROM day_deputies dd JOIN deputies p ON p.id = dd.deputy_id"
		" WHERE dd.day_id = ?1 ORDER BY p.id LIMIT 1";
	sqlite3_stmt *st;
	char *name = store_day_default_deputy(s, day_id, who);
	int r = STORE_OK;

	/* A failed read stops the write it is part of (store_row). */
	if (!name && day_id && (st = store_stmt(s, sql))) {
		sqlite3_bind_int64(st, 1, day_id);
		if (store_row(s, st, "deputy", &r))
			name = store_col_str(st, 0);
		store_done(st);
	}
	return name ? name : xstrdup(who->name ? who->name : "");
}

/*
 * A receiving deputy named for a ticket of reception day day_id (dated
 * date) must be one of the deputies present that day, when it lists any.
 * STORE_OK, or STORE_REFUSED saying who was present and how to add one.
 */
static int deputy_present(struct store *s, int64_t day_id, const char *date, const char *name)
{
	struct reception_day d;
	struct strbuf who = STRBUF_INIT;
	int n = 0, r;

	if (!day_id || !name || !*name)
		return STORE_OK;
	r = store_day_has_deputy(s, day_id, name, &n);
	if (r < 0)
		return STORE_IO;
	if (r == 1 || n == 0)
		return STORE_OK;
	if (store_day_get(s, date, &d) == STORE_OK) {
		for (char **p = d.deputies; *p; p++) {
			if (who.len)
				strbuf_adds(&who, i18n_is_chinese() ? "、" : ", ");
			strbuf_adds(&who, *p);
		}
		reception_day_release(&d);
	}
	error(_("%s is not among the deputies present on %s (%s). A deputy who also received voters that day is added with: jiedai day open --date %s --deputies %s"),
	      name, date, who.buf, date, name);
	strbuf_release(&who);
	return STORE_REFUSED;
}

/* Check a step's values; a refusal says what is missing. */
static int step_values_ok(const struct step *st)
{
	switch (st->action) {
	case TA_HANDOVER:
		if (!st->unit || !*st->unit)
			return error(_("say which unit or person the item is handed to"));
		if ((!st->due_date || !*st->due_date) && st->due_days <= 0)
			return error(_("give a deadline (a date or a number of days)"));
		break;
	case TA_ANSWER:
		if (!st->method || !*st->method)
			return error(_("say how the voter was answered (入户回访, 电话, 书面答复 or 当面)"));
		if (!st->text || !*st->text)
			return error(_("write down what the voter was told"));
		break;
	case TA_RATE:
		if (!ticket_rating_valid(st->rating))
			return error(_("the rating is one of 满意, 基本满意, 不满意"));
		break;
	case TA_REOPEN:
		if (!st->text || !*st->text)
			return error(_("give the reason for reopening"));
		break;
	case TA_VOID:
		if (!st->text || !*st->text)
			return error(_("an item can only be voided with a reason"));
		break;
	default:
		break;
	}
	return 0;
}

/*
 * Apply a step to ticket id (state from) inside the caller's transaction:
 * update the ticket, then append the event.
 */
static int apply_locked(struct store *s, int64_t id, const char *number, enum ticket_status from,
			const struct step *in, const struct actor *who, const char *now, const char *today)
{
	static const char handover[] =
		"UPDATE tickets SET status = 'assigned', unit = ?2, due_date = ?3, updated_at = ?4"
		" WHERE id = ?1";
	static const char answer[] =
		"UPDATE tickets SET status = 'answered', answer_method = ?2, answer_date = ?3,"
		" answer_text = ?4, updated_at = ?5 WHERE id = ?1";
	static const char rate[] =
		"UPDATE tickets SET status = ?2, rating = ?3, updated_at = ?4,"
		" due_date = coalesce(?5, due_date) WHERE id = ?1";
	static const char signoff[] =
		"UPDATE tickets SET status = 'closed', closed_at = ?2, closed_by = ?3, close_note = ?4,"
		" updated_at = ?2 WHERE id = ?1";
	static const char reopen[] =
		"UPDATE tickets SET status = 'assigned', due_date = ?2, closed_at = NULL,"
		" closed_by = '', updated_at = ?3 WHERE id = ?1";
	static const char vd[] =
		"UPDATE tickets SET status = 'void', void_reason = ?2, updated_at = ?3 WHERE id = ?1";
	enum ticket_status to = ticket_step_result(from, in->action, in->rating);
	struct step ev = *in;
	char due[CLOCK_DATE_LEN] = "";
	char *unit = NULL;
	sqlite3_stmt *st = NULL;
	int r;

	if (to == TS_ASSIGNED && in->action != TA_HANDOVER) {
		/* 重新办理: a fresh deadline for the unit that had it. */
		if (store_deadline(s, today, store_setting_int(s, "deadline_days"), due) < 0)
			return STORE_REFUSED;
		ev.due_date = due;
	} else if (in->action == TA_HANDOVER && in->due_days > 0) {
		/* N days from today, counted as the station counts them (working days, holidays). */
		if (store_deadline(s, today, in->due_days, due) < 0)
			return STORE_REFUSED;
		ev.due_date = due;
	}
	if (in->action == TA_HANDOVER && s->version >= 4) {
		/* The unit as the directory names it now; a new one joins the directory (store-unit.c). */
		char *why = xasprintf(_("added to the directory by the handover of %s"), number);

		r = store_unit_ensure(s, in->unit, who, why, &unit);
		free(why);
		if (r != STORE_OK)
			return r;
		ev.unit = unit;
	}
	switch (in->action) {
	case TA_HANDOVER:
		st = store_stmt(s, handover);
		if (!st) {
			free(unit);
			return STORE_IO;
		}
		store_bind_text(st, 2, ev.unit);
		store_bind_text(st, 3, ev.due_date);
		sqlite3_bind_text(st, 4, now, -1, SQLITE_STATIC);
		break;
	case TA_ANSWER:
		st = store_stmt(s, answer);
		if (!st)
			return STORE_IO;
		if (!ev.date || !*ev.date)
			ev.date = today;
		store_bind_text(st, 2, in->method);
		store_bind_text(st, 3, ev.date);
		store_bind_text(st, 4, in->text);
		sqlite3_bind_text(st, 5, now, -1, SQLITE_STATIC);
		break;
	case TA_RATE:
		st = store_stmt(s, rate);
		if (!st)
			return STORE_IO;
		sqlite3_bind_text(st, 2, ticket_status_name(to), -1, SQLITE_STATIC);
		store_bind_text(st, 3, in->rating);
		sqlite3_bind_text(st, 4, now, -1, SQLITE_STATIC);
		store_bind_text(st, 5, *due ? due : NULL);
		break;
	case TA_SIGNOFF:
		st = store_stmt(s, signoff);
		if (!st)
			return STORE_IO;
		sqlite3_bind_text(st, 2, now, -1, SQLITE_STATIC);
		store_bind_text(st, 3, who->name);
		store_bind_text(st, 4, in->text ? in->text : "");
		break;
	case TA_REOPEN:
		st = store_stmt(s, reopen);
		if (!st)
			return STORE_IO;
		sqlite3_bind_text(st, 2, due, -1, SQLITE_STATIC);
		sqlite3_bind_text(st, 3, now, -1, SQLITE_STATIC);
		break;
	case TA_VOID:
		st = store_stmt(s, vd);
		if (!st)
			return STORE_IO;
		store_bind_text(st, 2, in->text);
		sqlite3_bind_text(st, 3, now, -1, SQLITE_STATIC);
		break;
	case TA_COUNT:
		BUG("bad action");
	}
	sqlite3_bind_int64(st, 1, id);
	r = store_exec_stmt(s, st, "step");
	if (r != STORE_OK) {
		free(unit);
		return r;
	}
	if (in->action == TA_ANSWER) {
		struct strbuf state = STRBUF_INIT;

		ev.due_date = NULL;
		/* The answer's date is not a column of events: its state keeps it for replay. */
		strbuf_adds(&state, "{\"answer_date\":");
		strbuf_add_json(&state, ev.date);
		strbuf_addch(&state, '}');
		r = insert_event(s, id, number, ticket_action_name(in->action), now, who,
				 ticket_status_name(from), ticket_status_name(to), &ev, state.buf);
		strbuf_release(&state);
		return r;
	}
	r = insert_event(s, id, number, ticket_action_name(in->action), now, who,
			 ticket_status_name(from), ticket_status_name(to), &ev, NULL);
	free(unit);
	return r;
}

int store_ticket_add(struct store *s, const struct intake *in, const struct actor *who,
		     struct ticket *out)
{
	static const char counter[] =
		"INSERT INTO counters(station, year, seq) VALUES(?1, ?2, 1)"
		" ON CONFLICT(station, year) DO UPDATE SET seq = seq + 1 RETURNING seq";
	static const char ins[] =
		"INSERT INTO tickets(station, year, seq, number, check_code, day_id, position, voter_id,"
		" name, phone, address, category, issue, deputy, extra, created_at, updated_at)"
		" VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14,"
		" coalesce(?15, '{}'), ?16, ?17)";
	char now[CLOCK_STAMP_LEN], today[CLOCK_DATE_LEN], check[CHECK_CODE_LEN + 1];
	char created[CLOCK_STAMP_LEN];
	char *station = NULL, *fmt = NULL, *number = NULL, *deputy = NULL, *snapshot = NULL;
	char *note = NULL;
	int year = clock_year(), position = 0, backfill = 0, rc, r;
	int64_t seq = 0, voter = 0, day_id = 0, id;
	sqlite3_stmt *st;

	memset(out, 0, sizeof(*out));
	if (!in->name || !*in->name || !in->category || !*in->category || !in->issue || !*in->issue) {
		error(_("a ticket needs the voter's name, a category and the issue"));
		return STORE_REFUSED;
	}
	clock_stamp(now);
	clock_today(today);
	r = store_begin(s);
	if (r != STORE_OK)
		return r;
	station = store_setting(s, "station_code");
	fmt = store_setting(s, "number_format");
	/* The day first: a 补录 for a day the ledger does not have takes no number. */
	r = ticket_day(s, station, today, in->day, &day_id, &backfill);
	if (r != STORE_OK)
		goto fail;
	/* A paper record carries its day's date; when it was entered is its event's time. */
	snprintf(created, sizeof(created), "%s", now);
	if (backfill)
		snprintf(created, sizeof(created), "%s 00:00:00", in->day);

	st = store_stmt(s, counter);
	if (!st) {
		r = STORE_IO;
		goto fail;
	}
	sqlite3_bind_text(st, 1, station, -1, SQLITE_STATIC);
	sqlite3_bind_int(st, 2, year);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		seq = sqlite3_column_int64(st, 0);
	store_done(st);
	if (rc != SQLITE_ROW) {
		r = store_fail(s, rc, "counter");
		goto fail;
	}
	number = ticket_format_number(fmt, station, year, seq);
	ticket_make_check_code(check);

	r = voter_for(s, in, now, &voter);
	if (r != STORE_OK)
		goto fail;
	r = day_position(s, day_id, voter, &position);
	if (r != STORE_OK)
		goto fail;

	if (!in->deputy || !*in->deputy)
		deputy = receiving_deputy(s, day_id, who);
	else if ((r = deputy_present(s, day_id, backfill ? in->day : today, in->deputy)) != STORE_OK)
		goto fail;

	st = store_stmt(s, ins);
	if (!st) {
		r = STORE_IO;
		goto fail;
	}
	sqlite3_bind_text(st, 1, station, -1, SQLITE_STATIC);
	sqlite3_bind_int(st, 2, year);
	sqlite3_bind_int64(st, 3, seq);
	sqlite3_bind_text(st, 4, number, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 5, check, -1, SQLITE_STATIC);
	if (day_id) {
		sqlite3_bind_int64(st, 6, day_id);
		sqlite3_bind_int(st, 7, position);
	}
	sqlite3_bind_int64(st, 8, voter);
	store_bind_text(st, 9, in->name);
	store_bind_text(st, 10, in->phone ? in->phone : "");
	store_bind_text(st, 11, in->address ? in->address : "");
	store_bind_text(st, 12, in->category);
	store_bind_text(st, 13, in->issue);
	store_bind_text(st, 14, deputy ? deputy : in->deputy);
	store_bind_text(st, 15, in->extra_json);
	sqlite3_bind_text(st, 16, created, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 17, now, -1, SQLITE_STATIC);
	r = store_exec_stmt(s, st, "ticket");
	if (r != STORE_OK)
		goto fail;
	id = sqlite3_last_insert_rowid(s->db);

	/* The register event keeps the ticket as it was taken: replay starts from it. */
	snapshot = store_ticket_snapshot(s, id);
	if (!snapshot) {
		r = STORE_IO;
		goto fail;
	}
	if (backfill) {
		/* 补录: who entered the paper record and when are this event's. */
		struct step info = { .action = TA_COUNT };

		note = xasprintf(_("paper record of the reception day of %s"), in->day);
		info.text = note;
		r = insert_event(s, id, number, "backfill", now, who, NULL, "registered", &info, snapshot);
	} else {
		r = insert_event(s, id, number, "register", now, who, NULL, "registered", NULL, snapshot);
	}
	if (r != STORE_OK)
		goto fail;
	if (in->spot_text && *in->spot_text) {
		/* Answered on the spot: on its reception day, for a paper record. */
		struct step sp = { .action = TA_ANSWER, .method = in->spot_method && *in->spot_method ?
				   in->spot_method : "当面", .text = in->spot_text,
				   .date = backfill ? in->day : NULL };

		r = apply_locked(s, id, number, TS_REGISTERED, &sp, who, now, today);
		if (r == STORE_OK && in->spot_rating && *in->spot_rating) {
			struct step rt = { .action = TA_RATE, .rating = in->spot_rating };

			if (!ticket_rating_valid(in->spot_rating)) {
				error(_("the rating is one of 满意, 基本满意, 不满意"));
				r = STORE_REFUSED;
			} else {
				r = apply_locked(s, id, number, TS_ANSWERED, &rt, who, now, today);
			}
		}
		if (r != STORE_OK)
			goto fail;
	}
	r = store_commit(s);
	if (r != STORE_OK)
		goto out;
	r = store_ticket_get_id(s, id, out);
	goto out;
fail:
	store_rollback(s);
out:
	free(station);
	free(fmt);
	free(number);
	free(deputy);
	free(snapshot);
	free(note);
	return r;
}

int store_ticket_step(struct store *s, const char *number, const struct step *in,
		      const struct actor *who, struct ticket *out)
{
	int64_t id = 0;
	int r;

	if (number[0] == '#')
		id = strtoll(number + 1, NULL, 10);
	else if ((r = id_by_number(s, number, &id)) != STORE_OK)
		return r;
	if (!id) {
		error(_("there is no ticket numbered '%s'"), number);
		return STORE_NOTFOUND;
	}
	return store_ticket_step_id(s, id, in, who, out);
}

int store_ticket_step_id(struct store *s, int64_t id, const struct step *in, const struct actor *who,
			 struct ticket *out)
{
	static const char sql[] = "SELECT status, number FROM tickets WHERE id = ?1";
	char now[CLOCK_STAMP_LEN], today[CLOCK_DATE_LEN];
	enum ticket_status from = TS_REGISTERED;
	const char *why;
	char *stored = NULL;
	sqlite3_stmt *st;
	int r;

	if (step_values_ok(in) < 0)
		return STORE_REFUSED;
	clock_stamp(now);
	clock_today(today);
	r = store_begin(s);
	if (r != STORE_OK)
		return r;
	st = store_stmt(s, sql);
	if (!st) {
		store_rollback(s);
		return STORE_IO;
	}
	sqlite3_bind_int64(st, 1, id);
	if (store_row(s, st, "ticket", &r)) {
		ticket_status_parse((const char *)sqlite3_column_text(st, 0), &from);
		stored = store_col_str(st, 1);
	}
	store_done(st);
	if (r != STORE_OK) {
		store_rollback(s);
		return r;
	}
	if (!stored) {
		store_rollback(s);
		error(_("there is no ticket #%lld"), (long long)id);
		return STORE_NOTFOUND;
	}
	if (ticket_step_check(from, in->action, &why) < 0) {
		store_rollback(s);
		error(_("%s: %s cannot be done (now: %s). %s"), stored, ticket_action_label(in->action),
		      ticket_status_label(from), why);
		free(stored);
		return STORE_REFUSED;
	}
	r = apply_locked(s, id, stored, from, in, who, now, today);
	free(stored);
	if (r != STORE_OK) {
		store_rollback(s);
		return r;
	}
	r = store_commit(s);
	if (r == STORE_OK && out)
		r = store_ticket_get_id(s, id, out);
	return r;
}

int store_ticket_registration(struct store *s, int64_t id, char **actor, char **at)
{
	static const char sql[] =
		"SELECT actor, at FROM events WHERE ticket_id = ?1"
		" AND kind IN ('register', 'backfill', 'import', 'baseline')"
		" ORDER BY id LIMIT 1";
	sqlite3_stmt *st = store_stmt(s, sql);
	int rc;

	*actor = *at = NULL;
	if (!st)
		return STORE_IO;
	sqlite3_bind_int64(st, 1, id);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		*actor = store_col_str(st, 0);
		*at = store_col_str(st, 1);
	}
	store_done(st);
	if (rc == SQLITE_ROW)
		return STORE_OK;
	return rc == SQLITE_DONE ? STORE_NOTFOUND : store_fail(s, rc, "registration");
}

int store_ticket_backfilled(struct store *s, int64_t id, char **actor, char **at)
{
	static const char sql[] =
		"SELECT actor, at FROM events WHERE ticket_id = ?1 AND kind = 'backfill' ORDER BY id LIMIT 1";
	sqlite3_stmt *st = store_stmt(s, sql);
	int rc;

	*actor = *at = NULL;
	if (!st)
		return STORE_IO;
	sqlite3_bind_int64(st, 1, id);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		*actor = store_col_str(st, 0);
		*at = store_col_str(st, 1);
	}
	store_done(st);
	if (rc == SQLITE_ROW)
		return STORE_OK;
	return rc == SQLITE_DONE ? STORE_NOTFOUND : store_fail(s, rc, "backfill");
}

/* A field of a correction: its key in the event's state, its label, the value before and after. */
struct fix_field {
	const char *key, *label;
	char *old;
	const char *now;	/* NULL: unchanged */
};

/* {"name":"…","extra":{…}} of the changed fields, old values or new ones. */
static void fix_state(struct strbuf *sb, const struct fix_field *f, size_t n, int new_side)
{
	int first = 1;

	strbuf_addch(sb, '{');
	for (size_t i = 0; i < n; i++) {
		if (!f[i].now)
			continue;
		if (!first)
			strbuf_addch(sb, ',');
		first = 0;
		strbuf_add_json(sb, f[i].key);
		strbuf_addch(sb, ':');
		if (!strcmp(f[i].key, "extra"))
			strbuf_add_json_raw(sb, new_side ? f[i].now : f[i].old);
		else
			strbuf_add_json(sb, new_side ? f[i].now : f[i].old);
	}
	strbuf_addch(sb, '}');
}

int store_ticket_correct(struct store *s, const char *number, const struct intake *fix,
			 const struct actor *who, struct ticket *out, char **what)
{
	static const char get[] =
		"SELECT t.number, t.status, t.name, t.phone, t.address, t.category, t.issue, t.deputy,"
		" json(t.extra), t.day_id, d.date, t.voter_id, json(json_patch(t.extra, ?2)), t.void_reason"
		" FROM tickets t LEFT JOIN reception_days d ON d.id = t.day_id WHERE t.id = ?1";
	static const char upd[] =
		"UPDATE tickets SET name = coalesce(?2, name), phone = coalesce(?3, phone),"
		" address = coalesce(?4, address), category = coalesce(?5, category),"
		" issue = coalesce(?6, issue), deputy = coalesce(?7, deputy), extra = coalesce(?8, extra),"
		" updated_at = ?9 WHERE id = ?1";
	static const char upd_voter[] =
		"UPDATE voters SET name = coalesce(?2, name), phone = coalesce(?3, phone),"
		" address = coalesce(?4, address) WHERE id = ?1";
	struct fix_field f[] = {
		{ "name", N_("name"), NULL, fix->name },
		{ "phone", N_("phone"), NULL, fix->phone },
		{ "address", N_("address"), NULL, fix->address },
		{ "category", N_("category"), NULL, fix->category },
		{ "issue", N_("issue"), NULL, fix->issue },
		{ "deputy", N_("receiving deputy"), NULL, fix->deputy && *fix->deputy ? fix->deputy : NULL },
		{ "extra", N_("station fields"), NULL, NULL },
	};
	const size_t nf = sizeof(f) / sizeof(f[0]);
	char now[CLOCK_STAMP_LEN];
	char *stored = NULL, *day_date = NULL, *patched = NULL, *void_reason = NULL;
	struct strbuf state = STRBUF_INIT, text = STRBUF_INIT;
	enum ticket_status status = TS_REGISTERED;
	int64_t id, day_id = 0, voter = 0;
	struct step info = { .action = TA_COUNT };
	sqlite3_stmt *st;
	int r, changed = 0;

	memset(out, 0, sizeof(*out));
	*what = NULL;
	clock_stamp(now);
	r = store_begin(s);
	if (r != STORE_OK)
		return r;
	if (number[0] == '#') {
		id = strtoll(number + 1, NULL, 10);
	} else if ((r = id_by_number(s, number, &id)) != STORE_OK) {
		store_rollback(s);
		return r;
	}
	st = id ? store_stmt(s, get) : NULL;
	if (st) {
		int rc;

		sqlite3_bind_int64(st, 1, id);
		sqlite3_bind_text(st, 2, fix->extra_json && *fix->extra_json ? fix->extra_json : "{}", -1,
				  SQLITE_STATIC);
		rc = sqlite3_step(st);
		if (rc != SQLITE_ROW && rc != SQLITE_DONE) {
			/* json_patch() refused the station fields given, or the disk failed. */
			store_done(st);
			r = store_fail(s, rc, "correct");
			goto fail;
		}
		if (rc == SQLITE_ROW) {
			stored = store_col_str(st, 0);
			ticket_status_parse((const char *)sqlite3_column_text(st, 1), &status);
			for (size_t i = 0; i < nf; i++)
				f[i].old = store_col_str(st, i < 6 ? 2 + (int)i : 8);
			day_id = sqlite3_column_int64(st, 9);
			day_date = store_col_text(st, 10);
			voter = sqlite3_column_int64(st, 11);
			patched = store_col_text(st, 12);
			void_reason = store_col_str(st, 13);
		}
		store_done(st);
	}
	if (!stored || !patched) {
		r = STORE_NOTFOUND;
		error(_("there is no ticket numbered '%s'"), number);
		goto fail;
	}
	if (status == TS_VOID) {
		error(_("%s is void (%s); a void item is not corrected"), stored, void_reason);
		r = STORE_REFUSED;
		goto fail;
	}
	f[nf - 1].now = strcmp(patched, f[nf - 1].old) ? patched : NULL;
	for (size_t i = 0; i < nf; i++) {
		if (f[i].now && !strcmp(f[i].now, f[i].old))
			f[i].now = NULL;	/* the same as it was: not a correction */
		if (!f[i].now)
			continue;
		if (i < 5 && !*f[i].now && (!strcmp(f[i].key, "name") || !strcmp(f[i].key, "category") ||
					    !strcmp(f[i].key, "issue"))) {
			error(_("a ticket needs the voter's name, a category and the issue"));
			r = STORE_REFUSED;
			goto fail;
		}
		if (text.len)
			strbuf_adds(&text, i18n_is_chinese() ? "、" : ", ");
		strbuf_adds(&text, _(f[i].label));
		changed++;
	}
	if (!changed) {
		error(_("%s: nothing to correct; the values given are the ones it has"), stored);
		r = STORE_REFUSED;
		goto fail;
	}
	if (f[5].now && day_date && (r = deputy_present(s, day_id, day_date, f[5].now)) != STORE_OK)
		goto fail;

	st = store_stmt(s, upd);
	if (!st) {
		r = STORE_IO;
		goto fail;
	}
	sqlite3_bind_int64(st, 1, id);
	for (size_t i = 0; i < nf; i++)
		store_bind_text(st, 2 + (int)i, f[i].now);
	sqlite3_bind_text(st, 9, now, -1, SQLITE_STATIC);
	if ((r = store_exec_stmt(s, st, "correct")) != STORE_OK)
		goto fail;
	/* The voter's record (a returning voter is found by it) follows. */
	if (f[0].now || f[1].now || f[2].now) {
		st = store_stmt(s, upd_voter);
		if (!st) {
			r = STORE_IO;
			goto fail;
		}
		sqlite3_bind_int64(st, 1, voter);
		for (int i = 0; i < 3; i++)
			store_bind_text(st, 2 + i, f[i].now);
		if ((r = store_exec_stmt(s, st, "voter")) != STORE_OK)
			goto fail;
	}
	strbuf_adds(&state, "{\"old\":");
	fix_state(&state, f, nf, 0);
	strbuf_adds(&state, ",\"new\":");
	fix_state(&state, f, nf, 1);
	strbuf_addch(&state, '}');
	info.text = text.buf;
	r = insert_event(s, id, stored, "correct", now, who, NULL, NULL, &info, state.buf);
	if (r != STORE_OK)
		goto fail;
	r = store_commit(s);
	if (r == STORE_OK)
		r = store_ticket_get_id(s, id, out);
	if (r == STORE_OK)
		*what = strbuf_detach(&text);
	goto out;
fail:
	store_rollback(s);
out:
	for (size_t i = 0; i < nf; i++)
		free(f[i].old);
	free(stored);
	free(day_date);
	free(patched);
	free(void_reason);
	strbuf_release(&state);
	strbuf_release(&text);
	return r;
}

int store_ticket_follow(struct store *s, const char *number, const char *deputy, const struct actor *who,
			struct ticket *out)
{
	static const char get[] = "SELECT number, status, follow_deputy, void_reason FROM tickets WHERE id = ?1";
	static const char upd[] = "UPDATE tickets SET follow_deputy = ?2 WHERE id = ?1";
	char now[CLOCK_STAMP_LEN];
	char *stored = NULL, *before = NULL, *void_reason = NULL;
	enum ticket_status status = TS_REGISTERED;
	struct strbuf state = STRBUF_INIT;
	enum role role;
	sqlite3_stmt *st;
	int64_t id = 0;
	int r;

	memset(out, 0, sizeof(*out));
	clock_stamp(now);
	r = store_begin(s);
	if (r != STORE_OK)
		return r;
	if (number[0] == '#')
		id = strtoll(number + 1, NULL, 10);
	else if ((r = id_by_number(s, number, &id)) != STORE_OK)
		goto fail;
	st = id ? store_stmt(s, get) : NULL;
	if (id && !st) {
		r = STORE_IO;
		goto fail;
	}
	if (st) {
		sqlite3_bind_int64(st, 1, id);
		if (store_row(s, st, "ticket", &r)) {
			stored = store_col_str(st, 0);
			ticket_status_parse((const char *)sqlite3_column_text(st, 1), &status);
			before = store_col_str(st, 2);
			void_reason = store_col_str(st, 3);
		}
		store_done(st);
		if (r != STORE_OK)
			goto fail;
	}
	if (!stored) {
		error(_("there is no ticket numbered '%s'"), number);
		r = STORE_NOTFOUND;
		goto fail;
	}
	r = STORE_REFUSED;
	if (!strcmp(before, deputy)) {
		if (*deputy)
			error(_("%s is followed up by %s already"), stored, deputy);
		else
			error(_("%s has no follow-up deputy: there is nothing to clear"), stored);
		goto fail;
	}
	if (*deputy) {
		/* Taking it back is always allowed; giving it is for an item still in hand. */
		if (status == TS_VOID) {
			error(_("%s is void (%s): nobody follows up a void item"), stored, void_reason);
			goto fail;
		}
		if (status == TS_CLOSED) {
			error(_("%s is signed off (销号): reopen it first if it must be followed up again"), stored);
			goto fail;
		}
		r = store_person_role(s, deputy, &role);
		if (r == STORE_NOTFOUND) {
			error(_("'%s' is not one of this station's deputies; give the name of a deputy (jiedai user list shows them)"),
			      deputy);
			r = STORE_REFUSED;
			goto fail;
		}
		if (r != STORE_OK)
			goto fail;
		if (role != ROLE_DEPUTY) {
			error(_("%s is %s and sees every voter already: a follow-up deputy is one of the deputies"),
			      deputy, role_label(role));
			r = STORE_REFUSED;
			goto fail;
		}
	}
	st = store_stmt(s, upd);
	if (!st) {
		r = STORE_IO;
		goto fail;
	}
	sqlite3_bind_int64(st, 1, id);
	sqlite3_bind_text(st, 2, deputy, -1, SQLITE_STATIC);
	if ((r = store_exec_stmt(s, st, "follow")) != STORE_OK)
		goto fail;
	strbuf_adds(&state, "{\"follow_deputy\":");
	strbuf_add_json(&state, deputy);
	strbuf_adds(&state, ",\"before\":");
	strbuf_add_json(&state, before);
	strbuf_addch(&state, '}');
	r = insert_event(s, id, stored, "follow", now, who, NULL, NULL, NULL, state.buf);
	if (r != STORE_OK)
		goto fail;
	r = store_commit(s);
	if (r == STORE_OK)
		r = store_ticket_get_id(s, id, out);
	goto out;
fail:
	store_rollback(s);
out:
	free(stored);
	free(before);
	free(void_reason);
	strbuf_release(&state);
	return r;
}

int store_ticket_note_event(struct store *s, int64_t ticket_id, const char *kind, const char *text,
			    const struct actor *who)
{
	static const char sql[] = "SELECT number FROM tickets WHERE id = ?1";
	char now[CLOCK_STAMP_LEN];
	struct step info = { .text = text };
	char *number = NULL;
	sqlite3_stmt *st;
	int r;

	clock_stamp(now);
	r = store_begin(s);
	if (r != STORE_OK)
		return r;
	st = store_stmt(s, sql);
	if (st) {
		sqlite3_bind_int64(st, 1, ticket_id);
		if (store_row(s, st, "ticket", &r))
			number = store_col_str(st, 0);
		store_done(st);
	}
	if (!st || r != STORE_OK) {
		free(number);
		store_rollback(s);
		return st ? r : STORE_IO;
	}
	if (!number) {
		store_rollback(s);
		error(_("there is no ticket #%lld"), (long long)ticket_id);
		return STORE_NOTFOUND;
	}
	r = insert_event(s, ticket_id, number, kind, now, who, NULL, NULL, &info, NULL);
	free(number);
	if (r != STORE_OK) {
		store_rollback(s);
		return r;
	}
	return store_commit(s);
}

int store_ticket_count_events(struct store *s, int64_t ticket_id, const char *kind)
{
	static const char sql[] = "SELECT count(*) FROM events WHERE ticket_id = ?1 AND kind = ?2";
	sqlite3_stmt *st = store_stmt(s, sql);
	int n = 0, r = STORE_OK;

	if (!st)
		return -1;
	sqlite3_bind_int64(st, 1, ticket_id);
	sqlite3_bind_text(st, 2, kind, -1, SQLITE_STATIC);
	if (store_row(s, st, "events", &r))
		n = sqlite3_column_int(st, 0);
	store_done(st);
	return r == STORE_OK ? n : -1;
}

int store_ticket_events(struct store *s, int64_t ticket_id, struct ticket_event **events, size_t *n)
{
	static const char sql[] =
		"SELECT id, at, kind, actor, login, client, status_from, status_to, unit, due_date,"
		" method, rating, text, data,"
		" CASE WHEN kind = 'follow' THEN coalesce(json_extract(state, '$.follow_deputy'), '') END,"
		" CASE WHEN kind = 'follow' THEN coalesce(json_extract(state, '$.before'), '') END"
		" FROM events WHERE ticket_id = ?1 ORDER BY id";
	sqlite3_stmt *st = store_stmt(s, sql);
	struct ticket_event *ev = NULL;
	size_t count = 0;
	int r = STORE_OK;

	*events = NULL;
	*n = 0;
	if (!st)
		return STORE_IO;
	sqlite3_bind_int64(st, 1, ticket_id);
	while (store_row(s, st, "events", &r)) {
		struct ticket_event *e;

		ev = xreallocarray(ev, count + 1, sizeof(*ev));
		e = &ev[count++];
		e->id = sqlite3_column_int64(st, 0);
		e->at = store_col_str(st, 1);
		e->kind = store_col_str(st, 2);
		e->actor = store_col_str(st, 3);
		e->login = store_col_str(st, 4);
		e->client = store_col_str(st, 5);
		e->status_from = store_col_text(st, 6);
		e->status_to = store_col_text(st, 7);
		e->unit = store_col_text(st, 8);
		e->due_date = store_col_text(st, 9);
		e->method = store_col_text(st, 10);
		e->rating = store_col_text(st, 11);
		e->text = store_col_text(st, 12);
		e->data = store_col_str(st, 13);
		e->follow_deputy = store_col_text(st, 14);
		e->follow_before = store_col_text(st, 15);
	}
	store_done(st);
	if (r != STORE_OK) {
		/* Part of a history is not the history. */
		store_events_free(ev, count);
		return r;
	}
	*events = ev;
	*n = count;
	return STORE_OK;
}

void store_events_free(struct ticket_event *events, size_t n)
{
	for (size_t i = 0; i < n; i++)
		ticket_event_release(&events[i]);
	free(events);
}

void voter_release(struct voter *v)
{
	if (!v)
		return;
	free(v->name);
	free(v->phone);
	free(v->address);
	memset(v, 0, sizeof(*v));
}

int store_voter_by_phone(struct store *s, const char *phone, struct voter *v)
{
	static const char sql[] =
		"SELECT v.id, v.name, v.phone, v.address,"
		" (SELECT count(*) FROM tickets t WHERE t.voter_id = v.id),"
		" jd_viewer() IS NULL OR EXISTS (SELECT 1 FROM tickets t WHERE t.voter_id = v.id AND "
		STORE_TICKET_SEEN ")"
		" FROM voters v WHERE v.phone = ?1 AND v.phone <> '' ORDER BY v.id DESC LIMIT 1";
	sqlite3_stmt *st = store_stmt(s, sql);
	int r = STORE_OK;

	memset(v, 0, sizeof(*v));
	if (!st)
		return STORE_IO;
	sqlite3_bind_text(st, 1, phone, -1, SQLITE_STATIC);
	if (!store_row(s, st, "voter", &r)) {
		store_done(st);
		return r != STORE_OK ? r : STORE_NOTFOUND;
	}
	v->id = sqlite3_column_int64(st, 0);
	v->name = store_col_str(st, 1);
	v->phone = store_col_str(st, 2);
	v->address = store_col_str(st, 3);
	v->tickets = sqlite3_column_int(st, 4);
	if (!sqlite3_column_int(st, 5)) {
		/* Typed in full by someone who may not see this voter: the link, not the name. */
		char *n = u8_mask_name(v->name), *a = u8_mask_address(v->address);

		free(v->name);
		free(v->address);
		v->name = n;
		v->address = a;
		v->masked = 1;
	}
	store_done(st);
	return STORE_OK;
}

int store_numbers_given(struct store *s, const char *station, int year, int64_t *n)
{
	static const char sql[] = "SELECT seq FROM counters WHERE station = ?1 AND year = ?2";
	sqlite3_stmt *st = store_stmt(s, sql);
	int rc;

	*n = 0;
	if (!st)
		return STORE_IO;
	sqlite3_bind_text(st, 1, station, -1, SQLITE_STATIC);
	sqlite3_bind_int(st, 2, year);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		*n = sqlite3_column_int64(st, 0);
	store_done(st);
	return rc == SQLITE_ROW || rc == SQLITE_DONE ? STORE_OK : store_fail(s, rc, "counter");
}
