"""Text is detected in batches; the findings are the same as one text at a time."""

from __future__ import annotations

import random

import pytest

from datawacht import pipeline as pipeline_module
from datawacht import scanner
from datawacht.config import Settings
from datawacht.records import ScanObject
from support.values import make_bsn, make_iban

RNG = random.Random(5)
TEXTS = [
    f"Geachte heer Jansen,\nUw BSN is {make_bsn(RNG)}.\n",
    "Een regel zonder cijfers en zonder namen.",
    "",
    "Gesprek met mevrouw Kees Kowalski over de aanvraag.",
    f"IBAN {make_iban(RNG)} op naam van de stichting; bel 020-5551234.",
    "De medewerker meldde zich ziek; de bedrijfsarts is ingeschakeld.",
]


@pytest.fixture(scope="module")
def pipeline(tmp_path_factory: pytest.TempPathFactory) -> pipeline_module.Pipeline:
    settings = Settings(
        state_dir=tmp_path_factory.mktemp("state"), fingerprint_key="unit-test-key-" + "1" * 24
    )
    return scanner.build_pipeline(settings, scanner.load_rules(settings))


def test_a_batch_finds_what_single_texts_find(pipeline: pipeline_module.Pipeline) -> None:
    detector = pipeline.detector
    one_by_one = [detector.detect_text(text) for text in TEXTS]
    assert detector.detect_texts(TEXTS) == one_by_one
    assert detector.detect_texts([]) == []
    found = {hit.entity_type for hits in one_by_one for hit in hits}
    assert {"NL_BSN", "IBAN_CODE", "PERSON", "SPECIAL_HEALTH"} <= found


def _html(paragraphs: list[str]) -> bytes:
    body = "\n".join(f"<p>{p}</p>" for p in paragraphs)
    return f"<html><body>\n{body}\n</body></html>\n".encode()


def _scan(pipeline: pipeline_module.Pipeline, data: bytes) -> list[tuple[str, str, int | None]]:
    obj = ScanObject(path="/share/brieven.html", object_id="t:brieven", size=len(data), data=data)
    [result] = pipeline.scan(obj)
    assert result.status.value == "scanned"
    return sorted((f.entity_type, f.fingerprint, f.location.line) for f in result.findings)


def test_fragments_keep_their_own_lines_whatever_the_batch(
    pipeline: pipeline_module.Pipeline, monkeypatch: pytest.MonkeyPatch
) -> None:
    rng = random.Random(8)
    paragraphs = [f"Brief {i}: BSN {make_bsn(rng)} van dhr. Pieters." for i in range(40)]
    data = _html(paragraphs)
    batched = _scan(pipeline, data)
    monkeypatch.setattr(pipeline_module, "TEXT_BATCH_CHARS", 1)
    one_by_one = _scan(pipeline, data)
    assert batched == one_by_one
    bsn_lines = sorted(line for entity, _, line in batched if entity == "NL_BSN")
    assert bsn_lines == list(range(2, 42))  # paragraph i is on line i + 2


def test_objects_scanned_together_get_what_each_gets_alone(
    pipeline: pipeline_module.Pipeline,
) -> None:
    import io
    import zipfile

    rng = random.Random(9)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("in/brief.txt", f"BSN {make_bsn(rng)} van mevrouw Jansen\n")
    objects = [
        ScanObject(path=f"/share/{i}.txt", object_id=f"t:{i}", data=text.encode())
        for i, text in enumerate(TEXTS)
    ]
    objects.insert(2, ScanObject(path="/share/a.zip", object_id="t:zip", data=buffer.getvalue()))
    objects.insert(
        4,
        ScanObject(path="/share/fifo", object_id="t:fifo", skip_reason="not a regular file: FIFO"),
    )

    def signature(results):  # noqa: ANN001, ANN202
        return [
            (r.obj.path, r.status.value, r.classification and r.classification.label,
             sorted((f.entity_type, f.fingerprint, f.location.line) for f in r.findings))
            for r in results
        ]  # fmt: skip

    together = pipeline.scan_many(objects)
    alone = [pipeline.scan(obj) for obj in objects]
    assert [signature(r) for r in together] == [signature(r) for r in alone]
    assert [len(r) for r in together] == [1, 1, 2, 1, 1, 1, 1, 1]  # the zip and its member
