/*
 * kbload.h - copies the knowledge base (kb.h) into the store's tables, so
 * that queries can join against it and an administrator can edit it.
 */
#ifndef RAPPORTEUR_KBLOAD_H
#define RAPPORTEUR_KBLOAD_H

#include "../kb/kb.h"
#include "db.h"

/* Inserts or updates every row; one transaction. */
int store_load_kb(struct db *db, const struct kb *kb, struct error *err);

#endif
