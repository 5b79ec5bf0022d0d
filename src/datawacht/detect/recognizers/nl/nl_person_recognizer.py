"""PERSON: people's names in Dutch text, by rules and name lists, without a model.

Capitalisation alone says little in Dutch text (sentence starts, places,
organisations, months in headings), and many surnames are ordinary words
(`Bakker`, `Visser`, `de Jong`).  A name is therefore reported (score of at
least 0.5) only with evidence next to it:

| evidence | example | score |
|---|---|---|
| salutation or title | `mevrouw A.M. van der Berg-de Jong`, `dhr. Jansen` | 0.85 |
| initials | `J.P. de Vries`, `K. ter Horst`, `Jan P. Bakker`, `Vries, J. de` | 0.8 |
| label with a colon | `Naam: Kees Kowalski`, `Medewerker: De Vries` | 0.75 |
| listed first name + listed surname | `Daan Bakker`, `Jan Kees Bakker` | 0.7 |
| the line under a closing | `Met vriendelijke groet,` / `Kees Kowalski` | 0.7 |
| role word + listed surname or tussenvoegsel | `wethouder Jansen`, `collega Van der Meer` | 0.7 |
| listed first name + tussenvoegsel (not `de`) | `Mohamed el Amrani`, `Jan van Oosterwijk` | 0.6 |
| greeting + listed first name | `Beste Daan,` | 0.6 |
| a whole greeting line | `Hoi Gunter,` | 0.55 |
| single initial + unlisted word | `Bijlage A. Overzicht` | 0.45 |
| listed first name + unlisted surname | `Daan Kowalski` | 0.4 |

A role or label word right before a name adds the context boost (0.4) to
the readings above that it does not already decide: `cliënt Daan
Kowalski` is reported.  A lone surname without such evidence is not
reported at all (`Bakker belde`, `de Jong kwam`).

The reported span is the name only: initials and tussenvoegsels are in it,
titles are not.  A name is dropped when it is a street (`Willem de
Zwijgerlaan`), part of an organisation (`Stichting ...`, `... B.V.`), an
eponymous disease (`syndroom van Down`), a place, or follows a negative
context word (`orkaan Maria`, `hond Max`).

The recognizer judges its own context, strictly (the word right before the
name), and marks every result as already context-scored so that Presidio's
lemma enhancer does not add a second, looser boost for a label eight
tokens away.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, replace

import regex
from presidio_analyzer import AnalysisExplanation, LocalRecognizer, RecognizerResult
from presidio_analyzer.nlp_engine import NlpArtifacts

from datawacht.detect.literal_starts import LiteralStarts
from datawacht.detect.names.grammar import (
    TITLE_ABBREVIATIONS,
    Name,
    NameReader,
    Token,
    Unit,
    is_title,
    joined,
    tokenize,
)
from datawacht.detect.names.lexicon import NameLexicon, load_lexicon
from datawacht.detect.names.surroundings import Surroundings
from datawacht.detect.names.values import looks_like_name
from datawacht.detect.nlp import LANGUAGE
from datawacht.detect.recognizers.base import CONTEXT_BOOST, context_word_regex

# Words that introduce something named like a person that is no person.
PERSON_NEGATIVE_CONTEXT = [
    "storm",
    "orkaan",
    "operatie",
    "project",
    "projectnaam",
    "programma",
    "prijs",
    "award",
    "schip",
    "boot",
    "hotel",
    "restaurant",
    "café",
    "museum",
    "gebouw",
    "pand",
    "zaal",
    "locatie",
    "vestiging",
    "straatnaam",
    "merk",
    "product",
    "app",
    "hond",
    "kat",
    "paard",
    "huisdier",
    "motie",
    "amendement",
    "wet",
    "zaak",
]

# Tussenvoegsels that are also articles: `belt Noah de Klantenservice` is no
# name, so after these an unlisted surname is no evidence (`Jan van
# Oosterwijk` and `Mohamed el Amrani` are).
ARTICLE_PARTICLES = frozenset({"de", "het", "te", "des"})

# Opening words of a letter or mail, at the start of a line.
_GREETING = regex.compile(
    r"^[ \t]*(?i:beste|lieve|hoi|hallo|hey|hee|dag|goedemorgen|goedemiddag|goedenavond)[ \t]+",
    regex.MULTILINE,
)
# Closings of a letter or mail; the name follows on the same line after a
# comma, or on the next line that is not empty.
_CLOSING = regex.compile(
    r"^[ \t]*(?i:(?:met[ \t]+)?(?:vriendelijke|hartelijke|collegiale|sportieve|beste|warme"
    r"|lieve)[ \t]+groet(?:en|jes)?|hoogachtend|groet(?:en|jes)?|mvg|m\.v\.g\.|(?:kind|best)"
    r"[ \t]+regards|regards)[ \t]*(?P<comma>,)?[.!]?[ \t]*",
    regex.MULTILINE,
)
# A greeting line ends after the name: `Hoi Gunter,` `Dag Gunter!`
_SALUTATION_END = regex.compile(r"[ \t]*(?:[,!]|$)", regex.MULTILINE)
_BLANK_LINES_AFTER_CLOSING = 2
_INITIAL = r"(?:IJ|Th|Chr|Ch|Ph|Joh|Jac|Fr|Wm|\p{Lu})\."


@dataclass(frozen=True)
class Candidate:
    """A name found by one rule, with the score the rule gives it."""

    start: int
    end: int
    score: float
    rule: str


def right_before(words: Sequence[str]) -> regex.Pattern[str] | None:
    """One of `words`, then only white space (a colon or dash allowed) up to the search end."""
    alternation = context_word_regex(tuple(words))
    if alternation is None:
        return None
    return regex.compile(rf"(?:{alternation.pattern})[ \t]*[:\-]?[ \t]*$", regex.IGNORECASE)


def best_non_overlapping(candidates: Iterable[Candidate]) -> list[Candidate]:
    """The strongest reading of every stretch of text, longest first on a tie."""
    kept: list[Candidate] = []
    for candidate in sorted(candidates, key=lambda c: (-c.score, c.start - c.end, c.start)):
        if all(candidate.end <= k.start or k.end <= candidate.start for k in kept):
            kept.append(candidate)
    return sorted(kept, key=lambda c: c.start)


class NlPersonRecognizer(LocalRecognizer):
    """Recognize Dutch people's names from titles, initials, lists and layout."""

    ENTITY = "PERSON"
    TITLE_SCORE = 0.85
    INITIALS_SCORE = 0.8
    LABEL_SCORE = 0.75
    FULL_NAME_SCORE = 0.7
    SIGNATURE_SCORE = 0.7
    FIRST_NAME_AND_PARTICLES_SCORE = 0.6
    GREETING_SCORE = 0.6
    NAME_LABEL_SINGLE_WORD_SCORE = 0.6
    SINGLE_INITIAL_SCORE = 0.45
    FIRST_NAME_ONLY_LISTED_SCORE = 0.4
    ROLE_NAME_SCORE = 0.3  # plus the context boost: 0.7
    GREETING_UNLISTED_SCORE = 0.55
    # Labels and roles: right before a name they are evidence; with a colon
    # they make any name-shaped value a name.  Words with a colon match only so.
    CONTEXT = [
        "naam",
        "achternaam",
        "voornaam",
        "voornamen",
        "roepnaam",
        "geslachtsnaam",
        "volledige naam",
        "medewerker",
        "medewerkster",
        "werknemer",
        "collega",
        "betrokkene",
        "cliënt",
        "client",
        "patiënt",
        "patient",
        "aanvrager",
        "aanvraagster",
        "verzoeker",
        "belanghebbende",
        "bezwaarmaker",
        "klager",
        "melder",
        "huurder",
        "bewoner",
        "leerling",
        "student",
        "sollicitant",
        "kandidaat",
        "contactpersoon",
        "behandelaar",
        "casemanager",
        "consulent",
        "leidinggevende",
        "teamleider",
        "manager",
        "directeur",
        "burgemeester",
        "wethouder",
        "raadslid",
        "minister",
        "staatssecretaris",
        "voorzitter",
        "secretaris",
        "griffier",
        "notaris",
        "advocaat",
        "huisarts",
        "arts",
        "dokter",
        "tandarts",
        "verpleegkundige",
        "mentor",
        "docent",
        "juf",
        "meester",
        "voogd",
        "echtgenoot",
        "echtgenote",
        "partner",
        "zoon",
        "dochter",
        "vader",
        "moeder",
        "ondergetekende",
        "getuige",
        "t.a.v.",
        "ter attentie van",
        "namens",
        "opgesteld door",
        "behandeld door",
        "auteur",
        "van:",
        "aan:",
        "cc:",
    ]
    NEGATIVE_CONTEXT = PERSON_NEGATIVE_CONTEXT

    def __init__(
        self,
        context: Sequence[str] | None = None,
        negative_context: Sequence[str] | None = None,
        supported_language: str = LANGUAGE,
        name: str | None = None,
    ) -> None:
        super().__init__(
            supported_entities=[self.ENTITY],
            supported_language=supported_language,
            context=list(self.CONTEXT if context is None else context),
            name=name,
        )
        self.negative_context = list(
            self.NEGATIVE_CONTEXT if negative_context is None else negative_context
        )
        self.reader = NameReader(load_lexicon())
        self._labels = context_word_regex(tuple(self.context))
        self._label_and_gap = regex.compile(
            rf"(?P<word>{self._labels.pattern if self._labels else '(?!)'})"
            r"[ \t]*(?P<colon>:?)[ \t]*",
            regex.IGNORECASE,
        )
        self._negative = right_before(self.negative_context)
        self._gates = self._gate_regexes()

    def load(self) -> None:
        """The lists are loaded (once per process) by the constructor."""

    # -- Presidio --------------------------------------------------------

    def analyze(
        self, text: str, entities: list[str], nlp_artifacts: NlpArtifacts | None = None
    ) -> list[RecognizerResult]:
        if self.ENTITY not in entities or next(iter(self.gate_spans(text)), None) is None:
            # No place where a rule can start: the gate's passes cost a
            # fraction of tokenising and reading the text, and a window
            # opened by a number mostly holds no title, initial or label.
            return []
        return [self._result(c) for c in self.names(text)]

    def names(self, text: str) -> list[Candidate]:
        """The names the rules read in `text`, vetoes and overlaps settled."""
        tokens = tokenize(text)
        starts = [t.start for t in tokens]
        labels = dict(self._labels_before(text, tokens, starts))
        candidates = [
            *self._forward(text, tokens, labels),
            *self._greetings(text, tokens, starts),
            *self._signatures(text, tokens, starts),
            *self._labelled(text, tokens, labels),
            *self._surname_first(text, tokens),
        ]
        surroundings = Surroundings(text, tokens, self.reader.lexicon, self._negative)
        kept = [c for c in candidates if surroundings.veto(c.start, c.end) is None]
        return best_non_overlapping(kept)

    def validate_value(self, value: str) -> bool:
        """True when a whole cell is a name or a name part (see `names/values.py`)."""
        return looks_like_name(value, self.reader)

    def gate_spans(self, text: str) -> Iterator[tuple[int, int]]:
        """Titles, initials before a capitalised word or after a comma, listed
        first names before another name word, greetings, closings (with the
        line below) and labels: every place where a rule can start.  `analyze`
        relies on that: it reads no text without one (property-tested)."""
        first_names = self.reader.lexicon.first_names
        for gate in self._gates:
            for match in gate.finditer(text):
                if match.lastgroup == "capital":
                    if match.group().split("-")[0] in first_names:
                        yield match.span()
                elif match.lastgroup == "closing":
                    yield match.start(), _end_of_next_line(text, match.end())
                else:
                    yield match.span()

    # -- rules -----------------------------------------------------------

    def _forward(
        self, text: str, tokens: Sequence[Token], labels: dict[int, bool]
    ) -> Iterator[Candidate]:
        """Titles, initials and listed first names, read left to right."""
        i = 0
        while i < len(tokens):
            found = (
                self._after_title(text, tokens, i)
                or self._initials(text, tokens, i)
                or self._first_name(text, tokens, i)
            )
            if found is None:
                i += 1
                continue
            candidate, first_index, i = found
            if labels.get(first_index) is False:  # a role word, no colon
                candidate = replace(
                    candidate,
                    score=min(1.0, candidate.score + CONTEXT_BOOST),
                    rule=candidate.rule + " + role",
                )
            yield candidate

    def _after_title(
        self, text: str, tokens: Sequence[Token], i: int
    ) -> tuple[Candidate, int, int] | None:
        if not is_title(tokens[i], tokens[i - 1] if i else None):
            return None
        j = i + 1
        while j < len(tokens) and joined(text, tokens[j - 1], tokens[j]):
            if not is_title(tokens[j], tokens[j - 1]):
                break
            j += 1
        if j >= len(tokens) or not joined(text, tokens[j - 1], tokens[j]):
            return None
        name = self._plausible(text, self.reader.read_name(text, tokens, j, open_given=True))
        if name is None:
            return None
        return Candidate(name.start, name.end, self.TITLE_SCORE, "title"), j, name.next_index

    def _initials(
        self, text: str, tokens: Sequence[Token], i: int
    ) -> tuple[Candidate, int, int] | None:
        if tokens[i].kind != "initial":
            return None
        name = self._plausible(text, self.reader.read_name(text, tokens, i))
        if name is None:
            return None
        strong = len(name.initials) > 1 or name.particles or self._listed_surname(name)
        score = self.INITIALS_SCORE if strong else self.SINGLE_INITIAL_SCORE
        start = name.start
        if i and self._given_name_before(text, tokens, i):  # `Jan P. Bakker`
            start, i = tokens[i - 1].start, i - 1
        return Candidate(start, name.end, score, "initials"), i, name.next_index

    def _first_name(
        self, text: str, tokens: Sequence[Token], i: int
    ) -> tuple[Candidate, int, int] | None:
        token = tokens[i]
        if token.kind != "word" or token.text.split("-")[0] not in self.reader.lexicon.first_names:
            return None
        name = self._plausible(text, self.reader.read_name(text, tokens, i))
        if name is None:
            return None
        if self.reader.lexicon.is_common(name.given[0]) and _sentence_start(text, token.start):
            return None
        if self._listed_surname(name):
            score, rule = self.FULL_NAME_SCORE, "first name and surname"
        elif name.particles and name.prefix not in ARTICLE_PARTICLES:
            score, rule = self.FIRST_NAME_AND_PARTICLES_SCORE, "first name and tussenvoegsel"
        else:
            score, rule = self.FIRST_NAME_ONLY_LISTED_SCORE, "first name"
        return Candidate(name.start, name.end, score, rule), i, name.next_index

    def _given_name_before(self, text: str, tokens: Sequence[Token], i: int) -> bool:
        previous = tokens[i - 1]
        return (
            previous.kind == "word"
            and self.reader.lexicon.is_first_name(previous.text)
            and joined(text, previous, tokens[i])
        )

    def _greetings(
        self, text: str, tokens: Sequence[Token], starts: list[int]
    ) -> Iterator[Candidate]:
        """`Beste Daan,` and `Hoi Kees Kowalski`: a greeting at the start of a line.

        A single unlisted word counts only as the whole salutation (`Hoi
        Gunter,`): `Beste Bewoner,` and `Hallo Allemaal!` are listed words.
        """
        for match in _GREETING.finditer(text):
            name = self._open_name_at(text, tokens, starts, match.end())
            if name is None:
                continue
            if name.units > 1:
                yield Candidate(name.start, name.end, self.SIGNATURE_SCORE, "greeting")
            elif self.reader.lexicon.is_first_name(name.surname[0]):
                yield Candidate(name.start, name.end, self.GREETING_SCORE, "greeting")
            elif _SALUTATION_END.match(text, name.end):
                score = self.GREETING_UNLISTED_SCORE
                yield Candidate(name.start, name.end, score, "greeting, unlisted name")

    def _signatures(
        self, text: str, tokens: Sequence[Token], starts: list[int]
    ) -> Iterator[Candidate]:
        """The name under `Met vriendelijke groet,` (or after it on the same line)."""
        for match in _CLOSING.finditer(text):
            begin = match.end()
            if begin >= len(text) or text[begin] == "\n":
                begin = _next_filled_line(text, begin)
            elif not match.group("comma"):
                continue  # `Groeten uit Rome`
            name = self._open_name_at(text, tokens, starts, begin)
            if name is None:
                continue
            if name.units > 1:
                yield Candidate(name.start, name.end, self.SIGNATURE_SCORE, "signature")
            elif self.reader.lexicon.is_first_name(name.surname[0]):
                yield Candidate(name.start, name.end, self.GREETING_SCORE, "signature")

    def _labelled(
        self, text: str, tokens: Sequence[Token], labels: dict[int, bool]
    ) -> Iterator[Candidate]:
        """`Naam: Kowalski`, `Medewerker: Kees de Boer`; `wethouder Jansen`."""
        lexicon = self.reader.lexicon
        for index, colon in labels.items():
            if is_title(tokens[index], tokens[index - 1] if index else None):
                continue
            if colon:
                name = self._plausible(
                    text, self.reader.read_name(text, tokens, index, open_given=True)
                )
                if name is None or self._is_context_word(name):
                    continue
                listed = self._listed_surname(name) or any(map(lexicon.is_first_name, name.words))
                if name.units > 1 or name.particles or listed:
                    yield Candidate(name.start, name.end, self.LABEL_SCORE, "label")
                elif self._is_name_label(text, tokens[index].start):
                    yield Candidate(
                        name.start, name.end, self.NAME_LABEL_SINGLE_WORD_SCORE, "name label"
                    )
                continue
            if not text[tokens[index].start].isupper():
                continue  # `minister van Financiën`: after a role, `van` is a preposition
            name = self._plausible(
                text, self.reader.read_name(text, tokens, index, open_given=True)
            )
            if name is None or self._is_context_word(name):
                continue
            score = self.ROLE_NAME_SCORE + CONTEXT_BOOST
            if name.units > 1 and (name.particles or self._listed_surname(name)):
                yield Candidate(name.start, name.end, score, "role and name")  # `Geert ter Feys`
            unit = self.reader.read_unit(text, tokens, index)
            if unit is None or unit.kind == "initial":
                continue
            core = unit.words[-1]
            if unit.particles or (lexicon.is_surname(core) and not lexicon.is_common(core)):
                name = self._plausible(text, NameReader.surname_only(unit))
                if name is not None:
                    yield Candidate(name.start, name.end, score, "role and surname")

    def _surname_first(self, text: str, tokens: Sequence[Token]) -> Iterator[Candidate]:
        """`Jansen, J.P.` and `Vries, J. de`: surname, comma, initials, tussenvoegsel."""
        for i, token in enumerate(tokens):
            if token.kind != "initial" or i < 2 or tokens[i - 1].text != ",":
                continue
            unit = self._unit_ending_at(text, tokens, i - 2)
            if unit is None:
                continue
            j = i + 1
            while (
                j < len(tokens)
                and tokens[j].kind == "initial"
                and joined(text, tokens[j - 1], tokens[j])
            ):
                j += 1
            particles = self._trailing_particles(text, tokens, j)
            after = j + particles
            if (
                after < len(tokens)
                and tokens[after].kind == "word"
                and joined(text, tokens[after - 1], tokens[after])
            ):
                continue  # `Bakker, J. Jansen` is read forward
            name = replace(
                NameReader.surname_only(unit), initials=tuple(t.text for t in tokens[i:j])
            )
            if self._plausible(text, name) is not None:
                end = tokens[after - 1].end
                yield Candidate(unit.start, end, self.INITIALS_SCORE, "surname, initials")

    # -- helpers ---------------------------------------------------------

    def _labels_before(
        self, text: str, tokens: Sequence[Token], starts: list[int]
    ) -> Iterator[tuple[int, bool]]:
        """(index of the token right after a label word, whether a colon follows it)."""
        if self._labels is None:
            return
        for match in self._label_and_gap.finditer(text):
            index = bisect.bisect_left(starts, match.end())
            if index < len(tokens) and starts[index] == match.end():
                yield index, match.group("word").endswith(":") or bool(match.group("colon"))

    def _open_name_at(
        self, text: str, tokens: Sequence[Token], starts: list[int], position: int
    ) -> Name | None:
        """A name in open reading at exactly `position`, unless a title starts there."""
        index = bisect.bisect_left(starts, position)
        if index >= len(tokens) or starts[index] != position:
            return None
        if is_title(tokens[index], tokens[index - 1] if index else None):
            return None
        name = self._plausible(text, self.reader.read_name(text, tokens, index, open_given=True))
        if name is None or self._is_context_word(name):
            return None
        return name

    def _plausible(self, text: str, name: Name | None) -> Name | None:
        if name is None or self.reader.implausible(name, text) is not None:
            return None
        return name

    def _listed_surname(self, name: Name) -> bool:
        return any(self.reader.lexicon.is_surname(w) for w in name.surname)

    def _is_context_word(self, name: Name) -> bool:
        """`Naam: Medewerker` and `Met vriendelijke groet,\\nDirecteur` are no names."""
        return self._labels is not None and any(self._labels.fullmatch(w) for w in name.words)

    @staticmethod
    def _is_name_label(text: str, start: int) -> bool:
        line_start = text.rfind("\n", 0, start) + 1
        return "naam" in text[line_start:start].casefold()

    def _unit_ending_at(self, text: str, tokens: Sequence[Token], last: int) -> Unit | None:
        """The longest surname unit that ends with token `last` (`Berg-de Jong`)."""
        if tokens[last].kind != "word":
            return None
        longest = None
        for first in range(last, max(-1, last - 8), -1):
            unit = self.reader.read_unit(text, tokens, first)
            if unit is not None and unit.kind != "initial" and unit.next_index == last + 1:
                longest = unit
        return longest

    def _trailing_particles(self, text: str, tokens: Sequence[Token], j: int) -> int:
        """How many tokens from `j` form a tussenvoegsel that ends the name (`Vries, J. de`)."""
        best = 0
        for n in range(1, 4):
            part = tokens[j : j + n]
            if len(part) < n or not joined(text, tokens[j - 1], part[0]):
                break
            if any(t.kind not in ("word", "particle") for t in part):
                break
            if self.reader.lexicon.is_tussenvoegsel(" ".join(t.text for t in part)):
                best = n
        return best

    def _result(self, candidate: Candidate) -> RecognizerResult:
        explanation = AnalysisExplanation(
            recognizer=self.name,
            original_score=candidate.score,
            pattern_name=candidate.rule,
            textual_explanation=f"Dutch name by rule: {candidate.rule}",
        )
        return RecognizerResult(
            entity_type=self.ENTITY,
            start=candidate.start,
            end=candidate.end,
            score=candidate.score,
            analysis_explanation=explanation,
            recognition_metadata={
                RecognizerResult.RECOGNIZER_NAME_KEY: self.name,
                RecognizerResult.RECOGNIZER_IDENTIFIER_KEY: self.id,
                RecognizerResult.IS_SCORE_ENHANCED_BY_CONTEXT_KEY: True,
            },
        )

    def _gate_regexes(self) -> list[regex.Pattern[str] | LiteralStarts]:
        """One pass per kind of start.  One alternation of all of them took
        twice the time of the passes together (the `regex` module tries
        every branch at every position); a place that two kinds report
        (`Beste Daan`: a greeting, and a capitalised word) only opens the
        same window twice.  Titles and labels begin with known words, which
        `LiteralStarts` finds without trying the pattern everywhere."""
        titles = "|".join(TITLE_ABBREVIATIONS)
        particles = _particle_words(self.reader.lexicon)
        title = regex.compile(
            rf"(?P<title>(?<!\p{{L}})(?:(?i:{titles})\.?|[Hh]eer|[Mm]evrouw|[Mm]eneer)"
            rf"[ \t]+(?=\p{{Lu}}|{particles}[ \t]))",
            regex.MULTILINE,
        )
        gates: list[regex.Pattern[str] | LiteralStarts] = [
            LiteralStarts(title, [*TITLE_ABBREVIATIONS, "heer", "mevrouw", "meneer"])
        ]
        parts = [
            rf"(?P<initials>(?<!\p{{L}}){_INITIAL}(?:[ \t]?{_INITIAL})*[ \t]*"
            rf"(?:{particles}[ \t]+){{0,3}}(?:IJ|\p{{Lu}})\p{{Ll}}|,[ \t]*{_INITIAL})",
            r"(?P<greeting>" + _GREETING.pattern + rf"(?=\p{{Lu}}|{particles}[ \t]))",
            r"(?P<closing>" + _CLOSING.pattern + ")",
            rf"(?P<capital>(?<!\p{{L}})(?:IJ|\p{{Lu}})\p{{Ll}}+(?:-\p{{Lu}}\p{{Ll}}+)?"
            rf"(?=[ \t]+(?:\p{{Lu}}|{particles}[ \t])))",
        ]
        gates.extend(regex.compile(part, regex.MULTILINE) for part in parts)
        if self._labels is not None:
            label = regex.compile(
                rf"(?P<label>(?i:{self._labels.pattern})[ \t]*:?[ \t]*"
                rf"(?=\p{{Lu}}|{particles}[ \t]))",
                regex.MULTILINE,
            )
            gates.append(LiteralStarts(label, (word.split()[0] for word in self.context)))
        return gates


