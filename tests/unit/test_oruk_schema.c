/* test_oruk_schema.c: the Open Referral UK export read by a strict consumer. The sample
 * content's JSON export is checked, service by service, against the official HSDS 3.0
 * and ORUK 3.0 service schemas (copies in tests/data/oruk-schema, see its README) with
 * the small validator in tests/json_schema.c; a broken service is caught by it; every
 * phone number is under the service's contact, where the UK profile puts it; and the CSV
 * export's tables and columns are those of the HSDS 3.0 data package, the phones joined
 * to their contact and the contacts to their service. */
#include "json_schema.h"
#include "oruk.h"
#include "test.h"
#include "testlib.h"

#include <dirent.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define SCHEMAS TEST_DATA_DIR "/oruk-schema"

static const char *const profiles[] = {SCHEMAS "/hsds-3.0", SCHEMAS "/uk-3.0"};

static json_t *export_json(void)
{
    const char *out = TEST_TMP_DIR "/oruk-schema-export.json";
    unlink(out);
    DiagList dl;
    diag_init(&dl);
    int rc = oruk_export(SOURCE_ROOT "/content", out, ORUK_JSON, &dl, NULL);
    if (rc != 0)
        diag_print(&dl, stderr);
    diag_release(&dl);
    CHECK_INT(rc, 0);
    json_error_t e;
    json_t *root = json_load_file(out, 0, &e);
    if (!root)
        fprintf(stderr, "  %s:%d: %s\n", out, e.line, e.text);
    CHECK(json_is_array(root));
    return root;
}

static void test_json_export_validates(void)
{
    json_t *root = export_json();
    CHECK(json_array_size(root) >= 80);
    for (size_t p = 0; p < 2; p++) {
        JsonSchemas *js = js_open(profiles[p], stderr);
        size_t problems = 0, i;
        json_t *svc;
        json_array_foreach(root, i, svc)
        {
            char where[32];
            snprintf(where, sizeof where, "services[%zu]", i);
            problems += js_check(js, "service.json", svc, where);
        }
        if (problems)
            fprintf(stderr, "  against %s\n", profiles[p]);
        CHECK_INT(problems, 0);
        js_close(js);
    }
    json_decref(root);
}

/* The validator fails what it should: a wrong status, a missing name, an id that is no
 * UUID, a phone with no number, a number where text belongs. */
static void test_validator_catches_a_broken_service(void)
{
    json_t *root = export_json();
    json_t *svc = json_deep_copy(json_array_get(root, 0));
    json_object_set_new(svc, "status", json_string("open"));
    json_object_del(svc, "name");
    json_object_set_new(svc, "id", json_string("not-a-uuid"));
    json_object_set_new(svc, "description", json_integer(4));
    json_t *contact = json_array_get(json_object_get(svc, "contacts"), 0);
    CHECK(contact != NULL);
    json_t *phone = json_array_get(json_object_get(contact, "phones"), 0);
    CHECK(phone != NULL);
    json_object_del(phone, "number");
    for (size_t p = 0; p < 2; p++) {
        JsonSchemas *js = js_open(profiles[p], getenv("SHOW_PROBLEMS") ? stderr : NULL);
        size_t n = js_check(js, "service.json", svc, "broken");
        /* status, name, id, description; the phone's number only in HSDS, whose contact
         * has phones (the UK profile's contact does not list them). */
        CHECK(n >= 4);
        js_close(js);
    }
    JsonSchemas *js = js_open(profiles[0], NULL);
    CHECK_INT(js_check(js, "no-such-schema.json", svc, "x"), 1);
    js_close(js);
    json_decref(svc);
    json_decref(root);
}

/* Every phone is under the service's contact, none under the service, and there are as
 * many as the content has (phone and phone2 in services.csv). */
static void test_phones_are_where_the_uk_profile_puts_them(void)
{
    json_t *root = export_json();
    size_t exported = 0, i;
    json_t *svc;
    json_array_foreach(root, i, svc)
    {
        CHECK(json_object_get(svc, "phones") == NULL);
        size_t k;
        json_t *c;
        json_array_foreach(json_object_get(svc, "contacts"), k, c)
        {
            CHECK_STR(json_string_value(json_object_get(c, "service_id")),
                      json_string_value(json_object_get(svc, "id")));
            size_t m;
            json_t *ph;
            json_array_foreach(json_object_get(c, "phones"), m, ph)
            {
                CHECK_STR(json_string_value(json_object_get(ph, "contact_id")),
                          json_string_value(json_object_get(c, "id")));
                CHECK(json_string_length(json_object_get(ph, "number")) > 0);
                exported++;
            }
        }
    }
    json_decref(root);
    /* Count the content's numbers: the cells of the phone and phone2 columns. */
    char *csv = tl_read_file(SOURCE_ROOT "/content/services.csv", NULL);
    CHECK(csv != NULL);
    size_t in_content = 0;
    for (char *line = csv ? strstr(csv, "\n") : NULL; line && line[1]; line = strchr(line + 1, '\n')) {
        /* Crude but enough for the sample: "0" or "+" after a comma, then digits and
         * spaces to the next comma, is a phone number cell. */
        char *end = strchr(line + 1, '\n');
        for (char *p = line + 1; p && (!end || p < end); p = strchr(p + 1, ',')) {
            if (p[0] != ',' || (p[1] != '0' && p[1] != '+'))
                continue;
            size_t n = strspn(p + 1, "+0123456789 ");
            if (n >= 10 && (p[1 + n] == ',' || p[1 + n] == '\n'))
                in_content++;
        }
    }
    free(csv);
    CHECK(exported > 0);
    CHECK_INT(exported, in_content);
}

