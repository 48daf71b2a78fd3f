"""Chart 3: the case clusters on a world map; click a cluster to list the evidence that names it."""
from __future__ import annotations

import functools
import json
from importlib import resources

import altair as alt

from clustercsr import analysis
from clustercsr.charts.common import chart_title, evidence_list, meta

# "not stated": the review gives no orientation (data/README.md); it gets its own shape rather than a guess
MARKETS = ["export", "domestic", "mixed", "not stated"]
MARKET_SHAPES = ["circle", "square", "triangle-up", "diamond"]
ANTARCTICA = "010"  # ISO 3166 numeric id; left out so the map spends its height on inhabited land
INDUSTRIES = [g for g, _ in analysis.INDUSTRY_GROUPS] + [analysis.OTHER_INDUSTRY]
# "other" takes the theme's last category colour (grey): the colour scale's domain skips to it, and the
# legend lists only the real groups
COLOUR_DOMAIN = INDUSTRIES[:-1] + [f"(unused {i})" for i in range(len(INDUSTRIES) - 1, 7)] + INDUSTRIES[-1:]
# the close-up's extent (longitude, latitude): Pakistan and India, where most case clusters are
INSET_BOX = [[60.0, 6.0], [90.0, 36.0]]
INSET_FIT = {"type": "Feature", "properties": {}, "geometry": {"type": "MultiPoint", "coordinates": INSET_BOX}}
INSET_OUTLINE = {"type": "Feature", "properties": {"name": "close-up"}, "geometry": {"type": "LineString", "coordinates": [
    [INSET_BOX[0][0], INSET_BOX[0][1]], [INSET_BOX[1][0], INSET_BOX[0][1]], [INSET_BOX[1][0], INSET_BOX[1][1]],
    [INSET_BOX[0][0], INSET_BOX[1][1]], [INSET_BOX[0][0], INSET_BOX[0][1]]]}}
TOOLTIP = [alt.Tooltip("name:N", title="Cluster"), alt.Tooltip("place:N", title="Place"),
           alt.Tooltip("industry:N", title="Industry"), alt.Tooltip("market:N", title="Market"),
           alt.Tooltip("works:Q", title="Works cited"), alt.Tooltip("citations:N", title="Cited works"),
           alt.Tooltip("summary:N", title="About")]


@functools.lru_cache(maxsize=1)
def basemap() -> tuple:
    """Country shapes from the Natural Earth 1:110m TopoJSON shipped with the package (see world-110m.NOTICE.txt)."""
    topology = json.loads(resources.files("clustercsr.charts").joinpath("world-110m.json").read_text(encoding="utf-8"))
    return tuple(analysis.topojson_features(topology, "countries", digits=1, exclude=(ANTARCTICA,)))


def _sites(points, pick, projection: dict, name: str) -> alt.Chart:
    """The clusters as points; `name` names the view so that one selection can serve both maps."""
    return alt.Chart(points, name=name).mark_point(filled=True, stroke=None, clip=True).encode(
        longitude="plot_lon:Q", latitude="plot_lat:Q",
        size=alt.Size("works:Q", title="Works cited", scale=alt.Scale(range=[50, 400], zero=False),
                      legend=alt.Legend(tickMinStep=1, format="d", orient="bottom", direction="vertical")),
        color=alt.Color("industry_group:N", title="Industry", scale=alt.Scale(domain=COLOUR_DOMAIN),
                        legend=alt.Legend(orient="bottom", direction="vertical", values=INDUSTRIES)),
        shape=alt.Shape("market:N", title="Market", scale=alt.Scale(domain=MARKETS, range=MARKET_SHAPES),
                        legend=alt.Legend(orient="bottom", direction="vertical")),
        opacity=alt.condition(pick, alt.value(1), alt.value(0.45), empty=True),
        order=alt.Order("works:Q", sort="descending"),  # small points drawn over big ones
        tooltip=TOOLTIP,
    ).project(**projection)


