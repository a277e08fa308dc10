/*
 * fts_tokens.h - where FTS5's "unicode61" tokenizer (default categories:
 * letters, numbers, private use) starts and ends each token, found
 * without FTS5 for the text letters are made of: ASCII, the Latin letters
 * of U+00C0-U+024F and the punctuation of U+2000-U+206F. Snippets need
 * only where tokens are, and FTS5's tokenizer spends most of its time
 * folding and stemming them.
 */
#ifndef RAPPORTEUR_FTS_TOKENS_H
#define RAPPORTEUR_FTS_TOKENS_H

#include <stdbool.h>

/* Calls token(ctx, start, end) for each token of text[0..n) (byte
 * offsets) and returns true; or returns false, having called nothing,
 * when text holds a character outside those above or broken UTF-8: ask
 * FTS5 then. Stops early (still true) when token returns nonzero. */
bool fts_tokens(const char *text, int n, int (*token)(void *ctx, int start, int end), void *ctx);

#endif
