/*
 * test-ledger.c — the gate: the rights table (every role against every
 * step), settings that widen it and that only the administrator may change,
 * state rules the gate adds (numbering fixed once numbers are given, answer
 * dates), drafts per person, and the form-to-step mapping both faces use.
 */
#include "unit.h"

#include <sys/stat.h>

#include "chain.h"
#include "formspec.h"
#include "gen.h"
#include "ledger.h"
#include "strbuf.h"

struct fixture {
	struct store *s;
};

/* People of a shared ledger, as identity_resolve() would make them. */
static struct identity person(const char *name, enum role role)
{
	struct identity id = { .name = (char *)name, .login = (char *)"login", .client = (char *)"",
			       .role = role, .known = 1, .mapped = 1, .shared = 1 };

	return id;
}

static struct identity admin(void)
{
	struct identity id = { .name = (char *)"root", .login = (char *)"root", .client = (char *)"",
			       .role = ROLE_HEAD, .known = 1, .admin = 1, .shared = 1 };

	return id;
}

static int setup(void **state)
{
	struct fixture *f = calloc(1, sizeof(*f));
	char dir[512];
	struct identity a = admin();
	struct ledger_step st = { .kind = STEP_SETTING, .key = "station_code", .value = "LJ" };

	setenv("JIEDAI_NOW", "2026-03-10T09:30:00", 1);
	/* A shared ledger: its directory is set-group-ID. */
	snprintf(dir, sizeof(dir), "%s", unit_path("box"));
	if (mkdir(dir, 0770) < 0 || chmod(dir, 02770) < 0)
		return -1;
	strcat(dir, "/jiedai.db");
	if (store_open(dir, STORE_CREATE, &f->s) != STORE_OK || !store_is_shared(f->s))
		return -1;
	if (ledger_apply(f->s, &a, &st, NULL) != STORE_OK)
		return -1;
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	struct fixture *f = *state;

	store_close(f->s);
	free(f);
	return 0;
}

/* Who may take each step: one row per step, deputy / staff / head; the administrator always may. */
static const struct {
	enum step_kind k;
	int deputy, staff, head;
} table[] = {
	{ STEP_ADD, 1, 1, 1 },
	{ STEP_HANDOVER, 0, 1, 1 },
	{ STEP_ANSWER, 1, 1, 1 },
	{ STEP_RATE, 1, 1, 1 },
	{ STEP_SIGNOFF, 0, 0, 1 },
	{ STEP_REOPEN, 0, 1, 1 },
	{ STEP_VOID, 0, 0, 1 },
	{ STEP_CORRECT, 1, 1, 1 },	/* a deputy only their own of the same day: test_correct_rule */
	{ STEP_PRINT, 1, 1, 1 },
	{ STEP_DAY_OPEN, 1, 1, 1 },
	{ STEP_DAY_CLOSE, 1, 1, 1 },
	{ STEP_SETTING, 0, 1, 1 },
	{ STEP_USER, 0, 0, 0 },
	{ STEP_SHARED_LOGIN, 0, 0, 0 },
	{ STEP_DRAFT, 1, 1, 1 },
	{ STEP_IMPORT, 0, 1, 1 },
	{ STEP_GEN, 0, 0, 0 },
	{ STEP_BACKUP, 0, 1, 1 },
	{ STEP_EXPORT, 0, 1, 1 },
	{ STEP_REGISTER_INTERNAL, 0, 1, 1 },
	{ STEP_PUSH, 0, 1, 1 },
	{ STEP_ARCHIVE, 0, 1, 1 },
	{ STEP_UNIT_ADD, 0, 1, 1 },
	{ STEP_UNIT_RENAME, 0, 1, 1 },
	{ STEP_UNIT_MERGE, 0, 1, 1 },
	{ STEP_CHASE, 0, 1, 1 },
	{ STEP_FOLLOW, 0, 1, 1 },
	{ STEP_RECOVER, 0, 0, 0 },	/* the administrator only: a new ledger of a damaged one */
};

