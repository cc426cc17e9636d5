/* site.h: the content store's data as the kiosk holds it in memory after opening:
 * buildings, floors, waypoints, destinations, kiosks, floor plans and the route graph.
 * Everything (strings included) lives in the Site's arena and is freed by store_close().
 * Indices (floor, waypoint, type...) refer to positions in the arrays here. */
#ifndef SIGNPOST_SITE_H
#define SIGNPOST_SITE_H

#include "hours.h" /* OpeningSpan */
#include "mem.h"
#include "directory.h"
#include "route.h"

#include <stddef.h>
#include <stdint.h>

typedef struct Building {
    const char *id, *name;
} Building;

typedef struct Floor {
    const char *id, *name; /* name as shown: "Ground floor" */
    int building;          /* index into buildings */
    int level;             /* 0 ground, 1 first, -1 lower ground */
    int plan_w, plan_h;    /* plan coordinate extent; 0 when the floor has no plan */
    /* The floor's drawing (plans.csv kind `drawing`): a PNG the content build made from
     * the SVG, covering (0, 0) to (plan_w, plan_h); NULL when drawn from rectangles. */
    const unsigned char *drawing;
    size_t drawing_len;
    int drawing_px_w, drawing_px_h; /* the picture's size in pixels */
} Floor;

typedef struct Waypoint {
    const char *id;
    const char *landmark; /* "the main lifts", may be "" */
    int floor;            /* index into floors */
    double x, y;          /* plan coordinates */
} Waypoint;

typedef struct DestType {
    const char *id, *label; /* "clinic", "Clinics" */
} DestType;

typedef struct Destination {
    const char *id, *name, *summary;
    const char *hours_text;    /* opening hours as the content wrote them, "" = not given */
    const char *accessibility; /* notes, may be "" */
    const char *phone, *web;   /* may be "" */
    int type;                  /* index into types */
    int floor;                 /* index into floors */
    int waypoint;              /* index into waypoints */
    OpeningSpan *spans;        /* parsed hours; nspans 0 with hours_text "" = unknown */
    size_t nspans;
    bool always_open;          /* "24 hours" */
} Destination;

typedef struct Kiosk {
    const char *id, *name;
    int waypoint;
} Kiosk;

typedef struct PlanShape {
    const char *kind;  /* "room", "corridor", "lift", "stairs", "outline", "toilet"... */
    const char *label; /* may be "" */
    int floor;
    double x, y, w, h; /* plan coordinates */
} PlanShape;

/* ==== translations (store_trans.c) ==== */

/* The tables and columns whose words may be translated (the store's translation
 * table names them by tr_table_name() and tr_column_name()). */
typedef enum TrTable { TR_DEST_TYPE, TR_DESTINATION, TR_CATEGORY, TR_SERVICE,
                       TR_NTABLES } TrTable;
typedef enum TrColumn { TR_NAME, /* "name", or "label" for types and categories */
                        TR_SUMMARY, TR_ACCESSIBILITY, TR_DESCRIPTION, TR_ELIGIBILITY,
                        TR_FEES, TR_ATTENDING, TR_ALERT, TR_NCOLUMNS } TrColumn;
/* "dest_type", "destination", "category", "service". */
const char *tr_table_name(TrTable t);
/* The store's and the CSV file's column: "label" for TR_NAME of types and categories,
 * else "name", "summary", "accessibility", "description"... */
const char *tr_column_name(TrTable t, TrColumn c);
/* The table and column named so; -1 when none (tr_column_parse also gives -1 for a
 * column that table has no translations of). */
int tr_table_parse(const char *s);
int tr_column_parse(TrTable t, const char *s);

/* One translated text: key = language (index into Site.tr_langs) << 48 | table << 40 |
 * column << 32 | row index. Sorted by key. */
typedef struct SiteText {
    uint64_t key;
    const char *text;
} SiteText;

/* A page in another language, beside its English page. */
typedef struct PageTr {
    int page;          /* index into pages */
    int lang;          /* index into Site.tr_langs */
    Page tr;           /* id as the English page's; title, summary, blocks translated */
} PageTr;

typedef struct Site {
    Arena arena; /* owns everything below */
    const char *name, *phone, *web, *reception; /* site.ini [site] */
    const char *content_version;                /* build time stamp, for staff */
    Building *buildings; size_t nbuildings;
    Floor *floors; size_t nfloors;
    Waypoint *waypoints; size_t nwaypoints;
    DestType *types; size_t ntypes;
    Destination *destinations; size_t ndestinations; /* sorted A to Z by name */
    Kiosk *kiosks; size_t nkiosks;
    PlanShape *shapes; size_t nshapes;                /* grouped by floor */
    RouteEdge *edges; size_t nedges;                 /* as in the graph */
    RouteGraph *graph;                               /* owned */
    /* The directory (see directory.h). */
    Category *categories; size_t ncategories;        /* in file order */
    Organization *organizations; size_t norganizations;
    /* Sorted A to Z by name. A Site loaded from a store has only their number
     * (services NULL): the kiosk reads each from the store when it is asked for
     * (store_service()), so a directory of any size costs little memory. */
    Service *services; size_t nservices;
    Page *pages; size_t npages;                      /* in file order */
    const char *pals_phone;                          /* site.ini [site] pals_phone, may be "" */
    /* Destination indices in id order, so site_find_destination() can bisect
     * (store_search() maps every hit through it). NULL in a Site built by hand:
     * the lookup then scans. */
    int *dest_by_id;
    /* Translations of the content (store_trans.c): only those that exist, so a kiosk
     * with none pays nothing. */
    const char **tr_langs; size_t ntr_langs;         /* the languages they are in */
    SiteText *texts; size_t ntexts;                  /* sorted by key */
    PageTr *page_trs; size_t npage_trs;              /* sorted by lang, then page */
} Site;

/* Lookups by id; -1 when absent. Kiosks and types are scanned (a handful);
 * destinations are bisected through dest_by_id when it is set. */
int site_find_kiosk(const Site *s, const char *id);
int site_find_destination(const Site *s, const char *id);
int site_find_type(const Site *s, const char *id);
int site_find_service(const Site *s, const char *id);
int site_find_page(const Site *s, const char *id);
int site_find_category(const Site *s, const char *id);

/* The words of row `index` of table t, column c, in language lang (BCP 47): the
 * translation when the content has one, else `english` (the row's own field). For
 * English (NULL, "" or "en") and for an empty `english`, `english` itself. When the
 * English is shown in place of a missing translation, *fallback (may be NULL) is set to
 * true; it is never set to false, so a screen can gather it over all its words. */
const char *site_text(const Site *s, const char *lang, TrTable t, TrColumn c, int index,
                      const char *english, bool *fallback);
/* True when the content has any translation in lang. */
bool site_has_language(const Site *s, const char *lang);
/* Page `index` in lang: its translation when there is one, else the English page (and
 * *fallback set to true when lang is not English). */
const Page *site_page(const Site *s, const char *lang, int index, bool *fallback);

#endif
