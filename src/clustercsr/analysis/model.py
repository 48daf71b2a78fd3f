"""The conceptual model (Figure 1) and the proposition explorer's groups and rules."""
from __future__ import annotations

import itertools
import math

import pandas as pd

from clustercsr.analysis.definitions import LEVELS, OUTCOME_LABELS, SIGN_LABELS
from clustercsr.analysis.text import split_keys, wrap

# --------------------------------------------------------------------------------------------------------------
# Conceptual model (Figure 1)
# --------------------------------------------------------------------------------------------------------------

def model_layout(model_links: pd.DataFrame, factors: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Fixed coordinates for the node-link drawing of the model, on a unit square (y grows downwards).

    Factor nodes (the distinct sources of model_links) sit at x = 0, spread evenly from y = 0 to y = 1 (a
    single node sits at 0.5). To keep lines from crossing, they are ordered by what they reach: first the
    factors linked only to first-tier CSR, then those linked to both outcomes, then those linked only to
    lower-tier CSR; within each band by level (global, national, cluster, community), then by label.
    The two outcome nodes sit at x = 1, each at the mean y of the factors linked to it (first-tier at 1/3
    and lower-tier at 2/3 when nothing links to it), rounded to 6 decimals. Edges run from a source to its
    target; its marker (arrowhead, bar or diamond) sits at (ax, ay), 62 % of the way along, where the lines
    converging on an outcome are still apart, and `angle` is the edge's heading in degrees (0 = right,
    clockwise positive, as Vega rotates shapes).

    nodes: id, label, role ("factor"/"outcome"), level, kind, x, y, links, summary, text (the label as a list
           of lines: outcome labels are wrapped at 18 characters), source (the id for factors, "" for outcomes).
    edges: id, source, target, source_label, target_label, sign, sign_label, mechanism, propositions,
           x, y, x2, y2, ax, ay, angle.
    """
    fac = factors.set_index("id")

    def attr(s, col, default=""):
        return fac.at[s, col] if s in fac.index else default

    reach = model_links.groupby("source")["target"].agg(lambda t: set(t))
    band = {frozenset({"csr-first-tier"}): 0, frozenset({"csr-first-tier", "csr-lower-tier"}): 1,
            frozenset({"csr-lower-tier"}): 2}
    level_rank = {lv: i for i, lv in enumerate(LEVELS)}
    sources = sorted(dict.fromkeys(model_links["source"]),
                     key=lambda s: (band.get(frozenset(reach[s]), 1), level_rank.get(attr(s, "level"), 99),
                                    attr(s, "label", s)))
    n = len(sources)
    ys = {s: round(0.5 if n == 1 else i / (n - 1), 6) for i, s in enumerate(sources)}
    rows = [{"id": s, "label": attr(s, "label", s), "role": "factor", "level": attr(s, "level"),
             "kind": attr(s, "kind"), "x": 0.0, "y": ys[s], "summary": attr(s, "summary")} for s in sources]
    for target, default in (("csr-first-tier", 1 / 3), ("csr-lower-tier", 2 / 3)):
        linked = [ys[s] for s in dict.fromkeys(model_links.loc[model_links["target"] == target, "source"])]
        y = sum(linked) / len(linked) if linked else default
        rows.append({"id": target, "label": OUTCOME_LABELS[target], "role": "outcome", "level": "",
                     "kind": "outcome", "x": 1.0, "y": round(y, 6), "summary": ""})
    nodes = pd.DataFrame(rows, columns=["id", "label", "role", "level", "kind", "x", "y", "summary"])
    counts = pd.concat([model_links["source"], model_links["target"]]).value_counts()
    nodes["links"] = nodes["id"].map(counts).fillna(0).astype(int)
    for target in OUTCOME_LABELS:
        mask = nodes["id"] == target
        nodes.loc[mask, "summary"] = f"Reached by {int(nodes.loc[mask, 'links'].iloc[0])} link(s) of the model."
    nodes["text"] = [wrap(lbl, 18) if role == "outcome" else [lbl] for lbl, role in zip(nodes["label"], nodes["role"])]
    nodes["source"] = [i if role == "factor" else "" for i, role in zip(nodes["id"], nodes["role"])]
    nodes = nodes[["id", "label", "role", "level", "kind", "x", "y", "links", "summary", "text", "source"]]

    pos = nodes.set_index("id")
    edges = model_links[["id", "source", "target", "sign", "mechanism", "proposition_ids"]].copy()
    edges["source_label"] = edges["source"].map(pos["label"])
    edges["target_label"] = edges["target"].map(pos["label"])
    edges["sign_label"] = edges["sign"].map(SIGN_LABELS)
    edges["propositions"] = edges["proposition_ids"].map(lambda v: ", ".join(split_keys(v)) or "none")
    edges["x"] = edges["source"].map(pos["x"])
    edges["y"] = edges["source"].map(pos["y"])
    edges["x2"] = edges["target"].map(pos["x"])
    edges["y2"] = edges["target"].map(pos["y"])
    edges["ax"] = (edges["x"] + 0.62 * (edges["x2"] - edges["x"])).round(6)
    edges["ay"] = (edges["y"] + 0.62 * (edges["y2"] - edges["y"])).round(6)
    edges["angle"] = [round(math.degrees(math.atan2(y2 - y, x2 - x)), 3)
                      for x, y, x2, y2 in zip(edges["x"], edges["y"], edges["x2"], edges["y2"])]
    edges = edges.sort_values(["y", "target"]).reset_index(drop=True)
    return nodes, edges[["id", "source", "target", "source_label", "target_label", "sign", "sign_label", "mechanism",
                         "propositions", "x", "y", "x2", "y2", "ax", "ay", "angle"]]


# --------------------------------------------------------------------------------------------------------------
# Proposition explorer: the model's factors in five groups, and every combination of their strengths
# --------------------------------------------------------------------------------------------------------------

# (id, label, what it stands for). Ids are valid JavaScript names: the chart binds one param to each.
MODEL_GROUPS = [
    ("visible_chains", "Visible global value chains",
     "brand-conscious foreign buyers who watch their suppliers (absent = the cluster sells mostly in local chains)"),
    ("associations", "Local industry associations",
     "business associations and other joint action among the cluster's firms, with peer pressure"),
    ("state", "State enforcement",
     "labour and environmental laws, and regulators able and willing to enforce them"),
    ("bottom_up", "Bottom-up monitoring",
     "pressure from workers and unions, nearby communities, NGOs and the media"),
    ("norms_dialogue", "Norms and dialogue",
     "normative institutions (universities, training bodies) and organised dialogue with stakeholders"),
]
STRENGTHS = ["absent", "weak", "strong"]
OUTCOMES = ["poor", "partial, piecemeal", "improves"]

# Which group each factor id of the model belongs to. Ids not listed fall back to the keyword rules below,
# applied to the factor's id and label in this order; a factor matching none goes to "norms_dialogue".
FACTOR_GROUP = {
    # buyers: who the cluster sells to, and how closely they watch
    "participation-in-global-value-chains": "visible_chains", "participation-in-local-value-chains": "visible_chains",
    "less-visible-global-value-chains": "visible_chains",
    # the cluster's own joint action, and what undermines it
    "business-associations": "associations", "peer-monitoring": "associations", "social-networks": "associations",
    "free-riding": "associations", "smes-lacking-csr-capacity": "associations",
    "intra-cluster-subcontracting": "associations",
    # the state
    "enforcement-of-national-laws": "state", "non-enforcement-of-national-laws": "state",
    "bribing-officials": "state", "economic-development-imperatives": "state",
    # pressure from below and from outside watchers
    "informal-regulation": "bottom_up", "union-suppression": "bottom_up", "labour-agency": "bottom_up",
    "community-monitoring": "bottom_up", "ngo-union-media-monitoring": "bottom_up",
    # norms and the political setting
    "normative-institutions": "norms_dialogue", "stakeholder-dialogue": "norms_dialogue",
    "authoritarian-political-settings": "norms_dialogue",
}
GROUP_KEYWORDS = [
    ("visible_chains", ("value-chain", "value chain", "buyer", "chain")),
    ("associations", ("association", "peer", "social-network", "social network", "collective", "joint",
                      "subcontract", "free-rid")),
    ("state", ("enforce", "law", "regulat", "brib", "state", "government")),
    ("bottom_up", ("informal", "union", "labour", "labor", "worker", "communit", "ngo", "media", "monitor",
                   "civil")),
    ("norms_dialogue", ("normative", "dialogue", "democra", "universit", "institution", "political")),
]


def factor_group(factor_id: str, label: str = "") -> str:
    """The model group of one factor: FACTOR_GROUP first, then GROUP_KEYWORDS on id and label."""
    if factor_id in FACTOR_GROUP:
        return FACTOR_GROUP[factor_id]
    text = f"{factor_id} {label}".lower()
    for group, words in GROUP_KEYWORDS:
        if any(w in text for w in words):
            return group
    return "norms_dialogue"


def model_groups(model_links: pd.DataFrame, factors: pd.DataFrame) -> pd.DataFrame:
    """Each source factor of the model with its group. Columns: factor_id, factor, group, group_label."""
    fac = factors.set_index("id")
    labels = {g: lbl for g, lbl, _ in MODEL_GROUPS}
    rows = []
    for s in dict.fromkeys(model_links["source"]):
        label = fac.at[s, "label"] if s in fac.index else s
        g = factor_group(s, label)
        rows.append({"factor_id": s, "factor": label, "group": g, "group_label": labels[g]})
    order = {g: i for i, (g, _, _) in enumerate(MODEL_GROUPS)}
    out = pd.DataFrame(rows, columns=["factor_id", "factor", "group", "group_label"])
    return out.sort_values(["group", "factor"], key=lambda s: s.map(order) if s.name == "group" else s).reset_index(drop=True)


def _listing(names: list[str]) -> str:
    names = [n.lower() for n in names]
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


def proposition_rules(groups: list[str] | None = None) -> pd.DataFrame:
    """Every combination of strengths (absent/weak/strong) of the model's factor groups, with the outcome the
    paper's propositions lead one to expect. An illustration of the propositions' logic, not an estimate.

    The rules, in order:
    - P1 and P2: visible global value chains AND local industry associations both strong → first-tier firms
      improve (P1, which the paper expects in few clusters), while lower-tier firms, to which work is
      outsourced, stay poor (P2), whatever the other groups are.
    - P3, partial: otherwise, if at least one group is strong → first-tier CSR is partial and piecemeal, and
      lower-tier firms stay poor.
    - P3, poor: otherwise (every group weak or absent) → poor at both tiers.

    Columns: key (e.g. "visible_chains=strong|associations=weak|…"), one column per group, first_tier,
    lower_tier, proposition ("P1 and P2" or "P3"), first_tier_proposition, lower_tier_proposition, explanation,
    proposition_text (a heading such as "Proposition P3"), explanation_lines (the explanation wrapped at 66
    characters, as a list).
    """
    groups = groups or [g for g, _, _ in MODEL_GROUPS]
    labels = {g: lbl for g, lbl, _ in MODEL_GROUPS}
    rows = []
    for combo in itertools.product(STRENGTHS, repeat=len(groups)):
        setting = dict(zip(groups, combo))
        strong = [labels.get(g, g) for g in groups if setting[g] == "strong"]
        weak = [labels.get(g, g) for g in groups if setting[g] == "weak"]
        if setting.get("visible_chains") == "strong" and setting.get("associations") == "strong":
            first, lower, p_first, p_lower = "improves", "poor", "P1", "P2"
            others = [s for s in strong if s not in (labels["visible_chains"], labels["associations"])]
            extra = (f"; strong {_listing(others)} does not change that picture in the paper's argument"
                     if others else "")
            text = ("Demanding, visible buyers backed by a local industry association are the pairing under which "
                    "the paper expects first-tier suppliers to do better (P1, and only in a few clusters), but the "
                    "work those suppliers pass down to subcontractors and home workers stays hard to monitor and "
                    f"largely non-compliant (P2){extra}.")
        elif strong:
            first, lower, p_first, p_lower = "partial, piecemeal", "poor", "P3", "P3"
            text = (f"With only {_listing(strong)} strong, and without visible buyers working together with a local "
                    "association, the paper expects CSR at the top to be taken up in bits and pieces and labour "
                    "violations and pollution to stay common further down (P3).")
        elif weak:
            first, lower, p_first, p_lower = "poor", "poor", "P3", "P3"
            text = (f"With {_listing(weak)} present only weakly and nothing strong, the paper expects labour "
                    "violations and pollution to stay widespread among first-tier and lower-tier firms alike (P3).")
        else:
            first, lower, p_first, p_lower = "poor", "poor", "P3", "P3"
            text = ("With none of the drivers present, the paper expects labour violations and pollution to be the "
                    "norm throughout the cluster, at the top and further down (P3).")
        proposition = p_first if p_first == p_lower else f"{p_first} and {p_lower}"
        rows.append({"key": "|".join(f"{g}={setting[g]}" for g in groups), **setting, "first_tier": first,
                     "lower_tier": lower, "proposition": proposition, "first_tier_proposition": p_first,
                     "lower_tier_proposition": p_lower, "explanation": text,
                     "proposition_text": ("Propositions " if " and " in proposition else "Proposition ") + proposition,
                     "explanation_lines": wrap(text, 66)})
    return pd.DataFrame(rows, columns=["key", *groups, "first_tier", "lower_tier", "proposition",
                                       "first_tier_proposition", "lower_tier_proposition", "explanation",
                                       "proposition_text", "explanation_lines"])


def group_members(groups: pd.DataFrame, width: int = 72) -> pd.DataFrame:
    """One row per model group (all of MODEL_GROUPS, in order) naming the model's factors in it.

    `groups` is model_groups()'s table. Columns: rank, group, group_label, factors ("; "-joined, or a note that
    none of the model's links starts in the group), text (the line "Label: what it stands for. In the model:
    …" wrapped at `width`, as a list), line (where its first line goes when the groups are printed one
    after another with a blank line between them).
    """
    rows, line = [], 0
    for rank, (g, label, stands_for) in enumerate(MODEL_GROUPS):
        names = groups.loc[groups["group"] == g, "factor"].tolist()
        factors = "; ".join(names) if names else "no link of the model starts here"
        text = wrap(f"{label}: {stands_for}. In the model: {factors}.", width)
        rows.append({"rank": rank, "group": g, "group_label": label, "factors": factors, "text": text,
                     "line": line})
        line += len(text) + 1
    return pd.DataFrame(rows, columns=["rank", "group", "group_label", "factors", "text", "line"])
