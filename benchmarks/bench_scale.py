"""How datawacht's and plain Presidio's cost grows, and datawacht's tiers per core, in one run.

Why: issue 8 asks for one invocation that runs datawacht and plain Presidio
(language ``nl``, blank Dutch spaCy pipeline, predefined recognizers) over the
same generated data and reports chars/s, files/s, MB/s, peak RSS and how cost
grows with file count and file size, next to the targets: at least 50x less
wall time than plain Presidio with equal or better F1, 1.5 M chars/s/core for
the pattern tier, 300 k chars/s/core with the NER on prose, 20 MB/s/core on
tabular extracts, at most 1 GiB RSS per worker.

It builds on ``bench_scan.py`` (share generation, the plain Presidio set-up,
the ``datawacht scan`` subprocess, scoring) and adds:

1. **file count**: one share of ``max(--counts)`` files from
   ``tests/sharegen.py``.  Generation is deterministic and sequential, so its
   first k files are exactly the k-file share; they are hard-linked into one
   folder per count and scanned by ``datawacht scan`` (a subprocess with the
   default workers, one per core).  Plain Presidio reads the files once, in
   generation order, in this process, and its wall time at k files is read off
   that run.  It starts no file after ``--presidio-budget`` seconds (the
   smallest count is always finished); a count it did not reach gets a wall
   time extrapolated from its chars/s, marked ``est.``, and no F1.
2. **file size**: single .txt documents of ``--doc-sizes`` characters, prefixes
   of sharegen letters joined together (names, addresses and identifiers on
   every page).  datawacht runs in-process with one worker; Presidio analyses
   them in chunks of ``--presidio-chunk`` characters (``bench_scan`` uses
   200,000: spaCy refuses a text over 1,000,000) and stops starting chunks of
   one document after ``--presidio-doc-budget`` seconds (marked ``part``).
3. **tiers per core**: datawacht in-process, one worker, in a fresh child
   process per tier (its peak RSS is the tier's): (a) the pattern tier,
   prose with identifiers and no names or special-category terms, with the
   NER-less pipeline (``detect.pipeline`` pointed at a blank one), at each
   density of ``--pattern-every``; (b) the NER on prose, sharegen letters one
   object each, with the time the spaCy pipeline alone needs for the same
   windows; (c) a CSV extract from ``bench_extracts.py``, every row
   (``limits.sample_tables = false``) and sampled.  Both tabular runs stream
   the file as a large extract (``sample_tables_above_bytes`` lowered to
   1 MiB, so that the smaller every-row file takes that path too); (d) every
   row of a register of ``--residents-mb`` with a different person on each
   row, in a child of its own: the peak RSS when an object holds more
   distinct values than it lists (``limits.max_findings_per_type``).
4. a summary table of every figure next to its target (PASS/MISS), and
   ``--json OUT``.

chars/s counts characters of extracted text (for the share: as
``bench_scan.py`` extracts them), MB is 10^6 bytes on disk, MiB 2^20.  Every
value is generated and fictitious; none is printed.

Run: ``python benchmarks/bench_scale.py --json /tmp/scale.json`` (12.3
minutes on two nearly idle cores, 5 of them plain Presidio on the share;
``--counts 50,100 --doc-sizes 10k,100k --presidio-budget 60`` for a quick
look).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import re
import resource
import shutil
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path
from types import ModuleType
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import bench_scan as bs  # noqa: E402

#: The entity types among the nine for which plain Presidio loads a
#: recognizer for ``nl`` (CreditCardRecognizer is English, Spanish, Italian
#: and Polish only): the fair ground for "equal or better F1".
PRESIDIO_NL_TYPES = ("EMAIL_ADDRESS", "PHONE_NUMBER", "IBAN_CODE", "IP_ADDRESS")

TARGET_SPEED_RATIO = 50.0
TARGET_PATTERN_CHARS = 1_500_000
TARGET_NER_CHARS = 300_000
TARGET_TABULAR_MB = 20.0
TARGET_RSS_MIB = 1024.0
MIB = 1024 * 1024
#: The tabular runs: repeated people every row, sampled, a person per row.
TABULAR_LABELS = {
    "every_row": "every row",
    "sampled": "sampled",
    "residents": "every row, a person per row",
}
#: Large-extract threshold for the tabular tier (the default is 64 MiB).
TABULAR_STREAM_ABOVE = MIB
#: Runs of the short tier measurements (pattern tier, sampled extract); the
#: fastest counts, so that a burst of other work on a shared machine does not.
REPEAT_SHORT = 3

_FILE_INDEX = re.compile(r"_(\d{5})\.[^/]*$")
_SIZE = re.compile(r"^(\d+(?:\.\d+)?)([km]?)$", re.IGNORECASE)


def parse_size(text: str) -> int:
    """``10k`` -> 10,000; ``4m`` -> 4,000,000; ``2500`` -> 2,500 (characters)."""
    match = _SIZE.match(text.strip())
    if match is None:
        raise argparse.ArgumentTypeError(f"not a size: {text!r} (e.g. 10k, 1m, 2500)")
    factor = {"": 1, "k": 1_000, "m": 1_000_000}[match[2].lower()]
    return int(float(match[1]) * factor)


def size_label(chars: int) -> str:
    if chars >= 1_000_000 and chars % 1_000_000 == 0:
        return f"{chars // 1_000_000}M"
    if chars >= 1_000 and chars % 1_000 == 0:
        return f"{chars // 1_000}k"
    return str(chars)


def int_list(text: str) -> list[int]:
    return sorted({int(part) for part in text.split(",") if part.strip()})


def size_list(text: str) -> list[int]:
    return sorted({parse_size(part) for part in text.split(",") if part.strip()})


def file_index(relpath: str) -> int:
    """The generation index of a sharegen file (``.../brief_00042.txt`` -> 42);
    an archive member has its archive's."""
    match = _FILE_INDEX.search(relpath.split("!/", 1)[0])
    if match is None:
        raise ValueError(f"not a sharegen file name: {relpath}")
    return int(match[1])


