/*
 * test_extract.c - the extractors (src/extract) on small letters written
 * for these tests, parsed the way every command parses a letter
 * (letterfile_parse_bytes) against the real knowledge base. A letter is
 * assembled from parts; each test changes the parts it is about, so that
 * what it asserts can be worked out by reading the letter.
 */
/* clang-format off */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
/* clang-format on */

#include <stdlib.h>
#include <string.h>

#include "domain/letterfile.h"
#include "extract/letter.h"
#include "helpers.h"
#include "util/buf.h"
#include "util/date.h"

/* --- building letters ----------------------------------------------------------------- */

struct letter_parts {
	const char *header, *reference, *date, *salutation, *opening, *facts, *violations,
		*questions, *deadline, *closing, *signatures, *annex;
};

/* A two-mandate allegation letter to Kazakhstan; every name in it is invented. */
static const struct letter_parts base = {
	.header = "**Mandates of the Special Rapporteur on torture and other cruel, inhuman or "
		  "degrading treatment or punishment and the Working Group on Arbitrary Detention**",
	.reference = "Ref.: AL KAZ 2/2024  \n(Please use this reference in your reply)",
	.date = "9 May 2024",
	.salutation = "Excellency,",
	.opening = "We have the honour to address you in our capacities as Special Rapporteur on "
		   "torture and other cruel, inhuman or degrading treatment or punishment and Working "
		   "Group on Arbitrary Detention, pursuant to Human Rights Council resolutions 52/7 "
		   "and 51/8.",
	.facts = "In this connection, we wish to bring to the attention of your Excellency's "
		 "Government information we have received concerning the arrest and ill-treatment of "
		 "a journalist in Almaty.\n"
		 "\n"
		 "According to the information received:\n"
		 "\n"
		 "On 3 January 2024, police officers arrested Mr. Arman Seitov, an independent "
		 "journalist, at his home. He was held for two days without access to a lawyer and "
		 "was beaten during questioning.",
	.violations = "If confirmed, the facts alleged above would constitute a violation of articles "
		      "7, 9 and 14 of the International Covenant on Civil and Political Rights "
		      "(ICCPR), ratified by Kazakhstan on 24 January 2006, and of articles 2 and 16 of "
		      "the Convention against Torture and Other Cruel, Inhuman or Degrading Treatment "
		      "or Punishment (CAT), to which Kazakhstan acceded on 26 August 1998.",
	.questions = "As it is our responsibility, under the mandates provided to us by the Human "
		     "Rights Council, to seek to clarify all cases brought to our attention, we would "
		     "be grateful for your observations on the following matters:\n"
		     "\n"
		     "1. Please provide any additional information and comments you may have on the "
		     "above-mentioned allegations.\n"
		     "2. Please explain the legal grounds for the arrest and detention of Mr. Seitov.\n"
		     "3. Please indicate whether an investigation into the allegations of "
		     "ill-treatment has been opened.",
	.deadline = "We would appreciate receiving a response within 60 days. Past this delay, this "
		    "communication and any response received from your Excellency's Government will "
		    "be made public via the communications reporting website.",
	.closing = "Please accept, Excellency, the assurances of our highest consideration.",
	.signatures = "Nora Falk  \n"
		      "Special Rapporteur on torture and other cruel, inhuman or degrading treatment "
		      "or punishment\n"
		      "\n"
		      "Tomas Rivera\n"
		      "\n"
		      "Vice-Chair of the Working Group on Arbitrary Detention",
	.annex = "**Annex**\n"
		 "\n"
		 "**Reference to international human rights law**\n"
		 "\n"
		 "In connection with the above alleged facts and concerns, we would like to draw the "
		 "attention of your Excellency's Government to article 10 of the ICCPR, which provides "
		 "that all persons deprived of their liberty shall be treated with humanity.",
};

/* The parts as one Markdown file (caller frees); NULL or "" parts are left out. */
static char *assemble(const struct letter_parts *p)
{
	const char *parts[] = {p->header,    p->reference, p->date,	  p->salutation,
			       p->opening,   p->facts,	   p->violations, p->questions,
			       p->deadline,  p->closing,   p->signatures, p->annex};
	struct buf b = BUF_INIT;
	for (size_t i = 0; i < sizeof(parts) / sizeof(parts[0]); i++) {
		if (!parts[i] || !*parts[i])
			continue;
		if (b.len)
			buf_adds(&b, "\n\n");
		buf_adds(&b, parts[i]);
	}
	buf_addch(&b, '\n');
	return buf_detach(&b);
}

static void parse_text(struct letter *l, const char *name, const char *text)
{
	struct error err;
	error_clear(&err);
	if (letterfile_parse_bytes(name, text, strlen(text), l, &err) < 0)
		fail_msg("%s: %s", name, err.message);
}

static void parse_parts(struct letter *l, const struct letter_parts *p)
{
	char *text = assemble(p);
	parse_text(l, "letter.md", text);
	free(text);
}

/* --- looking things up in a record ---------------------------------------------------- */

static void check_date(int date, const char *iso)
{
	if (!iso) {
		assert_int_equal(date, DATE_NONE);
		return;
	}
	assert_int_not_equal(date, DATE_NONE);
	char got[11];
	date_format_iso(date, got);
	assert_string_equal(got, iso);
}

static bool same(const char *a, const char *b)
{
	return a == b || (a && b && !strcmp(a, b));
}

static const struct letter_citation *citation(const struct letter *l, const char *instrument,
					      const char *article)
{
	for (size_t i = 0; i < l->citations_count; i++)
		if (same(l->citations[i].instrument, instrument) && !strcmp(l->citations[i].article, article))
			return &l->citations[i];
	return NULL;
}

static void dump_citations(const struct letter *l)
{
	for (size_t i = 0; i < l->citations_count; i++)
		print_message("  citation %s %s%s\n",
			      l->citations[i].instrument ? l->citations[i].instrument : "(none)",
			      l->citations[i].article, l->citations[i].violation ? " (violation)" : "");
}

