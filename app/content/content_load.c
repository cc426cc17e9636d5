/* content_load.c: reads site.ini and each content table into the model, checking
 * every cell (content_fields.c) and every reference to another table, and collecting
 * all problems rather than stopping at the first. Tables are read in dependency order
 * (buildings before floors before waypoints...) so references can be resolved as they
 * are met. A row with a problem is left out of the model, but its id is remembered so
 * that rows naming it do not report a second, confusing error. Each file read is a
 * step of the progress bar, when the build has one. */
#include "content.h"
#include "content_model.h"
#include "err.h"
#include "files.h"

#include "handoff.h"
#include "plansvg.h"
#include "progress.h"
#include "utf8.h"

#include <ini.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

/* ==== helpers ==== */

const char *src_keep(ContentModel *m, const char *s)
{
    const char *copy = arena_strdup(&m->arena, s);
    if (!copy) {
        diag_add(m->diags, DIAG_ERROR, m->dir, 0, 0, "out of memory while reading content");
        return "";
    }
    return copy;
}

static char *join_path(const char *dir, const char *file)
{
    size_t dlen = strlen(dir);
    bool slash = dlen == 0 || dir[dlen - 1] == '/';
    char *p = mem_alloc(dlen + strlen(file) + 2);
    if (p)
        sprintf(p, "%s%s%s", dir, slash ? "" : "/", file);
    return p;
}

/* Reads a table. Returns true when there are rows to go through. */
bool src_open_table(ContentModel *m, SrcTable *st, CsvTable *t, const CsvColumn *cols,
                       size_t ncols, bool optional)
{
    t->suggest_columns = true; /* a renamed column is an error, never data left out */
    int rc = csv_table_read(t, m->dir, st->file, cols, ncols, m->diags);
    st->path = join_path(m->dir, st->file);
    for (size_t c = 0; c < ncols && c < sizeof st->colnum / sizeof st->colnum[0]; c++)
        st->colnum[c] = csv_column_number(t, c);
    if (rc == 1) {
        if (!optional)
            diag_add(m->diags, DIAG_ERROR, t->path, 0, 0, "this file is missing; every "
                     "content folder needs it (see content/FORMAT.md)");
        st->loaded = optional;
        return false;
    }
    st->loaded = rc == 0;
    return rc == 0;
}

/* Reports a table that must have rows but has none. */
static void require_rows(ContentModel *m, const SrcTable *st, const CsvTable *t,
                         size_t nrows, const char *what)
{
    if (st->loaded && nrows == 0 && t->path)
        diag_add(m->diags, DIAG_ERROR, t->path, 0, 0, "there are no %s; add at least one "
                 "row under the header", what);
}

/* Checks the row's id (valid, not used before). Returns the id, or NULL (reported). */
const char *src_row_id(const Cell *c, size_t col, const SrcTable *st)
{
    const char *id;
    if (!cell_id(c, col, &id))
        return NULL;
    const IdEntry *e = id_index_get(&st->ids, id);
    if (e) {
        cell_error(c, col, "the id '%s' is already used on line %d; each id in %s must be "
                   "different", id, e->line, st->file);
        return NULL;
    }
    return id;
}

/* Remembers the id of a row: index into the model, or -1 when the row had problems. */
const char *src_remember_id(ContentModel *m, const Cell *c, SrcTable *st,
                               const char *id, int index)
{
    const char *copy = src_keep(m, id);
    if (id_index_put(&st->ids, copy, index, c->row->line, NULL) < 0)
        diag_add(m->diags, DIAG_ERROR, st->path, c->row->line, 0, "out of memory");
    return copy;
}

/* For a row whose fields could not be used: remember its id when it looks like one. */
void src_remember_bad_row(ContentModel *m, const Cell *c, SrcTable *st, size_t col)
{
    const char *id = cell_text(c, col);
    if (id[0] && !id_index_get(&st->ids, id))
        src_remember_id(m, c, st, id, -1);
}

#define PUSH(m, arr) model_push((m), (void **)&(m)->arr, &(m)->n##arr, &(m)->cap##arr, \
                                sizeof(*(m)->arr))

/* ==== site.ini ==== */

typedef struct IniReader {
    ContentModel *m;
    const char *buf;
    size_t len, pos;
    int line;               /* line handed to inih last */
    bool line_continues;    /* that line began with a space: a continued value */
    const char **values[8]; /* name, phone, web, reception, pals_phone, address, county,
                             * languages */
    int value_lines[8];
} IniReader;

