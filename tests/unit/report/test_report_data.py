"""What the report reads from the findings database, on SQLite and PostgreSQL.

The scenario (tests/support/report_scenario.py) is small and exactly known:
two scans, a value that disappears, an officer's false positive, a
suppressed IBAN, one BSN in two files of one share.
"""

from __future__ import annotations

import pytest
import sqlalchemy as sa

from datawacht.report import data
from datawacht.store.shares import ShareMap
from support import report_scenario as scenario


@pytest.fixture
def report(report_db: str) -> data.ReportData:
    scenario.build(report_db)
    engine = sa.create_engine(report_db)
    try:
        with data.snapshot(engine) as conn:
            return data.build_report(conn, labels=scenario.LABELS)
    finally:
        engine.dispose()


def test_totals_count_what_is_there_and_would_leak(report: data.ReportData) -> None:
    assert report.totals == {
        "objects": 8,
        "objects_with_findings": 5,
        "findings": 9,  # 11 present, minus a false positive and a suppressed IBAN
        "present_findings": 11,
        "suppressed": 1,
        "data_subjects": 4,  # four distinct BSNs, one of them in two files
        "violations": 1,
        "unscannable": 1,
        "scans": 2,
    }
    assert report.finding_statuses == {
        "open": 10,
        "confirmed": 0,
        "false_positive": 1,
        "accepted_risk": 0,
        "resolved": 1,
    }
    assert report.labels == scenario.LABELS
    assert report.hosts == [scenario.HOST]
    assert report.ruleset_versions == ["rules-test-1"]


def test_shares_count_distinct_people_not_findings(report: data.ReportData) -> None:
    subjects = {share.name: share.data_subjects for share in report.by_share}
    assert subjects == scenario.EXPECTED_SHARES
    hr = next(share for share in report.by_share if share.name == "/srv/share/HR")
    # a.txt says 3 people and b.txt 2, but p1 is in both: 3, not 5
    assert (hr.objects, hr.with_findings, hr.findings) == (2, 2, 5)
    assert [share.name for share in report.by_share][:2] == ["/srv/share/HR", "/srv/share/Fin"]
    fin = next(share for share in report.by_share if share.name == "/srv/share/Fin")
    assert fin.labels == {"geheim": 1, "intern": 2}  # the archive member counts with its archive


def test_labels_from_most_to_least_sensitive(report: data.ReportData) -> None:
    rows = {group.name: group for group in report.by_label}
    assert [group.name for group in report.by_label] == [
        "geheim",
        "vertrouwelijk",
        "intern",
        "openbaar",
        "-",
    ]
    assert (rows["vertrouwelijk"].findings, rows["vertrouwelijk"].data_subjects) == (5, 3)
    assert (rows["intern"].objects, rows["intern"].data_subjects) == (3, 1)  # special category
    assert rows["-"].objects == 1  # the encrypted zip has no label


def test_entity_totals_have_distinct_values(report: data.ReportData) -> None:
    totals = {entity.entity_type: entity for entity in report.by_entity}
    bsn = totals["NL_BSN"]
    assert (bsn.findings, bsn.distinct_values, bsn.objects) == (5, 4, 3)
    assert totals["IBAN_CODE"].findings == 1  # i5 is suppressed
    assert "PHONE_NUMBER" not in totals  # t4 was resolved
    assert report.by_entity[0].entity_type == "NL_BSN"


def test_objects_riskiest_first_with_explanation_and_masked_samples(
    report: data.ReportData,
) -> None:
    paths = [obj.path.removeprefix(scenario.ROOT + "/") for obj in report.objects]
    assert paths == scenario.EXPECTED_ORDER
    a = report.objects[1]
    assert a.explanation.startswith("vertrouwelijk door entity:")
    assert [rule["id"] for rule in a.rules] == ["entity:EMAIL_ADDRESS", "entity:NL_BSN"]
    assert a.violations == [
        {
            "rule": "hr-max-intern",
            "severity": "critical",
            "message": "vertrouwelijk in een map voor intern",
        }
    ]
    assert a.statuses == {"open": 3, "false_positive": 1}
    # counted findings first, the false positive last; masked values only
    assert [(s.masked, s.status) for s in a.samples] == [
        ("*****m3", "open"),
        ("*****p1", "open"),
        ("*****pA", "open"),
        ("*****p2", "false_positive"),
    ]
    assert a.more == 0
    archive = report.objects[4]
    assert (archive.findings, archive.rank) == (0, 1)  # labelled by its member


