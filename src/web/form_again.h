/*
 * A refused form shown again: instead of an error page that loses what the
 * person typed, the page the form is on is built again (its GET handler) with
 * the values sent, the message at the top and by the field at fault.
 *
 * The model gets `again`: {error, field, v: {name: value}, e: {field: message}};
 * a template writes value="{{again.v.title}}" and, by the field,
 * {{#again.e.title}}...{{/again.e.title}}. The lists a form chooses from (a
 * select, checkboxes) get `chosen` on the options that were sent.
 */
#ifndef R1540_WEB_FORM_AGAIN_H
#define R1540_WEB_FORM_AGAIN_H

#include "handlers.h"

typedef struct {
    const char *pattern;  /* the POST route's pattern, as in router.c */
    web_handler_t fn;     /* the GET handler of the page the form is on */
    const char *template;
    const char *choices;  /* "field=key ...": the model's list `key` of options
                           * ({code, ...}) is what the field chooses from */
} form_page_t;

/* The page of the form posted to a route pattern; NULL if it has none. */
const form_page_t *form_page_of(const char *pattern);

/* Fills m as fp's page, with the form's values and the message msg (about
 * fail's field if it names one). The page handler's failure is returned. */
rc_t form_again(web_req_t *r, const form_page_t *fp, const err_t *fail, const char *msg,
                json_t *m, err_t *e);

#endif
