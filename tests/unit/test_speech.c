/* test_speech.c: the speech engine (app/speech): voices by language, a language with no
 * voice left unspoken and logged, Stop cutting an utterance short, volume reaching the
 * samples, the speech log's fields, and the WAV writer's header. */
#include "speech.h"
#include "test.h"
#include "wav.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* One engine for every test: espeak-ng 1.51 hangs in espeak_Terminate() when it is
 * initialised a second time in one process (the kiosk starts it once). */
static Speech *s;

/* A sink that counts samples and sums their squares (called on the worker thread;
 * read after speech_wait(), which orders it). */
typedef struct Counter {
    unsigned long long samples;
    double squares;
} Counter;

static void count_pcm(void *user, const int16_t *pcm, size_t n)
{
    Counter *c = user;
    c->samples += n;
    for (size_t i = 0; i < n; i++)
        c->squares += (double)pcm[i] * pcm[i];
}

static void count_clear(void *user)
{
    (void)user;
}

static double rms(const Counter *c)
{
    return c->samples ? sqrt(c->squares / (double)c->samples) : 0;
}

static const char long_text[] =
    "Walk straight ahead out of the entrance hall into the main corridor. Walk along the "
    "main corridor towards the main lifts, passing the Blood Test Centre on your left. Go "
    "up Stairs B to the first floor, then along the corridor to the bridge to the "
    "Riverside Wing.";

static char *slurp(const char *path)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    static char buf[8192];
    size_t n = fread(buf, 1, sizeof buf - 1, f);
    buf[n] = '\0';
    fclose(f);
    return buf;
}

static void test_voices_and_log(void)
{
    const char *log = TEST_TMP_DIR "/speech-unit.log";
    /* The kiosk's languages espeak-ng 1.51 speaks, and one it does not. */
    const char *spoken[] = {"en", "en-GB", "cy", "pl", "ur", "ar", "bn", "pa", "ro"};
    for (size_t i = 0; i < sizeof spoken / sizeof spoken[0]; i++)
        CHECK(speech_has_voice(s, spoken[i]));
    CHECK(!speech_has_voice(s, "so"));
    CHECK(!speech_has_voice(s, "xx"));
    CHECK(speech_sample_rate(s) > 8000);
    Counter c = {0};
    SpeechSink sink = {&c, count_pcm, count_clear};
    speech_set_sink(s, &sink);
    /* No voice: nothing synthesised, nothing of the words logged, said plainly. */
    CHECK_INT(speech_say(s, "so", "Nabad gelyo", SPEECH_INTERRUPT), -1);
    speech_set_volume(s, 70);
    speech_set_rate(s, 200);
    CHECK_INT(speech_say(s, "cy", "Croeso", SPEECH_QUEUE), 0);
    CHECK_INT(speech_say(s, "en", "   ", SPEECH_QUEUE), -1); /* nothing to say */
    speech_wait(s);
    CHECK(c.samples > 0);
    speech_set_sink(s, NULL);
    speech_set_volume(s, SPEECH_VOLUME_DEFAULT);
    speech_set_rate(s, SPEECH_RATE_DEFAULT);
    const char *text = slurp(log); /* the log is flushed line by line */
    CHECK(text != NULL);
    if (text) {
        CHECK_CONTAINS(text, "so\t100\t160\t[no voice for so: not spoken]\n");
        CHECK_CONTAINS(text, "cy\t70\t200\tCroeso\n");
        CHECK(strstr(text, "Nabad") == NULL);
    }
}

static void test_stop_cuts_short(void)
{
    Counter whole = {0}, cut = {0};
    SpeechSink sink = {&whole, count_pcm, count_clear};
    speech_set_sink(s, &sink);
    CHECK_INT(speech_say(s, "en", long_text, SPEECH_QUEUE), 0);
    speech_wait(s);
    sink.user = &cut;
    speech_set_sink(s, &sink);
    CHECK_INT(speech_say(s, "en", long_text, SPEECH_QUEUE), 0);
    speech_stop(s);
    speech_wait(s);
    CHECK(whole.samples > (unsigned long long)speech_sample_rate(s) * 5); /* seconds of it */
    CHECK(cut.samples < whole.samples / 2);
    /* A new utterance interrupts one queued before it. */
    Counter both = {0};
    sink.user = &both;
    speech_set_sink(s, &sink);
    speech_say(s, "en", long_text, SPEECH_QUEUE);
    speech_say(s, "en", "Home", SPEECH_INTERRUPT);
    speech_wait(s);
    CHECK(both.samples < whole.samples / 2);
    speech_set_sink(s, NULL);
}

static void test_volume_reaches_samples(void)
{
    Counter quiet = {0}, loud = {0};
    SpeechSink sink = {&quiet, count_pcm, count_clear};
    speech_set_sink(s, &sink);
    speech_set_volume(s, 40);
    speech_say(s, "en", "Find your way", SPEECH_QUEUE);
    speech_wait(s);
    sink.user = &loud;
    speech_set_sink(s, &sink);
    speech_set_volume(s, 190);
    speech_say(s, "en", "Find your way", SPEECH_QUEUE);
    speech_wait(s);
    CHECK(rms(&quiet) > 50);
    CHECK(rms(&loud) > rms(&quiet) * 2);
    speech_set_sink(s, NULL);
}

static void test_wav_header(void)
{
    const char *path = TEST_TMP_DIR "/speech-unit.wav";
    WavFile *w = wav_open(path, 22050);
    CHECK(w != NULL);
    if (!w)
        return;
    int16_t pcm[1000];
    for (int i = 0; i < 1000; i++)
        pcm[i] = (int16_t)(i * 30 - 15000);
    CHECK_INT(wav_write(w, pcm, 1000), 0);
    CHECK_INT(wav_samples(w), 1000);
    CHECK_INT(wav_close(w), 0);
    FILE *f = fopen(path, "rb");
    unsigned char h[44];
    CHECK(f && fread(h, 1, 44, f) == 44);
    if (f) {
        fseek(f, 0, SEEK_END);
        CHECK_INT(ftell(f), 44 + 2000);
        fclose(f);
    }
    CHECK(memcmp(h, "RIFF", 4) == 0 && memcmp(h + 8, "WAVEfmt ", 8) == 0);
    CHECK_INT(h[4] | h[5] << 8 | h[6] << 16, 36 + 2000);
    CHECK_INT(h[22], 1);                 /* mono */
    CHECK_INT(h[24] | h[25] << 8, 22050); /* rate */
    CHECK_INT(h[34], 16);                /* bits */
    CHECK_INT(h[40] | h[41] << 8, 2000); /* data bytes */
    CHECK(wav_open(TEST_TMP_DIR "/no-such-dir/x.wav", 22050) == NULL);
}

int main(void)
{
    s = speech_open(TEST_TMP_DIR "/speech-unit.log");
    if (!s) {
        fprintf(stderr, "test_speech: no speech engine (is espeak-ng-data installed?)\n");
        return 1;
    }
    TEST_RUN(test_voices_and_log);
    TEST_RUN(test_stop_cuts_short);
    TEST_RUN(test_volume_reaches_samples);
    TEST_RUN(test_wav_header);
    speech_close(s);
    return TEST_REPORT();
}
