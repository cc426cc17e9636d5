/* speech_check.c: proves what a headless kiosk read aloud (--speech-log, --speech-wav)
 * is what a person should hear, and nothing they should not.
 * usage: speech_check SPEECH.log SPEECH.wav EXPECT_FILE
 *
 * The WAV must be a RIFF/WAVE file of 16-bit mono PCM whose sizes agree with the file,
 * with at least MIN_SECONDS of sound that is not silence (its RMS and peak above a
 * floor). Then EXPECT_FILE is read a line at a time (# starts a comment):
 *   say LANG VOLUME RATE WORDS   the next log line, after the one the last `say`
 *                                matched, in language LANG at VOLUME and RATE (either
 *                                may be *) whose words contain WORDS: utterances in order
 *   never WORDS                  no log line contains WORDS, nor do the WAV file's bytes
 *                                (case-insensitive): what must never be heard
 *   never-line WORDS             no log line is exactly WORDS (a letter spelled alone)
 *   said-times N WORDS           exactly N log lines contain WORDS
 *   reference DUMP.json          the reference on the concern form's sent screen (the
 *                                element concern-reference in the harness dump) is
 *                                said in the line the last `say` matched or after it,
 *                                spelled out character by character
 * Exit status 0 when everything holds, 1 naming each thing that does not, 2 on bad use. */
#include <ctype.h>
#include <jansson.h>
#include <math.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

enum { LINES_MAX = 4096, MIN_SECONDS = 1 };

typedef struct LogLine {
    char lang[24];
    char volume[8], rate[8];
    char *words;
} LogLine;

static LogLine lines[LINES_MAX];
static int nlines, failures;

