/*
 * identity.h — who is acting: the person, their Unix login, their role, and
 * over SSH the client address.  Every event records the first three and the
 * address.
 *
 * A person's role comes only from the administrator's set-up, never from
 * anything the person can set (an option, the environment, a setting):
 *  - root is the administrator, with every role;
 *  - on a personal ledger (not in a shared, set-group-ID directory: a
 *    laptop) the one who runs jiedai owns the file and is its
 *    administrator too;
 *  - on a shared ledger a login mapped by `jiedai user add` (as root) acts
 *    as that person with that role; a login marked shared acts as the
 *    person chosen on the screen or with --as, with that person's role; any
 *    other login is not a person of this ledger and may do nothing.
 * What each role may do is the table in ledger.h.
 */
#ifndef JIEDAI_IDENTITY_H
#define JIEDAI_IDENTITY_H

#include "role.h"
#include "store.h"

struct identity {
	char *name;		/* person */
	char *login;
	char *client;		/* SSH client address or "" */
	enum role role;
	int known;		/* a person of this ledger (mapped, shared or administrator) */
	int mapped;		/* the login is in the users table */
	int shared;		/* the ledger is shared (a set-group-ID directory) */
	int admin;		/* root, or the owner of a personal ledger: may do everything */
	int shared_account;	/* a login several people use (setting shared_logins) */
	int anonymous;		/* a shared account whose person is not chosen yet */
};

/* The current Unix login name (caller frees). */
char *identity_login(void);
/* The client address of this SSH session, or "" (caller frees). */
char *identity_ssh_client(void);

/*
 * Work out who is acting on ledger s.  as (may be NULL) is a name given
 * with --as; JIEDAI_ACTOR stands in for it where a name may be chosen.
 * Returns 0, or -1 with a message when the name given breaks
 * validate_name(), or names someone else on a login mapped to one person.
 */
int identity_resolve(struct store *s, const char *as, struct identity *id);
void identity_release(struct identity *id);
/*
 * On a shared account: the person now working (chosen on the screen or with
 * --as), who acts with their own role.  Returns 0, or -1 when the name is
 * not a known deputy or staff member.
 */
int identity_set_person(struct store *s, struct identity *id, const char *name);
/*
 * The personal-data rule: whose voters this person may see in full — NULL
 * for everyone's (staff, the head, the administrator), or the person's
 * name (a deputy sees the voters they received and those of the items they
 * were given to follow up; others masked).  identity_resolve() and
 * identity_set_person() hand it to the store (store_set_viewer()), so every
 * read below the screen and the command line follows it.
 */
const char *identity_viewer(const struct identity *id);
/* 0, or -1 with a message when a shared account has not said who is acting. */
int identity_require_person(const struct identity *id);
/* The actor record for events (lends id's strings). */
struct actor identity_actor(const struct identity *id);

#endif
