"""SPECIAL_*: special categories of personal data (AVG art. 9) and criminal data (art. 10).

A word such as `diagnose` or `strafblad` is special-category data only when
it says something about a person: the same words fill hospital news, council
minutes and union press releases.  So a term is reported when

1. it is **evidence** for its category: a strong term, a linked term right
   after its link phrase (`lid van de` VVD, `is` moslim), or a weak term with
   a second, different term of the same category within
   `CORROBORATION_WINDOW_CHARS`; and
2. it has a **person link** (`PersonLink`): a title, salutation or form
   label (de heer, `Naam:`, `Cliënt:`) within `LINK_WINDOW_CHARS`; a person
   word in the same sentence (`de medewerker heeft ...`); a pronoun or
   possessive a few words away (`zij heeft een burn-out`, `zijn
   veroordeling`); or, found in `enhance_using_context`, another
   recognizer's hit that points at a person (PERSON, NL_BSN, DATE_OF_BIRTH,
   a name-like e-mail address) within the window.  A quoted speaker or a
   contact person (`zegt X`, `X, woordvoerder`) links nothing.

Terms are data: one YAML file per category in `detect/lexicons/` (sources
and reasoning in each file's header, syntax in the README there).  They
match on a lower-cased, accent-folded copy of the text with one trie-shaped
regex per category; the copy has the same length, so offsets carry over.
The reported span is the word that holds the term, a compound whole
(`hoofddiagnose`, `ziekteverzuimregistratie`), or the multi-word term
itself: its case-folded text is the canonical value (contract.md).

Results without evidence or without a link keep a score below the reporting
threshold, and every result is marked as context-enhanced so that the
engine's lemma enhancer, which would boost on any of the person words in
`context`, leaves the scheme above intact.

The engine hands Presidio only windows around digits and "@"; `gate_spans`
reports term spans widened to the link window.  All nine recognizers share
one scan per text (`_gate_scan`), a single regex over every category.
"""

from __future__ import annotations

import enum
import functools
import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import ClassVar

import regex
from presidio_analyzer import AnalysisExplanation, LocalRecognizer, RecognizerResult
from presidio_analyzer.nlp_engine import NlpArtifacts
from pydantic import BaseModel, ConfigDict, field_validator, model_validator

from datawacht.detect.engine import AFTER, BEFORE
from datawacht.detect.nlp import LANGUAGE
from datawacht.yamlfiles import load_yaml_model

LEXICON_DIR = Path(__file__).resolve().parents[2] / "lexicons"
PERSON_LINK_FILE = LEXICON_DIR / "person_link.yaml"
CATEGORIES = (
    "health",
    "religion",
    "ethnicity",
    "political",
    "trade_union",
    "sexual_orientation",
    "biometric",
    "genetic",
    "criminal",
)

# A title, form label or personal hit at most this far from a term links it:
# a form's header ("Medewerker: ...", "Personeelsnummer: ...") sits above the
# narrative it is about.  The rules draft's context window is the same 300.
LINK_WINDOW_CHARS = 300
# A weak term counts when a different term of its category is at most this far.
CORROBORATION_WINDOW_CHARS = 150
# How far before a linked term its link phrase, and around a term a not_when
# phrase, may start.
PHRASE_REACH_CHARS = 60
# Pronouns are looked for within the sentence, at most this far from the term.
PRONOUN_REACH_CHARS = 80
SUBJECT_PRONOUN_GAP_BEFORE = 4
SUBJECT_PRONOUN_GAP_AFTER = 2
POSSESSIVE_GAP = 1
# Room for the length of a person word past the link window, for the gate.
GATE_SLACK_CHARS = 20
# A compound that holds a term is reported whole, up to this many more
# characters on either side (a token with no end is no compound).
MAX_WORD_GROWTH = 40

STRONG_SCORE = 0.85
CORROBORATED_SCORE = 0.65
UNLINKED_SCORE = 0.3
SINGLE_WEAK_SCORE = 0.1
# Other recognizers' hits count as a person link from the analyzer's reporting
# threshold on (analyzer.SCORE_THRESHOLD; importing it would be circular).
PERSONAL_HIT_MIN_SCORE = 0.5
NER_RECOGNIZERS = frozenset({"NlNerPersonRecognizer"})

EVIDENCE_KEY = "special_category_evidence"
LINK_KEY = "special_category_person_link"

