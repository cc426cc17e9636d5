/* read_aloud.c: turns the accessibility tree of each frame into speech for a person who
 * asked for it (see read_aloud.h). The first utterance of a frame interrupts whatever
 * was being said (a new action stops the old words at once); the rest of that frame's
 * words follow it. */
#include "read_aloud.h"

#include "i18n.h"
#include "log.h"
#include "mem.h"

#include <stdio.h>
#include <string.h>

static const int volume_steps[2 * READ_STEPS + 1] = {40, 70, 100, 140, 190};
static const int rate_steps[2 * READ_STEPS + 1] = {110, 135, 160, 200, 250};

int read_aloud_volume(const ReadAloud *r)
{
    return volume_steps[r->volume + READ_STEPS];
}

int read_aloud_rate(const ReadAloud *r)
{
    return rate_steps[r->rate + READ_STEPS];
}

bool read_aloud_private_ok(const ReadAloud *r)
{
    return r->headset || r->answers;
}

static void copy(char *dst, size_t cap, const char *src)
{
    snprintf(dst, cap, "%s", src ? src : "");
}

/* One frame's speaking: the first utterance interrupts, the others queue behind it. */
typedef struct Saying {
    ReadAloud *r;
    const char *lang;
    bool first;
} Saying;

/* Says text in language lang (NULL or "": the screen's). */
static void say_in(Saying *s, const char *lang, const char *text)
{
    if (!text || !*text)
        return;
    ReadAloud *r = s->r;
    if (r->engine) {
        speech_set_volume(r->engine, read_aloud_volume(r));
        speech_set_rate(r->engine, read_aloud_rate(r));
        speech_say(r->engine, lang && *lang ? lang : s->lang, text,
                   s->first ? SPEECH_INTERRUPT : SPEECH_QUEUE);
    }
    s->first = false;
    copy(r->last, sizeof r->last, text);
}

static void say(Saying *s, const char *text)
{
    say_in(s, NULL, text);
}

/* Words of several languages: a part in another language than the screen's (English in
 * place of a missing translation) starts with LANG_MARK, its code and LANG_MARK again
 * (an empty code goes back to the screen's language). Each part is said in its own
 * language's voice. */
#define LANG_MARK '\x1F'

static void say_parts(Saying *s, char *words)
{
    char lang[16] = "";
    char *p = words;
    while (*p) {
        if (*p == LANG_MARK) {
            char *end = strchr(p + 1, LANG_MARK);
            if (!end)
                break;
            snprintf(lang, sizeof lang, "%.*s", (int)(end - p - 1), p + 1);
            p = end + 1;
            continue;
        }
        char *next = strchr(p, LANG_MARK);
        char save = 0;
        if (next) {
            save = *next;
            *next = '\0';
        }
        say_in(s, lang, p);
        if (!next)
            break;
        *next = save;
        p = next;
    }
}

/* Starts a part in language lang (NULL: the screen's) in words. */
static void mark_lang(char *out, size_t cap, const char *lang)
{
    size_t n = strlen(out);
    if (n && n + 2 < cap && out[n - 1] != '.' && out[n - 1] != '?' && out[n - 1] != '!' &&
        out[n - 1] != ':' && out[n - 1] != LANG_MARK)
        out[n++] = '.', out[n] = '\0';
    snprintf(out + n, cap - n, "%c%s%c", LANG_MARK, lang ? lang : "", LANG_MARK);
}

/* ==== the tree ==== */

static bool shown(const UiElement *e)
{
    return !rect_empty(e->visible);
}

static bool is_text(const UiElement *e)
{
    return strcmp(e->role, "text") == 0 || strcmp(e->role, "heading") == 0;
}

static bool starts_with(const char *s, const char *prefix)
{
    return strncmp(s, prefix, strlen(prefix)) == 0;
}

/* Whether element i lies inside the group with id `group`. */
static bool inside(const Ui *ui, size_t i, const char *group)
{
    for (int p = ui->elements[i].parent; p >= 0; p = ui->elements[p].parent)
        if (strcmp(ui->elements[p].id, group) == 0)
            return true;
    return false;
}