enum { SITE_NKEYS = 8 };
static const char *const site_keys[SITE_NKEYS] = {"name", "phone", "web", "reception",
                                                  "pals_phone", "address", "county",
                                                  "languages"};

static char *ini_read_line(char *str, int num, void *stream)
{
    IniReader *r = stream;
    if (r->pos >= r->len || num < 2)
        return NULL;
    r->line++;
    const char *start = r->buf + r->pos;
    size_t rest = r->len - r->pos;
    const char *nl = memchr(start, '\n', rest);
    size_t linelen = nl ? (size_t)(nl - start) + 1 : rest;
    size_t take = linelen < (size_t)num - 1 ? linelen : (size_t)num - 1;
    if (take < linelen) {
        diag_add(r->m->diags, DIAG_ERROR, r->m->site_path, r->line, 0,
                 "this line is longer than %d characters; shorten it", num - 2);
        memcpy(str, "\n", 2); /* skipped: inih sees an empty line */
    } else {
        memcpy(str, start, take);
        str[take] = '\0';
    }
    r->line_continues = start[0] == ' ' || start[0] == '\t';
    r->pos += linelen;
    return str;
}

static int ini_on_value(void *user, const char *section, const char *name, const char *value)
{
    IniReader *r = user;
    ContentModel *m = r->m;
    if (!section[0]) {
        diag_add(m->diags, DIAG_ERROR, m->site_path, r->line, 0, "'%s' comes before any "
                 "section; put a [site] line above the settings", name);
        return 1;
    }
    if (strcasecmp(section, "site") != 0) {
        diag_add(m->diags, DIAG_WARNING, m->site_path, r->line, 0, "section [%s] is not one "
                 "Signpost uses, so '%s' is ignored; the settings go under [site]", section,
                 name);
        return 1;
    }
    size_t k = 0;
    while (k < SITE_NKEYS && strcasecmp(name, site_keys[k]) != 0)
        k++;
    if (k == SITE_NKEYS) {
        diag_add(m->diags, DIAG_WARNING, m->site_path, r->line, 0, "setting '%s' is not one "
                 "Signpost uses, so it is ignored (the settings are name, phone, web, "
                 "reception, pals_phone, address, county and languages)", name);
        return 1;
    }
    const char **dst = r->values[k];
    if (r->value_lines[k] && r->line_continues) {
        /* A long value continued on an indented line: join with a space. */
        char *joined = arena_printf(&m->arena, "%s %s", *dst, value);
        if (joined)
            *dst = joined;
        return 1;
    }
    if (r->value_lines[k])
        diag_add(m->diags, DIAG_ERROR, m->site_path, r->line, 0, "'%s' is set twice (also on "
                 "line %d); remove one", site_keys[k], r->value_lines[k]);
    r->value_lines[k] = r->line;
    *dst = src_keep(m, value);
    return 1;
}

static void load_site_text(ContentModel *m, const char *buf, size_t len);

/* Reads site.ini. */
static void load_site(ContentModel *m)
{
    m->site_path = join_path(m->dir, "site.ini");
    if (!m->site_path) {
        diag_add(m->diags, DIAG_ERROR, m->dir, 0, 0, "out of memory");
        return;
    }
    /* file_read: a named pipe, a device or a link to nothing is refused, never waited on. */
    enum { SITE_MAX = 16383 };
    char *buf = NULL;
    size_t len = 0;
    switch (file_read(m->site_path, SITE_MAX, &buf, &len)) {
    case FILE_READ_OK:
        break;
    case FILE_READ_MISSING:
        diag_add(m->diags, DIAG_ERROR, m->site_path, 0, 0, "this file is missing; every "
                 "content folder needs one with the site's name (see content/FORMAT.md)");
        return;
    case FILE_READ_TOO_LARGE:
        diag_add(m->diags, DIAG_ERROR, m->site_path, 0, 0, "this file is larger than %d "
                 "bytes; it should hold only the few [site] settings", SITE_MAX);
        return;
    case FILE_READ_FAILED:
        diag_add(m->diags, DIAG_ERROR, m->site_path, 0, 0, "%s", err_msg());
        return;
    }
    load_site_text(m, buf, len);
    mem_free(buf);
}

