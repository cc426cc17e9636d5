/* schema.c: the content store schema. Bump STORE_SCHEMA_VERSION (store.h) with any
 * change here; the kiosk refuses a store of another version. Ids are the volunteer's
 * own ids from the CSV files; rows keep the source line for messages. */
#include "schema.h"

/* One string for sqlite3_exec(). It is longer than the 4095 characters ISO C asks every
 * compiler to support (-Woverlength-strings under -Wpedantic); GCC and Clang have no
 * such limit. */
#if defined(__GNUC__)
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Woverlength-strings"
#endif
const char store_schema_sql[] =
    "CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT NOT NULL);\n"
    /* keys: site_name, site_phone, site_web, reception, built_at, pals_phone */
    "CREATE TABLE building(id TEXT PRIMARY KEY, name TEXT NOT NULL, sort INTEGER NOT NULL);\n"
    "CREATE TABLE floor(id TEXT PRIMARY KEY, building_id TEXT NOT NULL REFERENCES building(id),\n"
    "  level INTEGER NOT NULL, name TEXT NOT NULL, plan_w INTEGER NOT NULL DEFAULT 0,\n"
    "  plan_h INTEGER NOT NULL DEFAULT 0, sort INTEGER NOT NULL);\n"
    "CREATE TABLE waypoint(id TEXT PRIMARY KEY, floor_id TEXT NOT NULL REFERENCES floor(id),\n"
    "  x REAL NOT NULL, y REAL NOT NULL, landmark TEXT NOT NULL DEFAULT '', sort INTEGER NOT NULL);\n"
    /* One row per walkable direction: a two-way path in paths.csv becomes two rows. */
    "CREATE TABLE path(from_id TEXT NOT NULL REFERENCES waypoint(id),\n"
    "  to_id TEXT NOT NULL REFERENCES waypoint(id), kind TEXT NOT NULL,\n"
    "  length_m REAL NOT NULL, instruction TEXT NOT NULL, sort INTEGER NOT NULL);\n"
    "CREATE TABLE dest_type(id TEXT PRIMARY KEY, label TEXT NOT NULL, sort INTEGER NOT NULL);\n"
    "CREATE TABLE destination(id TEXT PRIMARY KEY, name TEXT NOT NULL,\n"
    "  type_id TEXT NOT NULL REFERENCES dest_type(id), floor_id TEXT NOT NULL REFERENCES floor(id),\n"
    "  waypoint_id TEXT NOT NULL REFERENCES waypoint(id), hours TEXT NOT NULL DEFAULT '',\n"
    "  always_open INTEGER NOT NULL DEFAULT 0, accessibility TEXT NOT NULL DEFAULT '',\n"
    "  phone TEXT NOT NULL DEFAULT '', web TEXT NOT NULL DEFAULT '',\n"
    "  summary TEXT NOT NULL DEFAULT '', keywords TEXT NOT NULL DEFAULT '');\n"
    /* day 0 = Monday; minutes after midnight; closes may be 1440. */
    "CREATE TABLE opening_hours(destination_id TEXT NOT NULL REFERENCES destination(id),\n"
    "  day INTEGER NOT NULL CHECK(day BETWEEN 0 AND 6), opens INTEGER NOT NULL,\n"
    "  closes INTEGER NOT NULL, CHECK(opens < closes));\n"
    "CREATE TABLE kiosk(id TEXT PRIMARY KEY, name TEXT NOT NULL,\n"
    "  waypoint_id TEXT NOT NULL REFERENCES waypoint(id), sort INTEGER NOT NULL);\n"
    "CREATE TABLE plan_shape(floor_id TEXT NOT NULL REFERENCES floor(id), kind TEXT NOT NULL,\n"
    "  x REAL NOT NULL, y REAL NOT NULL, w REAL NOT NULL, h REAL NOT NULL,\n"
    "  label TEXT NOT NULL DEFAULT '', sort INTEGER NOT NULL);\n"
    /* A floor's drawing (plans.csv kind `drawing`), rendered from SVG by the content
     * build: a PNG covering the floor's plan. Optional for the loader (stores built
     * before it have no such table). */
    "CREATE TABLE plan_drawing(floor_id TEXT PRIMARY KEY REFERENCES floor(id),\n"
    "  png BLOB NOT NULL, px_w INTEGER NOT NULL, px_h INTEGER NOT NULL);\n"
    /* The support-and-services directory, after Open Referral UK: category is its
     * taxonomy_term, service_at_location becomes destination_id (on this site) or
     * address (one line, elsewhere). Only active and temporarily closed services are
     * written; schedules keep the ORUK fields (freq WEEKLY/MONTHLY, byday "TU", "1MO",
     * "-1FR"; times "HH:MM"; dates YYYY-MM-DD) and are read back with
     * schedule_from_fields(). min_age and max_age are NULL when not given. */
    "CREATE TABLE category(id TEXT PRIMARY KEY, label TEXT NOT NULL,\n"
    "  description TEXT NOT NULL DEFAULT '', sort INTEGER NOT NULL);\n"
    "CREATE TABLE organization(id TEXT PRIMARY KEY, name TEXT NOT NULL,\n"
    "  description TEXT NOT NULL DEFAULT '', url TEXT NOT NULL DEFAULT '',\n"
    "  email TEXT NOT NULL DEFAULT '', sort INTEGER NOT NULL);\n"
    "CREATE TABLE service(id TEXT PRIMARY KEY, name TEXT NOT NULL,\n"
    "  organization_id TEXT REFERENCES organization(id),\n"
    "  status TEXT NOT NULL CHECK(status IN ('active', 'temporarily closed')),\n"
    "  description TEXT NOT NULL DEFAULT '', alert TEXT NOT NULL DEFAULT '',\n"
    "  eligibility TEXT NOT NULL DEFAULT '', min_age INTEGER, max_age INTEGER,\n"
    "  fees TEXT NOT NULL DEFAULT '', languages TEXT NOT NULL DEFAULT '',\n"
    "  url TEXT NOT NULL DEFAULT '', email TEXT NOT NULL DEFAULT '',\n"
    "  destination_id TEXT REFERENCES destination(id), address TEXT NOT NULL DEFAULT '',\n"
    "  attending TEXT NOT NULL DEFAULT '', assured_date TEXT NOT NULL DEFAULT '',\n"
    "  sort INTEGER NOT NULL);\n"
    "CREATE TABLE service_phone(service_id TEXT NOT NULL REFERENCES service(id),\n"
    "  number TEXT NOT NULL, description TEXT NOT NULL DEFAULT '', sort INTEGER NOT NULL);\n"
    "CREATE TABLE service_category(service_id TEXT NOT NULL REFERENCES service(id),\n"
    "  category_id TEXT NOT NULL REFERENCES category(id), sort INTEGER NOT NULL,\n"
    "  PRIMARY KEY(service_id, category_id));\n"
    "CREATE TABLE schedule(service_id TEXT NOT NULL REFERENCES service(id),\n"
    "  freq TEXT NOT NULL CHECK(freq IN ('WEEKLY', 'MONTHLY')),\n"
    "  interval INTEGER NOT NULL DEFAULT 1, byday TEXT NOT NULL DEFAULT '',\n"
    "  bymonthday TEXT NOT NULL DEFAULT '', opens_at TEXT NOT NULL DEFAULT '',\n"
    "  closes_at TEXT NOT NULL DEFAULT '', dtstart TEXT NOT NULL DEFAULT '',\n"
    "  description TEXT NOT NULL DEFAULT '', sort INTEGER NOT NULL);\n"
    /* The kiosk reads a service's rows when it is shown, and a category's services
     * when it is opened: indexed, so that stays quick at 100,000 services. */
    "CREATE INDEX service_phone_by_service ON service_phone(service_id, sort);\n"
    "CREATE INDEX service_category_by_category ON service_category(category_id);\n"
    "CREATE INDEX schedule_by_service ON schedule(service_id, sort);\n"
    /* Information pages (content/pages/<id>.md), turned into blocks when the content is
     * built: kind heading (level 1-3), paragraph, bullet (level = nesting depth from 1),
     * numbered (level = the item's number) or link (a button to target "page:ID",
     * "service:ID" or "place:ID"). Pages are shown in sort order. */
    "CREATE TABLE page(id TEXT PRIMARY KEY, title TEXT NOT NULL, summary TEXT NOT NULL,\n"
    "  url TEXT NOT NULL DEFAULT '', sort INTEGER NOT NULL);\n"
    "CREATE TABLE page_block(page_id TEXT NOT NULL REFERENCES page(id),\n"
    "  seq INTEGER NOT NULL,\n"
    "  kind TEXT NOT NULL CHECK(kind IN ('heading', 'paragraph', 'bullet', 'numbered', 'link')),\n"
    "  level INTEGER NOT NULL DEFAULT 0, text TEXT NOT NULL DEFAULT '',\n"
    "  target TEXT NOT NULL DEFAULT '', PRIMARY KEY(page_id, seq));\n"
    /* Search: `folded` holds title and keywords folded by utf8_fold() (lower case, accents
     * and ł removed); the query is folded the same way. Porter stems word endings. The
     * prefix indexes answer the first one or two letters typed, which match thousands
     * of words, without merging every word's list (see store_search()). */
    "CREATE VIRTUAL TABLE search USING fts5(kind UNINDEXED, ref UNINDEXED, title, body,\n"
    "  tokenize = 'porter unicode61 remove_diacritics 2', prefix = '1 2');\n"
    /* Synonyms (content/synonyms.csv): the terms of one row share `grp`; a term is one
     * or more words, folded like the search rows ("a&e", "blood test"). */
    "CREATE TABLE synonym(grp INTEGER NOT NULL, term TEXT NOT NULL, sort INTEGER NOT NULL,\n"
    "  PRIMARY KEY(grp, term));\n"
    /* "Did you mean": every word of the search rows and the synonyms, folded but not
     * stemmed, with how many times it is used. The rowid is the word's length in bytes
     * times 2^24 plus a serial number, so candidates of a given length are a rowid range
     * (search_words_write() in search_words.c). search_trigram indexes the words'
     * trigrams; search_trigram_terms lists, for a trigram, the words that have it. */
    "CREATE TABLE search_word(id INTEGER PRIMARY KEY, word TEXT NOT NULL UNIQUE,\n"
    "  uses INTEGER NOT NULL);\n"
    "CREATE VIRTUAL TABLE search_trigram USING fts5(word, content = 'search_word',\n"
    "  content_rowid = 'id', tokenize = 'trigram', detail = 'none');\n"
    "CREATE VIRTUAL TABLE search_trigram_terms USING fts5vocab(search_trigram, instance);\n"
    /* Translations (version 4): the content's words in other languages, beside the
     * English in the tables above. tbl is dest_type, destination, category or service;
     * col the English column's name (label, name, summary, accessibility,
     * description, eligibility, fees, attending, alert); lang a BCP 47 code. Only the
     * translations that exist are stored: the kiosk falls back to the English. */
    "CREATE TABLE translation(tbl TEXT NOT NULL, id TEXT NOT NULL, col TEXT NOT NULL,\n"
    "  lang TEXT NOT NULL, text TEXT NOT NULL, PRIMARY KEY(tbl, id, col, lang)) WITHOUT ROWID;\n"
    /* A page in another language (pages/<id>.<lang>.md), beside its English page. */
    "CREATE TABLE page_tr(page_id TEXT NOT NULL REFERENCES page(id), lang TEXT NOT NULL,\n"
    "  title TEXT NOT NULL, summary TEXT NOT NULL, PRIMARY KEY(page_id, lang));\n"
    "CREATE TABLE page_tr_block(page_id TEXT NOT NULL, lang TEXT NOT NULL,\n"
    "  seq INTEGER NOT NULL,\n"
    "  kind TEXT NOT NULL CHECK(kind IN ('heading', 'paragraph', 'bullet', 'numbered', 'link')),\n"
    "  level INTEGER NOT NULL DEFAULT 0, text TEXT NOT NULL DEFAULT '',\n"
    "  target TEXT NOT NULL DEFAULT '', PRIMARY KEY(page_id, lang, seq),\n"
    "  FOREIGN KEY(page_id, lang) REFERENCES page_tr(page_id, lang));\n"
    "PRAGMA user_version = 4;\n";
#if defined(__GNUC__)
#pragma GCC diagnostic pop
#endif
