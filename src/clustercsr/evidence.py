"""Load the evidence base (data/*.csv + references.bib) into typed DataFrames and validate it.

Validation collects every problem (file, line, column, rule, a hint in plain words) instead of stopping at the
first, so `clustercsr check` can report them all. Rules that look across tables are plain functions registered
with `@rule`; add one there and both `check` and `build` run it.
"""
from __future__ import annotations

import csv
import io
import os
import re
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Callable

import pandas as pd

from clustercsr.errors import BuildError, Problems, did_you_mean

SLUG = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"
SECTIONS = ["introduction", "drivers", "features", "environment", "work-conditions", "poverty", "impacts",
            "frameworks", "limitations", "model", "conclusions", "table1", "table2", "table3"]
CITE_IN_SOURCE = re.compile(r"(?<![\w.])@([A-Za-z][\w:.\-]*\w)")
CROSSREF_PREFIXES = ("fig-", "tbl-", "sec-")
# "not stated": the paper gives no orientation, and we record none rather than guess
MARKETS = ["export", "domestic", "mixed", "not stated"]
REVIEWED_PAPER = "lundthomsenetal2016"
# What a pattern means, in words, for the messages.
PATTERN_WORDS = {
    SLUG: "a lowercase id of letters, digits and single hyphens, such as 'global-chains'",
    r"^P[0-9]+$": "P and a number, such as 'P1'",
    r"^e[0-9]{3,}$": "e and three or more digits, such as 'e001'",
    r"^[A-Z]{3}$": "a three-letter ISO 3166 country code in capitals, such as 'PAK'",
    r"^P[0-9]+(;P[0-9]+)*$": "proposition ids separated by ';', such as 'P1;P2'",
}
# Set by `clustercsr build` for its kernels: the build has already validated everything, so a page's setup()
# only reads and types the tables, and reads references.bib only if a cell asks for it.
CHECKED_ENV = "CLUSTERCSR_CHECKED"
# Project files the evidence base has read in this process (for the build's cache: what a page's cells read).
READS: set[str] = set()


def __getattr__(name: str):
    # evidence.SCHEMAS as before; in its own module so that reading checked tables never imports pandera.
    if name == "SCHEMAS":
        from clustercsr.schemas import SCHEMAS
        return SCHEMAS
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


BOOLEAN = {"factors": ["in_table1"], "errata": ["alias"]}
INTEGER = {"limitations": ["order"]}
FLOAT = {"clusters": ["lat", "lon"]}
# (table, column, referenced table, multi-valued)
FOREIGN_KEYS = [
    ("factors", "mirror_id", "factors", False),
    ("framework_factors", "framework_id", "frameworks", False),
    ("framework_factors", "factor_id", "factors", False),
    ("model_links", "source", "factors", False),
    ("model_links", "proposition_ids", "propositions", True),
    ("evidence", "cluster_id", "clusters", False),
]
CITEKEY_COLUMNS = [("factors", "citekeys"), ("clusters", "citekeys"), ("frameworks", "citekeys"),
                   ("propositions", "citekeys"), ("model_links", "citekeys"), ("evidence", "citekey"),
                   ("errata", "citekey")]
SUBJECT_TABLES = {"factor": "factors", "topic": "topics", "limitation": "limitations", "framework": "frameworks",
                  "proposition": "propositions"}