/* The names of a data package's resources (file names) and their fields. */
static const json_t *resource(const json_t *package, const char *file)
{
    size_t i;
    json_t *r;
    json_array_foreach(json_object_get(package, "resources"), i, r)
    {
        if (strcmp(json_string_value(json_object_get(r, "path")), file) == 0)
            return r;
    }
    return NULL;
}

static bool has_field(const json_t *res, const char *name)
{
    size_t i;
    json_t *f;
    json_array_foreach(json_object_get(json_object_get(res, "schema"), "fields"), i, f)
    {
        if (strcmp(json_string_value(json_object_get(f, "name")), name) == 0)
            return true;
    }
    return false;
}

/* The ids in column `col` (0-based) of a CSV whose values have no commas or quotes. */
static bool column_has(const char *csv, int col, const char *id)
{
    for (const char *line = strchr(csv, '\n'); line && line[1]; line = strchr(line + 1, '\n')) {
        const char *p = line + 1;
        for (int c = 0; c < col && p; c++) {
            p = strchr(p, ',');
            p = p ? p + 1 : NULL;
        }
        if (p && strncmp(p, id, strlen(id)) == 0)
            return true;
    }
    return false;
}

static void test_csv_export_has_the_standard_names(void)
{
    const char *out = TEST_TMP_DIR "/oruk-schema-export-csv";
    tl_remove_tree(out);
    DiagList dl;
    diag_init(&dl);
    CHECK_INT(oruk_export(SOURCE_ROOT "/content", out, ORUK_CSV, &dl, NULL), 0);
    diag_release(&dl);
    json_error_t e;
    json_t *package = json_load_file(SCHEMAS "/hsds-3.0/datapackage.json", 0, &e);
    CHECK(package != NULL);
    DIR *d = opendir(out);
    CHECK(d != NULL);
    size_t files = 0;
    for (struct dirent *de; d && (de = readdir(d));) {
        if (de->d_name[0] == '.' || strcmp(de->d_name, "datapackage.json") == 0)
            continue; /* the package's descriptor (oruk_export_check reads it) */
        files++;
        const json_t *res = resource(package, de->d_name);
        if (!res)
            fprintf(stderr, "  %s is not a table of HSDS 3.0\n", de->d_name);
        CHECK(res != NULL);
        char *text = tl_read_in(out, de->d_name, NULL);
        CHECK(text != NULL);
        if (!text || !res) {
            free(text);
            continue;
        }
        /* Every column of the header is a field of that table. */
        char *nl = strchr(text, '\n');
        if (nl)
            *nl = '\0';
        for (char *col = strtok(text, ","); col; col = strtok(NULL, ",")) {
            if (!has_field(res, col))
                fprintf(stderr, "  %s: '%s' is not a field of the table\n", de->d_name, col);
            CHECK(has_field(res, col));
        }
        free(text);
    }
    if (d)
        closedir(d);
    CHECK(files >= 10);
    CHECK(tl_exists(TEST_TMP_DIR "/oruk-schema-export-csv/service_at_location.csv"));
    CHECK(!tl_exists(TEST_TMP_DIR "/oruk-schema-export-csv/service_at_locations.csv"));
    json_decref(package);
    /* phones.csv -> contacts.csv -> services.csv: every link lands. */
    char *phones = tl_read_in(out, "phones.csv", NULL), *contacts = tl_read_in(out, "contacts.csv", NULL),
         *services = tl_read_in(out, "services.csv", NULL);
    CHECK(phones && contacts && services);
    CHECK(phones && strncmp(phones, "id,contact_id,number", 20) == 0);
    size_t links = 0;
    for (const char *line = phones ? strchr(phones, '\n') : NULL; line && line[1];
         line = strchr(line + 1, '\n')) {
        char contact[40] = "";
        const char *c = strchr(line + 1, ',');
        if (c)
            snprintf(contact, sizeof contact, "%.36s", c + 1);
        CHECK(column_has(contacts, 0, contact));
        links++;
    }
    for (const char *line = contacts ? strchr(contacts, '\n') : NULL; line && line[1];
         line = strchr(line + 1, '\n')) {
        char service[40] = "";
        const char *c = strchr(line + 1, ',');
        if (c)
            snprintf(service, sizeof service, "%.36s", c + 1);
        CHECK(column_has(services, 0, service));
    }
    CHECK(links > 0);
    free(phones);
    free(contacts);
    free(services);
}

int main(void)
{
    TEST_RUN(test_json_export_validates);
    TEST_RUN(test_validator_catches_a_broken_service);
    TEST_RUN(test_phones_are_where_the_uk_profile_puts_them);
    TEST_RUN(test_csv_export_has_the_standard_names);
    return TEST_REPORT();
}
