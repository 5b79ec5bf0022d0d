"""odt and ods through odfpy."""

from __future__ import annotations

from collections.abc import Callable, Sequence

import pytest
from faker import Faker

from datawacht.errors import CorruptError
from datawacht.extract.tables import RowTable
from unit.extract.helpers import column_values, expect, fragments, run, tables


def test_odt_paragraphs_one_per_line(make_odt: Callable[..., bytes], fake: Faker) -> None:
    name = fake.name()
    pieces, error = run("verslag.odt", make_odt(["Aanwezig:", f"{name} (voorzitter)"]))
    assert error is None
    [fragment] = fragments(pieces)
    lines = fragment.text.split("\n")
    assert lines[:2] == ["Verslag", "Aanwezig:"]  # the heading is paragraph 1
    expect(lines[2] == f"{name} (voorzitter)", "third paragraph differs")
    assert (fragment.offset, fragment.first_line) == (0, 1)


def test_ods_tables_with_repeated_filler_are_bounded(
    make_ods: Callable[..., bytes], monkeypatch: pytest.MonkeyPatch
) -> None:
    data = make_ods(
        {
            "Leden": [
                ["Naam", "BSN"],
                ["Voorbeeld", 111222333],
                [None, None],
                ["Proef", 123456782],
            ],
            "Blad2": [[111222333]],
        }
    )
    added: list[int] = []
    real_add = RowTable.add

    def counting_add(self: RowTable, row: int, values: Sequence[str | None]) -> bool:
        added.append(len(values))
        return real_add(self, row, values)

    monkeypatch.setattr(RowTable, "add", counting_add)
    pieces, error = run("leden.ods", data)
    # A million filler rows and thousands of filler columns are skipped, not expanded.
    assert len(added) == 4 and max(added) == 2
    assert error is None
    leden, blad2 = tables(pieces)
    assert (leden.sheet, blad2.sheet) == ("Leden", "Blad2")
    assert column_values(leden, "BSN") == [(2, "111222333"), (4, "123456782")]
    assert column_values(blad2, "kolom 1") == [(1, "111222333")]
    assert len(leden.columns) == 2


def test_truncated_odt_is_corrupt(make_odt: Callable[..., bytes]) -> None:
    data = make_odt(["Voorbeeld"])
    _, error = run("kapot.odt", data[: len(data) // 2])
    assert isinstance(error, CorruptError)
