/*
 * A state's review of a matrix version sent to it: comments on single items
 * (or on the whole version) and its answer, accepted or commented. Comments
 * stay with the version they were made on; a new version starts without any.
 */
#ifndef R1540_CORE_REVIEW_H
#define R1540_CORE_REVIEW_H

#include <stdbool.h>

#define REVIEW_COMMENT_MAX 4000 /* characters, as the store's CHECK counts them */

typedef struct {
    long long id;         /* store row id */
    long long version_id; /* the matrix version commented on */
    long long user_id;    /* who wrote it */
    char *item;           /* template item id, "" for the whole version */
    char *user_name;      /* filled by the store when reading; ignored on insert */
    char *text;           /* 1..4000 characters */
    char *created;        /* UTC, YYYY-MM-DDTHH:MM:SSZ; the store fills it when NULL or "" */
    bool sent;            /* false: a draft only the state sees, which its author may change */
    char *answered;       /* UTC time an expert marked it answered; "" if not yet (read only) */
} matrix_comment_t; /* strings arena-owned */

/* The state's answer to a version sent to it; one per version, the latest wins. */
typedef struct {
    long long version_id;
    long long user_id;
    char *response; /* "accepted" or "commented" */
    char *at;       /* UTC, YYYY-MM-DDTHH:MM:SSZ; the store fills it when NULL or "" */
} matrix_review_t; /* strings arena-owned */

#endif
