/* signpostctl.c: the command-line tool. Each subcommand is one row of `commands`
 * ({words, arguments, help, handler}); main() finds the row whose words start the
 * command line and hands it the remaining arguments. Exit status: 0 success, 1 the
 * input has problems (listed as file:line:column on stderr) or the work failed (a
 * message names the file and the cause), 2 the command line was wrong. Add a
 * subcommand by writing a handler and adding a row. */
#include "plansvg.h"
#include "config.h"
#include "content.h"
#include "ctl_args.h"
#include "ctl_fleet.h"
#include "ctl_feedback.h"
#include "ctl_report.h"
#include "ctl_i18n.h"
#include "ctl_oruk.h"
#include "ctl_publish.h"
#include "ctl_staff.h"
#include "diag.h"
#include "err.h"
#include "files.h"
#include "mem.h"
#include "outbox.h"
#include "preview.h"
#include "progress.h"

#include <sodium.h>

#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#ifndef SIGNPOST_VERSION
#define SIGNPOST_VERSION "unknown"
#endif

typedef struct Command {
    CtlUsage u;                                     /* words, arguments, help */
    int (*run)(const CtlUsage *u, int argc, char **argv); /* args after the words */
} Command;

static int cmd_content_build(const CtlUsage *cmd, int argc, char **argv);
static int cmd_content_check(const CtlUsage *cmd, int argc, char **argv);
static int cmd_content_preview(const CtlUsage *cmd, int argc, char **argv);
static int cmd_keys_new(const CtlUsage *cmd, int argc, char **argv);
static int cmd_concerns_list(const CtlUsage *cmd, int argc, char **argv);
static int cmd_concerns_export(const CtlUsage *cmd, int argc, char **argv);
static int cmd_concerns_purge(const CtlUsage *cmd, int argc, char **argv);
static int cmd_concerns_open_collection(const CtlUsage *cmd, int argc, char **argv);
static int cmd_concerns_confirm(const CtlUsage *cmd, int argc, char **argv);
static int cmd_help(const CtlUsage *cmd, int argc, char **argv);

