/* ledger.c — see ledger.h: the gate, its rights table and the form-to-step mapping. */
#include "ledger.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "clock.h"
#include "error.h"
#include "export.h"
#include "formspec.h"
#include "gen.h"
#include "i18n.h"
#include "store-write.h"
#include "strbuf.h"
#include "u8.h"
#include "validate.h"
#include "xmalloc.h"

#define R_DEPUTY (1u << ROLE_DEPUTY)
#define R_STAFF (1u << ROLE_STAFF)
#define R_HEAD (1u << ROLE_HEAD)
#define R_ANYONE (R_DEPUTY | R_STAFF | R_HEAD)
#define R_ADMIN 0u		/* nobody but the administrator (who may do everything) */

static const struct right {
	const char *name;
	const char *label;	/* N_() */
	unsigned roles;
	const char *widened_by;	/* a setting (administrator's) that lists more roles */
} rights[STEP_COUNT] = {
	[STEP_ADD] = { "register", NC_("action", "Register"), R_ANYONE, NULL },
	[STEP_HANDOVER] = { "handover", NC_("action", "Hand over"), R_STAFF | R_HEAD, NULL },
	[STEP_ANSWER] = { "answer", NC_("action", "Answer"), R_ANYONE, NULL },
	[STEP_RATE] = { "rate", NC_("action", "Rate"), R_ANYONE, NULL },
	[STEP_SIGNOFF] = { "signoff", NC_("action", "Sign off"), R_HEAD, "signoff_roles" },
	[STEP_REOPEN] = { "reopen", NC_("action", "Reopen"), R_STAFF | R_HEAD, NULL },
	[STEP_VOID] = { "void", NC_("action", "Void"), R_HEAD, "void_roles" },
	/* A deputy only their own tickets of the same day: check_correct(). */
	[STEP_CORRECT] = { "correct", NC_("action", "Correct"), R_ANYONE, NULL },
	[STEP_PRINT] = { "print", NC_("action", "Print a receipt"), R_ANYONE, NULL },
	[STEP_DAY_OPEN] = { "day-open", NC_("action", "Open a reception day"), R_ANYONE, NULL },
	[STEP_DAY_CLOSE] = { "day-close", NC_("action", "Close a reception day"), R_ANYONE, NULL },
	[STEP_SETTING] = { "setting", NC_("action", "Change a setting"), R_STAFF | R_HEAD, NULL },
	[STEP_USER] = { "user", NC_("action", "Set up a login"), R_ADMIN, NULL },
	[STEP_SHARED_LOGIN] = { "shared-login", NC_("action", "Set up a shared login"), R_ADMIN, NULL },
	[STEP_DRAFT] = { "draft", NC_("action", "Keep an unsaved form"), R_ANYONE, NULL },
	[STEP_IMPORT] = { "import", NC_("action", "Import another station's ledger"), R_STAFF | R_HEAD, NULL },
	[STEP_GEN] = { "gen", NC_("action", "Add made-up tickets"), R_ADMIN, NULL },
	[STEP_BACKUP] = { "backup", NC_("action", "Back up the ledger"), R_STAFF | R_HEAD, NULL },
	[STEP_EXPORT] = { "export", NC_("action", "Export voters' personal data"), R_STAFF | R_HEAD, NULL },
	[STEP_REGISTER_INTERNAL] = { "register-internal", NC_("action", "Print the internal register"),
				     R_STAFF | R_HEAD, NULL },
	[STEP_PUSH] = { "push", NC_("action", "Push the ledger to the county hub"), R_STAFF | R_HEAD, NULL },
	[STEP_ARCHIVE] = { "archive", NC_("action", "Archive the year's records (资料归档)"), R_STAFF | R_HEAD, NULL },
	[STEP_UNIT_ADD] = { "unit-add", NC_("action", "Add a unit to the directory"), R_STAFF | R_HEAD, NULL },
	[STEP_UNIT_RENAME] = { "unit-rename", NC_("action", "Rename a unit"), R_STAFF | R_HEAD, NULL },
	[STEP_UNIT_MERGE] = { "unit-merge", NC_("action", "Merge two units"), R_STAFF | R_HEAD, NULL },
	[STEP_CHASE] = { "chase", NC_("action", "Make a chase slip (督办单)"), R_STAFF | R_HEAD, NULL },
	/* Who follows an item up sees its voter in full: given by those who see every voter. */
	[STEP_FOLLOW] = { "follow", NC_("action", "Set the follow-up deputy"), R_STAFF | R_HEAD, NULL },
	[STEP_RECOVER] = { "recover", NC_("action", "Recover a damaged ledger"), R_ADMIN, NULL },
};

