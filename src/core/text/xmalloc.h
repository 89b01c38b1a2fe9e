/*
 * xmalloc.h — allocation that never returns NULL.
 *
 * On a workstation an allocation failure cannot be handled usefully, so these
 * wrappers report it through die() (which restores the terminal first when the
 * screen is up) and exit.  Every string returned is the caller's to free.
 */
#ifndef JIEDAI_XMALLOC_H
#define JIEDAI_XMALLOC_H

#include <stdarg.h>
#include <stddef.h>

void *xmalloc(size_t n);
void *xcalloc(size_t nmemb, size_t size);
void *xrealloc(void *p, size_t n);
/* Grow an array of nmemb elements of size bytes, checking for overflow. */
void *xreallocarray(void *p, size_t nmemb, size_t size);
char *xstrdup(const char *s);
/* xstrdup() that maps NULL to NULL. */
char *xstrdup0(const char *s);
char *xstrndup(const char *s, size_t n);
char *xasprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
char *xvasprintf(const char *fmt, va_list ap);

#endif
