"""Benchmark datawacht against plain Presidio on a generated Dutch file share.

Why: "finds more, reports less noise, runs faster" has to be a number, on
the same files, with exact ground truth.  One invocation

1. generates a share with ``tests/sharegen.py`` (``--files N``, default 1000),
2. runs ``datawacht scan SHARE --format jsonl --no-store --output OUT`` as a
   subprocess with a fixed ``DATAWACHT_FINGERPRINT_KEY`` (so the ground truth
   can be fingerprinted with the same HMAC) and times it,
3. runs plain Presidio in this process on the same files: language ``nl``, a
   blank Dutch spaCy pipeline injected into ``SpacyNlpEngine``, and the
   predefined recognizers of ``RecognizerRegistry(supported_languages=["nl"])``
   with Presidio's default score threshold.  Text is extracted with the same
   parsers datawacht uses (plain text, python-docx, pypdf, openpyxl, odfpy,
   ``email``, ``zipfile``); extraction time is reported apart from analysis,
4. scores both per entity type over fingerprints per object and prints a
   table; ``--json OUT`` writes the figures.

The Presidio half deliberately imports nothing from datawacht: Presidio's
matched text is canonicalised by the small ``presidio_canonical`` below,
written from the contract table.  Presidio has no DATE_OF_BIRTH; its
DATE_TIME results are scored as DOB candidates only in the separate
"DATE_TIME as DATE_OF_BIRTH" line (full dates only), never in the main table.

Run: ``python benchmarks/bench_scan.py --files 200 --json /tmp/bench.json``.
"""

from __future__ import annotations

import argparse
import datetime as dt
import email
import email.policy
import importlib.util
import io
import ipaddress
import json
import os
import re
import resource
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
import zipfile
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from types import ModuleType
from typing import Any

REPO = Path(__file__).resolve().parents[1]

#: Deliberately not hex or base64, so it can only be read as UTF-8 bytes.
BENCH_KEY = "datawacht benchmark key: fixed, public, never use in production!"

TEXT_SUFFIXES = {".txt", ".csv", ".md", ".jsonl", ".json", ".log", ".tsv"}
PRESIDIO_TYPES = {"EMAIL_ADDRESS", "PHONE_NUMBER", "IBAN_CODE", "IP_ADDRESS", "CREDIT_CARD"}
CHUNK_CHARS = 200_000  # well below spaCy's max_length; bounds memory per call


def load_sharegen() -> ModuleType:
    """Import ``tests/sharegen.py`` without making ``tests`` a package."""
    if "sharegen" in sys.modules:
        return sys.modules["sharegen"]
    spec = importlib.util.spec_from_file_location("sharegen", REPO / "tests" / "sharegen.py")
    if spec is None or spec.loader is None:
        raise ImportError("tests/sharegen.py not found")
    module = importlib.util.module_from_spec(spec)
    sys.modules["sharegen"] = module
    spec.loader.exec_module(module)
    return module


# --------------------------------------------------------------------------
# Text extraction: the same parsers datawacht uses, nothing of datawacht itself
# --------------------------------------------------------------------------


class _HTMLText(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.parts: list[str] = []

    def handle_data(self, data: str) -> None:
        self.parts.append(data)


def _decode(data: bytes) -> str:
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace")


def _docx_text(data: bytes) -> str:
    from docx import Document
    from docx.table import Table

    document = Document(io.BytesIO(data))
    lines: list[str] = []
    for block in document.iter_inner_content():  # paragraphs and tables in body order
        if isinstance(block, Table):
            lines.extend("\t".join(cell.text for cell in row.cells) for row in block.rows)
        else:
            lines.append(block.text)
    return "\n".join(lines)


def _pdf_text(data: bytes) -> str:
    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(data))
    return "\n".join(page.extract_text() or "" for page in reader.pages)


def _xlsx_text(data: bytes) -> str:
    from openpyxl import load_workbook

    wb = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    lines: list[str] = []
    try:
        for ws in wb.worksheets:
            for row in ws.iter_rows(values_only=True):
                cells = [str(v) for v in row if v is not None]
                if cells:
                    lines.append("\t".join(cells))
    finally:
        wb.close()
    return "\n".join(lines)