@dataclass(init=False)
class Evidence:
    factors: pd.DataFrame
    topics: pd.DataFrame
    limitations: pd.DataFrame
    clusters: pd.DataFrame
    frameworks: pd.DataFrame
    framework_factors: pd.DataFrame
    propositions: pd.DataFrame
    model_links: pd.DataFrame
    evidence: pd.DataFrame
    errata: pd.DataFrame
    root: Path | None = None
    bib_path: Path | None = None
    refs: pd.DataFrame | None = field(default=None, repr=False)

    def __init__(self, *, root: Path | None = None, bib_path: Path | None = None, refs: pd.DataFrame | None = None,
                 references: pd.DataFrame | None = None, loader: Callable[[str], pd.DataFrame] | None = None,
                 **tables: pd.DataFrame):
        """Evidence(factors=…, …, errata=…, root=…, bib_path=…); `references=` gives the bibliography table
        directly (otherwise it is read from bib_path when first used). With `loader`, a table not given is read
        by loader(name) when first used."""
        for name in self.table_names():
            if name in tables or loader is None:
                setattr(self, name, tables.pop(name))
        if tables:
            raise TypeError(f"unknown table(s): {', '.join(tables)}")
        self.root, self.bib_path = root, bib_path
        self.refs = references if references is not None else refs
        self._loader = loader

    def __getattr__(self, name: str):
        # Only called for an attribute not set yet: a table left to the loader, read now and kept.
        loader = self.__dict__.get("_loader")
        if loader is None or name not in self.table_names():
            raise AttributeError(f"{type(self).__name__!r} object has no attribute {name!r}")
        frame = loader(name)
        setattr(self, name, frame)
        return frame

    @classmethod
    def table_names(cls) -> list[str]:
        return [f.name for f in fields(cls) if f.name not in ("root", "bib_path", "refs")]

    @property
    def references(self) -> pd.DataFrame:
        """references.bib as a table (key, type, year, title, author, note), read on first use."""
        if self.refs is None:
            self.refs = load_references(self.bib_path)
        record_read(self.bib_path, self.root)
        return self.refs


def record_read(path: Path | None, root: Path | None) -> None:
    """Note that this process read `path` (project-relative): the build's cache re-executes a page when a file
    its cells read changes, and only then."""
    if path is None:
        return
    try:
        READS.add(Path(path).resolve().relative_to(Path(root).resolve()).as_posix() if root else str(path))
    except ValueError:
        READS.add(str(path))


def find_root(start: Path | None = None) -> Path:
    """The project folder: `start` if given, else Quarto's QUARTO_PROJECT_ROOT, else the nearest folder up from
    here that holds _quarto.yml."""
    if start is not None:
        return Path(start)
    if os.environ.get("QUARTO_PROJECT_ROOT"):
        return Path(os.environ["QUARTO_PROJECT_ROOT"])
    here = Path.cwd().resolve()
    for folder in [here, *here.parents]:
        if (folder / "_quarto.yml").is_file():
            return folder
    raise BuildError("cannot find the project: no _quarto.yml in this folder or any folder above it",
                     hint="run the command inside the project, or pass --root PATH")


# ---------------------------------------------------------------------------------------------------------------
# Reading one CSV table

def _open_quote_col(line: str) -> int | None:
    """The 1-based column of a quote that opens a field on this line and is not closed on it."""
    in_quote, start, i = False, None, 0
    while i < len(line):
        ch = line[i]
        if ch == '"':
            if not in_quote and (i == 0 or line[i - 1] == ","):
                in_quote, start = True, i
            elif in_quote and i + 1 < len(line) and line[i + 1] == '"':
                i += 1
            elif in_quote:
                in_quote = False
        i += 1
    return start + 1 if in_quote else None


def read_csv(path: Path, problems: Problems | None = None) -> pd.DataFrame | None:
    """Read one table as strings, with each row's index = its line in the file. Structural damage is reported
    with its exact line (and column for quotes); returns None if the file cannot be read as a table."""
    own = problems is None
    problems = problems if problems is not None else Problems()
    result = _read_csv(path, problems)
    if own:
        problems.raise_if_errors()
    return result


