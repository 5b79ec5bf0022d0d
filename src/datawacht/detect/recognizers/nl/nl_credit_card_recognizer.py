"""CREDIT_CARD: payment card numbers, Luhn plus issuer prefix and length.

Presidio's `CreditCardRecognizer` is not loaded for nl (its YAML lists only
en/es/it/pl) and checks Luhn alone, which one random number in ten passes.
This subclass also demands a known issuer prefix with a length that issuer
uses, Dutch context words, and consistent grouping.  Numbers in groups of
four (or Amex 4-6-5) are reported on their own; a bare run of digits needs
context.  Public test numbers (4111 1111 1111 1111 ...) are valid numbers
and are reported; telling test data apart is a policy matter.
"""

from __future__ import annotations

from presidio_analyzer import Pattern
from presidio_analyzer.predefined_recognizers import CreditCardRecognizer
from stdnum import luhn

from datawacht.detect.recognizers.base import (
    NUMBER_END,
    NUMBER_START,
    REFERENCE_NUMBER_WORDS,
    DutchPatternRecognizer,
)

# (first digits, allowed lengths) per issuer: Visa, Mastercard, Amex, Maestro,
# Discover, JCB, Diners, UnionPay.
ISSUERS: tuple[tuple[tuple[str, ...], frozenset[int]], ...] = (
    (("4",), frozenset({13, 16, 19})),
    (tuple(str(p) for p in range(51, 56)), frozenset({16})),
    (tuple(str(p) for p in range(2221, 2721)), frozenset({16})),
    (("34", "37"), frozenset({15})),
    (("50", *(str(p) for p in range(56, 59)), "6"), frozenset(range(12, 20))),
    (tuple(str(p) for p in range(3528, 3590)), frozenset(range(16, 20))),
    (("36", "38", "39", *(str(p) for p in range(300, 306))), frozenset(range(14, 20))),
)


def has_issuer_prefix_and_length(digits: str) -> bool:
    return any(
        digits.startswith(prefixes) and len(digits) in lengths for prefixes, lengths in ISSUERS
    )


class NlCreditCardRecognizer(DutchPatternRecognizer, CreditCardRecognizer):
    """Recognize payment card numbers with Dutch context."""

    ENTITY = "CREDIT_CARD"
    PATTERNS = [
        Pattern(
            "Card number (groups of 4)",
            NUMBER_START + r"\d{4}([ -])\d{4}\1\d{4}\1\d{1,4}(?:\1\d{3})?" + NUMBER_END,
            0.5,
        ),
        Pattern(
            "Card number (Amex 4-6-5)",
            NUMBER_START + r"\d{4}([ -])\d{6}\1\d{5}" + NUMBER_END,
            0.5,
        ),
        Pattern("Card number (bare digits)", NUMBER_START + r"\d{12,19}" + NUMBER_END, 0.4),
    ]
    CONTEXT = [
        "creditcard",
        "creditcardnummer",
        "credit card",
        "kaartnummer",
        "kaart",
        "betaalkaart",
        "visa",
        "mastercard",
        "maestro",
        "amex",
        "american express",
        "vervaldatum",
        "geldig tot",
        "cvc",
        "cvv",
        "card number",
        "card",
    ]
    NEGATIVE_CONTEXT = [*REFERENCE_NUMBER_WORDS, "iban", "rekeningnummer", "ean", "barcode"]

    def validate_result(self, pattern_text: str) -> bool | None:
        digits = "".join(c for c in pattern_text if c.isdigit())
        return None if has_issuer_prefix_and_length(digits) and luhn.is_valid(digits) else False
