"""The word lists behind Dutch name detection, loaded once per process.

Every list is a text file next to this module, one entry a line, `#` for
comments (see README.md for where each comes from).  Lookups are by exact
spelling for names (`Jan` is a first name, `jan` is a month abbreviation)
and case-insensitive for everything else.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from pathlib import Path

import regex

DATA_DIR = Path(__file__).parent

# Curly apostrophes as straight ones (`van ’t Hof` is `van 't Hof`).
_APOSTROPHES = str.maketrans({"’": "'"})


def read_list(name: str) -> list[str]:
    """Entries of one list file, in file order, without comments and blanks."""
    lines = (DATA_DIR / name).read_text(encoding="utf-8").splitlines()
    return [line.strip() for line in lines if line.strip() and not line.startswith("#")]


def normalise_particles(words: str) -> str:
    """A tussenvoegsel as the list spells it: lower case, single spaces, ' for ’."""
    return " ".join(words.translate(_APOSTROPHES).casefold().split())


@dataclass(frozen=True)
class NameLexicon:
    """Name lists and the lists that veto a name (see README.md)."""

    first_names: frozenset[str]
    surnames: frozenset[str]
    places: frozenset[str]
    tussenvoegsels: frozenset[str]
    common_words: frozenset[str]
    organisation_markers: frozenset[str]
    street_suffixes: tuple[str, ...]
    eponyms: tuple[str, ...]

    def is_first_name(self, word: str) -> bool:
        return word in self.first_names

    def is_surname(self, word: str) -> bool:
        return word in self.surnames

    def is_common(self, word: str) -> bool:
        return word.casefold() in self.common_words

    def is_place(self, words: str) -> bool:
        return words in self.places

    def is_organisation_marker(self, word: str) -> bool:
        return word.casefold() in self.organisation_markers

    def is_tussenvoegsel(self, words: str) -> bool:
        return normalise_particles(words) in self.tussenvoegsels

    def is_street(self, word: str) -> bool:
        """A compound ending in a street word (`Zwijgerlaan`), unless a listed surname."""
        folded = word.casefold()
        return not self.is_surname(word) and any(
            folded.endswith(suffix) and len(folded) > len(suffix) + 2
            for suffix in self.street_suffixes
        )

    @functools.cached_property
    def eponym_regex(self) -> regex.Pattern[str]:
        """Any listed eponym phrase, case-insensitive, as a whole phrase."""
        body = "|".join(regex.escape(p) for p in sorted(self.eponyms, key=len, reverse=True))
        return regex.compile(rf"(?<!\p{{L}})(?:{body})(?!\p{{L}})", regex.IGNORECASE)

    @functools.cached_property
    def eponym_head_regex(self) -> regex.Pattern[str]:
        """`ziekte van`, `syndroom van`, ... right before a position (search with endpos)."""
        heads = sorted({p.split(" van ", 1)[0].casefold() for p in self.eponyms if " van " in p})
        body = "|".join(regex.escape(h) for h in heads)
        return regex.compile(rf"(?<!\p{{L}})(?:{body})\s+van\s+$", regex.IGNORECASE)

    @functools.cached_property
    def eponym_names(self) -> frozenset[str]:
        """The people in the eponyms (`Lyme`, `Down`), for spans a model tags alone."""
        return frozenset(p.split(" van ", 1)[1] for p in self.eponyms if " van " in p)


@functools.cache
def load_lexicon() -> NameLexicon:
    """The shipped lists (read once; the object is immutable and shared)."""
    return NameLexicon(
        first_names=frozenset(read_list("first_names.txt")),
        surnames=frozenset(read_list("surnames.txt")),
        places=frozenset(read_list("places.txt")),
        tussenvoegsels=frozenset(normalise_particles(t) for t in read_list("tussenvoegsels.txt")),
        common_words=frozenset(w.casefold() for w in read_list("common_words.txt")),
        organisation_markers=frozenset(w.casefold() for w in read_list("organisation_markers.txt")),
        street_suffixes=tuple(s.casefold() for s in read_list("street_suffixes.txt")),
        eponyms=tuple(read_list("eponymous_diseases.txt")),
    )
