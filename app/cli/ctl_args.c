/* ctl_args.c: signpostctl's usage messages and its one argument parser (see
 * ctl_args.h). */
#include "ctl_args.h"

#include "err.h"

#include <assert.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

int ctl_usage_error(const CtlUsage *u, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    fprintf(stderr, "signpostctl: ");
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    if (u)
        fprintf(stderr, "\nusage: signpostctl %s %s\n", u->words, u->args);
    else
        fprintf(stderr, "\nrun 'signpostctl help' to see the commands\n");
    return CTL_EXIT_USAGE;
}

int ctl_failed(void)
{
    fprintf(stderr, "signpostctl: %s\n", err_msg());
    return CTL_EXIT_PROBLEMS;
}

bool ctl_is_help(const char *arg)
{
    return strcmp(arg, "-h") == 0 || strcmp(arg, "--help") == 0;
}

/* Takes option o at argv[*i] ("--name VALUE", "--name=VALUE" or a bare flag). Returns 1
 * when it is that option, 0 when not, or CTL_EXIT_USAGE after a usage message. */
static int take(const CtlUsage *u, const CtlOption *o, int argc, char **argv, int *i)
{
    assert((o->value == NULL) != (o->flag == NULL));
    const char *a = argv[*i];
    size_t n = strlen(o->name);
    if (strncmp(a, o->name, n) != 0 || (a[n] != '\0' && (a[n] != '=' || !o->value)))
        return 0;
    if (o->flag) {
        *o->flag = true;
        return 1;
    }
    if (a[n] == '=') {
        *o->value = a + n + 1;
    } else {
        if (*i + 1 >= argc)
            return ctl_usage_error(u, "%s needs a value after it", o->name);
        *o->value = argv[++*i];
    }
    if (!(*o->value)[0])
        return ctl_usage_error(u, "%s needs a value", o->name);
    return 1;
}

int ctl_parse(const CtlUsage *u, int argc, char **argv, const CtlOption *opts, size_t nopts,
              const char **positional, const char *one_only)
{
    for (int i = 0; i < argc; i++) {
        const char *a = argv[i];
        if (ctl_is_help(a)) {
            printf("usage: signpostctl %s %s\n  %s\n", u->words, u->args, u->help);
            return CTL_EXIT_OK;
        }
        int known = 0;
        for (size_t k = 0; k < nopts && !known; k++)
            known = take(u, &opts[k], argc, argv, &i);
        if (known == CTL_EXIT_USAGE)
            return known;
        if (known)
            continue;
        if (a[0] == '-' && a[1])
            return ctl_usage_error(u, "unknown option '%s'", a);
        if (positional && !*positional) {
            *positional = a;
            continue;
        }
        if (positional && one_only)
            return ctl_usage_error(u, "%s ('%s')", one_only, a);
        return ctl_usage_error(u, "unexpected '%s'", a);
    }
    return -1;
}

int ctl_parse_key_files(const CtlUsage *u, int argc, char **argv, const char *files[2])
{
    files[0] = files[1] = NULL;
    const CtlOption opts[] = {{"--public", &files[0], NULL}, {"--secret", &files[1], NULL}};
    int rc = ctl_parse(u, argc, argv, opts, 2, NULL, NULL);
    if (rc >= 0)
        return rc;
    if (!files[0] || !files[1])
        return ctl_usage_error(u, "give both --public and --secret");
    if (strcmp(files[0], files[1]) == 0)
        return ctl_usage_error(u, "the public and secret keys must go in different files");
    struct stat sb;
    for (int k = 0; k < 2; k++)
        if (lstat(files[k], &sb) == 0) {
            fprintf(stderr, "signpostctl: %s already exists; a key file is never replaced. "
                            "Nothing was written.\n", files[k]);
            return CTL_EXIT_PROBLEMS;
        }
    return -1;
}