static void test_rights_table(void **state)
{
	struct fixture *f = *state;
	struct identity dep = person("李强", ROLE_DEPUTY), staff = person("赵敏", ROLE_STAFF);
	struct identity head = person("王芳", ROLE_HEAD), root = admin();
	struct identity stranger = { .name = (char *)"nobody", .login = (char *)"nobody", .client = (char *)"",
				     .shared = 1 };
	struct identity shared = { .name = (char *)"station", .login = (char *)"station", .client = (char *)"",
				   .known = 1, .shared_account = 1, .anonymous = 1, .shared = 1 };

	(void)state;
	assert_int_equal(sizeof(table) / sizeof(table[0]), STEP_COUNT);
	for (size_t i = 0; i < sizeof(table) / sizeof(table[0]); i++) {
		enum step_kind k = table[i].k;

		if (ledger_allowed(f->s, &dep, k) != table[i].deputy ||
		    ledger_allowed(f->s, &staff, k) != table[i].staff ||
		    ledger_allowed(f->s, &head, k) != table[i].head)
			fail_msg("step %s: deputy %d staff %d head %d", step_name(k), ledger_allowed(f->s, &dep, k),
				 ledger_allowed(f->s, &staff, k), ledger_allowed(f->s, &head, k));
		assert_int_equal(ledger_allowed(f->s, &root, k), 1);
		/* A login nobody set up, and a shared login before its person is chosen: nothing. */
		assert_int_equal(ledger_allowed(f->s, &stranger, k), 0);
		assert_int_equal(ledger_allowed(f->s, &shared, k), 0);
	}
	/* A refusal says who may. */
	assert_int_equal(ledger_may(f->s, &dep, STEP_SIGNOFF), -1);
	assert_non_null(strstr(unit_last_error, "李强"));
	assert_non_null(strstr(unit_last_error, role_label(ROLE_HEAD)));
}

static void test_widened_by_the_administrator_only(void **state)
{
	struct fixture *f = *state;
	struct identity dep = person("李强", ROLE_DEPUTY), head = person("王芳", ROLE_HEAD), root = admin();
	struct ledger_step widen = { .kind = STEP_SETTING, .key = "void_roles", .value = "head,staff,deputy" };
	struct ledger_step own = { .kind = STEP_SETTING, .key = "shared_logins", .value = "liqiang" };
	struct ledger_step name = { .kind = STEP_SETTING, .key = "station_name", .value = "陵江镇联络站" };

	(void)state;
	/* The head may not give deputies the right to void, nor make a login shared. */
	assert_int_equal(ledger_apply(f->s, &head, &widen, NULL), STORE_REFUSED);
	assert_int_equal(ledger_apply(f->s, &dep, &own, NULL), STORE_REFUSED);
	assert_int_equal(ledger_apply(f->s, &head, &own, NULL), STORE_REFUSED);
	assert_int_equal(ledger_allowed(f->s, &dep, STEP_VOID), 0);
	/* The administrator may; then deputies may void. */
	assert_int_equal(ledger_apply(f->s, &root, &widen, NULL), STORE_OK);
	assert_int_equal(ledger_allowed(f->s, &dep, STEP_VOID), 1);
	/* Ordinary settings: staff and head, not deputies. */
	assert_int_equal(ledger_apply(f->s, &dep, &name, NULL), STORE_REFUSED);
	assert_int_equal(ledger_apply(f->s, &head, &name, NULL), STORE_OK);
}

static struct ledger_result add(struct store *s, const struct identity *who)
{
	struct ledger_step st = { .kind = STEP_ADD };
	struct ledger_result r;

	st.intake.name = "张三";
	st.intake.category = "农业农村";
	st.intake.issue = "水渠失修";
	assert_int_equal(ledger_apply(s, who, &st, &r), STORE_OK);
	return r;
}

static void test_numbering_fixed_once_given(void **state)
{
	struct fixture *f = *state;
	struct identity root = admin();
	struct ledger_step code = { .kind = STEP_SETTING, .key = "station_code", .value = "ZZ" };
	struct ledger_step fmt = { .kind = STEP_SETTING, .key = "number_format", .value = "{station}{year}{seq:5}" };
	struct ledger_result r;

	(void)state;
	/* Before any number: may change. */
	assert_int_equal(ledger_apply(f->s, &root, &fmt, NULL), STORE_OK);
	r = add(f->s, &root);
	assert_string_equal(r.ticket.number, "LJ202600001");
	ledger_result_release(&r);
	/* After: refused with the reason, even for the administrator. */
	fmt.value = "{station}-{year}-{seq:4}";
	assert_int_equal(ledger_apply(f->s, &root, &fmt, NULL), STORE_REFUSED);
	assert_non_null(strstr(unit_last_error, "2026"));
	assert_int_equal(ledger_apply(f->s, &root, &code, NULL), STORE_REFUSED);
	/* Next year it may change again. */
	setenv("JIEDAI_NOW", "2027-01-02T09:00:00", 1);
	assert_int_equal(ledger_apply(f->s, &root, &fmt, NULL), STORE_OK);
	setenv("JIEDAI_NOW", "2026-03-10T09:30:00", 1);
}

