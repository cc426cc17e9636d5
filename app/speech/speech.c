/* speech.c: espeak-ng on a worker thread, the utterance queue, voices by language and
 * the speech log (see speech.h). espeak-ng runs in AUDIO_OUTPUT_SYNCHRONOUS mode and is
 * only ever called from the worker (after start-up), since it is not thread-safe; its
 * synth callback hands PCM to the sink in chunks of about 60 ms, and returns "abort"
 * as soon as a newer speech_say() or speech_stop() has moved the generation on. */
#include "speech.h"

#include "err.h"
#include "log.h"
#include "mem.h"

#include <ctype.h>
#include <espeak-ng/speak_lib.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

enum { VOICES_MAX = 320, LANG_MAX = 24, CHUNK_MS = 60 };

typedef struct Voice {
    char tail[LANG_MAX];  /* identifier after its family: "en" of "gmw/en" */
    char name[64];        /* what espeak_SetVoiceByName takes */
    char langs[128];      /* its languages, space separated, lower case */
} Voice;

typedef struct Utterance {
    char lang[LANG_MAX];
    char *text;           /* owned; wiped when dropped */
    size_t len;
    int volume, rate;
    unsigned long gen;
    double said_ms;       /* when speech_say took it */
} Utterance;

struct Speech {
    int rate_hz;
    Voice *voices;
    int nvoices;
    FILE *log;
    /* Queue and worker, under lock. */
    pthread_mutex_t lock;
    pthread_cond_t wake, idle;
    pthread_t worker;
    bool started, quit, busy;
    Utterance queue[SPEECH_QUEUE_MAX];
    int head, count;
    int volume, rate;
    atomic_ulong gen;     /* moves on at each interruption */
    /* Sink, under sink_lock (held while PCM is handed over). */
    pthread_mutex_t sink_lock;
    SpeechSink sink;
    bool have_sink;
    /* The utterance being synthesised (worker only, read by the callback). */
    unsigned long cur_gen;
    double cur_said_ms;
    bool cur_first;
    char cur_voice[64];
    SpeechStats stats;    /* under lock */
};

/* espeak-ng's callback has no user pointer of its own: one Speech at a time. */
static Speech *the_speech;

static double now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec * 1000.0 + (double)ts.tv_nsec / 1e6;
}

static void lower_copy(char *dst, size_t cap, const char *src)
{
    size_t i = 0;
    for (; src[i] && i + 1 < cap; i++)
        dst[i] = (char)tolower((unsigned char)src[i]);
    dst[i] = '\0';
}

/* ==== voices ==== */

static void load_voices(Speech *s)
{
    const espeak_VOICE **list = espeak_ListVoices(NULL);
    int n = 0;
    while (list && list[n])
        n++;
    if (n > VOICES_MAX)
        n = VOICES_MAX;
    s->voices = mem_zalloc_array(n ? (size_t)n : 1, sizeof *s->voices);
    if (!s->voices)
        return;
    for (int i = 0; i < n; i++) {
        const espeak_VOICE *v = list[i];
        Voice *dst = &s->voices[s->nvoices];
        if (!v->name || !v->identifier)
            continue;
        const char *slash = strrchr(v->identifier, '/');
        lower_copy(dst->tail, sizeof dst->tail, slash ? slash + 1 : v->identifier);
        snprintf(dst->name, sizeof dst->name, "%s", v->name);
        /* languages: a priority byte, a NUL-terminated name, ..., then a 0 byte. */
        const char *l = v->languages;
        size_t used = 0;
        while (l && *l) {
            const char *lang = l + 1;
            size_t len = strlen(lang);
            if (used + len + 2 < sizeof dst->langs) {
                if (used)
                    dst->langs[used++] = ' ';
                lower_copy(dst->langs + used, sizeof dst->langs - used, lang);
                used += len;
            }
            l = lang + len + 1;
        }
        s->nvoices++;
    }
}

static bool has_word(const char *list, const char *word)
{
    size_t n = strlen(word);
    for (const char *p = list; (p = strstr(p, word)) != NULL; p += n)
        if ((p == list || p[-1] == ' ') && (p[n] == '\0' || p[n] == ' '))
            return true;
    return false;
}

