"""XML and HTML: text nodes and attributes at their file positions, safe against entities."""

from __future__ import annotations

from faker import Faker

from datawacht.extract.markup import html_to_text
from unit.extract.helpers import expect, fragment_with, fragments, line_of, points_at, run


def test_html_text_nodes_point_into_the_file(fake: Faker) -> None:
    name, email, phone = fake.name(), fake.email(), fake.phone_number()
    source = (
        "<!DOCTYPE html>\n<html><head><title>Overzicht</title>\n"
        "<style>p { color: red }</style><script>var bsn = '999999999';</script></head>\n"
        f"<body>\n  <p>Behandelaar: {name}</p>\n"
        f'  <a href="mailto:{email}">mail</a> <input value="{phone}">\n'
        "  <!-- oude versie -->\n</body></html>\n"
    )
    pieces, error = run("overzicht.html", source.encode())
    assert error is None
    texts = [fragment.text for fragment in fragments(pieces)]
    assert not any("999999999" in text or "color" in text for text in texts)
    for value, line in ((name, 5), (email, 6), (phone, 6), ("oude versie", 7)):
        fragment = fragment_with(pieces, value)
        expect(points_at(source, fragment, value), "fragment offset is not the file position")
        expect(line_of(fragment, value) == line, f"value expected on line {line}")


def test_xml_attributes_cdata_and_entities() -> None:
    source = (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<personen xmlns="urn:voorbeeld">\n'
        '  <persoon bsn="111222333"\n          naam="Voorbeeld">\n'
        "    <notitie>Jansen &amp; Zn</notitie>\n"
        "    <ruw><![CDATA[<b>2020-01-01</b>]]></ruw>\n"
        "  </persoon>\n</personen>\n"
    )
    pieces, _ = run("personen.xml", source.encode())
    texts = {fragment.text for fragment in fragments(pieces)}
    assert "urn:voorbeeld" not in texts  # namespace declarations are not data
    assert "Jansen & Zn" in texts
    bsn = fragment_with(pieces, "111222333")
    assert points_at(source, bsn, "111222333")
    assert line_of(bsn, "111222333") == 3
    naam = fragment_with(pieces, "Voorbeeld")
    assert points_at(source, naam, "Voorbeeld")
    assert line_of(naam, "Voorbeeld") == 4
    cdata = fragment_with(pieces, "2020-01-01")
    assert points_at(source, cdata, "<b>2020-01-01</b>")


def test_entity_expansion_is_not_performed() -> None:
    source = (
        '<?xml version="1.0"?>\n<!DOCTYPE lolz [\n <!ENTITY lol "lol">\n'
        ' <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">\n]>\n'
        "<lolz>&lol2;</lolz>\n"
    )
    pieces, error = run("bom.xml", source.encode())
    assert error is None
    assert sum(len(fragment.text) for fragment in fragments(pieces)) < len(source)


def test_unknown_marked_section_is_a_comment_and_the_rest_is_read() -> None:
    """`<![x[` made Python's HTML parser raise AssertionError, which lost the
    rest of the file (found by tests/fuzz); HTML5 reads it as a bogus comment."""
    for name, source in [
        ("register.xml", "<r><![x[ oud ]]><naam>Voorbeeld 111222333</naam></r>"),
        ("brief.html", "<p><![ x>Voorbeeld 111222333</p>"),
    ]:
        pieces, error = run(name, source.encode())
        assert error is None, name
        expect(any("111222333" in f.text for f in fragments(pieces)), f"{name}: text lost")


def test_html_to_text_joins_inline_and_breaks_blocks() -> None:
    html = "<div><p>Voor <b>Achter</b></p><p>Tweede</p></div><script>x()</script>"
    assert html_to_text(html) == "Voor Achter\nTweede"