# Between words of a pronoun link: no sentence end, no line break.
_SEP = r"[^\w.!?\n]+"
_WORD = r"[\w'-]+"
_WORD_START = r"(?<![^\W_])"
_WORD_END = r"(?![^\W_])"


# --- Folding: lower case, no accents, same length -----------------------------


def _fold_table() -> dict[int, str]:
    table = {}
    for code in range(0xC0, 0x250):
        base = unicodedata.normalize("NFD", chr(code))[0]
        if base != chr(code) and base.isascii() and base.isalpha():
            table[code] = base.lower()
    table.update({ord("\u2019"): "'", ord("\u2018"): "'", ord("\u2010"): "-", ord("\u2011"): "-"})
    return table


_FOLD = _fold_table()


@functools.lru_cache(maxsize=1)
def fold(text: str) -> str:
    """`text` lower-cased and without accents, with exactly the same length.

    `ë` matches `e`, so `cliënt`/`client` and `atheïst`/`atheist` are one
    word.  `str.lower` lengthens only `İ`; that rare text is folded per
    character instead.  The last text is cached: the nine category
    recognizers fold the same window one after another.
    """
    lowered = text.lower()
    if len(lowered) != len(text):
        lowered = "".join(c.lower() if len(c.lower()) == 1 else c for c in text)
    return lowered.translate(_FOLD)


_NOT_IN_KEY = re.compile(r"[\s\-']")


def term_key(folded: str) -> str:
    """What makes two spellings one term: `burn-out`, `burnout`, `burn out`."""
    return _NOT_IN_KEY.sub("", folded)


# --- Terms and the trie-shaped regex -----------------------------------------


class Mode(enum.Enum):
    """Where a term may sit in a word; written with `*` in the lexicon."""

    WORD = "word"  # ras: a whole word
    HEAD = "head"  # ziekteverzuim*: starts a word, which may go on
    TAIL = "tail"  # *handicap: ends a word
    PART = "part"  # *kanker*: anywhere in a word

    @property
    def anchored(self) -> bool:
        return self in (Mode.WORD, Mode.HEAD)

    @property
    def ends_word(self) -> bool:
        return self in (Mode.WORD, Mode.TAIL)


class Kind(enum.Enum):
    STRONG = "strong"
    WEAK = "weak"
    LINKED = "linked"  # counts only next to a link phrase


@dataclass(frozen=True)
class Term:
    text: str  # folded, without stars
    mode: Mode
    kind: Kind
    linked: bool  # a link phrase next to it makes it strong

    @property
    def key(self) -> str:
        return term_key(self.text)


def parse_term(written: str, kind: Kind = Kind.WEAK, linked: bool = False) -> Term:
    body = written.strip()
    head, tail = body.startswith("*"), body.endswith("*")
    text = " ".join(fold(body.strip("*")).split())
    mode = {
        (False, False): Mode.WORD,
        (False, True): Mode.HEAD,
        (True, False): Mode.TAIL,
        (True, True): Mode.PART,
    }[(head, tail)]
    return Term(text, mode, kind, linked)


def _char_regex(char: str) -> str:
    if char == " ":
        return r"\s+"
    if char == "-":
        return r"[\s-]?"
    return regex.escape(char)


@dataclass
class _TrieNode:
    children: dict[str, _TrieNode] = field(default_factory=dict)
    end: str | None = None  # the regex that ends a term here: "" or _WORD_END


def _trie_regex(entries: Iterable[tuple[str, bool]]) -> str:
    """One regex for many words, shaped as a trie: fast on long texts.

    `entries` are (folded text, must end a word).  Children come before the
    end of a word, so the longest term wins (`dna-onderzoek` over `dna`).
    """
    root: _TrieNode = _TrieNode()
    for text, ends_word in entries:
        node = root
        for char in text:
            node = node.children.setdefault(char, _TrieNode())
        node.end = _WORD_END if ends_word else ""

    def emit(node: _TrieNode) -> str:
        branches = [_char_regex(c) + emit(child) for c, child in sorted(node.children.items())]
        if node.end is not None:
            branches.append(node.end)
        return branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"

    return emit(root)


def terms_regex(terms: Iterable[Term]) -> re.Pattern[str]:
    """Anchored terms (whole words, compound heads) first, then compound parts.

    Compiled with the standard `re`: on a trie-shaped alternation it is about
    eight times faster than `regex`, and this pattern runs over whole files.
    """
    terms = list(terms)
    anchored = [(t.text, t.mode.ends_word) for t in terms if t.mode.anchored]
    free = [(t.text, t.mode.ends_word) for t in terms if not t.mode.anchored]
    parts = []
    if anchored:
        parts.append(_WORD_START + _trie_regex(anchored))
    if free:
        parts.append(_trie_regex(free))
    return re.compile("|".join(parts) or r"(?!)")