/* Settings only the administrator changes: they decide who may do what. */
static const char *const admin_settings[] = {
	"signoff_roles", "void_roles", "shared_logins", "forms_dir", "practice",
	/* Where the ledger goes and with what personal data: the county's rules. */
	"hub_url", "hub_personal", NULL,
};

const char *step_name(enum step_kind k)
{
	return k < STEP_COUNT ? rights[k].name : "?";
}

const char *step_label(enum step_kind k)
{
	return k < STEP_COUNT ? i18n_cgettext(rights[k].label) : "?";
}

enum step_kind step_of_action(enum ticket_action a)
{
	static const enum step_kind map[TA_COUNT] = {
		[TA_HANDOVER] = STEP_HANDOVER, [TA_ANSWER] = STEP_ANSWER, [TA_RATE] = STEP_RATE,
		[TA_SIGNOFF] = STEP_SIGNOFF, [TA_REOPEN] = STEP_REOPEN, [TA_VOID] = STEP_VOID,
	};

	return map[a];
}

int step_action(enum step_kind k)
{
	for (int a = 0; a < TA_COUNT; a++)
		if (step_of_action((enum ticket_action)a) == k)
			return a;
	return -1;
}

void ledger_result_release(struct ledger_result *r)
{
	if (!r)
		return;
	ticket_release(&r->ticket);
	reception_day_release(&r->day);
	free(r->closed_other);
	free(r->corrected);
	memset(r, 0, sizeof(*r));
}

/* ---- rights ---- */

/* The roles in a comma-separated list ("head,staff"). */
static unsigned roles_in(const char *list)
{
	unsigned bits = 0;
	char *copy = xstrdup(list), *save = NULL;

	for (char *tok = strtok_r(copy, ", ", &save); tok; tok = strtok_r(NULL, ", ", &save)) {
		enum role r;

		if (role_parse(tok, &r) == 0)
			bits |= 1u << r;
	}
	free(copy);
	return bits;
}

static unsigned roles_for(struct store *s, enum step_kind k)
{
	unsigned bits = rights[k].roles;

	if (rights[k].widened_by) {
		char *list = store_setting(s, rights[k].widened_by);

		bits |= roles_in(list);
		free(list);
	}
	return bits;
}

/* "站长" or "工作人员、站长" — the roles that may, for a refusal. */
static void say_who_may(unsigned bits, struct strbuf *sb)
{
	for (int r = ROLE_DEPUTY; r <= ROLE_HEAD; r++)
		if (bits & (1u << r)) {
			if (sb->len)
				strbuf_adds(sb, i18n_is_chinese() ? "、" : ", ");
			strbuf_adds(sb, role_label((enum role)r));
		}
	if (!sb->len)
		strbuf_adds(sb, _("the administrator"));
}

static int refuse_role(const struct identity *who, enum step_kind k, unsigned bits)
{
	struct strbuf sb = STRBUF_INIT;

	say_who_may(bits, &sb);
	error(_("%s (%s) may not %s; this is for: %s"), who->name, role_label(who->role), step_label(k),
	      sb.buf);
	strbuf_release(&sb);
	return -1;
}

static int check_right(struct store *s, const struct identity *who, enum step_kind k, int quiet)
{
	unsigned bits;

	if (who->anonymous) {
		if (!quiet)
			identity_require_person(who);
		return -1;
	}
	if (who->admin)
		return 0;
	if (!who->known) {
		if (!quiet)
			error(_("the login '%s' is not set up for this ledger; ask the administrator to run: sudo jiedai user add %s --deputy NAME"),
			      who->login, who->login);
		return -1;
	}
	bits = roles_for(s, k);
	if (bits & (1u << who->role))
		return 0;
	return quiet ? -1 : refuse_role(who, k, bits);
}

int ledger_may(struct store *s, const struct identity *who, enum step_kind kind)
{
	return check_right(s, who, kind, 0);
}

int ledger_allowed(struct store *s, const struct identity *who, enum step_kind kind)
{
	return check_right(s, who, kind, 1) == 0;
}

/* ---- values the gate checks whatever the caller did ---- */

/* Text that may reach the ledger: valid UTF-8 with no control characters (but newlines where allowed). */
static int text_ok(const char *label, const char *v, int newlines)
{
	if (!v)
		return 0;
	if (!u8_valid(v, strlen(v)) || u8_has_control(v, newlines))
		return error(_("%s: the text has control characters or is not valid UTF-8"), label);
	return 0;
}

