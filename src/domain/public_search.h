/*
 * public_search.h - the search of the public record: full text in the
 * query language of query.h, the filters a reader of the public record
 * uses (addressees, mandates any or all, types, dates, reply status, HRC
 * session, instrument and article), the counts per filter value (facets)
 * of the current results, pages, and every hit's public fields.
 *
 * Only communications passing visibility_public_where() are ever found,
 * and only public columns are read. Knows nothing of HTTP: the web faces
 * fill a struct public_query from the address and render the result.
 */
#ifndef RAPPORTEUR_PUBLIC_SEARCH_H
#define RAPPORTEUR_PUBLIC_SEARCH_H

#include <stdbool.h>
#include <stddef.h>

#include "../store/db.h"
#include "../util/error.h"

/* How many values one multi-valued filter takes: enough for any person's
 * search, and they keep the SQL's parameters bounded. */
#define PUBLIC_MAX_ADDRESSEES 8
#define PUBLIC_MAX_MANDATES   8
#define PUBLIC_MAX_TYPES      6
#define PUBLIC_MAX_PER_PAGE   100
#define PUBLIC_PER_PAGE       20

enum public_reply {
	PUBLIC_REPLY_ANY,
	PUBLIC_REPLY_REPLIED, /* any reply */
	PUBLIC_REPLY_IN_TIME, /* the first reply came by the due date */
	PUBLIC_REPLY_LATE,    /* replied, but only after the due date */
	PUBLIC_REPLY_NONE,    /* no reply */
};
/* "", "replied", "in-time", "late", "none" */
extern const char *const public_reply_names[5];

enum public_sort {
	PUBLIC_SORT_DEFAULT,
	PUBLIC_SORT_RELEVANCE,
	PUBLIC_SORT_NEWEST,
	PUBLIC_SORT_OLDEST
};
/* "", "relevance", "newest", "oldest" */
extern const char *const public_sort_names[4];

/* A search as a reader asks it. Strings are borrowed (the request's);
 * NULL or absent means "any". public_query_check() validates it. */
struct public_query {
	const char *q; /* query text (query.h); NULL: every public communication */
	const char *addressees[PUBLIC_MAX_ADDRESSEES]; /* ISO alpha-3 (or OTH): any of them */
	size_t addressee_count;
	const char *mandates[PUBLIC_MAX_MANDATES]; /* slugs */
	size_t mandate_count;
	bool mandates_all;                   /* every mandate listed joined the letter (else any) */
	const char *types[PUBLIC_MAX_TYPES]; /* AL, UA, OL, JAL, JUA, JOL: any of them */
	size_t type_count;
	const char *from, *to; /* the date sent, YYYY-MM-DD, inclusive */
	enum public_reply reply;
	int session;            /* HRC session whose report covers it; 0: any */
	const char *instrument; /* cited instrument ("ICCPR") */
	const char *article;    /* cited article of it ("7"); needs instrument */
	enum public_sort sort;  /* DEFAULT: relevance with q, else newest */
	int page;               /* from 1 */
	int per_page;           /* 1..PUBLIC_MAX_PER_PAGE; 0: PUBLIC_PER_PAGE */
};

/* Checks every value's form; -1 with err naming the field and what it
 * takes. Also parses q, so a query that cannot run is refused here. */
int public_query_check(const struct public_query *q, struct error *err);
/* The sort the query gets (DEFAULT resolved). */
enum public_sort public_query_sort(const struct public_query *q);

/* One communication found. All strings owned by the result. */
struct public_hit {
	long long id;
	char *reference, *slug, *type;
	char *country, *country_name; /* the addressee */
	char *date, *reply_due, *publication_date;
	int session;       /* 0: none */
	char *first_reply; /* date of the first reply, or NULL */
	int replies;       /* how many */
	char *mandates;    /* slugs in the letter's order, space separated */
	char *snippet;     /* with SEARCH_MARK_OPEN/CLOSE around matches; NULL without q */
};
/* "none", "in-time" or "late". */
const char *public_hit_reply_status(const struct public_hit *h);

struct public_facet_value {
	char *value;  /* what the filter takes: "KAZ", "torture", "2024", "ICCPR" */
	char *value2; /* the article, for provisions; else NULL */
	char *label;  /* how a person reads it: "Kazakhstan" */
	long long count;
};

enum public_facet_kind {
	FACET_ADDRESSEE,
	FACET_MANDATE,
	FACET_TYPE,
	FACET_YEAR, /* the year sent: a date range from-to */
	FACET_REPLY,
	FACET_SESSION,
	FACET_INSTRUMENT,
	FACET_PROVISION, /* instrument and article */
	FACET_KINDS
};
/* "addressee", "mandate", "type", "year", "reply", "session", "instrument", "provision" */
extern const char *const public_facet_names[FACET_KINDS];

struct public_facet {
	struct public_facet_value *values; /* largest count first */
	size_t count;
};

struct public_result {
	struct public_hit *hits;
	size_t count;                            /* hits held */
	long long total;                         /* every match */
	struct public_facet facets[FACET_KINDS]; /* filled with PUBLIC_WANT_FACETS */
};

enum {
	PUBLIC_WANT_PAGE = 1,   /* the hits of q->page, with snippets */
	PUBLIC_WANT_ALL = 2,    /* every hit, in order, without snippets (exports) */
	PUBLIC_WANT_FACETS = 4, /* counts per filter value of all the matches */
};

/* Runs q (checked) as of today ("YYYY-MM-DD"). Returns 0, or -1 with err
 * when the store fails. The result is the caller's: public_result_release. */
int public_search(struct db *db, const struct public_query *q, const char *today, unsigned want,
                  struct public_result *out, struct error *err);
void public_result_release(struct public_result *r);

#endif
