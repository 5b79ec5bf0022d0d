"""Regression cases in the style of deduce: every `tests/data/regression/*.json`.

Each file holds one category of cases, run through the real detector (the
analyzer and the gate wired as `scanner.build_pipeline` wires them):

    {"category": "person",
     "compare": ["PERSON"],
     "cases": [{"id": "...", "text": "...", "note": "why",
                "expected": [{"entity": "PERSON", "start": 16, "end": 41}]}],
     "known_failures": ["case ids, each explained in its note"]}

Only the entity types in `compare` are compared (all types when it is
absent), so a person case is not broken by a postcode in the same sentence.
A case must produce exactly its expected hits; a case listed in
`known_failures` must still fail (strict xfail), so that the list stays
honest: fix a case, and the suite tells you to take it off the list.

Test ids are `category/case-id`; failure messages show offsets, never text.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from datawacht.detect.analyzer import build_detector
from datawacht.detect.engine import Detector

DATA_DIR = Path(__file__).parents[1] / "data" / "regression"

Span = tuple[str, int, int]


@dataclass(frozen=True)
class Case:
    key: str
    text: str = field(repr=False)  # a failure report shows ids and offsets, never text
    expected: list[Span]
    compare: frozenset[str] | None
    known_failure: bool


def _load_file(path: Path) -> dict:
    return json.loads(path.read_text(encoding="utf-8"))


def _load_cases() -> dict[str, Case]:
    cases: dict[str, Case] = {}
    for path in sorted(DATA_DIR.glob("*.json")):
        data = _load_file(path)
        compare = frozenset(data["compare"]) if "compare" in data else None
        known = set(data.get("known_failures", []))
        for raw in data["cases"]:
            key = f"{data['category']}/{raw['id']}"
            expected = sorted((e["entity"], e["start"], e["end"]) for e in raw["expected"])
            cases[key] = Case(key, raw["text"], expected, compare, raw["id"] in known)
    return cases


CASES = _load_cases()


@pytest.fixture(scope="session")
def detector() -> Detector:
    """The detector as a scan wires it: analyzer, profiler, gates."""
    return build_detector()


def _params() -> list:
    params = []
    for key, case in CASES.items():
        marks = (
            [
                pytest.mark.xfail(
                    strict=True,
                    raises=AssertionError,
                    reason="known failure (see its note); take it off the list once it passes",
                )
            ]
            if case.known_failure
            else []
        )
        params.append(pytest.param(key, id=key, marks=marks))
    return params


@pytest.mark.parametrize("key", _params())
def test_regression_case(detector: Detector, key: str) -> None:
    case = CASES[key]
    compare, expected = case.compare, case.expected
    hits = detector.detect_text(case.text)
    found = sorted(
        (h.entity_type, h.start, h.end) for h in hits if compare is None or h.entity_type in compare
    )
    assert found == expected, f"{key}: hits (entity, start, end) differ from expected"


@pytest.mark.parametrize("path", sorted(DATA_DIR.glob("*.json")), ids=lambda p: p.name)
def test_case_file_is_well_formed(path: Path) -> None:
    """Unique ids, a note per case, spans inside the text, known failures that exist."""
    data = _load_file(path)
    assert set(data) <= {"category", "compare", "cases", "known_failures"}
    assert isinstance(data["category"], str) and data["cases"]
    ids = [case["id"] for case in data["cases"]]
    assert len(ids) == len(set(ids)), "case ids must be unique"
    assert set(data.get("known_failures", [])) <= set(ids), "unknown id in known_failures"
    for case in data["cases"]:
        assert case.get("note"), f"{case['id']}: every case explains itself in a note"
        for span in case["expected"]:
            assert 0 <= span["start"] < span["end"] <= len(case["text"]), case["id"]
            if "compare" in data:
                assert span["entity"] in data["compare"], case["id"]
