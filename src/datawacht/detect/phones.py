"""One cached phone-number parse for recognizer, column validation and canonical form.

A phone cell is first validated and then canonicalised to E.164, and
phonenumbers' parser is the most expensive step of both; parsing each
written form once halves the cost of a phone column.
"""

from __future__ import annotations

import functools

import phonenumbers

REGION = "NL"


@functools.lru_cache(maxsize=4096)
def parse_phone(raw: str) -> phonenumbers.PhoneNumber | None:
    """The number as written, read with the Dutch numbering plan; None if unreadable."""
    try:
        return phonenumbers.parse(raw, REGION)
    except phonenumbers.NumberParseException:
        return None
