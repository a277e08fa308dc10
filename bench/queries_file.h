/*
 * queries_file.h - the queries.tsv that bench/gen_letters.py writes, read
 * by bench/search_bench.c (Rapporteur's search) and bench/search_floor.c
 * (the libraries alone): "kind<TAB>filter<TAB>query" per line, "#" lines
 * and blank ones skipped. A static function for programs of one file each;
 * not part of Rapporteur.
 */
#ifndef BENCH_QUERIES_FILE_H
#define BENCH_QUERIES_FILE_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Calls take(ctx, i, kind, filter, text) for each query in order (the
 * strings are the line's, valid during the call); at most max queries.
 * Returns how many. Exits with a message on an unreadable file, a
 * malformed line or too many queries. */
static size_t queries_read(const char *path, size_t max,
			   void (*take)(void *ctx, size_t i, char *kind, char *filter, char *text), void *ctx)
{
	FILE *f = fopen(path, "r");
	if (!f) {
		perror(path);
		exit(1);
	}
	char line[1024];
	size_t n = 0;
	while (fgets(line, sizeof(line), f)) {
		line[strcspn(line, "\r\n")] = '\0';
		if (!line[0] || line[0] == '#')
			continue;
		char *filter = strchr(line, '\t'), *text = filter ? strchr(filter + 1, '\t') : NULL;
		if (!filter || !text || n == max) {
			fprintf(stderr, "%s: not \"kind<TAB>filter<TAB>query\", or more than %zu queries: %s\n", path,
				max, line);
			exit(1);
		}
		*filter++ = '\0';
		*text++ = '\0';
		take(ctx, n++, line, filter, text);
	}
	fclose(f);
	return n;
}

#endif
