/* wav.c: a RIFF/WAVE file of 16-bit little-endian mono PCM (see wav.h): a 44-byte
 * header (RIFF, fmt with PCM format 1, data) whose two sizes are rewritten as data
 * arrives. */
#include "wav.h"

#include "err.h"
#include "mem.h"

#include <stdio.h>
#include <string.h>

struct WavFile {
    FILE *f;
    int rate;
    unsigned long long samples;
};

static void put32(unsigned char *p, uint32_t v)
{
    p[0] = (unsigned char)v;
    p[1] = (unsigned char)(v >> 8);
    p[2] = (unsigned char)(v >> 16);
    p[3] = (unsigned char)(v >> 24);
}

static void put16(unsigned char *p, uint16_t v)
{
    p[0] = (unsigned char)v;
    p[1] = (unsigned char)(v >> 8);
}

/* Writes the header for the samples so far at the start of the file, then returns to
 * the end. */
static int write_header(WavFile *w)
{
    unsigned char h[44];
    unsigned long long bytes = w->samples * 2;
    uint32_t data = bytes > 0xFFFFFFD3ull ? 0xFFFFFFD3u : (uint32_t)bytes;
    memcpy(h, "RIFF", 4);
    put32(h + 4, 36 + data);
    memcpy(h + 8, "WAVEfmt ", 8);
    put32(h + 16, 16);                      /* fmt chunk size */
    put16(h + 20, 1);                       /* PCM */
    put16(h + 22, 1);                       /* mono */
    put32(h + 24, (uint32_t)w->rate);
    put32(h + 28, (uint32_t)w->rate * 2);   /* bytes a second */
    put16(h + 32, 2);                       /* bytes a frame */
    put16(h + 34, 16);                      /* bits a sample */
    memcpy(h + 36, "data", 4);
    put32(h + 40, data);
    if (fseek(w->f, 0, SEEK_SET) != 0 || fwrite(h, 1, sizeof h, w->f) != sizeof h ||
        fseek(w->f, 0, SEEK_END) != 0 || fflush(w->f) != 0)
        return err_set("the WAV file's header could not be written (disk full?)");
    return 0;
}

WavFile *wav_open(const char *path, int rate_hz)
{
    if (rate_hz <= 0) {
        err_set("WAV %s: no sample rate", path);
        return NULL;
    }
    WavFile *w = mem_zalloc(sizeof *w);
    if (!w) {
        err_set("WAV %s: out of memory", path);
        return NULL;
    }
    w->rate = rate_hz;
    w->f = fopen(path, "wb+");
    if (!w->f || write_header(w) != 0) {
        if (w->f)
            fclose(w->f);
        mem_free(w);
        err_set("WAV %s could not be created", path);
        return NULL;
    }
    return w;
}

int wav_write(WavFile *w, const int16_t *samples, size_t n)
{
    unsigned char buf[512] = {0};
    size_t done = 0;
    while (done < n) {
        size_t k = n - done < sizeof buf / 2 ? n - done : sizeof buf / 2;
        for (size_t i = 0; i < k; i++)
            put16(buf + 2 * i, (uint16_t)samples[done + i]);
        if (fwrite(buf, 2, k, w->f) != k)
            return err_set("the WAV file could not be written (disk full?)");
        done += k;
        w->samples += k;
    }
    return write_header(w);
}

unsigned long long wav_samples(const WavFile *w)
{
    return w->samples;
}

int wav_close(WavFile *w)
{
    if (!w)
        return 0;
    int rc = write_header(w);
    if (fclose(w->f) != 0 && rc == 0)
        rc = err_set("the WAV file could not be closed (disk full?)");
    mem_free(w);
    return rc;
}

void wav_sink_pcm(void *wav, const int16_t *samples, size_t n)
{
    wav_write(wav, samples, n);
}

void wav_sink_clear(void *wav)
{
    (void)wav;
}
