/*
 * render.h - a draft becomes the whole letter, in Markdown: mandates header,
 * reference, date, opening with the resolutions in force on that date,
 * facts, concerns, the would-violate paragraph with the State's
 * ratification dates (a treaty it is not party to on that date is recalled,
 * never presented as binding), the numbered questions, the standard
 * notices, the signatures of the holders in office, and the legal annex
 * built from the provisions cited. Pure: kb and inputs in, text out.
 */
#ifndef RAPPORTEUR_RENDER_H
#define RAPPORTEUR_RENDER_H

#include "../kb/kb.h"
#include "draft.h"

/* An earlier communication the letter follows up. */
struct render_related {
	const char *reference;
	int date;	/* DATE_NONE when not held */
	int reply_date; /* the first reply, DATE_NONE if none */
};

struct render_letter {
	const struct draft *draft;
	const char *reference; /* NULL before sending */
	int date;
	const struct render_related *related;
	size_t related_count;
	int reply_days; /* the reply deadline for the letter's type (settings) */
};

/* The letter in Markdown (caller frees); NULL with err set. Problems that
 * do not stop the letter (a mandate with no known holder on the date) are
 * appended, one per line, to *warnings when it is not NULL (caller frees). */
char *render_markdown(const struct kb *kb, const struct render_letter *in, char **warnings,
		      struct error *err);
/* A date as letters write it: "9 May 2024", "1er mai 2024", "9 de mayo de 2024". */
void render_date(const struct kb *kb, int date, enum kb_lang lang, char *out, size_t size);

#endif
