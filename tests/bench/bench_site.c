/* bench_site.c: a generated site ten times the sample's size, for route and search
 * figures: 10 buildings of 3 floors, each floor a corridor of 8 junctions with lifts
 * at one end and stairs at the other, 17 destinations a floor (510 in all), buildings
 * joined by outdoor walkways, 3 kiosks. Written as ordinary content sources and built
 * with the real content build, so the build's time is measured too. */
#include "bench.h"

#include "content.h"
#include "err.h"
#include "store.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { BUILDINGS = 10, FLOORS = 3, JUNCTIONS = 8, DEST_PER_FLOOR = 17 };

static const char *const words[] = {
    "Cardiology", "Dermatology", "Renal", "Oncology", "Maternity", "Fracture", "Audiology",
    "Diabetes", "Respiratory", "Stroke", "Urology", "Neurology", "Ophthalmology",
    "Physiotherapy", "Rheumatology", "Haematology", "Endoscopy", "Gynaecology",
    "Orthopaedic", "Paediatric", "Łódź", "Café", "Pharmacy", "Chapel", "Radiology"};
static const char *const kinds[] = {"Clinic", "Ward", "Unit", "Department", "Centre"};

static FILE *open_in(const char *dir, const char *name)
{
    char path[1024];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    return fopen(path, "w");
}

static int write_sources(const char *dir)
{
    FILE *site = open_in(dir, "site.ini"), *b = open_in(dir, "buildings.csv"),
         *f = open_in(dir, "floors.csv"), *w = open_in(dir, "waypoints.csv"),
         *p = open_in(dir, "paths.csv"), *t = open_in(dir, "destination_types.csv"),
         *d = open_in(dir, "destinations.csv"), *k = open_in(dir, "kiosks.csv");
    if (!site || !b || !f || !w || !p || !t || !d || !k)
        return err_set("cannot write the generated site in %s", dir);
    fprintf(site, "[site]\nname = Benchmark General\nreception = Main reception, "
                  "building 0 ground floor\n");
    fprintf(b, "id,name\n");
    fprintf(f, "id,building,level,name,plan_width,plan_height\n");
    fprintf(w, "id,floor,x,y,landmark\n");
    fprintf(p, "from,to,kind,length_m,instruction,back_instruction\n");
    fprintf(t, "id,label\nclinic,Clinics\nward,Wards\ndepartment,Departments\n");
    fprintf(d, "id,name,type,floor,waypoint,hours,accessibility,phone,web,summary,keywords\n");
    fprintf(k, "id,name,waypoint\n");
    int n = 0;
    for (int bi = 0; bi < BUILDINGS; bi++) {
        fprintf(b, "b%d,Building %d\n", bi, bi);
        for (int fl = 0; fl < FLOORS; fl++) {
            fprintf(f, "b%d-f%d,b%d,%d,Floor %d,,\n", bi, fl, bi, fl, fl);
            for (int j = 0; j < JUNCTIONS; j++) {
                fprintf(w, "b%d-f%d-j%d,b%d-f%d,%d,100,\n", bi, fl, j, bi, fl, j * 100);
                if (j > 0)
                    fprintf(p, "b%d-f%d-j%d,b%d-f%d-j%d,walk,25,Walk along the corridor to "
                               "junction %d.,Walk back along the corridor to junction %d.\n",
                            bi, fl, j - 1, bi, fl, j, j, j - 1);
            }
            if (fl > 0) {
                fprintf(p, "b%d-f%d-j0,b%d-f%d-j0,lift,14,Take the lift up to floor %d.,"
                           "Take the lift down to floor %d.\n", bi, fl - 1, bi, fl, fl, fl - 1);
                fprintf(p, "b%d-f%d-j%d,b%d-f%d-j%d,stairs,12,Take the stairs up to floor %d.,"
                           "Take the stairs down to floor %d.\n",
                        bi, fl - 1, JUNCTIONS - 1, bi, fl, JUNCTIONS - 1, fl, fl - 1);
            }
            for (int di = 0; di < DEST_PER_FLOOR; di++) {
                int j = di % JUNCTIONS;
                fprintf(w, "b%d-f%d-d%d,b%d-f%d,%d,140,\n", bi, fl, di, bi, fl, j * 100 + 10);
                fprintf(p, "b%d-f%d-j%d,b%d-f%d-d%d,walk,6,Turn into the door on your left.,"
                           "Come out into the corridor.\n", bi, fl, j, bi, fl, di);
                const char *word = words[(n * 7 + di) % (sizeof words / sizeof words[0])];
                const char *kind = kinds[n % (sizeof kinds / sizeof kinds[0])];
                fprintf(d, "b%d-f%d-d%d,%s %s %d,%s,b%d-f%d,b%d-f%d-d%d,Mon-Fri 08:00-17:00,"
                           "Step-free access,,,A %s %s.,%s\n",
                        bi, fl, di, word, kind, n, n % 3 == 0 ? "clinic" : n % 3 == 1 ? "ward"
                                                                                : "department",
                        bi, fl, bi, fl, di, word, kind, word);
                n++;
            }
        }
        if (bi > 0)
            fprintf(p, "b%d-f0-j%d,b%d-f0-j0,outside,60,Follow the covered walkway to building "
                       "%d.,Follow the covered walkway back to building %d.\n",
                    bi - 1, JUNCTIONS - 1, bi, bi, bi - 1);
    }
    fprintf(k, "k0,Kiosk at building 0,b0-f0-j1\nk1,Kiosk at building 5,b5-f0-j2\n"
               "k2,Kiosk at building 9,b9-f1-j3\n");
    FILE *all[] = {site, b, f, w, p, t, d, k};
    int rc = 0;
    for (size_t i = 0; i < sizeof all / sizeof all[0]; i++)
        if (fclose(all[i]) != 0)
            rc = err_set("writing the generated site failed");
    return rc;
}

