"""Chart 3: the case clusters on a world map; select a cluster to list the evidence that names it (in HTML)."""
from __future__ import annotations

import functools
import json
from importlib import resources

import altair as alt

from clustercsr import analysis
from clustercsr.charts import details
from clustercsr.charts.common import TARGET, chart_title, described, meta

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


def _sites(points, pick, projection: dict) -> alt.Chart:
    """The clusters as points, faded when another cluster is selected."""
    return alt.Chart(points).mark_point(filled=True, stroke=None, clip=True, aria=False).encode(
        longitude="plot_lon:Q", latitude="plot_lat:Q",
        size=alt.Size("works:Q", title="Works cited", scale=alt.Scale(range=[50, 400], zero=False),
                      legend=alt.Legend(tickMinStep=1, format="d", orient="bottom", direction="vertical")),
        color=alt.Color("industry_group:N", title="Industry", scale=alt.Scale(domain=COLOUR_DOMAIN),
                        legend=alt.Legend(orient="bottom", direction="vertical", values=INDUSTRIES)),
        shape=alt.Shape("market:N", title="Market", scale=alt.Scale(domain=MARKETS, range=MARKET_SHAPES),
                        legend=alt.Legend(orient="bottom", direction="vertical")),
        opacity=alt.condition(pick, alt.value(1), alt.value(0.45), empty=True),
        order=alt.Order("works:Q", sort="descending"),  # small points drawn over big ones
    ).project(**projection)


def _targets(points, projection: dict, name: str) -> alt.Chart:
    """Invisible squares of at least 26×26 px over the points: what a click, tap or hover meets. `name` names
    the view so that one selection can serve both maps."""
    return described(alt.Chart(points, name=name), TOOLTIP).mark_point(shape="square", filled=True, opacity=0.001, size=700,
                                                   clip=True, cursor="pointer").encode(
        longitude="plot_lon:Q", latitude="plot_lat:Q",
        order=alt.Order("works:Q", sort="descending"),
        tooltip=TOOLTIP,
    ).project(**projection)


def cluster_map(ev) -> alt.VConcatChart:
    labels = analysis.citation_labels(ev.references)
    points = analysis.cluster_points(ev.clusters, ev.evidence, labels)
    names = analysis.inset_labels(points, INSET_BOX)
    named = ev.evidence[ev.evidence["cluster_id"].fillna("") != ""]
    rows = [dict(r, cluster="") for r in details.evidence_rows(ev, None, key="subject", evidence=named,
                                                               about=details.subject_names(ev))]
    rows.sort(key=lambda r: (r["cluster_id"], r["label"].lower(), r["finding"]))
    # one selection for the points of both maps: declared once at the top, with the two views it listens to;
    # a click or tap on the sea clears it
    pick = alt.selection_point(name="cluster", fields=["id"], on="click", clear=False, toggle=False, empty=False)
    countries = alt.InlineData(values=list(basemap()))
    world_projection = {"type": "equalEarth"}
    world = alt.layer(
        alt.Chart(countries).mark_geoshape(strokeWidth=0.5, aria=False).project(**world_projection),
        alt.Chart(alt.InlineData(values=[INSET_OUTLINE])).mark_geoshape(fillOpacity=0, strokeWidth=1.2, aria=False,
                                                                       strokeDash=[4, 2]).encode(
            stroke=alt.Stroke("properties.name:N", legend=None)).project(**world_projection),
        _sites(points, pick, world_projection),
        _targets(points, world_projection, f"{TARGET}_world"),
    ).properties(width="container", height=300,
                 title=chart_title("The world", subtitle="The dashed box marks the close-up below.",
                                       fontSize=13))
    inset_projection = {"type": "equalEarth", "fit": INSET_FIT}
    inset = alt.layer(
        alt.Chart(countries).mark_geoshape(strokeWidth=0.7, clip=True, aria=False).project(**inset_projection),
        alt.Chart(names).transform_filter("datum.moved").mark_rule(strokeWidth=0.8, clip=True, aria=False).encode(
            longitude="plot_lon:Q", latitude="plot_lat:Q", longitude2="label_lon:Q", latitude2="label_lat:Q",
        ).project(**inset_projection),
        _sites(points, pick, inset_projection),
        *(alt.Chart(names).transform_filter(alt.datum.side == side).mark_text(
            align=align, baseline="middle", fontSize=11, limit=220, clip=True).encode(
            longitude="label_lon:Q", latitude="label_lat:Q", text="name:N",
        ).project(**inset_projection) for side, align in (("east", "left"), ("west", "right"))),
        _targets(points, inset_projection, f"{TARGET}_closeup"),
    ).properties(width="container", height=400,
                 title=chart_title("Close-up: Pakistan and India", fontSize=13,
                                       subtitle="Clusters in the same town are drawn side by side."))
    chart = alt.vconcat(world, inset, spacing=20)
    views = [part.layer[-1].name for part in chart.vconcat]  # as alt.vconcat renamed them ("cc_target_world_0")
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
                     "side by side. Selecting a cluster lists its evidence beside the map. Basemap: Natural Earth, public "
                     "domain."),
        usermeta=meta("cluster-map", "Cluster map",
                      [("name", "Cluster"), ("place", "Place"), ("country", "Country"), ("lat", "Latitude"),
                       ("lon", "Longitude"), ("industry", "Industry"), ("industry_group", "Industry group"),
                       ("market", "Market"),
                       ("works", "Works cited"), ("citations", "Cited works")],
                      hint="Select a cluster on either map (click, tap, or the list below the maps) to read the "
                           "evidence that names it.",
                      details=[details.panel(
                          "cluster", fields=["id"], key=["cluster_id"], heading="Evidence from the selected cluster",
                          url_key="cluster", control="Cluster", rows=rows,
                          choices=[{"value": r["id"], "label": f"{r['name']} ({r['place']})"}
                                   for _, r in points.sort_values("name").iterrows()],
                          empty="Select a cluster on either map, or choose one from the list, to read the evidence "
                                "that names it here.",
                          columns=[("label", "Work"), ("about", "About"), ("finding", "Finding"),
                                   ("locator", "Where")])]),
    )
