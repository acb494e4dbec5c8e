/*
 * Template field validation.
 */
#include "template.h"

#include <string.h>

bool template_item_id_ok(const char *id)
{
    size_t n = strlen(id);
    if (n < 2 || n > 32)
        return false;
    for (size_t i = 0; i < n; i++) {
        char c = id[i];
        bool alnum = (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
        if (!alnum && (i == 0 || (c != '.' && c != '-')))
            return false;
    }
    return true;
}

static bool one_of(const char *s, const char *const *set, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (strcmp(s, set[i]) == 0)
            return true;
    return false;
}

bool template_section_valid(const char *s)
{
    static const char *const sections[] = {"OP1", "OP2", "OP3AB", "OP3CD"};
    return one_of(s, sections, 4);
}

bool template_weapon_valid(const char *s)
{
    static const char *const weapons[] = {"nuclear", "chemical", "biological", "delivery", "-"};
    return one_of(s, weapons, 5);
}

bool template_has_theme(const char *themes, const char *theme)
{
    size_t n = strlen(theme);
    for (const char *p = themes; p && *p;) {
        const char *end = strchr(p, ',');
        size_t len = end ? (size_t)(end - p) : strlen(p);
        if (len == n && strncmp(p, theme, n) == 0)
            return true;
        p = end ? end + 1 : NULL;
    }
    return false;
}
