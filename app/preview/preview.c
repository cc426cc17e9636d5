/* preview.c: builds a content folder into a temporary store, then renders every screen
 * it produces with the kiosk's own code, headless, into PNG files (see preview.h). The
 * kiosk is wired as main.c wires it (store, platform, UI, app, runner), on a virtual
 * clock, with no outbox: no screen rendered here can send a concern. */
#include "preview.h"

#include "preview_internal.h"

#include "content.h"
#include "err.h"
#include "log.h"
#include "mem.h"
#include "platform.h"
#include "progress.h"
#include "runner.h"
#include "store.h"
#include "ui.h"

#include <errno.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

static double now_s(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* ==== the temporary store ==== */

typedef struct TempStore {
    char dir[512];
    char path[600];
} TempStore;

static int temp_store_make(TempStore *t)
{
    const char *base = getenv("TMPDIR");
    if (!base || !*base)
        base = "/tmp";
    snprintf(t->dir, sizeof t->dir, "%s/signpost-preview-XXXXXX", base);
    if (!mkdtemp(t->dir)) {
        t->dir[0] = '\0';
        return err_set("cannot make a temporary folder in %s: %s", base, strerror(errno));
    }
    snprintf(t->path, sizeof t->path, "%s/content.db", t->dir);
    return 0;
}

static void temp_store_remove(TempStore *t)
{
    if (!t->dir[0])
        return;
    char tmp[640];
    snprintf(tmp, sizeof tmp, "%s.tmp", t->path);
    unlink(tmp);
    unlink(t->path);
    rmdir(t->dir);
    t->dir[0] = '\0';
}

/* ==== the output folder ==== */

static int make_out_dir(const char *dir)
{
    if (mkdir(dir, 0755) == 0)
        return 0;
    int e = errno;
    struct stat sb;
    if (e == EEXIST && stat(dir, &sb) == 0 && S_ISDIR(sb.st_mode))
        return 0;
    if (e == EEXIST)
        return err_set("%s is a file, not a folder; give a folder for the preview", dir);
    return err_set("cannot make the folder %s: %s%s", dir, strerror(e),
                   e == ENOENT ? " (the folder it goes in must exist)" : "");
}

/* ==== the screens to render ==== */

/* True when an id can be a file name as it is (ids are checked by the build, so this
 * only guards against a store written some other way). */
static bool safe_for_file(const char *id)
{
    if (!id || !*id || strlen(id) > 64)
        return false;
    for (const char *p = id; *p; p++)
        if (!((*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9') || *p == '-'))
            return false;
    return true;
}

static void add_shot(Shot *shots, size_t *n, ShotKind kind, ScreenId screen, int arg,
                     const char *name, const char *prefix, const char *id)
{
    Shot *s = &shots[(*n)++];
    s->kind = kind;
    s->screen = screen;
    s->arg = arg;
    s->name = name && *name ? name : id;
    if (!prefix)
        snprintf(s->file, sizeof s->file, "%s.png", id);
    else if (safe_for_file(id))
        snprintf(s->file, sizeof s->file, "%s-%s.png", prefix, id);
    else
        snprintf(s->file, sizeof s->file, "%s-%d.png", prefix, arg);
}

static void free_shots(Shot *shots, size_t n)
{
    for (size_t i = 0; shots && i < n; i++)
        mem_free(shots[i].owned);
    mem_free(shots);
}

/* Every screen the content produces, in the order index.html lists them. Returns a
 * mem_zalloc'd array (count in *n; free_shots() frees it), or NULL with err_msg() set. */
static Shot *list_shots(Store *st, size_t *n)
{
    const Site *s = store_site(st);
    size_t cap = 4 + s->ndestinations + s->ncategories + s->nservices + s->npages;
    Shot *shots = mem_zalloc_array(cap, sizeof *shots);
    if (!shots)
        return NULL;
    *n = 0;
    add_shot(shots, n, SHOT_START, SCREEN_HOME, 0, "Home", NULL, "home");
    add_shot(shots, n, SHOT_START, SCREEN_FIND, FIND_TAB_AZ, "Find a place (A to Z)", NULL,
             "find");
    add_shot(shots, n, SHOT_START, SCREEN_SUPPORT, 0, "Support and local services", NULL,
             "support");
    add_shot(shots, n, SHOT_START, SCREEN_SEARCH, 0, "Search", NULL, "search");
    for (size_t i = 0; i < s->ndestinations; i++)
        add_shot(shots, n, SHOT_DESTINATION, SCREEN_DESTINATION, (int)i,
                 s->destinations[i].name, "destination", s->destinations[i].id);
    for (size_t i = 0; i < s->ncategories; i++)
        add_shot(shots, n, SHOT_CATEGORY, SCREEN_SERVICE_LIST, (int)i, s->categories[i].label,
                 "category", s->categories[i].id);
    for (size_t i = 0; i < s->nservices; i++) {
        const Service *sv = store_service(st, (int)i);
        char *name = sv ? mem_strdup(sv->name) : NULL;
        if (!name) {
            free_shots(shots, *n);
            return NULL;
        }
        add_shot(shots, n, SHOT_SERVICE, SCREEN_SERVICE, (int)i, name, "service", sv->id);
        shots[*n - 1].owned = name;
    }
    for (size_t i = 0; i < s->npages; i++)
        add_shot(shots, n, SHOT_PAGE, SCREEN_PAGE, (int)i, s->pages[i].title, "page",
                 s->pages[i].id);
    return shots;
}

/* ==== rendering ==== */

/* Kiosk log lines (a QR code that could not be made...) during rendering: warnings and
 * errors only, on a line of their own, not through the progress bar. */
static void log_line(void *user, LogLevel level, const char *line)
{
    if (level < LOG_WARN)
        return;
    progress_end(user);
    fprintf(stderr, "signpost %s: %s\n", level == LOG_WARN ? "warning" : "error", line);
}

/* "a, b and c", for the kiosks a --kiosk id could have been. */
static void kiosk_ids(const Site *s, char *out, size_t cap)
{
    size_t used = 0;
    out[0] = '\0';
    for (size_t k = 0; k < s->nkiosks && used < cap; k++) {
        const char *sep = k == 0 ? "" : k + 1 == s->nkiosks ? " and " : ", ";
        int w = snprintf(out + used, cap - used, "%s'%s'", sep, s->kiosks[k].id);
        if (w < 0)
            break;
        used += (size_t)w;
    }
}

typedef struct Render {
    const PreviewOptions *o;
    KioskConfig cfg;
    Store *store;
    Platform *plat;
    Ui ui;
    bool ui_ready;
    App app;
    bool app_ready;
    Runner runner;
    Progress bar;
} Render;

static int render_open(Render *r, const char *store_path)
{
    const PreviewOptions *o = r->o;
    if (o->cfg)
        r->cfg = *o->cfg;
    else
        config_defaults(&r->cfg);
    if (o->kiosk_id && *o->kiosk_id)
        snprintf(r->cfg.kiosk_id, sizeof r->cfg.kiosk_id, "%s", o->kiosk_id);
    r->store = store_open(store_path);
    if (!r->store)
        return -1;
    const Site *s = store_site(r->store);
    if (s->nkiosks == 0)
        return err_set("the content lists no kiosks in kiosks.csv; add where the kiosk stands");
    if (r->cfg.kiosk_id[0] && site_find_kiosk(s, r->cfg.kiosk_id) < 0) {
        char ids[512];
        kiosk_ids(s, ids, sizeof ids);
        return err_set("there is no kiosk '%s' in kiosks.csv; the kiosks are %s",
                       r->cfg.kiosk_id, ids);
    }
    PlatformOptions po = {
        .headless = true,
        .width = o->width,
        .height = o->height,
        .font_regular = r->cfg.font_regular,
        .font_bold = r->cfg.font_bold,
        .font_arabic = r->cfg.font_arabic,
        .font_urdu = r->cfg.font_urdu,
        .font_bengali = r->cfg.font_bengali,
        .font_gurmukhi = r->cfg.font_gurmukhi,
        .assets_dir = r->cfg.assets_dir,
    };
    r->plat = plat_open(&po);
    if (!r->plat)
        return -1;
    UiMeasure m = plat_measure(r->plat);
    ui_init(&r->ui, &m);
    r->ui_ready = true;
    app_init(&r->app, &r->cfg, r->store, &r->ui);
    r->app_ready = true;
    if (r->app.screen == SCREEN_OUT_OF_ORDER)
        return err_set("the kiosk could not start on this content: %s", r->app.fault);
    runner_init(&r->runner, &r->app, &r->ui, r->plat, true);
    if (o->today.year) {
        r->app.today = o->today;
        r->runner.fixed_today = true;
    }
    return runner_apply_theme(&r->runner);
}

static void render_close(Render *r)
{
    if (r->app_ready)
        app_release(&r->app);
    if (r->ui_ready)
        ui_release(&r->ui);
    plat_close(r->plat);
    store_close(r->store);
}

/* Goes to the shot's screen through the App, as a button would, and saves the frame. */
static int render_shot(Render *r, const Shot *shot, const char *out_dir)
{
    app_go(&r->app, shot->screen, shot->arg);
    /* The second frame sees the first one's layout (list heights, scroll extents). */
    runner_frame(&r->runner);
    runner_frame(&r->runner);
    if (r->app.screen != shot->screen)
        return err_set("the kiosk did not open %s (it shows its %s screen)", shot->file,
                       app_screen_name(&r->app));
    size_t len = strlen(out_dir) + strlen(shot->file) + 2;
    char *path = mem_alloc(len);
    if (!path)
        return -1;
    snprintf(path, len, "%s/%s", out_dir, shot->file);
    int rc = plat_save_png(r->plat, &r->ui.draw, r->ui.theme.bg, path);
    mem_free(path);
    return rc;
}

static int render_all(Render *r, const Shot *shots, size_t n)
{
    const PreviewOptions *o = r->o;
    FILE *log = o->progress;
    progress_init(&r->bar, log);
    progress_begin(&r->bar, "rendering", n);
    log_set_sink(log_line, &r->bar);
    int rc = 0;
    for (size_t i = 0; i < n && rc == 0; i++) {
        rc = render_shot(r, &shots[i], o->out_dir);
        if (rc == 0 && log && !progress_active(&r->bar))
            fprintf(log, "rendered %zu/%zu %s\n", i + 1, n, shots[i].file);
        progress_step(&r->bar);
    }
    progress_end(&r->bar);
    log_set_sink(NULL, NULL);
    return rc;
}

/* ==== the whole run ==== */

static void date_of_today(CivilDate *d)
{
    time_t now = time(NULL);
    struct tm tm;
    if (localtime_r(&now, &tm))
        *d = (CivilDate){tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday};
}

int preview_run(const PreviewOptions *o, DiagList *diags, PreviewStats *stats)
{
    PreviewStats st = {0};
    TempStore tmp = {{0}, {0}};
    if (temp_store_make(&tmp) != 0)
        return PREVIEW_FAILED;

    double t0 = now_s();
    Progress build_bar;
    progress_init(&build_bar, o->progress);
    size_t errors_before = diags->nerrors;
    ContentStats cs = {0};
    int built = content_build_progress(o->content_dir, tmp.path, diags, &cs, &build_bar);
    st.build_s = now_s() - t0;
    if (o->problems)
        diag_print(diags, o->problems);
    if (built != 0) {
        temp_store_remove(&tmp);
        if (stats)
            *stats = st;
        if (diags->nerrors > errors_before)
            return PREVIEW_CONTENT_ERRORS;
        return err_set("the content could not be built into a temporary store (see the "
                       "problems above)");
    }

    Render r;
    memset(&r, 0, sizeof r);
    r.o = o;
    Shot *shots = NULL;
    size_t nshots = 0;
    int rc = render_open(&r, tmp.path);
    if (rc == 0 && make_out_dir(o->out_dir) != 0)
        rc = -1;
    const Site *site = r.store ? store_site(r.store) : NULL;
    if (rc == 0 && !(shots = list_shots(r.store, &nshots)))
        rc = -1; /* the message says why */
    if (rc == 0) {
        double t1 = now_s();
        rc = render_all(&r, shots, nshots);
        st.render_s = now_s() - t1;
    }
    if (rc == 0) {
        int k = site_find_kiosk(site, r.cfg.kiosk_id);
        const Kiosk *kiosk = &site->kiosks[k >= 0 ? k : 0];
        IndexInfo info = {
            .site_name = site->name,
            .content_dir = o->content_dir,
            .content_built = site->content_version,
            .kiosk_id = kiosk->id,
            .kiosk_name = kiosk->name,
            .width = o->width,
            .height = o->height,
            .today = r.app.today,
        };
        if (!info.today.year)
            date_of_today(&info.today);
        rc = preview_write_index(o->out_dir, &info, shots, nshots);
    }
    if (rc == 0) {
        st.screens = (int)nshots;
        st.destinations = (int)site->ndestinations;
        st.categories = (int)site->ncategories;
        st.services = (int)site->nservices;
        st.pages = (int)site->npages;
    }
    /* Closing must not lose the reason for a failure. */
    char why[1024];
    snprintf(why, sizeof why, "%s", err_msg());
    free_shots(shots, nshots);
    render_close(&r);
    temp_store_remove(&tmp);
    if (stats)
        *stats = st;
    if (rc != 0) {
        err_set("%s", why);
        return PREVIEW_FAILED;
    }
    return PREVIEW_OK;
}
