"""Properties of canonical forms, masks, fingerprints and the Dutch recognizers.

Why: the example-based tests (tests/unit/detect) pin the documented cases;
these state the rules that must hold for *every* value, with values that
hypothesis generates and python-stdnum (or phonenumbers) confirms:

* canonical forms: canonicalize is idempotent, and every written form of a
  value (dotted, grouped, spaced, lower case, another date notation) has the
  canonical form of the plain value, so one value has one fingerprint;
* masks show at most the last four characters of the value (plus the part the
  contract makes public: an IBAN's country, a phone's country code, an
  e-mail's domain, a name's initial);
* fingerprints are stable, keyed (another key, another fingerprint) and
  never contain the value;
* recognizers find every valid value in a sentence with its label, do not
  report it as that entity once one digit is changed and the check digits
  fail, and never raise on arbitrary text (long digit runs, any Unicode, the
  lone surrogates a JSON "\\ud800" escape produces once the JSON extractor
  has read them), nor hand the pipeline a span whose canonical form fails
  with anything but ValueError.

Assertions compare through booleans, so a failure names the case; hypothesis
prints the falsifying example, which is generated and fictitious.
"""

from __future__ import annotations

import datetime as dt
import ipaddress
import json

import phonenumbers
import pytest
from hypothesis import assume, given
from hypothesis import strategies as st
from stdnum import iban, luhn
from stdnum.nl import bsn, btw, onderwijsnummer, postcode

from datawacht.detect.canonical import canonicalize, mask
from datawacht.detect.engine import Detector
from datawacht.detect.fingerprint import Protector, fingerprint
from datawacht.extract.registry import extract
from datawacht.limits import Limits
from datawacht.records import Cell, Column, Table
from fuzz.harness import bounded, fuzz_settings

DIGIT = st.integers(min_value=0, max_value=9)
ELFPROEF_WEIGHTS = (9, 8, 7, 6, 5, 4, 3, 2)
MONTHS = ("januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus",
          "september", "oktober", "november", "december")  # fmt: skip

PROPERTY_EXAMPLES = 40
RECOGNIZER_EXAMPLES = 15


def _digits(draw: st.DrawFn, count: int) -> list[int]:
    return draw(st.lists(DIGIT, min_size=count, max_size=count))


# -- generators of valid values (checked against python-stdnum / phonenumbers) --------


@st.composite
def bsns(draw: st.DrawFn) -> str:
    """Nine digits passing the elfproef, leading zero included."""
    digits = _digits(draw, 8)
    check = sum(w * d for w, d in zip(ELFPROEF_WEIGHTS, digits, strict=True)) % 11
    assume(check < 10 and any(digits))
    value = "".join(map(str, digits)) + str(check)
    assert bsn.is_valid(value)
    return value


@st.composite
def ibans(draw: st.DrawFn) -> str:
    """A Dutch IBAN (bank code of four letters, ten digits) or a German one."""
    country = draw(st.sampled_from(["NL", "DE"]))
    if country == "NL":
        bban = draw(st.text("ABCDEFGHIJKLMNOPQRSTUVWXYZ", min_size=4, max_size=4))
        bban += "".join(map(str, _digits(draw, 10)))
    else:
        bban = "".join(map(str, _digits(draw, 18)))
    numeric = "".join(str(int(c, 36)) for c in bban + country + "00")
    value = f"{country}{98 - int(numeric) % 97:02d}{bban}"
    assume(iban.is_valid(value))
    return value


@st.composite
def onderwijsnummers(draw: st.DrawFn) -> str:
    digits = [1, 0, *_digits(draw, 6)]
    total = sum((9 - i) * d for i, d in enumerate(digits))
    check = (total - 5) % 11
    assume(check < 10)
    value = "".join(map(str, digits)) + str(check)
    assert onderwijsnummer.is_valid(value)
    return value


@st.composite
def visa_cards(draw: st.DrawFn) -> str:
    body = "4" + "".join(map(str, _digits(draw, 14)))
    value = body + luhn.calc_check_digit(body)
    assert luhn.is_valid(value)
    return value


@st.composite
def vat_numbers(draw: st.DrawFn) -> str:
    """NL + nine digits + B + two digits, the nine digits passing the elfproef."""
    suffix = draw(st.integers(min_value=1, max_value=99))
    value = f"NL{draw(bsns())}B{suffix:02d}"
    assume(btw.is_valid(value))
    return value


