/* oruk.h: Open Referral UK in and out of Signpost's support-services directory.
 *
 * oruk_import() reads an Open Referral UK data set (ORUK 3.0 JSON: an array of services
 * with their organisation, locations, phones, schedules and taxonomy terms embedded, or
 * an API page with `contents`; or a folder of CSV tables, ORUK 3.0 or the older 1.0
 * ones) and writes Signpost's categories.csv, organizations.csv, services.csv and
 * schedules.csv into a content folder. Every problem is reported in `diags` at
 * file:line:column (JSON problems after parsing say where in the document, e.g.
 * "[3].phones[1]"); when there is an error nothing is written. Otherwise the four files
 * are each written to a .tmp file, synced and renamed over the old ones; no other file
 * of the folder is touched.
 *
 * oruk_export() writes a content folder's services as ORUK 3.0: one JSON file (an
 * array of services with everything embedded) or a folder of the 3.0 CSV tables with a
 * datapackage.json (a Tabular Data Package descriptor: tables, columns, types, keys). Ids
 * are deterministic UUIDs made from the site's name and the Signpost id, so exporting
 * twice gives the same ids, and importing an export into the same content folder gives
 * back the same Signpost ids. The content must pass `content check` first.
 *
 * content/FORMAT.md ("Open Referral UK") describes the mapping for volunteers. */
#ifndef SIGNPOST_ORUK_H
#define SIGNPOST_ORUK_H

#include "diag.h"

#include <stddef.h>

typedef struct OrukStats {
    int services, organizations, categories, schedules;
} OrukStats;

typedef enum OrukFormat { ORUK_JSON, ORUK_CSV } OrukFormat;

/* Imports `source` (a .json file or a folder of CSV tables) into `content_dir` (made
 * when missing). Returns 0 when the four files were written, -1 when there were errors
 * (see diags; content_dir is then untouched). Warnings (values Signpost cannot use,
 * left out) do not stop the import. stats may be NULL. */
int oruk_import(const char *source, const char *content_dir, DiagList *diags,
                OrukStats *stats);

/* Exports the directory of `content_dir` to `out`: a JSON file, or for ORUK_CSV a
 * folder (made when missing) of CSV tables, each written via a .tmp file. Returns 0,
 * or -1 with the problems in diags (out is then untouched). */
int oruk_export(const char *content_dir, const char *out, OrukFormat format,
                DiagList *diags, OrukStats *stats);

/* Reads an ORUK JSON document held in memory (named `name` in messages) and converts
 * it as oruk_import() would, rendering the four files in memory only: nothing is read
 * from or written to disk. For tests and fuzzing. Returns 0 or -1 as oruk_import(). */
int oruk_import_json_memory(const char *name, const char *data, size_t len,
                            DiagList *diags, OrukStats *stats);

/* Reads the ORUK CSV tables of folder `dir` and converts them as oruk_import() would,
 * rendering the four files in memory only: nothing is written. For fuzzing. Returns 0
 * or -1 as oruk_import(). */
int oruk_import_csv_check(const char *dir, DiagList *diags, OrukStats *stats);

#endif