static void test_answer_dates(void **state)
{
	struct fixture *f = *state;
	struct identity dep = person("李强", ROLE_DEPUTY);
	struct ledger_result r = add(f->s, &dep);
	struct ledger_step st = { .kind = STEP_ANSWER };

	(void)state;
	st.number = r.ticket.number;
	st.life.method = "电话";
	st.life.text = "已答复";
	st.life.date = "2020-01-01";
	assert_int_equal(ledger_apply(f->s, &dep, &st, NULL), STORE_REFUSED);
	assert_non_null(strstr(unit_last_error, "2020-01-01"));
	st.life.date = "2026-03-11";
	assert_int_equal(ledger_apply(f->s, &dep, &st, NULL), STORE_REFUSED);
	st.life.date = "2026-03-10";
	assert_int_equal(ledger_apply(f->s, &dep, &st, NULL), STORE_OK);
	ledger_result_release(&r);
}

/* A life-cycle step names its ticket by id (the batch sign-off does): no number, no "#ID" text. */
static void test_step_by_id(void **state)
{
	struct fixture *f = *state;
	struct identity root = admin();
	struct ledger_result r = add(f->s, &root), out;
	struct ledger_step st = { .kind = STEP_ANSWER };

	st.ticket_id = r.ticket.id;
	st.life.method = "电话";
	st.life.text = "已答复";
	st.life.date = "2026-03-10";
	assert_int_equal(ledger_apply(f->s, &root, &st, &out), STORE_OK);
	assert_string_equal(out.ticket.number, r.ticket.number);
	assert_int_equal(out.ticket.status, TS_ANSWERED);
	ledger_result_release(&out);
	/* An id no ticket has is not found, and says so. */
	st.ticket_id = r.ticket.id + 100;
	unit_last_error[0] = '\0';
	assert_int_equal(ledger_apply(f->s, &root, &st, NULL), STORE_NOTFOUND);
	assert_true(unit_last_error[0] != '\0');
	ledger_result_release(&r);
}

/* The dropped-link case: the head's 销号 draft, continued by a deputy on the same login. */
static void test_draft_checked_again(void **state)
{
	struct fixture *f = *state;
	struct identity head = person("王芳", ROLE_HEAD), dep = person("李强", ROLE_DEPUTY), root = admin();
	struct ledger_result r = add(f->s, &root);
	struct ledger_step draft = { .kind = STEP_DRAFT, .form = "signoff", .value = "{\"note\":\"办结\"}" };
	struct ledger_step st = { .kind = STEP_SIGNOFF };
	struct ledger_step a = { .kind = STEP_ANSWER }, rt = { .kind = STEP_RATE };
	char *form = NULL, *ticket = NULL, *data = NULL, *saved = NULL;
	int64_t id;

	(void)state;
	head.login = dep.login = (char *)"station";
	a.number = rt.number = st.number = draft.number = r.ticket.number;
	a.life.method = "电话";
	a.life.text = "已修好";
	rt.life.rating = "满意";
	assert_int_equal(ledger_apply(f->s, &root, &a, NULL), STORE_OK);
	assert_int_equal(ledger_apply(f->s, &root, &rt, NULL), STORE_OK);
	assert_int_equal(ledger_apply(f->s, &head, &draft, NULL), STORE_OK);
	/* The deputy on the same login does not get the head's draft ... */
	assert_int_equal(store_draft_get(f->s, "station", "李强", &id, &form, &ticket, &data, &saved),
			 STORE_NOTFOUND);
	/* ... and saving the step as the deputy is refused whatever the form said. */
	assert_int_equal(ledger_apply(f->s, &dep, &st, NULL), STORE_REFUSED);
	assert_int_equal(ledger_apply(f->s, &head, &st, NULL), STORE_OK);
	ledger_result_release(&r);
}

static void test_gen_only_on_practice(void **state)
{
	struct fixture *f = *state;
	struct identity root = admin();
	struct gen_opts o = { .tickets = 3, .seed = 1, .years = 1 };
	struct ledger_result r = add(f->s, &root);

	(void)state;
	/* A ledger with a real ticket: refused, whoever asks. */
	assert_int_equal(ledger_gen(f->s, &root, &o), STORE_REFUSED);
	assert_non_null(strstr(unit_last_error, "practice"));
	ledger_result_release(&r);
}

