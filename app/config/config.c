/* config.c: reads the kiosk's INI configuration with inih (see config.h).
 * inih does the parsing; this file supplies the reader and the handler. The reader
 * hands inih one line at a time and counts lines, so every message carries the right
 * line number (inih's handler is not told it). The reader also recognises the lines
 * inih would reject or never pass on (a line that is not "key = value", a section
 * heading, including an empty or unknown one), since inih only returns the first such
 * line and we report them all. Its rules mirror inih's: comments start a line with ';'
 * or '#', or follow whitespace with ';'; an indented line continues the value above. */
#include "config.h"

#include "log.h"
#include "mem.h"

#include <ini.h>

#include <ctype.h>
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

/* ==== the settings ==== */

static const char default_content[] = "../build/content.db";
static const char default_font_regular[] = "/usr/share/fonts/truetype/noto/NotoSans-Regular.ttf";
static const char default_font_bold[] = "/usr/share/fonts/truetype/noto/NotoSans-Bold.ttf";
static const char default_font_arabic[] =
    "/usr/share/fonts/truetype/noto/NotoNaskhArabic-Regular.ttf";
static const char default_font_urdu[] =
    "/usr/share/fonts/truetype/noto/NotoNastaliqUrdu-Regular.ttf";
static const char default_font_bengali[] =
    "/usr/share/fonts/truetype/noto/NotoSansBengali-Regular.ttf";
static const char default_font_gurmukhi[] =
    "/usr/share/fonts/truetype/noto/NotoSansGurmukhi-Regular.ttf";
static const char default_outbox[] = "../build/outbox.db";
static const char default_audit_log[] = "../build/staff-audit.log";
static const char default_public_key[] = "demo-keys/pals-public.key";
#ifndef SIGNPOST_ASSETS_DIR
#error "SIGNPOST_ASSETS_DIR (the source tree's assets/ folder) is set by app/config/CMakeLists.txt"
#endif
static const char default_assets[] = SIGNPOST_ASSETS_DIR;

enum {
    WIDTH_MIN = 320, WIDTH_MAX = 7680, HEIGHT_MIN = 240, HEIGHT_MAX = 4320,
    IDLE_MIN = 15, IDLE_MAX = 3600, WARNING_MIN = 5, WARNING_MAX = 300,
};

typedef enum KeyId {
    KEY_LOCATION, KEY_LANGUAGES, KEY_DEFAULT_LANGUAGE,
    KEY_FULLSCREEN, KEY_WIDTH, KEY_HEIGHT, KEY_SIZE, KEY_KIOSK_MODE, KEY_PIXELS_PER_MM,
    KEY_IDLE, KEY_STILL_THERE,
    KEY_CONTENT, KEY_FONT_REGULAR, KEY_FONT_BOLD, KEY_FONT_ARABIC, KEY_FONT_URDU,
    KEY_FONT_BENGALI, KEY_FONT_GURMUKHI, KEY_CONTENT_PUBLIC_KEY, KEY_ASSETS,
    KEY_OUTBOX, KEY_PUBLIC_KEY,
    KEY_TEXT_SCALE, KEY_HIGH_CONTRAST,
    KEY_LOG_LEVEL,
    KEY_STAFF_PIN_HASH, KEY_STAFF_AUDIT_LOG, KEY_STAFF_EXPORT_DIR, KEY_STAFF_EXPORT_MOUNT,
    KEY_COUNT
} KeyId;

typedef struct KeySpec {
    const char *section, *name;
} KeySpec;

