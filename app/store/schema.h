/* schema.h: the content store's SQL schema (version STORE_SCHEMA_VERSION), shared by
 * the content build that writes a store and the kiosk that reads it. */
#ifndef SIGNPOST_SCHEMA_H
#define SIGNPOST_SCHEMA_H

/* CREATE statements for every table, ending with PRAGMA user_version. */
extern const char store_schema_sql[];

#endif
