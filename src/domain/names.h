/*
 * names.h - people's names compared across spellings and scripts, so that
 * "Ерлан Жакупов", "Yerlan Zhakupov" and "Erlan Zhakupov" are found to be
 * one name. A name becomes a key (Latin, Cyrillic transliterated, spelling
 * variants folded: the tables are data/transliteration.json); two keys get
 * a similarity between 0 and 1. The same key serves to find words in text
 * whatever its script or spelling (mandate keywords, names in summaries).
 *
 * Pure: knows nothing of persons, the store or encryption.
 */
#ifndef RAPPORTEUR_NAMES_H
#define RAPPORTEUR_NAMES_H

#include <stdbool.h>
#include <stddef.h>

/* The key of a name or a text: its words transliterated and folded, apart
 * by one space; "" when it has no letters. Caller frees. */
char *names_key(const char *text);

/* How alike two keys are, 0 (nothing alike) to 1 (the same): each word of
 * the shorter name paired with the most alike word of the other (any
 * order, so "Zhakupov Yerlan" is "Yerlan Zhakupov"), Jaro-Winkler per
 * word, an initial matching a word it begins; a single word against a
 * longer name counts for less. */
double names_similarity(const char *key_a, const char *key_b);

/* Two names of the same person from a similarity of at least this. */
#define NAMES_LIKELY 0.90
/* Worth an officer's look. */
#define NAMES_POSSIBLE 0.85

/* The words of a key, split in place into words[] (at most max); returns
 * how many. key is modified (spaces become NULs). */
size_t names_words(char *key, char **words, size_t max);

/* True when the phrase's words (a key) begin consecutive words of the
 * text's key: "beat" is found in "they were beaten"; with whole_words, each
 * word must be whole. */
bool names_key_contains(const char *text_key, const char *phrase_key, bool whole_words);

/* Jaro-Winkler similarity of two byte strings, 0..1. */
double names_jaro_winkler(const char *a, const char *b);

#endif
