"""IP_ADDRESS: IPv4 and IPv6 addresses, checked with `ipaddress`.

Presidio's `IpRecognizer` matches the tail of a dotted OID
(`...113883.2.4.6.3` gives `2.4.6.3`); the IPv4 pattern here refuses a dot or
word character on either side.  Version and section numbers (`versie
10.1.2.3`, `artikel 2.1.3.4`) are negative context.  IPv6 reuses Presidio's
pattern but needs at least three groups, so `a::b` in code is not an address.
Private and documentation ranges are reported too: whether an address is
global is for classification to weigh, not for detection to hide.
"""

from __future__ import annotations

import ipaddress

from presidio_analyzer import Pattern
from presidio_analyzer.predefined_recognizers import IpRecognizer

from datawacht.detect.recognizers.base import REFERENCE_NUMBER_WORDS, DutchPatternRecognizer

_OCTET = r"(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)"
_IPV4 = r"(?<![\w.:])" + rf"(?:{_OCTET}\.){{3}}{_OCTET}" + r"(?![\w:])(?!\.\d)"
_IPV6 = next(p.regex for p in IpRecognizer.PATTERNS if p.name == "IPv6")
MIN_IPV6_GROUPS = 3


class NlIpRecognizer(DutchPatternRecognizer, IpRecognizer):
    """Recognize IP addresses, ignoring version, section and OID numbers."""

    ENTITY = "IP_ADDRESS"
    PATTERNS = [
        Pattern("IPv4", _IPV4, 0.6),
        Pattern("IPv6", _IPV6, 0.6),
    ]
    CONTEXT = [
        "ip",
        "ip-adres",
        "ipadres",
        "ip adres",
        "ip-address",
        "ip address",
        "ipv4",
        "ipv6",
        "client",
        "bezoeker",
        "remote",
        "host",
    ]
    NEGATIVE_CONTEXT = [
        *REFERENCE_NUMBER_WORDS,
        "versie",
        "version",
        "v",
        "v.",
        "release",
        "build",
        "oid",
        "artikel",
        "art.",
        "paragraaf",
        "par.",
        "hoofdstuk",
        "sectie",
        "bijlage",
        "maatregel",
        "control",
    ]

    def validate_result(self, pattern_text: str) -> bool | None:
        try:
            ipaddress.ip_address(pattern_text)
        except ValueError:
            return False
        if ":" in pattern_text and len([g for g in pattern_text.split(":") if g]) < MIN_IPV6_GROUPS:
            return False
        return None
