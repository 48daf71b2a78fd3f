"""Scholarly fidelity rules: every row points at the paragraph of the paper it rests on, and every judgement the
paper does not state carries a basis.

Each rule is a function that returns a list of problems (BuildError objects naming file, row, column and rule);
an empty list means the rule holds. `clustercsr check` runs them (evidence.check).
"""
from __future__ import annotations

from pathlib import Path

import pandas as pd

from clustercsr import paper
from clustercsr.errors import BuildError

REVIEW = "lundthomsenetal2016"
# tables whose rows point at the paper: (table, citekey column, multi-valued, section column or None)
LOCATED = [("evidence", "citekey", False, "section"), ("model_links", "citekeys", True, None)]
# tables holding judgements of ours, each row explaining them in `basis`
JUDGED = ["factors", "clusters", "model_links"]
LOCATOR_RULE = "locator names a paragraph of the paper that cites the row's work"


def _keys(value) -> list[str]:
    if value is None or (isinstance(value, float) and pd.isna(value)):
        return []
    return [k for k in str(value).split(";") if k]


def split_locators(value) -> list[str]:
    """'§ Model, ¶4; § Drivers, ¶5' -> ['§ Model, ¶4', '§ Drivers, ¶5']."""
    if value is None or (isinstance(value, float) and pd.isna(value)):
        return []
    return [v.strip() for v in str(value).split(";") if v.strip()]


def citation_finders(references: pd.DataFrame, errata: pd.DataFrame) -> dict[str, tuple[list, list[str]]]:
    """{citekey: (regex patterns for the in-text citation, the paper's misspelt forms from errata.csv)}."""
    aliases: dict[str, list[str]] = {}
    if "citekey" in errata.columns:
        for _, row in errata.iterrows():
            if "alias" in errata.columns and not row["alias"]:
                continue
            for key in _keys(row["citekey"]):
                aliases.setdefault(key, []).append(row["paper_says"])
    out = {}
    for _, ref in references.iterrows():
        surnames = paper.bib_surnames(ref["author"])
        if not surnames:
            continue
        year = paper.intext_year(ref["key"], ref["year"])
        out[ref["key"]] = ([paper.citation_pattern(surnames, year)], aliases.get(ref["key"], []))
    return out


def locator_problems(ev, paper_path: Path | None, data_dir: Path | None = None) -> list[BuildError]:
    """Locators well formed (always) and, when the paper is at hand, naming a paragraph that cites the row's work.

    A row citing the review itself (lundthomsenetal2016) is one of the review's own claims: its paragraph must
    exist, but there is no citation to find in it.
    """
    data_dir = Path(data_dir) if data_dir else (Path(ev.root) / "data" if ev.root else Path("data"))
    index = paper.paragraph_index(paper_path) if paper_path else None
    finders = citation_finders(ev.references, ev.errata) if index is not None else {}
    problems: list[BuildError] = []
    for table, key_col, multi, section_col in LOCATED:
        frame = getattr(ev, table)
        path = data_dir / f"{table}.csv"
        if "locator" not in frame.columns:
            problems.append(BuildError("missing column 'locator'", file=path, row=1, column="locator",
                                       rule="every row names its paragraph"))
            continue
        for line, row in frame.iterrows():
            locators = split_locators(row["locator"])
            if not locators:
                problems.append(BuildError("no locator: name the paragraph of the paper this row rests on, "
                                           "e.g. '§ Drivers, ¶4'", file=path, row=line, column="locator",
                                           rule="every row names its paragraph"))
                continue
            texts = []
            for loc in locators:
                parsed = paper.parse_locator(loc)
                if parsed is None:
                    problems.append(BuildError(f"malformed locator {loc!r}; write '§ <section>, ¶<n>' with a section "
                                               "name from data/README.md", file=path, row=line, column="locator",
                                               rule="locator format"))
                    continue
                slug, number = parsed
                if section_col and slug != row[section_col]:
                    problems.append(BuildError(f"locator {loc!r} is in section {slug!r} but the row's section is "
                                               f"{row[section_col]!r}", file=path, row=line, column="locator",
                                               rule="locator agrees with section"))
                if index is None:
                    continue
                para = index.get((slug, number or 0))
                if para is None:
                    problems.append(BuildError(f"the paper has no paragraph {loc!r}", file=path, row=line,
                                               column="locator", rule=LOCATOR_RULE))
                    continue
                texts.append(para.text)
            if index is None or not texts:
                continue
            keys = _keys(row[key_col]) if multi else [row[key_col]]
            for key in keys:
                if key == REVIEW:
                    continue
                patterns, aliases = finders.get(key, ([], []))
                if not any(paper.cites(t, patterns, aliases) for t in texts):
                    problems.append(BuildError(f"{key} is not cited in {'; '.join(locators)} of the paper",
                                               file=path, row=line, column="locator", rule=LOCATOR_RULE))
    return problems


def basis_problems(ev, data_dir: Path | None = None) -> list[BuildError]:
    """Every row of a table of judgements (pairings, levels, pressures, markets, places, model arrows) says, in
    `basis`, which of its values are ours and what they rest on."""
    data_dir = Path(data_dir) if data_dir else (Path(ev.root) / "data" if ev.root else Path("data"))
    problems = []
    for table in JUDGED:
        frame = getattr(ev, table)
        path = data_dir / f"{table}.csv"
        if "basis" not in frame.columns:
            problems.append(BuildError("missing column 'basis'", file=path, row=1, column="basis",
                                       rule="judgements carry a basis"))
            continue
        for line, value in frame["basis"].items():
            if value is None or not str(value).strip():
                problems.append(BuildError("empty basis: say which values of this row are our judgement and what "
                                           "they rest on", file=path, row=line, column="basis",
                                           rule="judgements carry a basis"))
    return problems


def problems(ev, root: Path) -> tuple[list[BuildError], Path | None]:
    """All fidelity problems of the evidence base at `root`, and the paper file used (None if not found)."""
    found = paper.find_paper(root)
    data_dir = Path(root) / "data"
    return locator_problems(ev, found, data_dir) + basis_problems(ev, data_dir), found