static const KeySpec key_specs[KEY_COUNT] = {
    [KEY_LOCATION] = {"kiosk", "location"},
    [KEY_LANGUAGES] = {"kiosk", "languages"},
    [KEY_DEFAULT_LANGUAGE] = {"kiosk", "default_language"},
    [KEY_FULLSCREEN] = {"display", "fullscreen"},
    [KEY_WIDTH] = {"display", "width"},
    [KEY_HEIGHT] = {"display", "height"},
    [KEY_SIZE] = {"display", "size"},
    [KEY_KIOSK_MODE] = {"display", "kiosk_mode"},
    [KEY_PIXELS_PER_MM] = {"display", "pixels_per_mm"},
    [KEY_IDLE] = {"timeouts", "idle_seconds"},
    [KEY_STILL_THERE] = {"timeouts", "still_there_seconds"},
    [KEY_CONTENT] = {"paths", "content"},
    [KEY_FONT_REGULAR] = {"paths", "font_regular"},
    [KEY_FONT_BOLD] = {"paths", "font_bold"},
    [KEY_FONT_ARABIC] = {"paths", "font_arabic"},
    [KEY_FONT_URDU] = {"paths", "font_urdu"},
    [KEY_FONT_BENGALI] = {"paths", "font_bengali"},
    [KEY_FONT_GURMUKHI] = {"paths", "font_gurmukhi"},
    [KEY_CONTENT_PUBLIC_KEY] = {"paths", "content_public_key"},
    [KEY_ASSETS] = {"paths", "assets"},
    [KEY_OUTBOX] = {"concerns", "outbox"},
    [KEY_PUBLIC_KEY] = {"concerns", "public_key"},
    [KEY_TEXT_SCALE] = {"theme", "text_scale"},
    [KEY_HIGH_CONTRAST] = {"theme", "high_contrast"},
    [KEY_LOG_LEVEL] = {"log", "level"},
    [KEY_STAFF_PIN_HASH] = {"staff", "pin_hash"},
    [KEY_STAFF_AUDIT_LOG] = {"staff", "audit_log"},
    [KEY_STAFF_EXPORT_DIR] = {"staff", "export_dir"},
    [KEY_STAFF_EXPORT_MOUNT] = {"staff", "export_must_be_drive"},
};

static const char *const section_names[] = {"kiosk", "display", "timeouts", "paths",
                                            "concerns", "theme", "log", "staff"};
enum { SECTION_COUNT = sizeof section_names / sizeof section_names[0] };

/* The languages with interface catalogues, each named in its own language and script. */
static const struct {
    const char *code, *name;
} known_languages[] = {
    {"en", "English"},     {"cy", "Cymraeg"},         {"pl", "Polski"},
    {"ur", "اردو"},        {"ar", "العربية"},         {"bn", "বাংলা"},
    {"pa", "ਪੰਜਾਬੀ"},      {"ro", "Română"},          {"so", "Soomaali"},
};
enum { KNOWN_LANGUAGES = sizeof known_languages / sizeof known_languages[0] };

const char *config_language_code(int i)
{
    return i >= 0 && i < KNOWN_LANGUAGES ? known_languages[i].code : NULL;
}

const char *config_language_name(const char *code)
{
    for (int i = 0; i < KNOWN_LANGUAGES; i++)
        if (strcmp(known_languages[i].code, code) == 0)
            return known_languages[i].name;
    return NULL;
}

static void known_list(char *out, size_t cap)
{
    size_t o = 0;
    out[0] = '\0';
    for (int i = 0; i < KNOWN_LANGUAGES && o + 8 < cap; i++)
        o += (size_t)snprintf(out + o, cap - o, "%s%s", i ? ", " : "", known_languages[i].code);
}

void config_defaults(KioskConfig *cfg)
{
    memset(cfg, 0, sizeof *cfg);
    cfg->kiosk_id[0] = '\0';
    snprintf(cfg->languages[0], CONFIG_LANG_LEN, "en");
    cfg->nlanguages = 1;
    snprintf(cfg->default_language, CONFIG_LANG_LEN, "en");
    cfg->fullscreen = true;
    cfg->width = 1920;
    cfg->height = 1080;
    cfg->kiosk_mode = true;
    cfg->pixels_per_mm = 4.0;
    cfg->idle_timeout_s = 90;
    cfg->idle_warning_s = 20;
    snprintf(cfg->content_store, sizeof cfg->content_store, "%s", default_content);
    snprintf(cfg->font_regular, sizeof cfg->font_regular, "%s", default_font_regular);
    snprintf(cfg->font_bold, sizeof cfg->font_bold, "%s", default_font_bold);
    snprintf(cfg->font_arabic, sizeof cfg->font_arabic, "%s", default_font_arabic);
    snprintf(cfg->font_urdu, sizeof cfg->font_urdu, "%s", default_font_urdu);
    snprintf(cfg->font_bengali, sizeof cfg->font_bengali, "%s", default_font_bengali);
    snprintf(cfg->font_gurmukhi, sizeof cfg->font_gurmukhi, "%s", default_font_gurmukhi);
    snprintf(cfg->outbox, sizeof cfg->outbox, "%s", default_outbox);
    snprintf(cfg->pals_public_key, sizeof cfg->pals_public_key, "%s", default_public_key);
    snprintf(cfg->assets_dir, sizeof cfg->assets_dir, "%s", default_assets);
    snprintf(cfg->staff_audit_log, sizeof cfg->staff_audit_log, "%s", default_audit_log);
    snprintf(cfg->staff_export_dir, sizeof cfg->staff_export_dir, "%s", "/media/signpost");
    cfg->staff_export_must_be_drive = true;
    cfg->text_scale = 1.0;
    cfg->high_contrast = false;
    cfg->log_level = LOG_INFO;
}