def words_regex(words: Iterable[str]) -> str:
    """Whole words as a trie alternation (without the word-start guard)."""
    return _trie_regex((fold(w.strip()), True) for w in words if w.strip())


# --- Lexicon files -----------------------------------------------------------


class LexiconFile(BaseModel):
    """One `detect/lexicons/<category>.yaml`."""

    model_config = ConfigDict(extra="forbid")

    category: str
    entity: str
    article: str
    source: list[str]
    notes: str
    strong: list[str]
    weak: list[str] = []
    linked: list[str] = []
    link_before: list[str] = []
    link_after: list[str] = []
    not_when: list[str] = []

    @field_validator("entity")
    @classmethod
    def _special_entity(cls, entity: str) -> str:
        if not entity.startswith("SPECIAL_"):
            raise ValueError("a special-category entity starts with SPECIAL_")
        return entity

    @field_validator("strong", "weak", "linked", "link_before", "link_after", "not_when")
    @classmethod
    def _well_formed(cls, terms: list[str]) -> list[str]:
        for term in terms:
            body = term.strip()
            if not body.strip("*").strip():
                raise ValueError("empty term")
            if "*" in body.strip("*"):
                raise ValueError(f"'*' only at the start or end of a term: {term!r}")
        return terms

    @model_validator(mode="after")
    def _consistent(self) -> LexiconFile:
        keys = [parse_term(t).key for t in self.strong + self.weak]
        duplicates = sorted({k for k in keys if keys.count(k) > 1})
        if duplicates:
            raise ValueError(f"terms listed more than once: {', '.join(duplicates)}")
        strong = {parse_term(t).key for t in self.strong}
        both = sorted(parse_term(t).text for t in self.linked if parse_term(t).key in strong)
        if both:
            raise ValueError(f"a strong term cannot also be linked: {', '.join(both)}")
        if self.linked and not (self.link_before or self.link_after):
            raise ValueError("linked terms need link_before or link_after phrases")
        return self


@dataclass(frozen=True)
class TermHit:
    start: int
    end: int
    term: Term
    strong: bool


@dataclass(frozen=True)
class Lexicon:
    """The terms of one category, compiled."""

    category: str
    entity: str
    terms: dict[str, Term]  # by key
    pattern: re.Pattern[str]
    link_phrases: re.Pattern[str] | None
    link_phrases_after: re.Pattern[str] | None
    not_when: tuple[str, ...]
    exclusions: re.Pattern[str] | None

    def find(self, folded: str) -> list[TermHit]:
        """Every term in `folded` that counts: not excluded, linked ones linked."""
        hits = []
        for match in self.pattern.finditer(folded):
            term = self.terms[term_key(match.group())]
            start, end = match.span()
            if self.excluded(folded, start, end) or _in_address(folded, start, end):
                continue
            if term.mode is not Mode.WORD:
                start, end = _enclosing_word(folded, start, end)
            linked = term.linked and self.link_phrase_near(folded, start, end)
            if term.kind is Kind.LINKED and not linked:
                continue
            hits.append(TermHit(start, end, term, linked or term.kind is Kind.STRONG))
        return hits

    def link_phrase_near(self, folded: str, start: int, end: int) -> bool:
        """A link phrase right before (`lid van de` VVD) or after (moslim `is`)."""
        if self.link_phrases is not None:
            if self.link_phrases.search(folded, max(0, start - PHRASE_REACH_CHARS), start):
                return True
        return self.link_phrases_after is not None and bool(
            self.link_phrases_after.match(folded, end)
        )

    def excluded(self, folded: str, start: int, end: int) -> bool:
        """True inside a not_when phrase (`verdachte transacties`)."""
        if self.exclusions is None:
            return False
        lo, hi = max(0, start - PHRASE_REACH_CHARS), min(len(folded), end + PHRASE_REACH_CHARS)
        return any(
            m.start() <= start and m.end() >= end for m in self.exclusions.finditer(folded, lo, hi)
        )

    def with_exclusions(self, phrases: Sequence[str]) -> Lexicon:
        return replace(self, not_when=tuple(phrases), exclusions=_exclusions_regex(phrases))


