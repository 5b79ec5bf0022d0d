"""Text and tables in, hits out: Presidio where it matters, nothing elsewhere.

Presidio tokenises every character it is given (spaCy's Dutch tokenizer runs
at roughly 270k characters/s) before any recognizer looks at it, yet every
entity datawacht detects contains a digit or an `@`.  The gate finds those
characters with one cheap regex, cuts a window of context around each, merges
windows that touch, and hands only the windows to Presidio's AnalyzerEngine.
Prose without numbers costs one regex pass.  Windows are wide enough for
every recognizer's context (Presidio looks a few tokens back; the Dutch
recognizers look at most ~60 characters back on the line).

Windows are analysed in batches: spaCy's `nlp.pipe` runs the NER over a
batch of windows at a fraction of the cost of one call per window, and
Presidio gets the finished NLP artifacts.  A window without a digit or "@"
was opened by a recognizer's own gate (names, lexicon terms), so only those
recognizers are asked about it.

Tables go through column profiling first (`columns.py`): a detected column
yields one hit per valid value without any NLP; the remaining columns are
analysed cell by cell as text, with the header passed as context.
"""

from __future__ import annotations

import bisect
import dataclasses
import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass

from presidio_analyzer import AnalyzerEngine, RecognizerResult
from presidio_analyzer.nlp_engine import NlpArtifacts

from datawacht.detect.columns import ColumnProfiler, ColumnVerdict
from datawacht.detect.nlp import LANGUAGE
from datawacht.extract.encoding import without_lone_surrogates
from datawacht.records import Cell, Column, Hit, Table

GATE = re.compile(r"[0-9]+|@")
# Windows per `nlp.pipe` batch: larger batches gain little and hold more docs.
NLP_BATCH_SIZE = 32
BEFORE = 120
AFTER = 60
MERGE_GAP = 40
# How far a window edge may move to reach white space; a token longer than
# this is no entity, and the bound keeps 100 MB single-line files cheap.
SNAP_LIMIT = 64
# A window stops growing at this length at the next line break between two
# spans (a value such as "NL91 ABNA 0417 1643 00" never spans lines, but
# may have spaces): dense text (a register, a log with a number on every
# line) would otherwise be one window as long as the file, and spaCy
# refuses texts over a million characters.  Text without line breaks is
# cut at white space once a window is four times this long.
MAX_WINDOW = 10_000
# The NER's memory grows with the characters of one `nlp.pipe` batch: with
# 32 windows of up to 50,000 characters a worker reached 2.1 GiB on a 1 MB
# document full of names (benchmarks/bench_scale.py).
NLP_BATCH_CHARS = 100_000
# Validator answers kept per object (`detect_table`'s `checked`): a register
# repeats its people, but one of a whole municipality holds millions of
# distinct values, whose answers would fill the memory.  Beyond this many,
# a value is validated again in each slice of rows it appears in.
MAX_CHECKED_VALUES = 200_000


Gate = Callable[[str], Iterable[tuple[int, int]]]


def candidate_windows(text: str, gates: Sequence[Gate] = ()) -> list[tuple[int, int]]:
    """Merged [start, end) windows around every digit run and "@", and around
    the spans that recognizers' own gates report (names, lexicon terms),
    snapped outward to white space so that no token is cut in half."""
    spans = [match.span() for match in GATE.finditer(text)]
    for gate in gates:
        spans.extend(gate(text))
    if gates:
        spans.sort()
    windows: list[tuple[int, int]] = []
    length = len(text)
    last_span_end = 0
    for span_start, span_end in spans:
        start = max(0, span_start - BEFORE)
        end = min(length, span_end + AFTER)
        if windows and start <= windows[-1][1] + MERGE_GAP:
            last_start, last_end = windows[-1]
            cut = -1
            if last_end - last_start >= MAX_WINDOW:
                cut = text.rfind("\n", last_span_end, span_start)
            if cut < 0 and last_end - last_start >= 4 * MAX_WINDOW:
                cut = _white_space_before(text, span_start, last_span_end)
            if cut < 0:
                windows[-1] = (last_start, max(end, last_end))
            else:  # long enough: end it between the last span and this one
                windows[-1] = (last_start, cut)
                windows.append((cut, end))
        else:
            windows.append((start, end))
        last_span_end = max(last_span_end, span_end)
    snapped: list[tuple[int, int]] = []
    for start, end in (_snap(text, start, end) for start, end in windows):
        if snapped and start <= snapped[-1][1]:  # snapping made two windows touch
            if end - snapped[-1][0] <= MAX_WINDOW:
                start = snapped.pop()[0]
            else:
                start = snapped[-1][1]
        snapped.append((start, end))
    return [piece for window in snapped for piece in _cut(*window)]


