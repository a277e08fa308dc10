/*
 * secret.h - the few cryptographic things the workspace needs, each a thin
 * call into libsodium (the only file that includes sodium.h): random
 * tokens, a one-way hash of a token for storing it, a constant-time
 * comparison, and Argon2id password hashes. Knows nothing of users,
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

#endif
