"""A pass of a regular expression over a whole text, where every match must
begin with one of a few known words: found with `str.find`, matched there.

Recognizers' gates run over every character of every text.  For a pattern
that starts with an alternation of words (the person recognizer's labels:
75 of them, `naam`, `aanvrager`, `t.a.v.` ...), the `regex` module tries the
alternation at every position, about 270 ns per character: a quarter of the
time of the whole NER-less scan of prose.  `str.find` for each start word
in the case-folded text costs a few milliseconds per megabyte, and the
pattern is then tried only where a word starts.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable, Iterator

import regex


class LiteralStarts:
    """`pattern.finditer(text)`, for a pattern whose every match begins
    (after zero-width assertions) with one of `words`, case-insensitively,
    and is never empty.  The matches are the same: a match can only begin
    where a word begins, and the candidates are tried left to right, each
    from the end of the last match on, as `finditer` does."""

    def __init__(self, pattern: regex.Pattern[str], words: Iterable[str]) -> None:
        self.pattern = pattern
        self._words = sorted({word.casefold() for word in words})

    def finditer(self, text: str) -> Iterator[regex.Match[str]]:
        folded = _casefolded(text)
        if len(folded) != len(text):
            # A character folded to two (ß, ligatures): offsets would shift.
            yield from self.pattern.finditer(text)
            return
        end = 0
        for position in sorted({p for word in self._words for p in _find_all(folded, word)}):
            if position < end:
                continue
            match = self.pattern.match(text, position)
            if match is not None:
                yield match
                end = match.end()


@functools.lru_cache(maxsize=1)
def _casefolded(text: str) -> str:
    """The gates of one text (titles, labels, markings) fold it once."""
    return text.casefold()


def _find_all(text: str, word: str) -> Iterator[int]:
    position = text.find(word)
    while position >= 0:
        yield position
        position = text.find(word, position + 1)
