/* concern.h: a concern as a person enters it on the kiosk, the checks on each answer,
 * and its plain-text form for sealing. This is the most precious and most personal
 * data in the system: every text lives in a StrBuf with `wipe` set and a hard limit,
 * concern_clear() wipes all of it, and nothing here writes to disk or to the log.
 *
 * The public categories ("What is it about?") each map to one or more NHS complaints
 * subject areas (NHS England's KO41a return) for PALS's reporting. */
#ifndef SIGNPOST_CONCERN_H
#define SIGNPOST_CONCERN_H

#include "schedule.h"
#include "strbuf.h"

#include <stdbool.h>
#include <stddef.h>

/* What the form is: a concern for PALS, or a request to record a communication need
 * (Accessible Information Standard, plus spoken language and interpreter) on the
 * person's record. Both are sealed and collected the same way. */
typedef enum ConcernKind { KIND_CONCERN, KIND_NEEDS } ConcernKind;

typedef enum ConcernWho { WHO_UNSET, WHO_ME, WHO_SOMEONE_ELSE } ConcernWho;
/* When raising it for someone else: did they agree? */
typedef enum ConcernConsent {
    CONSENT_UNSET,
    CONSENT_YES,
    CONSENT_NO,        /* they have not agreed (PALS can still give general help) */
    CONSENT_CANNOT     /* a child, someone who has died, or who cannot decide */
} ConcernConsent;
typedef enum ContactMethod {
    CONTACT_UNSET, CONTACT_ANONYMOUS, CONTACT_PHONE, CONTACT_EMAIL, CONTACT_POST
} ContactMethod;

/* Needs under the NHS Accessible Information Standard (DCB1605: how a person needs
 * information given to them), as bits. */
enum AisNeed {
    AIS_LARGE_PRINT = 1 << 0,
    AIS_EASY_READ = 1 << 1,
    AIS_BRAILLE = 1 << 2,
    AIS_AUDIO = 1 << 3,
    AIS_BSL_INTERPRETER = 1 << 4,
    AIS_DEAFBLIND_INTERPRETER = 1 << 5,
    AIS_LIPSPEAKER = 1 << 6,
    AIS_HEARING_LOOP = 1 << 7,
    AIS_LONGER_APPOINTMENT = 1 << 8,
    AIS_SUPPORT_FROM_CARER = 1 << 9
};

/* Limits, in bytes of UTF-8. */
enum {
    CONCERN_WHAT_MAX = 2000,
    CONCERN_OUTCOME_MAX = 1000,
    CONCERN_WHERE_MAX = 200,
    CONCERN_NAME_MAX = 100,
    CONCERN_PHONE_MAX = 32,
    CONCERN_EMAIL_MAX = 254,
    CONCERN_ADDRESS_MAX = 300,
    CONCERN_LANGUAGE_MAX = 60,
    CONCERN_OTHER_NEED_MAX = 200
};

typedef struct Concern {
    ConcernKind kind;              /* set before the first answer; concern_init: concern */
    ConcernWho who;
    ConcernConsent consent;        /* only when who == WHO_SOMEONE_ELSE */
    const char *category;          /* a category id from concern_categories(); not owned */
    const char *where_place;       /* a destination id chosen from the list, or NULL */
    const char *where_place_name;  /* that destination's name (not owned), for PALS */
    StrBuf where_text;             /* or typed */
    CivilDate when;                /* picked; year 0 = not said */
    StrBuf what;                   /* what happened */
    StrBuf outcome;                /* what would help put it right */
    ContactMethod contact;
    StrBuf name, phone, email, address;
    unsigned ais_needs;            /* AisNeed bits */
    StrBuf other_need;
    StrBuf language;               /* preferred language, "" = English */
    bool interpreter;              /* needs a spoken-language interpreter */
    bool consent_to_share;         /* PALS may share it with the team involved */
} Concern;

