"""A deterministic, fictitious Dutch file share with exact ground truth.

Why: precision and recall of a scanner can only be measured against a share
whose every personal value is known.  Hand-written fixtures are too small
to say anything about a real share, and real shares cannot be used at all.
This module writes letters, HR notes, register extracts, spreadsheets,
e-mails and an archive, and records for every object which values (in the
contract's canonical form) a correct scanner must report.  It also writes
*clean* texts full of look-alikes (elfproef-failing numbers, invoice numbers,
dates without birth context, version numbers, ...) that must yield nothing.

Every value is generated: names and streets come from Faker ``nl_NL``,
numbers are random with their check digits computed here and verified with
python-stdnum and phonenumbers.  E-mail addresses use the reserved
``example.*`` domains.  Nothing is real.

Public API:
- ``generate_share(root, n_files, seed=7) -> GroundTruth``
- ``GroundTruth`` (``expected``, ``clean``, ``objects``, ``fingerprints(key)``)
- ``Values`` (the value generators, also used by ``benchmarks/make_examples.py``)
- ``build_object(kind, relpath, values)`` for hand-picked files
- ``score(truth, found, key)`` and ``relative_path(reported, root)`` for the
  end-to-end test and the benchmark.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import io
import ipaddress
import json
import random
import re
import string
import textwrap
import unicodedata
import zipfile
from collections import Counter
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from email.message import EmailMessage
from email.utils import format_datetime
from pathlib import Path

import phonenumbers
from faker import Faker
from stdnum import iban as std_iban
from stdnum import luhn

ENTITY_TYPES: tuple[str, ...] = (
    "NL_BSN",
    "IBAN_CODE",
    "PHONE_NUMBER",
    "EMAIL_ADDRESS",
    "NL_POSTCODE",
    "DATE_OF_BIRTH",
    "NL_LICENSE_PLATE",
    "CREDIT_CARD",
    "IP_ADDRESS",
)

#: DOBs are drawn before this date; fixed so the share does not age.
REFERENCE_DATE = dt.date(2025, 6, 1)

MONTHS = (
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

#: Published example values that scanners rightly suppress: never generate them.
_SUPPRESSED = {"111222333", "123456782", "4111111111111111", "5500000000000004"}

_EMAIL_DOMAINS = (
    "example.com",
    "example.org",
    "example.net",
    "post.example.org",
    "mail.example.com",
    "zorg.example.net",
)
#: Codes of real Dutch banks, never generated: our bank codes are made up.
_REAL_BANK_CODES = frozenset(
    {
        "ABNA",
        "ASNB",
        "BUNQ",
        "FVLB",
        "HAND",
        "INGB",
        "KNAB",
        "NNBA",
        "RABO",
        "RBRB",
        "REVO",
        "SNSB",
        "TRIO",
        "BITS",
        "FRBK",
        "DEUT",
        "NWAB",
        "AEGO",
        "ARBN",
        "BICK",
    }
)
_PLATE_LETTERS = "BDFGHJKLMNPRSTVXZ"
_PLATE_BANNED = ("GVD", "KKK", "NSB", "PKK", "PSV", "TBS", "SS", "SD", "PVV", "SGP", "VVD")
_PLATE_SIDECODES = (
    "XX-99-XX",
    "XX-XX-99",
    "99-XX-XX",
    "99-XXX-9",
    "9-XXX-99",
    "XX-999-X",
    "X-999-XX",
    "XXX-99-X",
)
_AREA_2 = (
    "10",
    "13",
    "15",
    "20",
    "23",
    "24",
    "26",
    "30",
    "33",
    "35",
    "36",
    "38",
    "40",
    "43",
    "45",
    "46",
    "50",
    "53",
    "55",
    "58",
    "70",
    "71",
    "72",
    "73",
    "74",
    "75",
    "76",
    "77",
    "78",
    "79",
)
_AREA_3 = (
    "111",
    "113",
    "162",
    "172",
    "180",
    "226",
    "251",
    "294",
    "313",
    "314",
    "320",
    "341",
    "342",
    "413",
    "416",
    "475",
    "478",
    "481",
    "488",
    "495",
    "513",
    "521",
    "546",
    "561",
    "591",
    "592",
    "594",
    "598",
)


# --------------------------------------------------------------------------
# Ground-truth records
# --------------------------------------------------------------------------


@dataclass(frozen=True)
class Occurrence:
    """One personal value as written in an object, with its canonical form."""

    entity_type: str
    canonical: str
    written: str


@dataclass(frozen=True)
class Lookalike:
    """A value that resembles an entity but must not be reported.

    ``entity_type`` is what a careless detector would call it; ``variants``
    are the canonical forms such a detector could produce (so a report of the
    look-alike can be recognised by fingerprint alone).
    """

    kind: str
    entity_type: str
    written: str
    variants: tuple[str, ...]


@dataclass
class ObjectTruth:
    """What one scanned object (a file or an archive member) contains."""

    kind: str
    clean: bool
    occurrences: list[Occurrence] = field(default_factory=list)
    lookalikes: list[Lookalike] = field(default_factory=list)

    @property
    def expected(self) -> frozenset[tuple[str, str]]:
        return frozenset((o.entity_type, o.canonical) for o in self.occurrences)


@dataclass
class GroundTruth:
    """Exact truth for a generated share.

    ``expected`` maps every object path relative to the share root (archive
    members as ``outer.zip!/inner.txt``) to the set of ``(entity_type,
    canonical_value)`` a correct scanner reports; ``clean`` lists the objects
    that must yield nothing at all.
    """

    root: Path
    seed: int
    n_files: int
    objects: dict[str, ObjectTruth]
    expected: dict[str, frozenset[tuple[str, str]]] = field(init=False)
    clean: list[str] = field(init=False)

    def __post_init__(self) -> None:
        self.expected = {p: o.expected for p, o in self.objects.items()}
        self.clean = sorted(p for p, o in self.objects.items() if o.clean)

    def fingerprints(self, key: bytes) -> dict[str, frozenset[tuple[str, str]]]:
        """``expected`` with each canonical value replaced by its HMAC fingerprint."""
        return {
            path: frozenset((t, fingerprint(key, c)) for t, c in values)
            for path, values in self.expected.items()
        }

    def written_forms(self) -> dict[str, str]:
        """Every raw form of every value (written and canonical) -> its entity type."""
        forms: dict[str, str] = {}
        for obj in self.objects.values():
            for occ in obj.occurrences:
                forms[occ.written] = occ.entity_type
                forms[occ.canonical] = occ.entity_type
        return forms

    def summary(self) -> dict[str, dict[str, int]]:
        """Counts per file kind, per entity type (distinct per object) and look-alike kind."""
        kinds = Counter(o.kind for o in self.objects.values())
        types: Counter[str] = Counter()
        looks: Counter[str] = Counter()
        for obj in self.objects.values():
            types.update(t for t, _ in obj.expected)
            looks.update(la.kind for la in obj.lookalikes)
        return {
            "objects_per_kind": dict(sorted(kinds.items())),
            "values_per_type": {t: types.get(t, 0) for t in ENTITY_TYPES},
            "lookalikes_per_kind": dict(sorted(looks.items())),
            "totals": {
                "files": self.n_files,
                "objects": len(self.objects),
                "clean_objects": len(self.clean),
                "values": sum(types.values()),
            },
        }


def fingerprint(key: bytes, canonical: str) -> str:
    """The contract's fingerprint: hex HMAC-SHA256(key, canonical.encode())."""
    return hmac.new(key, canonical.encode("utf-8"), hashlib.sha256).hexdigest()


# --------------------------------------------------------------------------
# Value generators
# --------------------------------------------------------------------------


def _ascii_fold(text: str) -> str:
    folded = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    return "".join(ch for ch in folded.lower() if ch.isalnum())


def bsn_is_valid(digits: str) -> bool:
    """The elfproef, written out so the generator does not trust one library."""
    if len(digits) != 9 or not digits.isdigit() or digits == "000000000":
        return False
    total = sum(int(d) * w for d, w in zip(digits[:8], range(9, 1, -1), strict=True))
    return (total - int(digits[8])) % 11 == 0


