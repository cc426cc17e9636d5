/* test_config.c: the kiosk config reader: defaults, the shipped sample and examples
 * load cleanly, every kind of problem is reported at the right file:line (all of them,
 * not just the first), values are range-checked, and relative paths are resolved
 * against the config file's folder. Fixtures are in tests/data/config; files with
 * awkward bytes (BOM, CRLF, long lines) are written to TEST_TMP_DIR. */
#include "test.h"

#include "config.h"
#include "log.h"

#include <stdio.h>
#include <string.h>

#define DATA(name) TEST_DATA_DIR "/config/" name
#define TMP(name) TEST_TMP_DIR "/config_" name

/* The first problem reported on `line` (0 = about the whole file), or NULL. */
static const Diag *diag_at(const DiagList *dl, int line)
{
    for (size_t i = 0; i < dl->len; i++)
        if (dl->items[i].line == line)
            return &dl->items[i];
    return NULL;
}

static const char *msg_at(const DiagList *dl, int line)
{
    const Diag *d = diag_at(dl, line);
    return d ? d->message : NULL;
}

/* Loads text written to a temporary file over the defaults. */
static int load_text(const char *path, const char *text, size_t len, KioskConfig *cfg,
                     DiagList *dl)
{
    FILE *f = fopen(path, "wb");
    if (!f)
        return -2;
    fwrite(text, 1, len, f);
    fclose(f);
    config_defaults(cfg);
    diag_init(dl);
    return config_load(path, cfg, dl);
}

/* Shows what was reported when the current test has failed, to explain it. */
static void print_diags(const DiagList *dl)
{
    if (test_current_failed && dl->len)
        diag_print(dl, stderr);
}

static void test_defaults(void)
{
    KioskConfig cfg;
    config_defaults(&cfg);
    CHECK_STR(cfg.kiosk_id, "");
    CHECK(cfg.fullscreen);
    CHECK_INT(cfg.width, 1920);
    CHECK_INT(cfg.height, 1080);
    CHECK(cfg.kiosk_mode);
    CHECK(cfg.pixels_per_mm == 4.0);
    CHECK_INT(cfg.idle_timeout_s, 90);
    CHECK_INT(cfg.idle_warning_s, 20);
    CHECK_STR(cfg.content_store, "../build/content.db");
    CHECK_STR(cfg.outbox, "../build/outbox.db");
    CHECK_STR(cfg.pals_public_key, "demo-keys/pals-public.key");
    CHECK_STR(cfg.font_regular, "/usr/share/fonts/truetype/noto/NotoSans-Regular.ttf");
    CHECK_STR(cfg.font_bold, "/usr/share/fonts/truetype/noto/NotoSans-Bold.ttf");
    CHECK_STR(cfg.font_arabic, "/usr/share/fonts/truetype/noto/NotoNaskhArabic-Regular.ttf");
    CHECK_STR(cfg.font_urdu, "/usr/share/fonts/truetype/noto/NotoNastaliqUrdu-Regular.ttf");
    CHECK_STR(cfg.font_bengali, "/usr/share/fonts/truetype/noto/NotoSansBengali-Regular.ttf");
    CHECK_STR(cfg.font_gurmukhi, "/usr/share/fonts/truetype/noto/NotoSansGurmukhi-Regular.ttf");
    CHECK_STR(cfg.assets_dir, SOURCE_ROOT "/assets");
    CHECK(cfg.text_scale == 1.0);
    CHECK(!cfg.high_contrast);
    CHECK_INT(cfg.log_level, LOG_INFO);
}

static void test_sample_config(void)
{
    KioskConfig cfg;
    DiagList dl;
    config_defaults(&cfg);
    diag_init(&dl);
    CHECK_INT(config_load(SOURCE_ROOT "/kiosk-config/kiosk.conf", &cfg, &dl), 0);
    CHECK_INT(dl.len, 0);
    CHECK_STR(cfg.kiosk_id, "main-entrance");
    CHECK(cfg.fullscreen && cfg.kiosk_mode && !cfg.high_contrast);
    CHECK_INT(cfg.width, 1920);
    CHECK_INT(cfg.height, 1080);
    CHECK(cfg.pixels_per_mm == 4.0);
    CHECK_INT(cfg.idle_timeout_s, 90);
    CHECK_INT(cfg.idle_warning_s, 20);
    CHECK_STR(cfg.content_store, SOURCE_ROOT "/kiosk-config/../build/release/content.db");
    CHECK_STR(cfg.outbox, SOURCE_ROOT "/kiosk-config/../build/outbox.db");
    CHECK_STR(cfg.pals_public_key, SOURCE_ROOT "/kiosk-config/demo-keys/pals-public.key");
    CHECK_STR(cfg.font_bold, "/usr/share/fonts/truetype/noto/NotoSans-Bold.ttf");
    CHECK(cfg.text_scale == 1.0);
    CHECK_INT(cfg.log_level, LOG_INFO);
    print_diags(&dl);
    diag_release(&dl);
}

