/*
 * utf8.h - UTF-8 checks and decoding.
 *
 * Letters arrive as bytes from files and forms; this decides whether they
 * are text at all before anything parses them. Knows nothing of letters.
 */
#ifndef RAPPORTEUR_UTF8_H
#define RAPPORTEUR_UTF8_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* True when s[0..len) is well-formed UTF-8 (no overlongs, no surrogates).
 * On false, *bad (if not NULL) is the byte offset of the first bad sequence. */
bool utf8_valid(const char *s, size_t len, size_t *bad);
/* Decodes one code point at *p and advances *p; returns 0xFFFD on a bad byte. */
uint32_t utf8_next(const char **p, const char *end);
/* Encodes cp into out (4 bytes at most); returns the length. */
size_t utf8_encode(uint32_t cp, char out[4]);
/* Length in bytes of the sequence starting with c (1 for continuation bytes). */
size_t utf8_seqlen(unsigned char c);
/* True when s holds NUL bytes or many control characters: not a text file. */
bool utf8_looks_binary(const char *s, size_t len);
/* 1-based line number of byte offset off in s. */
size_t utf8_line_of(const char *s, size_t off);

#endif
