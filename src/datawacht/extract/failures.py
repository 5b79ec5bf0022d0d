"""A parser's complaint, summarised so that it can be stored and shown.

Error details end up in reports, logs and the findings database, which
must never hold document content.  Parser libraries describe structure
("EOF marker not found", "Bad CRC-32"), but a generic ValueError or KeyError
may carry a cell value or a dictionary key taken from the document, so only
messages from the parsers listed here are kept, shortened; for anything
else the detail is the exception's type name.

Even the listed parsers quote the input they choke on: pypdf shows the
bytes around a broken object (`Invalid Elementary Object starting with
b'?' @331: b'...'`), zipfile the member name.  Quoted literals are therefore
cut out of every kept message.  libxml2 (lxml) names elements, attributes
and entities without quotes (`Opening and ending tag mismatch: p line 1
and Jansen`), so an lxml error is described by its error code and position
instead of its message.
"""

from __future__ import annotations

import re
from functools import cache

MAX_MESSAGE = 160

STRUCTURAL_MESSAGE_MODULES = frozenset(
    {"zipfile", "zlib", "_csv", "pypdf", "lxml", "xml", "docx", "openpyxl", "odf", "olefile"}
)
"""Top-level modules whose exception messages describe structure, not content."""

QUOTED = "…"

# A str or bytes literal as repr() writes it, or a quoted name: from a quote
# that does not follow a letter (so "Couldn't" is no quote) to its closing
# quote, or to the end of a message that was cut off.
_QUOTED_LITERAL = re.compile(r"""(?<!\w)b?(['"])(?:\\.|(?!\1).)*(?:\1|$)""", re.DOTALL)


def describe(exc: BaseException) -> str:
    """'TypeName: structural message' or just 'TypeName'."""
    name = type(exc).__name__
    module = type(exc).__module__.split(".", 1)[0]
    if module not in STRUCTURAL_MESSAGE_MODULES:
        return name
    if module == "lxml":
        return f"{name}: {_libxml2_error(exc)}" if hasattr(exc, "code") else name
    message = " ".join(_QUOTED_LITERAL.sub(QUOTED, str(exc)).split())
    return f"{name}: {message[:MAX_MESSAGE]}" if message else name


def _libxml2_error(exc: BaseException) -> str:
    """libxml2's name for the error and where it happened, e.g.
    'ERR_TAG_NAME_MISMATCH at line 3, column 17'."""
    code = getattr(exc, "code", None)
    where = getattr(exc, "position", None)
    text = _libxml2_names().get(code, f"error {code}") if isinstance(code, int) else "error"
    if isinstance(where, tuple) and len(where) == 2:
        text += f" at line {where[0]}, column {where[1]}"
    return text


@cache
def _libxml2_names() -> dict[int, str]:
    from lxml import etree

    return {
        value: key
        for key, value in vars(etree.ErrorTypes).items()
        if key.isupper() and isinstance(value, int)
    }