static void test_example_configs(void)
{
    KioskConfig cfg;
    DiagList dl;
    config_defaults(&cfg);
    diag_init(&dl);
    CHECK_INT(config_load(SOURCE_ROOT "/kiosk-config/examples/windowed-dev.conf", &cfg, &dl),
              0);
    CHECK(!cfg.fullscreen && !cfg.kiosk_mode);
    CHECK_INT(cfg.width, 960);
    CHECK_INT(cfg.height, 540);
    CHECK_INT(cfg.idle_timeout_s, 30);
    CHECK_INT(cfg.idle_warning_s, 10);
    CHECK_INT(cfg.log_level, LOG_DEBUG);
    CHECK_STR(cfg.content_store, SOURCE_ROOT "/kiosk-config/examples/../../build/release/content.db");
    CHECK_STR(cfg.pals_public_key, SOURCE_ROOT "/kiosk-config/examples/../demo-keys/pals-public.key");

    config_defaults(&cfg);
    CHECK_INT(config_load(SOURCE_ROOT "/kiosk-config/examples/outpatients.conf", &cfg, &dl), 0);
    CHECK_STR(cfg.kiosk_id, "outpatients");
    CHECK(cfg.text_scale == 1.25);
    CHECK_STR(cfg.content_store, "/var/lib/signpost/content.db");
    CHECK_STR(cfg.outbox, "/var/lib/signpost/outbox.db");
    CHECK(cfg.fullscreen); /* not given: the default */
    CHECK_INT(dl.len, 0);
    print_diags(&dl);
    diag_release(&dl);
}

static void test_unknown_key(void)
{
    KioskConfig cfg;
    DiagList dl;
    config_defaults(&cfg);
    diag_init(&dl);
    CHECK_INT(config_load(DATA("unknown-key.conf"), &cfg, &dl), -1);
    CHECK_INT(dl.len, 1);
    CHECK_INT(dl.nerrors, 1);
    if (dl.len == 1) {
        CHECK_STR(dl.items[0].file, DATA("unknown-key.conf"));
        CHECK_INT(dl.items[0].line, 4);
        CHECK_STR(dl.items[0].message, "unknown key 'fulscreen' in [display]; the keys there "
                                       "are fullscreen, width, height, size, kiosk_mode and "
                                       "pixels_per_mm");
    }
    CHECK(!cfg.fullscreen); /* line 3 still applied */
    char out[512] = "";
    FILE *mem = fmemopen(out, sizeof out, "w");
    if (mem) {
        diag_print(&dl, mem);
        fclose(mem);
        CHECK_CONTAINS(out, DATA("unknown-key.conf") ":4: error: unknown key 'fulscreen'");
    }
    print_diags(&dl);
    diag_release(&dl);
}

static void test_bad_value(void)
{
    KioskConfig cfg;
    DiagList dl;
    config_defaults(&cfg);
    diag_init(&dl);
    CHECK_INT(config_load(DATA("bad-value.conf"), &cfg, &dl), -1);
    CHECK_INT(dl.len, 1);
    CHECK_STR(msg_at(&dl, 2),
              "idle_seconds must be a whole number of seconds from 15 to 3600, not 'soon'");
    CHECK_INT(cfg.idle_timeout_s, 90); /* bad value: the default stays */
    print_diags(&dl);
    diag_release(&dl);
}

