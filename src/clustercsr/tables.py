"""Tables for the pages, through the same path as charts: markdown, never a DataFrame's HTML repr."""
from __future__ import annotations

import json
from pathlib import Path

import pandas as pd

from clustercsr import analysis, evidence
from clustercsr.safety import md_escape


class Table:
    """A pipe table whose every cell is escaped, so data can never inject HTML or markdown."""

    def __init__(self, frame: pd.DataFrame, description: str):
        self.frame = frame
        self.description = description

    def to_markdown(self) -> str:
        cols = list(self.frame.columns)
        lines = ["| " + " | ".join(md_escape(c) for c in cols) + " |", "|" + "|".join("---" for _ in cols) + "|"]
        for _, row in self.frame.iterrows():
            lines.append("| " + " | ".join(md_escape(row[c]) for c in cols) + " |")
        return "\n".join(lines)

    def _repr_mimebundle_(self, include=None, exclude=None):
        return {"text/markdown": self.to_markdown(), "text/plain": self.description}


def _datapackage(ev) -> dict:
    path = Path(ev.root) / "data" / "datapackage.json"
    evidence.record_read(path, ev.root)  # so an edit to it re-executes the pages that show it
    return json.loads(path.read_text(encoding="utf-8"))


def datasets(ev) -> Table:
    """One row per table of data/datapackage.json: its file, rows, fields and description."""
    rows = []
    for res in _datapackage(ev).get("resources", []):
        name = res["name"]
        frame = getattr(ev, name, None)
        rows.append({"Table": res.get("path", name), "Rows": len(frame) if frame is not None else "",
                     "Fields": ", ".join(f["name"] for f in res.get("schema", {}).get("fields", [])),
                     "What one row is": res.get("description", "")})
    return Table(pd.DataFrame(rows), "The datasets behind the site, from data/datapackage.json.")


def derived_figures(ev) -> Table:
    """Every figure the site computes rather than copies, with its definition."""
    rows = [
        {"Figure": "Works the review cites (for a factor, topic or limitation)", "Definition": analysis.WORKS_DEFINITION,
         "Used in": "Drivers and barriers; research landscape; limitations"},
        {"Figure": "Works cited for a cluster", "Definition": analysis.CLUSTER_WORKS_DEFINITION,
         "Used in": "Cluster map"},
        {"Figure": "Works linking a cluster to a factor", "Definition": analysis.CELL_WORKS_DEFINITION,
         "Used in": "Evidence matrix"},
        {"Figure": "Dominant theme of a work",
         "Definition": "The theme that most of a work's evidence rows carry; ties go to the first theme in the order "
                       "environment, work conditions, poverty, general.",
         "Used in": "Literature timeline (stacked by theme)"},
        {"Figure": "Expected outcome in the proposition explorer",
         "Definition": "A rule table, written by us, that applies propositions P1 to P3 and the model's text to every "
                       "combination of the model's factor groups set to absent, weak or strong; each rule names the "
                       "paragraph of the paper it encodes and says whether it is a proposition, the model's text or "
                       "our reading. An illustration, not an estimate.",
         "Used in": "Proposition explorer"},
    ]
    return Table(pd.DataFrame(rows), "The definition of each derived figure on the site.")


def explorer_rules(ev) -> Table:
    """The proposition explorer's rules, in the order they are tried for each tier, with their passages."""
    rules = analysis.proposition_rule_table()
    frame = pd.DataFrame({
        "Firms": rules["tier"].map({"first_tier": "First tier", "lower_tier": "Lower tiers"}),
        "When": rules["condition"], "Outcome": rules["outcome"],
        "Rests on": [f"{p}, {loc}" if p else loc for p, loc in zip(rules["proposition"], rules["locator"])],
        "Basis": rules["basis"]})
    return Table(frame, "The proposition explorer's rules, tried in this order for each tier; the first that holds "
                        "sets the outcome.")


def errata(ev) -> Table:
    frame = ev.errata[["paper_says", "meant", "location", "note"]].rename(columns={
        "paper_says": "The paper says", "meant": "Meant", "location": "Where", "note": "Note"})
    return Table(frame, "Inconsistencies in the source paper and how the site handles them.")

