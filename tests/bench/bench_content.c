/* bench_content.c: a generated support-services directory of 10,000 services (60
 * categories, 500 organizations, about 15,000 meeting times; a small site whose 20
 * places some services meet at), written as ordinary content sources, then timed
 * through the real code: content build and content check (targets: 2 s and 1 s), Open
 * Referral UK export (JSON and CSV tables) and import of both exports back into a copy
 * of the folder (import-oruk). */
#include "bench.h"

#include "content.h"
#include "err.h"
#include "oruk.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

enum { SERVICES = 10000, CATEGORIES = 60, ORGANIZATIONS = 500, PLACES = 20 };

static const char *const topics[] = {
    "Carers", "Bereavement", "Stroke", "Diabetes", "Dementia", "Cancer", "Heart", "Breathing",
    "Sight loss", "Hearing", "Autism", "Parkinson's", "Kidney", "Arthritis", "Epilepsy",
    "Menopause", "Feeding", "Dads", "Young people", "Money", "Debt", "Housing", "Transport",
    "Recovery", "Wellbeing", "Caf\xc3\xa9", "Walking", "Singing", "Łódź friends", "Faith"};
static const char *const kinds[] = {"support group", "drop-in", "helpline", "advice service",
                                    "peer group", "club", "information service"};
static const char *const days[] = {"MO", "TU", "WE", "TH", "FR", "SA", "SU"};

static FILE *open_in(const char *dir, const char *name)
{
    char path[2048];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    return fopen(path, "w");
}

/* A small site: one floor, a corridor of PLACES rooms off it, one kiosk. */
static int write_site(const char *dir)
{
    FILE *site = open_in(dir, "site.ini"), *b = open_in(dir, "buildings.csv"),
         *f = open_in(dir, "floors.csv"), *w = open_in(dir, "waypoints.csv"),
         *p = open_in(dir, "paths.csv"), *t = open_in(dir, "destination_types.csv"),
         *d = open_in(dir, "destinations.csv"), *k = open_in(dir, "kiosks.csv");
    int rc = 0;
    if (site && b && f && w && p && t && d && k) {
        fprintf(site, "[site]\nname = Benchmark General\nreception = Main reception\n");
        fprintf(b, "id,name\nmain,Main Building\n");
        fprintf(f, "id,building,level,name,plan_width,plan_height\nmain-g,main,0,Ground floor,,\n");
        fprintf(w, "id,floor,x,y,landmark\n");
        fprintf(p, "from,to,kind,length_m,instruction,back_instruction\n");
        fprintf(t, "id,label\nroom,Rooms\n");
        fprintf(d, "id,name,type,floor,waypoint,hours,accessibility,phone,web,summary,keywords\n");
        fprintf(k, "id,name,waypoint\nk0,Entrance kiosk,j0\n");
        for (int i = 0; i < PLACES; i++) {
            fprintf(w, "j%d,main-g,,,\nroom-%d,main-g,,,\n", i, i);
            if (i > 0)
                fprintf(p, "j%d,j%d,walk,10,Walk on along the corridor.,Walk back along the "
                           "corridor.\n", i - 1, i);
            fprintf(p, "j%d,room-%d,walk,3,Go in at the door on your left.,Come out into the "
                       "corridor.\n", i, i);
            fprintf(d, "room-%d,Meeting room %d,room,main-g,room-%d,,,,,A meeting room.,\n", i,
                    i, i);
        }
    } else {
        rc = -1;
    }
    FILE *all[] = {site, b, f, w, p, t, d, k};
    for (size_t i = 0; i < sizeof all / sizeof all[0]; i++)
        if (all[i] && fclose(all[i]) != 0)
            rc = -1;
    return rc;
}

