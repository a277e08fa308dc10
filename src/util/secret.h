/*
 * secret.h - the few cryptographic things the workspace needs, each a thin
 * call into libsodium (the only file that includes sodium.h): random
 * tokens, a one-way hash of a token for storing it, a constant-time
 * comparison, Argon2id password hashes, and the sealing of confidential
 * fields at rest (XChaCha20-Poly1305, keyed BLAKE2b, a KDF). Knows nothing of users,
 * sessions or HTTP.
 */
#ifndef RAPPORTEUR_SECRET_H
#define RAPPORTEUR_SECRET_H

#include <stdbool.h>
#include <stddef.h>

/* A random token: 32 bytes from the system's CSPRNG as 64 hex digits. */
#define SECRET_TOKEN_HEX 65
void secret_token(char out[SECRET_TOKEN_HEX]);

/* The token's BLAKE2b-256 hash as 64 hex digits: what the store keeps, so
 * that a copy of the database does not hold a usable session. */
void secret_token_hash(const char *token, char out[SECRET_TOKEN_HEX]);

/* a and b are the same string, compared in time that depends only on
 * their lengths (never on where they first differ). */
bool secret_equal(const char *a, const char *b);

/* An Argon2id hash of password in libsodium's self-describing string form
 * ("$argon2id$v=19$m=...,t=...,p=1$salt$hash"), with the INTERACTIVE
 * limits (64 MiB, 2 passes). out holds SECRET_HASH_MAX bytes. -1 if the
 * memory cannot be had. */
#define SECRET_HASH_MAX 128
int secret_password_hash(const char *password, char out[SECRET_HASH_MAX]);
/* password matches hash. A hash that is not one of ours never matches. */
bool secret_password_verify(const char *hash, const char *password);
/* A hash that matches no password, verified for unknown users so that a
 * wrong name takes as long as a wrong password. */
const char *secret_dummy_hash(void);


/* --- sealing confidential fields (src/domain/privacy.c, docs/PRIVACY.md) --- */

#define SECRET_KEY_BYTES 32
/* What sealing adds to a field: a random 24-byte nonce and a 16-byte tag. */
#define SECRET_SEAL_OVERHEAD 40

/* n random bytes from the system's CSPRNG. */
void secret_random(void *buf, size_t n);
/* XChaCha20-Poly1305 (IETF): out, len + SECRET_SEAL_OVERHEAD bytes, holds
 * a random nonce, then plain encrypted and authenticated together with ad
 * (what the field is, so that it cannot be moved to another column). */
void secret_seal(const unsigned char key[SECRET_KEY_BYTES], const char *ad, const void *plain, size_t len,
		 unsigned char *out);
/* Opens what secret_seal made into out (len - SECRET_SEAL_OVERHEAD bytes);
 * -1 when the key or ad differ or a byte was changed. */
int secret_unseal(const unsigned char key[SECRET_KEY_BYTES], const char *ad, const unsigned char *sealed,
		  size_t len, void *out);
/* Keyed BLAKE2b of data into out (16 to 64 bytes). */
void secret_keyed_hash(const unsigned char key[SECRET_KEY_BYTES], const void *data, size_t len, unsigned char *out,
		       size_t out_len);
/* A subkey of master for one purpose (context: 8 characters). */
void secret_derive(const unsigned char master[SECRET_KEY_BYTES], unsigned long long id, const char context[8],
		   unsigned char out[SECRET_KEY_BYTES]);
/* URL-safe base64 without padding (caller frees), and back (NULL if text
 * is not base64; caller frees; *len receives the length). */
char *secret_base64(const unsigned char *bin, size_t len);
unsigned char *secret_base64_decode(const char *text, size_t *len);
/* Zeroes memory in a way the compiler does not remove. */
void secret_wipe(void *p, size_t n);

#endif