def _odf_text(data: bytes) -> str:
    from odf import teletype
    from odf.opendocument import load
    from odf.table import Table, TableCell, TableRow
    from odf.text import H, P

    document = load(io.BytesIO(data))
    lines: list[str] = []
    tables = document.getElementsByType(Table)
    if tables:
        for table in tables:
            for row in table.getElementsByType(TableRow):
                cells = [teletype.extractText(c) for c in row.getElementsByType(TableCell)]
                lines.append("\t".join(c for c in cells if c))
        return "\n".join(lines)
    for element in document.getElementsByType(H) + document.getElementsByType(P):
        lines.append(teletype.extractText(element))
    return "\n".join(lines)


def _eml_text(data: bytes) -> str:
    msg = email.message_from_bytes(data, policy=email.policy.default)
    parts = [f"{h}: {msg[h]}" for h in ("From", "To", "Cc", "Subject") if msg[h]]
    for part in msg.walk():
        if part.get_content_maintype() != "text" or part.get_filename():
            continue
        content = part.get_content()
        if part.get_content_subtype() == "html":
            parser = _HTMLText()
            parser.feed(content)
            content = " ".join(parser.parts)
        parts.append(content)
    return "\n".join(parts)


def extract_text(name: str, data: bytes) -> str | None:
    """Text of one object, or None for kinds this benchmark does not read."""
    suffix = Path(name).suffix.lower()
    if suffix in TEXT_SUFFIXES:
        return _decode(data)
    readers = {
        ".docx": _docx_text,
        ".pdf": _pdf_text,
        ".xlsx": _xlsx_text,
        ".odt": _odf_text,
        ".ods": _odf_text,
        ".eml": _eml_text,
    }
    reader = readers.get(suffix)
    return reader(data) if reader else None


@dataclass
class Extracted:
    path: str
    text: str
    seconds: float


def share_files(root: Path) -> list[Path]:
    """The files of a share in the order this benchmark reads them."""
    return sorted(p for p in root.rglob("*") if p.is_file())


def file_objects(root: Path, file: Path) -> Iterator[Extracted]:
    """The objects of one file with their text; zip members as ``outer.zip!/inner``."""
    rel = file.relative_to(root).as_posix()
    start = time.perf_counter()
    data = file.read_bytes()
    if file.suffix.lower() == ".zip":
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            elapsed = time.perf_counter() - start
            for info in archive.infolist():
                if info.is_dir():
                    continue
                start = time.perf_counter()
                text = extract_text(info.filename, archive.read(info))
                elapsed += time.perf_counter() - start
                if text is not None:
                    yield Extracted(f"{rel}!/{info.filename}", text, elapsed)
                    elapsed = 0.0
        return
    text = extract_text(file.name, data)
    if text is not None:
        yield Extracted(rel, text, time.perf_counter() - start)


def iter_objects(root: Path, files: list[Path] | None = None) -> Iterator[Extracted]:
    """Every object under ``root`` (or of ``files``, in that order) with its text.

    One object at a time, so memory stays bounded by the largest object.
    """
    for file in share_files(root) if files is None else files:
        yield from file_objects(root, file)


# --------------------------------------------------------------------------
# Presidio half: plain predefined recognizers, blank Dutch pipeline
# --------------------------------------------------------------------------


def build_presidio() -> Any:
    """AnalyzerEngine for ``nl`` with a blank spaCy pipeline, offline."""
    os.environ["TLDEXTRACT_PUBLIC_SUFFIX_LIST_URLS"] = ""  # bundled list, no download
    import spacy
    from presidio_analyzer import AnalyzerEngine, RecognizerRegistry
    from presidio_analyzer.nlp_engine import SpacyNlpEngine

    engine = SpacyNlpEngine(models=[{"lang_code": "nl", "model_name": "blank:nl"}])
    engine.nlp = {"nl": spacy.blank("nl")}  # loaded, so Presidio never downloads
    registry = RecognizerRegistry(supported_languages=["nl"])
    registry.load_predefined_recognizers(languages=["nl"], nlp_engine=engine)
    return AnalyzerEngine(registry=registry, nlp_engine=engine, supported_languages=["nl"])


