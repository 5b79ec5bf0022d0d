"""Canonical forms (what a fingerprint is computed over) and masks (what may be shown).

The canonical form makes `1234.56.782`, `123 456 782` and `123456782` one
value, so that the same BSN has the same fingerprint in every file
(contract.md, "Entity types").  The mask is enough for a reviewer to
recognise a value in its document, never enough to reconstruct it: at most
the last four characters stay visible.

This module holds raw values, so it never logs and never puts a value in an
exception message; exceptions from parsers are re-raised without their
message or chained cause.
"""

from __future__ import annotations

import ipaddress
import re
from collections.abc import Callable

import phonenumbers

from datawacht.detect.dates import parse_dutch_date
from datawacht.detect.markings import canonical_marking
from datawacht.detect.phones import parse_phone

PHONE_REGION = "NL"
MAX_VISIBLE = 4
MASK_CHAR = "*"

_NOT_UPPER_ALNUM = re.compile(r"[^0-9A-Z]")
_COUNTRY_CODES = frozenset(str(code) for code in phonenumbers.COUNTRY_CODE_TO_REGION_CODE)


def _digits(raw: str) -> str:
    return "".join(c for c in raw if c.isdigit())


def _bsn(raw: str) -> str:
    digits = _digits(raw)
    return digits.zfill(9) if digits else ""


def _no_whitespace_upper(raw: str) -> str:
    return "".join(raw.split()).upper()


def _phone(raw: str) -> str:
    number = parse_phone(raw)
    if number is None:
        raise ValueError("PHONE_NUMBER value is not a telephone number")
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


def _postcode(raw: str) -> str:
    return _no_whitespace_upper(raw).removeprefix("NL-")


def _date(raw: str) -> str:
    value = parse_dutch_date(raw)
    if value is None:
        raise ValueError("DATE_OF_BIRTH value is not a date in a known notation")
    return value.isoformat()


def _license_plate(raw: str) -> str:
    return _no_whitespace_upper(raw).replace("-", "")


def _upper_alnum(raw: str) -> str:
    return _NOT_UPPER_ALNUM.sub("", raw.upper())


def _vat(raw: str) -> str:
    """With `NL` in front: the omzetbelastingnummer is often written without it."""
    value = _upper_alnum(raw)
    return value if not value or value.startswith("NL") else "NL" + value


def _ip(raw: str) -> str:
    try:
        return str(ipaddress.ip_address(raw.strip()))
    except ValueError:
        raise ValueError("IP_ADDRESS value is not an IP address") from None


def _collapsed_casefold(raw: str) -> str:
    return " ".join(raw.split()).casefold()


def _marking(raw: str) -> str:
    """One value per level: `Dep.V.` and `DEP. VERTROUWELIJK` are `dep. vertrouwelijk`."""
    value = canonical_marking(raw)
    if value is None:
        raise ValueError("CLASSIFICATION_MARKING value is not a known marking")
    return value


_CANONICAL: dict[str, Callable[[str], str]] = {
    "NL_BSN": _bsn,
    "NL_RSIN": _bsn,
    "NL_ONDERWIJSNUMMER": _digits,
    "NL_A_NUMMER": _digits,
    "IBAN_CODE": _no_whitespace_upper,
    "PHONE_NUMBER": _phone,
    "EMAIL_ADDRESS": lambda raw: raw.strip().lower(),
    "NL_POSTCODE": _postcode,
    "DATE_OF_BIRTH": _date,
    "NL_LICENSE_PLATE": _license_plate,
    "NL_ID_DOCUMENT": _upper_alnum,
    "NL_DRIVING_LICENCE": _upper_alnum,
    "NL_V_NUMMER": _upper_alnum,
    "NL_KVK": _upper_alnum,
    "NL_VAT": _vat,
    "NL_BIG": _upper_alnum,
    "NL_AGB": _upper_alnum,
    "CREDIT_CARD": _digits,
    "IP_ADDRESS": _ip,
    "PERSON": _collapsed_casefold,
    "LOCATION": _collapsed_casefold,
    "ADDRESS": _collapsed_casefold,
    "CLASSIFICATION_MARKING": _marking,
}

