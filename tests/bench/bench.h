/* bench.h: shared helpers of the benchmark program: timing and percentiles. */
#ifndef SIGNPOST_BENCH_H
#define SIGNPOST_BENCH_H

#include <stdbool.h>
#include <stddef.h>

/* Monotonic milliseconds with sub-millisecond precision. */
double bench_now_ms(void);
/* The p-th percentile (0..100) of n samples; sorts the array. */
double bench_percentile(double *samples, size_t n, double p);
/* Room for n timing samples (mem_zalloc_array; release with mem_free()). Out of memory
 * ends the benchmark with a message: a run without its samples measures nothing. */
double *bench_samples(size_t n);

struct Store;
/* Times store_search_suggest on every prefix of each query (a person typing them with
 * mistakes), `rounds` times, into samples (at most max); returns how many. */
size_t bench_misspelt_keystrokes(struct Store *st, const char *const *queries, size_t nq,
                                 int rounds, double *samples, size_t max);

/* Generates a site ten times the sample's size (about 500 destinations over 10
 * buildings) as content sources in dir, builds it into db_path and reports route and
 * search timings. Returns 0 or -1. */
int bench_big_site(const char *dir, const char *db_path);

/* Outbox figures in dir: submit p50/p99 over 200 concerns, export of 10,000 as JSON,
 * CSV and FHIR to /dev/null, purge. Leaves nothing behind. Returns 0 or -1. */
int bench_outbox(const char *dir);

/* Adds 10,000 services (one category of 1,000) to the generated site in dir, builds it
 * into db_path and reports search and list-scrolling times. Returns 0 or -1. */
int bench_directory(const char *dir, const char *db_path, int frames);

/* Writes categories.csv, organizations.csv, services.csv and schedules.csv for
 * `services` services in 12 categories into dir, the first big_category of them in
 * cat-0. Returns 0 or -1 (err_set). */
int bench_write_directory(const char *dir, int services, int big_category);

/* The directory at 100,000 services (a category of 5,000) added to the generated site
 * in dir (bench_big_site wrote it): content build time; then, in a child process with
 * a headless 1920x1080 kiosk, PSS at home and after browsing and searching, keystroke
 * to frame presented through the home search, opening and scrolling the big category,
 * the first frame of each screen with a cold text cache, and bad searches.
 * Returns 0 or -1. */
int bench_scale(const char *dir, const char *db_path, bool quick);
/* The measuring half of bench_scale(), run in a fresh process on the built store. */
int bench_scale_measure(const char *db_path, bool quick);

struct Runner;
/* Prints the first frame of each screen (build, render, present) after the text cache
 * was dropped; the service list is category's (skipped when < 0), named list_what. */
void bench_cold_frames(struct Runner *r, const char *list_what, int category);

/* Generates 10,000 services (with categories, organizations and meeting times) as
 * content sources under dir and reports content build and check times, and Open
 * Referral UK export and import times (JSON and CSV). Returns 0 or -1. */
int bench_content(const char *dir);

/* Tap on Print to the first byte at the printer emulator, `rounds` slips each on 80 mm
 * (raster QR), 58 mm (native QR) and in Urdu (text drawn as images). 0 or -1. */
int bench_print(const char *store_path, int rounds);

/* The PALS report for a year: 10,000 sealed concerns, a year of answers and usage,
 * report_write with and without the key (target 5 s); the PDF is kept at keep_pdf
 * when given. Returns 0 or -1. */
int bench_report(const char *dir, const char *keep_pdf);

#endif
