"""Measure the special-category recognizers: recall on files about people, silence on the rest.

Why: a lexicon finds words, not special-category data.  The person link is
what makes the difference, so it needs two numbers per category:

* **recall** over generated files that hold data of that category about a
  person (HR absence notes, intake notes, VOG letters, payroll lines with a
  union fee, a dietary request, a fingerprint registration, a paternity-test
  letter, ...); target >= 0.95;
* **findings in clean texts** that use the same words impersonally (news
  about a hospital or a mosque, council minutes naming parties, a union press
  release, a biometrics policy, a genetics lecture, crime statistics, an
  absence policy, ...); target zero.

The templates below are this script's own, filled with Faker (nl_NL,
seeded): names, dates, numbers and the sentence variants differ per file.
They come in three sets, written one after the other, and the difference
between their figures is the honest part of the measurement:

* ``tuned``: written first; the person-link rules were developed against it.
* ``second-round``: written once ``tuned`` passed.  Its first run found
  misses (a single disease word, `bidden`, offence words) and noise (contact
  persons, quoted officials, `collega's`); the fixes were general rules and
  vocabulary, but since then this set is tuned too.
* ``fresh``: written third and measured once (recall 108 of 120 files:
  health 0.667, political 0.800); afterwards the Opiumwet vocabulary, the
  bare union name `AC` (linked) and complaints named after a body part
  (`rugklachten`) were added, and an NER fix trims `Ik, ` from a name.  The
  two remaining misses are Faker surnames with `die` (`Riley die Bont`),
  which the name rules do not read as a particle, left in on purpose.
* ``round-4``: written last (after ``fresh`` was tuned) and measured once:
  150 of 180 category-files found (health 0.333, political 0.500, the rest
  1.000), zero clean findings.  The misses were surgery vocabulary (`operatie
  aan mijn knie`, `meniscus`), a party before a final verb (`dat hij op de
  PVV stemt`), and a genetic predisposition to cancer that is reported as
  SPECIAL_GENETIC but not also as SPECIAL_HEALTH; the first two were fixed
  with general vocabulary and link phrases, the third is left in.

Each file goes through the real pipeline: by default in this process with
`build_analyzer()` and the engine's `Detector` wired with every recognizer's
gate as `scanner.build_pipeline` does; with `--cli` through `datawacht scan
DIR --format jsonl --no-store`.  A category counts as found in a file when
at least one SPECIAL_<CATEGORY> hit is reported (score >= 0.5).

Run: ``python benchmarks/bench_special_categories.py`` (add ``--per-template
20``, ``--cli``, ``--keep DIR``, ``--json OUT``, ``--show``).
"""

from __future__ import annotations

import argparse
import json
import os
import random
import subprocess
import sys
import tempfile
import time
from collections import Counter, defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from faker import Faker

ENTITY = {
    "health": "SPECIAL_HEALTH",
    "religion": "SPECIAL_RELIGION",
    "ethnicity": "SPECIAL_ETHNICITY",
    "political": "SPECIAL_POLITICAL",
    "trade_union": "SPECIAL_TRADE_UNION",
    "sexual_orientation": "SPECIAL_SEXUAL_ORIENTATION",
    "biometric": "SPECIAL_BIOMETRIC",
    "genetic": "SPECIAL_GENETIC",
    "criminal": "SPECIAL_CRIMINAL",
}
CATEGORY = {entity: category for category, entity in ENTITY.items()}
BENCH_KEY = "datawacht special-category benchmark key: fixed, public, never in production!"


class Filler:
    """Faker plus a seeded choice: what every template draws its details from."""

    def __init__(self, seed: int) -> None:
        self.fake = Faker("nl_NL")
        self.fake.seed_instance(seed)
        self.rng = random.Random(seed)

    def pick(self, *options: str) -> str:
        return self.rng.choice(options)

    def person(self) -> tuple[str, str, str, str]:
        """(full name, first name, last name, he/she)"""
        female = self.rng.random() < 0.5
        first = self.fake.first_name_female() if female else self.fake.first_name_male()
        last = self.fake.last_name()
        return f"{first} {last}", first, last, "zij" if female else "hij"

    def date(self) -> str:
        return self.fake.date_between("-3y", "today").strftime("%d-%m-%Y")

    def dob(self) -> str:
        return self.fake.date_of_birth(minimum_age=18, maximum_age=70).strftime("%d-%m-%Y")

    def number(self, digits: int) -> str:
        return str(self.rng.randrange(10 ** (digits - 1), 10**digits))


Template = Callable[[Filler], str]


# --- Files that hold special-category data about a person --------------------


def health_absence_note(f: Filler) -> str:
    name, first, _, pron = f.person()
    cause = f.pick("burn-outklachten", "een depressie", "overspannenheid", "een hernia")
    return (
        f"Verzuimregistratie {f.fake.company()}\n"
        f"Medewerker: {name}\nPersoneelsnummer: {f.number(6)}\n"
        f"Eerste ziektedag: {f.date()}\n\n"
        f"Telefonisch contact met {first} op {f.date()}. {pron.capitalize()} geeft aan "
        f"dat de klachten voortkomen uit {cause}. "
        f"{f.pick('De bedrijfsarts', 'De arbo-arts')} verwacht een verzuimduur van "
        f"{f.rng.randint(3, 12)} weken en adviseert een gedeeltelijke werkhervatting.\n"
    )


def health_intake(f: Filler) -> str:
    name, _, _, _ = f.person()
    diagnosis = f.pick(
        "depressieve stoornis, matig", "gegeneraliseerde angststoornis", "PTSS", "ADHD"
    )
    medication = f.pick("sertraline 50 mg", "methylfenidaat 10 mg", "oxazepam 10 mg zo nodig")
    return (
        f"Intakeverslag {f.pick('GGZ Centraal', 'Praktijk De Linde', 'Parnassia')}\n"
        f"Cliënt: {name}, geboren {f.dob()}\n"
        f"Datum intake: {f.date()}\n\n"
        f"Hulpvraag: cliënt ervaart al maanden somberheid en slaapproblemen.\n"
        f"Voorlopige diagnose: {diagnosis}.\nHuidige medicatie: {medication}.\n"
        f"Het behandelplan wordt in het MDO van {f.date()} besproken.\n"
    )


def health_employee_mail(f: Filler) -> str:
    _, manager, _, _ = f.person()
    _, first, _, _ = f.person()
    condition = f.pick("een longontsteking", "een burn-out", "een hernia", "migraine")
    return (
        f"Hoi {manager},\n\n"
        f"Ik ben vanochtend bij de huisarts geweest en die denkt aan {condition}. "
        f"Ik meld me daarom ziek voor de rest van de week; {f.pick('mijn', 'de')} "
        f"medicatie moet eerst aanslaan.\n\nGroet,\n{first}\n"
    )


def health_reintegration(f: Filler) -> str:
    name, _, last, _ = f.person()
    return (
        f"Plan van aanpak re-integratie\n"
        f"Werknemer: {name}\nDatum eerste ziektedag: {f.date()}\n\n"
        f"De heer/mevrouw {last} is sinds {f.date()} volledig arbeidsongeschikt. "
        f"Volgens de probleemanalyse van de bedrijfsarts zijn er beperkingen in "
        f"persoonlijk functioneren. {f.pick('Een WIA-aanvraag', 'Een deskundigenoordeel')} "
        f"wordt overwogen.\n"
    )


