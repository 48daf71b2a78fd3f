"""clustercsr.analysis.model, on tiny tables with exact expected values."""
from __future__ import annotations

import math

import pytest

from clustercsr import analysis as an
from analysis_tables import NONE, frame

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
    assert (first["ax"], first["ay"]) == (0.62, 0.345)
    assert first["angle"] == round(math.degrees(math.atan2(-0.25, 1)), 3) == -14.036
    assert edges["sign_label"].tolist() == ["can strengthen or weaken CSR", "strengthens CSR", "weakens CSR",
                                            "weakens CSR"]
    assert edges["propositions"].tolist() == ["none", "P1", "P2", "P2, P3"]
    assert edges["angle"].tolist() == [14.036, -14.036, 14.036, -14.036]


def test_model_layout_single_source_is_centred(links, factors):
    nodes, _ = an.model_layout(links.head(1), factors)
    assert nodes["y"].tolist() == [0.5, 0.5, round(2 / 3, 6)]


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
    assert set(rules["lower_tier"]) == {"poor"}
    assert rules.loc[0, "key"] == "|".join(f"{g}=absent" for g in GROUPS)
    assert rules["explanation"].str.len().gt(40).all()
    assert rules["explanation_lines"].map(lambda lines: all(len(x) <= 66 for x in lines)).all()


def test_small_group_set_enumerates_too():
    small = an.proposition_rules(["visible_chains", "associations"])
    assert len(small) == 9
    assert small.loc[small["key"] == "visible_chains=strong|associations=strong", "first_tier"].item() == "improves"


def test_p1_visible_chains_with_associations_improve_first_tier(rules):
    p1 = (rules["visible_chains"] == "strong") & (rules["associations"] == "strong")
    assert p1.sum() == 27
    assert (rules.loc[p1, "first_tier"] == "improves").all()
    assert (rules.loc[p1, "first_tier_proposition"] == "P1").all()
    # and nothing else lifts first-tier firms: not chains alone, not associations alone, not all the rest strong
    assert (rules.loc[~p1, "first_tier"] != "improves").all()
    row = rules[(rules["visible_chains"] == "weak") & (rules["associations"] == "strong") & (rules["state"] == "strong")
                & (rules["bottom_up"] == "strong") & (rules["norms_dialogue"] == "strong")]
    assert row["first_tier"].item() == "partial, piecemeal"


def test_p2_lower_tiers_stay_poor_even_where_first_tier_improves(rules):
    improved = rules[rules["first_tier"] == "improves"]
    assert len(improved) == 27
    assert (improved["lower_tier"] == "poor").all()
    assert (improved["lower_tier_proposition"] == "P2").all()
    assert (improved["proposition"] == "P1 and P2").all()
    assert improved["explanation"].str.contains("(P2)", regex=False).all()


def test_p3_weak_or_absent_drivers_mean_poor_outcomes_everywhere(rules):
    none_strong = ~rules[GROUPS].eq("strong").any(axis=1)
    assert none_strong.sum() == 2 ** len(GROUPS)
    assert (rules.loc[none_strong, ["first_tier", "lower_tier"]] == "poor").all().all()
    assert (rules.loc[none_strong, "proposition"] == "P3").all()
    some_strong = ~none_strong & ~((rules["visible_chains"] == "strong") & (rules["associations"] == "strong"))
    assert (rules.loc[some_strong, "first_tier"] == "partial, piecemeal").all()
    assert (rules.loc[some_strong, "proposition"] == "P3").all()
    assert len(rules[rules["proposition"] == "P3"]) == 243 - 27


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


