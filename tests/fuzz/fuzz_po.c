/*
 * libFuzzer driver for the translation catalogs (the .po files of data/po/LL/, read with
 * libgettextpo): any bytes must load or give a clean error with a message,
 * and a loaded catalog answers lookups (a missing message is its msgid).
 */
#include <stdint.h>

#include "../../src/util/i18n.h"
#include "fuzz_file.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    err_t e = {0};
    fuzz_write("po/fr/web.po", data, size);
    char root[128];
    snprintf(root, sizeof root, "%s/po", fuzz_dir());
    rc_t rc = i18n_load(root, &e);
    if (rc != RC_OK && !e.msg[0])
        __builtin_trap(); /* every failure says why */
    if (rc == RC_OK) {
        const char *s = i18n_tr(LANG_FR, "no such message in any catalog");
        if (!s || strcmp(s, "no such message in any catalog") != 0)
            __builtin_trap();
        (void)i18n_trn(LANG_FR, "%d state", "%d states", 3);
    }
    i18n_free();
    return 0;
}