static void test_several_problems(void)
{
    KioskConfig cfg;
    DiagList dl;
    config_defaults(&cfg);
    diag_init(&dl);
    CHECK_INT(config_load(DATA("several-problems.conf"), &cfg, &dl), -1);
    CHECK_INT(dl.len, 6);
    CHECK_INT(dl.nerrors, 6);
    CHECK_CONTAINS(msg_at(&dl, 6), "fullscreen must be true or false");
    CHECK_CONTAINS(msg_at(&dl, 6), "not 'maybe'");
    CHECK_CONTAINS(msg_at(&dl, 8), "unknown key 'heigth' in [display]");
    CHECK_CONTAINS(msg_at(&dl, 11), "idle_seconds must be a whole number");
    CHECK_STR(msg_at(&dl, 14), "unknown section [colours]; the sections are [kiosk], "
                               "[display], [timeouts], [paths], [concerns], [theme], [log] and [staff]");
    CHECK(msg_at(&dl, 15) == NULL); /* keys in an unknown section: reported once */
    CHECK_STR(msg_at(&dl, 18), "text_scale must be a number from 0.75 to 2.0, such as 1.25, "
                               "not '3'");
    CHECK_STR(msg_at(&dl, 22), "level must be debug, info, warning or error, not 'chatty'");
    /* In file order. */
    for (size_t i = 1; i < dl.len; i++)
        CHECK(dl.items[i - 1].line < dl.items[i].line);
    /* Good lines around the bad ones still count. */
    CHECK_STR(cfg.kiosk_id, "kiosk-main-entrance");
    CHECK(cfg.high_contrast);
    CHECK(cfg.text_scale == 1.0);
    print_diags(&dl);
    diag_release(&dl);
}

static void test_syntax_errors(void)
{
    KioskConfig cfg;
    DiagList dl;
    config_defaults(&cfg);
    diag_init(&dl);
    CHECK_INT(config_load(DATA("syntax.conf"), &cfg, &dl), -1);
    CHECK_INT(dl.len, 4);
    CHECK_CONTAINS(msg_at(&dl, 2), "needs a closing ']'");
    CHECK_CONTAINS(msg_at(&dl, 3), "this line is not a setting");
    CHECK_CONTAINS(msg_at(&dl, 6), "this line is not a setting");
    CHECK_CONTAINS(msg_at(&dl, 7), "starts with a space, so it reads as more of 'content'");
    print_diags(&dl);
    diag_release(&dl);
}

static void test_relative_paths(void)
{
    KioskConfig cfg;
    DiagList dl;
    config_defaults(&cfg);
    diag_init(&dl);
    CHECK_INT(config_load(DATA("site-b/kiosk.conf"), &cfg, &dl), 0);
    CHECK_STR(cfg.content_store, DATA("site-b/content/site b.db"));
    CHECK_STR(cfg.font_bold, DATA("site-b/fonts/Bold.ttf"));
    CHECK_STR(cfg.font_regular, "/opt/fonts/Regular.ttf");

    /* Not set in the file: the relative default is taken from the file's folder. */
    config_defaults(&cfg);
    CHECK_INT(config_load(DATA("no-content.conf"), &cfg, &dl), 0);
    CHECK_STR(cfg.content_store, DATA("../build/content.db"));
    CHECK_STR(cfg.kiosk_id, "");
    CHECK_INT(dl.len, 0);
    print_diags(&dl);
    diag_release(&dl);
}

/* [paths] content_public_key: empty (the default) means content need not be signed; a
 * path is resolved like the others. */
static void test_content_public_key(void)
{
    KioskConfig cfg;
    DiagList dl;
    config_defaults(&cfg);
    CHECK_STR(cfg.content_public_key, "");
    diag_init(&dl);
    CHECK_INT(config_load(SOURCE_ROOT "/kiosk-config/kiosk.conf", &cfg, &dl), 0);
    CHECK_STR(cfg.content_public_key, "");
    print_diags(&dl);
    diag_release(&dl);

    static const char set[] = "[paths]\ncontent_public_key = keys/content-signing.pub\n";
    CHECK_INT(load_text(TMP("signing.conf"), set, sizeof set - 1, &cfg, &dl), 0);
    CHECK_STR(cfg.content_public_key, TEST_TMP_DIR "/keys/content-signing.pub");
    print_diags(&dl);
    diag_release(&dl);

    static const char empty[] = "[paths]\ncontent_public_key =\n";
    CHECK_INT(load_text(TMP("signing-empty.conf"), empty, sizeof empty - 1, &cfg, &dl), 0);
    CHECK_STR(cfg.content_public_key, "");
    print_diags(&dl);
    diag_release(&dl);

    static const char wrong[] = "[concerns]\ncontent_public_key = a.pub\n";
    CHECK_INT(load_text(TMP("signing-wrong.conf"), wrong, sizeof wrong - 1, &cfg, &dl), -1);
    CHECK_STR(msg_at(&dl, 2), "'content_public_key' belongs under [paths], not [concerns]");
    diag_release(&dl);
}