/* Parses site.ini's text (len bytes, NUL-terminated). */
static void load_site_text(ContentModel *m, const char *buf, size_t len)
{
    /* Find the first line that is not UTF-8, so the message can point at it. */
    int line = 1;
    for (size_t start = 0; start < len;) {
        const char *nl = memchr(buf + start, '\n', len - start);
        size_t end = nl ? (size_t)(nl - buf) : len;
        if (!utf8_valid(buf + start, end - start)) {
            diag_add(m->diags, DIAG_ERROR, m->site_path, line, 0, "this line is not valid "
                     "UTF-8; save the file as UTF-8 in your text editor");
            return;
        }
        start = end + 1;
        line++;
    }
    IniReader r = {.m = m, .buf = buf, .len = len,
                   .values = {&m->site_name, &m->site_phone, &m->site_web, &m->reception,
                              &m->site_pals_phone, &m->site_address, &m->site_county,
                              &m->site_languages}};
    int rc = ini_parse_stream(ini_read_line, &r, ini_on_value, &r);
    if (rc > 0)
        diag_add(m->diags, DIAG_ERROR, m->site_path, rc, 0, "this line is not understood; "
                 "write settings as name = value under a [site] line");
    else if (rc < 0)
        diag_add(m->diags, DIAG_ERROR, m->site_path, 0, 0, "could not read the file (out "
                 "of memory)");
    if (!m->site_name[0])
        diag_add(m->diags, DIAG_ERROR, m->site_path, 0, 0, "the site's name is missing; add "
                 "a line like name = Northgate General Hospital under [site]");
    if (!m->reception[0])
        diag_add(m->diags, DIAG_ERROR, m->site_path, 0, 0, "the reception setting is missing; "
                 "under [site], say where reception is, like reception = Main entrance, "
                 "ground floor");
    char msg[600];
    if (m->site_phone[0] && !text_is_phone(m->site_phone)) {
        phone_problem(m->site_phone, msg, sizeof msg);
        diag_add(m->diags, DIAG_ERROR, m->site_path, r.value_lines[1], 0, "%s", msg);
    }
    if (m->site_web[0] && !text_is_web(m->site_web)) {
        web_problem(m->site_web, msg, sizeof msg);
        diag_add(m->diags, DIAG_ERROR, m->site_path, r.value_lines[2], 0, "%s", msg);
    }
    if (m->site_pals_phone[0] && !handoff_phone_valid(m->site_pals_phone)) {
        phone_problem(m->site_pals_phone, msg, sizeof msg);
        diag_add(m->diags, DIAG_ERROR, m->site_path, r.value_lines[4], 0, "%s", msg);
    }
    m->site_languages_line = r.value_lines[7];
    content_trans_site_languages(m);
}

/* ==== buildings.csv ==== */

static const CsvColumn building_cols[BUILDING_NCOLS] = {{"id", true}, {"name", true}};

static void load_buildings(ContentModel *m)
{
    CsvTable t;
    csv_table_init(&t);
    SrcTable *st = &m->tbuildings;
    if (src_open_table(m, st, &t, building_cols, BUILDING_NCOLS, false)) {
        for (size_t i = 0; i < t.nrows; i++) {
            Cell c = {m, &t, &t.rows[i], t.path};
            if (t.rows[i].bad) {
                src_remember_bad_row(m, &c, st, BUILDING_ID);
                continue;
            }
            const char *id = src_row_id(&c, BUILDING_ID, st), *name;
            bool ok = cell_required(&c, BUILDING_NAME, "building's name", &name);
            if (!id)
                continue;
            SrcBuilding *b = ok ? PUSH(m, buildings) : NULL;
            id = src_remember_id(m, &c, st, id, b ? (int)m->nbuildings - 1 : -1);
            if (b)
                *b = (SrcBuilding){id, src_keep(m, name), t.rows[i].line};
        }
        require_rows(m, st, &t, t.nrows, "buildings");
    }
    csv_table_release(&t);
}

/* ==== floors.csv ==== */

static const CsvColumn floor_cols[FLOOR_NCOLS] = {
    {"id", true}, {"building", true}, {"level", true}, {"name", true},
    {"plan_width", false}, {"plan_height", false},
};

enum { PLAN_MAX = 100000, LEVEL_MIN = -20, LEVEL_MAX = 200 };

