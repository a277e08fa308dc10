/*
 * query.c - recursive descent over the query language. See query.h.
 *
 *   or   := and ("OR" and)*
 *   and  := not (["AND"] not)*
 *   not  := ("NOT" | "-") primary | primary
 *   primary := "(" or ")" | "phrase" | word[*]
 */
#include "query.h"

#include <ctype.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "../util/buf.h"
#include "../util/die.h"

enum node_kind { Q_WORD, Q_PHRASE, Q_AND, Q_OR, Q_NOT };

struct query {
	enum node_kind kind;
	char *text; /* word or phrase, no double quotes */
	bool prefix;
	struct query *left, *right;
};

struct parser {
	const char *p;
	int depth;
	struct error *err;
	bool failed;
};

static struct query *node(enum node_kind kind, struct query *l, struct query *r)
{
	struct query *q = xcalloc(1, sizeof(*q));
	q->kind = kind;
	q->left = l;
	q->right = r;
	return q;
}

void query_free(struct query *q)
{
	if (!q)
		return;
	query_free(q->left);
	query_free(q->right);
	free(q->text);
	free(q);
}

static void skip(struct parser *ps)
{
	while (*ps->p && isspace((unsigned char)*ps->p))
		ps->p++;
}

static bool keyword(struct parser *ps, const char *kw)
{
	size_t n = strlen(kw);
	if (strncmp(ps->p, kw, n))
		return false;
	char c = ps->p[n];
	if (c && !isspace((unsigned char)c) && c != '(' && c != '"')
		return false;
	ps->p += n;
	return true;
}

static bool word_char(unsigned char c)
{
	return c >= 0x80 || isalnum(c) || c == '\'' || c == '-' || c == '_' || c == '/' || c == '.';
}

static struct query *parse_or(struct parser *ps);

static struct query *parse_primary(struct parser *ps)
{
	skip(ps);
	if (*ps->p == '(') {
		if (++ps->depth > 32) {
			ps->failed = true;
			error_set(ps->err, "the query nests parentheses too deeply");
			return NULL;
		}
		ps->p++;
		struct query *q = parse_or(ps);
		skip(ps);
		if (*ps->p == ')')
			ps->p++;
		ps->depth--;
		return q;
	}
	if (*ps->p == '"') {
		ps->p++;
		const char *s = ps->p;
		while (*ps->p && *ps->p != '"')
			ps->p++;
		struct query *q = node(Q_PHRASE, NULL, NULL);
		q->text = xstrndup(s, (size_t)(ps->p - s));
		if (*ps->p == '"')
			ps->p++;
		/* a phrase of nothing matches nothing useful: drop it */
		bool empty = true;
		for (const char *c = q->text; *c; c++)
			if (isalnum((unsigned char)*c) || (unsigned char)*c >= 0x80)
				empty = false;
		if (empty) {
			query_free(q);
			return NULL;
		}
		return q;
	}
	const char *s = ps->p;
	while (*ps->p && word_char((unsigned char)*ps->p))
		ps->p++;
	size_t n = (size_t)(ps->p - s);
	bool prefix = false;
	if (*ps->p == '*') {
		prefix = true;
		ps->p++;
	}
	if (!n) {
		if (*ps->p && *ps->p != ')')
			ps->p++; /* punctuation between words: skip it */
		return NULL;
	}
	struct query *q = node(Q_WORD, NULL, NULL);
	q->text = xstrndup(s, n);
	q->prefix = prefix;
	return q;
}

static struct query *parse_not(struct parser *ps)
{
	skip(ps);
	if (keyword(ps, "NOT") || (*ps->p == '-' && ps->p[1] && !isspace((unsigned char)ps->p[1]) && ps->p++)) {
		struct query *q = parse_primary(ps);
		return q ? node(Q_NOT, q, NULL) : NULL;
	}
	return parse_primary(ps);
}

static struct query *join_and(struct query *a, struct query *b)
{
	if (!a)
		return b;
	if (!b)
		return a;
	return node(Q_AND, a, b);
}

static struct query *parse_and(struct parser *ps)
{
	struct query *q = NULL;
	for (;;) {
		skip(ps);
		if (!*ps->p || *ps->p == ')' || ps->failed)
			break;
		const char *save = ps->p;
		if (keyword(ps, "OR")) {
			ps->p = save;
			break;
		}
		keyword(ps, "AND");
		q = join_and(q, parse_not(ps));
	}
	return q;
}

static struct query *parse_or(struct parser *ps)
{
	struct query *q = parse_and(ps);
	for (;;) {
		skip(ps);
		if (ps->failed || !keyword(ps, "OR"))
			break;
		struct query *r = parse_and(ps);
		if (!q)
			q = r;
		else if (r)
			q = node(Q_OR, q, r);
	}
	return q;
}

/* True when q can match on its own (is not only exclusions). */
static bool positive(const struct query *q)
{
	switch (q->kind) {
	case Q_WORD:
	case Q_PHRASE:
		return true;
	case Q_NOT:
		return false;
	case Q_AND:
		return positive(q->left) || positive(q->right);
	case Q_OR:
		return positive(q->left) && positive(q->right);
	}
	return false;
}

struct query *query_parse(const char *text, struct error *err)
{
	struct parser ps = {.p = text ? text : "", .err = err};
	struct query *q = NULL;
	while (*ps.p && !ps.failed) {
		q = join_and(q, parse_or(&ps));
		skip(&ps);
		if (*ps.p == ')')
			ps.p++; /* an unopened ')' */
	}
	if (ps.failed) {
		query_free(q);
		return NULL;
	}
	if (!q) {
		error_set(err, "the query has no words to search for");
		return NULL;
	}
	if (!positive(q)) {
		query_free(q);
		error_set(err, "the query only excludes words; add a word to search for");
		return NULL;
	}
	return q;
}

