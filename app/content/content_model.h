/* content_model.h: the content sources as the build holds them between reading and
 * writing: one array per table, rows in file order with their line numbers, references
 * already turned into array indices. Internal to app/content:
 *   content_fields.c  checks one cell (ids, numbers, phone numbers, web addresses)
 *   content_load.c    reads site.ini and every table into the model
 *   content_check.c   checks across tables (routes from every kiosk, floor plans)
 *   content_write.c   writes the model into a new content store
 *   content_services.c  the support-and-services directory: reads, checks, writes
 *   content_pages.c   information pages (pages/<id>.md): reads, checks links, writes
 *   content_synonyms.c  synonyms.csv: reads, checks, writes (and the search vocabulary)
 *   content.c         the public content_build() and content_check() */
#ifndef SIGNPOST_CONTENT_MODEL_H
#define SIGNPOST_CONTENT_MODEL_H

#include "csv_table.h"
#include "diag.h"
#include "hours.h"
#include "mem.h"
#include "route.h"
#include "schedule.h"
#include "site.h" /* TrTable, TrColumn */

#include <stdbool.h>
#include <stddef.h>

/* ==== ids ==== */

/* Ids of one table, for duplicate checks and references. */
typedef struct IdEntry {
    const char *id; /* NULL for an empty slot */
    int index;      /* index in the model's array, or -1 for a row with problems */
    int line;       /* where it was defined */
} IdEntry;

typedef struct IdIndex {
    IdEntry *slots;
    size_t cap, len;
} IdIndex;

void id_index_release(IdIndex *ix);
/* Adds an id. Returns 0, 1 when it was there already (*first = its entry), -1 when
 * out of memory. */
int id_index_put(IdIndex *ix, const char *id, int index, int line, const IdEntry **first);
const IdEntry *id_index_get(const IdIndex *ix, const char *id);

/* ==== rows ==== */

typedef struct SrcBuilding {
    const char *id, *name;
    int line;
} SrcBuilding;

typedef struct SrcFloor {
    const char *id, *name;
    int building;       /* index into buildings */
    int level;
    int plan_w, plan_h; /* 0 when the floor has no plan */
    int line;
    size_t nshapes;     /* counted while reading plans.csv */
    /* The floor's drawing (plans.csv kind `drawing`), rendered to PNG; NULL without. */
    unsigned char *drawing; /* owned; freed by content_model_release */
    size_t drawing_len;
    int drawing_px_w, drawing_px_h;
    bool has_drawing;   /* a drawing row names it (rendered or not) */
    const char *drawing_file; /* its path inside the content folder, for messages */
} SrcFloor;

typedef struct SrcWaypoint {
    const char *id, *landmark;
    int floor;          /* index into floors */
    double x, y;
    int line;
    size_t npaths;      /* paths that start or end here */
} SrcWaypoint;

typedef struct SrcPath {
    int from, to;       /* indices into waypoints */
    PathKind kind;
    double length_m;
    const char *instruction;
    const char *back;   /* walking to -> from; NULL when ONE-WAY */
    int line;
} SrcPath;

typedef struct SrcType {
    const char *id, *label;
    int line;
    size_t ndestinations;
} SrcType;

typedef struct SrcDestination {
    const char *id, *name, *hours_text, *accessibility, *phone, *web, *summary, *keywords;
    int type, floor, waypoint; /* indices */
    Hours hours;
    int line;
} SrcDestination;

typedef struct SrcKiosk {
    const char *id, *name;
    int waypoint;
    int line;
} SrcKiosk;

typedef struct SrcShape {
    int floor;
    const char *kind, *label;
    double x, y, w, h;
    int line;
} SrcShape;

/* One translated cell: column `column` of row `id` of table `table` in `lang`
 * (content_trans.c). */
typedef struct SrcTrans {
    int table, column;  /* TrTable, TrColumn (site.h) */
    const char *id, *lang, *text;
} SrcTrans;

enum { CONTENT_LANGS_MAX = 16 };

/* A table's file and ids, whether or not it could be read. */
typedef struct SrcTable {
    const char *file;  /* "floors.csv" */
    char *path;        /* "<dir>/floors.csv", for messages; owned */
    bool loaded;       /* read and understood: references into it can be checked */
    IdIndex ids;
    int colnum[16];    /* spreadsheet column number of each known column, 0 if absent */
    size_t dropped;    /* rows left out of the model because of their problems */
} SrcTable;