def _exclusions_regex(phrases: Sequence[str]) -> re.Pattern[str] | None:
    return terms_regex(parse_term(p) for p in phrases) if phrases else None


def build_lexicon(data: LexiconFile) -> Lexicon:
    linked = {parse_term(t).key for t in data.linked}
    terms: dict[str, Term] = {}
    for kind, written in [(Kind.STRONG, data.strong), (Kind.WEAK, data.weak)]:
        for entry in written:
            term = parse_term(entry, kind)
            terms[term.key] = replace(term, linked=term.key in linked)
    for entry in data.linked:
        term = parse_term(entry, Kind.LINKED, linked=True)
        terms.setdefault(term.key, term)
    link_phrases = link_phrases_after = None
    if data.link_before:
        link_phrases = re.compile(
            _WORD_START + words_regex(data.link_before) + r"[\s:]+(?:(?:de|het|een)\s+)?\Z"
        )
    if data.link_after:
        link_phrases_after = re.compile(r"[^\S\n]+" + words_regex(data.link_after))
    return Lexicon(
        category=data.category,
        entity=data.entity,
        terms=terms,
        pattern=terms_regex(terms.values()),
        link_phrases=link_phrases,
        link_phrases_after=link_phrases_after,
        not_when=tuple(data.not_when),
        exclusions=_exclusions_regex(data.not_when),
    )


def load_lexicon(path: Path) -> Lexicon:
    """Read, validate and compile one lexicon file (ConfigError on mistakes)."""
    return build_lexicon(load_yaml_model(path, LexiconFile, "lexicon file"))


@functools.cache
def shipped_lexicon(category: str) -> Lexicon:
    return load_lexicon(LEXICON_DIR / f"{category}.yaml")


# --- The person link ---------------------------------------------------------


class PersonLinkFile(BaseModel):
    """`detect/lexicons/person_link.yaml`."""

    model_config = ConfigDict(extra="forbid")

    source: list[str]
    notes: str
    person_words: list[str]
    generic_determiners: list[str]
    person_patterns: list[str]
    subject_pronouns: list[str]
    possessives: list[str]
    not_possessive_after: list[str]
    person_entities: list[str]
    functional_mailboxes: list[str]
    speaker_before: list[str]
    speaker_roles: list[str]

    @field_validator("person_patterns")
    @classmethod
    def _compiles(cls, patterns: list[str]) -> list[str]:
        for pattern in patterns:
            try:
                regex.compile(pattern)
            except regex.error as exc:
                raise ValueError(f"not a regular expression: {pattern!r} ({exc})") from None
        return patterns


@functools.lru_cache(maxsize=1)
def shipped_person_link() -> PersonLinkFile:
    return load_yaml_model(PERSON_LINK_FILE, PersonLinkFile, "person-link file")


