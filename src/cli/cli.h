/*
 * What every subcommand shares: the global options, the per-run arena, the
 * error context, the lazily opened store, and small helpers for option parsing
 * and output. Each subcommand lives in its own cmd_*.c file.
 */
#ifndef R1540_CLI_CLI_H
#define R1540_CLI_CLI_H

#include <getopt.h>
#include <stdbool.h>
#include <stdio.h>

#include "../app/app.h"
#include "../store/store.h"
#include "../util/buf.h"
#include "../util/err.h"
#include "../util/mem.h"

typedef struct {
    const char *db_path;  /* --db, R1540_DB or var/r1540.db */
    const char *data_dir; /* reference data folder: R1540_DATA or ./data */
    const char *as_user;  /* --as USER: act as that account, held to its
                             permissions; NULL: the system actor */
    store_t *store;       /* owned; opened by cli_store() */
    arena_t arena;        /* owned; freed when the run ends */
    err_t err;
} cli_t;

typedef struct {
    const char *name;
    const char *summary;
    rc_t (*run)(cli_t *c, int argc, char **argv);
    bool operator_only; /* the machine's operator's alone (init, serve, backup,
                           restore): refused with --as before anything runs */
} cli_command_t;

extern const cli_command_t cli_commands[];

/* Opens the database (once) in the given mode. */
rc_t cli_store(cli_t *c, store_open_mode_t mode, store_t **out);

/* Resolves a state code (alpha-2 or alpha-3, any case) to a stored state. */
rc_t cli_state(cli_t *c, const char *code, state_t *out);
/* Parses "json" or "text" from --format; RC_USAGE otherwise. */
rc_t cli_format_json(cli_t *c, const char *format, bool *json);
/* Parses a positive integer argument naming `what`; RC_USAGE on anything else. */
rc_t cli_int(cli_t *c, const char *s, const char *what, long long min, long long max,
             long long *out);
/* Copies a date argument naming `what` into out; RC_USAGE unless it is a real
 * YYYY-MM-DD date (a longer one is refused, never cut to fit). */
rc_t cli_date(cli_t *c, const char *s, const char *what, char out[11]);
/* Writes the whole buffer to stdout; RC_FAIL if it was cut by its cap or the write fails. */
rc_t cli_print(cli_t *c, buf_t *b);
/* Prints the usage text and returns RC_USAGE with a message. */
rc_t cli_usage_error(cli_t *c, const char *usage, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
/* True if argv holds -h or --help anywhere. */
bool cli_wants_help(int argc, char **argv);

/* Who this run acts as in the audit log: "cli:" and the login name of the
 * effective user ("cli:uid:N" if it has none). Arena-owned. */
const char *cli_actor(cli_t *c);
/*
 * The application context of this run (src/app/app.h): the opened store, the
 * run's arena, English messages, and the actor: the user named by --as (an
 * existing account; a disabled one may do nothing), audited as
 * "cli:LOGIN as USER", or else the system actor (authz_system_user()),
 * audited as "cli:LOGIN". RC_NOTFOUND if the --as user does not exist.
 */
rc_t cli_app(cli_t *c, app_t *out);

/*
 * Ends a change made inside store_begin: if rc is RC_OK, appends its audit
 * entry (cli_actor, action, object, detail) and commits, so the change and its
 * entry are kept together or not at all; otherwise, or if that fails, rolls
 * back. Returns the first failure. A command that still writes this way
 * does not know --as: with --as it refuses (RC_USAGE) and changes nothing.
 */
rc_t cli_commit_audited(cli_t *c, rc_t rc, const char *action, const char *object,
                        const char *detail);

#endif
