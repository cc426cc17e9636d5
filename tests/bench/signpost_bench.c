/* signpost_bench.c: prints Signpost's speed and memory figures (never pass/fail):
 *   start-up   process start to first frame presented, real window (Xvfb is fine)
 *   frames     frame time p50/p99 for home, the A-Z list, a destination, search
 *              typing and list scrolling, 1920x1080, software rendering
 *   idle       CPU used and wake-ups over 10 s idle in a real window; peak RSS
 *   memory     peak RSS of a headless tour of every screen
 *   site x10   route and search times on a generated site ten times the sample
 *   directory  10,000 services: search, scrolling a 1,000-service list
 *   100k       100,000 services (bench_scale.c): content build, PSS, keystroke to frame
 *              presented through the home search, a 5,000-service category, the first
 *              frame of each screen with a cold text cache, bad searches
 *   content    10,000 support services: content build and check, ORUK export/import
 *   speech     read aloud: from speech_say() of a screen's title and summary to its first
 *              samples, p50/p99, in English, Welsh and Urdu (target 150 ms)
 *   report     the PALS report for a year of 10,000 concerns (target 5 s)
 * usage: signpost_bench [--store content.db] [--quick] [--content] [--scale] [--speech]
 *                       [--print] [--report [PDF]]
 * (--content: only the content figures, no window needed; --scale: only the
 * 100,000-service figures; --speech: only the read-aloud figures; --report: only the
 * report's, keeping its PDF when a file is named)
 * Runs signpost from the same directory as this program. Without DISPLAY it starts
 * its own Xvfb on :97 for the window figures. */
#define _DEFAULT_SOURCE /* usleep, wait4 */
#include "app.h"
#include "directions.h"
#include "bench.h"
#include "config.h"
#include "err.h"
#include "i18n.h"
#include "log.h"
#include "mem.h"
#include "platform.h"
#include "runner.h"
#include "speech.h"
#include "store.h"

#include <fcntl.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

double bench_now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec * 1000.0 + ts.tv_nsec / 1e6;
}

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return x < y ? -1 : x > y;
}

double bench_percentile(double *samples, size_t n, double p)
{
    if (n == 0)
        return 0;
    qsort(samples, n, sizeof *samples, cmp_double);
    size_t i = (size_t)(p / 100.0 * (double)(n - 1) + 0.5);
    return samples[i < n ? i : n - 1];
}

double *bench_samples(size_t n)
{
    double *s = mem_zalloc_array(n, sizeof *s);
    if (!s) {
        fprintf(stderr, "signpost_bench: %s\n", err_msg());
        exit(1);
    }
    return s;
}

size_t bench_misspelt_keystrokes(Store *st, const char *const *queries, size_t nq,
                                 int rounds, double *samples, size_t max)
{
    SearchHit hits[60];
    char suggest[128];
    size_t n = 0;
    for (int round = 0; round < rounds; round++)
        for (size_t q = 0; q < nq; q++) {
            char buf[64];
            size_t len = strlen(queries[q]);
            if (len >= sizeof buf)
                len = sizeof buf - 1;
            for (size_t i = 1; i <= len && n < max; i++) {
                memcpy(buf, queries[q], i);
                buf[i] = '\0';
                double t = bench_now_ms();
                store_search_suggest(st, buf, ~0u, hits, 60, suggest, sizeof suggest);
                samples[n++] = bench_now_ms() - t;
            }
        }
    return n;
}

static char signpost_path[PATH_MAX + 16];
static const char *store_path;
static pid_t xvfb_pid;

/* ==== a display for the window figures ==== */

static void ensure_display(void)
{
    if (getenv("DISPLAY") && *getenv("DISPLAY"))
        return;
    xvfb_pid = fork();
    if (xvfb_pid == 0) {
        int devnull = open("/dev/null", O_WRONLY);
        dup2(devnull, 2);
        execlp("Xvfb", "Xvfb", ":97", "-screen", "0", "1920x1080x24", "-nolisten", "tcp",
               (char *)NULL);
        _exit(127);
    }
    setenv("DISPLAY", ":97", 1);
    usleep(800 * 1000);
}