class PersonLink:
    """Is a person near a term?  Answers with the word that says so, or None.

    Three reaches, from loose to tight evidence:

    * within `LINK_WINDOW_CHARS`: a title, salutation or form label
      (`person_patterns`), a person word used as a label (`Medewerker:`,
      `cliënt Jansen`), another recognizer's personal hit;
    * within the sentence: a person word in running text (`de medewerker
      heeft ...`), so that `de patiënt staat centraal` in one sentence of a
      news item does not link a diagnosis in the next;
    * within a few words: a pronoun or possessive (`zij heeft`, `zijn`).

    A quoted speaker (`zegt mevrouw X`, `X, woordvoerder`) is nobody's
    data subject and links nothing.
    """

    def __init__(self, settings: PersonLinkFile, person_words: Sequence[str] | None = None) -> None:
        words = list(settings.person_words if person_words is None else person_words)
        self.person_words = words
        generic = words_regex(settings.generic_determiners)
        self._words = (
            regex.compile(rf"(?<!{_WORD_START}{generic}\s+){_WORD_START}{words_regex(words)}(?!'s)")
            if words
            else None
        )
        self._patterns = regex.compile(
            "|".join(f"(?:{p})" for p in settings.person_patterns) or r"(?!)", regex.IGNORECASE
        )
        pronouns = words_regex(settings.subject_pronouns)
        possessives = words_regex(settings.possessives)
        verb_cues = words_regex(settings.not_possessive_after)
        self._pronoun_before = regex.compile(
            rf"{_WORD_START}(?P<pronoun>{pronouns})"
            rf"(?:{_SEP}{_WORD}){{0,{SUBJECT_PRONOUN_GAP_BEFORE}}}{_SEP}\Z"
        )
        self._pronoun_after = regex.compile(
            rf"^(?:{_SEP}{_WORD}){{0,{SUBJECT_PRONOUN_GAP_AFTER}}}{_SEP}(?P<pronoun>{pronouns})"
        )
        self._possessive = regex.compile(
            rf"(?<!{_WORD_START}{verb_cues}{_SEP}){_WORD_START}(?P<pronoun>{possessives})"
            rf"(?:{_SEP}{_WORD}){{0,{POSSESSIVE_GAP}}}{_SEP}\Z"
        )
        cues = words_regex([*settings.speaker_before, *settings.speaker_roles])
        self._speaker_before = regex.compile(rf"{_WORD_START}{cues}[:,]?(?:\s+{_WORD}){{0,2}}\s+\Z")
        self._speaker_after = regex.compile(
            rf"[^\S\n]*(?:[,(][^\S\n]*{words_regex(settings.speaker_roles)}|:\s*['\"])"
        )
        self._entities = frozenset(settings.person_entities)
        self._mailboxes = frozenset(fold(m) for m in settings.functional_mailboxes)

    def in_text(self, text: str, folded: str, start: int, end: int) -> str | None:
        """The nearest person word or pattern, else a pronoun close to the term."""
        word_start, word_end = _enclosing_word(folded, start, end)
        lo = max(0, start - LINK_WINDOW_CHARS)
        hi = min(len(text), end + LINK_WINDOW_CHARS)
        found: list[tuple[int, int, int]] = []
        for match in self._patterns.finditer(text, lo, hi):
            found += self._candidate(text, folded, match, word_start, word_end)
        if self._words is not None:
            for match in self._words.finditer(folded, lo, hi):
                if _LABEL_AFTER.match(text, match.end()) or _same_sentence(
                    text, match.start(), match.end(), word_start, word_end
                ):
                    found += self._candidate(text, folded, match, word_start, word_end)
        if found:
            _, begin, finish = min(found)
            return " ".join(text[begin:finish].lower().split())
        before = folded[max(0, word_start - PRONOUN_REACH_CHARS) : word_start]
        after = folded[word_end : word_end + PRONOUN_REACH_CHARS]
        for match in (
            self._possessive.search(before),
            self._pronoun_before.search(before),
            self._pronoun_after.search(after),
        ):
            if match is not None:
                return match.group("pronoun")
        return None

    def personal_hit(
        self, folded: str, start: int, end: int, others: Iterable[RecognizerResult]
    ) -> str | None:
        """The entity type of another recognizer's personal hit in the link window."""
        for other in others:
            if other.entity_type not in self._entities or other.score < PERSONAL_HIT_MIN_SCORE:
                continue
            # The statistical NER also names spokespeople, authors and places in
            # news and policy texts; only the rules' names are evidence enough
            # that a sensitive term is about somebody.
            if other.recognition_metadata.get(RecognizerResult.RECOGNIZER_NAME_KEY) in (
                NER_RECOGNIZERS
            ):
                continue
            if max(other.start - end, start - other.end, 0) > LINK_WINDOW_CHARS:
                continue
            if other.entity_type == "EMAIL_ADDRESS" and not self._personal_address(
                folded[other.start : other.end]
            ):
                continue
            if self._speaker(folded, other.start, other.end):
                continue
            return other.entity_type
        return None

    def _candidate(
        self, text: str, folded: str, match: regex.Match[str], start: int, end: int
    ) -> list[tuple[int, int, int]]:
        """(distance, start, end) of a match that is not the term nor a speaker."""
        if start < match.end() and match.start() < end:
            return []
        if self._speaker(folded, match.start(), match.end()):
            return []
        distance = max(match.start() - end, start - match.end(), 0)
        return [(distance, match.start(), match.end())]

    def _speaker(self, folded: str, start: int, end: int) -> bool:
        before = folded[max(0, start - PHRASE_REACH_CHARS) : start]
        return bool(
            self._speaker_before.search(before)
            or self._speaker_after.match(folded, _name_end(folded, end))
        )

    def _personal_address(self, address: str) -> bool:
        """A name-like local part (`j.devries`, `jan_bakker`), no department word."""
        parts = regex.split(r"[._-]+", address.partition("@")[0])
        return len(parts) > 1 and not any(part in self._mailboxes for part in parts)


