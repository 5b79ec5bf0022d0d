"""Is a whole spreadsheet cell a person's name (or part of one)?

Column profiling asks this of every sampled cell; the header only lowers the
bar, so a single word passes only when the lists know it (`Jan`, `Bakker`)
and a column of town names or product categories stays unclaimed.  Register
exports bring their own spellings: capitals (`DE VRIES`), the surname first
(`Vries, J.P. de`), and the parts in separate columns (voorletters,
tussenvoegsel, achternaam), each of which passes on its own.
"""

from __future__ import annotations

import regex

from datawacht.detect.names.grammar import NameReader, tokenize

MAX_LENGTH = 80
MAX_INITIALS = 6
_LETTERS = regex.compile(r"\p{L}{2,}")


def _recase(value: str, reader: NameReader) -> str:
    """`JANSEN-DE VRIES` and `jan de vries` as a name is written: `Jansen-de Vries`."""
    if not (value.isupper() or value.islower()):
        return value

    def word(match: regex.Match[str]) -> str:
        text = match.group()
        if reader.lexicon.is_tussenvoegsel(text):
            return text.lower()
        if text.upper().startswith("IJ"):
            return "IJ" + text[2:].lower()
        return text.capitalize()

    return _LETTERS.sub(word, value)


def _surname_first(value: str) -> str:
    """`Vries, J.P. de` -> `J.P. de Vries`; `Jansen, Jan` -> `Jan Jansen`."""
    surname, _, given = value.partition(",")
    return " ".join([*given.split(), surname.strip()])


def looks_like_name(value: str, reader: NameReader) -> bool:
    """True for a name or a name part that the lists and the name grammar support."""
    value = " ".join(value.split())
    if not value or len(value) > MAX_LENGTH or any(c.isdigit() or c == "@" for c in value):
        return False
    value = _recase(value, reader)
    if value.count(",") == 1:
        value = _surname_first(value)
    tokens = tokenize(value)
    if tokens and len(tokens) <= MAX_INITIALS and all(t.kind == "initial" for t in tokens):
        return True
    lexicon = reader.lexicon
    if lexicon.is_tussenvoegsel(value):
        return True
    name = reader.read_name(value, tokens, 0, open_given=True)
    if name is None or name.start != 0 or name.end != len(value):
        return False
    if reader.implausible(name, value) is not None:
        return False
    return bool(
        name.initials
        or name.particles
        or any(lexicon.is_first_name(w) for w in name.words)
        or any(lexicon.is_surname(w) for w in name.surname)
    )