@st.composite
def postcodes(draw: st.DrawFn) -> str:
    number = draw(st.integers(min_value=1000, max_value=9999))
    letters = draw(st.text("ABCDEFGHIJKLMNOPQRSTUVWXYZ", min_size=2, max_size=2))
    value = f"{number}{letters}"
    assume(postcode.is_valid(value))
    return value


@st.composite
def mobile_numbers(draw: st.DrawFn) -> str:
    """A Dutch mobile number as written nationally: 06 and eight digits."""
    value = (
        "06"
        + str(draw(st.integers(min_value=1, max_value=5)))
        + "".join(map(str, _digits(draw, 7)))
    )
    parsed = phonenumbers.parse(value, "NL")
    assume(phonenumbers.number_type(parsed) == phonenumbers.PhoneNumberType.MOBILE)
    assume(phonenumbers.is_valid_number(parsed))
    return value


birth_dates = st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2024, 12, 31))
ip_addresses = st.one_of(st.ip_addresses(v=4), st.ip_addresses(v=6)).filter(
    lambda address: not address.is_unspecified
)


# -- written forms of one value ------------------------------------------------------


def _grouped(value: str, sizes: tuple[int, ...], separator: str) -> str:
    parts, start = [], 0
    for size in sizes:
        parts.append(value[start : start + size])
        start += size
    return separator.join(parts)


def _fours(value: str, separator: str = " ") -> str:
    return separator.join(value[i : i + 4] for i in range(0, len(value), 4))


def _phone_forms(national: str) -> list[str]:
    subscriber = national[1:]
    return [
        f"{national[:2]}-{national[2:]}",
        f"{national[:2]} {national[2:6]} {national[6:]}",
        f"+31 {subscriber[0]} {subscriber[1:]}",
        f"+31{subscriber}",
        f"0031 {subscriber}",
        f"+31 (0){subscriber}",
    ]


def _date_forms(date: dt.date) -> list[str]:
    return [
        f"{date.day:02d}-{date.month:02d}-{date.year}",
        f"{date.day}/{date.month}/{date.year}",
        f"{date.day:02d}.{date.month:02d}.{date.year}",
        f"{date.day} {MONTHS[date.month - 1]} {date.year}",
        date.isoformat(),
    ]


FORMS = {
    "NL_BSN": (
        bsns(),
        lambda v: [
            f"{v[:4]}.{v[4:6]}.{v[6:]}",
            _grouped(v, (3, 3, 3), " "),
            _grouped(v, (3, 3, 3), "-"),
        ],
    ),
    "IBAN_CODE": (ibans(), lambda v: [_fours(v), v.lower(), _fours(v).lower()]),
    "NL_ONDERWIJSNUMMER": (onderwijsnummers(), lambda v: [f"{v[:4]}.{v[4:6]}.{v[6:]}"]),
    "CREDIT_CARD": (visa_cards(), lambda v: [_fours(v), _fours(v, "-")]),
    "NL_VAT": (
        vat_numbers(),
        lambda v: [v[2:], f"NL {v[2:6]}.{v[6:8]}.{v[8:11]}.{v[11:]}", v.lower()],
    ),
    "NL_POSTCODE": (postcodes(), lambda v: [f"{v[:4]} {v[4:]}", v.lower(), f"NL-{v}"]),
    "PHONE_NUMBER": (mobile_numbers(), _phone_forms),
    "DATE_OF_BIRTH": (
        birth_dates.map(dt.date.isoformat),
        lambda v: _date_forms(dt.date.fromisoformat(v)),
    ),
    "IP_ADDRESS": (
        ip_addresses.map(str),
        lambda v: [ipaddress.ip_address(v).exploded, ipaddress.ip_address(v).exploded.upper()],
    ),
}
"""Entity type -> (valid plain values, written forms of one value)."""


@pytest.mark.parametrize("entity_type", sorted(FORMS))
@fuzz_settings(PROPERTY_EXAMPLES)
@given(data=st.data())
def test_written_forms_share_the_canonical_form(entity_type: str, data: st.DataObject) -> None:
    """Every notation of one value is one value: one canonical form, and that
    form is a fixed point of canonicalize."""
    values, forms = FORMS[entity_type]
    plain = data.draw(values, label="value")
    canonical = canonicalize(entity_type, plain)
    assert canonicalize(entity_type, canonical) == canonical, "canonicalize is not idempotent"
    for form in forms(plain):
        same = canonicalize(entity_type, form) == canonical
        assert same, f"{entity_type}: a written form has another canonical form"


