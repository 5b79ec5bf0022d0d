"""PERSON benchmark: generated Dutch administrative texts, scored against the rules.

Letters, HR notes, forms and e-mails are assembled from seeded templates
written for this benchmark (none shared with the NER training data in
`models/`) and filled with fictitious names:

* *listed* names from Faker `nl_NL`, the source of the recognizer's lists;
* *unlisted* names from Faker `nl_BE` (Flemish first names and surnames,
  mostly absent from the lists), so recall is not only measured on names
  the lists were built from.

Every text also holds traps that must not become PERSON: streets named
after people, organisations with a surname in them, eponymous diseases,
towns, months and weekdays.

    python benchmarks/person_texts.py [--docs 400] [--seed 2024]

prints precision, recall and F1 of `NlPersonRecognizer` alone at the
reporting threshold, for exact spans and for overlapping spans, with
recall split by listed and unlisted names.
"""

from __future__ import annotations

import argparse
import random
import re
from collections.abc import Callable
from dataclasses import dataclass, field

from faker import Faker

from datawacht.detect.analyzer import SCORE_THRESHOLD
from datawacht.detect.names.lexicon import load_lexicon, read_list
from datawacht.detect.recognizers.nl import NlPersonRecognizer

Span = tuple[int, int]

TUSSENVOEGSELS = ("van", "de", "van der", "van den", "van de", "ter", "ten", "'t")
TITLES = ("mevrouw", "de heer", "dhr.", "mevr.", "mw.", "dr.", "mr.", "drs.", "ir.")
MONTHS = ("januari", "februari", "maart", "april", "mei", "juni", "september", "oktober")
WEEKDAYS = ("maandag", "dinsdag", "woensdag", "donderdag", "vrijdag")
STREET_ENDINGS = ("straat", "laan", "weg", "plein", "singel", "kade")
_PLAIN_SURNAME = re.compile(r"(?:(?:van|de|der|den|ter|ten|het|'t) )*[A-Z][a-zé]+")
ORGANISATION_FORMS = (
    "Stichting {}",
    "{} B.V.",
    "Bakkerij {}",
    "{} Advocaten",
    "{} Holding",
    "Huisartsenpraktijk {}",
    "het {} Fonds",
)


@dataclass
class Document:
    """One generated text and the gold PERSON spans in it."""

    text: str = ""
    persons: list[Span] = field(default_factory=list)
    unlisted: list[Span] = field(default_factory=list)

    def add(self, piece: str) -> None:
        self.text += piece

    def person(self, name: str, unlisted: bool) -> None:
        span = (len(self.text), len(self.text) + len(name))
        self.persons.append(span)
        if unlisted:
            self.unlisted.append(span)
        self.text += name


