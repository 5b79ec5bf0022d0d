"""Hypothesis strategies that damage a valid document the way disks, truncated
downloads, broken exporters and hostile senders do.

A mutation is a small tuple (printed by hypothesis when an example fails,
so a failure is reproducible from the seed id and the mutation list, without
printing the document).  Positions are taken modulo the current length, so
they shrink towards the start of the file.

Containers (docx, xlsx, odt, ods, zip) are also damaged from the inside: one
member's bytes are mutated and the archive is rebuilt with valid checksums,
so that the XML and spreadsheet parsers behind the zip layer are reached
instead of stopping at a CRC error.
"""

from __future__ import annotations

import io
import re
import zipfile
from functools import cache

from hypothesis import strategies as st

Mutation = tuple[object, ...]

POSITION = st.integers(min_value=0, max_value=1 << 20)

TOKENS: tuple[bytes, ...] = (
    # encodings: byte-order marks, lone UTF-8 lead bytes, an encoded surrogate
    b"\x00", b"\xff", b"\xff\xfe", b"\xfe\xff", b"\xef\xbb\xbf", b"\xc3", b"\xed\xa0\x80",
    # markup
    b"<", b">", b"</", b"/>", b"<!--", b"-->", b"<![CDATA[", b"]]>", b"&", b"&#", b"&#x110000;",
    b"&#0;", b"&bogus;", b"<!DOCTYPE x [<!ENTITY a \"aaaaaaaa\">]>", b"&a;", b'xmlns:x="urn:x"',
    b'table:number-rows-repeated="99999999"', b'table:number-columns-repeated="99999999"',
    b'text:c="99999999"', b' r="XFD1048576"', b'<dimension ref="A1:XFD1048576"/>',
    # text and tables
    b'"', b"'", b"\\", b"\\u", b'"\\ud800"', b"{", b"}", b"[", b"]", b"(", b")", b",", b";",
    b"\t", b"\r", b"\n", b"\r\n", b"\n\\.\n", b"COPY x (a) FROM stdin;\n",
    b"INSERT INTO t VALUES (", b"CREATE TABLE t (", b"E'", b"--", b"/*", b"*/", b"`",
    b"[" * 64, b"{" * 64,
    # PDF
    b"obj", b"endobj", b"stream\n", b"endstream", b"xref", b"trailer", b"/Length 99999999",
    b" 0 R", b"%%EOF", b"/Encrypt", b"/Filter /FlateDecode", b"/Count 99999999", b"BT", b"Tj",
    # zip
    b"PK\x03\x04", b"PK\x01\x02", b"PK\x05\x06", b"\xff\xff\xff\xff",
    # mail
    b"=?utf-8?b?", b"=?x-unknown?q?", b"Content-Type: multipart/mixed; boundary=x\n", b"--x\n",
    b"Content-Transfer-Encoding: base64\n", b'charset="x-unknown"', b"message/rfc822",
)  # fmt: skip
"""Bytes that mean something to one of the parsers."""

NUMBERS: tuple[bytes, ...] = (
    b"0", b"-1", b"1048576", b"16384", b"65535", b"2147483648", b"4294967296",
    b"99999999999999999999", b"1e308", b"1E+99999", b"NaN",
)  # fmt: skip
"""Replacements for a number in the file: counts, lengths and offsets."""

MUTATION: st.SearchStrategy[Mutation] = st.one_of(
    st.tuples(st.just("flip"), POSITION, st.integers(min_value=1, max_value=255)),
    st.tuples(st.just("truncate"), POSITION),
    st.tuples(st.just("insert"), POSITION, st.binary(min_size=1, max_size=32)),
    st.tuples(st.just("token"), POSITION, st.sampled_from(TOKENS)),
    st.tuples(st.just("number"), POSITION, st.sampled_from(NUMBERS)),
    st.tuples(st.just("duplicate"), POSITION, st.integers(min_value=1, max_value=1024), POSITION),
    st.tuples(st.just("zero"), POSITION, st.integers(min_value=1, max_value=512)),
)

MUTATIONS = st.lists(MUTATION, min_size=1, max_size=4)

CONTAINER_KINDS = frozenset({"docx", "xlsx", "odt", "ods", "zip"})

_NUMBER = re.compile(rb"[0-9]+")


def apply(data: bytes, mutations: list[Mutation]) -> bytes:
    """`data` after every mutation in turn."""
    out = bytearray(data)
    for mutation in mutations:
        out = _apply_one(out, mutation)
    return bytes(out)


def _apply_one(out: bytearray, mutation: Mutation) -> bytearray:
    op, position, *args = mutation
    at = position % (len(out) + 1)
    if op == "flip":
        if out:
            out[at % len(out)] ^= args[0]
    elif op == "truncate":
        del out[at:]
    elif op in ("insert", "token"):
        out[at:at] = args[0]
    elif op == "number":  # the position picks one of the numbers in the file
        numbers = [match.span() for match in _NUMBER.finditer(out)]
        if numbers:
            start, end = numbers[position % len(numbers)]
            out[start:end] = args[0]
    elif op == "duplicate":
        length, target = args
        piece = out[at : at + length]
        where = target % (len(out) + 1)
        out[where:where] = piece
    elif op == "zero":
        length = args[0]
        end = min(len(out), at + length)
        out[at:end] = bytes(end - at)
    return out


@cache
def members(data: bytes) -> tuple[tuple[zipfile.ZipInfo, bytes], ...]:
    """The members of a (valid) seed archive with their uncompressed bytes."""
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return tuple((info, archive.read(info)) for info in archive.infolist())


def repack(data: bytes, index: int, mutations: list[Mutation]) -> bytes:
    """The archive rebuilt with member `index` mutated (CRCs valid again)."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        for number, (info, content) in enumerate(members(data)):
            if number == index:
                content = apply(content, mutations)
            archive.writestr(info, content)
    return out.getvalue()


INSIDE = st.one_of(st.none(), st.integers(min_value=0, max_value=255))
"""None: damage the file's bytes; a number: damage that member (modulo their count)."""


def damage(data: bytes, kind: str, inside: int | None, mutations: list[Mutation]) -> bytes:
    """`data` mutated from the outside, or for containers from the inside."""
    if inside is not None and kind in CONTAINER_KINDS:
        return repack(data, inside % len(members(data)), mutations)
    return apply(data, mutations)
