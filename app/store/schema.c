/* schema.c: the content store schema. Bump STORE_SCHEMA_VERSION (store.h) with any
 * change here; the kiosk refuses a store of another version. Ids are the volunteer's
 * own ids from the CSV files; rows keep the source line for messages. */
#include "schema.h"

const char store_schema_sql[] =
    "CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT NOT NULL);\n"
    /* keys: site_name, site_phone, site_web, reception, built_at */
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
    /* Search: `folded` holds title and keywords folded by utf8_fold() (lower case, accents
     * and ł removed); the query is folded the same way. Porter stems word endings. */
    "CREATE VIRTUAL TABLE search USING fts5(kind UNINDEXED, ref UNINDEXED, title, body,\n"
    "  tokenize = 'porter unicode61 remove_diacritics 2');\n"
    "PRAGMA user_version = 1;\n";