/* The letter cites article of instrument, as a violation or not. */
static void check_cited(const struct letter *l, const char *instrument, const char *article,
			bool violation)
{
	const struct letter_citation *c = citation(l, instrument, article);
	if (!c) {
		dump_citations(l);
		fail_msg("no citation of article %s of %s", article, instrument ? instrument : "(none)");
	}
	if (c->violation != violation) {
		dump_citations(l);
		fail_msg("article %s of %s: violation %d, expected %d", article, instrument,
			 c->violation, violation);
	}
}

static void check_not_cited(const struct letter *l, const char *instrument, const char *article)
{
	if (citation(l, instrument, article)) {
		dump_citations(l);
		fail_msg("article %s of %s is cited, and should not be", article,
			 instrument ? instrument : "(none)");
	}
}

static size_t count_cited(const struct letter *l, const char *article)
{
	size_t n = 0;
	for (size_t i = 0; i < l->citations_count; i++)
		n += !strcmp(l->citations[i].article, article);
	return n;
}

static const struct letter_ratification *ratification(const struct letter *l, const char *instrument)
{
	for (size_t i = 0; i < l->ratifications_count; i++)
		if (same(l->ratifications[i].instrument, instrument))
			return &l->ratifications[i];
	return NULL;
}

static void check_ratified(const struct letter *l, const char *instrument, const char *action,
			   const char *iso)
{
	const struct letter_ratification *r = ratification(l, instrument);
	if (!r) {
		for (size_t i = 0; i < l->ratifications_count; i++)
			print_message("  ratification %s %s\n", l->ratifications[i].instrument,
				      l->ratifications[i].action);
		fail_msg("no ratification of %s", instrument);
	}
	assert_string_equal(r->action, action);
	check_date(r->date, iso);
}

static bool has_warning(const struct letter *l, const char *part)
{
	for (size_t i = 0; i < l->warnings_count; i++)
		if (strstr(l->warnings[i], part))
			return true;
	return false;
}

static void check_mandate(const struct letter *l, size_t i, const char *title, const char *slug,
			  const char *resolution)
{
	if (i >= l->mandates_count)
		fail_msg("mandate %zu missing: %zu mandates", i, l->mandates_count);
	assert_string_equal(l->mandates[i].title, title);
	if (!same(l->mandates[i].slug, slug))
		fail_msg("mandate %zu slug %s, expected %s", i,
			 l->mandates[i].slug ? l->mandates[i].slug : "(null)", slug ? slug : "(null)");
	if (!same(l->mandates[i].resolution, resolution))
		fail_msg("mandate %zu resolution %s, expected %s", i,
			 l->mandates[i].resolution ? l->mandates[i].resolution : "(null)",
			 resolution ? resolution : "(null)");
}

/* --- the whole base letter ------------------------------------------------------------ */

static void test_base_letter(void **state)
{
	(void)state;
	struct letter l;
	char *text = assemble(&base);
	parse_text(&l, "some/folder/AL-KAZ-2-2024.md", text);
	free(text);
	assert_string_equal(l.source, "AL-KAZ-2-2024.md");
	assert_string_equal(l.reference, "AL KAZ 2/2024");
	assert_string_equal(l.type, "AL");
	assert_string_equal(l.country, "KAZ");
	assert_int_equal(l.number, 2);
	assert_int_equal(l.year, 2024);
	check_date(l.date, "2024-05-09");
	assert_string_equal(l.language, "en");
	assert_int_equal(l.related_count, 0);
	assert_int_equal(l.questions_count, 3);
	assert_int_equal(l.reply_deadline_days, 60);
	check_date(l.reply_due, "2024-07-08"); /* 22 days left in May, 30 in June, 8 in July */
	assert_int_equal(l.documents_count, 0);
	assert_int_equal(l.links_count, 0);
	/* a letter with every part in place reads without a guess */
	for (size_t i = 0; i < l.warnings_count; i++)
		print_message("  warning: %s\n", l.warnings[i]);
	assert_int_equal(l.warnings_count, 0);
	/* the body keeps the text, numbered items with their numbers */
	assert_contains(l.body, "Ref.: AL KAZ 2/2024");
	assert_contains(l.body, "\n\n2. Please explain the legal grounds");
	letter_release(&l);
}

/* --- reference, type, country, number, year ------------------------------------------- */

static void test_reference_old_style(void **state)
{
	(void)state;
	struct letter_parts p = base;
	p.reference = "REFERENCE: UA G/SO 214 (53-24) SYR 3/2014";
	p.date = "4 April 2014";
	struct letter l;
	parse_parts(&l, &p);
	/* old-style references keep the whole line, mandate codes included */
	assert_string_equal(l.reference, "UA G/SO 214 (53-24) SYR 3/2014");
	assert_string_equal(l.type, "UA");
	assert_string_equal(l.country, "SYR");
	assert_int_equal(l.number, 3);
	assert_int_equal(l.year, 2014);
	check_date(l.date, "2014-04-04");
	letter_release(&l);
}

static void test_reference_wrapped(void **state)
{
	(void)state;
	struct letter_parts p = base;
	p.reference = "REFERENCE: UA G/SO 214 (53-24)\n\nSYR 3/2014";
	p.date = "4 April 2014";
	struct letter l;
	parse_parts(&l, &p);
	assert_string_equal(l.reference, "UA G/SO 214 (53-24) SYR 3/2014");
	assert_string_equal(l.country, "SYR");
	assert_int_equal(l.number, 3);
	assert_int_equal(l.year, 2014);
	assert_int_equal(l.related_count, 0); /* its own reference, on its second line */
	letter_release(&l);

	p = base;
	p.reference = "Ref.: UA\n\nIRN 14/2022";
	p.date = "30 September 2022";
	parse_parts(&l, &p);
	assert_string_equal(l.reference, "UA IRN 14/2022");
	assert_string_equal(l.type, "UA");
	assert_string_equal(l.country, "IRN");
	assert_int_equal(l.number, 14);
	assert_int_equal(l.year, 2022);
	check_date(l.date, "2022-09-30");
	assert_int_equal(l.related_count, 0);
	letter_release(&l);
}

static void test_reference_other_addressee(void **state)
{
	(void)state;
	struct letter_parts p = base;
	p.reference = "Ref.: AL OTH 71/2023";
	p.date = "2 October 2023";
	p.salutation = "Dear Mr. Whitcombe,";
	struct letter l;
	parse_parts(&l, &p);
	assert_string_equal(l.reference, "AL OTH 71/2023");
	assert_string_equal(l.type, "AL");
	assert_string_equal(l.country, "OTH");
	assert_int_equal(l.number, 71);
	assert_int_equal(l.year, 2023);
	check_date(l.date, "2023-10-02");
	letter_release(&l);
}

