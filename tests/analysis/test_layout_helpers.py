"""The helpers behind the charts' layouts by width and their caps at scale, on tiny tables with exact values."""
from __future__ import annotations

from clustercsr import analysis as an
from .analysis_tables import frame

LINKS = frame("theme cluster_id cluster factor_id factor kind works citations",
              ("all", "k", "Kasur", "lvc", "Local chains", "barrier", 1, "B (2006)"),
              ("all", "s", "Sialkot", "gvc", "Global chains", "driver", 2, "B (2006); L (2010)"),
              ("all", "s", "Sialkot", "lvc", "Local chains", "barrier", 1, "L (2010)"),
              ("poverty", "k", "Kasur", "lvc", "Local chains", "barrier", 1, "B (2006)"))


def test_matrix_list_heads_each_cluster_with_its_factors_per_theme():
    rows = an.matrix_list(LINKS, ["Sialkot", "Kasur"], ["Global chains", "Local chains"])
    assert rows[["theme", "row", "kind", "text", "works"]].values.tolist() == [
        ["all", 0, "head", "Sialkot", 0], ["all", 1, "item", "Global chains", 2], ["all", 2, "item", "Local chains", 1],
        ["all", 3, "head", "Kasur", 0], ["all", 4, "item", "Local chains", 1],
        ["poverty", 0, "head", "Kasur", 0], ["poverty", 1, "item", "Local chains", 1]]
    assert rows.loc[1, "citations"] == "B (2006); L (2010)" and rows.loc[0, "citations"] == ""


def test_matrix_list_leaves_out_what_the_orders_leave_out():
    rows = an.matrix_list(LINKS, ["Kasur"], ["Local chains"])
    assert rows[["theme", "text"]].values.tolist() == [["all", "Kasur"], ["all", "Local chains"],
                                                      ["poverty", "Kasur"], ["poverty", "Local chains"]]


def test_top_by_works_keeps_the_order_and_the_best_evidenced():
    assert an.top_by_works(LINKS, "cluster", ["Sialkot", "Kasur"], 5) == ["Sialkot", "Kasur"]
    assert an.top_by_works(LINKS, "cluster", ["Kasur", "Sialkot"], 1) == ["Sialkot"]  # 3 works against 1
    # ties (2 works each in "all") go to the earlier in the order
    assert an.top_by_works(LINKS, "factor", ["Local chains", "Global chains"], 1) == ["Local chains"]


def test_landscape_rows_puts_each_area_over_its_topics():
    topics = frame("id area area_label label coverage coverage_label coverage_note thin works rank",
                   ("a", "environment", "Env", "Tech", "substantial", "A body of studies", "", False, 4, 0),
                   ("b", "environment", "Env", "Fixes", "virtually-none", "Virtually none", "n", True, 6, 1),
                   ("c", "poverty", "Pov", "Firms", "few", "Few studies", "", True, 1, 2))
    rows = an.landscape_rows(topics)
    assert rows[["row", "kind", "label", "verdict", "works", "shown", "total"]].values.tolist() == [
        [0, "head", "Env", 0, 0, 2, 2], [1, "item", "Tech", 3, 4, 2, 2], [2, "item", "Fixes", 1, 6, 2, 2],
        [3, "head", "Pov", 0, 0, 1, 1], [4, "item", "Firms", 2, 1, 1, 1]]
    # the verdict, not the works, sets the bar: "virtually none" with 6 works is the shortest bar
    capped = an.landscape_rows(topics, per_area=1)
    assert capped["label"].tolist() == ["Env", "Tech", "Pov", "Firms"]
    assert capped[["shown", "total"]].values.tolist()[:2] == [[1, 2], [1, 2]]


def test_pair_slots_gives_each_line_its_own_slot(factors, evidence):
    pairs = an.factor_pairs(factors, evidence)
    bars, names, slots = an.pair_slots(pairs, 8)
    # pairs by rank: gvc/lvc ("Global chains" wraps to 2 lines at 8 characters), then assoc, then enforce,
    # then the lone barrier bribes; each pair: its name lines, the bar under them, one free slot
    assert sorted(names[["id", "slot", "text"]].values.tolist(), key=lambda r: (r[1], r[0])) == [
        ["gvc", 0, "Global"], ["lvc", 0, "Local"], ["gvc", 1, "chains"], ["lvc", 1, "chains"],
        ["assoc", 4, "Associations"], ["enforce", 7, "Enforcement"], ["bribes", 10, "Bribes"]]
    assert dict(zip(bars["id"], bars["slot"])) == {"gvc": 2, "lvc": 2, "assoc": 5, "enforce": 8, "bribes": 11}
    assert slots == 12  # the last bar's slot + 1: no free slot after the last pair


def test_framework_subset_keeps_the_own_model_and_the_most_covered_factors():
    fws = frame("id label kind", ("f1", "One", "reviewed"), ("f2", "Two", "reviewed"), ("me", "Ours", "this-paper"))
    ff = frame("framework_id factor_id note", ("f1", "a", ""), ("f2", "b", ""), ("f2", "a", ""), ("me", "c", ""),
               ("me", "a", ""))
    kept, links, n_fw, n_fac = an.framework_subset(fws, ff, 2, 2)
    assert kept["id"].tolist() == ["f1", "me"]
    assert (n_fw, n_fac) == (3, 3)
    assert sorted(map(tuple, links[["framework_id", "factor_id"]].values.tolist())) == [
        ("f1", "a"), ("me", "a"), ("me", "c")]
    kept, links, _, _ = an.framework_subset(fws, ff, 5, 1)
    assert kept["id"].tolist() == ["f1", "f2", "me"] and set(links["factor_id"]) == {"a"}