/* The voice for a language tag (exact voice first, then any voice listing the tag,
 * then the same for its primary subtag), or NULL. */
static const Voice *voice_for(const Speech *s, const char *lang)
{
    char tag[LANG_MAX];
    lower_copy(tag, sizeof tag, lang ? lang : "");
    for (int pass = 0; pass < 2 && tag[0]; pass++) {
        for (int i = 0; i < s->nvoices; i++)
            if (strcmp(s->voices[i].tail, tag) == 0)
                return &s->voices[i];
        for (int i = 0; i < s->nvoices; i++)
            if (has_word(s->voices[i].langs, tag))
                return &s->voices[i];
        char *dash = strchr(tag, '-');
        if (!dash)
            break;
        *dash = '\0';
    }
    return NULL;
}

bool speech_has_voice(const Speech *s, const char *lang)
{
    return s && voice_for(s, lang) != NULL;
}

/* ==== the worker ==== */

static int synth_callback(short *wav, int n, espeak_EVENT *events)
{
    (void)events;
    Speech *s = the_speech;
    if (!s || atomic_load(&s->gen) != s->cur_gen)
        return 1; /* interrupted: stop synthesising this one */
    if (!wav || n <= 0)
        return 0;
    pthread_mutex_lock(&s->sink_lock);
    if (s->have_sink && s->sink.pcm && atomic_load(&s->gen) == s->cur_gen)
        s->sink.pcm(s->sink.user, (const int16_t *)wav, (size_t)n);
    pthread_mutex_unlock(&s->sink_lock);
    pthread_mutex_lock(&s->lock);
    if (s->cur_first) {
        s->cur_first = false;
        double ms = now_ms() - s->cur_said_ms;
        s->stats.first_audio_ms_last = ms;
        if (ms > s->stats.first_audio_ms_max)
            s->stats.first_audio_ms_max = ms;
    }
    s->stats.samples += (unsigned long long)n;
    pthread_mutex_unlock(&s->lock);
    return 0;
}

static void drop(Utterance *u)
{
    if (u->text)
        mem_free_wiped(u->text, u->len + 1);
    memset(u, 0, sizeof *u);
}

static void synthesise(Speech *s, Utterance *u)
{
    const Voice *v = voice_for(s, u->lang);
    if (!v)
        return;
    if (strcmp(s->cur_voice, v->name) != 0) {
        if (espeak_SetVoiceByName(v->name) != EE_OK) {
            log_warn("speech: the espeak-ng voice '%s' could not be loaded", v->name);
            s->cur_voice[0] = '\0';
            return;
        }
        snprintf(s->cur_voice, sizeof s->cur_voice, "%s", v->name);
    }
    espeak_SetParameter(espeakVOLUME, u->volume, 0);
    espeak_SetParameter(espeakRATE, u->rate, 0);
    s->cur_first = true;
    espeak_ERROR rc = espeak_Synth(u->text, u->len + 1, 0, POS_CHARACTER, 0, espeakCHARS_UTF8,
                                   NULL, NULL);
    if (rc != EE_OK)
        log_warn("speech: espeak-ng could not synthesise an utterance (error %d)", (int)rc);
    pthread_mutex_lock(&s->lock);
    if (atomic_load(&s->gen) == u->gen)
        s->stats.utterances++;
    pthread_mutex_unlock(&s->lock);
}

static void *worker(void *arg)
{
    Speech *s = arg;
    pthread_mutex_lock(&s->lock);
    for (;;) {
        while (!s->quit && s->count == 0) {
            s->busy = false;
            pthread_cond_broadcast(&s->idle);
            pthread_cond_wait(&s->wake, &s->lock);
        }
        if (s->quit)
            break;
        Utterance u = s->queue[s->head];
        memset(&s->queue[s->head], 0, sizeof s->queue[s->head]);
        s->head = (s->head + 1) % SPEECH_QUEUE_MAX;
        s->count--;
        s->busy = true;
        s->cur_gen = u.gen;
        s->cur_said_ms = u.said_ms;
        pthread_mutex_unlock(&s->lock);
        if (atomic_load(&s->gen) == u.gen)
            synthesise(s, &u);
        drop(&u);
        pthread_mutex_lock(&s->lock);
    }
    s->busy = false;
    pthread_cond_broadcast(&s->idle);
    pthread_mutex_unlock(&s->lock);
    return NULL;
}

