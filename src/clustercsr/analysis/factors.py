"""Drivers and barriers: works per subject, mirror pairs, and the evidence rows behind each item."""
from __future__ import annotations

import pandas as pd

from clustercsr.analysis.definitions import REVIEWED_PAPER
from clustercsr.analysis.references import citation_labels
from clustercsr.analysis.text import wrap

# --------------------------------------------------------------------------------------------------------------
# Works per subject, drivers and barriers
# --------------------------------------------------------------------------------------------------------------

def cited_works_only(evidence: pd.DataFrame) -> pd.DataFrame:
    """Evidence rows that cite another work: the review's own uncited claims are not works it cites."""
    return evidence[evidence["citekey"] != REVIEWED_PAPER]


def works_per_subject(evidence: pd.DataFrame, subject_type: str) -> pd.Series:
    """subject_id → number of distinct works cited for it (see WORKS_DEFINITION)."""
    evidence = cited_works_only(evidence)
    rows = evidence[evidence["subject_type"] == subject_type]
    return rows.groupby("subject_id")["citekey"].nunique()


def factor_pairs(factors: pd.DataFrame, evidence: pd.DataFrame) -> pd.DataFrame:
    """One row per factor, placed on the row of its driver–barrier pair; barriers get negative signed lengths.

    Columns: id, label, kind, level, pair, pair_label, pair_rank, works, signed_works, barrier_label and
    driver_label (the pair's two names, "" where one is missing), pair_key ("pair|barrier_label|driver_label",
    one value per row of the chart).
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
    # barriers without a driver come after every pair, in label order
    lone = sorted(out.loc[~out["pair"].isin(rank), "pair"].unique(), key=lambda p: labels[p])
    rank.update({pid: len(order) + i for i, pid in enumerate(lone)})
    out["pair_rank"] = out["pair"].map(rank).astype(int)
    out = out.sort_values(["pair_rank", "kind", "label"]).reset_index(drop=True)
    barrier_of = out[(out["kind"] != "driver")].groupby("pair")["label"].agg(lambda v: " / ".join(sorted(v)))
    driver_of = out[out["kind"] == "driver"].set_index("pair")["label"]
    out["barrier_label"] = out["pair"].map(barrier_of).fillna("")
    out["driver_label"] = out["pair"].map(driver_of).fillna("")
    out["pair_key"] = out["pair"] + "|" + out["barrier_label"] + "|" + out["driver_label"]
    return out[["id", "label", "kind", "level", "pair", "pair_label", "pair_rank", "works", "signed_works",
                "barrier_label", "driver_label", "pair_key"]]


def subject_evidence(ev, subject_type: str) -> pd.DataFrame:
    """The evidence rows about one kind of subject, readable: subject_id, citation, cluster, finding, stance."""
    return evidence_rows(ev.evidence, ev.clusters, citation_labels(ev.references), subject_type)


def evidence_rows(evidence: pd.DataFrame, clusters: pd.DataFrame, labels: pd.Series,
                  subject_type: str | None = None) -> pd.DataFrame:
    """Evidence rows (optionally of one subject type) with readable citation and cluster names.

    Columns: subject_type, subject_id, cluster_id, citekey, citation, cluster, stance, finding, locator (the
    paragraph of the paper the row rests on, e.g. "§ Drivers, ¶4"; "" where the table has none); sorted by
    subject, citation.
    """
    rows = evidence if subject_type is None else evidence[evidence["subject_type"] == subject_type]
    names = clusters.set_index("id")["name"]
    out = pd.DataFrame({
        "subject_type": rows["subject_type"].values,
        "subject_id": rows["subject_id"].values,
        "cluster_id": rows["cluster_id"].fillna("").values,
        "citation": rows["citekey"].map(labels).fillna(rows["citekey"]).values,
        "cluster": rows["cluster_id"].map(names).fillna("").values,
        "stance": rows["stance"].values,
        "finding": rows["finding"].values,
        "citekey": rows["citekey"].values,
        "locator": rows["locator"].fillna("").values if "locator" in rows else [""] * len(rows),
    })
    return out.sort_values(["subject_id", "citation", "finding"]).reset_index(drop=True)


def evidence_lines(rows: pd.DataFrame, key: str, width: int = 72, about: pd.Series | None = None) -> pd.DataFrame:
    """The linked evidence list, one row per printed line, so a chart can show wrapped findings.

    `rows` has the column `key` and citation, cluster, finding (as from `evidence_rows`). `about` optionally
    maps a row's index to a short subject name shown in the heading line. Each evidence row gives a heading
    line ("Citation · Cluster · subject · locator") and its finding wrapped at `width` characters; an empty "gap" line
    separates consecutive rows. Columns: <key>, order (a global sort position), kind ("head", "body" or
    "gap"), text, finding.
    """
    out = []
    order = 0
    for idx, row in rows.iterrows():
        if order:
            out.append({key: row[key], "order": order, "kind": "gap", "text": "", "finding": row["finding"]})
            order += 1
        head = [row["citation"]]
        if row.get("cluster"):
            head.append(row["cluster"])
        if about is not None and isinstance(about.get(idx), str) and about.get(idx):
            head.append(about.get(idx))
        if isinstance(row.get("locator"), str) and row.get("locator"):
            head.append(row["locator"])   # where the claim sits in the paper, for readers who have it
        out.append({key: row[key], "order": order, "kind": "head", "text": " \u00b7 ".join(head),
                    "finding": row["finding"]})
        order += 1
        for line in wrap(row["finding"], width):
            out.append({key: row[key], "order": order, "kind": "body", "text": line, "finding": row["finding"]})
            order += 1
    return pd.DataFrame(out, columns=[key, "order", "kind", "text", "finding"])


def pair_slots(pairs: pd.DataFrame, width: int) -> tuple[pd.DataFrame, pd.DataFrame, int]:
    """Line-by-line placement of factor_pairs() rows: each pair's two names wrapped at `width` characters, each
    line on its own slot (a fixed-height row), the bar on the slot under the longer name, and a free slot
    between pairs, so no name is cut and short names waste no room.

    Returns (bars, names, slots): `pairs` with column slot (the bar's slot); names with columns id, kind, slot,
    text (one line each), line (its number within the name); and the number of slots used.
    """
    bars, names, slot = [], [], 0
    for key in dict.fromkeys(pairs.sort_values("pair_rank")["pair_key"]):
        part = pairs[pairs["pair_key"] == key]
        wrapped = {r.id: wrap(r.label, width) for r in part.itertuples()}
        n = max(len(v) for v in wrapped.values())
        for r in part.itertuples():
            lines = wrapped[r.id]
            for i, text in enumerate(lines):
                names.append({"id": r.id, "kind": r.kind, "slot": slot + n - len(lines) + i, "text": text, "line": i})
            bars.append((r.Index, slot + n))
        slot += n + 2
    out = pairs.copy()
    out["slot"] = pd.Series(dict(bars)).reindex(out.index).astype("Int64")
    out = out[out["slot"].notna()].astype({"slot": int})
    return out, pd.DataFrame(names, columns=["id", "kind", "slot", "text", "line"]), max(slot - 1, 0)
