/*
 * The open-data files built once per data change (see opendata_files.h).
 *
 * Locking: table_lock protects the table of built files and is held only to
 * look up or replace an entry; build_lock is held for a whole build, so that
 * one export is built at a time (a build loads the whole public dataset: the
 * cap on concurrent exports is what bounds its memory). Order: build_lock,
 * then table_lock. During a build, the others get the file of the previous
 * generation when there is one (stale by the build's duration, about 0.5 s
 * for the largest). A file is replaced by renaming the new one into the
 * folder and unlinking the old: a download still sending the old one keeps
 * reading it through its open descriptor.
 */
#include "opendata_files.h"

#include <dirent.h>
#include <fcntl.h>
#include <malloc.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "web.h"

#define BUILT_MAX 64 /* exports times languages: far more than there are */

typedef struct {
    char name[64];
    int lang; /* -1 when the same in every language */
    long long generation;
    char path[4400];
} built_t;

static built_t built[BUILT_MAX];
static size_t nbuilt;
static char folder[4096]; /* "" until the first build */
static unsigned long long build_seq;
static pthread_mutex_t table_lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_mutex_t build_lock = PTHREAD_MUTEX_INITIALIZER;

static built_t *entry_find(const char *name, int lang)
{
    for (size_t i = 0; i < nbuilt; i++)
        if (strcmp(built[i].name, name) == 0 && built[i].lang == lang)
            return &built[i];
    return NULL;
}

#define ANY_GENERATION -1LL

/* Opens the built file for (name, lang) if it is of this generation (or of
 * any, with ANY_GENERATION). */
static bool open_built(const char *name, int lang, long long generation, int *fd, size_t *len)
{
    bool ok = false;
    pthread_mutex_lock(&table_lock);
    built_t *b = entry_find(name, lang);
    if (b && (generation == ANY_GENERATION || b->generation == generation)) {
        *fd = open(b->path, O_RDONLY | O_CLOEXEC);
        struct stat st;
        if (*fd >= 0 && fstat(*fd, &st) == 0) {
            *len = (size_t)st.st_size;
            ok = true;
        } else if (*fd >= 0) {
            close(*fd);
        }
    }
    pthread_mutex_unlock(&table_lock);
    return ok;
}

/* Removes a build folder and whatever the build left in it. */
static void dir_remove(const char *dir)
{
    DIR *d = opendir(dir);
    if (d) {
        char path[4608];
        for (struct dirent *de; (de = readdir(d));)
            if (strcmp(de->d_name, ".") != 0 && strcmp(de->d_name, "..") != 0) {
                snprintf(path, sizeof path, "%s/%s", dir, de->d_name);
                unlink(path);
            }
        closedir(d);
    }
    rmdir(dir);
}

/* Builds (name, lang) in a folder of its own and moves the file into place
 * (under build_lock). */
static rc_t build_one(web_req_t *r, const char *name, int lang, long long generation,
                      opendata_build_t build, err_t *e)
{
    if (!folder[0]) {
        const char *tmp = getenv("TMPDIR");
        snprintf(folder, sizeof folder, "%s/r1540-opendata-XXXXXX", tmp && *tmp ? tmp : "/tmp");
        if (!mkdtemp(folder)) {
            folder[0] = 0;
            return err_set(e, RC_FAIL, "cannot make a folder for the open-data files");
        }
    }
    char dir[4200], from[4400], to[4400];
    unsigned long long seq = ++build_seq;
    snprintf(dir, sizeof dir, "%s/build-%llu", folder, seq);
    if (mkdir(dir, 0700) != 0)
        return err_set(e, RC_FAIL, "cannot make a folder for the open-data files");
    rc_t rc = build(r, dir, name, e);
    snprintf(from, sizeof from, "%s/%s", dir, name);
    snprintf(to, sizeof to, "%s/%llu-%s", folder, seq, name);
    if (rc == RC_OK && rename(from, to) != 0)
        rc = err_set(e, RC_FAIL, "cannot keep the built file %s", name);
    dir_remove(dir);
    if (rc != RC_OK)
        return rc;
    pthread_mutex_lock(&table_lock);
    built_t *b = entry_find(name, lang);
    if (!b && nbuilt < BUILT_MAX) {
        b = &built[nbuilt++];
        snprintf(b->name, sizeof b->name, "%s", name);
        b->lang = lang;
    }
    if (b) {
        if (b->path[0])
            unlink(b->path);
        snprintf(b->path, sizeof b->path, "%s", to);
        b->generation = generation;
    }
    pthread_mutex_unlock(&table_lock);
    if (!b)
        unlink(to);
    return RC_OK;
}

rc_t opendata_open(web_req_t *r, const char *name, bool per_lang, opendata_build_t build, int *fd,
                   size_t *len, err_t *e)
{
    int lang = per_lang ? (int)r->lang : -1;
    long long generation = web_data_generation();
    if (open_built(name, lang, generation, fd, len))
        return RC_OK;
    /* while another request builds, the file of the generation before is
     * answered rather than a worker thread (and every connection it serves)
     * held until the build ends; only the very first build is waited for */
    if (pthread_mutex_trylock(&build_lock) != 0) {
        if (open_built(name, lang, ANY_GENERATION, fd, len))
            return RC_OK;
        pthread_mutex_lock(&build_lock);
    }
    /* whoever held the lock before may have built it already */
    rc_t rc = RC_OK;
    if (!open_built(name, lang, generation, fd, len)) {
        rc = build_one(r, name, lang, generation, build, e);
        /* a build loads the whole public dataset (45 MB for the largest):
         * give it back to the system now, or each worker thread's malloc
         * arena keeps its own high-water mark of it */
        malloc_trim(0);
        if (rc == RC_OK && !open_built(name, lang, generation, fd, len))
            rc = err_set(e, RC_FAIL, "cannot open the built file %s", name);
    }
    pthread_mutex_unlock(&build_lock);
    return rc;
}

void opendata_clear(void)
{
    pthread_mutex_lock(&table_lock);
    for (size_t i = 0; i < nbuilt; i++)
        unlink(built[i].path);
    nbuilt = 0;
    if (folder[0])
        rmdir(folder);
    folder[0] = 0;
    pthread_mutex_unlock(&table_lock);
}
