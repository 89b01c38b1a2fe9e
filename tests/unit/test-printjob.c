/*
 * test-printjob.c — printing a committed ticket: settings and overrides,
 * print then reprint (补打 on the paper, events in the history), a failed
 * print recording nothing and leaving the ticket as it was, void and
 * unknown tickets refused, terminal jobs free of stop sequences, the test
 * page, rendering to files, and the mcprint choice.
 */
#include "unit.h"

#include "../helper/escpos-parse.h"
#include "printjob.h"
#include "receipt-text.h"
#include "receipt.h"
#include "store-internal.h"
#include "store.h"
#include "zbar-decode.h"

static const struct actor me = { "王芳", "wangfang", "" };
/* The same person as the gate sees her: the owner of this (personal) ledger. */
static struct identity me_id = { .name = "王芳", .login = "wangfang", .client = "", .role = ROLE_HEAD,
				 .known = 1, .admin = 1 };

struct fixture {
	struct store *s;
	char number[32];
	char path[512];
};

static int setup(void **state)
{
	struct fixture *f = calloc(1, sizeof(*f));
	struct intake in = { .name = "张三明", .phone = "13800138000", .category = "农业农村",
			     .issue = "灌溉水渠年久失修" };
	struct ticket t;

	if (store_open(unit_path("p.db"), STORE_CREATE, &f->s) != STORE_OK)
		return -1;
	if (store_setting_set(f->s, "station_code", "LJ", &unit_actor) != STORE_OK)
		return -1;
	if (store_ticket_add(f->s, &in, &me, &t) != STORE_OK)
		return -1;
	snprintf(f->number, sizeof(f->number), "%s", t.number);
	ticket_release(&t);
	snprintf(f->path, sizeof(f->path), "%s", unit_path("printer.bin"));
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

static int64_t id_of(struct fixture *f)
{
	return store_ticket_find(f->s, f->number);
}

/* The text lines of an ESC/POS buffer, joined. */
static char *text_of(const char *buf, size_t len)
{
	struct escpos_doc d;
	struct strbuf sb = STRBUF_INIT;

	if (escpos_parse((const unsigned char *)buf, len, &d) < 0)
		fail_msg("parse: %s", d.err);
	for (size_t i = 0; i < d.n; i++)
		if (d.lines[i].kind == ESCPOS_TEXT) {
			strbuf_adds(&sb, d.lines[i].text);
			strbuf_addch(&sb, '\n');
		}
	escpos_doc_release(&d);
	return strbuf_detach(&sb);
}

static char *file_text(const char *path)
{
	struct strbuf sb = STRBUF_INIT;
	char buf[4096];
	size_t r;
	FILE *fp = fopen(path, "rb");
	char *t;

	assert_non_null(fp);
	while ((r = fread(buf, 1, sizeof(buf), fp)) > 0)
		strbuf_add(&sb, buf, r);
	fclose(fp);
	t = text_of(sb.buf, sb.len);
	strbuf_release(&sb);
	return t;
}

static void test_print_then_reprint(void **state)
{
	struct fixture *f = *state;
	struct print_request rq = PRINT_REQUEST_INIT;
	struct ticket_event *ev;
	size_t nev;
	char *text;

	rq.dest = f->path;
	assert_int_equal(print_ticket(f->s, id_of(f), &rq, &me_id, -1), PRINT_OK);
	text = file_text(f->path);
	assert_non_null(strstr(text, f->number));
	assert_non_null(strstr(text, "张*明"));
	assert_null(strstr(text, "补打"));
	free(text);
	assert_int_equal(store_ticket_count_events(f->s, id_of(f), "print"), 1);
	assert_int_equal(store_ticket_count_events(f->s, id_of(f), "reprint"), 0);

	assert_int_equal(print_ticket(f->s, id_of(f), &rq, &me_id, -1), PRINT_OK);
	text = file_text(f->path);
	assert_non_null(strstr(text, "补打"));
	free(text);
	assert_int_equal(store_ticket_count_events(f->s, id_of(f), "print"), 1);
	assert_int_equal(store_ticket_count_events(f->s, id_of(f), "reprint"), 1);

	/* The record says where and on what paper, and who. */
	assert_int_equal(store_ticket_events(f->s, id_of(f), &ev, &nev), STORE_OK);
	assert_string_equal(ev[nev - 1].kind, "reprint");
	assert_non_null(strstr(ev[nev - 1].text, f->path));
	assert_non_null(strstr(ev[nev - 1].text, "58mm"));
	assert_string_equal(ev[nev - 1].actor, "王芳");
	store_events_free(ev, nev);
}

static void test_failed_print_records_nothing(void **state)
{
	struct fixture *f = *state;
	struct print_request rq = PRINT_REQUEST_INIT;
	struct ticket before, after;
	struct ticket_event *ev;
	size_t n1, n2;

	assert_int_equal(store_ticket_get(f->s, f->number, &before), STORE_OK);
	assert_int_equal(store_ticket_events(f->s, before.id, &ev, &n1), STORE_OK);
	store_events_free(ev, n1);
	rq.dest = "/dev/full";
	assert_int_equal(print_ticket(f->s, id_of(f), &rq, &me_id, -1), PRINT_FAILED);
	assert_non_null(strstr(unit_last_error, "/dev/full"));
	assert_int_equal(print_exit_code(PRINT_FAILED), 1);
	assert_int_equal(store_ticket_get(f->s, f->number, &after), STORE_OK);
	assert_int_equal(after.status, before.status);
	assert_string_equal(after.updated_at, before.updated_at);
	assert_int_equal(store_ticket_events(f->s, after.id, &ev, &n2), STORE_OK);
	store_events_free(ev, n2);
	assert_int_equal(n2, n1);
	assert_int_equal(store_ticket_count_events(f->s, after.id, "print"), 0);
	ticket_release(&before);
	ticket_release(&after);

	/* The next good print is the first print, without 补打. */
	rq.dest = f->path;
	assert_int_equal(print_ticket(f->s, id_of(f), &rq, &me_id, -1), PRINT_OK);
	assert_int_equal(store_ticket_count_events(f->s, id_of(f), "print"), 1);
}

static void test_refusals(void **state)
{
	struct fixture *f = *state;
	struct print_request rq = PRINT_REQUEST_INIT;
	struct step st = { .action = TA_VOID, .text = "登记重复" };
	struct print_job job;
	struct strbuf sb = STRBUF_INIT;

	/* No destination anywhere: say how to set one. */
	assert_int_equal(print_ticket(f->s, id_of(f), &rq, &me_id, -1), PRINT_REFUSED);
	assert_non_null(strstr(unit_last_error, "print_dest"));
	rq.dest = f->path;
	rq.profile = "76mm";
	assert_int_equal(print_ticket(f->s, id_of(f), &rq, &me_id, -1), PRINT_REFUSED);
	rq.profile = NULL;
	assert_int_equal(print_ticket(f->s, 99, &rq, &me_id, -1), PRINT_REFUSED);
	/* Terminal printing without a terminal. */
	rq.dest = "terminal";
	assert_int_equal(print_ticket(f->s, id_of(f), &rq, &me_id, -1), PRINT_FAILED);
	assert_int_equal(store_ticket_count_events(f->s, id_of(f), "print"), 0);

	/* A void ticket gets no receipt, neither printed nor as a file. */
	assert_int_equal(store_ticket_step(f->s, f->number, &st, &me, NULL), STORE_OK);
	rq.dest = f->path;
	assert_int_equal(print_job_ticket(f->s, id_of(f), &rq, &job), PRINT_REFUSED);
	assert_non_null(strstr(unit_last_error, "void"));
	assert_int_equal(print_render(f->s, id_of(f), &rq, PRINT_TEXT, &sb), PRINT_REFUSED);
	strbuf_release(&sb);
}

static void test_settings_and_terminal_job(void **state)
{
	struct fixture *f = *state;
	struct print_request rq = PRINT_REQUEST_INIT;
	struct print_job job;
	struct escpos_doc d;
	char *text;
	int cuts;

	assert_int_equal(store_setting_set(f->s, "print_dest", "terminal", &unit_actor), STORE_OK);
	assert_int_equal(store_setting_set(f->s, "print_profile", "80mm", &unit_actor), STORE_OK);
	assert_int_equal(store_setting_set(f->s, "print_cut", "no", &unit_actor), STORE_OK);
	assert_int_equal(store_setting_set(f->s, "receipt_stub", "yes", &unit_actor), STORE_OK);
	assert_int_equal(store_setting_set(f->s, "print_dest", "tcp10.0.0.5", &unit_actor), STORE_REFUSED);
	assert_int_equal(store_setting_set(f->s, "print_format", "pdf", &unit_actor), STORE_REFUSED);
	/* A receipt URL that would not fit a small QR code is refused when set. */
	assert_int_equal(store_setting_set(f->s, "qr_url", "https://rd.example.cn/q?n={number}&c={check}", &unit_actor),
			 STORE_REFUSED);
	assert_non_null(strstr(unit_last_error, "too long"));
	assert_int_equal(store_setting_set(f->s, "qr_url", "https://rd.cn/q/{number}/{check}", &unit_actor), STORE_OK);
	assert_int_equal(store_setting_set(f->s, "qr_url", "", &unit_actor), STORE_OK);
	assert_int_equal(print_job_ticket(f->s, id_of(f), &rq, &job), PRINT_OK);
	assert_int_equal(job.dest.kind, PRINTER_TERMINAL);
	assert_string_equal(job.number, f->number);
	assert_int_equal(job.reprint, 0);
	assert_int_equal(printer_terminal_check(job.data.buf, job.data.len, NULL), 0);
	assert_int_equal(escpos_parse((const unsigned char *)job.data.buf, job.data.len, &d), 0);
	cuts = d.cuts;
	for (size_t i = 0; i < d.n; i++)
		if (d.lines[i].kind == ESCPOS_IMAGE)
			assert_int_equal(d.lines[i].image.width, 576);
	escpos_doc_release(&d);
	assert_int_equal(cuts, 0);
	text = text_of(job.data.buf, job.data.len);
	assert_non_null(strstr(text, "存根联"));
	assert_non_null(strstr(text, "13800138000"));
	free(text);
	print_job_release(&job);

	/* The request wins over the settings. */
	rq.profile = "58mm";
	rq.stub = 0;
	rq.cut = 1;
	rq.dest = f->path;
	assert_int_equal(print_job_ticket(f->s, id_of(f), &rq, &job), PRINT_OK);
	assert_int_equal(job.dest.kind, PRINTER_PATH);
	text = text_of(job.data.buf, job.data.len);
	assert_null(strstr(text, "存根联"));
	free(text);
	assert_int_equal(escpos_parse((const unsigned char *)job.data.buf, job.data.len, &d), 0);
	assert_int_equal(d.cuts, 1);
	escpos_doc_release(&d);
	print_job_release(&job);

	/* A text printer gets text. */
	rq.text = 1;
	assert_int_equal(print_job_ticket(f->s, id_of(f), &rq, &job), PRINT_OK);
	assert_non_null(strstr(job.data.buf, "JD:"));
	assert_null(memchr(job.data.buf, 0x1b, job.data.len));
	print_job_release(&job);
}

static void test_test_page(void **state)
{
	struct fixture *f = *state;
	struct print_request rq = PRINT_REQUEST_INIT;
	struct print_job job;
	struct escpos_doc d;
	int images = 0;

	rq.dest = f->path;
	assert_int_equal(print_job_test(f->s, &rq, &job), PRINT_OK);
	assert_int_equal(job.ticket_id, 0);
	assert_int_equal(escpos_parse((const unsigned char *)job.data.buf, job.data.len, &d), 0);
	for (size_t i = 0; i < d.n; i++) {
		if (d.lines[i].kind == ESCPOS_IMAGE) {
			char *got = zbar_decode_bitmap(&d.lines[i].image);

			assert_string_equal(got, "JIEDAI PRINT TEST");
			free(got);
			images++;
		} else {
			assert_true(d.lines[i].cols <= 32);
		}
	}
	assert_int_equal(images, 1);
	escpos_doc_release(&d);
	assert_int_equal(print_job_send(&job, -1), 0);
	assert_int_equal(print_job_record(f->s, &job, &me_id), PRINT_OK);
	print_job_release(&job);
	assert_int_equal(store_ticket_count_events(f->s, id_of(f), "print"), 0);
}

static void test_render_files(void **state)
{
	struct fixture *f = *state;
	struct print_request rq = PRINT_REQUEST_INIT;
	struct strbuf sb = STRBUF_INIT;
	enum print_format fmt;

	assert_int_equal(print_render(f->s, id_of(f), &rq, PRINT_TEXT, &sb), PRINT_OK);
	assert_non_null(strstr(sb.buf, "张*明"));
	assert_non_null(strstr(sb.buf, "JD:"));
	strbuf_reset(&sb);
	assert_int_equal(print_render(f->s, id_of(f), &rq, PRINT_PBM, &sb), PRINT_OK);
	assert_memory_equal(sb.buf, "P4\n", 3);
	strbuf_reset(&sb);
	assert_int_equal(print_render(f->s, id_of(f), &rq, PRINT_PNG, &sb), PRINT_OK);
	assert_memory_equal(sb.buf, "\x89PNG", 4);
	strbuf_release(&sb);
	/* Writing files is not printing. */
	assert_int_equal(store_ticket_count_events(f->s, id_of(f), "print"), 0);

	assert_int_equal(print_format_from_path("r.bin", &fmt), 0);
	assert_int_equal(fmt, PRINT_ESCPOS);
	assert_int_equal(print_format_from_path("dir.d/qr.png", &fmt), 0);
	assert_int_equal(fmt, PRINT_PNG);
	assert_int_equal(print_format_from_path("dir.d/receipt", &fmt), -1);
	assert_true(print_format_binary(PRINT_PBM));
	assert_false(print_format_binary(PRINT_TEXT));
}

static void test_mcprint_choice(void **state)
{
	(void)state;
	assert_int_equal(print_terminal_use_mcprint("auto", 1), 1);
	assert_int_equal(print_terminal_use_mcprint("auto", 0), 0);
	assert_int_equal(print_terminal_use_mcprint("raw", 1), 0);
	assert_int_equal(print_terminal_use_mcprint("mcprint", 1), 1);
	assert_int_equal(print_terminal_use_mcprint("mcprint", 0), -1);
	assert_non_null(strstr(unit_last_error, "mc5"));
}

/*
 * What a receipt says comes from one builder, and a history that cannot be
 * read makes no receipt: not one that leaves out 更正 or 补打.
 */
static void test_receipt_unreadable(void **state)
{
	struct fixture *f = *state;
	struct receipt_layout lo = { 32, 0, 0, 0, NULL };
	struct print_request rq = PRINT_REQUEST_INIT;
	struct strbuf sb = STRBUF_INIT, text = STRBUF_INIT;
	struct receipt r;
	struct ticket t;

	assert_int_equal(store_ticket_get_id(f->s, id_of(f), &t), STORE_OK);
	/* The text file is the builder's lines as text: stub and 补打 as the settings and history say. */
	lo.stub = 1;
	lo.reprint = -1;
	assert_int_equal(print_receipt_build(f->s, &t, &lo, &r), PRINT_OK);
	receipt_text(&r, 32, &text);
	receipt_release(&r);
	assert_int_equal(store_setting_set(f->s, "receipt_stub", "yes", &unit_actor), STORE_OK);
	assert_int_equal(print_render(f->s, t.id, &rq, PRINT_TEXT, &sb), PRINT_OK);
	assert_string_equal(sb.buf, text.buf);
	/* The history goes from under the store, as in a damaged ledger. */
	assert_int_equal(sqlite3_exec(store_db(f->s),
				      "PRAGMA legacy_alter_table = ON; ALTER TABLE events RENAME TO events_gone", NULL,
				      NULL, NULL),
			 SQLITE_OK);
	lo.reprint = 0;
	assert_int_equal(print_receipt_build(f->s, &t, &lo, &r), PRINT_IO);
	strbuf_reset(&sb);
	assert_int_equal(print_render(f->s, t.id, &rq, PRINT_TEXT, &sb), PRINT_IO);
	ticket_release(&t);
	strbuf_release(&sb);
	strbuf_release(&text);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_print_then_reprint, setup, teardown),
		cmocka_unit_test_setup_teardown(test_failed_print_records_nothing, setup, teardown),
		cmocka_unit_test_setup_teardown(test_refusals, setup, teardown),
		cmocka_unit_test_setup_teardown(test_settings_and_terminal_job, setup, teardown),
		cmocka_unit_test_setup_teardown(test_test_page, setup, teardown),
		cmocka_unit_test_setup_teardown(test_render_files, setup, teardown),
		cmocka_unit_test_setup_teardown(test_receipt_unreadable, setup, teardown),
		cmocka_unit_test(test_mcprint_choice),
	};

	unit_init();
	return cmocka_run_group_tests_name("printjob", tests, NULL, NULL);
}
