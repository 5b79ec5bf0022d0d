"""E-mail: headers, MIME part numbers, HTML bodies, attachments as members, Outlook .msg."""

from __future__ import annotations

import builtins
import email.policy
from email.message import EmailMessage
from typing import Any

import pytest
from faker import Faker

from datawacht.errors import UnsupportedError
from datawacht.records import Location
from unit.extract.helpers import (
    expect,
    fragment_with,
    fragments,
    make_eml,
    make_msg,
    make_zip,
    members,
    points_at,
    run,
)


def test_eml_headers_parts_and_attachments(fake: Faker) -> None:
    sender, to, name = fake.email(), fake.email(), fake.name()
    data = make_eml(
        sender=sender,
        to=to,
        subject="Aanvraag dossier",
        plain=f"Beste {name},\nZie bijlage.\n",
        html=f"<p>Beste <b>{name}</b>,</p><p>Zie bijlage.</p>",
        attachments=[
            ("lijst.csv", b"naam;bsn\nVoorbeeld;111222333\n", "text/csv"),
            ("lijst.csv", b"tweede;lijst\n", "text/csv"),
            ("scan.pdf", b"%PDF-1.7 ...", "application/pdf"),
        ],
    )
    pieces, error = run("bericht.eml", data)
    assert error is None
    headers = fragment_with(pieces, "Subject: Aanvraag dossier")
    assert headers.origin == Location(part="headers")
    expect(sender in headers.text and to in headers.text, "addresses missing from headers")
    bodies = [f for f in fragments(pieces) if f.origin.part != "headers"]
    # multipart/mixed -> 1 = multipart/alternative (1.1 plain, 1.2 html), 2.. attachments
    assert [f.origin.part for f in bodies] == ["1.1", "1.2"]
    expect(all(f"Beste {name}," in f.text for f in bodies), "name not joined in both bodies")
    offsets = [f.offset for f in fragments(pieces)]
    assert offsets == sorted(offsets) and len(set(offsets)) == len(offsets)
    attached = members(pieces)
    assert [m.name for m in attached] == ["lijst.csv", "part-3/lijst.csv", "scan.pdf"]
    assert attached[0].data == b"naam;bsn\nVoorbeeld;111222333\n"
    assert attached[2].data == b"%PDF-1.7 ..."


def test_single_part_mail_body_is_called_body() -> None:
    data = make_eml(sender="a@example.nl", to="b@example.nl", subject="Kort", plain="Alleen tekst")
    pieces, _ = run("kort.eml", data)
    body = fragment_with(pieces, "Alleen tekst")
    assert body.origin == Location(part="body")


def test_body_offsets_point_into_the_concatenated_parts() -> None:
    data = make_eml(sender="a@example.nl", to="b@example.nl", subject="S", plain="regel een\n")
    pieces, _ = run("kort.eml", data)
    joined = "\n".join(fragment.text for fragment in fragments(pieces))
    assert points_at(joined, fragment_with(pieces, "regel een"), "regel een")


def test_forwarded_message_and_nested_zip_become_members() -> None:
    inner = EmailMessage(policy=email.policy.default)
    inner["Subject"] = "Doorgestuurd"
    inner.set_content("Binnenste tekst")
    outer = EmailMessage(policy=email.policy.default)
    outer["Subject"] = "Buiten"
    outer.set_content("Zie doorgestuurd bericht")
    outer.add_attachment(inner)
    outer.add_attachment(
        make_zip([("a.txt", b"inhoud")]),
        maintype="application",
        subtype="zip",
        filename="archief.zip",
    )
    pieces, error = run("buiten.eml", outer.as_bytes())
    assert error is None
    forwarded, archive = members(pieces)
    assert forwarded.name == "part-2.eml"
    nested, _ = run(forwarded.name, forwarded.data)
    assert fragment_with(nested, "Binnenste tekst").origin == Location(part="body")
    assert archive.name == "archief.zip"
    assert [m.name for m in members(run(archive.name, archive.data)[0])] == ["a.txt"]


def test_unknown_charset_falls_back_to_guessing() -> None:
    raw = (
        b"From: a@example.nl\nSubject: x\nContent-Type: text/plain; charset=x-onbekend\n\n"
        b"caf\xe9 \x80 5\n"
    )
    pieces, error = run("raar.eml", raw)
    assert error is None
    assert fragment_with(pieces, "café").text.strip() == "café € 5"


def test_msg_headers_body_and_attachments(fake: Faker) -> None:
    pytest.importorskip("extract_msg")
    sender, to, name = fake.email(), fake.email(), fake.name()
    data = make_msg(
        sender=sender,
        to=to,
        subject="Verzoek",
        body=f"Beste {name},\r\nin de bijlage het overzicht.",
        attachments=[("overzicht.csv", b"naam;bsn\nVoorbeeld;111222333\n")],
    )
    pieces, error = run("verzoek.msg", data)
    assert error is None
    headers = fragment_with(pieces, "Subject: Verzoek")
    assert headers.origin == Location(part="headers")
    expect(sender in headers.text and to in headers.text, "addresses missing from headers")
    body = fragment_with(pieces, "in de bijlage")
    assert body.origin == Location(part="body")
    expect(name in body.text, "name missing from body")
    [attachment] = members(pieces)
    assert (attachment.name, attachment.data) == (
        "overzicht.csv",
        b"naam;bsn\nVoorbeeld;111222333\n",
    )


def test_msg_without_extract_msg_says_how_to_install(monkeypatch: pytest.MonkeyPatch) -> None:
    real_import = builtins.__import__

    def no_extract_msg(name: str, *args: Any, **kwargs: Any) -> Any:
        if name == "extract_msg":
            raise ImportError("not installed")
        return real_import(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", no_extract_msg)
    ole = bytes.fromhex("d0cf11e0a1b11ae1") + bytes(504) + "__substg1.0_".encode("utf-16-le")
    pieces, error = run("bericht.msg", ole)
    assert pieces == []
    assert isinstance(error, UnsupportedError)
    assert "pip install datawacht[msg]" in error.detail
