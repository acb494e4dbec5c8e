/*
 * Writing JSON. r1540 writes its JSON by hand into a buf_t so that exports have
 * one fixed layout (one record per line, keys in a documented order) and are
 * byte-for-byte reproducible; this is the one place that escapes strings.
 */
#ifndef R1540_UTIL_JSON_OUT_H
#define R1540_UTIL_JSON_OUT_H

#include "buf.h"

/* Appends s as a JSON string literal (quotes included); NULL becomes null. */
void json_out_str(buf_t *b, const char *s);
/* Appends ,"key":"value" (the leading comma when `comma` is set). */
void json_out_kv(buf_t *b, int comma, const char *key, const char *value);
/* Appends ,"key":number. */
void json_out_kll(buf_t *b, int comma, const char *key, long long value);

#endif
