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

def model_layout(model_links: pd.DataFrame, factors: pd.DataFrame, factor_chars: int = 10_000,
                 outcome_chars: int = 18) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Fixed coordinates for the node-link drawing of the model, on a unit square (y grows downwards).

    Factor nodes (the distinct sources of model_links) sit at x = 0, spread evenly from y = 0 to y = 1 (a
    single node sits at 0.5). They start ordered by what they reach: first the factors linked only to
    first-tier CSR, then those linked to both outcomes, then those linked only to lower-tier CSR; within each
    band by level (global, national, cluster, community), then by label. A barycentre sweep
    (barycentre_order) then reorders them to reduce crossing lines.
    The two outcome nodes sit at x = 1, each at the mean y of the factors linked to it (first-tier at 1/3
    and lower-tier at 2/3 when nothing links to it), rounded to 6 decimals. Edges run from a source to its
    target; its marker (arrowhead, bar or diamond) sits at (ax, ay): of the n lines into one outcome, taken from
    the top, the k-th has its marker 0.3 + 0.45·k/(n−1) of the way along (0.525 for a single line), so the
    markers spread out instead of standing in one column; `angle` is the edge's heading in degrees (0 = right,
    clockwise positive, as Vega rotates shapes).

    nodes: id, label, role ("factor"/"outcome"), level, kind, x, y, links, summary, text (the label as a list
           of lines: factor labels are wrapped at `factor_chars` characters, outcome labels at `outcome_chars`), source (the id for factors, "" for outcomes).
    edges: id, source, target, source_label, target_label, sign, sign_label, mechanism, propositions,
           x, y, x2, y2, ax, ay, angle, locator and basis (the passages the link rests on and which parts of it
           are our reading; "" where model_links has no such column).
    """
    fac = factors.set_index("id")

    def attr(s, col, default=""):
        return fac.at[s, col] if s in fac.index else default

    reach = model_links.groupby("source")["target"].agg(lambda t: set(t))
    band = {frozenset({"csr-first-tier"}): 0, frozenset({"csr-first-tier", "csr-lower-tier"}): 1,
            frozenset({"csr-lower-tier"}): 2}
    level_rank = {lv: i for i, lv in enumerate(LEVELS)}
    start = sorted(dict.fromkeys(model_links["source"]),
                   key=lambda s: (band.get(frozenset(reach[s]), 1), level_rank.get(attr(s, "level"), 99),
                                  attr(s, "label", s)))
    pairs = list(zip(model_links["source"], model_links["target"]))
    sources, _ = barycentre_order(pairs, start, [t for t in OUTCOME_LABELS if t in set(model_links["target"])])
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
    nodes["text"] = [wrap(lbl, outcome_chars if role == "outcome" else factor_chars)
                     for lbl, role in zip(nodes["label"], nodes["role"])]
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
    # markers spread along the lines into each outcome, from near the factors (top line) to near the outcome
    # (bottom line), so that they do not stand in one column where the lines converge
    edges["rank"] = edges.groupby("target")["y"].rank(method="first") - 1
    edges["count"] = edges.groupby("target")["y"].transform("size")
    edges["t"] = [0.3 + 0.45 * (r / (c - 1) if c > 1 else 0.5) for r, c in zip(edges["rank"], edges["count"])]
    edges["ax"] = (edges["x"] + edges["t"] * (edges["x2"] - edges["x"])).round(6)
    edges["ay"] = (edges["y"] + edges["t"] * (edges["y2"] - edges["y"])).round(6)
    edges["angle"] = [round(math.degrees(math.atan2(y2 - y, x2 - x)), 3)
                      for x, y, x2, y2 in zip(edges["x"], edges["y"], edges["x2"], edges["y2"])]
    for col in ("locator", "basis"):
        edges[col] = model_links[col].fillna("").values if col in model_links else ""
    edges = edges.drop(columns=["rank", "count", "t"]).sort_values(["y", "target"]).reset_index(drop=True)
    return nodes, edges[["id", "source", "target", "source_label", "target_label", "sign", "sign_label", "mechanism",
                         "propositions", "x", "y", "x2", "y2", "ax", "ay", "angle", "locator", "basis"]]


def crossings(pairs, sources: list, targets: list) -> int:
    """How many pairs of straight lines cross when `sources` stand in that order on one vertical line, `targets`
    on another, and each (source, target) of `pairs` is a line between them (shared ends do not count)."""
    s_pos = {s: i for i, s in enumerate(sources)}
    t_pos = {t: i for i, t in enumerate(targets)}
    lines = [(s_pos[s], t_pos[t]) for s, t in pairs if s in s_pos and t in t_pos]
    return sum(1 for i, (a, b) in enumerate(lines) for c, d in lines[i + 1:] if (a - c) * (b - d) < 0)


def barycentre_order(pairs, sources: list, targets: list, sweeps: int = 8) -> tuple[list, list]:
    """Orders of `sources` and `targets` with fewer crossings (see crossings), by the barycentre heuristic.

    Each sweep sorts the sources by the mean position of the targets they link to, then the targets by the
    mean position of their sources; ties (and nodes without links) keep their place in the order before the
    sweep, so the result is deterministic. After `sweeps` sweeps (or when an order repeats), the orders with
    the fewest crossings seen, the starting orders included, are returned (the earliest of equals).
    """
    pairs = [(s, t) for s, t in pairs if s in set(sources) and t in set(targets)]
    best = (crossings(pairs, sources, targets), list(sources), list(targets))
    src, tgt, seen = list(sources), list(targets), set()

    def sort_by_mean(nodes, other, pos_other, index):
        pos = {n: i for i, n in enumerate(nodes)}
        linked = {n: [pos_other[m] for a, b in pairs for n2, m in [((a, b)[index], (a, b)[1 - index])] if n2 == n]
                  for n in nodes}
        return sorted(nodes, key=lambda n: (sum(linked[n]) / len(linked[n]) if linked[n] else pos[n], pos[n]))

    for _ in range(sweeps):
        src = sort_by_mean(src, tgt, {t: i for i, t in enumerate(tgt)}, 0)
        tgt = sort_by_mean(tgt, src, {s: i for i, s in enumerate(src)}, 1)
        key = (tuple(src), tuple(tgt))
        n = crossings(pairs, src, tgt)
        if n < best[0]:
            best = (n, list(src), list(tgt))
        if key in seen:
            break
        seen.add(key)
    return best[1], best[2]


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
    if not names:
        return ""
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


# The explorer's rules, one list per tier, tried in order: the first whose condition holds sets the outcome.
# Each rule names the passage of the paper it encodes (a locator, numbered as data/README.md defines) and says,
# in `basis`, whether the step is the paper's (a proposition or the model's text) or our reading of it.
# (id, tier, condition in words, test on a setting, outcome, proposition or "", locator, basis)
def _strong(s, g):
    return s.get(g) == "strong"


def _p1(s):
    return _strong(s, "visible_chains") and _strong(s, "associations")


RULES = [
    ("p1", "first_tier", "visible global value chains and local industry associations both strong", _p1,
     "improves", "P1", "§ Model, ¶12; § Model, ¶13",
     "P1: only a small number of clusters see their first-tier suppliers get better, where visible global buyers "
     "and a local association act together."),
    ("law-enforced", "first_tier", "state enforcement strong", lambda s: _strong(s, "state"),
     "improves", "", "§ Model, ¶4",
     "The model's text, not a proposition: cluster firms likely behave responsibly where labour and environmental "
     "laws are strong and well enforced by regulators with the means to check compliance."),
    ("some-driver-strong", "first_tier", "at least one group strong, but neither of the rules above",
     lambda s: any(v == "strong" for v in s.values()), "partial, piecemeal", "",
     "§ Model, ¶2; § Model, ¶5; § Model, ¶6; § Model, ¶7; § Model, ¶8; § Model, ¶10",
     "Our reading of the model's text: it says each of these drivers makes responsible behaviour more likely, "
     "but expects improvement outright only from P1's pairing or from strong law, so a strong driver on its own "
     "is shown as partial uptake."),
    ("p3-first", "first_tier", "no group strong (every group weak or absent)", lambda s: True, "poor", "P3",
     "§ Model, ¶17; § Model, ¶18",
     "P3: where the drivers are only weakly present or absent, labour violations and pollution are widespread; "
     "its reasoning adds that CSR is then taken up piecemeal at most, which the explorer does not separate from "
     "poor."),
    ("local-monitoring", "lower_tier", "bottom-up monitoring strong", lambda s: _strong(s, "bottom_up"),
     "partial, piecemeal", "", "§ Drivers, ¶5; § Model, ¶18",
     "The drivers section expects monitoring by unions or protesting communities to work because small firms "
     "depend on their local standing, and the model section reports such monitoring bringing incremental gains "
     "among small Mexican tanners. Taking those small firms to include the lower tiers is our reading; no "
     "passage expects lower tiers to improve outright."),
    ("law-with-peers", "lower_tier", "state enforcement and local industry associations both strong",
     lambda s: _strong(s, "state") and _strong(s, "associations"), "partial, piecemeal", "", "§ Drivers, ¶5",
     "The drivers section: state rules work only when informal regulation and peer monitoring back them, since "
     "regulators cannot watch the many small firms alone. That the pair reaches the lower tiers in part is our "
     "reading."),
    ("p2", "lower_tier", "first-tier firms improve (by P1 or by strong law) and neither rule above applies",
     lambda s: _p1(s) or _strong(s, "state"), "poor", "P2", "§ Model, ¶15; § Model, ¶16",
     "P2: even where first-tier firms have improved, production is outsourced to lower tiers where labour "
     "violations and pollution are widespread."),
    ("p3", "lower_tier", "no group strong", lambda s: not any(v == "strong" for v in s.values()), "poor", "P3",
     "§ Model, ¶17", "P3: where the drivers are weak or absent, labour violations and pollution are widespread."),
    ("outsourced-unmonitored", "lower_tier", "otherwise", lambda s: True, "poor", "", "§ Model, ¶16",
     "Our reading of the reasoning for P2: outsourced work stays hard to monitor, and none of the strong drivers "
     "in this setting reaches it."),
]


def proposition_rule_table() -> pd.DataFrame:
    """The explorer's rules, in the order they are tried within each tier. Columns: id, tier, condition, outcome,
    proposition ("" where the rule encodes the model's text or our reading rather than a proposition), locator
    (the passages, "; "-separated), basis."""
    return pd.DataFrame([{"id": i, "tier": t, "condition": c, "outcome": o, "proposition": p, "locator": loc,
                          "basis": b} for i, t, c, _, o, p, loc, b in RULES],
                        columns=["id", "tier", "condition", "outcome", "proposition", "locator", "basis"])


def _short_locator(locator: str) -> str:
    """"§ Model, ¶15; § Model, ¶16; § Drivers, ¶5" -> "§ Model, ¶15, ¶16; § Drivers, ¶5"."""
    parts: dict[str, list[str]] = {}
    for loc in (v.strip() for v in locator.split(";")):
        section, _, para = loc.partition(", ")
        parts.setdefault(section, []).append(para)
    return "; ".join(section + (", " + ", ".join(p for p in paras if p) if any(paras) else "")
                     for section, paras in parts.items())


def _tier_text(rule: str, strong: list[str], weak: list[str]) -> str:
    texts = {
        "p1": "First-tier suppliers improve: visible buyers and a local association work together, the pairing "
              "P1 expects in a few clusters (P1)",
        "law-enforced": "First-tier suppliers improve, as the model's text expects where labour and environmental "
                        "law is strong and well enforced",
        "some-driver-strong": f"First-tier suppliers take CSR up in part: strong {_listing(strong)} makes it more "
                              "likely, but without visible buyers backed by an association, or strong law, the "
                              "model does not expect full improvement (our reading)",
        "p3-first": ("First-tier suppliers do little for CSR, with " + (f"{_listing(weak)} only weakly present"
                     if weak else "every driver absent") + " (P3)"),
        "local-monitoring": "Lower tiers see some incremental gains, since strong monitoring by workers, communities "
                            "and watchdogs can reach small firms (our reading)",
        "law-with-peers": "Lower tiers see some gains, as enforcement backed by peer monitoring reaches firms that "
                          "inspectors alone cannot (our reading)",
        "p2": "Lower tiers stay poor: the work passed down to subcontractors and home workers is hard to monitor "
              "(P2)",
        "p3": "Lower tiers stay poor, with labour violations and pollution widespread (P3)",
        "outsourced-unmonitored": "Lower tiers stay poor: none of the strong drivers here reaches the outsourced "
                                  "work (our reading)",
    }
    return texts[rule]


def proposition_rules(groups: list[str] | None = None) -> pd.DataFrame:
    """Every combination of strengths (absent/weak/strong) of the model's factor groups, with the outcome the
    paper leads one to expect for first-tier and for lower-tier firms. An illustration of the paper's argument,
    not an estimate. The rules are RULES (see proposition_rule_table()), tried in order within each tier:

    - first tier: P1 (chains and associations strong) → improves; strong state enforcement → improves (§ Model,
      ¶4, the model's text); any other strong group → partial (our reading); no group strong → poor (P3).
    - lower tier: strong bottom-up monitoring → partial; strong state with strong associations → partial (both
      our readings of § Drivers, ¶5); first tier improved → poor (P2); no group strong → poor (P3); otherwise
      poor. No setting lets lower tiers improve outright, since no passage expects it.

    Columns: key (e.g. "visible_chains=strong|associations=weak|…"), one column per group, first_tier,
    lower_tier, proposition ("P1 and P2", "P3", "model text", …), first_tier_proposition,
    lower_tier_proposition ("" for the model's text or our reading), first_tier_rule, lower_tier_rule,
    first_tier_locator, lower_tier_locator, locator (both, "; "-separated), explanation (ending with the passages
    it rests on), proposition_text (a heading such as "Proposition P3"), explanation_lines (the explanation
    wrapped at 66 characters, as a list).
    """
    groups = groups or [g for g, _, _ in MODEL_GROUPS]
    labels = {g: lbl for g, lbl, _ in MODEL_GROUPS}
    rows = []
    for combo in itertools.product(STRENGTHS, repeat=len(groups)):
        setting = dict(zip(groups, combo))
        strong = [labels.get(g, g) for g in groups if setting[g] == "strong"]
        weak = [labels.get(g, g) for g in groups if setting[g] == "weak"]
        chosen = {}
        for tier in ("first_tier", "lower_tier"):
            chosen[tier] = next(r for r in RULES if r[1] == tier and r[3](setting))
        first, lower = chosen["first_tier"], chosen["lower_tier"]
        props = list(dict.fromkeys(p for p in (first[5], lower[5]) if p))
        own_text = not first[5] or not lower[5]
        proposition = " and ".join(props) if props else "model text"
        if props:
            heading = ("Propositions " if len(props) > 1 else "Proposition ") + " and ".join(props)
            heading += ", with our reading of the model's text" if own_text else ""
        else:
            heading = "Not one of P1–P3: the model's text, as we read it"
        locator = "; ".join(dict.fromkeys(v.strip() for r in (first, lower) for v in r[6].split(";")))
        text = (f"{_tier_text(first[0], strong, weak)}. {_tier_text(lower[0], strong, weak)}. "
                f"Passages: {_short_locator(locator)}.")
        rows.append({"key": "|".join(f"{g}={setting[g]}" for g in groups), **setting, "first_tier": first[4],
                     "lower_tier": lower[4], "proposition": proposition, "first_tier_proposition": first[5],
                     "lower_tier_proposition": lower[5], "first_tier_rule": first[0], "lower_tier_rule": lower[0],
                     "first_tier_locator": first[6], "lower_tier_locator": lower[6], "locator": locator,
                     "explanation": text, "proposition_text": heading, "explanation_lines": wrap(text, 66)})
    return pd.DataFrame(rows, columns=["key", *groups, "first_tier", "lower_tier", "proposition",
                                       "first_tier_proposition", "lower_tier_proposition", "first_tier_rule",
                                       "lower_tier_rule", "first_tier_locator", "lower_tier_locator", "locator",
                                       "explanation", "proposition_text", "explanation_lines"])


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