static int setting_needs_admin(const char *key)
{
	for (const char *const *k = admin_settings; *k; k++)
		if (!strcmp(*k, key))
			return 1;
	return 0;
}

/*
 * The station code and the number format make the ledger numbers: once a
 * number of this year has been given they stay as they are until the year
 * ends, so a year's numbers all look alike (and none is given twice).
 */
static int numbering_fixed(struct store *s, const char *key)
{
	char *station;
	int64_t given = 0;
	int r;

	if (strcmp(key, "station_code") && strcmp(key, "number_format"))
		return 0;
	station = store_setting(s, "station_code");
	r = store_numbers_given(s, station, clock_year(), &given);
	free(station);
	if (r != STORE_OK)
		return -1;
	if (given > 0)
		return error(_("%s cannot change now: %lld ledger number(s) of %d were already given with it. It can change at the start of next year"),
			     key, (long long)given, clock_year());
	return 0;
}

static int check_setting(struct store *s, const struct identity *who, const struct ledger_step *st)
{
	if (!st->key || !st->value)
		return error(_("say which setting and its value"));
	if (setting_needs_admin(st->key) && !who->admin)
		return error(_("%s decides who may do what; only the administrator may change it (sudo jiedai config %s ...)"),
			     st->key, st->key);
	return numbering_fixed(s, st->key);
}

/*
 * An answer's date: not before the ticket was registered, not after today.
 * STORE_OK, STORE_REFUSED with a message, or what reading the ticket
 * returned (a ledger that cannot be read is not a wrong date).
 */
static int check_answer_date(struct store *s, const struct ledger_step *st)
{
	char today[CLOCK_DATE_LEN], day[CLOCK_DATE_LEN];
	struct ticket t;
	int r;

	if (!st->life.date || !*st->life.date)
		return STORE_OK;
	if (clock_parse_date(st->life.date, day) < 0)
		return error(_("'%s' is not a date; use 2026-03-10"), st->life.date), STORE_REFUSED;
	clock_today(today);
	if (strcmp(day, today) > 0)
		return error(_("the answer date %s is after today (%s)"), day, today), STORE_REFUSED;
	r = st->ticket_id ? store_ticket_get_id(s, st->ticket_id, &t) : store_ticket_get(s, st->number, &t);
	if (r != STORE_OK)
		return r;
	if (strncmp(day, t.created_at, 10) < 0) {
		error(_("the answer date %s is before the ticket was registered (%.10s)"), day, t.created_at);
		r = STORE_REFUSED;
	}
	ticket_release(&t);
	return r;
}

/*
 * The state rule of a correction (ledger.h, (5)): staff and the head may
 * correct any ticket that is not void; a deputy only one they registered
 * themselves, and only on the day they registered it.  STORE_OK, STORE_REFUSED
 * with a message, or what reading the ticket or its registration returned.
 */
static int check_correct(struct store *s, const struct identity *who, const char *number)
{
	char today[CLOCK_DATE_LEN];
	char *actor = NULL, *at = NULL;
	struct ticket t;
	int r;

	if (!number)
		return error(_("say which ticket")), STORE_REFUSED;
	if ((r = store_ticket_get(s, number, &t)) != STORE_OK)
		return r;
	if (t.status == TS_VOID) {
		error(_("%s is void (%s); a void item is not corrected"), t.number, t.void_reason);
		ticket_release(&t);
		return STORE_REFUSED;
	}
	if (who->admin || who->role != ROLE_DEPUTY) {
		ticket_release(&t);
		return STORE_OK;
	}
	r = store_ticket_registration(s, t.id, &actor, &at);
	clock_today(today);
	if (r == STORE_NOTFOUND) {
		error(_("%s has no record of who registered it; ask staff (工作人员) or the station head (站长) to correct it"),
		      t.number);
		r = STORE_REFUSED;
	}
	if (r == STORE_OK && (strcmp(actor, who->name) || strncmp(at, today, 10))) {
		error(_("%s was registered by %s on %.10s: a deputy corrects only the tickets they registered, on the same day. Ask staff (工作人员) or the station head (站长) to correct it"),
		      t.number, actor, at);
		r = STORE_REFUSED;
	}
	free(actor);
	free(at);
	ticket_release(&t);
	return r;
}

int ledger_may_correct(struct store *s, const struct identity *who, const char *number)
{
	if (check_right(s, who, STEP_CORRECT, 0) < 0)
		return -1;
	return check_correct(s, who, number) == STORE_OK ? 0 : -1;
}

