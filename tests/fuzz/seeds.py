"""Small, valid, fictitious seed documents: one or more for every extractor kind.

The fuzz tests mutate these bytes, so each seed is built to reach deep into
its parser: several parts, tables, attributes, escapes, nested containers.
Values come from Faker ``nl_NL`` (seeded) and from check-digit generators
(`support.values`); e-mail addresses use ``example.nl`` and bank accounts the
bank code ``TEST``.  Nothing here is real.

`SECRETS` holds the personal-looking values that the seeds contain; an error
raised while extracting a mutated seed must never carry one of them.
"""

from __future__ import annotations

import datetime as dt
import io
import json
import random
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache

from faker import Faker

from support.values import make_bsn, make_iban
from unit.extract.helpers import make_eml, make_msg

FIXED_TIME = dt.datetime(2025, 3, 1, 12, 0, 0)


@dataclass(frozen=True)
class Person:
    """One fictitious person; every field is distinctive enough to search for."""

    first: str
    last: str
    street: str
    city: str
    bsn: str
    iban: str
    email: str
    phone: str
    born: str

    @property
    def name(self) -> str:
        return f"{self.first} {self.last}"

    def secrets(self) -> list[str]:
        """The values an error detail must never contain (short words left out:
        a four-letter surname could occur in a parser's message by chance)."""
        values = [self.name, self.bsn, self.iban, self.email, self.phone, self.street]
        values += [word for word in (self.first, self.last) if len(word) >= 6]
        return values


@cache
def people() -> tuple[Person, ...]:
    fake = Faker("nl_NL")
    fake.seed_instance(91_2026)
    rng = random.Random(91_2026)
    out = []
    for _ in range(3):
        first, last = fake.first_name(), fake.last_name()
        local = f"{first}.{last}".lower().replace(" ", "").replace("'", "")
        out.append(
            Person(
                first=first,
                last=last,
                street=fake.street_name(),
                city=fake.city(),
                bsn=make_bsn(rng),
                iban=make_iban(rng),
                email=f"{local}@example.nl",
                phone=f"06-{rng.randrange(10**7, 10**8)}",
                born=_birth_date(rng),
            )
        )
    return tuple(out)


def _birth_date(rng: random.Random) -> str:
    return f"{rng.randrange(1, 29):02d}-{rng.randrange(1, 13):02d}-{rng.randrange(1940, 2000)}"


@cache
def secrets() -> tuple[str, ...]:
    """Every seed value that must stay out of error messages."""
    return tuple(value for person in people() for value in person.secrets())


def _letter() -> list[str]:
    """Paragraphs of a fictitious letter about the people."""
    paragraphs = ["Betreft: verzoek om inzage", "Geachte heer, mevrouw,"]
    for person in people():
        paragraphs.append(
            f"{person.name}, geboren op {person.born}, woont aan de {person.street} 12 "
            f"te {person.city}. Burgerservicenummer: {person.bsn}."
        )
        paragraphs.append(
            f"Rekening {person.iban}, telefoon {person.phone}, e-mail {person.email}."
        )
    paragraphs.append("Met vriendelijke groet, de afdeling Burgerzaken")
    return paragraphs


def _rows() -> tuple[list[str], list[list[str]]]:
    header = ["naam", "bsn", "iban", "email", "telefoon", "geboortedatum", "opmerking"]
    rows = [
        [p.name, p.bsn, p.iban, p.email, p.phone, p.born, f'zie "dossier"\nregel {n}']
        for n, p in enumerate(people(), start=1)
    ]
    return header, rows


# -- text-like kinds ------------------------------------------------------------


def text_utf8() -> bytes:
    return ("\n".join(_letter()) + "\n").encode("utf-8")


def text_utf8_bom() -> bytes:
    return ("\r\n".join(_letter()) + "\r\n").encode("utf-8-sig")


def text_utf16_bom() -> bytes:
    return ("\n".join(_letter())).encode("utf-16")


def text_utf16le_no_bom() -> bytes:
    return ("\n".join(_letter())).encode("utf-16-le")


def text_utf32() -> bytes:
    return ("\n".join(_letter())).encode("utf-32")


def text_cp1252() -> bytes:
    return ("\r\n".join(["Cliënt: café-overleg, één keer per week", *_letter()])).encode(
        "cp1252", errors="replace"
    )