/* Sets up an empty concern (every StrBuf with wipe and its limit). */
void concern_init(Concern *c);
/* Wipes and frees every answer, leaving an empty concern (init state). */
void concern_clear(Concern *c);

typedef struct ConcernCategory {
    const char *id;        /* "care", "communication", ... */
    const char *label;     /* public words, from the string catalogue */
    const char *ko41a[4];  /* KO41a subject areas, NULL-terminated */
} ConcernCategory;
/* The categories in display order; *n receives the count. */
const ConcernCategory *concern_categories(size_t *n);

typedef struct ConcernAisNeed {
    unsigned bit;          /* an AisNeed bit */
    const char *code;      /* "large-print", "bsl-interpreter", ...: the code in the JSON */
    const char *label;     /* public words, from the string catalogue */
} ConcernAisNeed;
/* The communication needs in display order; *n receives the count. */
const ConcernAisNeed *concern_ais_needs(size_t *n);

/* Kind, plain messages for a person ("That phone number looks too short. Please check
 * it."). Each returns NULL when the answer is fine. */
const char *concern_check_phone(const char *phone);
const char *concern_check_email(const char *email);
const char *concern_check_when(CivilDate when, CivilDate today); /* not in the future */
/* Checks the whole concern (or needs request) before review; NULL when it can be sent. */
const char *concern_check(const Concern *c, CivilDate today);
/* The checks of a needs request's two questions: some need given; a name and a way
 * to reach the person (never anonymous: the record needs someone to attach to). */
const char *concern_check_needs(const Concern *c);
const char *concern_check_needs_contact(const Concern *c);
/* "concern" or "communication-needs": the JSON's kind. */
const char *concern_kind_code(ConcernKind kind);

/* What the outbox adds to a concern as it seals it. */
typedef struct ConcernStamp {
    const char *reference;     /* "K7QM-4TX4" */
    const char *submitted_at;  /* ISO 8601 UTC */
    const char *kiosk_id;      /* the kiosk location's id ([kiosk] location) */
    const char *kiosk_name;    /* and its name, for PALS ("Main entrance"); may be NULL */
    const char *receipt_token; /* 32 hex characters, or NULL: proof of collection (the
                                * outbox keeps only its hash; see outbox.h) */
} ConcernStamp;

enum { CONCERN_JSON_VERSION = 3 }; /* 1: before kiosk_name, receipt_token, where_place_name;
                                     * 2: before kind (all were concerns) */

/* The concern as JSON (jansson), UTF-8, for sealing, with the stamp's reference,
 * submitted time, kiosk and receipt token. The caller wipes and frees the text
 * (mem_wipe + free). NULL on out of memory (or text that is not UTF-8, which
 * concern_check() refuses first).
 *
 * One compact object whose keys are always all present, in this order:
 *   version 3, reference, submitted_at, kiosk, kiosk_name, receipt_token (or ""),
 *   kind "concern"|"communication-needs",
 *   assisted (false: typed by the person),
 *   who "me"|"someone-else", consent "yes"|"no"|"cannot" (null unless someone else),
 *   category (an id), ko41a_subjects [..], where_place (id or null), where_place_name
 *   (its name, or null), where_text,
 *   when "YYYY-MM-DD" or null, what, outcome,
 *   contact "anonymous"|"phone"|"email"|"post", name, phone, email, address,
 *   ais_needs ["large-print", ...], other_need, language, interpreter, consent_to_share.
 * Unset choices are null. Contact details travel only with the way of contact chosen
 * (the name with phone, email or post; the phone number only with phone, ...): the
 * others are "", so an anonymous concern carries no name even if one was typed. */
char *concern_to_json(const Concern *c, const ConcernStamp *stamp);

/* Makes jansson wipe every block it frees (process-wide; safe to call at any time and
 * more than once). concern_to_json() calls it; call it before parsing a concern. */
void concern_json_wipe_freed(void);

#endif