def religion_dietary(f: Filler) -> str:
    name, _, _, pron = f.person()
    belief, food = f.rng.choice(
        [("moslim", "halal"), ("joods", "koosjer"), ("hindoe", "vegetarisch")]
    )
    return (
        f"Aan: facilitaire dienst\nBetreft: maaltijden teamdag {f.date()}\n\n"
        f"Collega {name} ({f.pick('team Burgerzaken', 'team Financiën', 'team ICT')}) "
        f"is {belief} en eet alleen {food}. Wil je daar bij de lunch rekening mee houden? "
        f"{pron.capitalize()} heeft gevraagd dit vertrouwelijk te behandelen.\n"
    )


def religion_leave(f: Filler) -> str:
    name, _, _, _ = f.person()
    feast = f.pick("het Suikerfeest", "het Offerfeest", "Jom Kipoer", "Divali")
    return (
        f"Verlofaanvraag\nMedewerker: {name}\nPersoneelsnummer: {f.number(6)}\n"
        f"Datum: {f.date()}\nSoort verlof: bijzonder verlof\n"
        f"Toelichting: de medewerker vraagt verlof in verband met {feast} en heeft "
        f"gevraagd tijdens de ramadan de pauze te mogen verschuiven voor het gebed.\n"
    )


def religion_school(f: Filler) -> str:
    name, _, _, _ = f.person()
    return (
        f"Notitie leerlingdossier\nLeerling: {name}, groep {f.rng.randint(3, 8)}\n"
        f"De ouders hebben laten weten dat de leerling vanwege hun geloofsovertuiging "
        f"({f.pick('Jehova’s Getuigen', 'gereformeerd', 'islamitisch')}) niet deelneemt "
        f"aan de verjaardagsvieringen.\n"
    )


def ethnicity_register(f: Filler) -> str:
    name, _, _, _ = f.person()
    return (
        f"Vrijwillige registratie diversiteit\nNaam: {name}\n"
        f"E-mail: {f.fake.user_name()}@{f.fake.free_email_domain()}\n"
        f"Migratieachtergrond: {f.pick('ja, niet-westers', 'ja, westers', 'nee')}\n"
        f"Geboorteland ouders: {f.pick('Marokko', 'Turkije', 'Suriname', 'Nederland')}\n"
    )


def ethnicity_social_note(f: Filler) -> str:
    name, _, last, _ = f.person()
    origin = f.pick("Surinaamse", "Marokkaanse", "Turkse", "Antilliaanse", "Somalische")
    return (
        f"Gespreksverslag wijkteam, {f.date()}\n"
        f"Mevrouw {last} is van {origin} afkomst en woont sinds {f.rng.randint(1990, 2015)} "
        f"in de wijk. Zij vraagt ondersteuning bij de administratie.\n"
        f"Betrokkene: {name}\n"
    )


def political_membership(f: Filler) -> str:
    name, _, _, pron = f.person()
    party = f.pick("de SP", "GroenLinks", "de VVD", "het CDA", "de PVV", "D66", "de BBB")
    return (
        f"Screeningsnotitie\nAanvrager: {name}\nGeboortedatum: {f.dob()}\n\n"
        f"Uit het gesprek blijkt dat {pron} sinds {f.rng.randint(2005, 2022)} lid is van "
        f"{party} en daar actief is als {f.pick('campagnevrijwilliger', 'penningmeester')}.\n"
    )


def political_member_list(f: Filler) -> str:
    party = f.pick("D66", "SP", "CDA", "VVD", "GroenLinks-PvdA")
    lines = [f"Ledenlijst {party} afdeling {f.fake.city()}", "naam;e-mail;lid sinds"]
    for _ in range(5):
        name, _, _, _ = f.person()
        user = name.lower().replace(" ", ".")
        lines.append(f"{name};{user}@{f.fake.free_email_domain()};{f.rng.randint(1995, 2024)}")
    return "\n".join(lines) + "\n"


PARTY_LINKS = (
    "aanhanger van de PVV",
    "partijlid van Forum voor Democratie",
    "lid van de Partij voor de Dieren",
)


def political_opinion_note(f: Filler) -> str:
    name, _, last, _ = f.person()
    return (
        f"Klachtdossier {f.number(5)}\nKlager: {name}\n\n"
        f"De heer {last} schrijft dat zijn politieke voorkeur bij de aanvraag een rol "
        f"heeft gespeeld; hij is {f.pick(*PARTY_LINKS)}.\n"
    )


def union_payroll(f: Filler) -> str:
    name, _, _, _ = f.person()
    union = f.pick("FNV", "CNV", "De Unie", "AC", "CMHF")
    return (
        f"Salarisspecificatie {f.pick('januari', 'maart', 'juni', 'oktober')} "
        f"{f.rng.randint(2022, 2025)}\nWerknemer: {name}\n"
        f"Personeelsnummer: {f.number(6)}\nBruto salaris: € {f.rng.randint(2800, 5200)},00\n"
        f"Vakbondscontributie ({union}): € {f.rng.randint(12, 28)},{f.number(2)}\n"
    )


def union_leave_letter(f: Filler) -> str:
    _, _, last, _ = f.person()
    union = f.pick("FNV", "CNV Connectief", "de AC")
    return (
        f"Geachte heer {last},\n\n"
        f"Uw verzoek om vakbondsverlof voor uw werkzaamheden als kaderlid van {union} "
        f"op {f.date()} is toegekend.\n\nMet vriendelijke groet,\nAfdeling HR\n"
    )


def union_strike_register(f: Filler) -> str:
    lines = [f"Registratie stakingsdeelname {f.date()}", "naam;personeelsnummer;inhouding"]
    for _ in range(4):
        name, _, _, _ = f.person()
        lines.append(f"{name};{f.number(6)};1 dag")
    return "\n".join(lines) + "\n"


def union_member_mail(f: Filler) -> str:
    _, first, _, pron = f.person()
    return (
        f"Beste collega's,\n\n{first} is lid van de {f.pick('FNV', 'CNV', 'vakbond')} en "
        f"wil {f.pick('zijn', 'haar')} vakbondsconsulent meenemen naar het gesprek van "
        f"{f.date()}.\n"
    )


def biometric_access(f: Filler) -> str:
    name, _, _, _ = f.person()
    return (
        f"Registratie toegangssysteem datacenter\nMedewerker: {name}\n"
        f"Pasnummer: {f.number(8)}\n"
        f"Vingerafdruk ingelezen op {f.date()}; biometrisch template opgeslagen "
        f"in de lezer.\n"
    )


def biometric_time_clock(f: Filler) -> str:
    lines = ["Export tijdregistratie", "naam;personeelsnummer;methode;datum"]
    for _ in range(4):
        name, _, _, _ = f.person()
        method = f.pick("vingerscan", "gezichtsherkenning", "vingerafdruk")
        lines.append(f"{name};{f.number(6)};{method};{f.date()}")
    return "\n".join(lines) + "\n"


def biometric_consent(f: Filler) -> str:
    name, _, _, _ = f.person()
    return (
        f"Toestemmingsverklaring gezichtsherkenning\nNaam: {name}\n"
        f"Geboortedatum: {f.dob()}\n"
        f"Ik geef toestemming voor het vastleggen van mijn gezichtskenmerken voor "
        f"toegang tot {f.pick('het archief', 'de serverruimte')}.\nDatum: {f.date()}\n"
    )


