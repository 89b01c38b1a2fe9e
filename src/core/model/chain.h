/*
 * chain.h — the ledger's hash chain: tamper evidence for the history.
 *
 * Every event of the ledger (a ticket's steps, a reception day opened or
 * closed, a setting changed, a login mapped to a person …) carries the
 * SHA-256 of the previous event's hash followed by a canonical encoding of
 * its own stored values:
 *
 *	hash(n) = SHA-256(hash(n-1) || canon(event n)),  hash(0) = 32 zero bytes
 *
 * canon() is a fixed sequence of the event's fields, each written as a tag
 * byte (0: NULL, 1: text) and, for text, a 4-byte big-endian length and the
 * bytes exactly as stored.  Numbers are written as decimal text.  The
 * sequence starts with the version string "jiedai-event-1".  Fields, in
 * order: id, ticket number, day (station and date, "LJ 2026-03-10"),
 * subject, at, kind, actor, login, client, status_from, status_to, unit,
 * due_date, method, rating, text, data, state.
 *
 * So an event changed after it was written no longer matches its hash, one
 * removed or moved breaks the link of the next, and the newest hash (the
 * chain's head) pins the whole history: its first 48 bits, written as
 * 台账校验码 3F9A-C21E-77B0, are printed on registers and day summaries, and
 * `jiedai check --anchor` proves a ledger still holds that state.
 *
 * SHA-256 comes from Nettle (Debian nettle-dev); this module holds no
 * cryptography of its own.
 */
#ifndef JIEDAI_CHAIN_H
#define JIEDAI_CHAIN_H

#include <stddef.h>
#include <stdint.h>

#define CHAIN_HASH_LEN 32
/* "3F9A-C21E-77B0" and its terminating NUL. */
#define CHAIN_ANCHOR_LEN 15
#define CHAIN_ANCHOR_BYTES 6

/* The stored values of one event, in canonical order (any may be NULL). */
struct chain_event {
	int64_t id;
	const char *ticket;	/* the ticket's number, or NULL for a ledger event */
	const char *day;	/* "STATION DATE" of its reception day, or NULL */
	const char *subject;	/* a setting's key, a login …, or NULL */
	const char *at, *kind, *actor, *login, *client;
	const char *status_from, *status_to;
	const char *unit, *due_date, *method, *rating, *text;
	const char *data, *state;
};

/* hash(prev, e) into out; prev NULL means the start of the chain. */
struct sha256_ctx;
/*
 * Feed one text field to c as the chain encodes it: a NULL as the byte 0,
 * else the byte 1, the length as 4 bytes big-endian, then the bytes.  The
 * hub's row digest (hub.c) encodes its fields the same way.
 */
void chain_put_text(struct sha256_ctx *c, const char *s);

void chain_hash(const unsigned char *prev, const struct chain_event *e,
		unsigned char out[CHAIN_HASH_LEN]);

/* The readable anchor of a hash: out gets "3F9A-C21E-77B0". */
void chain_anchor(const unsigned char *hash, char out[CHAIN_ANCHOR_LEN]);

/*
 * Read an anchor as a person types it: case, spaces and dashes do not matter,
 * and O/I/L typed for 0/1 are read as digits.  0 with prefix filled, or -1.
 */
int chain_anchor_parse(const char *text, unsigned char prefix[CHAIN_ANCHOR_BYTES]);

/* Lower-case hex of a hash (65 bytes with the NUL). */
void chain_hex(const unsigned char *hash, char out[2 * CHAIN_HASH_LEN + 1]);

#endif
