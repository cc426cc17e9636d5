/* ctl_publish.c: signpostctl's publishing commands (see ctl_publish.h): putting content
 * live safely (publish/publish.h), rolling it back, signing a built store and making
 * a signing key pair (publish/signing.h). With --config, publish and rollback take the
 * live store, the signing public key and the kiosk location from a kiosk.conf, so
 * they check the store exactly as that kiosk will. */
#include "ctl_publish.h"

#include "config.h"
#include "err.h"
#include "mem.h"
#include "publish.h"
#include "signing.h"

#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

enum { EXIT_OK = 0, EXIT_PROBLEMS = 1, EXIT_USAGE = 2 };

typedef struct Usage {
    const char *words, *args;
} Usage;

static int usage_error(const Usage *u, const char *fmt, ...) SP_PRINTF(2, 3);
static int usage_error(const Usage *u, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    fprintf(stderr, "signpostctl: ");
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fprintf(stderr, "\nusage: signpostctl %s %s\n", u->words, u->args);
    return EXIT_USAGE;
}

static int failed(void)
{
    fprintf(stderr, "signpostctl: %s\n", err_msg());
    return EXIT_PROBLEMS;
}

/* Parses at most one plain argument (into *positional; none allowed when it is NULL)
 * and "--name VALUE" or "--name=VALUE" options (names[k] -> values[k]). Returns -1 to
 * go on, or an exit status (0 after printing the help for -h or --help). */
static int parse(const Usage *u, const char *help, int argc, char **argv,
                 const char **positional, const char *const *names, const char **values,
                 size_t n)
{
    for (int i = 0; i < argc; i++) {
        const char *a = argv[i];
        if (strcmp(a, "-h") == 0 || strcmp(a, "--help") == 0) {
            printf("usage: signpostctl %s %s\n  %s\n", u->words, u->args, help);
            return EXIT_OK;
        }
        bool known = false;
        for (size_t k = 0; k < n && !known; k++) {
            size_t len = strlen(names[k]);
            if (strncmp(a, names[k], len) == 0 && a[len] == '=') {
                values[k] = a + len + 1;
                known = true;
            } else if (strcmp(a, names[k]) == 0) {
                if (i + 1 >= argc)
                    return usage_error(u, "%s needs a value after it", a);
                values[k] = argv[++i];
                known = true;
            }
        }
        if (known)
            continue;
        if (a[0] == '-' && a[1])
            return usage_error(u, "unknown option '%s'", a);
        if (!positional || *positional)
            return usage_error(u, "unexpected '%s'", a);
        *positional = a;
    }
    for (size_t k = 0; k < n; k++)
        if (values[k] && !values[k][0])
            return usage_error(u, "%s needs a value", names[k]);
    return -1;
}

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

static int target_resolve(const Usage *u, Target *t, const char *to, const char *key,
                          const char *config)
{
    t->live = to;
    t->public_key = key;
    t->kiosk_id = NULL;
    if (config) {
        if (read_config(config, &t->cfg) != 0)
            return failed();
        if (!t->live)
            t->live = t->cfg.content_store;
        if (!t->public_key)
            t->public_key = t->cfg.content_public_key;
        t->kiosk_id = t->cfg.kiosk_id;
    }
    if (!t->live)
        return usage_error(u, "which live store? give --to <live.db> (or --config "
                              "<kiosk.conf> to use its [paths] content)");
    return -1;
}

int ctl_content_publish(const char *words, const char *args, int argc, char **argv)
{
    static const char help[] =
        "make <source> (a content folder, built first, or a built store with its .sig "
        "beside it) the live store: it is written beside it as <live.db>.new, checked as "
        "the kiosk will open it (and more), and only then renamed into place; the store it "
        "replaces is kept as <live.db>.good. A store that fails a check is refused and the "
        "live one is not touched. --public-key (or the config's [paths] content_public_key) "
        "requires a matching signature; --config also checks the kiosk's location";
    static const char *const names[] = {"--to", "--public-key", "--config"};
    Usage u = {words, args};
    const char *source = NULL, *v[3] = {NULL, NULL, NULL};
    int rc = parse(&u, help, argc, argv, &source, names, v, 3);
    if (rc >= 0)
        return rc;
    if (!source)
        return usage_error(&u, "what should be published? give a content folder or a store");
    Target *t = mem_zalloc(sizeof *t);
    if (!t)
        return failed();
    rc = target_resolve(&u, t, v[0], v[1], v[2]);
    if (rc >= 0) {
        mem_free(t);
        return rc;
    }
    DiagList dl;
    diag_init(&dl);
    PublishRequest rq = {.source = source, .live = t->live, .public_key = t->public_key,
                         .kiosk_id = t->kiosk_id, .diags = &dl, .progress = stdout};
    PublishResult res;
    int result = content_publish(&rq, &res);
    diag_print(&dl, stderr);
    diag_release(&dl);
    if (result != 0) {
        rc = failed();
    } else {
        rc = EXIT_OK;
        printf("published %s as %s (content built %s)\n", source, t->live, res.built_at);
        if (res.kept_good)
            printf("  the store it replaced is kept as %s.good: 'signpostctl content rollback "
                   "--to %s' puts it back\n", t->live, t->live);
        if (res.kept_bad)
            printf("  the store it replaced failed its checks, so it is kept as %s.bad for "
                   "staff (%s)\n", t->live, res.replaced_problem);
        printf("  a kiosk showing %s switches to it within seconds, as soon as nobody is "
               "using it\n", t->live);
    }
    mem_free(t);
    return rc;
}

