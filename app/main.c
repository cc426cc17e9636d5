/* main.c: the signpost kiosk program. Parses the command line, reads the config,
 * opens the content store (checking its signature when [paths] content_public_key is
 * set), the platform and the UI in that order, runs the loop (or a headless script),
 * which watches the store for a publish, and closes them in reverse. Nothing else
 * lives here. */
#include "app.h"
#include "config.h"
#include "err.h"
#include "live.h"
#include "log.h"
#include "outbox.h"
#include "platform.h"
#include "printer.h"
#include "runner.h"
#include "script.h"
#include "speech.h"
#include "store.h"
#include "ui.h"
#include "wav.h"
#include "usage.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static const char usage[] =
    "usage: signpost [options]\n"
    "  --config FILE     kiosk configuration (default kiosk-config/kiosk.conf)\n"
    "  --store FILE      content store to show (overrides [paths] content)\n"
    "  --kiosk ID        this kiosk's location (overrides [kiosk] location)\n"
    "  --outbox FILE     where concerns are stored, sealed (overrides [concerns] outbox)\n"
    "  --windowed        a window instead of full screen\n"
    "  --size WxH        window or headless size (default 1920x1080)\n"
    "  --headless        no display: software rendering into memory (for tests)\n"
    "  --script FILE     with --headless: run a harness script and exit\n"
    "  --frames N        exit after presenting N frames (smoke tests, benchmarks)\n"
    "  --date YYYY-MM-DD today's date for the screens (tests, previews); default the clock\n"
    "  --speech-wav FILE read aloud into this WAV file instead of the sound card\n"
    "                    (headless tests hear what a person would)\n"
    "  --speech-log FILE write every utterance read aloud, with its language, to FILE\n"
    "  --mirror          lay every screen out right to left (checking layouts for\n"
    "                    right-to-left languages)\n"
    "  --language CODE   the kiosk's language instead of [kiosk] default_language\n"
    "                    (BCP 47: en, cy, pl, ur, ar, bn, pa, ro, so): strings, direction,\n"
    "                    fonts and keyboard letters; it comes back after each person\n"
    "  --help            this text\n"
    "Exit status: 0 ok, 1 a script line failed, 2 bad usage or start-up failure.\n";

typedef struct Args {
    const char *config, *store, *kiosk, *size, *script, *frames, *date, *outbox, *language;
    const char *speech_wav, *speech_log;
    bool windowed, headless, mirror;
} Args;

static int parse_args(int argc, char **argv, Args *a)
{
    memset(a, 0, sizeof *a);
    for (int i = 1; i < argc; i++) {
        const char *s = argv[i];
        const char **dst = NULL;
        if (strcmp(s, "--help") == 0 || strcmp(s, "-h") == 0) {
            fputs(usage, stdout);
            exit(0);
        } else if (strcmp(s, "--windowed") == 0) {
            a->windowed = true;
        } else if (strcmp(s, "--headless") == 0) {
            a->headless = true;
        } else if (strcmp(s, "--mirror") == 0) {
            a->mirror = true;
        } else if (strcmp(s, "--language") == 0) {
            dst = &a->language;
        } else if (strcmp(s, "--config") == 0) {
            dst = &a->config;
        } else if (strcmp(s, "--store") == 0) {
            dst = &a->store;
        } else if (strcmp(s, "--kiosk") == 0) {
            dst = &a->kiosk;
        } else if (strcmp(s, "--outbox") == 0) {
            dst = &a->outbox;
        } else if (strcmp(s, "--size") == 0) {
            dst = &a->size;
        } else if (strcmp(s, "--script") == 0) {
            dst = &a->script;
        } else if (strcmp(s, "--frames") == 0) {
            dst = &a->frames;
        } else if (strcmp(s, "--date") == 0) {
            dst = &a->date;
        } else if (strcmp(s, "--speech-wav") == 0) {
            dst = &a->speech_wav;
        } else if (strcmp(s, "--speech-log") == 0) {
            dst = &a->speech_log;
        } else {
            fprintf(stderr, "signpost: unknown option '%s'\n%s", s, usage);
            return -1;
        }
        if (dst) {
            if (i + 1 >= argc) {
                fprintf(stderr, "signpost: %s needs a value\n", s);
                return -1;
            }
            *dst = argv[++i];
        }
    }
    if (a->script && !a->headless) {
        fprintf(stderr, "signpost: --script runs only with --headless\n");
        return -1;
    }
    return 0;
}

/* Reads the config. Problems are logged with file and line, the bad keys keep their
 * defaults, and the function returns -1: the kiosk then shows its out-of-order screen
 * (never a blank one) until IT fix the file. */
