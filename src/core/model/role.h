/*
 * role.h — the roles a person of a ledger has: deputy (代表), staff
 * (工作人员) and head (站长).  Who holds which is identity.h's business;
 * what each may do is the table in ledger.h.
 */
#ifndef JIEDAI_ROLE_H
#define JIEDAI_ROLE_H

enum role { ROLE_DEPUTY, ROLE_STAFF, ROLE_HEAD };

/* "deputy", "staff", "head": the words settings and the users table keep. */
const char *role_name(enum role r);
/* The same for people (translated). */
const char *role_label(enum role r);
/* A role from its name or its label: 0, or -1 when s is neither. */
int role_parse(const char *s, enum role *out);

#endif
