"""Column profiling for tabular data: header hints plus validation rates.

A register extract says what it holds in its header, or it does not (`veld1`)
and its values say it instead: with a 9 % chance that a random 9-digit number
passes the elfproef, a column where 80 % of at least five values pass is a
BSN column whatever its name.  A header hint lowers the bar to half of the
values, and is the only way a column of dates becomes DATE_OF_BIRTH or a
column of plain 8- or 10-digit numbers a KvK, AGB or driving-licence column.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from datawacht.records import Column

Validator = Callable[[str], bool]

HINTS_FILE = Path(__file__).with_name("column_hints.yaml")
SAMPLE_SIZE = 200
MIN_VALUES = 5
RATE_WITH_HINT = 0.5
RATE_WITHOUT_HINT = 0.8
SCORE_WITH_HINT = 0.95
SCORE_WITHOUT_HINT = 0.85
# Cells that hold no value of any type on their own, in a column that did not
# profile as one: amounts and counters; house numbers (147, 147b, 190 bis,
# 12-14; four digits and two letters are a postcode, not one); moments (a
# date with a time of day is a log line's, never a birth date).
NO_VALUE_SHAPES = (
    re.compile(r"[+-]?[0-9]+(?:[.,][0-9]+)*"),
    re.compile(r"(?![1-9][0-9]{3} ?[A-Za-z]{2}$)[0-9]{1,5}(?:[ -]?[A-Za-z]{1,3}|-[0-9]{1,5})?"),
    re.compile(
        r"(?:[0-9]{4}-[0-9]{2}-[0-9]{2}|[0-9]{1,2}-[0-9]{1,2}-[0-9]{4})[ T][0-9]{1,2}:[0-9]{2}"
        r"(?::[0-9]{2}(?:[.,][0-9]+)?)?(?:Z|[+-][0-9]{2}:?[0-9]{2})?"
    ),
)
# Types whose values have no check of their own (or the same check as a more
# likely type): only a header can make a column one of these.
HINT_REQUIRED = frozenset(
    {"DATE_OF_BIRTH", "NL_KVK", "NL_AGB", "NL_BIG", "NL_DRIVING_LICENCE", "NL_V_NUMMER", "NL_RSIN"}
)


@dataclass(frozen=True)
class ColumnVerdict:
    """The entity a column holds, and the evidence for it (no values)."""

    entity_type: str
    score: float
    pass_rate: float
    sampled: int
    header_hint: bool
    # The sampled values and whether each is valid, so that the cells are not
    # checked twice.  Raw values: they stay in the worker, with the table.
    checked: Mapping[str, bool] = field(default_factory=dict, repr=False, compare=False)

    @property
    def detail(self) -> str:
        source = "header and values" if self.header_hint else "values"
        return f"column profile by {source}: {self.pass_rate:.0%} of {self.sampled} values valid"


def _normalise(header: str) -> str:
    return re.sub(r"[^0-9a-z]", "", header.casefold())


def load_hints(path: Path = HINTS_FILE) -> dict[str, str]:
    """Normalised header -> entity type."""
    data: dict[str, list[str]] = yaml.safe_load(path.read_text(encoding="utf-8"))
    return {_normalise(word): entity for entity, words in data.items() for word in words}


class ColumnProfiler:
    def __init__(self, validators: Mapping[str, Validator], hints: Mapping[str, str]) -> None:
        self._validators = dict(validators)
        self._hints = dict(hints)

    def header_hint(self, header: str) -> str | None:
        """Exact match on the normalised header, or a known word at its end or
        start (`klant_bsn`, `bsn_ouder`, `iban_nummer`)."""
        norm = _normalise(header)
        if norm in self._hints:
            return self._hints[norm]
        for word, entity in self._hints.items():
            if len(word) >= 3 and (norm.endswith(word) or norm.startswith(word)):
                return entity
        return None

    def profile(self, column: Column) -> ColumnVerdict | None:
        values = [cell.value.strip() for cell in column.cells[:SAMPLE_SIZE]]
        values = [value for value in values if value]
        if not values:
            return None
        hint = self.header_hint(column.name)
        if hint in self._validators:
            checked = self._check(hint, values, RATE_WITH_HINT)
            if checked is not None:
                rate = _pass_rate(checked, values)
                return ColumnVerdict(hint, SCORE_WITH_HINT, rate, len(values), True, checked)
        if len(values) < MIN_VALUES:
            return None
        best: ColumnVerdict | None = None
        for entity in self._validators:
            if entity in HINT_REQUIRED:
                continue
            # A later type must do strictly better than the best so far.
            needed = RATE_WITHOUT_HINT if best is None else best.pass_rate + 0.5 / len(values)
            checked = self._check(entity, values, needed)
            if checked is not None:
                rate = _pass_rate(checked, values)
                best = ColumnVerdict(entity, SCORE_WITHOUT_HINT, rate, len(values), False, checked)
        return best

    def holds_no_values(self, column: Column) -> bool:
        """True for a column whose sampled values all have one of the
        `NO_VALUE_SHAPES` (counters, amounts, house numbers, timestamps):
        with no entity in its profile, its cells are not worth analysing one
        by one.  A random 9-digit number passes the elfproef 9 % of the time,
        so without a header hint or a majority of valid values a single valid
        one is noise, and the cell analysis would cost most of a register's
        scan time (a house-number column took 7 % of the generated share's)."""
        values = [cell.value.strip() for cell in column.cells[:SAMPLE_SIZE]]
        values = [value for value in values if value]
        return len(values) >= MIN_VALUES and all(_no_value(value) for value in values)

    def validates(self, entity_type: str, value: str) -> bool:
        return self._validators[entity_type](value.strip())

    def validates_if_known(self, entity_type: str, value: str) -> bool:
        """`validates`, and True for an entity type without a check here."""
        return entity_type not in self._validators or self.validates(entity_type, value)

    def _check(self, entity_type: str, values: list[str], needed: float) -> dict[str, bool] | None:
        """Each distinct value and whether it is valid, or None as soon as a
        share of `needed` valid values is out of reach: most validators fail
        most columns within a few values."""
        validator = self._validators[entity_type]
        allowed_failures = len(values) - math.ceil(needed * len(values))
        failures = 0
        checked: dict[str, bool] = {}
        for value in values:
            if value not in checked:
                checked[value] = validator(value)
            if not checked[value]:
                failures += 1
                if failures > allowed_failures:
                    return None
        return checked


def _pass_rate(checked: Mapping[str, bool], values: list[str]) -> float:
    return sum(checked[value] for value in values) / len(values)


def _no_value(value: str) -> bool:
    return any(shape.fullmatch(value) for shape in NO_VALUE_SHAPES)