static void load_floors(ContentModel *m)
{
    CsvTable t;
    csv_table_init(&t);
    SrcTable *st = &m->tfloors;
    if (src_open_table(m, st, &t, floor_cols, FLOOR_NCOLS, false)) {
        for (size_t i = 0; i < t.nrows; i++) {
            Cell c = {m, &t, &t.rows[i], t.path};
            if (t.rows[i].bad) {
                src_remember_bad_row(m, &c, st, FLOOR_ID);
                continue;
            }
            const char *id = src_row_id(&c, FLOOR_ID, st), *name;
            long level, pw, ph;
            int building = cell_ref(&c, FLOOR_BUILDING, &m->tbuildings, "building");
            bool ok = building >= 0;
            ok &= cell_int(&c, FLOOR_LEVEL, LEVEL_MIN, LEVEL_MAX, true, &level);
            ok &= cell_required(&c, FLOOR_NAME, "floor's name", &name);
            bool plan_ok = cell_int(&c, FLOOR_PLAN_W, 0, PLAN_MAX, false, &pw);
            plan_ok &= cell_int(&c, FLOOR_PLAN_H, 0, PLAN_MAX, false, &ph);
            if (plan_ok && (pw > 0) != (ph > 0)) {
                cell_error(&c, pw > 0 ? FLOOR_PLAN_H : FLOOR_PLAN_W, "give both plan_width "
                           "and plan_height for a floor with a plan, or leave both empty");
                plan_ok = false;
            }
            ok &= plan_ok;
            if (!id)
                continue;
            SrcFloor *f = ok ? PUSH(m, floors) : NULL;
            id = src_remember_id(m, &c, st, id, f ? (int)m->nfloors - 1 : -1);
            if (!f)
                continue;
            *f = (SrcFloor){.id = id, .name = src_keep(m, name), .building = building,
                            .level = (int)level, .plan_w = (int)pw, .plan_h = (int)ph,
                            .line = t.rows[i].line};
            for (size_t k = 0; k + 1 < m->nfloors; k++) {
                const SrcFloor *o = &m->floors[k];
                if (o->building == building && o->level == f->level) {
                    cell_warning(&c, FLOOR_LEVEL, "floor '%s' on line %d is at the same level "
                                 "in the same building; check the level numbers", o->id,
                                 o->line);
                    break;
                }
            }
        }
        require_rows(m, st, &t, t.nrows, "floors");
    }
    csv_table_release(&t);
}

/* ==== waypoints.csv ==== */

static const CsvColumn waypoint_cols[WAYPOINT_NCOLS] = {
    {"id", true}, {"floor", true}, {"x", true}, {"y", true}, {"landmark", false},
};

static void load_waypoints(ContentModel *m)
{
    CsvTable t;
    csv_table_init(&t);
    SrcTable *st = &m->twaypoints;
    if (src_open_table(m, st, &t, waypoint_cols, WAYPOINT_NCOLS, false)) {
        for (size_t i = 0; i < t.nrows; i++) {
            Cell c = {m, &t, &t.rows[i], t.path};
            if (t.rows[i].bad) {
                src_remember_bad_row(m, &c, st, WAYPOINT_ID);
                continue;
            }
            const char *id = src_row_id(&c, WAYPOINT_ID, st);
            int floor = cell_ref(&c, WAYPOINT_FLOOR, &m->tfloors, "floor");
            const SrcFloor *f = floor >= 0 ? &m->floors[floor] : NULL;
            bool has_plan = f && f->plan_w > 0;
            double x, y;
            bool ok = floor >= 0;
            ok &= cell_number(&c, WAYPOINT_X, -PLAN_MAX, PLAN_MAX, has_plan, &x);
            ok &= cell_number(&c, WAYPOINT_Y, -PLAN_MAX, PLAN_MAX, has_plan, &y);
            /* Outside the plan: checked in check_plans, once drawings are known. */
            if (!id)
                continue;
            SrcWaypoint *w = ok ? PUSH(m, waypoints) : NULL;
            id = src_remember_id(m, &c, st, id, w ? (int)m->nwaypoints - 1 : -1);
            if (w)
                *w = (SrcWaypoint){.id = id, .landmark = src_keep(m, cell_text(&c, WAYPOINT_LANDMARK)),
                                   .floor = floor, .x = x, .y = y, .line = t.rows[i].line};
        }
        require_rows(m, st, &t, t.nrows, "waypoints");
    }
    csv_table_release(&t);
}

/* ==== destination_types.csv ==== */

static const CsvColumn type_cols[TYPE_NCOLS] = {{"id", true}, {"label", true}};

