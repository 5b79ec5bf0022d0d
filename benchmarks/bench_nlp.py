"""PERSON accuracy and pipeline speed of datawacht's Dutch NLP, in one run.

Three held-out sets, none of them trained on:

* **corpus split**: the deduplicated WikiANN-nl test split (news-like
  Wikipedia sentences; no sentence also in train or validation), from
  `models/corpus/eval_wikiann_test.spacy`;
* **administrative, model templates**: the generated letters, HR notes,
  forms and e-mails of `models/prepare_data.py` built from its held-out
  templates (`eval_admin_heldout.spacy`);
* **administrative, independent templates**: `benchmarks/person_texts.py`,
  written separately from the training data, with names from Faker nl_NL
  and nl_BE.

Each text goes through the whole detection path a scan uses (gates,
Presidio with the shipped pipeline and its NER, the rule-based and NER
PERSON recognizers), and PERSON hits are compared with the gold spans, both
exactly and by overlap.  Speed is words per second on one core (one
process, single-threaded numerics), measured three ways:

* **one text per call**: `Detector.detect_text` for every text on its own,
  the worst case (every sentence its own file);
* **scan pipeline, documents**: a one-worker `Scanner` (extract, detect,
  protect, classify) over in-memory .txt objects, as a scan reads files: every
  generated administrative document is one object, and the WikiANN
  sentences, which come from Wikipedia articles, are joined 20 to a
  document.  The pipeline hands Presidio the windows of up to 16 objects
  (or 100,000 characters) in one `nlp.pipe` batch;
* **NER alone**: `nlp.pipe` over all texts.

    OPENBLAS_NUM_THREADS=1 python benchmarks/bench_nlp.py [--json OUT]

`models/corpus/` is written by `python models/prepare_data.py` (it reads
`../shared/data/ner`); this script runs it when the folder is missing.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
os.environ.setdefault("OMP_NUM_THREADS", "1")

import spacy  # noqa: E402
from spacy.tokens import DocBin  # noqa: E402

from datawacht.detect.analyzer import build_detector  # noqa: E402

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "benchmarks"))
import person_texts  # noqa: E402

Span = tuple[int, int]


@dataclass
class Tally:
    true_positive: int = 0
    false_positive: int = 0
    false_negative: int = 0

    def add(self, found: set[Span], gold: set[Span], overlap: bool) -> None:
        if overlap:
            hit_gold = {g for g in gold if any(f[0] < g[1] and g[0] < f[1] for f in found)}
            matched = {f for f in found if any(f[0] < g[1] and g[0] < f[1] for g in gold)}
            self.true_positive += len(hit_gold)
            self.false_negative += len(gold - hit_gold)
            self.false_positive += len(found - matched)
        else:
            self.true_positive += len(found & gold)
            self.false_positive += len(found - gold)
            self.false_negative += len(gold - found)

    def as_dict(self) -> dict[str, float | int]:
        found = self.true_positive + self.false_positive
        gold = self.true_positive + self.false_negative
        precision = self.true_positive / found if found else 0.0
        recall = self.true_positive / gold if gold else 0.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        return {"precision": precision, "recall": recall, "f1": f1, "gold": gold, "found": found}


def load_eval_set(corpus: Path, name: str) -> list[tuple[str, set[Span]]]:
    """Texts and gold PER spans of one DocBin."""
    vocab = spacy.blank("nl").vocab
    docs = DocBin().from_disk(corpus / f"{name}.spacy").get_docs(vocab)
    return [
        (doc.text, {(e.start_char, e.end_char) for e in doc.ents if e.label_ == "PER"})
        for doc in docs
    ]


def independent_set(docs: int, seed: int) -> list[tuple[str, set[Span]]]:
    return [(d.text, set(d.persons)) for d in person_texts.generate(docs, seed)]


def evaluate(detector, texts: list[tuple[str, set[Span]]]) -> dict[str, object]:  # noqa: ANN001
    exact, overlap = Tally(), Tally()
    words = 0
    started = time.perf_counter()
    for text, gold in texts:
        found = {(h.start, h.end) for h in detector.detect_text(text) if h.entity_type == "PERSON"}
        exact.add(found, gold, overlap=False)
        overlap.add(found, gold, overlap=True)
        words += len(text.split())
    seconds = time.perf_counter() - started
    return {
        "texts": len(texts),
        "words": words,
        "seconds": seconds,
        "words_per_s": words / seconds if seconds else 0.0,
        "exact": exact.as_dict(),
        "overlap": overlap.as_dict(),
    }


def documents(sets: dict[str, list[tuple[str, set[Span]]]]) -> list[str]:
    """The texts as a scan meets them: admin documents one by one, WikiANN
    sentences 20 to an article."""
    docs: list[str] = []
    for name, texts in sets.items():
        plain = [text for text, _ in texts]
        if name.startswith("corpus"):
            docs.extend(" ".join(plain[i : i + 20]) for i in range(0, len(plain), 20))
        else:
            docs.extend(plain)
    return docs


def pipeline_speed(docs: list[str]) -> dict[str, float]:
    """Words/s of a one-worker `Scanner` (what `datawacht scan --workers 1`
    runs) over the documents as in-memory .txt objects."""
    from datawacht import scanner
    from datawacht.config import Settings
    from datawacht.records import ScanObject
    from datawacht.workers import Scanner

    with tempfile.TemporaryDirectory() as state:
        settings = Settings(state_dir=Path(state), fingerprint_key="bench-nlp-key-" + "0" * 24)
        pipeline = scanner.build_pipeline(settings, scanner.load_rules(settings))
        objects = [
            ScanObject(path=f"/bench/doc{i:05d}.txt", object_id=f"doc{i}", data=doc.encode())
            for i, doc in enumerate(docs)
        ]
        words = sum(len(doc.split()) for doc in docs)
        started = time.perf_counter()
        with Scanner(pipeline, workers=1) as one:
            results = sum(1 for _ in one.scan(objects))
        seconds = time.perf_counter() - started
    assert results == len(docs)
    return {
        "documents": len(docs),
        "words": words,
        "seconds": seconds,
        "words_per_s": words / seconds,
    }


def ner_only_speed(pipeline_dir: Path, texts: list[str]) -> float:
    import datawacht.detect.nlp  # noqa: F401  (registers the lemma component)

    nlp = spacy.load(pipeline_dir)
    words = sum(len(t.split()) for t in texts)
    started = time.perf_counter()
    for _ in nlp.pipe(texts, batch_size=64):
        pass
    return words / (time.perf_counter() - started)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=REPO / "models" / "corpus")
    parser.add_argument("--docs", type=int, default=400, help="independent admin documents")
    parser.add_argument("--json", type=Path, help="write the figures here")
    args = parser.parse_args()

    if not (args.corpus / "eval_wikiann_test.spacy").exists():
        subprocess.run(
            [sys.executable, str(REPO / "models" / "prepare_data.py"), "--out", str(args.corpus)],
            check=True,
        )
    detector = build_detector()
    sets = {
        "corpus split (WikiANN test, dedup)": load_eval_set(args.corpus, "eval_wikiann_test"),
        "admin, model's held-out templates": load_eval_set(args.corpus, "eval_admin_heldout"),
        "admin, independent templates": independent_set(args.docs, seed=2024),
    }
    results = {name: evaluate(detector, texts) for name, texts in sets.items()}

    from datawacht.detect.nlp import SHIPPED_PIPELINE

    prose = [text for texts in sets.values() for text, _ in texts]
    ner_speed = ner_only_speed(SHIPPED_PIPELINE, prose)
    scan = pipeline_speed(documents(sets))

    print(f"{'PERSON':<38} {'exact P / R / F1':>20} {'overlap P / R / F1':>20} {'words/s':>9}")
    for name, result in results.items():
        e, o = result["exact"], result["overlap"]
        print(
            f"{name:<38} {e['precision']:.3f} / {e['recall']:.3f} / {e['f1']:.3f}"
            f"   {o['precision']:.3f} / {o['recall']:.3f} / {o['f1']:.3f}"
            f" {result['words_per_s']:>9.0f}"
        )
    total_words = sum(r["words"] for r in results.values())
    total_seconds = sum(r["seconds"] for r in results.values())
    print(f"detection, one text per call, one core: {total_words / total_seconds:,.0f} words/s")
    print(
        f"scan pipeline over {scan['documents']:,} documents, one core: "
        f"{scan['words_per_s']:,.0f} words/s"
    )
    print(f"NER pipeline alone (nlp.pipe), one core: {ner_speed:,.0f} words/s")
    if args.json:
        figures = {
            "sets": results,
            "words_per_s_one_text_per_call": total_words / total_seconds,
            "scan_pipeline": scan,
            "words_per_s_ner_only": ner_speed,
        }
        args.json.write_text(json.dumps(figures, indent=2), encoding="utf-8")


if __name__ == "__main__":
    main()
