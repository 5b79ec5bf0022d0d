"""SQL dumps (mysqldump, pg_dump, phpMyAdmin): the rows of INSERT statements as Tables.

One Table per SQL table (`table` = its name as written, unquoted, schema
included), `row` = the ordinal of the row within that table.  Column names
come from the INSERT's column list, else from the table's CREATE TABLE
earlier in the dump (mysqldump leaves the list out by default), else
"kolom N".

The SQL is read with sqlparse's lexer, token by token, and never parsed
into trees: an extended INSERT of a hundred megabytes would otherwise
become one giant parse tree.  Strings follow both dialects: '' doubling
always, backslash escapes when the dump is MySQL-flavoured (backticks or
/*! comments in its head) or the literal is a PostgreSQL E'...' string.

pg_dump's default format puts rows in `COPY ... FROM stdin;` blocks, which
are not SQL but tab-separated lines ending at a `\\.` line; those are cut
out before lexing and read as the text format PostgreSQL documents.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from sqlparse import lexer, tokens

from datawacht.errors import TooLargeError
from datawacht.extract.encoding import decode
from datawacht.extract.tables import RecordTable, generated_name
from datawacht.limits import Limits
from datawacht.records import Table

Token = tuple[Any, str]
"""(token type, text) as sqlparse's lexer yields them; token types nest (`in` tests)."""

DIALECT_SNIFF_CHARS = 64 * 1024
CONSTRAINT_WORDS = frozenset(
    {"CONSTRAINT", "PRIMARY", "FOREIGN", "UNIQUE", "KEY", "INDEX", "CHECK", "FULLTEXT",
     "SPATIAL", "EXCLUDE", "LIKE", "PERIOD"}
)  # fmt: skip
"""First words of CREATE TABLE entries that are not columns."""

_COPY_START = re.compile(
    r"^COPY\s+([^\n;]+?)\s+FROM\s+stdin\b[^\n]*\n", re.IGNORECASE | re.MULTILINE
)
_COPY_END = re.compile(r"^\\\.\r?$", re.MULTILINE)
_COPY_ESCAPE = re.compile(r"\\(.)", re.DOTALL)
_COPY_ESCAPES = {"b": "\b", "f": "\f", "n": "\n", "r": "\r", "t": "\t", "v": "\v"}
_STRING_ESCAPES = {"0": "\0", "b": "\b", "n": "\n", "r": "\r", "t": "\t", "Z": "\x1a"}


@dataclass(frozen=True)
class _Row:
    table: str
    columns: list[str] | None
    values: list[str | None]


def extract_sql(data: bytes, limits: Limits) -> Iterator[Table]:
    """One Table per table that has rows in the dump, in order of first appearance."""
    text = decode(data).text
    reader = _DumpReader(backslash_escapes=_mysql_flavoured(text[:DIALECT_SNIFF_CHARS]))
    tables: dict[str, RecordTable] = {}
    for row in reader.rows(text):
        table = tables.get(row.table)
        if table is None:
            table = tables[row.table] = RecordTable(limits.max_table_rows, table=row.table)
        if table.truncated:
            continue
        names = row.columns or reader.declared.get(row.table) or []
        items = [
            (names[index] if index < len(names) else generated_name(index), value)
            for index, value in enumerate(row.values)
        ]
        table.add(table.rows + 1, items)
    yield from (table.build() for table in tables.values())
    truncated = [name for name, table in tables.items() if table.truncated]
    if truncated:
        raise TooLargeError(f"{len(truncated)} table(s) truncated at {limits.max_table_rows} rows")


def _mysql_flavoured(head: str) -> bool:
    return "`" in head or "/*!" in head


