"""How a Dutch name is written, read from a stream of tokens.

A name is a chain of *units* on one line, separated by a few spaces:

* initials, `J.` `P.` (also `Th.`, `Chr.`, `IJ.`), only at the start;
* a capitalised word, or words joined by hyphens (`Jan-Willem`, `Jansen-Bakker`);
* a surname with a tussenvoegsel, `van der Berg`, `'t Hart`, `Jansen-de Vries`,
  the tussenvoegsel in lower case or capitalised (`mevrouw De Vries`).

Which units are given names and which the surname is decided afterwards
(`read_name`), because `Jan Kees Bakker`, `Jan Bakker` and `Mark Rutte Den
Haag` all start the same way.  The lists decide; a chain that never
reaches a plausible surname is no name.  Everything here is about the shape
of one name; whether the surroundings make it a person is the recognizers'
business.
"""

from __future__ import annotations

import functools
from collections.abc import Sequence
from dataclasses import dataclass
from typing import NamedTuple

import regex

from datawacht.detect.names.lexicon import NameLexicon, normalise_particles

# Salutations and academic titles written before a name.
TITLE_ABBREVIATIONS = ("dhr", "mevr", "mw", "mej", "drs", "dr", "mr", "ir", "ing", "prof", "ds")
TITLE_WORDS = frozenset({"mevrouw", "meneer", "heer", "juffrouw", "mejuffrouw"}) | frozenset(
    a for a in TITLE_ABBREVIATIONS if a not in ("ing", "ds", "mej")
)

_TOKEN = regex.compile(
    rf"(?P<title>(?<!\p{{L}})(?i:{'|'.join(TITLE_ABBREVIATIONS)})\.)"
    r"|(?P<initial>(?<!\p{L})(?:IJ|Th|Chr|Ch|Ph|Joh|Jac|Fr|Wm|\p{Lu})\.)"
    r"|(?P<particle>(?<!\p{L})(?:['’][ts](?!\p{L})|[dD]['’](?=\p{Lu})))"
    r"|(?P<word>\p{L}+(?:['’]\p{L}+)*)"
    r"|(?P<newline>\n)"
    r"|(?P<mark>[^\s\p{L}])"
)
_CAPITALISED = regex.compile(r"(?:IJ|\p{Lu})\p{Ll}+(?:['’]\p{Ll}+)*")
# How far apart two units of one name may be: a few spaces or tabs.
_MAX_GAP = 3
_MAX_PARTICLES = 3
MAX_UNITS = 5


class Token(NamedTuple):
    kind: str
    text: str
    start: int
    end: int


@functools.lru_cache(maxsize=4)
def tokenize(text: str) -> Sequence[Token]:
    """The tokens of `text`; the last few are cached, because the rule and
    NER person recognizers both read the same window."""
    return tuple(
        Token(m.lastgroup or "mark", m.group(), m.start(), m.end()) for m in _TOKEN.finditer(text)
    )


def is_capitalised(word: str) -> bool:
    return _CAPITALISED.fullmatch(word) is not None


def is_title(token: Token, previous: Token | None) -> bool:
    """`dhr.`, `mevrouw`, `Dr`; `heer` in lower case, or after `de`/`geachte` as `Heer`
    (a capital `Heer` alone is the Lord)."""
    if token.kind == "title":
        return True
    folded = token.text.casefold()
    if token.kind != "word" or folded not in TITLE_WORDS:
        return False
    if folded != "heer" or token.text == "heer":
        return True
    return previous is not None and previous.text.casefold() in ("de", "geachte")


def joined(text: str, left: Token, right: Token) -> bool:
    """True when only a few spaces or tabs (or nothing) separate two tokens."""
    gap = text[left.end : right.start]
    return len(gap) <= _MAX_GAP and (not gap or gap.isspace()) and "\n" not in gap


@dataclass(frozen=True)
class Unit:
    """One part of a name: initials, a (hyphenated) word, or a surname with tussenvoegsel."""

    kind: str  # "initial", "word" or "surname"
    start: int
    end: int
    words: tuple[str, ...]  # the capitalised words (surname cores); the initial itself
    particles: bool  # has a tussenvoegsel
    next_index: int  # index of the first token after the unit
    prefix: str = ""  # the tussenvoegsel before the first word, normalised (`van der`)


@dataclass(frozen=True)
class Name:
    """A name read from text: given names or initials, and the surname cores."""

    start: int
    end: int
    surname_start: int
    initials: tuple[str, ...]
    given: tuple[str, ...]
    surname: tuple[str, ...]
    particles: bool
    units: int
    next_index: int
    prefix: str = ""

    @property
    def words(self) -> tuple[str, ...]:
        return self.given + self.surname