def _read_csv(path: Path, problems: Problems) -> pd.DataFrame | None:
    if not path.is_file():
        problems.add("file not found", file=path, rule="table exists")
        return None
    raw = path.read_bytes()
    if raw.startswith(b"\xef\xbb\xbf"):
        problems.add("file starts with a byte-order mark (BOM)", file=path, line=1, rule="utf-8 without BOM",
                     hint="save it as UTF-8 without BOM (in Excel: 'CSV UTF-8' adds one; use a text editor)")
        return None
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        col = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
        problems.add(f"not valid UTF-8 (byte 0x{raw[exc.start]:02x})", file=path, line=line, col=col,
                     rule="encoding utf-8", hint="save the file as UTF-8")
        return None
    if not text.strip():
        problems.add("file is empty; expected a header row and data rows", file=path, rule="non-empty table")
        return None
    lines = text.splitlines()
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    records: list[tuple[int, list[str]]] = []
    header: list[str] | None = None
    start = 1
    bad = 0
    while True:
        start = reader.line_num + 1
        try:
            record = next(reader)
        except StopIteration:
            break
        except csv.Error as exc:
            _quote_problem(problems, path, lines, start, str(exc))
            return None
        if reader.line_num > start:  # one row spread over several lines: a quote left open
            _quote_problem(problems, path, lines, start, None, end=reader.line_num)
            bad += 1
            continue
        if not record:
            continue
        if header is None:
            header = record
            continue
        if len(record) != len(header):
            problems.add(f"this row has {len(record)} values but the header has {len(header)}", file=path, line=start,
                         rule="same number of values in every row",
                         hint="a comma inside a value needs the value in double quotes: \"like, this\"")
            bad += 1
            continue
        records.append((start, record))
    if header is None:
        problems.add("file has no header row", file=path, line=1, rule="non-empty table")
        return None
    frame = pd.DataFrame([r for _, r in records], columns=header, dtype=object)
    frame.index = [ln for ln, _ in records]
    # Whitespace-only text counts as empty; remember where, to say so.
    blank = frame.map(lambda v: isinstance(v, str) and v != "" and not v.strip())
    frame.attrs["blank"] = {(ln, col) for col in frame.columns for ln in frame.index[blank[col]]}
    frame = frame.map(lambda v: None if isinstance(v, str) and not v.strip() else v)
    frame.attrs["path"] = str(path)
    return frame  # rows that could not be read are reported above and left out


def _quote_problem(problems: Problems, path: Path, lines: list[str], start: int, reason: str | None,
                   end: int | None = None) -> None:
    text = lines[start - 1] if start - 1 < len(lines) else ""
    col = _open_quote_col(text)
    if col is not None:
        runs = f"; the value runs on to line {end}" if end and end > start else "; it runs to the end of the file"
        problems.add(f"a double quote opens a value here and is never closed{runs}", file=path, line=start, col=col,
                     rule="quotes come in pairs", hint="add the closing \" at the end of the value")
    else:
        problems.add(f"cannot read this row ({reason or 'a value spreads over several lines'})", file=path,
                     line=start, rule="RFC 4180 CSV",
                     hint="values with commas or quotes need double quotes around them, and \"\" for a quote inside")


def _coerce(name: str, frame: pd.DataFrame, path: Path, problems: Problems) -> pd.DataFrame:
    reported = frame.attrs.setdefault("reported", set())
    for col in BOOLEAN.get(name, []):
        if col in frame:
            for line, value in frame[col].items():
                if value not in ("true", "false"):
                    problems.add(f"`{col}` must be true or false (got {value!r})", file=path, line=line, column=col,
                                 rule="boolean", hint=did_you_mean(str(value).lower(), ["true", "false"]) or None)
                    reported.add((line, col))
            frame[col] = frame[col] == "true"
    for col, kind in [(c, int) for c in INTEGER.get(name, [])] + [(c, float) for c in FLOAT.get(name, [])]:
        if col in frame:
            values = []
            for line, value in frame[col].items():
                try:
                    values.append(kind(value))
                except (TypeError, ValueError):
                    word = "a whole number" if kind is int else "a number"
                    got = "it is empty" if value is None else f"got {value!r}"
                    problems.add(f"`{col}` must be {word} ({got})", file=path, line=line, column=col,
                                 rule=f"type {kind.__name__}")
                    reported.add((line, col))
                    values.append(kind(0))
            frame[col] = pd.Series(values, index=frame.index, dtype=kind)
    return frame