def _char_batches(windows: list[tuple[int, int, int]]) -> Iterator[list[tuple[int, int, int]]]:
    """Windows (text index, start, end) in groups of at most `NLP_BATCH_SIZE`
    windows and, beyond a first window, `NLP_BATCH_CHARS` characters: one
    group is one `nlp.pipe` batch, and its memory grows with its text."""
    group: list[tuple[int, int, int]] = []
    chars = 0
    for window in windows:
        length = window[2] - window[1]
        if group and (len(group) == NLP_BATCH_SIZE or chars + length > NLP_BATCH_CHARS):
            yield group
            group, chars = [], 0
        group.append(window)
        chars += length
    if group:
        yield group


def _white_space_before(text: str, position: int, floor: int) -> int:
    """The last white space in text[floor:position], or -1."""
    for index in range(position - 1, floor - 1, -1):
        if text[index].isspace():
            return index
    return -1


def _cut(start: int, end: int) -> Iterator[tuple[int, int]]:
    """A window that one span made longer than eight times `MAX_WINDOW` (a
    digit run of a million characters is no entity, but must not break the
    scan), cut into pieces of `MAX_WINDOW`."""
    if end - start <= 8 * MAX_WINDOW:
        yield start, end
        return
    for piece in range(start, end, MAX_WINDOW):
        yield piece, min(end, piece + MAX_WINDOW)


def _snap(text: str, start: int, end: int) -> tuple[int, int]:
    floor = max(0, start - SNAP_LIMIT)
    while start > floor and not text[start - 1].isspace():
        start -= 1
    ceiling = min(len(text), end + SNAP_LIMIT)
    while end < ceiling and not text[end].isspace():
        end += 1
    return start, end


@dataclass(frozen=True)
class CellHit:
    """A hit inside one cell; `hit.start`/`end` are offsets into the cell value.

    `occurrences` counts the cells of the column that hold the same value, of
    which `cell` is the first: a profiled column reports each distinct value
    once, since a register repeats its people in row after row.
    """

    column: Column
    cell: Cell
    hit: Hit
    occurrences: int = 1