/* ==== value parsers (each returns 0, or -1 leaving *out alone) ==== */

static bool same_word(const char *a, const char *b)
{
    for (; *a && *b; a++, b++)
        if (tolower((unsigned char)*a) != tolower((unsigned char)*b))
            return false;
    return *a == *b;
}

static int parse_bool(const char *s, bool *out)
{
    static const char *const yes[] = {"true", "yes", "on", "1"};
    static const char *const no[] = {"false", "no", "off", "0"};
    for (size_t i = 0; i < 4; i++) {
        if (same_word(s, yes[i])) {
            *out = true;
            return 0;
        }
        if (same_word(s, no[i])) {
            *out = false;
            return 0;
        }
    }
    return -1;
}

/* A whole number written with digits only, from lo to hi. */
static int parse_int(const char *s, int lo, int hi, int *out)
{
    long v = 0;
    size_t n = 0;
    for (; s[n]; n++) {
        if (s[n] < '0' || s[n] > '9' || n >= 9)
            return -1;
        v = v * 10 + (s[n] - '0');
    }
    if (n == 0 || v < lo || v > hi)
        return -1;
    *out = (int)v;
    return 0;
}

/* A decimal such as "1", "1.25" or ".75", from lo to hi. Parsed by hand so the
 * locale's decimal separator never matters. */
static int parse_decimal(const char *s, double lo, double hi, double *out)
{
    /* Digits are gathered as one integer and divided once, so "0.75" is exactly the
     * double nearest 0.75 and compares equal to the bound. */
    long long mantissa = 0, divisor = 1;
    size_t digits = 0;
    const char *p = s;
    for (; *p >= '0' && *p <= '9' && digits < 12; p++, digits++)
        mantissa = mantissa * 10 + (*p - '0');
    if (*p == '.')
        for (p++; *p >= '0' && *p <= '9' && digits < 12; p++, digits++) {
            mantissa = mantissa * 10 + (*p - '0');
            divisor *= 10;
        }
    double v = (double)mantissa / (double)divisor;
    if (*p || digits == 0 || v < lo || v > hi)
        return -1;
    *out = v;
    return 0;
}

int config_parse_size(const char *s, int *w, int *h)
{
    if (!s)
        return -1;
    const char *x = s;
    while (*x && *x != 'x' && *x != 'X')
        x++;
    if (!*x || x == s || (size_t)(x - s) > 9)
        return -1;
    char wbuf[10];
    memcpy(wbuf, s, (size_t)(x - s));
    wbuf[x - s] = '\0';
    int ww, hh;
    if (parse_int(wbuf, WIDTH_MIN, WIDTH_MAX, &ww) != 0 ||
        parse_int(x + 1, HEIGHT_MIN, HEIGHT_MAX, &hh) != 0)
        return -1;
    *w = ww;
    *h = hh;
    return 0;
}

static int parse_log_level(const char *s, int *out)
{
    if (same_word(s, "debug"))
        *out = LOG_DEBUG;
    else if (same_word(s, "info"))
        *out = LOG_INFO;
    else if (same_word(s, "warning") || same_word(s, "warn"))
        *out = LOG_WARN;
    else if (same_word(s, "error"))
        *out = LOG_ERROR;
    else
        return -1;
    return 0;
}

/* A kiosk id as kiosks.csv spells it: letters, digits, '-', '_' and '.'; "" = first. */
static int parse_id(const char *s, char *out, size_t cap)
{
    size_t n = strlen(s);
    if (n >= cap)
        return -1;
    for (size_t i = 0; i < n; i++)
        if (!isalnum((unsigned char)s[i]) && s[i] != '-' && s[i] != '_' && s[i] != '.')
            return -1;
    memcpy(out, s, n + 1);
    return 0;
}

/* ==== parsing state ==== */

enum { LINE_MAX_BYTES = 4096 };

typedef struct Parse {
    const char *path;       /* as given, for messages */
    FILE *f;
    DiagList *diags;
    KioskConfig *cfg;
    char dir[CONFIG_PATH_MAX]; /* directory holding the file; "" = current directory */
    int line;               /* number of the line inih is working on */
    bool after_key;         /* inih has a previous key (an indented line continues it) */
    bool continuation;      /* the current line is such a continuation */
    int key_line[KEY_COUNT]; /* where each key was given in this file, 0 = not given */
    bool applied[KEY_COUNT]; /* given with a good value, now in cfg */
    char buf[LINE_MAX_BYTES];
} Parse;

