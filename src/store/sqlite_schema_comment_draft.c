/*
 * Migration: a state's comments collect as a draft review. A point of contact
 * writes comments on single rows of a version sent to the state, edits or
 * deletes them, then sends them all back in one step; until then only the
 * state sees them. The experts mark each sent comment answered. Comments made
 * before this migration were sent when made, hence the default.
 */
#include "sqlite_schema.h"

const char sqlite_migration_comment_draft[] =
    "ALTER TABLE matrix_comment ADD COLUMN sent INTEGER NOT NULL DEFAULT 1"
    " CHECK (sent IN (0, 1));"
    "ALTER TABLE matrix_comment ADD COLUMN answered TEXT;"
    "ALTER TABLE matrix_comment ADD COLUMN answered_by INTEGER REFERENCES user (id);";
