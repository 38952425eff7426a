/*
 * usrmgr - the simulated domains' state, shared by the scenario reader
 * (scenario.c) and the simulated backend (backend_sim.c).
 *
 * Copyright (C) 2026 The usrmgr authors.  GPL-3.0-or-later.
 */
#ifndef USRMGR_SIM_WORLD_H
#define USRMGR_SIM_WORLD_H

#include <stdbool.h>
#include <stdio.h>
#include <sys/stat.h>
#include "model.h"
#include "policy.h"
#include "rights.h"

/* One side of a trust: an entry in a Trusted or Trusting Domains list,
 * with the trust password as its NT hash ("" = no password stored). */
struct sim_entry {
	char *partner;
	char *sid;     /* partner's SID when the partner is not simulated */
	char nthash[33];
};

/* The resource PDC's cached secure channel to a trusted domain. */
enum sim_channel {
	SIM_CHANNEL_NONE = 0, /* none cached: the next use builds one */
	SIM_CHANNEL_OK,       /* built while the trust worked; hides a break */
	SIM_CHANNEL_STALE,    /* built with a password no longer in use */
};

struct sim_user {
	char *name;
	char *full_name;
	char *description;
	char nthash[33];
	/* issue 19: the account's properties (accounts.h's meanings) */
	uint32_t flags;       /* UM_ACCT_* */
	char *profile;
	char *script;
	char *home_dir;
	char *home_drive;
	char *workstations;
	int64_t expires;      /* 0: never */
	/* Hours, inverted so that a zeroed user may log on any time: a set
	 * bit (accounts.h's layout) is an hour the user may NOT log on. */
	uint8_t denied_hours[21];
	bool local_account;   /* ACB_TEMPDUP */
	/* a global group of the domain; a member through this alone, as
	 * AD's primaryGroupID makes one (NULL: none) */
	char *primary_group;
};

struct sim_group {
	char *name;
	char *description;
	bool local;        /* a local group (alias), else global */
	char **members;    /* own users (and, local, global groups) by name;
			    * a trusted domain's as DOMAIN\\name */
	size_t n_members;
};

struct sim_domain {
	char *name;
	char *dns_name;
	char *sid;
	char *pdc;
	enum um_dialect dialect;
	bool reachable;
	unsigned latency_ms;
	unsigned down_after;      /* stop answering after this many ops */
	unsigned ops_served;
	/* Faults a scenario asks for (this process only, never written
	 * back): the operations in noop_ops (SIM_OP_* bits) answer success
	 * and change nothing, a PDC that lies. */
	unsigned noop_ops;
	/* UM_CAP_* bits this PDC's server lacks (scenario key "cannot"):
	 * a server that cannot change one direction of an object that
	 * holds both, as Samba AD cannot add one (FACTS.md 3). */
	unsigned lacks;
	/* Add Trusted Domain leaves the old secure channel to that partner
	 * cached (stale) until a reset: the KB's reset before verify. */
	bool stale_after_add;
	/* The server gives back the passwords a trusted-domain object
	 * holds, as Samba AD does over DRSUAPI to a domain administrator
	 * (reads_kept_password): a re-creating Add keeps the other
	 * direction's password (doc/two-way.md). */
	bool reads_kept;
	/* The server keeps every user's primary group, as a Samba classic
	 * PDC without a "set primary group script" (keeps_primary_groups). */
	bool keeps_primary;
	/* It refuses a new primary group (ACCESS_DENIED) without saying so
	 * beforehand, as the RPC backend meets a classic PDC: the engine
	 * learns it at the first try (refuses_primary_groups). */
	bool refuses_primary;
	unsigned generate_users;  /* userNNNNNN, computed on demand */
	struct sim_user *users;
	size_t n_users;
	struct sim_group *groups;
	size_t n_groups;
	struct sim_entry *trusted;   /* outbound: we trust them */
	size_t n_trusted;
	struct sim_entry *trusting;  /* inbound: they trust us */
	size_t n_trusting;
	/* channel[i] belongs to trusted[i] */
	enum sim_channel *channel;
	/* [policy DOMAIN]; READ_ONLY: the operator may read, not change it
	 * (SetDomainInfo answers NT_STATUS_ACCESS_DENIED). */
	struct um_account_policy policy;
	bool policy_read_only;
	/* Policies -> Audit: like Samba, SetInfoPolicy is refused unless
	 * AUDIT_SETTABLE (a PDC that implements it). */
	struct um_audit_policy audit;
	bool audit_settable;
	/* [rights DOMAIN] (sim_rights.c): each right's holders by name, as
	 * the Grant To list shows them; the rights this server does not
	 * keep (bit I: right I); what the operator may do.  Without the
	 * section (RIGHTS_DEFINED false) a fresh Samba DC's. */
	bool rights_defined;
	char **rights[UM_RIGHTS_N];
	size_t n_rights[UM_RIGHTS_N];
	uint32_t rights_unkept;
	enum sim_rights_access {
		SIM_RIGHTS_FULL = 0,
		SIM_RIGHTS_READ,  /* changes: ACCESS_DENIED */
		SIM_RIGHTS_NONE,  /* the list too: a non-administrator */
	} rights_access;
};

