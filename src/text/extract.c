/*
 * text_extract: the extractors run in a child process (fork) that sends the
 * pages back through a pipe, one frame per page: page number, recognized
 * flag and length (three native ints, the child is this same program) and
 * the text; a last frame with page 0 gives the document's page count, or
 * page -1 the reason it cannot be read. The child has an address-space limit
 * (RLIMIT_AS; not under AddressSanitizer, which reserves terabytes of shadow
 * memory), a CPU limit and an alarm; the parent also stops reading at the
 * wall time and at the text limit and kills the child then. Whatever
 * happens to the child, the parent gets pages or a "no-text" note.
 */
#include "extract.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "../util/buf.h"

#if defined(__SANITIZE_ADDRESS__)
#define EXTRACT_UNDER_ASAN 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define EXTRACT_UNDER_ASAN 1
#endif
#endif

/* A positive whole number from the environment, or dflt. */
static long env_limit(const char *name, long dflt, long max)
{
    const char *v = getenv(name);
    char *end;
    long n = v ? strtol(v, &end, 10) : 0;
    return v && *v && !*end && n > 0 && n <= max ? n : dflt;
}

text_limits_t text_limits_default(void)
{
    return (text_limits_t){
        .max_pages = (int)env_limit("R1540_EXTRACT_MAX_PAGES", 2000, 1000000),
        .max_text_bytes = 32u * 1024 * 1024,
        .seconds = (int)env_limit("R1540_EXTRACT_SECONDS", 30, 3600),
        .memory_bytes = (size_t)env_limit("R1540_EXTRACT_MEMORY_MB", 1024, 65536) * 1024 * 1024};
}

typedef int (*extractor_fn)(const void *, size_t, int, text_page_fn, void *, const char **);

static extractor_fn extractor_for(const char *media_type)
{
    if (!media_type)
        return NULL;
    if (strcmp(media_type, "application/pdf") == 0)
        return text_extract_pdf;
    if (strcmp(media_type, "application/vnd.openxmlformats-officedocument."
                           "wordprocessingml.document") == 0)
        return text_extract_docx;
    if (strcmp(media_type, "application/vnd.oasis.opendocument.text") == 0)
        return text_extract_odt;
    if (strncmp(media_type, "text/plain", 10) == 0)
        return text_extract_plain;
    return NULL;
}

/* Writes all of p, or gives up (the parent has gone or stopped reading). */
static int write_all(int fd, const void *p, size_t n)
{
    const char *c = p;
    while (n > 0) {
        ssize_t w = write(fd, c, n);
        if (w < 0 && errno == EINTR)
            continue;
        if (w <= 0)
            return -1;
        c += w;
        n -= (size_t)w;
    }
    return 0;
}

static void send_frame(int fd, int page, int recognized, const char *text, size_t len)
{
    int head[3] = {page, recognized, (int)len};
    if (write_all(fd, head, sizeof head) != 0 || (len && write_all(fd, text, len) != 0))
        _exit(3);
}

static void child_page(void *ctx, int page, int recognized, const char *text, size_t len)
{
    if (len > (size_t)1 << 30)
        len = (size_t)1 << 30;
    send_frame(*(int *)ctx, page, recognized, text, len);
}

/* The child: limits, extraction, frames; never returns. */
static void child_run(int fd, extractor_fn fn, const void *doc, size_t len, const char *language,
                      const text_limits_t *lim)
{
    text_extract_pdf_ocr(language ? language : "en");
    struct rlimit cpu = {(rlim_t)lim->seconds, (rlim_t)lim->seconds + 1};
    setrlimit(RLIMIT_CPU, &cpu);
    struct rlimit core = {0, 0};
    setrlimit(RLIMIT_CORE, &core);
#ifndef EXTRACT_UNDER_ASAN
    struct rlimit as = {(rlim_t)lim->memory_bytes, (rlim_t)lim->memory_bytes};
    setrlimit(RLIMIT_AS, &as);
#endif
    alarm((unsigned)lim->seconds);
    const char *why = NULL;
    int pages = fn(doc, len, lim->max_pages, child_page, &fd, &why);
    if (pages < 0)
        send_frame(fd, -1, 0, why, strlen(why));
    else
        send_frame(fd, 0, 0, (const char *)&pages, sizeof pages);
    _exit(0);
}

/* Reads n bytes within the deadline; 0 on success, -1 on EOF, error or time. */
static int read_all(int fd, void *p, size_t n, const struct timespec *deadline)
{
    char *c = p;
    while (n > 0) {
        struct timespec now;
        clock_gettime(CLOCK_MONOTONIC, &now);
        long long left = (deadline->tv_sec - now.tv_sec) * 1000LL +
                         (deadline->tv_nsec - now.tv_nsec) / 1000000;
        if (left <= 0)
            return -1;
        struct pollfd pfd = {fd, POLLIN, 0};
        int r = poll(&pfd, 1, (int)(left > 60000 ? 60000 : left));
        if (r < 0 && errno == EINTR)
            continue;
        if (r < 0)
            return -1;
        if (r == 0)
            continue; /* the deadline check above ends it */
        ssize_t got = read(fd, c, n);
        if (got < 0 && errno == EINTR)
            continue;
        if (got <= 0)
            return -1;
        c += got;
        n -= (size_t)got;
    }
    return 0;
}

/* What the parent gathers from the frames. */
typedef struct {
    arena_t *a;
    report_page_t *page;
    size_t n, cap;
    size_t bytes;   /* text kept so far */
    int pages;      /* the document's page count, from the last frame; -1 before */
    char *why;      /* the child's reason, or NULL */
    int text_limit; /* the text limit was reached */
} gather_t;

