/* ctl_publish.c: signpostctl's publishing commands (see ctl_publish.h): putting content
 * live safely (publish/publish.h), rolling it back, signing a built store and making
 * a signing key pair (publish/signing.h). With --config, publish and rollback take the
 * live store, the signing public key and the kiosk location from a kiosk.conf, so
 * they check the store exactly as that kiosk will. */
#include "ctl_publish.h"

#include "config.h"
#include "ctl_args.h"
#include "err.h"
#include "mem.h"
#include "publish.h"
#include "signing.h"

#include <errno.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* Reads a kiosk.conf for publish and rollback. Its problems are listed; a config with
 * problems is not used. */
static int read_config(const char *path, KioskConfig *cfg)
{
    config_defaults(cfg);
    DiagList dl;
    diag_init(&dl);
    int rc = config_load(path, cfg, &dl);
    diag_print(&dl, stderr);
    diag_release(&dl);
    if (rc != 0)
        return err_set("%s has problems (listed above); fix them first, so the store is "
                       "checked as that kiosk will check it", path);
    return 0;
}

/* The live store, public key and kiosk from the options and an optional config. */
typedef struct Target {
    KioskConfig cfg;
    const char *live, *public_key, *kiosk_id;
} Target;

static int target_resolve(const CtlUsage *u, Target *t, const char *to, const char *key,
                          const char *config)
{
    t->live = to;
    t->public_key = key;
    t->kiosk_id = NULL;
    if (config) {
        if (read_config(config, &t->cfg) != 0)
            return ctl_failed();
        if (!t->live)
            t->live = t->cfg.content_store;
        if (!t->public_key)
            t->public_key = t->cfg.content_public_key;
        t->kiosk_id = t->cfg.kiosk_id;
    }
    if (!t->live)
        return ctl_usage_error(u, "which live store? give --to <live.db> (or --config "
                              "<kiosk.conf> to use its [paths] content)");
    return -1;
}

/* A Target from --to, --public-key and --config (v[0..2]), or NULL with *exit_status
 * set (a usage message, or out of memory). The caller frees it with mem_free(). */
static Target *target_new(const CtlUsage *u, const char *v[3], int *exit_status)
{
    Target *t = mem_zalloc(sizeof *t);
    if (!t) {
        *exit_status = ctl_failed();
        return NULL;
    }
    int rc = target_resolve(u, t, v[0], v[1], v[2]);
    if (rc >= 0) {
        mem_free(t);
        *exit_status = rc;
        return NULL;
    }
    return t;
}

/* What staff see after a publish or rollback: when the kiosks take the new store. */
static void print_switch_note(const char *live)
{
    printf("  a kiosk showing %s switches to it within seconds, as soon as nobody is "
           "using it\n", live);
}

int ctl_content_publish(const CtlUsage *cmd, int argc, char **argv)
{
    static const char help[] =
        "make <source> (a content folder, built first, or a built store with its .sig "
        "beside it) the live store: it is written beside it as <live.db>.new, checked as "
        "the kiosk will open it (and more), and only then renamed into place; the store it "
        "replaces is kept as <live.db>.good. A store that fails a check is refused and the "
        "live one is not touched. --public-key (or the config's [paths] content_public_key) "
        "requires a matching signature; --config also checks the kiosk's location";
    const CtlUsage u = {cmd->words, cmd->args, help};
    const char *source = NULL, *v[3] = {NULL, NULL, NULL};
    const CtlOption opts[] = {{"--to", &v[0], NULL}, {"--public-key", &v[1], NULL},
                              {"--config", &v[2], NULL}};
    int rc = ctl_parse(&u, argc, argv, opts, 3, &source, NULL);
    if (rc >= 0)
        return rc;
    if (!source)
        return ctl_usage_error(&u, "what should be published? give a content folder or a store");
    Target *t = target_new(&u, v, &rc);
    if (!t)
        return rc;
    DiagList dl;
    diag_init(&dl);
    PublishRequest rq = {.source = source, .live = t->live, .public_key = t->public_key,
                         .kiosk_id = t->kiosk_id, .diags = &dl, .progress = stdout};
    PublishResult res;
    int result = content_publish(&rq, &res);
    diag_print(&dl, stderr);
    diag_release(&dl);
    if (result != 0) {
        rc = ctl_failed();
    } else {
        rc = CTL_EXIT_OK;
        printf("published %s as %s (content built %s)\n", source, t->live, res.built_at);
        if (res.kept_good)
            printf("  the store it replaced is kept as %s.good: 'signpostctl content rollback "
                   "--to %s' puts it back\n", t->live, t->live);
        if (res.kept_bad)
            printf("  the store it replaced failed its checks, so it is kept as %s.bad for "
                   "staff (%s)\n", t->live, res.replaced_problem);
        print_switch_note(t->live);
    }
    mem_free(t);
    return rc;
}