static void problem(Parse *p, const char *fmt, ...) SP_PRINTF(2, 3);
static void problem(Parse *p, const char *fmt, ...)
{
    char msg[768];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    diag_add(p->diags, DIAG_ERROR, p->path, p->line, 0, "%s", msg);
}

static bool section_known(const char *name)
{
    for (size_t i = 0; i < SECTION_COUNT; i++)
        if (same_word(name, section_names[i]))
            return true;
    return false;
}

/* Lists a section's keys into out: "fullscreen, width, height, size and kiosk_mode". */
static void list_keys(const char *section, char *out, size_t cap)
{
    size_t total = 0, seen = 0, o = 0;
    for (int k = 0; k < KEY_COUNT; k++)
        total += same_word(key_specs[k].section, section);
    out[0] = '\0';
    for (int k = 0; k < KEY_COUNT && o < cap; k++) {
        if (!same_word(key_specs[k].section, section))
            continue;
        const char *sep = seen == 0 ? "" : seen + 1 == total ? " and " : ", ";
        int n = snprintf(out + o, cap - o, "%s%s", sep, key_specs[k].name);
        if (n < 0)
            break;
        o += (size_t)n;
        seen++;
    }
}

static void list_sections(char *out, size_t cap)
{
    size_t o = 0;
    out[0] = '\0';
    for (size_t i = 0; i < SECTION_COUNT && o < cap; i++) {
        const char *sep = i == 0 ? "" : i + 1 == SECTION_COUNT ? " and " : ", ";
        int n = snprintf(out + o, cap - o, "%s[%s]", sep, section_names[i]);
        if (n < 0)
            break;
        o += (size_t)n;
    }
}

/* ==== the reader: one line per call, counted and pre-checked ==== */

/* inih's rule for where a value or heading ends: at one of `chars`, or at a ';' that
 * follows whitespace (an inline comment). */
static const char *find_chars_or_comment(const char *s, const char *chars)
{
    bool was_space = false;
    while (*s && !(chars && strchr(chars, *s)) && !(was_space && *s == ';')) {
        was_space = isspace((unsigned char)*s);
        s++;
    }
    return s;
}

/* Looks at a line the way inih will, and reports what inih would silently reject or
 * never pass to the handler. */
static void precheck_line(Parse *p, const char *line)
{
    const char *start = line;
    if (p->line == 1 && (unsigned char)start[0] == 0xEF && (unsigned char)start[1] == 0xBB &&
        (unsigned char)start[2] == 0xBF)
        start += 3;
    while (*start && isspace((unsigned char)*start))
        start++;
    p->continuation = false;
    if (*start == '\0' || *start == ';' || *start == '#')
        return;
    if (p->after_key && start > line) {
        p->continuation = true;
        return;
    }
    if (*start == '[') {
        const char *end = find_chars_or_comment(start + 1, "]");
        if (*end != ']') {
            problem(p, "a section heading needs a closing ']', as in [display]");
            return;
        }
        p->after_key = false;
        char name[64];
        size_t n = (size_t)(end - start - 1);
        snprintf(name, sizeof name, "%.*s", (int)(n < sizeof name ? n : sizeof name - 1),
                 start + 1);
        if (!section_known(name)) {
            char list[128];
            list_sections(list, sizeof list);
            problem(p, "unknown section [%s]; the sections are %s", name, list);
        }
        return;
    }
    const char *end = find_chars_or_comment(start, "=:");
    if (*end == '=' || *end == ':') {
        p->after_key = end > start; /* inih keeps no previous key for "= value" */
        return;
    }
    problem(p, "this line is not a setting: write 'key = value', a [section] heading, or "
               "start the line with # for a comment");
}

/* fgets-style reader for ini_parse_stream(). Always returns a whole line ending in
 * '\n'; a line too long for inih's buffer is reported and replaced by a blank line,
 * so inih never splits it and the line count stays true. */
static char *read_line(char *str, int num, void *stream)
{
    Parse *p = stream;
    size_t len = 0;
    bool too_long = false, nul = false;
    int c = EOF;
    while ((c = getc(p->f)) != EOF && c != '\n') {
        if (c == '\0')
            nul = true;
        if (len + 1 < sizeof p->buf)
            p->buf[len++] = (char)c;
        else
            too_long = true;
    }
    if (c == EOF && len == 0 && !too_long)
        return NULL;
    p->buf[len] = '\0';
    p->line++;
    size_t text = len;
    if (text > 0 && p->buf[text - 1] == '\r')
        text--;
    /* inih needs room for the text, "\r\n" and the NUL. */
    if (too_long || num < 3 || text > (size_t)num - 3) {
        problem(p, "this line is too long (the limit is %d characters)", num > 3 ? num - 3 : 0);
        p->continuation = false;
        snprintf(str, (size_t)num, "\n");
        return str;
    }
    if (nul) {
        problem(p, "this line contains a NUL byte; is this a text file?");
        p->continuation = false;
        snprintf(str, (size_t)num, "\n");
        return str;
    }
    precheck_line(p, p->buf);
    memcpy(str, p->buf, len);
    str[len] = '\n';
    str[len + 1] = '\0';
    return str;
}

