"""NL_LICENSE_PLATE: Dutch kentekens in sidecodes 1-14, with the RDW letter rules.

A kenteken points to its holder through the RDW register, so it is indirect
personal data.  When context is needed:

* dashed, sidecodes 4-14 (`83-GD-FV`, `T-984-HL`, `GBJ-12-K`): the dash
  positions plus the letter rules (no vowels, no C or Q, no banned
  combinations such as SS, SD, PVV) make the shape distinctive, so it is
  reported on its own;
* dashed, sidecodes 1-3 (`AB-12-34`): pre-1978 plates with any letters look
  like article and part numbers, so they need a context word;
* without dashes (`83GDFV`): any six-character code with two to four
  letters fits some sidecode, so these are dropped unless a context word
  (`kenteken`, `voertuig`, `RDW`, ...) stands close before them.

Only capitals are matched (pitfall 9).
"""

from __future__ import annotations

import regex
from presidio_analyzer import Pattern

from datawacht.detect.recognizers.base import REFERENCE_NUMBER_WORDS, DutchPatternRecognizer

# X = letter, 9 = digit; the RDW sidecode table.
SIDECODES = {
    1: "XX-99-99",
    2: "99-99-XX",
    3: "99-XX-99",
    4: "XX-99-XX",
    5: "XX-XX-99",
    6: "99-XX-XX",
    7: "99-XXX-9",
    8: "9-XXX-99",
    9: "XX-999-X",
    10: "X-999-XX",
    11: "XXX-99-X",
    12: "X-99-XXX",
    13: "9-XX-999",
    14: "999-XX-9",
}
MODERN_SIDECODE = 4  # from here on the letter rules apply
MODERN_LETTERS = frozenset("BDFGHJKLMNPRSTVWXZ")
TRAILER_FIRST_LETTER = "O"
BANNED_COMBINATIONS = ("GVD", "KKK", "NSB", "PKK", "PSV", "TBS", "SS", "SD", "PVV", "SGP", "VVD")

_START = r"(?<![\w-])"
_END = r"(?![\w-])"


def _shape_regex(shape: str, dashed: bool) -> str:
    parts = ["[A-Z]" if c == "X" else r"\d" if c == "9" else "-" for c in shape]
    return "".join(p for p in parts if dashed or p != "-")


def _alternation(codes: range, dashed: bool) -> str:
    return "(?:" + "|".join(_shape_regex(SIDECODES[c], dashed) for c in codes) + ")"


def sidecode(value: str) -> int | None:
    """The sidecode whose shape (dashed or undashed) the value has, if any."""
    shape = "".join("X" if c.isalpha() else "9" if c.isdigit() else c for c in value)
    for code, code_shape in SIDECODES.items():
        if shape in (code_shape, code_shape.replace("-", "")):
            return code
    return None


def follows_letter_rules(value: str) -> bool:
    """RDW letter rules for the sidecode of `value` (which must have one)."""
    code = sidecode(value)
    if code is None:
        return False
    groups = [g for g in regex.split(r"\d+|-", value) if g]
    if any(banned in group for group in groups for banned in BANNED_COMBINATIONS):
        return False
    if code < MODERN_SIDECODE:
        return True
    letters = value.replace("-", "")
    return all(
        c in MODERN_LETTERS or (i == 0 and c == TRAILER_FIRST_LETTER)
        for i, c in enumerate(letters)
        if c.isalpha()
    )


class NlLicensePlateRecognizer(DutchPatternRecognizer):
    """Recognize Dutch kentekens; undashed forms only next to a context word."""

    ENTITY = "NL_LICENSE_PLATE"
    PATTERNS = [
        Pattern(
            "Kenteken (dashed, sidecode 4-14)",
            _START + _alternation(range(4, 15), dashed=True) + _END,
            0.5,
        ),
        Pattern(
            "Kenteken (dashed, sidecode 1-3)",
            _START + _alternation(range(1, 4), dashed=True) + _END,
            0.3,
        ),
        Pattern(
            "Kenteken (undashed)",
            _START + _alternation(range(1, 15), dashed=False) + _END,
            0.3,
        ),
    ]
    CONTEXT_REQUIRED_PATTERNS = frozenset({"Kenteken (undashed)"})
    CONTEXT = [
        "kenteken",
        "kentekens",
        "kentekennummer",
        "kentekenplaat",
        "nummerplaat",
        "voertuig",
        "auto",
        "rdw",
        "parkeervergunning",
        "parkeerboete",
        "naheffingsaanslag",
        "cjib",
        "license plate",
        "licence plate",
        "registration number",
    ]
    NEGATIVE_CONTEXT = [*REFERENCE_NUMBER_WORDS, "postcode", "model", "type", "serienummer"]

    def validate_result(self, pattern_text: str) -> bool | None:
        return None if follows_letter_rules(pattern_text) else False
