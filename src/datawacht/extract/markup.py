"""XML and HTML: the text a person reads, at its position in the file.

The standard library's `html.parser` reads both: it is tolerant of broken
markup, it never loads a DTD or expands a user-defined entity (so the
"billion laughs" and external-entity tricks do nothing), and it reports the
line and column of every node, which is what lets a finding point into the
file.  Conventions:

* each text node, comment and CDATA section is a Fragment whose
  `offset`/`first_line` is where it starts in the decoded file; character
  references are decoded, so within a node that contains one, positions
  after it are off by the reference's length minus one;
* HTML `<script>` and `<style>` are skipped; comments are kept, because
  commented-out content is still published;
* attribute values become Fragments at their position too: in XML every
  attribute except namespace declarations (XML keeps data in attributes:
  `<persoon bsn="...">`), in HTML the human-readable ones (`alt`, `title`,
  `value`, `content`, `placeholder`, `label`, `aria-label`), `data-*`, and
  links that carry data (`mailto:`, `tel:`, or a query string).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from html.parser import HTMLParser

from datawacht.extract.encoding import decode
from datawacht.limits import Limits
from datawacht.records import Fragment

FEED_CHARS = 1 << 20
"""Characters handed to the parser at a time, so that nodes stream out."""

SKIPPED_HTML_ELEMENTS = frozenset({"script", "style"})
HTML_TEXT_ATTRIBUTES = frozenset(
    {"alt", "title", "value", "content", "placeholder", "label", "aria-label"}
)
HTML_LINK_ATTRIBUTES = frozenset({"href", "src", "action"})
BLOCK_ELEMENTS = frozenset(
    {"address", "article", "aside", "blockquote", "br", "dd", "div", "dl", "dt", "footer",
     "form", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr", "li", "main", "nav", "ol",
     "p", "pre", "section", "table", "td", "th", "tr", "ul"}
)  # fmt: skip
"""Elements that end a line when HTML is turned into plain text (e-mail bodies)."""

_COMMENT_OPEN = len("<!--")
_CDATA_OPEN = len("<![CDATA[")


@dataclass(frozen=True)
class _Node:
    text: str
    offset: int
    line: int
    starts_block: bool


def extract_xml(data: bytes, limits: Limits) -> Iterator[Fragment]:
    """Text nodes, comments, CDATA and attribute values of an XML file."""
    for node in _nodes(decode(data).text, html=False):
        yield Fragment(node.text, offset=node.offset, first_line=node.line)


def extract_html(data: bytes, limits: Limits) -> Iterator[Fragment]:
    """Visible text, comments and data-bearing attribute values of an HTML file."""
    for node in _nodes(decode(data).text, html=True):
        yield Fragment(node.text, offset=node.offset, first_line=node.line)


def html_to_text(html: str) -> str:
    """Plain text of an HTML document: inline runs joined, block elements on new lines.

    For HTML e-mail bodies, where there is no file position to keep and a
    name split over `<b>` tags should stay one name.
    """
    pieces: list[str] = []
    for node in _nodes(html, html=True):
        if node.starts_block and pieces:
            pieces.append("\n")
        pieces.append(node.text)
    return "".join(pieces)


def _nodes(text: str, *, html: bool) -> Iterator[_Node]:
    parser = _NodeParser(text, html=html)
    for start in range(0, len(text), FEED_CHARS):
        parser.feed(text[start : start + FEED_CHARS])
        yield from parser.take()
    parser.close()
    yield from parser.take()


class _NodeParser(HTMLParser):
    """Collects text-bearing nodes with their offsets in the fed text."""

    def __init__(self, text: str, *, html: bool) -> None:
        super().__init__(convert_charrefs=True)
        self._html = html
        self._line_starts = [0] + [match.end() for match in re.finditer("\n", text)]
        self._skipping = False
        self._block_boundary = True
        self._nodes: list[_Node] = []

    def take(self) -> list[_Node]:
        nodes, self._nodes = self._nodes, []
        return nodes

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if self._html and tag in SKIPPED_HTML_ELEMENTS:
            self._skipping = True
        if tag in BLOCK_ELEMENTS:
            self._block_boundary = True
        raw = self.get_starttag_text() or ""
        offset, line = self._position()
        for name, value in attrs:
            if value and self._wanted(name, value):
                start = _value_start(raw, name)
                self._add(value, offset + start, line + raw.count("\n", 0, start), separate=True)

    def handle_endtag(self, tag: str) -> None:
        if tag in SKIPPED_HTML_ELEMENTS:
            self._skipping = False
        if tag in BLOCK_ELEMENTS:
            self._block_boundary = True

    def handle_data(self, data: str) -> None:
        if not (self._html and self._skipping):
            self._add(data, *self._position())

    def handle_comment(self, data: str) -> None:
        offset, line = self._position()
        self._add(data, offset + _COMMENT_OPEN, line)

    def unknown_decl(self, data: str) -> None:
        if data.startswith("CDATA["):
            offset, line = self._position()
            self._add(data[len("CDATA[") :], offset + _CDATA_OPEN, line)

    def parse_marked_section(self, i: int, report: int = 1) -> int:
        """`<![` without a keyword the parser knows (`<![x[`, `<![ `): Python's
        parser raises AssertionError there, and the rest of the file would be
        lost; HTML5 makes it a bogus comment, and so do we (its text is kept)."""
        try:
            return super().parse_marked_section(i, report)
        except AssertionError:
            return self.parse_bogus_comment(i, report)

    def _wanted(self, name: str, value: str) -> bool:
        if not self._html:
            return name != "xmlns" and not name.startswith("xmlns:")
        if name in HTML_TEXT_ATTRIBUTES or name.startswith("data-"):
            return True
        link = value.lower()
        return name in HTML_LINK_ATTRIBUTES and (
            link.startswith(("mailto:", "tel:")) or "?" in link
        )

    def _position(self) -> tuple[int, int]:
        line, column = self.getpos()
        return self._line_starts[line - 1] + column, line

    def _add(self, text: str, offset: int, line: int, *, separate: bool = False) -> None:
        """Keep a node; `separate` keeps an attribute value apart from the text around it."""
        if text.strip():
            self._nodes.append(_Node(text, offset, line, self._block_boundary or separate))
            self._block_boundary = separate


def _value_start(raw_tag: str, name: str) -> int:
    """Where attribute `name`'s value starts in the raw start tag (0 when not found)."""
    match = re.search(rf"(?<![\w:-]){re.escape(name)}\s*=\s*[\"']?", raw_tag, re.IGNORECASE)
    return match.end() if match else 0