/* The values of a correction: those given must be text the ledger takes, and not empty when required. */
static int check_correction_values(const struct intake *in)
{
	if ((in->name && !*in->name) || (in->category && !*in->category) || (in->issue && !*in->issue))
		return error(_("a ticket needs the voter's name, a category and the issue"));
	if (text_ok(_("name"), in->name, 0) < 0 || text_ok(_("phone"), in->phone, 0) < 0 ||
	    text_ok(_("address"), in->address, 0) < 0 || text_ok(_("category"), in->category, 0) < 0 ||
	    text_ok(_("issue"), in->issue, 1) < 0 || text_ok(_("deputy"), in->deputy, 0) < 0)
		return -1;
	return 0;
}

/* 补录: the day of a paper record is a date as stored (YYYY-MM-DD), not after today. */
static int check_backfill_day(const char *day)
{
	char d[CLOCK_DATE_LEN], today[CLOCK_DATE_LEN];

	if (!day)
		return 0;
	if (clock_parse_date(day, d) < 0 || strcmp(d, day))
		return error(_("'%s' is not a date; use 2026-03-10"), day);
	clock_today(today);
	if (strcmp(day, today) > 0)
		return error(_("the reception day %s is after today (%s): its records cannot be entered yet"), day,
			     today);
	return 0;
}

/*
 * The date of a day step, whatever the caller checked: a date as stored
 * (YYYY-MM-DD); a day is opened on its date or entered afterwards (补录),
 * never ahead of it (an open day of a later date would close today's).
 */
static int check_day_date(const char *day, int opening)
{
	char d[CLOCK_DATE_LEN], today[CLOCK_DATE_LEN];

	if (!day)
		return 0;
	if (clock_parse_date(day, d) < 0 || strcmp(d, day))
		return error(_("'%s' is not a date; use 2026-03-10"), day);
	clock_today(today);
	if (opening && strcmp(day, today) > 0)
		return error(_("the reception day %s is after today (%s): open it on that day"), day, today);
	return 0;
}

static int check_intake(const struct intake *in)
{
	if (!in->name || !*in->name || !in->category || !*in->category || !in->issue || !*in->issue)
		return error(_("a ticket needs the voter's name, a category and the issue"));
	if (text_ok(_("name"), in->name, 0) < 0 || text_ok(_("phone"), in->phone, 0) < 0 ||
	    text_ok(_("address"), in->address, 0) < 0 || text_ok(_("category"), in->category, 0) < 0 ||
	    text_ok(_("issue"), in->issue, 1) < 0 || text_ok(_("deputy"), in->deputy, 0) < 0 ||
	    text_ok(_("answer on the spot"), in->spot_text, 1) < 0)
		return -1;
	if (in->spot_rating && *in->spot_rating && !(in->spot_text && *in->spot_text))
		return error(_("a rating on the spot needs the answer given on the spot"));
	return 0;
}

static int check_life(const struct step *l)
{
	if (text_ok(_("unit"), l->unit, 0) < 0 || text_ok(_("method"), l->method, 0) < 0 ||
	    text_ok(_("text"), l->text, 1) < 0 || text_ok(_("rating"), l->rating, 0) < 0)
		return -1;
	return 0;
}

/* A unit's name: one line of text under the rule, not blank. */
static int check_unit_name(const char *name)
{
	if (!name || !*name)
		return error(_("give the unit's name"));
	return text_ok(_("unit"), name, 0);
}

/*
 * What a take, a print or a chase slip says about where it went: a file
 * name or a printer a person typed, kept in the history as text the rule
 * takes (refusing it would leave unrecorded what already went out).
 */
static char *clean_what(const char *what)
{
	return what ? u8_sanitize(what, 0) : NULL;
}

/* gen adds made-up tickets only where no real ones are: an empty ledger, or one gen made. */
static int check_practice(struct store *s)
{
	struct ticket_filter f = TICKET_FILTER_INIT;
	char *practice = store_setting(s, "practice");
	int64_t n = 0;
	int yes = !strcmp(practice, "yes"), r;

	free(practice);
	if (yes)
		return 0;
	f.limit = 1;
	r = store_ticket_count(s, &f, &n);
	if (r != STORE_OK)
		return -1;
	if (n > 0)
		return error(_("this ledger holds real tickets: made-up ones would mix with them for good. Use gen on a new practice ledger (jiedai --db practice.db gen N)"));
	return 0;
}

/* ---- the gate ---- */

static int refused(void)
{
	return STORE_REFUSED;
}

static int apply(struct store *s, const struct identity *who, const struct ledger_step *st,
		 struct ledger_result *out)
{
	struct actor a = identity_actor(who);
	char *what = NULL;
	int act = step_action(st->kind), r;

