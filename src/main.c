/*
 * r1540: command dispatch only. Global options come before the subcommand;
 * each subcommand parses the rest of the line itself (src/cli/cmd_*.c).
 */
#include <sodium.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"

static const char usage[] =
    "usage: r1540 [--db PATH] [--as USER] COMMAND [ARGS]\n"
    "\n"
    "The open information system for UN Security Council resolution 1540 (2004).\n"
    "\n"
    "Global options:\n"
    "  --db PATH     the database (default: $R1540_DB, else var/r1540.db)\n"
    "  --as USER     act as that account, held to its role's permissions (default:\n"
    "                the system actor, the operator on the server; docs/cli.md)\n"
    "  -h, --help    this text; `r1540 COMMAND --help` explains a command\n"
    "  --version     the program's version\n"
    "\n"
    "Commands:\n";

static void print_usage(FILE *f)
{
    fputs(usage, f);
    for (const cli_command_t *cmd = cli_commands; cmd->name; cmd++)
        fprintf(f, "  %-10s %s\n", cmd->name, cmd->summary);
    fputs("\nExit status: 0 ok, 1 failure, 2 usage, 3 not found, 4 invalid input,\n"
          "5 refused (e.g. an approved matrix), 6 database unusable, 7 not permitted\n"
          "(the --as user's role may not do it; docs/cli.md).\n",
          f);
}

int main(int argc, char **argv)
{
    cli_t c = {.arena = ARENA_INIT};
    c.db_path = getenv("R1540_DB") ? getenv("R1540_DB") : "var/r1540.db";
    c.data_dir = getenv("R1540_DATA") ? getenv("R1540_DATA") : "data";
    if (sodium_init() < 0) {
        fputs("r1540: libsodium failed to initialize\n", stderr);
        return RC_FAIL;
    }
    int i = 1;
    for (; i < argc && argv[i][0] == '-'; i++) {
        if (strcmp(argv[i], "--db") == 0 && i + 1 < argc) {
            c.db_path = argv[++i];
        } else if (strcmp(argv[i], "--db") == 0) {
            fputs("r1540: --db needs a PATH\n", stderr);
            print_usage(stderr);
            return RC_USAGE;
        } else if (strncmp(argv[i], "--db=", 5) == 0) {
            c.db_path = argv[i] + 5;
        } else if (strcmp(argv[i], "--as") == 0 && i + 1 < argc) {
            c.as_user = argv[++i];
        } else if (strncmp(argv[i], "--as=", 5) == 0) {
            c.as_user = argv[i] + 5;
        } else if (strcmp(argv[i], "--as") == 0) {
            fputs("r1540: --as needs a USER\n", stderr);
            print_usage(stderr);
            return RC_USAGE;
        } else if (strcmp(argv[i], "-h") == 0 || strcmp(argv[i], "--help") == 0) {
            print_usage(stdout);
            return RC_OK;
        } else if (strcmp(argv[i], "--version") == 0) {
            puts("r1540 0.1.0");
            return RC_OK;
        } else {
            fprintf(stderr, "r1540: unknown option '%s'\n", argv[i]);
            print_usage(stderr);
            return RC_USAGE;
        }
    }
    if (i == argc) {
        print_usage(stderr);
        return RC_USAGE;
    }
    const cli_command_t *cmd = cli_commands;
    while (cmd->name && strcmp(cmd->name, argv[i]) != 0)
        cmd++;
    if (!cmd->name) {
        fprintf(stderr, "r1540: unknown command '%s'\n", argv[i]);
        print_usage(stderr);
        return RC_USAGE;
    }
    if (cmd->operator_only && c.as_user) {
        fprintf(stderr, "r1540 %s: --as: this command is the operator's own; run it without --as\n",
                cmd->name);
        return RC_USAGE;
    }
    rc_t rc = cmd->run(&c, argc - i, argv + i);
    if (rc != RC_OK) {
        fprintf(stderr, "r1540 %s: %s\n", cmd->name, c.err.msg[0] ? c.err.msg : "failed");
    }
    store_close(c.store);
    arena_free(&c.arena);
    return (int)rc;
}
