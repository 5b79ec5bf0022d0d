"""Generated Dutch administrative text with exact PER/LOC/ORG labels.

Letters, e-mails, HR notes, case notes, forms, register columns, minutes and
chat messages are assembled from many small templates and filled with
fictitious values: Faker ``nl_NL`` first names, surnames, cities and streets
(MIT), plus a short hand-written list of surnames and first names common in
the Netherlands of Moroccan, Turkish, Surinamese, Antillean, Polish, Somali
and Asian origin (common names, no real persons).

Labelling conventions (also used by the evaluation):

- PER is the name only: initials, first names, tussenvoegsels, double names
  and a roepnaam in brackets are inside; salutations and titles (mevrouw,
  de heer, dhr., mw., mr., dr.) are outside.  ``Jansen, P.J.`` is one span.
- LOC is a place, province, country or street name; the house number and the
  postcode are outside.  Streets named after people (Willem de Zwijgerlaan)
  are LOC, never PER.
- ORG is an organisation: Stichting ..., ... B.V., gemeente X acting as an
  organisation, public bodies, companies, practices, schools.  Departments
  (afdeling Burgerzaken) and job titles are not entities.
- Eponymous diseases (ziekte van Lyme, syndroom van Down), laws, holidays,
  nationality adjectives and e-mail addresses are never entities.

Two disjoint template sets exist: ``train`` and ``heldout``.  The held-out
set has its own sentence frames, its own document kinds (minutes, chat logs,
a referral letter), its own salutations and closings, and draws names,
cities, famous-person streets and diseases from pools that the training set
never sees, so the administrative evaluation measures context, not
memorised templates or names.
"""

from __future__ import annotations

import hashlib
import random
import re
from collections.abc import Callable
from dataclasses import dataclass

from faker import Faker
from faker.providers.address.nl_NL import Provider as AddressProvider
from faker.providers.person.nl_NL import Provider as PersonProvider

Span = tuple[int, int, str]

# --------------------------------------------------------------------------
# Name and place pools
# --------------------------------------------------------------------------

_EXTRA_LAST = (
    "el Amrani",
    "El Idrissi",
    "Bouzid",
    "Benali",
    "el Khatib",
    "Ait Taleb",
    "Haddou",
    "Ouali",
    "Boukhari",
    "el Hamdaoui",
    "Azzouzi",
    "Belhaj",
    "Chaoui",
    "Ennaji",
    "Tahiri",
    "el Bakkali",
    "Amrani",
    "Bouali",
    "Lahlou",
    "Ziani",
    "Yılmaz",
    "Yilmaz",
    "Kaya",
    "Demir",
    "Öztürk",
    "Şahin",
    "Çelik",
    "Aydın",
    "Arslan",
    "Doğan",
    "Koç",
    "Kurt",
    "Özdemir",
    "Aksoy",
    "Polat",
    "Ramdin",
    "Ramsaran",
    "Jagernath",
    "Sewdien",
    "Doekhie",
    "Ramautar",
    "Bissesar",
    "Mahabier",
    "Soekhoe",
    "Pinas",
    "Sno",
    "Martina",
    "Cijntje",
    "Koeiman",
    "Nguyen",
    "Tran",
    "Pham",
    "Wang",
    "Chen",
    "Kowalski",
    "Nowak",
    "Wiśniewski",
    "Kowalczyk",
    "Abdi",
    "Mohamed",
    "Haile",
    "Tesfay",
    "Hussein",
    "Ahmadi",
    "Hosseini",
    "Rahimi",
    "Kuipers",
    "Dijkstra",
    "Hoekstra",
    "Wiersma",
    "Visser",
    "Mulder",
    "Smit",
    "Meijer",
    "Bos",
    "Vos",
    "Peters",
    "Hendriks",
    "van Leeuwen",
    "van der Linden",
    "van Dijk",
    "van den Berg",
    "van der Berg",
    "ter Horst",
    "ten Brink",
    "van 't Hof",
    "in 't Veld",
    "van der Meer",
    "de Jong",
    "van Beek",
    "ter Haar",
    "ten Cate",
    "van de Pol",
    "op de Weegh",
    "van Wijk",
)
_EXTRA_FIRST_M = (
    "Mohammed",
    "Mohamed",
    "Ahmed",
    "Youssef",
    "Hamza",
    "Karim",
    "Rachid",
    "Mustafa",
    "Mehmet",
    "Emre",
    "Burak",
    "Murat",
    "Hakan",
    "Rajesh",
    "Sanjay",
    "Ravi",
    "Wei",
    "Minh",
    "Piotr",
    "Tomasz",
    "Kwame",
    "Jayden",
    "Giovanni",
    "Jurgen",
    "Sjoerd",
    "Gerrit",
    "Hendrik",
    "Kees",
    "Henk",
    "Wim",
    "Jan",
    "Piet",
    "Klaas",
    "Johannes",
)
_EXTRA_FIRST_F = (
    "Fatima",
    "Yasmina",
    "Khadija",
    "Naima",
    "Samira",
    "Ayşe",
    "Zeynep",
    "Elif",
    "Fatma",
    "Priya",
    "Anjali",
    "Shanice",
    "Anh",
    "Mei",
    "Olga",
    "Agnieszka",
    "Faduma",
    "Hodan",
    "Ingrid",
    "Marijke",
    "Annemarie",
    "Gerda",
    "Willemijn",
    "Hanneke",
    "Wilma",
    "Joke",
    "Petra",
    "Maria",
    "Johanna",
    "Cornelia",
)
# Faker nl_NL holds some historic or non-name entries; they are left out.
_BAD_LAST = {
    "Aelftrud van Wessex",
    "Coreth von und zu Coredo und Starkenberg",
    "The Elder",
    "Klomp Jan",
    "Gepa van Bourgondië",
    "Godfrey van Alemannië",
    "Hemma van Allemanië",
    "Luitgardis van Neustrië",
    "Heribert van Laon",
    "Unruoch Hunerik",
    "Waltrade Walderade",
    "Henric van den Nuwenhuse",
    "de Jode Vastraedsd",
}

_BIG_CITIES = (
    "Amsterdam",
    "Rotterdam",
    "Den Haag",
    "Utrecht",
    "Eindhoven",
    "Groningen",
    "Tilburg",
    "Almere",
    "Breda",
    "Nijmegen",
    "Apeldoorn",
    "Haarlem",
    "Arnhem",
    "Enschede",
    "Amersfoort",
    "Zaanstad",
    "Haarlemmermeer",
    "'s-Hertogenbosch",
    "Zwolle",
    "Leiden",
    "Maastricht",
    "Dordrecht",
    "Zoetermeer",
    "Ede",
    "Delft",
    "Deventer",
    "Leeuwarden",
    "Alkmaar",
    "Venlo",
    "Heerlen",
    "Helmond",
    "Hilversum",
    "Emmen",
    "Assen",
    "Lelystad",
    "Middelburg",
    "Gouda",
    "Purmerend",
    "Schiedam",
    "Vlaardingen",
    "Roosendaal",
)
_COUNTRIES = (
    "Nederland",
    "België",
    "Duitsland",
    "Frankrijk",
    "Marokko",
    "Turkije",
    "Suriname",
    "Curaçao",
    "Aruba",
    "Polen",
    "Spanje",
    "Italië",
    "Portugal",
    "Syrië",
    "Eritrea",
    "Somalië",
    "Afghanistan",
    "Irak",
    "Iran",
    "Oekraïne",
    "Roemenië",
    "Bulgarije",
    "Indonesië",
    "China",
    "India",
    "Vietnam",
    "Ghana",
    "Nigeria",
    "Brazilië",
    "Verenigde Staten",
    "Engeland",
    "Ierland",
    "Griekenland",
    "Egypte",
    "Tunesië",
)
_FOREIGN_CITIES = (
    "Casablanca",
    "Nador",
    "Tanger",
    "Rabat",
    "Istanbul",
    "Ankara",
    "Izmir",
    "Paramaribo",
    "Willemstad",
    "Antwerpen",
    "Brussel",
    "Gent",
    "Düsseldorf",
    "Keulen",
    "Berlijn",
    "Parijs",
    "Warschau",
    "Krakau",
    "Damascus",
    "Aleppo",
    "Asmara",
    "Mogadishu",
    "Kabul",
    "Bagdad",
    "Teheran",
    "Kyiv",
    "Boekarest",
    "Londen",
)
_PROVINCES = tuple(AddressProvider.provinces) + ("Brabant", "Fryslân")

_COMMON_STREETS = (
    "Kerkstraat",
    "Dorpsstraat",
    "Molenweg",
    "Stationsweg",
    "Hoofdstraat",
    "Schoolstraat",
    "Nieuwstraat",
    "Marktplein",
    "Julianastraat",
    "Beatrixlaan",
    "Wilhelminastraat",
    "Oranjelaan",
    "Parkweg",
    "Industrieweg",
    "Sportlaan",
    "Lindelaan",
    "Eikenlaan",
    "Beukenlaan",
    "Kastanjelaan",
    "Rozenstraat",
    "Tulpstraat",
    "Vondelstraat",
    "Rembrandtlaan",
    "Prinsengracht",
    "Keizersgracht",
    "Herengracht",
    "Oudegracht",
    "Dijkstraat",
    "Havenstraat",
    "Voorstraat",
    "Achterweg",
    "Nieuwe Binnenweg",
    "Lange Voorhout",
    "Korte Poten",
    "Coolsingel",
    "Damrak",
    "Rokin",
    "Zeedijk",
    "Burgwal",
    "Bleekveld",
    "Molenstraat",
    "Veldweg",
    "Heuvelweg",
    "Zuidsingel",
    "Noordweg",
    "Oosteinde",
    "Westeinde",
    "Brink",
    "Lange Nieuwstraat",
    "Kerkplein",
    "Raadhuisplein",
    "Emmastraat",
    "Irenestraat",
    "Margrietlaan",
    "Kanaalweg",
    "Spoorlaan",
    "Kruisweg",
    "Bosweg",
    "Waterstraat",
    "Meidoornlaan",
    "Vijverhof",
)
_STREET_SUFFIXES = (
    "straat",
    "laan",
    "weg",
    "plein",
    "kade",
    "singel",
    "gracht",
    "hof",
    "park",
    "dreef",
    "pad",
    "dijk",
    "steeg",
    "ring",
    "baan",
    "plantsoen",
    "erf",
)
# Streets named after people: LOC, never PER.  Two disjoint lists.
_FAMOUS_STREETS_TRAIN = (
    "Willem de Zwijgerlaan",
    "Johan de Wittstraat",
    "Piet Heinkade",
    "Michiel de Ruyterweg",
    "Jan Pieterszoon Coenstraat",
    "Anne Frankplein",
    "Martin Luther Kingweg",
    "Van Goghlaan",
    "Thorbeckeplein",
    "Karel Doormanstraat",
    "Jacob van Lennepkade",
    "Hugo de Grootstraat",
    "Joost van den Vondelstraat",
    "Dr. Schaepmanstraat",
    "Koningin Julianalaan",
    "Prins Bernhardstraat",
    "Prinses Margrietplantsoen",
    "Burgemeester de Monchyplein",
    "Admiraal de Ruijterweg",
    "Jan van Galenstraat",
    "Frans Halsstraat",
    "Jan Steenstraat",
    "Pieter Calandlaan",
    "Multatulistraat",
    "Generaal Foulkesweg",
    "Pastoor van Arskerkstraat",
    "Mr. Visserplein",
    "Dokter Zamenhofstraat",
    "Van Heutszstraat",
    "Erasmusweg",
)
_FAMOUS_STREETS_HELDOUT = (
    "Jan van Nassaustraat",
    "Prins Hendrikkade",
    "Koningin Wilhelminaplein",
    "Dr. Lelylaan",
    "Cornelis Lelylaan",
    "Van Speijkstraat",
    "Wibautstraat",
    "Vincent van Goghstraat",
    "Burgemeester Hogguerstraat",
    "Pieter Cornelisz Hooftstraat",
    "Kapitein Zeppelinstraat",
    "Majoor Kampstraat",
    "Professor Kamerlingh Onneslaan",
    "Mgr. Nolenslaan",
    "Graaf Florisstraat",
    "Aletta Jacobslaan",
    "Johan Cruijff Boulevard",
    "Van Limburg Stirumplein",
)
_STREET_PERSON_PREFIX_TRAIN = (
    "Burgemeester",
    "Dr.",
    "Dokter",
    "Pastoor",
    "Generaal",
    "Admiraal",
    "Koningin",
    "Prins",
    "Wethouder",
    "Meester",
    "Kapitein",
)
_STREET_PERSON_PREFIX_HELDOUT = ("Prof.", "Professor", "Mr.", "Graaf", "Prinses", "Majoor")

