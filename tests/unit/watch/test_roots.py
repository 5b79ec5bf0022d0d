"""Mount detection, the polling decision and root health."""

from __future__ import annotations

from pathlib import Path

from datawacht.watch.roots import (
    INOTIFY,
    POLLING,
    Mount,
    Root,
    check_health,
    mount_of,
    plan_root,
    read_mounts,
)

PROC_MOUNTS = """\
/dev/sda1 / ext4 rw,relatime 0 0
//nas/afdelingen /mnt/afdelingen cifs rw,vers=3.0 0 0
nas:/export/hr /mnt/hr nfs4 rw 0 0
user@host:/data /mnt/met\\040spatie fuse.sshfs rw 0 0
tmpfs /mnt/afdelingen/tmp tmpfs rw 0 0
"""


def test_proc_mounts_is_parsed_with_its_escapes(tmp_path: Path) -> None:
    table = tmp_path / "mounts"
    table.write_text(PROC_MOUNTS)
    mounts = read_mounts(str(table))
    assert Mount("/mnt/met spatie", "fuse.sshfs") in mounts
    assert read_mounts(str(tmp_path / "missing")) == []


def test_the_deepest_mount_wins() -> None:
    mounts = [Mount("/", "ext4"), Mount("/mnt/a", "cifs"), Mount("/mnt/a/tmp", "tmpfs")]
    assert mount_of("/mnt/a/HR", mounts) == Mount("/mnt/a", "cifs")
    assert mount_of("/mnt/a/tmp/x", mounts) == Mount("/mnt/a/tmp", "tmpfs")
    assert mount_of("/mnt/ab", mounts) == Mount("/", "ext4")


def test_network_mounts_and_configured_roots_are_polled() -> None:
    mounts = [Mount("/", "ext4"), Mount("/mnt/hr", "nfs4"), Mount("/mnt/s", "smb3")]
    assert plan_root("/srv/share", [], mounts) == Root("/srv/share", INOTIFY, "local")
    assert plan_root("/mnt/hr/2026", [], mounts) == Root(
        "/mnt/hr/2026", POLLING, "network fs nfs4", Mount("/mnt/hr", "nfs4")
    )
    assert plan_root("/srv/share/x", ["/srv/share"], mounts).mode == POLLING


def test_health(tmp_path: Path) -> None:
    share = tmp_path / "share"
    share.mkdir()
    assert check_health(Root(str(share), INOTIFY, "local")) is None
    assert check_health(Root(str(tmp_path / "weg"), INOTIFY, "local")) == "missing"
    (tmp_path / "file").write_text("x")
    assert check_health(Root(str(tmp_path / "file"), INOTIFY, "local")) == "not a directory"
    on_nas = Root(str(share), POLLING, "network fs cifs", Mount(str(share), "cifs"))
    # an unmounted share leaves an empty, readable mount point behind
    assert check_health(on_nas, mounts=[Mount("/", "ext4")]) == "cifs mount gone"
    assert check_health(on_nas, mounts=[Mount(str(share), "cifs")]) is None
