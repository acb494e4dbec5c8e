/*
 * The table of subcommands, in the order `r1540 --help` lists them.
 */
#include "commands.h"

const cli_command_t cli_commands[] = {
    {"init", "create the database and load reference data (--demo: demo data too)", cmd_init},
    {"status", "reporting and matrix coverage summary", cmd_status},
    {"state", "list and show the UN member states", cmd_state},
    {"report", "add, list and get national reports and other documents", cmd_report},
    {"matrix", "show, edit, compare and approve a state's matrix versions", cmd_matrix},
    {"template", "list the items of the matrix template", cmd_template},
    {"import", "import a JSON file, a CSV file or a folder of CSV files", cmd_import},
    {"export", "export to JSON, CSV or XLSX", cmd_export},
    {"serve", "serve the web interface and the JSON API", cmd_serve},
    {"user", "add, list, disable and enable the accounts of the web interface", cmd_user},
    {"audit", "verify the hash chain of the audit log and list its entries", cmd_audit},
    {"backup", "copy the database to a file, consistently, while the server runs", cmd_backup},
    {"restore", "replace the database with a verified backup (--force if it exists)", cmd_restore},
    {"assistance", "assistance requests, offers, organizations and proposals", cmd_assistance},
    {"match", "propose assistance matches (--solve FILE: the bare solver)", cmd_match},
    {"review", "the review report (coverage, gaps, similar-gap groups, workshops)", cmd_review},
    {"event", "add, list and show outreach events (workshops, training courses, ...)", cmd_event},
    {"fingerprint", "print a fingerprint of the database's content (for tests)", cmd_fingerprint},
    {NULL, NULL, NULL},
};