def _nl_phone_valid(text: str) -> bool:
    try:
        return phonenumbers.is_valid_number(phonenumbers.parse(text, "NL"))
    except phonenumbers.NumberParseException:
        return False


class Values:
    """Seeded generators for every value type and every look-alike.

    One instance owns one ``random.Random`` and one Faker; the same seed and
    the same call sequence give the same values.
    """

    def __init__(self, seed: int) -> None:
        self.rng = random.Random(seed)
        self.faker = Faker("nl_NL")
        self.faker.seed_instance(seed)

    # -- people and places (not scored, but they make the text realistic) --

    def person(self) -> tuple[str, str]:
        """(first name, last name incl. tussenvoegsel) from Faker nl_NL."""
        while True:
            last = self.faker.last_name()
            if "," not in last and len(last) > 1:
                return self.faker.first_name(), last

    def street(self) -> str:
        return self.faker.street_name()

    def city(self) -> str:
        return self.faker.city()

    def house_number(self) -> str:
        number = str(self.rng.randint(1, 250))
        return number + self.rng.choice(("", "", "", "", "a", "b", "-2", " bis"))

    # -- scored values: each returns an Occurrence --

    def bsn(self, form: str | None = None, allow_leading_zero: bool = False) -> Occurrence:
        """A valid BSN written plain, ``1234.56.782`` or ``123 456 782``.

        ``allow_leading_zero`` permits one leading zero (never two): stored as a
        number it becomes the 8-digit form that the contract pads back to 9.
        """
        while True:
            first = self.rng.randint(0 if allow_leading_zero else 1, 9)
            head = [first] + [self.rng.randint(0, 9) for _ in range(7)]
            if head[0] == 0 and head[1] == 0:
                continue
            check = sum(d * w for d, w in zip(head, range(9, 1, -1), strict=True)) % 11
            if check == 10:
                continue
            digits = "".join(map(str, head)) + str(check)
            if digits in _SUPPRESSED or not bsn_is_valid(digits):
                continue
            break
        form = form or self.rng.choice(("plain", "plain", "dotted", "spaced"))
        written = {
            "plain": digits,
            "dotted": f"{digits[:4]}.{digits[4:6]}.{digits[6:]}",
            "spaced": f"{digits[:3]} {digits[3:6]} {digits[6:]}",
        }[form]
        return Occurrence("NL_BSN", digits, written)

    def iban(self, grouped: bool | None = None) -> Occurrence:
        """An NL IBAN with a fictitious bank code and a computed mod-97 check."""
        bank = "".join(self.rng.choice(string.ascii_uppercase) for _ in range(4))
        while bank in _REAL_BANK_CODES:
            bank = "".join(self.rng.choice(string.ascii_uppercase) for _ in range(4))
        account = "".join(self.rng.choice(string.digits) for _ in range(10))
        check = 98 - int(_iban_numeric(bank + account + "NL00")) % 97
        compact = f"NL{check:02d}{bank}{account}"
        if grouped is None:
            grouped = self.rng.random() < 0.5
        written = " ".join(compact[i : i + 4] for i in range(0, 18, 4)) if grouped else compact
        return Occurrence("IBAN_CODE", compact, written)

    def phone(self, mobile: bool | None = None) -> Occurrence:
        """A valid Dutch mobile or fixed number in one of many notations."""
        if mobile is None:
            mobile = self.rng.random() < 0.6
        while True:
            if mobile:
                sub = self.rng.choice("123458") + "".join(
                    self.rng.choice(string.digits) for _ in range(7)
                )
                written = self.rng.choice(
                    (
                        f"06-{sub}",
                        f"06 {sub[:4]} {sub[4:]}",
                        f"06{sub}",
                        f"+31 6 {sub}",
                        f"+31 (0)6 {sub[:4]} {sub[4:]}",
                        f"0031 6 {sub}",
                        f"+316{sub}",
                        f"06 {sub[:2]} {sub[2:4]} {sub[4:6]} {sub[6:]}",
                    )
                )
            elif self.rng.random() < 0.7:
                area = self.rng.choice(_AREA_2)
                sub = self.rng.choice("23456789") + "".join(
                    self.rng.choice(string.digits) for _ in range(6)
                )
                written = self.rng.choice(
                    (
                        f"0{area}-{sub}",
                        f"0{area} {sub[:3]} {sub[3:]}",
                        f"+31 {area} {sub[:3]} {sub[3:]}",
                        f"+31 (0){area} {sub[:3]} {sub[3:]}",
                        f"0031 {area} {sub}",
                        f"(0{area}) {sub[:3]} {sub[3:5]} {sub[5:]}",
                    )
                )
            else:
                area = self.rng.choice(_AREA_3)
                sub = self.rng.choice("23456789") + "".join(
                    self.rng.choice(string.digits) for _ in range(5)
                )
                written = self.rng.choice(
                    (
                        f"0{area}-{sub}",
                        f"0{area} {sub[:2]} {sub[2:4]} {sub[4:]}",
                        f"+31 {area} {sub}",
                    )
                )
            try:
                number = phonenumbers.parse(written, "NL")
            except phonenumbers.NumberParseException:
                continue
            kind = phonenumbers.number_type(number)
            wanted = (
                phonenumbers.PhoneNumberType.MOBILE
                if mobile
                else phonenumbers.PhoneNumberType.FIXED_LINE
            )
            if phonenumbers.is_valid_number(number) and kind == wanted:
                e164 = phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)
                return Occurrence("PHONE_NUMBER", e164, written)

    def email(self, first: str, last: str) -> Occurrence:
        """A name-based address at a reserved example domain (never a role address)."""
        f, last_ = _ascii_fold(first) or "x", _ascii_fold(last) or "x"
        number = self.rng.randint(1, 99)
        local = self.rng.choice(
            (f"{f}.{last_}", f"{f[0]}.{last_}", f"{f}{last_}", f"{f}.{last_}{number}")
        )
        address = f"{local}@{self.rng.choice(_EMAIL_DOMAINS)}"
        written = address
        if self.rng.random() < 0.2:  # people type capitals; the canonical form is lower case
            capitalised = ".".join(part.capitalize() for part in local.split("."))
            written = capitalised + address[len(local) :]
        return Occurrence("EMAIL_ADDRESS", address.lower(), written)

    def postcode(self, spaced: bool = True) -> Occurrence:
        """A valid postcode: first digit 1-9, never SA/SD/SS."""
        while True:
            letters = "".join(self.rng.choice(string.ascii_uppercase) for _ in range(2))
            if letters not in ("SA", "SD", "SS"):
                break
        digits = str(self.rng.randint(1000, 9999))
        written = f"{digits} {letters}" if spaced else digits + letters
        return Occurrence("NL_POSTCODE", digits + letters, written)

    def birth_date(self) -> dt.date:
        start = dt.date(1935, 1, 1).toordinal()
        return dt.date.fromordinal(self.rng.randint(start, dt.date(2006, 12, 31).toordinal()))

    def dob(self, style: str | None = None, date: dt.date | None = None) -> Occurrence:
        """A date of birth; the caller must put it next to birth context."""
        date = date or self.birth_date()
        style = style or self.rng.choice(("long", "long", "dmy", "dmy", "slash"))
        return Occurrence("DATE_OF_BIRTH", date.isoformat(), format_date(date, style))

    def plate(self) -> Occurrence:
        """A kenteken in sidecode 4-11 with dashes, modern letters only."""
        while True:
            shape = self.rng.choice(_PLATE_SIDECODES)
            written = "".join(
                self.rng.choice(_PLATE_LETTERS)
                if ch == "X"
                else self.rng.choice(string.digits)
                if ch == "9"
                else ch
                for ch in shape
            )
            groups = written.split("-")
            if any(bad in g for g in groups for bad in _PLATE_BANNED):
                continue
            if any(g.isdigit() and g.startswith("0") for g in groups):
                continue
            return Occurrence("NL_LICENSE_PLATE", written.replace("-", ""), written)

    def credit_card(self) -> tuple[Occurrence, str]:
        """A Luhn-valid 16-digit Visa or Mastercard number and its brand."""
        while True:
            brand = self.rng.choice(("Visa", "Mastercard"))
            prefix = "4" if brand == "Visa" else "5" + self.rng.choice("12345")
            body = prefix + "".join(self.rng.choice(string.digits) for _ in range(15 - len(prefix)))
            digits = body + luhn.calc_check_digit(body)
            if digits not in _SUPPRESSED and luhn.is_valid(digits):
                break
        written = self.rng.choice(
            (
                " ".join(digits[i : i + 4] for i in range(0, 16, 4)),
                "-".join(digits[i : i + 4] for i in range(0, 16, 4)),
                digits,
            )
        )
        return Occurrence("CREDIT_CARD", digits, written), brand

    def ip(self) -> Occurrence:
        """A global IPv4 (sometimes IPv6) address, written as ``ipaddress`` prints it."""
        while True:
            if self.rng.random() < 0.85:
                addr: ipaddress.IPv4Address | ipaddress.IPv6Address = ipaddress.IPv4Address(
                    self.rng.randint(1 << 24, (224 << 24) - 1)
                )
            else:
                addr = ipaddress.IPv6Address(
                    (0x2A02 << 112) | self.rng.getrandbits(80) << 16 | self.rng.getrandbits(16)
                )
            if addr.is_global:
                text = str(addr)
                return Occurrence("IP_ADDRESS", text, text)

    # -- look-alikes: each returns a Lookalike --

    def not_bsn(self) -> Lookalike:
        """Nine digits that fail the elfproef (and are no valid phone number either)."""
        while True:
            digits = str(self.rng.randint(100_000_000, 999_999_999))
            if not bsn_is_valid(digits) and not _nl_phone_valid(digits):
                return _lookalike("bsn_elfproef_fails", "NL_BSN", digits)

    def invoice_number(self) -> Lookalike:
        """An elfproef-valid nine-digit number; the caller gives it negative context."""
        while True:
            digits = self.bsn(form="plain").canonical
            if not _nl_phone_valid(digits):
                return _lookalike("bsn_negative_context", "NL_BSN", digits)

    def bad_iban(self) -> Lookalike:
        """An NL IBAN-shaped string whose mod-97 check fails."""
        while True:
            good = self.iban(grouped=False).canonical
            check = (int(good[2:4]) + self.rng.randint(1, 96)) % 100
            candidate = f"NL{check:02d}{good[4:]}"
            if not std_iban.is_valid(candidate):
                written = (
                    " ".join(candidate[i : i + 4] for i in range(0, 18, 4))
                    if self.rng.random() < 0.5
                    else candidate
                )
                return _lookalike("iban_check_fails", "IBAN_CODE", written, candidate)

    def bad_card(self) -> Lookalike:
        """Sixteen digits with a Visa/Mastercard prefix that fail Luhn."""
        while True:
            digits = self.rng.choice(("4", "51", "52", "53", "54", "55"))
            digits += "".join(self.rng.choice(string.digits) for _ in range(16 - len(digits)))
            if not luhn.is_valid(digits):
                written = " ".join(digits[i : i + 4] for i in range(0, 16, 4))
                if self.rng.random() < 0.5:
                    written = digits
                return _lookalike("luhn_fails", "CREDIT_CARD", written)

    def year_word(self, word: str) -> Lookalike:
        """``2019 de``: a year and a Dutch word that a sloppy postcode regex takes."""
        year = str(self.rng.randint(1990, 2025))
        return _lookalike("year_then_word", "NL_POSTCODE", f"{year} {word}", year + word.upper())

    def plain_date(self, style: str | None = None, historic: bool = False) -> Lookalike:
        """A date without birth context (meeting, invoice, or a historic event)."""
        if historic:
            date = dt.date(
                self.rng.randint(1945, 2000), self.rng.randint(1, 12), self.rng.randint(1, 28)
            )
        else:
            start = dt.date(2024, 1, 1).toordinal()
            date = dt.date.fromordinal(self.rng.randint(start, REFERENCE_DATE.toordinal()))
        style = style or self.rng.choice(("long", "dmy", "slash"))
        return _lookalike(
            "date_without_birth_context",
            "DATE_OF_BIRTH",
            format_date(date, style),
            date.isoformat(),
        )

    def version(self) -> Lookalike:
        """``versie 10.2.3.4``: a version string that is also a valid IPv4 address."""
        parts = [
            self.rng.randint(1, 20),
            self.rng.randint(0, 30),
            self.rng.randint(0, 30),
            self.rng.randint(0, 99),
        ]
        text = ".".join(map(str, parts))
        return _lookalike("version_number", "IP_ADDRESS", text, text)

    # -- dates that are not personal data --

    def letter_date(self) -> Lookalike:
        return self.plain_date(style="long")