def _schema_problems(name: str, frame: pd.DataFrame, path: Path, problems: Problems) -> pd.DataFrame | None:
    import pandera.pandas as pa

    from clustercsr.schemas import SCHEMAS
    schema = SCHEMAS[name]
    missing = [c for c in schema.columns if c not in frame.columns]
    extra = [c for c in frame.columns if c not in schema.columns]
    for c in missing:
        hint = did_you_mean(c, extra)
        problems.add(f"missing required column `{c}`", file=path, line=1, column=c, rule="table columns",
                     hint=hint or f"the header must be: {','.join(schema.columns)}")
    for c in extra:
        hint = did_you_mean(c, missing)
        problems.add(f"unexpected column `{c}`", file=path, line=1, column=c, rule="table columns",
                     hint=hint or f"the columns are: {', '.join(schema.columns)}")
    if missing or extra:
        return None
    frame = _coerce(name, frame, path, problems)
    reported = frame.attrs.get("reported", set())
    try:
        schema.validate(frame, lazy=True)
        return frame
    except pa.errors.SchemaErrors as exc:
        cases = exc.failure_cases
    seen = set()
    for _, case in cases.iterrows():
        col, check = case["column"], str(case["check"])
        line = int(case["index"]) if pd.notna(case["index"]) else None
        key = (line, col, check.split("(")[0])
        if key in seen or (line, col) in reported:
            continue
        seen.add(key)
        value = case["failure_case"]
        checks = schema.columns[col].checks if col in schema.columns else []
        number = case.get("check_number")
        stats = checks[int(number)].statistics if pd.notna(number) and number is not None and int(number) < len(checks) else {}
        message, hint, rule = _plain(name, frame, col, check, value, line, stats)
        if message is None:
            continue
        problems.add(message, file=path, line=line, column=col, rule=rule, hint=hint)
    return frame


def _plain(name, frame, col, check, value, line, stats):
    """A schema failure in plain words: (message, hint, rule); message None to skip (reported elsewhere)."""
    if check == "not_nullable":
        if (line, col) in frame.attrs.get("blank", set()):
            return f"`{col}` is empty (it holds only spaces)", "write the text, or remove the row", "required"
        return f"`{col}` is empty", "this value is required", "required"
    if check in ("field_uniqueness", "multiple_fields_uniqueness"):
        from clustercsr.schemas import SCHEMAS
        cols = [col] if check == "field_uniqueness" else list(SCHEMAS[name].unique or [col])
        if check == "multiple_fields_uniqueness" and col != cols[0]:
            return None, None, None
        row = frame.loc[line, cols]
        same = frame.index[(frame[cols] == row.values).all(axis=1)].tolist()
        if line == same[0]:
            return None, None, None  # report the repeat, not the first occurrence
        what = f"`{col}` {value!r}" if len(cols) == 1 else " + ".join(f"`{c}` {frame.at[line, c]!r}" for c in cols)
        return f"{what} is used twice: also on line {same[0]}", "each row needs its own value", "unique"
    if check.startswith("isin"):
        allowed = list(stats.get("allowed_values", []))
        hint = did_you_mean(value, allowed) or None
        return f"`{col}` must be one of: {', '.join(allowed)} (got {value!r})", hint, "allowed values"
    if check.startswith("str_matches"):
        pattern = stats.get("pattern")
        pattern = getattr(pattern, "pattern", pattern)
        words = PATTERN_WORDS.get(pattern, f"text matching {pattern}")
        return f"`{col}` must be {words} (got {value!r})", None, "format"
    if check.startswith("in_range"):
        lo, hi = stats.get("min_value"), stats.get("max_value")
        return f"`{col}` must be between {lo} and {hi} (got {value})", None, "range"
    if check.startswith("str_length"):
        return f"`{col}` is empty", "this value is required", "required"
    return f"`{col}`: value {value!r} breaks the rule {check}", None, check


# ---------------------------------------------------------------------------------------------------------------
# references.bib

@dataclass
class BibEntry:
    key: str
    type: str
    line: int


ENTRY_HEAD = re.compile(r"^\s*@(\w+)\s*([{(])\s*([^,\s{}()]*)\s*(,?)")