static void load_types(ContentModel *m)
{
    CsvTable t;
    csv_table_init(&t);
    t.translatable = 1ul << TYPE_LABEL;
    SrcTable *st = &m->ttypes;
    if (src_open_table(m, st, &t, type_cols, TYPE_NCOLS, false)) {
        src_trans_columns(m, &t);
        for (size_t i = 0; i < t.nrows; i++) {
            Cell c = {m, &t, &t.rows[i], t.path};
            if (t.rows[i].bad) {
                src_remember_bad_row(m, &c, st, TYPE_ID);
                continue;
            }
            const char *id = src_row_id(&c, TYPE_ID, st), *label;
            bool ok = cell_required(&c, TYPE_LABEL, "label", &label);
            if (!id)
                continue;
            SrcType *ty = ok ? PUSH(m, types) : NULL;
            id = src_remember_id(m, &c, st, id, ty ? (int)m->ntypes - 1 : -1);
            if (ty) {
                *ty = (SrcType){.id = id, .label = src_keep(m, label), .line = t.rows[i].line};
                src_trans_row(m, &c, TR_DEST_TYPE, id);
            }
        }
        require_rows(m, st, &t, t.nrows, "destination types");
    }
    csv_table_release(&t);
}

/* ==== paths.csv ==== */

static const CsvColumn path_cols[PATH_NCOLS] = {
    {"from", true}, {"to", true}, {"kind", true}, {"length_m", true},
    {"instruction", true}, {"back_instruction", true},
};

enum { PATH_MAX_LENGTH = 5000 };

static bool path_kind_cell(const Cell *c, PathKind *out)
{
    const char *s = cell_text(c, PATH_KIND);
    int k = path_kind_parse(s);
    if (k >= 0) {
        *out = (PathKind)k;
        return true;
    }
    if (!s[0])
        cell_error(c, PATH_KIND, "the kind of path is missing; use walk, ramp, stairs, lift, "
                   "escalator or outside");
    else if (strcasecmp(s, "elevator") == 0 || strcasecmp(s, "lifts") == 0)
        cell_error(c, PATH_KIND, "'%s' is not a kind of path; did you mean lift?", s);
    else if (strcasecmp(s, "steps") == 0 || strcasecmp(s, "stair") == 0)
        cell_error(c, PATH_KIND, "'%s' is not a kind of path; did you mean stairs?", s);
    else
        cell_error(c, PATH_KIND, "'%s' is not a kind of path; use walk, ramp, stairs, lift, "
                   "escalator or outside", s);
    return false;
}

static void load_paths(ContentModel *m)
{
    CsvTable t;
    csv_table_init(&t);
    SrcTable *st = &m->tpaths;
    if (src_open_table(m, st, &t, path_cols, PATH_NCOLS, false)) {
        for (size_t i = 0; i < t.nrows; i++) {
            Cell c = {m, &t, &t.rows[i], t.path};
            if (t.rows[i].bad) {
                st->dropped++;
                continue;
            }
            int from = cell_ref(&c, PATH_FROM, &m->twaypoints, "waypoint");
            int to = cell_ref(&c, PATH_TO, &m->twaypoints, "waypoint");
            PathKind kind = PATH_WALK;
            double len;
            const char *instr, *back;
            bool ok = from >= 0 && to >= 0;
            ok &= path_kind_cell(&c, &kind);
            ok &= cell_number(&c, PATH_LENGTH, 0.1, PATH_MAX_LENGTH, true, &len);
            ok &= cell_required(&c, PATH_INSTRUCTION, "instruction", &instr);
            if (!cell_text(&c, PATH_BACK)[0]) {
                cell_error(&c, PATH_BACK, "the back_instruction is missing; write how to walk "
                           "this path the other way, or ONE-WAY if it cannot be walked back");
                ok = false;
            }
            back = cell_text(&c, PATH_BACK);
            if (from >= 0 && from == to) {
                cell_error(&c, PATH_TO, "this path starts and ends at waypoint '%s'; a path "
                           "joins two different waypoints", m->waypoints[from].id);
                ok = false;
            }
            if (!ok) {
                st->dropped++;
                continue;
            }
            const SrcWaypoint *a = &m->waypoints[from], *b = &m->waypoints[to];
            if (a->floor == b->floor && kind != PATH_WALK && kind != PATH_RAMP &&
                kind != PATH_OUTSIDE)
                cell_warning(&c, PATH_KIND, "this %s joins two waypoints on the same floor "
                             "('%s'); check the kind or the waypoints",
                             path_kind_name(kind), m->floors[a->floor].id);
            for (size_t k = 0; k < m->npaths; k++) {
                const SrcPath *o = &m->paths[k];
                if ((o->from == from && o->to == to) ||
                    (o->from == to && o->to == from && o->back)) {
                    cell_warning(&c, PATH_FROM, "line %d already joins '%s' and '%s'; remove "
                                 "one of the two", o->line, a->id, b->id);
                    break;
                }
            }
            SrcPath *p = PUSH(m, paths);
            if (!p)
                continue;
            *p = (SrcPath){.from = from, .to = to, .kind = kind, .length_m = len,
                           .instruction = src_keep(m, instr),
                           .back = strcasecmp(back, "ONE-WAY") == 0 ? NULL : src_keep(m, back),
                           .line = t.rows[i].line};
            m->waypoints[from].npaths++;
            m->waypoints[to].npaths++;
        }
    }
    csv_table_release(&t);
}