static const Command commands[] = {
    {{"content build", "<dir> -o <file.db>",
     "check the content sources in <dir> and compile them into a content store; the store "
     "is replaced only when there are no errors"}, cmd_content_build},
    {{"content check", "<dir> [--config kiosk.conf] [--quiet]",
     "check the content sources in <dir> and list every problem, then a line 'N errors, "
     "M warnings'; writes nothing. Text no configured font can draw is a warning (fonts "
     "from --config, else the Debian defaults). Exit status 1 only for errors. --quiet "
     "prints only the problems"}, cmd_content_check},
    {{"content preview",
     "<dir> -o <out-dir> [--size WxH] [--kiosk ID] [--date YYYY-MM-DD] [--config FILE]",
     "build <dir> (refused when it has errors) and draw every screen it makes on the kiosk "
     "as a PNG in <out-dir>, with an index.html linking them all; --size is the screen "
     "(default 1920x1080), --kiosk where directions start, --date the day the screens show, "
     "--config a kiosk.conf for fonts and sizes"}, cmd_content_preview},
    {{"content import-oruk", "<file.json|folder> -o <content-dir>",
     "read an Open Referral UK data set (3.0 JSON, or a folder of 3.0 or 1.0 CSV tables) and "
     "write services.csv, organizations.csv, categories.csv and schedules.csv into "
     "<content-dir>, replacing only those four; nothing is written when there are errors"}, ctl_content_import_oruk},
    {{"content export-oruk", "<content-dir> -o <out> [--format json|csv]",
     "write the support services of <content-dir> as Open Referral UK 3.0: a JSON file "
     "(default), or with --format csv a folder of the 3.0 CSV tables and a datapackage.json "
     "describing them; the content must pass "
     "'content check' first"}, ctl_content_export_oruk},
    {{"content publish", "<dir|store.db> --to <live.db> [--public-key <file>] [--config <file>]",
     "build or copy the content beside the live store, check it as the kiosk will, keep the "
     "current store as <live.db>.good and only then rename the new one into place; a store "
     "that fails a check is refused and the live one is untouched"}, ctl_content_publish_any},
    {{"content publish", "<store.db> --db <url> --secret-key <file> [--version N]",
     "fleet: add a built store to the central database as a content pack, signed with the "
     "content signing key, version N (default: one more than the newest); kiosks install "
     "it at their next sync"}, ctl_content_publish_any},
    {{"content rollback", "--to <live.db> [--public-key <file>] [--config <file>]",
     "put <live.db>.good back as the live store (checked first); the store it replaces is "
     "kept as <live.db>.bad"}, ctl_content_rollback},
    {{"content sign", "<store.db> --secret-key <file>",
     "check a built store and sign it, writing <store.db>.sig for kiosks with [paths] "
     "content_public_key"}, ctl_content_sign},
    {{"content pack", "<store.db> --secret-key <file> -o <out-dir>",
     "copy a built store to <out-dir> (a removable drive) as a signed content pack "
     "(signpost-content-DATE-TIME.db and .sig) for staff mode's Update content"},
     ctl_content_pack},
    {{"keys new-signing", "--public <file> --secret <file>",
     "make a content signing key pair: the public key goes on every kiosk ([paths] "
     "content_public_key), the secret key (mode 0600) stays off the kiosks; never replaces a "
     "file"}, ctl_keys_new_signing},
    {{"keys new", "--public <file> --secret <file>",
     "make a PALS key pair for sealing concerns: the public key goes on every kiosk "
     "([concerns] public_key), the secret key (mode 0600) stays with PALS; never replaces "
     "a file"}, cmd_keys_new},
    {{"concerns list", "--outbox <file>",
     "list the concerns in a kiosk's outbox: reference, time, pending or exported; shows "
     "no content"}, cmd_concerns_list},
    {{"concerns export",
     "--outbox <file> --secret-key <file> --format csv|json|fhir [-o <file>] [--all] "
     "[--fhir-base <url>]",
     "open the pending concerns with the PALS secret key and write them (to a new file "
     "made with mode 0600, or standard output); marks them exported once written. --all "
     "includes those exported before"}, cmd_concerns_export},
    {{"concerns open-collection",
     "<file> --secret-key <file> --format csv|json|fhir -o <file> --receipt <file> "
     "[--fhir-base <url>]",
     "open a collection file from a kiosk (staff mode, Collect concerns; or a copy of an "
     "outbox) with the PALS secret key, write its concerns as concerns export does, and "
     "write a receipt listing the proof that each was opened; staff take the receipt back "
     "to the kiosk (Confirm collection) to delete exactly those"},
     cmd_concerns_open_collection},
    {{"concerns confirm", "--outbox <file> --receipt <file> [--kiosk <id>]",
     "delete from an outbox exactly the concerns a receipt proves PALS opened (what the "
     "kiosk's Confirm collection does); a damaged, forged or other kiosk's receipt deletes "
     "nothing"}, cmd_concerns_confirm},
    {{"concerns collect",
     "--db <url> --secret-key <file> --format csv|json|fhir -o <file> [--fhir-base <url>]",
     "fleet: open every concern in the central inbox not collected before with the PALS "
     "secret key, write them to a new file (mode 0600), and record their collection "
     "centrally (with the proof sealed in each) so the kiosks delete their copies"},
     ctl_concerns_collect},
    {{"central init", "--db <url>",
     "fleet: create or update the central database's schema, the roles signpost_kiosk, "
     "signpost_pals and signpost_publisher, their grants and row-level security; safe to "
     "run again"}, ctl_central_init},
    {{"fleet enrol",
     "--db <url> --kiosk-id <id> [--name <words>] [--password-file <file> [--rotate]] "
     "[--server <host[:port]>] [--etc-dir <dir>] [-o <file>]",
     "fleet: register a kiosk centrally and give it a login role in signpost_kiosk (its "
     "only rights: insert into the inbox, send day counts, read content packs); with "
     "--password-file a password (read from the file, or made and written there, mode "
     "0600), else a client certificate (CN=the role); prints or writes (-o) the kiosk's "
     "[fleet] section and the pg_hba.conf line. Enrolling again keeps the password in the "
     "file; --rotate makes a new one (the old one stops working)"},
     ctl_fleet_enrol},
    {{"sync", "--config <kiosk.conf> [--once [--now]]",
     "fleet: the kiosk's link to the central database ([fleet] in the config): upload "
     "sealed concerns and feedback comments and days of feedback and usage counts, delete "
     "the concerns and comments PALS collected, install newer signed content packs; "
     "every interval_seconds, or one pass with --once (for a systemd timer); --now: that "
     "pass runs even while a backoff after failures is waiting"}, ctl_sync},
    {{"concerns purge", "--outbox <file>",
     "delete the concerns already exported (securely) and compact the outbox; pending "
     "ones stay"}, cmd_concerns_purge},
    {{"feedback export",
     "--outbox <file> --format nhs-monthly | --outbox <file> --secret-key <file> --format "
     "csv|json|fhir [-o <file>] [--fhir-base <url>]",
     "the Friends and Family Test: with nhs-monthly, the answers counted per month as NHS "
     "England collects them (one row per month YYYY-MM, one column per answer; no key "
     "needed); with the PALS secret key, the free-text comments as CSV, JSON or FHIR "
     "QuestionnaireResponses, then marked exported"}, ctl_feedback_export},
    {{"feedback collect",
     "--db <url> --secret-key <file> --format csv|json|fhir -o <file> [--fhir-base <url>]",
     "fleet: open every Friends and Family Test comment in the central inbox not collected "
     "before with the PALS secret key, write them as feedback export does to a new file "
     "(mode 0600), and record their collection centrally (with the proof sealed in each) "
     "so the kiosks delete their copies"},
     ctl_feedback_collect},
    {{"usage export", "--outbox <file> [--from YYYY-MM-DD] [--to YYYY-MM-DD] [--format csv|json] "
     "[-o <file>]",
     "the kiosk's usage figures per day (people, hour, screens, searches that found nothing "
     "and their words once five people typed them, languages, features, slips printed); no "
     "key needed, nothing in them is about one person"}, ctl_usage_export},
    {{"report", "--outbox <file> [--secret-key <file>] --from YYYY-MM-DD --to YYYY-MM-DD "
     "-o <report.pdf> [--kiosk <name>]",
     "a PDF report for the PALS meeting (A4, five pages): Friends and Family Test by month "
     "with % positive and % negative, concerns by day (with the PALS secret key also by "
     "subject and place; never what anyone wrote), use by hour and language, searches that "
     "found nothing, printer and content health"}, ctl_report},
    {{"i18n status", "[--po-dir <dir>]",
     "per language, how many interface strings are translated, how many fall back to "
     "English and how many translations still need a native speaker's review (read from "
     "the .po catalogues; default the source tree's app/i18n/po)"}, ctl_i18n_status},
    {{"staff pin-hash", "",
     "read a staff PIN (4 to 12 digits) from standard input and print its Argon2id hash "
     "for kiosk.conf [staff] pin_hash; the PIN itself is never stored"}, ctl_staff_pin_hash},
    {{"help", "", "show this help"}, cmd_help},
};
enum { NCOMMANDS = sizeof commands / sizeof commands[0] };

