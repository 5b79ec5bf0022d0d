"""EMAIL_ADDRESS: syntax plus a real public suffix from the offline snapshot.

Facts used (domain reference A2.18): `logo@2x.png` is a file name, role
addresses such as info@ are still addresses (weighting is classification's
business), a double dot in the local part is invalid, a domain needs a TLD.
"""

from __future__ import annotations

import pytest
from faker import Faker

from datawacht.detect.recognizers.nl import NlEmailRecognizer
from datawacht.detect.recognizers.nl.nl_email_recognizer import offline_tld_extractor

ENTITY = "EMAIL_ADDRESS"

_FAKE = Faker("nl_NL")
_FAKE.seed_instance(31)
GENERATED = [_FAKE.email() for _ in range(2)]

FOUND = [
    # name-based address of a municipality
    pytest.param("Mail «j.devries@gemeente-voorbeeld.nl»", id="name-based"),
    # plus addressing
    pytest.param("Cc «p.jansen+dossier@example.org»", id="plus-addressing"),
    # role address: still an address
    pytest.param("Vragen: «info@rijksoverheid.nl»", id="role-address"),
    # generated with Faker nl_NL
    *[pytest.param(f"Van: «{v}»", id=f"faker-{i}") for i, v in enumerate(GENERATED)],
    # mixed case
    pytest.param("E-mail «J.DeVries@Example.NL»", id="mixed-case"),
    # full stop after the address is not part of it
    pytest.param("Stuur het naar «a.bakker@zorg-nl.nl».", id="sentence-end"),
]

NOT_FOUND = [
    # no domain
    pytest.param("Mail jan.devries@ terug", id="no-domain"),
    # consecutive dots in the local part
    pytest.param("Mail jan..devries@example.nl", id="double-dot"),
    # no top-level domain
    pytest.param("Mail jan@example", id="no-tld"),
    # retina image name
    pytest.param("Zie logo@2x.png", id="image-name"),
    # not a public suffix in the offline snapshot
    pytest.param("Mail jan@example.notatld", id="unknown-suffix"),
    # one-letter TLD
    pytest.param("Mail jan@example.c", id="one-letter-tld"),
]


@pytest.mark.parametrize("marked", FOUND)
def test_email_found(detect, marked: str) -> None:
    result = detect(marked, ENTITY)
    assert result.found == result.expected


@pytest.mark.parametrize("marked", NOT_FOUND)
def test_email_not_found(detect, marked: str) -> None:
    assert detect(marked, ENTITY).found == []


def test_reported_without_context(detect) -> None:
    result = detect("Van j.devries@gemeente-voorbeeld.nl", ENTITY)
    assert result.scores and result.scores[0] >= 0.7


def test_suffix_list_is_never_downloaded() -> None:
    """Pitfall 11: no URLs and no cache directory, the bundled snapshot only."""
    extractor = offline_tld_extractor()
    assert tuple(extractor.suffix_list_urls) == ()
    assert extractor.fallback_to_snapshot


@pytest.mark.parametrize(
    ("value", "valid"),
    [
        pytest.param("j.devries@gemeente-voorbeeld.nl", True, id="plain"),
        pytest.param(" info@rijksoverheid.nl ", True, id="padded"),
        pytest.param("jan@example", False, id="no-tld"),
        pytest.param("logo@2x.png", False, id="image-name"),
        pytest.param("mail: jan@example.nl", False, id="label-in-cell"),
    ],
)
def test_validate_value(value: str, valid: bool) -> None:
    assert NlEmailRecognizer().validate_value(value) is valid