/* The columns of each table, in the order the FORMAT.md documents them. Indices are
 * the enum values below. */
enum { BUILDING_ID, BUILDING_NAME, BUILDING_NCOLS };
enum { FLOOR_ID, FLOOR_BUILDING, FLOOR_LEVEL, FLOOR_NAME, FLOOR_PLAN_W, FLOOR_PLAN_H,
       FLOOR_NCOLS };
enum { WAYPOINT_ID, WAYPOINT_FLOOR, WAYPOINT_X, WAYPOINT_Y, WAYPOINT_LANDMARK,
       WAYPOINT_NCOLS };
enum { PATH_FROM, PATH_TO, PATH_KIND, PATH_LENGTH, PATH_INSTRUCTION, PATH_BACK,
       PATH_NCOLS };
enum { TYPE_ID, TYPE_LABEL, TYPE_NCOLS };
enum { DEST_ID, DEST_NAME, DEST_TYPE, DEST_FLOOR, DEST_WAYPOINT, DEST_HOURS, DEST_ACCESS,
       DEST_PHONE, DEST_WEB, DEST_SUMMARY, DEST_KEYWORDS, DEST_NCOLS };
enum { KIOSK_ID, KIOSK_NAME, KIOSK_WAYPOINT, KIOSK_NCOLS };
enum { SHAPE_FLOOR, SHAPE_KIND, SHAPE_X, SHAPE_Y, SHAPE_W, SHAPE_H, SHAPE_LABEL,
       SHAPE_NCOLS };

typedef struct ContentModel {
    Arena arena;          /* owns every string of the model */
    DiagList *diags;
    const char *dir;
    char *site_path;      /* "<dir>/site.ini"; owned */
    const char *site_name, *site_phone, *site_web, *reception; /* "" when not given */
    const char *site_pals_phone;  /* [site] pals_phone, "" when not given */
    const char *site_address, *site_county; /* [site] address and county (for the Open
                                             * Referral export), "" when not given */
    struct SrcDirectory *directory; /* support services (content_services.c); owned */
    struct SrcPages *pages;         /* information pages (content_pages.c); owned */
    struct SrcSynonyms *synonyms;   /* synonyms.csv (content_synonyms.c); owned */
    struct Progress *progress;      /* a terminal progress bar, or NULL; borrowed */
    const char *site_languages;     /* [site] languages ("cy, pl, ur"), "" when not given */
    int site_languages_line;        /* its line in site.ini, for messages */
    /* The content's languages besides English: [site] languages, or else every
     * language a translation is in (content_trans.c). */
    const char *langs[CONTENT_LANGS_MAX];
    size_t nlangs;
    SrcTrans *trans; size_t ntrans, captrans; /* sorted by table, id, column, lang once
                                               * content_check_translations() ran */

    SrcTable tbuildings, tfloors, twaypoints, tpaths, ttypes, tdestinations, tkiosks, tplans;
    SrcBuilding *buildings; size_t nbuildings, capbuildings;
    SrcFloor *floors; size_t nfloors, capfloors;
    SrcWaypoint *waypoints; size_t nwaypoints, capwaypoints;
    SrcPath *paths; size_t npaths, cappaths;
    SrcType *types; size_t ntypes, captypes;
    SrcDestination *destinations; size_t ndestinations, capdestinations;
    SrcKiosk *kiosks; size_t nkiosks, capkiosks;
    SrcShape *shapes; size_t nshapes, capshapes;
} ContentModel;

void content_model_init(ContentModel *m, const char *dir, DiagList *diags);
/* Frees everything the model owns: its tables, rows and arena, and its two parts
 * through their own release functions (src_directory_free, src_pages_free), which
 * know only their part. */
void content_model_release(ContentModel *m);
/* Frees a table's path and ids (the table itself is not freed). */
void src_table_release(SrcTable *t);

/* ==== content_fields.c: checking one cell ==== */

/* Where a cell is, for messages. */
typedef struct Cell {
    ContentModel *m;
    const CsvTable *t;
    const CsvRow *row;
    const char *path; /* file for messages */
} Cell;

const char *cell_text(const Cell *c, size_t col);
int cell_column(const Cell *c, size_t col);
void cell_error(const Cell *c, size_t col, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 3, 4)))
#endif
    ;
