"""Load the evidence base (data/*.csv + references.bib) into typed DataFrames and validate it.

Every problem is reported with the file, the row (as the line in the file), the column and the rule broken.
"""
from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass, fields
from pathlib import Path

import bibtexparser
import pandas as pd
import pandera.pandas as pa
from bibtexparser.bparser import BibTexParser

from clustercsr.errors import BuildError

SLUG = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"
SECTIONS = ["introduction", "drivers", "features", "environment", "work-conditions", "poverty", "impacts",
            "frameworks", "limitations", "model", "conclusions", "table1", "table2", "table3"]
CITE_IN_SOURCE = re.compile(r"(?<![\w.])@([A-Za-z][\w:.\-]*\w)")
CROSSREF_PREFIXES = ("fig-", "tbl-", "sec-")
# "not stated": the paper gives no orientation, and we record none rather than guess
MARKETS = ["export", "domestic", "mixed", "not stated"]


def _text(**kw):
    return pa.Column(str, pa.Check.str_length(min_value=1), nullable=False, **kw)


def _optional_text(**kw):
    return pa.Column(str, nullable=True, **kw)


def _slug(unique=True):
    return pa.Column(str, pa.Check.str_matches(SLUG), nullable=False, unique=unique)


def _enum(values, nullable=False):
    return pa.Column(str, pa.Check.isin(values), nullable=nullable)


SCHEMAS: dict[str, pa.DataFrameSchema] = {
    "factors": pa.DataFrameSchema({
        "id": _slug(), "label": _text(), "kind": _enum(["driver", "barrier"]),
        "mirror_id": pa.Column(str, nullable=True), "level": _enum(["global", "national", "cluster", "community"]),
        "pressure": _enum(["top-down", "bottom-up", "market"]), "in_table1": pa.Column(bool),
        "section": _enum(SECTIONS), "citekeys": _optional_text(), "summary": _text(), "basis": _text()}, strict=True),
    "topics": pa.DataFrameSchema({
        "id": _slug(), "area": _enum(["environment", "work-conditions", "poverty"]), "label": _text(),
        "coverage": _enum(["substantial", "few", "virtually-none"]), "coverage_note": _text(),
        "section": _enum(SECTIONS), "summary": _text()}, strict=True),
    "limitations": pa.DataFrameSchema({
        "id": _slug(), "label": _text(), "order": pa.Column(int, pa.Check.in_range(1, 99), unique=True),
        "section": _enum(SECTIONS), "summary": _text()}, strict=True),
    "clusters": pa.DataFrameSchema({
        "id": _slug(), "name": _text(), "country": pa.Column(str, pa.Check.str_matches(r"^[A-Z]{3}$")),
        "place": _text(), "lat": pa.Column(float, pa.Check.in_range(-90, 90)),
        "lon": pa.Column(float, pa.Check.in_range(-180, 180)), "industry": _text(),
        "market": _enum(MARKETS), "section": _enum(SECTIONS), "citekeys": _optional_text(),
        "summary": _text(), "basis": _text()}, strict=True),
    "frameworks": pa.DataFrameSchema({
        "id": _slug(), "label": _text(), "citekeys": _optional_text(), "kind": _enum(["reviewed", "this-paper"]),
        "section": _enum(SECTIONS), "summary": _text()}, strict=True),
    "framework_factors": pa.DataFrameSchema({
        "framework_id": _slug(unique=False), "factor_id": _slug(unique=False), "section": _enum(SECTIONS),
        "note": _text()}, strict=True, unique=["framework_id", "factor_id"]),
    "propositions": pa.DataFrameSchema({
        "id": pa.Column(str, pa.Check.str_matches(r"^P[0-9]+$"), unique=True), "statement": _text(),
        "scope": _text(), "tier": _enum(["first-tier", "lower-tier", "all"]), "section": _enum(SECTIONS),
        "citekeys": _optional_text()}, strict=True),
    "model_links": pa.DataFrameSchema({
        "id": _slug(), "source": _slug(unique=False), "target": _enum(["csr-first-tier", "csr-lower-tier"]),
        "sign": _enum(["+", "\u2212", "\u00b1"]), "mechanism": _text(),
        "proposition_ids": pa.Column(str, pa.Check.str_matches(r"^P[0-9]+(;P[0-9]+)*$"), nullable=True),
        "citekeys": _optional_text(), "section": _enum(SECTIONS), "locator": _text(), "basis": _text()}, strict=True),
    "evidence": pa.DataFrameSchema({
        "id": pa.Column(str, pa.Check.str_matches(r"^e[0-9]{3,}$"), unique=True), "citekey": _text(),
        "subject_type": _enum(["factor", "topic", "limitation", "framework", "proposition"]),
        "subject_id": _text(), "cluster_id": pa.Column(str, nullable=True),
        "stance": _enum(["supports", "contests", "mixed"]),
        "theme": _enum(["environment", "work-conditions", "poverty", "general"]), "section": _enum(SECTIONS),
        "locator": _text(), "finding": _text()}, strict=True),
    "errata": pa.DataFrameSchema({
        "id": _slug(), "paper_says": _text(), "meant": _text(), "location": _enum(SECTIONS),
        "kind": _enum(["spelling", "citation", "reference-list", "other"]), "citekey": _optional_text(),
        "alias": pa.Column(bool), "note": _text()}, strict=True),
}
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


