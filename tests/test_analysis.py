"""The pandas helpers behind the charts, on tiny hand-made tables with exact expected values."""
from __future__ import annotations

import math

import pandas as pd
import pytest

from clustercsr import analysis as an

NONE = None


def frame(columns: str, *rows) -> pd.DataFrame:
    return pd.DataFrame(list(rows), columns=columns.split())


@pytest.fixture
def refs():
    return frame("key type year title author note",
                 ("blackman2006", "book", "2006", "Small {F}irms and the Environment", "Blackman, Allen", ""),
                 ("lundthomsennadvi2010a", "article", "2010", "Clusters, chains and compliance",
                  "Lund-Thomsen, Peter and Nadvi, Khalid", ""),
                 ("jamalietalforthcoming", "incollection", "", "{CSR} myths --- a study",
                  "Jamali, D. and Lund-Thomsen, P. and Khara, N.", ""),
                 ("accountability2006", "techreport", "2006", "SME clusters", "{Accountability}", ""),
                 ("corpwatch2014", "misc", "2014", "A web page", "{CorpWatch}", ""),
                 ("lundthomsenetal2016", "article", "2016", "The review", "Lund-Thomsen, P. and Lindgreen, A. and "
                  "Vanhamme, J.", ""))


@pytest.fixture
def labels(refs):
    return an.citation_labels(refs)


@pytest.fixture
def factors():
    return frame("id label kind mirror_id level pressure summary",
                 ("gvc", "Global chains", "driver", "lvc", "global", "market", "Buyers push."),
                 ("lvc", "Local chains", "barrier", "gvc", "national", "market", "No push."),
                 ("assoc", "Associations", "driver", NONE, "cluster", "bottom-up", "Joint action."),
                 ("bribes", "Bribes", "barrier", NONE, "cluster", "top-down", "Officials paid off."),
                 ("enforce", "Enforcement", "driver", NONE, "national", "top-down", "Laws applied."))


@pytest.fixture
def clusters():
    return frame("id name country place lat lon industry market citekeys summary",
                 ("sialkot", "Sialkot footballs", "PAK", "Sialkot", 32.5, 74.5, "footballs", "export",
                  "lundthomsennadvi2010a;accountability2006", "Footballs."),
                 ("kasur", "Kasur tanneries", "PAK", "Kasur", 31.1, 74.4, "leather", "domestic", NONE, "Leather."),
                 ("torreon", "Torreón jeans", "MEX", "Torreón", 25.5, -103.4, "garments", "export", NONE, "Jeans."))


@pytest.fixture
def evidence():
    return frame("id citekey subject_type subject_id cluster_id stance theme section finding",
                 ("e001", "blackman2006", "factor", "gvc", "sialkot", "supports", "environment", "drivers", "F1"),
                 ("e002", "lundthomsennadvi2010a", "factor", "gvc", "sialkot", "supports", "work-conditions",
                  "drivers", "F2"),
                 ("e003", "lundthomsennadvi2010a", "factor", "gvc", "sialkot", "mixed", "work-conditions",
                  "drivers", "F3"),
                 ("e004", "blackman2006", "factor", "assoc", NONE, "supports", "environment", "drivers", "F4"),
                 ("e005", "blackman2006", "factor", "lvc", "kasur", "supports", "poverty", "drivers", "F5"),
                 ("e006", "jamalietalforthcoming", "topic", "agency", "kasur", "contests", "general", "impacts",
                  "F6"),
                 ("e007", "accountability2006", "limitation", "export", "torreon", "supports", "general",
                  "limitations", "F7"),
                 ("e008", "blackman2006", "limitation", "export", "kasur", "supports", "environment",
                  "limitations", "F8"),
                 ("e009", "blackman2006", "limitation", "export", "torreon", "supports", "environment",
                  "limitations", "F9"))


# ---------------------------------------------------------------- labels

def test_citation_labels_one_two_many_corporate_and_suffix(labels):
    assert labels.to_dict() == {
        "blackman2006": "Blackman (2006)",
        "lundthomsennadvi2010a": "Lund-Thomsen & Nadvi (2010a)",
        "jamalietalforthcoming": "Jamali et al. (forthcoming)",
        "accountability2006": "Accountability (2006)",
        "corpwatch2014": "CorpWatch (2014)",
        "lundthomsenetal2016": "Lund-Thomsen et al. (2016)",
    }