def rate(amount: float, seconds: float | None) -> float | None:
    return bs.rate(amount, seconds) if seconds else None


# --------------------------------------------------------------------------
# 1. Growth with file count
# --------------------------------------------------------------------------


def truth_prefix(sharegen: ModuleType, truth: Any, files: int) -> Any:
    """The ground truth of the first ``files`` files of a share."""
    objects = {p: o for p, o in truth.objects.items() if file_index(p) < files}
    return sharegen.GroundTruth(root=truth.root, seed=truth.seed, n_files=files, objects=objects)


def link_files(root: Path, files: list[Path], destination: Path) -> None:
    """``files`` (under ``root``) at the same relative paths under ``destination``."""
    for file in files:
        target = destination / file.relative_to(root)
        target.parent.mkdir(parents=True, exist_ok=True)
        try:
            os.link(file, target)
        except OSError:
            shutil.copy2(file, target)


def micro_over(score: dict[str, Any], types: tuple[str, ...]) -> float | None:
    """Micro F1 over some entity types of a ``sharegen.score(...).as_dict()``."""
    tp = sum(score["per_type"][t]["tp"] for t in types)
    fp = sum(score["per_type"][t]["fp"] for t in types)
    fn = sum(score["per_type"][t]["fn"] for t in types)
    if tp + fp + fn == 0:
        return None
    return 2 * tp / (2 * tp + fp + fn)


def count_series(args: argparse.Namespace, sharegen: ModuleType, workdir: Path) -> dict[str, Any]:
    counts = args.counts
    key = bs.BENCH_KEY.encode("utf-8")
    root = workdir / "share"
    log(f"generating a {args.size} share of {counts[-1]} files ...")
    start = time.perf_counter()
    truth = sharegen.generate_share(root, counts[-1], seed=args.seed, size=args.size)
    generate_s = time.perf_counter() - start
    forms = truth.written_forms()
    files = sorted(bs.share_files(root), key=lambda f: file_index(f.relative_to(root).as_posix()))
    sizes = [f.stat().st_size for f in files]

    log("datawacht start-up (a scan of one tiny file) ...")
    tiny = workdir / "tiny"
    tiny.mkdir()
    (tiny / "leeg.txt").write_text("niets\n", encoding="utf-8")
    startup = bs.run_datawacht(
        tiny, workdir / "dw-tiny", bs.BENCH_KEY, args.timeout, sharegen, {}, args.workers
    )
    startup_s = startup.wall_s if startup.ok else None

    datawacht: dict[int, dict[str, Any]] = {}
    for count in counts:
        folder = root
        if count != counts[-1]:
            folder = workdir / f"share-{count}"
            link_files(root, files[:count], folder)
        log(f"datawacht scan of {count} files ...")
        run = bs.run_datawacht(
            folder,
            workdir / f"dw-{count}",
            bs.BENCH_KEY,
            args.timeout,
            sharegen,
            forms,
            args.workers,
        )
        entry: dict[str, Any] = {"ok": run.ok, "message": run.message}
        if run.ok:
            score = sharegen.score(truth_prefix(sharegen, truth, count), run.found, key).as_dict()
            entry.update(wall_s=run.wall_s, peak_rss_mib=run.peak_rss_mb, score=score)
        else:
            log(f"datawacht failed on {count} files: {run.message}")
        datawacht[count] = entry

    presidio: Any = None
    if not args.skip_presidio:
        log(
            f"plain Presidio over the files in generation order "
            f"(no file started after {args.presidio_budget:.0f} s) ..."
        )
        presidio = bs.run_presidio(
            root,
            key,
            sharegen.fingerprint,
            files=files,
            max_seconds=args.presidio_budget,
            min_files=counts[0],
        )
        presidio_peak_mib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    done = presidio.files_done if presidio else 0
    file_chars = list(presidio.file_chars) if presidio else []
    start = time.perf_counter()
    if done < len(files):
        log(f"extracting the other {len(files) - done} files for their character counts ...")
    for file in files[done:]:
        file_chars.append(sum(len(obj.text) for obj in bs.file_objects(root, file)))
    count_extract_s = time.perf_counter() - start

    rows = []
    for count in counts:
        chars = sum(file_chars[:count])
        nbytes = sum(sizes[:count])
        prefix = truth_prefix(sharegen, truth, count)
        row: dict[str, Any] = {
            "files": count,
            "objects": len(prefix.objects),
            "chars": chars,
            "bytes": nbytes,
        }
        dw = datawacht[count]
        if dw["ok"]:
            wall = dw["wall_s"]
            row["datawacht"] = {
                **bs.speed(chars, count, nbytes, wall),
                "wall_minus_startup_s": wall - startup_s if startup_s else None,
                "files_per_s_after_startup": rate(count, wall - startup_s) if startup_s else None,
                "peak_rss_mib": dw["peak_rss_mib"],
                "micro_f1": dw["score"]["micro"]["f1"],
                "f1_presidio_nl_types": micro_over(dw["score"], PRESIDIO_NL_TYPES),
                "clean_findings": dw["score"]["clean_findings"],
                "score": dw["score"],
            }
        else:
            row["datawacht"] = {"ok": False, "message": dw["message"]}
        if presidio is not None:
            row["presidio"] = presidio_at(presidio, count, chars, nbytes, sharegen, prefix, key)
            dwall = row["datawacht"].get("wall_s")
            row["speed_ratio"] = rate(row["presidio"]["wall_s"], dwall)
        rows.append(row)
    return {
        "share": {
            "size": args.size,
            "seed": args.seed,
            "files": counts[-1],
            "generate_s": generate_s,
            "summary": truth.summary(),
        },
        "datawacht_startup_s": startup_s,
        "datawacht_workers": args.workers or "default (one per core)",
        "presidio": None
        if presidio is None
        else {
            "setup_s": presidio.setup_s,
            "extract_s": presidio.extract_s,
            "analyze_s": presidio.analyze_s,
            "files_done": presidio.files_done,
            "complete": presidio.complete,
            "budget_s": args.presidio_budget,
            "analysis_chars_per_s": rate(presidio.chars, presidio.analyze_s),
            "rss_before_mib": presidio.rss_before_mb,
            "peak_rss_mib": presidio_peak_mib,
        },
        "extract_only_s": count_extract_s,
        "rows": rows,
        "_analyzer": presidio.analyzer if presidio else None,
    }


