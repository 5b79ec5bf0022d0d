"""`datawacht scan` twice: the second scan of an unchanged tree analyses
nothing and still reports every object with its findings and label."""

from __future__ import annotations

import io
import json
import os
import random
import zipfile
from collections.abc import Iterable, Iterator
from pathlib import Path

import pytest

from datawacht import scanner
from datawacht.config import Settings
from datawacht.detect.engine import Detector
from datawacht.incremental import UNCHANGED_FILE
from datawacht.pipeline import Pipeline
from datawacht.records import ObjectResult, ScanObject
from datawacht.report.writers import JsonWriter
from datawacht.store import Store, open_store
from datawacht.workers import Scanner
from support.values import make_bsn

HOST = "h"


@pytest.fixture(scope="module")
def pipeline(tmp_path_factory: pytest.TempPathFactory):  # noqa: ANN201
    settings = Settings(
        state_dir=tmp_path_factory.mktemp("state"), fingerprint_key="unit-test-key-" + "0" * 24
    )
    return scanner.build_pipeline(settings, scanner.load_rules(settings))


@pytest.fixture(params=["sqlite", "postgresql"])
def store(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Store]:
    if request.param == "sqlite":
        url = f"sqlite:///{tmp_path / 'findings.db'}"
    else:
        url = request.getfixturevalue("new_postgres_database")()
    opened = open_store(url)
    yield opened
    opened.close()


@pytest.fixture
def share(tmp_path: Path) -> Path:
    rng = random.Random(31)
    root = tmp_path / "share"
    root.mkdir()
    for n in range(3):
        value = make_bsn(rng)
        (root / f"brief{n}.txt").write_text(
            f"Geachte heer,\nUw BSN is {value[:4]}.{value[4:6]}.{value[6:]}.\n", encoding="utf-8"
        )
    with zipfile.ZipFile(root / "archief.zip", "w") as archive:
        value = make_bsn(rng)
        archive.writestr("oud/brief.txt", f"BSN {value[:4]}.{value[4:6]}.{value[6:]}\n")
    (root / "notitie.txt").write_text("Niets bijzonders.\n", encoding="utf-8")
    (root / "kapot.docx").write_bytes(b"PK\x03\x04 geen echt document")
    return root


class CountingScanner(Scanner):
    """The real scanner, noting every object it is asked to analyse."""

    analysed: list[str]

    def scan(self, objects: Iterable[ScanObject]) -> Iterator[ObjectResult]:
        objects = list(objects)
        self.analysed.extend(obj.name for obj in objects)
        return super().scan(objects)


def run(pipeline, store: Store, root: Path, incremental: bool = True) -> tuple[list[str], dict]:  # noqa: ANN001
    out = io.StringIO()
    with CountingScanner(pipeline, 1) as pool:
        pool.analysed = []
        scanner.run_scan(
            scanner.file_targets([str(root)], HOST),
            pool,
            JsonWriter(out),
            store,
            HOST,
            incremental=incremental,
        )
    return pool.analysed, json.loads(out.getvalue())


def _view(document: dict) -> tuple[set, set]:
    objects = {
        (o["path"], o["status"], (o["classification"] or {}).get("label"), o["data_subjects"])
        for o in document["objects"]
    }
    findings = {
        (f["path"], f["entity_type"], f["fingerprint"], json.dumps(f["location"], sort_keys=True))
        for f in document["findings"]
    }
    return objects, findings


def test_an_unchanged_tree_is_reported_without_analysis(
    pipeline, store: Store, share: Path
) -> None:
    first_analysed, first = run(pipeline, store, share)
    assert len(first_analysed) == 6
    analysed, second = run(pipeline, store, share)
    assert analysed == ["kapot.docx"]  # its last scan failed: tried again
    assert _view(second) == _view(first)  # every object, member, finding and label again
    details = {o["path"].rsplit("/", 1)[-1]: o["detail"] for o in second["objects"]}
    assert details["brief0.txt"] == details["brief.txt"] == UNCHANGED_FILE  # the zip member too
    assert all(f.status == "open" for f in store.list_findings())
    assert len(store.list_findings()) == 4


