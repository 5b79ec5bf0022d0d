"""Builders and assertion helpers shared by the extract tests.

Tests compare personal-looking values through `expect`, which fails with the
given message only, so that a failing run never prints fixture content.
"""

from __future__ import annotations

import email.policy
import io
import struct
import zipfile
from collections.abc import Iterable, Sequence
from email.message import EmailMessage

import pytest

from datawacht.errors import ExtractionError
from datawacht.extract.registry import extract
from datawacht.limits import Limits
from datawacht.records import Fragment, Member, Table

Piece = Fragment | Table | Member


def run(
    name: str, data: bytes, limits: Limits | None = None
) -> tuple[list[Piece], ExtractionError | None]:
    """All pieces an extraction yields, and the error it raised after them (if any)."""
    pieces: list[Piece] = []
    try:
        for piece in extract(name, data, limits or Limits()):
            pieces.append(piece)
    except ExtractionError as error:
        return pieces, error
    return pieces, None


def tables(pieces: Iterable[Piece]) -> list[Table]:
    return [piece for piece in pieces if isinstance(piece, Table)]


def fragments(pieces: Iterable[Piece]) -> list[Fragment]:
    return [piece for piece in pieces if isinstance(piece, Fragment)]


def members(pieces: Iterable[Piece]) -> list[Member]:
    return [piece for piece in pieces if isinstance(piece, Member)]


def expect(condition: bool, message: str) -> None:
    """Assert without pytest's value introspection (fixtures may look like personal data)."""
    if not condition:
        pytest.fail(message, pytrace=False)


def points_at(source: str, fragment: Fragment, value: str) -> bool:
    """True when `value` occurs in the fragment and its object offset finds it in `source`."""
    index = fragment.text.find(value)
    if index < 0:
        return False
    start = fragment.offset + index
    return source[start : start + len(value)] == value


def line_of(fragment: Fragment, value: str) -> int:
    """The 1-based line of `value` in the object, computed from the fragment."""
    index = fragment.text.index(value)
    return fragment.first_line + fragment.text.count("\n", 0, index)


def fragment_with(pieces: Iterable[Piece], value: str) -> Fragment:
    for piece in pieces:
        if isinstance(piece, Fragment) and value in piece.text:
            return piece
    pytest.fail("no fragment holds the expected value", pytrace=False)


def column_values(table: Table, name: str) -> list[tuple[int, str]]:
    for column in table.columns:
        if column.name == name:
            return [(cell.row, cell.value) for cell in column.cells]
    pytest.fail(f"no column named {name!r}; columns: {[c.name for c in table.columns]}")


def make_eml(
    *,
    sender: str,
    to: str,
    subject: str,
    plain: str,
    html: str | None = None,
    attachments: Sequence[tuple[str, bytes, str]] = (),
) -> bytes:
    """A MIME message; attachments are (filename, data, mime type)."""
    message = EmailMessage(policy=email.policy.default)
    message["From"] = sender
    message["To"] = to
    message["Subject"] = subject
    message.set_content(plain)
    if html is not None:
        message.add_alternative(html, subtype="html")
    for filename, data, mime in attachments:
        maintype, subtype = mime.split("/")
        message.add_attachment(data, maintype=maintype, subtype=subtype, filename=filename)
    return message.as_bytes()


def make_zip(members: Iterable[tuple[str, bytes]], *, stored: bool = False) -> bytes:
    out = io.BytesIO()
    method = zipfile.ZIP_STORED if stored else zipfile.ZIP_DEFLATED
    with zipfile.ZipFile(out, "w", compression=method) as archive:
        for name, data in members:
            archive.writestr(name, data)
    return out.getvalue()


def make_msg(
    *,
    sender: str,
    to: str,
    subject: str,
    body: str,
    attachments: Sequence[tuple[str, bytes]] = (),
) -> bytes:
    """A minimal Outlook message (MS-OXMSG layout) written with extract-msg's OleWriter."""
    from extract_msg.ole_writer import OleWriter

    def utf16(text: str) -> bytes:
        return text.encode("utf-16-le")

    def properties(entries: Iterable[tuple[int, int]], header: bytes) -> bytes:
        out = bytearray(header)
        for tag, value in entries:
            out += struct.pack("<IIQ", tag, 6, value)
        return bytes(out)

    writer = OleWriter()
    strings = {
        0x001A: "IPM.Note",
        0x0037: subject,
        0x1000: body,
        0x0C1F: sender,
        0x0C1A: sender,
        0x0E04: to,
    }
    entries = []
    for prop, value in strings.items():
        writer.addEntry(f"__substg1.0_{prop:04X}001F", utf16(value))
        entries.append((prop << 16 | 0x001F, len(utf16(value)) + 2))
    writer.addEntry("__nameid_version1.0", storage=True)
    for stream in ("00020102", "00030102", "00040102"):
        writer.addEntry(f"__nameid_version1.0/__substg1.0_{stream}", b"")
    recipient = "__recip_version1.0_#00000000"
    writer.addEntry(recipient, storage=True)
    writer.addEntry(f"{recipient}/__substg1.0_3001001F", utf16(to))
    writer.addEntry(f"{recipient}/__substg1.0_39FE001F", utf16(to))
    writer.addEntry(f"{recipient}/__properties_version1.0", properties([(0x0C150003, 1)], bytes(8)))
    for index, (name, data) in enumerate(attachments):
        storage = f"__attach_version1.0_#{index:08X}"
        writer.addEntry(storage, storage=True)
        writer.addEntry(f"{storage}/__substg1.0_37010102", data)
        writer.addEntry(f"{storage}/__substg1.0_3707001F", utf16(name))
        writer.addEntry(
            f"{storage}/__properties_version1.0",
            properties([(0x37050003, 1), (0x0E200003, len(data))], bytes(8)),
        )
    counts = struct.pack("<IIII", 1, len(attachments), 1, len(attachments))
    writer.addEntry("__properties_version1.0", properties(entries, bytes(8) + counts + bytes(8)))
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()
