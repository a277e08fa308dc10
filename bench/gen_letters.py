#!/usr/bin/env python3
"""gen_letters.py - synthetic Special Procedures letters for `make bench`.

Writes --count Markdown letters laid out like real communications (mandates
header, "Ref.: AL KAZ 2/2024", date, salutation, facts with figures,
concerns, a would-violate paragraph, numbered questions, a reply deadline,
signatures, an annex), varied in country, type, mandates, theme and length,
plus queries.tsv: the realistic search queries bench/search_bench runs.
Mandate titles, resolutions and holders come from data/mandates.json,
instrument names and articles from data/instruments.json, treaty years from
data/treaty-status; every sentence of prose is invented here. Speed does not
matter; only the Python standard library is used.
"""
import argparse
import calendar
import csv
import datetime
import hashlib
import json
import os
import random
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
ISO_JSON = "/usr/share/iso-codes/json/iso_3166-1.json"

FIRST_YEAR, LAST_YEAR = 2011, 2025
MONTHS = list(calendar.month_name)[1:]

# --- invented names -------------------------------------------------------------------------
SYL = ["ka", "lo", "mi", "ra", "sa", "te", "vi", "na", "do", "el", "ar", "is", "yu", "ze", "bo",
       "fa", "ha", "jo", "ku", "li", "ma", "ne", "or", "pa", "ri", "su", "ta", "ul", "va", "wi",
       "ya", "za", "an", "be", "ci", "de", "go", "mu", "no", "pe", "ro", "si", "tu", "ve", "dar",
       "mel", "tor", "bel", "kas", "lin", "mor", "nar", "sel", "tam", "vor", "zel", "gar", "hal"]
GIVEN_END = ["a", "o", "en", "ir", "an", "ia", "el", "us", "ou", "ek", "ah", "im", "ina", "is", "et"]
FAMILY_END = ["ov", "ova", "ez", "escu", "ian", "ski", "oglu", "dze", "ani", "ovic", "sson", "wala",
              "ema", "ndi", "oye", "ito", "aki", "ssa", "ter", "man", "ero", "uddin", "ari", "enko"]
PLACE_END = ["ovo", "abad", "pur", "sk", "ton", "ia", "ero", "ana", "ville", "dorf", "kent", "ar",
             "ang", "oro", "ba", "ime", "ul", "esh", "ganj", "polis", "ita", "mba"]


def given_name(rng):
    return (rng.choice(SYL) + rng.choice(SYL) + rng.choice(GIVEN_END)).capitalize()


def family_name(rng):
    parts = rng.choice(SYL) + rng.choice(SYL)
    if rng.random() < 0.35:
        parts += rng.choice(SYL)
    return (parts + rng.choice(FAMILY_END)).capitalize()


def place_name(rng):
    return (rng.choice(SYL) + rng.choice(SYL) + rng.choice(PLACE_END)).capitalize()


# --- shared vocabulary ----------------------------------------------------------------------
COMMON = {
    "authority": ["the police", "officers of the State Security Service", "members of the National Guard",
                  "agents of the Directorate of Intelligence", "the municipal authorities",
                  "officials of the Ministry of the Interior", "plain-clothes officers",
                  "the Prosecutor General's Office", "the Investigative Committee", "military personnel",
                  "border guards", "the Anti-Extremism Centre", "the Counter-Terrorism Department",
                  "prison staff", "the regional administration", "riot police", "the gendarmerie",
                  "members of a pro-government militia", "officers of the criminal investigation unit",
                  "the Special Operations Brigade", "immigration officers", "forest rangers"],
    "court": ["the {town} District Court", "the Supreme Court", "the Court of Appeal of {region}",
              "a military tribunal sitting in {town}", "the Criminal Court of {town}",
              "the Administrative Court of {region}", "the Specialized Criminal Court",
              "the Court of First Instance of {town}", "the Constitutional Court",
              "the Regional Court of {region}"],
    "charge": ["membership of a banned organization", "spreading false information",
               "inciting social discord", "undermining State security", "participation in mass riots",
               "financing terrorism", "taking part in an unlawful gathering", "insulting public officials",
               "tax evasion", "forgery of official documents", "hooliganism",
               "organizing an unauthorized event", "espionage", "extremism", "defamation of the State",
               "obstructing public works", "propaganda against the State", "illegal border crossing",
               "disturbing public order", "damage to public property", "collaboration with foreign agents",
               "incitement to hatred", "unlawful possession of weapons", "misuse of telecommunications"],
    "profession": ["journalist", "lawyer", "teacher", "trade union leader", "blogger", "student",
                   "farmer", "environmental activist", "human rights defender", "medical doctor",
                   "religious leader", "community leader", "researcher", "land rights activist",
                   "fisherman", "nurse", "engineer", "poet", "photographer", "midwife", "economist",
                   "university lecturer", "social worker", "mine worker", "street vendor", "musician",
                   "filmmaker", "translator", "veterinarian", "shepherd", "cartoonist", "archivist"],
    "org_kind": ["Centre for Human Rights", "Legal Aid Foundation", "Lawyers' Collective",
                 "Committee of Mothers", "Union of Journalists", "Association of Rural Women",
                 "Coalition for Land Justice", "Environmental Watch", "Institute for Democracy",
                 "Network of Defenders", "Bar Association", "Youth Movement", "Workers' Federation",
                 "Council of Elders", "Observatory for Prison Conditions", "Media Freedom Centre",
                 "Housing Rights Alliance", "Indigenous Council", "Press Club", "Students' Union",
                 "Victims' Association", "Tenants' Union", "Forum for Equality", "Water Committee"],
    "law_topic": ["Public Gatherings", "Counter-Extremism", "Non-Commercial Organizations", "Mass Media",
                  "Cybersecurity", "Foreign Agents", "Land Acquisition", "Public Order", "State Secrets",
                  "Religious Activity", "Internet Regulation", "Emergency Powers", "Urban Renewal",
                  "Mining", "Forestry", "Migration", "Counter-Terrorism", "Broadcasting", "Associations",
                  "Special Economic Zones", "Prisons", "Police", "Telecommunications", "Water Resources"],
    "harm": ["lost consciousness", "suffered fractured ribs", "was left with burns on the forearms",
             "sustained a head injury", "required surgery", "lost hearing in one ear",
             "developed a chronic respiratory illness", "suffered a miscarriage",
             "was unable to walk for several weeks", "showed signs of severe psychological trauma",
             "lost several teeth", "was hospitalized in intensive care", "suffered kidney damage",
             "was left with permanent scarring", "lost the sight of one eye",
             "suffered repeated panic attacks", "was diagnosed with post-traumatic stress disorder"],
    "weekday": ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"],
    "timeofday": ["in the early hours of the morning", "late in the evening", "around midday",
                  "shortly before dawn", "at about 2 a.m.", "in the afternoon", "after nightfall"],
    "source": ["relatives", "a lawyer who visited the site", "several eyewitnesses",
               "a local civil society organization", "medical records seen by the family",
               "video footage circulated on social media", "former detainees", "neighbours",
               "a leaked internal memorandum", "satellite imagery", "a journalist present at the scene",
               "community representatives", "court documents", "a parliamentary inquiry"],
    "reaction": ["denied any wrongdoing", "declined to comment", "described the allegations as fabricated",
                 "announced an internal review", "said that the officers acted within the law",
                 "promised an investigation which has not yet started",
                 "accused the complainants of seeking to discredit the State",
                 "stated that the measures were temporary", "refused to receive the complaint"],
}

GENERIC_FACTS = [
    "On {date1}, {authority} {act} in {town}, {region}.",
    "According to {source}, {people} {victims} were affected, and at least {small} of them {harm}.",
    "The {org} documented {small} similar incidents in {region} between {month1} and {month2} {yearb}.",
    "{Victim} {harm} and was denied adequate medical care for {days} days.",
    "When relatives went to {place} to ask about {his} whereabouts, {authority} {reaction}.",
    "The complaint lodged by {his} family on {date2} with the Prosecutor's Office in {town} has received no reply.",
    "Under the Law on {law_topic} adopted in {yearb}, offences of this kind carry penalties of up to {years} years of imprisonment.",
    "A report published by the {org} in {yearb} estimated that {pct} per cent of {victims} in {region} had faced comparable treatment.",
    "{Victim} was charged with {charge} under article {artno} of the Criminal Code and is due to appear before {court}.",
    "The authorities have since {reaction2}, while {source} continue to report pressure on witnesses.",
    "On {weekday}, {date2}, {timeofday}, a group of {small} officers arrived at the home of {victim_last} in {town}.",
    "Reportedly, the lawyer retained by the family, {lawyer}, was prevented from meeting {him} on {small} occasions.",
    "In {month1} {yearb}, {money} was allocated to the programme, although {source} indicate that only a fraction reached {victims}.",
    "The events took place {timeofday}, when {authority} sealed off the {district} district of {town}.",
    "{His} relatives were told by {authority} that {he} had been transferred to {place}, but no official record of the transfer exists.",
    "Between {yearb} and {yeara}, the number of complaints of this nature recorded in {region} rose from {small} to {people}.",
    "{lawyer}, who represents {small} of the {victims}, stated that {his2} clients were questioned without an interpreter.",
    "It is alleged that the measures were taken in reprisal for {his} cooperation with the {org}.",
    "The {org} submitted a petition signed by {people} residents of {region} on {date2}.",
    "Medical examinations carried out on {date2} at the hospital of {town} recorded injuries consistent with the account of {victim_last}.",
    "Two days later, {authority} {act2}, according to {source}.",
    "The family learned of the arrest only on {date2}, through a post on the website of the regional prosecutor.",
    "Requests for information addressed to the governor of {region} on {date1} and {date2} went unanswered.",
    "In a televised address on {date2}, a senior official described the {victims} concerned as 'provocateurs paid from abroad'.",
    "A parliamentary commission visited {town} in {month1} {yeara} but its findings have not been made public.",
    "Several {victims} who spoke to the {org} asked that their names be withheld for fear of reprisals.",
    "The {org} estimates the cost of the damage at {money}, a sum equal to several years of income for most households in {town}.",
    "Footage reviewed by {source} shows {authority} using batons against people who were lying on the ground.",
    "By {month2} {yeara}, {small} of the persons concerned had been released on condition that they report weekly to the police.",
    "The national human rights institution opened an inquiry on {date2}, but has not had access to the sites concerned.",
    "{Victim} has been unable to work since the events, and {his} {small} children have stopped attending school.",
    "A second complaint, submitted by the {org} to the ombudsperson on {date2}, was declared inadmissible on procedural grounds.",
    "Local officials reportedly told residents that further protests would lead to the loss of social benefits.",
    "On appeal, {court} confirmed the decision on {date2} without hearing the witnesses proposed by the defence.",
    "The decision was taken under a decree of {month1} {yearb}, which was never published in the official gazette.",
    "Approximately {people} people live in the area concerned, most of them dependent on small-scale farming, fishing or seasonal work.",
    "{lawyer} was warned by an investigator that {his2} own licence could be reviewed if the complaint was not withdrawn.",
    "A statement issued by the Ministry on {date2} announced the creation of a working group, whose composition has not been disclosed.",
    "The hearings before {court} have been closed to the public and to diplomatic observers since {month1} {yeara}.",
    "Independent doctors who examined {victim_last} on {date2} found bruising on the back and legs and a fracture of the left wrist.",
    "Neighbours reported that the {district} quarter of {town} was without electricity for {days} days after the operation.",
    "International partners financing the programme were informed of the allegations in {month1} {yeara}, according to the {org}.",
    "The official figure of {small} victims is disputed by the {org}, which has recorded the names of {people} persons.",
    "The governor of {region} stated on {date2} that the operation had been carried out 'in full respect of the law'.",
    "Complaints filed with the police in {town} were reportedly registered only after the intervention of a member of parliament.",
]

