/* test_publish.c: safe publishing and signed content (app/publish). Publishing a
 * content folder and a built store; a damaged candidate (garbage, truncated, empty,
 * not a store) is refused with a message naming it and the cause, and the live store
 * is untouched byte for byte; the last-known-good copy is kept and rollback restores
 * it (keeping the replaced store as .bad); a live path that became a folder or a FIFO
 * is moved aside as .bad and the publish goes ahead; replacement is atomic: a reader running
 * alongside many publishes, and publishes killed at random moments, only ever see the
 * old store or the new one, whole. Signing: keys, the sign/verify round trip, one
 * flipped byte, another key, a missing .sig, an Ed25519ph (multi-part) signature, a
 * damaged secret key; publish refuses what the kiosk would refuse. The watch notices
 * a publish. And the signpostctl commands' exit codes and messages. */
#include "test.h"
#include "testlib.h"

#include "err.h"
#include "files.h"
#include "live.h"
#include "log.h"
#include "publish.h"
#include "signing.h"

#include <sodium.h>
#include <sqlite3.h>

#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define DIR TEST_TMP_DIR "/publish"
#define P(name) DIR "/" name

/* ==== helpers ==== */

/* The whole file (NULL when it cannot be read; *len is 0 then). */
static unsigned char *slurp(const char *path, size_t *len)
{
    *len = 0;
    return (unsigned char *)tl_read_file(path, len);
}

static void spit(const char *path, const void *data, size_t len)
{
    unlink(path); /* a new file: never write through a hard link */
    if (tl_write_file(path, data, len) != 0)
        abort();
}

static void spit_text(const char *path, const char *text)
{
    spit(path, text, strlen(text));
}

/* True when the file at path holds exactly len bytes of data. */
static bool same_bytes(const char *path, const unsigned char *data, size_t len)
{
    size_t n;
    unsigned char *b = slurp(path, &n);
    bool same = b && n == len && memcmp(b, data, len) == 0;
    free(b);
    return same;
}

static bool exists(const char *path)
{
    struct stat sb;
    return lstat(path, &sb) == 0;
}

static unsigned long long inode_of(const char *path)
{
    struct stat sb;
    return stat(path, &sb) == 0 ? (unsigned long long)sb.st_ino : 0;
}

