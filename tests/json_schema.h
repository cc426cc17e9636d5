/* json_schema.h: test helper (library signpost_jsonschema, jansson): a small JSON Schema
 * validator for the subset the Open Referral schemas (HSDS 3.0, ORUK 3.0) use: type,
 * properties, required, items, enum, format (uuid, uri, email, date-time, date) and
 * $ref to another schema file in the same folder. Any other keyword that constrains
 * (allOf, pattern, minimum...) is reported as a problem rather than ignored, so the
 * check can never pass by not understanding a schema; annotations (title, description,
 * example, name, path, constraints, core...) are skipped. */
#ifndef SIGNPOST_JSON_SCHEMA_H
#define SIGNPOST_JSON_SCHEMA_H

#include <jansson.h>
#include <stddef.h>
#include <stdio.h>

typedef struct JsonSchemas JsonSchemas;

/* Schemas read from folder `dir` as they are needed; problems are written to `report`
 * (NULL: not written, only counted). NULL when memory runs out. */
JsonSchemas *js_open(const char *dir, FILE *report);
void js_close(JsonSchemas *js);

/* Checks `value` against schema file `file` (in the folder); `where` names the value in
 * the report ("services[3]"). Returns the number of problems found (0: valid); a schema
 * that cannot be read counts as a problem. */
size_t js_check(JsonSchemas *js, const char *file, json_t *value, const char *where);

#endif
