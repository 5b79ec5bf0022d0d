"""The share generator's ground truth must itself be right.

Why: a wrong ground truth makes the end-to-end test and the benchmark lie.
Every generated value has to validate with the reference libraries
(python-stdnum, phonenumbers, ipaddress), every written form has to map
back to its canonical value, every look-alike has to really fail (or carry
the negative context it claims), and all of it has to survive the standard
parsers (read through the benchmark's extractor, which uses python-docx,
pypdf, openpyxl, odfpy and `email`).
"""

from __future__ import annotations

import datetime as dt
import importlib.util
import ipaddress
import re
import sys
from pathlib import Path
from types import ModuleType
from typing import Any

import phonenumbers
import pytest
from stdnum import iban, luhn
from stdnum.nl import bsn, postcode

REPO = Path(__file__).resolve().parents[2]
N_FILES = 60


def _load(name: str, path: Path) -> ModuleType:
    if name in sys.modules:
        return sys.modules[name]
    spec = importlib.util.spec_from_file_location(name, path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


sharegen = _load("sharegen", REPO / "tests" / "sharegen.py")

_SIDECODES = [
    re.compile(p)
    for p in (
        r"[A-Z]{2}-\d{2}-[A-Z]{2}",
        r"[A-Z]{2}-[A-Z]{2}-\d{2}",
        r"\d{2}-[A-Z]{2}-[A-Z]{2}",
        r"\d{2}-[A-Z]{3}-\d",
        r"\d-[A-Z]{3}-\d{2}",
        r"[A-Z]{2}-\d{3}-[A-Z]",
        r"[A-Z]-\d{3}-[A-Z]{2}",
        r"[A-Z]{3}-\d{2}-[A-Z]",
    )
]
_MONTHS = {name: i for i, name in enumerate(sharegen.MONTHS, start=1)}


@pytest.fixture(scope="module")
def share(tmp_path_factory: pytest.TempPathFactory) -> tuple[Any, dict[str, str]]:
    """A generated share and the extracted text of each of its objects."""
    bench = _load("bench_scan", REPO / "benchmarks" / "bench_scan.py")
    root = tmp_path_factory.mktemp("share")
    truth = sharegen.generate_share(root, N_FILES, seed=7)
    texts = {obj.path: obj.text for obj in bench.iter_objects(root)}
    return truth, texts


def _parse_written_date(text: str) -> dt.date:
    if m := re.fullmatch(r"(\d{1,2}) ([a-z]+) (\d{4})", text):
        return dt.date(int(m[3]), _MONTHS[m[2]], int(m[1]))
    if m := re.fullmatch(r"(\d{2})[-/](\d{2})[-/](\d{4})", text):
        return dt.date(int(m[3]), int(m[2]), int(m[1]))
    return dt.date.fromisoformat(text)


def _check_value(occ: Any) -> None:
    """Assert that one occurrence is valid and its written form is its canonical value."""
    t, canonical, written = occ.entity_type, occ.canonical, occ.written
    digits = re.sub(r"\D", "", written)
    if t == "NL_BSN":
        assert bsn.is_valid(canonical) and len(canonical) == 9
        assert sharegen.bsn_is_valid(canonical)
        assert digits.zfill(9) == canonical and len(digits) in (8, 9)
    elif t == "IBAN_CODE":
        assert iban.is_valid(canonical) and canonical.startswith("NL") and len(canonical) == 18
        assert written.replace(" ", "") == canonical
    elif t == "PHONE_NUMBER":
        number = phonenumbers.parse(written, "NL")
        assert phonenumbers.is_valid_number(number)
        assert phonenumbers.region_code_for_number(number) == "NL"
        assert phonenumbers.number_type(number) in (
            phonenumbers.PhoneNumberType.MOBILE,
            phonenumbers.PhoneNumberType.FIXED_LINE,
        )
        e164 = phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)
        assert e164 == canonical
    elif t == "EMAIL_ADDRESS":
        assert re.fullmatch(r"[a-z0-9.]+@([a-z]+\.)?example\.(com|org|net)", canonical)
        assert written.lower() == canonical
    elif t == "NL_POSTCODE":
        assert postcode.is_valid(written) and postcode.is_valid(canonical)
        assert canonical[4:] not in ("SA", "SD", "SS") and canonical[0] != "0"
        assert written.replace(" ", "") == canonical
    elif t == "DATE_OF_BIRTH":
        date = dt.date.fromisoformat(canonical)
        assert dt.date(1900, 1, 1) <= date < sharegen.REFERENCE_DATE
        assert _parse_written_date(written) == date
    elif t == "NL_LICENSE_PLATE":
        assert any(p.fullmatch(written) for p in _SIDECODES)
        assert not set("AEIOUCQY") & set(canonical)
        assert written.replace("-", "") == canonical
    elif t == "CREDIT_CARD":
        assert luhn.is_valid(canonical) and len(canonical) == 16
        assert canonical[0] == "4" or 51 <= int(canonical[:2]) <= 55
        assert canonical not in ("4111111111111111", "5500000000000004")
        assert digits == canonical
    elif t == "IP_ADDRESS":
        addr = ipaddress.ip_address(canonical)
        assert addr.is_global and str(addr) == canonical == written
    else:
        raise AssertionError(f"unexpected entity type {t}")


def test_every_kind_and_type_is_present(share: tuple[Any, dict[str, str]]) -> None:
    truth, _ = share
    summary = truth.summary()
    kinds = set(summary["objects_per_kind"])
    assert set(sharegen.DECK) - {"archive_zip"} <= kinds
    assert {"archive_member_txt", "archive_member_csv"} <= kinds
    assert all(summary["values_per_type"][t] > 0 for t in sharegen.ENTITY_TYPES)
    assert any(p.endswith(".zip!/brief.txt") for p in truth.objects)
    assert truth.clean and all(not truth.expected[p] for p in truth.clean)