/* 更正: a deputy only their own ticket of the same day; staff any time; never a void one. */
static void test_correct_rule(void **state)
{
	struct fixture *f = *state;
	struct identity dep = person("李强", ROLE_DEPUTY), other = person("王芳", ROLE_DEPUTY);
	struct identity staff = person("刘工作人员", ROLE_STAFF), head = person("赵站长", ROLE_HEAD);
	struct ledger_result r = add(f->s, &dep), c;
	struct ledger_step st = { .kind = STEP_CORRECT }, vd = { .kind = STEP_VOID };
	struct check_result cr;
	struct strbuf report = STRBUF_INIT;

	st.number = vd.number = r.ticket.number;
	st.intake.phone = "13800138000";
	/* Someone else's ticket: refused, saying who registered it. */
	assert_int_equal(ledger_apply(f->s, &other, &st, NULL), STORE_REFUSED);
	assert_non_null(strstr(unit_last_error, "李强"));
	assert_int_equal(ledger_may_correct(f->s, &other, r.ticket.number), -1);
	/* Their own, the same day: corrected, the number kept, the fields named. */
	assert_int_equal(ledger_may_correct(f->s, &dep, r.ticket.number), 0);
	assert_int_equal(ledger_apply(f->s, &dep, &st, &c), STORE_OK);
	assert_string_equal(c.ticket.number, r.ticket.number);
	assert_string_equal(c.ticket.phone, "13800138000");
	assert_string_equal(c.ticket.name, "张三");
	assert_non_null(c.corrected);
	ledger_result_release(&c);
	/* The same values again: nothing to correct. */
	assert_int_equal(ledger_apply(f->s, &dep, &st, NULL), STORE_REFUSED);
	/* The next day: the deputy no more, staff and the head still. */
	setenv("JIEDAI_NOW", "2026-03-11T08:00:00", 1);
	st.intake.phone = NULL;
	st.intake.issue = "水渠失修，春耕用水困难";
	assert_int_equal(ledger_apply(f->s, &dep, &st, NULL), STORE_REFUSED);
	assert_non_null(strstr(unit_last_error, "2026-03-10"));
	assert_int_equal(ledger_apply(f->s, &staff, &st, NULL), STORE_OK);
	st.intake.issue = NULL;
	st.intake.category = "";
	assert_int_equal(ledger_apply(f->s, &head, &st, NULL), STORE_REFUSED);
	/* Replay follows the corrections: the ledger checks sound. */
	assert_int_equal(store_check(f->s, NULL, &cr, &report), STORE_OK);
	if (cr.problems)
		fail_msg("%s", report.buf);
	/* A void ticket is not corrected. */
	vd.life.text = "重复登记";
	assert_int_equal(ledger_apply(f->s, &head, &vd, NULL), STORE_OK);
	st.intake.category = "其他";
	assert_int_equal(ledger_apply(f->s, &head, &st, NULL), STORE_REFUSED);
	setenv("JIEDAI_NOW", "2026-03-10T09:30:00", 1);
	strbuf_release(&report);
	ledger_result_release(&r);
}

/* A correction from the intake form: only the fields given, and a merge patch of the station's. */
static void test_correct_from_form(void **state)
{
	struct strbuf errs = STRBUF_INIT;
	struct form_spec *form = formspec_parse(
		"form intake\n"
		"field name\nlabel 姓名\nkind text\nwidth 12\nmaxlen 20\nrequired\n"
		"field phone\nlabel 联系电话\nkind phone\nwidth 16\n"
		"field address\nlabel 住址\nkind text\nwidth 20\nmaxlen 50\n"
		"field category\nlabel 类别\nkind choice\nrequired\noption 其他\n"
		"field issue\nlabel 反映问题\nkind multiline\nwidth 40\nlines 2\nmaxlen 500\nrequired\n"
		"field request\nlabel 诉求\nkind text\nwidth 20\nmaxlen 50\n"
		"field village\nlabel 村组\nkind text\nwidth 20\nmaxlen 50\n",
		"intake.form", &errs);
	char *vals[] = { NULL, (char *)"", NULL, NULL, NULL, (char *)"", (char *)"二组" };
	struct ledger_form lf;
	int bad = -1;

	(void)state;
	assert_non_null(form);
	assert_int_equal(ledger_step_from_form(&lf, STEP_CORRECT, form, vals, &bad), 0);
	assert_null(lf.step.intake.name);	/* required, but not given: left as it is */
	assert_string_equal(lf.step.intake.phone, "");	/* cleared */
	assert_null(lf.step.intake.issue);
	assert_string_equal(lf.step.intake.extra_json, "{\"request\":null,\"village\":\"二组\"}");
	ledger_form_release(&lf);
	vals[0] = (char *)"";
	assert_int_equal(ledger_step_from_form(&lf, STEP_CORRECT, form, vals, &bad), -1);
	assert_int_equal(bad, 0);
	formspec_free(form);
	strbuf_release(&errs);
}