static int load_config(const Args *a, KioskConfig *cfg)
{
    int rc = 0;
    config_defaults(cfg);
    const char *path = a->config ? a->config : "kiosk-config/kiosk.conf";
    if (!a->config && access(path, F_OK) != 0) {
        log_warn("no %s: using the built-in defaults", path);
    } else {
        DiagList diags;
        diag_init(&diags);
        if (config_load(path, cfg, &diags) != 0) {
            for (size_t i = 0; i < diags.len; i++)
                log_error("%s:%d: %s", diags.items[i].file, diags.items[i].line,
                          diags.items[i].message);
            rc = -1;
        }
        diag_release(&diags);
    }
    if (a->store)
        snprintf(cfg->content_store, sizeof cfg->content_store, "%s", a->store);
    if (a->kiosk)
        snprintf(cfg->kiosk_id, sizeof cfg->kiosk_id, "%s", a->kiosk);
    if (a->outbox)
        snprintf(cfg->outbox, sizeof cfg->outbox, "%s", a->outbox);
    if (a->windowed)
        cfg->fullscreen = false;
    log_set_level((LogLevel)cfg->log_level);
    return rc;
}

/* Read aloud: espeak-ng, speaking into the sound card, or into --speech-wav. A kiosk
 * whose speech cannot start runs on without it (the controls then say so); a test that
 * asked for a WAV or a log it cannot have fails (-1). Headless runs that ask for neither
 * have no speech, to keep the other tests quick. */
static int open_speech(const Args *a, Platform *plat, Speech **speech, WavFile **wav)
{
    bool asked = a->speech_wav || a->speech_log;
    if (a->headless && !asked)
        return 0;
    *speech = speech_open(a->speech_log);
    if (!*speech) {
        if (asked) {
            fprintf(stderr, "signpost: %s\n", err_msg());
            return -1;
        }
        log_error("read aloud is not available: %s", err_msg());
        return 0;
    }
    int hz = speech_sample_rate(*speech);
    SpeechSink sink = {0};
    if (a->speech_wav) {
        *wav = wav_open(a->speech_wav, hz);
        if (!*wav) {
            fprintf(stderr, "signpost: --speech-wav: %s\n", err_msg());
            speech_close(*speech);
            *speech = NULL;
            return -1;
        }
        sink = (SpeechSink){*wav, wav_sink_pcm, wav_sink_clear};
    } else if (!a->headless) {
        if (plat_audio_open(plat, hz) == 0)
            sink = (SpeechSink){plat, plat_audio_queue, plat_audio_clear};
        else
            log_error("read aloud will be silent: %s", err_msg());
    }
    speech_set_sink(*speech, sink.pcm ? &sink : NULL);
    return 0;
}

