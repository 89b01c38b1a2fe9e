/*
 * test-receipt.c — the receipt's QR payload in both forms and read back,
 * QR codes decoded in-process with libzbar (several payloads, URL templates
 * among them), masking on the voter's part, the stub and the reprint mark,
 * and the QR image files (PBM; PNG structure).
 */
#include "unit.h"

#include "qrimage.h"
#include "receipt.h"
#include "receipt-text.h"
#include "store.h"
#include "strbuf.h"
#include "u8.h"
#include "zbar-decode.h"

static const struct actor me = { "王芳", "wangfang", "" };

static void test_payload_forms(void **state)
{
	char *p, *n, *c;

	(void)state;
	p = receipt_payload("LJ-2026-0153", "K7MPX", NULL);
	assert_string_equal(p, "JD:LJ-2026-0153:K7MPX");
	assert_int_equal(receipt_parse_payload(p, NULL, &n, &c), 0);
	assert_string_equal(n, "LJ-2026-0153");
	assert_string_equal(c, "K7MPX");
	free(n);
	free(c);
	free(p);

	/* A scanner may type lower case, full-width characters and a trailing blank. */
	assert_int_equal(receipt_parse_payload("ｊｄ:lj-2026-0153:K7MPX ", NULL, &n, &c), 0);
	assert_string_equal(n, "LJ-2026-0153");
	free(n);
	free(c);

	p = receipt_payload("LJ-2026-0153", "K7MPX", "https://rd.example.cn/q?n={number}&c={check}");
	assert_string_equal(p, "https://rd.example.cn/q?n=LJ-2026-0153&c=K7MPX");
	assert_int_equal(receipt_parse_payload(p, "https://rd.example.cn/q?n={number}&c={check}", &n, &c), 0);
	assert_string_equal(n, "LJ-2026-0153");
	assert_string_equal(c, "K7MPX");
	free(n);
	free(c);
	/* The JD: form is read whatever the template. */
	assert_int_equal(receipt_parse_payload("JD:LJ-2026-0001:34679", "https://x.cn/{number}/{check}", &n, &c), 0);
	free(n);
	free(c);
	free(p);

	assert_int_equal(receipt_parse_payload("LJ-2026-0153", NULL, &n, &c), -1);
	assert_null(n);
	assert_int_equal(receipt_parse_payload("JD:LJ-2026-0153", NULL, &n, &c), -1);
	assert_int_equal(receipt_parse_payload("https://other.cn/q?n=1&c=2", "https://rd.example.cn/q?n={number}&c={check}", &n, &c), -1);
}

/* Payloads read back whatever the template and the number hold (found by fuzz-payload). */
static void test_payload_templates(void **state)
{
	static const char *const cases[][2] = {
		/* a number format with slashes, a template with slashes */
		{ "https://x.cn/q/{number}/{check}", "LJ/2026/0001" },
		/* the placeholders side by side */
		{ "https://x.cn/{number}{check}", "LJ-2026-0001" },
		{ "https://x.cn/{check}{number}", "LJ-2026-0001" },
		/* a placeholder twice */
		{ "https://x.cn/{number}?c={check}&n={number}", "LJ-2026-0001" },
		{ "https://x.cn/{check}/{number}-{check}", "X-1-2" },
		/* the template's own characters in the number */
		{ "https://x.cn/?n={number}&c={check}", "LJ&c=2026" },
	};
	char *p, *n, *c;

	(void)state;
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		p = receipt_payload(cases[i][1], "K7MPX", cases[i][0]);
		assert_int_equal(receipt_parse_payload(p, cases[i][0], &n, &c), 0);
		assert_string_equal(n, cases[i][1]);
		assert_string_equal(c, "K7MPX");
		free(n);
		free(c);
		free(p);
	}
	/* A placeholder given twice must hold the same text both times. */
	assert_int_equal(receipt_parse_payload("https://x.cn/LJ-1?c=K7MPX&n=LJ-2",
					       "https://x.cn/{number}?c={check}&n={number}", &n, &c), -1);
	assert_null(n);
	assert_null(c);
	/* A template without {check} gives nothing to check: not a payload. */
	assert_int_equal(receipt_parse_payload("https://x.cn/LJ-1", "https://x.cn/{number}", &n, &c), -1);
	/* Too short for a check code. */
	assert_int_equal(receipt_parse_payload("https://x.cn/q/L/K7MP", "https://x.cn/q/{number}/{check}", &n, &c), -1);
}