	if (st->kind >= STEP_COUNT || st->kind == STEP_IMPORT || st->kind == STEP_GEN || st->kind == STEP_RECOVER)
		BUG("step %d does not go through ledger_apply", (int)st->kind);
	if (check_right(s, who, st->kind, 0) < 0)
		return refused();

	switch (st->kind) {
	case STEP_ADD:
		if (check_intake(&st->intake) < 0 || check_backfill_day(st->intake.day) < 0)
			return refused();
		r = store_ticket_add(s, &st->intake, &a, &out->ticket);
		break;
	case STEP_HANDOVER:
	case STEP_ANSWER:
	case STEP_RATE:
	case STEP_SIGNOFF:
	case STEP_REOPEN:
	case STEP_VOID: {
		struct step life = st->life;

		life.action = (enum ticket_action)act;
		if (!st->number && !st->ticket_id)
			return error(_("say which ticket")), refused();
		if (check_life(&life) < 0)
			return refused();
		if (st->kind == STEP_ANSWER && (r = check_answer_date(s, st)) != STORE_OK)
			return r;
		if (st->ticket_id)
			r = store_ticket_step_id(s, st->ticket_id, &life, &a, &out->ticket);
		else
			r = store_ticket_step(s, st->number, &life, &a, &out->ticket);
		break;
	}
	case STEP_CORRECT:
		if ((r = check_correct(s, who, st->number)) != STORE_OK)
			return r;
		if (check_correction_values(&st->intake) < 0)
			return refused();
		r = store_ticket_correct(s, st->number, &st->intake, &a, &out->ticket, &out->corrected);
		break;
	case STEP_PRINT:
		what = clean_what(st->what);
		r = store_ticket_note_event(s, st->ticket_id, st->reprint ? "reprint" : "print", what, &a);
		break;
	case STEP_DAY_OPEN:
		if (check_day_date(st->date, 1) < 0 || text_ok(_("place"), st->place, 0) < 0)
			return refused();
		for (char *const *d = st->deputies; d && *d; d++)
			if (text_ok(_("deputy"), *d, 0) < 0 || !**d)
				return refused();
		r = store_day_open(s, st->date, st->deputies, st->place, &a, &out->closed_other);
		if (r == STORE_OK) {
			char today[CLOCK_DATE_LEN];

			clock_today(today);
			r = store_day_get(s, st->date ? st->date : today, &out->day);
		}
		break;
	case STEP_DAY_CLOSE:
		if (check_day_date(st->date, 0) < 0)
			return refused();
		r = store_day_close_on(s, st->date, &a, &out->day);
		break;
	case STEP_SETTING:
		if (check_setting(s, who, st) < 0)
			return refused();
		r = store_setting_set(s, st->key, st->value, &a);
		break;
	case STEP_USER:
		if (!st->login || !st->person || !*st->person || text_ok(_("deputy"), st->person, 0) < 0)
			return error(_("give the login and the person's name")), refused();
		r = store_user_set(s, st->login, st->person, st->role, &a);
		break;
	case STEP_SHARED_LOGIN:
		if (!st->login || !*st->login)
			return error(_("give the login")), refused();
		r = store_shared_login_add(s, st->login, &a);
		break;
	case STEP_DRAFT:
		if (st->value)
			r = store_draft_save(s, who->login, who->anonymous ? "" : who->name, st->form, st->number,
					     st->value);
		else
			r = store_draft_delete(s, st->draft_id);
		break;
	case STEP_BACKUP:
	case STEP_EXPORT:
	case STEP_REGISTER_INTERNAL:
	case STEP_PUSH:
	case STEP_ARCHIVE:
		what = clean_what(st->what);
		r = store_note_take(s, step_name(st->kind), what, &a);
		break;
	case STEP_UNIT_ADD:
		if (check_unit_name(st->unit) < 0 || text_ok(_("contact person"), st->contact, 0) < 0 ||
		    text_ok(_("phone"), st->phone, 0) < 0)
			return refused();
		r = store_unit_add(s, st->unit, st->contact, st->phone, &a, &out->changed);
		break;
	case STEP_UNIT_RENAME:
	case STEP_UNIT_MERGE:
		if (check_unit_name(st->unit) < 0 || check_unit_name(st->unit_to) < 0)
			return refused();
		r = st->kind == STEP_UNIT_RENAME ? store_unit_rename(s, st->unit, st->unit_to, &a)
						 : store_unit_merge(s, st->unit, st->unit_to, &a);
		break;
	case STEP_CHASE:
		if (!st->nticket_ids)
			return error(_("a chase slip needs at least one item")), refused();
		what = clean_what(st->what);
		r = store_chase_record(s, st->ticket_ids, st->nticket_ids, what, &a);
		break;
	case STEP_FOLLOW:
		if (!st->number)
			return error(_("say which ticket")), refused();
		if (!st->follow)
			return error(_("say which deputy follows the item up, or that nobody does")), refused();
		if (text_ok(_("deputy"), st->follow, 0) < 0)
			return refused();
		r = store_ticket_follow(s, st->number, st->follow, &a, &out->ticket);
		break;
	default:
		BUG("unknown step");
	}
	free(what);
	return r;
}