static void test_reference_joint_types(void **state)
{
	(void)state;
	struct letter_parts p = base;
	p.reference = "Ref.: JUA TUR 9/2016";
	struct letter l;
	parse_parts(&l, &p);
	assert_string_equal(l.type, "JUA");
	assert_string_equal(l.country, "TUR");
	letter_release(&l);

	p.reference = "Ref.: OL KGZ 2/2024";
	parse_parts(&l, &p);
	assert_string_equal(l.type, "OL");
	assert_string_equal(l.country, "KGZ");
	letter_release(&l);
}

static void test_reference_missing(void **state)
{
	(void)state;
	struct letter_parts p = base;
	p.reference = "(Please use this reference in your reply)";
	struct letter l;
	parse_parts(&l, &p);
	assert_null(l.reference);
	assert_string_equal(l.country, "");
	assert_int_equal(l.number, 0);
	assert_true(has_warning(&l, "no reference"));
	letter_release(&l);
}

/* --- dates ---------------------------------------------------------------------------- */

static void test_date_with_place(void **state)
{
	(void)state;
	struct letter_parts p = base;
	p.date = "Geneva, 3 March 2021";
	struct letter l;
	parse_parts(&l, &p);
	check_date(l.date, "2021-03-03");
	check_date(l.reply_due, "2021-05-02"); /* 28 days left in March, 30 in April, 2 in May */
	letter_release(&l);
}

static void test_date_on_salutation_line(void **state)
{
	(void)state;
	const char *txt = "Mandate of the Special Rapporteur on the situation of human rights defenders\n"
			  "\n"
			  "Ref.: UA PHL 6/2019\n"
			  "\n"
			  "Excellency,                                        12 June 2019\n"
			  "\n"
			  "I have the honour to address you in my capacity as Special Rapporteur on the "
			  "situation of human rights defenders, pursuant to Human Rights Council resolution "
			  "34/5.\n"
			  "\n"
			  "According to the information received, on 1 June 2019 a human rights defender "
			  "was arrested in Manila and has been held since then without charge.\n";
	struct letter l;
	parse_text(&l, "UA-PHL-6-2019.txt", txt);
	check_date(l.date, "2019-06-12");
	assert_string_equal(l.reference, "UA PHL 6/2019");
	assert_int_equal(l.mandates_count, 1);
	check_mandate(&l, 0, "Special Rapporteur on the situation of human rights defenders",
		      "defenders", "34/5");
	letter_release(&l);
}

static void test_date_missing(void **state)
{
	(void)state;
	struct letter_parts p = base;
	p.date = NULL;
	struct letter l;
	parse_parts(&l, &p);
	/* the dates of the facts are not the letter's */
	check_date(l.date, NULL);
	check_date(l.reply_due, NULL);
	assert_int_equal(l.reply_deadline_days, 60);
	assert_true(has_warning(&l, "no date"));
	letter_release(&l);
}

/* --- languages ------------------------------------------------------------------------ */

static const char *const french_letter =
	"**Mandats du Rapporteur spécial sur la torture et autres peines ou traitements cruels, "
	"inhumains ou dégradants et du Groupe de travail sur la détention arbitraire**\n"
	"\n"
	"Réf. : AL CMR 4/2013  \n"
	"(Veuillez utiliser cette référence dans votre réponse)\n"
	"\n"
	"13 août 2013\n"
	"\n"
	"Excellence,\n"
	"\n"
	"Nous avons l'honneur de nous adresser à vous en nos qualités de Rapporteur spécial sur la "
	"torture et autres peines ou traitements cruels, inhumains ou dégradants et de Groupe de "
	"travail sur la détention arbitraire, conformément aux résolutions 16/23 et 15/18 du "
	"Conseil des droits de l'homme.\n"
	"\n"
	"Nous souhaitons attirer l'attention du Gouvernement de votre Excellence sur des "
	"informations que nous avons reçues concernant l'arrestation et les mauvais traitements "
	"dont aurait été victime un journaliste à Douala.\n"
	"\n"
	"Selon les informations reçues :\n"
	"\n"
	"Le 2 juillet 2013, des agents de police auraient arrêté M. Paul Ndongo à son domicile. Il "
	"aurait été détenu pendant cinq jours sans accès à un avocat et aurait été frappé lors des "
	"interrogatoires.\n"
	"\n"
	"Si ces faits étaient confirmés, ils constitueraient une violation des articles 7 et 9 du "
	"Pacte international relatif aux droits civils et politiques, auquel le Cameroun a adhéré "
	"le 27 juin 1984.\n"
	"\n"
	"Nous serions reconnaissants au Gouvernement de votre Excellence de ses observations sur "
	"les points suivants :\n"
	"\n"
	"1. Veuillez fournir toute information complémentaire sur les allégations mentionnées "
	"ci-dessus.\n"
	"2. Veuillez indiquer le fondement juridique de l'arrestation de M. Ndongo.\n"
	"\n"
	"Nous serions reconnaissants de recevoir une réponse dans un délai de 60 jours.\n"
	"\n"
	"Veuillez agréer, Excellence, l'assurance de notre haute considération.\n"
	"\n"
	"Jeanne Martin  \n"
	"Rapporteuse spéciale sur la torture et autres peines ou traitements cruels, inhumains ou "
	"dégradants\n";