void cell_warning(const Cell *c, size_t col, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 3, 4)))
#endif
    ;

/* Each returns true when the cell is acceptable, and otherwise reports why. */
bool cell_required(const Cell *c, size_t col, const char *what, const char **out);
bool cell_id(const Cell *c, size_t col, const char **out);
bool cell_int(const Cell *c, size_t col, long min, long max, bool required, long *out);
bool cell_number(const Cell *c, size_t col, double min, double max, bool required,
                 double *out);
bool cell_phone(const Cell *c, size_t col, const char **out);
bool cell_web(const Cell *c, size_t col, const char **out);
/* Looks up the id in `col` in another table. Returns the row index; -1 when the cell
 * is empty or the id unknown (both reported) or names a row that had problems of its
 * own, or the other table could not be read (not reported again). */
int cell_ref(const Cell *c, size_t col, const SrcTable *target, const char *what);

/* The same rules for site.ini values, and the message for a value that breaks them. */
bool text_is_phone(const char *s);
bool text_is_web(const char *s);
/* True for a well-formed id (lower-case letters, digits, inner hyphens, at most 64). */
bool text_is_id(const char *s);
/* One @, a dot in the domain, no spaces or separators: an address mail can go to. */
bool text_is_email(const char *s);
/* The build day: SOURCE_DATE_EPOCH when set (repeatable builds, as the store's
 * built_at), otherwise today on this computer's calendar. */
CivilDate content_build_day(void);
/* Edit distance between two ids, for "did you mean"; large when either is long. */
size_t id_distance(const char *a, const char *b);
/* The id in `ix` a volunteer most likely meant by `s`, for "did you mean": the one
 * `s` becomes when written as an id ("Main Entrance" -> "main-entrance"), else the
 * nearest within two edits (the first in A to Z order on a tie); NULL when none. */
const char *id_closest(const IdIndex *ix, const char *s);
void phone_problem(const char *s, char *out, size_t cap);
void web_problem(const char *s, char *out, size_t cap);

/* Appends a zeroed element to a growable array; NULL (and an error) when out of memory. */
void *model_push(ContentModel *m, void **items, size_t *len, size_t *cap, size_t size);

/* ==== content_load.c ==== */

/* Reads site.ini and every table into the model, reporting every problem. */
void content_load(ContentModel *m);

/* Helpers every table reader shares (content_load.c, content_services.c). */
/* A copy of s in the model's arena ("" and an error when out of memory). */
const char *src_keep(ContentModel *m, const char *s);
/* Reads st->file into t. A missing optional file is an empty table; a missing
 * required one is an error. Returns true when there are rows to go through. */
bool src_open_table(ContentModel *m, SrcTable *st, CsvTable *t, const CsvColumn *cols,
                    size_t ncols, bool optional);
/* Checks the row's id (valid, not used before). Returns it, or NULL (reported). */
const char *src_row_id(const Cell *c, size_t col, const SrcTable *st);
/* Remembers a row's id: its index, or -1 for a row with problems, so that rows
 * naming it are not reported a second time. Returns the kept copy. */
const char *src_remember_id(ContentModel *m, const Cell *c, SrcTable *st, const char *id,
                            int index);
/* For a row whose fields could not be used: remember its id when it looks like one. */
void src_remember_bad_row(ContentModel *m, const Cell *c, SrcTable *st, size_t col);

/* ==== content_check.c ==== */

/* Checks across tables: every destination and kiosk reached from every kiosk (and
 * step-free), floor plans with no shapes, waypoints joined to nothing. */
void content_check_model(ContentModel *m);

/* ==== content_services.c: the support-and-services directory ==== */

struct ContentStats;
struct RowWriter;

/* Reads categories.csv, organizations.csv, services.csv and schedules.csv (all
 * optional) after the destinations, checking every cell and reference. */
void content_load_directory(ContentModel *m);
/* Checks across the directory: categories no service uses (warnings). */
void content_check_directory(ContentModel *m);
/* Writes the directory's tables and search rows into the store being built (inside
 * the writer's transaction). A failure is recorded in w (row_writer.h). */
