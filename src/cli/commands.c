/*
 * commands.c - the table of subcommands: name, function, usage, summary
 * and options. `rapporteur help` and docs/CLI.md are generated from it.
 */
#include <stddef.h>

#include "cli.h"

const struct command commands[] = {
	{"parse", cmd_parse, "parse [--json] FILE",
	 "print a letter's record: a readable summary, or JSON with --json",
	 "--json   the record of ../shared/schema/letter-record.md"},
	{"pdf", cmd_pdf, "pdf FILE [-o OUT.pdf]", "typeset a letter file as a PDF",
	 "FILE       a letter in Markdown (or text); its reference heads every page\n"
	 "-o OUT     the PDF to write (default: FILE with .pdf for its extension)"},
	{"init", cmd_init, "init [--db PATH] [--key-file F]",
	 "create the database, or bring it up to date, and load the knowledge base",
	 "--db PATH     the database (else $RAPPORTEUR_DB, else ./rapporteur.db)\n"
	 "--key-file F  the key of the confidential fields, created (mode 0600) when missing\n"
	 "              (else $RAPPORTEUR_KEY_FILE, else PATH.key beside the database; docs/PRIVACY.md)"},
	{"ingest", cmd_ingest, "ingest [--db PATH] [--quiet] PATH...",
	 "read letters from files and folders into the database",
	 "PATH       a letter (.md, .txt) or a folder of them, walked recursively\n"
	 "--quiet    no progress line\n"
	 "--db PATH  the database"},
	{"list", cmd_list, "list [filters]", "list the communications held, newest first", CLI_FILTER_HELP},
	{"show", cmd_show, "show REF [--json] [--db PATH]",
	 "one communication, with the letters it cites and those that cite it",
	 "REF        \"AL KAZ 2/2024\", \"AL-KAZ-2-2024\" or \"KAZ 2/2024\"\n"
	 "--json     the stored record with its status and chain"},
	{"search", cmd_search, "search QUERY [--order relevance|newest] [--limit N] [--offset N] [filters]",
	 "full-text search: words, \"phrases\", prefix*, AND, OR, NOT",
	 "--order    relevance (default) or newest\n"
	 "--limit N  hits per page (20)\n"
	 "--offset N skip the first N hits\n" CLI_FILTER_HELP},
	{"export", cmd_export, "export --format json|csv [--out DIR] [filters]",
	 "communications for other tools: JSON records, or CSV tables",
	 "--format json   an array of letter records\n"
	 "--format csv    one row per communication; with --out DIR also questions.csv and citations.csv\n"
	 "--out DIR       write files into DIR instead of standard output\n" CLI_FILTER_HELP},
	{"draft", cmd_draft, "draft new|edit|show|list [ID] [--file F.json] [fields] [--as USER]",
	 "draft a communication: new, edit (a draft only), show, list the drafts",
	 "--file F.json        the draft as JSON (docs/DRAFTING.md); flags below apply after it\n"
	 "--type T             AL, UA or OL (JAL, JUA, JOL for old joint letters)\n"
	 "--addressee CCC      ISO 3166-1 alpha-3, or OTH with --addressee-name NAME\n"
	 "--language L         en (default), fr or es\n"
	 "--date DATE          the planned date (sending sets the real one)\n"
	 "--lead SLUG          the lead mandate; --join SLUG[,SLUG...] the others\n"
	 "--subject TEXT       one line for lists\n"
	 "--facts FILE.md      the facts; --concerns FILE.md the concerns\n"
	 "--notes FILE         internal notes (confidential: never rendered or published)\n"
	 "--provision I:A,B    articles of instrument I the facts would violate (CAT:1,2,12)\n"
	 "--cite I:A,B         articles recalled in the annex only\n"
	 "--question ID|TEXT   a question from the catalogue, or its text (repeat)\n"
	 "--related REF        an earlier communication it follows up (repeat)\n"
	 "--interim-measures, --press-release   the standard notices\n"
	 "--json               (show) the draft as JSON\n"
	 "--as USER            who acts (else $RAPPORTEUR_USER, else $USER)"},
	{"approve", cmd_approve, "approve ID --mandate SLUG [--as USER]",
	 "a joining mandate approves a draft; approved when every mandate has",
	 "--mandate SLUG   the approving mandate\n--as USER        who approves"},
	{"send", cmd_send, "send ID [--date DATE] [--as USER]",
	 "send an approved draft: numbered, rendered, read back, dated and stored",
	 "--date DATE   the date of sending (default today)\n--as USER     who sends"},
	{"advance", cmd_advance, "advance [--today DATE]",
	 "let time act: overdue at the due date without a reply, published on the publication date, reported when the session opens",
	 "--today DATE   take this day as today (also $RAPPORTEUR_TODAY)"},
	{"overdue", cmd_overdue, "overdue [filters] [--today DATE]",
	 "communications past their reply deadline with no reply", CLI_FILTER_HELP},
	{"due", cmd_due, "due [--within 14d] [filters] [--today DATE]",
	 "communications whose reply is due soon and not yet in",
	 "--within N    days (14d) or weeks (2w) from today\n" CLI_FILTER_HELP},
	{"render", cmd_render, "render ID|REF [--format md|html|pdf] [-o FILE]",
	 "the whole letter: a draft as it would go, a sent letter as it went",
	 "--format md    Markdown (default)\n--format html  a web page that prints like a letter\n"
	 "--format pdf   a typeset PDF (A4, the reference and page numbers on every page)\n"
	 "-o FILE        write to FILE instead of standard output"},
	{"reply", cmd_reply, "reply add|list|mark ...",
	 "file a reply and read it question by question",
	 "reply add REF --received DATE --file F [--language L] [--kind K]\n"
	 "                 file a reply (Markdown, text or PDF); a late one stays attached and shows as late\n"
	 "reply list REF   the replies, with each question's reading (or the suggestion and its evidence)\n"
	 "reply mark N --question Q --reading answered|partly|not-answered\n"
	 "                 an officer's reading of question Q in reply N\n"
	 "reply mark N --kind acknowledgement|substantive|rejection\n"
	 "--as USER        who acts"},
	{"report", cmd_report, "report session N [--format md|html] [-o FILE]",
	 "the joint communications report of a Human Rights Council session",
	 "session N      A. communications sent in the session's window with their replies;\n"
	 "               B. replies received in its window to earlier ones; by addressee, then date\n"
	 "--format md    Markdown (default); html a page\n-o FILE        write to FILE"},
	{"stats", cmd_stats, "stats replies [--by state|mandate|year|type|all] [--json]",
	 "how communications are answered: share replied, share within the deadline, median days",
	 "--by KEY   group by state (addressee), mandate, year, type, or all\n--json     as JSON"},
	{"settings", cmd_settings, "settings [KEY [VALUE]]",
	 "show or change the settings: reply deadlines per type (reply_days.AL = 60)",
	 "KEY VALUE   e.g. reply_days.UA 30: letters of that type sent from then on are due after 30 days"},
	{"figures", cmd_figures, "figures list|confirm|set|reject|export|categories|propose ...",
	 "figures as records: what is counted, as of when, who says so; proposed from letters and replies, decided by an officer",
	 "figures list [--situation S] [--in REF] [--status S] [--category K|none] [--json]\n"
	 "                 the records, with their passages (--status proposed, confirmed or rejected)\n"
	 "figures confirm ID... | --all (--situation S | --in REF)\n"
	 "                 confirm proposals (--all: those with a category)\n"
	 "figures set ID [--category K] [--value N] [--unit U] [--as-of DATE] [--source K] [--note T]\n"
	 "                 correct a record, and confirm it\n"
	 "figures reject ID... [--note T] | --all (--situation S | --in REF)\n"
	 "figures export --format csv|json [--situation S] [--status S] [--public] [-o FILE]\n"
	 "                 --public: confirmed figures of published communications, public fields only\n"
	 "figures categories [--json]   what figures count, who says so, the funnel and its relations\n"
	 "figures propose  read the figures of letters and replies not read yet\n"
	 "--as USER        who decides (else $RAPPORTEUR_USER, else $USER)\n"
	 "--db PATH        the database"},
	{"situation", cmd_situation, "situation new|link|unlink|show|list ...",
	 "situations (Kazakhstan, January 2022): the communications about one situation, and their figures",
	 "situation new NAME --title TEXT [--country CCC] [--from DATE] [--to DATE]\n"
	 "                 NAME: lower-case letters, digits and hyphens (kaz-2022-01)\n"
	 "situation link NAME REF... [--related]\n"
	 "                 link communications; --related: and the letters they cite or that cite them\n"
	 "situation unlink NAME REF...\n"
	 "situation show NAME [--json]   its communications and how many figures are decided\n"
	 "situation list [--json]\n"
	 "--db PATH        the database"},
	{"funnel", cmd_funnel, "funnel NAME [--as-of DATE] [--json | --svg [-o FILE]] [--include-proposed] [--public]",
	 "the accountability funnel of a situation over time, and the checks that flag what does not add up",
	 "NAME                a situation (situation list shows them)\n"
	 "--as-of DATE        the funnel on that date (default: the latest figure's)\n"
	 "--json              stages over time, checks and flags as JSON\n"
	 "--svg               the funnel as an SVG chart; -o FILE writes it to FILE\n"
	 "--include-proposed  count proposals as if confirmed (a preview)\n"
	 "--public            only figures of communications the public may see\n"
	 "--db PATH           the database"},
	{"migrate", cmd_migrate, "migrate --to TARGET [--db SOURCE]",
	 "move the whole store into an empty one: a SQLite file to PostgreSQL, or back",
	 "--to TARGET  postgresql://... or a new FILE.db; it must hold no Rapporteur database\n"
	 "--db SOURCE  the store to move (else $RAPPORTEUR_DB, else ./rapporteur.db); left as it was\n"
	 "             the confidential fields move sealed: the same key file opens the target"},
	{"sql", cmd_sql, "sql [--header] STATEMENT [--db PATH]",
	 "run one read-only SQL statement against the store and print its rows (for administrators)",
	 "STATEMENT  one statement; nothing it runs can write\n"
	 "--header   print the column names first\n"
	 "--db PATH  the database (a file, or postgresql://...)"},
	{"serve", cmd_serve, "serve [--address A] [--port N] [--threads N] [--key-file F] [--cache-mb N] [--db PATH]",
	 "the public record and the workspace over HTTP",
	 "--address A   listen on A (127.0.0.1)\n--port N      listen on port N (8080)\n--threads N   worker threads (4)\n"
	 "--key-file F  the key of the confidential fields, read once at start (else $RAPPORTEUR_KEY_FILE,\n"
	 "              else DB.key); restart the server after `key rotate`\n"
	 "--cache-mb N  keep up to N MB of public pages in memory until the store changes or the day\n"
	 "              turns (32; 0: none; docs/SCALING.md)\n"
	 "--static-copy FILE   also serve FILE as is at /bench/static (the floor `make bench` compares pages with)"},
	{"user", cmd_user, "user add NAME --role ROLE [--mandate SLUG] [--password-stdin] | user list | user disable NAME",
	 "the workspace's users: officers, mandate holders, administrators",
	 "--role ROLE        officer, holder or admin (several joined by commas)\n"
	 "--mandate SLUG     the mandate a holder holds (holders only; e.g. torture)\n"
	 "--password-stdin   read the password from standard input (else $RAPPORTEUR_PASSWORD,\n"
	 "                   else it is asked for at the terminal); at least 10 characters\n"
	 "--db PATH          the database (else $RAPPORTEUR_DB, else ./rapporteur.db)"},
	{"intake", cmd_intake, "intake add|list|show|decide|duplicates|link|apart ...",
	 "information coming in: submissions from a (never anonymous) source, decided, checked for duplicates",
	 "intake add [--file SUBMISSION.json] [fields]\n"
	 "                 a submission (docs/CASES.md); flags apply after the file:\n"
	 "                 --source-name N --source-contact C [--source-kind K] | --source-id N\n"
	 "                 --received DATE --language L --urgency routine|urgent --country CCC --subject S\n"
	 "                 --incident-date D --narrative FILE --notes FILE\n"
	 "                 --victim NAME --consent yes|no, --group DESCRIPTION --count N (repeat)\n"
	 "intake list [--status pending|admissible|inadmissible] [--json]\n"
	 "intake show ID [--json]      the officer's view: the source, the narrative, the victims' names\n"
	 "intake decide ID --admissible|--inadmissible --reason TEXT\n"
	 "intake duplicates ID [--json]  victims and cases held that may be the submission's\n"
	 "intake link ID --victim N --person P | --case C   the same person; part of that case\n"
	 "intake apart ID --person P | --case C             not the same: no longer suggested\n"
	 "--key-file F     the key of the confidential fields (else $RAPPORTEUR_KEY_FILE, else DB.key)\n"
	 "--as USER        who acts; --today DATE  take DATE as today"},
	{"case", cmd_case, "case new|list|show|import|add-...|custody|medical|draft ...",
	 "cases: who did what to whom, custody chains and their gaps, medical findings, and a draft from them",
	 "case new --title T --country CCC [--from-submission N] [--file CASE.json] [--notes FILE]\n"
	 "case list [--json]; case show ID [--public] [--json]\n"
	 "case import ID --file CASE.json   victims, places, perpetrators, sources, events, acts, custody,\n"
	 "                 medical at once (docs/CASES.md), all or nothing\n"
	 "case add-victim ID --person P | --name N --consent yes|no [--sex S] [--age N] [--profile P]\n"
	 "                 | --group DESCRIPTION --count N\n"
	 "case add-place ID --name N --kind K [--official yes|no] [--locality L] [--authority A]\n"
	 "case add-perpetrator ID --unit U --role R [--kind K] [--name N (sealed)]\n"
	 "case add-source ID --kind K --identity I [--contact C]\n"
	 "case add-event ID --date D --summary TEXT [--place P]\n"
	 "case add-act ID --event E --victim P [--type T] [--method M] [--perpetrator X]\n"
	 "case add-step ID --person P --kind apprehension|admission|transfer|release|death --at T\n"
	 "                 [--place P] [--authority A] [--ordered-by O] [--grounds G] [--supervising S]\n"
	 "                 [--registered yes|no] [--cause C] [--remains R] [--step-notes TEXT]\n"
	 "case add-exam ID --file EXAM.json   a medical examination and its findings\n"
	 "                 any add-: --file ITEM.json instead of flags; --source S|--submission N\n"
	 "                 --reliability confirmed|probable|possible|doubtful|unassessed cites it\n"
	 "case custody PERSON [--case C] [--json]   the chain, its gaps and what does not fit\n"
	 "case medical ID [--person P]     the examinations and findings (officer's view)\n"
	 "case draft ID    a draft communication from the case: facts, provisions, questions, mandates\n"
	 "--key-file F, --as USER, --today DATE, --db PATH as for intake"},
	{"key", cmd_key, "key show|rotate [--key-file F] [--db PATH]",
	 "the key that seals the confidential fields: where it is, and a new one",
	 "key show     the key file and the key's id (never the key)\n"
	 "key rotate   seal every confidential field again under a new key, in one transaction, and retire the old\n"
	 "--key-file F the key file (else $RAPPORTEUR_KEY_FILE, else the database's path with .key added)"},
	{"audit", cmd_audit, "audit verify|log|head [--db PATH]",
	 "the audit log of every change to communications, replies, users and cases, chained by SHA-256",
	 "audit verify [--expect SEQ:HASH] [--no-rows]\n"
	 "                 walk the chain and compare every audited row with its last entry; exit 1 naming\n"
	 "                 the first entry edited, inserted or deleted (docs/SECURITY.md)\n"
	 "                 --expect: the chain must pass through an entry `audit head` printed earlier\n"
	 "audit log [--table T] [--limit N]   the entries, newest first (50; 0 for all)\n"
	 "audit head       the last entry as SEQ:HASH, to keep elsewhere\n"
	 "--db PATH        the database"},
	{"backup", cmd_backup, "backup FILE [--force] [--db PATH]",
	 "a consistent copy of the database, made while it serves and writes, checked, then put in place",
	 "FILE       the copy to write (a SQLite database); it is never half written\n"
	 "--force    replace FILE if it exists\n"
	 "--db PATH  the database to copy (the key file is not copied: keep it apart)"},
	{"restore", cmd_restore, "restore FILE --db PATH [--force]",
	 "a new database from a backup, checked first (integrity, schema version, audit chain)",
	 "FILE       a file `rapporteur backup` wrote\n"
	 "--db PATH  the database to make (else $RAPPORTEUR_DB, else ./rapporteur.db)\n"
	 "--force    replace the whole content of PATH if it exists"},
	{"help", cmd_help, "help [COMMAND]", "list the commands, or explain one", NULL},
	{NULL, NULL, NULL, NULL, NULL},
};