def presidio_at(
    run: Any, count: int, chars: int, nbytes: int, sharegen: ModuleType, prefix: Any, key: bytes
) -> dict[str, Any]:
    """Presidio's figures for the first ``count`` files: read off the run when
    it got that far, else extrapolated from its chars/s over what it did."""
    if count <= run.files_done:
        found = {p: v for p, v in run.found.items() if file_index(p) < count}
        score = sharegen.score(prefix, found, key).as_dict()
        wall = run.marks[count - 1]
        return {
            **bs.speed(chars, count, nbytes, wall),
            "estimated": False,
            "micro_f1": score["micro"]["f1"],
            "f1_presidio_nl_types": micro_over(score, PRESIDIO_NL_TYPES),
            "clean_findings": score["clean_findings"],
            "score": score,
        }
    done_chars = sum(run.file_chars)
    work = run.marks[-1] - run.setup_s if run.marks else None
    if not work or not done_chars:
        return {"wall_s": None, "estimated": True}
    wall = run.setup_s + work * chars / done_chars
    return {**bs.speed(chars, count, nbytes, wall), "estimated": True}


# --------------------------------------------------------------------------
# Generated text for the size series and the tiers
# --------------------------------------------------------------------------


def letter_texts(sharegen: ModuleType, chars: int, seed: int) -> list[str]:
    """sharegen letters (name, address, 2-5 identifiers each) until ``chars``."""
    values = sharegen.Values(seed)
    texts: list[str] = []
    total = 0
    while total < chars:
        doc = sharegen.letter_doc(values, "letter_txt")
        text = "\n".join(doc.lines(80)) + "\n"
        texts.append(text)
        total += len(text) + 1
    return texts


def prefix_at_line(text: str, chars: int) -> str:
    """The longest prefix of at most ``chars`` characters that ends a line."""
    if len(text) <= chars:
        return text
    cut = text.rfind("\n", 0, chars)
    return text[: cut + 1 if cut > 0 else chars]


def pattern_prose(sharegen: ModuleType, chars: int, every: int, seed: int) -> tuple[str, int]:
    """Neutral Dutch prose with one identifier sentence per ``every`` characters.

    The prose is sharegen's filler for clean texts (no names, places or
    special-category terms); the identifiers are its fact sentences without a
    name in them, with BSN, IBAN, phone, e-mail, date of birth, licence
    plate, card and IP values.  E-mail addresses are ``klant.dossier@...``,
    so no name hides in them either.  Returns the text and how many
    identifiers it holds.
    """
    values = sharegen.Values(seed)
    rng = values.rng
    # sharegen's sentence lists are module internals; the benchmark reads them
    # rather than keep a second copy that drifts.
    facts = {t: [f for f in fs if "{name}" not in f] for t, fs in sharegen._FACTS.items()}
    filler = sharegen._CLEAN_FILLER
    paragraphs: list[str] = []
    total = identifiers = 0
    while total < chars:
        sentences: list[str] = []
        length = 0
        while length < every:
            sentence = rng.choice(filler)
            sentences.append(sentence)
            length += len(sentence) + 1
        entity_type = rng.choice(sorted(facts))
        occurrence, brand = sharegen._make(values, entity_type, "Klant Dossier")
        fact = rng.choice(facts[entity_type]).format(v=occurrence.written, brand=brand)
        sentences.insert(rng.randint(0, len(sentences)), fact)
        identifiers += 1
        paragraph = " ".join(sentences)
        paragraphs.append(paragraph)
        total += len(paragraph) + 2
    return "\n\n".join(paragraphs) + "\n", identifiers


# --------------------------------------------------------------------------
# datawacht in-process, one worker, in a child process per group of jobs
# --------------------------------------------------------------------------


def run_child(name: str, jobs: list[dict[str, Any]], workdir: Path, timeout: float) -> dict:
    """Run ``jobs`` in a fresh interpreter (``--child``); its figures and peak RSS."""
    spec = workdir / f"child-{name}.json"
    out = workdir / f"child-{name}-figures.json"
    spec.write_text(
        json.dumps({"jobs": jobs, "state_dir": str(workdir / f"state-{name}"), "out": str(out)}),
        encoding="utf-8",
    )
    env = {k: v for k, v in os.environ.items() if not k.startswith("DATAWACHT_")}
    # One core: no BLAS or OpenMP threads beside the worker.
    env.update(OPENBLAS_NUM_THREADS="1", OMP_NUM_THREADS="1", MKL_NUM_THREADS="1")
    env["XDG_CONFIG_HOME"] = str(workdir / "config")
    cmd = [sys.executable, str(Path(__file__).resolve()), "--child", str(spec)]
    returncode, seconds, peak_kib, stderr = bs.run_measured(cmd, env, timeout)
    if returncode != 0 or not out.exists():
        # The last lines only: a traceback names code, and our texts are not in it.
        tail = "\n    ".join(stderr.strip().splitlines()[-4:])
        return {"ok": False, "message": f"child {name} exited with {returncode}:\n    {tail}"}
    figures = json.loads(out.read_text(encoding="utf-8"))
    return {"ok": True, "wall_s": seconds, "peak_rss_mib": peak_kib / 1024, **figures}