/* ==== the public side ==== */

Speech *speech_open(const char *log_path)
{
    /* espeak-ng 1.51 cannot be started twice in a process: a second espeak_Terminate()
     * waits forever for a thread the first one ended. Refuse rather than hang. */
    static bool started_once;
    if (the_speech || started_once) {
        err_set("speech: espeak-ng was already started in this process");
        return NULL;
    }
    started_once = true;
    int buf_ms = CHUNK_MS;
    int hz = espeak_Initialize(AUDIO_OUTPUT_SYNCHRONOUS, buf_ms, NULL,
                               espeakINITIALIZE_DONT_EXIT);
    if (hz <= 0) {
        err_set("speech: espeak-ng could not start (is espeak-ng-data installed?)");
        return NULL;
    }
    Speech *s = mem_zalloc(sizeof *s);
    if (!s) {
        espeak_Terminate();
        err_set("speech: out of memory");
        return NULL;
    }
    s->rate_hz = hz;
    s->volume = SPEECH_VOLUME_DEFAULT;
    s->rate = SPEECH_RATE_DEFAULT;
    atomic_init(&s->gen, 1);
    load_voices(s);
    pthread_mutex_init(&s->lock, NULL);
    pthread_mutex_init(&s->sink_lock, NULL);
    pthread_cond_init(&s->wake, NULL);
    pthread_cond_init(&s->idle, NULL);
    espeak_SetSynthCallback(synth_callback);
    the_speech = s;
    if (log_path) {
        s->log = fopen(log_path, "w");
        if (!s->log) {
            err_set("speech: the speech log %s could not be created", log_path);
            speech_close(s);
            return NULL;
        }
    }
    if (pthread_create(&s->worker, NULL, worker, s) != 0) {
        err_set("speech: no thread for synthesis");
        speech_close(s);
        return NULL;
    }
    s->started = true;
    return s;
}

void speech_close(Speech *s)
{
    if (!s)
        return;
    if (s->started) {
        pthread_mutex_lock(&s->lock);
        s->quit = true;
        atomic_fetch_add(&s->gen, 1);
        pthread_cond_broadcast(&s->wake);
        pthread_mutex_unlock(&s->lock);
        pthread_join(s->worker, NULL);
    }
    for (int i = 0; i < SPEECH_QUEUE_MAX; i++)
        drop(&s->queue[i]);
    espeak_Terminate();
    the_speech = NULL;
    if (s->log)
        fclose(s->log);
    pthread_mutex_destroy(&s->lock);
    pthread_mutex_destroy(&s->sink_lock);
    pthread_cond_destroy(&s->wake);
    pthread_cond_destroy(&s->idle);
    mem_free(s->voices);
    mem_free(s);
}

int speech_sample_rate(const Speech *s)
{
    return s->rate_hz;
}

void speech_set_sink(Speech *s, const SpeechSink *sink)
{
    pthread_mutex_lock(&s->sink_lock);
    if (sink)
        s->sink = *sink;
    s->have_sink = sink != NULL;
    pthread_mutex_unlock(&s->sink_lock);
}

/* One log line: language, volume, rate and the words, tabs and line ends in the words
 * turned into spaces. */
static void log_line(Speech *s, const char *lang, int volume, int rate, const char *text)
{
    if (!s->log)
        return;
    fprintf(s->log, "%s\t%d\t%d\t", lang, volume, rate);
    for (const char *p = text; *p; p++)
        fputc(*p == '\t' || *p == '\n' || *p == '\r' ? ' ' : *p, s->log);
    fputc('\n', s->log);
    fflush(s->log);
}

/* Drops everything queued; the caller holds lock. */
static void clear_queue(Speech *s)
{
    while (s->count > 0) {
        drop(&s->queue[s->head]);
        s->head = (s->head + 1) % SPEECH_QUEUE_MAX;
        s->count--;
    }
}

