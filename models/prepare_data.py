"""Build the NER training, dev and evaluation corpora as spaCy DocBins.

    python models/prepare_data.py [--data ../shared/data/ner] [--out models/corpus]

Sources (see models/README.md for licences):

- WikiANN-nl (Rahimi et al. splits): train + most of val for training;
  2,000 val sentences for dev; the test split, minus every sentence that also
  occurs in train or val (16 % do), for evaluation.
- UD Dutch LassySmall: the *dev* file is trained on, the *test* file is held
  out.  Sentences without a proper noun are fully "outside" (no entity);
  in sentences with proper nouns only the proper-noun tokens are left
  unannotated (missing), so the model still learns that the rest is O.
- Generated administrative documents (models/templates.py): training
  templates for train and dev, held-out templates for evaluation.
- Europeana-nl is NOT used (see README: untagged names, OCR noise).

Everything is seeded; the same inputs give byte-identical DocBins.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from pathlib import Path

import spacy
from spacy.tokens import Doc, DocBin, Span

sys.path.insert(0, str(Path(__file__).resolve().parent))
from templates import generate  # noqa: E402

REPO = Path(__file__).resolve().parent.parent
DEFAULT_DATA = REPO.parent / "shared" / "data" / "ner"
DEFAULT_OUT = REPO / "models" / "corpus"
LABELS = ("PER", "LOC", "ORG")

SEED = 13
N_WIKI_DEV = 2000
N_ADMIN_TRAIN = 7000
N_ADMIN_DEV = 600
N_ADMIN_HELDOUT = 1500

_NO_SPACE_BEFORE = {".", ",", ":", ";", "!", "?", ")", "]", "}", "%", "'s"}
_NO_SPACE_AFTER = {"(", "[", "{"}


def read_wikiann(path: Path) -> list[tuple[list[str], list[str]]]:
    sents, words, tags = [], [], []
    for line in path.read_text(encoding="utf8").splitlines():
        if not line.strip():
            if words:
                sents.append((words, tags))
                words, tags = [], []
            continue
        _, word, tag = line.split("\t")
        words.append(word)
        tags.append(tag)
    if words:
        sents.append((words, tags))
    return sents


def read_conllu(path: Path) -> list[list[list[str]]]:
    sents, cur = [], []
    for line in path.read_text(encoding="utf8").splitlines():
        if not line.strip():
            if cur:
                sents.append(cur)
                cur = []
        elif not line.startswith("#"):
            cols = line.split("\t")
            if "-" not in cols[0] and "." not in cols[0]:
                cur.append(cols)
    if cur:
        sents.append(cur)
    return sents


def _spaces(words: list[str]) -> list[bool]:
    """Plausible spacing for a tokenised sentence (no space before , . etc.)."""
    out = []
    for i, w in enumerate(words):
        nxt = words[i + 1] if i + 1 < len(words) else None
        out.append(nxt is not None and nxt not in _NO_SPACE_BEFORE and w not in _NO_SPACE_AFTER)
    return out


def wiki_doc(nlp: spacy.Language, words: list[str], tags: list[str]) -> Doc:
    doc = Doc(nlp.vocab, words=words, spaces=_spaces(words))
    ents, start, label = [], None, None
    for i, tag in enumerate([*tags, "O"]):
        if start is not None and not tag.startswith("I-"):
            ents.append(Span(doc, start, i, label))
            start = None
        if tag.startswith("B-") or (tag.startswith("I-") and start is None):
            start, label = i, tag[2:]
    doc.set_ents(ents, default="outside")
    return doc


def lassy_doc(nlp: spacy.Language, sent: list[list[str]]) -> tuple[Doc, bool]:
    """A Doc with all tokens O except proper nouns (missing); and whether it has any."""
    words = [c[1] for c in sent]
    spaces = ["SpaceAfter=No" not in c[9] for c in sent]
    spaces[-1] = False
    doc = Doc(nlp.vocab, words=words, spaces=spaces)
    propn = [i for i, c in enumerate(sent) if c[3] == "PROPN" or "eigen" in c[4]]
    missing = [Span(doc, i, i + 1) for i in propn]
    doc.set_ents([], missing=missing, default="outside")
    return doc, bool(propn)


def admin_docs(nlp: spacy.Language, n: int, seed: int, heldout: bool) -> list[Doc]:
    docs = []
    for text, spans, kind in generate(n, seed, heldout):
        doc = nlp.make_doc(text)
        ents = []
        for start, end, label in spans:
            span = doc.char_span(start, end, label, alignment_mode="expand")
            if span is not None:
                ents.append(span)
        doc.set_ents(spacy.util.filter_spans(ents), default="outside")
        doc.user_data["kind"] = kind
        docs.append(doc)
    return docs


def _key(words: list[str]) -> tuple[str, ...]:
    return tuple(words)


def build(data: Path, out: Path) -> dict:
    nlp = spacy.blank("nl")
    rng = random.Random(SEED)
    out.mkdir(parents=True, exist_ok=True)
    stats: dict = {}

    # ---- WikiANN ----------------------------------------------------------
    w_train = read_wikiann(data / "wikiann_nl" / "nl.train.conllu")
    w_val = read_wikiann(data / "wikiann_nl" / "nl.val.conllu")
    w_test = read_wikiann(data / "wikiann_nl" / "nl.test.conllu")
    test_keys = {_key(w) for w, _ in w_test}

    seen: set[tuple[str, ...]] = set()
    train_pool = []
    dropped_lists = 0
    for words, tags in w_train + w_val:
        k = _key(words)
        if k in seen:
            continue
        if words[:2] == ["Lijst", "van"] and tags[0] != "O":
            # "Lijst van graven van Évreux" tagged PER/LOC/ORG at random: noise
            dropped_lists += 1
            seen.add(k)
            continue
        seen.add(k)
        train_pool.append((words, tags))
    # dev: val sentences that occur neither in train nor in test
    train_keys = {_key(w) for w, _ in w_train}
    dev_candidates = [
        s for s in train_pool if _key(s[0]) not in train_keys and _key(s[0]) not in test_keys
    ]
    rng.shuffle(dev_candidates)
    dev = dev_candidates[:N_WIKI_DEV]
    dev_keys = {_key(w) for w, _ in dev}
    wiki_train = [s for s in train_pool if _key(s[0]) not in dev_keys]
    # evaluation: test sentences that never occur in train, val or dev (deduplicated)
    test_seen: set[tuple[str, ...]] = set()
    wiki_test = []
    for words, tags in w_test:
        k = _key(words)
        if k in seen or k in test_seen:
            continue
        test_seen.add(k)
        wiki_test.append((words, tags))
    stats["wikiann"] = {
        "train_sentences_raw": len(w_train),
        "val_sentences_raw": len(w_val),
        "test_sentences_raw": len(w_test),
        "train_sentences": len(wiki_train),
        "train_dropped_lijst_van_titles": dropped_lists,
        "dev_sentences": len(dev),
        "test_sentences_dedup": len(wiki_test),
        "test_sentences_removed_as_seen_in_train_or_val": len(w_test) - len(wiki_test),
        "train_tokens": sum(len(w) for w, _ in wiki_train),
        "test_tokens": sum(len(w) for w, _ in wiki_test),
    }

    # ---- LassySmall ---------------------------------------------------------
    l_dev = read_conllu(data / "lassysmall_ud" / "nl_lassysmall-ud-dev.conllu")
    l_test = read_conllu(data / "lassysmall_ud" / "nl_lassysmall-ud-test.conllu")
    lassy_train, n_free = [], 0
    for sent in l_dev:
        doc, has_propn = lassy_doc(nlp, sent)
        lassy_train.append(doc)
        n_free += not has_propn
    lassy_eval = []
    for sent in l_test:
        doc, has_propn = lassy_doc(nlp, sent)
        if not has_propn:
            lassy_eval.append(doc)
    stats["lassysmall"] = {
        "train_sentences": len(lassy_train),
        "train_sentences_entity_free": n_free,
        "train_sentences_partial": len(lassy_train) - n_free,
        "train_tokens": sum(len(d) for d in lassy_train),
        "heldout_entity_free_sentences": len(lassy_eval),
        "heldout_tokens": sum(len(d) for d in lassy_eval),
    }

    # ---- generated administrative text --------------------------------------
    admin_train = admin_docs(nlp, N_ADMIN_TRAIN, SEED, heldout=False)
    admin_dev = admin_docs(nlp, N_ADMIN_DEV, SEED + 1, heldout=False)
    admin_heldout = admin_docs(nlp, N_ADMIN_HELDOUT, SEED + 2, heldout=True)
    stats["generated_admin"] = {
        "train_documents": len(admin_train),
        "train_tokens": sum(len(d) for d in admin_train),
        "dev_documents": len(admin_dev),
        "heldout_documents": len(admin_heldout),
        "heldout_tokens": sum(len(d) for d in admin_heldout),
        "heldout_entities": _count(admin_heldout),
        "train_entities": _count(admin_train),
    }

    # ---- write ---------------------------------------------------------------
    wiki_train_docs = [wiki_doc(nlp, w, t) for w, t in wiki_train]
    train_docs = wiki_train_docs + lassy_train + admin_train
    rng.shuffle(train_docs)
    dev_docs = [wiki_doc(nlp, w, t) for w, t in dev] + admin_dev
    sets = {
        "train": train_docs,
        "dev": dev_docs,
        "eval_wikiann_test": [wiki_doc(nlp, w, t) for w, t in wiki_test],
        "eval_admin_heldout": admin_heldout,
        "eval_lassy_entity_free": lassy_eval,
    }
    for name, docs in sets.items():
        DocBin(docs=docs, store_user_data=True).to_disk(out / f"{name}.spacy")
    stats["files"] = {name: len(docs) for name, docs in sets.items()}
    (out / "stats.json").write_text(json.dumps(stats, indent=2) + "\n")
    return stats


def _count(docs: list[Doc]) -> dict[str, int]:
    counts = dict.fromkeys(LABELS, 0)
    for d in docs:
        for e in d.ents:
            counts[e.label_] += 1
    return counts


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--data", type=Path, default=DEFAULT_DATA, help="folder with the corpora")
    ap.add_argument("--out", type=Path, default=DEFAULT_OUT, help="output folder (git-ignored)")
    args = ap.parse_args(argv)
    stats = build(args.data, args.out)
    print(json.dumps(stats, indent=2))


if __name__ == "__main__":
    main()