SPECIAL_PREFIX = "SPECIAL_"
# Shown as found: a marking is a printed stamp, not a value about a person.
MARKING = "CLASSIFICATION_MARKING"


def canonicalize(entity_type: str, raw: str) -> str:
    """The contract's canonical form of a raw matched value.

    Raises ValueError (naming the entity type, never the value) for an
    entity type without a canonical form or a value that cannot be read.
    """
    if entity_type.startswith(SPECIAL_PREFIX):
        return raw.casefold()
    convert = _CANONICAL.get(entity_type)
    if convert is None:
        raise ValueError(f"no canonical form is defined for entity type {entity_type}")
    canonical = convert(raw)
    if not canonical:
        raise ValueError(f"{entity_type} value has no characters that identify it")
    return canonical


def _tail(value: str) -> str:
    """Stars and the last characters: at most four, and never half the value."""
    visible = min(MAX_VISIBLE, max(0, (len(value) - 1) // 2))
    return MASK_CHAR * (len(value) - visible) + value[len(value) - visible :]


def _mask_keeping(value: str, separators: str, visible: int) -> str:
    """Star every character but separators and the last `visible` non-separators."""
    out = []
    remaining = visible
    for char in reversed(value):
        if char in separators:
            out.append(char)
        elif remaining > 0:
            out.append(char)
            remaining -= 1
        else:
            out.append(MASK_CHAR)
    return "".join(reversed(out))


def _mask_iban(value: str) -> str:
    return value[:2] + MASK_CHAR * max(0, len(value) - 2 - MAX_VISIBLE) + value[-MAX_VISIBLE:]


def _mask_email(value: str) -> str:
    local, at, domain = value.rpartition("@")
    if not at or not local:
        return _tail(value)
    return f"{local[0]}{MASK_CHAR * 3}@{domain}"


def _mask_phone(value: str) -> str:
    """The E.164 form with its country code kept: `+31******678`.

    Country codes are prefix-free, so the first one to three digits that
    are one are it; parsing the number again for it cost a phone column
    a third of its time."""
    if value.startswith("+"):
        for length in (1, 2, 3):
            country = value[1 : 1 + length]
            if country in _COUNTRY_CODES:
                rest = value[1 + length :]
                return f"+{country}" + MASK_CHAR * max(0, len(rest) - 3) + rest[-3:]
    return _tail(value)


def _mask_ip(value: str) -> str:
    last_group = re.split(r"[.:]", value)[-1]
    return _mask_keeping(value, ".:", min(MAX_VISIBLE, len(last_group)))


def _mask_name(value: str) -> str:
    return value[:1] + MASK_CHAR * 3


_MASKS: dict[str, Callable[[str], str]] = {
    "IBAN_CODE": _mask_iban,
    "EMAIL_ADDRESS": _mask_email,
    "PHONE_NUMBER": _mask_phone,
    "DATE_OF_BIRTH": lambda v: _mask_keeping(v, "-", 2),
    "IP_ADDRESS": _mask_ip,
    "PERSON": _mask_name,
    "LOCATION": _mask_name,
    "ADDRESS": _mask_name,
}


def mask(entity_type: str, canonical: str) -> str:
    """What a report may show of a canonical value.

    Examples: BSN `*****6782`, IBAN `NL**********4300`, e-mail
    `j***@example.nl`, phone `+31******678`, date `****-**-12`.  A special
    category term (`depressie`) is a lexicon word, not a value about a
    person, and is shown as found; so is a classification marking
    (`stg. geheim`).
    """
    if entity_type.startswith(SPECIAL_PREFIX) or entity_type == MARKING:
        return canonical
    return _MASKS.get(entity_type, _tail)(canonical)
