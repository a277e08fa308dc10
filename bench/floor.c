/*
 * floor.c - the floor `make bench` compares ingest against: what the two
 * libraries alone cost for the same letters, with none of Rapporteur's own
 * work. (a) reading each file and cmark_parse_document on it; (b) putting
 * each letter's plain text into a fresh FTS5 table, in a file database with
 * WAL and synchronous=NORMAL, in transactions of BATCH letters as ingest
 * stores them (src/domain/ingest.c).
 *
 * A benchmark tool, not part of Rapporteur: it calls cmark and SQLite
 * directly because measuring them bare is its whole job.
 *
 * usage: floor DB PATH...   (folders are read for .md, .markdown and .txt)
 * Prints key=value lines: files, bytes, parse_s, fts_s, total_s.
 */
#include <cmark.h>
#include <dirent.h>
#include <errno.h>
#include <stdarg.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#define BATCH 64 /* ingest's (src/domain/ingest.c) */

struct paths {
	char **items;
	size_t count, cap;
};

__attribute__((format(printf, 1, 2), noreturn)) static void die(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	fprintf(stderr, "floor: ");
	vfprintf(stderr, fmt, ap);
	fputc('\n', stderr);
	va_end(ap);
	exit(1);
}

static void *xrealloc(void *p, size_t n)
{
	p = realloc(p, n);
	if (!p)
		die("out of memory");
	return p;
}

static void paths_add(struct paths *ps, const char *path)
{
	if (ps->count == ps->cap) {
		ps->cap = ps->cap ? 2 * ps->cap : 1024;
		ps->items = xrealloc(ps->items, ps->cap * sizeof(char *));
	}
	ps->items[ps->count++] = strdup(path);
}

static int by_name(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The same files ingest takes from a folder: letters by extension, no
 * hidden entries, no README. */
static int letter_name(const char *name)
{
	static const char *const exts[] = {".md", ".markdown", ".txt", NULL};
	if (name[0] == '.' || !strncasecmp(name, "README", 6))
		return 0;
	size_t n = strlen(name);
	for (int i = 0; exts[i]; i++) {
		size_t m = strlen(exts[i]);
		if (n > m && !strcasecmp(name + n - m, exts[i]))
			return 1;
	}
	return 0;
}

static void collect(struct paths *ps, const char *path)
{
	struct stat st;
	if (stat(path, &st) != 0)
		die("%s: %s", path, strerror(errno));
	if (!S_ISDIR(st.st_mode)) {
		paths_add(ps, path);
		return;
	}
	DIR *d = opendir(path);
	if (!d)
		die("%s: %s", path, strerror(errno));
	size_t first = ps->count;
	struct dirent *e;
	char buf[4096];
	while ((e = readdir(d))) {
		if (!letter_name(e->d_name))
			continue;
		snprintf(buf, sizeof(buf), "%s/%s", path, e->d_name);
		paths_add(ps, buf);
	}
	closedir(d);
	qsort(ps->items + first, ps->count - first, sizeof(char *), by_name);
}

static char *read_all(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	if (!f)
		die("%s: %s", path, strerror(errno));
	size_t cap = 1 << 16, n = 0;
	char *data = xrealloc(NULL, cap);
	size_t got;
	while ((got = fread(data + n, 1, cap - n, f)) > 0) {
		n += got;
		if (n == cap) {
			cap *= 2;
			data = xrealloc(data, cap);
		}
	}
	fclose(f);
	data[n] = '\0';
	*len = n;
	return data;
}

/* The document's visible text: literals, a space at each soft break and
 * a blank line after each block, the way the reader flattens a letter.
 * (cmark 0.30 has no plain-text renderer.) Caller frees. */
static char *plain_text(cmark_node *root, size_t hint)
{
	size_t cap = hint + 64, n = 0;
	char *out = xrealloc(NULL, cap);
	cmark_iter *it = cmark_iter_new(root);
	cmark_event_type ev;
	while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
		cmark_node *node = cmark_iter_get_node(it);
		const char *add = NULL;
		switch (cmark_node_get_type(node)) {
		case CMARK_NODE_TEXT:
		case CMARK_NODE_CODE:
		case CMARK_NODE_CODE_BLOCK:
			if (ev == CMARK_EVENT_ENTER)
				add = cmark_node_get_literal(node);
			break;
		case CMARK_NODE_SOFTBREAK:
		case CMARK_NODE_LINEBREAK:
			add = " ";
			break;
		case CMARK_NODE_PARAGRAPH:
		case CMARK_NODE_HEADING:
			if (ev == CMARK_EVENT_EXIT)
				add = "\n\n";
			break;
		default:
			break;
		}
		if (!add)
			continue;
		size_t m = strlen(add);
		if (n + m + 1 > cap) {
			cap = 2 * (n + m + 1);
			out = xrealloc(out, cap);
		}
		memcpy(out + n, add, m);
		n += m;
	}
	cmark_iter_free(it);
	out[n] = '\0';
	return out;
}

