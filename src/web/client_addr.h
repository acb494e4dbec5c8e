/*
 * Who is asking: the client address that sign-in throttling and the audit log
 * key on. Behind a reverse proxy every request comes from the proxy's address,
 * so throttling by peer address would lock out every user at once; but any
 * client can send an X-Forwarded-For header, so it is believed only when the
 * peer is a proxy the administrator named (`serve --trusted-proxy`).
 */
#ifndef R1540_WEB_CLIENT_ADDR_H
#define R1540_WEB_CLIENT_ADDR_H

#include "../util/err.h"
#include "../util/mem.h"

#define CLIENT_PROXIES_MAX 16

typedef struct {
    unsigned char addr[CLIENT_PROXIES_MAX][16]; /* IPv6, or IPv4-mapped IPv6 */
    size_t n;
} client_proxies_t;

/* Parses "ADDR[,ADDR…]" (IPv4 or IPv6 addresses, no names, no ranges) into
 * out. RC_USAGE naming the bad entry otherwise; "" or NULL gives none. */
rc_t client_proxies_parse(const char *list, client_proxies_t *out, err_t *e);

/* The real client of a request whose TCP peer is `peer` (a numeric address)
 * and whose X-Forwarded-For header is xff (NULL if absent): the peer itself
 * unless it is a trusted proxy; then the right-most address of xff that is not
 * a trusted proxy (each proxy appends the address it saw, so the entries left
 * of it are the client's own claims). An entry that is not an address stops
 * the walk at the last trusted hop. The result is in a's memory, normalized
 * (inet_ntop's form). */
const char *client_address_real(const client_proxies_t *trusted, const char *peer,
                                const char *xff, arena_t *a);

/* The address s in its normal form (inet_ntop's), in a's memory; NULL if s is
 * not an IPv4 or IPv6 address. */
const char *client_address_normal(const char *s, arena_t *a);

#endif
