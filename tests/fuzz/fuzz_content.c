/* fuzz_content.c: fuzz target for the content check. The first byte of an input picks
 * one of the content files (site.ini, the CSV tables, a page); the rest becomes that
 * file's bytes in a temporary content folder made once from a tiny valid site with
 * support services and a page. content_check() runs over the folder, then the file is
 * put back as it was. The folder is removed at exit. Any crash, leak or undefined
 * behaviour is a bug (the build adds AddressSanitizer and UndefinedBehaviorSanitizer);
 * problems reported as diagnostics are the expected outcome. */
#include "fuzz.h"

#include "content.h"
#include "fuzz_site.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static char dir[64];

static void put(const char *name, const void *data, size_t len)
{
    char path[256];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    FILE *f = fopen(path, "wb");
    if (!f) {
        perror(path);
        abort();
    }
    if (len)
        fwrite(data, 1, len, f);
    fclose(f);
}

static void cleanup(void)
{
    char path[256];
    for (size_t i = 0; i < NBASE; i++) {
        snprintf(path, sizeof path, "%s/%s", dir, base[i].name);
        unlink(path);
    }
    snprintf(path, sizeof path, "%s/pages", dir);
    rmdir(path);
    rmdir(dir);
}

static void setup(void)
{
    snprintf(dir, sizeof dir, "/tmp/signpost-fuzz-content-XXXXXX");
    if (!mkdtemp(dir)) {
        perror("mkdtemp");
        abort();
    }
    char pages[128];
    snprintf(pages, sizeof pages, "%s/pages", dir);
    mkdir(pages, 0755);
    for (size_t i = 0; i < NBASE; i++)
        put(base[i].name, base[i].text, strlen(base[i].text));
    setenv("SOURCE_DATE_EPOCH", "1795348800", 1); /* the same day every run */
    atexit(cleanup);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (!dir[0])
        setup();
    if (size == 0)
        return 0;
    const BaseFile *f = &base[data[0] % NBASE];
    put(f->name, data + 1, size - 1);
    DiagList dl;
    diag_init(&dl);
    content_check(dir, &dl, NULL);
    diag_release(&dl);
    put(f->name, f->text, strlen(f->text));
    return 0;
}
