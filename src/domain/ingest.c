/*
 * ingest.c - walks paths, parses letters and stores them. See ingest.h.
 */
#include "ingest.h"

#include <dirent.h>
#include <errno.h>
#include <jansson.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "../kb/kb.h"
#include "../read/read.h"
#include "../store/letters.h"
#include "../util/buf.h"
#include "../util/die.h"
#include "../util/sha256.h"
#include "../util/text.h"
#include "figure_vocab.h"
#include "figures.h"
#include "letterfile.h"
#include "workflow.h"

struct file_list {
	char **paths;
	size_t count, cap;
};

static void add_path(struct file_list *list, const char *path)
{
	ALLOC_GROW(list->paths, list->count + 1, list->cap);
	list->paths[list->count++] = xstrdup(path);
}

static bool letter_name(const char *name)
{
	static const char *const exts[] = {".md", ".markdown", ".txt", ".text", ".pdf", NULL};
	if (name[0] == '.' || text_prefix_ci(name, "README"))
		return false;
	size_t n = strlen(name);
	for (int i = 0; exts[i]; i++) {
		size_t m = strlen(exts[i]);
		if (n > m && text_prefix_ci(name + n - m, exts[i]) == m)
			return true;
	}
	return false;
}

static int by_name(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static void walk(struct file_list *list, const char *dir, int depth, struct ingest_stats *stats)
{
	DIR *d = opendir(dir);
	if (!d) {
		error("%s: cannot read the folder: %s", dir, strerror(errno));
		stats->failed++;
		return;
	}
	struct file_list here = {0};
	struct dirent *e;
	while ((e = readdir(d)))
		if (e->d_name[0] != '.')
			add_path(&here, e->d_name);
	closedir(d);
	qsort(here.paths, here.count, sizeof(char *), by_name);
	for (size_t i = 0; i < here.count; i++) {
		size_t n = strlen(dir) + strlen(here.paths[i]) + 2;
		char *path = xmalloc(n);
		snprintf(path, n, "%s/%s", dir, here.paths[i]);
		struct stat st;
		if (stat(path, &st) == 0 && S_ISDIR(st.st_mode)) {
			if (depth < 32)
				walk(list, path, depth + 1, stats);
		} else if (letter_name(here.paths[i])) {
			add_path(list, path);
		}
		free(path);
		free(here.paths[i]);
	}
	free(here.paths);
}

/*
 * The pipeline. Reading, parsing and extracting a letter needs no database
 * and takes as long as storing it, so worker threads (one per processor)
 * do it, files taken in order, at most WINDOW ahead of the store; the
 * calling thread stores each letter in its own transaction, in file
 * order, and reports failures in that order, so the output is the one a
 * single thread gives. Workers only touch their own job; jobs change
 * hands under the lock.
 */
#define WINDOW_PER_WORKER 32
#define MAX_WORKERS 8

struct job {
	const char *path;
	bool done;	 /* the worker is finished with it */
	char *failure;	 /* why it cannot be stored, or NULL */
	struct letter l; /* parsed, with a reference, when !failure */
	struct store_row row;
	struct figure_letter_reading figures; /* read here, proposed with the letter */
	bool tsv;	 /* PostgreSQL: the row's tsvector made here too */
	enum store_outcome outcome;
	bool stored;	  /* added or updated in the open batch */
	bool deferred;	  /* failed in the batch: stored again alone, where its failure is said */
	struct buf notes; /* what a batch says of it, said once the batch is in */
	char sha[65];
};

struct pipeline {
	pthread_mutex_t lock;
	pthread_cond_t done;  /* a job is done */
	pthread_cond_t room;  /* a job was stored: the window moved */
	struct job *jobs;
	size_t count;
	size_t next;   /* the next job a worker takes */
	size_t stored; /* jobs the store has finished with */
	size_t window;
};

/* PDFs are read by MuPDF one at a time: its contexts are not made for
 * threads that share nothing (read/read_pdf.c makes one per file). */
static pthread_mutex_t pdf_lock = PTHREAD_MUTEX_INITIALIZER;

static char *failure(struct error *err)
{
	return xstrdup(err->message);
}

/* Reads, checks and parses one file; fills job (any thread). */
static void job_parse(struct job *job)
{
	struct error err;
	size_t len;
	char *bytes = read_file_checked(job->path, &len, &err);
	if (!bytes) {
		job->failure = failure(&err);
		return;
	}
	bool pdf = read_is_pdf(bytes, len);
	if (pdf)
		pthread_mutex_lock(&pdf_lock);
	int rc = letterfile_parse_bytes(job->path, bytes, len, &job->l, &err);
	if (pdf)
		pthread_mutex_unlock(&pdf_lock);
	if (rc < 0) {
		job->failure = failure(&err);
	} else if (!job->l.reference) {
		struct buf b = BUF_INIT;
		buf_addf(&b, "%s: no reference found (a line such as \"Ref.: AL KAZ 2/2024\"); a letter cannot be stored without one",
			 job->path);
		job->failure = buf_detach(&b);
	} else {
		sha256_hex(bytes, len, job->sha);
		store_row_init(&job->row, &job->l);
		if (job->tsv)
			store_row_add_tsv(&job->row, &job->l);
		figures_read_letter(&job->l, &job->figures);
	}
	free(bytes);
}

static void job_release(struct job *job)
{
	free(job->failure);
	letter_release(&job->l);
	store_row_release(&job->row);
	figure_letter_reading_release(&job->figures);
	buf_release(&job->notes);
}

static void *worker(void *arg)
{
	struct pipeline *p = arg;
	/* the storing thread, which every letter waits for, goes first when
	 * it and the workers want the same processor */
	setpriority(PRIO_PROCESS, (id_t)syscall(SYS_gettid), 5);
	pthread_mutex_lock(&p->lock);
	for (;;) {
		while (p->next < p->count && p->next >= p->stored + p->window)
			pthread_cond_wait(&p->room, &p->lock);
		if (p->next >= p->count)
			break;
		struct job *job = &p->jobs[p->next++];
		pthread_mutex_unlock(&p->lock);
		job_parse(job);
		pthread_mutex_lock(&p->lock);
		job->done = true;
		pthread_cond_broadcast(&p->done);
	}
	pthread_mutex_unlock(&p->lock);
	return NULL;
}

/*
 * Storing. Letters go in in batches of up to BATCH (a sixteenth of the
 * files, at least 8: a small ingest commits often, a large one in the
 * largest batches), one transaction each, with
 * no savepoints inside (db_flat()): FTS5 writes out the terms it holds at
 * every savepoint, so a savepoint per letter gave every letter a segment
 * of its own again, to be merged later. One transaction per letter made
 * SQLite write each letter's index pages anew too (about a hundred pages a
 * letter). Every letter is still wholly there or wholly absent whenever
 * the process stops.
 *
 * If anything fails in a batch (a letter the store refuses, a full disk),
 * the batch is rolled back and its letters stored again one transaction
 * each, as before batches: each failure is then said and counted as its
 * own, and on a full disk what fits is kept. What a batch says of its
 * letters (a letter replacing another file's) is said when it is in, in
 * file order with the files that could not be read.
 */
#define BATCH 64

struct batch {
	struct db *db;
	struct figure_proposer *figures;
	size_t first, open;	/* the jobs of the open transaction: first, and how many */
	size_t added, updated;	/* of those */
	bool progress;
};

/* Says what is to be said of a job: now, or once its batch is in. */
__attribute__((format(printf, 4, 5))) static void say(const struct batch *b, struct job *job, bool in_batch,
						      const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	if (in_batch) {
		buf_adds(&job->notes, "rapporteur: ");
		buf_vaddf(&job->notes, fmt, ap);
		buf_addch(&job->notes, '\n');
	} else {
		if (b->progress) /* a message starts on a clean line, not after the counter */
			fprintf(stderr, "\r\033[K");
		fputs("rapporteur: ", stderr);
		vfprintf(stderr, fmt, ap);
		fputc('\n', stderr);
	}
	va_end(ap);
}

/* Stores a parsed job in the open batch, or in a transaction of its own
 * when none is open (the calling thread), counting it in stats. In a
 * batch, a failure is only marked (deferred): batch_commit() stores the
 * batch again letter by letter, where it is said. */
static void job_store(struct batch *b, struct job *job, struct ingest_stats *stats)
{
	struct db *db = b->db;
	bool in_batch = db->tx_depth > 0;
	job->stored = job->deferred = false;
	if (job->failure) {
		say(b, job, in_batch, "%s", job->failure);
		stats->failed++;
		return;
	}
	struct error err;
	const char *slash = strrchr(job->path, '/');
	const char *name = slash ? slash + 1 : job->path;
	char *previous = NULL;
	/* its publication date and session go in with the row */
	wf_row_dates(db, &job->l, &job->row);
	int depth = db->tx_depth;
	int rc = db_begin(db, &err);
	if (rc == 0)
		rc = store_put_letter_row(db, &job->l, &job->row, name, job->sha, &job->outcome, &previous, &err);
	if (rc == 0 && job->outcome != STORE_UNCHANGED) {
		long long id = store_find_communication(db, job->l.reference);
		rc = id ? figures_propose_read(b->figures, id, job->sha, &job->l, &job->figures, &err)
			: error_set(&err, "%s was not found after it was stored", job->l.reference);
	}
	if (rc == 0)
		rc = db_commit(db, &err);
	bool full = db->disk_full;
	while (rc < 0 && db->tx_depth > depth)
		db_rollback(db);
	/* a rollback's own error must not hide why */
	db->disk_full = db->disk_full || full;
	if (rc < 0 && in_batch) {
		job->deferred = true;
	} else if (rc < 0) {
		say(b, job, false, "%s: not stored: %s", job->path, err.message);
		stats->failed++;
	} else if (job->outcome == STORE_ADDED) {
		stats->added++;
		b->added++;
		job->stored = true;
	} else if (job->outcome == STORE_UPDATED) {
		stats->updated++;
		b->updated++;
		job->stored = true;
		if (previous && strcmp(previous, name))
			say(b, job, in_batch, "warning: %s: %s was held from %s; replaced by this file", job->path,
			    job->l.reference, previous);
	} else {
		stats->unchanged++;
	}
	free(previous);
}

static int batch_begin(struct batch *b, size_t first, struct ingest_stats *stats)
{
	struct error err;
	if (db_begin(b->db, &err) < 0) {
		error("cannot store letters: %s", err.message);
		stats->disk_full = b->db->disk_full;
		return -1;
	}
	db_flat(b->db);
	store_fts_defer(b->db);
	b->first = first;
	b->open = 0;
	b->added = b->updated = 0;
	return 0;
}

/* Ends the open batch: committed, and what it says said; or, if anything
 * in it failed, rolled back and its letters stored again one by one until
 * the disk is full (stats->disk_full) or all are in. */
static void batch_commit(struct batch *b, struct job *jobs, struct ingest_stats *stats)
{
	struct error err;
	bool deferred = false;
	for (size_t i = b->first; i < b->first + b->open; i++)
		deferred = deferred || jobs[i].deferred;
	bool full = b->db->disk_full;
	if (!deferred && !full && store_fts_flush(b->db, &err) == 0 && db_commit(b->db, &err) == 0) {
		for (size_t i = b->first; i < b->first + b->open; i++)
			if (jobs[i].notes.len) {
				if (b->progress)
					fprintf(stderr, "\r\033[K");
				fputs(jobs[i].notes.data, stderr);
			}
		b->open = 0;
		return;
	}
	store_fts_discard(b->db);
	if (b->db->tx_depth > 0)
		db_rollback(b->db);
	stats->added -= b->added;
	stats->updated -= b->updated;
	b->db->disk_full = false;
	for (size_t i = b->first; i < b->first + b->open; i++) {
		struct job *job = &jobs[i];
		buf_reset(&job->notes);
		if (b->db->disk_full) /* the files after it are left for the next run */
			break;
		if (job->failure)
			say(b, job, false, "%s", job->failure); /* counted already */
		else if (job->stored || job->deferred)
			job_store(b, job, stats);
	}
	stats->disk_full = b->db->disk_full;
	b->open = 0;
}

static int worker_count(size_t files)
{
	long n = sysconf(_SC_NPROCESSORS_ONLN);
	if (n < 1)
		n = 1;
	if (n > MAX_WORKERS)
		n = MAX_WORKERS;
	return files < 2 ? 0 : (int)n;
}

static void ingest_files(struct db *db, struct file_list *files, bool progress, struct ingest_stats *stats)
{
	struct pipeline p = {.count = files->count};
	p.jobs = xcalloc(files->count ? files->count : 1, sizeof(*p.jobs));
	for (size_t i = 0; i < files->count; i++) {
		p.jobs[i].path = files->paths[i];
		p.jobs[i].tsv = db->backend == DB_POSTGRES;
		p.jobs[i].notes = (struct buf)BUF_INIT;
		letter_init(&p.jobs[i].l);
	}
	int workers = worker_count(files->count);
	pthread_t threads[MAX_WORKERS];
	if (workers) {
		/* what the workers share, made before they start */
		kb_shared();
		figure_vocab_shared();
		json_object_seed(0);
		p.window = (size_t)workers * WINDOW_PER_WORKER;
		pthread_mutex_init(&p.lock, NULL);
		pthread_cond_init(&p.done, NULL);
		pthread_cond_init(&p.room, NULL);
		for (int i = 0; i < workers; i++)
			if (pthread_create(&threads[i], NULL, worker, &p) != 0)
				die("cannot start a thread to read letters");
	}
	struct batch b = {.db = db, .progress = progress};
	size_t batch = files->count / 16;
	batch = batch < 8 ? 8 : batch > BATCH ? BATCH : batch;
	struct error err;
	struct figure_propose_stats figure_stats;
	b.figures = figures_proposer_open(db, &figure_stats, &err);
	if (!b.figures)
		die("cannot store letters: %s", err.message);
	size_t i;
	for (i = 0; i < files->count && !stats->disk_full; i++) {
		struct job *job = &p.jobs[i];
		if (!b.open && batch_begin(&b, i, stats) < 0)
			break;
		if (workers) {
			pthread_mutex_lock(&p.lock);
			while (!job->done)
				pthread_cond_wait(&p.done, &p.lock);
			pthread_mutex_unlock(&p.lock);
		} else {
			job_parse(job);
		}
		if (progress)
			fprintf(stderr, "\r\033[Kingest: %zu/%zu %s", i + 1, files->count, job->path);
		job_store(&b, job, stats);
		stats->files++;
		/* the batch ends here when full, at the last file, or when the disk
		 * is (every file after this one would fail the same way) */
		if (++b.open == batch || i + 1 == files->count || db->disk_full) {
			size_t first = b.first;
			batch_commit(&b, p.jobs, stats);
			for (size_t k = first; k <= i; k++)
				job_release(&p.jobs[k]);
		}
		if (workers) {
			pthread_mutex_lock(&p.lock);
			p.stored = i + 1;
			if (stats->disk_full)
				p.count = p.next; /* no more jobs taken */
			pthread_cond_broadcast(&p.room);
			pthread_mutex_unlock(&p.lock);
		}
	}
	figures_proposer_close(b.figures);
	for (int t = 0; t < workers; t++)
		pthread_join(threads[t], NULL);
	for (; i < files->count; i++) /* read, or never begun, and not stored */
		job_release(&p.jobs[i]);
	if (workers) {
		pthread_mutex_destroy(&p.lock);
		pthread_cond_destroy(&p.done);
		pthread_cond_destroy(&p.room);
	}
	free(p.jobs);
}

void ingest_paths(struct db *db, char **paths, int count, bool progress, struct ingest_stats *stats)
{
	memset(stats, 0, sizeof(*stats));
	struct file_list files = {0};
	for (int i = 0; i < count; i++) {
		struct stat st;
		if (stat(paths[i], &st) != 0) {
			error("%s: %s", paths[i], strerror(errno));
			stats->failed++;
		} else if (S_ISDIR(st.st_mode)) {
			walk(&files, paths[i], 0, stats);
		} else {
			add_path(&files, paths[i]);
		}
	}
	/* SQLite copies the write-ahead log into the database every 1,000 pages
	 * by default, and a letter writes a hundred (its row, child rows,
	 * indexes, full-text segments): index pages that every letter changes
	 * were copied again every ten letters. A bulk load checkpoints every
	 * 16,000 pages (64 MB of log) instead; it is as durable, and the last
	 * checkpoint still happens when the store is closed. */
	if (db->backend == DB_SQLITE)
		db_exec(db, "PRAGMA wal_autocheckpoint=16000", NULL);
	/* and keeps 16 MB of pages rather than 2: the indexes every letter
	 * touches stay in memory instead of being read again (3,000 letters:
	 * a third less system time, a few per cent sooner) */
	if (db->backend == DB_SQLITE)
		db_exec(db, "PRAGMA cache_size=-16384", NULL);
	struct error err;
	bool bulk = files.count >= BATCH;
	if (bulk && store_index_bulk(db, true, &err) < 0)
		warning("the search index is merged as letters go in: %s", err.message);
	ingest_files(db, &files, progress, stats);
	if ((bulk || stats->added + stats->updated) && store_index_bulk(db, false, &err) < 0)
		warning("the search index was left unmerged: %s", err.message);
	if (store_index_tidy(db, stats->added + stats->updated, &err) < 0)
		warning("the search index was not tidied: %s", err.message);
	if (db->backend == DB_SQLITE)
		db_exec(db, "PRAGMA wal_autocheckpoint=1000; PRAGMA cache_size=-2000", NULL);
	if (progress && files.count)
		fprintf(stderr, "\r\033[K");
	for (size_t i = 0; i < files.count; i++)
		free(files.paths[i]);
	free(files.paths);
}