/* Hand ticket number to unit as who; the result's unit is what the ticket recorded. */
static char *handover(struct store *s, const struct identity *who, const char *number, const char *unit)
{
	struct ledger_step st = { .kind = STEP_HANDOVER };
	struct ledger_result r;
	char *got;

	st.number = number;
	st.life.unit = unit;
	st.life.due_date = "2026-03-12";
	assert_int_equal(ledger_apply(s, who, &st, &r), STORE_OK);
	got = strdup(r.ticket.unit);
	ledger_result_release(&r);
	return got;
}

/*
 * The unit directory through the gate: staff keep it, a handover adds its
 * unit in the same step, a merge changes no ticket, and the check agrees
 * with the history; a chase slip is one event per item and no change.
 */
static void test_unit_directory(void **state)
{
	struct fixture *f = *state;
	struct identity dep = person("李强", ROLE_DEPUTY), staff = person("赵敏", ROLE_STAFF);
	struct ledger_result a = add(f->s, &staff), b = add(f->s, &staff);
	struct ledger_step ua = { .kind = STEP_UNIT_ADD, .unit = "镇水利站", .contact = "王工" };
	struct ledger_step um = { .kind = STEP_UNIT_MERGE, .unit = "水利站", .unit_to = "镇水利站" };
	struct ledger_step ch = { .kind = STEP_CHASE, .what = "slip" };
	struct ledger_result res;
	struct check_result cr;
	struct unit u;
	struct ticket before, after;
	char *got;
	int64_t ids[2];

	(void)state;
	/* Deputies neither keep the directory nor chase. */
	assert_int_equal(ledger_apply(f->s, &dep, &ua, NULL), STORE_REFUSED);
	assert_int_equal(ledger_apply(f->s, &staff, &ua, &res), STORE_OK);
	assert_int_equal(res.changed, 1);
	ledger_result_release(&res);
	/* A handover to a unit not in the directory adds it. */
	got = handover(f->s, &staff, a.ticket.number, "水利站");
	assert_string_equal(got, "水利站");
	free(got);
	assert_int_equal(store_unit_get(f->s, "水利站", &u), STORE_OK);
	assert_string_equal(u.name, "水利站");
	assert_int_equal(u.in_hand, 1);
	unit_release(&u);
	/* Merging: the directory changes, the ticket does not. */
	assert_int_equal(store_ticket_get(f->s, a.ticket.number, &before), STORE_OK);
	assert_int_equal(ledger_apply(f->s, &dep, &um, NULL), STORE_REFUSED);
	assert_int_equal(ledger_apply(f->s, &staff, &um, NULL), STORE_OK);
	assert_int_equal(store_ticket_get(f->s, a.ticket.number, &after), STORE_OK);
	assert_string_equal(before.unit, after.unit);
	assert_string_equal(before.updated_at, after.updated_at);
	ticket_release(&before);
	ticket_release(&after);
	assert_int_equal(store_unit_get(f->s, "水利站", &u), STORE_OK);
	assert_string_equal(u.name, "镇水利站");
	assert_string_equal(u.contact, "王工");
	assert_int_equal(u.in_hand, 1);
	assert_string_equal(u.names[0], "水利站");
	unit_release(&u);
	/* A later handover to the merged spelling goes to the unit it means now. */
	got = handover(f->s, &staff, b.ticket.number, "水利站");
	assert_string_equal(got, "镇水利站");
	free(got);
	/* A chase slip: one 督办 event on each item. */
	ids[0] = a.ticket.id;
	ids[1] = b.ticket.id;
	ch.ticket_ids = ids;
	ch.nticket_ids = 2;
	assert_int_equal(ledger_apply(f->s, &dep, &ch, NULL), STORE_REFUSED);
	assert_int_equal(ledger_apply(f->s, &staff, &ch, NULL), STORE_OK);
	assert_int_equal(store_ticket_count_events(f->s, a.ticket.id, "chase"), 1);
	assert_int_equal(store_ticket_count_events(f->s, b.ticket.id, "chase"), 1);
	/* The history says what the directory and the tickets hold. */
	assert_int_equal(store_check(f->s, NULL, &cr, NULL), STORE_OK);
	assert_int_equal(cr.problems, 0);
	ledger_result_release(&a);
	ledger_result_release(&b);
}

