/*
 * sha256.h - SHA-256 (FIPS 180-4), for telling a changed letter file from
 * an unchanged one. Not for secrets: passwords go through libsodium.
 */
#ifndef RAPPORTEUR_SHA256_H
#define RAPPORTEUR_SHA256_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct sha256 {
	uint32_t state[8];
	uint64_t length;
	unsigned char block[64];
	size_t used;
};

void sha256_init(struct sha256 *h);
void sha256_update(struct sha256 *h, const void *data, size_t len);
void sha256_final(struct sha256 *h, unsigned char out[32]);
/* With on, the portable code even where the SHA extensions are (for the
 * tests, which check both); returns whether the extensions are there. */
bool sha256_portable(bool on);
/* The hex digest of data into hex (65 bytes with the NUL). */
void sha256_hex(const void *data, size_t len, char hex[65]);

#endif