/* ==== destinations.csv ==== */

static const CsvColumn destination_cols[DEST_NCOLS] = {
    {"id", true}, {"name", true}, {"type", true}, {"floor", true}, {"waypoint", true},
    {"hours", false}, {"accessibility", false}, {"phone", false}, {"web", false},
    {"summary", false}, {"keywords", false},
};

static bool hours_cell(const Cell *c, Hours *out)
{
    HoursError err;
    if (hours_parse(cell_text(c, DEST_HOURS), out, &err) == 0)
        return true;
    cell_error(c, DEST_HOURS, "the opening hours are not understood at character %d: %s",
               err.column, err.message);
    return false;
}

static void load_destinations(ContentModel *m)
{
    CsvTable t;
    csv_table_init(&t);
    t.translatable = 1ul << DEST_NAME | 1ul << DEST_SUMMARY | 1ul << DEST_ACCESS;
    SrcTable *st = &m->tdestinations;
    IdIndex names = {0};
    if (src_open_table(m, st, &t, destination_cols, DEST_NCOLS, false)) {
        src_trans_columns(m, &t);
        for (size_t i = 0; i < t.nrows; i++) {
            Cell c = {m, &t, &t.rows[i], t.path};
            if (t.rows[i].bad) {
                src_remember_bad_row(m, &c, st, DEST_ID);
                continue;
            }
            SrcDestination d = {.line = t.rows[i].line};
            const char *id = src_row_id(&c, DEST_ID, st);
            bool ok = cell_required(&c, DEST_NAME, "destination's name", &d.name);
            d.type = cell_ref(&c, DEST_TYPE, &m->ttypes, "destination type");
            d.floor = cell_ref(&c, DEST_FLOOR, &m->tfloors, "floor");
            d.waypoint = cell_ref(&c, DEST_WAYPOINT, &m->twaypoints, "waypoint");
            ok &= d.type >= 0 && d.floor >= 0 && d.waypoint >= 0;
            if (d.floor >= 0 && d.waypoint >= 0 && m->waypoints[d.waypoint].floor != d.floor) {
                const SrcWaypoint *w = &m->waypoints[d.waypoint];
                cell_error(&c, DEST_WAYPOINT, "waypoint '%s' is on floor '%s', not on floor "
                           "'%s'; correct the floor or the waypoint", w->id,
                           m->floors[w->floor].id, m->floors[d.floor].id);
                ok = false;
            }
            ok &= hours_cell(&c, &d.hours);
            ok &= cell_phone(&c, DEST_PHONE, &d.phone);
            ok &= cell_web(&c, DEST_WEB, &d.web);
            if (ok) {
                const IdEntry *same = NULL;
                if (id_index_put(&names, d.name, 0, d.line, &same) == 1)
                    cell_warning(&c, DEST_NAME, "the destination on line %d has the same name; "
                                 "people will see two entries called '%s', so say where each "
                                 "is, like '%s (first floor)'", same->line, d.name, d.name);
            }
            if (!id)
                continue;
            SrcDestination *dst = ok ? PUSH(m, destinations) : NULL;
            id = src_remember_id(m, &c, st, id, dst ? (int)m->ndestinations - 1 : -1);
            if (!dst)
                continue;
            d.id = id;
            d.name = src_keep(m, d.name);
            d.hours_text = src_keep(m, cell_text(&c, DEST_HOURS));
            d.accessibility = src_keep(m, cell_text(&c, DEST_ACCESS));
            d.phone = src_keep(m, d.phone);
            d.web = src_keep(m, d.web);
            d.summary = src_keep(m, cell_text(&c, DEST_SUMMARY));
            d.keywords = src_keep(m, cell_text(&c, DEST_KEYWORDS));
            *dst = d;
            src_trans_row(m, &c, TR_DESTINATION, id);
            m->types[d.type].ndestinations++;
        }
        st->dropped = t.nrows - m->ndestinations;
        require_rows(m, st, &t, t.nrows, "destinations");
    }
    id_index_release(&names);
    csv_table_release(&t);
}

