/*
 * Unit tests for src/io/json_import.c's use of jansson's allocator: a parse
 * takes its memory from the caller's arena, yet another thread using jansson
 * at the same time (a server answering requests) must keep malloc and free.
 * Swapping jansson's process-wide allocator around a parse made the other
 * thread free arena memory with free() or drop its own blocks (ASan or LSan
 * report either).
 */
#include <jansson.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../../src/io/json_import.h"
#include "tap.h"

static atomic_int parsing = 1;
static atomic_long built;

/* Builds and frees jansson values until the parses are done. */
static void *other_thread(void *arg)
{
    (void)arg;
    while (atomic_load(&parsing)) {
        json_t *o = json_pack("{s:s,s:[i,i,s]}", "key", "a value long enough to allocate", "list",
                              1, 2, "another string");
        char *s = json_dumps(o, JSON_COMPACT);
        free(s);
        json_decref(o);
        atomic_fetch_add(&built, 1);
    }
    return NULL;
}

static const char doc[] =
    "{\"format\":\"r1540\",\"format_version\":1,\"demo\":false,\"template_version\":1,\n"
    "\"states\":[],\n\"reports\":[],\n\"matrices\":[]}\n";

int main(void)
{
    pthread_t t;
    pthread_create(&t, NULL, other_thread, NULL);
    bool ok = true;
    for (int i = 0; i < 3000 && ok; i++) {
        arena_t a = ARENA_INIT;
        dataset_t ds;
        err_t e = {0};
        ok = json_import_text("t.json", doc, sizeof doc - 1, &a, &ds, &e) == RC_OK;
        if (!ok)
            printf("# %s\n", e.msg);
        arena_free(&a);
    }
    atomic_store(&parsing, 0);
    pthread_join(t, NULL);
    TAP_CHECK(ok, "3000 imports parse while another thread uses jansson");
    TAP_CHECK(atomic_load(&built) > 0, "... and the other thread built and freed values meanwhile");
    json_t *v = json_string("after the imports");
    TAP_CHECK(v && strcmp(json_string_value(v), "after the imports") == 0,
              "jansson still allocates normally afterwards");
    json_decref(v);
    return tap_done();
}