# Eponymous diseases and syndromes: never PER.
_DISEASES_TRAIN = (
    "de ziekte van Lyme",
    "de ziekte van Parkinson",
    "de ziekte van Alzheimer",
    "de ziekte van Crohn",
    "de ziekte van Huntington",
    "de ziekte van Hodgkin",
    "de ziekte van Bechterew",
    "de ziekte van Pfeiffer",
    "de ziekte van Graves",
    "de ziekte van Addison",
    "de ziekte van Kahler",
    "het syndroom van Down",
    "het syndroom van Asperger",
    "het syndroom van Sjögren",
    "het syndroom van Tourette",
    "het syndroom van Marfan",
    "het syndroom van Klinefelter",
    "het syndroom van Korsakov",
    "het Guillain-Barrésyndroom",
    "de ziekte van Ménière",
    "de ziekte van Dupuytren",
    "parkinson",
    "alzheimer",
    "het syndroom van Ehlers-Danlos",
    "de ziekte van Raynaud",
)
_DISEASES_HELDOUT = (
    "de ziekte van Cushing",
    "de ziekte van Paget",
    "de ziekte van Wilson",
    "het syndroom van Turner",
    "het syndroom van Noonan",
    "het syndroom van Lynch",
    "de ziekte van Scheuermann",
    "de ziekte van Perthes",
    "het syndroom van Usher",
    "de ziekte van Von Willebrand",
    "het syndroom van Prader-Willi",
    "Pfeiffer",
)

_PUBLIC_ORGS = (
    "Belastingdienst",
    "UWV",
    "SVB",
    "DUO",
    "CJIB",
    "IND",
    "RDW",
    "Kadaster",
    "CAK",
    "Politie Nederland",
    "Rabobank",
    "ING",
    "ABN AMRO",
    "Achmea",
    "Zilveren Kruis",
    "CZ",
    "VGZ",
    "Menzis",
    "Eneco",
    "Vattenfall",
    "PostNL",
    "NS",
    "KPN",
    "Randstad",
    "Tempo-Team",
    "Albert Heijn",
    "Jumbo",
    "Ziggo",
    "Vitens",
    "Evides",
    "Nationale-Nederlanden",
    "Raad voor de Kinderbescherming",
    "Veilig Thuis",
    "Humanitas",
    "Leger des Heils",
    "Vluchtelingenwerk Nederland",
    "Kinderopvang Humanitas",
    "Arbo Unie",
    "HelloFlex",
)
_ORG_WORDS = (
    "De Linde",
    "De Regenboog",
    "Het Baken",
    "De Hoeve",
    "Welzijn Oost",
    "Noorderlicht",
    "De Zonnebloem",
    "Het Anker",
    "De Brug",
    "Zorgpunt",
    "De Kameleon",
    "Het Kompas",
    "De Wissel",
    "Horizon",
    "Vivent",
    "Lentis",
    "Careyn",
    "Tactus",
    "Amarant",
    "Cordaan",
    "Zuidwester",
    "De Meerlanden",
    "Rivierenland",
    "Oosterlicht",
    "De Klimop",
)
_DEPARTMENTS = (
    "afdeling Burgerzaken",
    "team Sociaal Domein",
    "afdeling Werk en Inkomen",
    "team Wmo",
    "afdeling Belastingen",
    "team Jeugd",
    "afdeling HR",
    "de salarisadministratie",
    "het Klantcontactcentrum",
    "afdeling Vergunningen",
    "team Schuldhulpverlening",
    "de afdeling Financiën",
    "het Zorgloket",
    "team Handhaving",
    "de frontoffice",
)
_FUNCTIONS = (
    "Adviseur Burgerzaken",
    "Medewerker Klantcontact",
    "Teamleider Sociaal Domein",
    "Casemanager Wmo",
    "HR-adviseur",
    "Bedrijfsarts",
    "Jurist",
    "Beleidsmedewerker",
    "Senior consulent Werk en Inkomen",
    "Consulent Schuldhulpverlening",
    "Wijkverpleegkundige",
    "Leidinggevende",
    "Afdelingshoofd",
    "Projectleider",
    "Secretaresse",
    "Directeur",
    "Coördinator vrijwilligers",
    "Jeugdconsulent",
    "Trajectbegeleider",
    "Office manager",
    "Medewerker Salarisadministratie",
    "Klantmanager",
    "Wijkagent",
    "Huisarts",
    "Praktijkondersteuner",
    "Verzuimconsulent",
    "Arbeidsdeskundige",
    "Intern begeleider",
)
_SUBJECTS = (
    "uw aanvraag bijzondere bijstand",
    "verlenging parkeervergunning",
    "uw bezwaarschrift",
    "herindicatie huishoudelijke ondersteuning",
    "inschrijving basisregistratie personen",
    "aanvraag omgevingsvergunning",
    "terugvordering uitkering",
    "uw melding openbare ruimte",
    "re-integratietraject",
    "verzuimbegeleiding",
    "functioneringsgesprek",
    "beëindiging arbeidsovereenkomst",
    "aanvraag kwijtschelding",
    "uw klacht",
    "jaaropgave",
    "betalingsregeling",
    "verhuizing",
    "ouderbijdrage",
    "leerlingenvervoer",
    "declaratie reiskosten",
    "vakantieaanvraag",
    "wijziging adresgegevens",
)
_NOUNS_NO_ENT = (
    "Wmo",
    "Jeugdwet",
    "Participatiewet",
    "AVG",
    "Wet Poortwachter",
    "Koningsdag",
    "Kerstmis",
    "Pasen",
    "Pinksteren",
    "Covid-19",
    "Excel",
    "Teams",
    "Outlook",
    "DigiD",
    "MijnOverheid",
    "Ramadan",
    "Suikerfeest",
    "Sinterklaas",
)
# Software and devices: not entities (CoNLL would call them MISC).
_PRODUCTS = (
    "Microsoft Teams",
    "Google Chrome",
    "Microsoft Word",
    "Excel",
    "Outlook",
    "Adobe Acrobat",
    "Zoom",
    "WhatsApp",
    "Google Maps",
    "Windows 11",
    "SharePoint",
    "OneDrive",
    "Google Drive",
    "Mozilla Firefox",
    "Microsoft Edge",
    "Citrix Workspace",
    "Apple iPhone",
    "Google Meet",
)
_NATIONALITIES = (
    "Nederlandse",
    "Marokkaanse",
    "Turkse",
    "Surinaamse",
    "Poolse",
    "Syrische",
    "Eritrese",
    "Duitse",
    "Belgische",
    "Somalische",
    "Afghaanse",
    "Oekraïense",
)
_EMAIL_DOMAINS = ("example.org", "example.com", "example.net", "mail.example.nl")
_WEEKDAYS = ("maandag", "dinsdag", "woensdag", "donderdag", "vrijdag")
_MONTHS = (
    "januari",
    "februari",
    "maart",
    "april",
    "mei",
    "juni",
    "juli",
    "augustus",
    "september",
    "oktober",
    "november",
    "december",
)
_STATUSES = ("actief", "uit dienst", "ziek", "met verlof", "in behandeling", "afgehandeld")
_RELATIONS = (
    "moeder",
    "vader",
    "partner",
    "echtgenoot",
    "echtgenote",
    "zoon",
    "dochter",
    "broer",
    "zus",
    "buurvrouw",
    "buurman",
    "mantelzorger",
    "bewindvoerder",
    "oom",
    "tante",
)


def _held_out(value: str, share: int = 5) -> bool:
    """Stable 1-in-`share` split of a name or place, independent of the seed."""
    return int(hashlib.md5(value.encode("utf8")).hexdigest(), 16) % share == 0


def _split(values: tuple[str, ...] | list[str], heldout: bool) -> list[str]:
    out = sorted({v for v in values if _held_out(v) == heldout})
    return out


@dataclass(frozen=True)
class Pools:
    first_m: list[str]
    first_f: list[str]
    last: list[str]
    cities: list[str]
    famous_streets: list[str]
    street_prefixes: list[str]
    diseases: list[str]

    @classmethod
    def make(cls, heldout: bool) -> Pools:
        last = [n for n in PersonProvider.last_names if "," not in n and n not in _BAD_LAST]
        cities = [c for c in AddressProvider.cities] + list(_BIG_CITIES)
        return cls(
            first_m=_split(list(PersonProvider.first_names_male) + list(_EXTRA_FIRST_M), heldout),
            first_f=_split(list(PersonProvider.first_names_female) + list(_EXTRA_FIRST_F), heldout),
            last=_split(last + list(_EXTRA_LAST), heldout),
            cities=_split(cities, heldout),
            famous_streets=list(_FAMOUS_STREETS_HELDOUT if heldout else _FAMOUS_STREETS_TRAIN),
            street_prefixes=list(
                _STREET_PERSON_PREFIX_HELDOUT if heldout else _STREET_PERSON_PREFIX_TRAIN
            ),
            diseases=list(_DISEASES_HELDOUT if heldout else _DISEASES_TRAIN),
        )


