"""SQL dumps: INSERT rows per table, both quoting dialects, CREATE TABLE names, COPY blocks."""

from __future__ import annotations

from datawacht.errors import TooLargeError
from datawacht.limits import Limits
from datawacht.records import Table
from unit.extract.helpers import column_values, run, tables

MYSQL_DUMP = r"""-- MySQL dump 10.13
/*!40101 SET NAMES utf8mb4 */;
CREATE TABLE `klant` (
  `id` int NOT NULL AUTO_INCREMENT,
  `naam` varchar(100) DEFAULT NULL,
  `status` varchar(10),
  `bsn` char(9),
  PRIMARY KEY (`id`),
  KEY `idx_naam` (`naam`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;
INSERT INTO `klant` VALUES (1,'O\'Neill, Voorbeeld','actief','111222333'),
  (2,'Proef; ''test''',NULL,'123456782');
INSERT IGNORE INTO `klant` (`bsn`, `naam`) VALUES ('999999990', 'Regel\nTwee')
  ON DUPLICATE KEY UPDATE naam = VALUES(naam);
"""

POSTGRES_DUMP = r"""-- PostgreSQL database dump
SET standard_conforming_strings = on;
CREATE TABLE public.medewerker (id integer, naam text, pad text);
INSERT INTO public."medewerker" (id, naam, pad) VALUES (1, 'De ''Proef''', 'C:\map\bestand');
INSERT INTO public.medewerker VALUES (2, E'Tab\there', '-');
COPY public.adres (id, straat, postcode) FROM stdin;
1	Voorbeeldstraat 1\tA	1234AB
2	\N	9999ZZ
\.
INSERT INTO public.medewerker (id, naam) VALUES (-3, 'Na COPY');
"""


def by_name(found: list[Table]) -> dict[str, Table]:
    return {table.table or "": table for table in found}


def test_mysql_dump_rows_escapes_and_create_table_names() -> None:
    pieces, error = run("backup.sql", MYSQL_DUMP.encode())
    assert error is None
    [klant] = tables(pieces)
    assert klant.table == "klant"
    assert [column.name for column in klant.columns] == ["id", "naam", "status", "bsn"]
    assert column_values(klant, "naam") == [
        (1, "O'Neill, Voorbeeld"),
        (2, "Proef; 'test'"),
        (3, "Regel\nTwee"),
    ]
    assert column_values(klant, "status") == [(1, "actief")]  # NULL is no value
    assert column_values(klant, "bsn") == [(1, "111222333"), (2, "123456782"), (3, "999999990")]


def test_postgres_dump_standard_strings_e_strings_and_copy() -> None:
    pieces, error = run("backup.sql", POSTGRES_DUMP.encode())
    assert error is None
    found = by_name(tables(pieces))
    assert set(found) == {"public.medewerker", "public.adres"}
    medewerker = found["public.medewerker"]
    assert column_values(medewerker, "naam") == [
        (1, "De 'Proef'"),
        (2, "Tab\there"),
        (3, "Na COPY"),
    ]
    assert column_values(medewerker, "pad") == [(1, "C:\\map\\bestand"), (2, "-")]
    assert column_values(medewerker, "id") == [(1, "1"), (2, "2"), (3, "-3")]
    adres = found["public.adres"]
    assert column_values(adres, "straat") == [(1, "Voorbeeldstraat 1\tA")]
    assert column_values(adres, "postcode") == [(1, "1234AB"), (2, "9999ZZ")]


def test_insert_without_known_columns_gets_generated_names() -> None:
    pieces, _ = run("los.sql", b"INSERT INTO t VALUES ('a', 1.5, TRUE, now());")
    [table] = tables(pieces)
    assert [column.name for column in table.columns] == ["kolom 1", "kolom 2", "kolom 3", "kolom 4"]
    assert column_values(table, "kolom 4") == [(1, "now()")]


def test_other_statements_are_ignored() -> None:
    sql = (
        b"DROP TABLE IF EXISTS t; CREATE INDEX i ON t (a);\n"
        b"INSERT INTO t SELECT * FROM u;\nUPDATE t SET a = 'x';\n"
        b"INSERT INTO t (a) VALUES ('ja');\n"
    )
    pieces, error = run("gemengd.sql", sql)
    assert error is None
    [table] = tables(pieces)
    assert column_values(table, "a") == [(1, "ja")]


def test_row_cap_per_table() -> None:
    sql = "".join(f"INSERT INTO t (n) VALUES ({n});\n" for n in range(10))
    pieces, error = run("veel.sql", sql.encode(), Limits(max_table_rows=3))
    assert len(tables(pieces)[0].columns[0].cells) == 3
    assert isinstance(error, TooLargeError)
