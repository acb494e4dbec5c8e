/*
 * store_url_redacted: what r1540 prints of a database URI never holds its
 * password, wherever the URI carries it (user:password@, ?password=).
 */
#include <string.h>

#include "../../src/store/store_url.h"
#include "tap.h"

static void check(const char *url, const char *want)
{
    char out[256];
    store_url_redacted(url, out, sizeof out);
    char name[400];
    snprintf(name, sizeof name, "%s -> %s", url, want);
    TAP_CHECK(strcmp(out, want) == 0, name);
    if (strcmp(out, want) != 0)
        printf("#   got %s\n", out);
}

int main(void)
{
    check("/var/lib/r1540/r1540.db", "/var/lib/r1540/r1540.db");
    check("postgresql:///r1540?host=/run/postgresql", "postgresql:///r1540?host=/run/postgresql");
    check("postgresql://r1540:s3cret@db/r1540", "postgresql://r1540:***@db/r1540");
    check("postgresql://r1540@db/r1540?password=s3cret", "postgresql://r1540@db/r1540?password=***");
    check("postgresql://db/r1540?sslmode=require&password=s3cret&connect_timeout=5",
          "postgresql://db/r1540?sslmode=require&password=***&connect_timeout=5");
    check("postgresql://db/r1540?password=a&password=", "postgresql://db/r1540?password=***&password=***");
    check("postgresql://u:p@db/r1540?password=x", "postgresql://u:***@db/r1540?password=***");
    check("postgresql://db/r1540?mypassword=x", "postgresql://db/r1540?mypassword=x");
    return tap_done();
}