GENERIC_CONCERN_OPENERS = [
    "Without prejudging the accuracy of these allegations, we express serious concern at",
    "While we do not wish to prejudge the facts, we are deeply concerned about",
    "Without drawing conclusions on the facts at this stage, we wish to express our grave concern at",
    "We are seriously concerned, if the information received is accurate, about",
    "Although we do not wish to prejudge the accuracy of the information received, we are alarmed by",
]

GENERIC_QUESTIONS = [
    "Please provide detailed information on the legal basis for the measures described above and explain how they are compatible with the international human rights obligations of {country_the}.",
    "Please indicate whether any investigation has been opened into the allegations summarized above and, if so, provide its results; if no investigation has been opened, please explain why.",
    "Please provide information on the steps taken to ensure that {victims_short} and their relatives are protected from any form of intimidation or reprisal, including for having communicated with the United Nations.",
    "Please describe the remedies available to the persons concerned, including compensation and rehabilitation, and indicate whether any have been granted.",
    "Please explain what measures have been taken to prevent the recurrence of similar events in {region} and elsewhere in the country.",
    "Please indicate whether the persons concerned had prompt access to a lawyer of their choice, to their families and to independent medical care.",
    "Please provide information on any consultation held with the communities affected before the decisions referred to above were taken.",
    "Please provide the number of complaints of this kind received by the competent authorities since {yearb}, and their outcome.",
]