static int write_directory(const char *dir)
{
    FILE *c = open_in(dir, "categories.csv"), *o = open_in(dir, "organizations.csv"),
         *s = open_in(dir, "services.csv"), *sc = open_in(dir, "schedules.csv");
    int rc = 0;
    if (c && o && s && sc) {
        fprintf(c, "id,label,description\n");
        for (int i = 0; i < CATEGORIES; i++)
            fprintf(c, "cat-%d,%s %d,\"Groups and help: %s, and more.\"\n", i,
                    topics[i % 30], i, topics[(i * 7) % 30]);
        fprintf(o, "id,name,description,url,email\n");
        for (int i = 0; i < ORGANIZATIONS; i++)
            fprintf(o, "org-%d,Northgate %s Trust %d,A local charity.,https://org%d.example.org,"
                       "hello@org%d.example.org\n", i, topics[i % 30], i, i, i);
        fprintf(s, "id,name,organization,status,description,categories,eligibility,min_age,"
                   "max_age,fees,languages,url,email,phone,phone_description,phone2,"
                   "phone2_description,place,address,attending,alert,assured_date\n");
        fprintf(sc, "service,freq,interval,byday,bymonthday,opens_at,closes_at,dtstart,"
                    "description\n");
        time_t now = time(NULL);
        for (int i = 0; i < SERVICES; i++) {
            time_t then = now - (time_t)(i % 300) * 86400;
            struct tm tm;
            gmtime_r(&then, &tm);
            const char *status = i % 50 == 0 ? "inactive" : i % 40 == 0 ? "temporarily closed"
                                                                         : "active";
            char place[16] = "", address[96] = "";
            if (i % 3 == 0)
                snprintf(place, sizeof place, "room-%d", i % PLACES);
            else if (i % 3 == 1)
                snprintf(address, sizeof address, "\"Unit %d, %d High Street, Northgate NX%d "
                                                  "%dAB\"", i % 90 + 1, i % 200 + 1,
                         i % 9 + 1, i % 10);
            fprintf(s, "svc-%d,%s %s %d,org-%d,%s,\"A %s for people in Northgate, with "
                       "volunteers who understand.\",cat-%d;cat-%d,%s,%s,,%s,%s,"
                       "https://svc%d.example.org,svc%d@example.org,01632 960%03d,Helpline,"
                       "%s,%s,%s,%s,In person or by phone,%s,%04d-%02d-%02d\n",
                    i, topics[i % 30], kinds[i % 7], i, i % ORGANIZATIONS, status, kinds[i % 7],
                    i % CATEGORIES, (i + 1 + i % 7) % CATEGORIES, i % 5 == 0 ? "Adults" : "",
                    i % 5 == 0 ? "18" : "", i % 2 ? "Free" : "",
                    i % 4 == 0 ? "\"English, Polish\"" : "", i, i, i % 1000,
                    i % 6 == 0 ? "0808 157 0123" : "", i % 6 == 0 ? "Free line" : "", place,
                    address, i % 97 == 0 ? "Moving in the spring." : "", tm.tm_year + 1900,
                    tm.tm_mon + 1, tm.tm_mday);
            if (i % 4 == 0)
                fprintf(sc, "svc-%d,MONTHLY,,%d%s,,18:30,20:00,,\n", i, i % 4 + 1, days[i % 5]);
            else
                fprintf(sc, "svc-%d,WEEKLY,,\"%s,%s\",,09:00,17:00,,\n", i, days[i % 5],
                        days[(i + 2) % 5]);
            if (i % 2 == 0)
                fprintf(sc, "svc-%d,WEEKLY,2,SA,,10:00,12:00,2026-01-03,Fortnightly\n", i);
        }
    } else {
        rc = -1;
    }
    FILE *all[] = {c, o, s, sc};
    for (size_t i = 0; i < sizeof all / sizeof all[0]; i++)
        if (all[i] && fclose(all[i]) != 0)
            rc = -1;
    return rc;
}

