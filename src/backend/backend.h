/*
 * usrmgr - the backend interface: one table of operations per kind of PDC.
 *
 * Every operation is a tevent request on one PDC: op_send() starts it,
 * the backend's recv() collects it.  The model waits on its own event loop,
 * so the screens stay responsive and an operation can be cancelled by
 * freeing its request.  Backends never draw, never prompt and never call
 * up into the model: credentials come to them complete, and what the
 * operator should be told travels in the reply (um_reply.note).
 *
 * Copyright (C) 2026 The usrmgr authors.  GPL-3.0-or-later.
 */
#ifndef USRMGR_BACKEND_H
#define USRMGR_BACKEND_H

#include <tevent.h>
#include "model.h"
#include "policy.h"
#include "accounts.h"
#include "rights.h"

/* What an operation is given.  Unused fields are zero. */
struct um_args {
	const char *partner;              /* partner domain's NetBIOS name */
	const char *partner_dns;          /* its DNS name, if known */
	const char *partner_sid;          /* its SID, if known */
	const struct um_secret *password; /* trust or user password */
	/* add_trusting / add_trusted: make the object two-way, both
	 * directions with PASSWORD (UM_CAP_REKEY_TWO_WAY) */
	bool two_way_rekey;
	/* ... and the direction the object holds keeps its password, read
	 * from the server first (UM_CAP_KEEP_PASSWORD): only PASSWORD's
	 * direction is new; refused, nothing changed, when it cannot be
	 * read */
	bool keep_password;
	/* add_trusting / add_trusted: the PDC's lists, read since the last
	 * change on it, hold no object for PARTNER: no need to ask again */
	bool known_absent;
	const char *user;                 /* logon test: "DOM\\user" */
	uint32_t resume;                  /* paging: where to go on */
	uint32_t max;                     /* paging: entries wanted */
	const struct um_account_policy *policy; /* set_account_policy */
	const struct um_audit_policy *audit;    /* set_audit_policy */
	const struct um_account *account; /* add_user, set_user: checked */
	const char *new_name;             /* rename_user: checked */
	const char *group;                /* group ops; member: args.user */
	/* add_member, remove_member: the SID of a member of another
	 * (trusted) domain, looked up through LSA by the engine; NULL for
	 * the domain's own, which the backend looks up itself. */
	const char *member_sid;
	const struct um_group_info *group_info; /* add_group: checked */
	const char *right;                /* rights ops: LSA's name */
	const char *const *names;         /* lookup_names: as typed */
	const char *const *sids;          /* lookup_sids */
	size_t n_names;                   /* entries of names or sids */
	const struct um_name *accounts;   /* grant/revoke: looked up */
	size_t n_accounts;
};

/* What an operation answers.  The recv function fills what applies. */
struct um_reply {
	struct um_domain_info info;       /* domain_info */
	struct um_trust *trusts;          /* list_trusts: both directions */
	size_t n_trusts;
	struct um_user *users;
	size_t n_users;
	struct um_group *groups;
	size_t n_groups;
	struct um_page page;              /* paged lists */
	char *pdc;                        /* locate_dc */
	struct um_status detail;          /* verify: the channel's status */
	struct um_account_policy policy;  /* query_account_policy */
	struct um_audit_policy audit;     /* query_audit_policy */
	struct um_account *account;       /* query_user */
	struct um_group_info *group;      /* query_group */
	/* lookup_names, lookup_sids: one entry per name or SID asked, in
	 * order; list_rights: the holders of args.right.  Each name as
	 * LSA gives it, "DOMAIN\\name" ("name" when LSA gives no domain);
	 * an unmapped entry has kind UM_NAME_UNKNOWN. */
	struct um_name *names;
	size_t n_names;
	/* For the operator, whatever the status ("the connection was
	 * reopened", where to run a step): lines the model hands to its
	 * note hook.  NULL: nothing to say. */
	char *note;
};

typedef struct tevent_req *(*um_op_send_fn)(TALLOC_CTX *mem,
					    struct tevent_context *ev,
					    struct um_pdc *pdc,
					    const struct um_args *args);
/* Collect any operation; MEM owns what REPLY points to. */
typedef struct um_status (*um_op_recv_fn)(struct tevent_req *req,
					  TALLOC_CTX *mem,
					  struct um_reply *reply);

struct um_backend_ops {
	const char *name;

