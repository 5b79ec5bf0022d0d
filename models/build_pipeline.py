"""Write the shipped Dutch spaCy pipeline into the package.

    python models/build_pipeline.py                       # from models/training/model-best
    python models/build_pipeline.py --from DIR            # from another trained pipeline
    python models/build_pipeline.py --blank               # tokenizer + lemma only, no NER

`models/train.py` calls `assemble()` after training.  The trained pipeline
(tok2vec + ner) gets datawacht's `datawacht_lower_lemma` component appended,
its meta filled in (name, licence, sources, labels) and its config cleaned of
training-only settings, and is written to
`src/datawacht/detect/model/nl_datawacht`, which is package data and is
committed: installations never build, train or download anything.
"""

from __future__ import annotations

import argparse
import json
import shutil
from pathlib import Path

import spacy
from thinc.api import Config

import datawacht.detect.nlp  # noqa: F401  (registers datawacht_lower_lemma)
from datawacht.detect.nlp import SHIPPED_PIPELINE, build_blank_pipeline

REPO = Path(__file__).resolve().parent.parent
DEFAULT_TRAINED = REPO / "models" / "training" / "model-best"

LICENSE = "CC BY-SA 4.0"
SOURCES = [
    {
        "name": "WikiANN (PAN-X) Dutch, Rahimi et al. (2019) splits",
        "url": "https://github.com/afshinrahimi/mmner",
        "license": "text: Dutch Wikipedia, CC BY-SA; tags: Pan et al. (2017)",
        "author": "Wikipedia contributors; Pan, Zhang, May, Nothman, Knight, Ji (2017); "
        "Rahimi, Li, Cohn (2019)",
    },
    {
        "name": "UD Dutch LassySmall (dev split)",
        "url": "https://github.com/UniversalDependencies/UD_Dutch-LassySmall",
        "license": "CC BY-SA 4.0",
        "author": "Gosse Bouma, Gertjan van Noord",
    },
    {
        "name": "Generated Dutch administrative text (models/templates.py, Faker nl_NL)",
        "license": "generated; Faker is MIT",
        "author": "datawacht",
    },
]


def _clean_config(path: Path) -> None:
    """Drop training-run settings (corpus paths, time budget) from the shipped config."""
    cfg = Config().from_disk(path / "config.cfg", interpolate=False)
    for key in ("train", "dev"):
        cfg["paths"][key] = None
    cfg["training"]["before_update"] = None
    cfg.to_disk(path / "config.cfg")


def assemble(trained: Path, destination: Path = SHIPPED_PIPELINE) -> Path:
    nlp = spacy.load(trained)
    if "datawacht_lower_lemma" not in nlp.pipe_names:
        nlp.add_pipe("datawacht_lower_lemma", last=True)
    nlp.meta.update(
        {
            "name": "datawacht",
            "version": "1.0.0",
            "description": "Dutch tokenizer, CNN NER (PER, LOC, ORG) trained on WikiANN-nl, "
            "LassySmall and generated administrative text; lower-case lemmas.",
            "license": LICENSE,
            "author": "datawacht",
            "sources": SOURCES,
        }
    )
    nlp.meta.pop("performance", None)  # dev scores of the run; metrics.json has the real ones
    if destination.exists():
        shutil.rmtree(destination)
    destination.parent.mkdir(parents=True, exist_ok=True)
    nlp.to_disk(destination)
    _clean_config(destination)
    return destination


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--from", dest="trained", type=Path, default=DEFAULT_TRAINED)
    ap.add_argument("--blank", action="store_true", help="no NER: tokenizer + lemma only")
    ap.add_argument("--to", type=Path, default=SHIPPED_PIPELINE)
    args = ap.parse_args()
    if args.blank:
        if args.to.exists():
            shutil.rmtree(args.to)
        args.to.parent.mkdir(parents=True, exist_ok=True)
        build_blank_pipeline(args.to)
    else:
        assemble(args.trained, args.to)
    meta = json.loads((args.to / "meta.json").read_text())
    print(f"wrote {args.to} ({meta.get('pipeline')})")


if __name__ == "__main__":
    main()
