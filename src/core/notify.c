/*
 * Notification events and settings: names and the e-mail address rule
 * (notify.h).
 */
#include "notify.h"

#include <string.h>

static const char *const event_names[NE_COUNT] = {
    "version-sent",       "version-accepted",   "version-commented", "version-approved",
    "version-published",  "proposal-waiting",   "proposal-answered", "proposal-delivered",
    "offer-ending",       "request-ending"};

static const char *const mode_names[NM_COUNT] = {"immediate", "digest", "never"};

const char *notify_event_name(notify_event_t ev)
{
    return (unsigned)ev < NE_COUNT ? event_names[ev] : "";
}

int notify_event_parse(const char *s)
{
    for (int i = 0; s && i < NE_COUNT; i++)
        if (strcmp(s, event_names[i]) == 0)
            return i;
    return -1;
}

const char *notify_mode_name(notify_mode_t m)
{
    return (unsigned)m < NM_COUNT ? mode_names[m] : "";
}

int notify_mode_parse(const char *s)
{
    for (int i = 0; s && i < NM_COUNT; i++)
        if (strcmp(s, mode_names[i]) == 0)
            return i;
    return -1;
}

bool notify_email_ok(const char *email)
{
    if (!email)
        return false;
    size_t n = strlen(email);
    if (n == 0)
        return true;
    if (n < 3 || n > NOTIFY_EMAIL_MAX)
        return false;
    const char *at = strchr(email, '@');
    if (!at || at == email || strchr(at + 1, '@') || !strchr(at + 1, '.') || at[1] == '.' ||
        email[n - 1] == '.')
        return false;
    for (const unsigned char *p = (const unsigned char *)email; *p; p++)
        if (*p <= ' ' || *p >= 0x7f || strchr("<>()[]\\,;:\"'", *p))
            return false;
    return true;
}
