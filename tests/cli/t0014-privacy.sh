# Privacy: confidential fields sealed at rest under a key outside the
# database. A copy of the database file (and its WAL) holds no source name
# or contact, no name or contact of a victim who did not consent, no
# narrative, note, examiner, finding or perpetrator's name, and not the
# key; rotation seals everything again under a new key, retires the old
# one (gone from the file, not only from the tables) and keeps everything
# readable; a wrong or missing key is refused; public outputs and the
# drafted letter name only the victim who consented.
. "$PROJECT/tests/cli/lib.sh"
export RAPPORTEUR_DB="$DB" RAPPORTEUR_TODAY=2024-05-01 RAPPORTEUR_USER=officer1
# SQLite keeps the key beside the database file; PostgreSQL is told where
# (lib.sh names the same path, $TMP/t.db.key)
if [ "$BACKEND" = sqlite ]; then unset RAPPORTEUR_KEY_FILE; fi
. "$PROJECT/tests/cases/build-case.sh"
expect_exit 0 "$R" case add-step 1 --person 1 --kind admission --at 2022-01-21 --place 3 --registered no \
	--step-notes "Fractured rib reported by cellmate Kanat"
expect_exit 0 "$R" case draft 1

# the key: beside the database, never in it, readable by its owner only
[ -f t.db.key ] || fail "no key file beside the database"
same "$(stat -c %a t.db.key)" 600
key=$(sed -n 's/^rk1 \([0-9a-f]*\) \([0-9a-f]*\)$/\2/p' t.db.key)
id=$(sed -n 's/^rk1 \([0-9a-f]*\) .*/\1/p' t.db.key)
same "${#key}" 64
expect_exit 0 "$R" key show
contains out.txt "key file: $TMP/t.db.key"
contains out.txt "key: $id (seals)"
lacks out.txt "$key"

