"""What stands around a name decides whether it is a person.

`Anna van Dijk` is a person; in `Stichting Anna van Dijk`, `Anna van Dijk
Fonds`, `de ziekte van Parkinson` or `orkaan Maria` the same words name an
organisation, a disease or a storm.  Both person recognizers (rules and
model) ask these questions about every span they find.
"""

from __future__ import annotations

import bisect
from collections.abc import Sequence

import regex

from datawacht.detect.names.grammar import Token, is_capitalised, joined
from datawacht.detect.names.lexicon import NameLexicon

# How far back a word right before a name is looked for.
_LOOK_BACK = 60
# How many capitalised words after a name may still be part of an
# organisation name (`Jansen Transport en Logistiek B.V.`).
_LOOK_AHEAD_TOKENS = 4


class Surroundings:
    """The text around candidate spans in one analysed text."""

    def __init__(
        self,
        text: str,
        tokens: Sequence[Token],
        lexicon: NameLexicon,
        negative: regex.Pattern[str] | None,
    ) -> None:
        self._text = text
        self._tokens = tokens
        self._starts = [t.start for t in tokens]
        self._lexicon = lexicon
        self._negative = negative
        self._eponyms = [m.span() for m in lexicon.eponym_regex.finditer(text)]

    def veto(self, start: int, end: int) -> str | None:
        """Why the span [start, end) is no person, or None when nothing speaks against it."""
        if any(s < end and start < e for s, e in self._eponyms):
            return "eponymous disease"
        begin = max(0, start - _LOOK_BACK)
        if self._lexicon.eponym_head_regex.search(self._text, begin, start):
            return "eponymous disease"
        if self._negative is not None and self._negative.search(self._text, begin, start):
            return "negative context"
        before = bisect.bisect_left(self._starts, start) - 1
        if before >= 0 and self._organisation_word(before, start):
            return "organisation"
        if self._organisation_after(bisect.bisect_left(self._starts, end)):
            return "organisation"
        return None

    def _organisation_word(self, index: int, start: int) -> bool:
        """The token right before `start` (same line) is an organisation word."""
        token = self._tokens[index]
        if "\n" in self._text[token.end : start]:
            return False
        if token.text == "." and index > 0:  # `Fa.`
            previous = self._tokens[index - 1]
            return self._lexicon.is_organisation_marker(previous.text + ".")
        return self._lexicon.is_organisation_marker(token.text)

    def _organisation_after(self, index: int) -> bool:
        """An organisation word among the capitalised words that continue the name."""
        tokens, lexicon = self._tokens, self._lexicon
        seen = 0
        while index < len(tokens) and seen < _LOOK_AHEAD_TOKENS:
            token = tokens[index]
            if index > 0 and not joined(self._text, tokens[index - 1], token):
                return False
            if token.kind == "initial":  # B.V., N.V., V.O.F.
                run = index
                while run < len(tokens) and tokens[run].kind == "initial":
                    run += 1
                return lexicon.is_organisation_marker("".join(t.text for t in tokens[index:run]))
            if token.kind == "word":
                followed_by_dot = index + 1 < len(tokens) and tokens[index + 1].text == "."
                if lexicon.is_organisation_marker(token.text) or (
                    followed_by_dot and lexicon.is_organisation_marker(token.text + ".")
                ):
                    return True
                if not is_capitalised(token.text) and token.text != "en":
                    return False
            elif token.text not in "&-":
                return False
            seen += 1
            index += 1
        return False
