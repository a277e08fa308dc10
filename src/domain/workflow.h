/*
 * workflow.h - the life of a communication in the store: drafted, approved
 * by every joining mandate, sent (numbered, rendered, read back), replied
 * or overdue, published on its due date, reported to the Council. Every
 * change is checked against the status machine, refused with the reason
 * when it does not fit, and recorded as an event with who and when.
 *
 * The faces (cli/, later the web) call these and nothing below them.
 */
#ifndef RAPPORTEUR_WORKFLOW_H
#define RAPPORTEUR_WORKFLOW_H

#include <stdbool.h>
#include <stdio.h>

#include "../store/db.h"
#include "draft.h"
#include "render.h"

/* The statuses, in order. */
#define WF_STATUSES "draft, approved, sent, replied, overdue, published, reported"

/* Who is acting: the option's value, else $RAPPORTEUR_USER, else $USER. */
const char *wf_actor(const char *option);

/* A communication given as a number (the id drafts are known by) or a
 * reference written any way; 0 when none. */
long long wf_resolve(struct db *db, const char *id_or_reference);

/* Its status into out ("" when there is no such communication). */
void wf_status(struct db *db, long long id, char out[16]);

/* The reply deadline in days for a type (settings reply_days.TYPE; 60). */
int wf_reply_days(struct db *db, const char *type);

/* A new draft (complete or not); returns its id, or 0 with err. */
long long wf_draft_create(struct db *db, const struct draft *d, const char *actor, struct error *err);
/* The draft of communication id into d (draft_init'ed by the caller). */
int wf_draft_load(struct db *db, long long id, struct draft *d, struct error *err);
/* Saves an edited draft. Only a draft or an approved draft can change;
 * an approved one goes back to draft and its approvals are withdrawn. */
int wf_draft_save(struct db *db, long long id, const struct draft *d, const char *actor, struct error *err);

/* One joining mandate approves; the draft becomes approved when all have.
 * *pending receives how many still have to (may be NULL). */
int wf_approve(struct db *db, long long id, const char *mandate, const char *actor, int *pending,
	       struct error *err);

/* Sends an approved draft on date: gives it the next number for its
 * addressee and year (in one write transaction, so that racing senders
 * get distinct consecutive numbers), renders it, reads it back with the
 * letter parser, stores the record, sets the due, publication and session
 * dates. *reference receives the reference (caller frees). */
int wf_send(struct db *db, long long id, int date, const char *actor, char **reference, char **warnings,
	    struct error *err);

/* The letter as Markdown: as sent for a sent draft, rendered now for a
 * draft, the stored text for an ingested letter. Caller frees. */
char *wf_letter_markdown(struct db *db, long long id, char **warnings, struct error *err);

/* A draft not yet stored (an officer's preview) rendered as the letter
 * would be on date (DATE_NONE: today), with the follow-up facts from the
 * store. Caller frees; NULL with err. */
char *wf_render_draft(struct db *db, const struct draft *d, int date, char **warnings, struct error *err);

/* Sent letters with no reply whose reply is due from date from to date to
 * (both included), the oldest due first: the overdue list (from far back
 * to yesterday) and the due-soon list (today onwards). Columns: id,
 * reference, country, date, reply_due, status. Caller finalizes. */
struct db_stmt *wf_awaiting(struct db *db, int from, int to, struct error *err);

/* Fills the publication date and HRC session of letters that lack them
 * (ingested letters). Returns how many were filled, or -1. */
int wf_fill_dates(struct db *db, struct error *err);
/* The same for one letter about to be stored (ingest): its row's
 * publication date and session, so that they go in with the row. */
struct letter;
struct store_row;
void wf_row_dates(struct db *db, const struct letter *l, struct store_row *row);

/* What time does: sent letters with no reply by their due date become
 * overdue; letters reach their publication date and are published; a
 * published letter is reported once the session whose report covers it
 * opens. Prints one line per change to out when not NULL. Returns the
 * number of changes, or -1. */
int wf_advance(struct db *db, int today, const char *actor, FILE *out, struct error *err);

/* Moves id from status from to status to (failing if someone else moved
 * it first) and records the event. The caller has checked the move. */
int wf_move(struct db *db, long long id, const char *from, const char *to, const char *actor, int effective,
	    const char *note, struct error *err);

/* Records a status change (the caller has checked it); effective is the day. */
int wf_event(struct db *db, long long id, const char *from, const char *to, const char *actor, int effective,
	     const char *note, struct error *err);

#endif
