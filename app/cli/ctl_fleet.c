/* ctl_fleet.c: signpostctl's fleet commands (see ctl_fleet.h and fleet/fleet.h). None
 * takes a secret on its command line: a url holding a password is refused, and keys
 * are named by file. */
#include "ctl_fleet.h"

#include "config.h"
#include "ctl_publish.h"
#include "err.h"
#include "fleet.h"
#include "log.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int ctl_sync(const CtlUsage *u, int argc, char **argv)
{
    const char *config = NULL;
    bool once = false;
    const CtlOption opts[] = {{"--config", &config, NULL}, {"--once", NULL, &once}};
    int rc = ctl_parse(u, argc, argv, opts, 2, NULL, NULL);
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
    return fleet_sync_run(&cfg, once) == 0 ? CTL_EXIT_OK : CTL_EXIT_PROBLEMS;
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

int ctl_concerns_collect(const CtlUsage *u, int argc, char **argv)
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
    if (fleet_collect(url, key, &c) != 0)
        return ctl_failed();
    printf("%d concern%s collected from %d kiosk%s into %s", c.collected,
           c.collected == 1 ? "" : "s", c.kiosks, c.kiosks == 1 ? "" : "s", out);
    if (c.unreadable)
        printf("; %d could not be opened with this key and stay waiting", c.unreadable);
    if (c.unproven)
        printf("; %d had no receipt token (older kiosks): delete them at the kiosk by hand",
               c.unproven);
    printf("\n");
    return c.unreadable ? CTL_EXIT_PROBLEMS : CTL_EXIT_OK;
}
