"""Train datawacht's Dutch NER and ship it: prepare -> train -> assemble -> evaluate.

    python models/train.py                    # the whole recipe, about 20-25 minutes
    python models/train.py --budget-minutes 5 --no-ship   # a quick trial run

1. ``prepare_data.build`` writes the DocBins to ``models/corpus/`` (git-ignored).
2. spaCy trains ``models/config.cfg`` (blank nl, CNN tok2vec + ner, seed 13) to
   ``models/training/`` (git-ignored).  ``training.max_steps`` ends a normal run;
   a wall-clock budget (default 24 minutes of training) is only a safety net on
   a slow machine: it stops after the step that crosses it and keeps the best
   checkpoint so far (``metrics.json`` then says ``stopped_by_budget``).
3. ``build_pipeline.assemble`` adds ``datawacht_lower_lemma`` to model-best and
   writes ``src/datawacht/detect/model/nl_datawacht``.
4. ``evaluate`` scores the shipped pipeline on the held-out sets, measures
   words/s on one core and writes ``models/metrics.json``.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import sys
import time
from pathlib import Path

import spacy
from spacy.training.initialize import init_nlp
from spacy.training.loop import train as spacy_train
from spacy.util import load_config, registry

sys.path.insert(0, str(Path(__file__).resolve().parent))
import build_pipeline  # noqa: E402
import evaluate  # noqa: E402
import prepare_data  # noqa: E402

from datawacht.detect.nlp import SHIPPED_PIPELINE  # noqa: E402

MODELS = Path(__file__).resolve().parent
CONFIG = MODELS / "config.cfg"
TRAINING = MODELS / "training"
METRICS = MODELS / "metrics.json"


class TimeBudgetError(Exception):
    pass


@registry.callbacks("datawacht.time_budget.v1")
def time_budget(minutes: float):
    """`before_update` callback that stops training once `minutes` have passed."""
    start = time.monotonic()

    def check(nlp, info):  # noqa: ANN001
        if info["step"] % 400 == 0:
            print(f"   step {info['step']} at {time.monotonic() - start:.0f} s", flush=True)
        if time.monotonic() - start > minutes * 60:
            raise TimeBudgetError(f"step {info['step']}, epoch {info['epoch']}")

    return check


def train(corpus: Path, budget_minutes: float, max_steps: int | None) -> dict:
    overrides = {
        "paths.train": str(corpus / "train.spacy"),
        "paths.dev": str(corpus / "dev.spacy"),
    }
    if max_steps:
        overrides["training.max_steps"] = max_steps
    config = load_config(CONFIG, overrides=overrides, interpolate=False)
    config["training"]["before_update"] = {
        "@callbacks": "datawacht.time_budget.v1",
        "minutes": budget_minutes,
    }
    if TRAINING.exists():
        shutil.rmtree(TRAINING)
    TRAINING.mkdir(parents=True)
    t0 = time.monotonic()
    nlp = init_nlp(config)
    stopped_by_budget = None
    try:
        spacy_train(nlp, TRAINING, stdout=sys.stdout, stderr=sys.stderr)
    except TimeBudgetError as e:
        stopped_by_budget = str(e)
        print(f"time budget reached at {e}; keeping model-best", flush=True)
    seconds = time.monotonic() - t0
    meta = json.loads((TRAINING / "model-best" / "meta.json").read_text())
    return {
        "train_seconds": round(seconds),
        "max_steps": int(config["training"]["max_steps"]),
        "budget_minutes": budget_minutes,
        "stopped_by_budget": stopped_by_budget,
        "best_dev_scores": meta.get("performance", {}),
    }


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--data", type=Path, default=prepare_data.DEFAULT_DATA)
    ap.add_argument("--corpus", type=Path, default=prepare_data.DEFAULT_OUT)
    ap.add_argument("--budget-minutes", type=float, default=24.0)
    ap.add_argument("--max-steps", type=int, default=None, help="override training.max_steps")
    ap.add_argument("--no-ship", action="store_true", help="train and evaluate model-best only")
    args = ap.parse_args()

    t_start = time.monotonic()
    print("== prepare", flush=True)
    data_stats = prepare_data.build(args.data, args.corpus)
    t_prepared = time.monotonic()

    print("== train", flush=True)
    training = train(args.corpus, args.budget_minutes, args.max_steps)

    target = SHIPPED_PIPELINE
    if args.no_ship:
        target = TRAINING / "assembled"
    print(f"== assemble -> {target}", flush=True)
    build_pipeline.assemble(TRAINING / "model-best", target)

    print("== evaluate", flush=True)
    metrics = {
        "pipeline": str(target.relative_to(build_pipeline.REPO))
        if target.is_relative_to(build_pipeline.REPO)
        else str(target),
        "spacy": spacy.__version__,
        "python": platform.python_version(),
        "cpu_count": os.cpu_count(),
        "data": data_stats,
        "training": training,
        "evaluation": evaluate.evaluate(target, args.corpus),
        "speed_one_core": evaluate.speed(target, args.corpus),
        "size_bytes": evaluate.pipeline_size(target),
    }
    metrics["wall_seconds"] = {
        "prepare": round(t_prepared - t_start),
        "train": training["train_seconds"],
        "total": round(time.monotonic() - t_start),
    }
    out = METRICS if not args.no_ship else TRAINING / "metrics.json"
    out.write_text(json.dumps(metrics, indent=2, ensure_ascii=False) + "\n")
    print(evaluate.markdown(metrics))
    print(json.dumps({k: metrics[k] for k in ("speed_one_core", "size_bytes", "wall_seconds")}))
    print(f"wrote {out}")


if __name__ == "__main__":
    main()
