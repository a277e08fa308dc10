# The workspace's users: `user add` (roles, a holder's mandate, passwords
# from standard input or $RAPPORTEUR_PASSWORD, never from the command
# line, at least 10 characters, hashed with Argon2id), `user list`,
# `user disable` (which ends the user's sessions).
. "$PROJECT/tests/cli/lib.sh"
export RAPPORTEUR_DB="$DB"
expect_exit 0 "$R" init
expect_exit 0 "$R" user list
contains out.txt "no users: add the first administrator"

printf 'first admin password\n' > pw.txt
expect_exit 0 "$R" user add root --role admin --password-stdin < pw.txt
contains out.txt "user root added (admin)"
RAPPORTEUR_PASSWORD="an officer's password" expect_exit 0 "$R" user add olga --role officer
RAPPORTEUR_PASSWORD="a holder's password" expect_exit 0 "$R" user add tomas --role holder --mandate torture
contains out.txt "user tomas added (holder, holds torture)"
RAPPORTEUR_PASSWORD="two roles at once" expect_exit 0 "$R" user add lead --role officer,admin
contains out.txt "(officer, admin)"

# refusals, each with its reason, and nothing stored
RAPPORTEUR_PASSWORD="short" expect_exit 1 "$R" user add shorty --role officer
contains err.txt "give at least 10"
RAPPORTEUR_PASSWORD="ten chars!" expect_exit 0 "$R" user add tenchars --role officer
RAPPORTEUR_PASSWORD="long enough password" expect_exit 2 "$R" user add nomandate --role holder
contains err.txt "needs --mandate"
RAPPORTEUR_PASSWORD="long enough password" expect_exit 2 "$R" user add officer2 --role officer --mandate torture
contains err.txt "for mandate holders"
RAPPORTEUR_PASSWORD="long enough password" expect_exit 1 "$R" user add h2 --role holder --mandate no-such-mandate
contains err.txt 'mandate "no-such-mandate" is not one the store knows'
RAPPORTEUR_PASSWORD="long enough password" expect_exit 2 "$R" user add boss --role king
contains err.txt 'role "king"'
RAPPORTEUR_PASSWORD="long enough password" expect_exit 1 "$R" user add OLGA --role officer
contains err.txt 'user "OLGA" exists already'
RAPPORTEUR_PASSWORD="long enough password" expect_exit 2 "$R" user add "bad name" --role officer
contains err.txt "letters, digits"
expect_exit 2 "$R" user add nopw --role officer < /dev/null
contains err.txt "--password-stdin"
: > empty.txt
expect_exit 1 "$R" user add nopw --role officer --password-stdin < empty.txt
same "$(rows "$DB" "select count(*) from users where name in ('shorty','nomandate','officer2','h2','boss','bad name','nopw')")" 0

# only an Argon2id hash is stored, never the password
same "$(rows "$DB" "select count(*) from users where password_hash like '\$argon2id\$v=19\$m=65536,t=2,p=1\$%'")" 5
if [ "$BACKEND" = sqlite ]; then lacks "$DB" "first admin password"; fi
dump_db "$DB" > dump.sql
lacks dump.sql "first admin password"
lacks dump.sql "a holder's password"

expect_exit 0 "$R" user list
contains out.txt "tomas"
contains out.txt "torture"
contains out.txt "active"

# disabling ends the sessions
now=$(date +%s)
sql_write "$DB" "insert into sessions(token_hash, user_id, csrf, created, expires, last_seen) select 'h', id, 'c', $now, $now + 3600, $now from users where name = 'olga'"
expect_exit 0 "$R" user disable olga
contains out.txt "user olga disabled"
same "$(rows "$DB" "select disabled from users where name = 'olga'")" 1
same "$(rows "$DB" "select count(*) from sessions")" 0
expect_exit 1 "$R" user disable nobody
contains err.txt 'there is no user "nobody"'
expect_exit 0 "$R" user list
contains out.txt "disabled"