/* [staff]: the PIN only ever as its Argon2id hash; the audit log's path resolved like
 * the others. */
static void test_staff_settings(void)
{
    KioskConfig cfg;
    DiagList dl;
    config_defaults(&cfg);
    CHECK_STR(cfg.staff_pin_hash, "");
    static const char set[] = "[staff]\npin_hash = $argon2id$v=19$m=65536,t=2,p=1$c2FsdA$aGFzaA\n"
                              "audit_log = logs/staff.log\n";
    CHECK_INT(load_text(TMP("staff.conf"), set, sizeof set - 1, &cfg, &dl), 0);
    CHECK_STR(cfg.staff_pin_hash, "$argon2id$v=19$m=65536,t=2,p=1$c2FsdA$aGFzaA");
    CHECK_STR(cfg.staff_audit_log, TEST_TMP_DIR "/logs/staff.log");
    CHECK_STR(cfg.staff_export_dir, "/media/signpost"); /* the default: a mounted drive */
    CHECK(cfg.staff_export_must_be_drive);
    print_diags(&dl);
    diag_release(&dl);

    static const char drive[] = "[staff]\nexport_dir = usb\nexport_must_be_drive = no\n";
    CHECK_INT(load_text(TMP("staff-drive.conf"), drive, sizeof drive - 1, &cfg, &dl), 0);
    CHECK_STR(cfg.staff_export_dir, TEST_TMP_DIR "/usb");
    CHECK(!cfg.staff_export_must_be_drive);
    diag_release(&dl);
    static const char bad_drive[] = "[staff]\nexport_must_be_drive = sometimes\n";
    CHECK_INT(load_text(TMP("staff-bad-drive.conf"), bad_drive, sizeof bad_drive - 1, &cfg, &dl),
              -1);
    CHECK_CONTAINS(msg_at(&dl, 2), "export_must_be_drive must be true or false");
    diag_release(&dl);

    static const char plain[] = "[staff]\npin_hash = 2468\n";
    config_defaults(&cfg);
    CHECK_INT(load_text(TMP("staff-plain.conf"), plain, sizeof plain - 1, &cfg, &dl), -1);
    CHECK_CONTAINS(msg_at(&dl, 2), "never the PIN itself");
    CHECK_STR(cfg.staff_pin_hash, "");
    diag_release(&dl);
}

/* [paths] assets: the source tree's assets/ by default (also after a file that does
 * not set it), a relative path resolved against the file's folder, an absolute one
 * kept, and an empty one refused. */
/* [kiosk] languages and default_language: the language picker's list and the language
 * the kiosk comes back to (issue 10 part 1). */
static void test_languages(void)
{
    KioskConfig cfg;
    DiagList dl;
    config_defaults(&cfg);
    CHECK_INT(cfg.nlanguages, 1);
    CHECK_STR(cfg.languages[0], "en");
    CHECK_STR(cfg.default_language, "en");
    static const char set[] = "[kiosk]\nlanguages = en, cy,ur , so\ndefault_language = cy\n";
    CHECK_INT(load_text(TMP("langs.conf"), set, sizeof set - 1, &cfg, &dl), 0);
    CHECK_INT(cfg.nlanguages, 4);
    CHECK_STR(cfg.languages[2], "ur");
    CHECK_STR(cfg.languages[3], "so");
    CHECK_STR(cfg.default_language, "cy");
    CHECK_STR(config_language_name("ur"), "اردو");
    CHECK(config_language_name("xx") == NULL);
    print_diags(&dl);
    diag_release(&dl);

    static const char unknown[] = "[kiosk]\nlanguages = en, xx\n";
    CHECK_INT(load_text(TMP("langs-unknown.conf"), unknown, sizeof unknown - 1, &cfg, &dl), -1);
    CHECK_CONTAINS(msg_at(&dl, 2), "unknown language 'xx'");
    diag_release(&dl);

    static const char twice[] = "[kiosk]\nlanguages = en, cy, en\n";
    CHECK_INT(load_text(TMP("langs-twice.conf"), twice, sizeof twice - 1, &cfg, &dl), -1);
    CHECK_CONTAINS(msg_at(&dl, 2), "listed twice");
    diag_release(&dl);

    static const char empty[] = "[kiosk]\nlanguages = en,,cy\n";
    CHECK_INT(load_text(TMP("langs-empty.conf"), empty, sizeof empty - 1, &cfg, &dl), -1);
    CHECK_CONTAINS(msg_at(&dl, 2), "empty entry");
    diag_release(&dl);

    static const char absent[] = "[kiosk]\nlanguages = en, cy\ndefault_language = pl\n";
    CHECK_INT(load_text(TMP("langs-absent.conf"), absent, sizeof absent - 1, &cfg, &dl), -1);
    CHECK_CONTAINS(msg_at(&dl, 3), "default_language 'pl' is not one of the languages offered");
    diag_release(&dl);

    static const char bad_default[] = "[kiosk]\ndefault_language = klingon\n";
    CHECK_INT(load_text(TMP("langs-bad.conf"), bad_default, sizeof bad_default - 1, &cfg, &dl),
              -1);
    CHECK_CONTAINS(msg_at(&dl, 2), "default_language must be one of");
    diag_release(&dl);
}