TEXT_TYPES = ["EMAIL_ADDRESS", "PERSON", "LOCATION", "ADDRESS", "SPECIAL_HEALTH",
              "NL_ID_DOCUMENT", "NL_KVK", "NL_LICENSE_PLATE", "NL_A_NUMMER", "NL_RSIN"]  # fmt: skip


@pytest.mark.parametrize("entity_type", TEXT_TYPES + sorted(FORMS))
@fuzz_settings(PROPERTY_EXAMPLES)
@given(raw=st.text(min_size=1, max_size=40))
def test_canonicalize_is_idempotent_or_a_value_error(entity_type: str, raw: str) -> None:
    """Any text: a canonical form that canonicalizes to itself, or ValueError
    (the only exception the pipeline expects from a recognizer's span)."""
    try:
        canonical = canonicalize(entity_type, raw)
    except ValueError:
        return
    assert canonicalize(entity_type, canonical) == canonical, "not idempotent"


# -- masks ---------------------------------------------------------------------------


def _visible(masked: str, canonical: str) -> str:
    """The characters of the value a same-length mask shows (separators left out)."""
    return "".join(m for m, c in zip(masked, canonical, strict=True) if m == c and c.isalnum())


def _shows_only_the_tail(masked: str, canonical: str, limit: int = 4) -> bool:
    """Stars up to the last `limit` value characters, which it may show."""
    if len(masked) != len(canonical):
        return False
    shown = _visible(masked, canonical)
    tail = "".join(c for c in canonical if c.isalnum())[-limit:]
    return len(shown) <= limit and tail.endswith(shown)


@pytest.mark.parametrize("entity_type", sorted(FORMS))
@fuzz_settings(PROPERTY_EXAMPLES)
@given(data=st.data())
def test_mask_shows_at_most_the_last_four(entity_type: str, data: st.DataObject) -> None:
    """Whatever the value, its mask shows no more than the contract allows."""
    values, _ = FORMS[entity_type]
    canonical = canonicalize(entity_type, data.draw(values, label="value"))
    masked = mask(entity_type, canonical)
    # An IP address shows its last group: all of "::1" (loopback, no person's).
    assert "*" in masked or entity_type == "IP_ADDRESS", "nothing masked"
    if entity_type == "IBAN_CODE":  # the country is public, then the last four
        ok = masked[:2] == canonical[:2] and _shows_only_the_tail(masked[2:], canonical[2:])
    elif entity_type == "PHONE_NUMBER":  # the country code, then the last three
        code = f"+{phonenumbers.parse(canonical).country_code}"
        rest = canonical.removeprefix(code)
        ok = masked.startswith(code) and _shows_only_the_tail(masked[len(code) :], rest, 3)
    elif entity_type == "DATE_OF_BIRTH":  # the day only
        ok = masked == f"****-**-{canonical[-2:]}"
    else:
        ok = _shows_only_the_tail(masked, canonical)
    assert ok, f"{entity_type}: the mask shows too much"


@fuzz_settings(PROPERTY_EXAMPLES)
@given(
    local=st.from_regex(r"[a-z0-9][a-z0-9._-]{0,20}", fullmatch=True),
    domain=st.sampled_from(["example.nl", "voorbeeld.example.com"]),
)
def test_email_mask_shows_the_initial_and_the_domain_only(local: str, domain: str) -> None:
    masked = mask("EMAIL_ADDRESS", canonicalize("EMAIL_ADDRESS", f"{local}@{domain}"))
    assert masked == f"{local[0]}***@{domain}", "the mask shows more than the initial"


@fuzz_settings(PROPERTY_EXAMPLES)
@given(name=st.text(min_size=1, max_size=40).filter(lambda n: n.strip()))
def test_name_mask_shows_the_initial_only(name: str) -> None:
    canonical = canonicalize("PERSON", name)
    assert mask("PERSON", canonical) == canonical[:1] + "***", "the mask shows more of the name"


# -- fingerprints --------------------------------------------------------------------

KEYS = st.binary(min_size=32, max_size=64)


