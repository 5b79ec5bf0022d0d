"""Issue 9's proof: a share full of hostile and broken input next to ordinary
letters.  The scan completes in bounded time and memory, lists every broken
object with its reason, and still finds every letter's BSN.

The scan runs without privileges (as root: without capabilities), so that
unreadable files and folders are really unreadable.
"""

from __future__ import annotations

import json
import resource
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from sharegen import fingerprint
from support import hostile

KEY = "hostile-tree-test-key-0123456789abcdef0123"
MAX_SECONDS = 300
MAX_RSS_KIB = 2 * 1024 * 1024
MEMBERS_LIMIT = 1000


@pytest.fixture(scope="module")
def share(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Path, hostile.Expected]]:
    base = tmp_path_factory.mktemp("hostile")
    expected = hostile.build(base / "share", members=MEMBERS_LIMIT + 200)
    yield base, expected
    for listener in expected.sockets:
        listener.close()
    (base / "share" / "geen-toegang" / "map").chmod(0o755)  # for pytest's clean-up
    (base / "share" / "geen-toegang" / "dicht.txt").chmod(0o644)


@pytest.fixture(scope="module")
def scanned(share: tuple[Path, hostile.Expected]) -> dict:
    base, _ = share
    state = base / "state"
    state.mkdir(mode=0o700)
    # Lower limits than the defaults keep the suite fast: the 100 MB line
    # takes seconds instead of a minute, and the archive with too many
    # members records 1,000 of them instead of 10,000.  The defaults:
    # benchmarks/bench_hostile.py.
    env = hostile.scan_environment(
        state,
        KEY,
        DATAWACHT_LIMITS__MAX_CHARS="2000000",
        DATAWACHT_LIMITS__ARCHIVE_MEMBERS=str(MEMBERS_LIMIT),
    )
    started = time.monotonic()
    process = subprocess.Popen(
        [sys.executable, "-m", "datawacht", "scan", str(base / "share"), "--format", "json"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=env,
        cwd=state,
        preexec_fn=hostile.drop_privileges,  # noqa: PLW1509 - no threads started here
    )
    try:
        stdout, stderr = process.communicate(timeout=MAX_SECONDS)
    except subprocess.TimeoutExpired:
        process.kill()
        pytest.fail(f"the scan did not finish within {MAX_SECONDS} s", pytrace=False)
    return {
        "code": process.returncode,
        "stdout": stdout.decode("utf-8"),
        "stderr": stderr.decode("utf-8", "replace"),
        "seconds": time.monotonic() - started,
        "document": json.loads(stdout),
        # The largest resident set of any process this one has waited for,
        # the scan's workers included (they are waited for by the scan): an
        # upper bound for the scan's own peak.
        "peak_rss_kib": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss,
    }


def by_path(scanned: dict) -> dict[str, dict]:
    return {o["path"]: o for o in scanned["document"]["objects"]}


def test_the_scan_completes_in_bounded_time_and_memory(scanned: dict) -> None:
    assert scanned["code"] == 0, "exit code: unreadable objects do not fail a scan"
    assert scanned["document"]["scan"]["status"] == "completed"
    assert scanned["seconds"] < MAX_SECONDS


def test_every_broken_object_is_listed_with_its_reason(
    scanned: dict, share: tuple[Path, hostile.Expected]
) -> None:
    _, expected = share
    objects = by_path(scanned)
    broken = {**expected.broken, **expected.unreadable}
    wrong = {
        path: (objects[path]["status"], objects[path]["reason"]) if path in objects else "missing"
        for path, want in broken.items()
        if path not in objects or (objects[path]["status"], objects[path]["reason"]) != want
    }
    assert wrong == {}


def test_every_letter_beside_them_is_scanned_correctly(
    scanned: dict, share: tuple[Path, hostile.Expected]
) -> None:
    _, expected = share
    letters = dict(expected.letters)
    for path in expected.unreadable:  # the unreadable letters are not letters to find
        letters = {p: v for p, v in letters.items() if not p.startswith(path)}
    found: dict[str, set[str]] = {}
    for finding in scanned["document"]["findings"]:
        if finding["entity_type"] == "NL_BSN":
            found.setdefault(finding["path"], set()).add(finding["fingerprint"])
    missed = [
        path
        for path, values in letters.items()
        if {fingerprint(KEY.encode(), value) for value in values} - found.get(path, set())
    ]
    assert missed == []
    statuses = {by_path(scanned)[p]["status"] for p in letters}
    assert statuses <= {"scanned", "partial"}


def test_nothing_is_written_or_connected_to_and_no_value_is_printed(
    scanned: dict, share: tuple[Path, hostile.Expected]
) -> None:
    _, expected = share
    assert [p for p in expected.written_outside if p.exists()] == []
    for listener in expected.sockets:
        listener.setblocking(False)
        with pytest.raises(BlockingIOError):
            listener.accept()  # nobody connected to the socket on the share
    printed = scanned["stdout"] + scanned["stderr"]
    leaked = [
        path for path, values in expected.letters.items() if any(v in printed for v in values)
    ]
    assert leaked == []


def test_the_peak_memory_of_the_scan_and_its_workers_stays_bounded(scanned: dict) -> None:
    assert scanned["peak_rss_kib"] <= MAX_RSS_KIB