static void test_assets_dir(void)
{
    KioskConfig cfg;
    DiagList dl;
    config_defaults(&cfg);
    diag_init(&dl);
    CHECK_INT(config_load(SOURCE_ROOT "/kiosk-config/kiosk.conf", &cfg, &dl), 0);
    CHECK_STR(cfg.assets_dir, SOURCE_ROOT "/assets");
    print_diags(&dl);
    diag_release(&dl);

    static const char rel[] = "[paths]\nassets = ../signpost-assets\n";
    CHECK_INT(load_text(TMP("assets-rel.conf"), rel, sizeof rel - 1, &cfg, &dl), 0);
    CHECK_STR(cfg.assets_dir, TEST_TMP_DIR "/../signpost-assets");
    print_diags(&dl);
    diag_release(&dl);

    static const char abs[] = "[paths]\nassets = \"/opt/signpost/my assets\"\n";
    CHECK_INT(load_text(TMP("assets-abs.conf"), abs, sizeof abs - 1, &cfg, &dl), 0);
    CHECK_STR(cfg.assets_dir, "/opt/signpost/my assets");
    print_diags(&dl);
    diag_release(&dl);

    static const char empty[] = "[paths]\nassets =\n";
    CHECK_INT(load_text(TMP("assets-empty.conf"), empty, sizeof empty - 1, &cfg, &dl), -1);
    CHECK_STR(msg_at(&dl, 2), "assets must be the path of a folder, not empty");
    CHECK_STR(cfg.assets_dir, SOURCE_ROOT "/assets");
    diag_release(&dl);

    static const char wrong[] = "[display]\nassets = a\n";
    CHECK_INT(load_text(TMP("assets-wrong.conf"), wrong, sizeof wrong - 1, &cfg, &dl), -1);
    CHECK_STR(msg_at(&dl, 2), "'assets' belongs under [paths], not [display]");
    diag_release(&dl);
}

static void test_missing_file(void)
{
    KioskConfig cfg;
    DiagList dl;
    config_defaults(&cfg);
    diag_init(&dl);
    CHECK_INT(config_load(DATA("nope.conf"), &cfg, &dl), -1);
    CHECK_INT(dl.len, 1);
    if (dl.len == 1) {
        CHECK_STR(dl.items[0].file, DATA("nope.conf"));
        CHECK_INT(dl.items[0].line, 0);
        CHECK_STR(dl.items[0].message, "the config file does not exist");
    }
    CHECK_INT(cfg.width, 1920);
    print_diags(&dl);
    diag_release(&dl);
}

