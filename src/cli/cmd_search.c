/*
 * cmd_search.c - `rapporteur search QUERY [filters]`: ranked full-text
 * search with a snippet per hit, matches in [brackets].
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../domain/search.h"
#include "../util/die.h"
#include "cli.h"

int cmd_search(int argc, char **argv)
{
	const char *db_option = NULL;
	struct search_request req = {.order = SEARCH_RELEVANCE, .limit = 20, .count_total = true};
	struct buf query = BUF_INIT;
	for (int i = 1; i < argc; i++) {
		const char *v;
		if (cli_option(argc, argv, &i, "--db", &db_option) || cli_filter_option(argc, argv, &i, &req.filter))
			continue;
		if (cli_option(argc, argv, &i, "--order", &v)) {
			if (!strcmp(v, "newest"))
				req.order = SEARCH_NEWEST;
			else if (!strcmp(v, "relevance"))
				req.order = SEARCH_RELEVANCE;
			else
				cli_usage("search", "--order %s: give relevance or newest", v);
		} else if (cli_option(argc, argv, &i, "--limit", &v)) {
			req.limit = atoi(v);
			if (req.limit < 1 || req.limit > 1000)
				cli_usage("search", "--limit %s: give 1 to 1000", v);
		} else if (cli_option(argc, argv, &i, "--offset", &v)) {
			req.offset = atoi(v);
		} else {
			if (query.len)
				buf_addch(&query, ' ');
			buf_adds(&query, argv[i]);
		}
	}
	if (!query.len)
		cli_usage("search", "search for what? give a QUERY");
	req.query = query.data;
	struct db *db = cli_open_store(db_option);
	struct search_result res;
	struct error err;
	if (search_run(db, &req, &res, &err) < 0) {
		db_close(db);
		die("search \"%s\": %s", req.query, err.message); /* query is freed at exit */
	}
	for (size_t i = 0; i < res.count; i++) {
		const struct search_hit *h = &res.hits[i];
		printf("%s  %s  %s\n    ", h->reference, h->date ? h->date : "-", h->country ? h->country : "-");
		for (const char *p = h->snippet ? h->snippet : ""; *p; p++) {
			if (*p == SEARCH_MARK_OPEN)
				putchar('[');
			else if (*p == SEARCH_MARK_CLOSE)
				putchar(']');
			else if (*p == '\n')
				putchar(' ');
			else
				putchar(*p);
		}
		printf("\n");
	}
	printf("%lld match%s%s\n", res.total, res.total == 1 ? "" : "es",
	       res.total > (long long)res.count ? " (use --offset for more)" : "");
	search_result_release(&res);
	db_close(db);
	buf_release(&query);
	return 0;
}