# --------------------------------------------------------------------------
# Segments: text pieces with an optional label
# --------------------------------------------------------------------------


class Seg(list):
    """A list of (text, label-or-None) pieces."""

    @classmethod
    def of(cls, text: str, label: str | None = None) -> Seg:
        return cls([(text, label)])

    def text(self) -> str:
        return "".join(t for t, _ in self)


def _tv_split(last: str) -> tuple[str, str]:
    """('van der', 'Berg') from 'van der Berg'; ('', 'Jansen') otherwise."""
    words = last.split(" ")
    i = 0
    while i < len(words) - 1 and (words[i][:1].islower() or words[i][:1] in "'"):
        i += 1
    return " ".join(words[:i]), " ".join(words[i:])


def _cap(s: str) -> str:
    return s[:1].upper() + s[1:] if s and s[0].isalpha() else s


class Person:
    def __init__(self, rng: random.Random, pools: Pools) -> None:
        self.rng = rng
        self.gender = rng.choice("mf")
        names = pools.first_m if self.gender == "m" else pools.first_f
        n_first = rng.choices((1, 2, 3), (0.55, 0.3, 0.15))[0]
        self.first_names = [rng.choice(names) for _ in range(n_first)]
        self.first = self.first_names[0]
        self.tv, self.core = _tv_split(rng.choice(pools.last))
        self.second: tuple[str, str] | None = None
        if rng.random() < 0.14:
            self.second = _tv_split(rng.choice(pools.last))
            if rng.random() < 0.5:  # partner name first, then own name
                self.second, (self.tv, self.core) = (self.tv, self.core), self.second

    # ---- name forms -----------------------------------------------------
    def last_lower(self) -> str:
        own = f"{self.tv} {self.core}".strip()
        if self.second:
            own += "-" + f"{self.second[0]} {self.second[1]}".strip()
        return own

    def last_cap(self) -> str:
        """Surname without first name: tussenvoegsel capitalised (usually)."""
        last = self.last_lower()
        return _cap(last) if self.rng.random() < 0.75 else last

    def initials(self) -> str:
        letters = [n[0].upper() for n in self.first_names]
        r = self.rng.random()
        if r < 0.85:
            return "".join(f"{c}." for c in letters)
        if r < 0.95:
            return " ".join(f"{c}." for c in letters)
        return "".join(letters)

    def full(self) -> str:
        return f"{self.first} {self.last_lower()}"

    def formal(self) -> str:
        return f"{self.initials()} {self.last_lower()}"

    def all_first(self) -> str:
        return f"{' '.join(self.first_names)} {self.last_lower()}"

    def roepnaam(self) -> str:
        return f"{self.initials()} ({self.first}) {self.last_lower()}"

    def inverted(self) -> str:
        r = self.rng.random()
        core = self.core + (
            "-" + f"{self.second[0]} {self.second[1]}".strip() if self.second else ""
        )
        if r < 0.35 and self.tv:
            return f"{core}, {self.initials()} {self.tv}"
        if r < 0.6:
            return f"{_cap(self.last_lower())}, {self.initials()}"
        if r < 0.8:
            return f"{_cap(self.last_lower())}, {self.first}"
        return f"{core}, {self.first}{' ' + self.tv if self.tv else ''}"

    def upper(self) -> str:
        return self.rng.choice((self.full, self.formal))().upper()

    def any(self) -> str:
        return self.rng.choices(
            (self.full, self.formal, self.last_cap, self.all_first), (0.5, 0.32, 0.1, 0.08)
        )[0]()

    # ---- titles (never inside the entity) -------------------------------
    def title(self, capital: bool = False, short_ok: bool = True) -> str:
        if self.gender == "m":
            opts = ["de heer", "dhr.", "meneer"] if short_ok else ["de heer", "meneer"]
            weights = [0.5, 0.35, 0.15] if short_ok else [0.7, 0.3]
        else:
            opts = ["mevrouw", "mevr.", "mw."] if short_ok else ["mevrouw"]
            weights = [0.5, 0.25, 0.25] if short_ok else [1.0]
        t = self.rng.choices(opts, weights)[0]
        if self.rng.random() < 0.08:
            t += " " + self.rng.choice(("mr.", "dr.", "drs.", "ir.", "ing.", "prof. dr."))
        return _cap(t) if capital else t

    def sal_name(self) -> str:
        """The name after a title: surname, initials + surname or full name."""
        return self.rng.choices((self.last_cap, self.formal, self.full), (0.55, 0.35, 0.1))[0]()

    def email(self) -> str:
        last = re.sub(r"[^a-z]", "", self.last_lower().lower().replace("ı", "i"))
        first = re.sub(r"[^a-z]", "", self.first.lower())
        local = self.rng.choice((f"{first}.{last}", f"{first[:1]}.{last}", f"{first}{last}"))
        return f"{local}@{self.rng.choice(_EMAIL_DOMAINS)}"

    def hij(self) -> str:
        return "hij" if self.gender == "m" else "zij"

    def zijn(self) -> str:
        return "zijn" if self.gender == "m" else "haar"


# --------------------------------------------------------------------------
# The generator
# --------------------------------------------------------------------------

_SLOT = re.compile(r"\{([A-Za-z0-9_.]+)\}")