/* A field's name: the words just before it in the same group (its label). */
static const char *field_name(const Ui *ui, size_t i)
{
    const UiElement *f = &ui->elements[i];
    for (size_t k = i, seen = 0; k-- > 0 && seen < 4; seen++) {
        const UiElement *e = &ui->elements[k];
        if (is_text(e) && !e->personal && e->label[0])
            return e->label;
        if (e->interactive && e->parent == f->parent)
            break;
    }
    return "";
}

/* The focused field, or NULL. */
static const UiElement *focused_field(const Ui *ui, size_t *index)
{
    for (size_t i = 0; i < ui->nelements; i++) {
        const UiElement *e = &ui->elements[i];
        if (ui->focus && ui_id(e->id) == ui->focus && strcmp(e->role, "field") == 0) {
            if (index)
                *index = i;
            return e;
        }
    }
    return NULL;
}

/* What element i says: its name, role and state, never a personal answer unless the
 * person may hear it. */
static void describe(const ReadAloud *r, const Ui *ui, size_t i, char *out, size_t cap)
{
    const UiElement *e = &ui->elements[i];
    bool hide = e->personal && !read_aloud_private_ok(r);
    const char *role = e->role;
    out[0] = '\0';
    if (strcmp(role, "field") == 0) {
        const char *name = field_name(ui, i);
        if (hide)
            i18n_format(out, cap, S_SPEECH_FIELD_PRIVATE, name, NULL, NULL);
        else if (!name[0]) /* no label in the tree (a search box with a placeholder) */
            i18n_format(out, cap, e->label[0] ? S_SPEECH_BOX : S_SPEECH_BOX_EMPTY, e->label,
                        NULL, NULL);
        else if (!e->label[0])
            i18n_format(out, cap, S_SPEECH_FIELD_EMPTY, name, NULL, NULL);
        else
            i18n_format(out, cap, S_SPEECH_FIELD, name, e->label, NULL);
        return;
    }
    if (hide) {
        copy(out, cap, tr(S_SPEECH_PRIVATE));
        return;
    }
    if (strcmp(role, "button") == 0)
        i18n_format(out, cap, e->disabled ? S_SPEECH_DISABLED : S_SPEECH_BUTTON, e->label,
                    NULL, NULL);
    else if (strcmp(role, "switch") == 0)
        i18n_format(out, cap, e->checked ? S_SPEECH_SWITCH_ON : S_SPEECH_SWITCH_OFF, e->label,
                    NULL, NULL);
    else if (strcmp(role, "tab") == 0)
        i18n_format(out, cap, e->checked ? S_SPEECH_TAB_SELECTED : S_SPEECH_TAB, e->label, NULL,
                    NULL);
    else if (strcmp(role, "qr") == 0)
        copy(out, cap, tr(S_SPEECH_QR));
    else
        copy(out, cap, e->label); /* words, a key of the keyboard, a picture's name */
}

/* Appends words to out, as a sentence. */
static void add_words(char *out, size_t cap, const char *words)
{
    size_t n = strlen(out);
    if (!words[0] || n + 3 >= cap)
        return;
    if (n && out[n - 1] != LANG_MARK) {
        char last = out[n - 1];
        snprintf(out + n, cap - n, "%s%s", last == '.' || last == '?' || last == '!' ||
                                                   last == ':' ? " " : ". ",
                 words);
    } else {
        snprintf(out + n, cap - n, "%s", words);
    }
}

/* Words as they are heard: a reference such as 47TF-CGKA is spelled out character by
 * character ("4 7 T F - C G K A"), never read as "forty-seven tuff". */
static void spelled(char *out, size_t cap, const char *words)
{
    size_t o = 0;
    for (const char *p = words; *p && o + 3 < cap; p++) {
        if (o)
            out[o++] = ' ';
        out[o++] = *p;
    }
    out[o] = '\0';
}

/* What element e says when read as words. */
static void words_of(const UiElement *e, char *out, size_t cap)
{
    if (strcmp(e->id, "concern-reference") == 0)
        spelled(out, cap, e->label);
    else
        copy(out, cap, e->label);
}

/* The page's key (its first heading in main: a new one is a new page, as each step of
 * the concern form; lists and results changing are not) and its announcement: the
 * screen's title, then its summary: the words in main up to the first control after
 * the page's first heading (controls above the heading, such as the form's "Hide my
 * answers", do not end it), or up to the first control when main has no heading. */