/* ==== kiosks.csv ==== */

static const CsvColumn kiosk_cols[KIOSK_NCOLS] = {
    {"id", true}, {"name", true}, {"waypoint", true},
};

static void load_kiosks(ContentModel *m)
{
    CsvTable t;
    csv_table_init(&t);
    SrcTable *st = &m->tkiosks;
    if (src_open_table(m, st, &t, kiosk_cols, KIOSK_NCOLS, false)) {
        for (size_t i = 0; i < t.nrows; i++) {
            Cell c = {m, &t, &t.rows[i], t.path};
            if (t.rows[i].bad) {
                src_remember_bad_row(m, &c, st, KIOSK_ID);
                continue;
            }
            const char *id = src_row_id(&c, KIOSK_ID, st), *name;
            bool ok = cell_required(&c, KIOSK_NAME, "kiosk's name", &name);
            int wp = cell_ref(&c, KIOSK_WAYPOINT, &m->twaypoints, "waypoint");
            ok &= wp >= 0;
            if (!id)
                continue;
            SrcKiosk *k = ok ? PUSH(m, kiosks) : NULL;
            id = src_remember_id(m, &c, st, id, k ? (int)m->nkiosks - 1 : -1);
            if (k)
                *k = (SrcKiosk){id, src_keep(m, name), wp, t.rows[i].line};
        }
        require_rows(m, st, &t, t.nrows, "kiosks");
    }
    csv_table_release(&t);
}

/* ==== plans.csv ==== */

static const CsvColumn shape_cols[SHAPE_NCOLS] = {
    {"floor", true}, {"kind", true}, {"x", true}, {"y", true}, {"w", true}, {"h", true},
    {"label", false},
};

/* The kinds of shape a floor plan is drawn with (FORMAT.md describes each). */
static const char *const shape_kinds[] = {
    "outline", "room", "corridor", "toilet", "lift", "stairs", "entrance", "outside", "drawing",
};

static ContentDrawingRender drawing_render;
static ContentDrawingRelease drawing_release;

void content_set_drawing_renderer(ContentDrawingRender render, ContentDrawingRelease release)
{
    drawing_render = render;
    drawing_release = release;
}

/* A `drawing` row: label is the SVG's path inside the content folder. Reads it (a
 * regular file, at most PLANSVG_MAX_BYTES), has it checked and rendered, and keeps the
 * picture on the floor. The drawing's viewBox must be the floor's plan size, so
 * waypoints are in the drawing's coordinates. */
static void load_drawing(ContentModel *m, const Cell *c, int floor)
{
    SrcFloor *f = &m->floors[floor];
    const char *rel = cell_text(c, SHAPE_LABEL);
    size_t n = strlen(rel);
    if (n == 0) {
        cell_error(c, SHAPE_LABEL, "a drawing needs its file in the label column, such as "
                   "plans/%s.svg (inside the content folder)", f->id);
        return;
    }
    if (rel[0] == '/' || strstr(rel, "..") || n < 5 || strcasecmp(rel + n - 4, ".svg") != 0) {
        cell_error(c, SHAPE_LABEL, "'%s' is not an SVG file inside the content folder; give "
                   "a path such as plans/%s.svg", rel, f->id);
        return;
    }
    if (f->has_drawing) {
        cell_error(c, SHAPE_FLOOR, "floor '%s' already has a drawing; give each floor one",
                   f->id);
        return;
    }
    f->has_drawing = true;
    f->drawing_file = src_keep(m, rel);
    char path[4096];
    snprintf(path, sizeof path, "%s/%s", m->dir, rel);
    char *svg = NULL;
    size_t len = 0;
    FileRead fr = file_read(path, PLANSVG_MAX_BYTES, &svg, &len);
    if (fr != FILE_READ_OK) {
        cell_error(c, SHAPE_LABEL, "the drawing %s cannot be used: %s", path,
                   fr == FILE_READ_MISSING ? "there is no such file" : err_msg());
        return;
    }
    if (!drawing_render) {
        mem_free(svg);
        return; /* checked by signpostctl, which renders it */
    }
    PlanPicture pic;
    if (drawing_render((const unsigned char *)svg, len, &pic) != 0) {
        cell_error(c, SHAPE_LABEL, "the drawing %s cannot be used: %s", path, err_msg());
        mem_free(svg);
        return;
    }
    mem_free(svg);
    if (fabs(pic.view_w - f->plan_w) > 0.5 || fabs(pic.view_h - f->plan_h) > 0.5) {
        cell_error(c, SHAPE_LABEL, "the drawing %s is %g by %g (its viewBox), but floor '%s' "
                   "has a plan of %d by %d in floors.csv; make them the same, so waypoints "
                   "land in the right place", path, pic.view_w, pic.view_h, f->id, f->plan_w,
                   f->plan_h);
        drawing_release(&pic);
        return;
    }
    f->drawing = pic.png;
    f->drawing_len = pic.png_len;
    f->drawing_px_w = pic.px_w;
    f->drawing_px_h = pic.px_h;
    pic.png = NULL; /* the floor owns it now (mem_free) */
    drawing_release(&pic);
}

