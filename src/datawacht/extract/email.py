"""E-mail: .eml through the standard library, Outlook .msg through extract-msg.

The address headers and the subject become one Fragment with
`origin.part == "headers"`; each text part becomes Fragments with its MIME
part number ("1", "1.2"; "body" for a message that is not multipart);
offsets and lines run through the parts joined by "\\n" (`Concatenation`).
HTML parts are turned into text.  Attachments and forwarded messages are
returned as Members, so that the pipeline scans them as nested objects
with their own kind, status and findings.

extract-msg is GPL-3.0 and therefore optional (`pip install datawacht[msg]`).
"""

from __future__ import annotations

import email
from collections.abc import Iterator
from email import policy
from email.message import EmailMessage, Message
from typing import Any

from datawacht.errors import UnsupportedError
from datawacht.extract.encoding import decode
from datawacht.extract.markup import html_to_text
from datawacht.extract.text import Concatenation
from datawacht.limits import Limits
from datawacht.records import Fragment, Location, Member

ADDRESS_HEADERS = ("From", "Sender", "Reply-To", "To", "Cc", "Bcc", "Subject")
MSG_EXTRA_HINT = "pip install datawacht[msg]"


def extract_eml(data: bytes, limits: Limits) -> Iterator[Fragment | Member]:
    """Headers, text parts and attachments of a MIME message."""
    message = email.message_from_bytes(data, policy=policy.default)
    positions = Concatenation()
    headers = [
        f"{name}: {value}" for name in ADDRESS_HEADERS for value in message.get_all(name, [])
    ]
    yield from positions.add("\n".join(headers), Location(part="headers"))
    names = _UniqueNames()
    for number, part in _leaf_parts(message, ""):
        filename = part.get_filename()
        content_type = part.get_content_type()
        if content_type == "message/rfc822":
            forwarded = part.get_payload(0)
            yield Member(names.pick(filename or f"part-{number}.eml", number), forwarded.as_bytes())
        elif part.is_attachment() or filename or part.get_content_maintype() != "text":
            payload = part.get_payload(decode=True)
            data = payload if isinstance(payload, bytes) else b""
            yield Member(names.pick(filename or f"part-{number}", number), data)
        else:
            text = _part_text(part)
            if content_type == "text/html":
                text = html_to_text(text)
            yield from positions.add(text, Location(part=number))


def _leaf_parts(part: Message, number: str) -> Iterator[tuple[str, Message]]:
    """(part number, part) for every non-multipart part, IMAP-style numbering."""
    if part.is_multipart() and part.get_content_type() != "message/rfc822":
        for index, child in enumerate(part.get_payload(), start=1):
            yield from _leaf_parts(child, f"{number}.{index}" if number else str(index))
    else:
        yield number or "body", part


def _part_text(part: Message) -> str:
    """The decoded text of a text part; a wrong or unknown charset falls back to guessing."""
    if isinstance(part, EmailMessage):
        try:
            return str(part.get_content())
        except (LookupError, UnicodeError):
            pass
    payload = part.get_payload(decode=True)
    return decode(payload).text if isinstance(payload, bytes) else ""


class _UniqueNames:
    """Member names become object ids, so two attachments called "scan.pdf" must differ.

    A repeated name is put under its part number ("part-3/scan.pdf"), which
    keeps the file name, and with it the extension, as the last component.
    """

    def __init__(self) -> None:
        self._seen: set[str] = set()

    def pick(self, name: str, part: str) -> str:
        if name in self._seen:
            name = f"part-{part}/{name}"
        self._seen.add(name)
        return name


def extract_msg(data: bytes, limits: Limits) -> Iterator[Fragment | Member]:
    """Sender, recipients, subject, body and attachments of an Outlook message."""
    try:
        import extract_msg as outlook  # optional: GPL-3.0
    except ImportError:
        raise UnsupportedError(
            f"Outlook .msg files need the optional extract-msg package: {MSG_EXTRA_HINT}"
        ) from None
    # strict=False: appointments, contacts and unknown classes open as a basic message.
    message = outlook.openMsg(data, strict=False)
    try:
        yield from _msg_pieces(message)
    finally:
        message.close()


def _msg_pieces(message: Any) -> Iterator[Fragment | Member]:
    """The pieces of an extract-msg message object (duck-typed: the package is optional)."""
    positions = Concatenation()
    fields = (("From", "sender"), ("To", "to"), ("Cc", "cc"), ("Subject", "subject"))
    headers = []
    for name, attribute in fields:
        value = getattr(message, attribute, None)
        if value:
            headers.append(f"{name}: {value}")
    yield from positions.add("\n".join(headers), Location(part="headers"))
    body = getattr(message, "body", None)
    if not body:
        html = getattr(message, "htmlBody", None)
        body = html_to_text(decode(html).text) if html else ""
    yield from positions.add(str(body), Location(part="body"))
    names = _UniqueNames()
    for index, attachment in enumerate(getattr(message, "attachments", []), start=1):
        name = names.pick(attachment.getFilename() or f"attachment-{index}", str(index))
        content = attachment.data
        if isinstance(content, bytes):
            yield Member(name, content)
        elif hasattr(content, "exportBytes"):
            embedded = name if name.lower().endswith(".msg") else f"{name}.msg"
            yield Member(embedded, content.exportBytes())
        else:
            yield Member(name, b"", skip_reason="unsupported")
