/* replay.c — see replay.h. */
#include "replay.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "xmalloc.h"

int replay_is_snapshot(const char *kind)
{
	return !strcmp(kind, "register") || !strcmp(kind, "backfill") || !strcmp(kind, "import") ||
	       !strcmp(kind, "baseline");
}

/* Replace *slot with a copy of v (NULL stays NULL). */
static void set(char **slot, const char *v)
{
	char *copy = v ? xstrdup(v) : NULL;

	free(*slot);
	*slot = copy;
}

/* Replace *slot with v, or with "" for NULL: the columns that are NOT NULL. */
static void set_str(char **slot, const char *v)
{
	set(slot, v ? v : "");
}

static void take_snapshot(struct ticket *t, const struct ticket *s)
{
	set_str(&t->number, s->number);
	set_str(&t->check_code, s->check_code);
	set_str(&t->station, s->station);
	t->year = s->year;
	t->seq = s->seq;
	set(&t->day_date, s->day_date);
	t->position = s->position;
	set_str(&t->name, s->name);
	set_str(&t->phone, s->phone);
	set_str(&t->address, s->address);
	set_str(&t->category, s->category);
	set_str(&t->issue, s->issue);
	set_str(&t->deputy, s->deputy);
	t->status = s->status;
	set_str(&t->unit, s->unit);
	set(&t->due_date, s->due_date);
	set_str(&t->answer_method, s->answer_method);
	set(&t->answer_date, s->answer_date);
	set_str(&t->answer_text, s->answer_text);
	set_str(&t->rating, s->rating);
	set(&t->closed_at, s->closed_at);
	set_str(&t->closed_by, s->closed_by);
	set_str(&t->close_note, s->close_note);
	set_str(&t->void_reason, s->void_reason);
	set_str(&t->extra, s->extra);
	set_str(&t->created_at, s->created_at);
	set_str(&t->updated_at, s->updated_at);
	/* Snapshots made before schema 6 have none: no follow-up deputy then. */
	set_str(&t->follow_deputy, s->follow_deputy);
}

/* A correction: the fields given (non-NULL) replace the ticket's. */
static void take_correction(struct ticket *t, const struct ticket *c)
{
	char *const *from[] = { &c->name, &c->phone, &c->address, &c->category, &c->issue, &c->deputy,
				&c->extra };
	char **const to[] = { &t->name, &t->phone, &t->address, &t->category, &t->issue, &t->deputy,
			      &t->extra };

	for (size_t i = 0; i < sizeof(from) / sizeof(from[0]); i++)
		if (*from[i])
			set_str(to[i], *from[i]);
}

int replay_apply(struct ticket *t, const struct ticket_event *e, const struct ticket *snap,
		 const char *answer_date, const char **why)
{
	enum ticket_status from, to;
	const char *k = e->kind;

	if (replay_is_snapshot(k)) {
		if (!snap) {
			*why = _("the event carries no record of the ticket");
			return -1;
		}
		if ((!strcmp(k, "register") || !strcmp(k, "backfill")) && t->number) {
			*why = _("the ticket is registered a second time");
			return -1;
		}
		take_snapshot(t, snap);
		return 0;
	}
	if (!t->number) {
		*why = _("the history does not begin with the ticket's registration");
		return -1;
	}
	if (!strcmp(k, "correct")) {
		if (snap)
			take_correction(t, snap);
		set_str(&t->updated_at, e->at);
		return 0;
	}
	if (!strcmp(k, "follow")) {
		/* Only who follows it up; not the life cycle, nor updated_at. */
		if (!snap || !snap->follow_deputy) {
			*why = _("the event does not say who follows the item up");
			return -1;
		}
		if (e->status_to) {
			*why = _("the event is of a kind that cannot change a ticket's status");
			return -1;
		}
		set_str(&t->follow_deputy, snap->follow_deputy);
		return 0;
	}
	if (!e->status_to) {
		/* print, reprint, chase …: no change to the ticket */
		return 0;
	}
	if (!e->status_from || ticket_status_parse(e->status_from, &from) < 0 || from != t->status) {
		*why = _("the step starts from a status the ticket did not have");
		return -1;
	}
	if (ticket_status_parse(e->status_to, &to) < 0) {
		*why = _("the step leads to an unknown status");
		return -1;
	}
	if (!strcmp(k, "handover")) {
		set_str(&t->unit, e->unit);
		set(&t->due_date, e->due_date);
	} else if (!strcmp(k, "answer")) {
		set_str(&t->answer_method, e->method);
		set_str(&t->answer_text, e->text);
		set(&t->answer_date, answer_date);
	} else if (!strcmp(k, "rate")) {
		set_str(&t->rating, e->rating);
		if (e->due_date)
			set(&t->due_date, e->due_date);
	} else if (!strcmp(k, "signoff")) {
		set(&t->closed_at, e->at);
		set_str(&t->closed_by, e->actor);
		set_str(&t->close_note, e->text);
	} else if (!strcmp(k, "reopen")) {
		set(&t->due_date, e->due_date);
		set(&t->closed_at, NULL);
		set_str(&t->closed_by, "");
	} else if (!strcmp(k, "void")) {
		set_str(&t->void_reason, e->text);
	} else {
		*why = _("the event is of a kind that cannot change a ticket's status");
		return -1;
	}
	t->status = to;
	set_str(&t->updated_at, e->at);
	return 0;
}