def test_only_changed_files_are_analysed_and_a_touch_is_not_a_change(
    pipeline, store: Store, share: Path
) -> None:
    run(pipeline, store, share)
    value = make_bsn(random.Random(99))
    (share / "brief1.txt").write_text(f"Nieuw BSN {value}.\n", encoding="utf-8")
    os.utime(share / "brief2.txt", (1_700_000_000, 1_700_000_000))  # same bytes
    analysed, _ = run(pipeline, store, share)
    assert sorted(analysed) == ["brief1.txt", "kapot.docx"]
    states = {s.path.rsplit("/", 1)[-1]: s for s in store.present_objects(HOST, str(share))}
    assert states["brief2.txt"].mtime == 1_700_000_000  # no hash next time
    assert sorted(f.status for f in store.list_findings() if f.path.endswith("brief1.txt")) == [
        "open",
        "resolved",
    ]


def test_rescan_analyses_everything(pipeline, store: Store, share: Path) -> None:
    run(pipeline, store, share)
    analysed, _ = run(pipeline, store, share, incremental=False)
    assert len(analysed) == 6


def test_a_rescan_that_finds_nothing_changed_loads_no_detector(
    pipeline, store: Store, share: Path
) -> None:
    """Loading Presidio and the spaCy pipeline is most of a small rescan's
    time: it happens when the first object needs analysing, not before."""
    (share / "kapot.docx").unlink()  # a failed file is tried again
    run(pipeline, store, share)
    loads: list[int] = []

    def load() -> Detector:
        loads.append(1)
        return pipeline.detector

    fresh = Pipeline(load, pipeline.protector, pipeline.classifier, pipeline.limits)
    analysed, _ = run(fresh, store, share)
    assert (analysed, loads) == ([], [])
    (share / "notitie.txt").write_text("Gewijzigd.\n", encoding="utf-8")
    analysed, _ = run(fresh, store, share)
    assert (analysed, loads) == (["notitie.txt"], [1])


def run_walked(pipeline, store: Store, root: Path, objects: list[ScanObject]) -> dict:  # noqa: ANN001
    """A scan of objects walked before the tree changed under it."""
    out = io.StringIO()
    with Scanner(pipeline, 1) as pool:
        target = scanner.Target(str(root), objects, is_folder=True)
        scanner.run_scan([target], pool, JsonWriter(out), store, HOST)
    return json.loads(out.getvalue())


def test_a_file_that_vanishes_during_the_scan_is_skipped_then_gone(
    pipeline, store: Store, share: Path
) -> None:
    walked = list(scanner.file_targets([str(share)], HOST)[0].objects)
    (share / "brief0.txt").unlink()
    document = run_walked(pipeline, store, share, walked)
    [vanished] = [o for o in document["objects"] if o["path"].endswith("brief0.txt")]
    assert (vanished["status"], vanished["reason"]) == ("skipped", "vanished")
    assert document["scan"]["status"] == "completed"
    run(pipeline, store, share)
    present = {s.path.rsplit("/", 1)[-1] for s in store.present_objects(HOST, str(share))}
    assert "brief0.txt" not in present and "brief1.txt" in present


def test_a_file_changed_after_the_walk_is_analysed_again_next_time(
    pipeline, store: Store, share: Path
) -> None:
    """The walk's size and mtime are stored with what was read later: an
    edit in between makes them differ from the file, so nothing is lost."""
    walked = list(scanner.file_targets([str(share)], HOST)[0].objects)
    value = make_bsn(random.Random(123))
    (share / "notitie.txt").write_text(f"Nu met BSN {value}.\n", encoding="utf-8")
    os.utime(share / "notitie.txt", (1_800_000_000, 1_800_000_000))
    run_walked(pipeline, store, share, walked)
    analysed, document = run(pipeline, store, share)
    assert "notitie.txt" in analysed
    [note] = [o for o in document["objects"] if o["path"].endswith("notitie.txt")]
    assert note["counts"] == {"NL_BSN": 1}
