"""Zip: members in memory, hostile names, encrypted members, and the bomb limits."""

from __future__ import annotations

import io
import struct
import zipfile

from datawacht.errors import ArchiveLimitError, CorruptError
from datawacht.extract.archive import RATIO_FLOOR_BYTES
from datawacht.limits import Limits
from unit.extract.helpers import make_zip, members, run


def test_members_names_data_and_nesting() -> None:
    inner = make_zip([("diep/notitie.txt", b"binnenin")])
    data = make_zip(
        [
            ("map/", b""),
            ("map/lijst.csv", b"naam;bsn\n"),
            ("../../etc/passwd", b"geen schrijfactie"),
            ("/absoluut.txt", b"ook niet"),
            ("binnen.zip", inner),
        ]
    )
    pieces, error = run("archief.zip", data)
    assert error is None
    found = members(pieces)
    assert [m.name for m in found] == [
        "map/lijst.csv",
        "../../etc/passwd",
        "/absoluut.txt",
        "binnen.zip",
    ]
    assert found[0].data == b"naam;bsn\n"
    assert all(m.skip_reason is None and m.mtime is not None for m in found)
    nested = members(run(found[3].name, found[3].data)[0])
    assert [(m.name, m.data) for m in nested] == [("diep/notitie.txt", b"binnenin")]


def set_encrypted_flag(data: bytes, name: str) -> bytes:
    """Set general purpose bit 0 of `name` in its local and central headers."""
    buffer = bytearray(data)
    encoded = name.encode()
    for signature, flag_at, name_at in ((b"PK\x03\x04", 6, 30), (b"PK\x01\x02", 8, 46)):
        start = 0
        while (start := buffer.find(signature, start)) >= 0:
            if buffer[start + name_at : start + name_at + len(encoded)] == encoded:
                (flags,) = struct.unpack_from("<H", buffer, start + flag_at)
                struct.pack_into("<H", buffer, start + flag_at, flags | 0x1)
            start += 4
    return bytes(buffer)


def test_encrypted_member_is_skipped_with_reason() -> None:
    data = set_encrypted_flag(make_zip([("open.txt", b"a"), ("dicht.txt", b"b")]), "dicht.txt")
    pieces, error = run("deels.zip", data)
    assert error is None
    [open_member, closed] = members(pieces)
    assert (open_member.name, open_member.skip_reason) == ("open.txt", None)
    assert (closed.name, closed.data, closed.skip_reason) == ("dicht.txt", b"", "encrypted")


def test_member_count_limit_yields_the_first_then_raises() -> None:
    data = make_zip([(f"bestand-{n}.txt", b"x") for n in range(6)])
    pieces, error = run("veel.zip", data, Limits(archive_members=4))
    assert [m.name for m in members(pieces)] == [f"bestand-{n}.txt" for n in range(4)]
    assert isinstance(error, ArchiveLimitError)
    assert error.reason == "archive limit"


def test_member_over_the_ratio_is_skipped() -> None:
    bomb = bytes(RATIO_FLOOR_BYTES * 4)  # zeros deflate about a thousandfold
    data = make_zip([("klein.txt", b"gewoon"), ("bom.bin", bomb)])
    pieces, error = run("bom.zip", data, Limits(archive_ratio=100))
    assert error is None
    small, skipped = members(pieces)
    assert small.data == b"gewoon"
    assert (skipped.name, skipped.data, skipped.skip_reason) == ("bom.bin", b"", "archive limit")


def test_total_size_limit_counts_declared_sizes() -> None:
    data = make_zip([("a.txt", b"a" * 600), ("b.txt", b"b" * 600)], stored=True)
    pieces, error = run("groot.zip", data, Limits(archive_total_bytes=1000))
    assert [m.name for m in members(pieces)] == ["a.txt"]
    assert isinstance(error, ArchiveLimitError)


def test_lying_size_header_does_not_inflate_the_read() -> None:
    """A central directory that understates the size: the read stops at the declared size."""
    data = bytearray(make_zip([("leugen.txt", b"z" * 5000)]))
    central = data.find(b"PK\x01\x02")
    struct.pack_into("<I", data, central + 24, 10)  # uncompressed size: 10 instead of 5000
    pieces, _ = run("leugen.zip", bytes(data), Limits(archive_total_bytes=1000))
    [member] = members(pieces)
    assert len(member.data) <= 10 and member.skip_reason in (None, "corrupt")


def test_corrupt_member_data_is_reported_per_member() -> None:
    data = bytearray(make_zip([("goed.txt", b"goed" * 100), ("slecht.txt", b"slecht" * 100)]))
    local = data.find(b"PK\x03\x04", data.find(b"slecht.txt") - 40)
    payload = local + 30 + len("slecht.txt")
    data[payload : payload + 8] = b"\xff" * 8
    pieces, error = run("half.zip", bytes(data))
    assert error is None
    good, bad = members(pieces)
    assert good.skip_reason is None
    assert (bad.name, bad.skip_reason) == ("slecht.txt", "corrupt")


def test_not_a_zip_at_all_is_corrupt() -> None:
    _, error = run("kapot.zip", b"PK\x03\x04" + bytes(100))
    assert isinstance(error, CorruptError)


def test_empty_zip_yields_nothing() -> None:
    out = io.BytesIO()
    zipfile.ZipFile(out, "w").close()
    assert run("leeg.zip", out.getvalue()) == ([], None)