	/* The domain this PDC serves: names, SID, dialect. */
	um_op_send_fn domain_info;
	/* One page of trusted-domain objects, each with its direction. */
	um_op_send_fn list_trusts;
	um_op_send_fn list_users;
	um_op_send_fn list_groups;
	/* On the accounts PDC: the inbound side (trust account). */
	um_op_send_fn add_trusting;
	um_op_send_fn remove_trusting;
	/* On the resource PDC: the outbound side (TDO and secret). */
	um_op_send_fn add_trusted;
	um_op_send_fn remove_trusted;
	/* On the accounts PDC: does PARTNER$ accept PASSWORD?  OK when it
	 * answers NT_STATUS_NOLOGON_INTERDOMAIN_TRUST_ACCOUNT. */
	um_op_send_fn check_trust_account;
	/* On the resource PDC: NETLOGON TC_VERIFY and REDISCOVER. */
	um_op_send_fn verify;
	um_op_send_fn reset;
	/* On the resource PDC: log USER on with PASSWORD. */
	um_op_send_fn logon_test;
	/* A PDC of domain PARTNER, as this PDC finds it. */
	um_op_send_fn locate_dc;
	/* Policies -> Account: SAMR domain information levels 1, 3 and
	 * 12, read and written as one policy (already checked). */
	um_op_send_fn query_account_policy;
	um_op_send_fn set_account_policy;
	/* Policies -> Audit: LSA Query/SetInfoPolicy, AUDIT_EVENTS. */
	um_op_send_fn query_audit_policy;
	um_op_send_fn set_audit_policy;
	/* User accounts (args.user names one): SAMR QueryUserInfo,
	 * CreateUser2 + SetUserInfo2 (args.account, args.password),
	 * SetUserInfo2 (the fields args.account names, args.password when
	 * set), rename (args.new_name), DeleteUser. */
	um_op_send_fn query_user;
	um_op_send_fn add_user;
	um_op_send_fn set_user;
	um_op_send_fn rename_user;
	um_op_send_fn delete_user;
	/* Groups (args.group names one; args.user a member): SAMR
	 * OpenGroup/OpenAlias + QueryGroupMember/GetMembersInAlias,
	 * CreateDomainGroup/CreateDomAlias, DeleteDomainGroup/DeleteDomAlias,
	 * AddGroupMember/AddAliasMember, DeleteGroupMember/
	 * DeleteAliasMember. */
	um_op_send_fn query_group;
	um_op_send_fn add_group;
	um_op_send_fn delete_group;
	um_op_send_fn add_member;
	um_op_send_fn remove_member;
	/* Group Properties: SetGroupInfo/SetAliasInfo, the description of
	 * args.group_info. */
	um_op_send_fn set_group;
	/* Policies -> User Rights over LSA: LookupNames and LookupSids
	 * (trusted domains' names included), the holders of args.right
	 * (EnumAccountsWithUserRight, then their names), and
	 * AddAccountRights / RemoveAccountRights of args.right for each of
	 * args.accounts.  A right the server does not keep answers
	 * NT_STATUS_NO_SUCH_PRIVILEGE. */
	um_op_send_fn lookup_names;
	um_op_send_fn lookup_sids;
	um_op_send_fn list_rights;
	um_op_send_fn grant_right;
	um_op_send_fn revoke_right;
	/* Can the passwords PARTNER's object holds, for the directions it
	 * has, be read back (AD: DRSUAPI replication of the object, as a
	 * domain administrator may)?  OK when every one of them can, so
	 * that an Add with args.keep_password keeps them.  NULL: never. */
	um_op_send_fn read_kept_password;

	/* Collect any of the above. */
	um_op_recv_fn recv;

	/* What this server can change on an existing trusted-domain
	 * object (UM_CAP_* bits); no wire.  NULL: nothing (never guess). */
	uint32_t (*caps)(struct um_pdc *pdc);
};

/* What the model keeps per PDC; backends hang their state off it. */
struct um_pdc {
	struct um_model *model;
	char *name;
	const struct um_backend_ops *ops;
	void *backend;                /* the backend's own state */
	struct um_domain_info *info;  /* cached domain_info */
	const struct um_creds *creds; /* complete: no password to ask */
	unsigned calls;               /* operations sent: a round-trip gauge */
	bool rekey_two_way;           /* um_trust_set_rekey() */
	bool channel_by_caller;       /* um_trust_set_channel_by_caller() */
	/* What um_model_reuse_reads() keeps until P's trusts change: */
	struct um_trust_lists *kept;  /* the lists last read, or NULL */
	char *verified;               /* the partner a verify passed for */
	char *checked;                /* the trust account last checked */
	struct um_secret *checked_pw; /* ... with this password */
	/* learned this session: the PDC refused a new primary group (a
	 * classic PDC without a "set primary group script") */
	bool primary_refused;
	bool rekey_by_hand;           /* um_trust_set_rekey_by_hand() */
	/* A re-creating Add keeps the other direction's password: decided
	 * once, by um_trust_add_rekey_text() (by hand) or the repair's
	 * plan (um_trust_set_rekey()), never again by the Add itself */
	bool keep;
	char *rekey_outcome;          /* um_trust_rekey_outcome() */
	/* a real PDC's address, looked up while the module loads, or NULL */
	struct um_lookup *lookup;
};

