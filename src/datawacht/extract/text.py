"""Plain text (.txt, .log, .md, unknown text) and the chunking every text kind shares.

Detection works on fragments, and a 200 MB log must not become one string
that the NER pipeline chokes on; cutting on line boundaries keeps a line
(and so almost every value) in one piece while the offsets and line numbers
still point into the whole file.
"""

from __future__ import annotations

from collections.abc import Iterator

from datawacht.extract.encoding import decode
from datawacht.limits import Limits
from datawacht.records import Fragment, Location

CHUNK_CHARS = 1_000_000
"""Fragment size for long texts (characters); cut at the last newline before it."""

NO_ORIGIN = Location()


def split_text(
    text: str,
    *,
    offset: int = 0,
    first_line: int = 1,
    origin: Location = NO_ORIGIN,
    chunk_chars: int = CHUNK_CHARS,
) -> Iterator[Fragment]:
    """Yield `text` as fragments of at most `chunk_chars`, cut after a newline.

    `offset`/`first_line` say where `text` itself starts in the object, so
    every chunk's position is relative to the object, not to `text`.  A line
    longer than `chunk_chars` is cut where it must be.  Blank chunks are
    dropped (they cannot hold a finding) but still advance the position.
    """
    start, line = 0, first_line
    while start < len(text):
        end = min(start + chunk_chars, len(text))
        if end < len(text):
            newline = text.rfind("\n", start, end)
            if newline >= start:
                end = newline + 1
        piece = text[start:end]
        if not piece.isspace():
            yield Fragment(piece, origin, offset + start, line)
        line += piece.count("\n")
        start = end


class Concatenation:
    """Positions for objects made of several texts (PDF pages, e-mail parts).

    The texts are treated as joined by a newline, in the order they are
    added, so offsets and lines keep growing through the object and two
    fragments never claim the same offset.
    """

    def __init__(self) -> None:
        self.offset = 0
        self.line = 1

    def add(self, text: str, origin: Location) -> Iterator[Fragment]:
        """Fragments of `text` at the current position; the position moves on at once."""
        fragments = split_text(text, offset=self.offset, first_line=self.line, origin=origin)
        self.offset += len(text) + 1
        self.line += text.count("\n") + 1
        return fragments


def extract_text(data: bytes, limits: Limits) -> Iterator[Fragment]:
    """Decoded text in chunks; offsets are character offsets into the decoded file."""
    yield from split_text(decode(data).text)
