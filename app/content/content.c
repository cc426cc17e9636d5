/* content.c: the content build's entry points (see content.h): load and check the
 * sources into a model, then, for a build with no errors, write the store. */
#include "content.h"

#include "content_model.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static void fill_stats(const ContentModel *m, ContentStats *stats)
{
    if (!stats)
        return;
    stats->buildings = (int)m->nbuildings;
    stats->floors = (int)m->nfloors;
    stats->waypoints = (int)m->nwaypoints;
    stats->paths = (int)m->npaths;
    stats->destinations = (int)m->ndestinations;
    stats->kiosks = (int)m->nkiosks;
    stats->shapes = (int)m->nshapes;
    content_directory_stats(m, stats);
    content_pages_stats(m, stats);
}

/* Loads and checks; returns the number of errors found. */
static size_t prepare(ContentModel *m, const char *src_dir, DiagList *diags,
                      ContentStats *stats)
{
    size_t before = diags->nerrors;
    content_model_init(m, src_dir, diags);
    content_load(m);
    content_check_model(m);
    fill_stats(m, stats);
    return diags->nerrors - before;
}

int content_check(const char *src_dir, DiagList *diags, ContentStats *stats)
{
    ContentModel m;
    size_t errors = prepare(&m, src_dir, diags, stats);
    content_model_release(&m);
    return errors ? -1 : 0;
}

int content_build(const char *src_dir, const char *out_path, DiagList *diags,
                  ContentStats *stats)
{
    ContentModel m;
    int rc = -1;
    if (prepare(&m, src_dir, diags, stats) == 0) {
        rc = content_write_store(&m, out_path);
    } else {
        /* Nothing is written; a .tmp left by an interrupted earlier build goes too. */
        size_t n = strlen(out_path) + 5;
        char *tmp = malloc(n);
        if (tmp) {
            snprintf(tmp, n, "%s.tmp", out_path);
            unlink(tmp);
            free(tmp);
        }
    }
    content_model_release(&m);
    return rc;
}
