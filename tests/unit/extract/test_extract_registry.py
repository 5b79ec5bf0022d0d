"""Kind detection (content first, extension second) and the registry's error handling."""

from __future__ import annotations

import os
from collections.abc import Callable

import pytest

from datawacht.errors import CorruptError, EncryptedError, UnsupportedError
from datawacht.extract.failures import describe
from datawacht.extract.registry import EXTRACTORS, detect_kind
from unit.extract.helpers import make_eml, make_zip, run

OLE_MAGIC = bytes.fromhex("d0cf11e0a1b11ae1")


def ole(*streams: str) -> bytes:
    """Just enough of an OLE file for detection: the magic and directory entry names."""
    return OLE_MAGIC + bytes(504) + b"".join(name.encode("utf-16-le") for name in streams)


@pytest.mark.parametrize(
    ("name", "head", "kind"),
    [
        ("verslag.pdf", b"%PDF-1.7\n", "pdf"),
        ("verslag.txt", b"%PDF-1.4\n", "pdf"),  # content beats the extension
        ("bericht.msg", ole("__substg1.0_0037001F"), "msg"),
        ("bericht", ole("__substg1.0_0037001F"), "msg"),
        ("geheim.xlsx", ole("EncryptionInfo", "EncryptedPackage"), "ole"),
        ("oud.doc", ole("WordDocument"), "ole"),
        ("noise.csv", os.urandom(4096) + bytes(64), "binary"),
        ("lijst.csv", b"naam;bsn\n", "csv"),
        ("lijst.tsv", b"naam\tbsn\n", "tsv"),
        ("lijst.TAB", b"naam\tbsn\n", "tsv"),
        ("export.json", b"[]", "json"),
        ("export.ndjson", b"{}\n", "jsonl"),
        ("pagina.htm", b"<p>hoi</p>", "html"),
        ("feed.xml", b"<a/>", "xml"),
        ("dump.sql", b"INSERT INTO t VALUES (1);", "sql"),
        ("bericht.eml", b"From: a@example.nl\n\nhoi", "eml"),
        ("README.md", b"# titel", "text"),
        ("server.log", b"started", "text"),
        ("LEESMIJ", b"gewone tekst", "unknown"),
        ("zonder-naam", b'<?xml version="1.0"?><a/>', "xml"),
        ("zonder-naam", b"<!DOCTYPE html><html></html>", "html"),
        ("zonder-naam", b'{"a": 1}', "json"),
        ("zonder-naam", b'{"a": 1}\n{"a": 2}\n', "jsonl"),
        ("zonder-naam", b"-- MySQL dump 10.13\n", "sql"),
        ("zonder-naam", b"From: a@example.nl\nSubject: x\n\nhoi", "eml"),
        ("tekst.txt", "tekst".encode("utf-16"), "text"),  # NULs of UTF-16 are not binary
    ],
)
def test_detect_kind(name: str, head: bytes, kind: str) -> None:
    assert detect_kind(name, head) == kind


def test_detects_zip_family_by_content(
    make_docx: Callable[..., bytes],
    make_xlsx: Callable[..., bytes],
    make_odt: Callable[..., bytes],
    make_ods: Callable[..., bytes],
) -> None:
    assert detect_kind("a.bin", make_docx(["x"])) == "docx"
    assert detect_kind("a.zip", make_xlsx({"Blad1": [["x"]]})) == "xlsx"
    assert detect_kind("a", make_odt(["x"])) == "odt"
    assert detect_kind("a", make_ods({"Blad1": [["x"]]})) == "ods"
    assert detect_kind("a.docx", make_zip([("notes.txt", b"word/document.xml")])) == "zip"


def test_head_only_zip_falls_back_to_the_extension(make_docx: Callable[..., bytes]) -> None:
    head = make_docx(["x"])[:40]  # before any member name
    assert detect_kind("brief.docx", head) == "docx"
    assert detect_kind("brief.bin", head) == "zip"


def test_every_detected_kind_has_an_extractor() -> None:
    kinds = {"text", "csv", "tsv", "json", "jsonl", "xml", "html", "docx", "xlsx", "odt", "ods"}
    kinds |= {"pdf", "eml", "msg", "zip", "sql", "parquet", "binary", "unknown", "ole"}
    assert kinds == set(EXTRACTORS)


def test_binary_noise_is_unsupported() -> None:
    pieces, error = run("ruis.dat", os.urandom(8192))
    assert pieces == []
    assert isinstance(error, UnsupportedError)
    assert error.detail == "binary file"


def test_legacy_office_is_unsupported_and_encrypted_ooxml_is_encrypted() -> None:
    _, legacy = run("oud.xls", ole("Workbook"))
    assert isinstance(legacy, UnsupportedError)
    _, encrypted = run("geheim.docx", ole("EncryptionInfo", "EncryptedPackage"))
    assert isinstance(encrypted, EncryptedError)


def test_parser_failures_become_corrupt_errors_without_content() -> None:
    secret = "Voorbeeld Persoon 111222333"
    broken = make_zip([("word/document.xml", f"<w:document>{secret}".encode())])
    pieces, error = run("kapot.docx", broken)
    assert pieces == []
    assert isinstance(error, CorruptError)
    assert error.detail.startswith("docx: ")
    assert "111222333" not in error.detail


def test_eml_sniffed_without_extension_is_read_as_mail() -> None:
    data = make_eml(sender="a@example.nl", to="b@example.nl", subject="Test", plain="Hoi")
    assert detect_kind("bericht", data) == "eml"


def test_describe_keeps_parser_messages_and_drops_others() -> None:
    import zipfile

    assert describe(zipfile.BadZipFile("File is not a zip file")) == (
        "BadZipFile: File is not a zip file"
    )
    # A generic error may carry a value from the document: only its type is kept.
    assert describe(ValueError("invalid literal: 111222333")) == "ValueError"


def test_describe_cuts_quoted_input_out_of_parser_messages() -> None:
    """Parsers quote the input they choke on (pypdf the bytes, zipfile the
    member name): a kept message loses every quoted literal (found by tests/fuzz)."""
    import zipfile

    from pypdf.errors import PdfReadError

    pdf = PdfReadError("Invalid Elementary Object starting with b'?' @331: b'(Voorbeeld 1112'")
    assert describe(pdf) == "PdfReadError: Invalid Elementary Object starting with … @331: …"
    renamed = zipfile.BadZipFile(
        "File name in directory 'bsn 111222333.txt' and header b'x' differ."
    )
    assert describe(renamed) == "BadZipFile: File name in directory … and header … differ."
    # An apostrophe inside a word opens no quote.
    assert describe(PdfReadError("Couldn't find xref")) == "PdfReadError: Couldn't find xref"


def test_describe_names_libxml2_errors_by_code() -> None:
    """libxml2 names elements without quotes (`... mismatch: p line 1 and Jansen`),
    so its message is replaced by the error's code and position."""
    from lxml import etree

    with pytest.raises(etree.XMLSyntaxError) as caught:
        etree.fromstring(b"<a><p>Voorbeeld</Jansen></a>")
    assert describe(caught.value) == "XMLSyntaxError: ERR_TAG_NAME_MISMATCH at line 1, column 25"
