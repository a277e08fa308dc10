# Sourced by the command-line tests after lib.sh: the database of the
# Almaty case, built as an officer would (two submissions, decided, the
# same victim linked, the case imported). Needs $R, $RAPPORTEUR_DB.
C="$PROJECT/tests/cases"
expect_exit 0 "$R" init
expect_exit 0 "$R" intake add --file "$C/submission-almaty.json"
expect_exit 0 "$R" intake add --file "$C/submission-relative.json"
expect_exit 0 "$R" intake decide 1 --admissible --reason "Credible and detailed"
expect_exit 0 "$R" intake decide 2 --admissible --reason "The same events"
expect_exit 0 "$R" case new --from-submission 1
expect_exit 0 "$R" intake link 2 --victim 1 --person 1
expect_exit 0 "$R" intake link 2 --case 1
expect_exit 0 "$R" case import 1 --file "$C/case-almaty.json"
