"""IP_ADDRESS: IPv4 and IPv6 checked with ipaddress; versions, sections and OIDs are not IPs.

Facts used (domain reference A2.19): 145.97.39.155, 192.0.2.10 and
2001:db8::1 are valid; 256.1.1.1, 10.0.0 and 2001:db8:::1 are not;
version numbers (versie 10.1.2.3), OIDs and section numbers are traps.
"""

from __future__ import annotations

import pytest
from faker import Faker

from datawacht.detect.recognizers.nl import NlIpRecognizer

ENTITY = "IP_ADDRESS"

_FAKE = Faker("nl_NL")
_FAKE.seed_instance(145)
GENERATED = [_FAKE.ipv4_public() for _ in range(2)]

FOUND = [
    # public IPv4 after the Dutch label
    pytest.param("IP-adres «145.97.39.155»", id="ipv4-keyword"),
    # documentation range: reported, classification weighs it
    pytest.param("Bezoeker «192.0.2.10» logde in", id="documentation-range"),
    # compressed IPv6
    pytest.param("Verbonden via «2001:db8::1».", id="ipv6-compressed"),
    # full IPv6
    pytest.param("Client «2001:0db8:85a3:0000:0000:8a2e:0370:7334»", id="ipv6-full"),
    # private range in a log line
    pytest.param("Verbinding van «10.0.0.1» geweigerd.", id="private"),
    # generated public addresses, no context
    *[pytest.param(f"Bron «{v}»", id=f"faker-{i}") for i, v in enumerate(GENERATED)],
]

NOT_FOUND = [
    # version number
    pytest.param("Versie 10.1.2.3 van de applicatie is uitgerold.", id="version"),
    # the BSN OID: its tail looks like an IPv4 address
    pytest.param("Zie OID 2.16.840.1.113883.2.4.6.3 voor het BSN-veld.", id="oid"),
    # section number in a policy document
    pytest.param("Artikel 2.1.3.4 van de baseline", id="section"),
    # octet above 255
    pytest.param("IP 256.1.1.1", id="octet-too-large"),
    # three octets
    pytest.param("IP 10.0.0", id="three-octets"),
    # invalid IPv6
    pytest.param("IP 2001:db8:::1", id="ipv6-triple-colon"),
    # two groups in code, not an address
    pytest.param("Gebruik a::b in de code", id="scope-operator"),
    # version with a v in front
    pytest.param("Release v10.1.2.3", id="v-prefix"),
    # a time of day
    pytest.param("Om 12:30:45 begon het", id="time"),
    # leading zeros are ambiguous and refused by ipaddress
    pytest.param("IP 192.168.001.001", id="leading-zeros"),
]


@pytest.mark.parametrize("marked", FOUND)
def test_ip_found(detect, marked: str) -> None:
    result = detect(marked, ENTITY)
    assert result.found == result.expected


@pytest.mark.parametrize("marked", NOT_FOUND)
def test_ip_not_found(detect, marked: str) -> None:
    assert detect(marked, ENTITY).found == []


def test_context_raises_score_to_at_least_0_8(detect) -> None:
    assert min(detect("IP-adres 145.97.39.155", ENTITY).scores) >= 0.8


@pytest.mark.parametrize(
    ("value", "valid"),
    [
        pytest.param("145.97.39.155", True, id="ipv4"),
        pytest.param("2001:db8::1", True, id="ipv6"),
        pytest.param("256.1.1.1", False, id="octet-too-large"),
        pytest.param("10.0.0", False, id="three-octets"),
        pytest.param("2001:db8:::1", False, id="ipv6-invalid"),
    ],
)
def test_validate_value(value: str, valid: bool) -> None:
    assert NlIpRecognizer().validate_value(value) is valid
