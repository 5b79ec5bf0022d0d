"""OpenDocument text (odt), read with odfpy.

Paragraphs and headings in document order (including those in tables,
frames and notes), then those of the page headers and footers, joined with
"\\n", as for docx; `line` is the paragraph number.  Spreadsheets (ods) are
streamed row by row instead (`ods.py`).
"""

from __future__ import annotations

import contextlib
import io
import zipfile
from collections.abc import Iterator

from odf import teletype
from odf.element import Element
from odf.namespaces import TEXTNS
from odf.opendocument import OpenDocument, load
from odf.text import S

from datawacht.errors import CorruptError
from datawacht.extract.ods import MAX_SPACES, refuse_encrypted
from datawacht.extract.text import split_text
from datawacht.limits import Limits
from datawacht.records import Fragment

_PARAGRAPHS = frozenset({(TEXTNS, "p"), (TEXTNS, "h")})


def extract_odt(data: bytes, limits: Limits) -> Iterator[Fragment]:
    """Paragraph and heading text as one "\\n"-joined text, one line per
    paragraph; what could be read of a part that does not parse, then
    CorruptError."""
    document, well_formed = _load(data)
    roots = [document.text, document.masterstyles]
    texts = (teletype.extractText(p).replace("\n", " ") for p in _outer_paragraphs(roots))
    yield from split_text("\n".join(texts))
    if not well_formed:
        raise CorruptError("odt: an XML part is not well-formed; what parsed was read")


def _load(data: bytes) -> tuple[OpenDocument, bool]:
    """The parsed document, and whether every XML part parsed (else it holds
    what odfpy read); EncryptedError when the manifest says it is encrypted."""
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        refuse_encrypted(package)
    printed = io.StringIO()
    # odfpy prints an XML part it cannot parse, content and all, and goes on
    # with what it read: nothing of a document may reach the output or a log.
    with contextlib.redirect_stdout(printed):
        document = load(io.BytesIO(data))
    for spaces in document.getElementsByType(S):
        if int(spaces.getAttrNS(TEXTNS, "c") or 1) > MAX_SPACES:
            spaces.setAttrNS(TEXTNS, "c", str(MAX_SPACES))
    return document, not printed.getvalue()


def _outer_paragraphs(roots: list[Element]) -> Iterator[Element]:
    """text:p and text:h elements in document order, not descending into them.

    extractText already includes nested paragraphs (a frame or a note inside
    a paragraph), so descending would read them twice.
    """
    stack = list(reversed(roots))
    while stack:
        node = stack.pop()
        if getattr(node, "qname", None) in _PARAGRAPHS:
            yield node
        else:
            stack.extend(reversed(node.childNodes))