# A person word that labels a field or stands before a name: `Cliënt:`, `collega Jansen`.
_LABEL_AFTER = regex.compile(r"[^\S\n]*:|[^\S\n]+\p{Lu}")
# A sentence ends at . ! ? before a capital (not after an initial or a title
# abbreviation), and at a blank line.
_SENTENCE_BREAK = regex.compile(
    r"(?<!(?<![^\W_])(?:\p{L}|(?i:dhr|mevr|mw|mr|dr|drs|ir|ing|prof|geb|nr|tel|bijv|ca|evt)))"
    r"[.!?]['\"\u2019\u201d)]*\s+(?=['\"\u2018\u201c(]?\p{Lu})|\n[^\S\n]*\n"
)


def _same_sentence(text: str, start: int, end: int, term_start: int, term_end: int) -> bool:
    lo, hi = (end, term_start) if end <= term_start else (term_end, start)
    return _SENTENCE_BREAK.search(text, lo, hi) is None


def _name_end(folded: str, end: int) -> int:
    """Past a name that follows a title (`mevrouw| de Vries`), for the speaker check."""
    match = _NAME_AFTER_TITLE.match(folded, end)
    return match.end() if match else end


_NAME_AFTER_TITLE = regex.compile(r"(?:[^\S\n]+[\w'.-]+){0,3}?(?=[^\S\n]*[,(:])")


def _in_address(folded: str, start: int, end: int) -> bool:
    """True for a term inside an e-mail address, URL or domain (`pers@fnv.nl`)."""
    lo, hi = max(0, start - MAX_WORD_GROWTH), min(len(folded), end + MAX_WORD_GROWTH)
    token = _TOKEN.search(folded, lo, start)
    head = token.start() if token else start
    tail = _TOKEN_END.search(folded, end, hi)
    word = folded[head : tail.start() if tail else hi]
    return "@" in word or "://" in word or "www." in word or bool(_DOMAIN.search(word))


_TOKEN = regex.compile(r"\S*\Z")
_TOKEN_END = regex.compile(r"\s|\Z")
_DOMAIN = regex.compile(r"\.(?:nl|com|org|eu|net|be|de|info)\b")


def _enclosing_word(folded: str, start: int, end: int) -> tuple[int, int]:
    """The whole word around a term found in it (`borst|kanker`, `oncolog|ie`),
    at most `MAX_WORD_GROWTH` characters more on each side."""
    floor, ceiling = max(0, start - MAX_WORD_GROWTH), min(len(folded), end + MAX_WORD_GROWTH)
    while start > floor and folded[start - 1].isalnum():
        start -= 1
    while end < ceiling and folded[end].isalnum():
        end += 1
    return start, end


@functools.lru_cache(maxsize=16)
def _person_link(words: tuple[str, ...] | None) -> PersonLink:
    return PersonLink(shipped_person_link(), None if words is None else list(words))


# --- The shared gate ---------------------------------------------------------


class LexiconGate:
    """Where any category's terms are, in one regex pass over a text."""

    def __init__(self, lexicons: Sequence[Lexicon]) -> None:
        self._owner: dict[str, Lexicon] = {}
        for lexicon in lexicons:
            for key in lexicon.terms:
                other = self._owner.setdefault(key, lexicon)
                if other is not lexicon:
                    raise ValueError(
                        f"term {key!r} is in both {other.category} and {lexicon.category}"
                    )
        self._pattern = terms_regex(t for lexicon in lexicons for t in lexicon.terms.values())

    def holds_a_term(self, text: str) -> bool:
        """Whether any category's term occurs in `text` at all.  The pattern
        is the alternation of every lexicon's terms, so where it finds
        nothing, no lexicon's own pattern can."""
        return self._pattern.search(fold(text)) is not None

    def scan(self, text: str) -> dict[str, list[tuple[int, int]]]:
        folded = fold(text)
        spans: dict[str, list[tuple[int, int]]] = {}
        for match in self._pattern.finditer(folded):
            key = term_key(match.group())
            lexicon = self._owner[key]
            term = lexicon.terms[key]
            linked = lexicon.link_phrase_near(folded, *_enclosing_word(folded, *match.span()))
            if term.kind is Kind.LINKED and not linked:
                continue
            spans.setdefault(lexicon.category, []).append(match.span())
        return spans


@functools.lru_cache(maxsize=1)
def shipped_gate() -> LexiconGate:
    return LexiconGate([shipped_lexicon(category) for category in CATEGORIES])


@functools.lru_cache(maxsize=1)
def _gate_scan(text: str) -> dict[str, list[tuple[int, int]]]:
    """The nine gates of one text share this scan (the text is the cache key)."""
    return shipped_gate().scan(text)


