/* chain.c — see chain.h. */
#include "chain.h"

#include <ctype.h>
#include <stdio.h>
#include <string.h>

#include <nettle/sha2.h>

#define CHAIN_VERSION "jiedai-event-1"

void chain_put_text(struct sha256_ctx *c, const char *s)
{
	unsigned char head[5];
	size_t n;

	if (!s) {
		head[0] = 0;
		sha256_update(c, 1, head);
		return;
	}
	n = strlen(s);
	head[0] = 1;
	head[1] = (unsigned char)(n >> 24);
	head[2] = (unsigned char)(n >> 16);
	head[3] = (unsigned char)(n >> 8);
	head[4] = (unsigned char)n;
	sha256_update(c, sizeof(head), head);
	sha256_update(c, n, (const uint8_t *)s);
}

void chain_hash(const unsigned char *prev, const struct chain_event *e,
		unsigned char out[CHAIN_HASH_LEN])
{
	static const unsigned char zero[CHAIN_HASH_LEN];
	struct sha256_ctx c;
	char id[24];

	sha256_init(&c);
	sha256_update(&c, CHAIN_HASH_LEN, prev ? prev : zero);
	chain_put_text(&c, CHAIN_VERSION);
	snprintf(id, sizeof(id), "%lld", (long long)e->id);
	chain_put_text(&c, id);
	chain_put_text(&c, e->ticket);
	chain_put_text(&c, e->day);
	chain_put_text(&c, e->subject);
	chain_put_text(&c, e->at);
	chain_put_text(&c, e->kind);
	chain_put_text(&c, e->actor);
	chain_put_text(&c, e->login);
	chain_put_text(&c, e->client);
	chain_put_text(&c, e->status_from);
	chain_put_text(&c, e->status_to);
	chain_put_text(&c, e->unit);
	chain_put_text(&c, e->due_date);
	chain_put_text(&c, e->method);
	chain_put_text(&c, e->rating);
	chain_put_text(&c, e->text);
	chain_put_text(&c, e->data);
	chain_put_text(&c, e->state);
	sha256_digest(&c, CHAIN_HASH_LEN, out);
}

static const char hexdigits[] = "0123456789ABCDEF";

void chain_anchor(const unsigned char *hash, char out[CHAIN_ANCHOR_LEN])
{
	size_t k = 0;

	for (int i = 0; i < CHAIN_ANCHOR_BYTES; i++) {
		if (i && i % 2 == 0)
			out[k++] = '-';
		out[k++] = hexdigits[hash[i] >> 4];
		out[k++] = hexdigits[hash[i] & 15];
	}
	out[k] = '\0';
}

int chain_anchor_parse(const char *text, unsigned char prefix[CHAIN_ANCHOR_BYTES])
{
	int nibbles = 0;

	memset(prefix, 0, CHAIN_ANCHOR_BYTES);
	for (const char *p = text; *p; p++) {
		int c = toupper((unsigned char)*p), v;

		if (c == ' ' || c == '-' || c == '\t')
			continue;
		if (c == 'O')
			c = '0';
		else if (c == 'I' || c == 'L')
			c = '1';
		if (c >= '0' && c <= '9')
			v = c - '0';
		else if (c >= 'A' && c <= 'F')
			v = c - 'A' + 10;
		else
			return -1;
		if (nibbles >= 2 * CHAIN_ANCHOR_BYTES)
			return -1;
		prefix[nibbles / 2] |= (unsigned char)(nibbles % 2 ? v : v << 4);
		nibbles++;
	}
	return nibbles == 2 * CHAIN_ANCHOR_BYTES ? 0 : -1;
}

void chain_hex(const unsigned char *hash, char out[2 * CHAIN_HASH_LEN + 1])
{
	for (int i = 0; i < CHAIN_HASH_LEN; i++) {
		out[2 * i] = (char)tolower((unsigned char)hexdigits[hash[i] >> 4]);
		out[2 * i + 1] = (char)tolower((unsigned char)hexdigits[hash[i] & 15]);
	}
	out[2 * CHAIN_HASH_LEN] = '\0';
}