void content_write_directory(const ContentModel *m, struct RowWriter *w);
void content_directory_stats(const ContentModel *m, struct ContentStats *stats);
/* What services.csv says about the service `id`, for links to it from pages. */
typedef enum DirLookup {
    DIR_UNKNOWN = -1, /* cannot be told: services.csv was not read, or its row has
                       * problems of its own (already reported) */
    DIR_MISSING = 0,  /* no such service; *guess is the nearest shown id, or NULL */
    DIR_SHOWN = 1,    /* the kiosk shows it (active or temporarily closed) */
    DIR_HIDDEN = 2,   /* it is there, but inactive or defunct: never shown */
} DirLookup;
DirLookup content_directory_has_service(const ContentModel *m, const char *id,
                                        const char **guess);
/* Frees the directory part of a model (m->directory); NULL is a no-op. Called by
 * content_model_release(). */
void src_directory_free(struct SrcDirectory *d);

/* ==== content_pages.c: information pages ==== */

/* Reads every page <dir>/pages/<id>.md (the folder is optional) into blocks, reporting
 * markup the kiosk cannot show at file:line:column. */
void content_load_pages(ContentModel *m);
/* Checks, once everything is loaded, that each page:, place: and service: link leads
 * somewhere the kiosk shows (a warning otherwise: the kiosk leaves the button out). */
void content_check_pages(ContentModel *m);
/* Writes the page, page_block and search rows into the store being built (inside the
 * writer's transaction). A failure is recorded in w (row_writer.h). */
void content_write_pages(const ContentModel *m, struct RowWriter *w);
void content_pages_stats(const ContentModel *m, struct ContentStats *stats);
/* Frees the pages part of a model (m->pages); NULL is a no-op. Called by
 * content_model_release(). */
void src_pages_free(struct SrcPages *p);

/* ==== content_synonyms.c: synonyms for search ==== */

/* Reads synonyms.csv (optional), checking every row. */
void content_load_synonyms(ContentModel *m);
/* Writes the synonym rows, then the search vocabulary from every search row and
 * synonym (so after the places, services and pages). A failure is recorded in w. */
void content_write_synonyms(const ContentModel *m, struct RowWriter *w);
/* The number of groups read. */
size_t content_synonym_groups(const ContentModel *m);
/* Frees m->synonyms; NULL is a no-op. Called by content_model_release(). */
void src_synonyms_free(struct SrcSynonyms *s);

/* ==== content_trans.c: translations ==== */

/* Reads [site] languages into m->langs, each a language Signpost knows (an error
 * otherwise). Called once site.ini is read. */
void content_trans_site_languages(ContentModel *m);
/* True when lang (a column's or a page file's suffix) is one the content may be
 * translated into; otherwise false, with the reason in why ("'xx' is not a language
 * Signpost knows (cy, pl, ...)"). */
bool content_lang_ok(ContentModel *m, const char *lang, char *why, size_t cap);
/* Checks t's translation columns (name_cy): a column whose suffix is not a language
 * the content may use is a warning naming the file and column, and is left out. */
void src_trans_columns(ContentModel *m, CsvTable *t);
/* Keeps the row's translations (its non-empty translation cells) of table `table`
 * (TrTable) for the row with this id. */
void src_trans_row(ContentModel *m, const Cell *c, int table, const char *id);
/* Sorts the translations and adds the languages found to m->langs when site.ini has
 * none. Called once everything is read. */
void content_check_translations(ContentModel *m);
/* The translation of column `column` of row id in table, in lang, or NULL. */
const char *content_trans_text(const ContentModel *m, int table, const char *id,
                               int column, const char *lang);
/* For the search index: english followed by every translation of the row's name (so a
 * person finds it in their language or in English). A string to mem_free(), or NULL. */
char *content_trans_names(const ContentModel *m, int table, const char *id,
                          const char *english);
/* Writes the translation rows (those of rows the store holds). */
void content_write_translations(const ContentModel *m, struct RowWriter *w);
/* How many of each kind have a translation, per language of m->langs. */
void content_trans_stats(const ContentModel *m, struct ContentStats *stats);
/* The number of pages translated into lang (content_pages.c). */
size_t content_pages_translated(const ContentModel *m, const char *lang);

/* ==== content_write.c ==== */

/* Writes the model as a new store at out_path (via out_path.tmp, synced and renamed).
 * Returns 0, or -1 with a diag saying what failed; the old store is then untouched
 * and no .tmp file remains. */
int content_write_store(const ContentModel *m, const char *out_path);

#endif
