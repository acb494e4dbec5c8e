/*
 * One entry point per subcommand; each lives in cli/cmd_NAME.c.
 */
#ifndef R1540_CLI_COMMANDS_H
#define R1540_CLI_COMMANDS_H

#include "cli.h"

rc_t cmd_init(cli_t *c, int argc, char **argv);
rc_t cmd_status(cli_t *c, int argc, char **argv);
rc_t cmd_review(cli_t *c, int argc, char **argv);
rc_t cmd_event(cli_t *c, int argc, char **argv);
rc_t cmd_contact(cli_t *c, int argc, char **argv);
rc_t cmd_outreach(cli_t *c, int argc, char **argv);
rc_t cmd_programme(cli_t *c, int argc, char **argv);
rc_t cmd_practice(cli_t *c, int argc, char **argv);
rc_t cmd_notify(cli_t *c, int argc, char **argv);
rc_t cmd_state(cli_t *c, int argc, char **argv);
rc_t cmd_report(cli_t *c, int argc, char **argv);
rc_t cmd_search(cli_t *c, int argc, char **argv);
rc_t cmd_reindex(cli_t *c, int argc, char **argv);
rc_t cmd_matrix(cli_t *c, int argc, char **argv);
rc_t cmd_template(cli_t *c, int argc, char **argv);
/* `template roundtrip` (cmd_template_roundtrip.c): the crosswalks against every stored version. */
rc_t cmd_template_roundtrip(cli_t *c);
rc_t cmd_import(cli_t *c, int argc, char **argv);
rc_t cmd_export(cli_t *c, int argc, char **argv);
rc_t cmd_serve(cli_t *c, int argc, char **argv);
rc_t cmd_user(cli_t *c, int argc, char **argv);
rc_t cmd_token(cli_t *c, int argc, char **argv);
rc_t cmd_fingerprint(cli_t *c, int argc, char **argv);
rc_t cmd_copy(cli_t *c, int argc, char **argv);
rc_t cmd_audit(cli_t *c, int argc, char **argv);
rc_t cmd_backup(cli_t *c, int argc, char **argv);
rc_t cmd_restore(cli_t *c, int argc, char **argv);
rc_t cmd_match(cli_t *c, int argc, char **argv);
rc_t cmd_assistance(cli_t *c, int argc, char **argv);

#endif
