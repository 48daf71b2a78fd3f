"""clustercsr.analysis.model, on tiny tables with exact expected values."""
from __future__ import annotations

import math

import pytest

from clustercsr import analysis as an
from clustercsr import paper
from .analysis_tables import NONE, frame

# ---------------------------------------------------------------- conceptual model

@pytest.fixture
def links():
    return frame("id source target sign mechanism proposition_ids",
                 ("l1", "gvc", "csr-first-tier", "+", "Buyers push.", "P1"),
                 ("l2", "enforce", "csr-lower-tier", "\u2212", "Weak enforcement.", "P2;P3"),
                 ("l3", "assoc", "csr-first-tier", "\u00b1", "Depends.", NONE),
                 ("l4", "gvc", "csr-lower-tier", "\u2212", "Outsourcing.", "P2"))


def test_model_layout_nodes(links, factors):
    nodes, _ = an.model_layout(links, factors)
    assert nodes[["id", "role", "x", "y", "links", "source"]].values.tolist() == [
        ["assoc", "factor", 0.0, 0.0, 1, "assoc"],      # reaches first-tier only
        ["gvc", "factor", 0.0, 0.5, 2, "gvc"],          # reaches both
        ["enforce", "factor", 0.0, 1.0, 1, "enforce"],  # reaches lower-tier only
        ["csr-first-tier", "outcome", 1.0, 0.25, 2, ""],  # mean of assoc (0) and gvc (0.5)
        ["csr-lower-tier", "outcome", 1.0, 0.75, 2, ""],  # mean of gvc (0.5) and enforce (1)
    ]
    assert nodes["text"].tolist()[-2:] == [["CSR among", "first-tier", "suppliers"],
                                         ["CSR among", "lower-tier firms"]]
    assert nodes["summary"].tolist()[-1] == "Reached by 2 link(s) of the model."


def test_model_layout_band_ties_break_by_level_then_label(factors):
    links = frame("id source target sign mechanism proposition_ids",
                  ("a", "enforce", "csr-first-tier", "+", "m", NONE), ("b", "gvc", "csr-first-tier", "+", "m", NONE),
                  ("c", "lvc", "csr-first-tier", "\u2212", "m", NONE))
    nodes, _ = an.model_layout(links, factors)
    assert nodes["id"].tolist() == ["gvc", "enforce", "lvc", "csr-first-tier", "csr-lower-tier"]
    assert nodes["y"].tolist() == [0.0, 0.5, 1.0, 0.5, round(2 / 3, 6)]


def test_model_layout_edges(links, factors):
    _, edges = an.model_layout(links, factors)
    assert edges["id"].tolist() == ["l3", "l1", "l4", "l2"]
    first = edges.iloc[1]
    assert (first["id"], first["x"], first["y"], first["x2"], first["y2"]) == ("l1", 0.0, 0.5, 1.0, 0.25)
    assert "mx" not in edges
    # two lines reach first-tier: l3 (from the top) has its marker 0.3 of the way, l1 0.75 of the way
    assert (first["ax"], first["ay"]) == (0.75, 0.3125)
    assert (edges.iloc[0]["ax"], edges.iloc[0]["ay"]) == (0.3, 0.075)
    assert first["angle"] == round(math.degrees(math.atan2(-0.25, 1)), 3) == -14.036
    assert edges["sign_label"].tolist() == ["can strengthen or weaken CSR", "strengthens CSR", "weakens CSR",
                                            "weakens CSR"]
    assert edges["propositions"].tolist() == ["none", "P1", "P2", "P2, P3"]
    assert edges["angle"].tolist() == [14.036, -14.036, 14.036, -14.036]


def test_model_layout_single_source_is_centred(links, factors):
    nodes, _ = an.model_layout(links.head(1), factors)
    assert nodes["y"].tolist() == [0.5, 0.5, round(2 / 3, 6)]