def test_same_surname_and_year_get_initials():
    refs = frame("key type year title author note",
                 ("khana2007", "book", "2007", "t", "Khan, A.", ""), ("khanf2007", "article", "2007", "t", "Khan, F.", ""),
                 ("khanlundthomsen2011", "article", "2011", "t", "Khan, F. and Lund-Thomsen, P.", ""))
    assert an.citation_labels(refs).tolist() == ["Khan, A. (2007)", "Khan, F. (2007)", "Khan & Lund-Thomsen (2011)"]


def test_corporate_author_with_and_stays_one_name():
    assert an.citation_label("{Ministry of Labour and Employment}", "2011") == "Ministry of Labour and Employment (2011)"
    assert an.citation_label("Puppim de Oliveira, J. and Jabbour, C.", "2011") == "Puppim de Oliveira & Jabbour (2011)"
    assert an.citation_label("", "2000") == "Anon. (2000)"


def test_clean_bibtex():
    assert an.clean_bibtex("{SME} clusters -- a {R}eview \\& more---done") == "SME clusters \u2013 a Review & more\u2014done"
    assert an.clean_bibtex(None) == ""


def test_split_keys_join_labels_and_wrap(labels):
    assert an.split_keys("a;b;;c ") == ["a", "b", "c"]
    assert an.split_keys(None) == [] and an.split_keys(float("nan")) == []
    assert an.join_labels(["lundthomsennadvi2010a", "blackman2006", "blackman2006", "unknown"], labels) == \
        "Blackman (2006); Lund-Thomsen & Nadvi (2010a); unknown"
    assert an.wrap("one two three four", 9) == ["one two", "three", "four"]
    assert an.wrap("", 10) == [""]


# ---------------------------------------------------------------- drivers and barriers

def test_works_per_subject(evidence):
    assert an.works_per_subject(evidence, "factor").to_dict() == {"assoc": 1, "gvc": 2, "lvc": 1}
    assert an.works_per_subject(evidence, "limitation").to_dict() == {"export": 2}


def test_factor_pairs(factors, evidence):
    out = an.factor_pairs(factors, evidence)
    assert out[["id", "pair", "pair_label", "pair_rank", "works", "signed_works"]].values.tolist() == [
        ["lvc", "gvc", "Global chains", 0, 1, -1],  # within a pair: barrier row, then driver row
        ["gvc", "gvc", "Global chains", 0, 2, 2],
        ["assoc", "assoc", "Associations", 1, 1, 1],
        ["enforce", "enforce", "Enforcement", 2, 0, 0],
        ["bribes", "bribes", "(no driver) Bribes", 3, 0, 0],
    ]
    assert out["pair_key"].tolist() == ["gvc|Local chains|Global chains", "gvc|Local chains|Global chains",
                                        "assoc||Associations", "enforce||Enforcement", "bribes|Bribes|"]


def test_evidence_rows_and_lines(evidence, clusters, labels):
    rows = an.evidence_rows(evidence, clusters, labels, "limitation")
    assert rows[["subject_id", "cluster_id", "citation", "cluster", "finding"]].values.tolist() == [
        ["export", "torreon", "Accountability (2006)", "Torreón jeans", "F7"],
        ["export", "kasur", "Blackman (2006)", "Kasur tanneries", "F8"],
        ["export", "torreon", "Blackman (2006)", "Torreón jeans", "F9"],
    ]
    lines = an.evidence_lines(rows.head(2).rename(columns={"subject_id": "id"}).assign(finding="aaa bbb ccc"),
                              "id", width=7, about=pd.Series({0: "Export focus"}))
    assert lines.values.tolist() == [
        ["export", 0, "head", "Accountability (2006) \u00b7 Torreón jeans \u00b7 Export focus", "aaa bbb ccc"],
        ["export", 1, "body", "aaa bbb", "aaa bbb ccc"],
        ["export", 2, "body", "ccc", "aaa bbb ccc"],
        ["export", 3, "gap", "", "aaa bbb ccc"],
        ["export", 4, "head", "Blackman (2006) \u00b7 Kasur tanneries", "aaa bbb ccc"],
        ["export", 5, "body", "aaa bbb", "aaa bbb ccc"],
        ["export", 6, "body", "ccc", "aaa bbb ccc"],
    ]


def test_subject_names(evidence):
    tables = {"factor": frame("id label", ("gvc", "Global chains")), "limitation": frame("id label",
                                                                                       ("export", "Export focus"))}
    names = an.subject_names(evidence.iloc[[0, 5, 6]], tables)
    assert names.tolist() == ["Global chains", "agency", "Export focus"]


# ---------------------------------------------------------------- evidence matrix

