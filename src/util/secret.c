/*
 * secret.c - libsodium behind secret.h. sodium_init() runs once, before the
 * first call, from any thread (it is safe to call more than once).
 */
#include "secret.h"

#include <pthread.h>
#include <sodium.h>
#include <string.h>

#include "die.h"

static pthread_once_t once = PTHREAD_ONCE_INIT, dummy_once = PTHREAD_ONCE_INIT;
static char dummy[crypto_pwhash_STRBYTES];

static void init(void)
{
	if (sodium_init() < 0)
		BUG("libsodium cannot be initialised");
}

static void ready(void)
{
	pthread_once(&once, init);
}

/* A hash of a random password nobody knows (made on first need: it costs
 * what a login costs). */
static void init_dummy(void)
{
	char pw[SECRET_TOKEN_HEX];
	secret_token(pw);
	if (crypto_pwhash_str(dummy, pw, strlen(pw), crypto_pwhash_OPSLIMIT_INTERACTIVE,
			      crypto_pwhash_MEMLIMIT_INTERACTIVE) != 0)
		dummy[0] = '\0'; /* out of memory: verifying against "" fails at once */
	sodium_memzero(pw, sizeof(pw));
}

void secret_token(char out[SECRET_TOKEN_HEX])
{
	ready();
	unsigned char raw[32];
	randombytes_buf(raw, sizeof(raw));
	sodium_bin2hex(out, SECRET_TOKEN_HEX, raw, sizeof(raw));
	sodium_memzero(raw, sizeof(raw));
}

void secret_token_hash(const char *token, char out[SECRET_TOKEN_HEX])
{
	ready();
	unsigned char h[32];
	crypto_generichash(h, sizeof(h), (const unsigned char *)token, strlen(token), NULL, 0);
	sodium_bin2hex(out, SECRET_TOKEN_HEX, h, sizeof(h));
}

bool secret_equal(const char *a, const char *b)
{
	ready();
	size_t n = strlen(a);
	if (n != strlen(b))
		return false;
	return sodium_memcmp(a, b, n) == 0;
}

int secret_password_hash(const char *password, char out[SECRET_HASH_MAX])
{
	ready();
	_Static_assert(crypto_pwhash_STRBYTES <= SECRET_HASH_MAX, "SECRET_HASH_MAX too small");
	return crypto_pwhash_str(out, password, strlen(password), crypto_pwhash_OPSLIMIT_INTERACTIVE,
				 crypto_pwhash_MEMLIMIT_INTERACTIVE) == 0 ? 0 : -1;
}

bool secret_password_verify(const char *hash, const char *password)
{
	ready();
	if (!hash || strlen(hash) >= crypto_pwhash_STRBYTES || strncmp(hash, "$argon2id$", 10))
		return false;
	return crypto_pwhash_str_verify(hash, password, strlen(password)) == 0;
}

const char *secret_dummy_hash(void)
{
	ready();
	pthread_once(&dummy_once, init_dummy);
	return dummy;
}
