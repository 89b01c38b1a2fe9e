/*
 * fts.h — the search index's tokenizer ("jiedai" for SQLite FTS5) and the
 * builder that turns the words of a search into an FTS5 query.
 *
 * The index is only ever a way to find candidates faster: the answer to a
 * search is defined by the plain LIKE scan (see store-list.c), and a search
 * through the index must return exactly the same tickets.  What must stay
 * true for that:
 *  - for every word, the query built for it matches every ticket whose
 *    indexed columns contain the word (as LIKE sees it) — a superset;
 *  - words whose query can match more than LIKE would are reported as
 *    inexact, and the store checks them with LIKE as well;
 *  - an index holds the tokens of the tokenizer that wrote it: a change to
 *    the tokens below needs a migration that rebuilds tickets_fts
 *    (INSERT INTO tickets_fts(tickets_fts) VALUES('rebuild')).
 *
 * Tokens.  Text is read as runs of one class, after folding full-width
 * forms to ASCII (u8_fold_cp) and ASCII to lower case:
 *  - Chinese characters (CJK ideographs): each character, plus the bigram
 *    of it and the next character at the same position, so one-character
 *    words, two-character names and longer phrases (a sequence of bigrams)
 *    are all found;
 *  - ASCII letters and digits: the trigrams of the run, one per position,
 *    and its first and last two characters beside the first and last
 *    trigram; a run of one or two characters is a token of its own;
 *  - where a run of one class touches a run of the other ("3组", "村3"),
 *    the two characters at the seam are a token too (mixed queries);
 *  - everything else (spaces, punctuation, other scripts) separates runs.
 * A query string (FTS5_TOKENIZE_QUERY) gives the tokens a matching text must
 * have at consecutive positions: a Chinese run gives its bigrams (or the
 * character alone), a letter/digit run its trigrams (or itself when
 * shorter: which also finds it at the start or end of a longer run), and
 * exactly one character of each class gives the seam token.
 *
 * The query builder asks for as little as keeps the answer a superset:
 * a Chinese run as a phrase of bigrams (exact), a letter/digit run as the
 * trigrams that cover it (not a phrase: fewer tokens to read, and the store
 * checks the word with LIKE), a seam by its seam token, and a run of one or
 * two digits (a token of a large part of the ledger) only when the word has
 * nothing else.
 */
#ifndef JIEDAI_FTS_H
#define JIEDAI_FTS_H

#include <stddef.h>

struct fts5_api;

/* The name under which the tokenizer is registered. */
#define FTS_TOKENIZER "jiedai"

/*
 * Register the tokenizer with a connection's FTS5 (the store finds the
 * fts5_api; see store_fts_register()).  Returns an SQLite result code.
 */
int fts_register(struct fts5_api *api);

/*
 * Tokenize text[0..len) as a document (query = 0) or a query string
 * (query = 1), calling emit for each token: colocated is 1 when the token
 * shares the position of the one before; start and end are byte offsets of
 * the characters it came from.  Stops and returns emit's value when that is
 * non-zero; returns 0 otherwise.
 */
int fts_tokenize(const char *text, int len, int query,
		 int (*emit)(void *arg, int colocated, const char *tok, int ntok, int start, int end),
		 void *arg);

/*
 * Build the FTS5 query for search words (folded as the LIKE search folds
 * them: see u8_fold).  Every word becomes quoted strings ANDed together;
 * the user's text appears only inside double quotes, with quotes doubled,
 * so it can never be read as FTS5 syntax.  exact[i] is set to 1 when the
 * index answers words[i] exactly (a word of Chinese characters only), 0
 * when the caller must also check it with LIKE.  A word that gives the
 * index nothing to look for (a lone letter, two digits at the edge of a
 * number, punctuation) adds no condition and is inexact.
 *
 * Returns the query (caller frees), or NULL when no word gives a condition:
 * then only a scan can answer.
 */
char *fts_query(char *const *words, size_t nwords, unsigned char *exact);

#endif