def test_cluster_factor_links(evidence, clusters, factors, labels):
    out = an.cluster_factor_links(evidence, clusters, factors, labels)
    assert out[["theme", "cluster", "factor", "kind", "works", "citations"]].values.tolist() == [
        ["all", "Kasur tanneries", "Local chains", "barrier", 1, "Blackman (2006)"],
        ["all", "Sialkot footballs", "Global chains", "driver", 2, "Blackman (2006); Lund-Thomsen & Nadvi (2010a)"],
        ["environment", "Sialkot footballs", "Global chains", "driver", 1, "Blackman (2006)"],
        ["work-conditions", "Sialkot footballs", "Global chains", "driver", 1, "Lund-Thomsen & Nadvi (2010a)"],
        ["poverty", "Kasur tanneries", "Local chains", "barrier", 1, "Blackman (2006)"],
    ]
    clusters_order, factors_order, first_barrier = an.matrix_axes(out, factors)
    assert clusters_order == ["Sialkot footballs", "Kasur tanneries"]
    assert factors_order == ["Global chains", "Local chains"]
    assert first_barrier == "Local chains"
    assert an.matrix_axes(out[out["factor_id"] == "gvc"], factors)[2] is None


def test_cluster_factor_links_empty(clusters, factors, labels, evidence):
    out = an.cluster_factor_links(evidence[evidence["subject_type"] == "topic"], clusters, factors, labels)
    assert out.empty and "citations" in out.columns


# ---------------------------------------------------------------- cluster map

def test_cluster_works_counts_evidence_and_own_citekeys(clusters, evidence):
    # sialkot: own {lundthomsennadvi2010a, accountability2006} ∪ evidence {blackman2006, lundthomsennadvi2010a}
    assert an.cluster_works(clusters, evidence).to_dict() == {"sialkot": 3, "kasur": 2, "torreon": 2}


def test_cluster_points(clusters, evidence, labels):
    out = an.cluster_points(clusters, evidence, labels)
    assert out[["id", "works", "industry_group", "citations"]].values.tolist() == [
        ["sialkot", 3, "Sporting goods", "Accountability (2006); Blackman (2006); Lund-Thomsen & Nadvi (2010a)"],
        ["kasur", 2, "Leather", "Blackman (2006); Jamali et al. (forthcoming)"],
        ["torreon", 2, "Garments and textiles", "Accountability (2006); Blackman (2006)"],
    ]


def test_industry_group():
    assert [an.industry_group(x) for x in ["footballs (sporting goods)", "leather tanning", "blue jeans (apparel)",
                                           "garments; bleaching and dyeing", "surgical instruments", "bricks",
                                           "cut flowers", "not stated in the review", None]] == [
        "Sporting goods", "Leather", "Garments and textiles", "Garments and textiles", "Surgical instruments",
        "Bricks", "Cut flowers", "Other or not stated", "Other or not stated"]


def test_spread_points_moves_only_shared_coordinates():
    lat, lon = an.spread_points(pd.Series([10.0, 10.0, 20.0, 10.0, 10.0]), pd.Series([5.0, 5.0, 5.0, 6.0, 5.0]))
    assert lat.tolist() == [10.45, round(10 + 0.45 * math.cos(2 * math.pi / 3), 4),
                            20.0, 10.0, round(10 + 0.45 * math.cos(4 * math.pi / 3), 4)]
    assert lon.tolist() == [5.0, round(5 + 0.45 * math.sin(2 * math.pi / 3), 4), 5.0, 6.0,
                            round(5 + 0.45 * math.sin(4 * math.pi / 3), 4)]


def test_inset_labels_avoid_points_labels_and_the_edge():
    pts = frame("id name plot_lon plot_lat",
                ("a", "aaaaaaaaaa", 10.0, 20.0),   # northmost: east of its point (spans 11–13)
                ("b", "bbbbbbbbbb", 10.0, 19.5),   # east would overlap a's label: west instead (7–9)
                ("c", "cccccccccc", 11.5, 19.2),   # east hits a's label, west hits b's: one gap south
                ("d", "dddddddddd", 29.0, 10.0),   # east would leave the box: west
                ("e", "eeeeeeeeee", 50.0, 10.0))   # outside the box: no label
    out = an.inset_labels(pts, [[0, 0], [30, 30]], gap=1.0, char_width=0.2, dx=1.0)
    assert out[["id", "side", "label_lon", "label_lat", "moved"]].values.tolist() == [
        ["a", "east", 11.0, 20.0, False],
        ["b", "west", 9.0, 19.5, False],
        ["c", "east", 12.5, 18.2, True],
        ["d", "west", 28.0, 10.0, False],
    ]


