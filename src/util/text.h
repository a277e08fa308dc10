/*
 * text.h - small helpers for scanning normalised UTF-8 text.
 *
 * The readers hand extractors text with whitespace collapsed to single
 * spaces and apostrophes made straight (see read/block.h); these helpers
 * assume that. Matching is ASCII case-insensitive; bytes >= 0x80 compare
 * exactly and count as word characters, so "é" is part of a word.
 */
#ifndef RAPPORTEUR_TEXT_H
#define RAPPORTEUR_TEXT_H

#include <stdbool.h>
#include <stddef.h>

/* ASCII case folding and word characters by table (text.c fills them
 * before main): these run at every byte of every letter. */
extern unsigned char text_fold_table[256];
extern bool text_word_table[256];
static inline unsigned char text_fold(unsigned char c)
{
	return text_fold_table[c];
}
static inline bool text_word_char(unsigned char c)
{
	return text_word_table[c];
}
/* Length of prefix when s starts with it (ASCII case-insensitive), else 0. */
size_t text_prefix_ci(const char *s, const char *prefix);
/* Like text_prefix_ci, but the match must also end at a word boundary. */
size_t text_word_prefix_ci(const char *s, const char *prefix);
/* First occurrence of needle in hay, case-insensitive; NULL if none. */
const char *text_find_ci(const char *hay, const char *needle);
/* First occurrence of needle as whole words (boundaries on both sides). */
const char *text_find_word_ci(const char *hay, const char *needle);
/* True when p (inside text) starts a word. */
bool text_word_start(const char *text, const char *p);
/* The sentence of text that holds byte pos: [*start, *end). Knows common
 * abbreviations ("art.", "No.", "para.", "Mr.") so they do not end one. */
void text_sentence(const char *text, size_t pos, size_t *start, size_t *end);
/* Parses a number written in a letter at s: "10'000", "10,000", "12 000",
 * "3.5", "1.250.000" (with the separator grouping thousands). Returns the
 * length read, 0 if s does not start with a digit. */
size_t text_parse_number(const char *s, double *value);
/* Skips spaces. */
const char *text_skip_space(const char *s);
/* xstrndup of [start, end) with surrounding spaces and the given trailing
 * punctuation removed. */
char *text_trimmed(const char *start, const char *end, const char *strip);
/* True when s (NUL-terminated) contains only ASCII digits. */
bool text_all_digits(const char *s);

#endif
