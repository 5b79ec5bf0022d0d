"""How many distinct people an object is about, counted from fingerprints.

The estimate is the largest number of distinct values over the entity types
that point at one person each (a BSN, an e-mail address, a bank account):
a register of 500 rows with BSN, e-mail and IBAN is about 500 people, not
1,500.  Postcodes, dates of birth and IP addresses are shared by many people
and do not count.
"""

from __future__ import annotations

from collections.abc import Iterable

from datawacht.records import Finding

PERSON_IDENTIFYING = frozenset(
    {
        "NL_BSN",
        "NL_ONDERWIJSNUMMER",
        "NL_A_NUMMER",
        "NL_ID_DOCUMENT",
        "NL_DRIVING_LICENCE",
        "NL_V_NUMMER",
        "IBAN_CODE",
        "CREDIT_CARD",
        "EMAIL_ADDRESS",
        "PHONE_NUMBER",
        "NL_LICENSE_PLATE",
        "PERSON",
    }
)


def estimate_data_subjects(findings: Iterable[Finding]) -> int:
    """Special-category terms are vocabulary, not people, but a reported one
    is always about somebody: such an object is about at least one person."""
    distinct: dict[str, set[str]] = {}
    special = False
    for finding in findings:
        if finding.entity_type in PERSON_IDENTIFYING:
            distinct.setdefault(finding.entity_type, set()).add(finding.fingerprint)
        special = special or finding.entity_type.startswith("SPECIAL_")
    counted = max((len(values) for values in distinct.values()), default=0)
    return max(counted, 1) if special else counted