def test_topojson_features_quantized():
    topology = {
        "type": "Topology", "transform": {"scale": [0.5, 0.5], "translate": [10, 20]},
        "arcs": [[[0, 0], [4, 0], [0, 4], [-4, 0], [0, -4]], [[0, 0], [1, 0]], [[0, 0], [0, 0], [0, 0], [0, 0]]],
        "objects": {"world": {"type": "GeometryCollection", "geometries": [
            {"type": "Polygon", "arcs": [[0]], "id": "1", "properties": {"name": "Square"}},
            {"type": "LineString", "arcs": [1], "id": "2"},
            {"type": "Polygon", "arcs": [[2]], "id": "3"},  # collapses to one point: dropped
            {"type": "Point", "coordinates": [2, 2], "id": "4"},
            {"type": "Polygon", "arcs": [[~0]], "id": "9"},
        ]}},
    }
    feats = an.topojson_features(topology, "world", digits=1, exclude=("9",))
    assert [f["id"] for f in feats] == ["1", "2", "4"]
    assert feats[0] == {"type": "Feature", "id": "1", "properties": {"name": "Square"}, "geometry": {
        "type": "Polygon", "coordinates": [[[10.0, 20.0], [12.0, 20.0], [12.0, 22.0], [10.0, 22.0], [10.0, 20.0]]]}}
    assert feats[1]["geometry"] == {"type": "LineString", "coordinates": [[10.0, 20.0], [10.5, 20.0]]}
    assert feats[2]["geometry"] == {"type": "Point", "coordinates": [11.0, 21.0]}


def test_topojson_features_reversed_arcs_and_multipolygon():
    topology = {"type": "Topology", "arcs": [[[0, 0], [1, 0], [1, 1]], [[1, 1], [0, 1], [0, 0]]],
                "objects": {"o": {"type": "MultiPolygon", "arcs": [[[0, 1]], [[~1, ~0]]]}}}
    feats = an.topojson_features(topology, "o")
    assert feats[0]["geometry"]["coordinates"] == [
        [[[0, 0], [1, 0], [1, 1], [0, 1], [0, 0]]],
        [[[0, 0], [0, 1], [1, 1], [1, 0], [0, 0]]],
    ]


def test_shipped_basemap_decodes():
    from clustercsr.charts.cluster_map import basemap
    feats = basemap()
    assert 150 < len(feats) < 200
    names = {f["properties"]["name"] for f in feats}
    assert {"Pakistan", "India", "Mexico", "Zimbabwe"} <= names and "Antarctica" not in names


# ---------------------------------------------------------------- timeline

def test_dominant_theme_ties_follow_theme_order(evidence):
    assert an.dominant_theme(evidence).to_dict() == {
        "accountability2006": "general", "blackman2006": "environment", "jamalietalforthcoming": "general",
        "lundthomsennadvi2010a": "work-conditions"}
    tie = frame("citekey theme", ("a", "poverty"), ("a", "work-conditions"))
    assert an.dominant_theme(tie).to_dict() == {"a": "work-conditions"}


def test_works_timeline(refs, evidence, labels):
    out = an.works_timeline(refs, evidence, labels)
    assert out[["key", "year_label", "year_pos", "type_group", "theme"]].values.tolist() == [
        ["accountability2006", "2006", 2006, "Report or paper", "General or several themes"],
        ["blackman2006", "2006", 2006, "Book", "Environment"],
        ["lundthomsennadvi2010a", "2010", 2010, "Journal article", "Work conditions"],
        ["corpwatch2014", "2014", 2014, "Other", "No finding recorded"],
        ["jamalietalforthcoming", "forthcoming", 2017, "Book chapter", "General or several themes"],
    ]
    assert out.loc[out["key"] == "blackman2006", "title"].item() == "Small Firms and the Environment"
    assert out.loc[out["key"] == "jamalietalforthcoming", "title"].item() == "CSR myths \u2014 a study"
    assert out["type_order"].tolist() == [3, 1, 0, 4, 2]


def test_works_per_year(refs, evidence, labels):
    works = an.works_timeline(refs, evidence, labels)
    assert an.works_per_year(works).values.tolist() == [
        [2006, "2006", 2], [2010, "2010", 1], [2014, "2014", 1], [2017, "forthcoming", 1]]