static void test_french_letter(void **state)
{
	(void)state;
	struct letter l;
	parse_text(&l, "AL-CMR-4-2013.md", french_letter);
	assert_string_equal(l.language, "fr");
	assert_string_equal(l.reference, "AL CMR 4/2013");
	assert_string_equal(l.country, "CMR");
	check_date(l.date, "2013-08-13");
	assert_int_equal(l.mandates_count, 2);
	check_mandate(&l, 0,
		      "Rapporteur spécial sur la torture et autres peines ou traitements cruels, "
		      "inhumains ou dégradants",
		      "torture", "16/23");
	check_mandate(&l, 1, "Groupe de travail sur la détention arbitraire", "arbitrary-detention",
		      "15/18");
	assert_int_equal(l.questions_count, 2);
	assert_int_equal(l.reply_deadline_days, 60);
	check_date(l.reply_due, "2013-10-12");
	check_cited(&l, "ICCPR", "7", true);
	check_cited(&l, "ICCPR", "9", true);
	check_ratified(&l, "ICCPR", "acceded", "1984-06-27");
	assert_int_equal(l.signatories_count, 1);
	assert_string_equal(l.signatories[0].name, "Jeanne Martin");
	assert_string_equal(l.signatories[0].title,
			    "Rapporteuse spéciale sur la torture et autres peines ou traitements "
			    "cruels, inhumains ou dégradants");
	letter_release(&l);
}

static const char *const spanish_letter =
	"**Mandatos del Relator Especial sobre la tortura y otros tratos o penas crueles, inhumanos "
	"o degradantes y del Grupo de Trabajo sobre la Detención Arbitraria**\n"
	"\n"
	"Referencia: AL GTM 6/2020  \n"
	"(Por favor, utilice esta referencia en su respuesta)\n"
	"\n"
	"12 de marzo de 2020\n"
	"\n"
	"Excelencia:\n"
	"\n"
	"Tenemos el honor de dirigirnos a Usted en nuestra calidad de Relator Especial sobre la "
	"tortura y otros tratos o penas crueles, inhumanos o degradantes y Grupo de Trabajo sobre "
	"la Detención Arbitraria, de conformidad con las resoluciones 34/19 y 33/30 del Consejo de "
	"Derechos Humanos.\n"
	"\n"
	"Quisiéramos señalar a la atención del Gobierno de Su Excelencia la información que hemos "
	"recibido en relación con la detención de un periodista en la ciudad de Guatemala.\n"
	"\n"
	"Según la información recibida:\n"
	"\n"
	"El 2 de febrero de 2020, agentes de la policía habrían detenido al Sr. Luis Pérez en su "
	"domicilio. Habría permanecido detenido durante tres días sin acceso a un abogado.\n"
	"\n"
	"Estos hechos constituirían una violación de los artículos 7 y 9 del Pacto Internacional de "
	"Derechos Civiles y Políticos.\n"
	"\n"
	"Le agradeceríamos que nos proporcionara información sobre los siguientes asuntos:\n"
	"\n"
	"1. Sírvase proporcionar cualquier información adicional sobre las alegaciones arriba "
	"mencionadas.\n"
	"2. Sírvase indicar la base jurídica de la detención del Sr. Pérez.\n"
	"\n"
	"Agradeceríamos recibir una respuesta en un plazo de 60 días.\n"
	"\n"
	"Acepte, Excelencia, la expresión de nuestra más distinguida consideración.\n"
	"\n"
	"Ana Gómez  \n"
	"Relatora Especial sobre la tortura y otros tratos o penas crueles, inhumanos o "
	"degradantes\n";

static void test_spanish_letter(void **state)
{
	(void)state;
	struct letter l;
	parse_text(&l, "AL-GTM-6-2020.md", spanish_letter);
	assert_string_equal(l.language, "es");
	assert_string_equal(l.reference, "AL GTM 6/2020");
	assert_string_equal(l.country, "GTM");
	check_date(l.date, "2020-03-12");
	assert_int_equal(l.mandates_count, 2);
	check_mandate(&l, 0,
		      "Relator Especial sobre la tortura y otros tratos o penas crueles, inhumanos o "
		      "degradantes",
		      "torture", "34/19");
	check_mandate(&l, 1, "Grupo de Trabajo sobre la Detención Arbitraria", "arbitrary-detention",
		      "33/30");
	assert_int_equal(l.questions_count, 2);
	assert_int_equal(l.reply_deadline_days, 60);
	check_date(l.reply_due, "2020-05-11");
	check_cited(&l, "ICCPR", "7", true);
	check_cited(&l, "ICCPR", "9", true);
	assert_int_equal(l.signatories_count, 1);
	assert_string_equal(l.signatories[0].name, "Ana Gómez");
	letter_release(&l);
}

/* --- mandates ------------------------------------------------------------------------- */

static void test_mandates_base(void **state)
{
	(void)state;
	struct letter l;
	parse_parts(&l, &base);
	assert_int_equal(l.mandates_count, 2);
	/* the commas and "and" inside the first title do not split it */
	check_mandate(&l, 0,
		      "Special Rapporteur on torture and other cruel, inhuman or degrading treatment "
		      "or punishment",
		      "torture", "52/7");
	check_mandate(&l, 1, "Working Group on Arbitrary Detention", "arbitrary-detention", "51/8");
	letter_release(&l);
}

static void test_mandates_commas_and_and(void **state)
{
	(void)state;
	struct letter_parts p = base;
	p.header = "**Mandates of the Special Rapporteur on extrajudicial, summary or arbitrary "
		   "executions; the Special Rapporteur on the promotion and protection of the right to "
		   "freedom of opinion and expression; the Special Rapporteur on the rights to freedom "
		   "of peaceful assembly and of association and the Special Rapporteur on the "
		   "independence of judges and lawyers**";
	p.opening = "We have the honour to address you in our capacities as Special Rapporteur on "
		    "extrajudicial, summary or arbitrary executions; Special Rapporteur on the "
		    "promotion and protection of the right to freedom of opinion and expression; "
		    "Special Rapporteur on the rights to freedom of peaceful assembly and of "
		    "association and Special Rapporteur on the independence of judges and lawyers, "
		    "pursuant to Human Rights Council resolutions 53/4, 52/9, 50/17 and 53/12.";
	struct letter l;
	parse_parts(&l, &p);
	assert_int_equal(l.mandates_count, 4);
	check_mandate(&l, 0, "Special Rapporteur on extrajudicial, summary or arbitrary executions",
		      "executions", "53/4");
	check_mandate(&l, 1,
		      "Special Rapporteur on the promotion and protection of the right to freedom of "
		      "opinion and expression",
		      "expression", "52/9");
	check_mandate(&l, 2,
		      "Special Rapporteur on the rights to freedom of peaceful assembly and of "
		      "association",
		      "assembly-association", "50/17");
	check_mandate(&l, 3, "Special Rapporteur on the independence of judges and lawyers",
		      "judges-lawyers", "53/12");
	assert_false(has_warning(&l, "resolutions; paired in order"));
	letter_release(&l);
}

