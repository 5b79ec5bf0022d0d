"""PDF: a fragment per page, encrypted and broken files, pages without a text layer."""

from __future__ import annotations

import io
from collections.abc import Callable

from faker import Faker

from datawacht.errors import CorruptError, EncryptedError, NoTextLayerError
from datawacht.records import Location, ObjectStatus
from unit.extract.helpers import expect, fragment_with, fragments, run


def test_pages_have_their_number_and_running_offsets(
    make_pdf: Callable[..., bytes], fake: Faker
) -> None:
    name = fake.name()
    pieces, error = run("dossier.pdf", make_pdf(["Dossier overzicht", f"Behandelaar {name}"]))
    assert error is None
    first, second = fragments(pieces)
    assert first.origin == Location(page=1)
    assert second.origin == Location(page=2)
    assert "Dossier overzicht" in first.text
    expect(name in fragment_with(pieces, name).text, "name not on page 2")
    assert second.offset == len(first.text) + 1  # page texts joined by "\n"
    assert second.first_line == first.text.count("\n") + 2


def test_password_protected_pdf_is_encrypted(make_pdf: Callable[..., bytes]) -> None:
    pieces, error = run("geheim.pdf", make_pdf(["Vertrouwelijk"], password="geheim"))
    assert pieces == []
    assert isinstance(error, EncryptedError)


def test_owner_password_only_pdf_opens(make_pdf: Callable[..., bytes]) -> None:
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(make_pdf(["Alleen lezen"]))))
    writer.encrypt(user_password="", owner_password="eigenaar", algorithm="AES-128")
    out = io.BytesIO()
    writer.write(out)
    pieces, error = run("beperkt.pdf", out.getvalue())
    assert error is None
    assert "Alleen lezen" in fragments(pieces)[0].text


def test_broken_pdf_is_corrupt() -> None:
    pieces, error = run("kapot.pdf", b"%PDF-1.7\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R")
    assert pieces == []
    assert isinstance(error, CorruptError)
    assert error.detail.startswith("pdf: ")


def test_broken_page_detail_does_not_quote_the_page() -> None:
    """pypdf quotes the bytes around a broken object in its message; the
    detail used to carry the page's text into the report (found by tests/fuzz)."""
    from fpdf import FPDF

    pdf = FPDF()
    pdf.set_compression(False)
    pdf.set_font("helvetica", size=12)
    pdf.add_page()
    pdf.multi_cell(0, 8, "Voorbeeld Persoon, BSN 111222333")
    broken = bytes(pdf.output()).replace(b"BT ", b"BT ?", 1)  # a bad operand in the text
    pieces, error = run("dossier.pdf", broken)
    assert isinstance(error, CorruptError)
    assert error.detail.startswith("pdf: text of 1 of 1 pages unreadable (PdfReadError: ")
    expect("111222333" not in error.detail, "the page's number is in the detail")
    expect("Persoon" not in error.detail, "the page's name is in the detail")


def test_truncated_pdf_is_corrupt_or_partial(make_pdf: Callable[..., bytes]) -> None:
    data = make_pdf(["Eerste pagina", "Tweede pagina"])
    _, error = run("afgebroken.pdf", data[: len(data) // 3])
    assert isinstance(error, CorruptError | NoTextLayerError)


def test_scanned_pdf_has_no_text_layer(make_pdf: Callable[..., bytes], png_bytes: bytes) -> None:
    pieces, error = run("scan.pdf", make_pdf([None, None], image=png_bytes))
    assert pieces == []
    assert isinstance(error, NoTextLayerError)
    assert (error.reason, error.status) == ("no text layer", ObjectStatus.PARTIAL)
    assert error.detail == "no text layer (scanned image?)"


def test_some_scanned_pages_yield_the_rest_then_raise(
    make_pdf: Callable[..., bytes], png_bytes: bytes
) -> None:
    pieces, error = run("gemengd.pdf", make_pdf(["Tekstpagina", None, None], image=png_bytes))
    assert [fragment.origin.page for fragment in fragments(pieces)] == [1]
    assert isinstance(error, NoTextLayerError)
    assert error.detail == "no text layer on 2 of 3 pages (scanned images?)"


def test_blank_pages_without_images_are_not_reported(make_pdf: Callable[..., bytes]) -> None:
    _, error = run("met-witte-pagina.pdf", make_pdf(["Tekst", None]))
    assert error is None
