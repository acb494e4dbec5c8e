/*
 * libFuzzer driver for request bodies as the server reads them: each input
 * is the body of a multipart/form-data POST (boundary "XyZ") sent to the real
 * request handling of src/web/server.c (included here, as h2o's unit tests
 * include the .c they test, to reach its static on_request) through a
 * libmicrohttpd daemon without a listening socket, on a socketpair. The
 * body is parsed by MHD's form parser into the request's fields (file parts
 * spooled by upload.c) and routed to the public sign-in API, which refuses
 * it; any bytes must give an HTTP answer, never a crash, a hang or a leak.
 * The input's first byte picks the route instead for a quarter of the inputs:
 * a page that only ends in /reports (the old 25 MB route).
 */
#include "../../src/web/server.c"

#include <sys/socket.h>
#include <sys/un.h>

#include "fuzz_file.h"

static struct MHD_Daemon *daemon_fuzz;
static web_app_t app_fuzz;

static void fuzz_start(void)
{
    static char db[256];
    snprintf(db, sizeof db, "%s/fuzz.db", fuzz_dir());
    store_t *st;
    err_t e = {0};
    if (store_open(db, STORE_OPEN_CREATE, &st, &e) != RC_OK)
        abort();
    store_close(st);
    app_fuzz = (web_app_t){.db_path = db, .data_dir = "data", .web_dir = "web", .threads = 1,
                           .max_upload = 1 << 20};
    /* the pages' error answers are rendered (run from the repository root) */
    if (tmpl_load("web/templates", &app_fuzz.tmpl, &e) != RC_OK)
        abort();
    web_app = &app_fuzz;
    daemon_fuzz = MHD_start_daemon(MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_NO_LISTEN_SOCKET |
                                       MHD_USE_ITC,
                                   0, NULL, NULL, on_request, NULL, MHD_OPTION_NOTIFY_COMPLETED,
                                   on_completed, NULL, MHD_OPTION_CONNECTION_TIMEOUT,
                                   (unsigned)5, MHD_OPTION_END);
    if (!daemon_fuzz)
        abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (!daemon_fuzz)
        fuzz_start();
    int sv[2];
    if (socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, sv) != 0)
        abort();
    struct sockaddr_un addr = {.sun_family = AF_UNIX};
    if (MHD_add_connection(daemon_fuzz, sv[0], (struct sockaddr *)&addr, sizeof addr) != MHD_YES)
        abort();
    const char *path = size && data[0] % 4 == 0 ? "/en/nothing/reports" : "/api/v1/login";
    char head[256];
    int n = snprintf(head, sizeof head,
                     "POST %s HTTP/1.1\r\nHost: fuzz\r\nConnection: close\r\n"
                     "Content-Type: multipart/form-data; boundary=XyZ\r\n"
                     "Content-Length: %zu\r\n\r\n",
                     path, size);
    /* MSG_NOSIGNAL: the server may answer and close before reading it all */
    if (send(sv[1], head, (size_t)n, MSG_NOSIGNAL) != n)
        abort();
    for (size_t off = 0; off < size;) {
        ssize_t w = send(sv[1], data + off, size - off, MSG_NOSIGNAL);
        if (w <= 0)
            break; /* answered early and closed: fine */
        off += (size_t)w;
    }
    char answer[4096];
    ssize_t got, first = 0;
    while ((got = read(sv[1], answer, sizeof answer)) > 0)
        if (!first)
            first = got;
    close(sv[1]);
    if (first == 0)
        __builtin_trap(); /* every request gets an answer */
    return 0;
}
