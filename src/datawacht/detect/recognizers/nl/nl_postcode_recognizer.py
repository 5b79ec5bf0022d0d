"""NL_POSTCODE: Dutch postcodes, `1234 AB` or `1234AB`, never SA, SD or SS.

Case matters: "In 2019 de gemeente" is not a postcode, so the letters must be
capitals (pitfall 9).  Capitals are not enough either: "in 1985 EN 1986" and
"1500 MB" are a year and a file size.  A postcode whose number looks like a
year (1900-2099) or whose letters are a common word or unit is therefore
reported only with address context: a context word before it (`postcode`,
`adres`, ...), a capitalised place name right after it (`2601 DC Delft`) or
a street and house number right before it (`Dorpsstraat 12, 2601 DC`).
Such an address layout also raises the score as a context word would.
A postcode after `Postbus` or `Antwoordnummer` is an organisation's address.
"""

from __future__ import annotations

import regex
from presidio_analyzer import Pattern, RecognizerResult
from stdnum.nl import postcode

from datawacht.detect.recognizers.base import DutchPatternRecognizer, boost_with_context

YEAR_LIKE = range(1900, 2100)
STREET_WINDOW_CHARS = 80
# How the explanation names the evidence of an address layout.
ADDRESS_LAYOUT = "address layout"
# Two capitals that are more often a word, unit or abbreviation than a postcode.
AMBIGUOUS_LETTERS = frozenset(
    {
        "EN", "DE", "IN", "OP", "OF", "TE", "ER", "AN", "AT", "BY", "IS", "IT", "ON",
        "OR", "TO", "UP", "WE", "NO", "SO", "GO", "AM", "PM", "BC", "AD", "NR", "KB",
        "MB", "GB", "TB", "PB", "KM", "CM", "MM", "KG", "MG", "ML", "CL", "DL", "KW",
        "MW", "GW", "KV", "HP", "PK", "CC", "PC", "TV", "CV", "ID", "BV", "NV", "EU",
    }
)  # fmt: skip

_PLACE_AFTER = regex.compile(r"[ \t]{1,3}(?:'[sStT][ -])?(?:[A-Z][a-z]|[A-Z]{3})")
# For a value that also reads as "year + word" an all-caps word after it is
# more often a heading ("JAARVERSLAG 2010 EN VOORUITBLIK") than a place.
_TITLE_CASE_PLACE_AFTER = regex.compile(r"[ \t]{1,3}(?:'[sStT][ -])?[A-Z][a-z]")
_STREET_AND_NUMBER_BEFORE = regex.compile(
    r"[A-Za-z][\w'.-]*[ \t]+\d{1,5}(?:[ \t]?[A-Za-z]{1,2}|[-/]\w{1,4})?[ \t]*,?\s*$"
)


class NlPostcodeRecognizer(DutchPatternRecognizer):
    """Recognize Dutch postcodes, demanding address context where they look like prose."""

    ENTITY = "NL_POSTCODE"
    PATTERNS = [
        Pattern("Postcode", r"(?<![\w.,/-])(?:NL-)?[1-9]\d{3} ?[A-Z]{2}(?![\w])", 0.5),
    ]
    CONTEXT = [
        "postcode",
        "adres",
        "woonadres",
        "postadres",
        "huisadres",
        "bezoekadres",
        "briefadres",
        "straat",
        "huisnummer",
        "woonplaats",
        "woonachtig",
        "verblijfplaats",
        "wonende",
        "address",
        "zip",
        "zip code",
    ]
    NEGATIVE_CONTEXT = ["postbus", "antwoordnummer", "p.o. box"]

    def validate_result(self, pattern_text: str) -> bool | None:
        return None if postcode.is_valid(pattern_text) else False

    def refine(self, text: str, result: RecognizerResult) -> bool:
        """Boost an address layout; without one, drop what could be a year or a word."""
        boosted = result.recognition_metadata.get(RecognizerResult.IS_SCORE_ENHANCED_BY_CONTEXT_KEY)
        if boosted:
            return True
        value = text[result.start : result.end].removeprefix("NL-")
        prose_like = int(value[:4]) in YEAR_LIKE or value[-2:] in AMBIGUOUS_LETTERS
        if _has_address_layout(text, result.start, result.end, prose_like):
            boost_with_context(result, ADDRESS_LAYOUT)
            return True
        return not prose_like


def _has_address_layout(text: str, start: int, end: int, prose_like: bool) -> bool:
    """A capitalised place name right after, or street and number right before."""
    place_after = _TITLE_CASE_PLACE_AFTER if prose_like else _PLACE_AFTER
    if place_after.match(text, end):
        return True
    # The street may stand on the line above, as in an address block.
    own_line = text.rfind("\n", 0, start)
    previous_line = text.rfind("\n", 0, max(own_line, 0)) + 1
    begin = max(previous_line, start - STREET_WINDOW_CHARS)
    return bool(_STREET_AND_NUMBER_BEFORE.search(text, begin, start))
