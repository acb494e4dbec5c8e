/*
 * Showing a database URL in a message. A PostgreSQL URI may hold a password
 * (postgresql://user:PASSWORD@host/db); what r1540 prints never does.
 */
#ifndef R1540_STORE_STORE_URL_H
#define R1540_STORE_STORE_URL_H

#include <stddef.h>

/* url with the password of its user part replaced by "***", into out (size bytes). */
void store_url_redacted(const char *url, char *out, size_t size);

#endif