# --- themes ---------------------------------------------------------------------------------
# Each theme: mandates (slugs, most relevant first), related mandates that may join, what
# the letter is about, the words its facts draw on, its concerns, questions, the treaties
# it alleges violations of, and its annex sections. All the prose is ours.
THEMES = {
    "torture": {
        "mandates": ["torture", "arbitrary-detention", "health"],
        "related": ["executions", "disappearances", "judges-lawyers", "defenders", "counter-terrorism"],
        "subject": ["allegations of torture and ill-treatment in police custody",
                    "the ill-treatment of detainees held in pre-trial detention",
                    "beatings and sexual violence against persons held in an unofficial detention site",
                    "the death in custody of a detainee following alleged torture"],
        "victims": ["detainees", "prisoners", "suspects", "inmates", "young men"],
        "act": ["beat detainees with rubber truncheons", "subjected suspects to electric shocks",
                "suspended prisoners by the wrists for hours", "forced detainees into stress positions",
                "deprived detainees of sleep for several days", "staged mock executions",
                "poured freezing water over handcuffed detainees", "burned detainees with cigarettes",
                "placed plastic bags over the heads of suspects", "threatened detainees with rape",
                "forced prisoners to sign confessions they were not allowed to read"],
        "place": ["an unofficial detention site near {town}", "the basement of the police headquarters in {town}",
                  "pre-trial detention centre No. {small}", "a temporary holding facility in {region}",
                  "penal colony No. {small}", "the isolation ward of {town} prison"],
        "facts": ["During interrogation, {victim_last} was reportedly hooded, handcuffed to a radiator and kicked in the abdomen until {he} agreed to sign a statement.",
                  "A forensic examination requested by the defence was refused by the investigator on {date2}, on the ground that the bruises were self-inflicted.",
                  "Former detainees described a cell of {small} square metres holding up to {small2} people, without ventilation, and with access to a toilet twice a day.",
                  "The confession obtained under duress was admitted as evidence by {court}, despite the retraction made by {victim_last} at the first hearing."],
        "concerns": ["the reported use of torture to extract confessions and their admission as evidence",
                     "the absence of any prompt and impartial investigation into the injuries documented",
                     "the conditions of detention described, which may amount to cruel, inhuman or degrading treatment"],
        "questions": ["Please provide information on the medical examinations conducted on {victim_last} upon arrival at {place_short} and on their findings.",
                      "Please explain the measures taken to exclude from judicial proceedings any statement obtained as a result of torture or ill-treatment.",
                      "Please indicate whether the officers allegedly involved have been suspended pending the investigation."],
        "violations": [("ICCPR", ["7", "9", "10", "14"]), ("CAT", ["1", "2", "12", "13", "14", "15", "16"])],
        "annex": [("Prohibition of torture and ill-treatment", [
            "The prohibition of torture and other cruel, inhuman or degrading treatment is absolute and non-derogable: no emergency, threat of war or instability may be invoked to justify it. It forms part of customary international law and binds every State, whether or not it has ratified the relevant treaties.",
            "States must investigate promptly and impartially whenever there are reasonable grounds to believe that torture has been committed, even in the absence of a formal complaint, and must ensure that any statement obtained through torture is excluded from evidence, except against the person accused of the torture.",
            "Victims are entitled to redress, which includes restitution, fair and adequate compensation, rehabilitation, satisfaction and guarantees of non-repetition. Rehabilitation should be holistic, combining medical, psychological, legal and social services."]),
            ("Conditions of detention", [
            "Every person deprived of liberty must be treated with humanity and respect for the inherent dignity of the human person. Overcrowding, lack of ventilation, insufficient food and water and the denial of medical care may, alone or together, amount to ill-treatment.",
            "Prolonged solitary confinement, meaning isolation for more than fifteen consecutive days, should be prohibited, and solitary confinement should never be imposed on persons with mental or physical disabilities, on pregnant women or on children."])],
    },
    "detention": {
        "mandates": ["arbitrary-detention", "judges-lawyers", "torture"],
        "related": ["defenders", "expression", "counter-terrorism", "health"],
        "subject": ["the arbitrary arrest and prolonged pre-trial detention of a {profession}",
                    "the detention without charge of several members of the opposition",
                    "the continued detention of {victim} despite the expiry of the legal time limit"],
        "victims": ["detainees", "opposition members", "activists", "relatives of the accused"],
        "act": ["arrested {small} people without a warrant", "held suspects incommunicado for several days",
                "extended pre-trial detention orders without a hearing", "refused to register the arrests",
                "transferred detainees to a facility far from their families"],
        "place": ["the remand prison of {town}", "a police station in the {district} district",
                  "the detention facility of the security services in {town}", "a military barracks outside {town}"],
        "facts": ["{Victim} was not informed of the reasons for {his} arrest and was brought before a judge only after {days} days.",
                  "The pre-trial detention of {victim_last} has been extended {small} times, each time by a closed hearing lasting a few minutes.",
                  "The defence was given access to the case file, which runs to {people} pages, only {days} days before the trial opened.",
                  "Requests for release on bail, filed on {date2}, were rejected without reasons by {court}."],
        "concerns": ["the apparent lack of any legal basis for the deprivation of liberty",
                     "the repeated extension of pre-trial detention without individual assessment",
                     "the restrictions placed on access to counsel of one's choice"],
        "questions": ["Please provide information on the legal grounds for the arrest and continued detention of {victim_last}, and explain how they are compatible with articles 9 and 14 of the ICCPR.",
                      "Please indicate the dates on which {victim_last} was brought before a judge, and the reasons given for each decision to extend the detention.",
                      "Please explain how the right to challenge the lawfulness of detention before a court is guaranteed in practice."],
        "violations": [("ICCPR", ["9", "10", "14", "19", "26"]), ("UDHR", ["9", "10", "11"])],
        "annex": [("Arbitrary deprivation of liberty", [
            "Deprivation of liberty is arbitrary when it has no legal basis, when it results from the exercise of rights and freedoms protected by international law, when fair trial guarantees are gravely disregarded, or when it rests on discrimination of any kind.",
            "Anyone arrested must be informed promptly of the reasons and charges, brought before a judge within a short time, usually not exceeding forty-eight hours, and tried within a reasonable time or released. Pre-trial detention should be the exception, not the rule.",
            "The right to challenge the lawfulness of detention before a court is a self-standing human right, which may not be suspended even in a state of emergency."])],
    },
    "disappearance": {
        "mandates": ["disappearances", "arbitrary-detention", "torture"],
        "related": ["executions", "truth", "defenders"],
        "subject": ["the enforced disappearance of {victim}",
                    "the fate and whereabouts of persons last seen in the custody of the security forces",
                    "a pattern of short-term enforced disappearances of activists"],
        "victims": ["disappeared persons", "relatives of the disappeared", "young men", "activists"],
        "act": ["took {victim_last} away in an unmarked vehicle", "denied holding the men",
                "refused to disclose where the detainees were held", "raided the family home without a warrant"],
        "place": ["a checkpoint on the road to {town}", "an unmarked building in {town}",
                  "the headquarters of the intelligence services in {region}"],
        "facts": ["Witnesses saw {victim_last} being forced into a grey minivan without number plates on {date2}; {his} family has had no news since.",
                  "The habeas corpus petition filed by the family was dismissed by {court} after the authorities stated that {victim_last} was not in their custody.",
                  "Some {small} families of disappeared persons in {region} gather every {weekday} in front of the governorate to demand information.",
                  "A DNA database announced in {yearb} to identify human remains has not yet become operational."],
        "concerns": ["the refusal to acknowledge the deprivation of liberty and to disclose the fate and whereabouts of the persons concerned",
                     "the anguish caused to the relatives, which may itself amount to ill-treatment",
                     "the absence of a search strategy and of an independent investigation"],
        "questions": ["Please provide information on the fate and whereabouts of {victim_last}, and if {he} is deprived of liberty, on the place and legal basis of the detention.",
                      "Please indicate the search measures taken since the disappearance, and whether the relatives have been informed of their progress.",
                      "Please indicate whether enforced disappearance is defined as an autonomous offence in domestic criminal law."],
        "violations": [("ICPPED", ["1", "2", "3", "12", "17", "24"]), ("ICCPR", ["2", "6", "7", "9", "16"])],
        "annex": [("Enforced disappearance", [
            "No circumstance whatsoever may be invoked to justify an enforced disappearance. The practice places the person outside the protection of the law and violates the rights to recognition as a person before the law, to liberty and security, to freedom from torture and, where death results, to life.",
            "Every person deprived of liberty must be held in an officially recognized place, and accurate records must be kept and made available to relatives and counsel. The obligation to search for disappeared persons continues until their fate is established.",
            "Relatives of the disappeared are themselves victims: they have the right to know the truth about the circumstances of the disappearance, the progress of the investigation and the fate of the person, and to obtain reparation."])],
    },
    "executions": {
        "mandates": ["executions", "torture", "arbitrary-detention"],
        "related": ["judges-lawyers", "counter-terrorism", "minorities"],
        "subject": ["the imminent execution of {victim}",
                    "killings of protesters by security forces",
                    "the imposition of death sentences after unfair trials"],
        "victims": ["prisoners on death row", "protesters", "bystanders", "members of a minority"],
        "act": ["opened fire on a crowd with live ammunition", "carried out executions without notifying the families",
                "killed {small} people during a raid", "handed down death sentences in a mass trial"],
        "place": ["the central prison of {town}", "the main square of {town}", "a village in {region}"],
        "facts": ["The death sentence against {victim_last} was upheld by {court} on {date2}, after a trial lasting a single day.",
                  "{Victim} was {age} years old at the time of the alleged offence, according to a birth certificate produced by the family.",
                  "Autopsies were not carried out, and the bodies of {small} victims were buried by the authorities without the consent of their relatives.",
                  "The family was informed of the scheduled execution only {small} days in advance, by a telephone call from the prison administration."],
        "concerns": ["the imposition of the death penalty for offences that do not meet the threshold of the most serious crimes",
                     "the reported use of lethal force that was neither necessary nor proportionate",
                     "the failure to investigate the killings in line with the Minnesota Protocol"],
        "questions": ["Please explain how the death sentence imposed on {victim_last} is compatible with article 6 of the ICCPR, in particular its restriction to the most serious crimes.",
                      "Please provide information on any investigation into the deaths, including autopsy results, and on the identity of those responsible.",
                      "Please indicate whether the Government intends to establish a moratorium on executions."],
        "violations": [("ICCPR", ["6", "7", "14"]), ("CRC", ["6", "37"])],
        "annex": [("Right to life", [
            "Every human being has the inherent right to life, and no one may be arbitrarily deprived of it. In States that have not abolished the death penalty, it may be imposed only for the most serious crimes, involving intentional killing, and only after proceedings that respect every guarantee of a fair trial.",
            "Law enforcement officials may use lethal force only when strictly unavoidable to protect life. Every death resulting from the use of force must be investigated promptly, independently and thoroughly, and the families must be involved in the investigation.",
            "The death penalty may never be imposed for offences committed by persons under eighteen years of age, nor carried out on pregnant women or on persons with serious psychosocial or intellectual disabilities."])],
    },
    "expression": {
        "mandates": ["expression", "defenders", "privacy"],
        "related": ["assembly-association", "arbitrary-detention", "judges-lawyers", "cultural-rights"],
        "subject": ["the prosecution of a {profession} for {his} online publications",
                    "the blocking of independent news websites",
                    "the criminal defamation proceedings brought against journalists"],
        "victims": ["journalists", "bloggers", "editors", "media workers", "social media users"],
        "act": ["blocked access to {small} independent news portals", "seized the equipment of a newsroom",
                "summoned editors for questioning", "revoked the broadcasting licence of a radio station",
                "shut down mobile internet in {region}"],
        "place": ["the offices of the weekly newspaper in {town}", "a radio station in {town}",
                  "the press centre of {region}"],
        "facts": ["{Victim} had published a series of articles on the management of public funds in {region}, the last of which appeared on {date2}.",
                  "The prosecution relies on {small} posts shared on social media, which the expert commissioned by the investigator described as 'destabilizing'.",
                  "The internet shutdown in {region} lasted {days} days and affected about {people} subscribers, according to a telecommunications regulator.",
                  "Since {yearb}, at least {small} journalists have left the country after receiving threats."],
        "concerns": ["the use of criminal law to silence legitimate reporting on matters of public interest",
                     "the broad and vague wording of the offences relied upon",
                     "the chilling effect of these measures on independent media"],
        "questions": ["Please explain how the charges against {victim_last} are compatible with article 19 of the ICCPR, including the requirements of legality, necessity and proportionality.",
                      "Please provide information on the legal basis and duration of the internet restrictions imposed in {region}.",
                      "Please indicate the measures taken to protect journalists against threats and attacks, and to investigate those reported."],
        "violations": [("ICCPR", ["17", "19", "21", "22"]), ("UDHR", ["19"])],
        "annex": [("Freedom of opinion and expression", [
            "Freedom of expression protects the right to seek, receive and impart information and ideas of all kinds, regardless of frontiers and through any media. Restrictions must be provided by law, pursue a legitimate aim and be necessary and proportionate to that aim.",
            "Criminal defamation laws should be abolished; imprisonment is never an appropriate penalty for defamation. Public figures, including heads of State, are legitimately subject to criticism and political opposition.",
            "General shutdowns of internet or telecommunications services are disproportionate by their nature and cannot be justified, even on grounds of public order or national security."])],
    },
    "assembly": {
        "mandates": ["assembly-association", "expression", "executions"],
        "related": ["torture", "arbitrary-detention", "defenders"],
        "subject": ["the violent dispersal of peaceful protests in {town}",
                    "the dissolution of a registered association",
                    "restrictions on public gatherings adopted under the state of emergency"],
        "victims": ["protesters", "organizers", "students", "workers on strike", "association members"],
        "act": ["dispersed a peaceful march with tear gas and water cannon", "fired rubber bullets at close range",
                "detained {people} protesters in a single day", "kettled demonstrators for several hours",
                "refused to register the association for the third time"],
        "place": ["the central square of {town}", "the university campus in {town}", "the gates of the factory in {region}"],
        "facts": ["The march of {date2}, attended by some {people} people, had been notified to the authorities {small} days in advance as required by law.",
                  "Of the {people} people detained, {small} were sentenced to administrative detention of up to {days} days in hearings held at night.",
                  "The association, founded in {yearb} and counting {people} members, was dissolved by {court} for 'activities not foreseen in its statute'.",
                  "Organizers were fined {money} each for holding an event outside the designated protest zone."],
        "concerns": ["the disproportionate use of force against peaceful protesters",
                     "the blanket restrictions on assemblies, which go beyond what is permissible",
                     "the dissolution of an association on vague grounds"],
        "questions": ["Please provide information on the legal basis for the dispersal of the assembly of {date2} and on the rules of engagement given to the officers.",
                      "Please indicate whether any officer has been investigated for the injuries caused to protesters.",
                      "Please explain the grounds for the refusal to register, or the dissolution of, the association concerned."],
        "violations": [("ICCPR", ["19", "21", "22"]), ("ICESCR", ["8"])],
        "annex": [("Freedom of peaceful assembly and of association", [
            "Everyone has the right to take part in peaceful assemblies, whether static or moving, in public or private spaces. A notification regime may not operate as a requirement of authorization, and the failure to notify does not render an assembly unlawful.",
            "Force may be used in the policing of assemblies only when strictly necessary and to the minimum extent required. Firearms are never an appropriate tool to disperse an assembly, and indiscriminate firing into a crowd is always unlawful.",
            "The involuntary dissolution of an association is the most severe restriction of the freedom of association and may be imposed only where there is a clear and imminent danger resulting in a flagrant violation of national law."])],
    },
    "defenders": {
        "mandates": ["defenders", "assembly-association", "expression"],
        "related": ["arbitrary-detention", "judges-lawyers", "women-girls", "environment"],
        "subject": ["threats and judicial harassment against a {profession} and human rights defender",
                    "the smear campaign against members of the {org}",
                    "reprisals against defenders who cooperated with the United Nations"],
        "victims": ["human rights defenders", "women defenders", "members of the organization", "community leaders"],
        "act": ["placed the defender under covert surveillance", "froze the bank accounts of the organization",
                "imposed a travel ban on {small} defenders", "searched the offices of the organization",
                "labelled the defenders 'foreign agents' on State television"],
        "place": ["the offices of the {org} in {town}", "the airport of {town}", "the home of {victim_last}"],
        "facts": ["{Victim}, a {profession} who has worked with the {org} since {yearb}, received {small} anonymous threatening messages in {month1}.",
                  "The travel ban prevented {victim_last} from attending a session of a United Nations treaty body in {month1} {yeara}.",
                  "The organization was fined {money} for failing to label its publications under the Law on {law_topic}.",
                  "Posts describing the defenders as traitors were shared more than {people} times, some of them by officials."],
        "concerns": ["the pattern of harassment that appears aimed at preventing legitimate human rights work",
                     "the possible link between these measures and cooperation with the United Nations",
                     "the stigmatizing statements made by public officials"],
        "questions": ["Please provide information on the measures taken to guarantee the safety of {victim_last} and the members of the {org_short}.",
                      "Please explain the legal basis for the travel ban and the freezing of assets, and how these measures comply with international human rights law.",
                      "Please indicate the steps taken to ensure that defenders can work in a safe and enabling environment, free of intimidation."],
        "violations": [("ICCPR", ["12", "17", "19", "21", "22"]), ("UDHR", ["19", "20"])],
        "annex": [("The situation of human rights defenders", [
            "Everyone has the right, individually and in association with others, to promote and strive for the protection of human rights. States must protect defenders against violence, threats, retaliation and any other arbitrary action resulting from their legitimate activities.",
            "Acts of intimidation or reprisal against those who cooperate or seek to cooperate with the United Nations are unacceptable, and States should investigate them and hold perpetrators to account.",
            "Women human rights defenders face specific risks, including gendered smear campaigns and sexual violence, and protection measures should take these risks into account."])],
    },
    "housing": {
        "mandates": ["housing", "extreme-poverty", "water-sanitation"],
        "related": ["idps", "food", "health", "education", "older-persons", "disability"],
        "subject": ["the forced eviction of residents of an informal settlement in {town}",
                    "the demolition of homes without adequate notice or resettlement",
                    "the lack of access to housing and water for families living in {district}"],
        "victims": ["residents", "families", "tenants", "households", "street vendors"],
        "act": ["demolished {people} homes with bulldozers", "cut off the water supply to the settlement",
                "evicted families during the rainy season", "burned the belongings of the residents",
                "ordered tenants to leave within {small} days"],
        "place": ["the {district} settlement on the edge of {town}", "a riverside neighbourhood of {town}",
                  "the old market district of {town}"],
        "facts": ["The settlement, home to about {people} people, has existed since {yearb}; many residents hold receipts for land taxes paid to the municipality.",
                  "Eviction notices were pasted on doors on {date2}, giving the families {days} days to leave, without any offer of alternative accommodation.",
                  "The demolitions make way for a commercial development financed with {money}, according to documents published by the municipality.",
                  "After the eviction, about {small} families were living under plastic sheeting next to a drainage canal, with one water tap for {people} people."],
        "concerns": ["evictions carried out without genuine consultation, due process or adequate alternative housing",
                     "the impact on children, older persons and persons with disabilities",
                     "the destruction of property and the loss of livelihoods"],
        "questions": ["Please provide information on the consultations held with the residents before the eviction and on the notice they received.",
                      "Please indicate what alternative housing or compensation has been offered to the families evicted from {district}.",
                      "Please explain how the development project was assessed for its impact on the right to adequate housing."],
        "violations": [("ICESCR", ["2", "11", "12"]), ("CRC", ["27"]), ("ICCPR", ["17"])],
        "annex": [("Right to adequate housing", [
            "The right to adequate housing is part of the right to an adequate standard of living. It covers legal security of tenure, the availability of services, affordability, habitability, accessibility, location and cultural adequacy.",
            "Forced evictions are prima facie incompatible with the Covenant and may be justified only in the most exceptional circumstances, after genuine consultation, adequate notice, legal remedies and the provision of adequate alternative housing. Evictions should not render anyone homeless.",
            "The rights to safe drinking water and sanitation require that water be available, safe, acceptable and affordable, and that no one be disconnected for inability to pay."])],
    },
    "indigenous": {
        "mandates": ["indigenous", "environment", "food"],
        "related": ["business", "defenders", "minorities", "water-sanitation", "peasants", "cultural-rights"],
        "subject": ["the impact of a mining concession on the ancestral lands of the {people_name} people",
                    "the eviction of an indigenous community from a protected forest",
                    "the killing of indigenous land defenders in {region}"],
        "victims": ["indigenous communities", "members of the {people_name} people", "forest dwellers", "herders"],
        "act": ["granted a logging concession on ancestral land", "built a dam that flooded the community's fields",
                "fenced off traditional grazing land", "destroyed a sacred site during road works"],
        "place": ["the ancestral territory of the {people_name} people in {region}", "the forest reserve of {town}",
                  "the river valley above {town}"],
        "facts": ["The concession covers about {area}, including burial grounds and hunting areas used by the {people_name} for generations.",
                  "No free, prior and informed consent was sought; a single meeting held on {date2} in {town} was conducted in a language most community members do not speak.",
                  "Water samples taken downstream in {month1} {yeara} showed mercury levels {small} times above the national limit.",
                  "{Victim}, a spokesperson of the {people_name}, was shot dead on {date2} on {his} way back from a community assembly."],
        "concerns": ["the absence of free, prior and informed consent of the indigenous peoples concerned",
                     "the environmental damage and its consequences for health, food and culture",
                     "the violence against indigenous leaders opposing the project"],
        "questions": ["Please provide information on the consultation process with the {people_name} people and on how their free, prior and informed consent was sought.",
                      "Please indicate the environmental and social impact assessments carried out before the concession was granted.",
                      "Please indicate the measures taken to recognize and demarcate the ancestral lands of the community."],
        "violations": [("ICCPR", ["1", "6", "27"]), ("ICESCR", ["1", "11", "12", "15"]), ("ICERD", ["2", "5"])],
        "annex": [("Rights of indigenous peoples", [
            "Indigenous peoples have the right to the lands, territories and resources they have traditionally owned, occupied or used, and States must give legal recognition to these lands with due respect for their customs and land tenure systems.",
            "States must consult indigenous peoples in good faith, through their own representative institutions, to obtain their free, prior and informed consent before approving any project affecting their lands, particularly in connection with the exploitation of mineral, water or other resources.",
            "Indigenous peoples shall not be forcibly removed from their lands; no relocation shall take place without their consent and without agreement on just and fair compensation and, where possible, the option of return."])],
    },
    "business": {
        "mandates": ["business", "environment", "toxics"],
        "related": ["water-sanitation", "health", "indigenous", "slavery", "housing", "food"],
        "subject": ["the human rights impacts of the operations of a mining company in {region}",
                    "toxic emissions from an industrial plant near {town}",
                    "labour exploitation in the supply chain of a garment manufacturer"],
        "victims": ["workers", "local residents", "farmers", "fishing communities", "contract workers"],
        "act": ["discharged untreated waste into the river", "dismissed workers who joined a union",
                "used private security guards to break up a sit-in", "expanded the open-pit mine onto farmland"],
        "place": ["the processing plant outside {town}", "the tailings dam above {town}", "the factory compound in {district}"],
        "facts": ["The plant, operated by a subsidiary of {company}, processes about {people} tonnes of ore per day.",
                  "A collapse of the tailings dam on {date2} released an estimated {people} cubic metres of sludge, reaching {small} villages downstream.",
                  "Workers reported shifts of up to {small2} hours and wages of {money} a month, below the legal minimum.",
                  "Residents of {town} recorded a rise in respiratory illness among children after {yearb}, according to the district health office."],
        "concerns": ["the failure to exercise human rights due diligence",
                     "the environmental contamination affecting health, water and livelihoods",
                     "the lack of access to effective remedy for those affected"],
        "questions": ["Please provide information on the human rights due diligence carried out in relation to the operations described above.",
                      "Please indicate what remediation and compensation has been provided to the communities affected by the contamination.",
                      "Please describe the grievance mechanisms available to workers and residents, and the complaints received through them."],
        "violations": [("ICESCR", ["6", "7", "11", "12"]), ("ICCPR", ["6", "17", "22"])],
        "annex": [("Business and human rights", [
            "States must protect against human rights abuse by third parties, including business enterprises, through effective policies, legislation, regulation and adjudication. Business enterprises have an independent responsibility to respect human rights, which exists over and above compliance with national laws.",
            "Human rights due diligence requires companies to identify, prevent, mitigate and account for how they address their adverse impacts, including those linked to their operations through their business relationships.",
            "Where business enterprises have caused or contributed to adverse impacts, they should provide for or cooperate in their remediation through legitimate processes."]),
            ("Right to a clean, healthy and sustainable environment", [
            "The right to a clean, healthy and sustainable environment has been recognized by the General Assembly. States should prevent exposure to hazardous substances and ensure access to information, participation and remedies in environmental matters."])],
    },
    "migrants": {
        "mandates": ["migrants", "trafficking", "torture"],
        "related": ["arbitrary-detention", "racism", "sale-children", "health"],
        "subject": ["pushbacks of migrants and asylum-seekers at the border",
                    "the detention of migrant children in closed facilities",
                    "deaths of migrants at sea following delayed rescue"],
        "victims": ["migrants", "asylum-seekers", "unaccompanied children", "migrant workers", "refugees"],
        "act": ["pushed back a group of {small} migrants across the border", "detained families in a closed camp",
                "confiscated the phones of asylum-seekers", "deported migrants without an individual assessment"],
        "place": ["the border crossing near {town}", "the reception centre of {town}", "the coast off {town}"],
        "facts": ["A boat carrying about {people} people sent a distress call on {date2}; rescue arrived {small2} hours later.",
                  "Children as young as {small} were held in the detention centre for up to {days} days.",
                  "Migrants reported being stripped, beaten and forced back across the river at night by men in balaclavas.",
                  "Of the {people} asylum applications lodged in {yeara}, fewer than {small} were examined on the merits."],
        "concerns": ["collective expulsions and the risk of refoulement",
                     "the detention of children on account of their migration status",
                     "the use of violence against migrants at the border"],
        "questions": ["Please explain how the individual situation of each person is assessed before removal, and how the principle of non-refoulement is respected.",
                      "Please provide information on alternatives to detention for children and families.",
                      "Please indicate whether any investigation has been opened into the deaths at sea."],
        "violations": [("ICCPR", ["6", "7", "9", "13"]), ("CAT", ["3", "16"]), ("CRC", ["3", "22", "37"])],
        "annex": [("Rights of migrants", [
            "The principle of non-refoulement prohibits the removal of any person to a place where there are substantial grounds for believing that he or she would be at risk of torture, persecution or other serious harm. It applies regardless of migration status and at borders.",
            "Immigration detention should be a measure of last resort, and children should never be detained for reasons related to their own or their parents' migration status.",
            "States must ensure that rescue at sea is provided without delay and that the bodies of migrants who have died are recovered, identified and returned to their families."])],
    },
    "religion": {
        "mandates": ["religion", "minorities", "racism"],
        "related": ["expression", "arbitrary-detention", "education", "cultural-rights"],
        "subject": ["the persecution of members of a religious minority",
                    "the closure of places of worship in {region}",
                    "blasphemy charges brought against {victim}"],
        "victims": ["believers", "members of the minority", "worshippers", "converts", "clergy"],
        "act": ["sealed {small} places of worship", "raided a private prayer meeting",
                "confiscated religious literature", "refused to register the religious community"],
        "place": ["a house of worship in {town}", "the community centre of the minority in {town}",
                  "a private home in the {district} district"],
        "facts": ["{Victim} was arrested on {date2} after a post that a neighbour reported as offensive to religion.",
                  "The community, which counts about {people} followers in {region}, has applied for registration {small} times since {yearb}.",
                  "Children belonging to the minority have been required to attend religious instruction of the majority faith.",
                  "The minority cemetery in {town} was vandalized on {date2}, and the police recorded the incident as petty damage."],
        "concerns": ["the criminalization of the peaceful manifestation of religion or belief",
                     "discrimination against members of a religious minority",
                     "the failure to protect places of worship from attacks"],
        "questions": ["Please explain how the restrictions placed on the community comply with article 18 of the ICCPR.",
                      "Please provide information on the registration requirements for religious communities and their application in this case.",
                      "Please indicate the measures taken to investigate the attacks against places of worship."],
        "violations": [("ICCPR", ["2", "18", "19", "26", "27"]), ("ICERD", ["5"])],
        "annex": [("Freedom of religion or belief", [
            "Freedom of thought, conscience and religion includes the freedom to have or adopt a religion or belief of one's choice and to manifest it, alone or in community with others, in worship, observance, practice and teaching. The freedom to have or adopt a belief admits no restriction.",
            "Registration should not be a precondition for the exercise of freedom of religion or belief, and blasphemy laws are incompatible with international human rights standards.",
            "Persons belonging to religious minorities shall not be denied the right, in community with the other members of their group, to profess and practise their own religion."])],
    },
    "women": {
        "mandates": ["violence-women", "women-girls", "sogi"],
        "related": ["health", "torture", "trafficking", "defenders", "education"],
        "subject": ["gender-based violence against women and the lack of protection",
                    "attacks against lesbian, gay, bisexual and transgender persons",
                    "restrictions on women's access to education and work"],
        "victims": ["women", "girls", "survivors of violence", "transgender women", "women workers"],
        "act": ["failed to act on {small} complaints of domestic violence", "raided a private party and arrested the guests",
                "subjected detained women to forced virginity tests", "ordered women to leave their workplaces"],
        "place": ["the women's shelter in {town}", "a police station in {town}", "the family court of {town}"],
        "facts": ["{Victim} had filed {small} complaints of domestic violence before {he} was killed by {his} former husband on {date2}.",
                  "The only shelter in {region} has {small2} beds for a population of about {people} women.",
                  "Those arrested were subjected to forced anal examinations and their photographs were published online.",
                  "Since {month1} {yeara}, girls over the age of {small} have been barred from attending secondary school."],
        "concerns": ["the failure to exercise due diligence to prevent and punish violence against women",
                     "discrimination on grounds of sex, sexual orientation and gender identity",
                     "the exclusion of women and girls from public life"],
        "questions": ["Please provide information on the protection orders and shelters available to women at risk of violence in {region}.",
                      "Please indicate the measures taken to investigate and prosecute the violence described above.",
                      "Please explain how the measures restricting women's access to education and work are compatible with the State's obligations."],
        "violations": [("CEDAW", ["1", "2", "5", "10", "11", "16"]), ("ICCPR", ["2", "3", "7", "17", "26"])],
        "annex": [("Violence and discrimination against women", [
            "Gender-based violence against women is a form of discrimination. States must exercise due diligence to prevent, investigate, punish and provide reparation for acts of violence against women, whether committed by State or private actors.",
            "Protection orders should be available promptly and without excessive formality, and shelters should be accessible to all women, including women with disabilities and migrant women.",
            "Everyone is entitled to protection against violence and discrimination based on sexual orientation and gender identity; forced anal examinations have no medical value and amount to cruel treatment."])],
    },
    "counter-terrorism": {
        "mandates": ["counter-terrorism", "arbitrary-detention", "privacy"],
        "related": ["torture", "expression", "defenders", "judges-lawyers", "minorities"],
        "subject": ["the use of counter-terrorism legislation against peaceful critics",
                    "the designation of a civil society organization as terrorist",
                    "the detention of persons under administrative security measures"],
        "victims": ["activists", "suspects", "members of the organization", "relatives of suspects"],
        "act": ["designated the organization as terrorist", "placed {small} people under administrative detention",
                "tried civilians before a special security court", "added the names of defenders to a terrorism list"],
        "place": ["the special security court in {town}", "a high-security prison in {region}"],
        "facts": ["The designation was made by executive decree on {date2}, without notice to the organization or any possibility of appeal.",
                  "The definition of terrorism in the Law on {law_topic} covers 'any act disturbing public order', an expression not further defined.",
                  "{Victim} has been held under renewable {days}-day administrative orders since {yearb}, on the basis of secret evidence.",
                  "Assets of the organization worth {money} were frozen, forcing it to dismiss {small} staff."],
        "concerns": ["the overly broad definition of terrorism and its use against civil society",
                     "the reliance on secret evidence and special courts",
                     "the effect of these measures on legitimate humanitarian and human rights work"],
        "questions": ["Please explain how the definition of terrorism in domestic law complies with the principle of legal certainty.",
                      "Please provide the factual and legal grounds for the designation of the organization, and the remedies available to challenge it.",
                      "Please indicate how the right to a fair trial is ensured in proceedings relying on classified information."],
        "violations": [("ICCPR", ["9", "14", "15", "17", "19", "22"]), ("UDHR", ["9", "11"])],
        "annex": [("Counter-terrorism and human rights", [
            "Counter-terrorism measures must comply with international law, in particular human rights, refugee and humanitarian law. Offences must be defined precisely, so that individuals know what conduct is prohibited, in keeping with the principle of legality.",
            "Measures against terrorist financing must not be used to restrict legitimate civil society activity, and listing procedures must offer notice, reasons and an effective means of review."])],
    },
    "health": {
        "mandates": ["health", "disability", "older-persons"],
        "related": ["extreme-poverty", "water-sanitation", "torture", "leprosy", "albinism"],
        "subject": ["the denial of medical care to prisoners with serious illnesses",
                    "the institutionalization of persons with psychosocial disabilities",
                    "shortages of essential medicines in public hospitals"],
        "victims": ["patients", "persons with disabilities", "older persons", "prisoners with illnesses"],
        "act": ["refused to transfer the patient to hospital", "held patients in locked wards without review",
                "cut the budget of district clinics by half", "restrained patients to beds for days"],
        "place": ["the psychiatric hospital of {town}", "the district clinic in {town}", "the prison infirmary in {town}"],
        "facts": ["{Victim}, who suffers from diabetes and a heart condition, was refused a specialist consultation {small} times.",
                  "The institution houses about {people} residents, some of whom have lived there for more than {small2} years without a review of their placement.",
                  "Stocks of insulin in {region} ran out for {days} days in {month1} {yeara}.",
                  "The per capita health budget fell by {pct} per cent between {yearb} and {yeara}."],
        "concerns": ["the denial of timely and adequate health care",
                     "deprivation of liberty on the basis of disability",
                     "retrogressive measures affecting access to essential medicines"],
        "questions": ["Please provide information on the medical care provided to {victim_last} and on any request for transfer to a civilian hospital.",
                      "Please indicate the measures taken to close institutions and develop community-based services for persons with disabilities.",
                      "Please provide data on the availability of essential medicines in public facilities in {region}."],
        "violations": [("ICESCR", ["2", "12"]), ("CRPD", ["12", "14", "19", "25"]), ("ICCPR", ["7", "10"])],
        "annex": [("Right to health", [
            "Everyone has the right to the enjoyment of the highest attainable standard of physical and mental health. Health facilities, goods and services must be available, accessible, acceptable and of good quality, and essential medicines are part of the minimum core obligations.",
            "The existence of a disability can in no case justify a deprivation of liberty. States should replace institutional care with support in the community, respecting the will and preferences of the persons concerned.",
            "Prisoners should enjoy the same standards of health care that are available in the community, free of charge and without discrimination."])],
    },
    "environment": {
        "mandates": ["environment", "toxics", "water-sanitation"],
        "related": ["climate-change", "health", "food", "indigenous", "business", "defenders"],
        "subject": ["air pollution from coal-fired power plants near {town}",
                    "the contamination of drinking water in {region}",
                    "the killing and harassment of environmental defenders"],
        "victims": ["residents", "children", "environmental defenders", "fishing communities", "farmers"],
        "act": ["approved the expansion of a coal plant without an impact assessment", "authorized the spraying of pesticides near schools",
                "allowed industrial waste to be dumped in a wetland", "arrested activists who blocked a logging road"],
        "place": ["the wetland south of {town}", "the industrial zone of {town}", "the coastal villages of {region}"],
        "facts": ["Measurements taken in {month1} {yeara} recorded fine particulate levels {small} times above the guideline value.",
                  "The river supplying about {people} people with drinking water was found to contain lead and cadmium.",
                  "{Victim}, who had campaigned against the landfill since {yearb}, was attacked with machetes on {date2}.",
                  "The permit for the plant was issued on {date2}, {small} weeks after a public hearing attended by only officials."],
        "concerns": ["exposure of the population to hazardous substances",
                     "the lack of public participation and access to information in environmental decisions",
                     "violence against those who defend the environment"],
        "questions": ["Please provide the environmental impact assessment for the project and indicate how the public could take part in it.",
                      "Please indicate the measures taken to monitor and reduce pollution and to inform the population of the risks.",
                      "Please provide information on the investigation into the attack against {victim_last}."],
        "violations": [("ICESCR", ["11", "12"]), ("ICCPR", ["6", "17", "19"]), ("CRC", ["24"])],
        "annex": [("Environment and human rights", [
            "Environmental harm interferes with the enjoyment of a vast range of rights, including the rights to life, health, food, water and housing. States should assess environmental impacts before approving projects and make the assessments public.",
            "States must provide a safe and enabling environment in which individuals, groups and organs of society working on environmental matters can operate free from threats, harassment, intimidation and violence.",
            "The toxic legacy of hazardous substances weighs most heavily on those living in poverty, and States have a duty to prevent exposure and to ensure the right to information about such substances."])],
    },
    "education": {
        "mandates": ["education", "sale-children", "minorities"],
        "related": ["cultural-rights", "disability", "extreme-poverty", "women-girls"],
        "subject": ["the closure of schools teaching in minority languages",
                    "the exclusion of children without civil documentation from school",
                    "sexual abuse of children in residential schools"],
        "victims": ["children", "pupils", "students", "teachers", "parents"],
        "act": ["closed {small} schools teaching in the minority language", "expelled pupils who lacked birth certificates",
                "dismissed teachers who joined a strike", "withdrew funding from rural schools"],
        "place": ["the boarding school in {town}", "primary schools in {region}", "the university of {town}"],
        "facts": ["About {people} children in {region} are out of school, according to figures from the education office.",
                  "A teacher at the residential school was convicted in {yeara} of abusing {small} pupils, but {small2} other complaints were never investigated.",
                  "Parents must pay fees of {money} per year, about {pct} per cent of the average rural income.",
                  "The decree of {date2} made the majority language the sole language of instruction from the first grade."],
        "concerns": ["discrimination in access to education", "the protection of children from sexual abuse in institutions",
                     "the erosion of free primary education"],
        "questions": ["Please indicate the measures taken to ensure that all children, regardless of documentation, can enrol in school.",
                      "Please provide information on the investigation of abuse in residential schools and on the support offered to victims.",
                      "Please explain how instruction in minority languages is guaranteed."],
        "violations": [("ICESCR", ["2", "13", "14"]), ("CRC", ["2", "19", "28", "34"])],
        "annex": [("Right to education", [
            "Primary education shall be compulsory and available free to all. Education must be available, accessible, acceptable and adaptable, and States must eliminate discrimination in access to it.",
            "Children must be protected from all forms of physical or mental violence, injury or abuse, including sexual abuse, while in the care of any person, including in schools and residential institutions."])],
    },
    "judges": {
        "mandates": ["judges-lawyers", "arbitrary-detention", "defenders"],
        "related": ["expression", "counter-terrorism", "torture"],
        "subject": ["the dismissal of judges following a reform of the judicial council",
                    "the disbarment and prosecution of lawyers representing political defendants",
                    "interference with the independence of the judiciary"],
        "victims": ["judges", "lawyers", "prosecutors", "members of the bar"],
        "act": ["dismissed {small} judges by presidential decree", "suspended the licences of defence lawyers",
                "searched the office of a lawyer and seized client files", "transferred judges who acquitted defendants"],
        "place": ["the judicial council in {town}", "the bar association of {town}", "the law office of {victim_last} in {town}"],
        "facts": ["The reform adopted on {date2} gave the Minister of Justice the power to appoint {small} of the {small2} members of the judicial council.",
                  "{Victim}, who represented defendants in the trial of the {org}, was disbarred after {he} criticized the conduct of the proceedings.",
                  "Since {yearb}, {small} lawyers have been prosecuted on charges related to the cases they took on.",
                  "Judges were given {days} days to submit to a 'vetting' procedure with no published criteria."],
        "concerns": ["threats to the independence of the judiciary and the separation of powers",
                     "the identification of lawyers with their clients' causes",
                     "disciplinary proceedings lacking fair procedure"],
        "questions": ["Please explain how the composition of the judicial council guarantees its independence from the executive.",
                      "Please provide the grounds for the disbarment of {victim_last} and the remedies available against it.",
                      "Please indicate the safeguards ensuring that lawyers can carry out their work without intimidation or improper interference."],
        "violations": [("ICCPR", ["2", "14", "19", "22", "25"])],
        "annex": [("Independence of judges and lawyers", [
            "The independence of the judiciary shall be guaranteed by the State and enshrined in the constitution or the laws. Judges shall be subject to suspension or removal only for reasons of incapacity or behaviour that renders them unfit to discharge their duties, following a fair procedure.",
            "Lawyers shall not be identified with their clients or their clients' causes as a result of discharging their functions, and must be able to perform their professional duties without intimidation, hindrance, harassment or improper interference."])],
    },
    "slavery": {
        "mandates": ["slavery", "trafficking", "business"],
        "related": ["migrants", "sale-children", "women-girls", "extreme-poverty"],
        "subject": ["forced labour in cotton harvesting",
                    "debt bondage of workers in brick kilns",
                    "trafficking of women for domestic servitude"],
        "victims": ["workers", "domestic workers", "children", "seasonal labourers", "fishers"],
        "act": ["mobilized public employees to pick cotton", "confiscated the passports of migrant workers",
                "kept workers on fishing vessels for months without pay", "recruited girls with false promises of work"],
        "place": ["brick kilns outside {town}", "fishing vessels operating from {town}", "cotton fields in {region}"],
        "facts": ["About {people} workers were mobilized for the harvest, each with a daily quota of {small2} kilograms.",
                  "Families in the kilns owe debts of up to {money}, which pass from parents to children.",
                  "{Victim} was recruited in {month1} {yearb} for a job as a waitress and found {him}self confined in an apartment in {town}.",
                  "Labour inspectors carried out only {small} inspections in the sector in {yeara}."],
        "concerns": ["the persistence of forced labour and debt bondage", "the lack of identification and protection of victims of trafficking",
                     "the weakness of labour inspection"],
        "questions": ["Please provide information on the measures taken to end the mobilization of workers for the harvest.",
                      "Please indicate the number of victims of trafficking identified since {yearb} and the assistance provided to them.",
                      "Please describe the resources of the labour inspectorate and the sanctions imposed on employers."],
        "violations": [("ICCPR", ["8", "12"]), ("ICESCR", ["6", "7"]), ("CEDAW", ["6"])],
        "annex": [("Slavery, forced labour and trafficking", [
            "No one shall be held in slavery or servitude or required to perform forced or compulsory labour. Debt bondage is a contemporary form of slavery that States must abolish and punish.",
            "Victims of trafficking should not be detained, charged or prosecuted for offences committed as a direct consequence of their situation, and should receive assistance regardless of their willingness to cooperate with the authorities."])],
    },
    "privacy": {
        "mandates": ["privacy", "expression", "defenders"],
        "related": ["assembly-association", "counter-terrorism", "sogi"],
        "subject": ["the use of spyware against journalists and defenders",
                    "facial recognition surveillance of protesters",
                    "a draft law on data retention"],
        "victims": ["journalists", "defenders", "lawyers", "protesters", "opposition politicians"],
        "act": ["infected the phones of {small} journalists with spyware", "installed facial recognition cameras at metro stations",
                "required providers to store communications data for {small} years", "accessed the messages of a lawyer"],
        "place": ["the metro system of {town}", "the newsroom of the {org}"],
        "facts": ["A forensic analysis by the {org} found traces of spyware on the phone of {victim_last}, dating from {month1} {yeara}.",
                  "Some {people} cameras equipped with facial recognition have been installed in {town} since {yearb}.",
                  "The draft law would allow access to stored data without judicial authorization for {small} categories of offences.",
                  "Images of protesters identified by the system were used to issue {people} fines."],
        "concerns": ["arbitrary and unlawful interference with privacy", "the chilling effect of surveillance on expression and assembly",
                     "the absence of independent oversight of surveillance"],
        "questions": ["Please indicate whether the authorities have acquired or used spyware, and under which legal framework.",
                      "Please explain the safeguards governing the use of facial recognition technology in public spaces.",
                      "Please provide information on the independent oversight of the intelligence services."],
        "violations": [("ICCPR", ["17", "19", "21", "22"])],
        "annex": [("Right to privacy", [
            "No one shall be subjected to arbitrary or unlawful interference with privacy, family, home or correspondence. Surveillance must be provided by law, necessary and proportionate, and subject to independent authorization and oversight.",
            "Targeted surveillance of journalists, lawyers and defenders for their legitimate work is incompatible with international human rights law, and the sale of surveillance tools should be subject to strict export controls."])],
    },
}

