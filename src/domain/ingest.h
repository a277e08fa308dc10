/*
 * ingest.h - letters from files and folders into the store: each file
 * parsed, checked and stored in its own transaction, so a bad file is
 * reported and skipped while the rest go in, and a letter is never half
 * stored. Progress goes to a terminal; the summary to the caller.
 *
 * Letters are read and parsed by worker threads, one per processor, while
 * the calling thread stores them in file order; messages come in that
 * order too, as from one thread. After the last letter the full-text
 * index's segments are merged in proportion to what was added
 * (store_index_tidy()).
 */
#ifndef RAPPORTEUR_INGEST_H
#define RAPPORTEUR_INGEST_H

#include <stdbool.h>
#include <stddef.h>

#include "../store/db.h"

struct ingest_stats {
	size_t files, added, updated, unchanged, failed;
	bool disk_full; /* the disk filled: stopped there, the files after it not read */
};

/* Ingests every path (files, and folders walked for .md, .markdown, .txt
 * and .pdf files; README files and hidden entries skipped). Messages
 * about failed files go to stderr, one line each naming the file. A full
 * disk stops it at that file (every letter before it stored whole, none
 * after it begun): the same ingest, run again with room, goes on. */
void ingest_paths(struct db *db, char **paths, int count, bool progress, struct ingest_stats *stats);

#endif
