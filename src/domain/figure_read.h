/*
 * figure_read.h - reading a figure's sentence: what it counts, as of when,
 * and who says so ("According to the Prosecutor General's Office, as of
 * 1 March 2024, 14 criminal cases ..."). The reading is a proposal an
 * officer confirms or corrects; each part says what it rests on (the cue
 * that matched, the words naming the source, where the date came from).
 *
 * Pure: a paragraph, the figures the extractor found in one of its
 * sentences, the vocabulary and the knowledge base (number words, month
 * names) in; readings out. Knows nothing of the store.
 */
#ifndef RAPPORTEUR_FIGURE_READ_H
#define RAPPORTEUR_FIGURE_READ_H

#include <stdbool.h>
#include <stddef.h>

#include "../kb/kb.h"
#include "figure_vocab.h"

/* Where a figure's as-of date comes from. */
enum figure_basis {
	BASIS_STATED,    /* a date in its own sentence */
	BASIS_PARAGRAPH, /* the date beside its source, named earlier in the paragraph */
	BASIS_DOCUMENT,  /* the date of the letter or reply that gives it */
	BASIS_OFFICER    /* set by an officer */
};
extern const char *const figure_basis_names[4]; /* "stated", "paragraph", "document", "officer" */
int figure_basis_parse(const char *name);       /* -1 if none */

/* A figure as the extractor found it (src/extract/figures.c). */
struct figure_seen {
	double value;
	const char *unit; /* NULL when none was named */
};

/* The sentence and where it stands. */
struct figure_where {
	const char *paragraph; /* the block holding the sentence; NULL: the sentence alone */
	const char *sentence;  /* the figure's context, as the extractor kept it */
	int date;              /* the document's date (DATE_NONE if unknown) */
	bool reply; /* a Government's reply: its unattributed figures are the Government's */
	const char *language; /* "en", "fr", "es" (number words, months); NULL: English */
};

struct figure_reading {
	bool counted; /* false for durations and shares ("3.5 years"): not proposed */
	bool located; /* its number was found in the sentence (else nothing was read) */
	const struct figure_category *category; /* NULL: no cue matched */
	const struct figure_pattern *cue;       /* the cue that matched */
	const struct figure_source *source;
	char source_words[200]; /* the words that name the source, as written; "" for a default */
	int as_of;              /* DATE_NONE when neither sentence nor document has a date */
	enum figure_basis basis;
};

/* Reads figures[0..n), found in that order in where->sentence, into out[0..n). */
void figure_read_sentence(const struct figure_vocab *v, const struct kb *kb,
                          const struct figure_where *where, const struct figure_seen *figures,
                          size_t n, struct figure_reading *out);

/* The same in two steps, for a caller with several sentences in one
 * paragraph: the paragraph is cut into words and its sources found once.
 * figure_read_in reads where->sentence within the paragraph (where->
 * paragraph is not used); a sentence not in it is left unread. */
struct figure_paragraph;
struct figure_paragraph *figure_paragraph_new(const struct figure_vocab *v, const struct kb *kb,
                                              const char *text, const char *language);
void figure_paragraph_free(struct figure_paragraph *fp);
/* The text it was made from (not copied: the caller's). */
const char *figure_paragraph_text(const struct figure_paragraph *fp);
void figure_read_in(const struct figure_vocab *v, const struct figure_paragraph *fp,
                    const struct figure_where *where, const struct figure_seen *figures, size_t n,
                    struct figure_reading *out);

/* A figure as the extractor stores it: with the sentence it stands in. */
struct figure_found {
	double value;
	const char *unit;    /* NULL: none */
	const char *context; /* its sentence */
};

/* Reads every figure of a document: found[0..n) in the order the
 * extractor found them; body is the document's text with its blocks apart
 * by blank lines (where the paragraphs are found); date, reply and
 * language as in struct figure_where. Fills out[0..n). */
void figure_read_document(const struct figure_vocab *v, const struct kb *kb, const char *body,
                          int date, bool reply, const char *language,
                          const struct figure_found *found, size_t n, struct figure_reading *out);

/* A date written in running text at p: "18 March 2022", "end of April
 * 2024" (the month's last day), "early May 2024" (its first). Returns the
 * length read and sets *date; 0 if none. Exposed for the tests. */
size_t figure_date_at(const struct kb *kb, const char *text, const char *p, int *date);

#endif