def genetic_paternity(f: Filler) -> str:
    _, _, last, _ = f.person()
    return (
        f"Geachte heer {last},\n\n"
        f"Hierbij ontvangt u de uitslag van het vaderschapsonderzoek. Op basis van het "
        f"DNA-onderzoek is de kans op vaderschap {f.pick('99,99%', 'nihil')}.\n\n"
        f"Met vriendelijke groet,\n{f.fake.name()}\nLaboratorium {f.fake.city()}\n"
    )


def genetic_referral(f: Filler) -> str:
    name, _, _, _ = f.person()
    return (
        f"Verwijzing klinische genetica\nPatiënt: {name}, geb. {f.dob()}\n"
        f"Vraagstelling: erfelijkheidsonderzoek naar {f.pick('BRCA1/2', 'Lynch-syndroom')} "
        f"in verband met familiaire belasting.\n"
    )


def genetic_forensic(f: Filler) -> str:
    name, _, _, _ = f.person()
    return (
        f"Op grond van de Wet DNA-onderzoek bij veroordeelden is van {name}, geboren "
        f"{f.dob()}, op {f.date()} celmateriaal afgenomen. Het DNA-profiel is verwerkt "
        f"in de DNA-databank.\n"
    )


def sexual_counsellor(f: Filler) -> str:
    name, _, _, pron = f.person()
    orientation = f.pick("homoseksueel", "biseksueel", "transgender", "lesbisch")
    return (
        f"Vertrouwenspersoon - gespreksverslag {f.date()}\nMedewerker: {name}\n\n"
        f"Medewerker geeft aan dat {pron} {orientation} is en zich door opmerkingen van "
        f"collega's niet veilig voelt op de afdeling.\n"
    )


def sexual_sti_test(f: Filler) -> str:
    name, _, _, _ = f.person()
    return (
        f"Uitslag soa-test\nCliënt: {name}\nGeboortedatum: {f.dob()}\n"
        f"Chlamydia: {f.pick('negatief', 'positief')}; gonorroe: negatief.\n"
    )


def sexual_sex_work_register(f: Filler) -> str:
    name, _, _, _ = f.person()
    return (
        f"Registratie sekswerker (APV)\nNaam: {name}\nGeboortedatum: {f.dob()}\n"
        f"Werkplek: {f.fake.street_address()}\n"
    )


def sexual_partner(f: Filler) -> str:
    name, _, _, _ = f.person()
    return (
        f"Wijziging personeelsdossier\nMedewerker: {name}\n"
        f"De medewerker woont samen met een partner van hetzelfde geslacht en vraagt "
        f"partnerverlof aan.\n"
    )


def criminal_vog(f: Filler) -> str:
    name, _, _, _ = f.person()
    offence = f.pick("mishandeling", "diefstal", "verduistering in dienstbetrekking")
    return (
        f"Betreft: voornemen tot weigering VOG\nAanvrager: {name}\n"
        f"Geboortedatum: {f.dob()}\n\n"
        f"Uit de justitiële documentatie blijkt een veroordeling voor {offence} in "
        f"{f.rng.randint(2015, 2023)}.\n"
    )


def criminal_hr_note(f: Filler) -> str:
    _, _, last, _ = f.person()
    return (
        f"Notitie screening, {f.date()}\n"
        f"De heer {last} heeft een strafblad: in {f.rng.randint(2010, 2022)} veroordeeld "
        f"tot een taakstraf van {f.rng.randint(40, 200)} uur wegens "
        f"{f.pick('heling', 'openlijke geweldpleging', 'rijden onder invloed')}.\n"
    )


def criminal_area_ban(f: Filler) -> str:
    name, _, last, _ = f.person()
    return (
        f"Aan de heer {name}\n{f.fake.street_address()}\n\nGeachte heer {last},\n\n"
        f"Na uw aanhouding op {f.date()} legt de burgemeester u een gebiedsverbod op "
        f"voor het centrum voor de duur van drie maanden.\n"
    )


def criminal_boa_report(f: Filler) -> str:
    name, _, _, _ = f.person()
    return (
        f"Proces-verbaal van bevindingen\nVerdachte: {name}\n"
        f"Geboren: {f.dob()} te {f.fake.city()}\n"
        f"Feit: {f.pick('winkeldiefstal', 'vernieling', 'belediging van een ambtenaar')}\n"
    )


POSITIVE: dict[str, list[Template]] = {
    "health": [health_absence_note, health_intake, health_employee_mail, health_reintegration],
    "religion": [religion_dietary, religion_leave, religion_school],
    "ethnicity": [ethnicity_register, ethnicity_social_note],
    "political": [political_membership, political_member_list, political_opinion_note],
    "trade_union": [union_payroll, union_leave_letter, union_strike_register, union_member_mail],
    "biometric": [biometric_access, biometric_time_clock, biometric_consent],
    "genetic": [genetic_paternity, genetic_referral, genetic_forensic],
    "sexual_orientation": [
        sexual_counsellor,
        sexual_sti_test,
        sexual_sex_work_register,
        sexual_partner,
    ],
    "criminal": [criminal_vog, criminal_hr_note, criminal_area_ban, criminal_boa_report],
}
# Categories a template holds besides its own (a forensic DNA note is criminal too).
ALSO_HOLDS = {"genetic_forensic": {"criminal"}, "r4_lynch": {"health"}}


# --- Clean texts: the same words, about no one ---------------------------------


def clean_hospital_news(f: Filler) -> str:
    spokesperson = f.fake.name()
    return (
        f"{f.fake.city()} - Het {f.pick('Isala', 'Rijnstate', 'Gelre')} ziekenhuis opent "
        f"op {f.date()} een nieuwe afdeling oncologie en een polikliniek psychiatrie. "
        f"Patiënten met kanker kunnen er voortaan terecht voor chemotherapie en "
        f"bestraling onder één dak. 'De diagnose komt vaak als een schok', zegt "
        f"{spokesperson}, woordvoerder van het ziekenhuis. 'Daarom staat de patiënt hier "
        f"centraal.' Meer informatie: pers@ziekenhuis.nl of 0800-1234567.\n"
    )


def clean_ggz_news(f: Filler) -> str:
    return (
        f"De wachtlijsten in de ggz lopen op. Volgens de Nederlandse GGZ wachten "
        f"{f.rng.randint(60, 90)}.000 mensen langer dan de treeknorm op behandeling voor "
        f"depressie, angststoornissen of verslaving. Psychiaters en psychologen vragen "
        f"het kabinet om extra geld. 'Wie nu een burn-out heeft, wacht maanden', aldus "
        f"een woordvoerder.\n"
    )


def clean_absence_policy(f: Filler) -> str:
    return (
        f"Verzuimprotocol {f.fake.company()}\n\n"
        f"1. Ziekmelding. Medewerkers melden zich voor 9.00 uur ziek bij hun "
        f"leidinggevende. Vragen naar de aard van de ziekte of de diagnose is niet "
        f"toegestaan.\n2. Bedrijfsarts. Bij verzuim langer dan twee weken volgt een "
        f"afspraak met de bedrijfsarts. Medische gegevens blijven bij de arbodienst.\n"
        f"3. Re-integratie. Werkgever en werknemers stellen samen een plan van aanpak "
        f"op, zoals de Wet verbetering poortwachter voorschrijft.\n"
    )


def clean_mosque_news(f: Filler) -> str:
    return (
        f"In {f.fake.city()} is zaterdag de nieuwe moskee geopend. Honderden bezoekers "
        f"kwamen af op de open dag. De imam sprak over de betekenis van de ramadan en "
        f"het suikerfeest voor de islamitische gemeenschap. Ook de dominee van de "
        f"protestantse kerk aan de overkant was aanwezig. Volgens het bestuur is de "
        f"moskee een ontmoetingsplek voor de hele wijk.\n"
    )


