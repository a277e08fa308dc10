# Backup and restore: the restored database equals the original, table by
# table and row by row; a backup is never half written and an existing file
# is kept unless --force; restore makes a new database, refuses to
# overwrite one unless --force, and checks the backup first: not a
# database, damaged, a schema newer than the binary, an audit log that
# does not hold together. (A backup taken while a server serves and writes:
# tests/faults/backup-live.py.)
. "$PROJECT/tests/cli/lib.sh"
# backup and restore copy SQLite files (PostgreSQL has pg_dump)
[ "$BACKEND" = sqlite ] || { echo "skipped on $BACKEND"; exit 0; }
export RAPPORTEUR_DB="$TMP/t.db" RAPPORTEUR_USER=officer1
expect_exit 0 "$R" init
mkdir letters
cp "$LETTERS"/*.md "$SEED" letters/
expect_exit 0 "$R" ingest letters
RAPPORTEUR_PASSWORD="an officer's password" expect_exit 0 "$R" user add olga --role officer
n=$(rows t.db "select count(*) from communications")

expect_exit 0 "$R" backup b.db
contains out.txt "backup: b.db: schema version"
contains out.txt "$n communications"
contains out.txt "audit log to entry"
contains out.txt "is not in the backup"
[ -f b.db ] || fail "no backup file"
ls b.db* | grep -q partial && fail "a partial file was left"
expect_exit 1 "$R" backup b.db
contains err.txt "b.db exists: give another name, or --force"
expect_exit 0 "$R" backup b.db --force

expect_exit 0 "$R" restore b.db --db r.db
contains out.txt "restore: r.db: schema version"
contains out.txt "$n communications"
contains out.txt "put its key file beside as r.db.key"
sqlite3 t.db "PRAGMA wal_checkpoint(TRUNCATE)" > /dev/null
python3 "$PROJECT/tests/tools/compare_db.py" t.db r.db > cmp.txt || { cat cmp.txt; fail "restored != original"; }
contains cmp.txt "the same"
cp t.db.key r.db.key
expect_exit 0 "$R" audit verify --db r.db
expect_exit 0 "$R" search --db r.db torture
expect_exit 0 "$R" show --db r.db "AL KAZ 2/2024"

# restore refuses to overwrite, unless --force (then the whole content is replaced)
expect_exit 1 "$R" restore b.db --db r.db
contains err.txt "r.db exists: restore makes a new database"
RAPPORTEUR_PASSWORD="another password!" expect_exit 0 "$R" user add nadia --role officer --db r.db
expect_exit 0 "$R" restore b.db --db r.db --force
same "$(rows r.db "select count(*) from users where name = 'nadia'")" 0 "--force replaced the content"

# what is not a backup, or not one to trust, is refused, and nothing is made
echo "not a database" > text.db
expect_exit 1 "$R" restore text.db --db n1.db
contains err.txt "text.db: not a Rapporteur backup"
expect_exit 1 "$R" restore missing.db --db n1.db
contains err.txt "missing.db: No such file"
sqlite3 plain.db "create table t(x)"
expect_exit 1 "$R" restore plain.db --db n1.db
contains err.txt "plain.db is not a Rapporteur database"
cp b.db newer.db
sqlite3 newer.db "insert into schema_migrations values (999, '999_future.sql', '2030-01-01')"
expect_exit 1 "$R" restore newer.db --db n1.db
contains err.txt "newer.db has schema version 999, newer than this rapporteur knows"
cp b.db tampered.db
sqlite3 tampered.db "DROP TRIGGER audit_log_no_update; UPDATE audit_log SET actor = 'mallory' WHERE seq = 2"
expect_exit 1 "$R" restore tampered.db --db n1.db
contains err.txt "tampered.db: its audit log does not hold together: entry 2 was edited"
# damaged: a page of the communications table overwritten
cp b.db damaged.db
page=$(sqlite3 damaged.db "select rootpage from sqlite_master where name = 'communications'")
python3 - damaged.db "$page" <<'P'
import sys
path, page = sys.argv[1], int(sys.argv[2])
with open(path, "r+b") as f:
    f.seek((page - 1) * 4096 + 8)
    f.write(b"\xff" * 64)
P
expect_exit 1 "$R" restore damaged.db --db n1.db
contains err.txt "damaged.db is damaged"
[ ! -e n1.db ] || fail "a refused restore left n1.db"

# a PostgreSQL target is restored with its own tools
expect_exit 1 "$R" restore b.db --db postgresql://localhost/x
contains err.txt "restored with pg_restore"