static void test_mandates_single_and_unknown(void **state)
{
	(void)state;
	struct letter_parts p = base;
	p.header = "**Mandate of the Special Rapporteur on freedom of religion or belief**";
	p.opening = "I have the honour to address you in my capacity as Special Rapporteur on freedom "
		    "of religion or belief, pursuant to Human Rights Council resolution 49/5.";
	struct letter l;
	parse_parts(&l, &p);
	assert_int_equal(l.mandates_count, 1);
	check_mandate(&l, 0, "Special Rapporteur on freedom of religion or belief", "religion", "49/5");
	letter_release(&l);

	p.header = "**Mandates of the Special Rapporteur on the rights of lighthouse keepers and the "
		   "Working Group on Arbitrary Detention**";
	p.opening = base.opening;
	parse_parts(&l, &p);
	assert_int_equal(l.mandates_count, 2);
	check_mandate(&l, 0, "Special Rapporteur on the rights of lighthouse keepers", NULL, "52/7");
	check_mandate(&l, 1, "Working Group on Arbitrary Detention", "arbitrary-detention", "51/8");
	assert_true(has_warning(&l, "lighthouse keepers"));
	letter_release(&l);
}

static void test_mandates_more_resolutions_than_mandates(void **state)
{
	(void)state;
	struct letter_parts p = base;
	p.opening = "We have the honour to address you in our capacities as Special Rapporteur on "
		    "torture and other cruel, inhuman or degrading treatment or punishment and Working "
		    "Group on Arbitrary Detention, pursuant to Human Rights Council resolutions 52/7, "
		    "51/8 and 54/14.";
	struct letter l;
	parse_parts(&l, &p);
	assert_int_equal(l.mandates_count, 2);
	assert_string_equal(l.mandates[0].resolution, "52/7");
	assert_string_equal(l.mandates[1].resolution, "51/8");
	assert_true(has_warning(&l, "2 mandates but 3 resolutions"));
	letter_release(&l);
}

/* --- related references --------------------------------------------------------------- */

static void test_related_references(void **state)
{
	(void)state;
	struct letter_parts p = base;
	p.facts = "We refer to our previous communication of 18 January 2022 (KAZ 1/2022) and to the "
		  "reply of your Excellency's Government. We also recall communication AL KAZ 3/2023, "
		  "the joint letter UZB 5/2023 and, again, our letter KAZ 1/2022.\n"
		  "\n"
		  "According to the information received:\n"
		  "\n"
		  "Law No. 20/2022 on public assemblies, adopted despite the recommendations in "
		  "A/HRC/30/61 and Human Rights Council resolution 52/7, was applied in FIR No. "
		  "30/2022 to Mr. Seitov. Our present letter, AL KAZ 2/2024, concerns his arrest. The "
		  "code XYZ 1/2020 is not a country.";
	struct letter l;
	parse_parts(&l, &p);
	for (size_t i = 0; i < l.related_count; i++)
		print_message("  related %s\n", l.related[i]);
	assert_int_equal(l.related_count, 3);
	assert_string_equal(l.related[0], "KAZ 1/2022");
	assert_string_equal(l.related[1], "KAZ 3/2023");
	assert_string_equal(l.related[2], "UZB 5/2023");
	letter_release(&l);
}

/* --- questions ------------------------------------------------------------------------ */

static void test_questions_across_footnote(void **state)
{
	(void)state;
	struct letter_parts p = base;
	p.questions = "As it is our responsibility to seek to clarify all cases brought to our "
		      "attention, we would be grateful for your observations on the following "
		      "matters:\n"
		      "\n"
		      "1. Please provide any additional information on the allegations.\n"
		      "2. Please explain the legal grounds for the arrest.\n"
		      "3. Please indicate the measures taken to ensure that the detention complies "
		      "with the standards<sup>4</sup> and\n"
		      "\n"
		      "<sup>4</sup> See the Nelson Mandela Rules.\n"
		      "\n"
		      "---\n"
		      "\n"
		      "4. Please indicate whether the family was informed of his whereabouts.\n"
		      "5. Please explain how the law complies with international standards.";
	struct letter l;
	parse_parts(&l, &p);
	assert_int_equal(l.questions_count, 5);
	for (size_t i = 0; i < l.questions_count; i++)
		assert_int_equal(l.questions[i].n, (int)i + 1);
	assert_string_equal(l.questions[0].text, "Please provide any additional information on the allegations.");
	assert_string_equal(l.questions[3].text,
			    "Please indicate whether the family was informed of his whereabouts.");
	assert_string_equal(l.questions[4].text,
			    "Please explain how the law complies with international standards.");
	letter_release(&l);
}

static void test_questions_sub_items(void **state)
{
	(void)state;
	struct letter_parts p = base;
	p.questions = "We would be grateful for your observations on the following matters:\n"
		      "\n"
		      "1. Please provide any additional information on the allegations.\n"
		      "\n"
		      "2. Please provide details on:\n"
		      "\n"
		      "   (a) the legal basis for the arrest;\n"
		      "\n"
		      "   (b) the charges brought against Mr. Seitov.\n"
		      "\n"
		      "3. Please indicate:\n"
		      "\n"
		      "   - whether he has seen a lawyer;\n"
		      "   - whether a doctor has examined him.\n"
		      "\n"
		      "4. Please explain the measures taken to protect his family.";
	struct letter l;
	parse_parts(&l, &p);
	for (size_t i = 0; i < l.questions_count; i++)
		print_message("  q%d: %s\n", l.questions[i].n, l.questions[i].text);
	assert_int_equal(l.questions_count, 4);
	assert_int_equal(l.questions[1].n, 2);
	assert_contains(l.questions[1].text, "Please provide details on:");
	assert_contains(l.questions[1].text, "(a) the legal basis for the arrest;");
	assert_contains(l.questions[1].text, "(b) the charges brought against Mr. Seitov.");
	assert_int_equal(l.questions[2].n, 3);
	assert_contains(l.questions[2].text, "Please indicate:");
	assert_contains(l.questions[2].text, "whether he has seen a lawyer;");
	assert_contains(l.questions[2].text, "whether a doctor has examined him.");
	assert_int_equal(l.questions[3].n, 4);
	assert_string_equal(l.questions[3].text, "Please explain the measures taken to protect his family.");
	assert_not_contains(l.questions[0].text, "(a)");
	letter_release(&l);
}