def clean_church_concert(f: Filler) -> str:
    return (
        f"Kerkconcert in de Grote Kerk\nOp {f.date()} zingt het {f.fake.city()}s "
        f"Kamerkoor psalmen en cantates. Het koor looft de Heer met werken van Bach. "
        f"Na afloop is er koffie in het kerkelijk centrum. De toegang is gratis; een "
        f"collecte voor het orgelfonds volgt. Informatie: info@grotekerk.nl\n"
    )


def clean_integration_stats(f: Filler) -> str:
    return (
        f"Bevolking naar migratieachtergrond, {f.rng.randint(2018, 2024)}\n"
        f"Van de inwoners heeft {f.rng.randint(20, 40)} procent een migratieachtergrond. "
        f"De grootste herkomstgroepen zijn mensen van Turkse, Marokkaanse en Surinaamse "
        f"afkomst. Sinds 2022 gebruikt het CBS niet langer de indeling westers en "
        f"niet-westers.\n"
    )


def clean_ethnic_profiling_policy(f: Filler) -> str:
    return (
        "Beleid tegen etnisch profileren\nHuidskleur, afkomst of nationaliteit mogen "
        "nooit een selectiecriterium zijn in risicomodellen. Het college laat alle "
        "algoritmen toetsen op discriminatie. Wie zich gediscrimineerd voelt, kan "
        "terecht bij het meldpunt.\n"
    )


def clean_council_minutes(f: Filler) -> str:
    a, b, c = (f.fake.last_name() for _ in range(3))
    return (
        f"Besluitenlijst gemeenteraad {f.date()}\n"
        f"Agendapunt 5: Woningbouwprogramma. De heer {a} (VVD) vraagt naar de planning. "
        f"Mevrouw {b} (GroenLinks) dient een motie in over sociale huur. "
        f"Stemgedrag: VVD, CDA en D66 stemmen voor; SP en PVV stemmen tegen. "
        f"De motie van de heer {c} (SP) wordt verworpen. Bij staking van stemmen "
        f"beslist de voorzitter niet.\n"
    )


def clean_election_results(f: Filler) -> str:
    return (
        f"Uitslag gemeenteraadsverkiezing {f.fake.city()}\n"
        f"VVD {f.rng.randint(5, 9)} zetels, GroenLinks-PvdA {f.rng.randint(4, 8)} zetels, "
        f"CDA {f.rng.randint(2, 5)}, D66 {f.rng.randint(2, 5)}, BBB {f.rng.randint(1, 4)}, "
        f"PVV {f.rng.randint(1, 4)}. Het proces-verbaal van uitslag ligt ter inzage.\n"
    )


def clean_union_press(f: Filler) -> str:
    return (
        f"Persbericht FNV\nFNV en CNV roepen werknemers in het streekvervoer op tot een "
        f"staking op {f.date()}. De vakbonden eisen een loonsverhoging van "
        f"{f.rng.randint(5, 12)} procent. 'Onze leden zijn het zat', zegt "
        f"{f.fake.name()}, bestuurder bij FNV Havens. Meer informatie: pers@fnv.nl\n"
    )


def clean_cao_news(f: Filler) -> str:
    return (
        f"Nieuwe cao gemeenten: de VNG en de vakbonden FNV Overheid, CNV Connectief en "
        f"AC Ambtenarencentrum hebben een akkoord bereikt. Vakbondsleden stemmen tot "
        f"{f.date()} over het resultaat. Werkgevers mogen de vakbondscontributie via de "
        f"werkkostenregeling vergoeden.\n"
    )


def clean_biometric_policy(f: Filler) -> str:
    return (
        f"Beleid biometrische toegangscontrole {f.fake.company()}\n"
        f"De serverruimte wordt beveiligd met een vingerafdrukscanner. Biometrische "
        f"gegevens zijn bijzondere persoonsgegevens (art. 9 AVG) en worden alleen "
        f"verwerkt als dat noodzakelijk is voor beveiliging (art. 29 UAVG). Medewerkers "
        f"die geen vingerafdruk willen afgeven, krijgen een toegangspas met pincode. "
        f"De medewerker kan zijn toestemming altijd intrekken. Templates worden "
        f"versleuteld opgeslagen en bij uitdiensttreding verwijderd.\n"
    )


def clean_facial_recognition_news(f: Filler) -> str:
    return (
        "Schiphol breidt gezichtsherkenning uit naar alle vertrekhallen. Reizigers "
        "kunnen kiezen voor een irisscan of de gewone paspoortcontrole. De Autoriteit "
        "Persoonsgegevens waarschuwt dat biometrie alleen met uitdrukkelijke "
        "toestemming mag.\n"
    )


def clean_genetics_lecture(f: Filler) -> str:
    return (
        f"Lezing: Wat vertelt je DNA?\nOp {f.date()} vertelt een klinisch geneticus van "
        f"het {f.pick('UMC Utrecht', 'Radboudumc', 'Erasmus MC')} over erfelijkheidsonderzoek, "
        f"BRCA-mutaties en de ziekte van Huntington. Hoe werkt een genetische test, en wat "
        f"betekent dragerschap voor de volgende generatie? Toegang gratis, aanmelden via "
        f"lezingen@bibliotheek.nl\n"
    )


def clean_dna_metaphor(f: Filler) -> str:
    return (
        f"Strategisch plan {f.rng.randint(2025, 2030)}\nDienstverlening zit in ons DNA. "
        f"Het DNA van de organisatie is dichtbij en betrouwbaar. Wij investeren in "
        f"opleiding van iedere medewerker.\n"
    )


def clean_lgbti_policy(f: Filler) -> str:
    return (
        f"Regenboogstad {f.fake.city()}\nDe gemeente zet zich in voor de acceptatie van "
        f"lhbtiq+ inwoners. Homoseksuele, lesbische, biseksuele en transgender jongeren "
        f"worden vaker gepest. Tijdens Coming Out Day hijst de burgemeester de "
        f"regenboogvlag. De soa-poli van de GGD is open op werkdagen.\n"
    )


def clean_crime_statistics(f: Filler) -> str:
    return (
        f"Criminaliteitscijfers {f.fake.city()} {f.rng.randint(2019, 2024)}\n"
        f"Het aantal aangiften van woninginbraak daalde met {f.rng.randint(5, 20)} "
        f"procent. De politie hield {f.rng.randint(100, 900)} verdachten aan; "
        f"{f.rng.randint(50, 400)} zaken eindigden in een veroordeling. Het aantal "
        f"taakstraffen nam toe. Een verdachte kan een strafbeschikking krijgen van het "
        f"Openbaar Ministerie.\n"
    )


def clean_bibob_and_tax(f: Filler) -> str:
    return (
        "Bibob-beleid horeca\nBij een aanvraag voor een exploitatievergunning kan de "
        "burgemeester een Bibob-toets laten uitvoeren. De aanvrager vult een vragenlijst "
        "in over de herkomst van de gelden. Banken melden verdachte transacties bij de "
        "FIU. Vergeet niet de aangifte inkomstenbelasting voor 1 mei in te dienen.\n"
    )