static int same(const char *a, const char *b)
{
	return !strcmp(a ? a : "", b ? b : "");
}

const char *replay_compare(const struct ticket *row, const struct ticket *r,
			   const char **row_val, const char **replay_val)
{
	static char nums[2][32];
	const struct {
		const char *label;
		const char *a, *b;
	} f[] = {
		{ N_("number"), row->number, r->number },
		{ N_("check code"), row->check_code, r->check_code },
		{ N_("station"), row->station, r->station },
		{ N_("reception day"), row->day_date, r->day_date },
		{ N_("name"), row->name, r->name },
		{ N_("phone"), row->phone, r->phone },
		{ N_("address"), row->address, r->address },
		{ N_("category"), row->category, r->category },
		{ N_("issue"), row->issue, r->issue },
		{ N_("deputy"), row->deputy, r->deputy },
		{ N_("status"), ticket_status_name(row->status), ticket_status_name(r->status) },
		{ N_("unit"), row->unit, r->unit },
		{ N_("deadline"), row->due_date, r->due_date },
		{ N_("answer method"), row->answer_method, r->answer_method },
		{ N_("answer date"), row->answer_date, r->answer_date },
		{ N_("answer"), row->answer_text, r->answer_text },
		{ N_("rating"), row->rating, r->rating },
		{ N_("signed off at"), row->closed_at, r->closed_at },
		{ N_("signed off by"), row->closed_by, r->closed_by },
		{ N_("sign-off note"), row->close_note, r->close_note },
		{ N_("reason for voiding"), row->void_reason, r->void_reason },
		{ N_("station fields"), row->extra, r->extra },
		{ N_("registered at"), row->created_at, r->created_at },
		{ N_("last changed"), row->updated_at, r->updated_at },
		{ N_("follow-up deputy"), row->follow_deputy, r->follow_deputy },
	};

	for (size_t i = 0; i < sizeof(f) / sizeof(f[0]); i++)
		if (!same(f[i].a, f[i].b)) {
			*row_val = f[i].a ? f[i].a : "";
			*replay_val = f[i].b ? f[i].b : "";
			return _(f[i].label);
		}
	if (row->year != r->year || row->seq != r->seq || row->position != r->position) {
		int pos = row->position != r->position;

		snprintf(nums[0], sizeof(nums[0]), "%lld", pos ? (long long)row->position :
			 (long long)row->year * 100000000LL + row->seq);
		snprintf(nums[1], sizeof(nums[1]), "%lld", pos ? (long long)r->position :
			 (long long)r->year * 100000000LL + r->seq);
		*row_val = nums[0];
		*replay_val = nums[1];
		return pos ? _("position (第N位)") : _("year and sequence");
	}
	return NULL;
}