static void test_questions_without_introduction(void **state)
{
	(void)state;
	struct letter_parts p = base;
	p.questions = "1. Please provide any additional information on the allegations.\n"
		      "2. Please explain the legal grounds for the arrest.";
	struct letter l;
	parse_parts(&l, &p);
	assert_int_equal(l.questions_count, 2);
	assert_true(has_warning(&l, "last numbered list"));
	letter_release(&l);
}

/* --- the reply deadline --------------------------------------------------------------- */

static void test_deadline_in_hours(void **state)
{
	(void)state;
	struct letter_parts p = base;
	p.deadline = "Given the urgency of the matter, we would appreciate a response within 48 hours.";
	struct letter l;
	parse_parts(&l, &p);
	assert_int_equal(l.reply_deadline_days, 2);
	check_date(l.reply_due, "2024-05-11");
	letter_release(&l);

	p.deadline = "We would appreciate a reply within 36 hours."; /* rounds up to 2 days */
	parse_parts(&l, &p);
	assert_int_equal(l.reply_deadline_days, 2);
	letter_release(&l);
}

static void test_deadline_in_words(void **state)
{
	(void)state;
	struct letter_parts p = base;
	p.deadline = "We would appreciate receiving a response within sixty days.";
	struct letter l;
	parse_parts(&l, &p);
	assert_int_equal(l.reply_deadline_days, 60);
	letter_release(&l);
}

static void test_deadline_not_from_quoted_law(void **state)
{
	(void)state;
	struct letter_parts p = base;
	p.facts = "According to the information received:\n"
		  "\n"
		  "Mr. Seitov was arrested on 3 January 2024. Under the Code of Criminal Procedure, a "
		  "detainee must be brought before a judge within 48 hours. Article 5 of the Law on "
		  "Petitions reads: \"The authorities shall reply to any petition within 24 hours.\" "
		  "His petition of 5 January 2024 was never answered.";
	p.deadline = "This communication will be made public via the communications reporting "
		     "website.";
	struct letter l;
	parse_parts(&l, &p);
	assert_int_equal(l.reply_deadline_days, 0);
	check_date(l.reply_due, NULL);
	assert_true(has_warning(&l, "no reply deadline"));
	letter_release(&l);

	/* the same quoted law just before the real deadline */
	p.deadline = "The Law on Petitions provides that \"authorities shall reply within 24 hours\"; "
		     "we would appreciate a response from your Excellency's Government within 60 "
		     "days.";
	parse_parts(&l, &p);
	assert_int_equal(l.reply_deadline_days, 60);
	letter_release(&l);
}

/* --- citations and violations --------------------------------------------------------- */

static void test_violations_from_the_violation_sentence(void **state)
{
	(void)state;
	struct letter_parts p = base;
	p.facts = "According to the information received:\n"
		  "\n"
		  "Mr. Seitov was arrested at his home. Article 9 of the Universal Declaration of Human "
		  "Rights prohibits arbitrary arrest.";
	p.annex = "**Annex**\n"
		  "\n"
		  "**Reference to international human rights law**\n"
		  "\n"
		  "We draw attention to article 10 of the ICCPR. The arbitrary arrest of a journalist "
		  "for his reporting would constitute a violation of article 19 of the ICCPR.";
	struct letter l;
	parse_parts(&l, &p);
	check_cited(&l, "ICCPR", "7", true);
	check_cited(&l, "ICCPR", "9", true);
	check_cited(&l, "ICCPR", "14", true);
	check_cited(&l, "CAT", "2", true);
	check_cited(&l, "CAT", "16", true);
	/* cited in the facts, outside the violation sentence */
	check_cited(&l, "UDHR", "9", false);
	/* the annex recalls the law: never a violation, whatever its wording */
	check_cited(&l, "ICCPR", "10", false);
	check_cited(&l, "ICCPR", "19", false);
	size_t violations = 0;
	for (size_t i = 0; i < l.citations_count; i++)
		violations += l.citations[i].violation;
	assert_int_equal(violations, 5);
	/* the context of a citation is its sentence */
	const struct letter_citation *c = citation(&l, "UDHR", "9");
	assert_string_equal(c->context,
			    "Article 9 of the Universal Declaration of Human Rights prohibits arbitrary arrest.");
	letter_release(&l);
}

static const char *const citations_annex =
	"**Annex**\n"
	"\n"
	"**Reference to international human rights law**\n"
	"\n"
	"Like article 2 of the ICCPR, the Convention against Torture (CAT) requires a prompt and "
	"impartial investigation wherever there is reasonable ground to believe that torture has "
	"been committed (art. 12), and guarantees the right to complain (art. 13).\n"
	"\n"
	"The Convention against Torture, the Convention on the Rights of the Child and the "
	"Declaration on Human Rights Defenders are also relevant. Article 37 of the Convention "
	"protects children deprived of their liberty, and article 12 of the Declaration protects "
	"peaceful action against violations of human rights.\n"
	"\n"
	"The Human Rights Committee has read articles 7, 10 and 14 of the ICCPR together.\n"
	"\n"
	"Articles 9-12 of the International Convention for the Protection of All Persons from "
	"Enforced Disappearance set out the duty to investigate.\n"
	"\n"
	"Article 1 common to the ICCPR and the ICESCR guarantees the right of peoples to "
	"self-determination.\n"
	"\n"
	"Article 8 of the Penal Code of Kazakhstan, which punishes false information, is vague.\n";

