/*
 * The table of subcommands, in the order `r1540 --help` lists them.
 */
#include "commands.h"

const cli_command_t cli_commands[] = {
    {"init", "create the database and load reference data (--demo: demo data too)", cmd_init, true},
    {"status", "reporting and matrix coverage summary", cmd_status, false},
    {"state", "list and show the UN member states", cmd_state, false},
    {"report", "add, list and get national reports and other documents", cmd_report, false},
    {"matrix", "show, edit, compare and approve a state's matrix versions", cmd_matrix, false},
    {"template", "list the items of the matrix template", cmd_template, false},
    {"import", "import a JSON file, a CSV file or a folder of CSV files", cmd_import, false},
    {"export", "export to JSON, CSV or XLSX", cmd_export, false},
    {"serve", "serve the web interface and the JSON API", cmd_serve, true},
    {"user", "add, list, disable and enable the accounts of the web interface", cmd_user, false},
    {"token", "add, list and revoke API tokens for programs", cmd_token, false},
    {"audit", "verify the hash chain of the audit log and list its entries", cmd_audit, false},
    {"backup", "copy the database to a file, consistently, while the server runs", cmd_backup,
     true},
    {"restore", "replace the database with a verified backup (--force if it exists)", cmd_restore,
     true},
    {"assistance", "assistance requests, offers, organizations and proposals", cmd_assistance,
     false},
    {"match", "propose assistance matches (--solve FILE: the bare solver)", cmd_match, false},
    {"review", "the review report (coverage, gaps, similar-gap groups, workshops)", cmd_review,
     false},
    {"event", "add, list and show outreach events (workshops, training courses, ...)", cmd_event,
     false},
    {"fingerprint", "print a fingerprint of the database's content (for tests)", cmd_fingerprint,
     false},
    {NULL, NULL, NULL, false},
};
