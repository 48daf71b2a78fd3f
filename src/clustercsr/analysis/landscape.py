"""Table 2's research topics and Table 3's limitations, with the evidence behind each."""
from __future__ import annotations

import pandas as pd

from clustercsr.analysis.definitions import AREA_LABELS, COVERAGE_LABELS, THEMES
from clustercsr.analysis.factors import works_per_subject

# --------------------------------------------------------------------------------------------------------------
# Research landscape (Table 2) and limitations (Table 3)
# --------------------------------------------------------------------------------------------------------------

def topic_coverage(topics: pd.DataFrame, evidence: pd.DataFrame) -> pd.DataFrame:
    """One row per Table 2 topic with its area, the works cited for it and whether the paper calls it thin.

    thin is True where coverage is "few" or "virtually-none". Rows keep the order of topics.csv within the
    area order environment, work conditions, poverty. Columns: id, area, area_label, label, coverage,
    coverage_label, coverage_note, thin, works, rank.
    """
    works = works_per_subject(evidence, "topic")
    out = topics[["id", "area", "label", "coverage", "coverage_note"]].copy()
    out["area_label"] = out["area"].map(AREA_LABELS)
    out["coverage_label"] = out["coverage"].map(COVERAGE_LABELS)
    out["thin"] = out["coverage"].isin(["few", "virtually-none"])
    out["works"] = out["id"].map(works).fillna(0).astype(int)
    out["_area"] = out["area"].map({a: i for i, a in enumerate(THEMES)})
    out["_pos"] = range(len(out))
    out = out.sort_values(["_area", "_pos"]).reset_index(drop=True)
    out["rank"] = range(len(out))
    return out[["id", "area", "area_label", "label", "coverage", "coverage_label", "coverage_note", "thin", "works",
                "rank"]]


def limitation_summary(limitations: pd.DataFrame, evidence: pd.DataFrame, clusters: pd.DataFrame) -> pd.DataFrame:
    """One row per Table 3 critique, in the paper's order, with the works and case clusters behind it.

    Columns: id, order, label, works, n_clusters, clusters (names, sorted, ", "-joined, or "none named"),
    note (e.g. "2 works · clusters: Jalandhar footballs"), heading (e.g. "1. Export focus").
    """
    rows = evidence[evidence["subject_type"] == "limitation"]
    names = clusters.set_index("id")["name"]
    out = limitations[["id", "order", "label"]].copy().sort_values("order").reset_index(drop=True)
    out["works"] = out["id"].map(works_per_subject(evidence, "limitation")).fillna(0).astype(int)
    named = rows[rows["cluster_id"].notna()].groupby("subject_id")["cluster_id"].agg(
        lambda ids: sorted({names.get(i, i) for i in ids}))
    out["n_clusters"] = out["id"].map(named).map(lambda v: len(v) if isinstance(v, list) else 0).astype(int)
    out["clusters"] = out["id"].map(named).map(lambda v: ", ".join(v) if isinstance(v, list) and v else "none named")
    out["note"] = [f"{w} work{'' if w == 1 else 's'} \u00b7 clusters: {c}" for w, c in zip(out["works"], out["clusters"])]
    out["heading"] = [f"{o}. {lbl}" for o, lbl in zip(out["order"], out["label"])]
    return out[["id", "order", "label", "works", "n_clusters", "clusters", "note", "heading"]]


VERDICT_RANK = {"virtually-none": 1, "few": 2, "substantial": 3}


def landscape_rows(topics: pd.DataFrame, per_area: int | None = None) -> pd.DataFrame:
    """topic_coverage()'s table as the rows of a list: each research area a heading row, then its topics.

    per_area keeps at most that many topics of each area (in order). Columns: row (from 0), kind ("head" or
    "item"), id ("" for headings), area_label, label (the topic, or the area for headings), coverage,
    coverage_label, coverage_note, works, verdict (1 virtually none, 2 few studies, 3 a body of studies; 0 for
    headings), shown (topics of the area kept), total (topics of the area).
    """
    cols = ["row", "kind", "id", "area_label", "label", "coverage", "coverage_label", "coverage_note", "works",
            "verdict", "shown", "total"]
    rows, row = [], 0
    for area, part in topics.groupby("area_label", sort=False):
        kept = part if per_area is None else part.head(per_area)
        rows.append({"row": row, "kind": "head", "id": "", "area_label": area, "label": area, "coverage": "",
                     "coverage_label": "", "coverage_note": "", "works": 0, "verdict": 0, "shown": len(kept),
                     "total": len(part)})
        row += 1
        for r in kept.itertuples():
            rows.append({"row": row, "kind": "item", "id": r.id, "area_label": area, "label": r.label,
                         "coverage": r.coverage, "coverage_label": r.coverage_label,
                         "coverage_note": r.coverage_note, "works": int(r.works),
                         "verdict": VERDICT_RANK.get(r.coverage, 0), "shown": len(kept), "total": len(part)})
            row += 1
    return pd.DataFrame(rows, columns=cols)