# Sentences any letter may carry in its annex, ours.
GENERIC_ANNEX = [
    ("Right to an effective remedy", [
        "Any person whose rights have been violated shall have an effective remedy, determined by a competent judicial, administrative or legislative authority, and the authorities shall enforce such remedies when granted.",
        "The obligation to investigate is one of means, not of result, but investigations must be prompt, thorough, independent, impartial and transparent, and their results should be made public."]),
    ("Cooperation with the United Nations", [
        "We recall that anyone has the right to communicate with United Nations human rights bodies without hindrance, and that States should refrain from any act of intimidation or reprisal against those who do so.",
        "We would welcome the opportunity to discuss these matters with the Government and stand ready to provide technical advice on the steps required to bring law and practice into line with international standards."]),
    ("Absolute prohibition of torture", [
        "Whatever the circumstances described above, we recall that the prohibition of torture and of cruel, inhuman or degrading treatment admits no exception, and that any person held by the authorities must be protected against it at all times."]),
    ("Non-discrimination", [
        "All persons are equal before the law and entitled without discrimination to its equal protection. The prohibition of discrimination covers race, colour, sex, language, religion, political or other opinion, national or social origin, property, birth or other status."]),
]

# Words used as "broad" queries: they appear in most letters.
BROAD_QUERIES = ["torture", "government", "information", "human rights", "allegations", "detention",
                 "excellency", "council", "rapporteur", "article", "measures", "violations",
                 "investigation", "\"human rights council\"", "law"]


