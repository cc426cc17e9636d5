#!/usr/bin/env python3
"""make_sounds.py: makes the kiosk's interface sounds (assets/sounds/*.wav).

The short sounds the "read aloud" feature plays around speech: a tick when focus
moves, a blip when something is activated or when going back, a low double tone for
an error, a two-note chime when something is done, and a soft whoosh on a screen
change. Every sound is 16-bit mono PCM at 22050 Hz, normalised to a peak of -12 dBFS,
with raised-cosine fades at both ends so it never clicks.

Python 3 standard library only, and deterministic (the whoosh's noise comes from a
fixed linear congruential generator), so running it again rewrites the same bytes:

    python3 assets/sounds/make_sounds.py          # (re)write the WAV files beside it
    python3 assets/sounds/make_sounds.py --check  # exit 1 if any file differs

Part of Signpost; MIT licence like the rest of the repository (see assets/README.md).
"""
import io
import math
import os
import struct
import sys
import wave

RATE = 22050
PEAK_DBFS = -12.0
PEAK = 32767 * 10 ** (PEAK_DBFS / 20)  # about 8230


def samples(ms):
    return int(round(RATE * ms / 1000.0))


def fade(signal, in_ms, out_ms):
    """Raised-cosine fade-in and fade-out, in place; returns signal."""
    n = len(signal)
    a, b = samples(in_ms), samples(out_ms)
    for i in range(min(a, n)):
        signal[i] *= 0.5 - 0.5 * math.cos(math.pi * i / a)
    for i in range(min(b, n)):
        signal[n - 1 - i] *= 0.5 - 0.5 * math.cos(math.pi * i / b)
    return signal


def tone(ms, freq_start, freq_end=None, partials=((1, 1.0),), decay_ms=None):
    """A tone gliding from freq_start to freq_end (Hz, exponential glide), made of
    (harmonic, amplitude) partials, with an optional exponential decay."""
    if freq_end is None:
        freq_end = freq_start
    n = samples(ms)
    out = [0.0] * n
    phase = 0.0
    for i in range(n):
        t = i / n
        freq = freq_start * (freq_end / freq_start) ** t
        phase += 2 * math.pi * freq / RATE
        v = sum(amp * math.sin(k * phase) for k, amp in partials)
        if decay_ms:
            v *= math.exp(-i / (RATE * decay_ms / 1000.0))
        out[i] = v
    return out


def silence(ms):
    return [0.0] * samples(ms)


def mix(length_ms, *parts):
    """Adds (start_ms, signal) parts into one signal length_ms long."""
    out = [0.0] * samples(length_ms)
    for start_ms, sig in parts:
        s = samples(start_ms)
        for i, v in enumerate(sig):
            if s + i < len(out):
                out[s + i] += v
    return out


def noise(n, seed):
    """White noise in [-1, 1) from a 32-bit linear congruential generator, so the
    same on every machine."""
    x = seed
    out = []
    for _ in range(n):
        x = (1664525 * x + 1013904223) & 0xFFFFFFFF
        out.append(x / 2147483648.0 - 1.0)
    return out


# ==== the sounds ====

def focus():
    """A soft tick, 40 ms: a high sine that dies away fast."""
    return fade(tone(40, 1760, partials=((1, 1.0), (2, 0.15)), decay_ms=9), 1.5, 12)


def activate():
    """A short confirm blip, 80 ms, rising a fourth."""
    return fade(tone(80, 880, 1175, partials=((1, 1.0), (2, 0.2)), decay_ms=45), 3, 25)


def back():
    """A descending blip, 90 ms, falling a fifth."""
    return fade(tone(90, 1175, 784, partials=((1, 1.0), (2, 0.2)), decay_ms=50), 3, 30)


def error():
    """A low double tone, 270 ms: two 100 ms beeps at 220 Hz (with its harmonics,
    so small speakers still play it) 70 ms apart."""
    beep = lambda: fade(tone(100, 220, partials=((1, 1.0), (2, 0.5), (3, 0.3))), 5, 20)
    return mix(270, (0, beep()), (170, beep()))


def done():
    """A pleasant two-note chime, 320 ms: E6 then A6 (a rising fourth), bell-like
    partials ringing out."""
    bell = ((1, 1.0), (2, 0.25), (3, 0.08))
    first = fade(tone(220, 1318.5, partials=bell, decay_ms=80), 2, 60)
    second = fade(tone(220, 1760, partials=bell, decay_ms=90), 2, 80)
    return mix(320, (0, first), (100, second))


def page():
    """A soft whoosh, 180 ms: noise through a resonant band-pass filter sweeping
    from 500 Hz up to 2500 Hz and back, swelling and fading."""
    n = samples(180)
    src = noise(n, 20240607)
    out = [0.0] * n
    low = band = 0.0
    for i in range(n):
        t = i / n
        centre = 500 * (5 ** math.sin(math.pi * t))   # 500 -> 2500 -> 500 Hz
        f = 2 * math.sin(math.pi * centre / RATE)      # state-variable filter
        q = 0.35
        high = src[i] - low - q * band
        band += f * high
        low += f * band
        out[i] = band * math.sin(math.pi * t) ** 2
    return fade(out, 10, 40)


SOUNDS = {
    "focus": focus,
    "activate": activate,
    "back": back,
    "error": error,
    "done": done,
    "page": page,
}


def to_wav_bytes(signal):
    """Normalises to PEAK and encodes 16-bit mono PCM WAV."""
    top = max(abs(v) for v in signal) or 1.0
    pcm = [int(round(v * PEAK / top)) for v in signal]
    frames = struct.pack("<%dh" % len(pcm), *pcm)
    buf = io.BytesIO()
    with wave.open(buf, "wb") as w:
        w.setnchannels(1)
        w.setsampwidth(2)
        w.setframerate(RATE)
        w.writeframes(frames)
    return buf.getvalue()


def main(argv):
    check = "--check" in argv[1:]
    here = os.path.dirname(os.path.abspath(__file__))
    differ = []
    for name, make in SOUNDS.items():
        data = to_wav_bytes(make())
        path = os.path.join(here, name + ".wav")
        if check:
            try:
                with open(path, "rb") as f:
                    same = f.read() == data
            except OSError:
                same = False
            if not same:
                differ.append(name + ".wav")
        else:
            with open(path, "wb") as f:
                f.write(data)
            print("%s: %d ms" % (path, round(1000 * (len(data) - 44) / 2 / RATE)))
    if differ:
        print("make_sounds.py --check: differs from what the script makes: %s" %
              ", ".join(differ), file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