_MONTHS = {
    name: i
    for i, name in enumerate(
        (
            "januari",
            "februari",
            "maart",
            "april",
            "mei",
            "juni",
            "juli",
            "augustus",
            "september",
            "oktober",
            "november",
            "december",
        ),
        start=1,
    )
}
_MONTHS.update({k[:3]: v for k, v in list(_MONTHS.items())})
_MONTHS["mrt"] = 3
_MONTHS["sept"] = 9
_DATE_DMY = re.compile(r"^(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})$")
_DATE_YMD = re.compile(r"^(\d{4})-(\d{2})-(\d{2})(?:[ T].*)?$")
_DATE_LONG = re.compile(r"^(\d{1,2})\s+([a-z]+)\.?\s+(\d{4})$")


def parse_date(text: str) -> str | None:
    """ISO form of a full Dutch or numeric date, else None."""
    text = text.strip().lower()
    try:
        if m := _DATE_DMY.match(text):
            return dt.date(int(m[3]), int(m[2]), int(m[1])).isoformat()
        if m := _DATE_YMD.match(text):
            return dt.date(int(m[1]), int(m[2]), int(m[3])).isoformat()
        if (m := _DATE_LONG.match(text)) and m[2] in _MONTHS:
            return dt.date(int(m[3]), _MONTHS[m[2]], int(m[1])).isoformat()
    except ValueError:
        return None
    return None


def presidio_canonical(entity_type: str, text: str) -> str | None:
    """Canonical form per the contract table, for the types Presidio has."""
    import phonenumbers

    text = text.strip()
    if entity_type == "EMAIL_ADDRESS":
        return text.lower()
    if entity_type == "IBAN_CODE":
        return re.sub(r"[\s-]", "", text).upper()
    if entity_type == "CREDIT_CARD":
        return re.sub(r"\D", "", text)
    if entity_type == "IP_ADDRESS":
        try:
            return str(ipaddress.ip_address(text))
        except ValueError:
            return text
    if entity_type == "PHONE_NUMBER":
        try:
            number = phonenumbers.parse(text, "NL")
            return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)
        except phonenumbers.NumberParseException:
            return re.sub(r"\D", "", text)
    if entity_type == "DATE_TIME":
        return parse_date(text)
    return None


def chunks(text: str, size: int = CHUNK_CHARS) -> Iterator[str]:
    """Pieces of at most ``size`` characters, cut at line ends."""
    while len(text) > size:
        cut = text.rfind("\n", 0, size)
        cut = cut if cut > 0 else size
        yield text[:cut]
        text = text[cut:]
    yield text


@dataclass
class PresidioRun:
    setup_s: float = 0.0
    extract_s: float = 0.0
    analyze_s: float = 0.0
    wall_s: float = 0.0
    objects: int = 0
    chars: int = 0
    found: dict[str, set[tuple[str, str]]] = field(default_factory=dict)
    dates: dict[str, set[tuple[str, str]]] = field(default_factory=dict)
    raw_counts: Counter[str] = field(default_factory=Counter)
    rss_before_mb: float = 0.0
    #: Files read, whether that was all of them, and after each file the
    #: seconds since the run started (set-up included) and its characters.
    files_done: int = 0
    complete: bool = True
    marks: list[float] = field(default_factory=list)
    file_chars: list[int] = field(default_factory=list)
    analyzer: Any = field(default=None, repr=False)


def run_presidio(
    root: Path,
    key: bytes,
    fingerprint: Any,
    files: list[Path] | None = None,
    max_seconds: float | None = None,
    min_files: int = 0,
) -> PresidioRun:
    """Plain Presidio over the files of ``root`` (or ``files``, in that order).

    With ``max_seconds``, no file is started once that much time has passed
    (set-up included), except the first ``min_files``: the run is then
    ``complete=False`` and its figures cover ``files_done`` files.
    """
    files = share_files(root) if files is None else files
    run = PresidioRun(rss_before_mb=_current_rss_mb())
    wall = time.perf_counter()
    start = time.perf_counter()
    analyzer = run.analyzer = build_presidio()
    run.setup_s = time.perf_counter() - start
    for index, file in enumerate(files):
        if (
            max_seconds is not None
            and index >= min_files
            and time.perf_counter() - wall > max_seconds
        ):
            run.complete = False
            break
        chars = _presidio_file(run, analyzer, root, file, key, fingerprint)
        run.files_done += 1
        run.file_chars.append(chars)
        run.marks.append(time.perf_counter() - wall)
    run.wall_s = time.perf_counter() - wall
    return run


