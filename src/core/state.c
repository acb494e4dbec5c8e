/*
 * State code and group validation.
 */
#include "state.h"

#include <ctype.h>
#include <string.h>

bool state_code_syntax_ok(const char *code)
{
    size_t n = code ? strlen(code) : 0;
    if (n != 2 && n != 3)
        return false;
    for (size_t i = 0; i < n; i++)
        if (!isalpha((unsigned char)code[i]))
            return false;
    return true;
}

bool state_group_valid(const char *group)
{
    static const char *const groups[] = {"AFR", "APG", "EEG", "GRULAC", "WEOG", "NONE"};
    for (size_t i = 0; i < sizeof groups / sizeof *groups; i++)
        if (strcmp(group, groups[i]) == 0)
            return true;
    return false;
}