@functools.lru_cache(maxsize=1)
def _holds_a_term(text: str) -> bool:
    """The nine recognizers of one window share this check (the window is
    the cache key): most windows, opened by a number, hold no term, and
    each recognizer's own pass would fold and search the window again."""
    return shipped_gate().holds_a_term(text)


# --- The recognizers ---------------------------------------------------------


class Evidence(enum.Enum):
    STRONG = "strong term"
    CORROBORATED = "two terms"
    SINGLE = "single weak term"


_LINKED_SCORE = {Evidence.STRONG: STRONG_SCORE, Evidence.CORROBORATED: CORROBORATED_SCORE}


class NlSpecialCategoryRecognizer(LocalRecognizer):
    """One special category: its lexicon, the person link and the score scheme.

    `context` (recognizers.yaml) replaces the person words of
    `person_link.yaml`; `negative_context` replaces the lexicon's not_when
    phrases.
    """

    CATEGORY: ClassVar[str]
    ENTITY: ClassVar[str]

    def __init__(
        self,
        context: Sequence[str] | None = None,
        negative_context: Sequence[str] | None = None,
        supported_language: str = LANGUAGE,
        name: str | None = None,
    ) -> None:
        lexicon = shipped_lexicon(self.CATEGORY)
        if lexicon.entity != self.ENTITY:
            raise ValueError(f"lexicon {self.CATEGORY} is for {lexicon.entity}, not {self.ENTITY}")
        if negative_context is not None:
            lexicon = lexicon.with_exclusions(negative_context)
        self.lexicon = lexicon
        self.person_link = _person_link(None if context is None else tuple(context))
        self.negative_context = list(lexicon.not_when)
        super().__init__(
            supported_entities=[self.ENTITY],
            name=name,
            supported_language=supported_language,
            context=list(self.person_link.person_words),
        )

    def load(self) -> None:
        """Nothing to load: the lexicons are compiled once per process."""

    def analyze(
        self, text: str, entities: list[str], nlp_artifacts: NlpArtifacts | None = None
    ) -> list[RecognizerResult]:
        if (entities and self.ENTITY not in entities) or not _holds_a_term(text):
            return []
        folded = fold(text)
        hits = self.lexicon.find(folded)
        results = []
        for index, hit in enumerate(hits):
            evidence = _evidence(hits, index)
            link = None
            if evidence is not Evidence.SINGLE:
                link = self.person_link.in_text(text, folded, hit.start, hit.end)
            results.append(self._result(hit, evidence, link))
        return results

    def enhance_using_context(
        self,
        text: str,
        raw_recognizer_results: list[RecognizerResult],
        other_raw_recognizer_results: list[RecognizerResult],
        nlp_artifacts: NlpArtifacts | None,
        context: list[str] | None = None,
    ) -> list[RecognizerResult]:
        """Link terms that have evidence but no person word to a personal hit."""
        folded = fold(text)
        for result in raw_recognizer_results:
            evidence = result.recognition_metadata.get(EVIDENCE_KEY)
            if evidence not in _LINKED_SCORE or result.recognition_metadata.get(LINK_KEY):
                continue
            entity = self.person_link.personal_hit(
                folded, result.start, result.end, other_raw_recognizer_results
            )
            if entity is not None:
                _link(result, _LINKED_SCORE[evidence], entity)
        return raw_recognizer_results

    def validate_value(self, value: str) -> bool:
        """True for a spreadsheet cell that is one term of this category.

        A column where most cells are `depressie`, `diabetes`, `burn-out` holds
        one health fact per row, and rows of a table are about people.
        """
        folded = fold(value.strip())
        hits = self.lexicon.find(folded)
        return (
            len(hits) == 1
            and hits[0].start == 0
            and not any(c.isspace() for c in folded[hits[0].end :])
        )

    def gate_spans(self, text: str) -> list[tuple[int, int]]:
        """Term spans widened so that the engine's window holds the link window."""
        before = LINK_WINDOW_CHARS + GATE_SLACK_CHARS - BEFORE
        after = LINK_WINDOW_CHARS + GATE_SLACK_CHARS - AFTER
        return [
            (max(0, start - before), min(len(text), end + after))
            for start, end in _gate_scan(text).get(self.CATEGORY, ())
        ]

    def _result(self, hit: TermHit, evidence: Evidence, link: str | None) -> RecognizerResult:
        score = UNLINKED_SCORE if evidence in _LINKED_SCORE else SINGLE_WEAK_SCORE
        explanation = AnalysisExplanation(
            recognizer=self.name,
            original_score=score,
            pattern_name=f"{self.CATEGORY} lexicon: {evidence.value}",
            textual_explanation="special-category term; reported only with a person link",
        )
        result = RecognizerResult(
            entity_type=self.ENTITY,
            start=hit.start,
            end=hit.end,
            score=score,
            analysis_explanation=explanation,
            recognition_metadata={
                RecognizerResult.RECOGNIZER_NAME_KEY: self.name,
                RecognizerResult.RECOGNIZER_IDENTIFIER_KEY: self.id,
                # The scheme here is the whole story; the lemma enhancer keeps out.
                RecognizerResult.IS_SCORE_ENHANCED_BY_CONTEXT_KEY: True,
                EVIDENCE_KEY: evidence,
                LINK_KEY: None,
            },
        )
        if link is not None and evidence in _LINKED_SCORE:
            _link(result, _LINKED_SCORE[evidence], link)
        return result


