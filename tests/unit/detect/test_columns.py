"""Column profiling: header hints plus validation rates decide a column."""

import random
import re

import pytest
from stdnum.nl import bsn

from datawacht.detect.columns import ColumnProfiler, load_hints
from datawacht.records import Cell, Column


def _bsns(n: int, seed: int = 3) -> list[str]:
    rng = random.Random(seed)
    found: list[str] = []
    while len(found) < n:
        candidate = f"{rng.randint(10_000_000, 999_999_999):09d}"
        if bsn.is_valid(candidate):
            found.append(candidate)
    return found


def _not_bsns(n: int, seed: int = 4) -> list[str]:
    rng = random.Random(seed)
    found: list[str] = []
    while len(found) < n:
        candidate = f"{rng.randint(100_000_000, 999_999_999)}"
        if not bsn.is_valid(candidate):
            found.append(candidate)
    return found


def _column(name: str, values: list[str]) -> Column:
    return Column(name, 0, tuple(Cell(row + 2, v) for row, v in enumerate(values)))


@pytest.fixture(scope="module")
def profiler() -> ColumnProfiler:
    validators = {
        "NL_BSN": bsn.is_valid,
        "DATE_OF_BIRTH": lambda v: bool(re.fullmatch(r"\d{2}-\d{2}-\d{4}", v)),
    }
    return ColumnProfiler(validators, load_hints())


@pytest.mark.parametrize(
    "header, expected",
    [
        ("BSN", "NL_BSN"),  # plain
        ("Burgerservicenummer", "NL_BSN"),  # long form
        ("klant_bsn", "NL_BSN"),  # known word at the end
        ("Geb. datum", "DATE_OF_BIRTH"),  # punctuation and space removed
        ("date_of_birth", "DATE_OF_BIRTH"),  # English
        ("veld1", None),  # meaningless
        ("omschrijving", None),  # unrelated
    ],
)
def test_header_hints(profiler: ColumnProfiler, header: str, expected: str | None) -> None:
    assert profiler.header_hint(header) == expected


def test_valid_bsns_under_a_meaningless_header(profiler: ColumnProfiler) -> None:
    verdict = profiler.profile(_column("veld1", _bsns(40)))
    assert verdict is not None and verdict.entity_type == "NL_BSN"
    assert not verdict.header_hint and verdict.pass_rate == 1.0


def test_random_numbers_are_not_a_bsn_column(profiler: ColumnProfiler) -> None:
    # about 1 in 11 random 9-digit numbers passes the elfproef; the column rate decides
    rng = random.Random(9)
    values = [f"{rng.randint(100_000_000, 999_999_999)}" for _ in range(200)]
    assert profiler.profile(_column("nummer", values)) is None


def test_header_lowers_the_bar_to_half(profiler: ColumnProfiler) -> None:
    values = _bsns(12) + _not_bsns(8)  # 60 % valid
    assert profiler.profile(_column("veld1", values)) is None
    verdict = profiler.profile(_column("bsn", values))
    assert verdict is not None and verdict.header_hint and verdict.score > 0.9


def test_too_few_values_without_a_header(profiler: ColumnProfiler) -> None:
    assert profiler.profile(_column("veld1", _bsns(4))) is None


def test_dates_need_a_birth_date_header(profiler: ColumnProfiler) -> None:
    dates = [f"{d:02d}-03-1985" for d in range(1, 21)]
    assert profiler.profile(_column("datum", dates)) is None
    verdict = profiler.profile(_column("geboortedatum", dates))
    assert verdict is not None and verdict.entity_type == "DATE_OF_BIRTH"


def test_empty_column(profiler: ColumnProfiler) -> None:
    assert profiler.profile(_column("bsn", ["", " ", ""])) is None


def test_numbers_without_a_check_need_a_header() -> None:
    # any 8-digit number "validates" as KvK: only the header can say so
    profiler = ColumnProfiler({"NL_KVK": lambda v: v.isdigit() and len(v) == 8}, load_hints())
    numbers = [f"{n:08d}" for n in range(12_345_678, 12_345_698)]
    assert profiler.profile(_column("ordernummer", numbers)) is None
    verdict = profiler.profile(_column("kvk", numbers))
    assert verdict is not None and verdict.entity_type == "NL_KVK"


def test_plain_number_columns_are_recognised(profiler) -> None:  # noqa: ANN001
    assert profiler.holds_no_values(_column("kolom", ["1", "22", "333", "4.500,25", "-7"]))
    assert not profiler.holds_no_values(
        _column("kolom", ["1", "22", "333", "4.500,25", "zie bijlage"])
    )
    assert not profiler.holds_no_values(
        _column("kolom", ["1985-03-12", "1990-01-01", "2", "3", "4"])
    )
    assert not profiler.holds_no_values(_column("kolom", ["1", "2"]))  # too few to judge


def test_house_numbers_and_timestamps_hold_no_values(profiler) -> None:  # noqa: ANN001
    houses = ["147", "147b", "190 bis", "12-14", "3 hs", "8-A", "21"]
    assert profiler.holds_no_values(_column("kolom", houses))
    moments = ["2025-03-01T08:00:00", "2025-03-01 08:07", "01-03-2025 8:14:00", "2025-03-01T08:21Z"]
    assert profiler.holds_no_values(_column("kolom", [*moments, "2025-03-01T08:28:00.123+01:00"]))
    # a postcode among them, or a date without a time: analysed cell by cell
    assert not profiler.holds_no_values(_column("kolom", [*houses, "2601 DC"]))
    assert not profiler.holds_no_values(_column("kolom", [*houses, "2601DC"]))
    assert not profiler.holds_no_values(_column("kolom", [*moments, "1985-03-12"]))
    assert not profiler.holds_no_values(_column("kolom", [*houses, "12-AB-34"]))  # a licence plate


def test_a_later_type_must_do_strictly_better_and_stops_at_its_first_miss() -> None:
    """Types are tried in order; once one column type holds, a later one is
    checked only while it can still beat it."""
    calls: list[str] = []

    def counting(entity: str, check):  # noqa: ANN001, ANN202
        def validate(value: str) -> bool:
            calls.append(entity)
            return check(value)

        return validate

    values = _not_bsns(1) + _bsns(19)  # 95 % valid BSNs, the miss first
    profiler = ColumnProfiler(
        {
            "NL_BSN": counting("NL_BSN", bsn.is_valid),
            "NL_ONDERWIJSNUMMER": counting("NL_ONDERWIJSNUMMER", bsn.is_valid),
        },
        {},
    )
    verdict = profiler.profile(_column("veld1", values))
    assert verdict is not None and verdict.entity_type == "NL_BSN"
    # the second type could at best tie at 95 %: its first miss ends it
    assert calls.count("NL_BSN") == 20 and calls.count("NL_ONDERWIJSNUMMER") == 1
    assert verdict.checked == {value: bsn.is_valid(value) for value in values}
    assert "checked" not in repr(verdict)
