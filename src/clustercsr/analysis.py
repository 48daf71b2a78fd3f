"""Pure pandas helpers: tidy tables for the charts, computed from the evidence base and nothing else.

Derived figures and their definitions:
- works: the number of distinct citekeys among the evidence rows about a subject (a count of the review's
  in-text citations, not a measure of how strong the evidence is).
"""
from __future__ import annotations

import re

import pandas as pd

WORKS_DEFINITION = ("Works the review cites: the number of distinct works among the evidence rows about this item. "
                    "It counts the review's in-text citations; it does not measure how strong the evidence is.")


def _surnames(author_field: str) -> list[str]:
    names = [a.strip() for a in re.split(r"\s+and\s+", author_field or "") if a.strip()]
    out = []
    for name in names:
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


def citation_labels(references: pd.DataFrame) -> pd.Series:
    """citekey → author–year label, with the year suffix taken from the key (nadvi1999a → 1999a)."""
    def label(row):
        m = re.search(r"(\d{4}[a-z]?|forthcoming)$", row["key"])
        year = m.group(1) if m else row["year"]
        return citation_label(row["author"], year)
    return pd.Series(references.apply(label, axis=1).values, index=references["key"].values, dtype=object)


def works_per_subject(evidence: pd.DataFrame, subject_type: str) -> pd.Series:
    """subject_id → number of distinct works cited for it."""
    rows = evidence[evidence["subject_type"] == subject_type]
    return rows.groupby("subject_id")["citekey"].nunique()


def factor_pairs(factors: pd.DataFrame, evidence: pd.DataFrame) -> pd.DataFrame:
    """One row per factor, placed on the row of its driver–barrier pair; barriers get negative signed lengths.

    Columns: id, label, kind, level, pair, pair_label, works, signed_works.
    """
    works = works_per_subject(evidence, "factor")
    out = factors[["id", "label", "kind", "level", "mirror_id"]].copy()
    out["works"] = out["id"].map(works).fillna(0).astype(int)
    drivers = out.set_index("id")

    def pair_of(row):
        if row["kind"] == "driver":
            return row["id"]
        mirror = row["mirror_id"]
        if isinstance(mirror, str) and mirror in drivers.index and drivers.at[mirror, "kind"] == "driver":
            return mirror
        return row["id"]

    out["pair"] = out.apply(pair_of, axis=1)
    labels = out.set_index("id")["label"]
    out["pair_label"] = out.apply(
        lambda r: labels[r["pair"]] if r["pair"] != r["id"] or r["kind"] == "driver" else f"(no driver) {r['label']}", axis=1)
    out["signed_works"] = out["works"].where(out["kind"] == "driver", -out["works"])
    order = out[out["kind"] == "driver"].sort_values(["works", "label"], ascending=[False, True])["id"].tolist()
    rank = {pid: i for i, pid in enumerate(order)}
    out["pair_rank"] = out["pair"].map(lambda p: rank.get(p, len(rank))).astype(int)
    out = out.sort_values(["pair_rank", "kind", "label"]).reset_index(drop=True)
    return out[["id", "label", "kind", "level", "pair", "pair_label", "pair_rank", "works", "signed_works"]]


def subject_evidence(ev, subject_type: str) -> pd.DataFrame:
    """The evidence rows about one kind of subject, readable: subject_id, citation, cluster, finding, stance."""
    labels = citation_labels(ev.references)
    rows = ev.evidence[ev.evidence["subject_type"] == subject_type]
    clusters = ev.clusters.set_index("id")["name"]
    out = pd.DataFrame({
        "subject_id": rows["subject_id"].values,
        "citation": rows["citekey"].map(labels).fillna(rows["citekey"]).values,
        "cluster": rows["cluster_id"].map(clusters).fillna("").values,
        "stance": rows["stance"].values,
        "finding": rows["finding"].values,
    })
    return out.sort_values(["subject_id", "citation"]).reset_index(drop=True)