def test_model_layout_wraps_labels(links, factors):
    nodes, _ = an.model_layout(links, factors, factor_chars=8, outcome_chars=30)
    assert nodes["text"].tolist()[-2:] == [["CSR among first-tier suppliers"], ["CSR among lower-tier firms"]]
    assert all(len(line) <= 8 or " " not in line for lines in nodes["text"][:3] for line in lines)


def test_crossings_counts_pairs_of_lines_that_cross():
    pairs = [("a", "y"), ("b", "x"), ("c", "x"), ("c", "y")]
    # a-y crosses b-x and c-x; c-y shares an end with a-y and c-x, and does not cross b-x
    assert an.crossings(pairs, ["a", "b", "c"], ["x", "y"]) == 2
    assert an.crossings(pairs, ["b", "c", "a"], ["x", "y"]) == 0
    assert an.crossings([], ["a"], ["x"]) == 0


def test_barycentre_order_removes_avoidable_crossings():
    pairs = [("a", "y"), ("b", "x"), ("c", "x"), ("c", "y")]
    sources, targets = an.barycentre_order(pairs, ["a", "b", "c"], ["x", "y"])
    # barycentres on the first sweep: a 1, b 0, c 0.5 -> b, c, a; then x (b 0, c 1) 0.5, y (c 1, a 2) 1.5
    assert (sources, targets) == (["b", "c", "a"], ["x", "y"])
    assert an.crossings(pairs, sources, targets) == 0


def test_barycentre_order_keeps_a_crossing_free_start_and_unlinked_nodes():
    pairs = [("a", "x"), ("b", "y")]
    assert an.barycentre_order(pairs, ["a", "z", "b"], ["x", "y"]) == (["a", "z", "b"], ["x", "y"])


def test_barycentre_order_never_returns_more_crossings_than_the_start():
    # four sources that each reach both targets: C(4, 2) = 6 crossings whatever the order
    pairs = [(s, t) for s in "abcd" for t in "xy"]
    sources, targets = an.barycentre_order(pairs, list("abcd"), ["x", "y"])
    assert (sources, targets) == (list("abcd"), ["x", "y"])
    assert an.crossings(pairs, sources, targets) == 6


def test_model_layout_on_the_paper_model_has_only_the_unavoidable_crossings():
    """Sources reaching both outcomes must cross each other (k of them: k(k-1)/2); nothing else crosses."""
    from clustercsr import evidence
    from pathlib import Path

    try:
        ev = evidence.load(Path(__file__).resolve().parents[2])
    except Exception as exc:  # data/ being curated
        pytest.skip(f"data/ does not load: {exc}")
    nodes, edges = an.model_layout(ev.model_links, ev.factors)
    both = (ev.model_links.groupby("source")["target"].nunique() == 2).sum()
    order = nodes[nodes["role"] == "factor"].sort_values("y")["id"].tolist()
    targets = nodes[nodes["role"] == "outcome"].sort_values("y")["id"].tolist()
    pairs = list(zip(ev.model_links["source"], ev.model_links["target"]))
    assert an.crossings(pairs, order, targets) == both * (both - 1) // 2


# ---------------------------------------------------------------- proposition explorer

GROUPS = [g for g, _, _ in an.MODEL_GROUPS]


@pytest.fixture(scope="module")
def rules():
    return an.proposition_rules()


def test_rules_enumerate_every_combination(rules):
    assert len(rules) == 3 ** len(GROUPS) == 243
    assert rules["key"].is_unique
    assert not rules.duplicated(GROUPS).any()
    assert set(rules["first_tier"]) == {"improves", "partial, piecemeal", "poor"}
    assert set(rules["lower_tier"]) == {"partial, piecemeal", "poor"}   # no passage lets lower tiers improve outright
    assert rules.loc[0, "key"] == "|".join(f"{g}=absent" for g in GROUPS)
    assert rules["explanation"].str.len().gt(40).all()
    assert rules["explanation_lines"].map(lambda lines: all(len(x) <= 66 for x in lines)).all()