static int sh(const char *cmd)
{
    int status = system(cmd);
    return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

static void copy(const char *from, const char *to)
{
    if (file_copy(from, to, 0644) != 0) {
        fprintf(stderr, "copy: %s\n", err_msg());
        abort();
    }
}

/* Two different stores: A (the sample content) and B (the same with one destination
 * renamed), with their bytes. */
static unsigned char *a_bytes, *b_bytes;
static size_t a_len, b_len;

static void build_stores(void)
{
    log_set_sink(NULL, NULL);
    if (sh("rm -rf '" DIR "' && mkdir -p '" DIR "' && cp -r '" SOURCE_ROOT "/content' '" DIR
           "/content-b' && sed -i 's/^xray,X-ray and Imaging,/xray,Zephyr Imaging Suite,/' '" DIR
           "/content-b/destinations.csv'") != 0)
        abort();
    DiagList dl;
    diag_init(&dl);
    if (content_build(SOURCE_ROOT "/content", P("a.db"), &dl, NULL) != 0 ||
        content_build(P("content-b"), P("b.db"), &dl, NULL) != 0) {
        diag_print(&dl, stderr);
        abort();
    }
    diag_release(&dl);
    a_bytes = slurp(P("a.db"), &a_len);
    b_bytes = slurp(P("b.db"), &b_len);
    if (!a_bytes || !b_bytes || (a_len == b_len && memcmp(a_bytes, b_bytes, a_len) == 0))
        abort();
}

static int publish(const char *source, const char *live, const char *key)
{
    PublishRequest rq = {.source = source, .live = live, .public_key = key};
    PublishResult res;
    return content_publish(&rq, &res);
}

static int rollback(const char *live, const char *key, PublishResult *res)
{
    PublishRequest rq = {.live = live, .public_key = key};
    return content_rollback(&rq, res);
}

/* A fresh folder for the live store. */
static void fresh(const char *sub)
{
    char cmd[1024];
    snprintf(cmd, sizeof cmd, "rm -rf '%s/%s' && mkdir -p '%s/%s'", DIR, sub, DIR, sub);
    if (sh(cmd) != 0)
        abort();
}

/* ==== publishing ==== */

static void test_publish_folder_then_store(void)
{
    fresh("p1");
    PublishRequest rq = {.source = SOURCE_ROOT "/content", .live = P("p1/live.db")};
    DiagList dl;
    diag_init(&dl);
    rq.diags = &dl;
    PublishResult res;
    CHECK_INT(content_publish(&rq, &res), 0);
    CHECK(res.built);
    CHECK(res.stats.destinations > 0);
    CHECK(res.built_at[0] != '\0');
    CHECK(!res.kept_good); /* nothing was live before */
    CHECK_INT(dl.nerrors, 0);
    diag_release(&dl);
    CHECK_INT(content_store_check(P("p1/live.db"), NULL, "main-entrance", NULL, 0), 0);
    CHECK(!exists(P("p1/live.db.new")));
    CHECK(!exists(P("p1/live.db.good")));

    size_t first_len;
    unsigned char *first = slurp(P("p1/live.db"), &first_len);
    rq.source = P("b.db");
    rq.diags = NULL;
    CHECK_INT(content_publish(&rq, &res), 0);
    CHECK(!res.built);
    CHECK(res.kept_good);
    CHECK(same_bytes(P("p1/live.db"), b_bytes, b_len));
    CHECK(first && same_bytes(P("p1/live.db.good"), first, first_len));
    CHECK(!exists(P("p1/live.db.new")));
    CHECK(!exists(P("p1/live.db.sig")));
    free(first);

    /* A folder with errors is refused; the live store stays as it was. */
    unsigned long long ino = inode_of(P("p1/live.db"));
    rq.source = TEST_DATA_DIR "/content-bad/unknown-waypoint";
    CHECK_INT(content_publish(&rq, &res), -1);
    CHECK_CONTAINS(err_msg(), "content-bad/unknown-waypoint was refused");
    CHECK_CONTAINS(err_msg(), "was not changed");
    CHECK(same_bytes(P("p1/live.db"), b_bytes, b_len));
    CHECK_INT(inode_of(P("p1/live.db")), ino);
    CHECK(!exists(P("p1/live.db.new")));

    /* Not something publishable. */
    rq.source = P("p1/live.db");
    CHECK_INT(content_publish(&rq, &res), -1);
    CHECK_CONTAINS(err_msg(), "is the live store itself");
    rq.source = P("no-such.db");
    CHECK_INT(content_publish(&rq, &res), -1);
    CHECK_CONTAINS(err_msg(), "does not exist");
}

/* Each damaged candidate is refused, naming it and the cause; LIVE, its inode and
 * LIVE.good are untouched and no LIVE.new is left behind. */
static void test_damaged_candidates_refused(void)
{
    fresh("p2");
    CHECK_INT(publish(P("a.db"), P("p2/live.db"), NULL), 0);
    CHECK_INT(publish(P("b.db"), P("p2/live.db"), NULL), 0);
    unsigned long long ino = inode_of(P("p2/live.db"));

    unsigned char garbage[8192];
    for (size_t i = 0; i < sizeof garbage; i++)
        garbage[i] = (unsigned char)(i * 7919u >> 3);
    spit(P("garbage.db"), garbage, sizeof garbage);
    spit(P("truncated.db"), a_bytes, a_len / 2);
    spit(P("empty.db"), "", 0);
    spit(P("text.db"), "id,name\nxray,X-ray\n", 19);
    /* A sound SQLite file that is not a content store. */
    unlink(P("other.db"));
    sqlite3 *db = NULL;
    CHECK_INT(sqlite3_open(P("other.db"), &db), SQLITE_OK);
    CHECK_INT(sqlite3_exec(db, "CREATE TABLE t(x); INSERT INTO t VALUES(1)", NULL, NULL, NULL),
              SQLITE_OK);
    sqlite3_close(db);
    /* A store with one page of its middle overwritten. */
    unsigned char *hurt = malloc(a_len);
    memcpy(hurt, a_bytes, a_len);
    memset(hurt + (a_len / 4096 / 2) * 4096, 0x5A, 4096);
    spit(P("overwritten.db"), hurt, a_len);
    free(hurt);

    const struct {
        const char *file, *cause;
    } cases[] = {
        {P("garbage.db"), "not a Signpost content store"},
        {P("truncated.db"), "content store"},
        {P("empty.db"), "content store"},
        {P("text.db"), "not a Signpost content store"},
        {P("other.db"), "content store"},
        {P("overwritten.db"), "content store"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        CHECK_INT(publish(cases[i].file, P("p2/live.db"), NULL), -1);
        char want[512];
        snprintf(want, sizeof want, "store %s was refused: ", cases[i].file);
        CHECK_CONTAINS(err_msg(), want);
        CHECK_CONTAINS(err_msg(), cases[i].cause);
        CHECK_CONTAINS(err_msg(), "The live store " P("p2/live.db") " was not changed");
        CHECK(same_bytes(P("p2/live.db"), b_bytes, b_len));
        CHECK_INT(inode_of(P("p2/live.db")), ino);
        CHECK(same_bytes(P("p2/live.db.good"), a_bytes, a_len));
        CHECK(!exists(P("p2/live.db.new")));
    }
}

/* A live path that became a folder or a FIFO (by mistake) is moved aside as .bad and
 * the publish goes ahead; a folder already at .bad is refused, never deleted. */
static void test_live_not_a_file(void)
{
    fresh("p9");
    CHECK_INT(mkdir(P("p9/live.db"), 0755), 0);
    spit_text(P("p9/live.db/notes.txt"), "left here by mistake");
    PublishRequest rq = {.source = P("a.db"), .live = P("p9/live.db")};
    PublishResult res;
    CHECK_INT(content_publish(&rq, &res), 0);
    CHECK(res.kept_bad);
    CHECK_CONTAINS(res.replaced_problem, "a folder");
    CHECK(same_bytes(P("p9/live.db"), a_bytes, a_len));
    CHECK(exists(P("p9/live.db.bad/notes.txt")));

    /* Now a FIFO: opening it to check it would wait for ever. */
    CHECK_INT(unlink(P("p9/live.db")), 0);
    CHECK_INT(mkfifo(P("p9/live.db"), 0644), 0);
    CHECK_INT(publish(P("b.db"), P("p9/live.db"), NULL), -1); /* .bad is a folder */
    CHECK_CONTAINS(err_msg(), "is a folder too");
    CHECK(exists(P("p9/live.db.bad/notes.txt")));
    tl_remove_tree(P("p9/live.db.bad"));
    CHECK_INT(content_publish(&(PublishRequest){.source = P("b.db"), .live = P("p9/live.db")},
                              &res), 0);
    CHECK(res.kept_bad);
    CHECK(same_bytes(P("p9/live.db"), b_bytes, b_len));
    struct stat sb;
    CHECK(lstat(P("p9/live.db.bad"), &sb) == 0 && S_ISFIFO(sb.st_mode));
}

static void test_rollback(void)
{
    fresh("p3");
    PublishResult res;
    CHECK_INT(rollback(P("p3/live.db"), NULL, &res), -1);
    CHECK_CONTAINS(err_msg(), "no last-known-good store");

    CHECK_INT(publish(P("a.db"), P("p3/live.db"), NULL), 0);
    CHECK_INT(publish(P("b.db"), P("p3/live.db"), NULL), 0);
    CHECK(same_bytes(P("p3/live.db.good"), a_bytes, a_len));
    CHECK_INT(rollback(P("p3/live.db"), NULL, &res), 0);
    CHECK(res.kept_bad);
    CHECK(same_bytes(P("p3/live.db"), a_bytes, a_len));
    CHECK(same_bytes(P("p3/live.db.bad"), b_bytes, b_len));
    CHECK(same_bytes(P("p3/live.db.good"), a_bytes, a_len)); /* still there */
    CHECK(!exists(P("p3/live.db.new")));
    /* Nothing more to roll back to. */
    CHECK_INT(rollback(P("p3/live.db"), NULL, &res), -1);
    CHECK_CONTAINS(err_msg(), "already the last-known-good");

    /* A damaged last-known-good store is not put back. */
    CHECK_INT(publish(P("b.db"), P("p3/live.db"), NULL), 0);
    unlink(P("p3/live.db.good")); /* a hard link: write a new file, not through it */
    spit(P("p3/live.db.good"), a_bytes, a_len / 3);
    unsigned long long ino = inode_of(P("p3/live.db"));
    CHECK_INT(rollback(P("p3/live.db"), NULL, &res), -1);
    CHECK_CONTAINS(err_msg(), "cannot roll back to " P("p3/live.db.good"));
    CHECK_CONTAINS(err_msg(), "was not changed");
    CHECK(same_bytes(P("p3/live.db"), b_bytes, b_len));
    CHECK_INT(inode_of(P("p3/live.db")), ino);

    /* A live store that fails its checks is kept as .bad, never as .good. */
    fresh("p4");
    CHECK_INT(publish(P("a.db"), P("p4/live.db"), NULL), 0);
    CHECK_INT(publish(P("b.db"), P("p4/live.db"), NULL), 0);
    unlink(P("p4/live.db"));
    spit(P("p4/live.db"), "damaged", 7);
    PublishRequest rq = {.source = P("b.db"), .live = P("p4/live.db")};
    CHECK_INT(content_publish(&rq, &res), 0);
    CHECK(res.kept_bad && !res.kept_good);
    CHECK_CONTAINS(res.replaced_problem, P("p4/live.db"));
    CHECK(same_bytes(P("p4/live.db.bad"), (const unsigned char *)"damaged", 7));
    CHECK(same_bytes(P("p4/live.db.good"), a_bytes, a_len));
}

/* A reader alongside many publishes sees A or B, whole, every time. */
static void test_atomic_under_reader(void)
{
    fresh("p5");
    CHECK_INT(publish(P("a.db"), P("p5/live.db"), NULL), 0);
    pid_t child = fork();
    if (child == 0) {
        int bad = 0;
        for (int i = 0; i < 24; i++)
            bad += publish(i % 2 ? P("a.db") : P("b.db"), P("p5/live.db"), NULL) != 0;
        _exit(bad ? 1 : 0);
    }
    CHECK(child > 0);
    int reads = 0, mixed = 0, status = 0;
    while (waitpid(child, &status, WNOHANG) == 0) {
        size_t n;
        unsigned char *b = slurp(P("p5/live.db"), &n);
        bool is_a = b && n == a_len && memcmp(b, a_bytes, n) == 0;
        bool is_b = b && n == b_len && memcmp(b, b_bytes, n) == 0;
        mixed += !is_a && !is_b;
        reads++;
        free(b);
    }
    CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0);
    CHECK(reads > 0);
    CHECK_INT(mixed, 0);
    CHECK(same_bytes(P("p5/live.db"), a_bytes, a_len)); /* the last publish was A */
}

/* Publishes killed at random moments leave LIVE (and LIVE.good) as A or B, whole and
 * sound; the next publish cleans up after them. */
static void test_atomic_when_killed(void)
{
    fresh("p6");
    CHECK_INT(publish(P("a.db"), P("p6/live.db"), NULL), 0);
    srand((unsigned)time(NULL));
    for (int round = 0; round < 10; round++) {
        pid_t child = fork();
        if (child == 0) {
            for (int i = 0;; i++)
                publish(i % 2 ? P("a.db") : P("b.db"), P("p6/live.db"), NULL);
        }
        CHECK(child > 0);
        long us = 2000 + rand() % 60000;
        struct timespec pause = {0, us * 1000};
        nanosleep(&pause, NULL);
        kill(child, SIGKILL);
        waitpid(child, NULL, 0);
        bool live_ok = same_bytes(P("p6/live.db"), a_bytes, a_len) ||
                       same_bytes(P("p6/live.db"), b_bytes, b_len);
        CHECK(live_ok);
        CHECK(!exists(P("p6/live.db.good")) || same_bytes(P("p6/live.db.good"), a_bytes, a_len) ||
              same_bytes(P("p6/live.db.good"), b_bytes, b_len));
        CHECK_INT(content_store_check(P("p6/live.db"), NULL, NULL, NULL, 0), 0);
    }
    CHECK_INT(publish(P("b.db"), P("p6/live.db"), NULL), 0);
    CHECK(same_bytes(P("p6/live.db"), b_bytes, b_len));
    CHECK(!exists(P("p6/live.db.new")));
    CHECK(!exists(P("p6/live.db.good.tmp")));
}

/* A second publish while one holds the lock is refused and touches nothing. */
static void test_one_at_a_time(void)
{
    fresh("p7");
    CHECK_INT(publish(P("a.db"), P("p7/live.db"), NULL), 0);
    int up[2], down[2]; /* child to parent, parent to child */
    CHECK_INT(pipe(up), 0);
    CHECK_INT(pipe(down), 0);
    pid_t child = fork();
    if (child == 0) {
        /* Hold the lock as a running publish would, until told to stop. */
        int fd = open(P("p7/live.db.lock"), O_RDWR);
        struct flock fl = {.l_type = F_WRLCK, .l_whence = SEEK_SET};
        char c = fd >= 0 && fcntl(fd, F_SETLK, &fl) == 0 ? 'L' : 'X';
        if (write(up[1], &c, 1) != 1 || read(down[0], &c, 1) < 0)
            _exit(1);
        _exit(0);
    }
    char c = 0;
    CHECK_INT(read(up[0], &c, 1), 1);
    CHECK_INT(c, 'L');
    CHECK_INT(publish(P("b.db"), P("p7/live.db"), NULL), -1);
    CHECK_CONTAINS(err_msg(), "another publish or rollback");
    CHECK(same_bytes(P("p7/live.db"), a_bytes, a_len));
    CHECK_INT(write(down[1], "x", 1), 1);
    waitpid(child, NULL, 0);
    for (int i = 0; i < 2; i++) {
        close(up[i]);
        close(down[i]);
    }
    CHECK_INT(publish(P("b.db"), P("p7/live.db"), NULL), 0);
}

/* ==== signing ==== */

static void make_keys(const char *pub, const char *sec)
{
    unlink(pub);
    unlink(sec);
    if (signing_keys_new(pub, sec) != 0) {
        fprintf(stderr, "keys: %s\n", err_msg());
        abort();
    }
}

static void sign_with(const char *store, const char *sec)
{
    unsigned char sk[SIGNING_SECRET_BYTES];
    if (signing_secret_key_read(sec, sk) != 0 || content_sign(store, sk) != 0) {
        fprintf(stderr, "sign: %s\n", err_msg());
        abort();
    }
    sodium_memzero(sk, sizeof sk);
}

static void test_keys(void)
{
    fresh("k");
    CHECK_INT(signing_keys_new(P("k/s.pub"), P("k/s.key")), 0);
    struct stat sb;
    CHECK(stat(P("k/s.key"), &sb) == 0 && (sb.st_mode & 0777) == 0600);
    CHECK(stat(P("k/s.pub"), &sb) == 0 && (sb.st_mode & 0777) == 0644);
    CHECK(stat(P("k/s.key"), &sb) == 0 && sb.st_size == 129);
    CHECK(stat(P("k/s.pub"), &sb) == 0 && sb.st_size == 65);
    size_t len;
    unsigned char *before = slurp(P("k/s.key"), &len);
    /* Never replaced. */
    CHECK_INT(signing_keys_new(P("k/other.pub"), P("k/s.key")), -1);
    CHECK_CONTAINS(err_msg(), "already exists");
    CHECK(!exists(P("k/other.pub")));
    CHECK_INT(signing_keys_new(P("k/s.pub"), P("k/other.key")), -1);
    CHECK(!exists(P("k/other.key")));
    CHECK(before && same_bytes(P("k/s.key"), before, len));
    free(before);

    unsigned char pk[SIGNING_PUBLIC_BYTES], sk[SIGNING_SECRET_BYTES];
    CHECK_INT(signing_public_key_read(P("k/s.pub"), pk), 0);
    CHECK_INT(signing_secret_key_read(P("k/s.key"), sk), 0);
    CHECK(memcmp(sk + 32, pk, 32) == 0);
    /* A public key is not a secret key, and the other way round. */
    CHECK_INT(signing_secret_key_read(P("k/s.pub"), sk), -1);
    CHECK_CONTAINS(err_msg(), "128 hexadecimal characters");
    CHECK_INT(signing_public_key_read(P("k/s.key"), pk), -1);
    CHECK_CONTAINS(err_msg(), "64 hexadecimal characters");
    /* A secret key whose halves do not belong together. */
    unsigned char *text = slurp(P("k/s.key"), &len);
    text[100] = text[100] == 'a' ? 'b' : 'a';
    spit(P("k/damaged.key"), text, len);
    free(text);
    CHECK_INT(signing_secret_key_read(P("k/damaged.key"), sk), -1);
    CHECK_CONTAINS(err_msg(), "do not belong together");
}

static void test_sign_verify(void)
{
    fresh("s");
    make_keys(P("s/s.pub"), P("s/s.key"));
    make_keys(P("s/other.pub"), P("s/other.key"));
    unsigned char pk[SIGNING_PUBLIC_BYTES], other[SIGNING_PUBLIC_BYTES];
    CHECK_INT(signing_public_key_read(P("s/s.pub"), pk), 0);
    CHECK_INT(signing_public_key_read(P("s/other.pub"), other), 0);
    copy(P("a.db"), P("s/a.db"));

    /* Missing .sig. */
    CHECK_INT(content_verify(P("s/a.db"), pk, NULL), -1);
    CHECK_CONTAINS(err_msg(), "is not signed");
    CHECK_CONTAINS(err_msg(), P("s/a.db.sig"));

    /* Round trip: 128 hex characters over the whole file. */
    sign_with(P("s/a.db"), P("s/s.key"));
    struct stat sb;
    CHECK(stat(P("s/a.db.sig"), &sb) == 0 && sb.st_size == 129);
    FileId id;
    CHECK_INT(content_verify(P("s/a.db"), pk, &id), 0);
    CHECK(id.exists && id.size == a_len);
    /* The same bytes as the one-shot API gives. */
    unsigned char sig[SIGNATURE_BYTES], sk[SIGNING_SECRET_BYTES];
    CHECK_INT(signing_secret_key_read(P("s/s.key"), sk), 0);
    crypto_sign_detached(sig, NULL, a_bytes, a_len, sk);
    char hex[2 * SIGNATURE_BYTES + 2];
    sodium_bin2hex(hex, sizeof hex, sig, sizeof sig);
    size_t n;
    unsigned char *file = slurp(P("s/a.db.sig"), &n);
    CHECK(file && n == 129 && memcmp(file, hex, 128) == 0 && file[128] == '\n');
    free(file);

    /* Another key. */
    CHECK_INT(content_verify(P("s/a.db"), other, NULL), -1);
    CHECK_CONTAINS(err_msg(), "does not match its signature");

    /* One flipped byte anywhere: first, middle, last. */
    size_t spots[] = {0, a_len / 2, a_len - 1};
    for (size_t i = 0; i < 3; i++) {
        unsigned char *t = malloc(a_len);
        memcpy(t, a_bytes, a_len);
        t[spots[i]] ^= 0x01;
        spit(P("s/t.db"), t, a_len);
        free(t);
        copy(P("s/a.db.sig"), P("s/t.db.sig"));
        CHECK_INT(content_verify(P("s/t.db"), pk, NULL), -1);
        CHECK_CONTAINS(err_msg(), "does not match its signature");
    }
    /* One byte more, one byte less. */
    unsigned char *longer = malloc(a_len + 1);
    memcpy(longer, a_bytes, a_len);
    longer[a_len] = 0;
    spit(P("s/t.db"), longer, a_len + 1);
    free(longer);
    CHECK_INT(content_verify(P("s/t.db"), pk, NULL), -1);
    spit(P("s/t.db"), a_bytes, a_len - 1);
    CHECK_INT(content_verify(P("s/t.db"), pk, NULL), -1);

    /* A signature file that is not one. */
    spit(P("s/t.db"), a_bytes, a_len);
    spit(P("s/t.db.sig"), "not a signature\n", 16);
    CHECK_INT(content_verify(P("s/t.db"), pk, NULL), -1);
    CHECK_CONTAINS(err_msg(), "128 hexadecimal characters");

    /* Ed25519ph (the multi-part API) is a different scheme: refused. */
    crypto_sign_state st;
    crypto_sign_init(&st);
    crypto_sign_update(&st, a_bytes, a_len);
    crypto_sign_final_create(&st, sig, NULL, sk);
    sodium_memzero(sk, sizeof sk);
    sodium_bin2hex(hex, sizeof hex, sig, sizeof sig);
    hex[128] = '\n';
    spit(P("s/t.db.sig"), hex, 129);
    CHECK_INT(content_verify(P("s/t.db"), pk, NULL), -1);
    CHECK_CONTAINS(err_msg(), "does not match its signature");

    /* Re-signing replaces the .sig atomically. */
    copy(P("b.db"), P("s/a.db"));
    CHECK_INT(content_verify(P("s/a.db"), pk, NULL), -1);
    sign_with(P("s/a.db"), P("s/s.key"));
    CHECK_INT(content_verify(P("s/a.db"), pk, NULL), 0);
    CHECK(!exists(P("s/a.db.sig.tmp")));
}

/* A .sig with two signatures (as LIVE.sig during a publish) accepts either store; one
 * with more, or with a line that is not a signature, is refused. */
static void test_two_signatures(void)
{
    fresh("two");
    make_keys(P("two/s.pub"), P("two/s.key"));
    unsigned char pk[SIGNING_PUBLIC_BYTES], sk[SIGNING_SECRET_BYTES];
    CHECK_INT(signing_public_key_read(P("two/s.pub"), pk), 0);
    CHECK_INT(signing_secret_key_read(P("two/s.key"), sk), 0);
    unsigned char sigs[3 * SIGNATURE_BYTES];
    crypto_sign_detached(sigs, NULL, b_bytes, b_len, sk);
    crypto_sign_detached(sigs + SIGNATURE_BYTES, NULL, a_bytes, a_len, sk);
    crypto_sign_detached(sigs + 2 * SIGNATURE_BYTES, NULL, a_bytes, a_len - 1, sk);
    sodium_memzero(sk, sizeof sk);
    copy(P("a.db"), P("two/a.db"));
    copy(P("b.db"), P("two/b.db"));
    CHECK_INT(content_sig_write(P("two/a.db.sig"), sigs, 2), 0);
    CHECK_INT(content_sig_write(P("two/b.db.sig"), sigs, 2), 0);
    CHECK_INT(content_verify(P("two/a.db"), pk, NULL), 0);
    CHECK_INT(content_verify(P("two/b.db"), pk, NULL), 0);
    unsigned char got[SIGNATURE_BYTES];
    CHECK_INT(content_signature_for(P("two/a.db"), pk, got, NULL), 0);
    CHECK(memcmp(got, sigs + SIGNATURE_BYTES, SIGNATURE_BYTES) == 0);
    CHECK_INT(content_sig_write(P("two/a.db.sig"), sigs, 3), -1);
    /* Neither line matches. */
    CHECK_INT(content_sig_write(P("two/a.db.sig"), sigs + 2 * SIGNATURE_BYTES, 1), 0);
    CHECK_INT(content_verify(P("two/a.db"), pk, NULL), -1);
    CHECK_CONTAINS(err_msg(), "does not match its signature");
    /* Three lines, or a stray word, is not a signature file. */
    size_t n;
    unsigned char *two = slurp(P("two/b.db.sig"), &n);
    unsigned char three[3 * 129 + 8];
    CHECK(two && n == 258);
    if (two && n == 258) {
        memcpy(three, two, n);
        memcpy(three + n, two, 129);
        spit(P("two/b.db.sig"), three, n + 129);
        CHECK_INT(content_verify(P("two/b.db"), pk, NULL), -1);
        CHECK_CONTAINS(err_msg(), "is not a signature file");
        memcpy(three + n, "yes\n", 4);
        spit(P("two/b.db.sig"), three, n + 4);
        CHECK_INT(content_verify(P("two/b.db"), pk, NULL), -1);
        CHECK_CONTAINS(err_msg(), "is not a signature file");
    }
    free(two);
}

/* Signed publishes killed at random moments: LIVE.sig always matches LIVE, so a kiosk
 * starting after a power cut never finds its store refused; once a publish has
 * finished, LIVE.sig holds one signature. */
static void test_signed_atomic_when_killed(void)
{
    fresh("sk");
    make_keys(P("sk/s.pub"), P("sk/s.key"));
    copy(P("a.db"), P("sk/a.db"));
    copy(P("b.db"), P("sk/b.db"));
    sign_with(P("sk/a.db"), P("sk/s.key"));
    sign_with(P("sk/b.db"), P("sk/s.key"));
    const char *key = P("sk/s.pub");
    unsigned char pk[SIGNING_PUBLIC_BYTES];
    CHECK_INT(signing_public_key_read(key, pk), 0);
    CHECK_INT(publish(P("sk/a.db"), P("sk/live.db"), key), 0);
    for (int round = 0; round < 10; round++) {
        pid_t child = fork();
        if (child == 0) {
            for (int i = 0;; i++)
                publish(i % 2 ? P("sk/a.db") : P("sk/b.db"), P("sk/live.db"), key);
        }
        CHECK(child > 0);
        long us = 2000 + rand() % 80000;
        struct timespec pause = {0, us * 1000};
        nanosleep(&pause, NULL);
        kill(child, SIGKILL);
        waitpid(child, NULL, 0);
        CHECK(same_bytes(P("sk/live.db"), a_bytes, a_len) ||
              same_bytes(P("sk/live.db"), b_bytes, b_len));
        CHECK_INT(content_verify(P("sk/live.db"), pk, NULL), 0);
        CHECK(content_store_check(P("sk/live.db"), key, NULL, NULL, 0) == 0);
    }
    CHECK_INT(publish(P("sk/b.db"), P("sk/live.db"), key), 0);
    size_t n;
    unsigned char *sig = slurp(P("sk/b.db.sig"), &n);
    CHECK(sig && same_bytes(P("sk/live.db.sig"), sig, n));
    free(sig);
}

/* The kiosk's open: refuses what content_verify refuses, with the same words. */
static void test_open_checked(void)
{
    fresh("o");
    make_keys(P("o/s.pub"), P("o/s.key"));
    make_keys(P("o/other.pub"), P("o/other.key"));
    copy(P("a.db"), P("o/live.db"));
    ContentStamp stamp;
    Store *st = content_open_checked(P("o/live.db"), "", &stamp);
    CHECK(st != NULL);
    CHECK(stamp.store.exists && !stamp.sig.exists);
    store_close(st);

    CHECK(content_open_checked(P("o/live.db"), P("o/s.pub"), &stamp) == NULL);
    CHECK_CONTAINS(err_msg(), "is not signed");
    CHECK(stamp.store.exists); /* a refused store has a stamp too */
    CHECK(content_open_checked(P("o/live.db"), P("o/missing.pub"), NULL) == NULL);
    CHECK_CONTAINS(err_msg(), "content_public_key");
    CHECK_CONTAINS(err_msg(), "does not exist");

    sign_with(P("o/live.db"), P("o/s.key"));
    st = content_open_checked(P("o/live.db"), P("o/s.pub"), &stamp);
    CHECK(st != NULL);
    CHECK(stamp.sig.exists);
    CHECK_STR(store_site(st)->name, "Northgate General Hospital");
    store_close(st);
    CHECK(content_open_checked(P("o/live.db"), P("o/other.pub"), NULL) == NULL);
    CHECK_CONTAINS(err_msg(), "does not match its signature");

    /* The watch notices a publish (a new inode), and a new signature. */
    st = content_open_checked(P("o/live.db"), P("o/s.pub"), &stamp);
    ContentWatch w;
    content_watch_init(&w, P("o/live.db"), P("o/s.pub"), &stamp, true, 1000);
    CHECK(!content_watch_due(&w, 1000));
    CHECK(content_watch_due(&w, 1000 + CONTENT_WATCH_INTERVAL_MS));
    CHECK(!content_watch_changed(&w, 7000));
    CHECK(!content_watch_due(&w, 7000 + CONTENT_WATCH_INTERVAL_MS - 1));
    store_close(st);
    copy(P("b.db"), P("o/b.db"));
    sign_with(P("o/b.db"), P("o/s.key"));
    CHECK_INT(publish(P("o/b.db"), P("o/live.db"), P("o/s.pub")), 0);
    CHECK(content_watch_changed(&w, 20000));
    st = content_open_checked(P("o/live.db"), P("o/s.pub"), &stamp);
    CHECK(st != NULL);
    store_close(st);
    content_watch_checked(&w, &stamp, true);
    CHECK(!content_watch_changed(&w, 30000));
    /* Only the .sig beside the store on show changes (as during a publish): nothing to
     * do. */
    sign_with(P("o/live.db"), P("o/other.key"));
    CHECK(!content_watch_changed(&w, 40000));
    /* The same store refused before (not shown): a new .sig is worth a look. */
    content_watch_init(&w, P("o/live.db"), P("o/s.pub"), &stamp, false, 0);
    sign_with(P("o/live.db"), P("o/s.key"));
    CHECK(content_watch_changed(&w, 50000));
    /* A store changed in place (same inode, new size) counts too. */
    content_stamp(P("o/live.db"), true, &stamp);
    content_watch_checked(&w, &stamp, true);
    CHECK(!content_watch_changed(&w, 60000));
    FILE *f = fopen(P("o/live.db"), "ab");
    CHECK(f != NULL);
    if (f) {
        fputc(0, f);
        fclose(f);
    }
    CHECK(content_watch_changed(&w, 70000));
}

/* Publishing with a public key refuses what the kiosk would refuse. */
static void test_publish_signed(void)
{
    fresh("ps");
    make_keys(P("ps/s.pub"), P("ps/s.key"));
    make_keys(P("ps/other.pub"), P("ps/other.key"));
    copy(P("a.db"), P("ps/a.db"));
    copy(P("b.db"), P("ps/b.db"));
    const char *key = P("ps/s.pub");

    /* Unsigned. */
    CHECK_INT(publish(P("ps/a.db"), P("ps/live.db"), key), -1);
    CHECK_CONTAINS(err_msg(), "not signed");
    CHECK(!exists(P("ps/live.db")));
    /* A content folder cannot be signed on the way. */
    CHECK_INT(publish(SOURCE_ROOT "/content", P("ps/live.db"), key), -1);
    CHECK_CONTAINS(err_msg(), "would not be signed");

    sign_with(P("ps/a.db"), P("ps/s.key"));
    CHECK_INT(publish(P("ps/a.db"), P("ps/live.db"), key), 0);
    CHECK(same_bytes(P("ps/live.db"), a_bytes, a_len));
    size_t n;
    unsigned char *sig = slurp(P("ps/a.db.sig"), &n);
    CHECK(sig && same_bytes(P("ps/live.db.sig"), sig, n));
    free(sig);
    CHECK(!exists(P("ps/live.db.new.sig")));

    /* Signed with another key; tampered after signing. */
    sign_with(P("ps/b.db"), P("ps/other.key"));
    CHECK_INT(publish(P("ps/b.db"), P("ps/live.db"), key), -1);
    CHECK_CONTAINS(err_msg(), "does not match its signature");
    sign_with(P("ps/b.db"), P("ps/s.key"));
    unsigned char *t = malloc(b_len);
    memcpy(t, b_bytes, b_len);
    t[b_len / 3] ^= 0x80;
    spit(P("ps/b.db"), t, b_len);
    free(t);
    CHECK_INT(publish(P("ps/b.db"), P("ps/live.db"), key), -1);
    CHECK_CONTAINS(err_msg(), "does not match its signature");
    CHECK(same_bytes(P("ps/live.db"), a_bytes, a_len));
    CHECK(!exists(P("ps/live.db.new")) && !exists(P("ps/live.db.new.sig")));

    /* Signed properly: published, and A with its signature kept as .good. */
    spit(P("ps/b.db"), b_bytes, b_len);
    sign_with(P("ps/b.db"), P("ps/s.key"));
    CHECK_INT(publish(P("ps/b.db"), P("ps/live.db"), key), 0);
    unsigned char pk[SIGNING_PUBLIC_BYTES];
    CHECK_INT(signing_public_key_read(key, pk), 0);
    CHECK_INT(content_verify(P("ps/live.db"), pk, NULL), 0);
    CHECK_INT(content_verify(P("ps/live.db.good"), pk, NULL), 0);
    CHECK(same_bytes(P("ps/live.db.good"), a_bytes, a_len));
    /* Rollback checks the signature too, and brings the right one back. */
    PublishResult res;
    CHECK_INT(rollback(P("ps/live.db"), key, &res), 0);
    CHECK(same_bytes(P("ps/live.db"), a_bytes, a_len));
    CHECK_INT(content_verify(P("ps/live.db"), pk, NULL), 0);
    CHECK_INT(content_verify(P("ps/live.db.bad"), pk, NULL), 0);
    /* Refused when the kept store's signature is not the configured key's. */
    CHECK_INT(rollback(P("ps/live.db"), P("ps/other.pub"), &res), -1);
}

/* ==== signpostctl ==== */

static char out_text[1 << 16];

/* Runs signpostctl in DIR with args; stdout+stderr go to out_text. Returns the exit
 * status. */
static int ctl(const char *args)
{
    char cmd[4096];
    snprintf(cmd, sizeof cmd, "cd '%s' && '%s' %s > ctl.out 2>&1", DIR, SIGNPOSTCTL, args);
    int status = system(cmd);
    size_t len = 0;
    unsigned char *text = slurp(P("ctl.out"), &len);
    snprintf(out_text, sizeof out_text, "%.*s", (int)len, text ? (char *)text : "");
    free(text);
    return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

static void test_signpostctl(void)
{
    fresh("c");
    CHECK_INT(ctl("keys new-signing --public c/s.pub --secret c/s.key"), 0);
    CHECK_CONTAINS(out_text, "made a content signing key pair");
    CHECK_INT(ctl("keys new-signing --public c/s.pub --secret c/s2.key"), 1);
    CHECK_CONTAINS(out_text, "c/s.pub already exists");
    CHECK(!exists(P("c/s2.key")));
    CHECK_INT(ctl("keys new-signing --public c/x.pub"), 2);

    CHECK_INT(ctl("content publish a.db --to c/live.db"), 0);
    CHECK_CONTAINS(out_text, "published a.db as c/live.db");
    CHECK_INT(ctl("content publish b.db --to c/live.db"), 0);
    CHECK_CONTAINS(out_text, "kept as c/live.db.good");
    CHECK_INT(ctl("content publish garbage.db --to c/live.db"), 1);
    CHECK_CONTAINS(out_text, "store garbage.db was refused");
    CHECK_CONTAINS(out_text, "c/live.db was not changed");
    CHECK(same_bytes(P("c/live.db"), b_bytes, b_len));
    CHECK_INT(ctl("content publish a.db"), 2);
    CHECK_INT(ctl("content publish --to c/live.db"), 2);
    CHECK_INT(ctl("content publish a.db --to c/live.db --colour"), 2);

    CHECK_INT(ctl("content rollback --to c/live.db"), 0);
    CHECK_CONTAINS(out_text, "rolled c/live.db back to c/live.db.good");
    CHECK(same_bytes(P("c/live.db"), a_bytes, a_len));
    CHECK(same_bytes(P("c/live.db.bad"), b_bytes, b_len));

    /* Signing. */
    copy(P("b.db"), P("c/b.db"));
    CHECK_INT(ctl("content sign c/b.db --secret-key c/s.pub"), 1);
    CHECK_CONTAINS(out_text, "not a signing secret key file");
    CHECK_INT(ctl("content sign garbage.db --secret-key c/s.key"), 1);
    CHECK_CONTAINS(out_text, "it was not signed");
    CHECK(!exists(P("garbage.db.sig")));
    CHECK_INT(ctl("content sign c/b.db"), 2);
    CHECK_INT(ctl("content publish c/b.db --to c/live.db --public-key c/s.pub"), 1);
    CHECK_CONTAINS(out_text, "not signed");
    CHECK_INT(ctl("content sign c/b.db --secret-key c/s.key"), 0);
    CHECK_CONTAINS(out_text, "wrote c/b.db.sig");
    CHECK_INT(ctl("content publish c/b.db --to c/live.db --public-key c/s.pub"), 0);
    CHECK(same_bytes(P("c/live.db"), b_bytes, b_len));

    /* --config: the live store, the public key and the kiosk location from a kiosk.conf. */
    spit_text(P("c/kiosk.conf"), "[kiosk]\nlocation = riverside-entrance\n[paths]\n"
                                  "content = live.db\ncontent_public_key = s.pub\n");
    CHECK_INT(ctl("content publish a.db --config c/kiosk.conf"), 1);
    CHECK_CONTAINS(out_text, "not signed"); /* the config's key applies */
    spit_text(P("c/nowhere.conf"),
              "[kiosk]\nlocation = nowhere\n[paths]\ncontent = live.db\n");
    CHECK_INT(ctl("content publish a.db --config c/nowhere.conf"), 1);
    CHECK_CONTAINS(out_text, "does not list this kiosk's location 'nowhere'");
    spit_text(P("c/broken.conf"), "[paths]\ncolour = red\n");
    CHECK_INT(ctl("content publish a.db --config c/broken.conf"), 1);
    CHECK_CONTAINS(out_text, "has problems");
    CHECK(same_bytes(P("c/live.db"), b_bytes, b_len));
}

int main(void)
{
    build_stores();
    TEST_RUN(test_publish_folder_then_store);
    TEST_RUN(test_damaged_candidates_refused);
    TEST_RUN(test_live_not_a_file);
    TEST_RUN(test_rollback);
    TEST_RUN(test_atomic_under_reader);
    TEST_RUN(test_atomic_when_killed);
    TEST_RUN(test_one_at_a_time);
    TEST_RUN(test_keys);
    TEST_RUN(test_sign_verify);
    TEST_RUN(test_two_signatures);
    TEST_RUN(test_signed_atomic_when_killed);
    TEST_RUN(test_open_checked);
    TEST_RUN(test_publish_signed);
    TEST_RUN(test_signpostctl);
    free(a_bytes);
    free(b_bytes);
    return TEST_REPORT();
}