static void page_words(const ReadAloud *r, const Ui *ui, char *key, size_t key_cap,
                       char *words, size_t cap)
{
    key[0] = words[0] = '\0';
    const UiElement *title = ui_find_element(ui, "screen-title");
    if (title)
        add_words(words, cap, title->label);
    /* A page with no heading in main (a list under tabs) is summed up by its title. */
    bool heading_seen = true;
    for (size_t i = 0; i < ui->nelements; i++)
        if (strcmp(ui->elements[i].role, "heading") == 0 && inside(ui, i, "main"))
            heading_seen = false;
    bool summary_done = false;
    const char *part_lang = NULL; /* the language of the part being added */
    char one[READ_TEXT_MAX];
    for (size_t i = 0; i < ui->nelements; i++) {
        const UiElement *e = &ui->elements[i];
        if (!inside(ui, i, "main")) /* hidden or scrolled away too: scrolling is no new page */
            continue;
        if (e->interactive && heading_seen)
            summary_done = true;
        if (!is_text(e) || e->personal)
            continue;
        if (strcmp(e->role, "heading") == 0) {
            heading_seen = true;
            if (!key[0])
                copy(key, key_cap, e->label);
        }
        if (!summary_done) {
            words_of(e, one, sizeof one);
            if (one[0] && (e->lang ? !part_lang || strcmp(e->lang, part_lang) != 0
                                   : part_lang != NULL)) {
                mark_lang(words, cap, e->lang);
                part_lang = e->lang;
            }
            add_words(words, cap, one);
        }
    }
}

/* The open dialog (the last shown), or -1. */
static int open_dialog(const Ui *ui)
{
    int found = -1;
    for (size_t i = 0; i < ui->nelements; i++)
        if (strcmp(ui->elements[i].role, "dialog") == 0)
            found = (int)i;
    return found;
}

/* A dialog's words, in order. */
static void dialog_words(const ReadAloud *r, const Ui *ui, int d, char *out, size_t cap)
{
    out[0] = '\0';
    for (size_t i = (size_t)d + 1; i < ui->nelements; i++) {
        const UiElement *e = &ui->elements[i];
        if (!inside(ui, i, ui->elements[d].id))
            continue;
        if (is_text(e) && (!e->personal || read_aloud_private_ok(r)))
            add_words(out, cap, e->label);
    }
}

/* Status words on screen now: problems and the concern form's outcome. */
static void status_words(const ReadAloud *r, const Ui *ui, char *out, size_t cap)
{
    out[0] = '\0';
    for (size_t i = 0; i < ui->nelements; i++) {
        const UiElement *e = &ui->elements[i];
        if (!shown(e) || !is_text(e) || e->personal)
            continue;
        if (strstr(e->id, "problem") || strcmp(e->id, "concern-sent") == 0 ||
            starts_with(e->id, "concern-reference") || starts_with(e->id, "concern-failed")) {
            char one[READ_TEXT_MAX];
            words_of(e, one, sizeof one);
            add_words(out, cap, one);
        }
    }
}

/* ==== frames ==== */

/* Whether s is one character (one UTF-8 sequence): a letter key, not "Shift". */
static bool utf8_one_char(const char *s)
{
    if (!s[0])
        return false;
    size_t n = 1;
    while (((unsigned char)s[n] & 0xC0) == 0x80)
        n++;
    return s[n] == '\0';
}

void read_aloud_before_frame(ReadAloud *r, const Ui *ui, const char *lang)
{
    (void)lang;
    r->touched[0] = r->touched_id[0] = r->touched_lang[0] = '\0';
    /* A tap: the finger lifts where it went down, and the press did not scroll (a drag
     * through a list reads nothing on its way). */
    if (!r->on || !ui->ev_released || ui->dragging)
        return;
    for (size_t k = ui->nelements; k-- > 0;) {
        const UiElement *e = &ui->elements[k];
        if (!e->interactive || !shown(e) || !rect_contains(e->visible, ui->press_x, ui->press_y) ||
            !rect_contains(e->visible, ui->px, ui->py))
            continue;
        /* The speech controls say what they did themselves. */
        if (starts_with(e->id, "speech-") || strcmp(e->id, "read-aloud") == 0)
            return;
        /* A key pressed while a personal answer is typed would spell it out. */
        const UiElement *field = focused_field(ui, NULL);
        if (strcmp(e->role, "key") == 0 && field && field->personal &&
            !read_aloud_private_ok(r))
            return;
        /* A letter key typed into a field: the echo of what was typed says it. */
        if (strcmp(e->role, "key") == 0 && field && utf8_one_char(e->label))
            return;
        describe(r, ui, k, r->touched, sizeof r->touched);
        copy(r->touched_id, sizeof r->touched_id, e->id);
        copy(r->touched_lang, sizeof r->touched_lang, e->lang);
        return;
    }
}