def _iban_numeric(text: str) -> str:
    return "".join(str(int(ch, 36)) for ch in text)


def _lookalike(
    kind: str,
    entity_type: str,
    written: str,
    canonical: str | None = None,
) -> Lookalike:
    """A look-alike with every canonical form a detector could emit for it.

    Besides its own ``canonical`` (default: its digits) that is the digits
    and the E.164 reading, because phone recognizers take dates and case
    numbers for telephone numbers.
    """
    digits = "".join(ch for ch in written if ch.isdigit())
    variants = [canonical or digits, digits]
    try:
        number = phonenumbers.parse(written, "NL")
        variants.append(phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164))
    except phonenumbers.NumberParseException:
        pass
    return Lookalike(kind, entity_type, written, tuple(dict.fromkeys(v for v in variants if v)))


def format_date(date: dt.date, style: str) -> str:
    """A Dutch date notation: ``long`` 12 maart 1985, ``dmy`` 12-03-1985,
    ``slash`` 12/03/1985, ``iso`` 1985-03-12."""
    if style == "long":
        return f"{date.day} {MONTHS[date.month - 1]} {date.year}"
    if style == "dmy":
        return date.strftime("%d-%m-%Y")
    if style == "slash":
        return date.strftime("%d/%m/%Y")
    return date.isoformat()


# --------------------------------------------------------------------------
# Documents: paragraphs with recorded values
# --------------------------------------------------------------------------


class Doc:
    """A document under construction: paragraphs, an optional table, and the
    truth about every value put into it."""

    def __init__(self, kind: str, clean: bool = False) -> None:
        self.truth = ObjectTruth(kind=kind, clean=clean)
        self.paragraphs: list[str] = []
        self.table: list[tuple[str, str]] = []
        self.table_at = 0  # the table goes before this paragraph

    def put(self, occ: Occurrence) -> str:
        if self.truth.clean:
            raise ValueError("a clean document cannot hold personal values")
        self.truth.occurrences.append(occ)
        return occ.written

    def look(self, la: Lookalike) -> str:
        self.truth.lookalikes.append(la)
        return la.written

    def para(self, text: str = "") -> None:
        self.paragraphs.append(text)

    def protected(self) -> list[str]:
        """Written forms that a line wrap must never split."""
        forms = [o.written for o in self.truth.occurrences]
        forms += [la.written for la in self.truth.lookalikes]
        return sorted(set(forms), key=len, reverse=True)

    def lines(self, width: int) -> list[str]:
        """The text as wrapped lines; table rows become ``label: value`` lines."""
        keep = self.protected()
        out: list[str] = []
        paragraphs = list(self.paragraphs)
        if self.table:
            rows = [f"{label}: {value}" for label, value in self.table]
            paragraphs[self.table_at : self.table_at] = [*rows, ""]
        for para in paragraphs:
            out.extend(wrap(para, width, keep) if para else [""])
        return out


def wrap(text: str, width: int, keep: Iterable[str]) -> list[str]:
    """Wrap at spaces, but never inside a value (spaces there become NBSP first)."""
    nbsp = "\u00a0"
    for form in keep:
        if " " in form:
            text = text.replace(form, form.replace(" ", nbsp))
    lines = textwrap.wrap(text, width, break_long_words=False, break_on_hyphens=False)
    return [line.replace(nbsp, " ") for line in lines] or [""]