int ctl_content_rollback(const CtlUsage *cmd, int argc, char **argv)
{
    static const char help[] =
        "put the last-known-good store <live.db>.good back as the live store (after the "
        "same checks as a publish); the store it replaces is kept as <live.db>.bad for "
        "staff to look at";
    const CtlUsage u = {cmd->words, cmd->args, help};
    const char *v[3] = {NULL, NULL, NULL};
    const CtlOption opts[] = {{"--to", &v[0], NULL}, {"--public-key", &v[1], NULL},
                              {"--config", &v[2], NULL}};
    int rc = ctl_parse(&u, argc, argv, opts, 3, NULL, NULL);
    if (rc >= 0)
        return rc;
    Target *t = target_new(&u, v, &rc);
    if (!t)
        return rc;
    PublishRequest rq = {.live = t->live, .public_key = t->public_key,
                         .kiosk_id = t->kiosk_id, .progress = stdout};
    PublishResult res;
    if (content_rollback(&rq, &res) != 0) {
        rc = ctl_failed();
    } else {
        rc = CTL_EXIT_OK;
        printf("rolled %s back to %s.good (content built %s)\n", t->live, t->live,
               res.built_at);
        if (res.kept_bad)
            printf("  the store it replaced is kept as %s.bad for staff to look at\n",
                   t->live);
        print_switch_note(t->live);
    }
    mem_free(t);
    return rc;
}

int ctl_content_sign(const CtlUsage *cmd, int argc, char **argv)
{
    static const char help[] =
        "check the built store <store.db> and sign it with the content signing secret key, "
        "writing <store.db>.sig (replacing an earlier one); kiosks with the matching "
        "[paths] content_public_key then accept it";
    const CtlUsage u = {cmd->words, cmd->args, help};
    const char *store = NULL, *key = NULL;
    const CtlOption opts[] = {{"--secret-key", &key, NULL}};
    int rc = ctl_parse(&u, argc, argv, opts, 1, &store, NULL);
    if (rc >= 0)
        return rc;
    if (!store)
        return ctl_usage_error(&u, "which store? give the built .db file");
    if (!key)
        return ctl_usage_error(&u, "give --secret-key <file> (made by 'signpostctl keys "
                               "new-signing')");
    char built_at[64] = "";
    if (content_store_check(store, NULL, NULL, built_at, sizeof built_at) != 0) {
        fprintf(stderr, "signpostctl: %s; it was not signed\n", err_msg());
        return CTL_EXIT_PROBLEMS;
    }
    unsigned char sk[SIGNING_SECRET_BYTES];
    if (signing_secret_key_read(key, sk) != 0)
        return ctl_failed();
    struct stat sb;
    if (stat(key, &sb) == 0 && (sb.st_mode & 077))
        fprintf(stderr, "signpostctl: warning: %s can be read by other users; make it "
                        "private with: chmod 600 %s\n", key, key);
    rc = content_sign(store, sk) == 0 ? CTL_EXIT_OK : ctl_failed();
    mem_wipe(sk, sizeof sk);
    if (rc == CTL_EXIT_OK)
        printf("signed %s (content built %s): wrote %s.sig; publish both with 'signpostctl "
               "content publish %s --to <live.db>'\n", store, built_at, store, store);
    return rc;
}