static void print_usage(FILE *out)
{
    fprintf(out, "usage: signpostctl <command> [arguments]\n\ncommands:\n");
    for (size_t i = 0; i < NCOMMANDS; i++)
        fprintf(out, "  %s %s\n      %s\n", commands[i].u.words, commands[i].u.args,
                commands[i].u.help);
    fprintf(out, "\nProblems are listed as file:line:column: error|warning: message.\n"
                 "Exit status: 0 success, 1 problems in the input or a failure (the message "
                 "names\nthe file and the cause), 2 wrong command line.\n");
}

/* "3 buildings, 5 floors, 48 destinations, 3 kiosks" */
static void print_counts(FILE *out, const ContentStats *s)
{
    fprintf(out, "%d building%s, %d floor%s, %d destination%s, %d kiosk%s", s->buildings,
            s->buildings == 1 ? "" : "s", s->floors, s->floors == 1 ? "" : "s",
            s->destinations, s->destinations == 1 ? "" : "s", s->kiosks,
            s->kiosks == 1 ? "" : "s");
    if (s->pages)
        fprintf(out, ", %d page%s", s->pages, s->pages == 1 ? "" : "s");
    if (s->services)
        fprintf(out, ", %d support service%s in %d categor%s", s->services,
                s->services == 1 ? "" : "s", s->categories, s->categories == 1 ? "y" : "ies");
}

static void print_problem_counts(FILE *out, const DiagList *dl)
{
    fprintf(out, "%zu error%s, %zu warning%s", dl->nerrors, dl->nerrors == 1 ? "" : "s",
            dl->nwarnings, dl->nwarnings == 1 ? "" : "s");
}

/* The summary under a check: "2 errors, 1 warning: ..." and what it means. */
static void print_summary(FILE *out, const DiagList *dl)
{
    print_problem_counts(out, dl);
    if (dl->nerrors)
        fprintf(out, ": fix the errors; the content cannot be built until they are%s\n",
                dl->nwarnings ? " (warnings do not stop a build)" : "");
    else if (dl->nwarnings)
        fprintf(out, ": the content can be built; warnings do not stop a build, but are "
                     "worth a look\n");
    else
        fprintf(out, ": the content is ready to build\n");
}