def child_main(spec_path: Path) -> int:
    """The ``--child`` mode: each job scanned in this process with one worker."""
    spec = json.loads(spec_path.read_text(encoding="utf-8"))
    from datawacht import scanner
    from datawacht.config import DetectSettings, LimitSettings, Settings
    from datawacht.detect.engine import candidate_windows
    from datawacht.detect.nlp import build_blank_pipeline
    from datawacht.records import ScanObject
    from datawacht.sources.files import walk
    from datawacht.workers import Scanner

    state = Path(spec["state_dir"])
    state.mkdir(parents=True, exist_ok=True)
    pipelines: dict[tuple[Any, ...], tuple[Any, float]] = {}

    def pipeline_for(job: dict[str, Any]) -> tuple[Any, float]:
        config = (job["ner"], job.get("sample_tables", True), job.get("stream_above"))
        if config not in pipelines:
            detect = DetectSettings()
            if not job["ner"]:
                blank = state / "blank-pipeline"
                if not (blank / "config.cfg").exists():
                    build_blank_pipeline(blank)
                detect = DetectSettings(pipeline=blank)
            limits: dict[str, Any] = {"sample_tables": job.get("sample_tables", True)}
            if job.get("stream_above") is not None:
                limits["sample_tables_above_bytes"] = job["stream_above"]
            settings = Settings(
                state_dir=state,
                fingerprint_key=bs.BENCH_KEY,
                detect=detect,
                limits=LimitSettings(**limits),
            )
            start = time.perf_counter()
            pipeline = scanner.build_pipeline(settings, scanner.load_rules(settings))
            load_s = time.perf_counter() - start
            warm_up = Path(job["warm_up"]).read_bytes()
            pipeline.scan(ScanObject(path="/warm-up/brief.txt", object_id="warm-up", data=warm_up))
            pipelines[config] = (pipeline, load_s)
        return pipelines[config]

    figures: dict[str, Any] = {"jobs": {}}
    for job in spec["jobs"]:
        pipeline, load_s = pipeline_for(job)
        objects = [obj for path in job["paths"] for obj in walk(path, "bench")]
        runs = []
        for _ in range(job.get("repeat", 1)):
            start = time.perf_counter()
            with Scanner(pipeline, workers=1) as one:
                results = list(one.scan(objects))
            runs.append(time.perf_counter() - start)
        top = [r for r in results if r.obj.parent_id is None]
        entry: dict[str, Any] = {
            "seconds": min(runs),
            "runs_s": runs,
            "pipeline_load_s": load_s,
            "objects": len(top),
            "statuses": dict(Counter(r.status.value for r in top)),
            "findings": dict(Counter(f.entity_type for r in results for f in r.findings)),
            "details": sorted({r.detail for r in top if r.detail})[:3],
        }
        if job.get("coverage"):
            # Where the NLP runs: the windows the gate hands to Presidio.  The
            # detector's gates are internal; the benchmark borrows them.
            gates = getattr(pipeline.detector, "_gates", ())
            texts = [Path(obj.fs_path).read_text(encoding="utf-8") for obj in objects]
            windows = [text[s:e] for text in texts for s, e in candidate_windows(text, gates)]
            entry["chars"] = sum(len(t) for t in texts)
            entry["window_chars"] = sum(len(w) for w in windows)
            entry["windows"] = len(windows)
            if job.get("nlp_alone"):
                nlp = pipeline.detector._nlp
                start = time.perf_counter()
                for _ in nlp.pipe(windows, batch_size=32):
                    pass
                entry["nlp_alone_s"] = time.perf_counter() - start
                entry["nlp_pipes"] = list(nlp.pipe_names)
        # Jobs run in the order given (documents by growing size): the
        # high-water mark after each says which one raised it.
        entry["vm_hwm_after_mib"] = vm_hwm_mib()
        figures["jobs"][job["name"]] = entry
    # A cross-check of the parent's wait4 figure: this process's own high-water mark.
    figures["vm_hwm_mib"] = vm_hwm_mib()
    Path(spec["out"]).write_text(json.dumps(figures), encoding="utf-8")
    return 0