/* ==== the handler: one call per key ==== */

/* Removes one pair of double quotes around a whole value, for paths with spaces
 * written the way a shell would want them. */
static void unquote(const char *value, char *out, size_t cap)
{
    size_t n = strlen(value);
    if (n >= 2 && value[0] == '"' && value[n - 1] == '"') {
        value++;
        n -= 2;
    }
    snprintf(out, cap, "%.*s", (int)(n < cap ? n : cap - 1), value);
}

/* Resolves a relative path against the config file's directory into out. */
static int resolve_path(const Parse *p, const char *value, char *out, size_t cap)
{
    int n;
    size_t dlen = strlen(p->dir);
    if (value[0] == '/' || dlen == 0)
        n = snprintf(out, cap, "%s", value);
    else if (p->dir[dlen - 1] == '/')
        n = snprintf(out, cap, "%s%s", p->dir, value);
    else
        n = snprintf(out, cap, "%s/%s", p->dir, value);
    return n < 0 || (size_t)n >= cap ? -1 : 0;
}

static int set_path(Parse *p, const char *key, const char *value, char *field)
{
    char plain[CONFIG_PATH_MAX], full[CONFIG_PATH_MAX];
    unquote(value, plain, sizeof plain);
    if (!plain[0]) {
        problem(p, "%s must be the path of a %s, not empty", key,
                same_word(key, "assets") ? "folder" : "file");
        return -1;
    }
    if (resolve_path(p, plain, full, sizeof full) != 0) {
        problem(p, "%s is too long (at most %d characters once joined to '%s')", key,
                CONFIG_PATH_MAX - 1, p->dir);
        return -1;
    }
    memcpy(field, full, strlen(full) + 1);
    return 0;
}

static int find_key(const char *section, const char *name)
{
    for (int k = 0; k < KEY_COUNT; k++)
        if (same_word(key_specs[k].section, section) && same_word(key_specs[k].name, name))
            return k;
    return -1;
}

static int find_key_anywhere(const char *name)
{
    for (int k = 0; k < KEY_COUNT; k++)
        if (same_word(key_specs[k].name, name))
            return k;
    return -1;
}

/* languages = a comma-separated list of known codes, each once. */
static int parse_languages(Parse *p, const char *v)
{
    KioskConfig *cfg = p->cfg;
    char langs[CONFIG_LANG_MAX][CONFIG_LANG_LEN];
    int n = 0;
    char list[128];
    known_list(list, sizeof list);
    for (const char *s = v; *s;) {
        while (*s == ' ' || *s == '\t')
            s++;
        size_t len = strcspn(s, ",");
        size_t end = len;
        while (end > 0 && (s[end - 1] == ' ' || s[end - 1] == '\t'))
            end--;
        char code[CONFIG_LANG_LEN];
        if (end == 0) {
            problem(p, "languages has an empty entry; write codes separated by commas, "
                       "such as en, cy, pl");
            return -1;
        }
        if (end < sizeof code)
            memcpy(code, s, end);
        code[end < sizeof code ? end : 0] = '\0';
        if (end >= sizeof code || !config_language_name(code)) {
            problem(p, "unknown language '%.*s' in languages; the kiosk has %s", (int)end, s,
                    list);
            return -1;
        }
        for (int i = 0; i < n; i++)
            if (strcmp(langs[i], code) == 0) {
                problem(p, "language '%s' is listed twice in languages", code);
                return -1;
            }
        if (n == CONFIG_LANG_MAX) {
            problem(p, "languages lists more than %d languages", CONFIG_LANG_MAX);
            return -1;
        }
        memcpy(langs[n++], code, sizeof code);
        s += len;
        if (*s == ',')
            s++;
    }
    if (n == 0) {
        problem(p, "languages must list at least one language, such as en");
        return -1;
    }
    memcpy(cfg->languages, langs, sizeof langs);
    cfg->nlanguages = n;
    return 0;
}

/* Parses v into cfg's field for key. Returns 0, or -1 after reporting the problem
 * (the field keeps its value). */