def unknown_text() -> bytes:
    return ("LOGBOEK\n" + "\n".join(f"[{i}] {line}" for i, line in enumerate(_letter()))).encode()


def csv_semicolon() -> bytes:
    header, rows = _rows()
    lines = [";".join(header)]
    for row in rows:
        lines.append(
            ";".join(f'"{value}"' if '"' in value or "\n" in value else value for value in row)
        )
    return ("\r\n".join(lines) + "\r\n").encode("utf-8")


def csv_comma_quoted() -> bytes:
    header, rows = _rows()
    out = io.StringIO()
    import csv

    writer = csv.writer(out)
    writer.writerow(header)
    writer.writerows(rows)
    return out.getvalue().encode("cp1252", errors="replace")


def tsv() -> bytes:
    header, rows = _rows()
    lines = ["\t".join(header)] + ["\t".join(v.replace("\n", " ") for v in row) for row in rows]
    return ("\n".join(lines) + "\n").encode("utf-8")


def json_records() -> bytes:
    header, rows = _rows()
    records = [dict(zip(header, row, strict=True)) for row in rows]
    for record in records:
        record["adres"] = {"straat": "Dorpsstraat", "nummer": 12, "extra": [1, None, True]}
    return json.dumps(records, ensure_ascii=False, indent=1).encode("utf-8")


def json_document() -> bytes:
    person = people()[0]
    document = {"versie": 3, "contact": {"naam": person.name, "mail": person.email}, "x": [[[1]]]}
    return json.dumps(document).encode("utf-8")


def jsonl() -> bytes:
    header, rows = _rows()
    lines = [json.dumps(dict(zip(header, row, strict=True))) for row in rows]
    lines += ['"los"', "42", "geen json {", json.dumps({"genest": {"bsn": people()[1].bsn}})]
    return ("\n".join(lines) + "\n").encode("utf-8")


def xml() -> bytes:
    items = "".join(
        f'<persoon bsn="{p.bsn}" xmlns:x="urn:x"><naam>{p.name}</naam>'
        f"<!-- oud: {p.phone} --><mail><![CDATA[{p.email}]]></mail>"
        f"<iban>{p.iban}</iban><x:noot>&amp; &#233;</x:noot></persoon>\n"
        for p in people()
    )
    return f'<?xml version="1.0" encoding="UTF-8"?>\n<register>\n{items}</register>\n'.encode()


def html() -> bytes:
    p = people()
    body = "".join(f"<p>{line}</p>\n" for line in _letter())
    return (
        "<!DOCTYPE html>\n<html><head><title>Brief</title>"
        "<script>var x = '<p>';</script><style>p{color:red}</style></head><body>\n"
        f'<img alt="pasfoto {p[0].name}" src="x.png"><a href="mailto:{p[1].email}">mail</a>\n'
        f'<input value="{p[2].bsn}" data-iban="{p[2].iban}"><br/>{body}'
        "<table><tr><td>a</td><td>b&nbsp;&lt;c&gt;</td></tr></table></body></html>\n"
    ).encode()


def sql_mysql() -> bytes:
    header, rows = _rows()
    values = ",".join(
        "("
        + ",".join("'" + v.replace("'", "\\'").replace("\n", "\\n") + "'" for v in row)
        + ",NULL)"
        for row in rows
    )
    columns = ",\n".join(f"  `{name}` varchar(255) DEFAULT NULL" for name in header)
    return (
        "-- MySQL dump 10.13\n/*!40101 SET NAMES utf8mb4 */;\n"
        f"CREATE TABLE `klant` (\n  `id` int NOT NULL,\n{columns},\n  `x` int,\n"
        "  PRIMARY KEY (`id`)\n) ENGINE=InnoDB;\n"
        f"INSERT INTO `klant` VALUES {values};\n"
        "INSERT INTO `db`.`leeg` (`a`, `b`) VALUES (1, 'it''s'), (2, E'x\\ty');\n"
    ).encode()


def sql_postgres() -> bytes:
    header, rows = _rows()
    copy = "\n".join("\t".join(v.replace("\n", "\\n") for v in row) + "\t\\N" for row in rows)
    person = people()[0]
    return (
        "--\n-- PostgreSQL database dump\n--\n\n"
        f"CREATE TABLE public.klant ({', '.join(f'{h} text' for h in header)}, x text);\n\n"
        f"COPY public.klant ({', '.join(header)}, x) FROM stdin;\n{copy}\n\\.\n\n"
        f"INSERT INTO public.contact (naam, mail) VALUES ('{person.name}', '{person.email}') "
        "ON CONFLICT DO NOTHING;\n"
    ).encode()