# what a copied database reveals: SQLite's file and its WAL, PostgreSQL's dump
secrets="Steppe Legal Monitor|monitor.desk@steppe-legal.example|Dana Zhakupova|dana.z@mail.example|Жакупов|Ерлан|Zhakupov|+7 700 555 0101|main square in Almaty|not to be called before 18:00|Serikbayev|Saule Omarova|parallel linear bruises|Intrusive memories|Bruises on the face|Kanat|брат"
check_copy() {
	rm -rf copy && mkdir copy
	if [ "$BACKEND" = sqlite ]; then
		sqlite3 "$1" "PRAGMA wal_checkpoint(TRUNCATE)" > /dev/null
		cp "$1" copy/db
		[ ! -s "$1-wal" ] || cp "$1-wal" copy/db-wal
	else
		dump_db "$1" > copy/db
	fi
	for f in copy/*; do
		echo "$secrets" | tr '|' '\n' | while read -r s; do
			if grep -aqF -- "$s" "$f"; then fail "$f (a copy of the database) holds \"$s\""; fi
		done
		if grep -aqF -- "$2" "$f"; then fail "$f holds the key"; fi
	done
	# and the fields are there, sealed
	[ "$(rows "$1" "SELECT count(*) FROM persons WHERE name_sealed LIKE 's1.%'")" -ge 3 ] || fail "names not sealed"
}
check_copy "$DB" "$key"
same "$(rows "$DB" "SELECT count(*) FROM sources WHERE identity_sealed NOT LIKE 's1.$id.%' OR contact_sealed NOT LIKE 's1.$id.%'")" 0
# the consenting victim's name is sealed too (consent is for naming, not storing in clear) ...
if grep -aqF "Aigerim Bekova" copy/db && ! rows "$DB" "SELECT draft FROM communications" | grep -qF "Aigerim Bekova"; then
	fail "a consenting victim's name is in the file outside the drafted letter"
fi
# ... and appears in the drafted letter, where the others are labels
expect_exit 0 "$R" render 1
contains out.txt "Aigerim Bekova was burned with hot irons"
contains out.txt "Victim A was beaten"
lacks out.txt "Zhakupov"
lacks out.txt "Kanat"

# public views open no sealed field but the names of those who consented
expect_exit 0 "$R" case show 1 --public --json
for s in Жакупов Steppe Serikbayev Omarova Kanat "+7 700"; do lacks out.txt "$s"; done
contains out.txt "Aigerim Bekova"

# the wrong key, a missing key, a key others can read: refused by name
other=$(newdb other)
expect_exit 0 "$R" init --db "$other" --key-file other.db.key
expect_exit 1 "$R" intake show 1 --key-file other.db.key
contains err.txt "other.db.key holds key"
contains err.txt "the database's confidential fields are sealed under key $id: give the right --key-file"
mv t.db.key kept.key
expect_exit 1 "$R" intake show 1
contains err.txt "t.db.key: the database's confidential fields are sealed under key $id and this key file does not exist: restore it from its backup"
[ ! -f t.db.key ] || fail "a new key was made in place of the missing one"
expect_exit 1 "$R" init
contains err.txt "restore it from its backup"
expect_exit 0 "$R" intake show 1 --key-file kept.key
contains out.txt "Steppe Legal Monitor Initiative"
RAPPORTEUR_KEY_FILE="$TMP/kept.key" expect_exit 0 "$R" case custody 1
contains out.txt "Fractured rib reported by cellmate Kanat"
chmod 644 kept.key
expect_exit 1 "$R" intake show 1 --key-file kept.key
contains err.txt "kept.key: the key file can be read by others (mode 644): run chmod 600"
chmod 600 kept.key
mv kept.key t.db.key

# a backup is the database and its key, kept apart: together they read
mkdir backup && cp t.db.key backup/key
if [ "$BACKEND" = sqlite ]; then
	cp t.db backup/t.db
	backup=backup/t.db
else
	backup=$(newdb backup)
	dump_db "$DB" | "$(pg_tool psql)" -q -v ON_ERROR_STOP=1 "$backup" > /dev/null
fi
expect_exit 0 "$R" intake show 1 --db "$backup" --key-file backup/key
contains out.txt "monitor.desk@steppe-legal.example"
if [ "$BACKEND" = sqlite ]; then
	expect_exit 1 "$R" intake show 1 --db "$backup"
	contains err.txt "backup/t.db.key: the database's confidential fields are sealed under key $id"
else
	RAPPORTEUR_KEY_FILE= expect_exit 1 "$R" intake show 1 --db "$backup"
	contains err.txt "a PostgreSQL database needs its key file named"
fi

# rotation: everything sealed again in one transaction, the old key retired
fields=$(rows "$DB" "SELECT (SELECT count(identity_sealed) + count(contact_sealed) FROM sources) + (SELECT count(notes_sealed) FROM cases) + (SELECT count(narrative_sealed) + count(notes_sealed) FROM submissions) + (SELECT count(name_sealed) + count(contact_sealed) + count(notes_sealed) FROM persons) + (SELECT count(name_sealed) FROM perpetrators) + (SELECT count(notes_sealed) FROM custody_steps) + (SELECT count(examiner_sealed) + count(notes_sealed) FROM medical_exams) + (SELECT count(description_sealed) FROM medical_findings)")
expect_exit 0 "$R" key rotate
contains out.txt "key rotate: $fields fields sealed again under key"
contains out.txt "key $id retired and removed from $TMP/t.db.key"
new=$(sed -n 's/^rk1 \([0-9a-f]*\) .*/\1/p' t.db.key)
newkey=$(sed -n 's/^rk1 \([0-9a-f]*\) \([0-9a-f]*\)$/\2/p' t.db.key)
[ "$new" != "$id" ] || fail "the key id did not change"
same "$(grep -c '^rk1 ' t.db.key)" 1
same "$(stat -c %a t.db.key)" 600
same "$(rows "$DB" "SELECT key_id || ' ' || status FROM privacy_keys ORDER BY status")" "$new active
$id retired"
# no field is sealed under the old key, in the tables or anywhere in the
# file (SQLite); in no row (PostgreSQL: old row versions are vacuumed away)
same "$(rows "$DB" "SELECT count(*) FROM persons WHERE name_sealed LIKE 's1.$id.%'")" 0
if [ "$BACKEND" = sqlite ]; then
	sqlite3 t.db "PRAGMA wal_checkpoint(TRUNCATE)" > /dev/null
	if grep -aqF "s1.$id." t.db; then fail "ciphertexts under the retired key remain in the database file"; fi
fi
check_copy "$DB" "$newkey"
if grep -aqF "s1.$id." copy/db; then fail "ciphertexts under the retired key remain in the database"; fi
# everything still reads, and duplicates are still found through the rebuilt blind index
expect_exit 0 "$R" intake show 1
contains out.txt "Steppe Legal Monitor Initiative <monitor.desk@steppe-legal.example>"
contains out.txt "1. person 1: Ерлан Жакупов (not to be named)"
expect_exit 0 "$R" intake show 2
contains out.txt "Dana Zhakupova"
expect_exit 0 "$R" case show 1
contains out.txt "Captain Timur Serikbayev"
contains out.txt "Three parallel linear bruises"
expect_exit 0 "$R" case custody 1
contains out.txt "Bruises on the face noted at admission"
printf '{"source": {"name": "Asel K.", "contact": "asel@x.example"}, "narrative": "He was detained.", "victims": [{"name": "Erlan Jakupov", "consent": false}]}' > again.json
expect_exit 0 "$R" intake add --file again.json
contains out.txt "possible duplicates"
expect_exit 0 "$R" intake duplicates 3
contains out.txt 'person 1 "Ерлан Жакупов (not to be named)"'
# the old key no longer opens anything
printf '# old\nrk1 %s %s\n' "$id" "$key" > old.key
chmod 600 old.key
expect_exit 1 "$R" intake show 1 --key-file old.key
contains err.txt "old.key holds key $id, but the database's confidential fields are sealed under key $new"
# rotating again works too
expect_exit 0 "$R" key rotate
expect_exit 0 "$R" case show 1
contains out.txt "Ерлан Жакупов"
