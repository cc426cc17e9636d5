/* ctl_fleet.c: signpostctl's fleet commands (see ctl_fleet.h and fleet/fleet.h). None
 * takes a secret on its command line: a url holding a password is refused, and keys
 * are named by file. */
#include "ctl_fleet.h"

#include "config.h"
#include "ctl_publish.h"
#include "err.h"
#include "fleet.h"
#include "log.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

int ctl_sync(const CtlUsage *u, int argc, char **argv)
{
    const char *config = NULL;
    bool once = false, now = false;
    const CtlOption opts[] = {
        {"--config", &config, NULL}, {"--once", NULL, &once}, {"--now", NULL, &now}};
    int rc = ctl_parse(u, argc, argv, opts, 3, NULL, NULL);
    if (rc >= 0)
        return rc;
    if (!config)
        return ctl_usage_error(u, "--config is needed: the kiosk.conf with the [fleet] section");
    KioskConfig cfg;
    config_defaults(&cfg);
    DiagList dl;
    diag_init(&dl);
    int loaded = config_load(config, &cfg, &dl);
    diag_print(&dl, stderr);
    diag_release(&dl);
    if (loaded != 0) {
        err_set("%s has problems (listed above); nothing was synced", config);
        return ctl_failed();
    }
    log_set_level((LogLevel)cfg.log_level);
    if (!cfg.fleet_url[0]) {
        err_set("%s has no [fleet] url: this kiosk is not part of a fleet, so there is "
                "nothing to sync (enrol it with signpostctl fleet enrol, add the [fleet] "
                "section it prints, then systemctl enable --now signpost-sync.timer)",
                config);
        return ctl_failed();
    }
    if (now && !once)
        return ctl_usage_error(u, "--now goes with --once: one pass now, backoff or not");
    /* A pass's failure is logged by the pass itself, with its cause. */
    return fleet_sync_run(&cfg, once, now) == 0 ? CTL_EXIT_OK : CTL_EXIT_PROBLEMS;
}

int ctl_central_init(const CtlUsage *u, int argc, char **argv)
{
    const char *url = NULL;
    const CtlOption opts[] = {{"--db", &url, NULL}};
    int rc = ctl_parse(u, argc, argv, opts, 1, NULL, NULL);
    if (rc >= 0)
        return rc;
    if (!url)
        return ctl_usage_error(u, "--db is needed: the central database's url");
    if (fleet_central_init(url) != 0)
        return ctl_failed();
    printf("central database ready: schema signpost, roles signpost_kiosk, signpost_pals, "
           "signpost_publisher\n");
    return CTL_EXIT_OK;
}

int ctl_content_publish_any(const CtlUsage *u, int argc, char **argv)
{
    bool central = false;
    for (int i = 0; i < argc; i++)
        central = central || strcmp(argv[i], "--db") == 0 || strncmp(argv[i], "--db=", 5) == 0;
    if (!central)
        return ctl_content_publish(u, argc, argv);
    const char *url = NULL, *key = NULL, *version = NULL, *store = NULL;
    const CtlOption opts[] = {
        {"--db", &url, NULL}, {"--secret-key", &key, NULL}, {"--version", &version, NULL}};
    int rc = ctl_parse(u, argc, argv, opts, 3, &store, "one store only");
    if (rc >= 0)
        return rc;
    if (!store || !key)
        return ctl_usage_error(u, "with --db: content publish <store.db> --db <url> "
                                  "--secret-key <file> [--version N]");
    long long v = 0;
    if (version) {
        char *end = NULL;
        v = strtoll(version, &end, 10);
        if (!end || *end || v <= 0)
            return ctl_usage_error(u, "--version must be a whole number above 0, not '%s'",
                                   version);
    }
    long long published = 0;
    if (fleet_pack_publish(url, store, key, v, &published) != 0)
        return ctl_failed();
    printf("content pack version %lld published; kiosks install it at their next sync\n",
           published);
    return CTL_EXIT_OK;
}