/* Encode, draw at 8 px per module with a 4-module quiet zone, decode with zbar. */
static void roundtrip(const char *payload)
{
	struct bitmap bm;
	unsigned char *m;
	int w, v;
	char *got;

	m = receipt_qr(payload, &w, &v);
	assert_non_null(m);
	assert_true(v >= 1 && v <= QR_MAX_VERSION);
	assert_int_equal(w, 17 + 4 * v);
	qrimage_draw(&bm, m, w, QRIMAGE_FILE_SCALE, QRIMAGE_QUIET, 0, 0);
	assert_int_equal(bm.width, (w + 8) * 8);
	got = zbar_decode_bitmap(&bm);
	assert_non_null(got);
	assert_string_equal(got, payload);
	free(got);
	bitmap_release(&bm);
	free(m);
}

static void test_qr_decodes(void **state)
{
	(void)state;
	roundtrip("JD:LJ-2026-0001:K7MPX");
	roundtrip("JD:QX-2026-12345:34679");
	roundtrip("JD:STATION8-2026-0001:ACEFH");
	roundtrip("https://rd.cn/q?n=LJ-2026-0153&c=K7MPX");
	roundtrip("http://10.0.0.5/t/LJ-2026-0153/K7MPX");
}

static void test_qr_too_long(void **state)
{
	int w, v;

	(void)state;
	/* Version 3 at level M holds 42 bytes; more would not fit an 80x24 screen. */
	assert_null(receipt_qr("https://a-very-long-host-name.example.gov.cn/receipts/lookup?number=LJ-2026-0153&check=K7MPX", &w, &v));
}

/* A wider canvas puts the code where asked and leaves the rest white. */
static void test_canvas_and_shift(void **state)
{
	unsigned char m[21 * 21];
	struct bitmap bm;
	int w, v;
	unsigned char *qr = receipt_qr("JD:A:B", &w, &v);
	char *got;

	(void)state;
	memcpy(m, qr, sizeof(m));
	qrimage_draw(&bm, m, 21, 6, 4, 384, 100);
	assert_int_equal(bm.width, 384);
	assert_int_equal(bm.height, 29 * 6);
	for (int y = 0; y < bm.height; y++) {
		for (int x = 0; x < 100 + 4 * 6; x++)
			assert_int_equal(bitmap_get(&bm, x, y), 0);
		for (int x = 100 + 25 * 6; x < 384; x++)
			assert_int_equal(bitmap_get(&bm, x, y), 0);
	}
	/* The finder pattern's corner module is dark at its place. */
	assert_int_equal(bitmap_get(&bm, 100 + 24, 24), 1);
	got = zbar_decode_bitmap(&bm);
	assert_string_equal(got, "JD:A:B");
	free(got);
	bitmap_release(&bm);
	free(qr);
}

static void test_pbm_png(void **state)
{
	struct strbuf sb = STRBUF_INIT;
	struct bitmap bm;

	(void)state;
	bitmap_init(&bm, 10, 2);
	bitmap_set(&bm, 0, 0, 1);
	bitmap_set(&bm, 9, 1, 1);
	qrimage_pbm(&bm, &sb);
	assert_int_equal(sb.len, strlen("P4\n10 2\n") + 4);
	assert_memory_equal(sb.buf, "P4\n10 2\n\x80\x00\x00\x40", sb.len);
	strbuf_reset(&sb);
	qrimage_png(&bm, &sb);
	assert_memory_equal(sb.buf, "\x89PNG\r\n\x1a\n", 8);
	assert_memory_equal(sb.buf + 12, "IHDR", 4);
	/* width 10, height 2, depth 1, greyscale */
	assert_memory_equal(sb.buf + 16, "\0\0\0\x0a\0\0\0\x02\x01\x00", 10);
	assert_memory_equal(sb.buf + sb.len - 8, "IEND\xae\x42\x60\x82", 8);
	strbuf_release(&sb);
	bitmap_release(&bm);
}