def test_every_value_validates_and_maps_to_its_canonical_form(
    share: tuple[Any, dict[str, str]],
) -> None:
    truth, _ = share
    for path, obj in truth.objects.items():
        for occ in obj.occurrences:
            try:
                _check_value(occ)
            except (AssertionError, ValueError, KeyError) as exc:  # never print the value
                raise AssertionError(f"{occ.entity_type} in {path} is wrong") from exc


def test_written_forms_survive_extraction(share: tuple[Any, dict[str, str]]) -> None:
    truth, texts = share
    assert set(texts) == set(truth.objects)
    for path, obj in truth.objects.items():
        missing = [o.entity_type for o in obj.occurrences if o.written not in texts[path]]
        missing += [la.kind for la in obj.lookalikes if la.written not in texts[path]]
        assert not missing, f"{path}: not in the extracted text: {missing}"


def test_clean_objects_hold_no_value_of_any_object(share: tuple[Any, dict[str, str]]) -> None:
    truth, texts = share
    forms = truth.written_forms()
    for path in truth.clean:
        hits = [t for form, t in forms.items() if form in texts[path]]
        assert not hits, f"clean object {path} holds values of type {hits}"


def test_lookalikes_really_fail(share: tuple[Any, dict[str, str]]) -> None:
    truth, texts = share
    seen = set()
    for path, obj in truth.objects.items():
        text = texts[path]
        for la in obj.lookalikes:
            seen.add(la.kind)
            digits = re.sub(r"\D", "", la.written)
            before = text[max(0, text.index(la.written) - 40) : text.index(la.written)].lower()
            if la.kind == "bsn_elfproef_fails":
                assert len(digits) == 9 and not bsn.is_valid(digits)
            elif la.kind == "bsn_negative_context":
                assert bsn.is_valid(digits)
                assert re.search(r"(factuur|zaak)nummer:?\s*$", before), path
            elif la.kind == "iban_check_fails":
                assert not iban.is_valid(la.written)
            elif la.kind == "luhn_fails":
                assert len(digits) == 16 and not luhn.is_valid(digits)
            elif la.kind == "year_then_word":
                year, word = la.written.split(" ")
                assert 1990 <= int(year) <= 2025 and word.lower() in ("de", "en", "op")
            elif la.kind == "date_without_birth_context":
                assert not re.search(r"geb(oren|\.|oorte)", before), path
                assert _parse_written_date(la.written).isoformat() == la.variants[0]
            elif la.kind == "version_number":
                assert before.rstrip().endswith("versie")
                ipaddress.IPv4Address(la.written)
            else:
                raise AssertionError(f"unknown look-alike kind {la.kind}")
    assert seen == {
        "bsn_elfproef_fails",
        "bsn_negative_context",
        "iban_check_fails",
        "luhn_fails",
        "year_then_word",
        "date_without_birth_context",
        "version_number",
    }


def test_generators_in_bulk() -> None:
    """Many draws, so rare branches (leading zeros, IPv6, 3-digit area codes) run too."""
    values = sharegen.Values(11)
    for _ in range(300):
        for occ in (
            values.bsn(allow_leading_zero=True),
            values.iban(),
            values.phone(),
            values.email("Zoë", "van der Berg"),
            values.postcode(),
            values.dob(),
            values.plate(),
            values.credit_card()[0],
            values.ip(),
        ):
            _check_value(occ)
        assert not bsn.is_valid(values.not_bsn().written)
        assert bsn.is_valid(values.invoice_number().written)
        assert not iban.is_valid(values.bad_iban().written)
        assert not luhn.is_valid(re.sub(r"\D", "", values.bad_card().written))


def test_same_seed_same_share(tmp_path: Path) -> None:
    first = sharegen.generate_share(tmp_path / "a", 25, seed=3)
    second = sharegen.generate_share(tmp_path / "b", 25, seed=3)
    other = sharegen.generate_share(tmp_path / "c", 25, seed=4)
    assert first.expected == second.expected
    assert first.expected != other.expected
    files = [p for p in (tmp_path / "a").rglob("*") if p.is_file()]
    assert len(files) == 25
    for path in files:  # byte for byte, office containers included
        twin = tmp_path / "b" / path.relative_to(tmp_path / "a")
        assert path.read_bytes() == twin.read_bytes(), path.name


def test_score_of_the_truth_is_perfect(share: tuple[Any, dict[str, str]]) -> None:
    truth, _ = share
    key = b"unit test key"
    perfect = sharegen.score(truth, truth.fingerprints(key), key)
    assert perfect.micro.f1 == 1.0 and perfect.clean_findings == 0
    assert not any(perfect.lookalikes_reported.values())
    nothing = sharegen.score(truth, {}, key)
    assert nothing.micro.recall == 0.0 and nothing.micro.precision is None
    noisy = dict(truth.fingerprints(key))
    clean = truth.clean[0]
    look = truth.objects[clean].lookalikes[0]
    noisy[clean] = frozenset({(look.entity_type, sharegen.fingerprint(key, look.variants[0]))})
    result = sharegen.score(truth, noisy, key)
    assert result.clean_findings == 1 and result.lookalikes_reported[look.kind] == 1
    assert result.per_type[look.entity_type].fp == 1


def test_relative_path_maps_absolute_and_member_paths(tmp_path: Path) -> None:
    root = tmp_path / "share"
    assert sharegen.relative_path(f"{root}/HR/a.md", [root]) == "HR/a.md"
    assert sharegen.relative_path(f"{root}/A/b.zip!/brief.txt", [root]) == "A/b.zip!/brief.txt"
    assert sharegen.relative_path("HR/a.md", [root]) == "HR/a.md"