# Sentences with context; {v} is the value.  Kept free of other identifiers.
_FACTS: dict[str, tuple[str, ...]] = {
    "NL_BSN": (
        "Uw burgerservicenummer (BSN) is {v}.",
        "BSN: {v}",
        "Wij hebben uw gegevens gecontroleerd aan de hand van uw BSN {v}.",
        "Het burgerservicenummer van de aanvrager is {v}.",
        "Uw aanvraag is geregistreerd op burgerservicenummer {v}.",
    ),
    "IBAN_CODE": (
        "Wij maken het bedrag over op rekeningnummer {v} t.n.v. {name}.",
        "IBAN: {v}",
        "Het bedrag wordt binnen tien werkdagen gestort op IBAN {v}.",
        "Wilt u het bedrag overmaken naar IBAN {v} onder vermelding van het kenmerk?",
    ),
    "PHONE_NUMBER": (
        "U kunt ons bereiken op telefoonnummer {v}.",
        "Telefoon: {v}",
        "Wij hebben u gebeld op {v}, maar kregen geen gehoor.",
        "Bel voor vragen met uw contactpersoon op {v}.",
    ),
    "EMAIL_ADDRESS": (
        "E-mail: {v}",
        "Wij sturen de bevestiging naar {v}.",
        "U kunt uw reactie mailen naar {v}.",
        "Uw e-mailadres {v} is aan uw dossier toegevoegd.",
    ),
    "DATE_OF_BIRTH": (
        "Geboortedatum: {v}",
        "De aanvrager is geboren op {v}.",
        "{name} (geb. {v}) staat ingeschreven op dit adres.",
        "Volgens de basisregistratie bent u geboren op {v}.",
    ),
    "NL_LICENSE_PLATE": (
        "Het voertuig met kenteken {v} stond zonder geldig parkeerrecht geparkeerd.",
        "Kenteken: {v}",
        "De parkeervergunning geldt voor het voertuig met kenteken {v}.",
        "Wij hebben het kenteken {v} in ons systeem geregistreerd.",
    ),
    "CREDIT_CARD": (
        "De betaling met creditcard {v} is niet gelukt.",
        "Kaartnummer ({brand}): {v}",
        "U betaalde met uw {brand} creditcard {v}.",
        "Creditcardnummer: {v}",
    ),
    "IP_ADDRESS": (
        "Op uw account is ingelogd vanaf IP-adres {v}.",
        "IP-adres: {v}",
        "Het verdachte verkeer kwam van IP-adres {v}.",
        "Wij zagen inlogpogingen vanaf het IP-adres {v}.",
    ),
}

_THEMES: tuple[tuple[str, str, tuple[str, ...]], ...] = (
    (
        "Gemeente Lindeveen",
        "Besluit op uw aanvraag bijzondere bijstand",
        ("NL_BSN", "IBAN_CODE", "DATE_OF_BIRTH"),
    ),
    (
        "Parkeerbeheer Westerhaven",
        "Naheffingsaanslag parkeerbelasting",
        ("NL_LICENSE_PLATE", "IBAN_CODE"),
    ),
    (
        "Zorggroep De Linde",
        "Uw aanvraag voor ondersteuning thuis",
        ("NL_BSN", "DATE_OF_BIRTH", "PHONE_NUMBER"),
    ),
    (
        "Webwinkel Voorbeeld B.V.",
        "Mislukte betaling van uw bestelling",
        ("CREDIT_CARD", "EMAIL_ADDRESS"),
    ),
    (
        "Woningstichting Het Anker",
        "Melding van een beveiligingsincident",
        ("IP_ADDRESS", "EMAIL_ADDRESS", "PHONE_NUMBER"),
    ),
    (
        "Gemeente Voorbeeldstad",
        "Bevestiging van uw verhuizing",
        ("NL_BSN", "DATE_OF_BIRTH", "EMAIL_ADDRESS"),
    ),
)

_LETTER_FILLER = (
    "Wij hebben uw aanvraag in goede orde ontvangen.",
    "Hieronder leest u wat dit voor u betekent.",
    "Wij vragen u de gegevens in deze brief te controleren.",
    "Klopt er iets niet, laat het ons dan binnen zes weken weten.",
    "U hoeft verder niets te doen.",
    "Bewaar deze brief goed bij uw administratie.",
    "Wij nemen uw verzoek binnen acht weken in behandeling.",
    "Bent u het niet eens met dit besluit, dan kunt u binnen zes weken bezwaar maken.",
    "Meer informatie vindt u op onze website.",
)

# Neutral prose for clean texts: no names, places, addresses or special categories.
_CLEAN_FILLER = (
    "Het college wil de komende jaren fors investeren in veilige fietsroutes.",
    "De bibliotheek verlengt haar openingstijden op zaterdag tot vijf uur.",
    "Volgens de begroting stijgen de kosten voor onderhoud van wegen met vier procent.",
    "Het nieuwe zaaksysteem moet de afhandeling van aanvragen sneller maken.",
    "De raad vroeg om een evaluatie van het afvalbeleid na het eerste jaar.",
    "Bewoners kunnen tot het einde van de maand reageren op het ontwerpplan.",
    "Het sportpark krijgt een nieuwe kunstgrasmat en ledverlichting.",
    "De werkzaamheden aan de rotonde duren naar verwachting drie weken.",
    "Ruim tweehonderd vrijwilligers hielpen mee bij de landelijke opschoondag.",
    "Het energieloket gaf dit jaar meer dan duizend adviezen over isolatie.",
    "De subsidieregeling voor groene daken wordt met twee jaar verlengd.",
    "Het bestuur besloot de vergaderstukken voortaan alleen digitaal te verspreiden.",
    "De nieuwe parkeerapp werkt inmiddels in alle wijken.",
    "Er komen extra laadpalen bij de parkeergarage in het centrum.",
)


def _fact(doc: Doc, values: Values, entity_type: str, name: str) -> str:
    """One sentence holding one value of ``entity_type`` with its context."""
    template = values.rng.choice(_FACTS[entity_type])
    occ, brand = _make(values, entity_type, name)
    return template.format(v=doc.put(occ), name=name, brand=brand)


def _address_lines(doc: Doc, values: Values) -> list[str]:
    street = f"{values.street()} {values.house_number()}"
    postcode = doc.put(values.postcode())
    city = values.city()
    if values.rng.random() < 0.5:
        city = city.upper()
    return [street, f"{postcode} {city}"]


# --------------------------------------------------------------------------
# Document builders (one per kind of content)
# --------------------------------------------------------------------------


def letter_doc(
    values: Values,
    kind: str,
    use_table: bool = False,
    theme: int | None = None,
    extra_types: tuple[str, ...] | None = None,
) -> Doc:
    """A letter from a fictitious organisation with 2-5 values and an address.

    ``theme`` picks one of ``_THEMES`` (bijstand, parkeren, zorg, betaling,
    incident, verhuizing) and ``extra_types`` the values beyond the theme's;
    by default both are drawn at random.
    """
    rng = values.rng
    doc = Doc(kind)
    org, subject, core = _THEMES[theme] if theme is not None else rng.choice(_THEMES)
    first, last = values.person()
    name = f"{first} {last}"
    extra = [t for t in ENTITY_TYPES if t not in core and t != "NL_POSTCODE"]
    if extra_types is None:
        extra_types = tuple(rng.sample(extra, rng.randint(0, 2)))
    facts = list(core) + list(extra_types)
    rng.shuffle(facts)
    salutation = rng.choice(("heer", "mevrouw"))

    doc.para(org)
    doc.para()
    for line in [
        ("De heer " if salutation == "heer" else "Mevrouw ") + name,
        *_address_lines(doc, values),
    ]:
        doc.para(line)
    doc.para()
    doc.para(f"Datum: {doc.look(values.letter_date())}")
    doc.para(f"Ons kenmerk: Z/{rng.randint(24, 25)}/{rng.randint(100000, 999999)}")
    doc.para(f"Onderwerp: {subject}")
    doc.para()
    surname = last[0].upper() + last[1:]
    doc.para(f"Geachte {'heer' if salutation == 'heer' else 'mevrouw'} {surname},")
    doc.para()
    if use_table:
        labels = {
            "NL_BSN": "BSN",
            "IBAN_CODE": "IBAN",
            "PHONE_NUMBER": "Telefoon",
            "EMAIL_ADDRESS": "E-mail",
            "DATE_OF_BIRTH": "Geboortedatum",
            "NL_LICENSE_PLATE": "Kenteken",
            "CREDIT_CARD": "Creditcardnummer",
            "IP_ADDRESS": "IP-adres",
        }
        tabled, facts = facts[:2], facts[2:]
        doc.table_at = len(doc.paragraphs)
        for t in tabled:
            occ, _ = _make(values, t, name)
            doc.table.append((labels[t], doc.put(occ)))
    sentences = [_fact(doc, values, t, name) for t in facts]
    labelled = [s for s in sentences if not s.endswith((".", "?"))]
    body = [rng.choice(_LETTER_FILLER)]
    body += [s for s in sentences if s.endswith((".", "?"))]
    body.append(rng.choice(_LETTER_FILLER))
    doc.para(" ".join(body))
    doc.para()
    if labelled:
        for line in labelled:
            doc.para(line)
        doc.para()
    doc.para("Heeft u vragen over deze brief? Neem dan contact met ons op.")
    doc.para()
    doc.para("Met vriendelijke groet,")
    doc.para()
    sender_first, sender_last = values.person()
    doc.para(f"{sender_first} {sender_last}")
    doc.para(
        rng.choice(
            (
                "Teamleider Publiekszaken",
                "Medewerker Klantcontact",
                "Afdeling Financien",
                "Consulent Werk en Inkomen",
            )
        )
    )
    return doc