class Generator:
    def __init__(self, seed: int, heldout: bool) -> None:
        self.rng = random.Random(seed)
        self.faker = Faker("nl_NL")
        self.faker.seed_instance(seed)
        self.heldout = heldout
        self.pools = Pools.make(heldout)
        self.frames = HELDOUT if heldout else TRAIN

    # ---- values ---------------------------------------------------------
    def person(self) -> Person:
        return Person(self.rng, self.pools)

    def city(self) -> str:
        r = self.rng.random()
        if r < 0.08:
            return self.rng.choice(_FOREIGN_CITIES)
        return self.rng.choice(self.pools.cities)

    def street(self) -> str:
        r = self.rng.random()
        rng = self.rng
        if r < 0.3:
            return rng.choice(_COMMON_STREETS)
        if r < 0.45:
            return rng.choice(self.pools.famous_streets)
        if r < 0.6:  # Burgemeester Jansenlaan, Dr. De Vriesstraat
            tv, core = _tv_split(rng.choice(self.pools.last))
            name = (_cap(tv) + " " if tv else "") + core.replace(" ", "")
            return f"{rng.choice(self.pools.street_prefixes)} {name}{rng.choice(_STREET_SUFFIXES)}"
        if r < 0.72:  # Pieter de Boerstraat
            tv, core = _tv_split(rng.choice(self.pools.last))
            first = rng.choice(self.pools.first_m + self.pools.first_f)
            mid = f" {tv} " if tv else " "
            return f"{first}{mid}{core.replace(' ', '')}{rng.choice(_STREET_SUFFIXES)}"
        if r < 0.85:  # Dekkerstraat
            tv, core = _tv_split(rng.choice(self.pools.last))
            pre = _cap(tv) + " " if tv and rng.random() < 0.5 else ""
            return f"{pre}{core.replace(' ', '')}{rng.choice(_STREET_SUFFIXES)}"
        first = rng.choice(self.pools.first_m + self.pools.first_f)  # Faker style
        return f"{first}{rng.choice(_STREET_SUFFIXES)}"

    def house_number(self) -> str:
        n = str(self.rng.randint(1, 250))
        r = self.rng.random()
        if r < 0.12:
            n += self.rng.choice("abcd")
        elif r < 0.18:
            n += f"-{self.rng.randint(1, 3)}"
        elif r < 0.22:
            n += f" {self.rng.choice('ABC')}"
        return n

    def postcode(self) -> str:
        digits = self.rng.randint(1000, 9999)
        letters = "".join(self.rng.choice("ABCDEGHJKLMNPRSTVWXZ") for _ in range(2))
        return f"{digits} {letters}" if self.rng.random() < 0.7 else f"{digits}{letters}"

    def org(self) -> Seg:
        rng = self.rng
        r = rng.random()
        if r < 0.2:
            return Seg.of(rng.choice(_PUBLIC_ORGS), "ORG")
        if r < 0.35:
            return Seg.of(f"Stichting {rng.choice(_ORG_WORDS)}", "ORG")
        if r < 0.5:
            last = _cap(rng.choice(self.pools.last))
            return Seg.of(
                f"{last} {rng.choice(('B.V.', 'BV', 'N.V.', 'V.O.F.', 'Holding B.V.'))}", "ORG"
            )
        if r < 0.6:
            a, b = (_cap(rng.choice(self.pools.last)) for _ in range(2))
            kind = rng.choice(("Advocaten", "Notarissen", "Accountants", "Makelaardij", ""))
            return Seg.of(f"{a} & {b}{' ' + kind if kind else ''}", "ORG")
        if r < 0.75:
            kind = rng.choice(
                (
                    "Woonstichting",
                    "Zorggroep",
                    "Huisartsenpraktijk",
                    "Basisschool",
                    "Thuiszorg",
                    "Kinderopvang",
                    "Fysiotherapie",
                    "Woningcorporatie",
                    "Scholengemeenschap",
                    "GGD",
                    "Ziekenhuis",
                    "Tandartspraktijk",
                )
            )
            return Seg.of(f"{kind} {rng.choice(_ORG_WORDS + tuple(self.pools.cities[:60]))}", "ORG")
        if r < 0.9:
            return Seg.of(f"{rng.choice(('gemeente', 'Gemeente'))} {self.city()}", "ORG")
        return Seg.of(self.faker.company(), "ORG")

    def gemeente(self) -> Seg:
        return Seg.of(f"gemeente {self.city()}", "ORG")

    def date(self) -> str:
        d, m, y = self.rng.randint(1, 28), self.rng.randint(1, 12), self.rng.randint(2019, 2025)
        r = self.rng.random()
        if r < 0.4:
            return f"{d} {_MONTHS[m - 1]} {y}"
        if r < 0.8:
            return f"{d:02d}-{m:02d}-{y}"
        return f"{d}/{m}/{y}"

    def dob(self) -> str:
        d, m, y = self.rng.randint(1, 28), self.rng.randint(1, 12), self.rng.randint(1940, 2010)
        return f"{d:02d}-{m:02d}-{y}"

    def phone(self) -> str:
        return self.rng.choice(
            (
                f"06-{self.rng.randint(10000000, 99999999)}",
                f"0{self.rng.randint(10, 79)}-{self.rng.randint(1000000, 9999999)}",
                f"+31 6 {self.rng.randint(10000000, 99999999)}",
            )
        )

    # ---- slot resolution ------------------------------------------------
    def resolve(self, slot: str, doc: dict[str, Person]) -> Seg:
        rng = self.rng
        if "." in slot:
            pname, form = slot.split(".", 1)
            p = doc.setdefault(pname, self.person())
            per = {
                "full": p.full,
                "formal": p.formal,
                "last": p.last_cap,
                "first": p.first,
                "any": p.any,
                "inv": p.inverted,
                "allfirst": p.all_first,
                "roep": p.roepnaam,
                "upper": p.upper,
                "salname": p.sal_name,
                "lastlow": p.last_lower,
                "First": p.first,
            }
            if form in per:
                f = per[form]
                return Seg.of(f() if callable(f) else f, "PER")
            if form == "sal":  # title + name
                return Seg([(p.title() + " ", None), (p.sal_name(), "PER")])
            if form == "Sal":
                return Seg([(p.title(capital=True) + " ", None), (p.sal_name(), "PER")])
            if form == "geachte":  # after "Geachte"
                t = "heer" if p.gender == "m" else "mevrouw"
                if rng.random() < 0.1:
                    t += " " + rng.choice(("mr.", "dr.", "drs.", "ir."))
                return Seg([(t + " ", None), (p.sal_name(), "PER")])
            if form == "title":
                return Seg.of(p.title())
            if form == "Title":
                return Seg.of(p.title(capital=True))
            if form == "email":
                return Seg.of(p.email())
            if form == "hij":
                return Seg.of(p.hij())
            if form == "Hij":
                return Seg.of(_cap(p.hij()))
            if form == "zijn":
                return Seg.of(p.zijn())
            if form == "Zijn":
                return Seg.of(_cap(p.zijn()))
            raise KeyError(slot)
        simple: dict[str, Callable[[], Seg | str]] = {
            "CITY": lambda: Seg.of(self.city(), "LOC"),
            "NLCITY": lambda: Seg.of(rng.choice(self.pools.cities), "LOC"),
            "STREET": lambda: Seg.of(self.street(), "LOC"),
            "ADDR": lambda: Seg([(self.street(), "LOC"), (" " + self.house_number(), None)]),
            "ADDRFULL": lambda: Seg(
                [
                    (self.street(), "LOC"),
                    (f" {self.house_number()}, {self.postcode()} ", None),
                    (self.city(), "LOC"),
                ]
            ),
            "PCCITY": lambda: Seg([(self.postcode() + " ", None), (self.city(), "LOC")]),
            "PROV": lambda: Seg.of(rng.choice(_PROVINCES), "LOC"),
            "COUNTRY": lambda: Seg.of(rng.choice(_COUNTRIES), "LOC"),
            "FCITY": lambda: Seg.of(rng.choice(_FOREIGN_CITIES), "LOC"),
            "ORG": self.org,
            "GEM": self.gemeente,
            "Gem": lambda: Seg.of(f"Gemeente {self.city()}", "ORG"),
            "PUBORG": lambda: Seg.of(rng.choice(_PUBLIC_ORGS), "ORG"),
            "STICHTING": lambda: Seg.of(f"Stichting {rng.choice(_ORG_WORDS)}", "ORG"),
            "BV": lambda: Seg.of(f"{_cap(rng.choice(self.pools.last))} B.V.", "ORG"),
            "DATE": self.date,
            "DOB": self.dob,
            "TIME": lambda: f"{rng.randint(8, 17)}:{rng.choice(('00', '15', '30', '45'))}",
            "NUM": lambda: str(rng.randint(2, 40)),
            "AGE": lambda: str(rng.randint(18, 89)),
            "CHILDAGE": lambda: str(rng.randint(2, 17)),
            "HNR": self.house_number,
            "PC": self.postcode,
            "POSTBUS": lambda: str(rng.randint(10, 99999)),
            "KENMERK": lambda: rng.choice(
                (
                    f"Z/{rng.randint(20, 25)}/{rng.randint(100000, 999999)}",
                    f"{rng.randint(2019, 2025)}-{rng.randint(1000, 99999)}",
                    f"ZK{rng.randint(1000000, 9999999)}",
                )
            ),
            "PHONE": self.phone,
            "BSN": lambda: str(rng.randint(100000000, 999999999)),
            "PNR": lambda: f"P-{rng.randint(10000, 99999)}",
            "AMOUNT": lambda: f"€ {rng.randint(10, 4000)},{rng.randint(0, 99):02d}",
            "HOURS": lambda: str(rng.randint(4, 40)),
            "DEPT": lambda: rng.choice(_DEPARTMENTS),
            "Dept": lambda: _cap(rng.choice(_DEPARTMENTS)),
            "FUNC": lambda: rng.choice(_FUNCTIONS),
            "func": lambda: rng.choice(_FUNCTIONS).lower(),
            "SUBJECT": lambda: rng.choice(_SUBJECTS),
            "Subject": lambda: _cap(rng.choice(_SUBJECTS)),
            "DISEASE": lambda: rng.choice(self.pools.diseases),
            "NOUN": lambda: rng.choice(_NOUNS_NO_ENT),
            "PRODUCT": lambda: rng.choice(_PRODUCTS),
            "NAT": lambda: rng.choice(_NATIONALITIES),
            "WEEKDAY": lambda: rng.choice(_WEEKDAYS),
            "Weekday": lambda: _cap(rng.choice(_WEEKDAYS)),
            "MONTH": lambda: rng.choice(_MONTHS),
            "REL": lambda: rng.choice(_RELATIONS),
            "EMAIL": lambda: (
                f"{rng.choice(('info', 'secretariaat', 'klantcontact', 'hr', 'wmo'))}"
                f"@{rng.choice(_EMAIL_DOMAINS)}"
            ),
            "STATUS": lambda: rng.choice(_STATUSES),
            "YEAR": lambda: str(rng.randint(1975, 2023)),
            "YEARCITY": lambda: Seg(  # "in 1998 geboren in Nador"
                [
                    (f"{rng.randint(1950, 2010)} geboren in ", None),
                    (rng.choice(_FOREIGN_CITIES + tuple(self.pools.cities[:200])), "LOC"),
                ]
            ),
            "URL": lambda: (
                f"www.{rng.choice(('example.nl', 'example.org', 'example.com'))}"
                f"/{rng.choice(('aanvragen', 'contact', 'bezwaar', 'privacy'))}"
            ),
        }
        value = simple[slot]()
        return value if isinstance(value, Seg) else Seg.of(value)

    def fill(self, template: str, doc: dict[str, Person]) -> Seg:
        out = Seg()
        pos = 0
        for m in _SLOT.finditer(template):
            if m.start() > pos:
                out.append((_no_double_dot(out, template[pos : m.start()]), None))
            out.extend(self.resolve(m.group(1), doc))
            pos = m.end()
        if pos < len(template):
            out.append((_no_double_dot(out, template[pos:]), None))
        return out

    def pick(self, key: str) -> str:
        """A frame of `key` not used yet in this document (if one is left)."""
        frames = self.frames[key]
        fresh = [t for t in frames if t not in self._used] or frames
        t = self.rng.choice(fresh)
        self._used.add(t)
        return t

    def lines(self, key: str, n: int, doc: dict[str, Person]) -> list[Seg]:
        picked = self.rng.sample(self.frames[key], min(n, len(self.frames[key])))
        return [self.fill(t, doc) for t in picked]

    # ---- documents ------------------------------------------------------
    def document(self) -> tuple[str, list[Span], str]:
        kinds = self.frames["_kinds"]
        kind = self.rng.choices([k for k, _ in kinds], [w for _, w in kinds])[0]
        doc: dict[str, Person] = {}
        self._used: set[str] = set()
        parts = getattr(self, f"_doc_{kind}")(doc)
        return (*_join(parts), kind)

    def _body(self, doc: dict[str, Person], lo: int, hi: int, keys: tuple[str, ...]) -> list[Seg]:
        out = []
        for _ in range(self.rng.randint(lo, hi)):
            out.append(self.fill(self.pick(self.rng.choice(keys)), doc))
        return out

    def _paragraphs(self, segs: list[Seg], sep: str = " ") -> Seg:
        """Sentences into paragraphs, joined with spaces or newlines."""
        out = Seg()
        for i, s in enumerate(segs):
            if i:
                out.append((sep if self.rng.random() < 0.7 else "\n", None))
            out.extend(s)
        return out

    def _doc_letter(self, doc: dict[str, Person]) -> list[Seg]:
        f = self.fill
        parts: list[Seg] = []
        if self.rng.random() < 0.5:
            parts.append(f(self.pick("letterhead"), doc))
        if self.rng.random() < 0.7:
            parts.append(f(self.pick("recipient"), doc))
        if self.rng.random() < 0.7:
            parts.append(f(self.pick("letter_meta"), doc))
        parts.append(f(self.pick("salutation"), doc))
        parts.append(self._paragraphs(self._body(doc, 1, 4, ("body", "body", "neutral"))))
        if self.rng.random() < 0.5:
            parts.append(f(self.pick("neutral"), doc))
        parts.append(f(self.pick("closing"), doc))
        return parts

    def _doc_email(self, doc: dict[str, Person]) -> list[Seg]:
        f = self.fill
        parts: list[Seg] = []
        if self.rng.random() < 0.6:
            parts.append(f(self.pick("mail_header"), doc))
        parts.append(f(self.pick("mail_greeting"), doc))
        parts.append(self._paragraphs(self._body(doc, 1, 3, ("body", "mail_body", "neutral"))))
        parts.append(f(self.pick("closing"), doc))
        if self.rng.random() < 0.3:
            parts.append(f(self.pick("mail_quote"), doc))
        return parts

    def _doc_hr(self, doc: dict[str, Person]) -> list[Seg]:
        parts = [self.fill(self.pick("hr_header"), doc)]
        parts.extend(self._body(doc, 2, 6, ("hr", "hr", "neutral_hr")))
        return parts

    def _doc_case(self, doc: dict[str, Person]) -> list[Seg]:
        parts = [self.fill(self.pick("case_header"), doc)] if self.rng.random() < 0.6 else []
        parts.append(self._paragraphs(self._body(doc, 2, 5, ("case", "case", "neutral_case"))))
        return parts

    def _doc_form(self, doc: dict[str, Person]) -> list[Seg]:
        n = self.rng.randint(3, 8)
        return self.lines("form", n, doc)

    def _doc_column(self, doc: dict[str, Person]) -> list[Seg]:
        """A register column: cells joined by newlines, as the scanner sends them."""
        col = self.pick("column")
        header = col.split("|")[0]
        parts = [Seg.of(header)] if header and self.rng.random() < 0.5 else []
        template = col.split("|", 1)[1]
        for _ in range(self.rng.randint(3, 12)):
            parts.append(self.fill(template, {}))
        return parts

    def _doc_sentences(self, doc: dict[str, Person]) -> list[Seg]:
        return [self._paragraphs(self._body(doc, 1, 3, ("general", "general", "neutral")))]

    def _doc_minutes(self, doc: dict[str, Person]) -> list[Seg]:
        parts = [self.fill(self.pick("minutes_header"), doc)]
        parts.extend(self._body(doc, 3, 7, ("minutes", "minutes", "neutral")))
        return parts

    def _doc_chat(self, doc: dict[str, Person]) -> list[Seg]:
        return self._body(doc, 2, 6, ("chat", "chat"))

    def _doc_referral(self, doc: dict[str, Person]) -> list[Seg]:
        parts = [self.fill(self.pick("referral_header"), doc)]
        parts.extend(self._body(doc, 2, 5, ("referral", "referral", "case")))
        parts.append(self.fill(self.pick("closing"), doc))
        return parts