int ctl_content_pack(const CtlUsage *cmd, int argc, char **argv)
{
    static const char help[] =
        "make a content pack for kiosks that have no network: check the built store, copy "
        "it into <out-dir> (a removable drive) as signpost-content-YYYYMMDD-HHMMSS.db (its "
        "build time) and sign the copy there (.db.sig); staff mode's Update content on the "
        "kiosk checks and publishes it";
    const CtlUsage u = {cmd->words, cmd->args, help};
    const char *store = NULL, *key = NULL, *out = NULL;
    const CtlOption opts[] = {{"--secret-key", &key, NULL}, {"-o", &out, NULL}};
    int rc = ctl_parse(&u, argc, argv, opts, 2, &store, NULL);
    if (rc >= 0)
        return rc;
    if (!store)
        return ctl_usage_error(&u, "which store? give the built .db file");
    if (!key || !out)
        return ctl_usage_error(&u, "give --secret-key <file> and -o <out-dir>");
    char built_at[64] = "";
    if (content_store_check(store, NULL, NULL, built_at, sizeof built_at) != 0) {
        fprintf(stderr, "signpostctl: %s; no pack was made\n", err_msg());
        return CTL_EXIT_PROBLEMS;
    }
    unsigned char sk[SIGNING_SECRET_BYTES];
    if (signing_secret_key_read(key, sk) != 0)
        return ctl_failed();
    /* "2026-12-05T09:14:03Z" -> "20261205-091403": packs sort by build time. */
    char stamp[32] = "";
    size_t o = 0;
    for (const char *c = built_at; *c && o + 1 < sizeof stamp; c++) {
        if (*c >= '0' && *c <= '9')
            stamp[o++] = *c;
        else if (*c == 'T')
            stamp[o++] = '-';
    }
    stamp[o] = '\0';
    char path[CONFIG_PATH_MAX + 64], part[CONFIG_PATH_MAX + 80];
    snprintf(path, sizeof path, "%s/signpost-content-%s.db", out, stamp);
    snprintf(part, sizeof part, "%s.part", path);
    rc = CTL_EXIT_OK;
    if (file_copy(store, part, 0644) != 0 ||
        (rename(part, path) != 0 && err_set("cannot rename %s: %s", part, strerror(errno))) ||
        file_sync_dir_of(path) != 0) {
        fprintf(stderr, "signpostctl: cannot write the pack to %s: %s\n", out, err_msg());
        unlink(part);
        rc = CTL_EXIT_PROBLEMS;
    } else if (content_sign(path, sk) != 0) {
        rc = ctl_failed();
        unlink(path);
    }
    mem_wipe(sk, sizeof sk);
    if (rc == CTL_EXIT_OK)
        printf("packed %s (content built %s) as %s and %s.sig; on the kiosk: staff mode, "
               "Update content\n", store, built_at, path, path);
    return rc;
}

int ctl_keys_new_signing(const CtlUsage *cmd, int argc, char **argv)
{
    static const char help[] =
        "make a content signing key pair (Ed25519): the public key goes on every kiosk "
        "([paths] content_public_key), the secret key (mode 0600) stays with whoever signs "
        "content, off the kiosks; never replaces a file";
    const CtlUsage u = {cmd->words, cmd->args, help};
    const char *v[2] = {NULL, NULL};
    int rc = ctl_parse_key_files(&u, argc, argv, v);
    if (rc >= 0)
        return rc;
    if (signing_keys_new(v[0], v[1]) != 0)
        return ctl_failed();
    printf("made a content signing key pair:\n"
           "  public key %s: copy it to every kiosk and name it in [paths] "
           "content_public_key\n"
           "  secret key %s (readable only by you): keep it with whoever signs content, off "
           "the kiosks, and back it up safely; sign each built store with 'signpostctl "
           "content sign STORE.db --secret-key %s'\n", v[0], v[1], v[1]);
    return CTL_EXIT_OK;
}