int ledger_apply(struct store *s, const struct identity *who, const struct ledger_step *st,
		 struct ledger_result *out)
{
	struct ledger_result scratch;
	struct ledger_result *res = out ? out : &scratch;
	int r;

	memset(res, 0, sizeof(*res));
	r = apply(s, who, st, res);
	if (r != STORE_OK || !out)
		ledger_result_release(res);
	return r;
}

int ledger_import_begin(struct store *s, const struct identity *who, struct import **im)
{
	struct actor a = identity_actor(who);

	*im = NULL;
	if (check_right(s, who, STEP_IMPORT, 0) < 0)
		return STORE_REFUSED;
	return store_import_begin(s, &a, im);
}

int ledger_gen(struct store *s, const struct identity *who, struct gen_opts *o)
{
	struct actor a = identity_actor(who);
	int r;

	if (check_right(s, who, STEP_GEN, 0) < 0 || check_practice(s) < 0)
		return STORE_REFUSED;
	/* Mark it first: a practice ledger stays one, and gen may add to it again. */
	r = store_setting_set(s, "practice", "yes", &a);
	if (r != STORE_OK)
		return r;
	o->who = &a;
	r = gen_ledger(s, o);
	o->who = NULL;
	return r;
}

int ledger_recover(struct store *s, const struct identity *who, const char *from, struct recover_stats *stats)
{
	struct actor a = identity_actor(who);

	if (check_right(s, who, STEP_RECOVER, 0) < 0)
		return STORE_REFUSED;
	return store_recover(s, from, &a, stats);
}

/* ---- from a form to a step ---- */

/* Where a form's own field goes in the step (offset of a const char * member). */
static const struct {
	const char *form, *id;
	size_t off;
} slots[] = {
	{ "intake", "name", offsetof(struct ledger_step, intake.name) },
	{ "intake", "phone", offsetof(struct ledger_step, intake.phone) },
	{ "intake", "address", offsetof(struct ledger_step, intake.address) },
	{ "intake", "category", offsetof(struct ledger_step, intake.category) },
	{ "intake", "issue", offsetof(struct ledger_step, intake.issue) },
	{ "intake", "deputy", offsetof(struct ledger_step, intake.deputy) },
	{ "intake", "spot", offsetof(struct ledger_step, intake.spot_text) },
	{ "intake", "spot_method", offsetof(struct ledger_step, intake.spot_method) },
	{ "intake", "spot_rating", offsetof(struct ledger_step, intake.spot_rating) },
	{ "handover", "unit", offsetof(struct ledger_step, life.unit) },
	{ "handover", "due", offsetof(struct ledger_step, life.due_date) },
	{ "handover", "note", offsetof(struct ledger_step, life.text) },
	{ "answer", "method", offsetof(struct ledger_step, life.method) },
	{ "answer", "date", offsetof(struct ledger_step, life.date) },
	{ "answer", "text", offsetof(struct ledger_step, life.text) },
	{ "rate", "rating", offsetof(struct ledger_step, life.rating) },
	{ "rate", "note", offsetof(struct ledger_step, life.text) },
	{ "signoff", "note", offsetof(struct ledger_step, life.text) },
	{ "reopen", "reason", offsetof(struct ledger_step, life.text) },
	{ "void", "reason", offsetof(struct ledger_step, life.text) },
};

static const char **slot_of(struct ledger_step *st, const char *form, const char *id)
{
	for (size_t i = 0; i < sizeof(slots) / sizeof(slots[0]); i++)
		if (!strcmp(slots[i].form, form) && !strcmp(slots[i].id, id))
			return (const char **)((char *)st + slots[i].off);
	return NULL;
}