def vm_hwm_mib() -> float | None:
    """This process's peak RSS so far (``VmHWM``), in MiB."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return None


# --------------------------------------------------------------------------
# 2. Growth with file size, 3. tiers
# --------------------------------------------------------------------------


def presidio_document(analyzer: Any, text: str, chunk: int, budget: float) -> dict[str, Any]:
    """Plain Presidio over one document in chunks; no chunk started after ``budget`` s."""
    done = results = 0
    start = time.perf_counter()
    for piece in bs.chunks(text, chunk):
        if done and time.perf_counter() - start > budget:
            break
        results += len(analyzer.analyze(text=piece, language="nl"))
        done += len(piece)
    seconds = time.perf_counter() - start
    return {
        "chars_done": done,
        "seconds": seconds,
        "chars_per_s": rate(done, seconds),
        "complete": done == len(text),
        "results": results,
    }


def text_series(
    args: argparse.Namespace, sharegen: ModuleType, workdir: Path, analyzer: Any
) -> dict[str, Any]:
    """Documents by size (datawacht and Presidio), and the three tiers (datawacht)."""
    log("generating letters, prose and extracts ...")
    start = time.perf_counter()
    need = max(max(args.doc_sizes), args.ner_chars)
    letters = letter_texts(sharegen, need, seed=args.seed + 100)
    joined = "\n".join(letters)
    docs_dir = workdir / "docs"
    docs_dir.mkdir()
    docs: dict[str, tuple[Path, str]] = {}
    for size in args.doc_sizes:
        text = prefix_at_line(joined, size)
        path = docs_dir / f"document-{size_label(size)}.txt"
        path.write_text(text, encoding="utf-8")
        docs[size_label(size)] = (path, text)
    warm_up = workdir / "warm-up.txt"
    warm_up.write_text(letters[-1], encoding="utf-8")

    letters_dir = workdir / "letters"
    letters_dir.mkdir()
    ner_chars = 0
    for index, text in enumerate(letters):
        if ner_chars >= args.ner_chars:
            break
        (letters_dir / f"brief_{index:05d}.txt").write_text(text, encoding="utf-8")
        ner_chars += len(text)

    pattern_dir = workdir / "pattern"
    pattern_dir.mkdir()
    pattern: dict[int, dict[str, Any]] = {}
    for every in args.pattern_every:
        text, identifiers = pattern_prose(sharegen, args.pattern_chars, every, args.seed + every)
        path = pattern_dir / f"prose-every-{every}.txt"
        path.write_text(text, encoding="utf-8")
        pattern[every] = {"path": path, "chars": len(text), "identifiers": identifiers}

    import bench_extracts  # after bench_scan: it puts tests/ on the path for its values

    tables_dir = workdir / "tables"
    tables_dir.mkdir()
    full_csv = tables_dir / f"register-{args.tabular_full_mb}mib.csv"
    sampled_csv = tables_dir / f"register-{args.tabular_mb}mib.csv"
    residents_csv = tables_dir / f"residents-{args.residents_mb}mib.csv"
    rows = {
        "every_row": bench_extracts.generate(full_csv, args.tabular_full_mb),
        "sampled": bench_extracts.generate(sampled_csv, args.tabular_mb),
        "residents": bench_extracts.generate(residents_csv, args.residents_mb, pool=None),
    }
    tabular_runs = (("every_row", full_csv), ("sampled", sampled_csv))
    generate_s = time.perf_counter() - start

    common = {"warm_up": str(warm_up)}
    children = {
        "prose": [
            *(
                {"name": f"document-{label}", "paths": [str(path)], "ner": True, **common}
                for label, (path, _) in docs.items()
            ),
            {
                "name": "ner-letters",
                "paths": [str(letters_dir)],
                "ner": True,
                "coverage": True,
                "nlp_alone": True,
                **common,
            },
        ],
        "pattern": [
            {
                "name": f"pattern-every-{every}",
                "paths": [str(item["path"])],
                "ner": False,
                "coverage": True,
                "repeat": REPEAT_SHORT,
                **common,
            }
            for every, item in pattern.items()
        ],
        "tabular": [
            {
                "name": name,
                "paths": [str(path)],
                "ner": True,
                "sample_tables": name == "sampled",
                "stream_above": TABULAR_STREAM_ABOVE,
                "repeat": REPEAT_SHORT if name == "sampled" else 1,
                **common,
            }
            for name, path in tabular_runs
        ],
        # Its own child, for its own peak RSS: a person on every row is the
        # case where memory grows with the distinct values of one object.
        "residents": [
            {
                "name": "residents",
                "paths": [str(residents_csv)],
                "ner": True,
                "sample_tables": False,
                "stream_above": TABULAR_STREAM_ABOVE,
                **common,
            }
        ],
    }
    child_results = {}
    for name, jobs in children.items():
        log(f"datawacht in-process, one worker: {name} ({len(jobs)} runs) ...")
        child_results[name] = run_child(name, jobs, workdir, args.timeout)
        if not child_results[name]["ok"]:
            log(child_results[name]["message"])

    sizes = []
    prose = child_results["prose"]
    for label, (path, text) in docs.items():
        row: dict[str, Any] = {
            "size": label,
            "chars": len(text),
            "bytes": path.stat().st_size,
        }
        job = prose["jobs"].get(f"document-{label}") if prose["ok"] else None
        if job:
            row["datawacht"] = {
                "seconds": job["seconds"],
                "chars_per_s": rate(len(text), job["seconds"]),
                "status": job["statuses"],
                "findings": sum(job["findings"].values()),
                "worker_peak_rss_mib": job["vm_hwm_after_mib"],
            }
        if analyzer is not None:
            log(f"plain Presidio on the {label} document ...")
            row["presidio"] = presidio_document(
                analyzer, text, args.presidio_chunk, args.presidio_doc_budget
            )
            if job and row["datawacht"]["chars_per_s"] and row["presidio"]["chars_per_s"]:
                row["speed_ratio"] = (
                    row["datawacht"]["chars_per_s"] / row["presidio"]["chars_per_s"]
                )
        sizes.append(row)

    tiers: dict[str, Any] = {"pattern": [], "ner": None, "tabular": []}
    pattern_child = child_results["pattern"]
    for every, item in pattern.items():
        job = pattern_child["jobs"].get(f"pattern-every-{every}") if pattern_child["ok"] else None
        entry = {"every": every, "chars": item["chars"], "identifiers": item["identifiers"]}
        if job:
            entry.update(
                seconds=job["seconds"],
                chars_per_s=rate(item["chars"], job["seconds"]),
                findings=sum(job["findings"].values()),
                findings_by_type=job["findings"],
                window_share=job["window_chars"] / job["chars"],
            )
        tiers["pattern"].append(entry)
    job = prose["jobs"].get("ner-letters") if prose["ok"] else None
    if job:
        tiers["ner"] = {
            "letters": job["objects"],
            "chars": job["chars"],
            "seconds": job["seconds"],
            "chars_per_s": rate(job["chars"], job["seconds"]),
            "window_share": job["window_chars"] / job["chars"],
            "nlp_alone_s": job["nlp_alone_s"],
            "nlp_alone_chars_per_s": rate(job["chars"], job["nlp_alone_s"]),
            "nlp_pipes": job["nlp_pipes"],
            "findings_by_type": job["findings"],
        }
    for name, path in (*tabular_runs, ("residents", residents_csv)):
        child = child_results["residents" if name == "residents" else "tabular"]
        job = child["jobs"].get(name) if child["ok"] else None
        entry = {"run": name, "bytes": path.stat().st_size, "rows": rows[name]}
        if job:
            entry.update(
                seconds=job["seconds"],
                mb_per_s=rate(path.stat().st_size / 1e6, job["seconds"]),
                rows_per_s=rate(rows[name], job["seconds"]),
                status=job["statuses"],
                detail=job["details"],
                findings_by_type=job["findings"],
            )
        tiers["tabular"].append(entry)
    return {
        "generate_s": generate_s,
        "presidio_chunk": args.presidio_chunk,
        "presidio_doc_budget_s": args.presidio_doc_budget,
        "sizes": sizes,
        "tiers": tiers,
        "children": {name: child_summary(result) for name, result in child_results.items()},
    }


def child_summary(result: dict[str, Any]) -> dict[str, Any]:
    """A child's outcome without its per-job figures (those are in the tables)."""
    keep = ("ok", "message", "wall_s", "peak_rss_mib", "vm_hwm_mib")
    summary = {k: v for k, v in result.items() if k in keep}
    if result["ok"] and result["jobs"]:
        summary["pipeline_load_s"] = max(j["pipeline_load_s"] for j in result["jobs"].values())
    return summary


