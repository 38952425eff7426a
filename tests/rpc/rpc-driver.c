/*
 * rpc-driver: the RPC backend's operations one by one against a real PDC,
 * below the model and the CLI.  Commands come on stdin, one a line; each
 * answers one line on stdout, so tests/integration/rpc-*.sh can check the
 * backend with Samba's own tools as judge.
 *
 *   rpc-driver -S PDC [-U [DOM\]user] [-A authfile] [-k]
 *              [--password-file F] [-s smb.conf] [-d N]
 *
 * Commands (passwords only from files, never on a command line):
 *   info | list [MAX] | users [MAX] | groups [MAX] | stats
 *   add-trusting NAME DNS|- SID PWFILE | add-trusted NAME DNS|- SID PWFILE
 *     [rekey|keep]               (re-create the object two-way, with
 *                                the one password | keeping the other
 *                                direction's, read over DRSUAPI)
 *   kept NAME                    (read_kept_password: can NAME's object's
 *                                passwords be read back?)
 *   remove-trusting NAME | remove-trusted NAME
 *   check NAME PWFILE          (check_trust_account: NAME$ with PWFILE)
 *   verify NAME [DNS] | reset NAME [DNS] | locate NAME [DNS]
 *   logon DOM\user PWFILE
 *   waitfile PATH              (block until PATH exists: test sync)
 *
 * Answers: "OK ..." or "ERR <NAME-or-hex> ...", then " calls=N ms=N".
 *
 * Copyright (C) 2026 The usrmgr authors.  GPL-3.0-or-later.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <sys/stat.h>
#include "rpc_internal.h"

/* What the model would hand the backend. */
static struct um_model_options driver_opt;

/* ---- helpers ---- */

static struct um_secret *read_secret(TALLOC_CTX *mem, const char *path)
{
	char buf[1024];
	FILE *f = fopen(path, "r");
	struct um_secret *s;

	if (f == NULL)
		return NULL;
	if (fgets(buf, sizeof(buf), f) == NULL)
		buf[0] = '\0';
	fclose(f);
	buf[strcspn(buf, "\r\n")] = '\0';
	s = um_secret_new(mem, buf, strlen(buf));
	memset(buf, 0, sizeof(buf));
	return s;
}

static const char *status_str(TALLOC_CTX *mem, struct um_status st)
{
	const char *kind = st.kind == UM_KIND_NT ? "NT" :
			   st.kind == UM_KIND_WERR ? "WERR" : "LOCAL";

	if (st.kind == UM_KIND_NT)
		return talloc_asprintf(mem, "%s:%s", kind,
				       nt_errstr(NT_STATUS(st.code)));
	return talloc_asprintf(mem, "%s:0x%08x", kind, st.code);
}

static double now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000.0 + ts.tv_nsec / 1e6;
}

/* Run one request to the end on EV; its note, as the model would show
 * it, a line at a time. */
static struct um_status run_with(TALLOC_CTX *mem, struct tevent_context *ev,
				 struct um_pdc *pdc, um_op_send_fn fn,
				 um_op_recv_fn recv, const struct um_args *a,
				 struct um_reply *reply)
{
	struct tevent_req *req;
	struct um_status st;

	memset(reply, 0, sizeof(*reply));
	req = fn(mem, ev, pdc, a);
	if (req == NULL)
		return um_local(UM_LOCAL_NO_MEMORY);
	if (!tevent_req_poll(req, ev))
		return um_local(UM_LOCAL_IO);
	st = recv(req, mem, reply);
	for (char *save = NULL, *line = reply->note ?
	     strtok_r(reply->note, "\n", &save) : NULL;
	     line != NULL; line = strtok_r(NULL, "\n", &save))
		printf("NOTE %s\n", line);
	fflush(stdout);
	return st;
}

static struct um_status run(TALLOC_CTX *mem, struct tevent_context *ev,
			    struct um_pdc *pdc, um_op_send_fn fn,
			    const struct um_args *a, struct um_reply *reply)
{
	return run_with(mem, ev, pdc, fn, pdc->ops->recv, a, reply);
}

/* As the model attaches: ready the state, connect, take the dialect's
 * table. */
static struct um_status attach(TALLOC_CTX *mem, struct tevent_context *ev,
			       struct um_pdc *pdc)
{
	struct um_args a = { 0 };
	struct um_reply r;
	struct um_status st = um_backend_rpc_attach(pdc, &driver_opt);

	if (um_is_ok(st))
		st = run_with(mem, ev, pdc, um_backend_rpc_connect_send,
			      um_backend_rpc_connect_recv, &a, &r);
	if (um_is_ok(st))
		pdc->ops = um_backend_rpc_ops(r.info.dialect);
	return st;
}