int ledger_step_from_form(struct ledger_form *lf, enum step_kind kind, const struct form_spec *form,
			  char *const *vals, int *bad)
{
	struct strbuf extra = STRBUF_INIT;
	int first = 1, act = step_action(kind);

	memset(lf, 0, sizeof(*lf));
	lf->step.kind = kind;
	if (act >= 0)
		lf->step.life.action = (enum ticket_action)act;
	lf->n = form->nfields;
	lf->clean = xcalloc(form->nfields + 1, sizeof(*lf->clean));
	strbuf_addch(&extra, '{');
	for (size_t i = 0; i < form->nfields; i++) {
		const struct form_field *f = &form->fields[i];
		const char *v = vals[i] ? vals[i] : f->defval;
		const char **slot;
		char *msg = NULL;

		if (kind == STEP_CORRECT && !vals[i]) {
			/* A correction leaves the fields not given as they are. */
			lf->clean[i] = xstrdup("");
			continue;
		}
		if (validate_field(f, v, &lf->clean[i], &msg) < 0) {
			error(_("%s: %s"), formspec_label(f), msg);
			free(msg);
			strbuf_release(&extra);
			if (bad)
				*bad = (int)i;
			ledger_form_release(lf);
			return -1;
		}
		slot = slot_of(&lf->step, form->name, f->id);
		/* A deadline typed as days is counted by the store, with the holidays. */
		if (f->kind == FIELD_DEADLINE && !strcmp(f->id, "due") && v && validate_deadline_days(v) > 0)
			lf->step.life.due_days = validate_deadline_days(v);
		if (slot) {
			/* A correction may clear an optional field: "" is a value then. */
			*slot = *lf->clean[i] || kind == STEP_CORRECT ? lf->clean[i] : NULL;
		} else if (!formspec_is_core(form->name, f->id) && (*lf->clean[i] || kind == STEP_CORRECT)) {
			if (!first)
				strbuf_addch(&extra, ',');
			first = 0;
			strbuf_add_json(&extra, f->id);
			strbuf_addch(&extra, ':');
			if (*lf->clean[i])
				strbuf_add_json(&extra, lf->clean[i]);
			else
				strbuf_adds(&extra, "null");	/* merge patch: the field goes */
		}
	}
	strbuf_addch(&extra, '}');
	lf->extra = strbuf_detach(&extra);
	if (kind == STEP_ADD || kind == STEP_CORRECT)
		lf->step.intake.extra_json = lf->extra;
	else
		lf->step.life.extra_json = lf->extra;
	return 0;
}

void ledger_form_release(struct ledger_form *lf)
{
	if (lf->clean)
		for (size_t i = 0; i < lf->n; i++)
			free(lf->clean[i]);
	free(lf->clean);
	free(lf->extra);
	memset(lf, 0, sizeof(*lf));
}

/* ---- the rights, replayed over the history (jiedai check) ---- */

/* Event kinds that record a step under another name than the step's own. */
static const struct {
	const char *kind;
	enum step_kind step;
} event_aliases[] = {
	{ "backfill", STEP_ADD },	/* 补录: a registration of an earlier day */
	{ "reprint", STEP_PRINT },
	{ "unit-edit", STEP_UNIT_ADD },	/* a unit's contact or phone set */
};

/* The step an event of this kind records, or STEP_COUNT (not a step a person takes). */
static enum step_kind step_of_event(const char *kind)
{
	for (int k = 0; k < STEP_COUNT; k++)
		if (rights[k].name && !strcmp(rights[k].name, kind))
			return (enum step_kind)k;
	for (size_t i = 0; i < sizeof(event_aliases) / sizeof(event_aliases[0]); i++)
		if (!strcmp(event_aliases[i].kind, kind))
			return event_aliases[i].step;
	return STEP_COUNT;
}

/* A login mapped to a person, or a person and the role their newest mapping gave. */
struct mapping {
	char *key, *person;
	enum role role;
};

struct rights_replay {
	struct store *s;
	struct mapping *users, *people;
	size_t nusers, npeople;
	char *shared;			/* shared_logins as it stood */
	char *widen[STEP_COUNT];	/* each step's widening setting as it stood */
	struct strbuf *report;
	int named, failed;
};

static struct mapping *mapping_find(struct mapping *m, size_t n, const char *key)
{
	for (size_t i = 0; i < n; i++)
		if (!strcmp(m[i].key, key))
			return &m[i];
	return NULL;
}

static void mapping_set(struct mapping **m, size_t *n, const char *key, const char *person, enum role role)
{
	struct mapping *x = mapping_find(*m, *n, key);

	if (!x) {
		*m = xreallocarray(*m, *n + 1, sizeof(**m));
		x = &(*m)[(*n)++];
		x->key = xstrdup(key);
		x->person = NULL;
	}
	free(x->person);
	x->person = xstrdup(person);
	x->role = role;
}

