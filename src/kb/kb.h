/*
 * kb.h - the knowledge base: countries, mandates, instruments, ratifications,
 * and how each language says the things letters say.
 *
 * Loaded once from the data files compiled into the binary (data/ JSON files,
 * data/treaty-status CSVs) and from Debian's iso-codes (countries and their
 * French and Spanish names). Read-only after kb_load(); every pointer it
 * hands out lives as long as the struct kb. Knows nothing of the store or
 * of letters: extractors and the store consult it.
 */
#ifndef RAPPORTEUR_KB_H
#define RAPPORTEUR_KB_H

#include <stdbool.h>
#include <stddef.h>

#include "../util/error.h"

enum kb_lang { KB_EN, KB_FR, KB_ES, KB_LANGS };
extern const char *const kb_lang_codes[KB_LANGS]; /* "en", "fr", "es" */

struct strlist {
	const char **items;
	size_t count;
};

struct kb_country {
	char alpha3[4];
	char alpha2[3];
	const char *name[KB_LANGS];
	const char *official_name; /* English, may be NULL */
};

struct kb_resolution {
	const char *symbol; /* "52/7", "1985/33" */
	const char *body;   /* "HRC", "CHR" */
	int adopted;	    /* date */
};

struct kb_holder {
	const char *name;
	const char *signs_as; /* the title under the signature */
	int from, to;	      /* dates; to is DATE_NONE while in office */
};

struct kb_mandate {
	const char *slug;
	const char *kind; /* "thematic" or "country" */
	const char *body; /* "special-rapporteur", "working-group", ... */
	const char *country;
	const char *title[KB_LANGS];
	struct strlist aliases;
	int established;
	struct kb_resolution *resolutions; /* by adoption date */
	size_t resolution_count;
	struct kb_holder *holders;
	size_t holder_count;
};

struct kb_provision {
	const char *article;
	const char *summary;
};

struct kb_instrument {
	const char *short_name; /* "ICCPR" */
	const char *kind;	/* "treaty", "declaration", ... */
	bool binding;
	const char *status_file; /* treaty-status CSV, or NULL */
	int adopted;
	const char *generic[KB_LANGS]; /* "Covenant", "Pacte", "Pacto" or NULL */
	const char *name[KB_LANGS];    /* the canonical name per language (English if none) */
	struct strlist names;	       /* full names, all languages, canonical first */
	struct strlist aliases;	       /* abbreviations, matched case-sensitively */
	struct kb_provision *provisions;
	size_t provision_count;
};

/* Treaty status from data/treaty-status (years only). */
struct kb_status {
	char alpha3[4];
	const struct kb_instrument *instrument;
	bool party, signatory;
	int year; /* ratification or accession; 0 if none */
};

/* An exact ratification date a letter states (data/ratifications.json). */
struct kb_ratification {
	char alpha3[4];
	const struct kb_instrument *instrument;
	const char *action; /* "ratified", "acceded", "succeeded", "signed" */
	int date;
	const char *source;
};

struct kb_word_value {
	const char *word;
	const char *text; /* an action or unit name */
	double value;
};

struct kb_language {
	enum kb_lang lang;
	const char *code;
	struct strlist months[12];
	struct strlist date_glue, stopwords, mandates_header, reference_labels, reference_noise,
		salutations, capacity_cues, resolution_cues, questions_cues, reply_words, within,
		day_words, hour_words, violation_cues, closing_cues, office_words, article_words,
		of_words, conjunction_cues, common_cues, list_words, annex_words, facts_cues, year_words,
		against_words;
	struct kb_word_value *ratification_verbs;
	size_t ratification_verb_count;
	struct kb_word_value *number_words; /* "nine" -> 9 */
	size_t number_word_count;
	struct kb_word_value *scale_words; /* "million" -> 1e6 */
	size_t scale_word_count;
	struct kb_word_value *unit_words; /* "police officers" -> "officers", longest first */
	size_t unit_word_count;
};

/* A Human Rights Council session and the window of its joint
 * communications report: letters sent and replies received in it. */
