/*
 * Static files: a fixed list of names and types, so nothing else in the
 * folder (or outside it) can ever be served.
 */
#include "static.h"

#include <stdio.h>
#include <string.h>

#include "../util/file.h"

static const struct {
    const char *name, *type;
} static_names[] = {
    {"style.css", "text/css; charset=utf-8"},
    {"app.js", "text/javascript; charset=utf-8"},
    {"logo.svg", "image/svg+xml"},
};
enum { STATIC_COUNT = sizeof static_names / sizeof *static_names };

static arena_t static_arena = ARENA_INIT;
static char *static_data[STATIC_COUNT];
static size_t static_len[STATIC_COUNT];

rc_t static_load(const char *dir, err_t *e)
{
    char path[4096];
    for (size_t i = 0; i < STATIC_COUNT; i++) {
        snprintf(path, sizeof path, "%s/%s", dir, static_names[i].name);
        rc_t rc = file_read_all(path, 1 << 20, &static_arena, &static_data[i], &static_len[i], e);
        if (rc != RC_OK)
            return rc;
    }
    return RC_OK;
}

void static_free(void)
{
    arena_free(&static_arena);
}

bool static_find(const char *name, web_answer_t *out)
{
    for (size_t i = 0; i < STATIC_COUNT; i++)
        if (strcmp(name, static_names[i].name) == 0 && static_data[i]) {
            out->status = 200;
            out->content_type = static_names[i].type;
            out->body = static_data[i];
            out->len = static_len[i];
            out->cacheable = true;
            return true;
        }
    return false;
}
