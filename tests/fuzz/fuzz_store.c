/* fuzz_store.c: fuzz target for the store loader on a hostile database (app/store), as
 * the kiosk meets one when a damaged or tampered store is published. Each input
 * becomes a database file in a temporary folder (fuzz_tmp_put_db(): an SQLite file
 * as it is, or edits to a valid store built once from fuzz_site.h) and store_open()
 * opens, checks and loads it; when it loads, a few searches run over it, and every
 * service and each category's list are read (the kiosk reads them when shown). It must
 * never crash: a refusal with a message is the expected outcome. */
#include "fuzz.h"

#include "content.h"
#include "fuzz_site.h"
#include "fuzz_tmp.h"
#include "mem.h"
#include "store.h"

static unsigned char *model;
static size_t model_len;

/* Builds the valid store the edits apply to. */
static void setup(const char *dir)
{
    char site[512], db[512];
    snprintf(site, sizeof site, "%s/site", dir);
    mkdir(site, 0755);
    char pages[600];
    snprintf(pages, sizeof pages, "%s/pages", site);
    mkdir(pages, 0755);
    for (size_t i = 0; i < NBASE; i++)
        fuzz_tmp_put(site, base[i].name, base[i].text, strlen(base[i].text));
    snprintf(db, sizeof db, "%s/model.db", dir);
    DiagList dl;
    diag_init(&dl);
    if (content_build(site, db, &dl, NULL) != 0) {
        diag_print(&dl, stderr);
        abort();
    }
    diag_release(&dl);
    model = fuzz_tmp_slurp(db, &model_len);
    if (!model)
        abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *dir = fuzz_tmp_dir("store");
    if (!model)
        setup(dir);
    char path[512];
    snprintf(path, sizeof path, "%s/store.db", dir);
    fuzz_tmp_put_db(path, model, model_len, data, size);
    Store *st = store_open(path);
    if (!st && size == 0)
        abort(); /* the model itself must load: else the target tests nothing */
    if (st) {
        static const char *const queries[] = {"caf", "ward lift", "carers", "a", "\"*"};
        SearchHit hits[16];
        for (size_t i = 0; i < sizeof queries / sizeof queries[0]; i++)
            store_search(st, queries[i], hits, 16);
        const Site *s = store_site(st);
        for (size_t i = 0; i < s->nservices; i++)
            store_service(st, (int)i);
        for (size_t c = 0; c < s->ncategories; c++) {
            int *list = NULL;
            size_t n = 0;
            if (store_category_services(st, (int)c, &list, &n) == 0)
                for (size_t k = 0; k < n; k++)
                    store_service(st, list[k]);
            mem_free(list);
        }
        store_close(st);
    }
    return 0;
}
