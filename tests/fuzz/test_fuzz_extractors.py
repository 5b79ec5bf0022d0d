"""Every extractor, fed damaged documents through the pipeline's own entry points.

Why: a file share holds truncated downloads, half-written exports and files
crafted to break parsers.  The contract is that nothing an object contains
stops the scan: extraction yields what it can and then raises one of the
ExtractionErrors of `errors.py`, whose status and reason become the object's,
within bounded time and memory, and whose detail never holds document content
(it is stored and reported).  These tests check that contract on mutated
seeds (`seeds.py`, `mutations.py`), per extractor kind of the registry:

* `registry.extract(name, data, limits)`, what `Pipeline._start` calls for
  every object read whole, recursing into members as the pipeline does;
* `LargeExtract(...).tables()`, what `Pipeline._start_large` calls for a
  CSV, TSV, NDJSON or Parquet file above `limits.sample_tables_above_bytes`:
  the pipeline does not wrap it, so any other exception there would turn the
  object into an "internal error".

Example counts: `DATAWACHT_FUZZ_EXAMPLES` (see README.md in this directory).
"""

from __future__ import annotations

import logging
import tempfile

import pytest
from hypothesis import given
from hypothesis import strategies as st

from datawacht.errors import CorruptError, ExtractionError, TooLargeError
from datawacht.extract.large import STREAMED_KINDS, LargeExtract
from datawacht.extract.registry import EXTRACTORS, detect_kind, extract
from datawacht.limits import Limits
from datawacht.logs import JsonFormatter
from datawacht.records import Fragment, Member, ObjectStatus, Table
from fuzz import seeds as seed_catalogue
from fuzz.harness import STATS, bounded, fuzz_settings
from fuzz.mutations import INSIDE, MUTATIONS, damage
from fuzz.seeds import KINDS, SEEDS, Seed, secrets, seeds_of

LIMITS = Limits()
"""The defaults: what a scan without a config file runs with."""

PIPELINE_HEAD_BYTES = 8192  # Pipeline: detect_kind(obj.name, data[:HEAD_BYTES])

REASONS = frozenset(
    {
        "corrupt",
        "encrypted",
        "too large",
        "archive limit",
        "unsupported",
        "unreadable",
        "no text layer",
        "not a regular file",
    }
)
"""The contract's reason codes (errors.py, README "Errors are data")."""

EXAMPLES_PER_KIND = 20
LARGE_EXAMPLES = 15


def test_every_extractor_kind_has_a_seed() -> None:
    """A new extractor in the registry must come with a seed here, or it is never fuzzed."""
    missing = set(EXTRACTORS) - set(KINDS)
    unknown = set(KINDS) - set(EXTRACTORS)
    assert not missing, f"extractor kinds without a fuzz seed in seeds.py: {sorted(missing)}"
    assert not unknown, f"seeds for kinds the registry does not know: {sorted(unknown)}"


@pytest.mark.parametrize("seed", SEEDS, ids=lambda seed: seed.id)
def test_seed_is_valid_and_read_as_its_kind(seed: Seed) -> None:
    """An undamaged seed must reach its own extractor and be read, else the
    mutations below fuzz the wrong parser."""
    data = seed.data
    assert detect_kind(seed.name, data) == seed.kind
    assert detect_kind(seed.name, data[:PIPELINE_HEAD_BYTES]) == seed.kind
    pieces, error = _extract_object(seed.name, data, depth=0)
    if seed.kind in ("ole", "binary"):
        assert error is not None and error.reason in ("encrypted", "unsupported")
    else:
        assert error is None, f"{seed.id}: {error.reason if error else ''}"
        assert pieces > 0


@pytest.mark.parametrize("kind", KINDS)
@fuzz_settings(EXAMPLES_PER_KIND)
@given(draw=st.data(), inside=INSIDE, mutations=MUTATIONS)
def test_extract_survives_damage(
    kind: str, draw: st.DataObject, inside: int | None, mutations: list[tuple[object, ...]]
) -> None:
    """Damaged documents of every kind: pieces, then at most one ExtractionError
    with a contract reason and without document content, within the bounds."""
    seed = draw.draw(st.sampled_from(seeds_of(kind)), label="seed")
    data = damage(seed.data, seed.kind, inside, mutations)
    test = f"extract[{kind}]"
    with bounded(f"extract {seed.id}"):
        detect_kind(seed.name, data[:PIPELINE_HEAD_BYTES])
        _, error = _extract_object(seed.name, data, depth=0, test=test)
    STATS.outcome(test, error.reason if error else "read")


def test_parser_warnings_in_the_log_hold_no_content() -> None:
    """What parsers log while they read a damaged document reaches the journal
    through datawacht's formatter if its level lets it: the formatter must
    not print the document's bytes.  A number position holding text in a PDF
    page makes pypdf warn `NumberObject(b'...') invalid` with those bytes
    (found by tests/fuzz in the captured log of damaged seeds)."""
    from fpdf import FPDF

    pdf = FPDF()
    pdf.set_compression(False)
    pdf.set_font("helvetica", size=12)
    pdf.add_page()
    pdf.multi_cell(0, 8, "Voorbeeld Persoon")
    data = bytes(pdf.output())
    at = data.index(b"(Voorbeeld")
    damaged = data[:at] + b"15-09-1947,111222333 " + data[at:]  # fictitious date and BSN
    lines: list[str] = []
    handler = _FormattedLines(lines)
    pypdf = logging.getLogger("pypdf")
    level = pypdf.level  # `logs.configure` holds it at ERROR; this test must see its warning
    pypdf.setLevel(logging.WARNING)
    logging.getLogger().addHandler(handler)
    try:
        _extract_object("brief.pdf", damaged, depth=0)
    finally:
        logging.getLogger().removeHandler(handler)
        pypdf.setLevel(level)
    assert lines, "pypdf warned about nothing: the case no longer shows the problem"
    assert not any("111222333" in line for line in lines), "document content in a log line"