class People:
    """Fictitious people in the notations Dutch administration writes them."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.listed = Faker("nl_NL")
        self.unlisted = Faker("nl_BE")
        self.listed.seed_instance(rng.randrange(1 << 30))
        self.unlisted.seed_instance(rng.randrange(1 << 30))

    def surname(self, fake: Faker) -> str:
        """A present-day surname: Faker's lists also hold medieval nobility
        (`Coreth von und zu Coredo und Starkenberg`), which no letter addresses."""
        while True:
            surname = fake.last_name()
            if _PLAIN_SURNAME.fullmatch(surname):
                return surname

    def parts(self) -> tuple[str, str, bool]:
        """(first name, surname with any tussenvoegsel, unlisted?)."""
        unlisted = self.rng.random() < 0.25
        fake = self.unlisted if unlisted else self.listed
        first = fake.first_name()
        surname = self.surname(fake)
        if self.rng.random() < 0.3 and " " not in surname:
            surname = f"{self.rng.choice(TUSSENVOEGSELS)} {surname}"
        if self.rng.random() < 0.1:
            surname = f"{surname}-{self.surname(self.listed)}"
        return first, surname, unlisted

    def initials(self, first: str) -> str:
        extra = "".join(
            f"{c}." for c in self.rng.sample("ABCDEGHJKLMPRSTW", self.rng.randint(0, 2))
        )
        return f"{first[0]}.{extra}"

    def full(self) -> tuple[str, bool]:
        first, surname, unlisted = self.parts()
        return f"{first} {surname}", unlisted

    def formal(self) -> tuple[str, str, bool]:
        """(title, name after it, unlisted?): `mevrouw` + `A.M. van Dijk`, or `dhr.` + `Jansen`."""
        first, surname, unlisted = self.parts()
        title = self.rng.choice(TITLES)
        if self.rng.random() < 0.6:
            return title, f"{self.initials(first)} {surname}", unlisted
        return title, surname[0].upper() + surname[1:], unlisted


class Traps:
    """Things named like people that are no person."""

    def __init__(self, rng: random.Random, people: People) -> None:
        self.rng = rng
        self.people = people
        self.diseases = read_list("eponymous_diseases.txt")
        self.towns = sorted(load_lexicon().places)

    def street(self) -> str:
        first, surname, _ = self.people.parts()
        ending = self.rng.choice(STREET_ENDINGS)
        return f"{first} {surname}{ending} {self.rng.randint(1, 180)}"

    def organisation(self) -> str:
        first, surname, _ = self.people.parts()
        owner = surname[0].upper() + surname[1:]
        if self.rng.random() < 0.4:
            owner = f"{first} {surname}"  # `Stichting Emma de Vries`, `Daan Bakker B.V.`
        return self.rng.choice(ORGANISATION_FORMS).format(owner)

    def disease(self) -> str:
        return self.rng.choice(self.diseases)

    def town(self) -> str:
        return self.rng.choice(self.towns)

    def date(self) -> str:
        return f"{self.rng.choice(WEEKDAYS)} {self.rng.randint(1, 28)} {self.rng.choice(MONTHS)}"


def letter(doc: Document, people: People, traps: Traps) -> None:
    title, name, unlisted = people.formal()
    doc.add(f"{traps.town()}, {traps.date()}\n\nBetreft: uw aanvraag\n\nGeachte {title} ")
    doc.person(name, unlisted)
    doc.add(",\n\nUw aanvraag voor ")
    doc.add(traps.organisation())
    doc.add(f" is ontvangen. U kunt langskomen op ons kantoor aan de {traps.street()}.\n")
    full, unlisted = people.full()
    doc.add("Heeft u vragen, neem dan contact op met ")
    doc.person(full, unlisted)
    doc.add(".\n\nMet vriendelijke groet,\n\n")
    full, unlisted = people.full()
    doc.person(full, unlisted)
    doc.add("\nAfdeling Vergunningen\n")


def hr_note(doc: Document, people: People, traps: Traps) -> None:
    full, unlisted = people.full()
    doc.add(f"Verslag verzuimgesprek {traps.date()}\n\nMedewerker: ")
    doc.person(full, unlisted)
    title, name, unlisted = people.formal()
    doc.add(f"\nBedrijfsarts: {title} ")
    doc.person(name, unlisted)
    doc.add(f"\n\n{traps.date().capitalize()} meldde de medewerker klachten ")
    doc.add(f"die passen bij de {traps.disease()}. ")
    doc.add(f"Hij werkt sinds {traps.date()} halve dagen vanuit {traps.town()}. ")
    full, unlisted = people.full()
    doc.add("Leidinggevende ")
    doc.person(full, unlisted)
    doc.add(" plant een vervolggesprek.\n")


def form(doc: Document, people: People, traps: Traps) -> None:
    first, surname, unlisted = people.parts()
    doc.add("AANVRAAGFORMULIER PARKEERVERGUNNING\nNaam aanvrager: ")
    doc.person(f"{people.initials(first)} {surname}", unlisted)
    doc.add(f"\nAdres: {traps.street()}\nWoonplaats: {traps.town()}\n")
    doc.add(f"Werkgever: {traps.organisation()}\nContactpersoon: ")
    full, unlisted = people.full()
    doc.person(full, unlisted)
    doc.add("\nOndertekend op " + traps.date() + "\n")


def email(doc: Document, people: People, traps: Traps) -> None:
    first, surname, unlisted = people.parts()
    doc.add("Hoi ")
    doc.person(first, unlisted)
    doc.add(f",\n\nKun jij {traps.date()} het dossier van ")
    full, unlisted_full = people.full()
    doc.person(full, unlisted_full)
    doc.add(f" meenemen? Het gaat om de melding over de {traps.street()}; ")
    doc.add(f"{traps.organisation()} heeft ook gebeld.\n\nGroeten,\n")
    own, own_unlisted = people.full()
    doc.person(own, own_unlisted)
    doc.add("\n")


TEMPLATES: tuple[Callable[[Document, People, Traps], None], ...] = (letter, hr_note, form, email)


def generate(docs: int, seed: int) -> list[Document]:
    rng = random.Random(seed)
    people = People(rng)
    traps = Traps(rng, people)
    out = []
    for _ in range(docs):
        doc = Document()
        rng.choice(TEMPLATES)(doc, people, traps)
        out.append(doc)
    return out


@dataclass
class Counts:
    true_positive: int = 0
    false_positive: int = 0
    false_negative: int = 0

    @property
    def gold(self) -> int:
        return self.true_positive + self.false_negative

    @property
    def recall(self) -> float:
        return self.true_positive / self.gold if self.gold else 0.0

    def line(self, label: str) -> str:
        found = self.true_positive + self.false_positive
        precision = self.true_positive / found if found else 0.0
        recall = self.recall
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        return f"{label:<18} P {precision:.3f}  R {recall:.3f}  F1 {f1:.3f}  (gold {self.gold})"


def evaluate(docs: list[Document], threshold: float = SCORE_THRESHOLD) -> dict[str, Counts]:
    """Exact and overlapping matches overall, and recall on listed and unlisted names."""
    recognizer = NlPersonRecognizer()
    counts = {name: Counts() for name in ("exact", "overlap", "listed", "unlisted")}
    for doc in docs:
        found = {
            (r.start, r.end)
            for r in recognizer.analyze(doc.text, ["PERSON"])
            if r.score >= threshold
        }
        gold = set(doc.persons)
        unlisted = set(doc.unlisted)
        exact, overlap = counts["exact"], counts["overlap"]
        exact.true_positive += len(found & gold)
        exact.false_positive += len(found - gold)
        exact.false_negative += len(gold - found)
        hit = {g for g in gold if any(f[0] < g[1] and g[0] < f[1] for f in found)}
        overlap.true_positive += len(hit)
        overlap.false_negative += len(gold - hit)
        overlap.false_positive += sum(
            1 for f in found if not any(f[0] < g[1] and g[0] < f[1] for g in gold)
        )
        for name, spans in (("listed", gold - unlisted), ("unlisted", unlisted)):
            counts[name].true_positive += len(spans & found)
            counts[name].false_negative += len(spans - found)
    return counts


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=400)
    parser.add_argument("--seed", type=int, default=2024)
    args = parser.parse_args()
    docs = generate(args.docs, args.seed)
    counts = evaluate(docs)
    print(f"{len(docs)} documents, {sum(len(d.text) for d in docs)} characters")
    print(counts["exact"].line("exact spans"))
    print(counts["overlap"].line("overlapping spans"))
    for name in ("listed", "unlisted"):
        print(
            f"recall, {name + ' names':<10} {counts[name].recall:.3f}  (gold {counts[name].gold})"
        )


if __name__ == "__main__":
    main()
