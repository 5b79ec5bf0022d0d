"""State-secret markings (VIRBI 2013): their written forms and one canonical value per level.

Shared by the marking recognizer (which finds them) and `canonical.py` (which
writes `dep. vertrouwelijk`, `stg. confidentieel`, `stg. geheim`,
`stg. zeer geheim` or `staatsgeheim`).  Kept apart from the recognizer so
that canonical forms need no Presidio: a rescan of an unchanged tree imports
neither it nor spaCy.
"""

from __future__ import annotations

import regex

_START = r"(?<![^\W_])"
_END = r"(?![^\W_])"
SPACE = r"[^\S\r\n]"  # white space within a line
# Dep. V. / Dep.V. / DEP. VERTROUWELIJK / Departementaal Vertrouwelijk
DEPARTEMENTAAL = (
    _START + r"(?i:(?:departementaal" + SPACE + r"+|dep(?:\." + SPACE + r"*|" + SPACE + r"+))"
    r"(?:vertrouwelijk" + _END + r"|v(?:\.|" + _END + r")))"
)
_LEVEL = r"(?P<level>zeer" + SPACE + r"+geheim|geheim|confidentieel)" + _END
# Written out, the level word starts with a capital.
_LEVEL_CAPITALISED = (
    r"(?P<level>Z(?i:eer)" + SPACE + r"+(?i:geheim)|G(?i:eheim)|C(?i:onfidentieel))" + _END
)
STAATSGEHEIM_LEVEL = (
    _START + r"(?:(?i:stg(?:\." + SPACE + r"*|" + SPACE + r"+)" + _LEVEL + r")"
    r"|(?i:staatsgeheim)" + SPACE + r"+" + _LEVEL_CAPITALISED + r")"
)
STAATSGEHEIM_ALONE = (
    _START + r"(?i:staatsgeheim)" + _END + r"(?!" + SPACE + r"+" + _LEVEL_CAPITALISED + r")"
)


_CANONICAL_FORMS = [
    (regex.compile(DEPARTEMENTAAL), lambda match: "dep. vertrouwelijk"),
    (
        regex.compile(STAATSGEHEIM_LEVEL),
        lambda match: "stg. " + " ".join(match.group("level").casefold().split()),
    ),
    (regex.compile(STAATSGEHEIM_ALONE), lambda match: "staatsgeheim"),
]


def canonical_marking(raw: str) -> str | None:
    """One value per level (`Dep.V.` and `DEP. VERTROUWELIJK` are `dep. vertrouwelijk`),
    or None when `raw` is not a marking."""
    value = raw.strip()
    for pattern, canonical in _CANONICAL_FORMS:
        match = pattern.fullmatch(value)
        if match is not None:
            return canonical(match)
    return None