static char *joined(const struct receipt *r)
{
	struct strbuf sb = STRBUF_INIT;

	for (size_t i = 0; i < r->n; i++) {
		strbuf_adds(&sb, r->lines[i].text);
		strbuf_addch(&sb, '\n');
	}
	return strbuf_detach(&sb);
}

static void test_layout_masks_voter(void **state)
{
	struct store *s;
	struct intake in = { .name = "张三明", .phone = "13800138000", .address = "陵江镇二村三组",
			     .category = "农业农村", .issue = "灌溉水渠年久失修" };
	struct receipt_info info = { "陵江镇人大代表联络站", "0817-1234567", "", 15, 0, 0, NULL };
	struct ticket t;
	struct receipt r;
	char *all, *stub;
	size_t qr_lines = 0;

	(void)state;
	assert_int_equal(store_open(unit_path("r.db"), STORE_CREATE, &s), STORE_OK);
	assert_int_equal(store_setting_set(s, "station_code", "LJ", &unit_actor), STORE_OK);
	assert_int_equal(store_ticket_add(s, &in, &me, &t), STORE_OK);

	assert_int_equal(receipt_build(&r, &t, &info, 32), 0);
	all = joined(&r);
	assert_non_null(strstr(all, "张*明"));
	assert_non_null(strstr(all, "138****8000"));
	assert_null(strstr(all, "张三明"));
	assert_null(strstr(all, "13800138000"));
	assert_null(strstr(all, "二村三组"));
	assert_null(strstr(all, "补打"));
	assert_non_null(strstr(all, "2026-03-25"));	/* answer promised in 15 days */
	for (size_t i = 0; i < r.n; i++) {
		if (r.lines[i].style & RS_QR)
			qr_lines++;
		else
			assert_true(u8_width(r.lines[i].text) <= 32 || (r.lines[i].style & RS_CENTER));
	}
	assert_int_equal(qr_lines, 1);
	free(all);
	receipt_release(&r);

	info.stub = 1;
	info.reprint = 1;
	assert_int_equal(receipt_build(&r, &t, &info, 48), 0);
	all = joined(&r);
	stub = strstr(all, "存根联");
	assert_non_null(stub);
	assert_non_null(strstr(all, "补打"));
	/* Full details only below the stub line. */
	assert_non_null(strstr(stub, "张三明"));
	assert_non_null(strstr(stub, "13800138000"));
	assert_non_null(strstr(stub, "陵江镇二村三组"));
	*stub = '\0';
	assert_null(strstr(all, "张三明"));
	free(all);
	{
		/* As text, a dashed tear line parts the stub from the voter's part. */
		struct strbuf txt = STRBUF_INIT;
		char *at;

		receipt_text(&r, 48, &txt);
		at = strstr(txt.buf, "\n- - - - - - - - - - - - - - - - - - - - - - - -\n");
		assert_non_null(at);
		assert_non_null(strstr(at, "存根联"));
		assert_null(strstr(at + 1, "\n- - -"));
		strbuf_release(&txt);
	}
	receipt_release(&r);
	ticket_release(&t);
	store_close(s);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_payload_forms),
		cmocka_unit_test(test_payload_templates),
		cmocka_unit_test(test_qr_decodes),
		cmocka_unit_test(test_qr_too_long),
		cmocka_unit_test(test_canvas_and_shift),
		cmocka_unit_test(test_pbm_png),
		cmocka_unit_test(test_layout_masks_voter),
	};

	unit_init();
	return cmocka_run_group_tests_name("receipt", tests, NULL, NULL);
}
