"""NL_ID_DOCUMENT: passport and identity-card numbers, and the MRZ of an ID copy.

**Document number.**  Nine characters: two letters, six letters or digits,
one digit, never the letter O (`stdnum.nl.identiteitskaartnummer`).  The
number has no check digit and licence keys and product codes share the
shape, so a bare number stays below the reporting threshold until a context
word (`paspoort`, `documentnummer`, `ID-kaart`, ...) raises it.  Capitals
only.

**Machine-readable zone.**  The MRZ printed on a passport (ICAO 9303 TD3: two
lines of 44) or an identity card (TD1: three lines of 30) carries check
digits with weights 7, 3, 1 over the document number, the birth date, the
expiry date and (TD3) the personal number, plus a composite check over all
of them.  When every check passes, chance is ruled out and the text is a
copy of an identity document: that is reported on its own, with the
document number as the span, so the fingerprint equals that of the same
number written elsewhere.  The MRZ is accepted for any issuing state: a
foreign passport copy in a municipal file is as much an ID copy.

**Specimens.**  RvIG's specimen documents carry `SPECI` and a year
(`SPECI2014`), ICAO 9303's examples `L898902C3` and `D23145890`; they are
published, not personal, and never reported.
"""

from __future__ import annotations

import regex
from presidio_analyzer import Pattern, RecognizerResult
from stdnum.nl import identiteitskaartnummer

from datawacht.detect.recognizers.base import REFERENCE_NUMBER_WORDS, DutchPatternRecognizer

DOCUMENT_NUMBER_LENGTH = 9
ICAO_SPECIMENS = frozenset({"L898902C3", "D23145890"})
RVIG_SPECIMEN = regex.compile(r"SPECI\d{4}")

MRZ_WEIGHTS = (7, 3, 1)
FILLER = "<"

_MRZ_START = r"(?<![A-Z0-9<])"
_MRZ_END = r"(?![A-Z0-9<])"
# TD3 line 2: number, check, nationality, birth date, check, sex, expiry date,
# check, personal number, check, composite check.
_TD3_LINE_2 = r"[A-Z0-9<]{9}\d[A-Z<]{3}\d{6}\d[MFX<]\d{6}\d[A-Z0-9<]{14}[\d<]\d"
# TD1 line 1: type, issuing state, number, check, optional data; line 2: birth
# date, check, sex, expiry date, check, nationality, optional data, composite.
_TD1_LINE_1 = r"[ACI][A-Z<][A-Z<]{3}[A-Z0-9<]{9}\d[A-Z0-9<]{15}"
_TD1_LINE_2 = r"\d{6}\d[MFX<]\d{6}\d[A-Z<]{3}[A-Z0-9<]{11}\d"
TD3_LENGTH = 44
TD1_NUMBER_START = 5

MRZ_PASSPORT = "MRZ of a passport (ICAO 9303 TD3, check digits valid)"
MRZ_IDENTITY_CARD = "MRZ of an identity card (ICAO 9303 TD1, check digits valid)"


def mrz_check_digit(field: str) -> int:
    """ICAO 9303: digits count as themselves, A-Z as 10-35, `<` as 0; weights 7, 3, 1."""
    total = 0
    for i, char in enumerate(field):
        value = int(char) if char.isdigit() else 0 if char == FILLER else ord(char) - ord("A") + 10
        total += value * MRZ_WEIGHTS[i % len(MRZ_WEIGHTS)]
    return total % 10


def _checks(field: str, digit: str) -> bool:
    """A check digit; `<` stands for an empty field."""
    if digit == FILLER:
        return not field.strip(FILLER)
    return int(digit) == mrz_check_digit(field)


def _td3_valid(line: str) -> bool:
    return (
        _checks(line[0:9], line[9])
        and _checks(line[13:19], line[19])
        and _checks(line[21:27], line[27])
        and _checks(line[28:42], line[42])
        and _checks(line[0:10] + line[13:20] + line[21:43], line[43])
    )


def _td1_valid(first: str, second: str) -> bool:
    return (
        _checks(first[5:14], first[14])
        and _checks(second[0:6], second[6])
        and _checks(second[8:14], second[14])
        and _checks(first[5:30] + second[0:7] + second[8:15] + second[18:29], second[29])
    )


def _td1_lines(matched: str) -> tuple[str, str]:
    first, second = matched.split("\n")
    return first.rstrip(), second.strip()


def document_number_span(matched: str) -> tuple[int, int]:
    """Where the document number sits in a match of any of the patterns."""
    # TD1 has it after type and issuing state; TD3 line 2 starts with it.
    begin = TD1_NUMBER_START if "\n" in matched else 0
    number = matched[begin : begin + DOCUMENT_NUMBER_LENGTH].rstrip(FILLER)
    return begin, begin + len(number)


def is_specimen(document_number: str) -> bool:
    """A published specimen or example number."""
    return document_number in ICAO_SPECIMENS or bool(RVIG_SPECIMEN.fullmatch(document_number))


class NlIdDocumentRecognizer(DutchPatternRecognizer):
    """Recognize passport and identity-card numbers, and MRZ lines of ID copies."""

    ENTITY = "NL_ID_DOCUMENT"
    PATTERNS = [
        Pattern(
            "Document number (passport or identity card)",
            r"(?<![\w-])[A-NP-Z]{2}[A-NP-Z0-9]{6}\d(?![\w-])",
            0.4,
        ),
        Pattern(MRZ_PASSPORT, _MRZ_START + _TD3_LINE_2 + _MRZ_END, 0.95),
        Pattern(
            MRZ_IDENTITY_CARD,
            _MRZ_START + _TD1_LINE_1 + r"[ \t]*\r?\n[ \t]*" + _TD1_LINE_2 + _MRZ_END,
            0.95,
        ),
    ]
    CONTEXT = [
        "paspoort",
        "paspoortnummer",
        "paspoortnr",
        "documentnummer",
        "documentnr",
        "document nr",
        "doc.nr",
        "doc nr",
        "identiteitskaart",
        "id-kaart",
        "id kaart",
        "idkaart",
        "nik",
        "reisdocument",
        "identiteitsbewijs",
        "id-bewijs",
        "legitimatie",
        "legitimatiebewijs",
        "kopie id",
        "mrz",
        "passport",
        "document number",
        "identity card",
        "id card",
        "travel document",
    ]
    NEGATIVE_CONTEXT = [
        *REFERENCE_NUMBER_WORDS,
        "licentie",
        "licentiecode",
        "licentiesleutel",
        "licence key",
        "license key",
        "productcode",
        "productsleutel",
        "product key",
        "serienummer",
        "serial",
        "activeringscode",
        "artikelcode",
    ]

    def validate_result(self, pattern_text: str) -> bool | None:
        if len(pattern_text) == DOCUMENT_NUMBER_LENGTH:
            valid = identiteitskaartnummer.is_valid(pattern_text)
        elif len(pattern_text) == TD3_LENGTH:
            valid = _td3_valid(pattern_text)
        else:
            valid = _td1_valid(*_td1_lines(pattern_text))
        return None if valid else False

    def invalidate_result(self, pattern_text: str) -> bool | None:
        begin, end = document_number_span(pattern_text)
        return is_specimen(pattern_text[begin:end])

    def refine(self, text: str, result: RecognizerResult) -> bool:
        """Narrow an MRZ match to its document number; an empty number is no hit."""
        begin, end = document_number_span(text[result.start : result.end])
        if begin == end:
            return False
        result.start, result.end = result.start + begin, result.start + end
        return True