static int set_value(Parse *p, KeyId key, const char *name, const char *v)
{
    KioskConfig *cfg = p->cfg;
    int rc = -1;
    switch (key) {
    case KEY_LOCATION: {
        char plain[CONFIG_ID_MAX + 2];
        unquote(v, plain, sizeof plain);
        rc = strlen(v) > CONFIG_ID_MAX + 1 ? -1 : parse_id(plain, cfg->kiosk_id, CONFIG_ID_MAX);
        if (rc != 0)
            problem(p, "location must be a kiosk id from kiosks.csv (letters, digits, '-', '_' "
                       "and '.', at most %d characters), not '%s'", CONFIG_ID_MAX - 1, v);
        break;
    }
    case KEY_LANGUAGES:
        rc = parse_languages(p, v);
        break;
    case KEY_DEFAULT_LANGUAGE: {
        char plain[CONFIG_LANG_LEN + 2];
        unquote(v, plain, sizeof plain);
        const char *own = strlen(plain) < CONFIG_LANG_LEN ? config_language_name(plain) : NULL;
        if (own) {
            memcpy(cfg->default_language, plain, strlen(plain) + 1);
            rc = 0;
        } else {
            char list[128];
            known_list(list, sizeof list);
            problem(p, "default_language must be one of %s, not '%s'", list, v);
        }
        break;
    }
    case KEY_FULLSCREEN:
    case KEY_KIOSK_MODE:
    case KEY_STAFF_EXPORT_MOUNT:
    case KEY_HIGH_CONTRAST: {
        bool *field = key == KEY_FULLSCREEN           ? &cfg->fullscreen
                      : key == KEY_KIOSK_MODE         ? &cfg->kiosk_mode
                      : key == KEY_STAFF_EXPORT_MOUNT ? &cfg->staff_export_must_be_drive
                                                      : &cfg->high_contrast;
        rc = parse_bool(v, field);
        if (rc != 0)
            problem(p, "%s must be true or false (or yes/no, on/off, 1/0), not '%s'", name, v);
        break;
    }
    case KEY_WIDTH:
        rc = parse_int(v, WIDTH_MIN, WIDTH_MAX, &cfg->width);
        if (rc != 0)
            problem(p, "width must be a whole number of pixels from %d to %d, not '%s'",
                    WIDTH_MIN, WIDTH_MAX, v);
        break;
    case KEY_HEIGHT:
        rc = parse_int(v, HEIGHT_MIN, HEIGHT_MAX, &cfg->height);
        if (rc != 0)
            problem(p, "height must be a whole number of pixels from %d to %d, not '%s'",
                    HEIGHT_MIN, HEIGHT_MAX, v);
        break;
    case KEY_SIZE:
        rc = config_parse_size(v, &cfg->width, &cfg->height);
        if (rc != 0)
            problem(p, "size must be width x height in pixels, such as 1920x1080 (from %dx%d "
                       "to %dx%d), not '%s'", WIDTH_MIN, HEIGHT_MIN, WIDTH_MAX, HEIGHT_MAX, v);
        break;
    case KEY_PIXELS_PER_MM:
        rc = parse_decimal(v, 1.0, 40.0, &cfg->pixels_per_mm);
        if (rc != 0)
            problem(p, "pixels_per_mm must be a number from 1.0 to 40.0, such as 4.0 for a "
                       "21.5-inch 1920x1080 screen, not '%s'", v);
        break;
    case KEY_IDLE:
        rc = parse_int(v, IDLE_MIN, IDLE_MAX, &cfg->idle_timeout_s);
        if (rc != 0)
            problem(p, "idle_seconds must be a whole number of seconds from %d to %d, not '%s'",
                    IDLE_MIN, IDLE_MAX, v);
        break;
    case KEY_STILL_THERE:
        rc = parse_int(v, WARNING_MIN, WARNING_MAX, &cfg->idle_warning_s);
        if (rc != 0)
            problem(p, "still_there_seconds must be a whole number of seconds from %d to %d, "
                       "not '%s'", WARNING_MIN, WARNING_MAX, v);
        break;
    case KEY_CONTENT:
        rc = set_path(p, name, v, cfg->content_store);
        break;
    case KEY_FONT_REGULAR:
        rc = set_path(p, name, v, cfg->font_regular);
        break;
    case KEY_FONT_BOLD:
        rc = set_path(p, name, v, cfg->font_bold);
        break;
    case KEY_FONT_ARABIC:
        rc = set_path(p, name, v, cfg->font_arabic);
        break;
    case KEY_FONT_URDU:
        rc = set_path(p, name, v, cfg->font_urdu);
        break;
    case KEY_FONT_BENGALI:
        rc = set_path(p, name, v, cfg->font_bengali);
        break;
    case KEY_FONT_GURMUKHI:
        rc = set_path(p, name, v, cfg->font_gurmukhi);
        break;
    case KEY_CONTENT_PUBLIC_KEY:
        /* Empty means no signature is required. */
        if (!v[0] || strcmp(v, "\"\"") == 0) {
            cfg->content_public_key[0] = '\0';
            rc = 0;
        } else {
            rc = set_path(p, name, v, cfg->content_public_key);
        }
        break;
    case KEY_ASSETS:
        rc = set_path(p, name, v, cfg->assets_dir);
        break;
    case KEY_OUTBOX:
        rc = set_path(p, name, v, cfg->outbox);
        break;
    case KEY_PUBLIC_KEY:
        rc = set_path(p, name, v, cfg->pals_public_key);
        break;
    case KEY_TEXT_SCALE:
        rc = parse_decimal(v, 0.75, 2.0, &cfg->text_scale);
        if (rc != 0)
            problem(p, "text_scale must be a number from 0.75 to 2.0, such as 1.25, not '%s'", v);
        break;
    case KEY_LOG_LEVEL:
        rc = parse_log_level(v, &cfg->log_level);
        if (rc != 0)
            problem(p, "level must be debug, info, warning or error, not '%s'", v);
        break;
    case KEY_STAFF_PIN_HASH:
        /* Empty: staff mode cannot be entered. Otherwise the Argon2id string that
         * "signpostctl staff pin-hash" prints (checked fully when a PIN is tried). */
        if (!v[0]) {
            cfg->staff_pin_hash[0] = '\0';
            rc = 0;
        } else if (strncmp(v, "$argon2id$", 10) != 0 || strlen(v) >= sizeof cfg->staff_pin_hash ||
                   strpbrk(v, " \t")) {
            problem(p, "pin_hash must be the line 'signpostctl staff pin-hash' prints "
                       "(it starts with $argon2id$), never the PIN itself");
        } else {
            snprintf(cfg->staff_pin_hash, sizeof cfg->staff_pin_hash, "%s", v);
            rc = 0;
        }
        break;
    case KEY_STAFF_AUDIT_LOG:
        rc = set_path(p, name, v, cfg->staff_audit_log);
        break;
    case KEY_STAFF_EXPORT_DIR:
        rc = set_path(p, name, v, cfg->staff_export_dir);
        break;
    case KEY_COUNT:
        break;
    }
    return rc;
}

