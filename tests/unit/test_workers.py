"""The process pool gives the same results, in the same order, as one process."""

import os
from pathlib import Path

import pytest

from datawacht import scanner
from datawacht.config import Settings
from datawacht.sources.files import walk
from datawacht.workers import Scanner, default_workers
from support.values import make_bsn


@pytest.fixture(scope="module")
def pipeline(tmp_path_factory: pytest.TempPathFactory):
    settings = Settings(
        state_dir=tmp_path_factory.mktemp("state"), fingerprint_key="unit-test-key-" + "0" * 24
    )
    return scanner.build_pipeline(settings, scanner.load_rules(settings))


def _share(root: Path) -> Path:
    import random
    import zipfile

    rng = random.Random(11)
    for index in range(12):
        value = make_bsn(rng)
        (root / f"brief{index:02d}.txt").write_text(
            f"Geachte heer,\nUw BSN is {value[:4]}.{value[4:6]}.{value[6:]}.\n", encoding="utf-8"
        )
    with zipfile.ZipFile(root / "archief.zip", "w") as archive:
        archive.writestr("in/brief.txt", "BSN 1112.22.333\n")
    return root


def _signature(results) -> list[tuple[str, str, tuple[str, ...]]]:
    return [
        (r.obj.path, r.status.value, tuple(sorted(f.fingerprint for f in r.findings)))
        for r in results
    ]


def test_pool_matches_single_process(pipeline, tmp_path: Path) -> None:
    root = _share(tmp_path)
    with Scanner(pipeline, workers=1) as single:
        serial = list(single.scan(walk(root, "h")))
    with Scanner(pipeline, workers=2) as pool:
        parallel = list(pool.scan(walk(root, "h")))
    assert _signature(serial) == _signature(parallel)
    assert len(serial) == 14  # 12 letters, the zip and its member
    assert all(r.obj.data is None for r in parallel)  # member bytes stay in the worker


def test_default_workers_is_at_least_one() -> None:
    assert default_workers() >= 1


def test_an_exception_inside_the_pipeline_costs_one_object(
    pipeline, tmp_path: Path, monkeypatch
) -> None:
    root = _share(tmp_path)

    def broken(texts, context=None):  # noqa: ANN001, ANN202 - stands in for a detector bug
        raise RuntimeError("boom")

    monkeypatch.setattr(pipeline.detector, "detect_texts", broken)
    with Scanner(pipeline, workers=1) as single:
        results = list(single.scan(walk(root, "h")))
    letters = [r for r in results if r.obj.name.startswith("brief")]
    assert letters and all(r.status.value == "error" for r in letters)
    assert {r.reason for r in letters} == {"internal error"}
    assert all("boom" not in (r.detail or "") for r in letters)  # messages may carry content


def test_a_worker_that_dies_stops_the_wait_instead_of_hanging_it(
    pipeline, tmp_path: Path, monkeypatch
) -> None:
    import signal

    from datawacht.workers import WorkerLostError

    (tmp_path / "gif.txt").write_text("KILL-WORKER 12345\n", encoding="utf-8")
    real = pipeline.detector.detect_texts

    def dies_on_poison(texts, context=None):  # noqa: ANN001, ANN202 - stands in for the OOM killer
        if any("KILL-WORKER" in text for text in texts):
            os.kill(os.getpid(), signal.SIGKILL)
        return real(texts, context)

    monkeypatch.setattr(pipeline.detector, "detect_texts", dies_on_poison)

    def hung(signum, frame):  # noqa: ANN001, ANN202
        raise AssertionError("the scan hung after its worker died")

    previous = signal.signal(signal.SIGALRM, hung)
    signal.alarm(60)
    try:
        with pytest.raises(WorkerLostError), Scanner(pipeline, workers=2) as pool:
            list(pool.scan(walk(tmp_path, "h")))
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)