def eml() -> bytes:
    a, b, c = people()
    forwarded = make_eml(
        sender=f"{c.name} <{c.email}>", to=a.email, subject="Doorgestuurd", plain=c.iban
    )
    return make_eml(
        sender=f"{a.name} <{a.email}>",
        to=f"{b.name} <{b.email}>",
        subject=f"Dossier {b.bsn}",
        plain="\n".join(_letter()),
        html="".join(f"<p>{line}</p>" for line in _letter()),
        attachments=[
            ("bijlage.csv", csv_semicolon(), "text/csv"),
            ("doorgestuurd.eml", forwarded, "application/octet-stream"),
        ],
    )


def msg() -> bytes:
    a, b, _ = people()
    return make_msg(
        sender=a.email,
        to=b.email,
        subject=f"Dossier {b.name}",
        body="\n".join(_letter()),
        attachments=[("bijlage.txt", text_utf8())],
    )


def ole_encrypted() -> bytes:
    """What Office writes for a password-protected docx: an OLE file with EncryptionInfo."""
    from extract_msg.ole_writer import OleWriter

    writer = OleWriter()
    writer.addEntry("EncryptionInfo", b"\x04\x00\x04\x00\x40\x00\x00\x00" + bytes(120))
    writer.addEntry("EncryptedPackage", bytes(64) + text_utf8())
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def binary() -> bytes:
    """An executable-looking header with NULs and control bytes."""
    rng = random.Random(7)
    return b"\x7fELF\x02\x01\x01" + bytes(9) + bytes(rng.randrange(256) for _ in range(600))


# -- containers ---------------------------------------------------------------------