CLEAN: dict[str, list[Template]] = {
    "health": [clean_hospital_news, clean_ggz_news, clean_absence_policy],
    "religion": [clean_mosque_news, clean_church_concert],
    "ethnicity": [clean_integration_stats, clean_ethnic_profiling_policy],
    "political": [clean_council_minutes, clean_election_results],
    "trade_union": [clean_union_press, clean_cao_news],
    "biometric": [clean_biometric_policy, clean_facial_recognition_news],
    "genetic": [clean_genetics_lecture, clean_dna_metaphor],
    "sexual_orientation": [clean_lgbti_policy],
    "criminal": [clean_crime_statistics, clean_bibob_and_tax],
}


# --- Second round: written after `tuned` passed (see the module docstring) ---


def second_home_care(f: Filler) -> str:
    _, _, last, _ = f.person()
    return (
        f"Aantekening wijkverpleging {f.date()}\n"
        f"Mevrouw {last} ({f.rng.randint(70, 95)}) heeft diabetes type 2 en spuit zelf "
        f"insuline. Wondzorg linkerbeen, volgende controle over twee weken.\n"
    )


def second_pregnancy_leave(f: Filler) -> str:
    name, _, _, _ = f.person()
    return (
        f"Verlofregistratie\nMedewerker: {name}\n"
        f"Soort verlof: zwangerschaps- en bevallingsverlof vanaf {f.date()}\n"
    )


def second_uwv_letter(f: Filler) -> str:
    _, _, last, _ = f.person()
    return (
        f"Geachte heer {last},\n\nU bent voor {f.pick('45-55%', '80-100%')} "
        f"arbeidsongeschikt. Daarom krijgt u vanaf {f.date()} een WGA-uitkering.\n"
    )


def second_prayer_room(f: Filler) -> str:
    _, first, _, _ = f.person()
    return (
        f"Hoi,\n\nMijn collega {first} wil tijdens werktijd graag een rustige plek om te "
        f"bidden. Is de stilteruimte op de tweede verdieping daarvoor beschikbaar? Zij "
        f"draagt sinds kort een hoofddoek en vraagt of dat bij de balie mag.\n"
    )


def second_description(f: Filler) -> str:
    name, _, _, _ = f.person()
    return (
        f"Melding {f.number(6)}\nBetrokkene: {name}\nSignalement: man, donkere "
        f"huidskleur, ongeveer 1.80 m, zwarte jas.\n"
    )


def second_party_signup(f: Filler) -> str:
    name, _, _, _ = f.person()
    return (
        f"Aanmelding nieuw lid\nNaam: {name}\nGeboortedatum: {f.dob()}\n"
        f"{name} wil zich aanmelden als lid van {f.pick('Volt', 'JA21', 'de ChristenUnie')}.\n"
    )


def second_union_cancel(f: Filler) -> str:
    name, _, _, _ = f.person()
    return (
        f"Hierbij zeg ik mijn lidmaatschap van de {f.pick('FNV', 'CNV')} per "
        f"{f.date()} op.\n\n{name}\nLidnummer {f.number(8)}\n"
    )


def second_reader_incident(f: Filler) -> str:
    name, _, _, _ = f.person()
    return (
        f"Incidentmelding beveiliging\nDe lezer bij ingang B herkende de vingerafdruk van "
        f"{name} (personeelsnummer {f.number(6)}) drie keer niet; template opnieuw "
        f"ingelezen.\n"
    )


def second_carrier_result(f: Filler) -> str:
    name, _, _, _ = f.person()
    return (
        f"Uitslag DNA-test\nNaam: {name}\nGeboortedatum: {f.dob()}\n"
        f"Conclusie: drager van een pathogene variant in het CFTR-gen (taaislijmziekte).\n"
    )


def second_coming_out(f: Filler) -> str:
    _, first, _, _ = f.person()
    return (
        f"Intake jongerenwerk\n{first} (17) vertelt dat hij sinds kort uit de kast is als "
        f"homo en thuis veel ruzie heeft.\n"
    )


def second_arrest_mail(f: Filler) -> str:
    _, first, last, _ = f.person()
    return (
        f"Vertrouwelijk - HR\nCollega {first} {last} is vorige week aangehouden door de "
        f"politie wegens rijden onder invloed en verschijnt in {f.pick('maart', 'juni')} "
        f"voor de politierechter.\n"
    )


def second_clean_vacancy(f: Filler) -> str:
    return (
        f"Vacature psychiater (32-36 uur), {f.fake.city()}\nJij stelt diagnoses en stelt "
        f"behandelplannen op voor cliënten met complexe problematiek. Ervaring met "
        f"verslavingszorg is een pre. Vragen? Bel {f.fake.name()}, teamleider.\n"
    )


def second_clean_flu_shot(f: Filler) -> str:
    return (
        "Griepprik: ouderen en mensen met een chronische ziekte zoals diabetes of "
        "astma krijgen in oktober een uitnodiging van de huisarts.\n"
    )


def second_clean_synagogue_grant(f: Filler) -> str:
    return (
        f"De gemeente {f.fake.city()} subsidieert de renovatie van de synagoge en de "
        f"katholieke kerk aan de Markt. Wethouder {f.fake.last_name()}: 'Religieus "
        f"erfgoed hoort bij onze stad.'\n"
    )


def second_clean_election_news(f: Filler) -> str:
    return (
        f"De PVV is de grootste partij geworden; GroenLinks-PvdA verloor twee zetels. "
        f"Partijleider {f.fake.name()} zegt dat de kiezer heeft gesproken. De opkomst "
        f"was {f.rng.randint(60, 80)} procent.\n"
    )


def second_clean_tie_vote(f: Filler) -> str:
    return (
        "Reglement van orde, artikel 32: Bij staking der stemmen wordt het voorstel "
        "geacht te zijn verworpen. Een lid van de raad kan een hoofdelijke stemming "
        "vragen.\n"
    )


def second_clean_terminal_sheet(f: Filler) -> str:
    return (
        "Productblad toegangsterminal T-400: ondersteunt vingerafdruk- en "
        "gezichtsherkenning, capaciteit 3.000 templates, IP65.\n"
    )


def second_clean_biology(f: Filler) -> str:
    return (
        "Biologie hoofdstuk 5, erfelijkheid: elk chromosoom bevat DNA. Een mutatie in "
        "een gen kan een erfelijke ziekte veroorzaken, zoals taaislijmziekte.\n"
    )


def second_clean_inclusive_employer(f: Filler) -> str:
    return (
        "Wij zijn een inclusieve werkgever. Lhbti-medewerkers kunnen terecht bij het "
        "Regenboognetwerk; transgender collega's krijgen hulp bij het wijzigen van hun "
        "geslachtsregistratie in onze systemen.\n"
    )


def second_clean_probation_report(f: Filler) -> str:
    return (
        f"Jaarverslag reclassering {f.rng.randint(2020, 2024)}: de reclassering hield "
        f"toezicht op {f.rng.randint(10, 20)}.000 cliënten en schreef adviezen voor de "
        f"officier van justitie. Het aantal taakstraffen steeg.\n"
    )


SECOND_POSITIVE: dict[str, list[Template]] = {
    "health": [second_home_care, second_pregnancy_leave, second_uwv_letter],
    "religion": [second_prayer_room],
    "ethnicity": [second_description],
    "political": [second_party_signup],
    "trade_union": [second_union_cancel],
    "biometric": [second_reader_incident],
    "genetic": [second_carrier_result],
    "sexual_orientation": [second_coming_out],
    "criminal": [second_arrest_mail],
}
SECOND_CLEAN: dict[str, list[Template]] = {
    "health": [second_clean_vacancy, second_clean_flu_shot],
    "religion": [second_clean_synagogue_grant],
    "political": [second_clean_election_news],
    "trade_union": [second_clean_tie_vote],
    "biometric": [second_clean_terminal_sheet],
    "genetic": [second_clean_biology],
    "sexual_orientation": [second_clean_inclusive_employer],
    "criminal": [second_clean_probation_report],
}


