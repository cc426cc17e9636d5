/* audio_sdl.c: read-aloud output through SDL audio (see platform.h): one device opened
 * for 16-bit mono at the speech engine's rate, fed with SDL_QueueAudio (no callback, so
 * nothing here runs on SDL's audio thread). */
#include "platform_internal.h"

#include "err.h"
#include "log.h"

#include <string.h>

int plat_audio_open(Platform *p, int rate_hz)
{
    if (p->audio)
        return 0;
    if (!SDL_WasInit(SDL_INIT_AUDIO) && SDL_InitSubSystem(SDL_INIT_AUDIO) != 0)
        return err_set("no sound: SDL audio could not start: %s", SDL_GetError());
    SDL_AudioSpec want, have;
    SDL_zero(want);
    want.freq = rate_hz;
    want.format = AUDIO_S16SYS;
    want.channels = 1;
    want.samples = 1024; /* about 46 ms at 22050 Hz: a short wait before sound starts */
    p->audio = SDL_OpenAudioDevice(NULL, 0, &want, &have, 0);
    if (!p->audio)
        return err_set("no sound: the audio device could not be opened: %s", SDL_GetError());
    SDL_PauseAudioDevice(p->audio, 0);
    log_info("sound: %s at %d Hz", SDL_GetCurrentAudioDriver(), have.freq);
    return 0;
}

void plat_audio_queue(void *platform, const int16_t *samples, size_t n)
{
    Platform *p = platform;
    if (p->audio && SDL_QueueAudio(p->audio, samples, (Uint32)(n * sizeof *samples)) != 0)
        log_warn("sound: %s", SDL_GetError());
}

void plat_audio_clear(void *platform)
{
    Platform *p = platform;
    if (p->audio)
        SDL_ClearQueuedAudio(p->audio);
}

/* Case-insensitive: whether name holds word. */
static bool name_says(const char *name, const char *word)
{
    size_t n = strlen(word);
    for (const char *s = name; *s; s++)
        if (SDL_strncasecmp(s, word, n) == 0)
            return true;
    return false;
}

bool plat_audio_headset(const Platform *p)
{
    if (!p->audio)
        return false;
    int n = SDL_GetNumAudioDevices(0);
    for (int i = 0; i < n; i++) {
        const char *name = SDL_GetAudioDeviceName(i, 0);
        /* Not "headphones": a Raspberry Pi's own jack is listed as "bcm2835
         * Headphones" whether or not anything is plugged in, and it may be the room's
         * speaker. */
        if (name && name_says(name, "headset"))
            return true;
    }
    return false;
}