def _no_double_dot(out: Seg, literal: str) -> str:
    """'Zorg B.V.' + '.' is written once: 'Zorg B.V.'"""
    if out and out[-1][0].endswith(".") and literal.startswith("."):
        return literal[1:]
    return literal


def _join(parts: list[Seg]) -> tuple[str, list[Span]]:
    text = ""
    spans: list[Span] = []
    for i, seg in enumerate(parts):
        if i:
            text += "\n"
        for piece, label in seg:
            if label:
                start, end = len(text), len(text) + len(piece)
                if (
                    label == "PER"
                    and spans
                    and spans[-1][2] == "PER"
                    and text[spans[-1][1] :] == " "
                ):  # "{p1.first} {p1.lastlow}" is one name, not two
                    start = spans.pop()[0]
                spans.append((start, end, label))
            text += piece
    return text, spans


def generate(n: int, seed: int, heldout: bool) -> list[tuple[str, list[Span], str]]:
    """`n` documents: (text, [(start, end, label)], kind)."""
    gen = Generator(seed, heldout)
    return [gen.document() for _ in range(n)]


# --------------------------------------------------------------------------
# Templates.  Slots: {p1.full} {p1.formal} {p1.last} {p1.first} {p1.any}
# {p1.inv} {p1.allfirst} {p1.roep} {p1.upper} {p1.sal} {p1.Sal} {p1.geachte}
# {p1.title} {p1.email} {p1.hij} {p1.zijn}; places {CITY} {STREET} {ADDR}
# {ADDRFULL} {PCCITY} {PROV} {COUNTRY}; organisations {ORG} {GEM} {Gem}
# {PUBORG} {STICHTING} {BV}; plain values {DATE} {DOB} {PHONE} {DISEASE} ...
# p1 is the addressee / subject, p2 the writer / employee, p3 and p4 others.
# --------------------------------------------------------------------------

