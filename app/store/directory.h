/* directory.h: support groups, local services and information pages as the kiosk
 * holds them in memory (part of the Site, see site.h; everything lives in the Site's
 * arena). Services are shaped after Open Referral UK: service, organization, location
 * (on this site, as a destination, or an address outside), phone, schedule and
 * taxonomy term (our categories). Inactive and defunct services never reach the store;
 * temporarily closed ones do, marked as closed. Pages are parsed from light markup
 * (CommonMark, by cmark) into blocks when the content is built. */
#ifndef SIGNPOST_DIRECTORY_H
#define SIGNPOST_DIRECTORY_H

#include "schedule.h"

#include <stdbool.h>
#include <stddef.h>

typedef struct Category {          /* ORUK taxonomy_term */
    const char *id, *label, *description; /* "bereavement", "Bereavement", "..." */
    size_t nservices;              /* how many services are in it (a store fills it) */
} Category;

typedef struct Organization {
    const char *id, *name, *description, *url, *email; /* url, email may be "" */
} Organization;

typedef enum ServiceStatus { SERVICE_ACTIVE, SERVICE_TEMPORARILY_CLOSED } ServiceStatus;

typedef struct ServicePhone {
    const char *number;      /* as written, UK style: "01632 960123" */
    const char *description; /* "Helpline", may be "" */
} ServicePhone;

typedef struct Service {
    const char *id, *name, *description;
    int organization;            /* index into organizations, -1 none */
    ServiceStatus status;
    const char *alert;           /* notice to show, may be "" */
    const char *eligibility;     /* who it is for, in words, may be "" */
    int min_age, max_age;        /* -1 when not given */
    const char *fees;            /* cost in words ("Free"), may be "" */
    const char *languages;       /* "English, Polish, BSL", may be "" */
    const char *url, *email;     /* may be "" */
    ServicePhone *phones;
    size_t nphones;
    int destination;             /* where on this site: index into destinations, -1 off site */
    const char *address;         /* outside: one line, may be "" (phone or online only) */
    const char *attending;       /* "In person", "Phone", "Online", ... may be "" */
    Schedule *schedules;
    size_t nschedules;
    int *categories;             /* indices into categories */
    size_t ncategories;
    CivilDate assured;           /* when the entry was last checked; year 0 = unknown */
} Service;

typedef enum PageBlockKind {
    PAGE_HEADING,   /* level 1..3 */
    PAGE_PARAGRAPH,
    PAGE_BULLET,    /* level = nesting depth from 1 */
    PAGE_NUMBERED,  /* level = the item's number */
    PAGE_LINK       /* a button to another screen: target "page:ID", "service:ID", "place:ID" */
} PageBlockKind;

typedef struct PageBlock {
    PageBlockKind kind;
    int level;
    const char *text;   /* plain text; a web link shows as "words (example.org/path)" */
    const char *target; /* PAGE_LINK only, else "" */
} PageBlock;

typedef struct Page {
    const char *id, *title, *summary; /* summary: one line for lists and search */
    const char *url;                   /* its web version, for the QR code; may be "" */
    PageBlock *blocks;
    size_t nblocks;
} Page;

#endif