def _presidio_file(
    run: PresidioRun, analyzer: Any, root: Path, file: Path, key: bytes, fingerprint: Any
) -> int:
    """Analyse the objects of one file into ``run``; returns their characters."""
    chars = 0
    for obj in file_objects(root, file):
        run.extract_s += obj.seconds
        run.objects += 1
        run.chars += len(obj.text)
        chars += len(obj.text)
        found = run.found.setdefault(obj.path, set())
        dates = run.dates.setdefault(obj.path, set())
        start = time.perf_counter()
        for chunk in chunks(obj.text):
            for result in analyzer.analyze(text=chunk, language="nl"):
                run.raw_counts[result.entity_type] += 1
                matched = chunk[result.start : result.end]
                canonical = presidio_canonical(result.entity_type, matched)
                if result.entity_type in PRESIDIO_TYPES and canonical is not None:
                    found.add((result.entity_type, fingerprint(key, canonical)))
                elif result.entity_type == "DATE_TIME" and canonical is not None:
                    dates.add(("DATE_OF_BIRTH", fingerprint(key, canonical)))
                elif result.entity_type not in PRESIDIO_TYPES | {"DATE_TIME"}:
                    found.add((result.entity_type, fingerprint(key, matched)))
        run.analyze_s += time.perf_counter() - start
    return chars


# --------------------------------------------------------------------------
# datawacht half: the CLI as a subprocess
# --------------------------------------------------------------------------


def datawacht_command() -> list[str]:
    """The console script next to this interpreter, on PATH, or the entry point."""
    beside = Path(sys.executable).with_name("datawacht")
    if beside.exists():
        return [str(beside)]
    found = shutil.which("datawacht")
    if found:
        return [found]
    return [
        sys.executable,
        "-c",
        "import sys; from datawacht.cli.main import main; sys.exit(main())",
    ]


@dataclass
class DatawachtRun:
    ok: bool
    message: str = ""
    wall_s: float = 0.0
    returncode: int | None = None
    found: dict[str, set[tuple[str, str]]] = field(default_factory=dict)
    findings: int = 0
    type_counts: Counter[str] = field(default_factory=Counter)
    peak_rss_mb: float = 0.0


def _redacted(lines: list[str], forms: dict[str, str]) -> list[str]:
    """Scanner messages with every generated value replaced by its type."""
    ordered = sorted(forms.items(), key=lambda item: -len(item[0]))
    cleaned = []
    for line in lines:
        for form, entity_type in ordered:
            line = line.replace(form, f"<{entity_type}>")
        cleaned.append(line)
    return cleaned


def run_datawacht(
    root: Path,
    workdir: Path,
    key: str,
    timeout: float,
    sharegen: ModuleType,
    forms: dict[str, str],
    workers: int | None = None,
) -> DatawachtRun:
    """Scan ``root`` with the CLI; never raises for a failing scanner.

    ``forms`` (raw value -> type) is used to redact the scanner's stderr
    before any of it is printed.  ``workers`` is passed as ``--workers``
    (default: datawacht's own, one per core).
    """
    out = workdir / "datawacht-findings.jsonl"
    state = workdir / "datawacht-state"
    state.mkdir(parents=True, exist_ok=True)
    # Isolated from the user's config and state, so runs are comparable.
    env = {k: v for k, v in os.environ.items() if not k.startswith("DATAWACHT_")}
    env.update(
        DATAWACHT_FINGERPRINT_KEY=key,
        DATAWACHT_STATE_DIR=str(state),
        XDG_CONFIG_HOME=str(workdir / "config"),
    )
    cmd = datawacht_command() + [
        "scan",
        str(root),
        "--format",
        "jsonl",
        "--no-store",
        "--output",
        str(out),
    ]
    if workers is not None:
        cmd += ["--workers", str(workers)]
    returncode, seconds, peak_kib, stderr = run_measured(cmd, env, timeout)
    if returncode is None:
        return DatawachtRun(False, f"could not run {' '.join(cmd[:2])}: {stderr}")
    run = DatawachtRun(True, wall_s=seconds, returncode=returncode)
    run.peak_rss_mb = peak_kib / 1024
    tail = "\n    ".join(_redacted(stderr.strip().splitlines()[-12:], forms))
    if returncode not in (0, 1):
        run.ok = False
        run.message = f"datawacht scan exited with {returncode}; stderr ends:\n    {tail}"
        return run
    if not out.exists():
        run.ok = False
        run.message = (
            f"datawacht scan (exit {returncode}) wrote no output file; stderr ends:\n    {tail}"
        )
        return run
    try:
        run.found = sharegen.load_jsonl_findings(out, [root, root.resolve()])
    except (ValueError, KeyError) as exc:
        run.ok = False
        run.message = f"datawacht output is not contract JSONL: {type(exc).__name__}: {exc}"
        return run
    for items in run.found.values():
        run.findings += len(items)
        run.type_counts.update(t for t, _ in items)
    return run