# --- Fresh: written last, measured once, not tuned against -------------------


def fresh_mdo_minutes(f: Filler) -> str:
    _, _, last, _ = f.person()
    return (
        f"Notulen MDO {f.date()}\nDhr. {last}: opname gepland i.v.m. decompensatio cordis; "
        f"medicatie aangepast (furosemide 40 mg).\n"
    )


def fresh_back_pain_mail(f: Filler) -> str:
    _, first, _, _ = f.person()
    return (
        f"Beste HR,\n\nIk ben sinds maandag thuis met rugklachten; de fysiotherapeut "
        f"verwacht dat ik over twee weken weer kan werken.\n\nGroet, {first}\n"
    )


def fresh_absence_export(f: Filler) -> str:
    lines = ["personeelsnr;naam;verzuimdagen;reden"]
    for _ in range(4):
        name, _, _, _ = f.person()
        reason = f.pick("psychisch", "lichamelijk", "burn-out", "zwangerschap")
        lines.append(f"{f.number(5)};{name};{f.rng.randint(1, 90)};{reason}")
    return "\n".join(lines) + "\n"


def fresh_swim_exemption(f: Filler) -> str:
    name, _, _, _ = f.person()
    return (
        f"Aanvraag vrijstelling zwemles\nDe ouders van leerling {name} vragen vrijstelling "
        f"omdat zij als strenggelovige moslims gemengd zwemmen afwijzen.\n"
    )


def fresh_descent(f: Filler) -> str:
    name, _, _, _ = f.person()
    return (
        f"Uit het dossier blijkt dat de vader van {name} van Koerdische komaf is en in "
        f"{f.rng.randint(1985, 2000)} naar Nederland kwam.\n"
    )


def fresh_council_mail(f: Filler) -> str:
    name, _, _, _ = f.person()
    return (
        f"Geachte raadsleden,\n\nIk, {name}, ben al twintig jaar lid van de SGP en maak "
        f"bezwaar tegen de koopzondag.\n"
    )


def fresh_payroll_export(f: Filler) -> str:
    lines = ["personeelsnummer;naam;looncomponent;bedrag"]
    for _ in range(3):
        _, first, last, _ = f.person()
        union = f.pick("FNV", "CNV", "AC")
        lines.append(
            f"{f.number(5)};{first[0]}. {last};contributie {union};-{f.rng.randint(12, 25)},50"
        )
    return "\n".join(lines) + "\n"


def fresh_windows_hello(f: Filler) -> str:
    name, _, _, _ = f.person()
    return (
        f"Logboek werkplek {f.date()}: gebruiker {name} ontgrendelt de laptop met Windows "
        f"Hello gezichtsherkenning.\n"
    )


def fresh_brca_family(f: Filler) -> str:
    name, _, _, _ = f.person()
    return (
        f"Familieonderzoek: bij {name}, geboren {f.dob()}, is de BRCA2-mutatie aangetoond; "
        f"zussen worden uitgenodigd voor voorspellend onderzoek.\n"
    )


def fresh_discrimination_report(f: Filler) -> str:
    name, _, _, _ = f.person()
    return (
        f"Melding discriminatie\nMelder: {name}\nMelder is lesbienne en werd op het werk "
        f"uitgescholden door een leidinggevende.\n"
    )


def fresh_closure_order(f: Filler) -> str:
    name, _, _, _ = f.person()
    return (
        f"Besluit burgemeester: sluiting woning {f.fake.street_address()} voor drie maanden "
        f"wegens drugshandel (artikel 13b Opiumwet). Bewoner: {name}.\n"
    )


def fresh_penalty_order(f: Filler) -> str:
    _, _, last, _ = f.person()
    return (
        f"Mevr. {last} heeft in {f.rng.randint(2015, 2023)} een strafbeschikking gekregen "
        f"voor winkeldiefstal.\n"
    )


def fresh_clean_flu(f: Filler) -> str:
    return (
        f"Nieuwsbrief HR: griepvaccinatie. Medewerkers kunnen zich op {f.date()} laten "
        f"vaccineren. De bedrijfsarts is aanwezig voor vragen.\n"
    )


def fresh_clean_annual_report(f: Filler) -> str:
    return (
        f"Jaarverslag: het ziekteverzuim daalde naar {f.rng.randint(3, 6)},8 procent. De "
        f"medewerker staat centraal in ons vitaliteitsbeleid.\n"
    )


def fresh_clean_service(f: Filler) -> str:
    return (
        f"Kerkdienst zondag 10.00 uur, voorganger ds. {f.fake.last_name()}. Na de dienst "
        f"koffie in de zaal.\n"
    )


def fresh_clean_labour_study(f: Filler) -> str:
    return (
        "Onderzoek naar arbeidsmarktdiscriminatie: sollicitanten met een Marokkaanse "
        "achtergrond worden minder vaak uitgenodigd dan sollicitanten zonder "
        "migratieachtergrond.\n"
    )


def fresh_clean_debate(f: Filler) -> str:
    return (
        "Verkiezingsdebat in de bibliotheek met de lijsttrekkers van VVD, CDA en SP. "
        "Stemt u op 19 maart?\n"
    )


def fresh_clean_cao_signed(f: Filler) -> str:
    return (
        "Het CNV en de FNV hebben de cao ondertekend. Leden krijgen in juli een eenmalige "
        "uitkering.\n"
    )


def fresh_clean_passport(f: Filler) -> str:
    return (
        "Uw nieuwe paspoort: bij de aanvraag worden twee vingerafdrukken afgenomen. Neem "
        "een recente pasfoto mee.\n"
    )


def fresh_clean_boa_vacancy(f: Filler) -> str:
    return (
        "Vacature BOA: je schrijft processen-verbaal, houdt toezicht in het centrum en "
        "werkt samen met de politie.\n"
    )


def fresh_clean_cohort(f: Filler) -> str:
    return (
        "Het Erasmus MC start een onderzoek naar erfelijke aandoeningen bij 10.000 "
        "deelnemers. Deelnemers krijgen een genetische test.\n"
    )


def fresh_clean_pride(f: Filler) -> str:
    return (
        "Programma Pride Week: lezing over de geschiedenis van homoseksualiteit in "
        "Nederland en een film over coming-out.\n"
    )


FRESH_POSITIVE: dict[str, list[Template]] = {
    "health": [fresh_mdo_minutes, fresh_back_pain_mail, fresh_absence_export],
    "religion": [fresh_swim_exemption],
    "ethnicity": [fresh_descent],
    "political": [fresh_council_mail],
    "trade_union": [fresh_payroll_export],
    "biometric": [fresh_windows_hello],
    "genetic": [fresh_brca_family],
    "sexual_orientation": [fresh_discrimination_report],
    "criminal": [fresh_closure_order, fresh_penalty_order],
}
FRESH_CLEAN: dict[str, list[Template]] = {
    "health": [fresh_clean_flu, fresh_clean_annual_report],
    "religion": [fresh_clean_service],
    "ethnicity": [fresh_clean_labour_study],
    "political": [fresh_clean_debate],
    "trade_union": [fresh_clean_cao_signed],
    "biometric": [fresh_clean_passport],
    "genetic": [fresh_clean_cohort],
    "sexual_orientation": [fresh_clean_pride],
    "criminal": [fresh_clean_boa_vacancy],
}


