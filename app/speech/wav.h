/* wav.h: a RIFF WAV file of 16-bit mono PCM, written as it comes (headless runs write
 * what would be heard here: --speech-wav). The header's sizes are patched on close, and
 * also after every write, so a run that is killed still leaves a readable file.
 *
 * Ownership: the WavFile owns its FILE; wav_close() frees it. wav_sink_pcm() and
 * wav_sink_clear() fit SpeechSink (speech.h) with the WavFile as user. */
#ifndef SIGNPOST_WAV_H
#define SIGNPOST_WAV_H

#include <stddef.h>
#include <stdint.h>

typedef struct WavFile WavFile;

/* Creates path (replacing it) for PCM at rate_hz. NULL with err_msg() set on failure. */
WavFile *wav_open(const char *path, int rate_hz);
/* Appends samples. 0, or -1 (err_msg) when the disk refused them; later writes go on. */
int wav_write(WavFile *w, const int16_t *samples, size_t n);
/* Samples written so far. */
unsigned long long wav_samples(const WavFile *w);
/* Finishes the header and closes. 0 or -1 (err_msg). NULL is fine. */
int wav_close(WavFile *w);

/* SpeechSink callbacks: append, and nothing to drop (a file plays nothing). */
void wav_sink_pcm(void *wav, const int16_t *samples, size_t n);
void wav_sink_clear(void *wav);

#endif