int bench_big_site(const char *dir, const char *db_path)
{
    if (write_sources(dir) != 0) {
        printf("site x10: %s\n", err_msg());
        return -1;
    }
    DiagList diags;
    diag_init(&diags);
    ContentStats stats;
    double t0 = bench_now_ms();
    int rc = content_build(dir, db_path, &diags, &stats);
    double build_ms = bench_now_ms() - t0;
    if (rc != 0) {
        printf("site x10: the generated content did not build:\n");
        diag_print(&diags, stdout);
        diag_release(&diags);
        return -1;
    }
    diag_release(&diags);
    printf("site x10: %d buildings, %d floors, %d waypoints, %d paths, %d destinations; "
           "content build %.0f ms\n",
           stats.buildings, stats.floors, stats.waypoints, stats.paths, stats.destinations,
           build_ms);
    t0 = bench_now_ms();
    Store *st = store_open(db_path);
    double open_ms = bench_now_ms() - t0;
    if (!st) {
        printf("site x10: %s\n", err_msg());
        return -1;
    }
    const Site *s = store_site(st);
    printf("  store open and load: %.1f ms\n", open_ms);
    enum { ROUTES = 2000 };
    static double samples[ROUTES];
    unsigned seed = 12345;
    for (int flags = 0; flags <= ROUTE_STEP_FREE; flags += ROUTE_STEP_FREE) {
        for (int i = 0; i < ROUTES; i++) {
            seed = seed * 1103515245u + 12345u;
            int from = s->kiosks[(seed >> 8) % s->nkiosks].waypoint;
            seed = seed * 1103515245u + 12345u;
            int to = s->destinations[(seed >> 8) % s->ndestinations].waypoint;
            Route r;
            double t = bench_now_ms();
            route_find(s->graph, from, to, (unsigned)flags, &r);
            samples[i] = bench_now_ms() - t;
            route_release(&r);
        }
        printf("  route %-9s p50 %.3f ms   p99 %.3f ms  (%d routes)\n",
               flags ? "step-free" : "shortest", bench_percentile(samples, ROUTES, 50),
               bench_percentile(samples, ROUTES, 99), ROUTES);
    }
    /* Search as typed: every prefix of a few queries, as keystrokes. */
    static const char *const queries[] = {"cardiology clinic", "lodz ward", "cafe",
                                          "pharmacy department", "respir", "zzz nothing"};
    size_t n = 0;
    SearchHit hits[50];
    for (int round = 0; round < 10; round++)
        for (size_t q = 0; q < sizeof queries / sizeof queries[0]; q++) {
            char buf[64];
            size_t len = strlen(queries[q]);
            for (size_t i = 1; i <= len && n < ROUTES; i++) {
                memcpy(buf, queries[q], i);
                buf[i] = '\0';
                double t = bench_now_ms();
                store_search(st, buf, hits, 50);
                samples[n++] = bench_now_ms() - t;
            }
        }
    printf("  search keystroke:  p50 %.3f ms   p99 %.3f ms  (%zu keystrokes)  [target 2 ms]\n",
           bench_percentile(samples, n, 50), bench_percentile(samples, n, 99), n);
    /* The same with mistakes, where search forgives (corrections, "did you mean"). */
    static const char *const misspelt[] = {"cardiolgy clinc", "maternaty ward", "pharmcy",
                                           "lodz wrad", "physiotherpy", "radiolgy unit"};
    n = bench_misspelt_keystrokes(st, misspelt, sizeof misspelt / sizeof misspelt[0], 10,
                                  samples, ROUTES);
    printf("  search keystroke, misspelt:  p50 %.3f ms   p99 %.3f ms  (%zu keystrokes)  "
           "[target 2 ms]\n",
           bench_percentile(samples, n, 50), bench_percentile(samples, n, 99), n);
    store_close(st);
    return 0;
}
