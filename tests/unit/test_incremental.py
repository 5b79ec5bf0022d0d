"""What counts as unchanged: size, then mtime where trusted, then the hash."""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

import pytest

from datawacht.incremental import file_sha256, unchanged
from datawacht.records import ScanObject
from datawacht.store.repository import ObjectState


def _state(path: Path, *, status: str = "scanned", present: bool = True) -> ObjectState:
    st = path.stat()
    digest = hashlib.sha256(path.read_bytes()).hexdigest()
    return ObjectState(
        "id", str(path), None, st.st_size, st.st_mtime, status, "intern", present, digest
    )


def _object(path: Path) -> ScanObject:
    st = path.stat()
    return ScanObject(str(path), "id", size=st.st_size, mtime=st.st_mtime, fs_path=str(path))


@pytest.fixture
def letter(tmp_path: Path) -> Path:
    path = tmp_path / "brief.txt"
    path.write_text("Geachte heer,\n")
    return path


def test_same_size_and_mtime_is_unchanged_when_mtime_is_trusted(letter: Path) -> None:
    state = _state(letter)
    letter.write_text("Geachte mevr,\n")  # same size
    os.utime(letter, (state.mtime, state.mtime))
    assert unchanged(state, _object(letter), trust_mtime=True)
    assert not unchanged(state, _object(letter), trust_mtime=False)


def test_a_touch_keeps_the_content(letter: Path) -> None:
    state = _state(letter)
    os.utime(letter, (1_600_000_000, 1_600_000_000))
    assert unchanged(state, _object(letter), trust_mtime=True)
    assert unchanged(state, _object(letter), trust_mtime=False)


def test_other_size_or_content_is_changed(letter: Path) -> None:
    state = _state(letter)
    letter.write_text("Geachte heer, mevrouw,\n")
    assert not unchanged(state, _object(letter), trust_mtime=True)
    letter.write_text("Geachte mevr,\n")
    os.utime(letter, (1_600_000_000, 1_600_000_000))
    assert not unchanged(state, _object(letter), trust_mtime=True)


@pytest.mark.parametrize(
    ("status", "present"), [("error", True), ("partial", True), ("scanned", False)]
)
def test_only_a_successful_present_scan_counts(letter: Path, status: str, present: bool) -> None:
    state = _state(letter, status=status, present=present)
    assert not unchanged(state, _object(letter), trust_mtime=True)


def test_no_stored_state_or_no_hash_means_scan(letter: Path) -> None:
    assert not unchanged(None, _object(letter), trust_mtime=True)
    state = _state(letter)
    os.utime(letter, (1_600_000_000, 1_600_000_000))
    without_hash = ObjectState(*[*vars(state).values()][:-1], None)
    assert not unchanged(without_hash, _object(letter), trust_mtime=False)


def test_a_symlink_or_fifo_is_never_hashed(tmp_path: Path, letter: Path) -> None:
    link = tmp_path / "link.txt"
    link.symlink_to(letter)
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    assert file_sha256(str(link)) is None
    assert file_sha256(str(fifo)) is None
    assert file_sha256(str(letter)) == hashlib.sha256(letter.read_bytes()).hexdigest()