static void stop_display(void)
{
    if (xvfb_pid > 0) {
        kill(xvfb_pid, SIGTERM);
        waitpid(xvfb_pid, NULL, 0);
    }
}

/* ==== start-up ==== */

static double startup_once(void)
{
    int fds[2];
    if (pipe(fds) != 0)
        return -1;
    double t0 = bench_now_ms();
    pid_t pid = fork();
    if (pid == 0) {
        dup2(fds[1], 1);
        close(fds[0]);
        int devnull = open("/dev/null", O_WRONLY);
        dup2(devnull, 2);
        execl(signpost_path, signpost_path, "--windowed", "--store", store_path, "--config",
              SOURCE_ROOT "/kiosk-config/kiosk.conf", "--frames", "1", (char *)NULL);
        _exit(127);
    }
    close(fds[1]);
    char buf[256];
    double t = -1;
    size_t have = 0;
    ssize_t n;
    while ((n = read(fds[0], buf + have, sizeof buf - 1 - have)) > 0) {
        have += (size_t)n;
        buf[have] = '\0';
        if (strstr(buf, "first frame presented")) {
            t = bench_now_ms() - t0;
            break;
        }
    }
    close(fds[0]);
    int status;
    waitpid(pid, &status, 0);
    return t;
}

static void bench_startup(int runs)
{
    double samples[16];
    int n = 0;
    for (int i = 0; i < runs && i < 16; i++) {
        double t = startup_once();
        if (t >= 0)
            samples[n++] = t;
    }
    if (n == 0) {
        printf("start-up: could not start %s in a window\n", signpost_path);
        return;
    }
    double best = bench_percentile(samples, (size_t)n, 0);
    printf("start-up to first frame (x11 window, %d runs): median %.1f ms, best %.1f ms, "
           "worst %.1f ms  [target 200 ms]\n",
           n, bench_percentile(samples, (size_t)n, 50), best, samples[n - 1]);
}

/* ==== idle CPU and peak RSS of a real window ==== */

static int read_proc_ticks(pid_t pid, unsigned long long *ticks)
{
    char path[64], buf[1024];
    snprintf(path, sizeof path, "/proc/%d/stat", (int)pid);
    FILE *f = fopen(path, "r");
    if (!f)
        return -1;
    size_t n = fread(buf, 1, sizeof buf - 1, f);
    fclose(f);
    buf[n] = '\0';
    char *p = strrchr(buf, ')');
    if (!p)
        return -1;
    unsigned long long ut = 0, st = 0;
    /* Fields after the command: state(3) ... utime(14) stime(15). */
    int field = 2;
    for (char *tok = strtok(p + 2, " "); tok; tok = strtok(NULL, " ")) {
        field++;
        if (field == 14)
            ut = strtoull(tok, NULL, 10);
        if (field == 15) {
            st = strtoull(tok, NULL, 10);
            break;
        }
    }
    *ticks = ut + st;
    return 0;
}

static long proc_status_value(pid_t pid, const char *key)
{
    char path[64], line[256];
    snprintf(path, sizeof path, "/proc/%d/status", (int)pid);
    FILE *f = fopen(path, "r");
    if (!f)
        return -1;
    long v = -1;
    size_t klen = strlen(key);
    while (fgets(line, sizeof line, f))
        if (strncmp(line, key, klen) == 0 && line[klen] == ':')
            v = strtol(line + klen + 1, NULL, 10);
    fclose(f);
    return v;
}