static void fts5(const struct query *q, struct buf *b)
{
	switch (q->kind) {
	case Q_WORD:
	case Q_PHRASE:
		buf_addch(b, '"');
		for (const char *c = q->text; *c; c++)
			if (*c != '"')
				buf_addch(b, *c);
		buf_addch(b, '"');
		if (q->prefix)
			buf_addch(b, '*');
		return;
	case Q_AND:
		/* FTS5 spells "a AND NOT b" as "a NOT b" */
		buf_addch(b, '(');
		if (q->right->kind == Q_NOT && positive(q->left)) {
			fts5(q->left, b);
			buf_adds(b, " NOT ");
			fts5(q->right->left, b);
		} else if (q->left->kind == Q_NOT && positive(q->right)) {
			fts5(q->right, b);
			buf_adds(b, " NOT ");
			fts5(q->left->left, b);
		} else {
			fts5(q->left, b);
			buf_adds(b, " AND ");
			fts5(q->right, b);
		}
		buf_addch(b, ')');
		return;
	case Q_OR:
		buf_addch(b, '(');
		fts5(q->left, b);
		buf_adds(b, " OR ");
		fts5(q->right, b);
		buf_addch(b, ')');
		return;
	case Q_NOT:
		/* only reached under OR: "a OR NOT b" has no FTS5 form; keep a */
		buf_adds(b, "\"\"");
		return;
	}
}

char *query_to_fts5(const struct query *q)
{
	struct buf b = BUF_INIT;
	fts5(q, &b);
	return buf_detach(&b);
}

/* A term as a tsquery lexeme: quoted, with quotes and backslashes doubled. */
static void ts_term(struct buf *b, const char *w, size_t n)
{
	buf_addch(b, '\'');
	for (size_t i = 0; i < n; i++) {
		if (w[i] == '\'' || w[i] == '\\')
			buf_addch(b, w[i]);
		buf_addch(b, w[i]);
	}
	buf_addch(b, '\'');
}

struct ts_phrase {
	struct buf *b;
	size_t terms;
};

static void ts_phrase_term(void *ctx, const char *term, size_t len)
{
	struct ts_phrase *p = ctx;
	if (p->terms++)
		buf_adds(p->b, " <-> ");
	ts_term(p->b, term, len);
}

/*
 * The tsquery of q, built as query_to_fts5() builds its FTS5 expression
 * and meaning what FTS5 makes of that: a word or phrase is the phrase of
 * its terms (split stands for the index's tokenizer, so "tortured" is
 * 'tortur' and "non-refoulement" 'non' <-> 'refoul'); one with no terms
 * matches nothing, and so does whatever needs it (an AND), while an OR
 * keeps its other side and "a NOT nothing" is a. Appends to b; false when
 * q matches nothing (b unchanged).
 */
static bool tsq(const struct query *q, struct buf *b, query_split_fn *split)
{
	size_t mark = b->len;
	switch (q->kind) {
	case Q_WORD:
	case Q_PHRASE: {
		struct ts_phrase p = {b, 0};
		buf_addch(b, '(');
		split(q->text, strlen(q->text), ts_phrase_term, &p);
		if (!p.terms) {
			buf_setlen(b, mark);
			return false;
		}
		if (q->prefix)
			buf_adds(b, ":*");
		buf_addch(b, ')');
		return true;
	}
	case Q_AND: {
		const struct query *keep = NULL, *drop = NULL;
		if (q->right->kind == Q_NOT && positive(q->left))
			keep = q->left, drop = q->right->left;
		else if (q->left->kind == Q_NOT && positive(q->right))
			keep = q->right, drop = q->left->left;
		buf_addch(b, '(');
		if (keep) {
			if (!tsq(keep, b, split))
				break;
			size_t before_not = b->len;
			buf_adds(b, " & !");
			if (!tsq(drop, b, split))
				buf_setlen(b, before_not); /* "a NOT nothing" is a */
		} else {
			if (!tsq(q->left, b, split))
				break;
			buf_adds(b, " & ");
			if (!tsq(q->right, b, split))
				break;
		}
		buf_addch(b, ')');
		return true;
	}
	case Q_OR: {
		buf_addch(b, '(');
		bool left = tsq(q->left, b, split);
		size_t before_or = b->len;
		if (left)
			buf_adds(b, " | ");
		if (!tsq(q->right, b, split)) {
			if (!left)
				break;
			buf_setlen(b, before_or);
		}
		buf_addch(b, ')');
		return true;
	}
	case Q_NOT:
		break; /* as in FTS5: only reached where it cannot stand alone */
	}
	buf_setlen(b, mark);
	return false;
}

char *query_to_tsquery(const struct query *q, query_split_fn *split)
{
	struct buf b = BUF_INIT;
	if (!tsq(q, &b, split)) {
		buf_release(&b);
		return NULL;
	}
	return buf_detach(&b);
}

static void words(const struct query *q, struct buf *b)
{
	if (!q || q->kind == Q_NOT)
		return;
	if (q->text) {
		if (b->len)
			buf_addch(b, ' ');
		buf_adds(b, q->text);
	}
	words(q->left, b);
	words(q->right, b);
}

char *query_words(const struct query *q)
{
	struct buf b = BUF_INIT;
	words(q, &b);
	return buf_detach(&b);
}