def load_json(path):
    with open(path, encoding="utf-8") as f:
        return json.load(f)


class Knowledge:
    """What the generator takes from the project's data files."""

    def __init__(self, data_dir):
        self.mandates = {m["slug"]: m for m in load_json(os.path.join(data_dir, "mandates.json"))}
        self.instruments = {i["short"]: i for i in load_json(os.path.join(data_dir, "instruments.json"))}
        iso = load_json(ISO_JSON)["3166-1"]
        by2 = {c["alpha_2"]: c for c in iso}
        self.countries = {}  # alpha3 -> name used in prose
        self.party = {}  # (alpha3, instrument) -> year
        for short, ins in self.instruments.items():
            fname = ins.get("treaty_status_file")
            if not fname:
                continue
            with open(os.path.join(data_dir, "treaty-status", fname), encoding="utf-8") as f:
                for row in csv.DictReader(f):
                    c = by2.get(row.get("iso2", ""))
                    if not c:
                        continue
                    a3 = c["alpha_3"]
                    self.countries.setdefault(a3, prose_name(c))
                    year = row.get("year ratification or accession", "").strip()
                    if row.get("state party", "").strip() == "1" and year.isdigit():
                        self.party[(a3, short)] = int(year)
        self.country_mandate = {m["country"]: s for s, m in self.mandates.items() if m.get("country")}