/* Always returns 1: problems go to the DiagList, so inih's own error result is left
 * to mean only the lines precheck_line() has already reported. */
static int on_key(void *user, const char *section, const char *name, const char *value)
{
    Parse *p = user;
    if (p->continuation) {
        problem(p, "this line starts with a space, so it reads as more of '%s' from the line "
                   "above; remove the space at the start", name);
        return 1;
    }
    if (!section[0]) {
        int k = find_key_anywhere(name);
        if (k >= 0)
            problem(p, "'%s' must come after a section heading: put it under [%s]", name,
                    key_specs[k].section);
        else
            problem(p, "unknown key '%s' before any section heading", name);
        return 1;
    }
    if (!section_known(section))
        return 1; /* the heading was reported */
    int k = find_key(section, name);
    if (k < 0) {
        char list[160];
        list_keys(section, list, sizeof list);
        int elsewhere = find_key_anywhere(name);
        if (elsewhere >= 0)
            problem(p, "'%s' belongs under [%s], not [%s]", name, key_specs[elsewhere].section,
                    section);
        else
            problem(p, "unknown key '%s' in [%s]; the keys there are %s", name, section, list);
        return 1;
    }
    if (p->key_line[k]) {
        problem(p, "'%s' is already set on line %d; keep only one", name, p->key_line[k]);
        return 1;
    }
    if (k == KEY_SIZE && (p->key_line[KEY_WIDTH] || p->key_line[KEY_HEIGHT])) {
        problem(p, "size repeats width and height (line %d); give one or the other",
                p->key_line[KEY_WIDTH] ? p->key_line[KEY_WIDTH] : p->key_line[KEY_HEIGHT]);
        return 1;
    }
    if ((k == KEY_WIDTH || k == KEY_HEIGHT) && p->key_line[KEY_SIZE]) {
        problem(p, "%s repeats size (line %d); give one or the other", name,
                p->key_line[KEY_SIZE]);
        return 1;
    }
    p->key_line[k] = p->line;
    p->applied[k] = set_value(p, (KeyId)k, key_specs[k].name, value) == 0;
    return 1;
}