/* A scenario's [pair]: the domain pair training, Diagnose and Repair
 * start from, and (optional) a user of the accounts domain and its
 * password for the logon test: a training fixture, kept in the clear. */
struct sim_pair {
	char *resource;  /* domain names; NULL when the scenario has none */
	char *accounts;
	char *user;
	char *password;
};

struct um_sim_world {
	char *name;
	char *description;
	struct sim_pair pair;
	char *state_file;   /* NULL: changes live in memory only */
	struct sim_domain *domains;
	size_t n_domains;
};

/* The operations that change a domain, as noop_ops names them. */
enum {
	SIM_OP_ADD_TRUSTING = 1u << 0,
	SIM_OP_ADD_TRUSTED = 1u << 1,
	SIM_OP_REMOVE_TRUSTING = 1u << 2,
	SIM_OP_REMOVE_TRUSTED = 1u << 3,
	SIM_OP_RESET = 1u << 4,
};

/* The UM_CAP_* bit of a capability's name (add_direction...), 0 if none. */
unsigned sim_cap_bit(const char *name);

/* The SIM_OP_* bit of an operation's name (add_trusted...), 0 if none. */
unsigned sim_op_bit(const char *name);

struct sim_domain *sim_world_domain(struct um_sim_world *w, const char *name);
struct sim_domain *sim_world_by_pdc(struct um_sim_world *w, const char *pdc);
struct sim_entry *sim_find_entry(struct sim_entry *list, size_t n,
				 const char *partner, size_t *index);

bool sim_domain_add_entry(struct um_sim_world *w, struct sim_domain *d,
			  bool trusted, const char *partner, const char *sid,
			  const char *nthash);
void sim_domain_remove_entry(struct sim_domain *d, bool trusted,
			     size_t index);

/* The account policy (sim_policy.c): a new domain's, one key of its
 * [policy] section (NULL when accepted, "" for an unknown key, else what
 * is wrong with the value), the section written back, and SAMR's query
 * and set answered. */
struct um_reply;
void sim_policy_default(struct sim_domain *d);
const char *sim_policy_key(struct sim_domain *d, const char *key,
			   const char *v);
void sim_policy_write(FILE *f, const struct sim_domain *d);
struct um_status sim_policy_query(struct sim_domain *d, TALLOC_CTX *mem,
				  struct um_reply *out);
struct um_status sim_policy_set(struct sim_domain *d,
				const struct um_account_policy *pol);
struct um_status sim_audit_query(struct sim_domain *d, struct um_reply *out);
struct um_status sim_audit_set(struct sim_domain *d,
			       const struct um_audit_policy *audit);
/* User accounts (sim_users.c): the backend's operations on domain D of
 * world W, answering as a Samba DC's SAMR does. */
struct um_args;
struct um_reply;
typedef struct um_status (*sim_user_fn)(struct um_sim_world *w,
					struct sim_domain *d,
					const struct um_args *a,
					TALLOC_CTX *mem, struct um_reply *out);
struct um_status sim_users_query_user(struct um_sim_world *w,
				 struct sim_domain *d,
				const struct um_args *a, TALLOC_CTX *mem,
				struct um_reply *out);
struct um_status sim_users_add_user(struct um_sim_world *w,
				 struct sim_domain *d,
			      const struct um_args *a, TALLOC_CTX *mem,
			      struct um_reply *out);
