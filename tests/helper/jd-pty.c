/*
 * jd-pty — run a command on a pseudo-terminal and keep every byte it sends
 * to the terminal, for tests of terminal pass-through printing.
 *
 *   jd-pty OUTFILE COMMAND [ARG...]
 *
 * The terminal has the usual settings (OPOST and ONLCR on, so a program
 * that forgets to turn them off gets CR LF where it wrote LF).  Exits with
 * the command's exit code.  Gives up after 60 seconds.
 */
#include <errno.h>
#include <pty.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <unistd.h>

int main(int argc, char **argv)
{
	struct winsize ws = { 24, 80, 0, 0 };
	char buf[4096];
	int master, status;
	pid_t pid;
	ssize_t r;
	FILE *f;

	if (argc < 3) {
		fprintf(stderr, "usage: jd-pty OUTFILE COMMAND [ARG...]\n");
		return 2;
	}
	f = fopen(argv[1], "wb");
	if (!f) {
		perror(argv[1]);
		return 2;
	}
	alarm(60);
	pid = forkpty(&master, NULL, NULL, &ws);
	if (pid < 0) {
		perror("forkpty");
		return 2;
	}
	if (pid == 0) {
		execvp(argv[2], argv + 2);
		perror(argv[2]);
		_exit(127);
	}
	/* Read until the child's side closes (EIO on Linux). */
	for (;;) {
		r = read(master, buf, sizeof(buf));
		if (r > 0) {
			fwrite(buf, 1, (size_t)r, f);
			continue;
		}
		if (r < 0 && errno == EINTR)
			continue;
		break;
	}
	fclose(f);
	if (waitpid(pid, &status, 0) < 0)
		return 2;
	return WIFEXITED(status) ? WEXITSTATUS(status) : 128;
}