def prose_name(c):
    name = c.get("common_name") or c["name"]
    if "," in name:
        name = c.get("official_name", name.split(",")[0])
    return name


def resolution_at(mandate, date):
    """The resolution in force at date: the latest adopted on or before it."""
    best = None
    for r in mandate["resolutions"]:
        if r["adopted"] <= date and (best is None or r["adopted"] >= best["adopted"]):
            best = r
    return best["symbol"] if best else None


def holder_at(mandate, date):
    for h in mandate.get("holders", []):
        if h["from"] <= date and (h.get("to") is None or date <= h["to"]):
            return h
    return None


def fmt_date(d):
    return "%d %s %d" % (d.day, MONTHS[d.month - 1], d.year)


def fmt_number(rng, n):
    if n < 1000:
        return str(n)
    style = rng.random()
    s = str(n)
    groups = []
    while len(s) > 3:
        groups.insert(0, s[-3:])
        s = s[:-3]
    groups.insert(0, s)
    if style < 0.55:
        return ",".join(groups)
    if style < 0.8:
        return " ".join(groups)
    if style < 0.9:
        return "'".join(groups)
    return "".join(groups)


WORDS = ["two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve"]


def join_and(items):
    if len(items) == 1:
        return items[0]
    return ", ".join(items[:-1]) + " and " + items[-1]


