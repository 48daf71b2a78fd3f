"""The bibliography as readers see it: cleaned BibTeX, author-year labels, and the literature timeline."""
from __future__ import annotations

import re

import pandas as pd

from clustercsr.analysis.definitions import BIBTEX_TYPE, REVIEWED_PAPER, THEMES, THEME_LABELS, WORK_TYPES
from clustercsr.analysis.text import wrap

# --------------------------------------------------------------------------------------------------------------
# Labels and small utilities
# --------------------------------------------------------------------------------------------------------------

def clean_bibtex(text) -> str:
    """BibTeX field text as a reader sees it: no protective braces, no TeX escapes, dashes as dashes."""
    if text is None or (isinstance(text, float) and pd.isna(text)):
        return ""
    out = str(text).replace("\\&", "&").replace("---", "\u2014").replace("--", "\u2013")
    out = re.sub(r"\\[a-zA-Z]+\s*", "", out).replace("{", "").replace("}", "")
    return " ".join(out.split())


def _split_authors(field: str) -> list[str]:
    """Split a BibTeX name list at " and " outside braces (so "{Ministry of Labour and Employment}" stays whole)."""
    parts, depth, start, i = [], 0, 0, 0
    while i < len(field):
        ch = field[i]
        depth += ch == "{"
        depth -= ch == "}"
        if depth == 0 and re.match(r"\s+and\s+", field[i:]) and field[i].isspace():
            parts.append(field[start:i])
            i += len(re.match(r"\s+and\s+", field[i:]).group(0))
            start = i
            continue
        i += 1
    parts.append(field[start:])
    return parts


def _surnames(author_field: str) -> list[str]:
    names = [a.strip() for a in _split_authors(author_field or "") if a.strip()]
    out = []
    for name in names:
        if name.startswith("{") and name.endswith("}"):  # a corporate author, kept whole
            out.append(name.strip("{} "))
            continue
        name = name.strip("{}")
        out.append(name.split(",")[0].strip("{} ") if "," in name else name.split()[-1].strip("{} "))
    return out


def citation_label(author_field: str, year: str) -> str:
    """Author–year label as the review prints it: "Blackman (2006)", "Lund-Thomsen & Nadvi (2010a)"."""
    s = _surnames(author_field)
    if not s:
        who = "Anon."
    elif len(s) == 1:
        who = s[0]
    elif len(s) == 2:
        who = f"{s[0]} & {s[1]}"
    else:
        who = f"{s[0]} et al."
    return f"{who} ({year})"


def _first_initial(author_field: str) -> str:
    first = _split_authors(author_field or "")[0].strip("{} ")
    given = first.split(",", 1)[1].strip() if "," in first else " ".join(first.split()[:-1])
    return (given[:1] + ".") if given else ""


def citation_labels(references: pd.DataFrame) -> pd.Series:
    """citekey → author–year label, with the year suffix taken from the key (nadvi1999a → 1999a).

    Where two works would get the same label (different authors sharing a surname and year, as in
    khana2007 and khanf2007), the first author's initial is added: "Khan, A. (2007)", "Khan, F. (2007)".
    """
    if references.empty:
        return pd.Series(dtype=object)

    def year_of(row):
        m = re.search(r"(\d{4}[a-z]?|forthcoming)$", row["key"])
        return m.group(1) if m else row["year"]

    labels = pd.Series([citation_label(a, year_of(r)) for a, (_, r) in zip(references["author"], references.iterrows())],
                       index=references["key"].values, dtype=object)
    clash = labels.duplicated(keep=False).values
    for i in [i for i, c in enumerate(clash) if c]:
        row = references.iloc[i]
        initial = _first_initial(row["author"])
        if initial:
            who, year = labels.iloc[i].rsplit(" (", 1)
            labels.iloc[i] = f"{who.replace(_surnames(row['author'])[0], _surnames(row['author'])[0] + ', ' + initial, 1)} ({year}"
    return labels