def test_work_lines(refs, evidence, labels):
    works = an.works_timeline(refs, evidence, labels)
    lines = an.work_lines(works[works["key"] == "blackman2006"], width=12)
    assert lines[["key", "year_pos", "order", "kind", "text"]].values.tolist() == [
        ["blackman2006", 2006, 0, "head", "Blackman (2006) \u00b7 Book"],
        ["blackman2006", 2006, 1, "body", "Small Firms"],
        ["blackman2006", 2006, 2, "body", "and the"],
        ["blackman2006", 2006, 3, "body", "Environment"],
    ]


# ---------------------------------------------------------------- landscape and limitations

def test_topic_coverage():
    topics = frame("id area label coverage coverage_note",
                   ("agency", "work-conditions", "Labour agency", "few", "A few."),
                   ("poverty-links", "poverty", "Poverty links", "virtually-none", "None."),
                   ("business-case", "environment", "Business case", "substantial", "Many."),
                   ("tech", "environment", "Technology", "substantial", "Many."))
    ev = frame("citekey subject_type subject_id", ("a", "topic", "agency"), ("b", "topic", "agency"),
               ("a", "topic", "agency"), ("c", "topic", "tech"), ("d", "factor", "tech"))
    out = an.topic_coverage(topics, ev)
    assert out[["id", "area_label", "coverage_label", "thin", "works", "rank"]].values.tolist() == [
        ["business-case", "Environmental management", "A body of studies", False, 0, 0],
        ["tech", "Environmental management", "A body of studies", False, 1, 1],
        ["agency", "Work conditions", "Few studies", True, 2, 2],
        ["poverty-links", "Poverty reduction", "Virtually none", True, 0, 3],
    ]


def test_limitation_summary(evidence, clusters):
    lims = frame("id label order", ("greenwash", "Greenwash", 2), ("export", "Export focus", 1))
    out = an.limitation_summary(lims, evidence, clusters)
    assert out.values.tolist() == [
        ["export", 1, "Export focus", 2, 2, "Kasur tanneries, Torreón jeans",
         "2 works \u00b7 clusters: Kasur tanneries, Torreón jeans", "1. Export focus"],
        ["greenwash", 2, "Greenwash", 0, 0, "none named", "0 works \u00b7 clusters: none named", "2. Greenwash"],
    ]


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


# ---------------------------------------------------------------- frameworks

def test_framework_authors(labels):
    fws = frame("id label kind citekeys", ("own", "Our model", "this-paper", "lundthomsenetal2016"),
                ("up", "Upgrading", "reviewed", "lundthomsennadvi2010a;blackman2006"),
                ("inst", "Institutions", "reviewed", NONE), ("x", "Unknown", "reviewed", "nosuchkey"))
    assert an.framework_authors(fws, labels).to_dict() == {
        "own": "This review", "up": "Lund-Thomsen & Nadvi", "inst": "Institutions", "x": "Unknown"}


def test_framework_grid(factors):
    fws = frame("id label kind", ("own", "Our model", "this-paper"), ("up", "Upgrading", "reviewed"),
                ("inst", "Institutions", "reviewed"))
    ff = frame("framework_id factor_id note", ("up", "gvc", "Buyers."), ("own", "gvc", "Visible buyers."),
               ("own", "enforce", "Laws."))
    out = an.framework_grid(fws, ff, factors)
    assert out["framework_header"].drop_duplicates().tolist() == ["Upgrading", "Institutions", "This review"]
    assert out[["framework", "framework_rank", "factor", "factor_rank", "covered", "note"]].values.tolist() == [
        ["Upgrading", 0, "Global chains", 0, True, "Buyers."],
        ["Upgrading", 0, "Enforcement", 1, False, ""],
        ["Institutions", 1, "Global chains", 0, False, ""],
        ["Institutions", 1, "Enforcement", 1, False, ""],
        ["Our model", 2, "Global chains", 0, True, "Visible buyers."],
        ["Our model", 2, "Enforcement", 1, True, "Laws."],
    ]


def test_the_review_itself_is_not_counted_as_a_cited_work():
    evidence = pd.DataFrame({
        "citekey": ["a2001", "b2002", "a2001", "lundthomsenetal2016"],
        "subject_type": ["factor"] * 4,
        "subject_id": ["x", "x", "x", "x"],
        "cluster_id": [None, "c1", None, "c1"],
    })
    assert an.works_per_subject(evidence, "factor").to_dict() == {"x": 2}
    clusters = pd.DataFrame({"id": ["c1"], "citekeys": ["lundthomsenetal2016;c2003"]})
    assert an.cluster_works(clusters, evidence).to_dict() == {"c1": 2}