/* A copy of the site files (not the directory) of `from` in `to`. */
static int copy_site(const char *from, const char *to)
{
    static const char *const files[] = {"site.ini", "buildings.csv", "floors.csv",
                                        "waypoints.csv", "paths.csv", "destination_types.csv",
                                        "destinations.csv", "kiosks.csv"};
    if (mkdir(to, 0755) != 0)
        return -1;
    for (size_t i = 0; i < sizeof files / sizeof files[0]; i++) {
        char src[2048], dst[2048], buf[8192];
        snprintf(src, sizeof src, "%s/%s", from, files[i]);
        snprintf(dst, sizeof dst, "%s/%s", to, files[i]);
        FILE *in = fopen(src, "rb"), *out = fopen(dst, "wb");
        size_t n;
        while (in && out && (n = fread(buf, 1, sizeof buf, in)) > 0)
            fwrite(buf, 1, n, out);
        if (in)
            fclose(in);
        if (!out || fclose(out) != 0 || !in)
            return -1;
    }
    return 0;
}

static void report_failure(const char *what, DiagList *dl)
{
    printf("  %s failed (%zu errors):\n", what, dl->nerrors);
    size_t shown = 0;
    for (size_t i = 0; i < dl->len && shown < 5; i++)
        if (dl->items[i].level == DIAG_ERROR) {
            printf("    %s:%d:%d: %s\n", dl->items[i].file, dl->items[i].line,
                   dl->items[i].column, dl->items[i].message);
            shown++;
        }
}

int bench_content(const char *dir)
{
    char src[512], db[512], json[512], csv[512], back_json[512], back_csv[512];
    snprintf(src, sizeof src, "%s/source", dir);
    snprintf(db, sizeof db, "%s/directory.db", dir);
    snprintf(json, sizeof json, "%s/export.json", dir);
    snprintf(csv, sizeof csv, "%s/export-csv", dir);
    snprintf(back_json, sizeof back_json, "%s/from-json", dir);
    snprintf(back_csv, sizeof back_csv, "%s/from-csv", dir);
    if (mkdir(src, 0755) != 0 || write_site(src) != 0 || write_directory(src) != 0 ||
        copy_site(src, back_json) != 0 || copy_site(src, back_csv) != 0) {
        printf("services x10k: cannot write the generated content in %s\n", dir);
        return -1;
    }
    DiagList dl;
    diag_init(&dl);
    ContentStats stats;
    double t0 = bench_now_ms();
    int rc = content_build(src, db, &dl, &stats);
    double build_ms = bench_now_ms() - t0;
    if (rc != 0) {
        report_failure("content build", &dl);
        diag_release(&dl);
        return -1;
    }
    diag_release(&dl);
    printf("services x10k: %d services in the store (of %d), %d categories, %d meeting times\n",
           stats.services, SERVICES, stats.categories, stats.schedules);
    printf("  content build      %7.0f ms  [target 2000 ms]\n", build_ms);

    diag_init(&dl);
    t0 = bench_now_ms();
    rc = content_check(src, &dl, NULL);
    double check_ms = bench_now_ms() - t0;
    diag_release(&dl);
    printf("  content check      %7.0f ms  [target 1000 ms]%s\n", check_ms,
           rc ? " (errors!)" : "");

    struct {
        const char *what, *out, *back;
        OrukFormat format;
    } runs[] = {{"JSON", json, back_json, ORUK_JSON}, {"CSV ", csv, back_csv, ORUK_CSV}};
    for (size_t i = 0; i < 2; i++) {
        OrukStats os;
        diag_init(&dl);
        t0 = bench_now_ms();
        rc = oruk_export(src, runs[i].out, runs[i].format, &dl, &os);
        double export_ms = bench_now_ms() - t0;
        if (rc != 0) {
            report_failure("export-oruk", &dl);
            diag_release(&dl);
            return -1;
        }
        diag_release(&dl);
        diag_init(&dl);
        t0 = bench_now_ms();
        rc = oruk_import(runs[i].out, runs[i].back, &dl, &os);
        double import_ms = bench_now_ms() - t0;
        if (rc != 0) {
            report_failure("import-oruk", &dl);
            diag_release(&dl);
            return -1;
        }
        printf("  export-oruk %s    %7.0f ms  (content check included)\n", runs[i].what,
               export_ms);
        printf("  import-oruk %s    %7.0f ms  (%d services, %zu warnings)\n", runs[i].what,
               import_ms, os.services, dl.nwarnings);
        diag_release(&dl);
    }
    return 0;
}