@dataclass
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
    references: pd.DataFrame
    root: Path | None = None

    @classmethod
    def table_names(cls) -> list[str]:
        return [f.name for f in fields(cls) if f.name not in ("references", "root")]


def find_root(start: Path | None = None) -> Path:
    import os
    if start is not None:
        return Path(start)
    if os.environ.get("QUARTO_PROJECT_ROOT"):
        return Path(os.environ["QUARTO_PROJECT_ROOT"])
    here = Path.cwd().resolve()
    for folder in [here, *here.parents]:
        if (folder / "_quarto.yml").is_file() and (folder / "data").is_dir():
            return folder
    raise BuildError("cannot find the project root (a folder with _quarto.yml and data/)")


def read_csv(path: Path) -> pd.DataFrame:
    """Read one table as strings, rejecting structural damage with its line number."""
    raw = path.read_bytes() if path.is_file() else None
    if raw is None:
        raise BuildError("file not found", file=path)
    if raw.startswith(b"\xef\xbb\xbf"):
        raise BuildError("file starts with a byte-order mark (BOM); save it as UTF-8 without BOM", file=path,
                         line=1, rule="utf-8 without BOM")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise BuildError(f"not valid UTF-8 (byte 0x{raw[exc.start]:02x} at offset {exc.start})", file=path,
                         line=line, rule="encoding utf-8") from None
    if not text.strip():
        raise BuildError("file is empty; expected a header row and data rows", file=path, rule="non-empty table")
    rows = list(csv.reader(io.StringIO(text, newline="")))
    header = rows[0]
    data_rows = []
    line = 1
    reader = csv.reader(io.StringIO(text, newline=""))
    next(reader)
    for record in reader:
        line = reader.line_num
        if not record:
            continue
        if len(record) != len(header):
            raise BuildError(f"has {len(record)} fields but the header has {len(header)} "
                             "(an unquoted comma or a missing quote?)", file=path, row=line, rule="RFC 4180 fields")
        data_rows.append((line, record))
    frame = pd.DataFrame([r for _, r in data_rows], columns=header, dtype=object)
    frame.index = [ln for ln, _ in data_rows]  # index = line in the file, for error messages
    frame = frame.replace({"": None})
    return frame