def _repack(data: bytes) -> bytes:
    """The zip with fixed member times, so that the same seed gives the same bytes."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w") as dst:
        for info in src.infolist():
            fixed = zipfile.ZipInfo(info.filename, date_time=(2025, 3, 1, 12, 0, 0))
            fixed.compress_type = info.compress_type
            dst.writestr(fixed, src.read(info))
    return out.getvalue()


def docx() -> bytes:
    import docx as python_docx

    document = python_docx.Document()
    document.core_properties.created = FIXED_TIME
    document.core_properties.modified = FIXED_TIME
    paragraphs = _letter()
    for text in paragraphs[:3]:
        document.add_paragraph(text)
    header, rows = _rows()
    grid = document.add_table(rows=len(rows) + 1, cols=3)
    for cells, values in zip(grid.rows, [header, *rows], strict=True):
        for cell, value in zip(cells.cells, values[:3], strict=True):
            cell.text = value
    grid.cell(0, 0).merge(grid.cell(0, 1))
    for text in paragraphs[3:]:
        document.add_paragraph(text).add_run("\tvervolg").bold = True
    section = document.sections[0]
    section.header.paragraphs[0].text = f"Kenmerk {people()[0].bsn}"
    section.footer.paragraphs[0].text = people()[1].email
    out = io.BytesIO()
    document.save(out)
    return _repack(out.getvalue())


def xlsx() -> bytes:
    import openpyxl

    workbook = openpyxl.Workbook()
    workbook.properties.created = FIXED_TIME
    workbook.properties.modified = FIXED_TIME
    sheet = workbook.active
    sheet.title = "Clienten"
    header, rows = _rows()
    sheet.append(header)
    for row in rows:
        sheet.append([*row[:1], int(row[1]), *row[2:5], dt.date(1980, 1, 2), 3.5])
    second = workbook.create_sheet("Notities")
    second.append(["tekst", "getal", "waar"])
    second.append([_letter()[2], 12.0, True])
    second["D5"] = "=SUM(B2:B3)"
    out = io.BytesIO()
    workbook.save(out)
    return _repack(out.getvalue())


def odt() -> bytes:
    from odf.opendocument import OpenDocumentText
    from odf.text import H, P, S

    document = OpenDocumentText()
    document.text.addElement(H(outlinelevel=1, text="Verslag"))
    for line in _letter():
        paragraph = P(text=line)
        paragraph.addElement(S(c=3))
        document.text.addElement(paragraph)
    out = io.BytesIO()
    document.write(out)
    return _repack(out.getvalue())


def ods() -> bytes:
    from odf.opendocument import OpenDocumentSpreadsheet
    from odf.table import Table, TableCell, TableRow
    from odf.text import P

    document = OpenDocumentSpreadsheet()
    sheet = Table(name="Register")
    header, rows = _rows()
    for values in [header, *rows]:
        row = TableRow()
        for value in values:
            if value.isdigit():
                cell = TableCell(valuetype="float", value=value)
            else:
                cell = TableCell(valuetype="string")
            cell.addElement(P(text=value))
            row.addElement(cell)
        row.addElement(TableCell(valuetype="date", datevalue="1985-03-12T00:00:00"))
        row.addElement(TableCell(numbercolumnsrepeated=3))
        sheet.addElement(row)
    # Identical rows and cells, which LibreOffice stores once with a repeat count.
    twice = TableRow(numberrowsrepeated=2)
    same = TableCell(valuetype="string", numbercolumnsrepeated=2)
    same.addElement(P(text="ja"))
    twice.addElement(same)
    sheet.addElement(twice)
    # What LibreOffice writes after the data: huge runs of empty cells and rows.
    filler = TableRow(numberrowsrepeated=1048000)
    filler.addElement(TableCell(numbercolumnsrepeated=16384))
    sheet.addElement(filler)
    document.spreadsheet.addElement(sheet)
    out = io.BytesIO()
    document.write(out)
    return _repack(out.getvalue())


def _pdf(compress: bool) -> bytes:
    from fpdf import FPDF

    pdf = FPDF()
    pdf.set_compression(compress)
    pdf.set_creation_date(FIXED_TIME.replace(tzinfo=dt.UTC))
    pdf.set_font("helvetica", size=11)
    letter = _letter()
    for page in (letter[:4], letter[4:]):
        pdf.add_page()
        pdf.multi_cell(0, 7, "\n".join(page))
    return bytes(pdf.output())


def pdf_plain() -> bytes:
    """Uncompressed content streams: mutations reach the text operators."""
    return _pdf(compress=False)


def pdf_compressed() -> bytes:
    return _pdf(compress=True)


def zip_archive() -> bytes:
    inner = _zip([("diep/notitie.txt", text_utf8())])
    return _zip(
        [
            ("map/", b""),
            ("brief.txt", text_utf8()),
            ("export.csv", csv_semicolon()),
            ("binnen.zip", inner),
        ]
    )


def _zip(members: list[tuple[str, bytes]]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members:
            info = zipfile.ZipInfo(name, date_time=(2025, 3, 1, 12, 0, 0))
            info.compress_type = (
                zipfile.ZIP_STORED if name.endswith(".zip") else zipfile.ZIP_DEFLATED
            )
            archive.writestr(info, data)
    return out.getvalue()


def parquet() -> bytes:
    import pyarrow as pa
    import pyarrow.parquet as pq

    header, rows = _rows()
    columns = {name: [row[index] for row in rows] for index, name in enumerate(header)}
    columns["nummer"] = [int(row[1]) for row in rows]
    columns["adres"] = [{"straat": "Dorpsstraat", "nr": n} for n in range(len(rows))]
    columns["tags"] = [["a", "b"], [], None]
    out = io.BytesIO()
    pq.write_table(pa.table(columns), out, row_group_size=2)
    return out.getvalue()


# -- the catalogue ------------------------------------------------------------------


@dataclass(frozen=True)
class Seed:
    """A named seed document; `name` is the object's file name (it picks text kinds)."""

    id: str
    kind: str
    name: str
    build: Callable[[], bytes] = field(repr=False)

    @property
    def data(self) -> bytes:
        return _built(self.build)


@cache
def _built(build: Callable[[], bytes]) -> bytes:
    return build()


