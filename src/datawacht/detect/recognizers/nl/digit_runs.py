"""What the recognizers of bare digit numbers share: group edges and look-alike labels.

Eight digits may be a KvK number, an AGB code or a BSN that lost its leading
zero; ten digits may be an A-nummer, a rijbewijsnummer or a V-nummer.  In
"rijbewijs 4012345678, V-nummer 1234567890" the second number follows both
labels, and only the nearer one names it.  Each recognizer of such a number
lists the labels of its look-alikes as negative context, which makes
`base.ContextRules` ("nearest wins") pick the right one.

Telephone labels are negative context for every bare digit run: a mobile
number is ten digits, or eight after `06 `.
"""

from __future__ import annotations

from collections.abc import Mapping

# Digit groups separated by spaces or dashes (`123 456 782`): a space or a
# digit group right before or after means the number is longer.
GROUP_START = r"(?<![\w+])(?<!\d[ .,/-])"
GROUP_END = r"(?![\w])(?![ .,/-]\d)"

PHONE_WORDS = [
    "tel",
    "telefoon",
    "telefoonnummer",
    "telnr",
    "mobiel",
    "mobielnummer",
    "gsm",
    "fax",
    "phone",
    "mobile",
]

# Whole-word matching lets `kvk` match `KvK-nummer` and `KvK:`, so only
# compounds written as one word are listed beside the short label.
EIGHT_DIGIT_LABELS: Mapping[str, list[str]] = {
    "NL_BSN": ["bsn", "burgerservicenummer", "sofinummer"],
    "NL_KVK": ["kvk", "kvknummer", "kamer van koophandel", "handelsregister"],
    "NL_AGB": ["agb", "agbcode", "vektis"],
}

TEN_DIGIT_LABELS: Mapping[str, list[str]] = {
    "NL_A_NUMMER": ["a-nummer", "anummer", "a-nr", "administratienummer"],
    "NL_DRIVING_LICENCE": ["rijbewijs", "rijbewijsnummer", "rijbewijsnr"],
    "NL_V_NUMMER": ["v-nummer", "vnummer", "v-nr", "vreemdelingennummer"],
}


def labels_of_others(family: Mapping[str, list[str]], entity: str) -> list[str]:
    """The labels of every number in `family` except `entity` itself."""
    return [word for other, words in family.items() if other != entity for word in words]
