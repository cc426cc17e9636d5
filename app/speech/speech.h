/* speech.h: read aloud, offline. Text goes in with its language (BCP 47: "en", "cy",
 * "ur"); espeak-ng turns it into 16-bit mono PCM on a worker thread, so the frame loop
 * never waits for synthesis; the PCM goes to a sink (the platform's audio device, or a
 * WAV file in headless runs). No SDL here and no knowledge of screens: what to say and
 * when is the app's business (app/screens/read_aloud.c).
 *
 * One utterance at a time is heard. speech_say() with SPEECH_INTERRUPT stops what is
 * being said (and drops what the sink has queued but not yet played) before starting;
 * SPEECH_QUEUE lets it finish first. A language espeak-ng has no voice for is never read
 * in another voice (English phonetics of Urdu text help nobody): it is skipped, and the
 * log says so.
 *
 * The speech log (optional, for tests) gets one line per utterance, four fields split
 * by tabs: language, volume (0..200), rate (words a minute) and the words, or
 * "[no voice for LANG: not spoken]" in place of the words. Only what is actually given
 * to speech_say is logged, so callers must never pass what must not be heard.
 *
 * Ownership: Speech owns the espeak-ng engine, the worker thread, the queue (texts are
 * wiped when dropped) and the log file; it borrows the sink, which must outlive it or be
 * replaced with speech_set_sink(NULL). Only one Speech may exist (espeak-ng is global),
 * and only once in a process: espeak-ng 1.51 hangs in espeak_Terminate() after a second
 * espeak_Initialize(). */
#ifndef SIGNPOST_SPEECH_H
#define SIGNPOST_SPEECH_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef struct Speech Speech;

/* Where PCM goes. pcm() is called on the worker thread; clear() on the caller's thread
 * when an utterance is interrupted (drop what is queued and not yet played). */
typedef struct SpeechSink {
    void *user;
    void (*pcm)(void *user, const int16_t *samples, size_t n);
    void (*clear)(void *user);
} SpeechSink;

typedef enum SpeechMode { SPEECH_INTERRUPT, SPEECH_QUEUE } SpeechMode;

enum {
    SPEECH_QUEUE_MAX = 16,  /* utterances waiting; more are dropped (oldest kept) */
    SPEECH_TEXT_MAX = 2048, /* bytes of one utterance; longer text is cut at a word */
    SPEECH_VOLUME_DEFAULT = 100, /* espeak-ng's scale: 0..200 */
    SPEECH_RATE_DEFAULT = 160    /* words per minute: espeak-ng takes 80..450 */
};

/* Starts espeak-ng (data from its installed place) and the worker thread; log_path, if
 * not NULL, receives the speech log (created afresh). Returns NULL with err_msg() set
 * when espeak-ng or its data cannot be loaded. */
Speech *speech_open(const char *log_path);
/* Stops the worker (what is queued is dropped) and releases everything. NULL is fine. */
void speech_close(Speech *s);
/* espeak-ng's sample rate (22050 Hz with the Debian data). */
int speech_sample_rate(const Speech *s);
/* Sets or replaces the sink (NULL: synthesise into nothing). Waits for the worker to be
 * between chunks, so the old sink is no longer used when this returns. */
void speech_set_sink(Speech *s, const SpeechSink *sink);
/* Whether there is a voice for lang ("en", "en-GB", "cy"...). */
bool speech_has_voice(const Speech *s, const char *lang);

/* Says text in lang (see SpeechMode). Returns 0, or -1 when nothing will be heard: no
 * voice for lang (logged), empty text, or the queue is full. */
int speech_say(Speech *s, const char *lang, const char *text, SpeechMode mode);
/* Stops at once: what is being said and everything queued. */
void speech_stop(Speech *s);
/* Volume (0..200, 100 normal) and rate (80..450 words a minute) of what is said from
 * now on (values are clamped). */
void speech_set_volume(Speech *s, int volume);
void speech_set_rate(Speech *s, int wpm);
/* Waits until everything queued has been synthesised and handed to the sink (headless
 * runs and tests: the WAV then holds all of it). */
void speech_wait(Speech *s);
/* True while something is being synthesised or waits to be. */
bool speech_busy(Speech *s);

/* Statistics, for tests and the benchmark: utterances synthesised to the end, samples
 * handed to the sink, and the longest time from speech_say() to the first samples of
 * an utterance reaching the sink (ms). */
typedef struct SpeechStats {
    unsigned long utterances;
    unsigned long long samples;
    double first_audio_ms_max, first_audio_ms_last;
} SpeechStats;
void speech_stats(Speech *s, SpeechStats *out);

#endif