int ctl_content_rollback(const char *words, const char *args, int argc, char **argv)
{
    static const char help[] =
        "put the last-known-good store <live.db>.good back as the live store (after the "
        "same checks as a publish); the store it replaces is kept as <live.db>.bad for "
        "staff to look at";
    static const char *const names[] = {"--to", "--public-key", "--config"};
    Usage u = {words, args};
    const char *v[3] = {NULL, NULL, NULL};
    int rc = parse(&u, help, argc, argv, NULL, names, v, 3);
    if (rc >= 0)
        return rc;
    Target *t = mem_zalloc(sizeof *t);
    if (!t)
        return failed();
    rc = target_resolve(&u, t, v[0], v[1], v[2]);
    if (rc >= 0) {
        mem_free(t);
        return rc;
    }
    PublishRequest rq = {.live = t->live, .public_key = t->public_key,
                         .kiosk_id = t->kiosk_id, .progress = stdout};
    PublishResult res;
    if (content_rollback(&rq, &res) != 0) {
        rc = failed();
    } else {
        rc = EXIT_OK;
        printf("rolled %s back to %s.good (content built %s)\n", t->live, t->live,
               res.built_at);
        if (res.kept_bad)
            printf("  the store it replaced is kept as %s.bad for staff to look at\n",
                   t->live);
        printf("  a kiosk showing %s switches to it within seconds, as soon as nobody is "
               "using it\n", t->live);
    }
    mem_free(t);
    return rc;
}

int ctl_content_sign(const char *words, const char *args, int argc, char **argv)
{
    static const char help[] =
        "check the built store <store.db> and sign it with the content signing secret key, "
        "writing <store.db>.sig (replacing an earlier one); kiosks with the matching "
        "[paths] content_public_key then accept it";
    static const char *const names[] = {"--secret-key"};
    Usage u = {words, args};
    const char *store = NULL, *key = NULL;
    int rc = parse(&u, help, argc, argv, &store, names, &key, 1);
    if (rc >= 0)
        return rc;
    if (!store)
        return usage_error(&u, "which store? give the built .db file");
    if (!key)
        return usage_error(&u, "give --secret-key <file> (made by 'signpostctl keys "
                               "new-signing')");
    char built_at[64] = "";
    if (content_store_check(store, NULL, NULL, built_at, sizeof built_at) != 0) {
        fprintf(stderr, "signpostctl: %s; it was not signed\n", err_msg());
        return EXIT_PROBLEMS;
    }
    unsigned char sk[SIGNING_SECRET_BYTES];
    if (signing_secret_key_read(key, sk) != 0)
        return failed();
    struct stat sb;
    if (stat(key, &sb) == 0 && (sb.st_mode & 077))
        fprintf(stderr, "signpostctl: warning: %s can be read by other users; make it "
                        "private with: chmod 600 %s\n", key, key);
    rc = content_sign(store, sk) == 0 ? EXIT_OK : failed();
    mem_wipe(sk, sizeof sk);
    if (rc == EXIT_OK)
        printf("signed %s (content built %s): wrote %s.sig; publish both with 'signpostctl "
               "content publish %s --to <live.db>'\n", store, built_at, store, store);
    return rc;
}

int ctl_keys_new_signing(const char *words, const char *args, int argc, char **argv)
{
    static const char help[] =
        "make a content signing key pair (Ed25519): the public key goes on every kiosk "
        "([paths] content_public_key), the secret key (mode 0600) stays with whoever signs "
        "content, off the kiosks; never replaces a file";
    static const char *const names[] = {"--public", "--secret"};
    Usage u = {words, args};
    const char *v[2] = {NULL, NULL};
    int rc = parse(&u, help, argc, argv, NULL, names, v, 2);
    if (rc >= 0)
        return rc;
    if (!v[0] || !v[1])
        return usage_error(&u, "give both --public and --secret");
    if (strcmp(v[0], v[1]) == 0)
        return usage_error(&u, "the public and secret keys must go in different files");
    struct stat sb;
    for (int k = 0; k < 2; k++)
        if (lstat(v[k], &sb) == 0) {
            fprintf(stderr, "signpostctl: %s already exists; a key file is never replaced. "
                            "Nothing was written.\n", v[k]);
            return EXIT_PROBLEMS;
        }
    if (signing_keys_new(v[0], v[1]) != 0)
        return failed();
    printf("made a content signing key pair:\n"
           "  public key %s: copy it to every kiosk and name it in [paths] "
           "content_public_key\n"
           "  secret key %s (readable only by you): keep it with whoever signs content, off "
           "the kiosks, and back it up safely; sign each built store with 'signpostctl "
           "content sign STORE.db --secret-key %s'\n", v[0], v[1], v[1]);
    return EXIT_OK;
}