def _make(values: Values, entity_type: str, name: str) -> tuple[Occurrence, str]:
    """A value of ``entity_type`` for the person ``name``, and the card brand if any."""
    if entity_type == "CREDIT_CARD":
        return values.credit_card()
    if entity_type == "EMAIL_ADDRESS":
        first, last = name.split(" ", 1)
        return values.email(first, last), ""
    makers: dict[str, Callable[[], Occurrence]] = {
        "NL_BSN": values.bsn,
        "IBAN_CODE": values.iban,
        "PHONE_NUMBER": values.phone,
        "DATE_OF_BIRTH": values.dob,
        "NL_LICENSE_PLATE": values.plate,
        "IP_ADDRESS": values.ip,
    }
    return makers[entity_type](), ""


def hr_note_doc(values: Values) -> Doc:
    """An HR conversation report in Markdown with a block of personal details."""
    rng = values.rng
    doc = Doc("hr_note_md")
    first, last = values.person()
    street, place = _address_lines(doc, values)
    doc.para(f"# Gespreksverslag {rng.choice(('functioneringsgesprek', 'voortgangsgesprek'))}")
    doc.para()
    details = [
        f"**Datum gesprek:** {doc.look(values.plain_date(style='dmy'))}",
        f"**Medewerker:** {first} {last}",
        f"**Personeelsnummer:** P-{rng.randint(10000, 99999)}",
        f"**BSN:** {doc.put(values.bsn())}",
        f"**Geboortedatum:** {doc.put(values.dob())}",
        f"**Adres:** {street}, {place}",
        f"**Telefoon:** {doc.put(values.phone())}",
        f"**E-mail:** {doc.put(values.email(first, last))}",
    ]
    for line in details:
        doc.para(line + "  ")
    doc.para()
    doc.para("## Verslag")
    doc.para()
    doc.para(
        f"{first} geeft aan dat het werk goed bevalt. De werkdruk is in het afgelopen "
        "kwartaal gedaald. Er zijn afspraken gemaakt over opleiding en thuiswerken."
    )
    extras = []
    if rng.random() < 0.5:
        extras.append(f"- Salaris wordt voortaan overgemaakt op IBAN {doc.put(values.iban())}.")
    if rng.random() < 0.4:
        extras.append(f"- Leaseauto met kenteken {doc.put(values.plate())} wordt ingeleverd.")
    if rng.random() < 0.3:
        extras.append(f"- Thuiswerkplek gekoppeld aan IP-adres {doc.put(values.ip())}.")
    if rng.random() < 0.2:
        card, brand = values.credit_card()
        extras.append(f"- Zakelijke {brand} creditcard {doc.put(card)} is geblokkeerd.")
    doc.para()
    doc.para("## Afspraken")
    doc.para()
    doc.para("- Volgend gesprek over drie maanden.")
    for line in extras:
        doc.para(line)
    return doc


@dataclass
class TableDoc:
    """Tabular content: a header and rows of cell values (str, int or date)."""

    truth: ObjectTruth
    header: list[str]
    rows: list[list[str | int | dt.date]]


def register_table(
    values: Values,
    kind: str,
    rows: int,
    dob_style: str = "dmy",
    columns: tuple[str, ...] | None = None,
) -> TableDoc:
    """A register extract (``bsn;naam;geboortedatum;iban;...``)."""
    columns = columns or (
        "bsn",
        "naam",
        "geboortedatum",
        "iban",
        "telefoon",
        "email",
        "straat",
        "huisnummer",
        "postcode",
        "woonplaats",
    )
    truth = ObjectTruth(kind=kind, clean=False)
    table = TableDoc(truth, list(columns), [])
    for _ in range(rows):
        first, last = values.person()
        row: list[str | int | dt.date] = []
        for col in columns:
            occ: Occurrence | None = None
            if col == "bsn":
                occ = values.bsn(form="plain")
            elif col == "naam":
                row.append(f"{first} {last}")
            elif col == "geboortedatum":
                occ = values.dob(style=dob_style)
            elif col == "iban":
                occ = values.iban(grouped=False)
            elif col == "telefoon":
                occ = values.phone()
            elif col == "email":
                occ = values.email(first, last)
            elif col == "straat":
                row.append(values.street())
            elif col == "huisnummer":
                row.append(values.house_number())
            elif col == "postcode":
                occ = values.postcode(spaced=values.rng.random() < 0.5)
            elif col == "woonplaats":
                row.append(values.city())
            elif col == "kenteken":
                occ = values.plate()
            else:
                raise ValueError(col)
            if occ is not None:
                truth.occurrences.append(occ)
                row.append(occ.written)
        table.rows.append(row)
    return table


def veld1_table(values: Values, rows: int) -> TableDoc:
    """A CSV whose only personal column has the meaningless header ``veld1``."""
    truth = ObjectTruth(kind="register_csv_veld1", clean=False)
    table = TableDoc(truth, ["veld1", "veld2", "veld3"], [])
    for _ in range(rows):
        occ = values.bsn(form="plain")
        truth.occurrences.append(occ)
        amount = f"{values.rng.randint(1, 999)},{values.rng.randint(0, 99):02d}"
        table.rows.append([occ.written, values.rng.choice(("A", "B", "C", "N")), amount])
    return table


def sheet_table(values: Values, kind: str, rows: int) -> TableDoc:
    """A client list for a spreadsheet: BSN as a number, DOB as a date cell."""
    truth = ObjectTruth(kind=kind, clean=False)
    header = ["bsn", "naam", "geboortedatum", "telefoon", "iban", "postcode", "woonplaats"]
    table = TableDoc(truth, header, [])
    for _ in range(rows):
        first, last = values.person()
        bsn = values.bsn(form="plain", allow_leading_zero=values.rng.random() < 0.15)
        as_number = int(bsn.canonical)
        truth.occurrences.append(Occurrence("NL_BSN", bsn.canonical, str(as_number)))
        birth = values.birth_date()
        truth.occurrences.append(Occurrence("DATE_OF_BIRTH", birth.isoformat(), birth.isoformat()))
        phone, iban = values.phone(), values.iban(grouped=False)
        postcode = values.postcode()
        truth.occurrences += [phone, iban, postcode]
        table.rows.append(
            [
                as_number,
                f"{first} {last}",
                birth,
                phone.written,
                iban.written,
                postcode.written,
                values.city(),
            ]
        )
    return table


def ods_table(values: Values, rows: int) -> TableDoc:
    """An ODS sheet of cells as text: BSN, name, DOB, e-mail and kenteken."""
    return register_table(
        values, "sheet_ods", rows, columns=("bsn", "naam", "geboortedatum", "email", "kenteken")
    )