def _particle_words(lexicon: NameLexicon) -> str:
    """The first words of the listed tussenvoegsels, as one alternation.

    A gate must know every particle the rules read, or a name with no other
    start opens no window: `Jan over de Vries`, `Beste de Vries` (found by a
    property test of the gate against the rules)."""
    firsts = sorted({t.split()[0] for t in lexicon.tussenvoegsels}, key=len, reverse=True)
    return "(?:" + "|".join(regex.escape(word).replace("'", "['’]") for word in firsts) + ")"


def _sentence_start(text: str, position: int) -> bool:
    """Nothing but an opening mark between the previous sentence (or line) and `position`."""
    i = position - 1
    while i >= 0 and text[i] in " \t\"'‘“(-•*":
        i -= 1
    return i < 0 or text[i] in "\n.!?:;"


def _next_filled_line(text: str, position: int) -> int:
    """Start of the first line after `position` with text, within a few blank lines."""
    for _ in range(_BLANK_LINES_AFTER_CLOSING + 1):
        newline = text.find("\n", position)
        if newline < 0:
            return len(text)
        position = newline + 1
        line_end = text.find("\n", position)
        line = text[position : line_end if line_end >= 0 else len(text)]
        if line.strip():
            return position + len(line) - len(line.lstrip())
    return len(text)


def _end_of_next_line(text: str, position: int) -> int:
    start = _next_filled_line(text, position)
    end = text.find("\n", start)
    return len(text) if end < 0 else end
