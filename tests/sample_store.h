/* sample_store.h: builds the sample content (content/) into a fresh store at db_path
 * and opens it, for tests that link sp_content and sp_store. Returns the store (the
 * caller closes it), or NULL after printing why. */
#ifndef SIGNPOST_SAMPLE_STORE_H
#define SIGNPOST_SAMPLE_STORE_H

#include "content.h"
#include "diag.h"
#include "err.h"
#include "store.h"

#include <stdio.h>
#include <unistd.h>

static inline Store *sample_store_open(const char *db_path)
{
    unlink(db_path);
    DiagList dl;
    diag_init(&dl);
    if (content_build(SOURCE_ROOT "/content", db_path, &dl, NULL) != 0) {
        diag_print(&dl, stderr);
        diag_release(&dl);
        return NULL;
    }
    diag_release(&dl);
    Store *st = store_open(db_path);
    if (!st)
        fprintf(stderr, "%s\n", err_msg());
    return st;
}

#endif
