"""The persistent work queue on SQLite and PostgreSQL: one row per path,
debounce by update, claims that come back, deletion only of what was claimed."""

from __future__ import annotations

import os

import pytest

from datawacht.store import Store
from datawacht.watch.queue import GONE, SCAN, Request, WorkQueue

ROOT = "/srv/share"
T0 = 1_800_000_000.0
TIMEOUT = 60.0


def scan(path: str, delay: float = 0.0, size: int = 1, reason: str = "modified") -> Request:
    return Request(ROOT, path, SCAN, reason, delay, size, T0)


def test_enqueueing_a_path_again_updates_its_row(store: Store) -> None:
    queue = WorkQueue(store, "host-a")
    queue.enqueue([scan(f"{ROOT}/a.txt", delay=2.0)], now=T0)
    queue.enqueue([scan(f"{ROOT}/a.txt", delay=2.0, size=5)], now=T0 + 1)
    queue.enqueue([scan(f"{ROOT}/a.txt", delay=2.0, size=9)], now=T0 + 1.5)
    assert queue.claim("s1", 10, TIMEOUT, now=T0 + 3) == []  # debounce moved to T0+3.5
    [item] = queue.claim("s1", 10, TIMEOUT, now=T0 + 3.5)
    assert (item.size, item.version, item.enqueued_at, item.attempts) == (9, 3, T0, 1)
    assert queue.stats(TIMEOUT, now=T0 + 3.5).total == 1


def test_last_request_for_a_path_wins_within_one_batch(store: Store) -> None:
    queue = WorkQueue(store, "host-a")
    path = f"{ROOT}/b.txt"
    queue.enqueue([scan(path), Request(ROOT, path, GONE, "deleted")], now=T0)
    [item] = queue.claim("s1", 10, TIMEOUT, now=T0)
    assert (item.action, item.reason) == (GONE, "deleted")


def test_claims_are_due_first_bounded_and_per_host(store: Store) -> None:
    mine, other = WorkQueue(store, "host-a"), WorkQueue(store, "host-b")
    mine.enqueue([scan(f"{ROOT}/{n}.txt", delay=n) for n in range(5)], now=T0)
    other.enqueue([scan(f"{ROOT}/x.txt")], now=T0)
    first = mine.claim("s1", 2, TIMEOUT, now=T0 + 10)
    second = mine.claim("s2", 10, TIMEOUT, now=T0 + 10)
    assert [i.path for i in first] == [f"{ROOT}/0.txt", f"{ROOT}/1.txt"]
    assert [i.path for i in second] == [f"{ROOT}/{n}.txt" for n in (2, 3, 4)]
    stats = mine.stats(TIMEOUT, now=T0 + 10)
    assert (stats.due, stats.waiting, stats.claimed) == (0, 0, 5)
    assert other.stats(TIMEOUT, now=T0 + 10).due == 1


def test_a_killed_workers_claim_comes_back_after_the_timeout(store: Store) -> None:
    queue = WorkQueue(store, "host-a")
    queue.enqueue([scan(f"{ROOT}/a.txt")], now=T0)
    assert len(queue.claim("dead-session", 10, TIMEOUT, now=T0)) == 1
    assert queue.claim("new-session", 10, TIMEOUT, now=T0 + TIMEOUT - 1) == []
    [item] = queue.claim("new-session", 10, TIMEOUT, now=T0 + TIMEOUT + 1)
    assert item.attempts == 2


def test_a_restarted_daemon_takes_back_its_hosts_claims_at_once(store: Store) -> None:
    queue = WorkQueue(store, "host-a")
    queue.enqueue([scan(f"{ROOT}/a.txt"), scan(f"{ROOT}/b.txt")], now=T0)
    queue.claim("killed", 10, TIMEOUT, now=T0)
    assert queue.release_other_sessions("restarted") == 2
    assert len(queue.claim("restarted", 10, TIMEOUT, now=T0 + 1)) == 2


def test_complete_deletes_only_the_claimed_version(store: Store) -> None:
    queue = WorkQueue(store, "host-a")
    queue.enqueue([scan(f"{ROOT}/a.txt"), scan(f"{ROOT}/b.txt")], now=T0)
    a, b = queue.claim("s1", 10, TIMEOUT, now=T0)
    queue.enqueue([scan(f"{ROOT}/b.txt", size=7)], now=T0 + 1)  # changed while scanned
    assert queue.complete(a) is True
    assert queue.complete(b) is False
    [again] = queue.claim("s1", 10, TIMEOUT, now=T0 + 2)
    assert (again.path, again.size, again.attempts) == (f"{ROOT}/b.txt", 7, 1)


