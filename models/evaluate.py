"""Evaluate a Dutch pipeline on the held-out sets and measure its speed on one core.

    python models/evaluate.py [--pipeline DIR] [--corpus models/corpus] [--json OUT]

Sets (written by models/prepare_data.py, never trained on):

- ``wikiann_test_dedup``: WikiANN-nl test, minus sentences also in train/val;
- ``admin_heldout``: generated administrative documents from the held-out
  templates, names, cities, streets and diseases;
- ``lassy_entity_free``: LassySmall *test* sentences without a proper noun;
  every predicted entity there is a false positive (reported per 1,000 words).

Scores are exact-span P/R/F1 per label (spaCy's scorer), after the pipeline's
own tokenizer has run on the raw text.  Speed: ``nlp.pipe`` over the held-out
texts in a child process pinned to one CPU with all BLAS/OpenMP pools at one
thread; words are non-space tokens.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import time
from pathlib import Path

import spacy
from spacy.tokens import DocBin
from spacy.training import Example

import datawacht.detect.nlp  # noqa: F401  (registers datawacht_lower_lemma)
from datawacht.detect.nlp import SHIPPED_PIPELINE

REPO = Path(__file__).resolve().parent.parent
DEFAULT_CORPUS = REPO / "models" / "corpus"
LABELS = ("PER", "LOC", "ORG")
EVAL_SETS = {
    "wikiann_test_dedup": "eval_wikiann_test.spacy",
    "admin_heldout": "eval_admin_heldout.spacy",
}


def _docs(nlp: spacy.Language, path: Path) -> list:
    return list(DocBin().from_disk(path).get_docs(nlp.vocab))


def score_set(nlp: spacy.Language, path: Path) -> dict:
    refs = _docs(nlp, path)
    examples = [Example(nlp.make_doc(ref.text), ref) for ref in refs]
    scores = nlp.evaluate(examples)
    per_type = scores.get("ents_per_type") or {}
    out = {
        "documents": len(refs),
        "overall": {k: round(scores[f"ents_{k}"], 4) for k in ("p", "r", "f")},
    }
    for label in LABELS:
        s = per_type.get(label, {"p": 0.0, "r": 0.0, "f": 0.0})
        gold = sum(1 for d in refs for e in d.ents if e.label_ == label)
        out[label] = {k: round(s[k], 4) for k in ("p", "r", "f")} | {"gold": gold}
    return out


def false_positives(nlp: spacy.Language, path: Path) -> dict:
    refs = _docs(nlp, path)
    words = 0
    found: dict[str, int] = dict.fromkeys(LABELS, 0)
    examples = []
    for doc in nlp.pipe(ref.text for ref in refs):
        words += sum(1 for t in doc if not t.is_space)
        for e in doc.ents:
            found[e.label_] = found.get(e.label_, 0) + 1
            if len(examples) < 15:
                examples.append(f"{e.text} ({e.label_})")
    total = sum(found.values())
    return {
        "sentences": len(refs),
        "words": words,
        "predicted_entities": found,
        "false_positives_per_1000_words": round(1000 * total / max(words, 1), 2),
        "examples": examples,
    }


def evaluate(pipeline: Path, corpus: Path) -> dict:
    nlp = spacy.load(pipeline)
    result = {name: score_set(nlp, corpus / file) for name, file in EVAL_SETS.items()}
    result["lassy_entity_free"] = false_positives(nlp, corpus / "eval_lassy_entity_free.spacy")
    return result


# ---- speed ---------------------------------------------------------------------

_SPEED_CHILD = r"""
import json, sys, time
import spacy
from spacy.tokens import DocBin
import datawacht.detect.nlp  # registers the lemma component
nlp = spacy.load(sys.argv[1])
texts = []
for f in sys.argv[2:]:
    texts += [d.text for d in DocBin().from_disk(f).get_docs(nlp.vocab)]
list(nlp.pipe(texts[:200]))  # warm up
best = 0.0
for _ in range(3):
    t0 = time.perf_counter()
    words = sum(sum(1 for t in d if not t.is_space) for d in nlp.pipe(texts, batch_size=256))
    best = max(best, words / (time.perf_counter() - t0))
print(json.dumps({"words": words, "texts": len(texts), "words_per_second": round(best)}))
"""


def speed(pipeline: Path, corpus: Path) -> dict:
    env = dict(os.environ)
    for var in (
        "OMP_NUM_THREADS",
        "OPENBLAS_NUM_THREADS",
        "MKL_NUM_THREADS",
        "BLIS_NUM_THREADS",
        "NUMEXPR_NUM_THREADS",
    ):
        env[var] = "1"
    files = [str(corpus / f) for f in EVAL_SETS.values()]
    cmd = [sys.executable, "-c", _SPEED_CHILD, str(pipeline), *files]
    pinned = False
    if hasattr(os, "sched_getaffinity") and shutil_which("taskset"):
        cpu = sorted(os.sched_getaffinity(0))[0]
        cmd = ["taskset", "-c", str(cpu), *cmd]
        pinned = True
    out = subprocess.run(cmd, env=env, check=True, capture_output=True, text=True).stdout
    result = json.loads(out.strip().splitlines()[-1])
    result["pinned_to_one_cpu"] = pinned
    result["threads"] = 1
    return result


def shutil_which(name: str) -> str | None:
    from shutil import which

    return which(name)


def pipeline_size(pipeline: Path) -> int:
    return sum(p.stat().st_size for p in pipeline.rglob("*") if p.is_file())


def markdown(metrics: dict) -> str:
    lines = []
    for name in EVAL_SETS:
        m = metrics["evaluation"][name]
        lines += [
            f"**{name}** ({m['documents']} documents)",
            "",
            "| label | P | R | F1 | gold spans |",
            "|---|---|---|---|---|",
        ]
        for label in LABELS:
            s = m[label]
            lines.append(f"| {label} | {s['p']:.3f} | {s['r']:.3f} | {s['f']:.3f} | {s['gold']} |")
        o = m["overall"]
        lines += [f"| all | {o['p']:.3f} | {o['r']:.3f} | {o['f']:.3f} | |", ""]
    return "\n".join(lines)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--pipeline", type=Path, default=SHIPPED_PIPELINE)
    ap.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    ap.add_argument("--json", type=Path, default=None, help="write the results here")
    ap.add_argument("--no-speed", action="store_true")
    args = ap.parse_args()
    t0 = time.time()
    result = {"evaluation": evaluate(args.pipeline, args.corpus)}
    if not args.no_speed:
        result["speed_one_core"] = speed(args.pipeline, args.corpus)
    result["size_bytes"] = pipeline_size(args.pipeline)
    print(json.dumps(result, indent=2, ensure_ascii=False))
    print(markdown(result))
    print(f"({time.time() - t0:.0f} s)")
    if args.json:
        args.json.write_text(json.dumps(result, indent=2, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    main()