# --- Round four: written 2026-11-27 after `fresh` was tuned, measured once ----


def r4_wijkteam_report(f: Filler) -> str:
    name, _, _, _ = f.person()
    return (
        f"Gespreksverslag wijkteam {f.date()}\nCliënt: {name}\n"
        f"Mevrouw gebruikt sinds een half jaar antidepressiva en heeft last van "
        f"paniekaanvallen. Zij staat op de wachtlijst bij de GGZ.\n"
    )


def r4_knee_leave(f: Filler) -> str:
    name, _, _, _ = f.person()
    return (
        f"Verlofaanvraag\nNaam: {name}\nPeriode: {f.date()} t/m {f.date()}\n"
        f"Reden: operatie aan mijn knie (meniscus), daarna zes weken revalidatie.\n"
    )


def r4_eid_leave(f: Filler) -> str:
    name, _, _, _ = f.person()
    return (
        f"Aanvraag bijzonder verlof van {name}: ik wil graag vrij op het Suikerfeest "
        f"omdat ik moslim ben en met mijn familie het einde van de ramadan vier.\n"
    )


def r4_intake_religion(f: Filler) -> str:
    name, _, _, _ = f.person()
    return (
        f"Intakeformulier pleegzorg\nNaam kind: {name}\nGeboortedatum: {f.dob()}\n"
        f"Godsdienst: rooms-katholiek\nBijzonderheden: geen varkensvlees\n"
    )


def r4_background_form(f: Filler) -> str:
    name, _, _, _ = f.person()
    return (
        f"Aanmelding inburgering\nNaam: {name}\nGeboorteland moeder: Suriname\n"
        f"Etnische achtergrond: Hindostaans\n"
    )


def r4_moroccan_descent(f: Filler) -> str:
    _, _, last, _ = f.person()
    return (
        f"Mevrouw {last} is van Marokkaanse afkomst en spreekt beperkt Nederlands; "
        f"een tolk is gewenst bij het volgende gesprek.\n"
    )


def r4_candidate(f: Filler) -> str:
    name, _, _, _ = f.person()
    return (
        f"{name} is actief lid van GroenLinks-PvdA en staat op plek "
        f"{f.rng.randint(3, 20)} van de kandidatenlijst voor de raad.\n"
    )


def r4_votes_pvv(f: Filler) -> str:
    _, _, last, pronoun = f.person()
    return (
        f"In het gesprek gaf dhr. {last} aan dat {pronoun} op de PVV stemt en daarom "
        f"geen vertrouwen heeft in de wethouder.\n"
    )


def r4_union_delegate(f: Filler) -> str:
    name, _, _, _ = f.person()
    return (
        f"Aanwezig bij het overleg: {name}, kaderlid van FNV Overheid, namens de "
        f"medewerkers van de afdeling Beheer.\n"
    )


def r4_union_lawyer(f: Filler) -> str:
    _, _, last, _ = f.person()
    return (
        f"Mevrouw {last} liet zich tijdens de hoorzitting bijstaan door haar "
        f"vakbondsjurist van het CNV.\n"
    )


def r4_gay_bullying(f: Filler) -> str:
    name, _, _, pronoun = f.person()
    return (
        f"Melding ongewenst gedrag\nMelder: {name}\n"
        f"Collega's maken grappen omdat {pronoun} homo is; {pronoun} voelt zich niet "
        f"veilig op de afdeling.\n"
    )


def r4_lesbian_partner(f: Filler) -> str:
    _, first, last, _ = f.person()
    return (
        f"Beste {first},\n\nGefeliciteerd! Je vrouw en jij krijgen een kindje; als "
        f"lesbisch stel kunnen jullie allebei geboorteverlof opnemen.\n\nHR, "
        f"namens team {last}\n"
    )


def r4_fingerprint_access(f: Filler) -> str:
    name, _, _, _ = f.person()
    return (
        f"Toegangsregistratie {name}: vingerafdruk ingelezen op {f.date()}, "
        f"template opgeslagen in het toegangssysteem van het rekencentrum.\n"
    )


def r4_face_consent(f: Filler) -> str:
    name, _, _, _ = f.person()
    return (
        f"Toestemmingsverklaring\nNaam: {name}\nIk geef toestemming voor "
        f"gezichtsherkenning bij de ingang van het gebouw.\n"
    )


def r4_carrier(f: Filler) -> str:
    name, _, _, _ = f.person()
    return (
        f"Uitslag DNA-onderzoek {name}: drager van een mutatie in het CFTR-gen "
        f"(cystic fibrosis). Advies: erfelijkheidsadvies voor de partner.\n"
    )


def r4_lynch(f: Filler) -> str:
    _, _, last, _ = f.person()
    return (
        f"Mevrouw {last} heeft volgens de klinisch geneticus een erfelijke aanleg "
        f"voor darmkanker (Lynch-syndroom).\n"
    )


def r4_conviction(f: Filler) -> str:
    name, _, _, pronoun = f.person()
    return (
        f"{name} is in {f.rng.randint(2015, 2023)} veroordeeld voor diefstal; "
        f"{pronoun} heeft een taakstraf van 80 uur uitgevoerd.\n"
    )


def r4_vog_refused(f: Filler) -> str:
    name, _, _, _ = f.person()
    return (
        f"Screening sollicitant {name} ({f.dob()}): VOG geweigerd wegens "
        f"justitiële antecedenten. Sollicitatie afgewezen.\n"
    )


def r4_clean_flu_shot(f: Filler) -> str:
    return (
        f"De GGD start op {f.date()} met de griepprik voor 60-plussers. Huisartsen "
        f"krijgen extra vaccins; wie ziek is, blijft thuis.\n"
    )


def r4_clean_restoration(f: Filler) -> str:
    return (
        "De gemeente subsidieert de restauratie van de Sint-Janskerk en de moskee aan "
        "de Kanaalstraat; de synagoge krijgt een nieuwe gevel.\n"
    )


def r4_clean_cbs(f: Filler) -> str:
    return (
        "Uit onderzoek van het CBS blijkt dat jongeren met een migratieachtergrond "
        "vaker worden gediscrimineerd op de arbeidsmarkt, vooral met een Marokkaanse "
        "of Turkse achtergrond.\n"
    )


def r4_clean_council_vote(f: Filler) -> str:
    return (
        f"De gemeenteraad stemde met {f.rng.randint(18, 25)} tegen 14 stemmen in; "
        f"VVD en D66 stemden voor, de SP en de PVV tegen.\n"
    )


def r4_clean_strike(f: Filler) -> str:
    return (
        "FNV en CNV roepen op tot een landelijke staking in het openbaar vervoer; "
        "vakbondsleden krijgen een stakingsuitkering.\n"
    )


def r4_clean_coc(f: Filler) -> str:
    return (
        "Het COC organiseert een voorlichtingsavond over homoseksualiteit en "
        "biseksualiteit op middelbare scholen.\n"
    )


def r4_clean_passport_chip(f: Filler) -> str:
    return (
        "Nieuwe paspoorten bevatten een chip met twee vingerafdrukken en een digitale "
        "pasfoto; gezichtsherkenning aan de grens vergelijkt die foto.\n"
    )


def r4_clean_research(f: Filler) -> str:
    return (
        f"Het academisch ziekenhuis onderzoekt erfelijke vormen van borstkanker bij "
        f"{f.rng.randint(2, 9)}.000 deelnemers; DNA-onderzoek gebeurt anoniem.\n"
    )


