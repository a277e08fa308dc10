/*
 * floor_files.h - what the floors of `make bench` share (bench/floor.c for
 * SQLite, bench/floor_pg.c for PostgreSQL): the letters ingest would take
 * from the same paths, read whole, and their plain text by cmark. Static
 * functions for the two programs, each a single file; not part of
 * Rapporteur.
 */
#ifndef BENCH_FLOOR_FILES_H
#define BENCH_FLOOR_FILES_H

#include <cmark.h>
#include <dirent.h>
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <time.h>

#define BATCH 64 /* ingest's largest batch (src/domain/ingest.c), which loads of 1,024 letters or more use */

struct paths {
	char **items;
	size_t count, cap;
};

__attribute__((format(printf, 1, 2), noreturn)) static void die(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	fprintf(stderr, "%s: ", program_invocation_short_name);
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

/* (a) of both floors, cmark alone: each file read and parsed, the tree
 * freed; the seconds it took, the bytes in *bytes. */
static double parse_files(const struct paths *ps, size_t *bytes)
{
	double parse_s = 0;
	*bytes = 0;
	for (size_t i = 0; i < ps->count; i++) {
		double t0 = now();
		size_t len;
		char *text = read_all(ps->items[i], &len);
		cmark_node *root = cmark_parse_document(text, len, CMARK_OPT_DEFAULT);
		cmark_node_free(root);
		free(text);
		parse_s += now() - t0;
		*bytes += len;
	}
	return parse_s;
}

/* A letter's plain text, as (b) of both floors indexes it (made outside
 * the clock). Caller frees. */
static char *letter_plain(const char *path)
{
	size_t len;
	char *text = read_all(path, &len);
	cmark_node *root = cmark_parse_document(text, len, CMARK_OPT_DEFAULT);
	char *plain = plain_text(root, len);
	cmark_node_free(root);
	free(text);
	return plain;
}

#endif