/* ==== loading ==== */

int config_load(const char *path, KioskConfig *cfg, DiagList *diags)
{
    size_t errors_before = diags->nerrors;
    Parse *p = mem_zalloc(sizeof *p);
    if (!p) {
        diag_add(diags, DIAG_ERROR, path, 0, 0, "out of memory reading the config file");
        return -1;
    }
    p->path = path;
    p->diags = diags;
    p->cfg = cfg;
    /* Only a regular file: a named pipe or device here must not hang the kiosk's start. */
    struct stat sb;
    if (stat(path, &sb) == 0 && !S_ISREG(sb.st_mode)) {
        diag_add(diags, DIAG_ERROR, path, 0, 0, "cannot read the config file: it is not a "
                 "file (a folder, a named pipe or a device)");
        mem_free(p);
        return -1;
    }
    p->f = fopen(path, "r");
    if (!p->f) {
        if (errno == ENOENT)
            diag_add(diags, DIAG_ERROR, path, 0, 0, "the config file does not exist");
        else
            diag_add(diags, DIAG_ERROR, path, 0, 0, "cannot read the config file: %s",
                     strerror(errno));
        mem_free(p);
        return -1;
    }
    const char *slash = strrchr(path, '/');
    if (slash && (size_t)(slash - path) < sizeof p->dir)
        snprintf(p->dir, sizeof p->dir, "%.*s", slash == path ? 1 : (int)(slash - path), path);
    else if (slash)
        diag_add(diags, DIAG_ERROR, path, 0, 0, "the config file's folder name is too long");

    int rc = ini_parse_stream(read_line, p, on_key, p);
    if (ferror(p->f))
        diag_add(diags, DIAG_ERROR, path, 0, 0, "error reading the config file: %s",
                 strerror(errno));
    else if (rc > 0 && diags->nerrors == errors_before)
        diag_add(diags, DIAG_ERROR, path, rc, 0, "this line could not be read");
    fclose(p->f);

    /* Still-there countdown must end before the idle time, or it would never show. */
    if ((p->key_line[KEY_IDLE] || p->key_line[KEY_STILL_THERE]) &&
        cfg->idle_warning_s >= cfg->idle_timeout_s) {
        p->line = p->key_line[KEY_STILL_THERE] ? p->key_line[KEY_STILL_THERE]
                                               : p->key_line[KEY_IDLE];
        problem(p, "still_there_seconds (%d) must be less than idle_seconds (%d)",
                cfg->idle_warning_s, cfg->idle_timeout_s);
    }

    /* The default language must be one of those offered. */
    bool offered = false;
    for (int i = 0; i < cfg->nlanguages; i++)
        offered = offered || strcmp(cfg->languages[i], cfg->default_language) == 0;
    if (!offered) {
        p->line = p->key_line[KEY_DEFAULT_LANGUAGE] ? p->key_line[KEY_DEFAULT_LANGUAGE]
                                                    : p->key_line[KEY_LANGUAGES];
        problem(p, "default_language '%s' is not one of the languages offered (languages = "
                   "...); add it there or choose one of them", cfg->default_language);
    }

    /* Paths the file did not set (or set badly) but that are relative, as the compiled
     * default content path is, are taken as relative to this file too. */
    char *paths[] = {cfg->content_store, cfg->font_regular, cfg->font_bold, cfg->outbox,
                     cfg->pals_public_key, cfg->content_public_key, cfg->assets_dir,
                     cfg->staff_audit_log, cfg->staff_export_dir};
    KeyId path_keys[] = {KEY_CONTENT, KEY_FONT_REGULAR, KEY_FONT_BOLD, KEY_OUTBOX,
                         KEY_PUBLIC_KEY, KEY_CONTENT_PUBLIC_KEY, KEY_ASSETS,
                         KEY_STAFF_AUDIT_LOG, KEY_STAFF_EXPORT_DIR};
    for (size_t i = 0; i < sizeof paths / sizeof paths[0]; i++) {
        char full[CONFIG_PATH_MAX];
        if (p->applied[path_keys[i]] || paths[i][0] == '/' || !paths[i][0])
            continue;
        if (resolve_path(p, paths[i], full, sizeof full) == 0)
            memcpy(paths[i], full, strlen(full) + 1);
        else
            diag_add(diags, DIAG_ERROR, path, 0, 0, "%s is too long once joined to '%s'",
                     key_specs[path_keys[i]].name, p->dir);
    }
    mem_free(p);
    return diags->nerrors == errors_before ? 0 : -1;
}