#: Runs the command given as JSON in argv[1] and writes its exit code and
#: peak RSS (KiB) to argv[2].  The command is not forked from the benchmark
#: itself: on Linux a child's ``ru_maxrss`` starts at the RSS its parent had
#: when it forked (the high-water mark survives ``exec``), so a benchmark
#: process holding a generated share and its ground truth would be counted as
#: the scanner's memory.  This small fresh interpreter forks it instead.
_LAUNCHER = """\
import json, os, subprocess, sys
proc = subprocess.Popen(json.loads(sys.argv[1]))
_, status, usage = os.wait4(proc.pid, 0)
with open(sys.argv[2], "w") as out:
    json.dump([os.waitstatus_to_exitcode(status), usage.ru_maxrss], out)
"""


def _kill_group(pid: int) -> None:
    try:
        os.killpg(pid, signal.SIGKILL)
    except ProcessLookupError:
        pass


def run_measured(
    cmd: list[str], env: dict[str, str], timeout: float
) -> tuple[int | None, float, int, str]:
    """Run ``cmd``; exit code (None: could not start), seconds, peak RSS in KiB
    of its largest process (``wait4``: the command and the children it
    waited for, e.g. scan workers) and its stderr.  Killed after ``timeout``."""
    with tempfile.TemporaryDirectory(prefix="datawacht-bench-run-") as tmp:
        result = Path(tmp) / "result.json"
        with (Path(tmp) / "stderr").open("w+", encoding="utf-8", errors="replace") as err:
            start = time.perf_counter()
            try:
                launcher = subprocess.Popen(
                    [sys.executable, "-c", _LAUNCHER, json.dumps(cmd), str(result)],
                    env=env,
                    stdout=subprocess.DEVNULL,
                    stderr=err,
                    start_new_session=True,
                )
            except OSError as exc:
                return None, 0.0, 0, str(exc)
            timer = threading.Timer(timeout, _kill_group, (launcher.pid,))
            timer.start()
            try:
                launcher.wait()
            finally:
                timer.cancel()
            seconds = time.perf_counter() - start
            err.seek(0)
            stderr = err.read()
        if result.exists():
            returncode, peak_kib = json.loads(result.read_text())
            return returncode, seconds, peak_kib, stderr
    if seconds >= timeout:
        return -9, seconds, 0, stderr + f"\n(killed after the time limit of {timeout:.0f} s)"
    return None, seconds, 0, stderr


# --------------------------------------------------------------------------
# Reporting
# --------------------------------------------------------------------------


def _current_rss_mb() -> float:
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return 0.0


def fmt(value: float | None, digits: int = 2) -> str:
    return "-" if value is None else f"{value:.{digits}f}"


def rate(amount: float, seconds: float) -> float | None:
    return amount / seconds if seconds > 0 else None


def speed(chars: int, files: int, nbytes: int, seconds: float) -> dict[str, float | None]:
    """Rates over the files on disk (an archive counts once) and the extracted text."""
    return {
        "wall_s": seconds,
        "chars_per_s": rate(chars, seconds),
        "files_per_s": rate(files, seconds),
        "mb_per_s": rate(nbytes / 1e6, seconds),
    }