@pytest.mark.parametrize("entity_type", sorted(FORMS))
@fuzz_settings(PROPERTY_EXAMPLES)
@given(data=st.data(), key=KEYS, bit=st.integers(min_value=0, max_value=7))
def test_fingerprint_is_stable_and_keyed(
    entity_type: str, data: st.DataObject, key: bytes, bit: int
) -> None:
    """Every written form has the plain value's fingerprint under one key;
    another key (here: one bit flipped) gives another fingerprint; the value
    is not in it."""
    other_key = key[:-1] + bytes([key[-1] ^ (1 << bit)])
    values, forms = FORMS[entity_type]
    plain = data.draw(values, label="value")
    protector = Protector(key)
    protected = protector.protect(entity_type, plain)
    assert all(protector.protect(entity_type, f) == protected for f in forms(plain)), "unstable"
    assert protector.protect(entity_type, plain) == protected, "not deterministic"
    canonical = canonicalize(entity_type, plain)
    assert fingerprint(other_key, canonical) != protected.fingerprint, "not keyed"
    assert len(protected.fingerprint) == 64 and canonical not in protected.fingerprint


# -- recognizers ---------------------------------------------------------------------

SENTENCES = {
    "NL_BSN": (bsns(), "Het burgerservicenummer van de aanvrager is {}."),
    "IBAN_CODE": (ibans(), "Graag overmaken op rekeningnummer {} ten name van de aanvrager."),
    "NL_ONDERWIJSNUMMER": (onderwijsnummers(), "Het onderwijsnummer van de leerling is {}."),
    "CREDIT_CARD": (visa_cards().map(_fours), "Betaald met creditcard {}."),
    "NL_VAT": (vat_numbers(), "Ons btw-nummer is {}."),
    "NL_POSTCODE": (postcodes().map(lambda v: f"{v[:4]} {v[4:]}"), "Postcode: {}"),
    "PHONE_NUMBER": (mobile_numbers(), "Bel ons op telefoonnummer {} voor een afspraak."),
}
"""Entity type -> (valid values as written, a sentence with the value's label)."""

CHECKED = ["NL_BSN", "IBAN_CODE", "NL_ONDERWIJSNUMMER", "CREDIT_CARD", "NL_VAT"]
"""Entities with check digits: one changed digit makes the value invalid."""

VALIDATORS = {
    "NL_BSN": bsn.is_valid,
    "IBAN_CODE": iban.is_valid,
    "NL_ONDERWIJSNUMMER": onderwijsnummer.is_valid,
    "CREDIT_CARD": luhn.is_valid,
    "NL_VAT": btw.is_valid,
}


def _spans(detector: Detector, text: str, entity_type: str) -> list[tuple[int, int]]:
    with bounded(f"detect {entity_type}"):
        hits = detector.detect_text(text)
    return [(hit.start, hit.end) for hit in hits if hit.entity_type == entity_type]


@pytest.mark.parametrize("entity_type", sorted(SENTENCES))
@fuzz_settings(RECOGNIZER_EXAMPLES)
@given(data=st.data())
def test_valid_value_with_its_label_is_found(
    detector: Detector, entity_type: str, data: st.DataObject
) -> None:
    values, sentence = SENTENCES[entity_type]
    value = data.draw(values, label="value")
    text = sentence.format(value)
    start = text.index(value)
    found = (start, start + len(value)) in _spans(detector, text, entity_type)
    assert found, f"{entity_type}: a valid value next to its label is not found"


@pytest.mark.parametrize("entity_type", CHECKED)
@fuzz_settings(RECOGNIZER_EXAMPLES)
@given(data=st.data(), position=st.integers(min_value=0), change=st.integers(1, 9))
def test_value_with_a_broken_check_digit_is_not_that_entity(
    detector: Detector, entity_type: str, data: st.DataObject, position: int, change: int
) -> None:
    values, sentence = SENTENCES[entity_type]
    value = data.draw(values, label="value")
    digits = [i for i, c in enumerate(value) if c.isdigit()]
    at = digits[position % len(digits)]
    broken = value[:at] + str((int(value[at]) + change) % 10) + value[at + 1 :]
    assume(not VALIDATORS[entity_type](broken))
    text = sentence.format(broken)
    start, end = text.index(broken), text.index(broken) + len(broken)
    overlapping = [s for s in _spans(detector, text, entity_type) if s[0] < end and start < s[1]]
    assert not overlapping, f"{entity_type}: a value failing its check digits is reported"