def r4_clean_burglary(f: Filler) -> str:
    return (
        f"Het aantal woninginbraken daalde vorig jaar met {f.rng.randint(5, 15)} "
        f"procent, meldt de politie; er werden minder verdachten aangehouden.\n"
    )


ROUND4_POSITIVE: dict[str, list[Template]] = {
    "health": [r4_wijkteam_report, r4_knee_leave],
    "religion": [r4_eid_leave, r4_intake_religion],
    "ethnicity": [r4_background_form, r4_moroccan_descent],
    "political": [r4_candidate, r4_votes_pvv],
    "trade_union": [r4_union_delegate, r4_union_lawyer],
    "biometric": [r4_fingerprint_access, r4_face_consent],
    "genetic": [r4_carrier, r4_lynch],
    "sexual_orientation": [r4_gay_bullying, r4_lesbian_partner],
    "criminal": [r4_conviction, r4_vog_refused],
}
ROUND4_CLEAN: dict[str, list[Template]] = {
    "health": [r4_clean_flu_shot],
    "religion": [r4_clean_restoration],
    "ethnicity": [r4_clean_cbs],
    "political": [r4_clean_council_vote],
    "trade_union": [r4_clean_strike],
    "biometric": [r4_clean_passport_chip],
    "genetic": [r4_clean_research],
    "sexual_orientation": [r4_clean_coc],
    "criminal": [r4_clean_burglary],
}


# --- Generation, detection, scoring ------------------------------------------


@dataclass(frozen=True)
class Sample:
    path: Path
    template: str
    holds: frozenset[str]  # categories; empty for a clean text


SETS = {
    "tuned": (POSITIVE, CLEAN),
    "second-round": (SECOND_POSITIVE, SECOND_CLEAN),
    "fresh": (FRESH_POSITIVE, FRESH_CLEAN),
    "round-4": (ROUND4_POSITIVE, ROUND4_CLEAN),
}


def generate(root: Path, per_template: int, seed: int) -> dict[str, list[Sample]]:
    """Write every set's files under `root/<set>/`; the samples per set."""
    filler = Filler(seed)
    sets: dict[str, list[Sample]] = {}
    for name, (positive, clean) in SETS.items():
        samples = sets.setdefault(name, [])
        for kind, templates in (("positive", positive), ("clean", clean)):
            for category, functions in templates.items():
                for function in functions:
                    for i in range(per_template):
                        path = root / name / kind / f"{function.__name__}_{i:03d}.txt"
                        path.parent.mkdir(parents=True, exist_ok=True)
                        path.write_text(function(filler), encoding="utf-8")
                        holds: set[str] = set()
                        if kind == "positive":
                            holds = {category} | ALSO_HOLDS.get(function.__name__, set())
                        samples.append(Sample(path, function.__name__, frozenset(holds)))
    return sets


Found = dict[Path, Counter[str]]


def detect_in_process(samples: list[Sample]) -> Found:
    from datawacht.detect.analyzer import build_detector

    detector = build_detector()
    found: Found = {}
    for sample in samples:
        hits = detector.detect_text(sample.path.read_text(encoding="utf-8"))
        found[sample.path] = Counter(h.entity_type for h in hits if h.entity_type in CATEGORY)
    return found


def detect_with_cli(samples: list[Sample], root: Path) -> Found:
    out = root / "findings.jsonl"
    env = {**os.environ, "DATAWACHT_FINGERPRINT_KEY": BENCH_KEY}
    command = ["datawacht", "scan", str(root), "--format", "jsonl", "--no-store"]
    subprocess.run([*command, "--output", str(out)], check=False, env=env)
    found: Found = {s.path.resolve(): Counter() for s in samples}
    for line in out.read_text(encoding="utf-8").splitlines():
        finding = json.loads(line)
        path = Path(finding["path"]).resolve()
        if finding["entity_type"] in CATEGORY and path in found:
            found[path][finding["entity_type"]] += 1
    return {s.path: found[s.path.resolve()] for s in samples}


def score(samples: list[Sample], found: Found) -> dict[str, dict[str, float]]:
    table: dict[str, dict[str, float]] = {}
    clean = [s for s in samples if not s.holds]
    for category, entity in ENTITY.items():
        holding = [s for s in samples if category in s.holds]
        hit = [s for s in holding if found[s.path][entity]]
        table[category] = {
            "files_holding": len(holding),
            "recall": round(len(hit) / len(holding), 3) if holding else float("nan"),
            "clean_files": len(clean),
            "clean_files_with_findings": sum(1 for s in clean if found[s.path][entity]),
            "clean_findings": sum(found[s.path][entity] for s in clean),
        }
    return table


def misses(samples: list[Sample], found: Found) -> dict[str, dict[str, int]]:
    """Per template: missed categories (positives) or reported ones (clean)."""
    out: dict[str, Counter[str]] = defaultdict(Counter)
    for sample in samples:
        reported = {CATEGORY[e] for e, n in found[sample.path].items() if n}
        wrong = (sample.holds - reported) if sample.holds else reported
        for category in wrong:
            out[sample.template][category] += 1
    return {template: dict(counts) for template, counts in sorted(out.items())}


def print_table(name: str, samples: list[Sample], table: dict[str, dict[str, float]]) -> None:
    positives = sum(1 for s in samples if s.holds)
    print(
        f"\n[{name}] {positives} files holding special-category data, "
        f"{len(samples) - positives} clean files"
    )
    print(f"{'category':<20}{'files':>7}{'recall':>8}{'clean files hit':>17}{'clean findings':>16}")
    for category, row in table.items():
        print(
            f"{category:<20}{row['files_holding']:>7}{row['recall']:>8.3f}"
            f"{row['clean_files_with_findings']:>17}{row['clean_findings']:>16}"
        )


def main() -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--per-template", type=int, default=10)
    parser.add_argument("--seed", type=int, default=20251127)
    parser.add_argument("--cli", action="store_true", help="scan with `datawacht scan`")
    parser.add_argument("--keep", type=Path, help="write the files here and keep them")
    parser.add_argument("--json", type=Path, help="write the figures as JSON")
    parser.add_argument("--show", action="store_true", help="list misses and noise per template")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as scratch:
        root = args.keep or Path(scratch)
        sets = generate(root, args.per_template, args.seed)
        everything = [sample for samples in sets.values() for sample in samples]
        began = time.perf_counter()
        found = detect_with_cli(everything, root) if args.cli else detect_in_process(everything)
        elapsed = time.perf_counter() - began

    how = "datawacht scan --format jsonl --no-store" if args.cli else "in-process Detector"
    print(f"{len(everything)} files, {how}, {elapsed:.1f} s (seed {args.seed})")
    report = {}
    for name, samples in sets.items():
        table = score(samples, found)
        print_table(name, samples, table)
        report[name] = {"per_category": table, "wrong_per_template": misses(samples, found)}
        if args.show:
            for template, categories in report[name]["wrong_per_template"].items():
                print(f"  {template}: {categories}")
    if args.json:
        args.json.write_text(json.dumps(report, indent=2), encoding="utf-8")
    tuned = report["tuned"]["per_category"].values()
    recall_ok = all(r["recall"] >= 0.95 for r in tuned if r["files_holding"])
    return 0 if recall_ok and all(r["clean_findings"] == 0 for r in tuned) else 1


if __name__ == "__main__":
    sys.exit(main())