def scan_bib(path: Path, problems: Problems) -> list[BibEntry]:
    """Walk the file entry by entry, balancing braces, so a broken entry is reported at its own line and a
    duplicate key with both lines. Returns the entries (even the broken one, so nobody else is blamed)."""
    entries: list[BibEntry] = []
    text = path.read_text(encoding="utf-8")
    depth, current, seen = 0, None, {}
    for lineno, line in enumerate(text.splitlines(), 1):
        head = ENTRY_HEAD.match(line)
        if head and line.startswith("@") and depth > 0 and current is not None:
            problems.add(f"entry @{current.type}{{{current.key} is never closed: a '}}' is missing before line {lineno}",
                         file=path, line=current.line, col=1, rule="BibTeX syntax",
                         hint="end each entry with a '}' on its own line")
            depth, current = 0, None
        if depth == 0 and head:
            kind, key, comma = head.group(1), head.group(3), head.group(4)
            if kind.lower() in ("comment", "string", "preamble"):
                current = BibEntry("", kind, lineno)
            else:
                current = BibEntry(key, kind, lineno)
                if not key or not comma:
                    problems.add(f"entry @{kind} has no key, or no comma after its key", file=path, line=lineno,
                                 col=line.index("@") + 1, rule="BibTeX syntax",
                                 hint="write it as @article{surname2010, …")
                elif key in seen:
                    problems.add(f"duplicate key {key!r}: also on line {seen[key]}", file=path, line=lineno,
                                 col=head.start(3) + 1, rule="unique keys",
                                 hint="remove one of the two entries, or give one a letter suffix (2010a, 2010b)")
                else:
                    seen[key] = lineno
                entries.append(current)
        i = 0
        while i < len(line):
            ch = line[i]
            if ch == "\\":
                i += 2
                continue
            if ch == "{":
                depth += 1
            elif ch == "}":
                depth -= 1
                if depth < 0:
                    problems.add("a '}' here closes nothing", file=path, line=lineno, col=i + 1, rule="BibTeX syntax",
                                 hint="remove it, or add the '{' it belongs to")
                    depth = 0
                if depth == 0:
                    current = None
            i += 1
    if depth > 0 and current is not None:
        problems.add(f"entry @{current.type}{{{current.key} is never closed: a '}}' is missing at the end of the file",
                     file=path, line=current.line, col=1, rule="BibTeX syntax")
    return [e for e in entries if e.key]


def load_references(path: Path, problems: Problems | None = None) -> pd.DataFrame:
    import bibtexparser
    from bibtexparser.bparser import BibTexParser

    own = problems is None
    problems = problems if problems is not None else Problems()
    if path is None or not Path(path).is_file():
        problems.add("references.bib not found", file=path, rule="bibliography exists")
        problems.raise_if_errors()
    path = Path(path)
    scanned = scan_bib(path, problems)
    parser = BibTexParser(common_strings=True)
    parser.ignore_nonstandard_types = False
    try:
        db = bibtexparser.loads(path.read_text(encoding="utf-8"), parser=parser)
        parsed = db.entries
    except Exception as exc:  # bibtexparser 1 raises plain exceptions without a place
        problems.add(f"cannot parse BibTeX: {exc}", file=path, rule="BibTeX syntax")
        parsed = []
    got = {e["ID"] for e in parsed}
    for e in scanned:
        if e.key not in got and not problems.errors:
            problems.add(f"entry {e.key!r} could not be read", file=path, line=e.line, rule="BibTeX syntax")
    rows = [{"key": e["ID"], "type": e["ENTRYTYPE"], "year": e.get("year", ""), "title": e.get("title", ""),
             "author": e.get("author", e.get("editor", "")), "note": e.get("note", "")} for e in parsed]
    frame = pd.DataFrame(rows, columns=["key", "type", "year", "title", "author", "note"])
    frame = frame.drop_duplicates("key", keep="first").reset_index(drop=True)
    frame.attrs["lines"] = {e.key: e.line for e in scanned}
    frame.attrs["scanned_keys"] = [e.key for e in scanned]
    if own:
        problems.raise_if_errors()
    return frame


def split_keys(value) -> list[str]:
    if value is None or (isinstance(value, float) and pd.isna(value)):
        return []
    return [k.strip() for k in str(value).split(";") if k.strip()]


# ---------------------------------------------------------------------------------------------------------------
# Rules across tables. Each is f(ev, problems, ctx) and reports with ctx.where(table, line, column).

@dataclass
class Context:
    data_dir: Path
    bib_path: Path
    bib_keys: set[str]

    def file(self, table: str) -> Path:
        return self.data_dir / f"{table}.csv"


RULES: list[Callable] = []


def rule(fn: Callable) -> Callable:
    """Register a rule that looks across the tables; it runs in `check` and before every build."""
    RULES.append(fn)
    return fn