static double now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static void exec_sql(sqlite3 *db, const char *sql)
{
	char *msg = NULL;
	if (sqlite3_exec(db, sql, NULL, NULL, &msg) != SQLITE_OK)
		die("%s: %s", sql, msg ? msg : sqlite3_errmsg(db));
}

static sqlite3_stmt *prepare(sqlite3 *db, const char *sql)
{
	sqlite3_stmt *st;
	if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) != SQLITE_OK)
		die("%s: %s", sql, sqlite3_errmsg(db));
	return st;
}

static void step_done(sqlite3 *db, sqlite3_stmt *st)
{
	if (sqlite3_step(st) != SQLITE_DONE)
		die("%s: %s", sqlite3_sql(st), sqlite3_errmsg(db));
	sqlite3_reset(st);
}

int main(int argc, char **argv)
{
	if (argc < 3) {
		fprintf(stderr, "usage: floor DB PATH...\n");
		return 2;
	}
	const char *db_path = argv[1];
	struct paths ps = {0};
	for (int i = 2; i < argc; i++)
		collect(&ps, argv[i]);

	/* (a) cmark alone: read, parse, free */
	double parse_s = 0;
	size_t bytes = 0;
	for (size_t i = 0; i < ps.count; i++) {
		double t0 = now();
		size_t len;
		char *text = read_all(ps.items[i], &len);
		cmark_node *root = cmark_parse_document(text, len, CMARK_OPT_DEFAULT);
		cmark_node_free(root);
		free(text);
		parse_s += now() - t0;
		bytes += len;
	}

	/* (b) FTS5 alone: plain text made outside the clock, then the letters
	 * in transactions of BATCH, as ingest stores them */
	char side[4096];
	const char *sides[] = {"", "-wal", "-shm"};
	for (int i = 0; i < 3; i++) {
		snprintf(side, sizeof(side), "%s%s", db_path, sides[i]);
		unlink(side);
	}
	sqlite3 *db;
	if (sqlite3_open(db_path, &db) != SQLITE_OK)
		die("%s: %s", db_path, sqlite3_errmsg(db));
	exec_sql(db, "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; "
		     "CREATE VIRTUAL TABLE t USING fts5(body, tokenize='porter unicode61 remove_diacritics 2')");
	sqlite3_stmt *begin = prepare(db, "BEGIN IMMEDIATE");
	sqlite3_stmt *insert = prepare(db, "INSERT INTO t(body) VALUES (?1)");
	sqlite3_stmt *commit = prepare(db, "COMMIT");
	double fts_s = 0;
	for (size_t i = 0; i < ps.count; i++) {
		size_t len;
		char *text = read_all(ps.items[i], &len);
		cmark_node *root = cmark_parse_document(text, len, CMARK_OPT_DEFAULT);
		char *plain = plain_text(root, len);
		cmark_node_free(root);
		free(text);

		double t0 = now();
		if (i % BATCH == 0)
			step_done(db, begin);
		sqlite3_bind_text(insert, 1, plain, -1, SQLITE_STATIC);
		step_done(db, insert);
		sqlite3_clear_bindings(insert);
		if (i % BATCH == BATCH - 1 || i + 1 == ps.count)
			step_done(db, commit);
		fts_s += now() - t0;
		free(plain);
		free(ps.items[i]);
	}
	sqlite3_finalize(begin);
	sqlite3_finalize(insert);
	sqlite3_finalize(commit);
	double t0 = now();
	sqlite3_close(db); /* the last checkpoint is part of the cost, as for ingest */
	fts_s += now() - t0;
	free(ps.items);

	printf("files=%zu\nbytes=%zu\nparse_s=%.4f\nfts_s=%.4f\ntotal_s=%.4f\n", ps.count, bytes, parse_s,
	       fts_s, parse_s + fts_s);
	return 0;
}
