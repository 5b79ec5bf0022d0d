"""Write the shipped Dutch spaCy pipeline into the package.

Until the Dutch NLP issue adds a trained NER, the pipeline is spaCy's Dutch
tokenizer plus datawacht's lower-case lemma component (see
`datawacht.detect.nlp`).  Run from the repository root:

    python models/build_pipeline.py

The output directory is package data (`src/datawacht/detect/model/nl_datawacht`)
and is committed, so installations never build or download anything.
"""

from __future__ import annotations

import shutil

from datawacht.detect.nlp import SHIPPED_PIPELINE, build_blank_pipeline


def main() -> None:
    if SHIPPED_PIPELINE.exists():
        shutil.rmtree(SHIPPED_PIPELINE)
    SHIPPED_PIPELINE.parent.mkdir(parents=True, exist_ok=True)
    build_blank_pipeline(SHIPPED_PIPELINE)
    print(f"wrote {SHIPPED_PIPELINE}")


if __name__ == "__main__":
    main()