class _DumpReader:
    """Rows of INSERT statements and COPY blocks; column names of CREATE TABLE."""

    def __init__(self, *, backslash_escapes: bool) -> None:
        self.backslash_escapes = backslash_escapes
        self.declared: dict[str, list[str]] = {}
        self._tokens: Iterator[Token] = iter(())
        self._ahead: Token | None = None

    def rows(self, text: str) -> Iterator[_Row]:
        position = 0
        for copy in _COPY_START.finditer(text):
            if copy.start() < position:
                continue  # a "COPY" line inside an earlier block's data
            yield from self._sql_rows(text[position : copy.start()])
            end = _COPY_END.search(text, copy.end())
            block_end = end.start() if end else len(text)
            yield from self._copy_rows(copy.group(1), text[copy.end() : block_end])
            position = end.end() if end else len(text)
        yield from self._sql_rows(text[position:])

    # -- INSERT / CREATE TABLE through the lexer -------------------------------

    def _sql_rows(self, sql: str) -> Iterator[_Row]:
        self._tokens = _significant(sql)
        self._ahead = None
        while (token := self._next()) is not None:
            ttype, value = token
            keyword = value.upper()
            if ttype in tokens.DML and keyword in ("INSERT", "REPLACE"):
                yield from self._insert()
            elif ttype in tokens.DDL and keyword == "CREATE":
                self._create_table()
            elif value != ";":
                self._skip_statement()

    def _insert(self) -> Iterator[_Row]:
        if not self._skip_until("INTO"):
            return
        table = self._name()
        columns = self._names_in_parentheses() if self._peek_is("(") else None
        keyword = self._next()
        if table is None or keyword is None or keyword[1].upper() not in ("VALUES", "VALUE"):
            self._skip_statement()
            return
        while self._peek_is("("):
            self._next()
            yield _Row(table, columns, self._tuple())
            if not self._peek_is(","):
                break
            self._next()
        self._skip_statement()  # ON DUPLICATE KEY / ON CONFLICT / RETURNING ... ;

    def _create_table(self) -> None:
        if not self._skip_until("TABLE"):
            return
        while self._peek_word() in ("IF", "NOT", "EXISTS"):
            self._next()
        table = self._name()
        if table is not None and self._peek_is("("):
            self._next()
            self.declared[table] = self._column_definitions()
        self._skip_statement()

    def _column_definitions(self) -> list[str]:
        """Names of the column entries in a CREATE TABLE's parentheses (consumed)."""
        columns: list[str] = []
        depth, at_entry_start = 1, True
        while depth and (token := self._next()) is not None:
            ttype, value = token
            if at_entry_start and _is_identifier(ttype):
                if value.upper().split()[0] not in CONSTRAINT_WORDS:
                    columns.append(_unquote(value))
            at_entry_start = False
            if value == "(":
                depth += 1
            elif value == ")":
                depth -= 1
            elif value == "," and depth == 1:
                at_entry_start = True
        return columns

    def _tuple(self) -> list[str | None]:
        """The values of one parenthesised VALUES tuple (opening parenthesis consumed)."""
        values: list[str | None] = []
        current: list[Token] = []
        depth = 1
        while (token := self._next()) is not None:
            value = token[1]
            if value == "(":
                depth += 1
            elif value == ")":
                depth -= 1
                if depth == 0:
                    break
            elif value == "," and depth == 1:
                values.append(self._value(current))
                current = []
                continue
            current.append(token)
        values.append(self._value(current))
        return values

    def _value(self, parts: list[Token]) -> str | None:
        """A literal as text: strings unescaped, NULL as no value, anything else as written."""
        for index, (ttype, value) in enumerate(parts):
            if ttype in tokens.String.Single or ttype in tokens.String.Symbol:
                prefix = parts[index - 1][1] if index else ""
                return _unescape(value, self.backslash_escapes or prefix in ("E", "e"))
        if len(parts) == 1 and parts[0][1].upper() == "NULL":
            return None
        return "".join(value for _, value in parts) or None

    def _name(self) -> str | None:
        """A possibly schema-qualified name, unquoted: public.klant, `db`.`klant`."""
        parts: list[str] = []
        while (token := self._peek()) is not None and _is_identifier(token[0]):
            self._next()
            parts.append(_unquote(token[1]))
            if not self._peek_is("."):
                break
            self._next()
        return ".".join(parts) or None

    def _names_in_parentheses(self) -> list[str]:
        self._next()
        names: list[str] = []
        while (token := self._next()) is not None and token[1] != ")":
            if _is_identifier(token[0]):
                names.append(_unquote(token[1]))
        return names

    def _skip_until(self, keyword: str) -> bool:
        """Consume up to and including `keyword`; False (statement skipped) if ';' comes first."""
        while (token := self._next()) is not None:
            if token[1].upper() == keyword:
                return True
            if token[1] == ";":
                return False
        return False

    def _skip_statement(self) -> None:
        depth = 0
        while (token := self._next()) is not None:
            if token[1] == "(":
                depth += 1
            elif token[1] == ")":
                depth -= 1
            elif token[1] == ";" and depth <= 0:
                return

    def _next(self) -> Token | None:
        if self._ahead is not None:
            token, self._ahead = self._ahead, None
            return token
        return next(self._tokens, None)

    def _peek(self) -> Token | None:
        if self._ahead is None:
            self._ahead = next(self._tokens, None)
        return self._ahead

    def _peek_is(self, punctuation: str) -> bool:
        token = self._peek()
        return token is not None and token[1] == punctuation

    def _peek_word(self) -> str:
        token = self._peek()
        return token[1].upper() if token is not None else ""

    # -- COPY ... FROM stdin ----------------------------------------------------

    def _copy_rows(self, target: str, block: str) -> Iterator[_Row]:
        self._tokens = _significant(target)
        self._ahead = None
        table = self._name()
        if table is None:
            return
        columns = self._names_in_parentheses() if self._peek_is("(") else None
        for line in block.split("\n"):
            line = line.removesuffix("\r")
            if line:
                yield _Row(table, columns, [_copy_value(field) for field in line.split("\t")])


def _significant(sql: str) -> Iterator[Token]:
    """The lexer's tokens without white space and comments."""
    for ttype, value in lexer.tokenize(sql):
        if ttype not in tokens.Whitespace and ttype not in tokens.Comment:
            yield ttype, value


def _is_identifier(ttype: Any) -> bool:
    # Unquoted column names are often keywords to sqlparse (date, status, name).
    return ttype in tokens.Name or ttype in tokens.Keyword or ttype in tokens.String.Symbol


def _unquote(identifier: str) -> str:
    for quote in ('"', "`"):
        if len(identifier) >= 2 and identifier[0] == identifier[-1] == quote:
            return identifier[1:-1].replace(quote * 2, quote)
    if identifier.startswith("[") and identifier.endswith("]"):
        return identifier[1:-1]
    return identifier


def _unescape(literal: str, backslash_escapes: bool) -> str:
    """The text of a quoted literal, in one pass so that an escaped quote stays a quote."""
    quote, body = literal[0], literal[1:-1]
    doubled = re.escape(quote * 2)
    pattern = rf"\\(.)|{doubled}" if backslash_escapes else doubled

    def replace(match: re.Match[str]) -> str:
        escaped = match.group(1) if backslash_escapes else None
        return quote if escaped is None else _STRING_ESCAPES.get(escaped, escaped)

    return re.sub(pattern, replace, body, flags=re.DOTALL)


def _copy_value(field: str) -> str | None:
    """A field of COPY's text format: \\N is NULL, backslash escapes as documented."""
    if field == "\\N":
        return None
    return _COPY_ESCAPE.sub(lambda m: _COPY_ESCAPES.get(m.group(1), m.group(1)), field)
