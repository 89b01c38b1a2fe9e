/*
 * error.h — reporting errors without knowing who listens.
 *
 * Core code reports through error() and returns -1.  What happens to the
 * message is decided by the routine installed with error_set_routine(): the
 * CLI prints to stderr, the screen queues it for the status line.  Core never
 * asks whether curses is running.
 *
 * die() is for commands, main and allocation wrappers only: it calls the
 * installed die hook (the screen restores the terminal there) and exits 3.
 */
#ifndef JIEDAI_ERROR_H
#define JIEDAI_ERROR_H

#include <stdarg.h>

enum error_level { ERROR_WARNING, ERROR_ERROR };

typedef void (*error_routine)(enum error_level level, const char *msg);

/* Report msg and return -1, so `return error(...)` works. */
int error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* error() with ": strerror(errno)" appended; errno is read first. */
int error_errno(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* A message that does not stop anything. */
void warning(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void die(const char *fmt, ...) __attribute__((format(printf, 1, 2), noreturn));

/* Install a routine; NULL restores the stderr default.  Returns the old one. */
error_routine error_set_routine(error_routine r);
/* Called by die() before it prints; the screen puts the terminal back here. */
void error_set_die_hook(void (*hook)(void));

/* The text of the last error() since error_clear(), or "" (lent, until the next error). */
const char *error_last(void);
void error_clear(void);
/* The same for the last warning(). */
const char *error_last_warning(void);

/* Program name used as the prefix of stderr messages. */
void error_set_progname(const char *name);

#define BUG(...) error_bug(__FILE__, __LINE__, __VA_ARGS__)
void error_bug(const char *file, int line, const char *fmt, ...)
	__attribute__((format(printf, 3, 4), noreturn));

#endif