def _long_digit_runs() -> st.SearchStrategy[str]:
    lengths = st.sampled_from([9, 10, 12, 16, 19, 34, 500, 10_001, 80_001])
    return lengths.map(lambda n: ("1234567890" * (n // 10 + 1))[:n])


TEXT_PIECES = st.one_of(
    st.text(max_size=200),
    st.text(
        st.characters(categories=["Nd", "No", "Zs", "Po", "Pd", "Lu", "Mn", "Cf"]), max_size=60
    ),
    st.sampled_from(["BSN ", "IBAN: ", "tel. ", "@", "geboren op ", "Dhr. ", "\n", " NL"]),
    st.sampled_from(["\\ud800", "\\udfff", "\\ud83d\\ude00", "\ufffd", "\U0001f600"]),
    _long_digit_runs(),
)
"""Text as extractors deliver it: any Unicode scalar values, so no lone
surrogates (the extractors replace them: `test_json_strings_with_lone_surrogates_*`;
detection replaces them too: `test_detection_takes_lone_surrogates_*`), but
their escaped forms."""


@fuzz_settings(PROPERTY_EXAMPLES)
@given(pieces=st.lists(TEXT_PIECES, min_size=1, max_size=8))
def test_detection_never_raises_on_arbitrary_text(detector: Detector, pieces: list[str]) -> None:
    """Arbitrary text (any Unicode, long digit runs, labels) gives hits
    inside the text whose canonical form either exists or is a ValueError,
    which is all the pipeline catches when it protects a hit."""
    text = "".join(pieces)
    protector = Protector(b"k" * 32)
    with bounded("detect arbitrary text"):
        hits = detector.detect_text(text)
    for hit in hits:
        assert 0 <= hit.start < hit.end <= len(text), "a hit outside the text"
        try:
            protector.protect(hit.entity_type, text[hit.start : hit.end])
        except ValueError:
            pass


@fuzz_settings(PROPERTY_EXAMPLES)
@given(surrogates=st.lists(st.characters(categories=["Cs"]), min_size=1, max_size=4))
def test_detection_takes_lone_surrogates_and_keeps_offsets(
    detector: Detector, surrogates: list[str]
) -> None:
    """The second line behind the extractors: text with a lone surrogate is
    detected (spaCy raised on it) with hits at their offsets in that text."""
    value = "111222333"  # the published example BSN
    noise = "".join(surrogates)
    text = f"{noise}Uw BSN is {value}.{noise}"
    with bounded("detect text with lone surrogates"):
        hits = detector.detect_text(text)
    assert [text[h.start : h.end] for h in hits if h.entity_type == "NL_BSN"] == [value]


@fuzz_settings(PROPERTY_EXAMPLES)
@given(
    header=st.text(max_size=20),
    cells=st.lists(st.one_of(st.text(max_size=40), TEXT_PIECES), min_size=1, max_size=12),
)
def test_column_detection_never_raises_on_arbitrary_cells(
    detector: Detector, header: str, cells: list[str]
) -> None:
    """Tables come from JSON, SQL and spreadsheets, whose values can hold any
    string: column profiling and cell detection must take them all."""
    column = Column(header, 0, tuple(Cell(row, value) for row, value in enumerate(cells, 2)))
    with bounded("detect arbitrary cells"):
        for cell_hit in detector.detect_table(Table((column,))):
            value = cell_hit.cell.value
            assert 0 <= cell_hit.hit.start < cell_hit.hit.end <= len(value), "hit outside cell"


@fuzz_settings(PROPERTY_EXAMPLES)
@given(
    values=st.lists(
        st.text(st.characters(categories=["Cs", "Nd", "Ll", "Zs", "Po"]), max_size=30),
        min_size=1,
        max_size=6,
    )
)
def test_json_strings_with_lone_surrogates_are_detectable(
    detector: Detector, values: list[str]
) -> None:
    """JSON can escape a lone surrogate ("\\ud800"); what the JSON extractor
    makes of any string must be text that detection takes (spaCy raised on
    lone surrogates, and the object ended as an internal error)."""
    data = "\n".join(json.dumps({f"veld{n}": value}) for n, value in enumerate(values))
    pieces = list(extract("export.jsonl", data.encode(), Limits()))
    with bounded("detect a JSON extract"):
        for table in pieces:
            assert isinstance(table, Table)
            list(detector.detect_table(table))
