"""A parser's complaint, summarised so that it can be stored and shown.

Error details end up in reports, logs and the findings database, which
must never hold document content.  Parser libraries describe structure
("EOF marker not found", "Bad CRC-32"), but a generic ValueError or KeyError
may carry a cell value or a dictionary key taken from the document, so only
messages from the parsers listed here are kept, shortened; for anything
else the detail is the exception's type name.
"""

from __future__ import annotations

MAX_MESSAGE = 160

STRUCTURAL_MESSAGE_MODULES = frozenset(
    {"zipfile", "zlib", "_csv", "pypdf", "lxml", "xml", "docx", "openpyxl", "odf", "olefile"}
)
"""Top-level modules whose exception messages describe structure, not content."""


def describe(exc: BaseException) -> str:
    """'TypeName: structural message' or just 'TypeName'."""
    name = type(exc).__name__
    module = type(exc).__module__.split(".", 1)[0]
    message = " ".join(str(exc).split())
    if module in STRUCTURAL_MESSAGE_MODULES and message:
        return f"{name}: {message[:MAX_MESSAGE]}"
    return name