static void bench_idle(int seconds)
{
    pid_t pid = fork();
    if (pid == 0) {
        int devnull = open("/dev/null", O_WRONLY);
        dup2(devnull, 1);
        dup2(devnull, 2);
        execl(signpost_path, signpost_path, "--windowed", "--store", store_path, "--config",
              SOURCE_ROOT "/kiosk-config/kiosk.conf", (char *)NULL);
        _exit(127);
    }
    sleep(2);
    unsigned long long t0, t1;
    long sw0 = proc_status_value(pid, "voluntary_ctxt_switches");
    long nsw0 = proc_status_value(pid, "nonvoluntary_ctxt_switches");
    if (read_proc_ticks(pid, &t0) != 0) {
        printf("idle: signpost did not stay up in a window\n");
        waitpid(pid, NULL, 0);
        return;
    }
    sleep((unsigned)seconds);
    read_proc_ticks(pid, &t1);
    long sw1 = proc_status_value(pid, "voluntary_ctxt_switches");
    long nsw1 = proc_status_value(pid, "nonvoluntary_ctxt_switches");
    long hwm = proc_status_value(pid, "VmHWM");
    long rss = proc_status_value(pid, "VmRSS");
    kill(pid, SIGTERM);
    waitpid(pid, NULL, 0);
    double cpu = 100.0 * (double)(t1 - t0) / ((double)sysconf(_SC_CLK_TCK) * seconds);
    printf("idle CPU over %d s (x11 window): %.2f %%, %ld context switches  [target 0.2 %%]\n",
           seconds, cpu, (sw1 - sw0) + (nsw1 - nsw0));
    printf("window process memory: peak RSS %.1f MiB, RSS %.1f MiB  [target 40 MiB]\n",
           hwm / 1024.0, rss / 1024.0);
}

/* ==== headless tour: peak RSS ==== */

static void bench_tour(void)
{
    pid_t pid = fork();
    if (pid == 0) {
        int devnull = open("/dev/null", O_WRONLY);
        dup2(devnull, 1);
        dup2(devnull, 2);
        execl(signpost_path, signpost_path, "--headless", "--store", store_path, "--config",
              SOURCE_ROOT "/kiosk-config/kiosk.conf", "--script",
              SOURCE_ROOT "/tests/bench/tour.script", (char *)NULL);
        _exit(127);
    }
    int status;
    struct rusage ru;
    wait4(pid, &status, 0, &ru);
    printf("headless tour of every screen (1920x1080): %s, peak RSS %.1f MiB\n",
           WIFEXITED(status) && WEXITSTATUS(status) == 0 ? "ok" : "FAILED",
           ru.ru_maxrss / 1024.0);
}

/* ==== read aloud: first audio ==== */

static void discard_pcm(void *user, const int16_t *pcm, size_t n)
{
    (void)user;
    (void)pcm;
    (void)n;
}

static void discard_clear(void *user)
{
    (void)user;
}

/* The home screen's announcement in three languages (Urdu: Arabic script), each said
 * `runs` times: what espeak-ng takes to produce the first samples after a screen is
 * entered (the frame that notices the new screen adds its own frame time). */
static void bench_speech(int runs)
{
    Speech *sp = speech_open(NULL);
    if (!sp) {
        printf("speech: %s\n", err_msg());
        return;
    }
    SpeechSink sink = {NULL, discard_pcm, discard_clear};
    speech_set_sink(sp, &sink);
    printf("read aloud: first audio after a screen is entered (target 150 ms; a sound card\n"
           "adds up to 46 ms of SDL buffer, 1024 samples at 22050 Hz)\n");
    const char *langs[] = {"en", "cy", "ur"};
    for (size_t l = 0; l < sizeof langs / sizeof langs[0]; l++) {
        i18n_set_language(langs[l]);
        char words[512], welcome[256];
        i18n_format(welcome, sizeof welcome, S_HOME_WELCOME, "Northgate General Hospital", NULL,
                    NULL);
        snprintf(words, sizeof words, "%s. %s", welcome, tr(S_HOME_PROMPT));
        double *s = bench_samples((size_t)runs);
        for (int i = 0; i < runs; i++) {
            speech_say(sp, langs[l], words, SPEECH_INTERRUPT);
            speech_wait(sp);
            SpeechStats st;
            speech_stats(sp, &st);
            s[i] = st.first_audio_ms_last;
        }
        char what[64];
        snprintf(what, sizeof what, "home announced (%s)", langs[l]);
        double p50 = bench_percentile(s, (size_t)runs, 50);
        double p99 = bench_percentile(s, (size_t)runs, 99);
        printf("  %-34s p50 %6.2f ms   p99 %6.2f ms  (%d utterances)\n", what, p50, p99, runs);
        mem_free(s);
    }
    i18n_set_language("en");
    speech_set_sink(sp, NULL);
    speech_close(sp);
}

