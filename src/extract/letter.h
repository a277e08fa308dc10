/*
 * letter.h - the letter record (../shared/schema/letter-record.md) and the
 * function that fills it from a document of blocks.
 *
 * letter_extract() runs the extractors in order; each is a small function
 * over the blocks and the knowledge base that fills its part of the record
 * and adds a warning, in plain words, for what it could not read.
 * Knows nothing of files, the store or output formats (record_json.c
 * turns a record into JSON).
 */
#ifndef RAPPORTEUR_LETTER_H
#define RAPPORTEUR_LETTER_H

#include <stdbool.h>
#include <stddef.h>

#include "../kb/kb.h"
#include "../read/block.h"

struct letter_mandate {
	char *title;	  /* without a leading article */
	char *resolution; /* "52/7" as the letter gives it, or NULL */
	const char *slug; /* from the knowledge base, or NULL */
};

struct letter_question {
	int n;
	char *text;
};

struct letter_citation {
	const char *instrument; /* short name from the knowledge base, or NULL */
	char *article;		/* "2(3)" */
	char *context;		/* the sentence that cites it */
	bool violation;		/* cited as a provision the facts would violate */
};

struct letter_ratification {
	const char *instrument;
	const char *action; /* "ratified", "acceded", "succeeded", "signed" */
	int date;
};

struct letter_signatory {
	char *name;
	char *title;
};

struct letter_figure {
	double value;
	const char *unit; /* NULL when the letter names none */
	char *context;
};

#define LETTER_LIST(type, name) \
	type *name;             \
	size_t name##_count, name##_cap

struct letter {
	char *source; /* file name without folders */
	char *reference;
	char type[4];	 /* "AL", "UA", "OL", "JAL", ...; "" if unknown */
	char country[4]; /* ISO alpha-3 or "OTH"; "" if unknown */
	int number, year; /* 0 if unknown */
	int date;	  /* DATE_NONE if unknown */
	char language[3];
	LETTER_LIST(struct letter_mandate, mandates);
	LETTER_LIST(char *, related);
	LETTER_LIST(struct letter_question, questions);
	int reply_deadline_days; /* 0 if not stated */
	int reply_due;		 /* DATE_NONE if unknown */
	LETTER_LIST(struct letter_citation, citations);
	LETTER_LIST(struct letter_ratification, ratifications);
	LETTER_LIST(struct letter_signatory, signatories);
	LETTER_LIST(char *, documents);
	LETTER_LIST(char *, links);
	LETTER_LIST(struct letter_figure, figures);
	LETTER_LIST(char *, warnings);
	char *body; /* the letter's text, blocks separated by blank lines */
};

void letter_init(struct letter *l);
void letter_release(struct letter *l);
/* Fills l from doc. Never fails: what it cannot read becomes a warning. */
void letter_extract(struct letter *l, const struct document *doc, const struct kb *kb);
void letter_warn(struct letter *l, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* Where things are in a letter, found once and shared by the extractors.
 * Each is a block index, or (size_t)-1 when the letter has none. */
#define NO_BLOCK ((size_t)-1)
struct landmarks {
	size_t header;	    /* "Mandates of ..." */
	size_t reference;   /* "Ref.: ..." */
	size_t salutation;  /* "Excellency," */
	size_t capacity;    /* "... in our capacities as ..., pursuant to ... resolutions" */
	size_t questions;   /* the block introducing the numbered questions */
	size_t closing;	    /* "Please accept, Excellency, ..." */
	size_t annex;	    /* "Annex" */
};

struct phrase_cache;

struct extract_ctx {
	const struct document *doc;
	const struct kb *kb;
	const struct kb_language *lang; /* the letter's language */
	struct landmarks at;
	struct phrase_cache *phrases; /* the kb's lists indexed for this letter (phrases.c) */
};

/* The extractors, in the order letter_extract() runs them. */
void extract_language(struct extract_ctx *ctx, struct letter *l);
void extract_landmarks(struct extract_ctx *ctx, struct letter *l);
void extract_reference(struct extract_ctx *ctx, struct letter *l);
void extract_date(struct extract_ctx *ctx, struct letter *l);
void extract_mandates(struct extract_ctx *ctx, struct letter *l);
void extract_related(struct extract_ctx *ctx, struct letter *l);
void extract_questions(struct extract_ctx *ctx, struct letter *l);
void extract_deadline(struct extract_ctx *ctx, struct letter *l);
void extract_citations(struct extract_ctx *ctx, struct letter *l);
void extract_signatories(struct extract_ctx *ctx, struct letter *l);
void extract_documents(struct extract_ctx *ctx, struct letter *l);
void extract_figures(struct extract_ctx *ctx, struct letter *l);

/* Shared helpers (phrases.c). Each list is indexed on first use in a
 * letter; the cache is made and freed by letter_extract(). */
struct phrase_cache *phrase_cache_new(void);
void phrase_cache_free(struct phrase_cache *cache);
/* Length of the longest phrase of list that text starts with (word-bounded,
 * case-insensitive), 0 if none. */
size_t phrase_at(const struct extract_ctx *ctx, const struct strlist *list, const char *text);
/* The first occurrence in text of any phrase of list (the longest of those
 * starting there); sets *len. */
const char *phrase_find(const struct extract_ctx *ctx, const struct strlist *list, const char *text,
			size_t *len);
/* Same, over the lists of every language (the letter's own first). */
const char *phrase_find_any(const struct extract_ctx *ctx, size_t list_offset,
			    const char *text, size_t *len);
size_t phrase_at_any(const struct extract_ctx *ctx, size_t list_offset, const char *text);
/* The first of count words (in their order) that text starts with,
 * word-bounded, case-insensitive, with a value above 0 if positive;
 * sets *len. NULL if none. */
const struct kb_word_value *word_value_at(const struct extract_ctx *ctx, const struct kb_word_value *words,
					  size_t count, const char *text, bool positive, size_t *len);
/* The same through a list's index, found once for a loop that asks often. */
struct phrase_index;
const struct phrase_index *phrase_list(const struct extract_ctx *ctx, const struct strlist *list);
const struct phrase_index *phrase_words(const struct extract_ctx *ctx, const struct kb_word_value *words,
					size_t count);
size_t phrase_index_at(const struct phrase_index *ix, const char *text);
const struct kb_word_value *word_index_at(const struct phrase_index *ix, const struct kb_word_value *words,
					  const char *text, bool positive, size_t *len);
/* False when no instrument name, alias or generic word of the kb can
 * start at p, so that kb_instrument_at() need not be asked. */
bool instrument_may_start(const struct extract_ctx *ctx, const char *p);
#define LANG_LIST(field) offsetof(struct kb_language, field)

/* Dates in running text (dates.c): finds the first date in text at or
 * after from; returns its start and sets *len and *date. */
const char *date_find(const struct kb *kb, const char *text, const char *from, size_t *len,
		      int *date);
/* A date starting exactly at p, or 0. */
size_t date_at(const struct kb *kb, const char *text, const char *p, int *date);

/* A communication reference core "CCC n/yyyy" at p (p at the country code).
 * Returns its length, 0 if none. */
size_t reference_core_at(const struct kb *kb, const char *text, const char *p, char country[4],
			 int *number, int *year);

#endif