static int cmd_content_build(const CtlUsage *cmd, int argc, char **argv)
{
    const char *dir = NULL, *out = NULL;
    const CtlOption opts[] = {{"-o", &out, NULL}, {"--output", &out, NULL}};
    int rc = ctl_parse(cmd, argc, argv, opts, 2, &dir,
                       "only one content folder can be built at a time");
    if (rc >= 0)
        return rc;
    if (!dir)
        return ctl_usage_error(cmd, "which content folder? give it first");
    if (!out || !out[0])
        return ctl_usage_error(cmd, "where should the store go? give -o <file.db>");

    DiagList dl;
    diag_init(&dl);
    ContentStats stats = {0};
    Progress bar;
    progress_init(&bar, stderr);
    rc = content_build_progress(dir, out, &dl, &stats, &bar);
    diag_print(&dl, stderr);
    if (rc == 0) {
        printf("built %s: ", out);
        print_counts(stdout, &stats);
        if (dl.nwarnings)
            printf(" (%zu warning%s)", dl.nwarnings, dl.nwarnings == 1 ? "" : "s");
        printf("\n");
    } else {
        fprintf(stderr, "content build failed: ");
        print_problem_counts(stderr, &dl);
        fprintf(stderr, "; %s was not changed\n", out);
    }
    diag_release(&dl);
    return rc == 0 ? CTL_EXIT_OK : CTL_EXIT_PROBLEMS;
}

static int cmd_content_check(const CtlUsage *cmd, int argc, char **argv)
{
    const char *dir = NULL, *config = NULL;
    bool quiet = false;
    const CtlOption opts[] = {{"--quiet", NULL, &quiet}, {"-q", NULL, &quiet},
                              {"--config", &config, NULL}};
    int rc = ctl_parse(cmd, argc, argv, opts, 3, &dir,
                       "only one content folder can be checked at a time");
    if (rc >= 0)
        return rc;
    if (!dir)
        return ctl_usage_error(cmd, "which content folder? give it after 'content check'");

    /* The fonts the kiosk draws with: kiosk.conf's, or the Debian defaults. */
    KioskConfig cfg;
    config_defaults(&cfg);
    if (config) {
        DiagList cd;
        diag_init(&cd);
        int bad = config_load(config, &cfg, &cd);
        diag_print(&cd, stderr);
        diag_release(&cd);
        if (bad != 0) {
            fprintf(stderr, "signpostctl: %s has problems (above); nothing was checked\n",
                    config);
            return CTL_EXIT_PROBLEMS;
        }
    }
    DiagList dl;
    diag_init(&dl);
    ContentStats stats = {0};
    Progress bar;
    progress_init(&bar, stderr);
    rc = content_check_progress(dir, &dl, &stats, quiet ? NULL : &bar);
    const char *fonts[] = {cfg.font_regular, cfg.font_bold, cfg.font_arabic, cfg.font_urdu,
                           cfg.font_bengali, cfg.font_gurmukhi};
    size_t undrawable = 0;
    if (content_check_fonts(dir, fonts, sizeof fonts / sizeof fonts[0], &dl, &undrawable) != 0)
        diag_add(&dl, DIAG_WARNING, dir, 0, 0, "fonts not checked: %s", err_msg());
    diag_print(&dl, stderr);
    if (!quiet) {
        /* After the problems, so the summary is the last thing on a terminal. */
        fflush(stderr);
        printf("checked %s: ", dir);
        print_counts(stdout, &stats);
        printf("\n");
        /* Translations still missing, per language of the content. */
        for (int i = 0; i < stats.nlangs; i++) {
            char line[512];
            content_lang_stats_text(&stats, &stats.langs[i], line, sizeof line);
            printf("translations: %s\n", line);
        }
        print_summary(stdout, &dl);
    }
    diag_release(&dl);
    return rc == 0 ? CTL_EXIT_OK : CTL_EXIT_PROBLEMS;
}

/* ==== keys and concerns ==== */

/* content preview: every screen of the content as a PNG, and an index.html. The build's
 * problems are printed first; content with errors is refused and nothing is written. */
