/* read_aloud.h: what the kiosk reads aloud, and when, for a person who turned "Read
 * aloud" on. Everything is taken from the accessibility tree the frame just built (the
 * same tree the screen draws and the harness dumps), never from key handling:
 *   - on entering a screen or a new page of it (its first heading changes): the title
 *     and its summary (the words before its first control);
 *   - a dialog that appears (still there?, discard?): its words;
 *   - the element whose `focused` flag becomes set, whatever moved it, and the element
 *     a person touches;
 *   - what is typed into the focused field, as it is typed;
 *   - status words that appear (a concern sent with its reference, a problem).
 * Elements marked personal (ui_set_personal: the concern form's answers) are read only
 * in private: a headset is listening, or the person turned on "Read my answers aloud".
 * Otherwise nothing of them reaches the speech engine (nor its log).
 * Speech is in the screen's language (app_language). When espeak-ng has no voice for it,
 * the person hears once, in English, that read aloud is not available in this language,
 * and nothing of the screen is read in a wrong voice.
 *
 * The settings (on, volume, rate, answers) belong to one person: read_aloud_forget()
 * puts them back when the kiosk forgets them. The engine is borrowed (NULL when this
 * kiosk has none: the controls then say read aloud is not available). */
#ifndef SIGNPOST_READ_ALOUD_H
#define SIGNPOST_READ_ALOUD_H

#include "speech.h"
#include "ui.h"

#include <stdbool.h>

enum { READ_STEPS = 2, READ_TEXT_MAX = 1024, READ_ID_MAX = 96 };

/* The language a kiosk with no voice for the screen's language says so in. */
#define READ_FALLBACK_LANG "en"

typedef struct ReadAloud {
    Speech *engine;       /* borrowed; NULL: no speech on this kiosk */
    bool on;              /* this person turned read aloud on */
    bool answers;         /* "Read my answers aloud" (off for each new person) */
    bool headset;         /* a headset is listening (the run loop looks) */
    int volume, rate;     /* steps from normal, -READ_STEPS..READ_STEPS */
    /* What was read, to notice what changed (all wiped by read_aloud_forget). */
    bool announce;        /* read the page's title and summary after this frame */
    bool just_on;         /* say "read aloud is on" first */
    int seen_screen;
    char seen_page[READ_TEXT_MAX];    /* the page's first heading last frame */
    char seen_focus[READ_ID_MAX];     /* the focused element's id last frame */
    char seen_dialog[READ_ID_MAX];    /* the open dialog's id last frame */
    char seen_status[READ_TEXT_MAX];  /* status and problem words last frame */
    char field_id[READ_ID_MAX];       /* the focused field and its words last frame */
    char field_text[READ_TEXT_MAX];
    char touched[READ_TEXT_MAX];      /* what the person touched, read after the frame */
    char touched_id[READ_ID_MAX];
    char touched_lang[16];            /* its words' language when not the screen's
                                       * (English in place of a translation), or "" */
    char last[SPEECH_TEXT_MAX];       /* the last thing read, for Repeat */
    char no_voice[16];                /* the language last told to have no voice */
    bool was_private;                 /* personal answers could be read last frame */
} ReadAloud;

/* The person's choices as the speech engine takes them. */
int read_aloud_volume(const ReadAloud *r);
int read_aloud_rate(const ReadAloud *r);
/* Whether personal answers may be read now (a headset, or the person asked). */
bool read_aloud_private_ok(const ReadAloud *r);

/* Before a frame's input is handled: notes the element under a new touch (from the
 * tree on screen, i.e. the last frame's). */
void read_aloud_before_frame(ReadAloud *r, const Ui *ui, const char *lang);
/* After the frame: reads what changed (see above). screen is the current ScreenId. */
void read_aloud_after_frame(ReadAloud *r, const Ui *ui, int screen, const char *lang);

/* Turns read aloud on or off for this person. */
void read_aloud_set_on(ReadAloud *r, bool on);
/* Repeat: the last thing read, again. Stop: silence now. */
void read_aloud_repeat(ReadAloud *r, const char *lang);
void read_aloud_stop(ReadAloud *r);
/* Louder/quieter (+1/-1) and faster/slower; then says the control's name at the new
 * setting so the person hears the change. */
void read_aloud_volume_step(ReadAloud *r, int delta, const char *lang, const char *name);
void read_aloud_rate_step(ReadAloud *r, int delta, const char *lang, const char *name);
/* Reads status words now, when read aloud is on (never personal data). */
void read_aloud_status(ReadAloud *r, const char *lang, const char *text);
/* The person has gone: silence, default settings, nothing remembered. */
void read_aloud_forget(ReadAloud *r);

#endif
