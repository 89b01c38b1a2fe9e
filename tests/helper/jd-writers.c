/*
 * jd-writers — N processes each storing M tickets in one ledger at once.
 *
 *   jd-writers DB PROCESSES TICKETS
 *
 * Each child opens its own connection, as separate jiedai programs would,
 * and adds its tickets one transaction each.  Prints one line per child
 * ("child K: stored S, errors E") and exits non-zero if any ticket failed.
 * The numbers themselves are checked by the calling test through jiedai list.
 *
 * Each child waits up to 60 s for the write lock instead of the CLI's 10 s:
 * on a loaded CI disk eight processes fsyncing in turn can exceed 10 s, and
 * what this test checks is that waiting writers all get distinct, gapless
 * numbers — not how long a disk takes.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "error.h"
#include "store.h"
#include "store-write.h"

static int child(const char *db, int k, int m)
{
	struct store *s;
	int errors = 0, stored = 0;
	char name[32];
	struct actor who = { "测试代表", "tester", "" };

	if (store_open(db, 0, &s) != STORE_OK) {
		printf("child %d: cannot open: %s\n", k, error_last());
		fflush(stdout);	/* the child leaves with _exit() */
		return 1;
	}
	store_set_busy(s, 60000, NULL, NULL);
	for (int i = 0; i < m; i++) {
		struct intake in = { .name = name, .category = "其他", .issue = "并发写入测试" };
		struct ticket t;

		snprintf(name, sizeof(name), "选民%d-%d", k, i);
		if (store_ticket_add(s, &in, &who, &t) == STORE_OK) {
			stored++;
			ticket_release(&t);
		} else {
			if (!errors)
				printf("child %d: ticket %d failed: %s\n", k, i, error_last());
			errors++;
		}
	}
	store_close(s);
	printf("child %d: stored %d, errors %d\n", k, stored, errors);
	fflush(stdout);
	return errors ? 1 : 0;
}

int main(int argc, char **argv)
{
	int n, m, failed = 0;

	if (argc != 4) {
		fprintf(stderr, "usage: jd-writers DB PROCESSES TICKETS\n");
		return 2;
	}
	n = atoi(argv[2]);
	m = atoi(argv[3]);
	for (int k = 0; k < n; k++) {
		pid_t pid = fork();

		if (pid < 0) {
			perror("fork");
			return 1;
		}
		if (pid == 0)
			_exit(child(argv[1], k, m));
	}
	for (int k = 0; k < n; k++) {
		int st;

		if (wait(&st) < 0 || !WIFEXITED(st) || WEXITSTATUS(st) != 0)
			failed++;
	}
	return failed ? 1 : 0;
}