TRAIN: dict[str, list] = {
    "_kinds": [
        ("letter", 0.22),
        ("email", 0.18),
        ("hr", 0.13),
        ("case", 0.14),
        ("form", 0.12),
        ("column", 0.09),
        ("sentences", 0.1),
        ("chat", 0.06),
    ],
    "chat": [
        "{DATE} {TIME} - {p1.first}: ben er zo",
        "{DATE} {TIME} - {p2.full}: kan {p3.first} morgen de dienst van {p4.first} overnemen?",
        "{p1.full} {TIME}\nheeft iemand de sleutels van de {STREET}?",
        "{p2.first} {TIME}\n{p3.first} heeft gebeld, ik bel {p3.hij} terug",
        "<{p1.first}> morgen overleg in {CITY}",
        "{p2.full}, {TIME}: dank je wel!",
        "{DATE} {TIME} - {p3.first}: ik zit bij {ORG}",
        "{p1.first} {p1.lastlow} {TIME}\nprima, tot straks",
        "{p2.first}: {p3.sal} staat beneden bij de receptie",
        "{TIME} {p2.first}: {p3.first} is ziek vandaag",
        "{p1.first}: {p3.first} komt later",
        "{DATE} {TIME} - {p2.first}: weet iemand of {p3.first} {p3.lastlow} vandaag werkt?",
        "{p2.full} ({TIME}): {p3.first} heeft gebeld",
        "{p1.first}: top, dank je {p2.first}!",
        "{p1.first}: {PRODUCT} doet het weer niet",
        "{TIME} {p2.first}: ben je er morgen?",
    ],
    "letterhead": [
        "{Gem}\n{Dept}\nPostbus {POSTBUS}\n{PCCITY}",
        "{ORG}\n{ADDR}\n{PCCITY}",
        "{ORG}\nPostbus {POSTBUS}, {PCCITY}\nTelefoon {PHONE}",
        "Retouradres: Postbus {POSTBUS}, {PCCITY}",
        "{PUBORG}\n{Dept}",
    ],
    "recipient": [
        "{p1.Sal}\n{ADDR}\n{PCCITY}",
        "Aan {p1.sal}\n{ADDRFULL}",
        "{p1.Title} {p1.formal}\n{ADDR}\n{PCCITY}",
        "T.a.v. {p1.sal}\n{ORG}\n{ADDR}\n{PCCITY}",
        "Familie {p1.last}\n{ADDR}\n{PCCITY}",
        "{p1.formal}\n{ADDR}\n{PCCITY}",
        "De ouder(s)/verzorger(s) van {p1.full}\n{ADDR}\n{PCCITY}",
        "{p1.upper}\n{ADDR}\n{PCCITY}",
    ],
    "letter_meta": [
        "Datum: {DATE}\nOns kenmerk: {KENMERK}\nOnderwerp: {Subject}",
        "{CITY}, {DATE}\nBetreft: {SUBJECT}",
        "Behandeld door: {p2.full}\nTelefoonnummer: {PHONE}\nDatum: {DATE}",
        "Kenmerk: {KENMERK}\nContactpersoon: {p2.sal}\nOnderwerp: {Subject}",
        "Uw brief van: {DATE}\nUw kenmerk: {KENMERK}\nBijlage(n): 2",
        "Datum verzending: {DATE}\nBetreft: {SUBJECT} van {p1.full}",
    ],
    "salutation": [
        "Geachte {p1.geachte},",
        "Geachte {p1.geachte},",
        "Geachte {p1.geachte},",
        "Beste {p1.first},",
        "Geachte heer, mevrouw,",
        "Geachte heer/mevrouw,",
        "Beste {p1.title} {p1.last},",
        "Geachte {p1.title} {p1.formal},",
        "Geachte ouders/verzorgers,",
        "Beste {p1.full},",
        "Geachte familie {p1.last},",
        "Geachte {p1.geachte} en {p3.geachte},",
        "L.S.,",
        "Lieve {p1.first},",
        "Beste heer {p1.last},",
        "Beste mevrouw {p1.last},",
        "Geachte mevrouw, geachte heer,",
        "Goedemiddag {p1.title} {p1.last},",
    ],
    "closing": [
        "Met vriendelijke groet,\n{p2.full}\n{FUNC}",
        "Met vriendelijke groet,\n\n{p2.formal}\n{FUNC}\n{ORG}",
        "Met vriendelijke groeten,\n{p2.first}",
        "Vriendelijke groet,\n{p2.full}\n{FUNC} | {DEPT}\nT {PHONE}",
        "Hoogachtend,\n{p2.formal}",
        "Met vriendelijke groet,\n"
        "namens het college van burgemeester en wethouders,\n{p2.full}\n{FUNC}",
        "Groet,\n{p2.first}",
        "Met collegiale groet,\n{p2.full}\n{FUNC}\n{ORG}\n{EMAIL}",
        "Met vriendelijke groet,\nnamens de directie,\n\n{p2.allfirst}",
        "Mvg,\n{p2.full}",
        "Met vriendelijke groet,\n{p2.Title} {p2.formal}\n{func}",
        "Warme groet,\n{p2.first}",
        "Groetjes,\n{p2.first}",
        "Met vriendelijke groet en een fijn weekend,\n{p2.full}",
        "Alvast bedankt!\n\n{p2.first} {p2.lastlow}\n{FUNC}",
        "Dank en groet,\n{p2.formal}",
        "Met vriendelijke groet,\n{p2.upper}\n{FUNC}",
        "Vriendelijke groeten,\n{p2.full} | {ORG}",
        "Met groet,\n\n{p2.Title} {p2.full}\n{func} bij {ORG}",
    ],
    "mail_header": [
        "Van: {p2.full} <{p2.email}>\nAan: {p1.email}\nOnderwerp: {Subject}",
        "Van: {p2.full}\nVerzonden: {Weekday} {DATE} {TIME}\n"
        "Aan: {p1.full}\nCC: {p3.full}\nOnderwerp: RE: {SUBJECT}",
        "From: {p2.email}\nTo: {p1.full} <{p1.email}>\nSubject: {Subject}",
        "Van: {EMAIL}\nAan: {p1.full}\nDatum: {DATE}\nOnderwerp: {Subject}",
    ],
    "mail_greeting": [
        "Hoi {p1.first},",
        "Beste {p1.first},",
        "Hallo {p1.first},",
        "Dag {p1.title} {p1.last},",
        "Beste collega's,",
        "Goedemorgen,",
        "Beste {p1.first} en {p3.first},",
        "Hi {p1.first},",
        "Geachte {p1.geachte},",
        "Hallo allemaal,",
        "Beste {p1.full},",
        "Hallo {p1.full},",
        "Goedemorgen {p1.first},",
        "Hey {p1.first},",
        "Beste {p1.first} {p1.lastlow},",
        "Dag {p1.first},",
        "Beste {p1.title} {p1.formal},",
        "Hee {p1.first},",
        "Moi {p1.first},",
        "Lieve {p1.first},",
        "Hoi {p1.first} en {p3.first},",
        "Goedenavond {p1.first},",
        "Hallo {p1.title} {p1.last},",
    ],
    "mail_quote": [
        "Op {DATE} om {TIME} schreef {p1.full} <{p1.email}>:",
        "-----Oorspronkelijk bericht-----\nVan: {p1.full}\nVerzonden: {DATE}\nOnderwerp: {Subject}",
    ],
    "body": [
        "Op {DATE} heeft u bij ons een aanvraag ingediend voor {SUBJECT}.",
        "Uw aanvraag is behandeld door {p2.sal} van de {DEPT}.",
        "Wij hebben uw brief van {DATE} in goede orde ontvangen.",
        "In uw brief vraagt u namens {p3.full} om uitstel van betaling.",
        "Volgens onze gegevens woont u sinds {DATE} aan de {ADDR} in {CITY}.",
        "U kunt contact opnemen met {p2.sal} via {PHONE}.",
        "{p3.Sal} heeft ons laten weten dat u verhuisd bent naar {CITY}.",
        "Het gesprek vindt plaats op {WEEKDAY} {DATE} om {TIME} uur op ons kantoor aan de {ADDR}.",
        "Wij hebben advies gevraagd aan {ORG}.",
        "De bedrijfsarts, {p3.sal}, adviseert een opbouw van {HOURS} uur per week.",
        "Uw dochter {p3.first} is per {DATE} ingeschreven op {ORG}.",
        "Namens {ORG} stuur ik u de stukken die u bij {p3.sal} heeft opgevraagd.",
        "De uitkering wordt overgemaakt naar de rekening op naam van {p1.formal}.",
        "Uw zaak is overgedragen aan mijn collega {p3.full}.",
        "De {GEM} heeft besloten uw aanvraag toe te kennen.",
        "Uw bezwaar tegen het besluit van {DATE} is ongegrond verklaard.",
        "Wij verzoeken u het formulier vóór {DATE} terug te sturen naar {ORG}.",
        "Zoals besproken met {p1.sal} ontvangt u hierbij het verslag.",
        "Op grond van de {NOUN} heeft u recht op ondersteuning.",
        "Uit het rapport van {ORG} blijkt dat u lijdt aan {DISEASE}.",
        "Uw moeder, {p3.sal}, heeft ons gemachtigd om namens haar te handelen.",
        "U bent op {DATE} uitgeschreven uit de basisregistratie van de {GEM}.",
        "De woning aan de {STREET} wordt per {DATE} toegewezen aan {p1.formal}.",
        "{p3.Sal} van {ORG} neemt binnenkort contact met u op.",
        "Uw contactpersoon is {p2.full}, bereikbaar op {PHONE}.",
        "Tijdens het huisbezoek op {DATE} waren {p1.sal} en {p3.sal} aanwezig.",
        "Hierbij bevestigen wij dat {p1.full}, geboren op {DOB} te {CITY}, bij ons in dienst is.",
        "Wij hebben een verklaring ontvangen van {p3.sal}, huisarts te {CITY}.",
        "De vergoeding wordt betaald door {PUBORG}.",
        "Volgens {p3.full} is de situatie sinds {MONTH} niet veranderd.",
        "Uw verzoek om de naam {p1.full} te wijzigen is in behandeling.",
        "U woont samen met {p3.full} op het adres {ADDRFULL}.",
        "Wij hebben uw dossier doorgestuurd naar {GEM}.",
        "Het besluit is ondertekend door {p2.formal}, {func}.",
        "U heeft ons op {DATE} gebeld en gesproken met {p2.first}.",
    ],
    "mail_body": [
        "Zou je {p3.first} even willen bellen over {SUBJECT}?",
        "Ik heb net {p3.sal} gesproken, {p3.hij} komt {WEEKDAY} langs.",
        "Kun jij het dossier van {p3.full} overnemen? Ik ben vanaf {DATE} met verlof.",
        "{p3.First} vraagt of de afspraak in {CITY} kan worden verplaatst.",
        "Zie bijlage voor het verslag van het gesprek met {p3.sal}.",
        "Ik zit {WEEKDAY} in {CITY} bij {ORG}, daarna ben ik weer bereikbaar.",
        "Wil je {p3.last} vragen om de stukken vóór {DATE} aan te leveren?",
        "Graag ontvang ik vandaag nog een reactie.",
        "{p3.full} ({FUNC}) sluit ook aan bij het overleg.",
        "Dank voor je snelle reactie, {p1.first}!",
        "De factuur van {BV} is nog niet betaald.",
        "Bij afwezigheid kunt u contact opnemen met {p3.full} via {EMAIL}.",
        "Even een update over {p3.first}: het gaat de goede kant op.",
        "Kun je {p3.first} {p3.lastlow} toevoegen aan de mailinglijst?",
        "Ik heb het overleg met {p3.first} verzet naar {WEEKDAY}.",
        "Vanmiddag ben ik bij {p3.sal} op huisbezoek in {CITY}.",
        "Wil jij {p3.first} laten weten dat de afspraak doorgaat?",
        "{p3.First} en ik zijn {WEEKDAY} afwezig.",
        "Ter info: {p3.full} is per {DATE} uit dienst.",
        "Ik krijg een foutmelding in {PRODUCT}, weet jij wat dat is?",
        "Ben je er {WEEKDAY}? Dan loop ik even langs.",
        "{p3.First} kan de uitnodiging in {PRODUCT} niet openen.",
    ],
    "neutral": [
        "Wij hebben uw aanvraag in goede orde ontvangen.",
        "Wij nemen uw aanvraag binnen acht weken in behandeling.",
        "Heeft u vragen over deze brief? Neem dan contact met ons op via {PHONE}.",
        "Tegen dit besluit kunt u binnen zes weken bezwaar maken.",
        "Vermeld bij alle correspondentie ons kenmerk {KENMERK}.",
        "Graag ontvangen wij de ontbrekende gegevens binnen twee weken.",
        "Het bedrag van {AMOUNT} wordt binnen vijf werkdagen overgemaakt.",
        "U vindt meer informatie op {URL}.",
        "Wij vertrouwen erop u hiermee voldoende te hebben geïnformeerd.",
        "Deze brief is automatisch aangemaakt en daarom niet ondertekend.",
        "Uw gegevens worden verwerkt volgens de AVG.",
        "In de bijlage vindt u een overzicht van de betalingen.",
        "Het college heeft besloten de regeling met een jaar te verlengen.",
        "Op {WEEKDAY} is het kantoor gesloten in verband met {NOUN}.",
        "Wilt u het formulier ondertekenen en terugsturen?",
        "De aanvraag is niet volledig; er ontbreken loonstroken.",
        "Bel bij spoed het algemene nummer.",
        "Mijn excuses voor de late reactie.",
        "Ik hoor graag of dit zo akkoord is.",
        "De vergadering begint om {TIME} uur.",
        "Er is geen sprake van een verwijtbare situatie.",
        "Het verzuim duurt inmiddels {NUM} weken.",
        "Bijgaand treft u de jaaropgave aan.",
        "Voor de zomer volgt een evaluatie.",
        "Opmerkingen: geen.",
        "Toelichting: de aanvraag is compleet.",
        "Conclusie: de aanvraag wordt toegekend.",
        "Advies: opnieuw beoordelen over drie maanden.",
        "Mededelingen: geen.",
        "Rondvraag: geen punten.",
        "{PRODUCT} werkt niet meer sinds de laatste update.",
        "Kun je de bijlage in {PRODUCT} openen?",
        "Het overleg is via {PRODUCT}.",
        "Ben je morgen op kantoor?",
        "Heb je het verslag al gelezen?",
        "Kun je mij even terugbellen?",
        "Weet jij waar het dossier ligt?",
        "Kom je ook naar de training?",
    ],
    "hr_header": [
        "Gesprek met {p1.sal} over verzuim",
        "Verslag verzuimgesprek {p1.sal} d.d. {DATE}",
        "Gespreksverslag functioneringsgesprek\nMedewerker: {p1.full}\n"
        "Leidinggevende: {p2.full}\nDatum: {DATE}",
        "Aanwezig: {p1.formal}, {p2.formal} (leidinggevende), {p3.full} (HR-adviseur)",
        "# Verslag {SUBJECT}\n**Medewerker:** {p1.full}\n**Personeelsnummer:** {PNR}",
        "Probleemanalyse {p1.full} ({PNR})",
        "Notitie HR – {p1.inv} – {DATE}",
        "Dossier {p1.full}",
        "Notitie {p1.sal}, {DATE}",
        "Overdracht {p1.full} ({PNR})",
        "Evaluatie proeftijd {p1.full}",
        "Memo aan {p2.full}\nBetreft: {p1.sal}",
        "Intakegesprek {p1.inv}",
        "Planning re-integratie {p1.full}",
        "Verslag {WEEKDAY} {DATE}\n"
        "Deelnemers: {p1.full} (medewerker), {p2.sal}, {p3.first} (notulist)",
        "Afspraak {p1.full}",
        "Klacht {p1.full} – {DATE}",
        "Taak {p2.first}: terugbellen {p1.sal}",
        "Melding {p1.full}",
        "Ziekmelding {p1.full} ({PNR})",
        "Beoordeling {p1.inv}",
        "Exitgesprek {p1.full}",
        "Rapportage {p1.sal}",
        "Werkplekonderzoek {p1.full}",
        "Verslag {p1.first} {p1.lastlow}",
    ],
    "hr": [
        "{p1.First} meldt zich op {DATE} ziek met rugklachten.",
        "{p1.Sal} geeft aan dat de werkdruk te hoog is.",
        "{p1.first} is sinds {DATE} volledig arbeidsongeschikt.",
        "{p1.Hij} heeft {DISEASE} en is onder behandeling in {ORG}.",
        "Afgesproken is dat {p1.first} per {DATE} start met {HOURS} uur per week.",
        "Bedrijfsarts {p3.sal} ziet geen medische beperkingen.",
        "Leidinggevende {p2.full} plant over vier weken een vervolggesprek.",
        "{p2.First} bespreekt met {p1.first} de mogelijkheden voor aangepast werk.",
        "Er is een conflict tussen {p1.last} en collega {p3.full}.",
        "Mw. {p3.last} (HR) legt de afspraken vast in het dossier.",
        "Het contract van {p1.formal} wordt niet verlengd.",
        "{p1.Sal} is het niet eens met de beoordeling en wil een second opinion.",
        "De re-integratie verloopt via {ORG} in {CITY}.",
        "Tijdens het gesprek was ook {p3.sal} van de ondernemingsraad aanwezig.",
        "{p1.first} werkt sinds {DATE} op de locatie aan de {STREET}.",
        "Collega {p3.first} neemt de taken van {p1.first} tijdelijk over.",
        "Het verlof van {p1.full} is goedgekeurd door {p2.sal}.",
        "Arbeidsdeskundige {p3.formal} adviseert een werkplekonderzoek.",
        "Verzuimfrequentie {p1.last}: {NUM} meldingen in twaalf maanden.",
        "{p1.Hij} mantelzorgt voor {p1.zijn} {REL}, die lijdt aan {DISEASE}.",
        "Actie: {p2.first} stuurt het verslag naar {p1.email}.",
        "De partner van {p1.first}, {p3.full}, is ook ziek thuis.",
        "{p1.first} vertelt dat {p1.hij} slecht slaapt.",
        "Met {p1.first} is afgesproken dat {p1.hij} zich wekelijks meldt bij {p2.first}.",
        "Opmerking {p2.first}: graag na de zomer opnieuw bespreken.",
        "Vraag van {p1.first}: kan het contract worden omgezet naar vast?",
        "Volgens {p2.first} is de samenwerking met {p3.first} verbeterd.",
        "{p3.full} (casemanager) neemt de begeleiding over van {p2.full}.",
        "Gesprek gevoerd door {p2.formal} en {p3.formal}.",
        "{p1.first} heeft een schriftelijke waarschuwing gekregen van {p2.sal}.",
        "Taak: {p2.first} vraagt advies aan {PUBORG}.",
        "{p1.Sal} wordt per {DATE} overgeplaatst naar de vestiging in {CITY}.",
        "Terugkoppeling aan {p1.first} volgt via {p1.email}.",
        "Aanwezig namens de OR: {p3.full}.",
    ],
    "neutral_hr": [
        "De medewerker geeft aan dat het beter gaat.",
        "Afspraak: volgende week telefonisch contact.",
        "Het plan van aanpak wordt binnen twee weken opgesteld.",
        "Er zijn geen bijzonderheden.",
        "Werkhervatting wordt verwacht over ongeveer {NUM} weken.",
        "Beide partijen zijn akkoord met de afspraken.",
        "De medewerker heeft recht op {HOURS} verlofuren.",
        "Vervolggesprek op {DATE} om {TIME}.",
        "De leidinggevende maakt zich zorgen over de werkdruk in het team.",
    ],
    "case_header": [
        "Dossier {KENMERK} – cliënt {p1.full}",
        "Cliënt: {p1.inv} (geb. {DOB})\nBSN: {BSN}\nAdres: {ADDRFULL}",
        "Rapportage huisbezoek {DATE}\nCliënt: {p1.sal}\nConsulent: {p2.full}",
        "Melding van {p3.sal} ({REL}) op {DATE}",
        "Aanmelding {SUBJECT} – {p1.full}, {NLCITY}",
    ],
    "case": [
        "Cliënt {p1.full} woont met {p1.zijn} zoon {p3.first} ({CHILDAGE}) in {CITY}.",
        "{p1.Sal} ontvangt sinds {DATE} een bijstandsuitkering.",
        "De schulden bij {PUBORG} bedragen ongeveer {AMOUNT}.",
        "{p1.first} heeft {DISEASE} en kan niet zelfstandig boodschappen doen.",
        "Mantelzorg wordt geleverd door {p1.zijn} {REL} {p3.full}.",
        "De buurvrouw, {p3.sal}, belde op {DATE} omdat zij zich zorgen maakte.",
        "Op {DATE} is er een huisbezoek geweest aan de {ADDR}.",
        "{p1.Hij} is in {YEARCITY}.",
        "Het gezin is in {MONTH} verhuisd van {CITY} naar {CITY}.",
        "Doorverwezen naar {ORG} voor schuldhulpverlening.",
        "{p1.Sal} heeft de {NAT} nationaliteit en woont sinds {NUM} jaar in Nederland.",
        "De wijkverpleegkundige, {p3.full}, komt drie keer per week.",
        "{p3.Sal} is aangesteld als bewindvoerder.",
        "Contact met {p1.zijn} huisarts, dr. {p3.last}, over de medicatie.",
        "{p1.first} is geboren in {FCITY} ({COUNTRY}).",
        "Afspraak met {p1.first} en {p1.zijn} moeder {p3.first} op {DATE}.",
        "De kinderen {p3.first} en {p4.first} gaan naar {ORG}.",
        "Volgens {p1.first} is de woning aan de {STREET} te klein.",
        "{p1.Hij} werkt als vrijwilliger bij {STICHTING}.",
        "Er is een Wmo-indicatie afgegeven door de {GEM}.",
        "{p1.first} vertelt dat {p1.zijn} {REL} {p3.first} veel helpt.",
        "Afgesproken met {p1.first}: budgetcoach start in {MONTH}.",
        "Zoon {p3.first} ({CHILDAGE}) zit op {ORG}.",
        "De moeder van {p3.first} was niet aanwezig bij het gesprek.",
        "Vraag van {p1.first} over de eigen bijdrage bij {PUBORG}.",
        "Melder: {p3.full}, {REL} van cliënt.",
        "{p3.first} ({REL}) is het eerste aanspreekpunt.",
        "Overdracht aan collega {p2.first} {p2.lastlow} per {DATE}.",
        "{p1.First} woonde eerder in {CITY} en daarvoor in {FCITY}.",
        "Gesproken met {p3.sal} van {ORG} over de wachtlijst.",
        "Cliënt ({p1.full}) geeft toestemming om informatie op te vragen bij {ORG}.",
    ],
    "neutral_case": [
        "Cliënt is gemotiveerd om mee te werken.",
        "De situatie is stabiel.",
        "Er is sprake van een hoge schuldenlast.",
        "Volgende evaluatie over drie maanden.",
        "Cliënt heeft geen netwerk in de buurt.",
        "De woning is netjes maar erg klein.",
        "Er zijn zorgen over de veiligheid van de kinderen.",
        "Cliënt spreekt weinig Nederlands; een tolk is nodig.",
        "Budgetbeheer is gestart op {DATE}.",
    ],
    "form": [
        "Naam: {p1.full}",
        "Naam aanvrager: {p1.formal}",
        "Aanvrager: {p1.full}",
        "Achternaam: {p1.last}",
        "Voornamen: {p1.allfirst}",
        "Roepnaam: {p1.first}",
        "Naam: {p1.inv}",
        "Adres: {ADDR}",
        "Postcode en woonplaats: {PCCITY}",
        "Woonplaats: {CITY}",
        "Geboorteplaats: {CITY}",
        "Geboortedatum: {DOB}",
        "BSN: {BSN}",
        "Telefoon: {PHONE}",
        "E-mail: {p1.email}",
        "Nationaliteit: {NAT}",
        "Geboorteland: {COUNTRY}",
        "Werkgever: {ORG}",
        "Naam partner: {p3.full}",
        "Contactpersoon: {p2.sal}",
        "Behandelaar: {p2.full}",
        "Huisarts: {p3.sal}",
        "Zorgverzekeraar: {PUBORG}",
        "Diagnose: {DISEASE}",
        "Datum: {DATE}",
        "Handtekening aanvrager: {p1.full}",
        "Gemachtigde: {p3.formal}",
        "Straat: {STREET}",
        "Huisnummer: {HNR}",
        "Plaats: {CITY}",
        "Bedrijfsnaam: {BV}",
        "Organisatie: {ORG}",
        "Naam kind: {p3.first} {p1.lastlow}",
        "Noodcontact: {p3.full} ({REL}), {PHONE}",
        "Ondertekend te {CITY} op {DATE}",
        "Functie: {FUNC}",
        "Afdeling: {DEPT}",
        "Burgerlijke staat: gehuwd met {p3.full}",
        "Voorletters en achternaam: {p1.formal}",
        "Land: {COUNTRY}",
        "Regio: {PROV}",
        "Gemeente: {NLCITY}",
        "Reden aanvraag: {SUBJECT}",
        "Soort uitkering: bijstand",
        "Datum ondertekening: {DATE}",
        "Naam ouder/verzorger: {p3.full}",
        "Ingevuld door: {p2.formal}",
        "Naam: {p1.Title} {p1.formal}",
        "Voornaam: {p1.first}",
        "Tussenvoegsel en achternaam: {p1.lastlow}",
        "Relatie tot aanvrager: {REL}",
        "Naam behandelend arts: dr. {p3.last}",
        "Werkzaam bij: {ORG}",
        "Vestigingsplaats: {CITY}",
        "Naam bewindvoerder: {p3.full}",
        "Postadres: Postbus {POSTBUS}, {PCCITY}",
        "Contact: {p2.first}",
        "Door: {p2.first}",
        "Uitvoerder: {p2.first}",
        "Actiehouder: {p2.first}",
        "Eigenaar: {p2.full}",
        "Opmerkingen: geen",
        "Toelichting: zie bijlage",
        "Conclusie: akkoord",
        "Advies: {SUBJECT} toekennen",
        "Status: in behandeling",
        "Prioriteit: hoog",
        "Voorgeschiedenis: geen bijzonderheden",
        "Anamnese: {DISEASE}",
        "Notulist: {p3.full}",
    ],
    "column": [
        "Naam|{p1.full}",
        "Naam|{p1.formal}",
        "Medewerker|{p1.full}",
        "Achternaam|{p1.last}",
        "Voornaam|{p1.first}",
        "Naam|{p1.inv}",
        "Woonplaats|{CITY}",
        "Straat|{STREET}",
        "Adres|{ADDR}",
        "Werkgever|{ORG}",
        "Functie|{FUNC}",
        "Status|{STATUS}",
        "Contactpersoon|{p1.sal}",
        "Plaats|{NLCITY}",
        "Naam|{p1.first} {p1.lastlow}",
        "Naam|{p1.inv}",
        "Klant|{p1.formal}",
        "Werknemer|{p1.full}",
        "Contactpersoon|{p1.full}",
        "|{p1.full}",
        "|{p1.formal}",
        "|{CITY}",
        "|{ORG}",
        "Ouder/verzorger|{p1.full}",
        "Debiteur|{p1.inv}",
        "Land|{COUNTRY}",
        "Organisatie|{ORG}",
    ],
    "general": [
        "{p1.full} ({AGE}) uit {CITY} is op {DATE} aangehouden.",
        "Volgens {p1.sal} is de zaak afgerond.",
        "{p1.full} is sinds {DATE} directeur van {ORG}.",
        "Wethouder {p1.full} opende {WEEKDAY} het nieuwe gemeentehuis in {CITY}.",
        "De rechtbank in {CITY} heeft {p1.formal} veroordeeld tot een taakstraf.",
        "{p1.Sal} werkte jarenlang bij {ORG} in {CITY}.",
        "Het project in {PROV} wordt geleid door {p1.full}.",
        "{p1.first} en {p3.first} wonen al jaren in de {STREET}.",
        "Volgens {p1.last} heeft {ORG} de afspraken niet nagekomen.",
        "Zij verhuisde in {YEAR} van {FCITY} naar {CITY}.",
        "{ORG} en {ORG} gaan samenwerken in {CITY}.",
        "Burgemeester {p1.last} van {CITY} reageerde teleurgesteld.",
        "De patiënt is bekend met {DISEASE}.",
        "Bij {DISEASE} is vroege diagnose belangrijk.",
        "Het onderzoek naar {DISEASE} wordt gefinancierd door {STICHTING}.",
        "De {STREET} is tot {DATE} afgesloten voor verkeer.",
        "{p1.first} {p1.lastlow} won de prijs voor de beste vrijwilliger van {PROV}.",
        "{p1.first} {p1.lastlow} werkt al twintig jaar als vrijwilliger in {CITY}.",
        "Het boek van {p1.full} verscheen in {YEAR} bij {ORG}.",
        "{p1.full} is overleden op {DATE} in {CITY}.",
        "De nieuwe directeur van {ORG}, {p1.full}, begint op {DATE}.",
        "In {CITY} wonen veel mensen met de {NAT} nationaliteit.",
        "De ziekte is vernoemd naar de arts die haar beschreef; {DISEASE} komt vaak voor.",
        "Onderwerp van gesprek: de verhuizing van {p1.first}.",
        "Taak voor {p1.first}: offerte opvragen bij {BV}.",
        "Agendapunt 3: {p1.first} {p1.lastlow} licht het jaarplan toe.",
        "Besluit: {p1.formal} neemt contact op met {ORG}.",
    ],
}

