/*
 * identity.h — who is acting: the person, their Unix login, their role, and
 * over SSH the client address.  Every event records the first three and the
 * address.
 *
 * A login mapped with `jiedai user add` acts as that deputy, with that role.
 * On a single-user install (no system configuration file) an unmapped login
 * is one person with every role, so a laptop works without set-up.  On a
 * shared box an unmapped login is a deputy.
 */
#ifndef JIEDAI_IDENTITY_H
#define JIEDAI_IDENTITY_H

#include "store.h"

enum role { ROLE_DEPUTY, ROLE_STAFF, ROLE_HEAD };

struct identity {
	char *name;		/* person */
	char *login;
	char *client;		/* SSH client address or "" */
	enum role role;
	int mapped;		/* the login is in the users table */
	int shared;		/* a shared box: /etc/jiedai.conf exists */
	int all_roles;		/* single-user install: may do everything */
	int shared_account;	/* a login several people use (setting shared_logins) */
	int anonymous;		/* a shared account whose person is not chosen yet */
};

/* The current Unix login name (caller frees). */
char *identity_login(void);
/* The client address of this SSH session, or "" (caller frees). */
char *identity_ssh_client(void);

/*
 * Work out who is acting.  as (may be NULL) is a name given with --as.
 *
 * Roles come from the Unix login, never from a name typed: a login mapped
 * with `jiedai user add` has that deputy's role; an unmapped login on a
 * shared box is a deputy whatever --as says.  The exception is a shared
 * account (`jiedai user add LOGIN --shared`), a login the administrator
 * gave to several people: there the person chosen with --as or on the
 * screen acts with their own role, since the account as a whole is trusted.
 * Returns 0, or -1 (reported) when the name given breaks validate_name().
 */
int identity_resolve(struct store *s, const char *as, struct identity *id);
void identity_release(struct identity *id);
/*
 * On a shared account: the person now working (chosen on the screen or with
 * --as), who acts with their own role.  Returns 0, or -1 when the name is
 * not a known deputy or staff member.
 */
int identity_set_person(struct store *s, struct identity *id, const char *name);
/* 0, or -1 with a message when a shared account has not said who is acting. */
int identity_require_person(const struct identity *id);
/* The actor record for events (lends id's strings). */
struct actor identity_actor(const struct identity *id);

const char *role_name(enum role r);
const char *role_label(enum role r);
int role_parse(const char *s, enum role *out);

/*
 * May this person take the action?  Returns 0, or -1 with a message (through
 * error()) saying who may.  Roles for sign-off and void come from settings.
 */
int identity_may(struct store *s, const struct identity *id, enum ticket_action a);

/* ---- the users table ---- */
int store_user_set(struct store *s, const char *login, const char *deputy, enum role role);
/* STORE_OK with *deputy and *role, or STORE_NOTFOUND. */
int store_user_get(struct store *s, const char *login, char **deputy, enum role *role);
struct user_row {
	char *login, *deputy;
	enum role role;
};
int store_user_list(struct store *s, struct user_row **rows, size_t *n);
/* The role recorded for a deputy or staff member: STORE_OK or STORE_NOTFOUND. */
int store_person_role(struct store *s, const char *name, enum role *role);
/* Is login one of the shared accounts?  Add one. */
int store_shared_login(struct store *s, const char *login);
int store_shared_login_add(struct store *s, const char *login);
void store_user_rows_free(struct user_row *rows, size_t n);

#endif