/* ==== frame times, in process ==== */

typedef struct FrameBench {
    App *app;
    Ui *ui;
    Platform *plat;
    Runner *runner;
} FrameBench;

static void report(const char *what, double *s, size_t n)
{
    double p50 = bench_percentile(s, n, 50), p99 = bench_percentile(s, n, 99);
    printf("  %-34s p50 %6.2f ms   p99 %6.2f ms  (%zu frames)\n", what, p50, p99, n);
}

/* Full frames: build the UI and render every command, as after a real change. */
static void time_full_frames(FrameBench *fb, const char *what, int n)
{
    double *s = bench_samples((size_t)n);
    int w, h;
    plat_size(fb->plat, &w, &h);
    for (int i = 0; i < n; i++) {
        double t0 = bench_now_ms();
        app_frame(fb->app, w, h);
        plat_present(fb->plat, &fb->ui->draw, fb->ui->theme.bg);
        s[i] = bench_now_ms() - t0;
    }
    report(what, s, (size_t)n);
    mem_free(s);
}

static void time_scroll(FrameBench *fb, const char *what, int n, int x, int y0)
{
    double *s = bench_samples((size_t)n);
    int w, h;
    plat_size(fb->plat, &w, &h);
    ui_input_pointer_down(fb->ui, x, y0);
    app_frame(fb->app, w, h);
    int y = y0, dir = -6;
    for (int i = 0; i < n; i++) {
        y += dir;
        if (y < y0 - 400 || y > y0)
            dir = -dir;
        double t0 = bench_now_ms();
        ui_input_pointer_move(fb->ui, x, y);
        app_frame(fb->app, w, h);
        plat_present(fb->plat, &fb->ui->draw, fb->ui->theme.bg);
        s[i] = bench_now_ms() - t0;
    }
    ui_input_pointer_up(fb->ui, x, y);
    app_frame(fb->app, w, h);
    report(what, s, (size_t)n);
    mem_free(s);
}

static void time_typing(FrameBench *fb, const char *what, const char *text, int rounds)
{
    size_t len = strlen(text);
    double *s = bench_samples(len * (size_t)rounds * 2);
    size_t n = 0;
    int w, h;
    plat_size(fb->plat, &w, &h);
    for (int r = 0; r < rounds; r++) {
        for (size_t i = 0; i < len; i++) {
            char c[2] = {text[i], 0};
            double t0 = bench_now_ms();
            ui_input_text(fb->ui, c);
            app_frame(fb->app, w, h);
            plat_present(fb->plat, &fb->ui->draw, fb->ui->theme.bg);
            s[n++] = bench_now_ms() - t0;
        }
        for (size_t i = 0; i < len; i++) {
            double t0 = bench_now_ms();
            ui_input_key(fb->ui, UI_KEY_BACKSPACE);
            app_frame(fb->app, w, h);
            plat_present(fb->plat, &fb->ui->draw, fb->ui->theme.bg);
            s[n++] = bench_now_ms() - t0;
        }
    }
    report(what, s, n);
    mem_free(s);
}

/* Frame times headless (software renderer on a memory surface) or, with window, in a
 * real X11 window (Xvfb is fine) where each present goes to the X server. */
