"""Time limits: an object that runs out of time is partial, keeps what was
found before, and does not cost the objects scanned beside it."""

from __future__ import annotations

import dataclasses
import io
import random
import time
import zipfile
from collections.abc import Sequence

import pytest

from datawacht import scanner
from datawacht.config import Settings
from datawacht.deadline import TIME_LIMIT
from datawacht.limits import Limits
from datawacht.pipeline import Pipeline
from datawacht.records import Hit, ObjectResult, ObjectStatus, ScanObject
from support.values import make_bsn

STUCK = "VASTGELOPEN"


@pytest.fixture(scope="module")
def real(tmp_path_factory: pytest.TempPathFactory) -> Pipeline:
    settings = Settings(
        state_dir=tmp_path_factory.mktemp("state"), fingerprint_key="unit-test-key-" + "2" * 24
    )
    return scanner.build_pipeline(settings, scanner.load_rules(settings))


class StuckOnMarker:
    """The real detector, except that a text holding `STUCK` never returns
    (a runaway pattern, a parser in a loop)."""

    def __init__(self, detector: object) -> None:
        self._detector = detector

    def detect_texts(self, texts: Sequence[str]) -> list[list[Hit]]:
        if any(STUCK in text for text in texts):
            while True:
                time.sleep(0.05)
        return self._detector.detect_texts(texts)  # type: ignore[attr-defined]

    def __getattr__(self, name: str) -> object:
        return getattr(self._detector, name)


def with_limits(real: Pipeline, **limits: float) -> Pipeline:
    stuck = StuckOnMarker(real.detector)
    return Pipeline(
        lambda: stuck,  # type: ignore[arg-type, return-value]
        real.protector,
        real.classifier,
        dataclasses.replace(Limits(), **limits),
    )


def text_object(name: str, text: str) -> ScanObject:
    data = text.encode()
    return ScanObject(path=f"/share/{name}", object_id=f"t:{name}", size=len(data), data=data)


def letter(rng: random.Random) -> str:
    value = make_bsn(rng)
    return f"Geachte heer,\nUw BSN is {value[:4]}.{value[4:6]}.{value[6:]}.\n"


def by_name(results: list[list[ObjectResult]]) -> dict[str, ObjectResult]:
    return {r.obj.name: r for rs in results for r in rs}


def test_a_stuck_object_is_partial_and_its_neighbours_are_scanned(real: Pipeline) -> None:
    rng = random.Random(1)
    pipeline = with_limits(real, object_seconds=1)
    objects = [
        text_object("eerste.txt", letter(rng)),
        text_object("vast.txt", f"{STUCK}\n{letter(rng)}"),
        text_object("derde.txt", letter(rng)),
    ]
    started = time.monotonic()
    results = by_name(pipeline.scan_many(objects))
    assert time.monotonic() - started < 10
    stuck = results["vast.txt"]
    assert (stuck.status, stuck.reason) == (ObjectStatus.PARTIAL, TIME_LIMIT)
    assert "not analysed" in (stuck.detail or "")
    for name in ("eerste.txt", "derde.txt"):  # scanned again, each on its own time
        assert results[name].status is ObjectStatus.SCANNED
        assert [f.entity_type for f in results[name].findings] == ["NL_BSN"]


def test_an_archive_out_of_time_keeps_the_members_scanned_before(real: Pipeline) -> None:
    rng = random.Random(2)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("1.txt", letter(rng))
        archive.writestr("2.txt", f"{STUCK}\n")
        archive.writestr("3.txt", letter(rng))
    data = buffer.getvalue()
    obj = ScanObject(path="/share/map.zip", object_id="t:zip", size=len(data), data=data)
    results = by_name(with_limits(real, object_seconds=1).scan_many([obj]))
    assert results["1.txt"].status is ObjectStatus.SCANNED
    assert [f.entity_type for f in results["1.txt"].findings] == ["NL_BSN"]
    assert (results["2.txt"].status, results["2.txt"].reason) == (ObjectStatus.PARTIAL, TIME_LIMIT)
    assert "3.txt" not in results  # never reached
    archive_result = results["map.zip"]
    assert (archive_result.status, archive_result.reason) == (ObjectStatus.PARTIAL, TIME_LIMIT)
    assert archive_result.detail == "2 of 3 members scanned"
    assert archive_result.classification is not None
    assert archive_result.classification.label != "openbaar"  # the member's BSN still counts


def test_a_regex_pass_past_its_limit_makes_the_object_partial(real: Pipeline) -> None:
    """Presidio skips a pattern that runs past its timeout; the object must
    not then look fully scanned."""
    text = " ".join(f"{n:09d}" for n in range(2_000))
    pipeline = with_limits(real, regex_seconds=1e-6)
    [result] = pipeline.scan(text_object("cijfers.txt", text))
    assert (result.status, result.reason) == (ObjectStatus.PARTIAL, TIME_LIMIT)
    assert "regex_seconds" in (result.detail or "")
    real.load()  # the shared detector's timeout back to the default
    [again] = real.scan(text_object("cijfers.txt", text))
    assert again.status is ObjectStatus.SCANNED


def test_an_archive_with_unread_members_is_partial(real: Pipeline) -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("leesbaar.txt", "Niets bijzonders.\n")
        archive.writestr("kapot.docx", b"PK\x03\x04 geen document")
        archive.writestr("foto.png", b"\x89PNG\r\n\x1a\n" + bytes(64))
    data = buffer.getvalue()
    obj = ScanObject(path="/share/a.zip", object_id="t:a", size=len(data), data=data)
    results = by_name(real.scan_many([obj]))
    assert results["foto.png"].status is ObjectStatus.SKIPPED  # not a document: no matter
    assert (results["a.zip"].status, results["a.zip"].reason) == (ObjectStatus.PARTIAL, "corrupt")
    assert results["a.zip"].detail == "1 of 3 members not (fully) read"
