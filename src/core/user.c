/*
 * Role names and the user name rule.
 */
#include "user.h"

#include <string.h>

static const char *const roles[ROLE_COUNT] = {"admin", "committee", "expert", "poc", "provider"};

const char *role_name(role_t r)
{
    return (unsigned)r < ROLE_COUNT ? roles[r] : "";
}

int role_parse(const char *s)
{
    for (int i = 0; i < ROLE_COUNT; i++)
        if (s && strcmp(s, roles[i]) == 0)
            return i;
    return -1;
}

bool user_name_ok(const char *name)
{
    size_t n = name ? strlen(name) : 0;
    if (n == 0 || n > USER_NAME_MAX)
        return false;
    /* The same alphabet as the store's CHECK: a name is safe in a URL path,
     * a log line and an audit object without escaping. */
    return strspn(name, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789._@-") == n;
}

bool user_org_ok(const char *org)
{
    size_t n = org ? strlen(org) : 0;
    return n >= 1 && n <= USER_ORG_MAX &&
           strspn(org, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789._-") == n;
}
