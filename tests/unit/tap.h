/*
 * A tiny TAP test harness for the unit tests. Each test program prints
 * "ok N - name" or "not ok N - name" per check and a plan line at the end;
 * tests/run.sh counts them. TAP_CHECK records file and line of a failure.
 */
#ifndef R1540_TESTS_TAP_H
#define R1540_TESTS_TAP_H

#include <stdio.h>
#include <string.h>

static int tap_n, tap_failed;

#define TAP_CHECK(cond, name)                                                                 \
    do {                                                                                        \
        tap_n++;                                                                                \
        if (cond) {                                                                             \
            printf("ok %d - %s\n", tap_n, name);                                                \
        } else {                                                                                \
            tap_failed++;                                                                       \
            printf("not ok %d - %s\n#   at %s:%d: %s\n", tap_n, name, __FILE__, __LINE__,     \
                   #cond);                                                                      \
        }                                                                                       \
    } while (0)

#define TAP_STREQ(a, b, name) TAP_CHECK(strcmp((a), (b)) == 0, name)

static inline int tap_done(void)
{
    printf("1..%d\n", tap_n);
    return tap_failed ? 1 : 0;
}

#endif