def test_violations_and_unscannable_objects(report: data.ReportData) -> None:
    assert [(v.severity, v.rule, v.path) for v in report.violations] == [
        ("critical", "hr-max-intern", "/srv/share/HR/a.txt")
    ]
    assert [(u.status, u.reason, u.detail, u.share) for u in report.unscannable] == [
        ("error", "encrypted", "zip: encrypted member", "/srv/share/Pub")
    ]


def test_trend_rebuilds_the_counted_findings_after_each_scan(report: data.ReportData) -> None:
    first, second = report.scans
    assert (first.new_findings, first.resolved_findings, first.counted_findings) == (12, 0, 12)
    # the officer's false positive and the value that disappeared
    assert (second.new_findings, second.resolved_findings, second.counted_findings) == (0, 1, 10)
    assert second.objects == {"scanned": 7, "error": 1}
    assert first.targets == [scenario.ROOT]


def test_findings_stream_in_order_without_resolved_ones(report_db: str) -> None:
    scenario.build(report_db)
    engine = sa.create_engine(report_db)
    try:
        with data.snapshot(engine) as conn:
            rows = list(data.iter_findings(conn, data.share_map(conn)))
            types = data.finding_types(conn)
            order = data.label_order(conn)
    finally:
        engine.dispose()
    assert len(rows) == 11
    assert "test-fingerprint-t4" not in {row.fingerprint for row in rows}
    keys = [(row.path, row.entity_type, row.fingerprint) for row in rows]
    assert keys == sorted(keys)  # code-point order on both databases
    member = next(row for row in rows if "!/" in row.path)
    assert (member.share, member.label, member.location) == (
        "/srv/share/Fin",
        "intern",
        {"line": 7},
    )
    assert types == sorted({row.entity_type for row in rows})
    assert order == scenario.LABELS  # from the stored labels and ranks alone


def test_an_empty_database_gives_an_empty_report(report_db: str) -> None:
    from datawacht.store import open_store

    open_store(report_db).close()
    engine = sa.create_engine(report_db)
    try:
        with data.snapshot(engine) as conn:
            report = data.build_report(conn, labels=scenario.LABELS)
    finally:
        engine.dispose()
    assert report.objects == [] and report.scans == [] and report.totals["objects"] == 0


# --- shares (no database) ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("depth", "path", "share"),
    [
        (1, "/mnt/fs01/HR/brieven/a.docx", "/mnt/fs01/HR"),
        (1, "/mnt/fs01/a.docx", "/mnt/fs01"),  # directly in the target
        (0, "/mnt/fs01/HR/brieven/a.docx", "/mnt/fs01"),
        (2, "/mnt/fs01/HR/brieven/a.docx", "/mnt/fs01/HR/brieven"),
        (2, "/mnt/fs01/HR/a.docx", "/mnt/fs01/HR"),
        (1, "/mnt/fs01/HR/pak.zip!/in/b.txt", "/mnt/fs01/HR"),  # with its archive
        (1, "/mnt/fs01/pak.zip!/HR/b.txt", "/mnt/fs01"),  # folders inside a zip do not count
        (1, "/mnt/fs01/HR2/a.docx", "/mnt/fs01/HR2"),
        (1, "/srv/extract.csv", "/srv/extract.csv"),  # a file target is its own share
        (1, "/mnt/fs01/Nested/deep/x.txt", "/mnt/fs01/Nested/deep"),  # nested target wins
        (1, "/data/elsewhere/x/y.txt", "/data/elsewhere"),  # no target: two components
        (1, "/x.txt", "/x.txt"),
        (1, "/srv/other.txt", "/srv"),  # beside a file target, not in it
        (1, "relative/dir/a.txt", "relative/dir"),
        (1, "postgresql://db:5432/crm/public.klant", "postgresql://db:5432/crm"),
    ],
)
def test_share_of_a_path(depth: int, path: str, share: str) -> None:
    shares = ShareMap(["/mnt/fs01", "/srv/extract.csv", "/mnt/fs01/Nested/"], depth)
    assert shares.share_of(path) == share
    assert shares.share_of(path) == share  # cached the same


def test_share_depth_must_not_be_negative() -> None:
    with pytest.raises(ValueError, match="share depth"):
        ShareMap([], -1)