/* Reads what was typed into the focused field since last frame. */
static void echo_typing(ReadAloud *r, const Ui *ui, Saying *s)
{
    size_t fi = 0;
    const UiElement *f = focused_field(ui, &fi);
    if (!f) {
        mem_wipe(r->field_text, sizeof r->field_text);
        r->field_id[0] = '\0';
        return;
    }
    bool same = strcmp(f->id, r->field_id) == 0;
    if (same && r->on && (!f->personal || read_aloud_private_ok(r))) {
        size_t was = strlen(r->field_text), now = strlen(f->label);
        char words[READ_TEXT_MAX];
        words[0] = '\0';
        if (now > was && strncmp(f->label, r->field_text, was) == 0) {
            const char *added = f->label + was;
            size_t n = now - was;
            if (n == 1 && (added[0] == ' ' || added[0] == '\n')) {
                /* The end of a word: read the whole word. */
                size_t start = was;
                while (start > 0 && f->label[start - 1] != ' ' && f->label[start - 1] != '\n')
                    start--;
                snprintf(words, sizeof words, "%.*s", (int)(was - start), f->label + start);
            } else {
                copy(words, sizeof words, added);
            }
        } else if (now < was && strncmp(f->label, r->field_text, now) == 0) {
            i18n_format(words, sizeof words, S_SPEECH_DELETED, r->field_text + now, NULL, NULL);
        }
        say(s, words);
        mem_wipe(words, sizeof words);
    }
    copy(r->field_id, sizeof r->field_id, f->id);
    mem_wipe(r->field_text, sizeof r->field_text);
    copy(r->field_text, sizeof r->field_text, f->label);
}