def print_report(figures: dict[str, Any]) -> None:
    share = figures["share"]
    print(
        f"\nShare: {share['files']} files, {share['objects']} objects "
        f"({share['clean_objects']} clean), {share['bytes'] / 1e6:.1f} MB on disk, "
        f"{share['chars'] / 1e6:.2f} M chars extracted; generated in "
        f"{share['generate_s']:.1f} s (seed {share['seed']})"
    )
    dw, pr = figures.get("datawacht"), figures["presidio"]
    if dw and not dw["ok"]:
        print(f"\ndatawacht FAILED: {dw['message']}")
        dw = None
    rows = [
        ("wall time (s)", "wall_s", 1),
        ("files/s", "files_per_s", 1),
        ("chars/s", "chars_per_s", 0),
        ("MB/s", "mb_per_s", 2),
        ("peak RSS (MB)", "peak_rss_mb", 0),
    ]
    print(f"\n{'':34}{'datawacht':>14}{'presidio':>14}")
    for label, key, digits in rows:
        left = fmt(dw["speed"].get(key, dw.get(key)) if dw else None, digits)
        right = fmt(pr["speed"].get(key, pr.get(key)), digits)
        print(f"{label:34}{left:>14}{right:>14}")
    print(
        f"{'  presidio setup / extract / analyze':34}{'':>14}"
        f"{pr['setup_s']:>5.1f} / {pr['extract_s']:.1f} / {pr['analyze_s']:.1f}"
    )
    print(
        f"{'  presidio analysis-only chars/s':34}{'':>14}{fmt(pr['analysis_chars_per_s'], 0):>14}"
    )
    for label, key in (
        ("findings in clean objects", "clean_findings"),
        ("clean objects with findings", "clean_objects_with_findings"),
        ("findings on unknown paths", "unknown_path_findings"),
        ("findings of other types", "other_type_findings"),
    ):
        left = str(dw["score"][key]) if dw else "-"
        print(f"{label:34}{left:>14}{pr['score'][key]!s:>14}")
    for name, side in (("datawacht", dw), ("presidio", pr)):
        if side and side["score"]["clean_findings_by_type"]:
            by_type = ", ".join(
                f"{t} {n}" for t, n in side["score"]["clean_findings_by_type"].items()
            )
            print(f"  {name} clean-object findings by type: {by_type}")
    print("look-alikes reported")
    for kind, n in pr["score"]["lookalikes_reported"].items():
        left = str(dw["score"]["lookalikes_reported"].get(kind, 0)) if dw else "-"
        print(f"  {kind:32}{left:>14}{n!s:>14}")
    if figures.get("speed_ratio"):
        print(f"\nspeed ratio (presidio wall / datawacht wall): {figures['speed_ratio']:.1f}x")
    print(f"\n{'per type':20}{'datawacht P / R / F1':>26}{'presidio P / R / F1':>26}{'n':>7}")
    types = list(pr["score"]["per_type"])
    for entity_type in [*types, "micro"]:
        p = pr["score"]["micro"] if entity_type == "micro" else pr["score"]["per_type"][entity_type]
        d = None
        if dw:
            d = (
                dw["score"]["micro"]
                if entity_type == "micro"
                else (dw["score"]["per_type"][entity_type])
            )

        def trio(s: dict[str, Any] | None) -> str:
            if s is None:
                return "-"
            return f"{fmt(s['precision'])} / {fmt(s['recall'])} / {fmt(s['f1'])}"

        print(f"{entity_type:20}{trio(d):>26}{trio(p):>26}{p['tp'] + p['fn']:>7}")
    alt = pr["score_dates_as_dob"]
    print(
        f"\npresidio with DATE_TIME counted as DATE_OF_BIRTH (full dates only): "
        f"DOB P/R/F1 {fmt(alt['per_type']['DATE_OF_BIRTH']['precision'])} / "
        f"{fmt(alt['per_type']['DATE_OF_BIRTH']['recall'])} / "
        f"{fmt(alt['per_type']['DATE_OF_BIRTH']['f1'])}, micro F1 {fmt(alt['micro']['f1'])}, "
        f"findings in clean objects {alt['clean_findings']}"
    )