def cluster_map(ev) -> alt.VConcatChart:
    labels = analysis.citation_labels(ev.references)
    points = analysis.cluster_points(ev.clusters, ev.evidence, labels)
    names = analysis.inset_labels(points, INSET_BOX)
    rows = analysis.evidence_rows(ev.evidence, ev.clusters, labels)
    rows = rows[rows["cluster_id"] != ""].rename(columns={"cluster_id": "id"})
    about = analysis.subject_names(rows, {"factor": ev.factors, "topic": ev.topics, "limitation": ev.limitations,
                                          "framework": ev.frameworks})
    lines = analysis.evidence_lines(rows.drop(columns="cluster").assign(cluster=""), "id", about=about)
    # one selection for the points of both maps: declared once at the top, with the two views it listens to
    pick = alt.selection_point(name="cluster", fields=["id"], on="click", clear="dblclick", empty=False)
    countries = alt.InlineData(values=list(basemap()))
    world_projection = {"type": "equalEarth"}
    world = alt.layer(
        alt.Chart(countries).mark_geoshape(strokeWidth=0.5).project(**world_projection),
        alt.Chart(alt.InlineData(values=[INSET_OUTLINE])).mark_geoshape(fillOpacity=0, strokeWidth=1.2,
                                                                       strokeDash=[4, 2]).encode(
            stroke=alt.Stroke("properties.name:N", legend=None)).project(**world_projection),
        _sites(points, pick, world_projection, "world_sites"),
    ).properties(width="container", height=300,
                 title=chart_title("The world", subtitle="The dashed box marks the close-up below.",
                                       fontSize=13))
    inset_projection = {"type": "equalEarth", "fit": INSET_FIT}
    inset = alt.layer(
        alt.Chart(countries).mark_geoshape(strokeWidth=0.7, clip=True).project(**inset_projection),
        alt.Chart(names).transform_filter("datum.moved").mark_rule(strokeWidth=0.8, clip=True).encode(
            longitude="plot_lon:Q", latitude="plot_lat:Q", longitude2="label_lon:Q", latitude2="label_lat:Q",
        ).project(**inset_projection),
        _sites(points, pick, inset_projection, "closeup_sites"),
        *(alt.Chart(names).transform_filter(alt.datum.side == side).mark_text(
            align=align, baseline="middle", fontSize=11, limit=220, clip=True).encode(
            longitude="label_lon:Q", latitude="label_lat:Q", text="name:N",
        ).project(**inset_projection) for side, align in (("east", "left"), ("west", "right"))),
    ).properties(width="container", height=400,
                 title=chart_title("Close-up: Pakistan and India", fontSize=13,
                                       subtitle="Clusters in the same town are drawn side by side."))
    chart = alt.vconcat(
        world, inset,
        evidence_list(lines, pick, "Click a cluster on either map to list the evidence that names it; "
                                   "double-click to clear.", title="Evidence from the selected cluster"),
        spacing=20,
    )
    views = [part.layer[2].name for part in chart.vconcat[:2]]  # as alt.vconcat renamed them ("world_sites_0")
    chart.params = [alt.TopLevelSelectionParameter(name=pick.name, select=pick.param.select, views=views)]
    return chart.properties(
        title=chart_title("Where the case clusters are",
                              subtitle=["Colour shows the industry, shape whether the cluster sells abroad, at home "
                                        "or both (or that the review does not say),",
                                        "and size the number of works cited for it."]),
        description=("World map of the case clusters the review names, most of them in Pakistan and India. Each "
                     "cluster is a point coloured by industry, shaped by market orientation (export, domestic, "
                     "mixed, or not stated where the review does not say) and sized by the works cited for it: the distinct works among the evidence rows that "
                     "name the cluster plus the works listed for the cluster itself. A close-up of Pakistan and "
                     "India, with the clusters named, follows the world map; clusters in the same town are drawn "
                     "side by side. Selecting a cluster lists its evidence below. Basemap: Natural Earth, public "
                     "domain."),
        usermeta=meta("cluster-map", "Cluster map",
                      [("name", "Cluster"), ("place", "Place"), ("country", "Country"), ("lat", "Latitude"),
                       ("lon", "Longitude"), ("industry", "Industry"), ("industry_group", "Industry group"),
                       ("market", "Market"),
                       ("works", "Works cited"), ("citations", "Cited works")]),
    )