def jsonl_lines(values: Values, rows: int) -> tuple[ObjectTruth, list[str]]:
    """JSON lines: either register records or a login log with IP addresses."""
    truth = ObjectTruth(kind="register_jsonl", clean=False)
    lines: list[str] = []
    log_style = values.rng.random() < 0.4
    for i in range(rows):
        first, last = values.person()
        if log_style:
            email, ip = values.email(first, last), values.ip()
            when = dt.datetime(2025, 3, 1, 8, 0) + dt.timedelta(minutes=7 * i)
            truth.occurrences += [email, ip]
            record: dict[str, str | int] = {
                "tijdstip": when.isoformat(),
                "gebruiker": email.written,
                "ip_adres": ip.written,
                "actie": values.rng.choice(("login", "logout", "export")),
            }
        else:
            bsn, dob, phone = values.bsn(form="plain"), values.dob(style="iso"), values.phone()
            postcode = values.postcode()
            truth.occurrences += [bsn, dob, phone, postcode]
            record = {
                "bsn": bsn.written,
                "naam": f"{first} {last}",
                "geboortedatum": dob.written,
                "telefoon": phone.written,
                "postcode": postcode.written,
                "huisnummer": values.house_number(),
            }
        lines.append(json.dumps(record, ensure_ascii=False))
    return truth, lines


@dataclass
class Mail:
    truth: ObjectTruth
    message: EmailMessage


def mail_message(values: Values) -> Mail:
    """An e-mail with a quoted reply and a signature with telephone numbers.

    Every address in the headers also appears in the body, so a scanner that
    reads headers and one that reads only the body must report the same set.
    """
    rng = values.rng
    doc = Doc("mail_eml")
    s_first, s_last = values.person()
    r_first, r_last = values.person()
    sender = values.email(s_first, s_last)
    recipient = values.email(r_first, r_last)
    sent = dt.datetime(
        2025,
        rng.randint(1, 5),
        rng.randint(1, 28),
        rng.randint(8, 17),
        rng.randint(0, 59),
        tzinfo=dt.timezone(dt.timedelta(hours=1)),
    )
    body = [f"Beste {r_first},", ""]
    facts = rng.sample(
        ["NL_BSN", "IBAN_CODE", "DATE_OF_BIRTH", "NL_LICENSE_PLATE", "IP_ADDRESS", "CREDIT_CARD"],
        rng.randint(1, 2),
    )
    body.append("Zoals besproken stuur ik je de gegevens voor het dossier.")
    body += [_fact(doc, values, t, f"{r_first} {r_last}") for t in facts]
    body += [
        "",
        "Met vriendelijke groet,",
        "",
        f"{s_first} {s_last}",
        rng.choice(("Consulent Werk en Inkomen", "Medewerker Burgerzaken")),
        f"T: {doc.put(values.phone(mobile=False))}",
        f"M: {doc.put(values.phone(mobile=True))}",
        f"E: {doc.put(sender)}",
        "",
    ]
    quoted_date = values.plain_date(style="long")
    body.append(f"Op {doc.look(quoted_date)} schreef {r_first} {r_last} <{doc.put(recipient)}>:")
    body.append("> Kunt u mij laten weten welke gegevens u nog nodig heeft?")
    msg = EmailMessage()
    msg["From"] = f"{s_first} {s_last} <{sender.written}>"
    msg["To"] = f"{r_first} {r_last} <{recipient.written}>"
    msg["Subject"] = rng.choice(("Re: uw aanvraag", "Re: gegevens dossier", "Re: vraag"))
    msg["Date"] = format_datetime(sent)
    msg.set_content("\n".join(body) + "\n")
    return Mail(doc.truth, msg)


def news_doc(values: Values, kind: str, filler: int = 6) -> Doc:
    """Clean: a news item with years-before-words, dates and a version number.

    ``filler`` sentences of plain prose pad it to the length of a real
    article or policy note; most of a real share is such prose.
    """
    rng = values.rng
    doc = Doc(kind, clean=True)
    doc.para(
        rng.choice(
            (
                "Gemeente investeert in fietsroutes",
                "Nieuwe app voor parkeren",
                "Raad stemt in met begroting",
            )
        )
    )
    doc.para(f"JAARVERSLAG {doc.look(values.year_word('EN'))} VOORUITBLIK")
    doc.para()
    sentences = [rng.choice(_CLEAN_FILLER) for _ in range(filler)]
    year = doc.look(values.year_word("de"))
    sentences.insert(1, f"Nadat in {year} regels veranderden, steeg het aantal aanvragen.")
    sentences.insert(3, f"De raad besprak het voorstel op {doc.look(values.plain_date())}.")
    sentences.insert(5, f"De app is inmiddels bijgewerkt naar versie {doc.look(values.version())}.")
    sentences.append(
        f"De regeling is van kracht sinds {doc.look(values.plain_date(historic=True))}."
    )
    for start in range(0, len(sentences), 5):
        doc.para(" ".join(sentences[start : start + 5]))
        doc.para()
    return doc


def meeting_doc(values: Values) -> Doc:
    """Clean: meeting minutes with case numbers, dates and version numbers."""
    rng = values.rng
    doc = Doc("clean_meeting_md", clean=True)
    doc.para(f"# Notulen werkoverleg {doc.look(values.plain_date(style='dmy'))}")
    doc.para()
    doc.para("Aanwezig: de voorzitter, de secretaris en vier leden van het team.")
    doc.para()
    doc.para("## Besproken")
    doc.para()
    doc.para(f"- {rng.choice(_CLEAN_FILLER)}")
    doc.para(f"- Dossiernummer {doc.look(values.not_bsn())} is afgesloten.")
    doc.para(f"- Zaaknummer {doc.look(values.invoice_number())} wacht op een besluit.")
    doc.para(f"- Het zaaksysteem draait sinds vorige week op versie {doc.look(values.version())}.")
    year = doc.look(values.year_word("op"))
    doc.para(f"- Staat sinds {year} de agenda: de digitalisering van het archief.")
    doc.para()
    doc.para("## Actiepunten")
    doc.para()
    doc.para(f"- Evaluatie plannen voor {doc.look(values.plain_date(style='long'))}.")
    doc.para(f"- {rng.choice(_CLEAN_FILLER)}")
    return doc


def invoice_doc(values: Values, kind: str) -> Doc:
    """Clean: an invoice with an elfproef-valid invoice number, a bad IBAN and a
    Luhn-failing transaction number."""
    rng = values.rng
    doc = Doc(kind, clean=True)
    doc.para("FACTUUR")
    doc.para()
    doc.para(f"Factuurnummer: {doc.look(values.invoice_number())}")
    doc.para(f"Factuurdatum: {doc.look(values.plain_date(style='dmy'))}")
    doc.para(f"Vervaldatum: {doc.look(values.plain_date(style='dmy'))}")
    doc.para(f"Klantnummer: {doc.look(values.not_bsn())}")
    doc.para()
    total = 0
    for item in rng.sample(
        (
            "Licentie zaaksysteem",
            "Onderhoudscontract",
            "Training medewerkers",
            "Hosting",
            "Advieswerkzaamheden",
            "Drukwerk",
        ),
        3,
    ):
        amount = rng.randint(100, 5000)
        total += amount
        doc.para(f"{item}: EUR {amount},00")
    doc.para(f"Totaal: EUR {total},00")
    doc.para()
    doc.para(
        f"Gelieve te betalen op rekeningnummer {doc.look(values.bad_iban())} "
        "onder vermelding van het factuurnummer."
    )
    doc.para(f"Transactiereferentie: {doc.look(values.bad_card())}")
    doc.para(f"Geleverde software: versie {doc.look(values.version())}")
    return doc


# --------------------------------------------------------------------------
# Writers: Doc / TableDoc -> bytes
# --------------------------------------------------------------------------

_FIXED_TIME = dt.datetime(2025, 3, 1, 12, 0, 0)


_MODIFIED = re.compile(rb"(<dcterms:modified[^>]*>)[^<]*(</dcterms:modified>)")


