/*
 * jd-listen — a one-shot network printer for tests.
 *
 *   jd-listen PORTFILE OUTFILE	listen on 127.0.0.1 (a free port), write the
 *				port to PORTFILE once listening, take one
 *				connection, save what it sends to OUTFILE
 *   jd-listen --free-port	print a port nobody listens on
 *
 * Gives up after 60 seconds so a broken test never hangs.
 */
#include <arpa/inet.h>
#include <netinet/in.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

static int bound(int *port)
{
	struct sockaddr_in a;
	socklen_t len = sizeof(a);
	int fd = socket(AF_INET, SOCK_STREAM, 0);

	memset(&a, 0, sizeof(a));
	a.sin_family = AF_INET;
	a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	if (fd < 0 || bind(fd, (struct sockaddr *)&a, sizeof(a)) < 0 ||
	    getsockname(fd, (struct sockaddr *)&a, &len) < 0) {
		perror("jd-listen");
		return -1;
	}
	*port = ntohs(a.sin_port);
	return fd;
}

int main(int argc, char **argv)
{
	char tmp[4096], buf[4096];
	int port, fd, c;
	FILE *f;
	ssize_t r;

	alarm(60);
	if (argc == 2 && !strcmp(argv[1], "--free-port")) {
		fd = bound(&port);
		if (fd < 0)
			return 1;
		close(fd);
		printf("%d\n", port);
		return 0;
	}
	if (argc != 3) {
		fprintf(stderr, "usage: jd-listen PORTFILE OUTFILE | --free-port\n");
		return 2;
	}
	fd = bound(&port);
	if (fd < 0 || listen(fd, 1) < 0)
		return 1;
	/* The port file appears whole, and only once we listen. */
	snprintf(tmp, sizeof(tmp), "%s.tmp", argv[1]);
	f = fopen(tmp, "w");
	if (!f || fprintf(f, "%d\n", port) < 0 || fclose(f) != 0 || rename(tmp, argv[1]) < 0) {
		perror(argv[1]);
		return 1;
	}
	c = accept(fd, NULL, NULL);
	if (c < 0) {
		perror("accept");
		return 1;
	}
	f = fopen(argv[2], "wb");
	if (!f) {
		perror(argv[2]);
		return 1;
	}
	while ((r = read(c, buf, sizeof(buf))) > 0)
		fwrite(buf, 1, (size_t)r, f);
	if (fclose(f) != 0)
		return 1;
	close(c);
	close(fd);
	return r < 0 ? 1 : 0;
}
