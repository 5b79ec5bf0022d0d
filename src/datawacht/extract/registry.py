"""Which extractor reads an object, and the bounds every extractor runs within.

The pipeline calls `detect_kind` (for the report) and `extract`; new kinds
are added in `EXTRACTORS` and, when they have a recognisable signature, in
`detect_kind`.  Content decides before the name: a `.csv` that is really a
zip is read as a zip, a `.docx` that is really text as text.  Among the text
formats the content says little (a CSV and a log look alike), so there the
extension decides and content sniffing is only the fallback for names
without a known extension.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import replace

from datawacht.errors import CorruptError, ExtractionError, TooLargeError, UnsupportedError
from datawacht.extract.archive import check_package, extract_zip
from datawacht.extract.email import extract_eml, extract_msg
from datawacht.extract.encoding import SAMPLE_BYTES, bom_encoding, looks_binary, utf16_without_bom
from datawacht.extract.failures import describe
from datawacht.extract.jsondata import extract_json, extract_jsonl
from datawacht.extract.large import extract_parquet
from datawacht.extract.markup import extract_html, extract_xml
from datawacht.extract.ods import extract_ods
from datawacht.extract.office import extract_docx, extract_ole, extract_xlsx
from datawacht.extract.opendocument import extract_odt
from datawacht.extract.pdf import extract_pdf
from datawacht.extract.sqldump import extract_sql
from datawacht.extract.tabular import extract_csv, extract_tsv
from datawacht.extract.text import extract_text
from datawacht.limits import Limits
from datawacht.records import Fragment, Member, Table

Piece = Fragment | Table | Member
Extractor = Callable[[bytes, Limits], Iterator[Piece]]


def _reject_binary(data: bytes, limits: Limits) -> Iterator[Piece]:
    raise UnsupportedError("binary file")


EXTRACTORS: dict[str, Extractor] = {
    "text": extract_text,
    "unknown": extract_text,
    "csv": extract_csv,
    "tsv": extract_tsv,
    "json": extract_json,
    "jsonl": extract_jsonl,
    "xml": extract_xml,
    "html": extract_html,
    "docx": extract_docx,
    "xlsx": extract_xlsx,
    "odt": extract_odt,
    "ods": extract_ods,
    "pdf": extract_pdf,
    "eml": extract_eml,
    "msg": extract_msg,
    "zip": extract_zip,
    "sql": extract_sql,
    "parquet": extract_parquet,
    "ole": extract_ole,
    "binary": _reject_binary,
}
"""Kind -> extractor.  `unknown` is text without a telling name or signature."""

PACKAGE_KINDS = frozenset({"docx", "xlsx", "odt", "ods"})
"""Documents that are zip packages: held to the archive limits before parsing."""

TEXT_EXTENSIONS: dict[str, str] = {
    "txt": "text",
    "text": "text",
    "log": "text",
    "md": "text",
    "markdown": "text",
    "csv": "csv",
    "tsv": "tsv",
    "tab": "tsv",
    "json": "json",
    "jsonl": "jsonl",
    "ndjson": "jsonl",
    "xml": "xml",
    "html": "html",
    "htm": "html",
    "xhtml": "html",
    "eml": "eml",
    "sql": "sql",
}

ZIP_EXTENSIONS: dict[str, str] = {
    "docx": "docx",
    "docm": "docx",
    "xlsx": "xlsx",
    "xlsm": "xlsx",
    "odt": "odt",
    "ods": "ods",
}
"""Used only for zip content whose directory is not in the bytes seen (a head, a truncated file)."""

_PDF_MAGIC = b"%PDF-"
_PARQUET_MAGIC = b"PAR1"
_ZIP_MAGICS = (b"PK\x03\x04", b"PK\x05\x06", b"PK\x07\x08")
_OLE_MAGIC = bytes.fromhex("d0cf11e0a1b11ae1")
_MSG_STREAM = "__substg1.0_".encode("utf-16-le")

# A member name right after a local file header (26 bytes after "PK\3\4") or
# a central directory header (42 bytes after "PK\1\2"), so that a file that
# merely mentions the name does not count.
_OOXML_MAIN_PART = re.compile(
    rb"PK(?:\x03\x04.{26}|\x01\x02.{42})(word/document\.xml|xl/workbook\.xml)", re.DOTALL
)
_OOXML_KINDS = {b"word/document.xml": "docx", b"xl/workbook.xml": "xlsx"}
# ODF stores the uncompressed member "mimetype" first, so its content is in the head.
_ODF_MIMETYPE = re.compile(
    rb"mimetype.{0,64}?application/vnd\.oasis\.opendocument\.(text|spreadsheet)", re.DOTALL
)
_ODF_KINDS = {b"text": "odt", b"spreadsheet": "ods"}
_END_OF_DIRECTORY = b"PK\x05\x06"
_END_OF_DIRECTORY_REACH = 22 + 0xFFFF  # the record plus the longest archive comment

_DUMP_BANNERS = ("-- MySQL dump", "-- PostgreSQL database dump", "-- phpMyAdmin SQL Dump")
_HEADER_LINE = re.compile(r"[A-Za-z][A-Za-z0-9-]*:")
_MAIL_HEADERS = frozenset({"date", "subject", "message-id", "mime-version", "received", "to"})


def detect_kind(name: str, head: bytes) -> str:
    """The kind of an object from its first bytes (or all of them) and its name.

    With the whole object as `head` the zip directory is visible; with only
    a head the zip family falls back to the extension for docx/xlsx/odt/ods.
    """
    extension = _extension(name)
    if head.startswith(_ZIP_MAGICS):
        return _zip_kind(head, extension)
    if _PDF_MAGIC in head[:1024]:
        return "pdf"
    if head.startswith(_PARQUET_MAGIC):
        return "parquet"
    if head.startswith(_OLE_MAGIC):
        return "msg" if _MSG_STREAM in head or extension == "msg" else "ole"
    if looks_binary(head):
        return "binary"
    if extension in TEXT_EXTENSIONS:
        return TEXT_EXTENSIONS[extension]
    return _sniff_text(_head_text(head))


def extract(name: str, data: bytes, limits: Limits) -> Iterator[Piece]:
    """Fragments, tables and members of one object, within `limits`.

    A generator: every error, including the size check, is raised while
    iterating, after the pieces that could be read were yielded.  Exceptions
    that are not ExtractionErrors come from a parser meeting a broken file
    and become a CorruptError whose detail names the kind and the parser's
    complaint, never content.
    """
    if len(data) > limits.max_file_bytes:
        raise TooLargeError(f"{len(data)} bytes, the limit is {limits.max_file_bytes}")
    kind = detect_kind(name, data)
    try:
        if kind in PACKAGE_KINDS:
            check_package(data, limits)
        yield from _within_char_budget(EXTRACTORS[kind](data, limits), limits)
    except ExtractionError:
        raise
    except MemoryError:
        raise TooLargeError(f"{kind}: out of memory while extracting") from None
    except RecursionError:
        raise CorruptError(f"{kind}: nested too deeply") from None
    except Exception as exc:  # a broken file must not stop the scan
        raise CorruptError(f"{kind}: {describe(exc)}") from None


def _within_char_budget(pieces: Iterator[Piece], limits: Limits) -> Iterator[Piece]:
    """Pass pieces on until the fragments hold `limits.max_chars`; then truncate and raise."""
    used = 0
    for piece in pieces:
        if isinstance(piece, Fragment):
            room = limits.max_chars - used
            if len(piece.text) > room:
                if room > 0:
                    yield replace(piece, text=piece.text[:room])
                raise TooLargeError(f"truncated at {limits.max_chars} characters")
            used += len(piece.text)
        yield piece


def _extension(name: str) -> str:
    base = name.replace("\\", "/").rsplit("/", 1)[-1]
    return base.rsplit(".", 1)[-1].lower() if "." in base else ""


def _zip_kind(head: bytes, extension: str) -> str:
    odf = _ODF_MIMETYPE.search(head, 0, 512)
    if odf:
        return _ODF_KINDS[odf.group(1)]
    ooxml = _OOXML_MAIN_PART.search(head)
    if ooxml:
        return _OOXML_KINDS[ooxml.group(1)]
    if _END_OF_DIRECTORY in head[-_END_OF_DIRECTORY_REACH:]:
        return "zip"  # the whole directory was seen: the names are authoritative
    return ZIP_EXTENSIONS.get(extension, "zip")


def _head_text(head: bytes) -> str:
    """The head as text for sniffing; precision does not matter here."""
    sample = head[:SAMPLE_BYTES]
    encoding = bom_encoding(sample) or utf16_without_bom(sample) or "utf-8"
    return sample.decode(encoding, errors="replace").lstrip("\ufeff \t\r\n")


def _sniff_text(text: str) -> str:
    """The kind of text whose name says nothing: markup, JSON, e-mail, SQL dump or unknown."""
    lowered = text[:1024].lower()
    if lowered.startswith("<?xml"):
        return "html" if "<html" in lowered else "xml"
    if lowered.startswith(("<!doctype html", "<html")):
        return "html"
    if text.startswith(("{", "[")):
        lines = [line.strip() for line in text.splitlines()[:2]]
        is_lines = len(lines) == 2 and lines[0].endswith("}") and lines[1].startswith("{")
        return "jsonl" if is_lines else "json"
    if text.startswith(_DUMP_BANNERS):
        return "sql"
    if _looks_like_mail(text):
        return "eml"
    return "unknown"


def _looks_like_mail(text: str) -> bool:
    """A header block with From: and at least one other typical mail header."""
    names = set()
    for line in text.split("\n\n", 1)[0].replace("\r\n", "\n").split("\n"):
        if line[:1] in (" ", "\t"):
            continue
        match = _HEADER_LINE.match(line)
        if not match:
            return False
        names.add(match.group(0)[:-1].lower())
    return "from" in names and bool(names & _MAIL_HEADERS)