static int cmd_content_preview(const CtlUsage *cmd, int argc, char **argv)
{
    enum { O_OUT, O_OUTPUT, O_SIZE, O_KIOSK, O_DATE, O_CONFIG, O_COUNT };
    const char *v[O_COUNT] = {NULL};
    const char *dir = NULL;
    const CtlOption opts[O_COUNT] = {
        {"-o", &v[O_OUT], NULL},       {"--output", &v[O_OUTPUT], NULL},
        {"--size", &v[O_SIZE], NULL},  {"--kiosk", &v[O_KIOSK], NULL},
        {"--date", &v[O_DATE], NULL},  {"--config", &v[O_CONFIG], NULL},
    };
    int parsed = ctl_parse(cmd, argc, argv, opts, O_COUNT, &dir,
                           "only one content folder can be previewed at a time");
    if (parsed >= 0)
        return parsed;
    const char *out = v[O_OUT] ? v[O_OUT] : v[O_OUTPUT];
    if (!dir)
        return ctl_usage_error(cmd, "which content folder? give it after 'content preview'");
    if (!out || !out[0])
        return ctl_usage_error(cmd, "where should the pictures go? give -o <out-dir>");

    KioskConfig cfg;
    config_defaults(&cfg);
    if (v[O_CONFIG]) {
        DiagList cd;
        diag_init(&cd);
        int bad = config_load(v[O_CONFIG], &cfg, &cd);
        diag_print(&cd, stderr);
        diag_release(&cd);
        if (bad != 0) {
            fprintf(stderr, "signpostctl: %s has problems (above); nothing was drawn\n",
                    v[O_CONFIG]);
            return CTL_EXIT_PROBLEMS;
        }
    }
    PreviewOptions po = {
        .content_dir = dir,
        .out_dir = out,
        .width = 1920,
        .height = 1080,
        .kiosk_id = v[O_KIOSK],
        .cfg = &cfg,
        .problems = stderr,
        .progress = stderr,
    };
    if (v[O_SIZE] && config_parse_size(v[O_SIZE], &po.width, &po.height) != 0)
        return ctl_usage_error(cmd, "--size '%s' is not WIDTHxHEIGHT, like 1920x1080 (from 320x240 "
                           "to 7680x4320)", v[O_SIZE]);
    if (v[O_DATE] && civil_parse(v[O_DATE], &po.today) != 0)
        return ctl_usage_error(cmd, "--date '%s' is not a date written YYYY-MM-DD, like 2026-11-22",
                           v[O_DATE]);

    DiagList dl;
    diag_init(&dl);
    PreviewStats st = {0};
    int rc = preview_run(&po, &dl, &st);
    if (rc == PREVIEW_CONTENT_ERRORS) {
        fprintf(stderr, "content preview refused: ");
        print_problem_counts(stderr, &dl);
        fprintf(stderr, "; fix the errors first. Nothing was written to %s\n", out);
    } else if (rc != PREVIEW_OK) {
        fprintf(stderr, "signpostctl: %s\n", err_msg());
    } else {
        printf("previewed %s: %d screens (%d places, %d support categories, %d services, "
               "%d pages) in %s/index.html; built in %.1f s, drawn in %.1f s",
               dir, st.screens, st.destinations, st.categories, st.services, st.pages, out,
               st.build_s, st.render_s);
        if (dl.nwarnings)
            printf(" (%zu warning%s)", dl.nwarnings, dl.nwarnings == 1 ? "" : "s");
        printf("\n");
    }
    diag_release(&dl);
    return rc == PREVIEW_OK ? CTL_EXIT_OK : CTL_EXIT_PROBLEMS;
}

static int cmd_keys_new(const CtlUsage *cmd, int argc, char **argv)
{
    const char *v[2] = {NULL, NULL};
    int rc = ctl_parse_key_files(cmd, argc, argv, v);
    if (rc >= 0)
        return rc;
    if (sodium_init() < 0) {
        fprintf(stderr, "signpostctl: libsodium could not initialise\n");
        return CTL_EXIT_PROBLEMS;
    }
    unsigned char pk[crypto_box_PUBLICKEYBYTES], sk[crypto_box_SECRETKEYBYTES];
    sodium_mlock(sk, sizeof sk); /* best effort: keep it out of swap */
    crypto_box_keypair(pk, sk);
    rc = CTL_EXIT_OK;
    if (outbox_key_write(v[1], sk, true) != 0) {
        fprintf(stderr, "signpostctl: %s\n", err_msg());
        rc = CTL_EXIT_PROBLEMS;
    } else if (outbox_key_write(v[0], pk, false) != 0) {
        fprintf(stderr, "signpostctl: %s; the secret key was removed again\n", err_msg());
        unlink(v[1]);
        rc = CTL_EXIT_PROBLEMS;
    }
    sodium_munlock(sk, sizeof sk); /* also wipes it */
    if (rc == CTL_EXIT_OK)
        printf("made a key pair:\n"
               "  public key %s: copy it to every kiosk and name it in [concerns] public_key\n"
               "  secret key %s (readable only by you): keep it with PALS, off the kiosks, and "
               "back it up safely;\n"
               "  without it no concern sealed to this public key can ever be read\n",
               v[0], v[1]);
    return rc;
}