static void interrupt(Speech *s)
{
    pthread_mutex_lock(&s->lock);
    atomic_fetch_add(&s->gen, 1);
    clear_queue(s);
    pthread_mutex_unlock(&s->lock);
    pthread_mutex_lock(&s->sink_lock);
    if (s->have_sink && s->sink.clear)
        s->sink.clear(s->sink.user);
    pthread_mutex_unlock(&s->sink_lock);
}

void speech_stop(Speech *s)
{
    if (s)
        interrupt(s);
}

/* Length of text cut to at most SPEECH_TEXT_MAX - 1 bytes, at a space when one is near. */
static size_t cut_length(const char *text)
{
    size_t len = strlen(text);
    if (len < SPEECH_TEXT_MAX)
        return len;
    size_t cut = SPEECH_TEXT_MAX - 1;
    while (cut > 0 && ((unsigned char)text[cut] & 0xC0) == 0x80)
        cut--; /* never inside a UTF-8 sequence */
    size_t at = cut;
    while (at > SPEECH_TEXT_MAX / 2 && text[at] != ' ')
        at--;
    return text[at] == ' ' ? at : cut;
}

int speech_say(Speech *s, const char *lang, const char *text, SpeechMode mode)
{
    if (!s || !text || !lang)
        return -1;
    while (*text == ' ' || *text == '\n')
        text++;
    if (!*text)
        return -1;
    if (!voice_for(s, lang)) {
        /* Never another language's voice: silence, said plainly in the log. */
        if (mode == SPEECH_INTERRUPT)
            interrupt(s);
        char note[LANG_MAX + 48];
        snprintf(note, sizeof note, "[no voice for %s: not spoken]", lang);
        pthread_mutex_lock(&s->lock);
        log_line(s, lang, s->volume, s->rate, note);
        pthread_mutex_unlock(&s->lock);
        return -1;
    }
    if (mode == SPEECH_INTERRUPT)
        interrupt(s);
    size_t len = cut_length(text);
    char *copy = mem_alloc(len + 1);
    if (!copy)
        return -1;
    memcpy(copy, text, len);
    copy[len] = '\0';
    pthread_mutex_lock(&s->lock);
    if (s->count == SPEECH_QUEUE_MAX) {
        pthread_mutex_unlock(&s->lock);
        mem_free_wiped(copy, len + 1);
        return -1;
    }
    log_line(s, lang, s->volume, s->rate, copy); /* before the worker may take (and free) the copy */
    Utterance *u = &s->queue[(s->head + s->count) % SPEECH_QUEUE_MAX];
    snprintf(u->lang, sizeof u->lang, "%s", lang);
    u->text = copy;
    u->len = len;
    u->volume = s->volume;
    u->rate = s->rate;
    u->gen = atomic_load(&s->gen);
    u->said_ms = now_ms();
    s->count++;
    s->busy = true;
    pthread_cond_signal(&s->wake);
    pthread_mutex_unlock(&s->lock);
    return 0;
}

static int clamp(int v, int lo, int hi)
{
    return v < lo ? lo : v > hi ? hi : v;
}

void speech_set_volume(Speech *s, int volume)
{
    pthread_mutex_lock(&s->lock);
    s->volume = clamp(volume, 0, 200);
    pthread_mutex_unlock(&s->lock);
}

void speech_set_rate(Speech *s, int wpm)
{
    pthread_mutex_lock(&s->lock);
    s->rate = clamp(wpm, 80, 450);
    pthread_mutex_unlock(&s->lock);
}

void speech_wait(Speech *s)
{
    if (!s)
        return;
    pthread_mutex_lock(&s->lock);
    while (s->busy || s->count > 0)
        pthread_cond_wait(&s->idle, &s->lock);
    pthread_mutex_unlock(&s->lock);
}

bool speech_busy(Speech *s)
{
    pthread_mutex_lock(&s->lock);
    bool busy = s->busy || s->count > 0;
    pthread_mutex_unlock(&s->lock);
    return busy;
}

void speech_stats(Speech *s, SpeechStats *out)
{
    pthread_mutex_lock(&s->lock);
    *out = s->stats;
    pthread_mutex_unlock(&s->lock);
}
