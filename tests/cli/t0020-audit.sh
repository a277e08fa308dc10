# The audit log: every change to communications (approvals, status events),
# replies (their reading), users and the case tables is an entry chained by
# SHA-256, with who made it; nothing confidential is copied into it in
# clear; the log refuses changes and deletions; a plain sqlite3 shell cannot
# write an audited table; a second implementation of the hash (Python)
# computes the same chain and digests; and `audit verify` finds an entry
# edited, inserted or deleted, a forged one, a row changed behind the log's
# back and a log cut short, each by its number.
. "$PROJECT/tests/cli/lib.sh"
# the audit log's triggers are SQLite's so far (migrations/sqlite/008_audit.sql)
[ "$BACKEND" = sqlite ] || { echo "skipped on $BACKEND"; exit 0; }
C="$PROJECT/tests/cases"
D="$PROJECT/tests/drafts"
export RAPPORTEUR_DB="$TMP/t.db" RAPPORTEUR_TODAY=2024-05-01 RAPPORTEUR_USER=officer1
expect_exit 0 "$R" init
expect_exit 0 "$R" audit verify
contains out.txt "the chain holds"

# the work that writes every audited table
expect_exit 0 "$R" ingest "$SEED"
expect_exit 0 "$R" draft new --file "$D/kaz-2024.json" --as olga
id=$(draft_id)
for m in torture arbitrary-detention disappearances executions expression assembly-association defenders judges-lawyers counter-terrorism; do
	expect_exit 0 "$R" approve $id --mandate $m --as "holder-$m"
done
expect_exit 0 "$R" send $id --date 2024-05-09 --as olga
printf '1. The Government replies that an investigation was opened.\n' > reply.md
expect_exit 0 "$R" reply add "AL KAZ 3/2024" --received 2024-06-01 --file reply.md --today 2024-06-02 --as olga
expect_exit 0 "$R" reply mark 1 --question 1 --reading answered --as olga
RAPPORTEUR_PASSWORD="viktor's secret password" expect_exit 0 "$R" user add viktor --role officer
expect_exit 0 "$R" user disable viktor
expect_exit 0 "$R" intake add --file "$C/submission-almaty.json"
expect_exit 0 "$R" intake add --file "$C/submission-relative.json"
expect_exit 0 "$R" intake decide 1 --admissible --reason "Credible and detailed"
expect_exit 0 "$R" intake decide 2 --admissible --reason "The same events"
expect_exit 0 "$R" case new --from-submission 1 --as olga
expect_exit 0 "$R" case import 1 --file "$C/case-almaty.json" --as olga
expect_exit 0 "$R" key rotate

for t in communications approvals status_events replies reply_answers users privacy_keys sources cases submissions \
	submission_mandates persons person_name_index submission_victims case_victims places perpetrators events acts \
	custody_steps medical_exams medical_findings fact_sources; do
	[ "$(rows t.db "select count(*) from audit_log where table_name = '$t'")" -gt 0 ] || fail "no audit entry for $t"
done
# each change once, with who made it; an update that changes nothing is no entry
same "$(rows t.db "select group_concat(op, ' ') from (select op from audit_log where table_name = 'users' order by seq)")" \
	"insert update" "viktor added, then disabled"
same "$(rows t.db "select actor from audit_log where table_name = 'replies' and op = 'insert'")" olga "the reply's actor"
same "$(rows t.db "select actor from audit_log where table_name = 'users' and op = 'insert'")" officer1 "the actor from RAPPORTEUR_USER"
same "$(rows t.db "select count(*) from audit_log where table_name = 'approvals' and actor = 'holder-torture'")" 1 "the approval's actor"
n=$(rows t.db "select count(*) from audit_log")
expect_exit 0 "$R" ingest "$SEED"
contains out.txt "1 unchanged"
same "$(rows t.db "select count(*) from audit_log")" "$n" "nothing changed, nothing logged"
expect_exit 0 "$R" audit log --table users
contains out.txt "users"
contains out.txt "officer1"
[ "$(wc -l < out.txt)" = 2 ] || fail "audit log --table users: two entries"
expect_exit 0 "$R" audit log --limit 3
[ "$(wc -l < out.txt)" = 3 ] || fail "audit log --limit 3"
expect_exit 2 "$R" audit log --table sessions
contains err.txt "not an audited table"

# nothing confidential in clear: names, contacts, the narrative, notes, passwords, sealed values
sqlite3 t.db "select * from audit_log" > log.txt
for secret in "Жакупов" "Aigerim" "Steppe Legal" "monitor.desk" "700 555" "not to be called" "viktor's secret" \
	'$argon2id' "s1."; do
	lacks log.txt "$secret"
done

expect_exit 0 "$R" audit verify
contains out.txt "the chain holds from entry 1 to $n"
contains out.txt "rows match their last entries"
head=$(sed -n 's/^head: //p' out.txt)
expect_exit 0 "$R" audit head
same "$(cat out.txt)" "$head" "audit head"
expect_exit 0 "$R" audit verify --expect "$head"

# a second implementation of the hash gives the same chain and the same digests
python3 - t.db "$PROJECT/tests/tools" <<'P'
import sys
sys.path.insert(0, sys.argv[2])
import audited_sql
c = audited_sql.connect(sys.argv[1])
prev = "0" * 64
for seq, at, actor, table, key, op, digest, prev_hash, h in c.execute("select * from audit_log order by seq"):
    assert prev_hash == prev, "entry %d: prev_hash" % seq
    assert h == audited_sql.rapporteur_sha256(prev, seq, at, actor, table, key, op, digest), "entry %d: hash" % seq
    prev = h