def _evidence(hits: Sequence[TermHit], index: int) -> Evidence:
    """Strong, or weak with a different term nearby (`hits` are in text order)."""
    hit = hits[index]
    if hit.strong:
        return Evidence.STRONG
    lo, hi = hit.start - CORROBORATION_WINDOW_CHARS, hit.end + CORROBORATION_WINDOW_CHARS
    for step in (-1, 1):
        other = index + step
        while 0 <= other < len(hits) and hits[other].end >= lo and hits[other].start <= hi:
            if hits[other].term.key != hit.term.key:
                return Evidence.CORROBORATED
            other += step
    return Evidence.SINGLE


def _link(result: RecognizerResult, score: float, why: str) -> None:
    result.score = score
    result.recognition_metadata[LINK_KEY] = why
    if result.analysis_explanation is not None:
        result.analysis_explanation.set_supportive_context_word(why)
        result.analysis_explanation.set_improved_score(score)


class NlHealthRecognizer(NlSpecialCategoryRecognizer):
    """SPECIAL_HEALTH: diagnoses, medication, absence and care (art. 9, art. 4(15))."""

    CATEGORY = "health"
    ENTITY = "SPECIAL_HEALTH"


class NlReligionRecognizer(NlSpecialCategoryRecognizer):
    """SPECIAL_RELIGION: religious or philosophical beliefs (art. 9)."""

    CATEGORY = "religion"
    ENTITY = "SPECIAL_RELIGION"


class NlEthnicityRecognizer(NlSpecialCategoryRecognizer):
    """SPECIAL_ETHNICITY: racial or ethnic origin (art. 9)."""

    CATEGORY = "ethnicity"
    ENTITY = "SPECIAL_ETHNICITY"


class NlPoliticalOpinionRecognizer(NlSpecialCategoryRecognizer):
    """SPECIAL_POLITICAL: political opinions, party membership (art. 9)."""

    CATEGORY = "political"
    ENTITY = "SPECIAL_POLITICAL"


class NlTradeUnionRecognizer(NlSpecialCategoryRecognizer):
    """SPECIAL_TRADE_UNION: trade-union membership (art. 9)."""

    CATEGORY = "trade_union"
    ENTITY = "SPECIAL_TRADE_UNION"


class NlSexualOrientationRecognizer(NlSpecialCategoryRecognizer):
    """SPECIAL_SEXUAL_ORIENTATION: sex life or sexual orientation (art. 9)."""

    CATEGORY = "sexual_orientation"
    ENTITY = "SPECIAL_SEXUAL_ORIENTATION"


class NlBiometricRecognizer(NlSpecialCategoryRecognizer):
    """SPECIAL_BIOMETRIC: biometric data for unique identification (art. 9, art. 4(14))."""

    CATEGORY = "biometric"
    ENTITY = "SPECIAL_BIOMETRIC"


class NlGeneticRecognizer(NlSpecialCategoryRecognizer):
    """SPECIAL_GENETIC: genetic data (art. 9, art. 4(13))."""

    CATEGORY = "genetic"
    ENTITY = "SPECIAL_GENETIC"


class NlCriminalRecognizer(NlSpecialCategoryRecognizer):
    """SPECIAL_CRIMINAL: criminal convictions, offences and measures (art. 10)."""

    CATEGORY = "criminal"
    ENTITY = "SPECIAL_CRIMINAL"