def _coerce(name: str, frame: pd.DataFrame, path: Path) -> pd.DataFrame:
    for col in BOOLEAN.get(name, []):
        if col in frame:
            bad = frame[col].map(lambda v: v not in ("true", "false"))
            if bad.any():
                line = bad[bad].index[0]
                raise BuildError(f"expected true or false, got {frame.at[line, col]!r}", file=path, row=line,
                                 column=col, rule="type boolean")
            frame[col] = frame[col] == "true"
    for col, kind in [(c, int) for c in INTEGER.get(name, [])] + [(c, float) for c in FLOAT.get(name, [])]:
        if col in frame:
            for line, value in frame[col].items():
                try:
                    kind(value)
                except (TypeError, ValueError):
                    raise BuildError(f"expected {'an integer' if kind is int else 'a number'}, got {value!r}",
                                     file=path, row=line, column=col, rule=f"type {kind.__name__}") from None
            frame[col] = frame[col].astype(kind)
    return frame


def _validate_schema(name: str, frame: pd.DataFrame, path: Path) -> pd.DataFrame:
    schema = SCHEMAS[name]
    missing = [c for c in schema.columns if c not in frame.columns]
    if missing:
        raise BuildError(f"missing required column(s): {', '.join(missing)}", file=path, row=1, column=missing[0],
                         rule="schema columns")
    extra = [c for c in frame.columns if c not in schema.columns]
    if extra:
        raise BuildError(f"unexpected column(s): {', '.join(extra)}", file=path, row=1, column=extra[0],
                         rule="schema columns")
    frame = _coerce(name, frame, path)
    try:
        return schema.validate(frame, lazy=True)
    except pa.errors.SchemaErrors as exc:
        cases = exc.failure_cases
        first = cases.iloc[0]
        if "unique" in str(first["check"]):
            # Report the repeat, not the first (legitimate) occurrence.
            same = cases[(cases["check"] == first["check"]) & (cases["column"] == first["column"])]
            first = same.sort_values("index").iloc[-1]
        line = first["index"] if pd.notna(first["index"]) else None
        column = first["column"]
        check = str(first["check"])
        value = first["failure_case"]
        if "field_uniqueness" in check or "unique" in check:
            message = f"duplicate value {value!r}; ids must be unique"
        elif check == "not_nullable":
            message = "required value is empty"
        else:
            message = f"value {value!r} breaks the rule {check}"
        more = f" (and {len(cases) - 1} more problem(s) in this file)" if len(cases) > 1 else ""
        raise BuildError(message + more, file=path, row=int(line) if line is not None else None,
                         column=column, rule=check) from None


def load_references(path: Path) -> pd.DataFrame:
    if not path.is_file():
        raise BuildError("references.bib not found", file=path)
    parser = BibTexParser(common_strings=True)
    parser.ignore_nonstandard_types = False
    try:
        db = bibtexparser.loads(path.read_text(encoding="utf-8"), parser=parser)
    except Exception as exc:  # bibtexparser raises plain exceptions
        raise BuildError(f"cannot parse BibTeX: {exc}", file=path) from None
    rows = []
    for e in db.entries:
        rows.append({"key": e["ID"], "type": e["ENTRYTYPE"], "year": e.get("year", ""), "title": e.get("title", ""),
                     "author": e.get("author", e.get("editor", "")), "note": e.get("note", "")})
    frame = pd.DataFrame(rows, columns=["key", "type", "year", "title", "author", "note"])
    dupes = frame["key"][frame["key"].duplicated()]
    if len(dupes):
        raise BuildError(f"duplicate BibTeX key {dupes.iloc[0]!r}", file=path, rule="unique citekeys")
    return frame


def split_keys(value) -> list[str]:
    if value is None or (isinstance(value, float) and pd.isna(value)):
        return []
    return [k for k in str(value).split(";") if k]