static void print_trusts(struct um_reply *r)
{
	for (size_t i = 0; i < r->n_trusts; i++) {
		struct um_trust *t = &r->trusts[i];

		printf("trust %s dns=%s sid=%s dir=%u type=%u attr=0x%x\n",
		       t->name, t->dns_name ? t->dns_name : "-",
		       t->sid ? t->sid : "-", t->direction, t->type,
		       t->attributes);
	}
}

static struct um_status cmd_list(TALLOC_CTX *mem, struct tevent_context *ev,
				 struct um_pdc *pdc, struct um_args *a,
				 unsigned *pages, int kind)
{
	struct um_reply r;
	struct um_status st;
	um_op_send_fn fn = kind == 0 ? pdc->ops->list_trusts :
			   kind == 1 ? pdc->ops->list_users :
				       pdc->ops->list_groups;

	a->resume = 0;
	do {
		st = run(mem, ev, pdc, fn, a, &r);
		if (!um_is_ok(st))
			return st;
		(*pages)++;
		if (kind == 0)
			print_trusts(&r);
		for (size_t i = 0; kind == 1 && i < r.n_users; i++)
			printf("user %s\n", r.users[i].name);
		for (size_t i = 0; kind == 2 && i < r.n_groups; i++)
			printf("group %s\n", r.groups[i].name);
		if (a->max && r.n_trusts + r.n_users + r.n_groups > a->max) {
			printf("page too big\n");
			return um_local(UM_LOCAL_POSTCONDITION);
		}
		a->resume = r.page.resume;
	} while (r.page.more);
	return st;
}

static void wait_file(const char *path)
{
	struct stat sb;

	for (int i = 0; i < 1200 && stat(path, &sb) != 0; i++)
		usleep(100 * 1000);
}

/* A lookup's or a right's names: "NAME name|sid|kind" each. */
static void print_names(const struct um_reply *r)
{
	for (size_t i = 0; i < r->n_names && r->names != NULL; i++)
		printf("NAME %s|%s|%d\n", r->names[i].name,
		       r->names[i].sid ? r->names[i].sid : "-",
		       (int)r->names[i].kind);
}

/* One command line; returns false on "quit". */
static void do_command(struct tevent_context *ev, struct um_pdc *pdc,
		       char *line)
{
	TALLOC_CTX *mem = talloc_new(NULL);
	struct rpc_backend *be = pdc->backend;
	char *w[8] = { 0 };
	int n = 0;
	struct um_args a = { 0 };
	struct um_reply r;
	struct um_status st = um_ok();
	const struct um_backend_ops *o = pdc->ops;
	unsigned calls0 = be->conn->calls, pages = 0;
	double t0 = now_ms();
	char *extra = talloc_strdup(mem, "");

	for (char *save = NULL, *t = strtok_r(line, " \t\n", &save);
	     t && n < 8; t = strtok_r(NULL, " \t\n", &save))
		w[n++] = t;
	if (n == 0) {
		talloc_free(mem);
		return;
	}
#define ARG(i) (n > (i) ? w[i] : NULL)
	if (!strcmp(w[0], "waitfile") && n > 1) {
		wait_file(w[1]);
		printf("OK\n");
		fflush(stdout);
		talloc_free(mem);
		return;
	} else if (!strcmp(w[0], "stats")) {
		printf("OK connects=%u calls=%u\n", be->conn->connects,
		       be->conn->calls);
		fflush(stdout);
		talloc_free(mem);
		return;
	} else if (!strcmp(w[0], "info")) {
		st = run(mem, ev, pdc, o->domain_info, &a, &r);
		if (um_is_ok(st))
			extra = talloc_asprintf(mem, " name=%s dns=%s sid=%s "
				"dialect=%s pdc=%s", r.info.name,
				r.info.dns_name ? r.info.dns_name : "-",
				r.info.sid, r.info.dialect == UM_DIALECT_AD ?
				"ad" : "nt4", r.info.pdc);
	} else if (!strcmp(w[0], "list") || !strcmp(w[0], "users") ||
		   !strcmp(w[0], "groups")) {
		a.max = ARG(1) ? (uint32_t)atoi(w[1]) : 0;
		st = cmd_list(mem, ev, pdc, &a, &pages,
			      w[0][0] == 'l' ? 0 : w[0][0] == 'u' ? 1 : 2);
		extra = talloc_asprintf(mem, " pages=%u", pages);
	} else if ((!strcmp(w[0], "add-trusting") ||
		    !strcmp(w[0], "add-trusted")) && (n == 5 || n == 6)) {
		/* a 6th word: "rekey" re-creates the object two-way with
		 * the one password, "keep" keeping the other direction's */
		a.partner = w[1];
		a.partner_dns = strcmp(w[2], "-") ? w[2] : NULL;
		a.partner_sid = w[3];
		a.password = read_secret(mem, w[4]);
		a.two_way_rekey = n == 6;
		a.keep_password = n == 6 && !strcmp(w[5], "keep");
		st = run(mem, ev, pdc, !strcmp(w[0], "add-trusting") ?
			 o->add_trusting : o->add_trusted, &a, &r);
	} else if (!strcmp(w[0], "kept") && n == 2) {
		a.partner = w[1];
		st = run(mem, ev, pdc, o->read_kept_password, &a, &r);
	} else if (!strcmp(w[0], "remove-trusting") && n == 2) {
		a.partner = w[1];
		st = run(mem, ev, pdc, o->remove_trusting, &a, &r);
	} else if (!strcmp(w[0], "remove-trusted") && n == 2) {
		a.partner = w[1];
		st = run(mem, ev, pdc, o->remove_trusted, &a, &r);
	} else if (!strcmp(w[0], "check") && n == 3) {
		a.partner = w[1];
		a.password = read_secret(mem, w[2]);
		st = run(mem, ev, pdc, o->check_trust_account, &a, &r);
	} else if ((!strcmp(w[0], "verify") || !strcmp(w[0], "reset") ||
		    !strcmp(w[0], "locate")) && n >= 2) {
		a.partner = w[1];
		a.partner_dns = ARG(2);
		st = run(mem, ev, pdc, w[0][0] == 'v' ? o->verify :
			 w[0][0] == 'r' ? o->reset : o->locate_dc, &a, &r);
		if (w[0][0] == 'l' && um_is_ok(st))
			extra = talloc_asprintf(mem, " dc=%s", r.pdc);
		else if (w[0][0] != 'l')
			extra = talloc_asprintf(mem, " detail=%s",
						status_str(mem, r.detail));
	} else if ((!strcmp(w[0], "lookup") || !strcmp(w[0], "sids")) &&
		   n > 1) {
		/* names (no blanks) or SIDs: one LookupNames3/LookupSids */
		a.names = a.sids = (const char *const *)&w[1];
		a.n_names = (size_t)n - 1;
		st = run(mem, ev, pdc, w[0][0] == 'l' ? o->lookup_names
						      : o->lookup_sids, &a, &r);
		print_names(&r);
	} else if (!strcmp(w[0], "holders") && n == 2) {
		a.right = w[1];
		st = run(mem, ev, pdc, o->list_rights, &a, &r);
		print_names(&r);
	} else if (!strcmp(w[0], "logon") && n == 3) {
		a.user = w[1];
		a.password = read_secret(mem, w[2]);
		st = run(mem, ev, pdc, o->logon_test, &a, &r);
	} else {
		st = um_local(UM_LOCAL_USAGE);
	}
	printf("%s %s%s calls=%u ms=%.0f\n", um_is_ok(st) ? "OK" : "ERR",
	       w[0], um_is_ok(st) ? extra :
	       talloc_asprintf(mem, " %s%s", status_str(mem, st), extra),
	       be->conn->calls - calls0, now_ms() - t0);
	fflush(stdout);
	talloc_free(mem);
}