static void test_values(void)
{
    static const char text[] =
        "[display]\n"
        "fullscreen = OFF\n"          /* 2 */
        "kiosk_mode = 0\n"            /* 3 */
        "size = 1280X720\n"           /* 4 */
        "pixels_per_mm = 3.6\n"       /* 5 */
        "[theme]\n"
        "high_contrast = Yes\n"       /* 7 */
        "text_scale = 0.75\n"         /* 8 */
        "[timeouts]\n"
        "idle_seconds = 3600 ; an hour\n" /* 10: inline comment */
        "still_there_seconds = 300\n" /* 11 */
        "[log]\n"
        "level = Warning\n"           /* 13 */
        "[kiosk]\n"
        "location : kiosk_2.b\n";     /* 15: ':' works as '=' too */
    KioskConfig cfg;
    DiagList dl;
    CHECK_INT(load_text(TMP("values.conf"), text, sizeof text - 1, &cfg, &dl), 0);
    CHECK(!cfg.fullscreen && !cfg.kiosk_mode && cfg.high_contrast);
    CHECK_INT(cfg.width, 1280);
    CHECK_INT(cfg.height, 720);
    CHECK(cfg.pixels_per_mm == 3.6);
    CHECK(cfg.text_scale == 0.75);
    CHECK_INT(cfg.idle_timeout_s, 3600);
    CHECK_INT(cfg.idle_warning_s, 300);
    CHECK_INT(cfg.log_level, LOG_WARN);
    CHECK_STR(cfg.kiosk_id, "kiosk_2.b");
    print_diags(&dl);
    diag_release(&dl);

    static const char bad[] =
        "[theme]\n"
        "text_scale = 0.7\n"          /* 2 */
        "[display]\n"
        "width = 100\n"               /* 4 */
        "height = 1080px\n"           /* 5 */
        "[timeouts]\n"
        "idle_seconds = -5\n"         /* 7 */
        "still_there_seconds = 4\n"   /* 8 */
        "[kiosk]\n"
        "location = main entrance\n"  /* 10 */
        "[theme]\n"
        "text_scale = 2.01\n"         /* 12: also a repeat */
        "[paths]\n"
        "content =\n"                 /* 14 */
        "[display]\n"
        "pixels_per_mm = 4,0\n";      /* 16: a decimal point, not a comma */
    CHECK_INT(load_text(TMP("bad.conf"), bad, sizeof bad - 1, &cfg, &dl), -1);
    CHECK_CONTAINS(msg_at(&dl, 2), "text_scale must be a number from 0.75 to 2.0");
    CHECK_CONTAINS(msg_at(&dl, 4), "width must be a whole number of pixels from 320 to 7680, "
                                   "not '100'");
    CHECK_CONTAINS(msg_at(&dl, 5), "not '1080px'");
    CHECK_CONTAINS(msg_at(&dl, 7), "not '-5'");
    CHECK_CONTAINS(msg_at(&dl, 8), "still_there_seconds must be a whole number of seconds "
                                   "from 5 to 300");
    CHECK_CONTAINS(msg_at(&dl, 10), "location must be a kiosk id");
    CHECK_CONTAINS(msg_at(&dl, 12), "'text_scale' is already set on line 2");
    CHECK_CONTAINS(msg_at(&dl, 14), "content must be the path of a file, not empty");
    CHECK_CONTAINS(msg_at(&dl, 16), "pixels_per_mm must be a number from 1.0 to 40.0");
    CHECK_INT(dl.len, 9);
    CHECK_INT(cfg.width, 1920);
    CHECK(cfg.text_scale == 1.0);
    CHECK_STR(cfg.content_store, TEST_TMP_DIR "/../build/content.db");
    print_diags(&dl);
    diag_release(&dl);
}

static void test_cross_checks(void)
{
    static const char text[] =
        "[timeouts]\n"
        "idle_seconds = 20\n"
        "still_there_seconds = 20\n"
        "[display]\n"
        "width = 1024\n"
        "size = 800x600\n";
    KioskConfig cfg;
    DiagList dl;
    CHECK_INT(load_text(TMP("cross.conf"), text, sizeof text - 1, &cfg, &dl), -1);
    CHECK_INT(dl.len, 2);
    CHECK_STR(msg_at(&dl, 3), "still_there_seconds (20) must be less than idle_seconds (20)");
    CHECK_STR(msg_at(&dl, 6), "size repeats width and height (line 5); give one or the other");
    print_diags(&dl);
    diag_release(&dl);

    static const char outside[] = "width = 800\nflavour = mint\n[display]\n";
    CHECK_INT(load_text(TMP("outside.conf"), outside, sizeof outside - 1, &cfg, &dl), -1);
    CHECK_STR(msg_at(&dl, 1), "'width' must come after a section heading: put it under "
                              "[display]");
    CHECK_STR(msg_at(&dl, 2), "unknown key 'flavour' before any section heading");
    print_diags(&dl);
    diag_release(&dl);

    static const char wrong_section[] = "[theme]\nlevel = debug\n[dispaly]\n";
    CHECK_INT(load_text(TMP("wrong.conf"), wrong_section, sizeof wrong_section - 1, &cfg, &dl),
              -1);
    CHECK_STR(msg_at(&dl, 2), "'level' belongs under [log], not [theme]");
    CHECK_CONTAINS(msg_at(&dl, 3), "unknown section [dispaly]"); /* empty, still reported */
    print_diags(&dl);
    diag_release(&dl);
}