SEEDS: tuple[Seed, ...] = (
    Seed("text-utf8", "text", "brief.txt", text_utf8),
    Seed("text-utf8-bom", "text", "brief.log", text_utf8_bom),
    Seed("text-utf16-bom", "text", "brief.txt", text_utf16_bom),
    Seed("text-utf16le", "text", "brief.md", text_utf16le_no_bom),
    Seed("text-utf32", "text", "brief.txt", text_utf32),
    Seed("text-cp1252", "text", "brief.txt", text_cp1252),
    Seed("unknown", "unknown", "LEESMIJ", unknown_text),
    Seed("csv-semicolon", "csv", "export.csv", csv_semicolon),
    Seed("csv-comma", "csv", "export.csv", csv_comma_quoted),
    Seed("tsv", "tsv", "export.tsv", tsv),
    Seed("json-records", "json", "klanten.json", json_records),
    Seed("json-document", "json", "config.json", json_document),
    Seed("jsonl", "jsonl", "klanten.jsonl", jsonl),
    Seed("xml", "xml", "register.xml", xml),
    Seed("html", "html", "brief.html", html),
    Seed("sql-mysql", "sql", "dump.sql", sql_mysql),
    Seed("sql-postgres", "sql", "dump.sql", sql_postgres),
    Seed("eml", "eml", "bericht.eml", eml),
    Seed("msg", "msg", "bericht.msg", msg),
    Seed("ole", "ole", "beveiligd.docx", ole_encrypted),
    Seed("binary", "binary", "programma", binary),
    Seed("docx", "docx", "brief.docx", docx),
    Seed("xlsx", "xlsx", "register.xlsx", xlsx),
    Seed("odt", "odt", "brief.odt", odt),
    Seed("ods", "ods", "register.ods", ods),
    Seed("pdf-plain", "pdf", "brief.pdf", pdf_plain),
    Seed("pdf-compressed", "pdf", "brief.pdf", pdf_compressed),
    Seed("zip", "zip", "archief.zip", zip_archive),
    Seed("parquet", "parquet", "export.parquet", parquet),
)


def _register_rows(count: int) -> tuple[list[str], list[list[str]]]:
    """The people's rows, then `count` generated ones, then the people again
    (a sampled read sees the head and blocks spread over the file)."""
    header, rows = _rows()
    rng = random.Random(5)
    generated = [
        [f"Testpersoon {n}", make_bsn(rng), make_iban(rng), f"persoon{n}@example.nl",
         f"06-{rng.randrange(10**7, 10**8)}", "01-01-1970", "zie \"dossier\"" if n % 97 else "a\nb"]
        for n in range(count)
    ]  # fmt: skip
    return header, rows + generated + rows


LARGE_ROWS = 1500


def large_csv() -> bytes:
    header, rows = _register_rows(LARGE_ROWS)
    lines = [";".join(header)]
    for row in rows:
        lines.append(
            ";".join(
                f'"{v.replace(chr(34), chr(34) * 2)}"' if '"' in v or "\n" in v else v for v in row
            )
        )
    return ("\n".join(lines) + "\n").encode("utf-8")


def large_tsv() -> bytes:
    header, rows = _register_rows(LARGE_ROWS)
    lines = ["\t".join(header)] + ["\t".join(v.replace("\n", " ") for v in row) for row in rows]
    return ("\r\n".join(lines) + "\r\n").encode("cp1252", errors="replace")


def large_jsonl() -> bytes:
    header, rows = _register_rows(LARGE_ROWS)
    lines = [json.dumps(dict(zip(header, row, strict=True)), ensure_ascii=False) for row in rows]
    return ("\n".join(lines) + "\n").encode("utf-8")


def large_parquet() -> bytes:
    import pyarrow as pa
    import pyarrow.parquet as pq

    header, rows = _register_rows(200)
    columns = {name: [row[index] for row in rows] for index, name in enumerate(header)}
    out = io.BytesIO()
    pq.write_table(pa.table(columns), out, row_group_size=3)
    return out.getvalue()


LARGE_SEEDS: tuple[Seed, ...] = (
    Seed("large-csv", "csv", "register.csv", large_csv),
    Seed("large-tsv", "tsv", "register.tsv", large_tsv),
    Seed("large-jsonl", "jsonl", "register.jsonl", large_jsonl),
    Seed("large-parquet", "parquet", "register.parquet", large_parquet),
)
"""Seeds for the streamed reader of large extracts: over 64 KiB, so that a
sampled read takes its head and then blocks spread over the rest."""

KINDS: tuple[str, ...] = tuple(dict.fromkeys(seed.kind for seed in SEEDS))


def seeds_of(kind: str) -> list[Seed]:
    return [seed for seed in SEEDS if seed.kind == kind]
