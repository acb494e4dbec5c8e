/*
 * Official web addresses given as the source of a matrix entry (issue 12):
 * the Committee's form lets a remark cite "the page of the national report or
 * an official web site". Only absolute http and https addresses are accepted,
 * so that a stored address can be shown as a link without ever running
 * script (javascript:, data:) or reaching a local file.
 */
#ifndef R1540_UTIL_WEBURL_H
#define R1540_UTIL_WEBURL_H

#include <stdbool.h>

/* The longest web address kept, in bytes. */
#define WEBURL_MAX 500

/* True for "" (no address) and for an absolute http:// or https:// address
 * with a host, of at most WEBURL_MAX bytes, printable ASCII without spaces
 * (RFC 3986, parsed by uriparser). */
bool weburl_ok(const char *s);

#endif