HELDOUT: dict[str, list] = {
    "_kinds": [
        ("letter", 0.17),
        ("email", 0.15),
        ("hr", 0.1),
        ("case", 0.1),
        ("form", 0.1),
        ("column", 0.06),
        ("minutes", 0.12),
        ("chat", 0.1),
        ("referral", 0.1),
    ],
    "letterhead": [
        "{ORG} | {ADDR} | {PCCITY}",
        "Afzender: {Gem}, Postbus {POSTBUS}, {PCCITY}",
    ],
    "recipient": [
        "Aan: {p1.Sal}\n{ADDR}, {PCCITY}",
        "{p1.Title} {p1.roep}\n{ADDRFULL}",
        "Ter attentie van {p1.sal}, {ORG}",
    ],
    "letter_meta": [
        "{CITY}, {DATE}\nOnderwerp: {SUBJECT}\nReferentie: {KENMERK}",
        "Uw contactpersoon: {p2.sal} (telefoon {PHONE})",
    ],
    "salutation": [
        "Geachte {p1.geachte}",
        "Geachte {p1.geachte}, geachte {p3.geachte},",
        "Beste {p1.title} {p1.full},",
        "Zeer geachte {p1.geachte},",
        "Aan wie het aangaat,",
        "Dag {p1.first} {p1.lastlow},",
    ],
    "closing": [
        "Met hartelijke groet,\n{p2.full}",
        "Met vriendelijke groet,\n{p2.formal}, {func}\n{ORG}",
        "Hartelijke groeten,\n{p2.first}\n\nVerzonden vanaf mijn telefoon",
        "Namens {ORG},\n\n{p2.full}\n{FUNC}",
        "Vriendelijke groeten,\n{p2.Title} {p2.last}\n{FUNC}",
    ],
    "mail_header": [
        "Afzender: {p2.full} [{p2.email}]\nOntvanger: {p1.full}\nBetreft: {Subject}",
        "Van: {p2.formal}\nAan: {p1.email}; {p3.email}\nOnderwerp: FW: {SUBJECT}",
    ],
    "mail_greeting": [
        "Goedemiddag {p1.first},",
        "Ha {p1.first},",
        "Goedendag {p1.title} {p1.last},",
        "Beste allen,",
        "Ha die {p1.first},",
    ],
    "mail_quote": ["Op {WEEKDAY} {DATE} {TIME} heeft {p1.full} het volgende geschreven:"],
    "body": [
        "Naar aanleiding van ons telefoongesprek van {DATE} stuur ik u de gevraagde gegevens.",
        "Uw buurman, {p3.sal}, heeft een klacht ingediend over geluidsoverlast.",
        "Wij hebben de zaak besproken met {p3.full} van {ORG}.",
        "De uitnodiging voor het keukentafelgesprek met {p2.sal} volgt per post.",
        "Hierbij ontvangt u de beschikking, opgesteld door {p2.formal}.",
        "{p3.Sal} heeft namens u bezwaar gemaakt.",
        "U staat ingeschreven op het adres {ADDRFULL}.",
        "Uw zoon {p3.first} heeft recht op leerlingenvervoer naar {ORG}.",
        "Wij hebben de vordering overgedragen aan {BV}.",
        "In overleg met {p3.sal} is besloten de uitkering voorlopig stop te zetten.",
        "De afspraak met {p2.first} {p2.lastlow} gaat helaas niet door.",
        "Omdat u lijdt aan {DISEASE}, kunt u een vrijstelling aanvragen.",
        "De woningcorporatie heeft ons gemeld dat {p1.full} een huurachterstand heeft.",
        "U bent aangemeld bij {ORG} in {CITY}.",
    ],
    "mail_body": [
        "Heb jij het nummer van {p3.first}? Ik kan het niet vinden in het systeem.",
        "{p3.full} heeft vanochtend gebeld, graag even terugbellen.",
        "Ik stuur je het dossier van {p3.sal} door, wil jij er vóór {DATE} naar kijken?",
        "We zien elkaar {WEEKDAY} in {CITY}, toch?",
        "Volgens {p3.last} is de factuur van {ORG} al betaald.",
    ],
    "neutral": [
        "Wij beschouwen uw aanvraag als ingetrokken.",
        "De beslistermijn wordt met zes weken verlengd.",
        "Controleer of uw gegevens kloppen.",
        "Wij danken u voor uw geduld.",
        "Het bezwaar wordt behandeld door een onafhankelijke commissie.",
        "Neem uw identiteitsbewijs mee naar de afspraak.",
    ],
    "hr_header": [
        "Verzuimdossier {p1.full}, personeelsnummer {PNR}",
        "Gespreksnotitie {DATE} – deelnemers: {p1.sal}, {p2.sal}",
        "Re-integratieverslag {p1.inv}",
    ],
    "hr": [
        "{p1.Title} {p1.last} ervaart veel stress door de reorganisatie.",
        "Volgens de leidinggevende, {p2.full}, is het functioneren onvoldoende.",
        "{p1.first} is door {p3.sal} doorverwezen naar een psycholoog.",
        "Besproken: terugkeer van {p1.full} op de afdeling per {DATE}.",
        "Bedrijfsarts {p3.full} schat de belastbaarheid in op {HOURS} uur.",
        "Het ziekteverzuim van {p1.last} is in {MONTH} opnieuw gestegen.",
        "{p1.Sal} wil graag een ander rooster.",
        "Er volgt een waarschuwing omdat {p1.first} niet op het werk verscheen.",
        "{p1.Hij} is herstellende van {DISEASE}.",
    ],
    "neutral_hr": [
        "De verzuimmelding is verwerkt in het systeem.",
        "Medewerker is tevreden over de begeleiding.",
    ],
    "case_header": [
        "Intake {DATE}\nNaam: {p1.full}\nWoonadres: {ADDR}, {CITY}",
        "Signaal via {p3.sal} ({REL})",
    ],
    "case": [
        "{p1.Title} {p1.last} is na een val thuis opgenomen in {ORG}.",
        "Het huishouden van {p1.first} wordt gedaan door {p1.zijn} {REL}.",
        "Er is contact geweest met {p3.full}, de mentor van {p1.first}.",
        "De familie {p1.last} woont sinds {NUM} jaar in {CITY}.",
        "{p1.full} is afkomstig uit {COUNTRY} en spreekt Arabisch.",
        "{p1.Hij} heeft een afspraak bij {ORG} in {CITY}.",
        "Volgens de huisarts, {p3.sal}, is er sprake van {DISEASE}.",
    ],
    "neutral_case": [
        "De hulpvraag is nog onduidelijk.",
        "Er is een tolk geregeld voor het volgende gesprek.",
    ],
    "form": [
        "Volledige naam: {p1.allfirst}",
        "Naam cliënt: {p1.full}",
        "Ingediend door: {p3.formal}",
        "Naam contactpersoon: {p2.full}",
        "Verblijfadres: {ADDR}",
        "Woonachtig te: {CITY}",
        "Land van herkomst: {COUNTRY}",
        "Naam werkgever: {ORG}",
        "Naam huisarts: {p3.sal}",
        "Medische aandoening: {DISEASE}",
        "Naam (achternaam, voorletters): {p1.inv}",
        "Geboren: {DOB} te {CITY}",
        "Gezinslid: {p3.full}, {REL}",
        "IBAN t.n.v.: {p1.formal}",
    ],
    "column": [
        "Naam medewerker|{p1.full}",
        "Volledige naam|{p1.formal}",
        "Naam (achternaam, voornaam)|{p1.inv}",
        "Plaats|{CITY}",
        "Naam organisatie|{ORG}",
    ],
    "general": [
        "{p1.full} werd in {CITY} geboren.",
        "{p1.Sal} is benoemd tot voorzitter van {STICHTING}.",
    ],
    "minutes_header": [
        "Notulen teamoverleg {DATE}\n"
        "Aanwezig: {p1.formal}, {p2.formal}, {p3.full}\nAfwezig: {p4.full}",
        "Verslag MDO {DATE}\nVoorzitter: {p2.full}\nNotulist: {p3.first}",
    ],
    "minutes": [
        "1. Opening: {p2.first} opent de vergadering om {TIME} uur.",
        "{p3.First} meldt dat {p4.full} met pensioen gaat.",
        "Actiepunt {p1.last}: offerte opvragen bij {BV}.",
        "Rondvraag: {p4.first} vraagt naar de planning van de verhuizing naar {CITY}.",
        "De casus van {p1.sal} wordt besproken; het advies is opname bij {ORG}.",
        "Besluit: {p2.formal} neemt contact op met de {GEM}.",
        "Het verslag van de vorige keer wordt vastgesteld.",
        "Er zijn geen mededelingen.",
        "Volgende vergadering: {WEEKDAY} {DATE} in {CITY}.",
    ],
    "chat": [
        "[{TIME}] {p1.full}: ben er over tien minuten",
        "[{TIME}] {p2.first}: {p3.first} is ziek vandaag, kan iemand zijn dienst overnemen?",
        "{p1.first}: heeft iemand de sleutel van de {STREET}?",
        "[{TIME}] {p2.full}: klant {p3.sal} staat aan de balie",
        "{p2.first}: ik zit in {CITY} bij {ORG}",
        "[{TIME}] {p1.first}: oké, dank je!",
        "[{TIME}] {p3.full}: wie belt {p4.sal} terug?",
    ],
    "referral_header": [
        "Verwijsbrief\nPatiënt: {p1.inv}, geboren {DOB}\n"
        "Verwijzer: {p2.Title} {p2.formal}, huisarts te {CITY}",
        "Betreft: {p1.sal}, {ADDRFULL}",
    ],
    "referral": [
        "Graag uw beoordeling van {p1.sal} i.v.m. verdenking op {DISEASE}.",
        "Patiënt is eerder gezien door {p3.sal} in {ORG}.",
        "{p1.Hij} woont zelfstandig en wordt ondersteund door {p1.zijn} {REL} {p3.first}.",
        "Voorgeschiedenis: {DISEASE}.",
        "Medicatie volgens overzicht van de apotheek in {CITY}.",
    ],
}

if __name__ == "__main__":  # a quick look: python models/templates.py [heldout]
    import sys

    for text, spans, kind in generate(8, seed=1, heldout="heldout" in sys.argv):
        print(f"--- {kind}")
        print(text)
        print([(text[s:e], lab) for s, e, lab in spans])
