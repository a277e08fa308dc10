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
 * offsets) and returns true; stops early (still true) when token returns
 * nonzero. Returns false at the first character outside those above (or
 * broken UTF-8), having called token for the tokens before it: forget
 * them and ask FTS5. */
bool fts_tokens(const char *text, int n, int (*token)(void *ctx, int start, int end), void *ctx);

#endif