void read_aloud_after_frame(ReadAloud *r, const Ui *ui, int screen, const char *lang)
{
    Saying s = {r, lang, true};
    char key[READ_TEXT_MAX], words[SPEECH_TEXT_MAX];
    /* Private listening ended (the headset came out, or "Read my answers aloud" went
     * off): Repeat must not say an answer it heard in private to the room. */
    bool private_ok = read_aloud_private_ok(r);
    if (r->was_private && !private_ok)
        mem_wipe(r->last, sizeof r->last);
    r->was_private = private_ok;
    /* 0. No voice for the screen's language (Somali, in espeak-ng 1.51): its words are
     * never read in another language's voice. Say so once, in English, which every
     * espeak-ng has; the speech log records each utterance left unspoken. */
    if (r->on && r->engine && !speech_has_voice(r->engine, lang) &&
        strcmp(r->no_voice, lang) != 0) {
        copy(r->no_voice, sizeof r->no_voice, lang);
        log_warn("read aloud: espeak-ng has no voice for '%s'; its screens are not read aloud",
                 lang);
        speech_set_volume(r->engine, read_aloud_volume(r));
        speech_set_rate(r->engine, read_aloud_rate(r));
        speech_say(r->engine, READ_FALLBACK_LANG, tr_english(S_SPEECH_NO_VOICE),
                   SPEECH_INTERRUPT);
        s.first = false; /* what follows must not cut the notice short */
    }
    /* 1. What the person touched. */
    if (r->on && r->touched[0]) {
        /* As it is now (a switch just turned on, a tab just chosen), when it is still
         * there; else as it was touched (a button that led to another screen). */
        for (size_t i = 0; i < ui->nelements; i++)
            if (ui->elements[i].interactive && strcmp(ui->elements[i].id, r->touched_id) == 0) {
                describe(r, ui, i, r->touched, sizeof r->touched);
                break;
            }
        say_in(&s, r->touched_lang, r->touched);
    }
    r->touched[0] = r->touched_id[0] = r->touched_lang[0] = '\0';
    /* 2. A new screen, or a new page of it. */
    page_words(r, ui, key, sizeof key, words, sizeof words);
    bool announce = r->announce || screen != r->seen_screen || strcmp(key, r->seen_page) != 0;
    r->announce = false;
    r->seen_screen = screen;
    copy(r->seen_page, sizeof r->seen_page, key);
    if (r->on && r->just_on) {
        s.first = true;
        say(&s, tr(S_SPEECH_ON));
        announce = true;
    }
    r->just_on = false;
    if (r->on && announce)
        say_parts(&s, words);
    /* 3. A dialog that appears. */
    int d = open_dialog(ui);
    const char *did = d >= 0 ? ui->elements[d].id : "";
    if (strcmp(did, r->seen_dialog) != 0 && d >= 0 && r->on) {
        dialog_words(r, ui, d, words, sizeof words);
        s.first = true; /* it covers everything: read it at once */
        say(&s, words);
    }
    copy(r->seen_dialog, sizeof r->seen_dialog, did);
    /* 4. Status words that appear (a reference, a problem). */
    status_words(r, ui, words, sizeof words);
    if (strcmp(words, r->seen_status) != 0) {
        if (r->on && !announce && words[0])
            say(&s, words);
        copy(r->seen_status, sizeof r->seen_status, words);
    }
    /* 5. Focus that moves: the keys' focus once a key has been used (the ring shows),
     * else the text field being typed into (a touch is read by what it lifts from). */
    const char *fid = "";
    uint32_t want = ui->nav_shown ? ui->nav : ui->focus;
    for (size_t i = 0; want && i < ui->nelements; i++) {
        const UiElement *e = &ui->elements[i];
        if (e->interactive && ui_id(e->id) == want) {
            fid = e->id;
            if (strcmp(fid, r->seen_focus) != 0 && r->on) {
                describe(r, ui, i, words, sizeof words);
                if (strcmp(words, r->last) != 0) /* a tap that focuses: said once */
                    say_in(&s, e->lang, words);
            }
            break;
        }
    }
    copy(r->seen_focus, sizeof r->seen_focus, fid);
    /* 6. What is typed. */
    echo_typing(r, ui, &s);
    mem_wipe(words, sizeof words);
}

/* ==== the controls ==== */

void read_aloud_set_on(ReadAloud *r, bool on)
{
    if (on == r->on)
        return;
    r->on = on;
    r->just_on = on;
    if (!on)
        read_aloud_stop(r);
}

void read_aloud_repeat(ReadAloud *r, const char *lang)
{
    if (!r->on || !r->last[0])
        return;
    char again[SPEECH_TEXT_MAX];
    copy(again, sizeof again, r->last);
    Saying s = {r, lang, true};
    say(&s, again);
    mem_wipe(again, sizeof again);
}

void read_aloud_stop(ReadAloud *r)
{
    if (r->engine)
        speech_stop(r->engine);
}

static int step(int v, int delta)
{
    v += delta;
    return v < -READ_STEPS ? -READ_STEPS : v > READ_STEPS ? READ_STEPS : v;
}

/* Says a control's name at the new setting; Repeat still repeats what came before. */
static void say_setting(ReadAloud *r, const char *lang, const char *name)
{
    if (!r->on)
        return;
    char keep[SPEECH_TEXT_MAX];
    copy(keep, sizeof keep, r->last);
    Saying s = {r, lang, true};
    say(&s, name);
    copy(r->last, sizeof r->last, keep);
    mem_wipe(keep, sizeof keep);
}

void read_aloud_volume_step(ReadAloud *r, int delta, const char *lang, const char *name)
{
    r->volume = step(r->volume, delta);
    say_setting(r, lang, name);
}

void read_aloud_rate_step(ReadAloud *r, int delta, const char *lang, const char *name)
{
    r->rate = step(r->rate, delta);
    say_setting(r, lang, name);
}

void read_aloud_status(ReadAloud *r, const char *lang, const char *text)
{
    Saying s = {r, lang, true};
    if (r->on)
        say(&s, text);
}

void read_aloud_forget(ReadAloud *r)
{
    Speech *engine = r->engine;
    bool headset = r->headset;
    if (engine)
        speech_stop(engine);
    mem_wipe(r, sizeof *r);
    r->engine = engine;
    r->headset = headset;
    r->seen_screen = -1;
}