def _cross_checks(ev: Evidence, data_dir: Path, bib_path: Path) -> None:
    tables = {n: getattr(ev, n) for n in Evidence.table_names()}
    for table, column, ref, multi in FOREIGN_KEYS:
        ids = set(tables[ref]["id"])
        for line, value in tables[table][column].items():
            for v in (split_keys(value) if multi else ([value] if value is not None and not pd.isna(value) else [])):
                if v not in ids:
                    raise BuildError(f"{v!r} is not an id in {ref}.csv", file=data_dir / f"{table}.csv", row=line,
                                     column=column, rule=f"foreign key → {ref}.id")
    for line, row in ev.evidence.iterrows():
        ref = SUBJECT_TABLES[row["subject_type"]]
        if row["subject_id"] not in set(tables[ref]["id"]):
            raise BuildError(f"{row['subject_id']!r} is not an id in {ref}.csv", file=data_dir / "evidence.csv",
                             row=line, column="subject_id", rule=f"foreign key → {ref}.id")
    keys = set(ev.references["key"])
    for table, column in CITEKEY_COLUMNS:
        for line, value in tables[table][column].items():
            for k in split_keys(value):
                if k not in keys:
                    raise BuildError(f"citekey {k!r} is not in references.bib", file=data_dir / f"{table}.csv",
                                     row=line, column=column, rule="citekey exists in references.bib")


def load(root: Path | str | None = None, *, data_dir: Path | None = None) -> Evidence:
    root = find_root(Path(root) if root else None)
    data_dir = Path(data_dir) if data_dir else root / "data"
    tables = {}
    for name in Evidence.table_names():
        path = data_dir / f"{name}.csv"
        tables[name] = _validate_schema(name, read_csv(path), path)
    bib_path = root / "references.bib"
    ev = Evidence(**tables, references=load_references(bib_path), root=root)
    _cross_checks(ev, data_dir, bib_path)
    return ev


def source_citations(root: Path) -> list[tuple[Path, int, str]]:
    """Every [@key] / @key in the .qmd sources, with its line; cross-references are not citations."""
    found = []
    for path in sorted([*root.glob("*.qmd"), *root.glob("chapters/*.qmd"), *root.glob("briefs/*.qmd")]):
        in_code = False
        for lineno, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if line.startswith("```"):
                in_code = not in_code
                continue
            if in_code or line.strip().startswith("nocite"):
                continue
            for m in CITE_IN_SOURCE.finditer(line):
                if not m.group(1).startswith(CROSSREF_PREFIXES):
                    found.append((path, lineno, m.group(1)))
    return found


def check(root: Path | str = ".") -> str:
    """Validate everything `clustercsr check` promises, and summarise the base."""
    root = Path(root).resolve()
    ev = load(root)
    keys = set(ev.references["key"])
    for path, line, key in source_citations(root):
        if key not in keys:
            raise BuildError(f"citation @{key} is not in references.bib", file=path.relative_to(root), line=line,
                             rule="every [@key] exists in references.bib")
    from clustercsr import fidelity
    problems, paper_file = fidelity.problems(ev, root)
    if problems:
        first = problems[0]
        if len(problems) > 1:
            first.detail = f"(and {len(problems) - 1} more fidelity problem(s); first ones:)\n" + "\n".join(
                "  " + p.describe() for p in problems[1:6])
        raise first
    used = set(ev.evidence["citekey"])
    lines = ["Evidence base is valid.", ""]
    for name in Evidence.table_names():
        lines.append(f"  {name + '.csv':24} {len(getattr(ev, name)):4d} rows")
    lines.append(f"  {'references.bib':24} {len(keys):4d} entries")
    lines.append("")
    lines.append(f"References used by at least one evidence row: {len(used & keys)} of {len(keys)} "
                 f"({100 * len(used & keys) / max(len(keys), 1):.0f}%)")
    lines.append(f"Citations in the sources: {len(source_citations(root))}, all resolved.")
    located = len(ev.evidence) + len(ev.model_links)
    lines.append(f"Locators: {located} rows name their paragraph; " + (
        f"each cited work was found there in {paper_file.name}." if paper_file else
        "not compared with the paper, which is not on this machine (set CLUSTERCSR_PAPER)."))
    return "\n".join(lines)