class Letter:
    """One letter being written: its facts fixed, its text built piece by piece."""

    def __init__(self, rng, kb, spec, earlier):
        self.rng = rng
        self.kb = kb
        self.spec = spec
        self.earlier = earlier
        self.theme = THEMES[spec["theme"]]
        self.date = spec["date"]
        self.iso = self.date.isoformat()
        self.country = spec["country"]
        self.oth = self.country == "OTH"
        self.country_name = kb.countries.get(self.country, "the State")
        female = rng.random() < 0.45
        self.pron = {"he": "she" if female else "he", "his": "her" if female else "his",
                     "him": "her" if female else "him"}
        self.victim_first = given_name(rng)
        self.victim_last = family_name(rng)
        self.lawyer = "%s %s" % (given_name(rng), family_name(rng))
        self.town = place_name(rng)
        self.region = place_name(rng) + rng.choice([" region", " province", " district", " oblast", " governorate", " state"])
        self.district = place_name(rng)
        self.people_name = place_name(rng).rstrip("aeiou") + rng.choice(["i", "a", "u", "ene", "ak"])
        self.org = "%s %s" % (place_name(rng), rng.choice(COMMON["org_kind"]))
        self.company = "%s %s" % (place_name(rng), rng.choice(["Mining Ltd.", "Holdings", "Resources Inc.",
                                                             "Energy Group", "Textiles Co.", "Agro S.A.",
                                                             "Minerals plc", "Industries"]))
        self.profession = rng.choice(COMMON["profession"])
        self.footnotes = []
        self.names_used = ["%s %s" % (self.victim_first, self.victim_last), self.lawyer]

    # --- slot filling -------------------------------------------------------------------
    def past_date(self, lo_days=5, hi_days=900):
        return self.date - datetime.timedelta(days=self.rng.randint(lo_days, hi_days))

    def slot(self, name):
        rng = self.rng
        t = self.theme
        p = self.pron
        simple = {
            "victim": "%s %s" % (self.victim_first, self.victim_last),
            "Victim": "%s %s" % (self.victim_first, self.victim_last),
            "victim_last": self.victim_last, "lawyer": self.lawyer, "town": self.town,
            "region": self.region, "district": self.district, "org": self.org,
            "org_short": self.org.split(" ", 1)[1], "company": self.company,
            "people_name": self.people_name, "profession": self.profession,
            "he": p["he"], "He": p["he"].capitalize(), "his": p["his"], "His": p["his"].capitalize(),
            "him": p["him"], "his2": rng.choice(["his", "her"]),
            "country": self.country_name, "country_the": "your Excellency's Government" if not self.oth else "your company",
        }
        if name in simple:
            return simple[name]
        if name in ("date1", "date2"):
            return fmt_date(self.past_date())
        if name == "month1":
            self.month1 = rng.randrange(0, 11)
            return MONTHS[self.month1]
        if name == "month2":
            return MONTHS[rng.randint(getattr(self, "month1", 0) + 1, 11)]
        if name == "yearb":
            return str(self.date.year - rng.randint(1, 8))
        if name == "yeara":
            return str(self.date.year - rng.randint(0, 1))
        if name == "small":
            n = rng.randint(2, 40)
            return WORDS[n - 2] if n <= 12 and rng.random() < 0.4 else str(n)
        if name == "small2":
            return str(rng.randint(10, 90))
        if name == "people":
            return fmt_number(rng, rng.choice([rng.randint(40, 900), rng.randint(1000, 60000)]))
        if name == "days":
            return str(rng.randint(3, 120))
        if name == "years":
            return str(rng.randint(2, 20))
        if name == "age":
            return str(rng.randint(15, 70))
        if name == "pct":
            return str(rng.randint(5, 85))
        if name == "artno":
            return "%d%s" % (rng.randint(100, 400), rng.choice(["", "", "(1)", "(2)", ".1", "-1"]))
        if name == "money":
            cur = rng.choice(["USD", "EUR", "US$", "the equivalent of USD"])
            if rng.random() < 0.5:
                return "%s %s million" % (cur, rng.choice(["1.2", "3.5", "14", "27", "0.8", "65", "120"]))
            return "%s %s" % (cur, fmt_number(rng, rng.randint(150, 95000)))
        if name == "area":
            return "%s hectares" % fmt_number(rng, rng.randint(800, 250000))
        if name == "victims":
            return rng.choice(t["victims"]).replace("{people_name}", self.people_name)
        if name == "victims_short":
            return rng.choice(t["victims"]).replace("{people_name}", self.people_name)
        if name == "act":
            return self.fill(rng.choice(t["act"]))
        if name == "act2":
            return self.fill(rng.choice(t["act"]))
        if name == "place":
            return self.fill(rng.choice(t["place"]))
        if name == "place_short":
            return "the place of detention" if "detention" in self.spec["theme"] else "the facility"
        if name == "reaction2":
            return rng.choice(COMMON["reaction"])
        if name in COMMON:
            return self.fill(rng.choice(COMMON[name]))
        raise KeyError(name)

    def fill(self, template):
        return re.sub(r"\{(\w+)\}", lambda m: self.slot(m.group(1)), template)

    # --- pieces -------------------------------------------------------------------------
    def choose_mandates(self):
        rng = self.rng
        want = rng.choices(range(1, 10), weights=[10, 15, 20, 18, 12, 10, 7, 5, 3])[0]
        pool = list(self.theme["mandates"])
        extra = list(self.theme["related"])
        rng.shuffle(extra)
        pool += extra
        cm = self.kb.country_mandate.get(self.country)
        if cm and rng.random() < 0.7:
            pool.insert(rng.randint(0, 2), cm)
        others = [s for s in self.kb.mandates if s not in pool and not self.kb.mandates[s].get("country")]
        rng.shuffle(others)
        pool += others
        chosen = []
        for slug in pool:
            m = self.kb.mandates[slug]
            if m["established"] > self.iso or not resolution_at(m, self.iso) or slug in chosen:
                continue
            chosen.append(slug)
            if len(chosen) == want:
                break
        return chosen

    def header(self, slugs):
        titles = [self.kb.mandates[s]["title"]["en"] for s in slugs]
        if len(titles) == 1:
            head = "**Mandate of the %s**" % titles[0]
        else:
            head = "**Mandates of the " + "; the ".join(titles[:-1]) + " and the " + titles[-1] + "**"
        place = "Geneva, " if self.rng.random() < 0.15 else ""
        return "\n\n".join([head, "Ref.: %s  \n(Please use this reference in your reply)" % self.spec["reference"],
                            place + fmt_date(self.date)])

    def salutation(self):
        if self.oth:
            self.addressee = family_name(self.rng)
            return "Dear %s %s," % (self.rng.choice(["Mr.", "Ms."]), self.addressee)
        return "Excellency,"

    def capacity(self, slugs):
        titles = [self.kb.mandates[s]["title"]["en"] for s in slugs]
        res = [resolution_at(self.kb.mandates[s], self.iso) for s in slugs]
        if len(slugs) == 1:
            opener = self.rng.choice(["I have the honour to address you in my capacity as",
                                      "I am writing to you in my capacity as"])
            return "%s %s, pursuant to Human Rights Council resolution %s." % (opener, titles[0], res[0])
        opener = self.rng.choice(["We have the honour to address you in our capacities as",
                                  "We are writing to you in our capacities as",
                                  "We address you in our capacities as"])
        return "%s %s, pursuant to Human Rights Council resolutions %s." % (
            opener, "; ".join(titles[:-1]) + " and " + titles[-1], join_and(res))

    def related(self):
        rng = self.rng
        if not self.earlier or rng.random() > 0.35:
            return None
        ref, when = rng.choice(self.earlier[-6:])
        self.footnotes.append("<https://spcommreports.ohchr.org/TMResultsBase/DownloadPublicCommunicationFile?gId=%d>"
                              % rng.randint(10000, 39999))
        n = len(self.footnotes)
        who = "your Excellency's Government" if not self.oth else "your company"
        return self.fill(rng.choice([
            "We recall our earlier communication of %s (%s)<sup>%d</sup>, in which we raised related concerns, and regret that no information has since been received on the follow-up given to it." % (fmt_date(when), ref, n),
            "We refer to our previous letter dated %s (%s)<sup>%d</sup> concerning similar allegations, and thank %s for the reply provided, which we have studied carefully." % (fmt_date(when), ref, n, who),
            "Concerns about the situation in {region} were already raised in a communication sent on %s (%s)<sup>%d</sup>." % (fmt_date(when), ref, n),
        ]))

    def facts(self, budget):
        rng = self.rng
        out = []
        intro = rng.choice([
            "In this connection, we would like to bring to the attention of {country_the} information we have received concerning %s.",
            "We wish to draw the attention of {country_the} to information we have received concerning %s.",
            "We are writing in connection with information received concerning %s.",
        ]) % rng.choice(self.theme["subject"])
        out.append(self.fill(intro))
        out.append("According to the information received:")
        intro_victim = "{Victim} is a {age}-year-old {profession} from {town}, in {region}%s." % (
            rng.choice(["", ", and a member of the {org}", ", known for {his} work with the {org}",
                        ", who has lived in the {district} district since {yearb}"]))
        out.append(self.fill(intro_victim))
        size = sum(len(p) for p in out)
        pool = []
        while size < budget:
            sentences = []
            for _ in range(rng.randint(3, 6)):
                if not pool:  # each sentence once before any comes back
                    pool = self.theme["facts"] * 2 + GENERIC_FACTS
                    rng.shuffle(pool)
                sentences.append(self.fill(pool.pop()))
            para = " ".join(sentences)
            out.append(para)
            size += len(para)
        if rng.random() < 0.25 and len(out) > 4:
            # a page break between two paragraphs, with a footnote under it
            self.footnotes.append(self.fill("The figures are drawn from a survey carried out by the {org} in {month1} {yeara}."))
            k = rng.randint(3, len(out) - 1)
            out[k - 1] += "<sup>%d</sup>" % len(self.footnotes)
            out.insert(k, "---\n\n<sup>%d</sup> %s" % (len(self.footnotes), self.footnotes[-1]))
        return out

    def concerns(self):
        rng = self.rng
        cs = list(self.theme["concerns"])
        rng.shuffle(cs)
        first = "%s %s." % (rng.choice(GENERIC_CONCERN_OPENERS), join_and(cs[:rng.randint(1, len(cs))]))
        paras = [self.fill(first)]
        if rng.random() < 0.6:
            paras.append(self.fill(rng.choice([
                "We are further concerned that these events do not appear to be isolated, and that they may form part of a broader pattern affecting {victims} in {region}.",
                "We are also concerned that no one appears to have been held accountable, which may encourage the repetition of such acts.",
                "We also express concern at reports that relatives of {victim_last} have been warned against speaking to the media or to international organizations.",
                "We are further concerned at the impact of these measures on the wider community in {town}, where residents report fear of reprisals.",
            ])))
        return paras

    def ratification(self, short):
        """'ratified by X on DATE', stable for a country and instrument."""
        year = self.kb.party.get((self.country, short))
        h = int(hashlib.sha1(("%s/%s" % (self.country, short)).encode()).hexdigest(), 16)
        month, day = 1 + h % 12, 1 + (h >> 8) % 28
        action = "acceded to" if (h >> 16) % 3 == 0 else "ratified"
        return action, "%d %s %d" % (day, MONTHS[month - 1], year)

    def violations(self):
        rng = self.rng
        groups = []
        for short, arts in self.theme["violations"]:
            ins = self.kb.instruments[short]
            year = self.kb.party.get((self.country, short))
            binding = ins.get("binding")
            if binding and not self.oth and (year is None or year > self.date.year):
                continue
            k = rng.randint(1, min(len(arts), 5))
            chosen = sorted(rng.sample(arts, k), key=lambda a: int(re.match(r"\d+", a).group()))
            word = "article" if k == 1 else "articles"
            name = "%s (%s)" % (ins["names"]["en"][0], ins["aliases"]["en"][0]) if ins["aliases"]["en"] else ins["names"]["en"][0]
            text = "%s %s of the %s" % (word, join_and(chosen), name)
            if binding and not self.oth:
                action, when = self.ratification(short)
                text += ", %s by %s on %s" % (action, self.country_name, when)
            groups.append(text)
        if not groups:
            groups = ["articles 3, 9 and 19 of the Universal Declaration of Human Rights (UDHR)"]
        cue = rng.choice(["Should these allegations be confirmed, they would constitute violations of",
                          "If confirmed, the facts described above would amount to violations of",
                          "These allegations, if substantiated, would be in contravention of",
                          "The facts alleged, should they be confirmed, would appear to violate",
                          "If the information received is accurate, the acts described would violate"])
        if self.oth:
            cue = rng.choice(["If confirmed, the activities described would contribute to violations of",
                              "Should these allegations be confirmed, the operations described would contribute to violations of"])
        return "%s %s." % (cue, "; and ".join(groups) if len(groups) > 2 else " and ".join(groups))

    def questions(self):
        rng = self.rng
        n = rng.randint(4, 12)
        first = rng.choice(["Please provide any additional information and any comment you may have on the above-mentioned allegations.",
                            "Please provide any information or comment you may have on the allegations set out above.",
                            "Please share any additional information and observations you may have on the above."])
        pool = [self.fill(q) for q in self.theme["questions"]] + [self.fill(q) for q in GENERIC_QUESTIONS]
        # fill up with variants so 12 are always possible
        while len(pool) < n - 1:
            pool.append(self.fill("Please provide information on the measures taken in {region} since {yearb} to address the situation of {victims}."))
        rng.shuffle(pool)
        qs = [first] + pool[:n - 1]
        if self.oth:
            qs = [q.replace("your Excellency's Government", "your company") for q in qs]
        intro = rng.choice([
            "As it is our responsibility, under the mandates provided to us by the Human Rights Council, to seek to clarify all cases brought to our attention, we would be grateful for your observations on the following matters:",
            "In view of our mandates, which require us to seek clarification of all cases brought to our attention, we would be grateful for your observations on the following matters:",
            "We would be most grateful for your observations on the following matters:",
        ])
        return intro + "\n\n" + "\n".join("%d. %s" % (i + 1, q) for i, q in enumerate(qs)), len(qs)

    def closing(self):
        rng = self.rng
        addressee = "your Excellency's Government" if not self.oth else "your company"
        days = 60
        deadline = "within %d days" % days
        if self.spec["type"] == "UA" and rng.random() < 0.1:
            deadline = "within 48 hours"
        paras = [
            rng.choice(["We would appreciate receiving a response %s." % deadline,
                        "We would be grateful to receive your response %s." % deadline,
                        "A reply %s would be much appreciated." % deadline]) +
            " After that period, this communication and any reply received from %s will be published on the communications reporting website, and later included in the regular report to the Human Rights Council." % addressee,
            "Pending a reply, we urge that all necessary interim measures be taken to halt the alleged violations and prevent their recurrence and, should the investigations confirm the allegations, to ensure that those responsible are held to account.",
        ]
        if self.spec["type"] == "UA" and rng.random() < 0.5:
            paras.append("We may publicly express our concerns in the near future, as we consider that the information received is sufficiently reliable to indicate a matter warranting immediate attention. Any public statement would indicate that we have been in contact with %s to clarify the issues in question." % addressee)
        if self.oth:
            paras.append("This communication is also being sent to the Government of the State in which your company is domiciled.")
            paras.append("Please accept, %s, the assurances of our highest consideration." % self.addressee)
        else:
            paras.append(rng.choice(["Please accept, Excellency, the assurances of our highest consideration.",
                                     "Please accept, Excellency, the expression of our highest consideration."]))
        return paras

    def signatures(self, slugs):
        out = []
        for s in slugs:
            m = self.kb.mandates[s]
            h = holder_at(m, self.iso)
            if h:
                name, title = h["name"], h.get("signs_as") or m["title"]["en"]
            else:
                name = "%s %s" % (given_name(self.rng), family_name(self.rng))
                title = m["title"]["en"]
                if title.startswith("Working Group"):
                    title = "Chair-Rapporteur of the " + title
            out.append(name)
            out.append(title)
        return out

    def annex(self, budget):
        rng = self.rng
        paras = ["## Annex", "### Reference to international human rights law",
                 self.fill(rng.choice([
                     "In connection with the above alleged facts and concerns, we would like to draw the attention of {country_the} to the following international human rights standards:",
                     "With regard to the facts and concerns set out above, we wish to recall the following international norms and standards:",
                 ]))]
        sections = list(self.theme["annex"]) + rng.sample(GENERIC_ANNEX, len(GENERIC_ANNEX))
        size = 0
        for heading, texts in sections:
            paras.append("#### *%s*" % heading)
            for t in texts:
                paras.append(t)
                size += len(t)
            if size >= budget:
                break
        # then provisions of the instruments the letter relies on, until the budget is spent
        provs = []
        for short, _ in self.theme["violations"] + [("UDHR", [])]:
            ins = self.kb.instruments[short]
            for p in ins["provisions"]:
                provs.append((short, ins, p))
        rng.shuffle(provs)
        if size < budget:
            paras.append("#### *Provisions recalled*")
        for short, ins, p in provs:
            if size >= budget:
                break
            label = ins["aliases"]["en"][0] if ins["aliases"]["en"] else ins["names"]["en"][0]
            t = rng.choice(["Article %s of the %s provides, in substance: \u201c%s\u201d",
                            "We also recall article %s of the %s, under which: \u201c%s\u201d",
                            "In relation to article %s of the %s, we note the following: \u201c%s\u201d"]) % (
                p["article"], label, p["summary"])
            if ins.get("binding") and not self.oth and rng.random() < 0.3:
                year = self.kb.party.get((self.country, short))
                if year and year <= self.date.year:
                    action, when = self.ratification(short)
                    t += " %s %s the %s on %s." % (self.country_name, action, label, when)
            paras.append(t)
            size += len(t)
        return paras

    def write(self):
        rng = self.rng
        target = self.spec["target"]
        slugs = self.choose_mandates()
        parts = [self.header(slugs), self.salutation(), self.capacity(slugs)]
        rel = self.related()
        if rel:
            parts.append(rel)
        parts += self.facts(int(target * rng.uniform(0.30, 0.45)))
        parts += self.concerns()
        parts.append(self.violations())
        parts.append("In connection with the above alleged facts and concerns, please refer to the **Annex on Reference to international human rights law** attached to this letter, which cites the international human rights instruments and standards relevant to these allegations.")
        qtext, nq = self.questions()
        parts.append(qtext)
        parts += self.closing()
        parts += self.signatures(slugs)
        if self.footnotes and self.footnotes[0].startswith("<http"):
            parts.insert(parts.index(rel) + 1, "<sup>1</sup> " + self.footnotes[0])
        body = "\n\n".join(parts)
        annex = self.annex(max(600, target - len(body.encode("utf-8"))))
        text = body + "\n\n" + "\n\n".join(annex) + "\n"
        return text, {"reference": self.spec["reference"], "date": self.iso, "country": self.country,
                      "type": self.spec["type"], "mandates": slugs, "questions": nq,
                      "theme": self.spec["theme"], "names": self.names_used, "town": self.town,
                      "people_name": self.people_name, "bytes": len(text.encode("utf-8"))}


