"""Plain text: offsets and lines into the decoded file, chunking, the character limit."""

from __future__ import annotations

from faker import Faker

from datawacht.errors import TooLargeError
from datawacht.extract.text import Concatenation, split_text
from datawacht.limits import Limits
from datawacht.records import Location
from unit.extract.helpers import expect, fragments, line_of, points_at, run


def test_offsets_and_lines_point_into_the_decoded_file(fake: Faker) -> None:
    lines = [fake.sentence() for _ in range(5)]
    name = fake.name()
    lines[3] = f"Contactpersoon: {name}"
    source = "\r\n".join(lines) + "\r\n"
    pieces, error = run("notities.txt", source.encode("utf-16"))
    assert error is None
    [fragment] = fragments(pieces)
    expect(points_at(source, fragment, name), "offset does not point at the name")
    expect(line_of(fragment, name) == 4, "name expected on line 4")


def test_cp1252_text_keeps_accents_and_euro_at_the_right_offsets() -> None:
    source = "Factuur voor Noël Baptiste\nBedrag: € 99,95 (incl. BTW)\nCafé Ëxample\n"
    pieces, _ = run("factuur.log", source.encode("cp1252"))
    [fragment] = fragments(pieces)
    assert fragment.text == source
    assert points_at(source, fragment, "€ 99,95")
    assert line_of(fragment, "Café") == 3


def test_long_text_is_chunked_on_line_boundaries_with_running_positions() -> None:
    source = "".join(f"regel {number:04d} met wat tekst\n" for number in range(1, 501))
    chunks = list(split_text(source, chunk_chars=1000))
    assert len(chunks) > 10
    assert "".join(chunk.text for chunk in chunks) == source
    for chunk in chunks:
        assert chunk.text.endswith("\n")  # cut after a newline, never inside a line
        assert source[chunk.offset : chunk.offset + len(chunk.text)] == chunk.text
        first = chunk.text.split("\n", 1)[0]
        assert int(first.split()[1]) == chunk.first_line


def test_a_line_longer_than_a_chunk_is_cut_where_it_must_be() -> None:
    chunks = list(split_text("x" * 2500, chunk_chars=1000))
    assert [len(chunk.text) for chunk in chunks] == [1000, 1000, 500]
    assert [chunk.offset for chunk in chunks] == [0, 1000, 2000]


def test_concatenation_gives_each_part_its_own_offsets() -> None:
    positions = Concatenation()
    first = list(positions.add("een\ntwee", Location(page=1)))
    second = list(positions.add("drie", Location(page=2)))
    assert (first[0].offset, first[0].first_line) == (0, 1)
    assert (second[0].offset, second[0].first_line) == (len("een\ntwee\n"), 3)
    assert second[0].origin == Location(page=2)


def test_max_chars_yields_up_to_the_limit_then_raises() -> None:
    source = "a" * 50 + "\n" + "b" * 50 + "\n"
    pieces, error = run("groot.txt", source.encode(), Limits(max_chars=70))
    assert isinstance(error, TooLargeError)
    assert error.detail == "truncated at 70 characters"
    assert sum(len(fragment.text) for fragment in fragments(pieces)) == 70


def test_file_over_max_file_bytes_is_too_large() -> None:
    pieces, error = run("groot.txt", b"x" * 101, Limits(max_file_bytes=100))
    assert pieces == []
    assert isinstance(error, TooLargeError)
