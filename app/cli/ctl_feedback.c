/* ctl_feedback.c: signpostctl feedback export and usage export (see ctl_feedback.h). */
#include "ctl_feedback.h"

#include "err.h"
#include "files.h"
#include "mem.h"
#include "outbox.h"
#include "usage.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* A new file (never over one that exists) with mode, or stdout when path is NULL. */
static FILE *open_out(const char *path, unsigned mode)
{
    if (!path)
        return stdout;
    int fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, mode);
    FILE *f = fd >= 0 ? fdopen(fd, "w") : NULL;
    if (!f) {
        fprintf(stderr, "signpostctl: cannot create %s: %s%s\n", path, strerror(errno),
                errno == EEXIST ? " (an export is never written over; choose a new name)" : "");
        if (fd >= 0)
            close(fd);
    }
    return f;
}

/* Closes out (a file: synced with its folder); on failure removes it. 0 or -1. */
static int close_out(FILE *out, const char *path, int result)
{
    if (!path) {
        fflush(out);
        return result;
    }
    if (fclose(out) != 0 && result == 0)
        result = err_set("cannot write %s: %s", path, strerror(errno));
    if (result == 0 && file_sync_dir_of(path) != 0)
        result = -1;
    if (result != 0)
        unlink(path);
    return result;
}

int ctl_feedback_export(const CtlUsage *cmd, int argc, char **argv)
{
    const char *outbox = NULL, *format = NULL, *key_path = NULL, *out_path = NULL,
               *output = NULL, *fhir_base = NULL;
    const CtlOption opts[] = {
        {"--outbox", &outbox, NULL},  {"--format", &format, NULL}, {"--secret-key", &key_path, NULL},
        {"-o", &out_path, NULL},      {"--output", &output, NULL}, {"--fhir-base", &fhir_base, NULL},
    };
    int rc = ctl_parse(cmd, argc, argv, opts, sizeof opts / sizeof opts[0], NULL, NULL);
    if (rc >= 0)
        return rc;
    if (!out_path)
        out_path = output;
    if (!outbox || !format)
        return ctl_usage_error(cmd, "give --outbox and --format");
    if (strcmp(format, "nhs-monthly") == 0) {
        if (key_path)
            return ctl_usage_error(cmd, "nhs-monthly needs no key: answers are only counted");
        FILE *out = open_out(out_path, 0644);
        if (!out)
            return CTL_EXIT_PROBLEMS;
        int result = close_out(out, out_path, outbox_feedback_nhs_monthly(outbox, out));
        return result == 0 ? CTL_EXIT_OK : ctl_failed();
    }
    OutboxFormat f;
    if (strcmp(format, "csv") == 0)
        f = OUTBOX_CSV;
    else if (strcmp(format, "json") == 0)
        f = OUTBOX_JSON;
    else if (strcmp(format, "fhir") == 0)
        f = OUTBOX_FHIR;
    else
        return ctl_usage_error(cmd, "--format must be nhs-monthly, csv, json or fhir, not '%s'",
                               format);
    if (!key_path)
        return ctl_usage_error(cmd, "the comments are sealed: give --secret-key (the PALS key)");
    unsigned char sk[OUTBOX_KEY_BYTES];
    if (outbox_key_read(key_path, sk) != 0)
        return ctl_failed();
    /* The comments in plain text: a new file only this user can read. */
    FILE *out = open_out(out_path, 0600);
    if (!out) {
        mem_wipe(sk, sizeof sk);
        return CTL_EXIT_PROBLEMS;
    }
    static char iobuf[1 << 16];
    setvbuf(out, iobuf, _IOFBF, sizeof iobuf);
    int exported = 0;
    int result = outbox_feedback_export(outbox, sk, f, fhir_base, out, &exported);
    mem_wipe(sk, sizeof sk);
    char why[1024];
    snprintf(why, sizeof why, "%s", err_msg());
    result = close_out(out, out_path, result == 0 ? 0 : -1);
    mem_wipe(iobuf, sizeof iobuf);
    if (result != 0) {
        fprintf(stderr, "signpostctl: %s\n", err_msg()[0] ? err_msg() : why);
        return CTL_EXIT_PROBLEMS;
    }
    fprintf(stderr, "exported %d feedback comment%s%s%s\n", exported, exported == 1 ? "" : "s",
            out_path ? " to " : "", out_path ? out_path : "");
    return CTL_EXIT_OK;
}

static bool date_ok(const char *s)
{
    if (!s || strlen(s) != 10 || s[4] != '-' || s[7] != '-')
        return false;
    for (int i = 0; i < 10; i++)
        if (i != 4 && i != 7 && (s[i] < '0' || s[i] > '9'))
            return false;
    return true;
}

int ctl_usage_export(const CtlUsage *cmd, int argc, char **argv)
{
    const char *outbox = NULL, *format = NULL, *from = NULL, *to = NULL, *out_path = NULL,
               *output = NULL;
    const CtlOption opts[] = {
        {"--outbox", &outbox, NULL}, {"--format", &format, NULL}, {"--from", &from, NULL},
        {"--to", &to, NULL},         {"-o", &out_path, NULL},     {"--output", &output, NULL},
    };
    int rc = ctl_parse(cmd, argc, argv, opts, sizeof opts / sizeof opts[0], NULL, NULL);
    if (rc >= 0)
        return rc;
    if (!out_path)
        out_path = output;
    if (!outbox)
        return ctl_usage_error(cmd, "which outbox? give --outbox <file>");
    if (format && strcmp(format, "csv") != 0 && strcmp(format, "json") != 0)
        return ctl_usage_error(cmd, "--format must be csv or json, not '%s'", format);
    if ((from && !date_ok(from)) || (to && !date_ok(to)))
        return ctl_usage_error(cmd, "--from and --to are dates like 2026-11-22");
    FILE *out = open_out(out_path, 0644);
    if (!out)
        return CTL_EXIT_PROBLEMS;
    bool json = format && strcmp(format, "json") == 0;
    int result = close_out(out, out_path, usage_export(outbox, from, to, json, out));
    return result == 0 ? CTL_EXIT_OK : ctl_failed();
}