static void test_from_form(void **state)
{
	struct strbuf errs = STRBUF_INIT;
	struct form_spec *form = formspec_parse(
		"form handover\n"
		"field unit\nlabel 承办单位\nkind text\nwidth 20\nmaxlen 50\nrequired\n"
		"field due\nlabel 办结时限\nkind deadline\nwidth 12\nrequired\ndefault 15\n"
		"field note\nlabel 交办意见\nkind text\nwidth 20\nmaxlen 200\n"
		"field contact\nlabel 联系人\nkind text\nwidth 20\nmaxlen 20\n",
		"handover.form", &errs);
	char *vals[] = { (char *)" 镇水利站 ", NULL, (char *)"", (char *)"刘站长", NULL };
	struct ledger_form lf;
	int bad = -1;

	(void)state;
	setenv("JIEDAI_NOW", "2026-03-10T09:30:00", 1);
	assert_non_null(form);
	assert_int_equal(ledger_step_from_form(&lf, STEP_HANDOVER, form, vals, &bad), 0);
	assert_int_equal(lf.step.life.action, TA_HANDOVER);
	assert_string_equal(lf.step.life.unit, "镇水利站");
	assert_string_equal(lf.step.life.due_date, "2026-03-25");	/* the default, 15 days */
	assert_null(lf.step.life.text);
	assert_string_equal(lf.step.life.extra_json, "{\"contact\":\"刘站长\"}");
	ledger_form_release(&lf);
	vals[0] = NULL;
	assert_int_equal(ledger_step_from_form(&lf, STEP_HANDOVER, form, vals, &bad), -1);
	assert_int_equal(bad, 0);
	assert_non_null(strstr(unit_last_error, "承办单位"));
	formspec_free(form);
	strbuf_release(&errs);
}

/* The date of a day step is the gate's to check: a date as stored, never a day ahead opened. */
static void test_day_dates(void **state)
{
	struct fixture *f = *state;
	struct identity dep = person("王芳", ROLE_DEPUTY);
	char *const who[] = { (char *)"王芳", NULL };
	struct ledger_step st = { .kind = STEP_DAY_OPEN, .deputies = who };
	struct ledger_result res;
	struct reception_day d;

	assert_int_equal(ledger_apply(f->s, &dep, &st, NULL), STORE_OK);
	st.date = "2026-04-01";
	assert_int_equal(ledger_apply(f->s, &dep, &st, NULL), STORE_REFUSED);
	st.date = "2026-3-3";
	assert_int_equal(ledger_apply(f->s, &dep, &st, NULL), STORE_REFUSED);
	st.date = "2026-03-03";
	assert_int_equal(ledger_apply(f->s, &dep, &st, &res), STORE_OK);
	ledger_result_release(&res);
	/* Today's day is still the open one. */
	assert_int_equal(store_day_current(f->s, &d), STORE_OK);
	assert_string_equal(d.date, "2026-03-10");
	reception_day_release(&d);
	st = (struct ledger_step){ .kind = STEP_DAY_CLOSE, .date = "3/10" };
	assert_int_equal(ledger_apply(f->s, &dep, &st, NULL), STORE_REFUSED);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_rights_table, setup, teardown),
		cmocka_unit_test_setup_teardown(test_widened_by_the_administrator_only, setup, teardown),
		cmocka_unit_test_setup_teardown(test_numbering_fixed_once_given, setup, teardown),
		cmocka_unit_test_setup_teardown(test_answer_dates, setup, teardown),
		cmocka_unit_test_setup_teardown(test_step_by_id, setup, teardown),
		cmocka_unit_test_setup_teardown(test_draft_checked_again, setup, teardown),
		cmocka_unit_test_setup_teardown(test_gen_only_on_practice, setup, teardown),
		cmocka_unit_test_setup_teardown(test_unit_directory, setup, teardown),
		cmocka_unit_test_setup_teardown(test_day_dates, setup, teardown),
		cmocka_unit_test(test_from_form),
		cmocka_unit_test_setup_teardown(test_correct_rule, setup, teardown),
		cmocka_unit_test(test_correct_from_form),
	};

	unit_init();
	return cmocka_run_group_tests(tests, NULL, NULL);
}
