"""PDF through pypdf: one Fragment per page, `origin.page` 1-based.

Offsets and lines run through the page texts joined by "\\n" (see
`Concatenation`), so every fragment of the object has its own offset; the
page is what a reader uses to find a finding.

A scanned document has pages without a text layer, and a scanner that
reports it "clean" would be lying: such a PDF is reported `partial` with the
reason "no text layer", after the pages that do have text were yielded.
Pages with neither text nor images are blank and not counted.
"""

from __future__ import annotations

import io
from collections.abc import Iterator

from pypdf import PageObject, PasswordType, PdfReader
from pypdf.errors import DependencyError

from datawacht.errors import CorruptError, EncryptedError, NoTextLayerError
from datawacht.extract.failures import describe
from datawacht.extract.text import Concatenation
from datawacht.limits import Limits
from datawacht.records import Fragment, Location


def extract_pdf(data: bytes, limits: Limits) -> Iterator[Fragment]:
    """Page texts; raises after yielding when pages failed or had no text layer."""
    reader = PdfReader(io.BytesIO(data))
    if reader.is_encrypted:
        _decrypt_with_empty_password(reader)
    positions = Concatenation()
    pages = unreadable = empty = image_only = 0
    complaint = ""
    for number, page in enumerate(reader.pages, start=1):
        pages += 1
        try:
            text = page.extract_text()
        except Exception as exc:  # one broken page must not hide the others
            unreadable += 1
            complaint = describe(exc)
            text = ""
        yield from positions.add(text, Location(page=number))
        if not text.strip():
            empty += 1
            image_only += _has_images(page)
    if unreadable:
        raise CorruptError(f"pdf: text of {unreadable} of {pages} pages unreadable ({complaint})")
    if pages and empty == pages:
        raise NoTextLayerError("no text layer (scanned image?)")
    if image_only:
        raise NoTextLayerError(f"no text layer on {image_only} of {pages} pages (scanned images?)")


def _decrypt_with_empty_password(reader: PdfReader) -> None:
    """Open a PDF that has only an owner password (printing/copying restrictions)."""
    try:
        opened = reader.decrypt("")
    except (DependencyError, NotImplementedError):
        raise EncryptedError("encrypted PDF (encryption method not supported)") from None
    if opened == PasswordType.NOT_DECRYPTED:
        raise EncryptedError("password-protected PDF")


def _has_images(page: PageObject) -> bool:
    try:
        return len(page.images) > 0
    except Exception:  # an unreadable image list says nothing either way
        return False
