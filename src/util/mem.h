/*
 * Memory helpers. Allocation failure is not recoverable in r1540 (a CLI run or a
 * request has nothing sensible to do without memory), so the x* wrappers abort
 * with a message instead of returning NULL, and callers never test for it.
 *
 * An arena owns every allocation made from it and frees them all at once: one
 * arena per command run, so records read from the store need no per-field free.
 */
#ifndef R1540_UTIL_MEM_H
#define R1540_UTIL_MEM_H

#include <stddef.h>

void *xmalloc(size_t n);
void *xcalloc(size_t count, size_t size);
void *xrealloc(void *p, size_t n);
char *xstrdup(const char *s);

typedef struct arena_block arena_block_t;

typedef struct {
    arena_block_t *head; /* owned: newest block first */
} arena_t;

#define ARENA_INIT {NULL}

/* Returns n zeroed bytes that live until arena_free(); aligned for any type. */
void *arena_alloc(arena_t *a, size_t n);
/* Like arena_alloc, but the bytes are not zeroed (for callers that fill them). */
void *arena_alloc_raw(arena_t *a, size_t n);
/* Copies s into the arena; NULL stays NULL. */
char *arena_strdup(arena_t *a, const char *s);
/* A printf into the arena. */
char *arena_printf(arena_t *a, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Copies n bytes of s and adds a terminating NUL. */
char *arena_strndup(arena_t *a, const char *s, size_t n);
/* Frees every block; the arena is empty and reusable afterwards. */
void arena_free(arena_t *a);

#endif