# --------------------------------------------------------------------------------------------------------------
# Literature timeline
# --------------------------------------------------------------------------------------------------------------

def dominant_theme(evidence: pd.DataFrame) -> pd.Series:
    """citekey → the theme that occurs most often among its evidence rows (ties: environment, work conditions,
    poverty, general)."""
    order = {t: i for i, t in enumerate([*THEMES, "general"])}
    counts = evidence.groupby(["citekey", "theme"]).size().reset_index(name="n")
    counts["rank"] = counts["theme"].map(order)
    counts = counts.sort_values(["citekey", "n", "rank"], ascending=[True, False, True])
    return counts.drop_duplicates("citekey").set_index("citekey")["theme"]


def works_timeline(references: pd.DataFrame, evidence: pd.DataFrame, labels: pd.Series,
                   exclude: tuple[str, ...] = (REVIEWED_PAPER,)) -> pd.DataFrame:
    """One row per cited work: when it appeared, what kind of work it is and its dominant theme.

    Works cited as forthcoming (no year) sit in their own bin, placed three years after the latest year.
    Columns: key, label, title, year_label, year_pos, type_group, theme, type_order, theme_order;
    sorted by year_pos, label.
    """
    refs = references[~references["key"].isin(exclude)].copy()
    years = pd.to_numeric(refs["year"].astype(str).str.extract(r"(\d{4})")[0], errors="coerce")
    latest = int(years.max()) if years.notna().any() else 2000
    forthcoming_pos = latest + 3
    refs["year_pos"] = years.fillna(forthcoming_pos).astype(int)
    refs["year_label"] = [str(int(y)) if pd.notna(y) else "forthcoming" for y in years]
    refs["type_group"] = refs["type"].str.lower().map(BIBTEX_TYPE).fillna("Other")
    themes = dominant_theme(evidence)
    refs["theme"] = refs["key"].map(themes).fillna("none").map(THEME_LABELS)
    refs["label"] = refs["key"].map(labels).fillna(refs["key"])
    refs["title"] = refs["title"].map(clean_bibtex)
    type_rank = {t: i for i, t in enumerate(WORK_TYPES)}
    theme_rank = {THEME_LABELS[t]: i for i, t in enumerate([*THEMES, "general", "none"])}
    refs["type_order"] = refs["type_group"].map(type_rank).astype(int)
    refs["theme_order"] = refs["theme"].map(theme_rank).astype(int)
    out = refs.sort_values(["year_pos", "label"]).reset_index(drop=True)
    return out[["key", "label", "title", "year_label", "year_pos", "type_group", "theme", "type_order",
                "theme_order"]]


def works_per_year(works: pd.DataFrame) -> pd.DataFrame:
    """How many works each year (or the forthcoming bin) has. Columns: year_pos, year_label, works."""
    out = works.groupby(["year_pos", "year_label"]).size().reset_index(name="works")
    return out.sort_values("year_pos").reset_index(drop=True)


def work_lines(works: pd.DataFrame, width: int = 72) -> pd.DataFrame:
    """The timeline's linked list: per work a heading line (label, type) and its title wrapped at `width`, with
    an empty "gap" line between works.

    Columns: key, year_pos, order, kind, text, title."""
    out, order = [], 0
    for _, w in works.sort_values(["year_pos", "label"]).iterrows():
        if order:
            out.append({"key": w["key"], "year_pos": w["year_pos"], "order": order, "kind": "gap", "text": "",
                        "title": w["title"]})
            order += 1
        out.append({"key": w["key"], "year_pos": w["year_pos"], "order": order, "kind": "head",
                    "text": f"{w['label']} \u00b7 {w['type_group']}", "title": w["title"]})
        order += 1
        for line in wrap(w["title"], width):
            out.append({"key": w["key"], "year_pos": w["year_pos"], "order": order, "kind": "body", "text": line,
                        "title": w["title"]})
            order += 1
    return pd.DataFrame(out, columns=["key", "year_pos", "order", "kind", "text", "title"])
