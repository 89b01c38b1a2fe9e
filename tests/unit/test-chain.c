/*
 * test-chain.c — the hash chain's canonical encoding against vectors worked
 * out independently of Nettle (by hand-written encoding and Python's hashlib),
 * so another program (the county hub) can recompute the chain; and anchors.
 */
#include "unit.h"

#include "chain.h"

static void test_vectors(void **state)
{
	struct chain_event e = {
		.id = 7, .ticket = "LJ-2026-0001", .at = "2026-03-10T09:30:00", .kind = "register",
		.actor = "王芳", .login = "wangfang", .client = "", .status_to = "registered",
		.data = "{}", .state = "{\"name\":\"张三\"}",
	};
	struct chain_event d = {
		.id = 8, .day = "LJ 2026-03-10", .at = "2026-03-10T09:31:00", .kind = "day-close",
		.actor = "王芳", .login = "wangfang", .client = "", .data = "{}",
	};
	unsigned char h1[CHAIN_HASH_LEN], h2[CHAIN_HASH_LEN];
	char hex[2 * CHAIN_HASH_LEN + 1];

	(void)state;
	chain_hash(NULL, &e, h1);
	chain_hex(h1, hex);
	assert_string_equal(hex, "0e2074ce6a9efb00add7edd1a3652c747cb5d0496db82cfb0a12390ce73ce28d");
	chain_hash(h1, &d, h2);
	chain_hex(h2, hex);
	assert_string_equal(hex, "933810c2494dee6a05c99f1339489ea3955e5eee970dd9b180c98fc904e58139");
}

/* NULL and "" are different values, and moving a value to the next field changes the hash. */
static void test_fields_are_distinct(void **state)
{
	struct chain_event a = { .id = 1, .kind = "print", .text = "" };
	struct chain_event b = { .id = 1, .kind = "print" };
	struct chain_event c = { .id = 1, .kind = "print", .rating = "" };
	unsigned char ha[CHAIN_HASH_LEN], hb[CHAIN_HASH_LEN], hc[CHAIN_HASH_LEN];

	(void)state;
	chain_hash(NULL, &a, ha);
	chain_hash(NULL, &b, hb);
	chain_hash(NULL, &c, hc);
	assert_memory_not_equal(ha, hb, CHAIN_HASH_LEN);
	assert_memory_not_equal(ha, hc, CHAIN_HASH_LEN);
}

static void test_anchor(void **state)
{
	unsigned char h[CHAIN_HASH_LEN] = { 0x3f, 0x9a, 0xc2, 0x1e, 0x77, 0xb0, 0x11 };
	unsigned char p[CHAIN_ANCHOR_BYTES];
	char a[CHAIN_ANCHOR_LEN];

	(void)state;
	chain_anchor(h, a);
	assert_string_equal(a, "3F9A-C21E-77B0");
	assert_int_equal(chain_anchor_parse("3f9a c21e 77bo", p), 0);
	assert_memory_equal(p, h, CHAIN_ANCHOR_BYTES);
	assert_int_equal(chain_anchor_parse("3F9A-C21E-77B", p), -1);
	assert_int_equal(chain_anchor_parse("3F9A-C21E-77B00", p), -1);
	assert_int_equal(chain_anchor_parse("3F9A-C21E-77BZ", p), -1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_vectors),
		cmocka_unit_test(test_fields_are_distinct),
		cmocka_unit_test(test_anchor),
	};

	unit_init();
	return cmocka_run_group_tests(tests, NULL, NULL);
}