class Detector:
    """Runs Presidio (language nl) behind the gate, and profiles columns."""

    def __init__(
        self,
        analyzer: AnalyzerEngine,
        profiler: ColumnProfiler,
        score_threshold: float,
        gates: Sequence[Gate] = (),
        gated_entities: Sequence[str] = (),
    ) -> None:
        """`gates` are the recognizers' own gates and `gated_entities` the
        entities of those recognizers: the only ones a window without a digit
        or "@" is analysed for."""
        self._analyzer = analyzer
        self._nlp_engine = analyzer.nlp_engine
        self._nlp = analyzer.nlp_engine.nlp[LANGUAGE]
        self._neural_pipes = [p for p in ("tok2vec", "ner") if self._nlp.has_pipe(p)]
        self._gates = list(gates)
        self._gated_entities = list(gated_entities)
        self.profiler = profiler
        self._threshold = score_threshold

    def detect_text(self, text: str, context: list[str] | None = None) -> list[Hit]:
        return self.detect_texts([text], context)[0]

    def detect_texts(
        self, texts: Sequence[str], context: list[str] | None = None
    ) -> list[list[Hit]]:
        """Hits per text, offsets into that text; the NLP runs once over all windows."""
        # The extractors replace lone surrogates; this is the second line.
        texts = [without_lone_surrogates(text) for text in texts]
        windows = [
            (index, start, end)
            for index, text in enumerate(texts)
            for start, end in candidate_windows(text, self._gates)
        ]
        hits: list[list[Hit]] = [[] for _ in texts]
        if not windows:
            return hits
        for group in _char_batches(windows):
            artifacts = self._nlp_engine.process_batch(
                [texts[index][start:end] for index, start, end in group],
                LANGUAGE,
                batch_size=len(group),
            )
            for (index, start, _), (window, nlp_artifacts) in zip(group, artifacts, strict=True):
                # Without a digit or "@" the window was opened by a recognizer's gate.
                entities = None if GATE.search(window) else self._gated_entities
                for result in self._analyze(window, context, entities, nlp_artifacts):
                    hits[index].append(_to_hit(result, start))
        return hits

    def detect_table(
        self, table: Table, checked: dict[tuple[str, str], bool] | None = None
    ) -> Iterator[CellHit]:
        """Hits per column.  `checked` holds the validator's answer per
        (entity type, value) across the tables of one object: a large extract
        comes in slices of rows, and a register repeats its people in all."""
        checked = {} if checked is None else checked
        for column in table.columns:
            verdict = self.profiler.profile(column)
            if verdict is None:
                if not self.profiler.holds_no_values(column):
                    yield from self._detect_cells(column)
                continue
            yield from self._column_hits(column, verdict, checked)

    def _column_hits(
        self, column: Column, verdict: ColumnVerdict, checked: dict[tuple[str, str], bool]
    ) -> Iterator[CellHit]:
        """One CellHit per distinct valid value of a profiled column, in the
        order of first appearance: each value is checked once, and the rest
        of the column is a count (a million-row register costs a dictionary
        pass, not a million hits)."""
        cells_of: dict[str, list[Cell]] = {}
        for cell in column.cells:
            cells_of.setdefault(cell.value, []).append(cell)
        entity_type, detail = verdict.entity_type, verdict.detail
        for value, valid in verdict.checked.items():  # the profile checked its sample
            _remember(checked, (entity_type, value), valid)
        for cell_value, cells in cells_of.items():
            hit = self._column_hit(verdict, detail, cell_value, checked)
            if hit is not None:
                yield CellHit(column, cells[0], hit, len(cells))

    def _column_hit(
        self,
        verdict: ColumnVerdict,
        detail: str,
        cell_value: str,
        checked: dict[tuple[str, str], bool],
    ) -> Hit | None:
        """The hit of a cell in a profiled column, or None for a blank or
        invalid value."""
        value = cell_value.strip()
        if not value:
            return None
        key = (verdict.entity_type, value)
        valid = checked.get(key)
        if valid is None:
            valid = self.profiler.validates(verdict.entity_type, value)
            _remember(checked, key, valid)
        if not valid:
            return None
        begin = cell_value.index(value)
        return Hit(
            verdict.entity_type, begin, begin + len(value), verdict.score, "ColumnProfiler", detail
        )

    def _detect_cells(self, column: Column) -> Iterator[CellHit]:
        """Analyse the column's cells as one text, one cell per line.

        The gate then picks the windows, as in any text, and there is one
        Presidio call per window instead of one per cell: a register with an
        address column would otherwise cost a call per row.  A hit that runs
        across two cells is not one value and is dropped.
        """
        cells = [cell for cell in column.cells if cell.value.strip()]
        if not cells:
            return
        starts: list[int] = []
        position = 0
        for cell in cells:
            starts.append(position)
            position += len(cell.value) + 1
        text = "\n".join(cell.value for cell in cells)
        # Cells are values, not prose: the NER's sentence context is missing,
        # names in them are found by the rules (and name columns by the
        # profiler), and the NER would cost most of a register's scan time.
        with self._nlp.select_pipes(disable=self._neural_pipes):
            hits = self.detect_text(text, [column.name])
        for hit in hits:
            index = bisect.bisect_right(starts, hit.start) - 1
            cell, begin = cells[index], starts[index]
            if hit.end > begin + len(cell.value):
                continue
            yield CellHit(
                column, cell, dataclasses.replace(hit, start=hit.start - begin, end=hit.end - begin)
            )

    def _analyze(
        self,
        text: str,
        context: list[str] | None,
        entities: list[str] | None,
        nlp_artifacts: NlpArtifacts,
    ) -> list[RecognizerResult]:
        return self._analyzer.analyze(
            text=text,
            language=LANGUAGE,
            entities=entities,
            score_threshold=self._threshold,
            context=context,
            nlp_artifacts=nlp_artifacts,
            return_decision_process=True,
        )


def _remember(checked: dict[tuple[str, str], bool], key: tuple[str, str], valid: bool) -> None:
    """Keep a validator's answer for the object, up to `MAX_CHECKED_VALUES`."""
    if len(checked) < MAX_CHECKED_VALUES:
        checked.setdefault(key, valid)


def _to_hit(result: RecognizerResult, offset: int) -> Hit:
    explanation = result.analysis_explanation
    recognizer = result.recognition_metadata.get(RecognizerResult.RECOGNIZER_NAME_KEY, "")
    detail = ""
    if explanation is not None:
        parts = []
        if explanation.pattern_name:
            parts.append(f"pattern {explanation.pattern_name}")
        if explanation.validation_result is not None:
            parts.append(f"validated {explanation.validation_result}")
        if explanation.supportive_context_word:
            parts.append(f"context '{explanation.supportive_context_word}'")
        detail = "; ".join(parts)
    return Hit(
        result.entity_type,
        result.start + offset,
        result.end + offset,
        round(float(result.score), 4),
        recognizer,
        detail,
    )