static void bench_frames(int n, bool window)
{
    KioskConfig cfg;
    config_defaults(&cfg);
    DiagList diags;
    diag_init(&diags);
    config_load(SOURCE_ROOT "/kiosk-config/kiosk.conf", &cfg, &diags);
    diag_release(&diags);
    Store *store = store_open(store_path);
    if (!store) {
        printf("frames: %s\n", err_msg());
        return;
    }
    PlatformOptions po = {.headless = !window, .width = 1920, .height = 1080,
                          .font_regular = cfg.font_regular, .font_bold = cfg.font_bold};
    Platform *plat = plat_open(&po);
    if (!plat) {
        printf("frames: %s\n", err_msg());
        store_close(store);
        return;
    }
    Ui ui;
    UiMeasure m = plat_measure(plat);
    ui_init(&ui, &m);
    App app;
    app_init(&app, &cfg, store, &ui);
    Runner runner;
    runner_init(&runner, &app, &ui, plat, true);
    runner_apply_theme(&runner);
    FrameBench fb = {&app, &ui, plat, &runner};
    printf("frame time, 1920x1080, %s (UI build + render + present), warm text cache:\n",
           window ? "real X11 window, present to the X server"
                  : "headless software renderer, present into memory");
    printf("  video driver %s, renderer %s\n", plat_video_driver(plat),
           plat_render_driver(plat));
    runner_frame(&runner);
    time_full_frames(&fb, "home", n);
    app_go(&app, SCREEN_FIND, 0);
    runner_frame(&runner);
    time_full_frames(&fb, "find: A to Z list", n);
    time_scroll(&fb, "find: A to Z list while dragging", n, 600, 700);
    /* The destination with the longest route from this kiosk. */
    const Site *s = store_site(store);
    int best = 0;
    size_t best_steps = 0;
    for (size_t i = 0; i < s->ndestinations; i++) {
        Directions d;
        if (directions_find(s, s->kiosks[app.kiosk].waypoint, (int)i, false, &d) == 0 &&
            d.nsteps > best_steps) {
            best_steps = d.nsteps;
            best = (int)i;
        }
        directions_release(&d);
    }
    app_go(&app, SCREEN_DESTINATION, best);
    runner_frame(&runner);
    char what[128];
    snprintf(what, sizeof what, "destination (%zu steps, plan, QR)", best_steps + 2);
    time_full_frames(&fb, what, n);
    app_home(&app);
    runner_frame(&runner);
    app_go(&app, SCREEN_FIND, FIND_TAB_SEARCH);
    runner_frame(&runner);
    time_typing(&fb, "search: each keystroke", "pharmacy", n / 16 + 1);
    /* A frame where nothing changed is built but not presented. */
    double *u = bench_samples((size_t)n);
    for (int i = 0; i < n; i++) {
        double t0 = bench_now_ms();
        app_frame(&app, 1920, 1080);
        (void)drawlist_hash(&ui.draw);
        u[i] = bench_now_ms() - t0;
    }
    report("unchanged frame (built, not drawn)", u, (size_t)n);
    mem_free(u);
    size_t entries, bytes;
    plat_text_cache_stats(plat, &entries, &bytes);
    printf("  text cache: %zu entries, %.1f MiB of textures\n", entries, bytes / 1048576.0);
    if (!window)
        bench_cold_frames(&runner, "service list (sample)", s->ncategories > 0 ? 0 : -1);
    app_release(&app);
    ui_release(&ui);
    plat_close(plat);
    store_close(store);
}