/* concerns collect and feedback collect: the same options, one kind each. */
static int collect_cmd(const CtlUsage *u, int argc, char **argv, bool feedback)
{
    const char *url = NULL, *key = NULL, *format = NULL, *out = NULL, *out2 = NULL,
               *fhir = NULL;
    const CtlOption opts[] = {{"--db", &url, NULL},         {"--secret-key", &key, NULL},
                              {"--format", &format, NULL},  {"-o", &out, NULL},
                              {"--output", &out2, NULL},    {"--fhir-base", &fhir, NULL}};
    int rc = ctl_parse(u, argc, argv, opts, sizeof opts / sizeof opts[0], NULL, NULL);
    if (rc >= 0)
        return rc;
    if (!out)
        out = out2;
    if (!url || !key || !format || !out)
        return ctl_usage_error(u, "--db, --secret-key, --format and -o are all needed");
    FleetCollect c = {.out_path = out, .fhir_base = fhir};
    if (strcmp(format, "csv") == 0)
        c.format = OUTBOX_CSV;
    else if (strcmp(format, "json") == 0)
        c.format = OUTBOX_JSON;
    else if (strcmp(format, "fhir") == 0)
        c.format = OUTBOX_FHIR;
    else
        return ctl_usage_error(u, "--format must be csv, json or fhir, not '%s'", format);
    if ((feedback ? fleet_collect_feedback(url, key, &c) : fleet_collect(url, key, &c)) != 0)
        return ctl_failed();
    printf("%d %s%s collected from %d kiosk%s into %s", c.collected,
           feedback ? "feedback comment" : "concern", c.collected == 1 ? "" : "s", c.kiosks,
           c.kiosks == 1 ? "" : "s", out);
    if (c.unreadable)
        printf("; %d could not be opened with this key and stay waiting", c.unreadable);
    if (c.unproven && feedback)
        printf("; %d had no receipt token (older kiosks): the kiosks delete theirs after "
               "their retention period",
               c.unproven);
    else if (c.unproven)
        printf("; %d had no receipt token (older kiosks): delete them at the kiosk by hand",
               c.unproven);
    printf("\n");
    return c.unreadable ? CTL_EXIT_PROBLEMS : CTL_EXIT_OK;
}

int ctl_concerns_collect(const CtlUsage *u, int argc, char **argv)
{
    return collect_cmd(u, argc, argv, false);
}

int ctl_feedback_collect(const CtlUsage *u, int argc, char **argv)
{
    return collect_cmd(u, argc, argv, true);
}

int ctl_fleet_enrol(const CtlUsage *u, int argc, char **argv)
{
    const char *url = NULL, *out = NULL;
    FleetEnrol e = {0};
    const CtlOption opts[] = {{"--db", &url, NULL},
                              {"--kiosk-id", &e.kiosk_id, NULL},
                              {"--name", &e.name, NULL},
                              {"--password-file", &e.password_file, NULL},
                              {"--server", &e.server, NULL},
                              {"--etc-dir", &e.etc_dir, NULL},
                              {"--rotate", NULL, &e.rotate},
                              {"-o", &out, NULL}};
    int rc = ctl_parse(u, argc, argv, opts, sizeof opts / sizeof opts[0], NULL, NULL);
    if (rc >= 0)
        return rc;
    if (!url || !e.kiosk_id)
        return ctl_usage_error(u, "--db and --kiosk-id are needed");
    if (fleet_enrol(url, &e) != 0)
        return ctl_failed();
    if (out) {
        int fd = open(out, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
        size_t len = strlen(e.section);
        bool ok = fd >= 0 && write(fd, e.section, len) == (ssize_t)len && fsync(fd) == 0;
        int saved = errno;
        if (fd >= 0)
            close(fd);
        if (!ok) {
            err_set("the kiosk is enrolled, but its [fleet] section could not be written to "
                    "%s: %s; here it is:\n%s",
                    out, saved == EEXIST ? "it exists already" : strerror(saved), e.section);
            return ctl_failed();
        }
        printf("kiosk %s enrolled as role %s; its [fleet] section is in %s\n", e.kiosk_id,
               e.role, out);
    } else {
        printf("%s", e.section);
        printf("# kiosk %s enrolled as role %s\n", e.kiosk_id, e.role);
    }
    printf("# the server's pg_hba.conf needs (before any broader line): %s\n", e.hba);
    if (e.password_file)
        printf("# copy %s to the kiosk as %s/password (owner signpost, mode 0600)%s\n",
               e.password_file, e.etc_dir ? e.etc_dir : "/etc/signpost/fleet",
               e.replaced  ? "; the old password no longer works"
               : e.existed ? "; the password is unchanged (--rotate makes a new one)"
                           : "");
    else
        printf("# the kiosk needs a client certificate with subject CN=%s from the CA in the "
               "server's ssl_ca_file, as %s/kiosk.crt and kiosk.key (mode 0600)\n",
               e.role, e.etc_dir ? e.etc_dir : "/etc/signpost/fleet");
    printf("# and the CA that signed the server's certificate as %s/ca.crt\n",
           e.etc_dir ? e.etc_dir : "/etc/signpost/fleet");
    printf("# then on the kiosk: signpostctl sync --config /etc/signpost/kiosk.conf --once "
           "(a first pass, to check), and systemctl enable --now signpost-sync.timer\n");
    return CTL_EXIT_OK;
}