def test_small_group_set_enumerates_too():
    small = an.proposition_rules(["visible_chains", "associations"])
    assert len(small) == 9
    assert small.loc[small["key"] == "visible_chains=strong|associations=strong", "first_tier"].item() == "improves"


def test_every_rule_carries_the_locator_of_its_passage(rules):
    table = an.proposition_rule_table()
    assert table["id"].is_unique and set(table["tier"]) == {"first_tier", "lower_tier"}
    for _, rule in table.iterrows():
        locators = [v.strip() for v in rule["locator"].split(";")]
        assert locators and all(paper.parse_locator(v) for v in locators), rule["id"]
        assert rule["basis"] and rule["condition"] and rule["outcome"] in an.OUTCOMES
    for tier in ("first_tier", "lower_tier"):
        assert rules[f"{tier}_rule"].isin(table["id"]).all()
        assert (rules[f"{tier}_locator"] == rules[f"{tier}_rule"].map(table.set_index("id")["locator"])).all()
        assert rules["explanation"].str.contains("§ ", regex=False).all()


def test_p1_visible_chains_with_associations_improve_first_tier(rules):
    p1 = (rules["visible_chains"] == "strong") & (rules["associations"] == "strong")
    assert p1.sum() == 27
    assert (rules.loc[p1, "first_tier"] == "improves").all()
    assert (rules.loc[p1, "first_tier_proposition"] == "P1").all()
    assert rules.loc[p1, "first_tier_locator"].str.contains("§ Model, ¶12").all()
    # chains alone, or associations alone, do not
    alone = (rules[["state", "bottom_up", "norms_dialogue"]] == "absent").all(axis=1)
    assert set(rules.loc[alone & (rules["visible_chains"] == "strong") & (rules["associations"] != "strong"),
                         "first_tier"]) == {"partial, piecemeal"}


def test_strong_well_enforced_law_makes_first_tier_likely_responsible(rules):
    """§ Model, ¶4 (L230): firms likely behave responsibly where labour and environmental laws are strong and
    well enforced; this holds without visible buyers or associations."""
    state = rules["state"] == "strong"
    assert (rules.loc[state, "first_tier"] == "improves").all()
    only_state = state & (rules[["visible_chains", "associations", "bottom_up", "norms_dialogue"]] == "absent").all(axis=1)
    row = rules[only_state].iloc[0]
    assert row["first_tier_rule"] == "law-enforced" and "§ Model, ¶4" in row["first_tier_locator"]
    assert row["first_tier_proposition"] == ""   # the model's text, not one of P1-P3
    # nothing but P1's pair or strong law lifts first-tier firms
    p1 = (rules["visible_chains"] == "strong") & (rules["associations"] == "strong")
    assert (rules.loc[~p1 & ~state, "first_tier"] != "improves").all()


def test_p3_applies_only_when_every_driver_is_weak_or_absent(rules):
    """§ Model, ¶17 (L266): P3 is conditional on the drivers being weakly present or entirely absent."""
    none_strong = ~rules[GROUPS].eq("strong").any(axis=1)
    assert none_strong.sum() == 2 ** len(GROUPS)
    p3 = rules["proposition"].str.contains("P3")
    assert (p3 == none_strong).all()
    assert (rules.loc[none_strong, ["first_tier", "lower_tier"]] == "poor").all().all()
    assert (rules.loc[none_strong, "first_tier_rule"] == "p3-first").all()
    assert rules.loc[none_strong, "first_tier_locator"].str.contains("§ Model, ¶17").all()


def test_a_strong_driver_short_of_p1_or_the_law_gives_partial_first_tier_csr(rules):
    p1 = (rules["visible_chains"] == "strong") & (rules["associations"] == "strong")
    some = rules[GROUPS].eq("strong").any(axis=1) & ~p1 & (rules["state"] != "strong")
    assert (rules.loc[some, "first_tier"] == "partial, piecemeal").all()
    assert (rules.loc[some, "first_tier_rule"] == "some-driver-strong").all()
    assert not rules.loc[some, "proposition"].str.contains("P3").any()