def share_bytes(root: Path) -> int:
    return sum(p.stat().st_size for p in root.rglob("*") if p.is_file())


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--files", type=int, default=1000, help="files to generate")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument(
        "--size",
        choices=("realistic", "small"),
        default="realistic",
        help="realistic: registers of 100-1000 rows, articles of a few pages; "
        "small: the end-to-end test's tiny files",
    )
    parser.add_argument("--share", type=Path, help="generate into this (empty) folder and keep it")
    parser.add_argument("--json", type=Path, help="write the figures as JSON here")
    parser.add_argument("--timeout", type=float, default=3600, help="datawacht time limit (s)")
    parser.add_argument("--skip-datawacht", action="store_true")
    args = parser.parse_args(argv)

    sharegen = load_sharegen()
    key = BENCH_KEY.encode("utf-8")
    with tempfile.TemporaryDirectory(prefix="datawacht-bench-") as tmp:
        workdir = Path(tmp)
        root = args.share or workdir / "share"
        if root.exists() and any(root.iterdir()):
            parser.error(f"--share {root} is not empty; the ground truth needs a fresh folder")
        start = time.perf_counter()
        truth = sharegen.generate_share(root, args.files, seed=args.seed, size=args.size)
        generate_s = time.perf_counter() - start
        summary = truth.summary()
        nbytes = share_bytes(root)

        dw_run = None
        if not args.skip_datawacht:
            print(f"running datawacht on {args.files} files ...", file=sys.stderr)
            dw_run = run_datawacht(
                root, workdir, BENCH_KEY, args.timeout, sharegen, truth.written_forms()
            )
            if not dw_run.ok:
                print(
                    f"datawacht failed (continuing with Presidio): {dw_run.message}",
                    file=sys.stderr,
                )
        print("running plain Presidio ...", file=sys.stderr)
        pr_run = run_presidio(root, key, sharegen.fingerprint)
        self_rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024

    chars, objects = pr_run.chars, pr_run.objects
    with_dates = {
        p: pr_run.found.get(p, set()) | pr_run.dates.get(p, set())
        for p in set(pr_run.found) | set(pr_run.dates)
    }
    figures: dict[str, Any] = {
        "share": {
            "files": args.files,
            "seed": args.seed,
            "objects": objects,
            "clean_objects": len(truth.clean),
            "bytes": nbytes,
            "chars": chars,
            "generate_s": generate_s,
            **summary,
        },
        "presidio": {
            "setup_s": pr_run.setup_s,
            "extract_s": pr_run.extract_s,
            "analyze_s": pr_run.analyze_s,
            "analysis_chars_per_s": rate(chars, pr_run.analyze_s),
            "speed": speed(chars, args.files, nbytes, pr_run.wall_s),
            "peak_rss_mb": self_rss,
            "rss_before_presidio_mb": pr_run.rss_before_mb,
            "raw_entity_counts": dict(pr_run.raw_counts.most_common()),
            "score": sharegen.score(truth, pr_run.found, key).as_dict(),
            "score_dates_as_dob": sharegen.score(truth, with_dates, key).as_dict(),
        },
        "notes": [
            "Scores count each (entity type, fingerprint) once per object.",
            "Presidio: blank nl pipeline, predefined recognizers, default threshold; "
            "DATE_TIME is not DATE_OF_BIRTH in the main scores.",
            "datawacht chars/s uses the benchmark's extracted character count.",
            "peak RSS: datawacht = largest process of the scan (wait4, workers included); "
            "presidio = this process, which also generated the share.",
        ],
    }
    if dw_run is not None:
        dw: dict[str, Any] = {
            "ok": dw_run.ok,
            "message": dw_run.message,
            "returncode": dw_run.returncode,
        }
        if dw_run.ok:
            dw.update(
                {
                    "speed": speed(chars, args.files, nbytes, dw_run.wall_s),
                    "peak_rss_mb": dw_run.peak_rss_mb,
                    "findings": dw_run.findings,
                    "type_counts": dict(dw_run.type_counts.most_common()),
                    "score": sharegen.score(truth, dw_run.found, key).as_dict(),
                }
            )
            figures["speed_ratio"] = rate(pr_run.wall_s, dw_run.wall_s)
        figures["datawacht"] = dw
    print_report(figures)
    if args.json:
        args.json.write_text(json.dumps(figures, indent=2, sort_keys=False) + "\n")
        print(f"\nfigures written to {args.json}")
    return 0 if dw_run is None or dw_run.ok else 1


if __name__ == "__main__":
    sys.exit(main())