typedef struct ListCounts {
    int pending, exported;
} ListCounts;

static int print_entry(void *user, const OutboxEntry *e)
{
    ListCounts *c = user;
    if (c->pending + c->exported == 0)
        printf("%-10s  %-20s  %s\n", "reference", "submitted (UTC)", "status");
    if (e->exported_at) {
        c->exported++;
        printf("%-10s  %-20s  exported %s\n", e->reference, e->created_at, e->exported_at);
    } else {
        c->pending++;
        printf("%-10s  %-20s  pending\n", e->reference, e->created_at);
    }
    return 0;
}

static int cmd_concerns_list(const CtlUsage *cmd, int argc, char **argv)
{
    const char *outbox = NULL;
    const CtlOption opts[] = {{"--outbox", &outbox, NULL}};
    int rc = ctl_parse(cmd, argc, argv, opts, 1, NULL, NULL);
    if (rc >= 0)
        return rc;
    if (!outbox)
        return ctl_usage_error(cmd, "which outbox? give --outbox <file>");
    ListCounts counts = {0};
    if (outbox_list(outbox, print_entry, &counts) < 0) {
        fprintf(stderr, "signpostctl: %s\n", err_msg());
        return CTL_EXIT_PROBLEMS;
    }
    int total = counts.pending + counts.exported;
    printf("%d concern%s: %d pending, %d exported\n", total, total == 1 ? "" : "s",
           counts.pending, counts.exported);
    return CTL_EXIT_OK;
}

/* Creates a new file for writing (never over one that exists) with mode; NULL with a
 * message printed on failure. */
static FILE *create_new(const char *path, unsigned mode, const char *what)
{
    int fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, mode);
    FILE *f = fd >= 0 ? fdopen(fd, "w") : NULL;
    if (!f) {
        fprintf(stderr, "signpostctl: cannot create %s: %s%s\n", path, strerror(errno),
                errno == EEXIST ? (strcmp(what, "receipt") == 0
                                       ? " (a receipt is never written over; choose a new name)"
                                       : " (an export is never written over; choose a new name)")
                                : "");
        if (fd >= 0)
            close(fd);
    }
    return f;
}

/* concerns export and concerns open-collection: open the sealed concerns of an outbox
 * or collection file with the secret key and write them; with receipt_path, also the
 * receipt that proves which were opened. */