def _repack(data: bytes) -> bytes:
    """Rewrite a zip container (docx, xlsx, odt, ods) with fixed member times and
    a fixed "modified" property, so the same seed gives the same bytes; member
    order and compression are kept."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w") as dst:
        for info in src.infolist():
            content = src.read(info)
            if info.filename == "docProps/core.xml":
                content = _MODIFIED.sub(rb"\g<1>2025-03-01T12:00:00Z\g<2>", content)
            fixed = zipfile.ZipInfo(info.filename, date_time=(2025, 3, 1, 12, 0, 0))
            fixed.compress_type = info.compress_type
            fixed.external_attr = info.external_attr
            dst.writestr(fixed, content)
    return out.getvalue()


def write_txt(doc: Doc, legacy: bool = False) -> bytes:
    """Plain text; ``legacy`` gives Windows-1252 with CRLF as old shares have."""
    text = "\n".join(doc.lines(80)) + "\n"
    if legacy:
        return text.replace("\n", "\r\n").encode("cp1252", errors="replace")
    return text.encode("utf-8")


def write_md(doc: Doc) -> bytes:
    return ("\n".join(doc.paragraphs) + "\n").encode("utf-8")


def write_docx(doc: Doc) -> bytes:
    from docx import Document

    document = Document()
    document.core_properties.created = _FIXED_TIME
    document.core_properties.modified = _FIXED_TIME
    document.core_properties.author = "datawacht sharegen"
    for i, para in enumerate(doc.paragraphs):
        if i == doc.table_at and doc.table:
            table = document.add_table(rows=0, cols=2)
            for label, value in doc.table:
                cells = table.add_row().cells
                cells[0].text = label
                cells[1].text = value
        document.add_paragraph(para)
    buf = io.BytesIO()
    document.save(buf)
    return _repack(buf.getvalue())


def _latin1(text: str) -> str:
    """fpdf2 core fonts only know latin-1: transliterate everything else."""
    if all(ord(ch) < 256 for ch in text):
        return text
    folded = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in folded if ord(ch) < 256 and not unicodedata.combining(ch))


def write_pdf(doc: Doc) -> bytes:
    from fpdf import FPDF
    from fpdf.enums import XPos, YPos

    pdf = FPDF(format="A4")
    pdf.set_creation_date(_FIXED_TIME.replace(tzinfo=dt.UTC))
    pdf.set_creator("datawacht sharegen")
    pdf.set_auto_page_break(auto=True, margin=15)
    pdf.add_page()
    pdf.set_font("Helvetica", size=10)
    for line in doc.lines(90):
        pdf.cell(0, 5, text=_latin1(line), new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    return bytes(pdf.output())


def write_odt(doc: Doc) -> bytes:
    from odf import teletype
    from odf.opendocument import OpenDocumentText
    from odf.text import P

    document = OpenDocumentText()
    for line in doc.lines(10_000):
        para = P()
        teletype.addTextToElement(para, line)
        document.text.addElement(para)
    buf = io.BytesIO()
    document.write(buf)
    return _repack(buf.getvalue())


def write_csv(table: TableDoc) -> bytes:
    lines = [";".join(table.header)]
    lines += [";".join(str(v) for v in row) for row in table.rows]
    return ("\n".join(lines) + "\n").encode("utf-8")


def write_xlsx(table: TableDoc, sheet: str = "Clienten") -> bytes:
    from openpyxl import Workbook

    wb = Workbook()
    wb.properties.created = _FIXED_TIME
    wb.properties.modified = _FIXED_TIME
    ws = wb.active
    ws.title = sheet
    ws.append(table.header)
    for row in table.rows:
        ws.append(row)
    for cell in ws["C"][1:]:
        cell.number_format = "DD-MM-YYYY"
    buf = io.BytesIO()
    wb.save(buf)
    return _repack(buf.getvalue())


def write_ods(table: TableDoc, sheet: str = "Register") -> bytes:
    from odf.opendocument import OpenDocumentSpreadsheet
    from odf.table import Table, TableCell, TableRow
    from odf.text import P

    document = OpenDocumentSpreadsheet()
    ods = Table(name=sheet)
    for row in [table.header, *table.rows]:
        tr = TableRow()
        for value in row:
            cell = TableCell(valuetype="string")
            cell.addElement(P(text=str(value)))
            tr.addElement(cell)
        ods.addElement(tr)
    document.spreadsheet.addElement(ods)
    buf = io.BytesIO()
    document.write(buf)
    return _repack(buf.getvalue())


def write_zip(members: list[tuple[str, bytes]]) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members:
            info = zipfile.ZipInfo(name, date_time=(2025, 3, 1, 12, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, data)
    return buf.getvalue()


# --------------------------------------------------------------------------
# Object kinds
# --------------------------------------------------------------------------


@dataclass
class Built:
    """One file to write, and the truth per object it holds (archives: per member)."""

    data: bytes
    objects: dict[str, ObjectTruth]


#: Rows per table and prose sentences per clean text, by size profile.
#: "small" keeps tests fast; "realistic" gives registers of hundreds of rows
#: and articles of a few pages, as on a real share.
SIZES: dict[str, dict[str, tuple[int, int]]] = {
    "small": {"rows": (6, 20), "filler": (6, 6)},
    "realistic": {"rows": (100, 1000), "filler": (20, 150)},
}


def build_object(
    kind: str, relpath: str, values: Values, rows: int | None = None, size: str = "small"
) -> Built:
    """Build one file of ``kind`` to be written at ``relpath`` (relative to the root)."""
    rng = values.rng
    n = rows if rows is not None else rng.randint(*SIZES[size]["rows"])
    filler = rng.randint(*SIZES[size]["filler"])
    if kind == "letter_txt":
        doc = letter_doc(values, kind)
        return Built(write_txt(doc, legacy=rng.random() < 0.15), {relpath: doc.truth})
    if kind == "letter_docx":
        doc = letter_doc(values, kind, use_table=rng.random() < 0.5)
        return Built(write_docx(doc), {relpath: doc.truth})
    if kind == "letter_pdf":
        doc = letter_doc(values, kind)
        return Built(write_pdf(doc), {relpath: doc.truth})
    if kind == "letter_odt":
        doc = letter_doc(values, kind)
        return Built(write_odt(doc), {relpath: doc.truth})
    if kind == "hr_note_md":
        doc = hr_note_doc(values)
        return Built(write_md(doc), {relpath: doc.truth})
    if kind == "register_csv":
        table = register_table(values, kind, n, dob_style=rng.choice(("dmy", "iso")))
        return Built(write_csv(table), {relpath: table.truth})
    if kind == "register_csv_veld1":
        table = veld1_table(values, n)
        return Built(write_csv(table), {relpath: table.truth})
    if kind == "register_jsonl":
        truth, lines = jsonl_lines(values, n)
        return Built(("\n".join(lines) + "\n").encode("utf-8"), {relpath: truth})
    if kind == "sheet_xlsx":
        table = sheet_table(values, kind, n)
        return Built(write_xlsx(table), {relpath: table.truth})
    if kind == "sheet_ods":
        table = ods_table(values, n)
        return Built(write_ods(table), {relpath: table.truth})
    if kind == "mail_eml":
        mail = mail_message(values)
        return Built(bytes(mail.message), {relpath: mail.truth})
    if kind == "archive_zip":
        letter = letter_doc(values, "archive_member_txt")
        table = register_table(values, "archive_member_csv", max(5, n // 2))
        data = write_zip([("brief.txt", write_txt(letter)), ("extract.csv", write_csv(table))])
        return Built(
            data, {f"{relpath}!/brief.txt": letter.truth, f"{relpath}!/extract.csv": table.truth}
        )
    if kind == "clean_news":
        doc = news_doc(values, kind, filler)
        data = write_docx(doc) if relpath.endswith(".docx") else write_txt(doc)
        return Built(data, {relpath: doc.truth})
    if kind == "clean_meeting_md":
        doc = meeting_doc(values)
        return Built(write_md(doc), {relpath: doc.truth})
    if kind == "clean_invoice":
        doc = invoice_doc(values, kind)
        data = write_pdf(doc) if relpath.endswith(".pdf") else write_txt(doc)
        return Built(data, {relpath: doc.truth})
    raise ValueError(f"unknown kind {kind!r}")


#: kind -> (folder, file stem, extensions to alternate between)
LAYOUT: dict[str, tuple[str, str, tuple[str, ...]]] = {
    "letter_txt": ("Post/uitgaand", "brief", (".txt",)),
    "letter_docx": ("Post/uitgaand", "brief", (".docx",)),
    "letter_pdf": ("Burgerzaken/brieven", "besluit", (".pdf",)),
    "letter_odt": ("Burgerzaken/brieven", "brief", (".odt",)),
    "hr_note_md": ("HR/dossiers", "gespreksverslag", (".md",)),
    "register_csv": ("Burgerzaken/extracten", "extract", (".csv",)),
    "register_csv_veld1": ("Burgerzaken/extracten", "export", (".csv",)),
    "register_jsonl": ("ICT/exports", "records", (".jsonl",)),
    "sheet_xlsx": ("Financien/overzichten", "clienten", (".xlsx",)),
    "sheet_ods": ("Financien/overzichten", "register", (".ods",)),
    "mail_eml": ("Mail/archief", "bericht", (".eml",)),
    "archive_zip": ("Archief", "bijlagen", (".zip",)),
    "clean_news": ("Communicatie/nieuws", "nieuwsbericht", (".txt", ".docx")),
    "clean_meeting_md": ("Communicatie/notulen", "notulen", (".md",)),
    "clean_invoice": ("Financien/facturen", "factuur", (".txt", ".pdf")),
}

#: One round of kinds; about 30 % of the files are clean.
DECK: tuple[str, ...] = (
    "letter_txt",
    "letter_txt",
    "letter_docx",
    "letter_pdf",
    "letter_odt",
    "hr_note_md",
    "register_csv",
    "register_csv_veld1",
    "register_jsonl",
    "sheet_xlsx",
    "sheet_ods",
    "mail_eml",
    "mail_eml",
    "archive_zip",
    "clean_news",
    "clean_news",
    "clean_meeting_md",
    "clean_meeting_md",
    "clean_invoice",
    "clean_invoice",
)


def generate_share(root: Path, n_files: int, seed: int = 7, size: str = "small") -> GroundTruth:
    """Write ``n_files`` files under ``root`` and return their exact truth.

    ``size`` picks a profile from ``SIZES``.

    Kinds are dealt from ``DECK`` in shuffled rounds, so any ``n_files >=
    len(DECK)`` contains every kind.  The same ``n_files`` and ``seed`` give
    the same files (for one Faker version).
    """
    root = Path(root)
    root.mkdir(parents=True, exist_ok=True)
    values = Values(seed)
    deck_rng = random.Random(seed + 1)
    objects: dict[str, ObjectTruth] = {}
    seen: Counter[str] = Counter()
    kinds: list[str] = []
    while len(kinds) < n_files:
        round_ = list(DECK)
        deck_rng.shuffle(round_)
        kinds.extend(round_)
    for index, kind in enumerate(kinds[:n_files]):
        folder, stem, extensions = LAYOUT[kind]
        ext = extensions[seen[kind] % len(extensions)]
        seen[kind] += 1
        relpath = f"{folder}/{stem}_{index:05d}{ext}"
        built = build_object(kind, relpath, values, size=size)
        target = root / relpath
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(built.data)
        objects.update(built.objects)
    return GroundTruth(root=root, seed=seed, n_files=n_files, objects=objects)


# --------------------------------------------------------------------------
# Scoring (shared by the end-to-end test and the benchmark)
# --------------------------------------------------------------------------


@dataclass
class TypeScore:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float | None:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else None

    @property
    def recall(self) -> float | None:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else None

    @property
    def f1(self) -> float | None:
        p, r = self.precision or 0.0, self.recall or 0.0
        if self.tp + self.fp + self.fn == 0:
            return None
        return 2 * p * r / (p + r) if p + r else 0.0

    def as_dict(self) -> dict[str, float | int | None]:
        return {
            "tp": self.tp,
            "fp": self.fp,
            "fn": self.fn,
            "precision": self.precision,
            "recall": self.recall,
            "f1": self.f1,
        }


@dataclass
class Score:
    """Per-type and micro scores over fingerprints per object, plus the
    precision signals that per-type scores hide."""

    per_type: dict[str, TypeScore]
    micro: TypeScore
    clean_findings: int
    clean_objects_with_findings: int
    clean_findings_by_type: dict[str, int]
    lookalikes_reported: dict[str, int]
    unknown_path_findings: int
    other_type_findings: int

    def as_dict(self) -> dict[str, object]:
        return {
            "per_type": {t: s.as_dict() for t, s in self.per_type.items()},
            "micro": self.micro.as_dict(),
            "clean_findings": self.clean_findings,
            "clean_objects_with_findings": self.clean_objects_with_findings,
            "clean_findings_by_type": self.clean_findings_by_type,
            "lookalikes_reported": self.lookalikes_reported,
            "unknown_path_findings": self.unknown_path_findings,
            "other_type_findings": self.other_type_findings,
        }


def score(truth: GroundTruth, found: Mapping[str, Iterable[tuple[str, str]]], key: bytes) -> Score:
    """Score ``found`` (object path -> {(entity_type, fingerprint)}) against the truth.

    A value counts once per object.  Findings of types outside the nine are
    ignored for precision/recall (names come later) but counted; findings on
    paths the share does not have count as false positives of their type.
    """
    expected = truth.fingerprints(key)
    per_type = {t: TypeScore() for t in ENTITY_TYPES}
    clean = set(truth.clean)
    clean_findings = clean_objects = unknown = other = 0
    looks: Counter[str] = Counter()
    clean_types: Counter[str] = Counter()
    for path, items in found.items():
        got = set(items)
        if path in clean and got:
            clean_findings += len(got)
            clean_objects += 1
            clean_types.update(t for t, _ in got)
        if path not in expected:
            unknown += len(got)
        want = expected.get(path, frozenset())
        for entity_type, fp in got:
            if entity_type not in per_type:
                other += 1
                continue
            if (entity_type, fp) in want:
                per_type[entity_type].tp += 1
            else:
                per_type[entity_type].fp += 1
        obj = truth.objects.get(path)
        if obj is not None:
            fps = {fp for _, fp in got}
            for la in obj.lookalikes:
                if any(fingerprint(key, v) in fps for v in la.variants):
                    looks[la.kind] += 1
    for path, want in expected.items():
        got = set(found.get(path, ()))
        for entity_type, fp in want:
            if (entity_type, fp) not in got:
                per_type[entity_type].fn += 1
    micro = TypeScore(
        tp=sum(s.tp for s in per_type.values()),
        fp=sum(s.fp for s in per_type.values()),
        fn=sum(s.fn for s in per_type.values()),
    )
    all_kinds = sorted({la.kind for o in truth.objects.values() for la in o.lookalikes})
    return Score(
        per_type,
        micro,
        clean_findings,
        clean_objects,
        dict(clean_types.most_common()),
        {k: looks.get(k, 0) for k in all_kinds},
        unknown,
        other,
    )


def relative_path(reported: str, roots: Iterable[Path]) -> str:
    """Map a scanner's object path (absolute, maybe ``outer.zip!/inner``) to the
    share-relative key used by ``GroundTruth``."""
    outer, sep, inner = reported.partition("!/")
    for root in roots:
        prefix = str(root).rstrip("/") + "/"
        if outer.startswith(prefix):
            return outer[len(prefix) :] + sep + inner
    return reported


def load_jsonl_findings(path: Path, roots: Iterable[Path]) -> dict[str, set[tuple[str, str]]]:
    """Read ``datawacht scan --format jsonl`` output into path -> {(type, fingerprint)}."""
    roots = list(roots)
    found: dict[str, set[tuple[str, str]]] = {}
    with path.open(encoding="utf-8") as handle:
        for line in handle:
            if not line.strip():
                continue
            record = json.loads(line)
            key = relative_path(str(record["path"]), roots)
            found.setdefault(key, set()).add((record["entity_type"], record["fingerprint"]))
    return found