def test_requeue_waits_for_stability_and_release_is_not_an_attempt(store: Store) -> None:
    queue = WorkQueue(store, "host-a")
    queue.enqueue([scan(f"{ROOT}/big.iso")], now=T0)
    [item] = queue.claim("s1", 10, TIMEOUT, now=T0)
    queue.requeue(item, 2048, T0 + 5, delay=1000.0, now=T0)
    assert queue.claim("s1", 10, TIMEOUT, now=T0 + 999) == []
    assert queue.stats(TIMEOUT, now=T0 + 999).waiting == 1
    [item] = queue.claim("s1", 10, TIMEOUT, now=T0 + 1000)
    assert (item.size, item.mtime, item.attempts) == (2048, T0 + 5, 1)
    queue.enqueue([scan(f"{ROOT}/c.txt")], now=T0)
    [c] = queue.claim("s2", 10, TIMEOUT, now=T0)
    queue.release([c], now=T0)
    [c] = queue.claim("s2", 10, TIMEOUT, now=T0)
    assert c.attempts == 1


def test_a_batch_a_worker_died_on_counts_as_an_attempt(store: Store) -> None:
    queue = WorkQueue(store, "host-a")
    queue.enqueue([scan(f"{ROOT}/gif.txt")], now=T0)
    for attempt in (1, 2, 3):
        [item] = queue.claim("s1", 10, TIMEOUT, now=T0 + attempt * 100)
        assert item.attempts == attempt
        queue.release([item], now=T0 + attempt * 100, failed=True)


def test_rows_of_unavailable_roots_wait(store: Store) -> None:
    queue = WorkQueue(store, "host-a")
    queue.enqueue([scan(f"{ROOT}/a.txt"), Request("/mnt/nas", "/mnt/nas/b", GONE, "deleted")])
    claimed = queue.claim("s1", 10, TIMEOUT, skip_roots=["/mnt/nas"])
    assert [item.root for item in claimed] == [ROOT]


def test_stats_oldest_row(store: Store) -> None:
    queue = WorkQueue(store, "host-a")
    assert queue.stats(TIMEOUT).oldest_enqueued_at is None
    queue.enqueue([scan(f"{ROOT}/a.txt", delay=100)], now=T0)
    queue.enqueue([scan(f"{ROOT}/b.txt")], now=T0 + 5)
    stats = queue.stats(TIMEOUT, now=T0 + 10)
    assert (stats.due, stats.waiting, stats.oldest_enqueued_at) == (1, 1, T0)


@pytest.mark.parametrize("name", [b"r\xe9sum\xe9.txt", "café.txt".encode()])
def test_file_names_that_are_not_utf8_survive_the_queue(store: Store, name: bytes) -> None:
    queue = WorkQueue(store, "host-a")
    path = ROOT + "/" + os.fsdecode(name)
    queue.enqueue([scan(path)])
    [item] = queue.claim("s1", 10, TIMEOUT)
    assert os.fsencode(item.path) == os.fsencode(ROOT) + b"/" + name


def test_a_storm_of_events_is_one_row_per_path(store: Store) -> None:
    queue = WorkQueue(store, "host-a")
    requests = [scan(f"{ROOT}/{n % 1500}.txt", size=n) for n in range(6000)]
    assert queue.enqueue(requests, now=T0) == 1500
    assert queue.stats(TIMEOUT, now=T0).due == 1500


def test_rows_of_roots_no_longer_watched_are_dropped(store: Store) -> None:
    mine, other_host = WorkQueue(store, "host-a"), WorkQueue(store, "host-b")
    mine.enqueue([scan(f"{ROOT}/a.txt"), Request("/srv/oud", "/srv/oud/b.txt", SCAN, "modified")])
    other_host.enqueue([Request("/srv/oud", "/srv/oud/c.txt", SCAN, "modified")])
    assert mine.drop_other_roots([ROOT]) == 1
    assert [item.path for item in mine.claim("s1", 10, TIMEOUT)] == [f"{ROOT}/a.txt"]
    assert other_host.stats(TIMEOUT).total == 1  # another host's rows are its own