def test_p2_lower_tiers_stay_poor_where_buyers_lift_the_first_tier(rules):
    """§ Model, ¶15-16 (L260, L264): first-tier improvement through buyers and associations leaves the outsourced
    lower tiers with widespread violations, unless local monitoring is strong."""
    p1 = (rules["visible_chains"] == "strong") & (rules["associations"] == "strong")
    local = (rules["bottom_up"] == "strong") | (rules["state"] == "strong")
    assert (rules.loc[p1 & ~local, "lower_tier"] == "poor").all()
    assert (rules.loc[p1 & ~local, "lower_tier_proposition"] == "P2").all()
    assert (rules.loc[p1 & ~local, "proposition"] == "P1 and P2").all()
    assert rules.loc[p1 & ~local, "explanation"].str.contains("(P2)", regex=False).all()
    improved = rules["first_tier"] == "improves"
    assert (rules.loc[improved, "lower_tier"] != "improves").all()


def test_bottom_up_monitoring_reaches_lower_tiers_partly(rules):
    """§ Drivers, ¶5 (L118) and § Model, ¶18 (L272): monitoring by unions and communities can bring incremental
    gains among small firms, even where state enforcement fails."""
    strong = rules["bottom_up"] == "strong"
    assert (rules.loc[strong, "lower_tier"] == "partial, piecemeal").all()
    assert rules.loc[strong, "lower_tier_locator"].str.contains("§ Drivers, ¶5").all()


def test_law_backed_by_peer_monitoring_reaches_lower_tiers_partly(rules):
    """§ Drivers, ¶5 (L118): command and control works only when informal regulation and peer monitoring back
    it; the state alone cannot watch the many small firms."""
    both = (rules["state"] == "strong") & (rules["associations"] == "strong")
    assert (rules.loc[both, "lower_tier"] == "partial, piecemeal").all()
    state_alone = (rules["state"] == "strong") & (rules[["associations", "bottom_up"]] != "strong").all(axis=1)
    assert (rules.loc[state_alone, "lower_tier"] == "poor").all()


def test_raising_a_group_never_worsens_an_outcome(rules):
    rank = {o: i for i, o in enumerate(an.OUTCOMES)}
    by_key = rules.set_index(GROUPS)
    for g in GROUPS:
        for _, row in rules[rules[g] != "strong"].iterrows():
            up = dict(row[GROUPS])
            up[g] = an.STRENGTHS[an.STRENGTHS.index(row[g]) + 1]
            higher = by_key.loc[tuple(up[x] for x in GROUPS)]
            for tier in ("first_tier", "lower_tier"):
                assert rank[higher[tier]] >= rank[row[tier]], (g, row["key"], tier)


def test_factor_groups(links, factors):
    assert an.factor_group("participation-in-global-value-chains") == "visible_chains"
    assert an.factor_group("x", "Monitoring by the media") == "bottom_up"
    assert an.factor_group("y", "Something else") == "norms_dialogue"
    groups = an.model_groups(links, factors)
    assert groups.values.tolist() == [
        ["gvc", "Global chains", "visible_chains", "Visible global value chains"],
        ["assoc", "Associations", "associations", "Local industry associations"],
        ["enforce", "Enforcement", "state", "State enforcement"],
    ]
    members = an.group_members(groups, width=200)
    assert members["factors"].tolist() == ["Global chains", "Associations", "Enforcement",
                                           "no link of the model starts here", "no link of the model starts here"]
    assert members["text"].map(len).tolist() == [1, 1, 1, 1, 1]
    assert members["line"].tolist() == [0, 2, 4, 6, 8]
    assert an.group_members(groups, width=60)["line"].tolist()[:2] == [0, 4]  # 3 lines, then a blank


