/*
 * Calendar dates as ISO 8601 strings (YYYY-MM-DD). Strings compare in date order,
 * so the store keeps them as text.
 */
#ifndef R1540_UTIL_DATE_H
#define R1540_UTIL_DATE_H

#include <stdbool.h>

/* True for a real date in YYYY-MM-DD form (leap years checked). */
bool date_valid(const char *s);
/* Days from 1970-01-01 to s, a valid date (date_valid); negative before 1970.
 * The difference of two is the number of days between them. */
long date_days(const char *s);
/* The date n days from 1970-01-01 (the inverse of date_days) into out[11]. */
void date_from_days(long n, char out[11]);
/* Writes today's UTC date into out[11]. */
void date_today(char out[11]);

#endif