def _tables(ev: Evidence) -> dict[str, pd.DataFrame]:
    return {n: getattr(ev, n) for n in Evidence.table_names()}


@rule
def foreign_keys(ev: Evidence, problems: Problems, ctx: Context) -> None:
    tables = _tables(ev)
    for table, column, ref, multi in FOREIGN_KEYS:
        ids = list(tables[ref]["id"])
        for line, value in tables[table][column].items():
            for v in (split_keys(value) if multi else ([value] if value is not None and not pd.isna(value) else [])):
                if v not in ids:
                    problems.add(f"`{column}` {v!r} is not an id in {ref}.csv", file=ctx.file(table), line=line,
                                 column=column, rule=f"foreign key → {ref}.id", hint=did_you_mean(v, ids) or None)


@rule
def evidence_subjects(ev: Evidence, problems: Problems, ctx: Context) -> None:
    tables = _tables(ev)
    for line, row in ev.evidence.iterrows():
        ref = SUBJECT_TABLES.get(row["subject_type"])
        if ref is None or row["subject_id"] is None:
            continue  # reported by the schema
        ids = list(tables[ref]["id"])
        if row["subject_id"] not in ids:
            problems.add(f"`subject_id` {row['subject_id']!r} is not an id in {ref}.csv", file=ctx.file("evidence"),
                         line=line, column="subject_id", rule=f"foreign key → {ref}.id",
                         hint=did_you_mean(row["subject_id"], ids) or None)


@rule
def citekeys_exist(ev: Evidence, problems: Problems, ctx: Context) -> None:
    tables = _tables(ev)
    for table, column in CITEKEY_COLUMNS:
        for line, value in tables[table][column].items():
            for k in split_keys(value):
                if k not in ctx.bib_keys:
                    problems.add(f"citekey {k!r} is not in references.bib", file=ctx.file(table), line=line,
                                 column=column, rule="citekeys exist in references.bib",
                                 hint=did_you_mean(k, ctx.bib_keys) or None)


def _works_of(ev: Evidence, mask) -> set[str]:
    return set(ev.evidence.loc[mask, "citekey"].dropna()) - {REVIEWED_PAPER}


@rule
def citekeys_match_evidence_rows(ev: Evidence, problems: Problems, ctx: Context) -> None:
    """data/README.md: a factor's and a cluster's `citekeys` are the distinct works among its evidence rows,
    leaving out the reviewed paper itself."""
    checks = [("factors", lambda i: (ev.evidence["subject_type"] == "factor") & (ev.evidence["subject_id"] == i)),
              ("clusters", lambda i: ev.evidence["cluster_id"] == i)]
    for table, mask in checks:
        frame = getattr(ev, table)
        for line, row in frame.iterrows():
            own = set(split_keys(row["citekeys"])) - {REVIEWED_PAPER}
            works = _works_of(ev, mask(row["id"]))
            if own != works:
                parts = []
                if works - own:
                    parts.append(f"it lacks {', '.join(sorted(works - own))}, which its evidence rows cite")
                if own - works:
                    parts.append(f"it lists {', '.join(sorted(own - works))}, which none of its evidence rows cite")
                problems.add(f"`citekeys` of {row['id']!r} must be the works its evidence rows cite: "
                             + "; ".join(parts), file=ctx.file(table), line=line, column="citekeys",
                             rule="data/README.md: citekeys = the works among its evidence rows",
                             hint="set it to " + (";".join(sorted(works)) or "nothing (leave it empty)"))


@rule
def mirrors_both_ways(ev: Evidence, problems: Problems, ctx: Context) -> None:
    """data/README.md: driver-barrier pairs are linked both ways by `mirror_id`."""
    mirror = dict(zip(ev.factors["id"], ev.factors["mirror_id"]))
    for line, row in ev.factors.iterrows():
        other = row["mirror_id"]
        if other and other in mirror and mirror[other] != row["id"]:
            problems.add(f"`mirror_id` points to {other!r}, but {other!r} points to {mirror[other]!r}",
                         file=ctx.file("factors"), line=line, column="mirror_id", rule="mirrors link both ways",
                         hint=f"set {other}'s mirror_id to {row['id']}")