static void test_citations_resolution(void **state)
{
	(void)state;
	struct letter_parts p = base;
	p.annex = citations_annex;
	struct letter l;
	parse_parts(&l, &p);
	check_cited(&l, "ICCPR", "2", false);
	/* "(art. 12)" goes to the instrument named last, not to the ICCPR before it */
	check_cited(&l, "CAT", "12", false);
	check_cited(&l, "CAT", "13", false);
	check_not_cited(&l, "ICCPR", "12");
	check_not_cited(&l, "ICCPR", "13");
	/* "the Convention" is the Convention named last, "the Declaration" the Declaration */
	check_cited(&l, "CRC", "37", false);
	check_not_cited(&l, "CAT", "37");
	check_cited(&l, "HRDD", "12", false);
	/* a list of articles of one instrument */
	check_cited(&l, "ICCPR", "7", true); /* also in the violation sentence */
	check_cited(&l, "ICCPR", "10", false);
	check_cited(&l, "ICCPR", "14", true);
	/* a range: every article of it, and not the range as one article */
	for (int a = 9; a <= 12; a++) {
		char article[4];
		snprintf(article, sizeof(article), "%d", a);
		check_cited(&l, "ICPPED", article, false);
	}
	check_not_cited(&l, "ICPPED", "8");
	check_not_cited(&l, "ICPPED", "13");
	assert_int_equal(count_cited(&l, "9-12"), 0);
	/* "common to" gives the article to both */
	check_cited(&l, "ICCPR", "1", false);
	check_cited(&l, "ICESCR", "1", false);
	/* an article of a national code is no instrument's */
	assert_int_equal(count_cited(&l, "8"), 0);
	letter_release(&l);
}

static void test_citations_read_in_conjunction(void **state)
{
	(void)state;
	struct letter_parts p = base;
	p.annex = "**Annex**\n"
		  "\n"
		  "Kazakhstan acceded to the Convention against Torture in 1998. The facts also "
		  "engage article 7, read in conjunction with article 2(3) of the ICCPR.";
	struct letter l;
	parse_parts(&l, &p);
	check_cited(&l, "ICCPR", "2(3)", false);
	check_not_cited(&l, "CAT", "7");
	check_cited(&l, "ICCPR", "7", true); /* true: from the violation sentence */
	letter_release(&l);
}

static void test_citations_read_alone_and_in_conjunction(void **state)
{
	(void)state;
	struct letter_parts p = base;
	p.violations = "Kazakhstan acceded to the Convention against Torture (CAT) on 26 August 1998. "
		       "If confirmed, these facts would amount to violations of articles 6 and 9 of "
		       "the ICCPR, read alone and in conjunction with article 2(3).";
	struct letter l;
	parse_parts(&l, &p);
	check_cited(&l, "ICCPR", "6", true);
	check_cited(&l, "ICCPR", "9", true);
	check_cited(&l, "ICCPR", "2(3)", true);
	check_not_cited(&l, "CAT", "2(3)");
	letter_release(&l);
}

/* --- ratifications -------------------------------------------------------------------- */

static void test_ratifications(void **state)
{
	(void)state;
	struct letter l;
	parse_parts(&l, &base);
	assert_int_equal(l.ratifications_count, 2);
	check_ratified(&l, "ICCPR", "ratified", "2006-01-24");
	check_ratified(&l, "CAT", "acceded", "1998-08-26");
	letter_release(&l);
}

static void test_ratifications_both_of_which(void **state)
{
	(void)state;
	struct letter_parts p = base;
	p.reference = "Ref.: AL IND 8/2022";
	p.violations = "If confirmed, the facts alleged above would constitute a violation of "
		       "articles 6 and 7 of the International Covenant on Civil and Political Rights "
		       "(ICCPR) and of articles 11 and 12 of the International Covenant on Economic, "
		       "Social and Cultural Rights (ICESCR), to both of which India acceded on 10 "
		       "April 1979.";
	struct letter l;
	parse_parts(&l, &p);
	assert_int_equal(l.ratifications_count, 2);
	check_ratified(&l, "ICCPR", "acceded", "1979-04-10");
	check_ratified(&l, "ICESCR", "acceded", "1979-04-10");
	check_cited(&l, "ICESCR", "11", true);
	check_cited(&l, "ICESCR", "12", true);
	letter_release(&l);
}

static void test_ratifications_named_after_the_verb(void **state)
{
	(void)state;
	struct letter_parts p = base;
	p.facts = "According to the information received:\n"
		  "\n"
		  "Kazakhstan ratified the Convention on the Rights of the Child on 12 August 1994 and "
		  "signed the Convention on the Rights of Persons with Disabilities on 11 December "
		  "2008.";
	struct letter l;
	parse_parts(&l, &p);
	check_ratified(&l, "CRC", "ratified", "1994-08-12");
	check_ratified(&l, "CRPD", "signed", "2008-12-11");
	assert_int_equal(l.ratifications_count, 4);
	letter_release(&l);
}

/* --- signatories ---------------------------------------------------------------------- */

static void test_signatories(void **state)
{
	(void)state;
	struct letter l;
	parse_parts(&l, &base);
	assert_int_equal(l.signatories_count, 2);
	/* name and title on one line */
	assert_string_equal(l.signatories[0].name, "Nora Falk");
	assert_string_equal(l.signatories[0].title,
			    "Special Rapporteur on torture and other cruel, inhuman or degrading "
			    "treatment or punishment");
	/* name and title as two blocks */
	assert_string_equal(l.signatories[1].name, "Tomas Rivera");
	assert_string_equal(l.signatories[1].title,
			    "Vice-Chair of the Working Group on Arbitrary Detention");
	letter_release(&l);
}

static void test_signatories_need_a_closing(void **state)
{
	(void)state;
	struct letter_parts p = base;
	p.closing = NULL;
	struct letter l;
	parse_parts(&l, &p);
	assert_int_equal(l.signatories_count, 0);
	assert_true(has_warning(&l, "no closing formula"));
	letter_release(&l);
}

/* --- documents and links -------------------------------------------------------------- */

static void test_documents_and_links(void **state)
{
	(void)state;
	struct letter_parts p = base;
	p.annex = "**Annex**\n"
		  "\n"
		  "The Committee against Torture (CAT/C/KAZ/CO/4) and the Working Group "
		  "(A/HRC/30/38/Add.5) have raised these concerns, as has a thematic report, "
		  "A/HRC/30/61. See also CCPR/C/GC/35, para. 15, and again A/HRC/30/61; the report "
		  "is online at https://undocs.org/en/A/HRC/52/30 and at "
		  "[the OHCHR site](https://www.ohchr.org/en/documents).";
	struct letter l;
	parse_parts(&l, &p);
	for (size_t i = 0; i < l.documents_count; i++)
		print_message("  document %s\n", l.documents[i]);
	assert_int_equal(l.documents_count, 4);
	assert_string_equal(l.documents[0], "CAT/C/KAZ/CO/4");
	assert_string_equal(l.documents[1], "A/HRC/30/38/Add.5");
	assert_string_equal(l.documents[2], "A/HRC/30/61");
	assert_string_equal(l.documents[3], "CCPR/C/GC/35");
	assert_int_equal(l.links_count, 2);
	assert_string_equal(l.links[0], "https://undocs.org/en/A/HRC/52/30");
	assert_string_equal(l.links[1], "https://www.ohchr.org/en/documents");
	letter_release(&l);
}

