#include "commands.h"
rc_t cmd_status(cli_t *c, int argc, char **argv) { (void)argc; (void)argv; return err_set(&c->err, R_FAIL, "todo"); }
