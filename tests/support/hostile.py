"""A share with everything a hostile or careless user leaves on it, next to
ordinary letters (issue 9).

`build(root)` writes the tree and returns what a scan must report: for every
hostile object its status and reason, and for every ordinary letter the
fingerprints of the values in it.  Everything is generated and fictitious.
"""

from __future__ import annotations

import ctypes
import io
import os
import random
import socket
import stat
import struct
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from support.values import make_bsn

ONE_LINE_BYTES = 100 * 1024 * 1024
PR_SET_SECUREBITS = 28
NOROOT_AND_NO_SETUID_FIXUP_LOCKED = 0x1 | 0x2 | 0x4 | 0x8
DEPTH = 150


@dataclass
class Expected:
    """What the scan must report about the tree.

    `broken`: path (as reported) → (status, reason) of objects that cannot
    be (fully) read.  `letters`: path → BSNs that must be found there.
    `unreadable`: paths only an unprivileged user cannot read (root reads
    them like any file).  `written_outside`: where a member with a hostile
    name would land if anything wrote it to disk.  `sockets`: listening on
    the share; the scan must never connect to them."""

    broken: dict[str, tuple[str, str]] = field(default_factory=dict)
    letters: dict[str, list[str]] = field(default_factory=dict)
    unreadable: dict[str, tuple[str, str]] = field(default_factory=dict)
    written_outside: list[Path] = field(default_factory=list)
    sockets: list[socket.socket] = field(default_factory=list)


def letter(bsn: str) -> str:
    return (
        "Geachte heer Testpersoon,\n\n"
        f"Uw burgerservicenummer (BSN) is {bsn[:4]}.{bsn[4:6]}.{bsn[6:]}.\n"
        "Met vriendelijke groet,\nGemeente Fictief\n"
    )


def build(root: Path, members: int = 12_000, rng: random.Random | None = None) -> Expected:
    """`members`: of the archive with too many members; above the default
    `limits.archive_members` (10,000) unless a test lowers that."""
    rng = rng or random.Random(9)
    expected = Expected()
    root.mkdir(parents=True, exist_ok=True)
    _letters(root, rng, expected)
    _archives(root, rng, expected, members)
    _broken_documents(root, rng, expected)
    _encrypted(root, rng, expected)
    _noise_and_lines(root, rng, expected)
    _links_and_specials(root, expected)
    _names(root, rng, expected)
    _unreadable(root, rng, expected)
    return expected


def _put(expected: Expected, path: Path, rng: random.Random, data: str, encoding: str) -> None:
    bsn = make_bsn(rng)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data.replace("{letter}", letter(bsn)).encode(encoding))
    expected.letters[str(path)] = [bsn]


def _letters(root: Path, rng: random.Random, expected: Expected) -> None:
    import docx
    from fpdf import FPDF

    _put(expected, root / "brieven" / "brief.txt", rng, "{letter}", "utf-8")
    _put(expected, root / "brieven" / "utf16.txt", rng, "\ufeff{letter}", "utf-16-le")
    _put(expected, root / "brieven" / "cp1252.txt", rng, "Café-overleg.\n{letter}", "cp1252")
    deep = root / "diep" / Path(*["map"] * DEPTH)
    _put(expected, deep / "brief.txt", rng, "{letter}", "utf-8")

    bsn = make_bsn(rng)
    document = docx.Document()
    for line in letter(bsn).splitlines():
        document.add_paragraph(line)
    buffer = io.BytesIO()
    document.save(buffer)
    (root / "brieven" / "brief.docx").write_bytes(buffer.getvalue())
    expected.letters[str(root / "brieven" / "brief.docx")] = [bsn]

    bsn = make_bsn(rng)
    pdf = FPDF()
    pdf.set_font("helvetica", size=12)
    pdf.add_page()
    pdf.multi_cell(0, 8, letter(bsn))
    (root / "brieven" / "brief.pdf").write_bytes(bytes(pdf.output()))
    expected.letters[str(root / "brieven" / "brief.pdf")] = [bsn]