/* --- figures -------------------------------------------------------------------------- */

static void check_figure(const struct letter *l, size_t i, double value, const char *unit)
{
	if (i >= l->figures_count)
		fail_msg("figure %zu missing: %zu figures", i, l->figures_count);
	const struct letter_figure *f = &l->figures[i];
	if (f->value != value || !same(f->unit, unit))
		fail_msg("figure %zu: %g %s, expected %g %s", i, f->value, f->unit ? f->unit : "(none)",
			 value, unit ? unit : "(none)");
}

static void test_figures(void **state)
{
	(void)state;
	struct letter_parts p = base;
	p.facts = "According to the information received:\n"
		  "\n"
		  "On 3 January 2024, it was officially reported that approximately 10'000 people "
		  "were detained during the protests. Nine cases of deaths in custody are under "
		  "investigation. By March 2023 the courts had examined 236 out of 329 cases. Article "
		  "12 of the Law of 2015 on Assemblies, as amended in 2021, was applied to them.";
	struct letter l;
	parse_parts(&l, &p);
	for (size_t i = 0; i < l.figures_count; i++)
		print_message("  figure %g %s\n", l.figures[i].value,
			      l.figures[i].unit ? l.figures[i].unit : "(none)");
	/* dates, years, resolutions, article numbers and references are not figures */
	assert_int_equal(l.figures_count, 4);
	check_figure(&l, 0, 10000, "people");
	check_figure(&l, 1, 9, "cases");
	check_figure(&l, 2, 236, "cases");
	check_figure(&l, 3, 329, "cases");
	assert_string_equal(l.figures[0].context,
			    "On 3 January 2024, it was officially reported that approximately 10'000 "
			    "people were detained during the protests.");
	assert_string_equal(l.figures[2].context,
			    "By March 2023 the courts had examined 236 out of 329 cases.");
	letter_release(&l);
}

static void test_figures_only_from_the_facts(void **state)
{
	(void)state;
	struct letter_parts p = base;
	p.facts = "According to the information received:\n"
		  "\n"
		  "Twelve journalists were arrested.";
	p.questions = "We would be grateful for your observations on the following matters:\n"
		      "\n"
		      "1. Please explain why 40 people remain in detention.";
	p.annex = "**Annex**\n\nThe Committee has examined 300 cases of this kind.";
	struct letter l;
	parse_parts(&l, &p);
	/* "two days" of the base facts is gone; the questions and annex state no facts */
	assert_int_equal(l.figures_count, 1);
	check_figure(&l, 0, 12, "journalists");
	letter_release(&l);
}

/* --- bad input ------------------------------------------------------------------------ */

static void test_parse_refuses_bad_bytes(void **state)
{
	(void)state;
	struct letter l;
	struct error err;
	error_clear(&err);
	assert_int_equal(letterfile_parse_bytes("empty.md", "", 0, &l, &err), -1);
	assert_contains(err.message, "empty.md");
	letter_release(&l); /* safe after a failure: the record was initialised */
	const char bin[] = "\x7f" "ELF\0\0\0";
	assert_int_equal(letterfile_parse_bytes("a.out.md", bin, sizeof(bin) - 1, &l, &err), -1);
	assert_contains(err.message, "binary");
	letter_release(&l);
	/* Markdown that holds no text at all */
	const char *only_rules = "---\n\n***\n";
	assert_int_equal(letterfile_parse_bytes("rules.md", only_rules, strlen(only_rules), &l, &err),
			 -1);
	assert_contains(err.message, "no text");
	letter_release(&l);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_base_letter),
		cmocka_unit_test(test_reference_old_style),
		cmocka_unit_test(test_reference_wrapped),
		cmocka_unit_test(test_reference_other_addressee),
		cmocka_unit_test(test_reference_joint_types),
		cmocka_unit_test(test_reference_missing),
		cmocka_unit_test(test_date_with_place),
		cmocka_unit_test(test_date_on_salutation_line),
		cmocka_unit_test(test_date_missing),
		cmocka_unit_test(test_french_letter),
		cmocka_unit_test(test_spanish_letter),
		cmocka_unit_test(test_mandates_base),
		cmocka_unit_test(test_mandates_commas_and_and),
		cmocka_unit_test(test_mandates_single_and_unknown),
		cmocka_unit_test(test_mandates_more_resolutions_than_mandates),
		cmocka_unit_test(test_related_references),
		cmocka_unit_test(test_questions_across_footnote),
		cmocka_unit_test(test_questions_sub_items),
		cmocka_unit_test(test_questions_without_introduction),
		cmocka_unit_test(test_deadline_in_hours),
		cmocka_unit_test(test_deadline_in_words),
		cmocka_unit_test(test_deadline_not_from_quoted_law),
		cmocka_unit_test(test_violations_from_the_violation_sentence),
		cmocka_unit_test(test_citations_resolution),
		cmocka_unit_test(test_citations_read_in_conjunction),
		cmocka_unit_test(test_citations_read_alone_and_in_conjunction),
		cmocka_unit_test(test_ratifications),
		cmocka_unit_test(test_ratifications_both_of_which),
		cmocka_unit_test(test_ratifications_named_after_the_verb),
		cmocka_unit_test(test_signatories),
		cmocka_unit_test(test_signatories_need_a_closing),
		cmocka_unit_test(test_documents_and_links),
		cmocka_unit_test(test_figures),
		cmocka_unit_test(test_figures_only_from_the_facts),
		cmocka_unit_test(test_parse_refuses_bad_bytes),
	};
	return cmocka_run_group_tests_name("extract", tests, NULL, NULL);
}