class NameReader:
    """Reads names out of tokenised text with the lists of one lexicon."""

    def __init__(self, lexicon: NameLexicon) -> None:
        self.lexicon = lexicon

    def _particles(self, text: str, tokens: Sequence[Token], i: int) -> int:
        """How many tokens from `i` form a tussenvoegsel followed by a capitalised word."""
        best = 0
        parts: list[str] = []
        for j in range(i, min(len(tokens), i + _MAX_PARTICLES)):
            token = tokens[j]
            if token.kind not in ("word", "particle"):
                break
            if j > i and not joined(text, tokens[j - 1], token):
                break
            parts.append(token.text)
            nxt = tokens[j + 1] if j + 1 < len(tokens) else None
            if (
                self.lexicon.is_tussenvoegsel(" ".join(parts))
                and nxt is not None
                and nxt.kind == "word"
                and is_capitalised(nxt.text)
                and joined(text, token, nxt)
            ):
                best = j - i + 1
        return best

    def read_unit(self, text: str, tokens: Sequence[Token], i: int) -> Unit | None:
        """The unit starting at token `i`, if one does."""
        if i >= len(tokens):
            return None
        first = tokens[i]
        if first.kind == "initial":
            return Unit("initial", first.start, first.end, (first.text,), False, i + 1)
        skip = self._particles(text, tokens, i)
        j = i + skip
        if j >= len(tokens) or tokens[j].kind != "word" or not is_capitalised(tokens[j].text):
            return None
        words = [tokens[j].text]
        prefix = normalise_particles(" ".join(t.text for t in tokens[i:j]))
        particles = skip > 0
        end, j = tokens[j].end, j + 1
        # hyphenated continuation: Jan-Willem, Jansen-Bakker, Berg-de Jong
        while j + 1 < len(tokens) and tokens[j].text == "-" and tokens[j].start == end:
            if tokens[j + 1].start != tokens[j].end:
                break
            skip = self._particles(text, tokens, j + 1)
            k = j + 1 + skip
            if k >= len(tokens) or tokens[k].kind != "word" or not is_capitalised(tokens[k].text):
                break
            words.append(tokens[k].text)
            particles = particles or skip > 0
            end, j = tokens[k].end, k + 1
        kind = "surname" if particles else "word"
        return Unit(kind, first.start, end, tuple(words), particles, j, prefix)

    def read_units(self, text: str, tokens: Sequence[Token], i: int) -> list[Unit]:
        """Units from token `i` on, while they follow each other on one line.

        Initials come first or not at all: the chain `Jan P. Bakker` ends
        after `Jan` (the recognizer adds a listed first name before initials).
        """
        units: list[Unit] = []
        while len(units) < MAX_UNITS:
            if units and not joined(text, tokens[units[-1].next_index - 1], tokens[i]):
                break
            unit = self.read_unit(text, tokens, i)
            if unit is None or (unit.kind == "initial" and units and units[-1].kind != "initial"):
                break
            units.append(unit)
            i = unit.next_index
            if i >= len(tokens):
                break
        return units

    def read_name(
        self, text: str, tokens: Sequence[Token], i: int, open_given: bool = False
    ) -> Name | None:
        """The name starting at token `i`.

        `open_given` (after a title, a label or under a closing) takes every
        word before the surname as a given name; otherwise given names must
        be listed first names, and the surname is the unit right after them
        (or the next one, when a listed surname follows an unknown middle
        name: `Jan Kees Bakker`).  In `open_given` mode a single word is
        read as the surname (`mevrouw Kowalski`, `Beste Daan`); otherwise a
        chain of first names without a surname is no name.
        """
        units = self.read_units(text, tokens, i)
        if not units:
            return None
        initials = [u for u in units if u.kind == "initial"]
        if initials:
            rest = units[len(initials) :]
            if not rest:
                return None
            return self._name(initials, [], rest[0])
        if open_given:
            last = next((n for n, u in enumerate(units) if u.particles), len(units) - 1)
            return self._name([], units[:last], units[last])
        k = 0
        while k < len(units) and units[k].kind == "word" and self._given(units[k]):
            k += 1
        if k == 0 or k == len(units):
            return None
        surname = units[k]
        if (
            k + 1 < len(units)
            and not surname.particles
            and not self._listed_surname(surname)
            and (units[k + 1].particles or self._listed_surname(units[k + 1]))
        ):
            return self._name([], units[: k + 1], units[k + 1])
        return self._name([], units[:k], surname)

    def _listed_surname(self, unit: Unit) -> bool:
        return any(self.lexicon.is_surname(w) for w in unit.words)

    def _given(self, unit: Unit) -> bool:
        """A listed first name, also as the first part of a compound (`Anne-Marie`)."""
        return self.lexicon.is_first_name(unit.words[0])

    @staticmethod
    def _name(initials: list[Unit], given: list[Unit], surname: Unit) -> Name:
        first = (initials or given or [surname])[0]
        return Name(
            start=first.start,
            end=surname.end,
            surname_start=surname.start,
            initials=tuple(u.words[0] for u in initials),
            given=tuple(w for u in given for w in u.words),
            surname=surname.words,
            particles=surname.particles,
            prefix=surname.prefix,
            units=len(initials) + len(given) + 1,
            next_index=surname.next_index,
        )

    @staticmethod
    def surname_only(unit: Unit) -> Name:
        """A unit read as a surname on its own (`wethouder Van der Meer`)."""
        return NameReader._name([], [], unit)

    def implausible(self, name: Name, text: str) -> str | None:
        """Why the words cannot be a person's name, or None.

        Organisation words, streets, sentence words that are no listed
        name (`D. Daarna`; `de Wit` is a surname), and places that are no
        listed surname.
        """
        lexicon = self.lexicon
        if any(lexicon.is_organisation_marker(w) for w in name.words):
            return "organisation"
        if lexicon.is_organisation_marker("".join(name.initials)):
            return "organisation"
        if lexicon.is_street(name.surname[-1]):
            return "street"
        if any(lexicon.is_common(w) and not lexicon.is_first_name(w) for w in name.given):
            return "common word"
        if not name.particles and any(
            lexicon.is_common(w) and not lexicon.is_surname(w) for w in name.surname
        ):
            return "common word"  # after a tussenvoegsel it is a surname: `de Wit`
        if lexicon.is_place(text[name.surname_start : name.end]) and not any(
            lexicon.is_surname(w) for w in name.surname
        ):
            return "place"
        return None
