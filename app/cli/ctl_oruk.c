/* ctl_oruk.c: `signpostctl content import-oruk SOURCE -o CONTENT_DIR` and `signpostctl
 * content export-oruk CONTENT_DIR -o OUT [--format json|csv]` (see ctl_oruk.h and
 * app/oruk/oruk.h). Problems go to standard error as file:line:column lines, then one
 * line says what was (or was not) written. */
#include "ctl_oruk.h"

#include "diag.h"
#include "err.h"
#include "oruk.h"

#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

/* Parses "<one path> -o <path> [--format F]"; returns -1 to go on, or an exit status. */
static int parse(const CtlUsage *u, int argc, char **argv, const char **in, const char **out,
                 const char **format)
{
    const CtlOption opts[] = {{"-o", out, NULL}, {"--output", out, NULL},
                              {"--format", format, NULL}};
    int rc = ctl_parse(u, argc, argv, opts, format ? 3 : 2, in, "give one source");
    if (rc >= 0)
        return rc;
    if (!*in)
        return ctl_usage_error(u, "what should be read? give it first");
    if (!*out)
        return ctl_usage_error(u, "where should it go? give -o and a name");
    return -1;
}

static void counts(FILE *f, const OrukStats *s)
{
    fprintf(f, "%d service%s, %d organization%s, %d categor%s, %d meeting time%s",
            s->services, s->services == 1 ? "" : "s", s->organizations,
            s->organizations == 1 ? "" : "s", s->categories, s->categories == 1 ? "y" : "ies",
            s->schedules, s->schedules == 1 ? "" : "s");
}

int ctl_content_import_oruk(const CtlUsage *cmd, int argc, char **argv)
{
    const char *source = NULL, *dir = NULL;
    const CtlUsage u = {cmd->words, cmd->args,
                        "read an Open Referral UK data set and write services.csv, "
                        "organizations.csv, categories.csv and schedules.csv into the content "
                        "folder"};
    int rc = parse(&u, argc, argv, &source, &dir, NULL);
    if (rc >= 0)
        return rc;
    DiagList dl;
    diag_init(&dl);
    OrukStats stats;
    rc = oruk_import(source, dir, &dl, &stats);
    diag_print(&dl, stderr);
    if (rc == 0) {
        printf("imported %s into %s: ", source, dir);
        counts(stdout, &stats);
        if (dl.nwarnings)
            printf(" (%zu warning%s: values the kiosk cannot use were left out)", dl.nwarnings,
                   dl.nwarnings == 1 ? "" : "s");
        printf("; wrote categories.csv, organizations.csv, services.csv and schedules.csv.\n"
               "Next: signpostctl content check %s\n", dir);
    } else {
        fprintf(stderr, "import failed: %zu error%s, %zu warning%s; nothing in %s was "
                        "changed\n", dl.nerrors, dl.nerrors == 1 ? "" : "s", dl.nwarnings,
                dl.nwarnings == 1 ? "" : "s", dir);
    }
    diag_release(&dl);
    return rc == 0 ? CTL_EXIT_OK : CTL_EXIT_PROBLEMS;
}

int ctl_content_export_oruk(const CtlUsage *cmd, int argc, char **argv)
{
    const char *dir = NULL, *out = NULL, *format = NULL;
    const CtlUsage u = {cmd->words, cmd->args,
                        "write the content folder's support services as Open Referral UK 3.0: "
                        "one JSON file, or a folder of CSV tables"};
    int rc = parse(&u, argc, argv, &dir, &out, &format);
    if (rc >= 0)
        return rc;
    OrukFormat f = ORUK_JSON;
    if (format && strcmp(format, "csv") == 0)
        f = ORUK_CSV;
    else if (format && strcmp(format, "json") != 0)
        return ctl_usage_error(&u, "--format must be json or csv, not '%s'", format);
    DiagList dl;
    diag_init(&dl);
    OrukStats stats;
    rc = oruk_export(dir, out, f, &dl, &stats);
    diag_print(&dl, stderr);
    if (rc == 0) {
        printf("exported %s to %s (Open Referral UK 3.0 %s): ", dir, out,
               f == ORUK_JSON ? "JSON" : "CSV tables");
        counts(stdout, &stats);
        printf("\n");
    } else {
        fprintf(stderr, "export failed; %s was not changed\n", out);
    }
    diag_release(&dl);
    return rc == 0 ? CTL_EXIT_OK : CTL_EXIT_PROBLEMS;
}
