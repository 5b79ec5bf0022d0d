"""Write the fictitious sample share in ``examples/`` (run once; the files are committed).

Why: the README quick start needs a few files a newcomer can scan right
away and open to see what datawacht found.  They are built with the same
generators as the test share (``tests/sharegen.py``: Faker ``nl_NL`` for
names and streets, check digits computed and verified with python-stdnum
and phonenumbers), so every value is fictitious and the expected findings
are known.  ``examples/README.md`` is written from that ground truth, so it
lists counts per file and type but never a value.

Run: ``python benchmarks/make_examples.py`` (``--out DIR`` to write elsewhere).
Only the files listed in ``EXAMPLES`` are (re)written; other files in the
folder are left alone.
"""

from __future__ import annotations

import argparse
import importlib.util
import sys
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType
from typing import Any

REPO = Path(__file__).resolve().parents[1]
SEED = 2025
BANNER = "FICTIEF VOORBEELD - alle gegevens in dit bestand zijn gegenereerd"


def load_sharegen() -> ModuleType:
    if "sharegen" in sys.modules:
        return sys.modules["sharegen"]
    spec = importlib.util.spec_from_file_location("sharegen", REPO / "tests" / "sharegen.py")
    if spec is None or spec.loader is None:
        raise ImportError("tests/sharegen.py not found")
    module = importlib.util.module_from_spec(spec)
    sys.modules["sharegen"] = module
    spec.loader.exec_module(module)
    return module


@dataclass
class Example:
    name: str
    description: str
    data: bytes
    objects: dict[str, Any]  # object path -> ObjectTruth


def _letter(sg: ModuleType, values: Any, kind: str, theme: int, table: bool = False) -> Any:
    doc = sg.letter_doc(values, kind, use_table=table, theme=theme, extra_types=())
    doc.paragraphs[0:0] = [BANNER, ""]
    doc.table_at += 2 if doc.table else 0
    return doc


def build_examples(sg: ModuleType) -> list[Example]:
    """The sample files, in a fixed order so the seed gives the same values."""
    values = sg.Values(SEED)
    out: list[Example] = []

    doc = _letter(sg, values, "letter_txt", theme=0)
    out.append(
        Example(
            "brief_bijstand.txt",
            "letter (plain text): decision on a benefit application",
            sg.write_txt(doc),
            {"brief_bijstand.txt": doc.truth},
        )
    )
    doc = _letter(sg, values, "letter_docx", theme=1, table=True)
    out.append(
        Example(
            "brief_parkeren.docx",
            "letter (Word): parking fine, details in a table",
            sg.write_docx(doc),
            {"brief_parkeren.docx": doc.truth},
        )
    )
    doc = _letter(sg, values, "letter_odt", theme=2)
    out.append(
        Example(
            "brief_zorg.odt",
            "letter (OpenDocument text): home-care application",
            sg.write_odt(doc),
            {"brief_zorg.odt": doc.truth},
        )
    )
    doc = _letter(sg, values, "letter_pdf", theme=3)
    out.append(
        Example(
            "brief_betaling.pdf",
            "letter (PDF): failed card payment",
            sg.write_pdf(doc),
            {"brief_betaling.pdf": doc.truth},
        )
    )

    table = sg.register_table(values, "register_csv", 30)
    out.append(
        Example(
            "register_extract.csv",
            "register extract, `;`-separated, 30 rows "
            "(bsn;naam;geboortedatum;iban;telefoon;email;straat;huisnummer;"
            "postcode;woonplaats)",
            sg.write_csv(table),
            {"register_extract.csv": table.truth},
        )
    )
    table = sg.sheet_table(values, "sheet_xlsx", 12)
    out.append(
        Example(
            "clienten.xlsx",
            "spreadsheet, 12 clients: BSN stored as a number, date of birth as a date cell",
            sg.write_xlsx(table),
            {"clienten.xlsx": table.truth},
        )
    )
    mail = sg.mail_message(values)
    out.append(
        Example(
            "bericht_dossier.eml",
            "e-mail with a quoted reply and a signature with telephone numbers",
            bytes(mail.message),
            {"bericht_dossier.eml": mail.truth},
        )
    )

    letter = _letter(sg, values, "archive_member_txt", theme=4)
    table = sg.register_table(values, "archive_member_csv", 8)
    data = sg.write_zip(
        [("brief_incident.txt", sg.write_txt(letter)), ("extract.csv", sg.write_csv(table))]
    )
    out.append(
        Example(
            "bijlagen.zip",
            "zip archive",
            data,
            {
                "bijlagen.zip!/brief_incident.txt": letter.truth,
                "bijlagen.zip!/extract.csv": table.truth,
            },
        )
    )

    doc = sg.news_doc(values, "clean_news")
    out.append(
        Example(
            "nieuwsbericht.txt",
            "public news item without personal data; it "
            "holds look-alikes (years before words, dates, a version number) "
            "that must not be reported",
            sg.write_txt(doc),
            {"nieuwsbericht.txt": doc.truth},
        )
    )
    return out


