/*
 * privacy.h - confidential fields sealed at rest under a key kept outside
 * the database (docs/PRIVACY.md). A field is sealed as
 * "s1.KEYID.BASE64(nonce | XChaCha20-Poly1305 ciphertext | tag)", bound to
 * its column's name, so that a copied database file reveals no source, no
 * contact and no name of a victim who did not consent. Names are also
 * indexed blind: keyed hashes of their normalised words, to find
 * duplicates without opening every name. `key rotate` seals everything
 * again under a new key in one transaction and retires the old one.
 *
 * The key file: --key-file, else $RAPPORTEUR_KEY_FILE, else the database's
 * path with ".key" added (beside it, never in it), mode 0600. Knows the
 * store (the key ids it records and the sealed columns) but nothing of
 * what the fields mean; the cryptography is in util/secret.c.
 */
#ifndef RAPPORTEUR_PRIVACY_H
#define RAPPORTEUR_PRIVACY_H

#include <stdbool.h>
#include <stddef.h>

#include "../store/db.h"
#include "../util/error.h"

#define PRIVACY_KEY_ID_LEN 8
#define PRIVACY_TOKEN_HEX 33 /* a blind-index token: 128 bits as hex, and its NUL */

struct privacy_key {
	char id[PRIVACY_KEY_ID_LEN + 1];
	unsigned char seal[32];	 /* seals and opens fields */
	unsigned char blind[32]; /* derived from seal: keys the blind index */
};

struct privacy {
	char *path;		  /* the key file */
	struct privacy_key *keys; /* keys[0] seals; the others (a rotation under way) only open */
	size_t key_count;
};

/* The key file for the database at db_target: option, else
 * $RAPPORTEUR_KEY_FILE, else db_target + ".key". NULL with err for a
 * PostgreSQL URL with neither. Caller frees. */
char *privacy_key_path(const char *option, const char *db_target, struct error *err);

/* Makes sure the database has its key: when it has sealed nothing yet and
 * the key file does not exist, writes a new key there (mode 0600) and sets
 * *created; otherwise checks that the file holds the database's key. */
int privacy_setup(struct db *db, const char *path, bool *created, struct error *err);

/* The key of a database, checked against the key ids it records (and set
 * up as privacy_setup() does when it has none yet). The one way the faces
 * get a struct privacy. Free with privacy_free(). */
struct privacy *privacy_open(struct db *db, const char *key_option, struct error *err);
void privacy_free(struct privacy *pv);

/* plain sealed for the column field ("persons.name_sealed"); NULL for
 * NULL. Caller frees. */
char *privacy_seal(const struct privacy *pv, const char *field, const char *plain);
/* The plain text of a sealed field (NULL for NULL, with err clear); NULL
 * with err when the key does not fit or the field was altered. Caller
 * frees. */
char *privacy_unseal(const struct privacy *pv, const char *field, const char *sealed, struct error *err);
/* The blind-index token of text (already normalised), under the sealing
 * key. */
void privacy_blind_token(const struct privacy *pv, const char *text, char out[PRIVACY_TOKEN_HEX]);

/* The sealed columns: table, column (which is also the field's name). */
struct privacy_column {
	const char *table, *column;
};
extern const struct privacy_column privacy_columns[];

/* A new key seals every sealed column again, in one transaction; the blind
 * index is rebuilt under it (persons_reindex); the old key is retired in
 * the database and removed from the key file. The key file holds both keys
 * while the transaction runs, so that no crash leaves a field unreadable.
 * *fields receives how many fields were sealed again; pv then holds only
 * the new key. */
int privacy_rotate(struct db *db, struct privacy *pv, long long *fields, struct error *err);

#endif
