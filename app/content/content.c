/* content.c: the content build's entry points (see content.h): load and check the
 * sources into a model, then, for a build with no errors, write the store; with a
 * progress bar, each stage draws on it and the line is cleared at the end. */
#include "content.h"

#include "content_model.h"
#include "progress.h"

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
    content_trans_stats(m, stats);
}

/* Loads and checks; returns the number of errors found. */
static size_t prepare(ContentModel *m, const char *src_dir, DiagList *diags,
                      ContentStats *stats, Progress *progress)
{
    size_t before = diags->nerrors;
    content_model_init(m, src_dir, diags);
    m->progress = progress;
    content_load(m);
    content_load_synonyms(m);
    content_check_model(m);
    content_check_translations(m);
    fill_stats(m, stats);
    return diags->nerrors - before;
}

int content_check_progress(const char *src_dir, DiagList *diags, ContentStats *stats,
                           Progress *progress)
{
    ContentModel m;
    size_t errors = prepare(&m, src_dir, diags, stats, progress);
    content_model_release(&m);
    progress_end(progress);
    return errors ? -1 : 0;
}

int content_check(const char *src_dir, DiagList *diags, ContentStats *stats)
{
    return content_check_progress(src_dir, diags, stats, NULL);
}

int content_build(const char *src_dir, const char *out_path, DiagList *diags,
                  ContentStats *stats)
{
    return content_build_progress(src_dir, out_path, diags, stats, NULL);
}

int content_build_progress(const char *src_dir, const char *out_path, DiagList *diags,
                           ContentStats *stats, Progress *progress)
{
    ContentModel m;
    int rc = -1;
    if (prepare(&m, src_dir, diags, stats, progress) == 0) {
        rc = content_write_store(&m, out_path);
    } else {
        /* Nothing is written; a .tmp left by an interrupted earlier build goes too. */
        size_t n = strlen(out_path) + 5;
        char *tmp = mem_alloc(n);
        if (tmp) {
            snprintf(tmp, n, "%s.tmp", out_path);
            unlink(tmp);
            mem_free(tmp);
        }
    }
    content_model_release(&m);
    progress_end(progress);
    return rc;
}