# --------------------------------------------------------------------------
# Report
# --------------------------------------------------------------------------


def log(message: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


def fmt(value: float | None, digits: int = 0) -> str:
    if value is None:
        return "-"
    return f"{value:,.{digits}f}"


def mib(value: float | None) -> str:
    return "-" if value is None else f"{value:,.0f} MiB"


def verdict(value: float | None, target: float, higher_is_better: bool = True) -> str:
    if value is None:
        return "n/a"
    ok = value >= target if higher_is_better else value <= target
    return "PASS" if ok else "MISS"


def summary_rows(figures: dict[str, Any]) -> list[tuple[str, str, str, str]]:
    """(figure, value, target, verdict) for every targeted figure."""
    rows: list[tuple[str, str, str, str]] = []
    counts = figures.get("counts")
    if counts:
        real = [
            r
            for r in counts["rows"]
            if "presidio" in r and not r["presidio"]["estimated"] and r["datawacht"].get("wall_s")
        ]
        if real:
            head = real[-1]
            n = head["files"]
            dw, pr = head["datawacht"], head["presidio"]
            ratio = head["speed_ratio"]
            rows.append(
                (
                    f"wall time, plain Presidio / datawacht, share of {n} files",
                    f"{ratio:.1f}x ({pr['wall_s']:.1f} s / {dw['wall_s']:.1f} s)",
                    f">= {TARGET_SPEED_RATIO:.0f}x",
                    verdict(ratio, TARGET_SPEED_RATIO),
                )
            )
            for label, key_ in (
                ("micro F1, all nine types", "micro_f1"),
                ("micro F1, Presidio's nl types (e-mail, phone, IBAN, IP)", "f1_presidio_nl_types"),
            ):
                d, p = dw[key_], pr[key_]
                ok = None if d is None or p is None else d >= p
                rows.append(
                    (
                        f"{label}, {n} files: datawacht vs Presidio",
                        f"{fmt(d, 3)} vs {fmt(p, 3)}",
                        ">= Presidio's",
                        "n/a" if ok is None else ("PASS" if ok else "MISS"),
                    )
                )
    texts = figures.get("texts")
    if texts:
        for entry in texts["tiers"]["pattern"]:
            value = entry.get("chars_per_s")
            rows.append(
                (
                    f"pattern tier (NER off), 1 identifier per {entry['every']:,} chars, "
                    f"{fmt(100 * entry['window_share'], 0) if 'window_share' in entry else '-'}"
                    " % of text in windows",
                    f"{fmt(value)} chars/s/core",
                    f">= {TARGET_PATTERN_CHARS:,}",
                    verdict(value, TARGET_PATTERN_CHARS),
                )
            )
        ner = texts["tiers"]["ner"]
        rows.append(
            (
                "NER on prose (sharegen letters, one object each)",
                f"{fmt(ner['chars_per_s'])} chars/s/core" if ner else "-",
                f">= {TARGET_NER_CHARS:,}",
                verdict(ner["chars_per_s"] if ner else None, TARGET_NER_CHARS),
            )
        )
        for entry in texts["tiers"]["tabular"]:
            value = entry.get("mb_per_s")
            label = TABULAR_LABELS[entry["run"]]
            rows.append(
                (
                    f"tabular CSV extract, {entry['bytes'] / MIB:.0f} MiB, {label}",
                    f"{fmt(value, 1)} MB/s/core",
                    f">= {TARGET_TABULAR_MB:.0f}",
                    verdict(value, TARGET_TABULAR_MB),
                )
            )
    for label, value in rss_figures(figures):
        rows.append(
            (
                f"peak RSS, {label}",
                mib(value),
                f"<= {TARGET_RSS_MIB:,.0f} MiB",
                verdict(value, TARGET_RSS_MIB, higher_is_better=False),
            )
        )
    return rows


def rss_figures(figures: dict[str, Any]) -> list[tuple[str, float | None]]:
    out: list[tuple[str, float | None]] = []
    counts = figures.get("counts")
    if counts:
        runs = [r for r in counts["rows"] if r["datawacht"].get("peak_rss_mib")]
        if runs:
            top = max(runs, key=lambda r: r["datawacht"]["peak_rss_mib"])
            out.append(
                (
                    f"largest process of `datawacht scan` ({top['files']} files, "
                    f"workers: {counts['datawacht_workers']})",
                    top["datawacht"]["peak_rss_mib"],
                )
            )
    texts = figures.get("texts")
    if texts:
        for name, child in texts["children"].items():
            what = {
                "prose": "one worker, NER on prose and the documents by size",
                "pattern": "one worker, pattern tier",
                "tabular": "one worker, tabular extracts",
                "residents": "one worker, every row of a register with a person per row",
            }[name]
            out.append((what, child.get("peak_rss_mib")))
    return out


def print_report(figures: dict[str, Any]) -> None:
    counts = figures.get("counts")
    if counts:
        share = counts["share"]
        totals = share["summary"]["totals"]
        print(
            f"\n## Growth with file count ({share['size']} share, seed {share['seed']}; "
            f"{totals['objects']} objects in {totals['files']} files, generated in "
            f"{share['generate_s']:.0f} s)\n"
        )
        start_up = counts["datawacht_startup_s"]
        print(
            f"datawacht: `datawacht scan` subprocess, workers {counts['datawacht_workers']}; "
            f"its start-up (a scan of one tiny file) is {fmt(start_up, 1)} s."
        )
        pr = counts["presidio"]
        if pr:
            print(
                f"Presidio: one pass in this process over the files in generation order, "
                f"set-up {pr['setup_s']:.1f} s, extraction {pr['extract_s']:.0f} s, analysis "
                f"{pr['analyze_s']:.0f} s ({fmt(pr['analysis_chars_per_s'])} chars/s); "
                f"{pr['files_done']} files done"
                + ("" if pr["complete"] else f" (no file started after {pr['budget_s']:.0f} s)")
                + "; est. = extrapolated from its chars/s.  Peak RSS of this process "
                f"{mib(pr['peak_rss_mib'])} ({mib(pr['rss_before_mib'])} before Presidio's "
                "set-up: the generator and the ground truth)."
            )
        print(
            "\n| files | objects | M chars | MB | datawacht s | s after start-up | files/s "
            "| chars/s | MB/s | peak RSS | F1 | Presidio s | files/s | chars/s | MB/s | F1 "
            "| Presidio / datawacht |"
        )
        print("|" + "---|" * 17)
        for row in counts["rows"]:
            dw = row["datawacht"]
            pr_row = row.get("presidio") or {}
            est = " est." if pr_row.get("estimated") else ""
            ratio = row.get("speed_ratio")
            print(
                f"| {row['files']} | {row['objects']} | {row['chars'] / 1e6:.2f} "
                f"| {row['bytes'] / 1e6:.1f} | {fmt(dw.get('wall_s'), 1)} "
                f"| {fmt(dw.get('wall_minus_startup_s'), 1)} | {fmt(dw.get('files_per_s'), 1)} "
                f"| {fmt(dw.get('chars_per_s'))} | {fmt(dw.get('mb_per_s'), 2)} "
                f"| {mib(dw.get('peak_rss_mib'))} | {fmt(dw.get('micro_f1'), 3)} "
                f"| {fmt(pr_row.get('wall_s'), 1)}{est} | {fmt(pr_row.get('files_per_s'), 2)}{est} "
                f"| {fmt(pr_row.get('chars_per_s'))}{est} | {fmt(pr_row.get('mb_per_s'), 3)}{est} "
                f"| {fmt(pr_row.get('micro_f1'), 3)} | {fmt(ratio, 1)}x{est} |"
            )
        real = [r for r in counts["rows"] if "score" in r.get("presidio", {})]
        if real and "score" in real[-1]["datawacht"]:
            head = real[-1]
            print(f"\nPer type at {head['files']} files (P / R / F1):\n")
            print("| type | n | datawacht | Presidio |")
            print("|---|---|---|---|")
            dws, prs = head["datawacht"]["score"], head["presidio"]["score"]
            for entity_type, p in prs["per_type"].items():
                d = dws["per_type"][entity_type]
                print(f"| {entity_type} | {p['tp'] + p['fn']} | {trio(d)} | {trio(p)} |")
            print(
                f"| findings in clean objects | | {dws['clean_findings']} "
                f"| {prs['clean_findings']} |"
            )
    texts = figures.get("texts")
    if texts:
        print(
            f"\n## Growth with file size (one .txt of joined sharegen letters; datawacht "
            f"in-process, one worker; Presidio in chunks of {texts['presidio_chunk']:,} chars, "
            f"no chunk started after {texts['presidio_doc_budget_s']:.0f} s: part)\n"
        )
        print(
            "| size | chars | datawacht s | chars/s | worker peak RSS so far "
            "| Presidio s | chars/s | datawacht / Presidio |"
        )
        print("|---|---|---|---|---|---|---|---|")
        for row in texts["sizes"]:
            dw = row.get("datawacht") or {}
            pr_row = row.get("presidio") or {}
            part = ""
            if pr_row and not pr_row["complete"]:
                part = f" (part: {pr_row['chars_done'] / 1e6:.2f} M chars)"
            print(
                f"| {row['size']} | {row['chars']:,} | {fmt(dw.get('seconds'), 2)} "
                f"| {fmt(dw.get('chars_per_s'))} | {mib(dw.get('worker_peak_rss_mib'))} "
                f"| {fmt(pr_row.get('seconds'), 2)}{part} "
                f"| {fmt(pr_row.get('chars_per_s'))} | {fmt(row.get('speed_ratio'), 1)}x |"
            )
        tiers = texts["tiers"]
        print(
            "\n## Tiers, datawacht in-process with one worker (per core; pattern tier and "
            f"sampled extract: fastest of {REPEAT_SHORT} runs)\n"
        )
        print("| tier | input | s | rate | NLP share | findings |")
        print("|---|---|---|---|---|---|")
        for entry in tiers["pattern"]:
            print(
                f"| pattern, NER off, 1 identifier / {entry['every']:,} chars "
                f"| {entry['chars'] / 1e6:.2f} M chars, {entry['identifiers']} identifiers "
                f"| {fmt(entry.get('seconds'), 2)} | {fmt(entry.get('chars_per_s'))} chars/s "
                f"| {fmt(100 * entry['window_share'], 1) if 'window_share' in entry else '-'} "
                f"% of chars in windows | {entry.get('findings', '-')} |"
            )
        ner = tiers["ner"]
        if ner:
            print(
                f"| NER on prose, letters | {ner['letters']} letters, {ner['chars'] / 1e6:.2f} M "
                f"chars | {ner['seconds']:.2f} | {fmt(ner['chars_per_s'])} chars/s "
                f"| {100 * ner['window_share']:.0f} % of chars in windows; spaCy pipeline "
                f"({', '.join(ner['nlp_pipes'])}) alone over them {ner['nlp_alone_s']:.2f} s "
                f"| {sum(ner['findings_by_type'].values())} |"
            )
        for entry in tiers["tabular"]:
            print(
                f"| tabular, {TABULAR_LABELS[entry['run']]} "
                f"| {entry['bytes'] / MIB:.0f} MiB CSV, {entry['rows']:,} rows "
                f"| {fmt(entry.get('seconds'), 2)} | {fmt(entry.get('mb_per_s'), 1)} MB/s, "
                f"{fmt(entry.get('rows_per_s'))} rows/s | - "
                f"| {sum(entry.get('findings_by_type', {}).values())} |"
            )
        for entry in tiers["tabular"]:
            for detail in entry.get("detail", []):
                print(f"  {entry['run']}: {detail}")
    print("\n## Summary against the targets\n")
    print("| figure | value | target | verdict |")
    print("|---|---|---|---|")
    for row in figures["summary"]:
        print("| " + " | ".join(row) + " |")
    env = figures["environment"]
    print(
        f"\n{env['cores']} cores, load average {env['load_start']} at start and "
        f"{env['load_end']} at the end; whole run {figures['wall_s'] / 60:.1f} min."
    )


def trio(score: dict[str, Any]) -> str:
    return f"{fmt(score['precision'], 2)} / {fmt(score['recall'], 2)} / {fmt(score['f1'], 2)}"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--child", type=Path, help=argparse.SUPPRESS)
    parser.add_argument(
        "--counts", type=int_list, default=[100, 400, 1600], help="share sizes in files"
    )
    parser.add_argument("--size", choices=("realistic", "small"), default="realistic")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument(
        "--presidio-budget",
        type=float,
        default=300.0,
        help="seconds after which Presidio starts no further file of the share",
    )
    parser.add_argument(
        "--doc-sizes", type=size_list, default=size_list("10k,100k,1m,4m"), help="characters"
    )
    parser.add_argument(
        "--presidio-doc-budget",
        type=float,
        default=30.0,
        help="seconds after which Presidio starts no further chunk of one document",
    )
    parser.add_argument("--presidio-chunk", type=int, default=bs.CHUNK_CHARS)
    parser.add_argument(
        "--pattern-every",
        type=int_list,
        default=[500, 2000, 8000],
        help="pattern tier: characters of prose per identifier, one run each",
    )
    parser.add_argument("--pattern-chars", type=parse_size, default=parse_size("1m"))
    parser.add_argument(
        "--ner-chars", type=parse_size, default=parse_size("500k"), help="letters for the NER tier"
    )
    parser.add_argument("--tabular-mb", type=int, default=96, help="MiB, the sampled run")
    parser.add_argument("--tabular-full-mb", type=int, default=8, help="MiB, every row")
    parser.add_argument(
        "--residents-mb",
        type=int,
        default=32,
        help="MiB, every row of a register with a different person on each row",
    )
    parser.add_argument("--workers", type=int, help="datawacht scan --workers (default: its own)")
    parser.add_argument("--timeout", type=float, default=1800, help="per datawacht run (s)")
    parser.add_argument("--skip-presidio", action="store_true")
    parser.add_argument("--skip-counts", action="store_true")
    parser.add_argument("--skip-texts", action="store_true")
    parser.add_argument("--workdir", type=Path, help="keep the generated data here (empty folder)")
    parser.add_argument("--json", type=Path, help="write the figures as JSON here")
    args = parser.parse_args(argv)
    if args.child:
        return child_main(args.child)
    if args.presidio_chunk >= 1_000_000:
        parser.error("--presidio-chunk must stay below spaCy's 1,000,000 characters")

    started = time.perf_counter()
    load_start = ", ".join(f"{x:.2f}" for x in os.getloadavg())
    sharegen = bs.load_sharegen()
    figures: dict[str, Any] = {}
    with tempfile.TemporaryDirectory(prefix="datawacht-scale-") as tmp:
        workdir = args.workdir or Path(tmp)
        workdir.mkdir(parents=True, exist_ok=True)
        if any(workdir.iterdir()):
            parser.error(f"--workdir {workdir} is not empty")
        analyzer = None
        if not args.skip_counts:
            counts = count_series(args, sharegen, workdir)
            analyzer = counts.pop("_analyzer")
            figures["counts"] = counts
        if not args.skip_texts:
            if analyzer is None and not args.skip_presidio:
                analyzer = bs.build_presidio()
            figures["texts"] = text_series(args, sharegen, workdir, analyzer)
        figures["presidio_process_peak_rss_mib"] = (
            resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        )
    figures["wall_s"] = time.perf_counter() - started
    figures["environment"] = environment(load_start)
    figures["summary"] = summary_rows(figures)
    figures["notes"] = [
        "chars/s: characters of extracted text; MB: 10^6 bytes on disk; MiB: 2^20 bytes.",
        "Presidio: blank nl pipeline, predefined recognizers, default threshold, in this "
        "process; est. = extrapolated from its chars/s on the files it did.",
        "datawacht per core: in-process, one worker, in a fresh child process per tier.",
        "peak RSS of `datawacht scan`: its largest process (wait4: the scan and its workers).",
    ]
    print_report(figures)
    if args.json:
        args.json.write_text(json.dumps(figures, indent=2) + "\n", encoding="utf-8")
        print(f"\nfigures written to {args.json}")
    return 0


def environment(load_start: str) -> dict[str, Any]:
    from importlib.metadata import PackageNotFoundError, version

    versions: dict[str, str | None] = {}
    for package in ("datawacht", "presidio-analyzer", "spacy"):
        try:
            versions[package] = version(package)
        except PackageNotFoundError:
            versions[package] = None
    return {
        "cores": len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else None,
        "load_start": load_start,
        "load_end": ", ".join(f"{x:.2f}" for x in os.getloadavg()),
        "python": platform.python_version(),
        "versions": versions,
    }


if __name__ == "__main__":
    sys.exit(main())