static void test_awkward_bytes(void)
{
    KioskConfig cfg;
    DiagList dl;
    /* A byte-order mark, Windows line ends, and no newline at the end. */
    static const char crlf[] = "\xEF\xBB\xBF[display]\r\nwidth = 1024\r\n\r\nheight = 768";
    CHECK_INT(load_text(TMP("crlf.conf"), crlf, sizeof crlf - 1, &cfg, &dl), 0);
    CHECK_INT(cfg.width, 1024);
    CHECK_INT(cfg.height, 768);
    print_diags(&dl);
    diag_release(&dl);

    /* A line too long for inih is reported once, and later line numbers stay right. */
    char text[1200];
    int n = snprintf(text, sizeof text, "[paths]\ncontent = /");
    for (int i = 0; i < 300; i++)
        text[n++] = 'a';
    n += snprintf(text + n, sizeof text - (size_t)n, "\n[display]\nwidth = wide\n");
    CHECK_INT(load_text(TMP("long.conf"), text, (size_t)n, &cfg, &dl), -1);
    CHECK_INT(dl.len, 2);
    CHECK_CONTAINS(msg_at(&dl, 2), "this line is too long");
    CHECK_CONTAINS(msg_at(&dl, 4), "width must be");
    CHECK_STR(cfg.content_store, TEST_TMP_DIR "/../build/content.db");
    print_diags(&dl);
    diag_release(&dl);

    /* A NUL byte (a binary file given by mistake). */
    static const char nul[] = "[display]\nwidth = 10\0 24\n";
    CHECK_INT(load_text(TMP("nul.conf"), nul, sizeof nul - 1, &cfg, &dl), -1);
    CHECK_CONTAINS(msg_at(&dl, 2), "NUL byte");
    print_diags(&dl);
    diag_release(&dl);

    /* An empty file is a working config: all defaults. */
    CHECK_INT(load_text(TMP("empty.conf"), "", 0, &cfg, &dl), 0);
    CHECK_INT(cfg.idle_timeout_s, 90);
    print_diags(&dl);
    diag_release(&dl);
}

static void test_parse_size(void)
{
    int w = 0, h = 0;
    CHECK_INT(config_parse_size("1920x1080", &w, &h), 0);
    CHECK_INT(w, 1920);
    CHECK_INT(h, 1080);
    CHECK_INT(config_parse_size("800X600", &w, &h), 0);
    CHECK_INT(w, 800);
    CHECK_INT(config_parse_size("320x240", &w, &h), 0);
    CHECK_INT(config_parse_size("7680x4320", &w, &h), 0);
    CHECK_INT(config_parse_size("7681x4320", &w, &h), -1);
    CHECK_INT(config_parse_size("1920x", &w, &h), -1);
    CHECK_INT(config_parse_size("x1080", &w, &h), -1);
    CHECK_INT(config_parse_size("1920*1080", &w, &h), -1);
    CHECK_INT(config_parse_size("1920 x 1080", &w, &h), -1);
    CHECK_INT(config_parse_size("99999999999x1080", &w, &h), -1);
    CHECK_INT(config_parse_size("", &w, &h), -1);
    CHECK_INT(config_parse_size(NULL, &w, &h), -1);
    CHECK_INT(w, 7680); /* failures leave the outputs alone */
}

int main(void)
{
    TEST_RUN(test_defaults);
    TEST_RUN(test_sample_config);
    TEST_RUN(test_example_configs);
    TEST_RUN(test_unknown_key);
    TEST_RUN(test_bad_value);
    TEST_RUN(test_several_problems);
    TEST_RUN(test_syntax_errors);
    TEST_RUN(test_relative_paths);
    TEST_RUN(test_content_public_key);
    TEST_RUN(test_staff_settings);
    TEST_RUN(test_languages);
    TEST_RUN(test_assets_dir);
    TEST_RUN(test_missing_file);
    TEST_RUN(test_values);
    TEST_RUN(test_cross_checks);
    TEST_RUN(test_awkward_bytes);
    TEST_RUN(test_parse_size);
    return TEST_REPORT();
}