struct um_status sim_users_set_user(struct um_sim_world *w,
				 struct sim_domain *d,
			      const struct um_args *a, TALLOC_CTX *mem,
			      struct um_reply *out);
struct um_status sim_users_rename_user(struct um_sim_world *w,
				 struct sim_domain *d,
				 const struct um_args *a, TALLOC_CTX *mem,
				 struct um_reply *out);
struct um_status sim_users_delete_user(struct um_sim_world *w,
				 struct sim_domain *d,
				 const struct um_args *a, TALLOC_CTX *mem,
				 struct um_reply *out);
/* Scenario keys of [user D NAME] beyond full_name, description, nthash:
 * false when KEY is not one; *BAD when V is not valid for it. */
bool sim_user_key(TALLOC_CTX *mem, struct sim_user *u, const char *key,
		  const char *v, bool *bad);
void sim_user_write(FILE *f, const struct sim_user *u);

/* The user NAME of D (scenario or generated): its name as stored, or
 * NULL (sim_users.c). */
const char *sim_user_name(struct sim_domain *d, const char *name);
/* Its primary group (NULL: none, or no such user). */
const char *sim_user_primary(struct sim_domain *d, const char *name);

/* Groups (sim_groups.c): the backend's operations, and the scenario
 * keys of [group D NAME] beyond description. */
#define SIM_GROUP_OP(name)                                                \
	struct um_status sim_users_##name(struct um_sim_world *w,         \
					  struct sim_domain *d,            \
					  const struct um_args *a,         \
					  TALLOC_CTX *mem,                 \
					  struct um_reply *out)
SIM_GROUP_OP(query_group);
SIM_GROUP_OP(add_group);
SIM_GROUP_OP(delete_group);
SIM_GROUP_OP(add_member);
SIM_GROUP_OP(remove_member);
SIM_GROUP_OP(set_group);
bool sim_group_key(TALLOC_CTX *mem, struct sim_group *g, const char *key,
		   const char *v, bool *bad);
void sim_group_write(FILE *f, const struct sim_group *g);
/* A user deleted: out of every group of D. */
void sim_groups_forget(struct sim_domain *d, const char *name);
/* A user renamed: its new name in every group of D. */
void sim_groups_rename(struct um_sim_world *w, struct sim_domain *d,
		       const char *name, const char *new_name);
/* User NAME's primary group moves from OLD (NULL: none) to NEW: a
 * member of OLD by name now, of NEW by its primary group alone. */
void sim_groups_swap_primary(struct um_sim_world *w, struct sim_domain *d,
			     const char *name, const char *old,
			     const char *new);
/* The groups of D holding NAME (a user's stored name), with PRIMARY
 * (a user's primary group) among them, in MEM. */
char **sim_groups_of(TALLOC_CTX *mem, struct sim_domain *d,
		     const char *name, const char *primary, size_t *n);
/* GROUP of D as stored, *LOCAL its kind; NULL when D has none. */
const char *sim_group_name(struct sim_domain *d, const char *group,
			   bool *local);

/* User rights (sim_rights.c): LSA's operations, and the [rights D]
 * section: begun (a fresh DC's for D's dialect, empty lists), one key
 * (NULL when accepted, "" for an unknown key, else what is wrong), and
 * written back. */
SIM_GROUP_OP(lookup_names);
SIM_GROUP_OP(lookup_sids);
SIM_GROUP_OP(list_rights);
SIM_GROUP_OP(grant_right);
SIM_GROUP_OP(revoke_right);
void sim_rights_begin(TALLOC_CTX *mem, struct sim_domain *d);
const char *sim_rights_key(TALLOC_CTX *mem, struct sim_domain *d,
			   const char *key, const char *v);
void sim_rights_write(FILE *f, const struct sim_domain *d);

/* Write the world to its state file atomically (no-op without one). */
struct um_status sim_world_save(struct um_sim_world *w);

/* Parse scenario/state text (exposed for tests and fuzzing).  On error,
 * *why says file, line and what is wrong. */
struct um_status sim_world_parse(TALLOC_CTX *mem, const char *path,
				 struct um_sim_world **out, char **why);

#endif
