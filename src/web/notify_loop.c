/*
 * The sender's thread (notify_loop.h). A pass in progress finishes before the
 * thread stops, so a mail accepted by the server is always marked sent.
 */
#include "notify_loop.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

struct notify_loop {
    pthread_t thread;
    pthread_mutex_t lock;
    pthread_cond_t wake;
    bool stop;                /* under lock */
    store_t *st;              /* owned */
    const notify_config_t *c;
    int interval_s;
};

static void *run(void *arg)
{
    notify_loop_t *l = arg;
    for (;;) {
        notify_pass_t p;
        err_t e = {0};
        if (notify_deliver(l->st, l->c, (long long)time(NULL), &p, &e) != RC_OK)
            fprintf(stderr, "r1540: notifications: %s\n", e.msg);
        else if (p.failed)
            fprintf(stderr, "r1540: notifications: %d mails failed, to retry\n", p.failed);
        pthread_mutex_lock(&l->lock);
        struct timespec until;
        clock_gettime(CLOCK_REALTIME, &until);
        until.tv_sec += l->interval_s;
        while (!l->stop && pthread_cond_timedwait(&l->wake, &l->lock, &until) == 0)
            ;
        bool stop = l->stop;
        pthread_mutex_unlock(&l->lock);
        if (stop)
            return NULL;
    }
}

rc_t notify_loop_start(const char *db_path, const notify_config_t *c, int interval_s,
                       notify_loop_t **out, err_t *e)
{
    notify_loop_t *l = xcalloc(1, sizeof *l);
    rc_t rc = store_open(db_path, STORE_OPEN_EXISTING, &l->st, e);
    if (rc != RC_OK) {
        free(l);
        return rc;
    }
    l->c = c;
    l->interval_s = interval_s;
    pthread_mutex_init(&l->lock, NULL);
    pthread_cond_init(&l->wake, NULL);
    if (pthread_create(&l->thread, NULL, run, l) != 0) {
        store_close(l->st);
        pthread_mutex_destroy(&l->lock);
        pthread_cond_destroy(&l->wake);
        free(l);
        return err_set(e, RC_FAIL, "the notification sender's thread could not start");
    }
    *out = l;
    return RC_OK;
}

void notify_loop_stop(notify_loop_t *l)
{
    if (!l)
        return;
    pthread_mutex_lock(&l->lock);
    l->stop = true;
    pthread_cond_signal(&l->wake);
    pthread_mutex_unlock(&l->lock);
    pthread_join(l->thread, NULL);
    store_close(l->st);
    pthread_mutex_destroy(&l->lock);
    pthread_cond_destroy(&l->wake);
    free(l);
}