def _zip(members: list[tuple[str, bytes]]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        for name, data in members:
            archive.writestr(name, data)
    return out.getvalue()


def _archives(root: Path, rng: random.Random, expected: Expected, members: int) -> None:
    folder = root / "archief"
    folder.mkdir()
    # A nested bomb: 64 MiB of zeros, zipped again five levels deep, ten
    # copies a level: 6 TiB unpacked.
    level = _zip([("nul.bin", bytes(64 * 1024 * 1024))])
    for depth in range(5):
        level = _zip([(f"laag{depth}-{n}.zip", level) for n in range(10)])
    (folder / "bom.zip").write_bytes(level)
    expected.broken[str(folder / "bom.zip")] = ("partial", "archive limit")
    # Far more members than the limit allows.
    (folder / "leden.zip").write_bytes(_zip([(f"leeg{n}.txt", b"") for n in range(members)]))
    expected.broken[str(folder / "leden.zip")] = ("partial", "archive limit")
    # Members that would escape the folder if anything wrote them to disk.
    bsn = make_bsn(rng)
    escape = _zip([("../../ontsnapt.txt", letter(bsn).encode()), ("/tmp/absoluut.txt", b"x")])
    (folder / "pad.zip").write_bytes(escape)
    expected.letters[f"{folder / 'pad.zip'}!/../../ontsnapt.txt"] = [bsn]
    expected.written_outside += [
        root.parent / "ontsnapt.txt",
        root.parent.parent / "ontsnapt.txt",
        Path("/tmp/absoluut.txt"),
    ]


def _broken_documents(root: Path, rng: random.Random, expected: Expected) -> None:
    folder = root / "kapot"
    folder.mkdir()
    complete = {
        name: (root / "brieven" / name).read_bytes() for name in ("brief.docx", "brief.pdf")
    }
    for name, data in complete.items():
        path = folder / f"afgebroken-{name}"
        path.write_bytes(data[: len(data) // 2])
        expected.broken[str(path)] = ("error", "corrupt")


def _set_encrypted_flag(data: bytes) -> bytes:
    """Bit 0 of the general purpose flags in every local and central header."""
    buffer = bytearray(data)
    for signature, flag_at in ((b"PK\x03\x04", 6), (b"PK\x01\x02", 8)):
        start = 0
        while (start := buffer.find(signature, start)) >= 0:
            (flags,) = struct.unpack_from("<H", buffer, start + flag_at)
            struct.pack_into("<H", buffer, start + flag_at, flags | 0x1)
            start += 4
    return bytes(buffer)


def _encrypted(root: Path, rng: random.Random, expected: Expected) -> None:
    import msoffcrypto.format.ooxml
    from pypdf import PdfReader, PdfWriter

    folder = root / "versleuteld"
    folder.mkdir()
    writer = PdfWriter(clone_from=PdfReader(root / "brieven" / "brief.pdf"))
    writer.encrypt(user_password="geheim", owner_password="eigenaar", algorithm="AES-128")
    with open(folder / "brief.pdf", "wb") as handle:
        writer.write(handle)
    expected.broken[str(folder / "brief.pdf")] = ("error", "encrypted")

    plain = io.BytesIO((root / "brieven" / "brief.docx").read_bytes())
    with open(folder / "brief.docx", "wb") as handle:
        msoffcrypto.format.ooxml.OOXMLFile(plain).encrypt("geheim", handle)
    expected.broken[str(folder / "brief.docx")] = ("error", "encrypted")

    sealed = _set_encrypted_flag(_zip([("brief.txt", letter(make_bsn(rng)).encode())]))
    (folder / "brieven.zip").write_bytes(sealed)
    expected.broken[f"{folder / 'brieven.zip'}!/brief.txt"] = ("error", "encrypted")
    expected.broken[str(folder / "brieven.zip")] = ("partial", "encrypted")


def _noise_and_lines(root: Path, rng: random.Random, expected: Expected) -> None:
    folder = root / "ruis"
    folder.mkdir()
    noise = rng.randbytes(4 * 1024 * 1024)
    for name in ("ruis.bin", "ruis.txt"):
        (folder / name).write_bytes(noise)
        expected.broken[str(folder / name)] = ("skipped", "unsupported")
    # 100 MB without a line break: words, with a value at the very start.
    bsn = make_bsn(rng)
    words = b"overleg planning budget afdeling notulen besluit actiepunt "
    head = f"BSN {bsn[:4]}.{bsn[4:6]}.{bsn[6:]} ".encode()
    with open(folder / "een-regel.txt", "wb") as handle:
        handle.write(head)
        handle.write(words * ((ONE_LINE_BYTES - len(head)) // len(words)))
    expected.letters[str(folder / "een-regel.txt")] = [bsn]
    expected.broken[str(folder / "een-regel.txt")] = ("partial", "too large")  # max_chars


def _links_and_specials(root: Path, expected: Expected) -> None:
    folder = root / "speciaal"
    folder.mkdir()
    os.symlink("lus2", folder / "lus1")
    os.symlink("lus1", folder / "lus2")
    os.symlink(".", folder / "zelf")
    os.symlink("../..", folder / "omhoog")
    for name in ("lus1", "lus2", "zelf", "omhoog"):
        expected.broken[str(folder / name)] = ("skipped", "not a regular file")
    os.mkfifo(folder / "pijp")
    expected.broken[str(folder / "pijp")] = ("skipped", "not a regular file")
    listener = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    listener.bind(str(folder / "stopcontact"))
    listener.listen(1)
    expected.sockets.append(listener)
    expected.broken[str(folder / "stopcontact")] = ("skipped", "not a regular file")
    if os.geteuid() == 0:
        os.mknod(folder / "apparaat", 0o600 | stat.S_IFCHR, os.makedev(1, 3))  # like /dev/null
        expected.broken[str(folder / "apparaat")] = ("skipped", "not a regular file")


def _names(root: Path, rng: random.Random, expected: Expected) -> None:
    folder = root / "namen"
    folder.mkdir()
    _put(expected, folder / "regel\nbreuk.txt", rng, "{letter}", "utf-8")
    bsn = make_bsn(rng)
    raw = os.fsencode(folder) + b"/ongeldig-\xff\xfe.txt"
    with open(raw, "wb") as handle:
        handle.write(letter(bsn).encode())
    # Reported with the undecodable bytes written as escapes.
    expected.letters[f"{folder}/ongeldig-\\xff\\xfe.txt"] = [bsn]


def _unreadable(root: Path, rng: random.Random, expected: Expected) -> None:
    folder = root / "geen-toegang"
    _put(expected, folder / "dicht.txt", rng, "{letter}", "utf-8")
    (folder / "dicht.txt").chmod(0)
    expected.unreadable[str(folder / "dicht.txt")] = ("error", "unreadable")
    _put(expected, folder / "map" / "brief.txt", rng, "{letter}", "utf-8")
    (folder / "map").chmod(0)
    expected.unreadable[str(folder / "map")] = ("error", "unreadable")


def drop_privileges() -> None:
    """Before exec, as root: keep uid 0 but give up every capability, so
    that the permission bits bind as for any user (a chmod 000 file is
    unreadable).  Securebits NOROOT: exec grants root no capabilities."""
    if os.geteuid() != 0:
        return
    libc = ctypes.CDLL(None, use_errno=True)
    if libc.prctl(PR_SET_SECUREBITS, NOROOT_AND_NO_SETUID_FIXUP_LOCKED, 0, 0, 0) != 0:
        raise OSError(ctypes.get_errno(), "prctl(PR_SET_SECUREBITS) failed")


def scan_environment(state: Path, key: str, **settings: str) -> dict[str, str]:
    """This environment for `datawacht scan`, with its own state directory,
    key and no outside config or database; `settings` are more variables."""
    env = {
        **os.environ,
        "HOME": str(state),
        "DATAWACHT_STATE_DIR": str(state),
        "DATAWACHT_FINGERPRINT_KEY": key,
        "XDG_CONFIG_HOME": str(state / "config"),
        **settings,
    }
    env.pop("DATAWACHT_DB", None)
    env.pop("DATAWACHT_CONFIG", None)
    return env