/*
 * A name's address from the system's resolver (getaddrinfo: /etc/hosts,
 * DNS), on a thread of its own (src/engine/lookup.c says why).  Started
 * with the name, freed with MEM; NULL when no thread could start.
 * um_lookup_fd() is readable once um_lookup_done(); then
 * um_lookup_address() is the name's one address as text, or NULL when
 * it has none or several.
 */
struct um_lookup;
struct addrinfo;
struct um_lookup *um_lookup_start(TALLOC_CTX *mem, const char *name);
int um_lookup_fd(const struct um_lookup *l);
bool um_lookup_done(const struct um_lookup *l);
const char *um_lookup_address(const struct um_lookup *l);
/* Done, and the resolver had no address for the name at all. */
bool um_lookup_failed(const struct um_lookup *l);
/* (the choice, for its test) the one address LIST names, in OUT */
bool um_lookup_pick(const struct addrinfo *list, char *out, size_t size);

/* For the engine's other files (accounts.c): run P's operation in the
 * table's slot at OFFSET (offsetof(struct um_backend_ops, add_user)),
 * connecting first, as the model runs its own. */
struct um_status um_pdc_call(struct um_pdc *p, size_t offset,
			     const struct um_args *args, TALLOC_CTX *mem,
			     struct um_reply *reply, const char *what);

/* Backends. */
struct um_sim_world;
/* Simulated domains: STATE_FILE when it exists, else SCENARIO (seeding
 * STATE_FILE when given).  On failure *WHY says file, line and what. */
struct um_status um_sim_world_open(TALLOC_CTX *mem, const char *scenario,
				   const char *state_file,
				   struct um_sim_world **out, char **why);
const char **um_sim_world_domains(struct um_sim_world *w, TALLOC_CTX *mem);
/* The scenario's [pair] (else its first trust): PDCs and test user;
 * NULL when there is none. */
struct um_pair *um_sim_world_pair(struct um_sim_world *w, TALLOC_CTX *mem);
struct um_status um_backend_sim_attach(struct um_pdc *pdc,
				       struct um_sim_world *w);

/*
 * Real PDCs, in two steps.  um_backend_rpc_attach() readies PDC's backend
 * state from OPT and PDC->creds (nothing goes on the wire yet; pdc->ops
 * stays NULL).  Before PDC's first operation the model runs
 * um_backend_rpc_connect_send() on its loop: it connects and answers the
 * domain's information, whose dialect names the table
 * (um_backend_rpc_ops()) the model sets as pdc->ops, once.  A dropped
 * connection is reopened by the operations themselves.
 */
struct um_status um_backend_rpc_attach(struct um_pdc *pdc,
				       const struct um_model_options *opt);
struct tevent_req *um_backend_rpc_connect_send(TALLOC_CTX *mem,
					       struct tevent_context *ev,
					       struct um_pdc *pdc,
					       const struct um_args *args);
struct um_status um_backend_rpc_connect_recv(struct tevent_req *req,
					     TALLOC_CTX *mem,
					     struct um_reply *reply);
const struct um_backend_ops *um_backend_rpc_ops(enum um_dialect dialect);

/* Samba's name for a status usrmgr's own table does not list, or NULL
 * (src/backend/rpc/rpc_status.c: only the RPC backend sees Samba). */
const char *um_backend_status_name(struct um_status st);

/*
 * The RPC backend is a module, usrmgr-rpc.so (issue 21): Samba's client
 * libraries are a hundred shared objects, and simulated domains, training
 * and the CLI's usage errors need none of them.  The model loads the
 * module at the first real PDC (src/engine/rpc_loader.c) and calls it
 * only through this table, the module's one exported symbol.  The module
 * calls back into the program for secrets and test hooks (the program
 * exports those: src/backend/rpc/exports.list).
 */
#define UM_RPC_MODULE_SYMBOL "um_rpc_module"
#define UM_RPC_MODULE_VERSION 1u
struct um_rpc_module {
	uint32_t version; /* UM_RPC_MODULE_VERSION: refuse any other */
	struct um_status (*attach)(struct um_pdc *pdc,
				   const struct um_model_options *opt);
	um_op_send_fn connect_send;
	um_op_recv_fn connect_recv;
	const struct um_backend_ops *(*ops)(enum um_dialect dialect);
	const char *(*status_name)(struct um_status st);
};

/* The module, loaded on first use; NULL with *ST set (and a line for the
 * operator in *WHY, static) when it cannot be loaded. */
const struct um_rpc_module *um_rpc_module_load(struct um_status *st,
					       const char **why);
/* The module if it is loaded already, else NULL: never loads. */
const struct um_rpc_module *um_rpc_module_loaded(void);


#endif
