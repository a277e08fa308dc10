/*
 * secret.c - libsodium behind secret.h. sodium_init() runs once, before the
 * first call, from any thread (it is safe to call more than once).
 */
#include "secret.h"

#include <pthread.h>
#include <sodium.h>
#include <stdlib.h>
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

/* --- sealing confidential fields --------------------------------------------------------- */

void secret_random(void *buf, size_t n)
{
	ready();
	randombytes_buf(buf, n);
}

void secret_seal(const unsigned char key[SECRET_KEY_BYTES], const char *ad, const void *plain, size_t len,
		 unsigned char *out)
{
	ready();
	unsigned char *nonce = out, *cipher = out + crypto_aead_xchacha20poly1305_ietf_NPUBBYTES;
	randombytes_buf(nonce, crypto_aead_xchacha20poly1305_ietf_NPUBBYTES);
	crypto_aead_xchacha20poly1305_ietf_encrypt(cipher, NULL, plain, len, (const unsigned char *)ad, strlen(ad),
						   NULL, nonce, key);
}

int secret_unseal(const unsigned char key[SECRET_KEY_BYTES], const char *ad, const unsigned char *sealed,
		  size_t len, void *out)
{
	ready();
	if (len < SECRET_SEAL_OVERHEAD)
		return -1;
	const unsigned char *nonce = sealed, *cipher = sealed + crypto_aead_xchacha20poly1305_ietf_NPUBBYTES;
	return crypto_aead_xchacha20poly1305_ietf_decrypt(out, NULL, NULL, cipher,
							  len - crypto_aead_xchacha20poly1305_ietf_NPUBBYTES,
							  (const unsigned char *)ad, strlen(ad), nonce, key) == 0
		       ? 0
		       : -1;
}

void secret_keyed_hash(const unsigned char key[SECRET_KEY_BYTES], const void *data, size_t len, unsigned char *out,
		       size_t out_len)
{
	ready();
	crypto_generichash(out, out_len, data, len, key, SECRET_KEY_BYTES);
}

void secret_derive(const unsigned char master[SECRET_KEY_BYTES], unsigned long long id, const char context[8],
		   unsigned char out[SECRET_KEY_BYTES])
{
	ready();
	crypto_kdf_derive_from_key(out, SECRET_KEY_BYTES, id, context, master);
}

char *secret_base64(const unsigned char *bin, size_t len)
{
	ready();
	size_t n = sodium_base64_ENCODED_LEN(len, sodium_base64_VARIANT_URLSAFE_NO_PADDING);
	char *out = xmalloc(n);
	sodium_bin2base64(out, n, bin, len, sodium_base64_VARIANT_URLSAFE_NO_PADDING);
	return out;
}

unsigned char *secret_base64_decode(const char *text, size_t *len)
{
	ready();
	size_t n = strlen(text);
	unsigned char *out = xmalloc(n * 3 / 4 + 1);
	if (sodium_base642bin(out, n * 3 / 4 + 1, text, n, NULL, len, NULL, sodium_base64_VARIANT_URLSAFE_NO_PADDING) !=
	    0) {
		free(out);
		return NULL;
	}
	return out;
}

void secret_wipe(void *p, size_t n)
{
	if (p && n)
		sodium_memzero(p, n);
}
