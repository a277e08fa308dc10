# Bad input: each a clear message naming the file, exit 1, nothing half-written.
. "$PROJECT/tests/cli/lib.sh"
expect_exit 0 "$R" init --db "$DB"

: > empty.md
expect_exit 1 "$R" parse empty.md
contains err.txt "empty.md: the file is empty"

printf 'ELF\000\001\002\003binary\000\000' > blob.md
expect_exit 1 "$R" parse blob.md
contains err.txt "blob.md: the file is binary"

printf 'Ref.: AL KAZ 9/2024\n\nsome text \377\376 here\n' > latin1.md
expect_exit 1 "$R" parse latin1.md
contains err.txt "latin1.md:3: invalid UTF-8"

printf '   \n\n  \t\n' > blank.md
expect_exit 1 "$R" parse blank.md
contains err.txt "blank.md: the file holds only blank space"

# 50 MB: refused before it is read into memory
head -c 52428800 /dev/zero | tr '\0' 'a' > big.md
expect_exit 1 "$R" parse big.md
contains err.txt "big.md: the file is 52428800 bytes, more than the"
rm big.md

# a letter without a reference parses (with a warning) but cannot be stored
printf 'Excellency,\n\nWe write about a case.\n\n1. Please explain.\n' > noref.md
expect_exit 0 "$R" parse --json noref.md
contains out.txt "no reference found"
expect_exit 1 "$R" ingest --db "$DB" noref.md
contains err.txt "noref.md: no reference found"
same "$(rows "$DB" 'select count(*) from communications')" 0 "rows after a refused letter"

# a folder with one broken file among good ones: the good ones go in
mkdir mixed
cp "$LETTERS/AL-AUS-1-2024.md" "$LETTERS/UA-IRN-14-2022.md" mixed/
printf 'broken \377 bytes\n' > mixed/broken.md
expect_exit 1 "$R" ingest --db "$DB" mixed
contains err.txt "mixed/broken.md"
contains out.txt "3 files: 2 added, 0 updated, 0 unchanged, 1 failed"
same "$(rows "$DB" 'select count(*) from communications')" 2 "good letters stored"
# each stored letter is whole: its questions and index entry are there
same "$(rows "$DB" "select count(*) from questions q join communications c on c.id = q.communication_id where c.reference = 'UA IRN 14/2022'")" 7 "questions of a stored letter"
expect_exit 0 "$R" search --db "$DB" Tehran
contains out.txt "1 match"

# a database that is not one (a file that is not SQLite's, a PostgreSQL
# database that is not there), and a command before init
if [ "$BACKEND" = sqlite ]; then
	echo "not a database" > bogus.db
	expect_exit 1 "$R" list --db bogus.db
	contains err.txt "bogus.db"
else
	expect_exit 1 "$R" list --db "${RAPPORTEUR_TEST_PG%/*}/no_such_database"
	contains err.txt 'no_such_database: cannot connect: connection to server at "127.0.0.1"'
	contains err.txt 'database "no_such_database" does not exist'
fi
fresh=$(newdb fresh)
expect_exit 1 "$R" list --db "$fresh"
contains err.txt "run 'rapporteur init --db $fresh' first"