class _FormattedLines(logging.Handler):
    """Log lines as the scanner's JSON formatter writes them, at WARNING."""

    def __init__(self, lines: list[str]) -> None:
        super().__init__(logging.WARNING)
        self.setFormatter(JsonFormatter())
        self._lines = lines

    def emit(self, record: logging.LogRecord) -> None:
        self._lines.append(self.format(record))


def _extract_object(
    name: str, data: bytes, depth: int, test: str = ""
) -> tuple[int, ExtractionError | None]:
    """Extract one object as the pipeline does and check every piece and the
    error; members are extracted as nested objects down to the depth limit.
    Returns the number of pieces and the error that ended the object."""
    pieces = 0
    try:
        for piece in extract(name, data, LIMITS):
            pieces += 1
            _check_piece(piece)
            if isinstance(piece, Member) and piece.skip_reason is None:
                if depth + 1 <= LIMITS.archive_depth:
                    member_name = piece.name.replace("\\", "/").rsplit("/", 1)[-1]
                    _extract_object(member_name, piece.data, depth + 1, test)
    except ExtractionError as error:
        _check_error(error, test)
        return pieces, error
    return pieces, None


def _check_piece(piece: object) -> None:
    """Pieces of the right types, holding text that detection (spaCy encodes
    it as UTF-8) and the store can take: no lone surrogates."""
    assert isinstance(piece, Fragment | Table | Member), type(piece).__name__
    if isinstance(piece, Fragment):
        assert piece.offset >= 0 and piece.first_line >= 1
        assert _is_unicode(piece.text), "a fragment holds a lone surrogate"
    elif isinstance(piece, Table):
        assert _is_unicode(piece.sheet or "") and _is_unicode(piece.table or "")
        for column in piece.columns:
            assert _is_unicode(column.name), "a column name holds a lone surrogate"
            for cell in column.cells:
                assert cell.row >= 0
                assert _is_unicode(cell.value), "a cell holds a lone surrogate"
    else:
        assert isinstance(piece.data, bytes)
        assert _is_unicode(piece.name), "a member name holds a lone surrogate"
        if piece.skip_reason is not None:
            code = piece.skip_reason.partition(": ")[0]
            assert code in REASONS, f"member skip reason {code!r} is no contract reason"


def _is_unicode(text: object) -> bool:
    if not isinstance(text, str):
        return False
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def _check_error(error: ExtractionError, test: str) -> None:
    """The error is data for the report: a contract reason, a status, no content."""
    assert error.reason in REASONS, f"reason {error.reason!r} is no contract reason"
    assert isinstance(error.status, ObjectStatus)
    assert isinstance(error.detail, str)
    texts = (error.detail, str(error), repr(error.args))
    leaked = [n for n, value in enumerate(secrets()) if any(value in t for t in texts)]
    assert not leaked, f"seed value(s) #{leaked} in the error detail ({error.reason})"
    if isinstance(error, TooLargeError):
        assert "out of memory" not in error.detail, (
            f"extraction ran out of its memory bound: {error.detail}"
        )
    if test and isinstance(error, CorruptError) and error.__context__ is not None:
        STATS.wrapped_exception(test, error.__context__)


# -- the streamed path of large extracts -------------------------------------------

LARGE_LIMITS = Limits(sample_tables_above_bytes=0)


@pytest.mark.parametrize("full", [False, True], ids=["sampled", "every-row"])
@pytest.mark.parametrize("seed", seed_catalogue.LARGE_SEEDS, ids=lambda seed: seed.id)
@fuzz_settings(LARGE_EXAMPLES)
@given(mutations=MUTATIONS)
def test_large_extract_survives_damage(
    seed: Seed, full: bool, mutations: list[tuple[object, ...]]
) -> None:
    """The streamed reader of large extracts, on damaged files: Tables, then
    at most an ExtractionError; the pipeline does not catch anything else."""
    test = f"large[{seed.id}-{'every-row' if full else 'sampled'}]"
    data = damage(seed.data, seed.kind, None, mutations)
    with tempfile.TemporaryFile() as handle:
        handle.write(data)
        handle.flush()
        handle.seek(0)
        kind = detect_kind(seed.name, handle.read(PIPELINE_HEAD_BYTES))
        if kind not in STREAMED_KINDS:
            STATS.outcome(test, f"not streamed ({kind})")
            return  # the pipeline reads it whole: test_extract_survives_damage covers that
        reading = LargeExtract(handle, kind, LARGE_LIMITS, full=full)
        try:
            with bounded(f"large {seed.id}"):
                for piece in reading.tables():
                    _check_piece(piece)
                    assert isinstance(piece, Table)
        except ExtractionError as error:
            _check_error(error, test)
            STATS.outcome(test, error.reason)
            return
        assert reading.content_hash, "the content hash is set once the tables are read"
    STATS.outcome(test, "read")