static void fail(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static void fail(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    fprintf(stderr, "speech_check: ");
    vfprintf(stderr, fmt, ap);
    fputc('\n', stderr);
    va_end(ap);
    failures++;
}

static char *read_all(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    size_t cap = 1 << 16, n = 0;
    char *buf = malloc(cap + 1);
    size_t got;
    while (buf && (got = fread(buf + n, 1, cap - n, f)) > 0) {
        n += got;
        if (n == cap) {
            char *more = realloc(buf, cap * 2 + 1);
            if (!more) {
                free(buf);
                buf = NULL;
                break;
            }
            buf = more;
            cap *= 2;
        }
    }
    fclose(f);
    if (buf)
        buf[n] = '\0';
    *len = n;
    return buf;
}

/* Splits the log into lines of four tab-separated fields. */
static int load_log(const char *path)
{
    size_t len;
    char *text = read_all(path, &len);
    if (!text) {
        fprintf(stderr, "speech_check: cannot read the speech log %s\n", path);
        return -1;
    }
    for (char *line = strtok(text, "\n"); line && nlines < LINES_MAX; line = strtok(NULL, "\n")) {
        char *f[4] = {line, NULL, NULL, NULL};
        for (int i = 1; i < 4; i++) {
            char *tab = f[i - 1] ? strchr(f[i - 1], '\t') : NULL;
            if (tab) {
                *tab = '\0';
                f[i] = tab + 1;
            }
        }
        if (!f[3]) {
            fail("a speech log line without four fields: '%s'", line);
            continue;
        }
        LogLine *l = &lines[nlines++];
        snprintf(l->lang, sizeof l->lang, "%s", f[0]);
        snprintf(l->volume, sizeof l->volume, "%s", f[1]);
        snprintf(l->rate, sizeof l->rate, "%s", f[2]);
        l->words = f[3];
    }
    return 0; /* text stays allocated: the lines point into it */
}

static uint32_t le32(const unsigned char *p)
{
    return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}

static uint16_t le16(const unsigned char *p)
{
    return (uint16_t)(p[0] | p[1] << 8);
}

static char *wav_bytes;
static size_t wav_len;

static void check_wav(const char *path)
{
    wav_bytes = read_all(path, &wav_len);
    if (!wav_bytes) {
        fail("cannot read the WAV file %s", path);
        return;
    }
    const unsigned char *h = (const unsigned char *)wav_bytes;
    if (wav_len < 44 || memcmp(h, "RIFF", 4) != 0 || memcmp(h + 8, "WAVEfmt ", 8) != 0 ||
        memcmp(h + 36, "data", 4) != 0) {
        fail("%s is not a RIFF/WAVE file with fmt and data chunks", path);
        return;
    }
    uint32_t riff = le32(h + 4), fmt_size = le32(h + 16), data = le32(h + 40);
    uint16_t format = le16(h + 20), channels = le16(h + 22), bits = le16(h + 34);
    uint32_t rate = le32(h + 24), byte_rate = le32(h + 28);
    if (fmt_size != 16 || format != 1 || channels != 1 || bits != 16 || rate < 8000 ||
        byte_rate != rate * 2 || le16(h + 32) != 2)
        fail("%s is not 16-bit mono PCM", path);
    if (data != wav_len - 44 || riff != wav_len - 8)
        fail("%s: the header's sizes do not match the file (unfinished?)", path);
    size_t n = (wav_len - 44) / 2;
    double sum = 0;
    int peak = 0;
    for (size_t i = 0; i < n; i++) {
        int v = (int16_t)le16(h + 44 + 2 * i);
        sum += (double)v * v;
        if (abs(v) > peak)
            peak = abs(v);
    }
    double seconds = rate ? (double)n / rate : 0, rms = n ? sqrt(sum / (double)n) : 0;
    printf("speech_check: %s: %.1f s at %u Hz, RMS %.0f, peak %d\n", path, seconds,
           (unsigned)rate, rms, peak);
    if (seconds < MIN_SECONDS)
        fail("%s holds less than a second of sound", path);
    if (rms < 200 || peak < 4000)
        fail("%s is silent or nearly (no speech in it)", path);
}

static bool field_ok(const char *want, const char *have)
{
    return strcmp(want, "*") == 0 || strcmp(want, have) == 0;
}

/* Finds the next line from *cursor matching; moves the cursor past it. */
static bool find_next(int *cursor, const char *lang, const char *vol, const char *rate,
                      const char *words)
{
    for (int i = *cursor; i < nlines; i++) {
        const LogLine *l = &lines[i];
        if (field_ok(lang, l->lang) && field_ok(vol, l->volume) && field_ok(rate, l->rate) &&
            strstr(l->words, words)) {
            *cursor = i + 1;
            return true;
        }
    }
    return false;
}

static bool contains_nocase(const char *hay, size_t len, const char *needle)
{
    size_t n = strlen(needle);
    for (size_t i = 0; n && i + n <= len; i++)
        if (strncasecmp(hay + i, needle, n) == 0)
            return true;
    return false;
}

static char *reference_from_dump(const char *path)
{
    json_error_t jerr;
    json_t *root = json_load_file(path, 0, &jerr);
    if (!root) {
        fprintf(stderr, "speech_check: %s:%d: %s\n", path, jerr.line, jerr.text);
        return NULL;
    }
    char *out = NULL;
    json_t *e;
    size_t i;
    json_array_foreach(json_object_get(root, "elements"), i, e)
    {
        const char *id = json_string_value(json_object_get(e, "id"));
        if (id && strcmp(id, "concern-reference") == 0) {
            out = strdup(json_string_value(json_object_get(e, "label")));
            break;
        }
    }
    json_decref(root);
    return out;
}

int main(int argc, char **argv)
{
    if (argc != 4) {
        fprintf(stderr, "usage: speech_check SPEECH.log SPEECH.wav EXPECT_FILE\n");
        return 2;
    }
    if (load_log(argv[1]) != 0)
        return 1;
    check_wav(argv[2]);
    FILE *f = fopen(argv[3], "r");
    if (!f) {
        fprintf(stderr, "speech_check: cannot read %s\n", argv[3]);
        return 2;
    }
    char buf[1024];
    int cursor = 0, lineno = 0;
    while (fgets(buf, sizeof buf, f)) {
        lineno++;
        buf[strcspn(buf, "\r\n")] = '\0';
        char *p = buf;
        while (isspace((unsigned char)*p))
            p++;
        if (!*p || *p == '#')
            continue;
        char verb[16], lang[24], vol[8], rate[8];
        int used = 0;
        if (sscanf(p, "say %23s %7s %7s %n", lang, vol, rate, &used) == 3 && used) {
            if (!find_next(&cursor, lang, vol, rate, p + used))
                fail("not said in order: %s", p);
        } else if (sscanf(p, "%15s %n", verb, &used) == 1 && strcmp(verb, "never") == 0) {
            const char *words = p + used;
            for (int i = 0; i < nlines; i++)
                if (contains_nocase(lines[i].words, strlen(lines[i].words), words))
                    fail("said aloud, but must never be: '%s' in '%s'", words, lines[i].words);
            if (wav_bytes && contains_nocase(wav_bytes, wav_len, words))
                fail("the WAV file holds '%s'", words);
        } else if (strcmp(verb, "said-times") == 0) {
            int want = 0, skip = 0;
            if (sscanf(p + used, "%d %n", &want, &skip) != 1 || !skip) {
                fprintf(stderr, "speech_check: %s:%d: said-times N WORDS\n", argv[3], lineno);
                failures++;
                continue;
            }
            const char *words = p + used + skip;
            int n = 0;
            for (int i = 0; i < nlines; i++)
                n += strstr(lines[i].words, words) != NULL;
            if (n != want)
                fail("'%s' said %d times, expected %d", words, n, want);
        } else if (strcmp(verb, "never-line") == 0) {
            for (int i = 0; i < nlines; i++)
                if (strcmp(lines[i].words, p + used) == 0)
                    fail("said aloud on its own, but must never be: '%s'", p + used);
        } else if (strcmp(verb, "reference") == 0) {
            char *ref = reference_from_dump(p + used);
            if (!ref || !ref[0]) {
                fail("%s has no concern-reference", p + used);
            } else {
                char spelled[256];
                size_t o = 0;
                for (const char *c = ref; *c && o + 3 < sizeof spelled; c++) {
                    if (o)
                        spelled[o++] = ' ';
                    spelled[o++] = *c;
                }
                spelled[o] = '\0';
                /* It may be in the line the last `say` matched (the status words). */
                int from = cursor > 0 ? cursor - 1 : 0;
                if (find_next(&from, "*", "*", "*", spelled))
                    cursor = from;
                else
                    fail("the reference %s was not read aloud (as '%s')", ref, spelled);
            }
            free(ref);
        } else {
            fprintf(stderr, "speech_check: %s:%d: not an expectation: %s\n", argv[3], lineno, p);
            failures++;
        }
    }
    fclose(f);
    if (failures) {
        fprintf(stderr, "speech_check: %d problems (%d utterances in %s)\n", failures, nlines,
                argv[1]);
        return 1;
    }
    printf("speech_check: ok (%d utterances)\n", nlines);
    return 0;
}
