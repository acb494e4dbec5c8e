/*
 * Abort-on-failure allocation wrappers and a simple bump-pointer arena.
 */
#include "mem.h"

#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void out_of_memory(size_t n)
{
    fprintf(stderr, "r1540: out of memory (%zu bytes)\n", n);
    abort();
}

void *xmalloc(size_t n)
{
    void *p = malloc(n ? n : 1);
    if (!p)
        out_of_memory(n);
    return p;
}

void *xcalloc(size_t count, size_t size)
{
    void *p = calloc(count ? count : 1, size ? size : 1);
    if (!p)
        out_of_memory(count * size);
    return p;
}

void *xrealloc(void *p, size_t n)
{
    void *q = realloc(p, n ? n : 1);
    if (!q)
        out_of_memory(n);
    return q;
}

char *xstrdup(const char *s)
{
    size_t n = strlen(s) + 1;
    char *p = xmalloc(n);
    memcpy(p, s, n);
    return p;
}

struct arena_block {
    arena_block_t *next;
    size_t used, size;
    _Alignas(16) unsigned char bytes[];
};

enum { ARENA_BLOCK = 64 * 1024, ARENA_SPARES = 64 };

/* Blocks of the standard size that a thread's arenas freed, kept for its
 * next arenas (at most ARENA_SPARES, 4 MB): a web request's arena is made and
 * freed per request, and handing 64 KB blocks back to glibc each time made it
 * consolidate its free lists on every free (a tenth of a signed-in page's
 * time). The thread's spares are freed when it ends (spare_key's destructor). */
static _Thread_local arena_block_t *spare_head;
static _Thread_local size_t spare_count;
static pthread_key_t spare_key;
static pthread_once_t spare_once = PTHREAD_ONCE_INIT;

static void spares_free(void *unused)
{
    (void)unused;
    while (spare_head) {
        arena_block_t *next = spare_head->next;
        free(spare_head);
        spare_head = next;
    }
    spare_count = 0;
}

static void spare_key_make(void) { pthread_key_create(&spare_key, spares_free); }

static arena_block_t *block_new(size_t size)
{
    if (size == ARENA_BLOCK && spare_head) {
        arena_block_t *b = spare_head;
        spare_head = b->next;
        spare_count--;
        return b;
    }
    return xmalloc(sizeof(arena_block_t) + size);
}

static void block_free(arena_block_t *b)
{
    if (b->size != ARENA_BLOCK || spare_count == ARENA_SPARES) {
        free(b);
        return;
    }
    if (!spare_head) { /* the thread's first spare: free the spares when it ends */
        pthread_once(&spare_once, spare_key_make);
        pthread_setspecific(spare_key, (void *)1);
    }
    b->next = spare_head;
    spare_head = b;
    spare_count++;
}

void *arena_alloc_raw(arena_t *a, size_t n)
{
    n = (n + 15) & ~(size_t)15;
    arena_block_t *b = a->head;
    if (!b || b->size - b->used < n) {
        size_t size = n > ARENA_BLOCK ? n : ARENA_BLOCK;
        b = block_new(size);
        b->used = 0;
        b->size = size;
        b->next = a->head;
        a->head = b;
    }
    void *p = b->bytes + b->used;
    b->used += n;
    return p;
}

void *arena_alloc(arena_t *a, size_t n)
{
    return memset(arena_alloc_raw(a, n), 0, n);
}

char *arena_strndup(arena_t *a, const char *s, size_t n)
{
    char *p = arena_alloc_raw(a, n + 1);
    memcpy(p, s, n);
    p[n] = '\0';
    return p;
}

char *arena_strdup(arena_t *a, const char *s)
{
    return s ? arena_strndup(a, s, strlen(s)) : NULL;
}

void arena_free(arena_t *a)
{
    arena_block_t *b = a->head;
    while (b) {
        arena_block_t *next = b->next;
        block_free(b);
        b = next;
    }
    a->head = NULL;
}

char *arena_printf(arena_t *a, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    char *s = arena_alloc(a, (size_t)(n > 0 ? n : 0) + 1);
    va_start(ap, fmt);
    vsnprintf(s, (size_t)n + 1, fmt, ap);
    va_end(ap);
    return s;
}
