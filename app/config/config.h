/* config.h: the kiosk's configuration, read from an INI file (kiosk-config/kiosk.conf)
 * with inih. Every key has a compiled default, so an empty file is a working config.
 * An unknown section or key, a bad or out-of-range value, a repeated key or a line
 * that is not "key = value" is reported as "file:line: message" saying what is
 * allowed; every problem in the file is reported, and the whole file is refused (the
 * caller decides whether to stop). Relative paths in the file are resolved against the
 * directory holding the file. Owned by the config module; kiosk-config/kiosk.conf is
 * the commented sample. */
#ifndef SIGNPOST_CONFIG_H
#define SIGNPOST_CONFIG_H

#include "diag.h"

#include <stdbool.h>

enum { CONFIG_PATH_MAX = 1024, CONFIG_ID_MAX = 64, CONFIG_LANG_MAX = 16, CONFIG_LANG_LEN = 8 };

typedef struct KioskConfig {
    /* [kiosk] */
    char kiosk_id[CONFIG_ID_MAX];      /* location = id from kiosks.csv; "" = first kiosk */
    char languages[CONFIG_LANG_MAX][CONFIG_LANG_LEN]; /* languages = en, cy, ...: the
                                        * languages offered, BCP 47 codes (config_known_language) */
    int nlanguages;                    /* default: 1, just "en" */
    char default_language[CONFIG_LANG_LEN]; /* default_language = en: one of languages;
                                        * every new person starts in it */
    /* [display] */
    bool fullscreen;                   /* fullscreen = true */
    int width, height;                 /* window size when windowed; 1920x1080 */
    bool kiosk_mode;                   /* kiosk_mode = true: ignore quit and close */
    double pixels_per_mm;              /* pixels_per_mm = 4.0 (21.5" 1080p), 1.0 to 40.0:
                                        * sizes touch targets to at least 9 mm */
    /* [timeouts] */
    int idle_timeout_s;                /* idle_seconds = 90 (15..3600): return home, forget */
    int idle_warning_s;                /* still_there_seconds = 20 (5..300, < idle) */
    /* [paths] */
    char content_store[CONFIG_PATH_MAX]; /* content = ../build/content.db */
    char font_regular[CONFIG_PATH_MAX];  /* font_regular = .../NotoSans-Regular.ttf */
    char font_bold[CONFIG_PATH_MAX];     /* font_bold = .../NotoSans-Bold.ttf */
    /* Fonts for other scripts (regular; the bold file is found beside it). */
    char font_arabic[CONFIG_PATH_MAX];   /* font_arabic = .../NotoNaskhArabic-Regular.ttf */
    char font_urdu[CONFIG_PATH_MAX];     /* font_urdu = .../NotoNastaliqUrdu-Regular.ttf */
    char font_bengali[CONFIG_PATH_MAX];  /* font_bengali = .../NotoSansBengali-Regular.ttf */
    char font_gurmukhi[CONFIG_PATH_MAX]; /* font_gurmukhi = .../NotoSansGurmukhi-Regular.ttf */
    char content_public_key[CONFIG_PATH_MAX]; /* content_public_key = "": when set, the
                                        * signing public key the content store's .sig
                                        * must match (signpostctl keys new-signing) */
    char assets_dir[CONFIG_PATH_MAX];    /* assets = the source tree's assets/ folder
                                        * (SIGNPOST_ASSETS_DIR): pictograms/, illustrations/ */
    /* [concerns] */
    char outbox[CONFIG_PATH_MAX];        /* outbox = ../build/outbox.db: sealed concerns */
    char pals_public_key[CONFIG_PATH_MAX]; /* public_key = demo-keys/pals-public.key */
    /* [theme] */
    double text_scale;                 /* text_scale = 1.0, from 0.75 to 2.0 */
    bool high_contrast;                /* high_contrast = false */
    /* [log] */
    int log_level;                     /* level = info (debug, info, warning, error) */
    /* [staff] */
    char staff_pin_hash[128];          /* pin_hash = "": Argon2id of the staff PIN
                                        * (signpostctl staff pin-hash); "" = no staff mode */
    char staff_audit_log[CONFIG_PATH_MAX]; /* audit_log = ../build/staff-audit.log */
    char staff_export_dir[CONFIG_PATH_MAX]; /* export_dir = /media/signpost: where the
                                        * removable drive for collecting concerns is */
    bool staff_export_must_be_drive;   /* export_must_be_drive = true: export_dir must be
                                        * a mounted drive, not a folder on the kiosk's disk */
} KioskConfig;

/* The language codes the kiosk has interface catalogues for ("en", "cy", "pl", "ur",
 * "ar", "bn", "pa", "ro", "so"), and each one's name in its own language and script;
 * NULL past the end. */
const char *config_language_code(int i);
const char *config_language_name(const char *code); /* NULL when unknown */

/* Fills cfg with the compiled defaults. */
void config_defaults(KioskConfig *cfg);

/* Reads path over the values already in cfg. Problems are added to diags (which the
 * caller owns); returns 0 when there were none, -1 otherwise (a key with a bad value
 * keeps the value it had, the default when cfg came from config_defaults()). A missing
 * file is one error naming it, with line 0. After a file is read, any path in cfg that
 * is still relative (the compiled default content, outbox and public key paths are) is
 * taken as relative to the file's directory too. Lines longer than inih's buffer (197 characters) are
 * reported rather than split. */
int config_load(const char *path, KioskConfig *cfg, DiagList *diags);

/* Parses "1920x1080" (or "1920X1080"), width 320 to 7680 and height 240 to 4320;
 * returns 0, or -1 leaving *w and *h alone. */
int config_parse_size(const char *s, int *w, int *h);

#endif