int main(int argc, char **argv)
{
    bool quick = false, content_only = false, scale_only = false, speech_only = false,
         print_only = false;
    const char *report_pdf = NULL, *scale_measure = NULL;
    bool report_only = false;
    store_path = NULL;
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--store") == 0 && i + 1 < argc)
            store_path = argv[++i];
        else if (strcmp(argv[i], "--quick") == 0)
            quick = true;
        else if (strcmp(argv[i], "--content") == 0)
            content_only = true;
        else if (strcmp(argv[i], "--scale") == 0)
            scale_only = true;
        else if (strcmp(argv[i], "--scale-measure") == 0 && i + 1 < argc)
            scale_measure = argv[++i];
        else if (strcmp(argv[i], "--speech") == 0)
            speech_only = true;
        else if (strcmp(argv[i], "--print") == 0)
            print_only = true;
        else if (strcmp(argv[i], "--report") == 0) {
            report_only = true;
            if (i + 1 < argc && argv[i + 1][0] != '-')
                report_pdf = argv[++i];
        } else {
            fprintf(stderr, "usage: signpost_bench [--store content.db] [--quick] "
                            "[--content] [--scale] [--speech] [--print] [--report [PDF]]\n");
            return 2;
        }
    }
    char self[PATH_MAX];
    ssize_t n = readlink("/proc/self/exe", self, sizeof self - 1);
    if (n <= 0)
        return 2;
    self[n] = '\0';
    char *slash = strrchr(self, '/');
    *slash = '\0';
    snprintf(signpost_path, sizeof signpost_path, "%s/signpost", self);
    static char default_store[PATH_MAX + 16];
    if (!store_path) {
        snprintf(default_store, sizeof default_store, "%s/content.db", self);
        store_path = default_store;
    }
    log_set_level(LOG_WARN);
    if (content_only) {
        char cdir[] = "/tmp/signpost-bench-content-XXXXXX";
        return mkdtemp(cdir) && bench_content(cdir) == 0 ? 0 : 1;
    }
    if (report_only) {
        char rdir[] = "/tmp/signpost-bench-report-XXXXXX";
        int rc = mkdtemp(rdir) && bench_report(rdir, report_pdf) == 0 ? 0 : 1;
        rmdir(rdir);
        return rc;
    }
    if (scale_measure) /* bench_scale()'s own process */
        return bench_scale_measure(scale_measure, quick) == 0 ? 0 : 1;
    if (print_only)
        return bench_print(store_path, quick ? 10 : 40) == 0 ? 0 : 1;
    if (scale_only) {
        char sdir[] = "/tmp/signpost-bench-scale-XXXXXX";
        char sdb[PATH_MAX];
        if (!mkdtemp(sdir))
            return 1;
        snprintf(sdb, sizeof sdb, "%s/big.db", sdir);
        if (bench_big_site(sdir, sdb) != 0)
            return 1;
        snprintf(sdb, sizeof sdb, "%s/directory100k.db", sdir);
        return bench_scale(sdir, sdb, quick) == 0 ? 0 : 1;
    }
    if (speech_only) {
        bench_speech(quick ? 5 : 20);
        return 0;
    }
    printf("Signpost benchmark (%s)\n", quick ? "quick" : "full");
    bench_frames(quick ? 60 : 300, false);
    bench_tour();
    bench_speech(quick ? 5 : 20);
    bench_print(store_path, quick ? 10 : 40);
    ensure_display();
    bench_frames(quick ? 60 : 300, true);
    bench_startup(quick ? 3 : 7);
    bench_idle(quick ? 3 : 10);
    stop_display();
    char dir[] = "/tmp/signpost-bench-XXXXXX";
    if (mkdtemp(dir)) {
        char db[PATH_MAX];
        snprintf(db, sizeof db, "%s/big.db", dir);
        bench_big_site(dir, db);
        char db2[PATH_MAX + 16];
        snprintf(db2, sizeof db2, "%s/directory.db", dir);
        bench_directory(dir, db2, quick ? 100 : 400);
        char db3[PATH_MAX + 16];
        snprintf(db3, sizeof db3, "%s/directory100k.db", dir);
        bench_scale(dir, db3, quick);
        char odir[PATH_MAX];
        snprintf(odir, sizeof odir, "%s/outbox", dir);
        if (mkdir(odir, 0700) == 0)
            bench_outbox(odir);
        bench_report(odir, NULL);
        char cdir[PATH_MAX];
        snprintf(cdir, sizeof cdir, "%s/services", dir);
        if (mkdir(cdir, 0700) == 0)
            bench_content(cdir);
    }
    return 0;
}