int main(int argc, char **argv)
{
    Args args;
    if (parse_args(argc, argv, &args) != 0)
        return 2;
    KioskConfig cfg;
    bool config_ok = load_config(&args, &cfg) == 0;
    int w = cfg.width, h = cfg.height;
    if (args.size && config_parse_size(args.size, &w, &h) != 0) {
        fprintf(stderr, "signpost: --size '%s' is not WIDTHxHEIGHT (e.g. 1920x1080)\n",
                args.size);
        return 2;
    }

    ContentStamp stamp;
    Store *store = content_open_checked(cfg.content_store, cfg.content_public_key, &stamp);
    bool live_opened = store != NULL;
    char fallback_note[768] = "", no_store[1700] = "";
    if (!store) {
        log_error("%s", err_msg());
        char why[512];
        snprintf(why, sizeof why, "%s", err_msg());
        snprintf(no_store, sizeof no_store, "no content store can be used: %s", why);
        bool good_exists = false;
        store = content_open_last_good(cfg.content_store, cfg.content_public_key, &good_exists);
        if (store) {
            snprintf(fallback_note, sizeof fallback_note, "%s", why);
        } else if (good_exists) {
            log_error("the last known good content cannot be used either: %s", err_msg());
            snprintf(no_store, sizeof no_store,
                     "no content store can be used: %s; nor can the last known good, %s.good",
                     why, cfg.content_store);
        }
    }

    PlatformOptions po = {
        .headless = args.headless,
        .fullscreen = cfg.fullscreen && !args.headless,
        .kiosk_mode = cfg.kiosk_mode && !args.headless && cfg.fullscreen,
        .width = w,
        .height = h,
        .font_regular = cfg.font_regular,
        .font_bold = cfg.font_bold,
        .font_arabic = cfg.font_arabic,
        .font_urdu = cfg.font_urdu,
        .font_bengali = cfg.font_bengali,
        .font_gurmukhi = cfg.font_gurmukhi,
        .assets_dir = cfg.assets_dir,
    };
    Platform *plat = plat_open(&po);
    if (!plat) {
        fprintf(stderr, "signpost: %s\n", err_msg());
        store_close(store);
        return 2;
    }
    log_info("video %s, renderer %s", plat_video_driver(plat), plat_render_driver(plat));

    Ui ui;
    UiMeasure m = plat_measure(plat);
    ui_init(&ui, &m);
    /* The outbox: a problem (no key, damaged file) is kept and told to the person who
     * tries to send a concern, never a false "sent"; staff see the cause here. */
    Outbox *outbox = outbox_open(cfg.outbox, cfg.pals_public_key);
    if (outbox && outbox_status(outbox) != OUTBOX_OK)
        log_error("concerns cannot be stored: %s", outbox_problem(outbox));
    App app;
    app_init(&app, &cfg, store, &ui);
    if (!store && config_ok) /* the reason, for staff and systemctl status */
        app_fail_content(&app, no_store);
    app_set_outbox(&app, outbox);
    WavFile *wav = NULL;
    Speech *speech = NULL;
    if (open_speech(&args, plat, &speech, &wav) != 0) {
        app_release(&app);
        outbox_close(outbox);
        ui_release(&ui);
        plat_close(plat);
        store_close(store);
        return 2;
    }
    app_set_speech(&app, speech);
    Usage *figures = usage_new();
    app_set_usage(&app, figures);
    if (args.language) /* instead of [kiosk] default_language */
        app_set_home_language(&app, args.language);
    if (args.mirror)
        ui_set_rtl(&ui, true);
    if (!config_ok)
        app_fail(&app, "the kiosk configuration has problems (see the lines above)");
    /* The printer: its worker thread starts now; a printer that cannot be reached is
     * told to the person who taps Print, and logged then. */
    Printer *printer = NULL;
    if (cfg.printer_device[0]) {
        printer = printer_open(cfg.printer_device, 3000);
        if (!printer)
            log_error("printer: %s", err_msg());
        else
            log_info("printer: %s, %d mm paper, QR %s", cfg.printer_device,
                     cfg.printer_paper_mm, cfg.printer_qr_native ? "native" : "raster");
    }
    Runner runner;
    runner_init(&runner, &app, &ui, plat, args.headless);
    runner_attach_printer(&runner, printer);
    runner_watch_content(&runner, cfg.content_store, cfg.content_public_key, &stamp,
                         live_opened);
    if (fallback_note[0])
        snprintf(app.content_note, sizeof app.content_note, "%s", fallback_note);
    if (args.frames)
        runner.exit_after_frames = strtoull(args.frames, NULL, 10);
    if (args.date) {
        if (civil_parse(args.date, &app.today) != 0) {
            fprintf(stderr, "signpost: --date '%s' is not a date like 2026-11-22\n", args.date);
            speech_close(speech);
            wav_close(wav);
            app_release(&app);
            usage_free(figures);
            printer_close(printer);
            outbox_close(outbox);
            ui_release(&ui);
            plat_close(plat);
            store_close(store);
            return 2;
        }
        runner.fixed_today = true;
        usage_set_today(figures, args.date);
    }
    /* For the report's content health: which content ran each day, and fallbacks. */
    if (store)
        usage_content(figures, store_site(store)->content_version);
    if (fallback_note[0])
        usage_count(figures, "content-lkg"); /* last known good */
    int rc = 0;
    if (runner_apply_theme(&runner) != 0) {
        fprintf(stderr, "signpost: %s\n", err_msg());
        rc = 2;
    } else if (args.script) {
        rc = script_run(&runner, args.script, stderr);
    } else if (args.headless) {
        runner_frame(&runner);
        runner_present(&runner, true);
    } else {
        rc = runner_run(&runner);
    }
    if (args.frames) {
        /* The benchmark reads this line to time start-up to first frame. */
        printf("presented %llu frames\n", (unsigned long long)runner.frames_presented);
        fflush(stdout);
    }
    store = app.store; /* a reload may have switched it */
    speech_close(speech);
    if (wav_close(wav) != 0)
        log_error("%s", err_msg());
    if (app.touched) { /* the person at the kiosk when it stops counts too */
        usage_session_mark(figures, "language", app.language);
        usage_session_end(figures);
    }
    usage_flush(figures, outbox, runner_now(&runner));
    app_release(&app);
    usage_free(figures);
    printer_close(printer);
    outbox_close(outbox);
    ui_release(&ui);
    plat_close(plat);
    store_close(store);
    return rc;
}