/* Turns the bidirectional controls of text (U+200E, U+200F, U+202A..U+202E,
 * U+2066..U+2069, three bytes each in UTF-8) into one space each, in place:
 * poppler wraps each Arabic word of a PDF in them, often with no space
 * between the words, and a snippet must show the words apart. Returns the
 * new length. */
static size_t bidi_to_space(char *text, size_t len)
{
    size_t k = 0;
    for (size_t i = 0; i < len;) {
        const unsigned char *u = (const unsigned char *)text + i;
        if (i + 2 < len && u[0] == 0xE2 &&
            ((u[1] == 0x80 && (u[2] == 0x8E || u[2] == 0x8F || (u[2] >= 0xAA && u[2] <= 0xAE))) ||
             (u[1] == 0x81 && u[2] >= 0xA6 && u[2] <= 0xA9))) {
            text[k++] = ' ';
            i += 3;
            continue;
        }
        text[k++] = text[i++];
    }
    text[k] = '\0';
    return k;
}

static void gather_page(gather_t *g, int page, int recognized, char *text, size_t len)
{
    len = bidi_to_space(text, len);
    int blank = 1;
    for (size_t i = 0; i < len && blank; i++)
        blank = text[i] == ' ' || text[i] == '\n' || text[i] == '\r' || text[i] == '\t' ||
                text[i] == '\f';
    if (blank)
        return;
    if (g->n == g->cap) {
        size_t cap = g->cap ? g->cap * 2 : 16;
        report_page_t *p = arena_alloc(g->a, cap * sizeof *p);
        if (g->n)
            memcpy(p, g->page, g->n * sizeof *p);
        g->page = p;
        g->cap = cap;
    }
    g->page[g->n++] = (report_page_t){.page = page, .recognized = recognized != 0, .text = text};
    g->bytes += len;
}

/* Reads frames until the last one, the deadline or the text limit. */
static void parent_read(int fd, const text_limits_t *lim, gather_t *g)
{
    struct timespec deadline;
    clock_gettime(CLOCK_MONOTONIC, &deadline);
    deadline.tv_sec += lim->seconds;
    for (;;) {
        int head[3];
        if (read_all(fd, head, sizeof head, &deadline) != 0 || head[2] < 0)
            return;
        size_t len = (size_t)head[2];
        if (g->bytes + len > lim->max_text_bytes) {
            g->text_limit = 1;
            return;
        }
        char *text = arena_alloc_raw(g->a, len + 1);
        if (read_all(fd, text, len, &deadline) != 0)
            return;
        text[len] = '\0';
        if (head[0] > 0) {
            gather_page(g, head[0], head[1], text, len);
        } else if (head[0] == 0 && len == sizeof(int)) {
            memcpy(&g->pages, text, sizeof(int));
            return;
        } else {
            g->why = text;
            return;
        }
    }
}

/* Fills out from what was gathered and how the child ended. */
static void conclude(gather_t *g, int status, const text_limits_t *lim, report_text_t *out)
{
    out->page = g->page;
    out->n = g->n;
    out->pages = g->pages > 0 ? g->pages : 0;
    out->status = REPORT_TEXT_OK;
    out->note = "";
    if (g->text_limit) {
        out->note = arena_printf(g->a, "only the first %zu pages with text: more than %zu bytes of text",
                                 g->n, lim->max_text_bytes);
    } else if (g->why) {
        out->note = g->why;
    } else if (g->pages < 0) {
        int sig = WIFSIGNALED(status) ? WTERMSIG(status) : 0;
        out->note = sig == SIGALRM || sig == SIGKILL || sig == SIGXCPU
                        ? arena_printf(g->a, "the extraction took longer than %d seconds",
                                       lim->seconds)
                    : sig ? arena_printf(g->a, "the extraction failed (signal %d)", sig)
                          : "the extraction ran out of memory or failed";
    } else if (g->pages > lim->max_pages) {
        out->note = arena_printf(g->a, "only the first %d of %d pages were read", lim->max_pages,
                                 g->pages);
    }
    if (g->n == 0) {
        out->status = REPORT_TEXT_NONE;
        if (!*out->note)
            out->note = "the file has no text, and none could be recognized in its images";
    }
}

void text_extract(const void *doc, size_t len, const char *media_type, const char *language,
                  const text_limits_t *lim, arena_t *a, report_text_t *out)
{
    memset(out, 0, sizeof *out);
    gather_t g = {.a = a, .pages = -1};
    extractor_fn fn = extractor_for(media_type);
    if (!fn || !doc || len == 0) {
        out->status = REPORT_TEXT_NONE;
        out->note = !doc || len == 0 ? "no file" : "text is not read from files of this kind";
        return;
    }
    int fds[2];
    if (pipe2(fds, O_CLOEXEC) != 0) {
        out->status = REPORT_TEXT_NONE;
        out->note = "the extraction could not start (pipe)";
        return;
    }
    fflush(NULL); /* buffered output must not be written twice */
    pid_t pid = fork();
    if (pid == 0) {
        close(fds[0]);
        signal(SIGPIPE, SIG_DFL);
        child_run(fds[1], fn, doc, len, language, lim);
    }
    close(fds[1]);
    if (pid > 0)
        parent_read(fds[0], lim, &g);
    close(fds[0]);
    int status = 0;
    if (pid > 0) {
        kill(pid, SIGKILL); /* done or past its limits: it has nothing more to say */
        while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
            ;
    }
    conclude(&g, pid > 0 ? status : 0, lim, out);
}