static int run_export(const CtlUsage *cmd, const char *outbox, const char *key_path,
                      const char *format, const char *out_path, bool all, const char *fhir_base,
                      const char *receipt_path)
{
    if (!outbox || !key_path || !format)
        return ctl_usage_error(cmd, "give %s, --secret-key and --format",
                               receipt_path ? "the collection file" : "--outbox");
    OutboxExport ex = {.all = all, .fhir_base = fhir_base, .out_path = out_path};
    if (strcmp(format, "csv") == 0)
        ex.format = OUTBOX_CSV;
    else if (strcmp(format, "json") == 0)
        ex.format = OUTBOX_JSON;
    else if (strcmp(format, "fhir") == 0)
        ex.format = OUTBOX_FHIR;
    else
        return ctl_usage_error(cmd, "--format must be csv, json or fhir, not '%s'", format);

    unsigned char sk[OUTBOX_KEY_BYTES];
    if (outbox_key_read(key_path, sk) != 0) {
        fprintf(stderr, "signpostctl: %s\n", err_msg());
        return CTL_EXIT_PROBLEMS;
    }
    struct stat sb;
    if (stat(key_path, &sb) == 0 && (sb.st_mode & 077))
        fprintf(stderr, "signpostctl: warning: %s can be read by other users; make it "
                        "private with: chmod 600 %s\n", key_path, key_path);

    /* The export is personal data in plain text: a new file only this user can read,
     * never written over an earlier export that may not have been imported yet. The
     * receipt holds references and tokens, no personal data. */
    FILE *out = stdout;
    if (out_path && !(out = create_new(out_path, 0600, "export"))) {
        mem_wipe(sk, sizeof sk);
        return CTL_EXIT_PROBLEMS;
    }
    if (receipt_path && !(ex.receipt = create_new(receipt_path, 0644, "receipt"))) {
        if (out_path) {
            fclose(out);
            unlink(out_path);
        }
        mem_wipe(sk, sizeof sk);
        return CTL_EXIT_PROBLEMS;
    }
    /* stdio's buffer holds the plain text too: ours, so it can be wiped. */
    static char iobuf[1 << 16];
    setvbuf(out, iobuf, _IOFBF, sizeof iobuf);
    int result = outbox_export(outbox, sk, out, &ex);
    char why[1024];
    snprintf(why, sizeof why, "%s", err_msg());
    mem_wipe(sk, sizeof sk);
    if (out_path) {
        if (fclose(out) != 0 && result == 0) {
            result = -1;
            snprintf(why, sizeof why, "cannot write %s: %s", out_path, strerror(errno));
        }
        /* With nothing marked exported, a failed export is only a partial copy. */
        if (result != 0 && ex.exported == 0)
            unlink(out_path);
    } else {
        fflush(out);
    }
    if (ex.receipt) {
        if (fclose(ex.receipt) != 0 && result == 0) {
            result = -1;
            snprintf(why, sizeof why, "cannot write %s: %s", receipt_path, strerror(errno));
        }
        if (result == 0 && file_sync_dir_of(receipt_path) != 0) {
            result = -1;
            snprintf(why, sizeof why, "%s", err_msg());
        }
        if (result != 0 && ex.exported == 0)
            unlink(receipt_path);
    }
    mem_wipe(iobuf, sizeof iobuf); /* empty now: stdout may go on using it */
    if (result != 0)
        fprintf(stderr, "signpostctl: %s\n", why);
    if (ex.exported > 0 || result == 0)
        fprintf(stderr, "exported %d concern%s%s%s; %s\n", ex.exported,
                ex.exported == 1 ? "" : "s", out_path ? " to " : "", out_path ? out_path : "",
                receipt_path ? (ex.exported ? "receipt written" : "nothing was in it")
                : ex.exported ? "marked exported: 'signpostctl concerns purge' now deletes them "
                                "from the outbox"
                              : "nothing was pending");
    if (receipt_path && result == 0)
        fprintf(stderr, "receipt %s proves %d concern%s opened; take it to the kiosk (staff "
                        "mode, Confirm collection) so it deletes them%s\n",
                receipt_path, ex.exported - ex.unproven, ex.exported - ex.unproven == 1 ? "" : "s",
                ex.unproven ? "; see the warnings above for those it cannot prove" : "");
    return result == 0 ? CTL_EXIT_OK : CTL_EXIT_PROBLEMS;
}

static int cmd_concerns_export(const CtlUsage *cmd, int argc, char **argv)
{
    const char *v[6] = {NULL};
    bool all = false;
    const CtlOption opts[] = {
        {"--outbox", &v[0], NULL}, {"--secret-key", &v[1], NULL}, {"--format", &v[2], NULL},
        {"-o", &v[3], NULL},       {"--output", &v[4], NULL},     {"--fhir-base", &v[5], NULL},
        {"--all", NULL, &all},
    };
    int rc = ctl_parse(cmd, argc, argv, opts, sizeof opts / sizeof opts[0], NULL, NULL);
    if (rc >= 0)
        return rc;
    return run_export(cmd, v[0], v[1], v[2], v[3] ? v[3] : v[4], all, v[5], NULL);
}

static int cmd_concerns_open_collection(const CtlUsage *cmd, int argc, char **argv)
{
    const char *v[6] = {NULL};
    const char *file = NULL;
    const CtlOption opts[] = {
        {"--secret-key", &v[0], NULL}, {"--format", &v[1], NULL}, {"-o", &v[2], NULL},
        {"--output", &v[3], NULL},     {"--receipt", &v[4], NULL}, {"--fhir-base", &v[5], NULL},
    };
    int rc = ctl_parse(cmd, argc, argv, opts, sizeof opts / sizeof opts[0], &file, "one collection file at a time");
    if (rc >= 0)
        return rc;
    if (!v[4])
        return ctl_usage_error(cmd, "give --receipt: the file to take back to the kiosk");
    /* Every concern in the file, opened before or not: a collection may be opened again. */
    return run_export(cmd, file, v[0], v[1], v[2] ? v[2] : v[3], true, v[5], v[4]);
}

