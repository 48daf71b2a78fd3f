"""clustercsr.analysis.clusters, on tiny tables with exact expected values."""
from __future__ import annotations

import math

import pandas as pd

from clustercsr import analysis as an
from .analysis_tables import frame

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
    assert out["basis"].tolist() == ["", "", ""]  # the fixture's table has no basis column


def test_cluster_points_carry_the_basis_of_our_judgements(clusters, evidence, labels):
    judged = clusters.assign(basis=["Coordinates are ours.", "Market is ours.", None])
    out = an.cluster_points(judged, evidence, labels).set_index("id")
    assert out["basis"].to_dict() == {"sialkot": "Coordinates are ours.", "kasur": "Market is ours.", "torreon": ""}


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


