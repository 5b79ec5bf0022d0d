"""The file-tree walker: never follows links, never blocks, never recurses."""

import os
import threading
from pathlib import Path

import pytest

from datawacht.sources.files import object_id_for, walk


def _walk(root: Path) -> dict[str, str | None]:
    return {os.path.relpath(o.fs_path, root): o.skip_reason for o in walk(root, "host-a")}


def test_regular_files_in_nested_folders(tmp_path: Path) -> None:
    (tmp_path / "a" / "b").mkdir(parents=True)
    (tmp_path / "a" / "b" / "deep.txt").write_text("x")
    (tmp_path / "top.txt").write_text("x")
    assert _walk(tmp_path) == {"top.txt": None, os.path.join("a", "b", "deep.txt"): None}


def test_symlinks_are_reported_not_followed(tmp_path: Path) -> None:
    (tmp_path / "inside").mkdir()
    (tmp_path / "inside" / "loop").symlink_to(tmp_path)  # a loop back to the root
    (tmp_path / "outside").symlink_to("/etc")
    found = _walk(tmp_path)
    assert found[os.path.join("inside", "loop")].startswith("not a regular file: symbolic link")
    assert found["outside"].startswith("not a regular file: symbolic link")
    assert len(found) == 2  # nothing below the links was visited


def test_fifo_is_skipped_without_blocking(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "pipe")
    result: dict[str, str | None] = {}
    worker = threading.Thread(target=lambda: result.update(_walk(tmp_path)), daemon=True)
    worker.start()
    worker.join(timeout=10)
    assert not worker.is_alive(), "walk blocked on a FIFO"
    assert result == {"pipe": "not a regular file: FIFO"}


def test_150_levels_deep(tmp_path: Path) -> None:
    folder = tmp_path
    for level in range(150):
        folder = folder / f"d{level}"
    folder.mkdir(parents=True)
    (folder / "bottom.txt").write_text("x")
    objects = list(walk(tmp_path, "host-a"))
    assert [o.name for o in objects] == ["bottom.txt"]


@pytest.mark.skipif(
    os.geteuid() == 0, reason="root reads every folder; permissions cannot be tested"
)
def test_unreadable_folder_is_an_object(tmp_path: Path) -> None:
    locked = tmp_path / "locked"
    locked.mkdir()
    locked.chmod(0)
    try:
        assert _walk(tmp_path)["locked"].startswith("unreadable")
    finally:
        locked.chmod(0o700)


def test_object_ids_are_stable_and_host_specific(tmp_path: Path) -> None:
    (tmp_path / "f.txt").write_text("x")
    first = next(iter(walk(tmp_path, "host-a")))
    again = next(iter(walk(tmp_path, "host-a")))
    other_host = next(iter(walk(tmp_path, "host-b")))
    assert first.object_id == again.object_id == object_id_for("host-a", str(tmp_path / "f.txt"))
    assert first.object_id != other_host.object_id


def test_single_file_target(tmp_path: Path) -> None:
    (tmp_path / "one.csv").write_text("x")
    assert [o.name for o in walk(tmp_path / "one.csv", "h")] == ["one.csv"]


def test_missing_target_is_reported(tmp_path: Path) -> None:
    [obj] = walk(tmp_path / "gone", "h")
    assert obj.skip_reason.startswith("unreadable")