last = {}
for table, key, digest in c.execute("select table_name, row_key, digest from audit_log order by seq"):
    last[(table, key)] = digest
rows = 0
for (table,) in c.execute("select distinct table_name from audit_log"):
    for key, digest in c.execute("select row_key, digest from audit_rows_%s" % table):
        assert last[(table, key)] == digest, "%s %s: digest" % (table, key)
        rows += 1
assert rows > 100, rows
P

# the log refuses changes, deletions and entries that do not follow; a plain shell cannot write
refused() {
	if "$@" > out.txt 2> err.txt; then fail "'$*' was not refused"; fi
}
sqlite3 t.db "PRAGMA wal_checkpoint(TRUNCATE)" > /dev/null
cp t.db clean.db
refused sqlite3 clean.db "UPDATE audit_log SET actor = 'mallory' WHERE seq = 5"
contains err.txt "append-only"
refused sqlite3 clean.db "DELETE FROM audit_log WHERE seq = 5"
contains err.txt "append-only"
refused sql_write clean.db "INSERT INTO audit_log VALUES ($n + 1, '2024-01-01T00:00:00.000Z', 'mallory', 'users', '1', 'update', 'x', (SELECT hash FROM audit_log WHERE seq = $n), 'x')"
contains err.txt "must follow the last one"
refused sqlite3 clean.db "UPDATE communications SET body = 'rewritten' WHERE id = 1"
contains err.txt "no such function: rapporteur_sha256"

# tamper DESCRIPTION SQL: a copy of the clean database changed by SQL
tamper() {
	rm -f x.db x.db-wal x.db-shm
	cp clean.db x.db
	python3 "$PROJECT/tests/tools/audited_sql.py" x.db "$1" mallory
}
verify_finds() {
	expect_exit 1 "$R" audit verify --db x.db "$@"
}

# an entry edited
tamper "DROP TRIGGER audit_log_no_update; UPDATE audit_log SET actor = 'mallory' WHERE seq = 5"
verify_finds
contains err.txt "entry 5 was edited"
# an entry deleted
tamper "DROP TRIGGER audit_log_no_delete; DELETE FROM audit_log WHERE seq = 7"
verify_finds
contains err.txt "entry 7 is missing: it was deleted"
# an entry deleted and the rest renumbered (their hashes cannot follow)
tamper "DROP TRIGGER audit_log_no_delete; DROP TRIGGER audit_log_no_update; DELETE FROM audit_log WHERE seq = 7;
	UPDATE audit_log SET seq = -seq WHERE seq > 7; UPDATE audit_log SET seq = -seq - 1 WHERE seq < 0"
verify_finds
contains err.txt "entry 7 was written as entry 8: 1 entry before it was deleted"
# an entry inserted: the later ones renumbered to make room, the forged one chained to the one before
tamper "DROP TRIGGER audit_log_no_update; DROP TRIGGER audit_log_chained;
	UPDATE audit_log SET seq = -seq WHERE seq >= 6; UPDATE audit_log SET seq = -seq + 1 WHERE seq < 0;
	INSERT INTO audit_log SELECT 6, '2024-05-01T09:00:00.000Z', 'mallory', 'users', '1', 'update', 'forged', hash,
	  rapporteur_sha256(hash, 6, '2024-05-01T09:00:00.000Z', 'mallory', 'users', '1', 'update', 'forged')
	  FROM audit_log WHERE seq = 5"
verify_finds
contains err.txt "entry 6 was inserted"
# the same with a hash that does not even fit
tamper "DROP TRIGGER audit_log_no_update; DROP TRIGGER audit_log_chained;
	UPDATE audit_log SET seq = -seq WHERE seq >= 6; UPDATE audit_log SET seq = -seq + 1 WHERE seq < 0;
	INSERT INTO audit_log SELECT 6, '2024-05-01T09:00:00.000Z', 'mallory', 'users', '1', 'update', 'forged', hash, 'beef'
	  FROM audit_log WHERE seq = 5"
verify_finds
contains err.txt "entry 6 was inserted"
# a forged entry at the end, its hash computed as the triggers would: the row it names says otherwise
tamper "DROP TRIGGER audit_log_chained;
	INSERT INTO audit_log SELECT seq + 1, '2024-05-01T09:00:00.000Z', 'mallory', 'communications', '1', 'update', 'forged', hash,
	  rapporteur_sha256(hash, seq + 1, '2024-05-01T09:00:00.000Z', 'mallory', 'communications', '1', 'update', 'forged')
	  FROM audit_log WHERE seq = $n"
verify_finds
contains err.txt "communications row 1 is not what entry $((n + 1)) says it became"
# a row changed behind the log's back (its trigger dropped)
tamper "DROP TRIGGER audit_communications_update; UPDATE communications SET status = 'draft' WHERE id = 1"
verify_finds
last=$(rows x.db "select max(seq) from audit_log where table_name = 'communications' and row_key = '1'")
contains err.txt "communications row 1 is not what entry $last says it became: changed outside the log"
# a row added behind its back
tamper "DROP TRIGGER audit_users_insert; INSERT INTO users(name, password_hash, roles, created_at) VALUES ('mallory', 'x', 4, 'now')"
verify_finds
contains err.txt "users row $(rows x.db "select id from users where name = 'mallory'") has no entry in the log"
# the last entries cut off: the rows they were about say so; with the head kept elsewhere, the chain alone does
tamper "DROP TRIGGER audit_log_no_delete; DELETE FROM audit_log WHERE seq > $n - 3"
verify_finds
contains err.txt "row"
verify_finds --no-rows --expect "$head"
contains err.txt "the log ends at entry $((n - 3)), before entry $n that was recorded"
expect_exit 0 "$R" audit verify --db x.db --no-rows