/* Is login one of the comma-separated list? */
static int in_list(const char *list, const char *login)
{
	char *copy = xstrdup(list ? list : ""), *save = NULL;
	int found = 0;

	for (char *tok = strtok_r(copy, ", ", &save); tok && !found; tok = strtok_r(NULL, ", ", &save))
		found = !strcmp(tok, login);
	free(copy);
	return found;
}

/* What a user or setting event sets up, for the events after it. */
static void replay_setup(struct rights_replay *rr, const struct event_seen *e)
{
	if (!e->subject || !e->state)
		return;
	if (!strcmp(e->kind, "user")) {
		char *person = store_json_get(rr->s, e->state, "person");
		char *role_s = store_json_get(rr->s, e->state, "role");
		enum role role;

		if (person && role_s && role_parse(role_s, &role) == 0) {
			mapping_set(&rr->users, &rr->nusers, e->subject, person, role);
			mapping_set(&rr->people, &rr->npeople, person, person, role);
		}
		free(person);
		free(role_s);
	} else if (!strcmp(e->kind, "setting")) {
		char *value = store_json_get(rr->s, e->state, "value");

		if (!strcmp(e->subject, "shared_logins")) {
			free(rr->shared);
			rr->shared = value ? xstrdup(value) : NULL;
		}
		for (int k = 0; k < STEP_COUNT; k++)
			if (rights[k].widened_by && !strcmp(rights[k].widened_by, e->subject)) {
				free(rr->widen[k]);
				rr->widen[k] = value ? xstrdup(value) : NULL;
			}
		free(value);
	}
}

/*
 * Hold one event to the rights of its person as things stood before it.  A
 * login the users table mapped then acts with that mapping's role; a shared
 * login as the person named, with the role their newest mapping gave (a
 * deputy's when none did).  Any other login is the administrator's (root,
 * the owner of a personal ledger) or jiedai's own (a migration's
 * baselines), who may take every step.
 */
static int judge(const struct event_seen *e, void *arg)
{
	struct rights_replay *rr = arg;
	enum step_kind k = step_of_event(e->kind);
	const struct mapping *u = e->login ? mapping_find(rr->users, rr->nusers, e->login) : NULL;
	enum role role = ROLE_DEPUTY;
	unsigned bits;

	if (k != STEP_COUNT && (u || (e->login && in_list(rr->shared, e->login)))) {
		if (u) {
			role = u->role;
		} else {
			const struct mapping *p = e->actor ? mapping_find(rr->people, rr->npeople, e->actor) : NULL;

			role = p ? p->role : ROLE_DEPUTY;
		}
		bits = rights[k].roles | (rr->widen[k] ? roles_in(rr->widen[k]) : 0);
		if (k == STEP_SETTING && e->subject && setting_needs_admin(e->subject))
			bits = 0;
		if (!(bits & (1u << role))) {
			struct strbuf who = STRBUF_INIT, line = STRBUF_INIT;
			char *clean;

			say_who_may(bits, &who);
			if (e->ticket)
				strbuf_addf(&line, _("history: event %lld (%s of ticket %s, %s) was taken by %s (login %s, %s at that moment), who may not %s; that is for: %s"),
					    (long long)e->id, e->kind, e->ticket, e->at ? e->at : "",
					    e->actor ? e->actor : "", e->login, role_label(role), step_label(k), who.buf);
			else
				strbuf_addf(&line, _("history: event %lld (%s %s, %s) was taken by %s (login %s, %s at that moment), who may not %s; that is for: %s"),
					    (long long)e->id, e->kind, e->subject ? e->subject : "", e->at ? e->at : "",
					    e->actor ? e->actor : "", e->login, role_label(role), step_label(k), who.buf);
			clean = u8_sanitize(line.buf, 0);
			strbuf_adds(rr->report, clean);
			strbuf_addch(rr->report, '\n');
			free(clean);
			strbuf_release(&line);
			strbuf_release(&who);
			rr->named++;
		}
	}
	replay_setup(rr, e);
	return 0;
}

int ledger_check_rights(struct store *s, struct strbuf *report)
{
	struct rights_replay rr;
	int r;

	memset(&rr, 0, sizeof(rr));
	rr.s = s;
	rr.report = report;
	r = store_events_scan(s, judge, &rr);
	for (size_t i = 0; i < rr.nusers; i++) {
		free(rr.users[i].key);
		free(rr.users[i].person);
	}
	for (size_t i = 0; i < rr.npeople; i++) {
		free(rr.people[i].key);
		free(rr.people[i].person);
	}
	free(rr.users);
	free(rr.people);
	free(rr.shared);
	for (int k = 0; k < STEP_COUNT; k++)
		free(rr.widen[k]);
	return r == STORE_OK ? rr.named : -1;
}