struct kb_session {
	int session;
	int opens, closes;
	const char *report_symbol; /* NULL when not known */
	int sent_from, sent_to, replies_from, replies_to;
};

/* A question of the catalogue (data/questions.json). */
struct kb_question {
	const char *id, *theme;
	const char *text[KB_LANGS]; /* the English one is always there */
	struct strlist provisions;  /* "CAT:12" */
};

struct kb {
	struct kb_country *countries; /* sorted by alpha3 */
	size_t country_count;
	struct kb_mandate *mandates;
	size_t mandate_count;
	struct kb_instrument *instruments;
	size_t instrument_count;
	struct kb_status *statuses;
	size_t status_count;
	struct kb_ratification *ratifications;
	size_t ratification_count;
	struct kb_language languages[KB_LANGS];
	struct strlist document_series; /* "A", "CAT", ...: UN symbol series */
	struct kb_session *sessions; /* by number */
	size_t session_count;
	struct kb_question *questions;
	size_t question_count;
	struct kb_instrument_pattern *patterns; /* see kb_instrument_at */
	size_t pattern_count;
	void *private_data; /* JSON trees and strings the pointers above point into */
};

/* Loads the knowledge base. Returns NULL with err set if a data file is
 * broken or iso-codes is missing. Free with kb_free(). */
struct kb *kb_load(struct error *err);
void kb_free(struct kb *kb);
/* A process-wide knowledge base, loaded on first use; dies if it cannot be. */
const struct kb *kb_shared(void);

const struct kb_country *kb_country(const struct kb *kb, const char *alpha3);
/* The country whose name (any language) is exactly name; NULL if none. */
const struct kb_country *kb_country_by_name(const struct kb *kb, const char *name, size_t len);
const struct kb_mandate *kb_mandate(const struct kb *kb, const char *slug);
/* The mandate whose title or alias (any language) matches title, ignoring
 * case and a leading article; NULL if none. */
const struct kb_mandate *kb_mandate_by_title(const struct kb *kb, const char *title);
/* The resolution in force on date: the latest adopted on or before it. */
const struct kb_resolution *kb_mandate_resolution_on(const struct kb_mandate *m, int date);
/* The holder in office on date, or NULL. */
const struct kb_holder *kb_mandate_holder_on(const struct kb_mandate *m, int date);
const struct kb_instrument *kb_instrument(const struct kb *kb, const char *short_name);
const struct kb_provision *kb_provision(const struct kb_instrument *ins, const char *article);
const struct kb_language *kb_language(const struct kb *kb, const char *code);

/* What kb_instrument_at found at a position of text. */
struct kb_instrument_match {
	const struct kb_instrument *instrument; /* NULL for a generic word */
	const char *generic;			/* "Convention" when the text said "the Convention" */
	size_t length;				/* bytes matched */
};

/* When p (a word start in text) opens the name or abbreviation of an
 * instrument, or a generic back-reference ("the Declaration"), fills m and
 * returns true. Longest match wins. */
bool kb_instrument_at(const struct kb *kb, const char *text, const char *p,
		      struct kb_instrument_match *m);

/* The session whose report covers a communication sent on date, or NULL. */
const struct kb_session *kb_session_for_sent(const struct kb *kb, int date);
const struct kb_session *kb_session(const struct kb *kb, int number);
const struct kb_question *kb_question(const struct kb *kb, const char *id);
/* A standard paragraph (data/paragraphs.json) in lang, else in English;
 * NULL when the key is unknown. */
const char *kb_paragraph(const struct kb *kb, const char *key, enum kb_lang lang);
/* The i-th paragraph key (0-based), NULL past the last. */
const char *kb_paragraph_key(const struct kb *kb, size_t i);
/* The language for an ISO 639-1 code, KB_EN when unknown. */
enum kb_lang kb_lang_of(const char *code);

/* Ratification status of country for an instrument: the exact date a
 * letter stated (*date, *action) when known, else the year. Returns false
 * when the country is not a party. */
bool kb_party_to(const struct kb *kb, const char *alpha3, const struct kb_instrument *ins,
		 int *date, const char **action, int *year);

#endif
