/*
 * ingest.c - walks paths, parses letters and stores them. See ingest.h.
 */
#include "ingest.h"

#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "../read/read.h"
#include "../store/letters.h"
#include "../util/die.h"
#include "../util/sha256.h"
#include "../util/text.h"
#include "letterfile.h"

struct file_list {
	char **paths;
	size_t count, cap;
};

static void add_path(struct file_list *list, const char *path)
{
	ALLOC_GROW(list->paths, list->count + 1, list->cap);
	list->paths[list->count++] = xstrdup(path);
}

static bool letter_name(const char *name)
{
	static const char *const exts[] = {".md", ".markdown", ".txt", ".text", ".pdf", NULL};
	if (name[0] == '.' || text_prefix_ci(name, "README"))
		return false;
	size_t n = strlen(name);
	for (int i = 0; exts[i]; i++) {
		size_t m = strlen(exts[i]);
		if (n > m && text_prefix_ci(name + n - m, exts[i]) == m)
			return true;
	}
	return false;
}

static int by_name(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static void walk(struct file_list *list, const char *dir, int depth, struct ingest_stats *stats)
{
	DIR *d = opendir(dir);
	if (!d) {
		error("%s: cannot read the folder: %s", dir, strerror(errno));
		stats->failed++;
		return;
	}
	struct file_list here = {0};
	struct dirent *e;
	while ((e = readdir(d)))
		if (e->d_name[0] != '.')
			add_path(&here, e->d_name);
	closedir(d);
	qsort(here.paths, here.count, sizeof(char *), by_name);
	for (size_t i = 0; i < here.count; i++) {
		size_t n = strlen(dir) + strlen(here.paths[i]) + 2;
		char *path = xmalloc(n);
		snprintf(path, n, "%s/%s", dir, here.paths[i]);
		struct stat st;
		if (stat(path, &st) == 0 && S_ISDIR(st.st_mode)) {
			if (depth < 32)
				walk(list, path, depth + 1, stats);
		} else if (letter_name(here.paths[i])) {
			add_path(list, path);
		}
		free(path);
		free(here.paths[i]);
	}
	free(here.paths);
}

static void ingest_one(struct db *db, const char *path, bool progress, struct ingest_stats *stats)
{
	struct error err;
	size_t len;
/* a message starts on a clean line, not after the progress counter */
#define FAIL(...)                                       \
	do {                                            \
		if (progress)                           \
			fprintf(stderr, "\r\033[K");    \
		error(__VA_ARGS__);                     \
	} while (0)
	char *bytes = read_file_checked(path, &len, &err);
	if (!bytes) {
		FAIL("%s", err.message);
		stats->failed++;
		return;
	}
	struct letter l;
	if (letterfile_parse_bytes(path, bytes, len, &l, &err) < 0) {
		FAIL("%s", err.message);
		stats->failed++;
		free(bytes);
		return;
	}
	if (!l.reference) {
		FAIL("%s: no reference found (a line such as \"Ref.: AL KAZ 2/2024\"); a letter cannot be stored without one", path);
		stats->failed++;
		letter_release(&l);
		free(bytes);
		return;
	}
	char sha[65];
	sha256_hex(bytes, len, sha);
	free(bytes);
	const char *slash = strrchr(path, '/');
	const char *name = slash ? slash + 1 : path;
	enum store_outcome outcome;
	char *previous = NULL;
	if (store_put_letter(db, &l, name, sha, &outcome, &previous, &err) < 0) {
		FAIL("%s: not stored: %s", path, err.message);
		stats->failed++;
	} else if (outcome == STORE_ADDED) {
		stats->added++;
	} else if (outcome == STORE_UPDATED) {
		stats->updated++;
		if (previous && strcmp(previous, name))
			warning("%s: %s was held from %s; replaced by this file", path, l.reference, previous);
	} else {
		stats->unchanged++;
	}
	free(previous);
	letter_release(&l);
#undef FAIL
}

void ingest_paths(struct db *db, char **paths, int count, bool progress, struct ingest_stats *stats)
{
	memset(stats, 0, sizeof(*stats));
	struct file_list files = {0};
	for (int i = 0; i < count; i++) {
		struct stat st;
		if (stat(paths[i], &st) != 0) {
			error("%s: %s", paths[i], strerror(errno));
			stats->failed++;
		} else if (S_ISDIR(st.st_mode)) {
			walk(&files, paths[i], 0, stats);
		} else {
			add_path(&files, paths[i]);
		}
	}
	for (size_t i = 0; i < files.count; i++) {
		if (progress)
			fprintf(stderr, "\r\033[Kingest: %zu/%zu %s", i + 1, files.count, files.paths[i]);
		ingest_one(db, files.paths[i], progress, stats);
		stats->files++;
		free(files.paths[i]);
	}
	if (progress && files.count)
		fprintf(stderr, "\r\033[K");
	free(files.paths);
}