def plan(rng, kb, count):
    """Who writes to whom and when: references unique per (country, year), numbered by date."""
    countries = sorted(kb.countries)
    rng.shuffle(countries)
    # a few States receive many letters, most receive some
    weights = [1.0 / (i + 1) ** 0.8 for i in range(len(countries))]
    themes = sorted(THEMES)
    specs = []
    for _ in range(count):
        year = rng.randint(FIRST_YEAR, LAST_YEAR)
        day = rng.randint(0, 364)
        date = datetime.date(year, 1, 1) + datetime.timedelta(days=day)
        country = "OTH" if rng.random() < 0.03 else rng.choices(countries, weights)[0]
        theme = rng.choice(themes)
        if country == "OTH":
            theme = rng.choice(["business", "environment", "indigenous", "slavery"])
        typ = rng.choices(["AL", "UA", "OL"], weights=[58, 32, 10])[0]
        target = int(rng.triangular(8000, 16000, 11500))
        specs.append({"date": date, "country": country, "theme": theme, "type": typ, "target": target})
    specs.sort(key=lambda s: (s["date"], s["country"]))
    numbers = {}
    for s in specs:
        key = (s["country"], s["date"].year)
        numbers[key] = numbers.get(key, 0) + 1
        s["number"] = numbers[key]
        s["reference"] = "%s %s %d/%d" % (s["type"], s["country"], s["number"], s["date"].year)
        s["file"] = "%s-%s-%d-%d.md" % (s["type"], s["country"], s["number"], s["date"].year)
    return specs


def write_queries(rng, path, manifest, kb):
    """100 queries of the kinds people type, with the filters they add."""
    picks = rng.sample(manifest, min(len(manifest), 200))
    q = []
    for w in BROAD_QUERIES:
        q.append(("broad", "", w))
    for m in picks[:15]:
        q.append(("rare", "", m["names"][0].split()[-1]))
    for m in picks[15:25]:
        q.append(("name", "", '"%s"' % m["names"][0]))
    phrases = ["\"forced eviction\"", "\"enforced disappearance\"", "\"free, prior and informed consent\"",
               "\"death penalty\"", "\"pre-trial detention\"", "\"tear gas\"", "\"internet shutdown\"",
               "\"tailings dam\"", "\"debt bondage\"", "\"facial recognition\"", "\"judicial council\"",
               "\"places of worship\"", "\"human rights defenders\"", "\"solitary confinement\"",
               "\"cruel, inhuman or degrading\""]
    q += [("phrase", "", p) for p in phrases]
    ors = ["eviction OR demolition", "spyware OR surveillance", "journalist OR blogger", "mercury OR cadmium",
           "shelter OR refuge", "cotton OR kilns", "asylum OR refoulement", "%s OR %s" % (picks[30]["town"], picks[31]["town"]),
           "execution OR \"death sentence\"", "blasphemy OR worship"]
    q += [("or", "", x) for x in ors]
    nots = ["torture NOT detention", "housing NOT eviction", "journalists -internet", "mining NOT indigenous",
            "protest NOT \"tear gas\"", "migrants NOT children", "defenders -threats", "women NOT violence",
            "information NOT government", "terrorism NOT court"]
    q += [("not", "", x) for x in nots]
    prefixes = ["detain*", "evict*", "journalis*", "disappear*", "indigen*", "%s*" % picks[40]["names"][0].split()[-1][:4],
                "tortur*", "surveil*", "contamin*", "refoul*"]
    q += [("prefix", "", x) for x in prefixes]
    filtered = []
    for m in picks[50:]:
        if m["country"] != "OTH":
            filtered.append(m)
    filt = [
        ("filtered", "country=%s" % filtered[0]["country"], "torture"),
        ("filtered", "country=%s" % filtered[1]["country"], "information"),
        ("filtered", "year=%s" % filtered[2]["date"][:4], "government"),
        ("filtered", "type=UA", "detention"),
        ("filtered", "mandate=torture", "allegations"),
        ("filtered", "mandate=housing,year=%s" % filtered[3]["date"][:4], "eviction"),
        ("filtered", "from=2020-01-01,to=2021-12-31", "\"human rights\""),
        ("filtered", "country=%s,type=AL" % filtered[4]["country"], "information"),
        ("filtered", "mandate=arbitrary-detention", "\"pre-trial detention\""),
        ("filtered", "type=OL,from=2015-01-01", "law"),
        ("filtered", "country=%s" % filtered[5]["country"], filtered[5]["names"][0].split()[-1]),
        ("filtered", "year=2024", "torture OR detention"),
        ("filtered", "mandate=expression", "journalis*"),
        ("filtered", "country=%s" % filtered[6]["country"], "\"human rights\" NOT torture"),
        ("filtered", "mandate=defenders,from=2018-06-01", "threats"),
    ]
    q += filt
    assert len(q) == 100, len(q)
    with open(path, "w", encoding="utf-8") as f:
        f.write("# kind\tfilter\tquery (written by gen_letters.py)\n")
        for kind, flt, text in q:
            f.write("%s\t%s\t%s\n" % (kind, flt or "-", text))


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--count", type=int, default=10000)
    ap.add_argument("--out", required=True)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--data", default=os.path.join(ROOT, "data"))
    args = ap.parse_args()
    if args.count < 100:
        sys.exit("gen_letters.py: --count must be at least 100 (the queries draw on the letters)")
    kb = Knowledge(args.data)
    rng = random.Random(args.seed)
    specs = plan(rng, kb, args.count)
    os.makedirs(args.out, exist_ok=True)
    earlier = {}
    manifest = []
    total = 0
    for s in specs:
        letter_rng = random.Random("%d/%s" % (args.seed, s["reference"]))
        letter = Letter(letter_rng, kb, s, earlier.get(s["country"], []))
        text, info = letter.write()
        with open(os.path.join(args.out, s["file"]), "w", encoding="utf-8") as f:
            f.write(text)
        earlier.setdefault(s["country"], []).append(("%s %s %d/%d" % (s["type"], s["country"], s["number"], s["date"].year), s["date"]))
        info["file"] = s["file"]
        manifest.append(info)
        total += info["bytes"]
    with open(os.path.join(args.out, "manifest.jsonl"), "w", encoding="utf-8") as f:
        for m in manifest:
            f.write(json.dumps(m, ensure_ascii=False) + "\n")
    write_queries(rng, os.path.join(args.out, "queries.tsv"), manifest, kb)
    print("gen_letters: %d letters, %.1f MB, mean %.1f KB, in %s" % (
        len(manifest), total / 1e6, total / len(manifest) / 1e3, args.out))


if __name__ == "__main__":
    main()