static void usage(void)
{
	fprintf(stderr, "usage: rpc-driver -S PDC [-U [DOM\\]user] "
		"[-A authfile] [-k] [--password-file F] [-s smb.conf] "
		"[-d N]  < commands\n");
	exit(2);
}

int main(int argc, char **argv)
{
	TALLOC_CTX *mem = talloc_new(NULL);
	struct tevent_context *ev = tevent_context_init(mem);
	struct um_creds creds = { 0 };
	struct um_pdc *pdc = talloc_zero(mem, struct um_pdc);
	struct um_status st;
	char line[4096];

	driver_opt.creds = &creds;
	for (int i = 1; i < argc; i++) {
		const char *v = i + 1 < argc ? argv[i + 1] : NULL;

		if (!strcmp(argv[i], "-S") && v)
			pdc->name = talloc_strdup(pdc, argv[++i]);
		else if (!strcmp(argv[i], "-U") && v)
			creds.user = argv[++i];
		else if (!strcmp(argv[i], "-A") && v)
			creds.authfile = argv[++i];
		else if (!strcmp(argv[i], "-k"))
			creds.kerberos = true;
		else if (!strcmp(argv[i], "--password-file") && v)
			creds.password = read_secret(mem, argv[++i]);
		else if (!strcmp(argv[i], "-s") && v)
			driver_opt.smb_conf = argv[++i];
		else if (!strcmp(argv[i], "-d") && v)
			driver_opt.debug_level = atoi(argv[++i]);
		else
			usage();
	}
	if (pdc->name == NULL)
		usage();
	pdc->creds = &creds;
	/* tests never type: a missing password is a test error */
	if (creds.user != NULL && creds.password == NULL &&
	    creds.authfile == NULL && !creds.kerberos) {
		fprintf(stderr, "rpc-driver: -U without a password\n");
		return 1;
	}
	st = attach(mem, ev, pdc);
	if (!um_is_ok(st)) {
		printf("ERR attach %s\n", status_str(mem, st));
		return 1;
	}
	while (fgets(line, sizeof(line), stdin) != NULL)
		do_command(ev, pdc, line);
	talloc_free(mem);
	return 0;
}