def readme(examples: list[Example]) -> str:
    """examples/README.md: what each file is and how many values of each type it holds."""
    short = {
        "NL_BSN": "BSN",
        "IBAN_CODE": "IBAN",
        "PHONE_NUMBER": "phone",
        "EMAIL_ADDRESS": "e-mail",
        "NL_POSTCODE": "postcode",
        "DATE_OF_BIRTH": "DOB",
        "NL_LICENSE_PLATE": "kenteken",
        "CREDIT_CARD": "card",
        "IP_ADDRESS": "IP",
    }
    lines = [
        "# Sample share (fictitious)",
        "",
        "Every name, number and address in this folder is **generated and fictitious**;",
        "nothing was taken from a real record. Names, streets and towns come from Faker",
        "`nl_NL`. BSNs, IBANs (with made-up bank codes), card numbers, kentekens, postcodes,",
        "telephone numbers and IP addresses are drawn at random, with their check digits",
        "computed here and verified with python-stdnum and phonenumbers. E-mail addresses",
        "use the reserved `example.com/.org/.net` domains. Because kentekens, telephone",
        "numbers and IP addresses are drawn from the valid ranges, one may by chance exist:",
        "do not call, look up or contact them. Each letter starts with the line",
        "`FICTIEF VOORBEELD`. Other files in this folder (such as an example configuration)",
        "are not part of the sample.",
        "",
        "Scan it with `datawacht scan examples/`. The table lists what a correct scan reports",
        "per object (distinct values per entity type of the `--format jsonl` output); names",
        "appear in the text but are not counted here.",
        "",
        "| file | what it is | " + " | ".join(short.values()) + " |",
        "|---|---|" + "---:|" * len(short),
    ]
    members = {
        "bijlagen.zip!/brief_incident.txt": "letter inside the archive",
        "bijlagen.zip!/extract.csv": "register extract inside the archive",
    }
    for ex in examples:
        for path, truth in ex.objects.items():
            counts = Counter(t for t, _ in truth.expected)
            cells = " | ".join(str(counts.get(t, 0) or "") for t in short)
            lines.append(f"| `{path}` | {members.get(path, ex.description)} | {cells} |")
    lines += [
        "",
        "`bijlagen.zip` (a zip holding a letter about a security incident and a register",
        "extract) appears as its two members, `bijlagen.zip!/…`. `nieuwsbericht.txt` must",
        f"yield no findings at all. {_total_note(examples)}",
        "",
        "## Regenerate",
        "",
        "```sh",
        "python benchmarks/make_examples.py",
        "```",
        "",
        f"The script is seeded (seed {SEED}) and uses the generators of `tests/sharegen.py`,",
        "the same ones behind the end-to-end test and `benchmarks/bench_scan.py`. It",
        "rewrites only the files listed above and this README.",
        "",
    ]
    return "\n".join(lines)


def _total_note(examples: list[Example]) -> str:
    total = sum(len(t.expected) for ex in examples for t in ex.objects.values())
    return f"In total a correct scan reports {total} findings (one per value per object)."


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Write the fictitious sample share.")
    parser.add_argument("--out", type=Path, default=REPO / "examples")
    args = parser.parse_args(argv)
    sg = load_sharegen()
    examples = build_examples(sg)
    args.out.mkdir(parents=True, exist_ok=True)
    for ex in examples:
        (args.out / ex.name).write_bytes(ex.data)
    (args.out / "README.md").write_text(readme(examples), encoding="utf-8")
    size = sum(len(ex.data) for ex in examples)
    print(f"wrote {len(examples)} sample files ({size / 1024:.0f} KB) and README.md to {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
