/* ctl_oruk.c: `signpostctl content import-oruk SOURCE -o CONTENT_DIR` and `signpostctl
 * content export-oruk CONTENT_DIR -o OUT [--format json|csv]` (see ctl_oruk.h and
 * app/oruk/oruk.h). Problems go to standard error as file:line:column lines, then one
 * line says what was (or was not) written. */
#include "ctl_oruk.h"

#include "diag.h"
#include "oruk.h"

#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

enum { EXIT_OK = 0, EXIT_PROBLEMS = 1, EXIT_USAGE = 2 };

static int usage(const char *words, const char *args, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 3, 4)))
#endif
    ;

static int usage(const char *words, const char *args, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    fprintf(stderr, "signpostctl: ");
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fprintf(stderr, "\nusage: signpostctl %s %s\n", words, args);
    return EXIT_USAGE;
}

/* Parses "<one path> -o <path> [--format F]"; returns -1 to go on, or an exit status. */
static int parse(const char *words, const char *args, int argc, char **argv, const char **in,
                 const char **out, const char **format, const char *help)
{
    for (int i = 0; i < argc; i++) {
        const char *a = argv[i];
        if (strcmp(a, "-h") == 0 || strcmp(a, "--help") == 0) {
            printf("usage: signpostctl %s %s\n  %s\n", words, args, help);
            return EXIT_OK;
        } else if (strcmp(a, "-o") == 0 || strcmp(a, "--output") == 0) {
            if (i + 1 >= argc)
                return usage(words, args, "%s needs a name after it", a);
            *out = argv[++i];
        } else if (strncmp(a, "--output=", 9) == 0) {
            *out = a + 9;
        } else if (format && strcmp(a, "--format") == 0) {
            if (i + 1 >= argc)
                return usage(words, args, "--format needs json or csv after it");
            *format = argv[++i];
        } else if (format && strncmp(a, "--format=", 9) == 0) {
            *format = a + 9;
        } else if (a[0] == '-' && a[1]) {
            return usage(words, args, "unknown option '%s'", a);
        } else if (!*in) {
            *in = a;
        } else {
            return usage(words, args, "unexpected '%s': give one source", a);
        }
    }
    if (!*in)
        return usage(words, args, "what should be read? give it first");
    if (!*out || !(*out)[0])
        return usage(words, args, "where should it go? give -o and a name");
    return -1;
}

static void counts(FILE *f, const OrukStats *s)
{
    fprintf(f, "%d service%s, %d organization%s, %d categor%s, %d meeting time%s",
            s->services, s->services == 1 ? "" : "s", s->organizations,
            s->organizations == 1 ? "" : "s", s->categories, s->categories == 1 ? "y" : "ies",
            s->schedules, s->schedules == 1 ? "" : "s");
}

int ctl_content_import_oruk(const char *words, const char *args, int argc, char **argv)
{
    const char *source = NULL, *dir = NULL;
    int rc = parse(words, args, argc, argv, &source, &dir, NULL,
                   "read an Open Referral UK data set and write services.csv, "
                   "organizations.csv, categories.csv and schedules.csv into the content "
                   "folder");
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
    return rc == 0 ? EXIT_OK : EXIT_PROBLEMS;
}

int ctl_content_export_oruk(const char *words, const char *args, int argc, char **argv)
{
    const char *dir = NULL, *out = NULL, *format = NULL;
    int rc = parse(words, args, argc, argv, &dir, &out, &format,
                   "write the content folder's support services as Open Referral UK 3.0: "
                   "one JSON file, or a folder of CSV tables");
    if (rc >= 0)
        return rc;
    OrukFormat f = ORUK_JSON;
    if (format && strcmp(format, "csv") == 0)
        f = ORUK_CSV;
    else if (format && strcmp(format, "json") != 0)
        return usage(words, args, "--format must be json or csv, not '%s'", format);
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
    return rc == 0 ? EXIT_OK : EXIT_PROBLEMS;
}