@rule
def every_reference_used(ev: Evidence, problems: Problems, ctx: Context) -> None:
    """data/README.md: every entry of references.bib is used by at least one evidence row (a warning)."""
    used = set(ev.evidence["citekey"])
    lines = ev.references.attrs.get("lines", {})
    for key in sorted(ctx.bib_keys - used):
        problems.warn(f"entry {key!r} is not cited by any row of data/evidence.csv", file=ctx.bib_path,
                      line=lines.get(key), rule="data/README.md: every reference is used")


# ---------------------------------------------------------------------------------------------------------------

def validate(root: Path | str | None = None, problems: Problems | None = None, *,
             data_dir: Path | None = None) -> tuple[Evidence | None, Problems]:
    """Read and check every table and references.bib, collecting every problem; (evidence or None, problems)."""
    root = find_root(Path(root) if root else None)
    problems = problems if problems is not None else Problems(root=root)
    data_dir = Path(data_dir) if data_dir else root / "data"
    tables = {}
    for name in Evidence.table_names():
        path = data_dir / f"{name}.csv"
        frame = _read_csv(path, problems)
        tables[name] = _schema_problems(name, frame, path, problems) if frame is not None else None
    bib_path = root / "references.bib"
    start = len(problems.errors)
    refs = load_references(bib_path, problems) if bib_path.is_file() else None
    if refs is None:
        problems.add("references.bib not found", file=bib_path, rule="bibliography exists")
    if any(t is None for t in tables.values()) or refs is None:
        return None, problems
    ev = Evidence(**tables, root=root, bib_path=bib_path, refs=refs)
    bib_ok = len(problems.errors) == start
    ctx = Context(data_dir, bib_path, set(refs.attrs.get("scanned_keys", refs["key"])))
    for fn in RULES:
        if fn is every_reference_used and not bib_ok:
            continue
        fn(ev, problems, ctx)
    return ev, problems


def load(root: Path | str | None = None, *, data_dir: Path | None = None) -> Evidence:
    """The evidence base, typed. Raises BuildError listing every problem if anything is wrong.

    Inside `clustercsr build` (which has checked every table already) it reads and types each table only when a
    cell first uses it, so the cache knows which tables a page reads: an edit to one table re-executes only the
    pages that use it."""
    root = find_root(Path(root) if root else None)
    data_dir = Path(data_dir) if data_dir else root / "data"
    if os.environ.get(CHECKED_ENV) == "1":
        def read(name: str) -> pd.DataFrame:
            path = data_dir / f"{name}.csv"
            record_read(path, root)
            problems = Problems(root=root)
            frame = _read_csv(path, problems)
            frame = _coerce(name, frame, path, problems) if frame is not None else None
            problems.raise_if_errors()
            return frame

        return Evidence(root=root, bib_path=root / "references.bib", loader=read)
    ev, problems = validate(root, data_dir=data_dir)
    problems.raise_if_errors()
    for name in Evidence.table_names():
        record_read(data_dir / f"{name}.csv", root)
    record_read(ev.bib_path, root)
    return ev


def source_citations(root: Path) -> list[tuple[Path, int, str]]:
    """Every [@key] / @key in the .qmd sources, with its line; cross-references are not citations."""
    return [(path, line, key) for path, line, _, key in source_citations_at(root)]


def source_citations_at(root: Path, paths: list[Path] | None = None) -> list[tuple[Path, int, int, str]]:
    """Every citation in the sources as (path, line, column, key)."""
    found = []
    if paths is None:
        paths = sorted([*root.glob("*.qmd"), *root.glob("chapters/*.qmd"), *root.glob("briefs/*.qmd")])
    for path in paths:
        in_code = False
        for lineno, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if line.startswith("```"):
                in_code = not in_code
                continue
            if in_code or line.strip().startswith("nocite"):
                continue
            for m in CITE_IN_SOURCE.finditer(line):
                if not m.group(1).startswith(CROSSREF_PREFIXES):
                    found.append((path, lineno, m.start() + 1, m.group(1)))
    return found


def check(root: Path | str = ".") -> str:
    """Validate everything `clustercsr check` promises (raises BuildError listing every error) and summarise."""
    from clustercsr import checks
    return checks.run(Path(root)).summary