static const char *shape_kind_cell(const Cell *c)
{
    const char *s = cell_text(c, SHAPE_KIND);
    for (size_t k = 0; k < sizeof shape_kinds / sizeof shape_kinds[0]; k++)
        if (strcasecmp(s, shape_kinds[k]) == 0)
            return shape_kinds[k];
    if (!s[0])
        cell_error(c, SHAPE_KIND, "the kind of shape is missing; use outline, room, corridor, "
                   "toilet, lift, stairs, entrance, outside or drawing");
    else
        cell_error(c, SHAPE_KIND, "'%s' is not a kind of shape; use outline, room, corridor, "
                   "toilet, lift, stairs, entrance, outside or drawing", s);
    return NULL;
}

static void load_plans(ContentModel *m)
{
    CsvTable t;
    csv_table_init(&t);
    SrcTable *st = &m->tplans;
    if (src_open_table(m, st, &t, shape_cols, SHAPE_NCOLS, true)) {
        for (size_t i = 0; i < t.nrows; i++) {
            Cell c = {m, &t, &t.rows[i], t.path};
            if (t.rows[i].bad)
                continue;
            int floor = cell_ref(&c, SHAPE_FLOOR, &m->tfloors, "floor");
            const char *kind = shape_kind_cell(&c);
            double x, y, w, h;
            bool ok = floor >= 0 && kind;
            ok &= cell_number(&c, SHAPE_X, -PLAN_MAX, PLAN_MAX, true, &x);
            ok &= cell_number(&c, SHAPE_Y, -PLAN_MAX, PLAN_MAX, true, &y);
            ok &= cell_number(&c, SHAPE_W, 0.1, PLAN_MAX, true, &w);
            ok &= cell_number(&c, SHAPE_H, 0.1, PLAN_MAX, true, &h);
            if (floor >= 0 && m->floors[floor].plan_w == 0) {
                cell_error(&c, SHAPE_FLOOR, "floor '%s' has no plan size; set its plan_width "
                           "and plan_height in floors.csv", m->floors[floor].id);
                ok = false;
            }
            if (!ok)
                continue;
            if (strcmp(kind, "drawing") == 0) {
                load_drawing(m, &c, floor);
                continue;
            }
            const SrcFloor *f = &m->floors[floor];
            if (x < 0 || y < 0 || x + w > f->plan_w || y + h > f->plan_h)
                cell_warning(&c, SHAPE_X, "this shape (%g, %g, %g by %g) goes outside the plan "
                             "of floor '%s', which is %d wide and %d high", x, y, w, h, f->id,
                             f->plan_w, f->plan_h);
            SrcShape *s = PUSH(m, shapes);
            if (!s)
                continue;
            *s = (SrcShape){.floor = floor, .kind = kind,
                            .label = src_keep(m, cell_text(&c, SHAPE_LABEL)), .x = x, .y = y,
                            .w = w, .h = h, .line = t.rows[i].line};
            m->floors[floor].nshapes++;
        }
    }
    csv_table_release(&t);
}

void content_load(ContentModel *m)
{
    struct stat st;
    if (stat(m->dir, &st) != 0 || !S_ISDIR(st.st_mode)) {
        diag_add(m->diags, DIAG_ERROR, m->dir, 0, 0, "there is no content folder here; give "
                 "the folder that holds site.ini and the .csv files");
        return;
    }
    /* In dependency order; each is a step of the progress bar, when there is one. */
    void (*const loaders[])(ContentModel *) = {load_site, load_buildings, load_floors,
                                               load_waypoints, load_types, load_paths,
                                               load_destinations, load_kiosks, load_plans,
                                               content_load_directory, content_load_pages};
    size_t n = sizeof loaders / sizeof loaders[0];
    progress_begin(m->progress, "reading files", n);
    for (size_t i = 0; i < n; i++) {
        loaders[i](m);
        progress_step(m->progress);
    }
}