static int cmd_concerns_confirm(const CtlUsage *cmd, int argc, char **argv)
{
    const char *outbox = NULL, *receipt = NULL, *kiosk = NULL;
    const CtlOption opts[] = {
        {"--outbox", &outbox, NULL}, {"--receipt", &receipt, NULL}, {"--kiosk", &kiosk, NULL}};
    int rc = ctl_parse(cmd, argc, argv, opts, sizeof opts / sizeof opts[0], NULL, NULL);
    if (rc >= 0)
        return rc;
    if (!outbox || !receipt)
        return ctl_usage_error(cmd, "give --outbox and --receipt");
    OutboxConfirm res;
    if (outbox_confirm_file(outbox, receipt, kiosk, &res) != 0) {
        fprintf(stderr, "signpostctl: %s\n", err_msg());
        return CTL_EXIT_PROBLEMS;
    }
    printf("confirmed %s: deleted %d concern%s the receipt proves PALS opened%s\n", outbox,
           res.purged, res.purged == 1 ? "" : "s",
           res.absent ? "; the others it lists were deleted before" : "");
    return CTL_EXIT_OK;
}

static int cmd_concerns_purge(const CtlUsage *cmd, int argc, char **argv)
{
    const char *outbox = NULL;
    const CtlOption opts[] = {{"--outbox", &outbox, NULL}};
    int rc = ctl_parse(cmd, argc, argv, opts, 1, NULL, NULL);
    if (rc >= 0)
        return rc;
    if (!outbox)
        return ctl_usage_error(cmd, "which outbox? give --outbox <file>");
    int deleted = 0;
    int result = outbox_purge(outbox, &deleted);
    if (result != 0)
        fprintf(stderr, "signpostctl: %s\n", err_msg());
    if (result == 0 || deleted > 0)
        printf("purged %s: deleted %d exported concern%s; pending concerns were kept\n", outbox,
               deleted, deleted == 1 ? "" : "s");
    return result == 0 ? CTL_EXIT_OK : CTL_EXIT_PROBLEMS;
}

static int cmd_help(const CtlUsage *cmd, int argc, char **argv)
{
    print_usage(stdout);
    return CTL_EXIT_OK;
}

/* Finds the command whose words start argv; *used gets how many words it took. */
static const Command *find_command(int argc, char **argv, int *used)
{
    for (size_t i = 0; i < NCOMMANDS; i++) {
        const char *w = commands[i].u.words;
        int n = 0;
        bool match = true;
        while (*w && match) {
            size_t len = strcspn(w, " ");
            match = n < argc && strlen(argv[n]) == len && strncmp(argv[n], w, len) == 0;
            n++;
            w += len;
            while (*w == ' ')
                w++;
        }
        if (match) {
            *used = n;
            return &commands[i];
        }
    }
    return NULL;
}

int main(int argc, char **argv)
{
    /* Floor plan drawings (SVG) are rendered here, in the content builder only. */
    content_set_drawing_renderer(plansvg_render, plansvg_release);
    if (argc < 2) {
        print_usage(stderr);
        return CTL_EXIT_USAGE;
    }
    if (ctl_is_help(argv[1])) {
        print_usage(stdout);
        return CTL_EXIT_OK;
    }
    if (strcmp(argv[1], "--version") == 0) {
        printf("signpostctl %s\n", SIGNPOST_VERSION);
        return CTL_EXIT_OK;
    }
    int used = 0;
    const Command *cmd = find_command(argc - 1, argv + 1, &used);
    if (!cmd) {
        /* A known first word with a wrong second one: list that group's commands. */
        bool group = false;
        for (size_t i = 0; i < NCOMMANDS; i++) {
            size_t len = strcspn(commands[i].u.words, " ");
            if (commands[i].u.words[len] && strlen(argv[1]) == len &&
                strncmp(commands[i].u.words, argv[1], len) == 0) {
                if (!group)
                    fprintf(stderr, "signpostctl: %s needs one of:\n", argv[1]);
                group = true;
                fprintf(stderr, "  signpostctl %s %s\n", commands[i].u.words, commands[i].u.args);
            }
        }
        if (group)
            return CTL_EXIT_USAGE;
        return ctl_usage_error(NULL, "unknown command '%s'", argv[1]);
    }
    return cmd->run(&cmd->u, argc - 1 - used, argv + 1 + used);
}
