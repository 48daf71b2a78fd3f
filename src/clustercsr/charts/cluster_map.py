"""Chart 3: the case clusters on a world map, with a close-up of Pakistan and India; select a cluster to list
the evidence that names it.

Wide, the close-up names each cluster beside its point; narrow, it numbers them and a key under the map gives
the full names (no name is cut or clipped in either).
"""
from __future__ import annotations

import functools
import json
from importlib import resources

import altair as alt
import pandas as pd

from clustercsr import analysis
from clustercsr.charts import details, theme
from clustercsr.charts.common import MIN_WIDTH, TARGET, chart_title, chars, check_layout, meta

ANTARCTICA = "010"  # ISO 3166 numeric id; left out so the map spends its height on inhabited land
INDUSTRIES = theme.domain("industry")
# the close-up's extent (longitude, latitude): Pakistan and India, where most case clusters are
INSET_BOX = [[60.0, 6.0], [90.0, 36.0]]
INSET_FIT = {"type": "Feature", "properties": {}, "geometry": {"type": "MultiPoint", "coordinates": INSET_BOX}}
INSET_OUTLINE = {"type": "Feature", "properties": {"name": "close-up"}, "geometry": {"type": "LineString", "coordinates": [
    [INSET_BOX[0][0], INSET_BOX[0][1]], [INSET_BOX[1][0], INSET_BOX[0][1]], [INSET_BOX[1][0], INSET_BOX[1][1]],
    [INSET_BOX[0][0], INSET_BOX[1][1]], [INSET_BOX[0][0], INSET_BOX[0][1]]]}}
MAX_NAMED = 40  # more names than this in the close-up cannot be read: the close-up then names none
TOOLTIP = [alt.Tooltip("name:N", title="Cluster"), alt.Tooltip("place:N", title="Place"),
           alt.Tooltip("industry:N", title="Industry"), alt.Tooltip("market:N", title="Market"),
           alt.Tooltip("works:Q", title="Works cited"), alt.Tooltip("citations:N", title="Cited works"),
           alt.Tooltip("summary:N", title="About"), alt.Tooltip("basis:N", title="What is our judgement")]
FONT_PX = 11
LABEL_PX_PER_CHAR = 6.0  # 11 px Arial, with a margin


@functools.lru_cache(maxsize=1)
def basemap() -> tuple:
    """Country shapes from the Natural Earth 1:110m TopoJSON shipped with the package (see world-110m.NOTICE.txt)."""
    topology = json.loads(resources.files("clustercsr.charts").joinpath("world-110m.json").read_text(encoding="utf-8"))
    return tuple(analysis.topojson_features(topology, "countries", digits=1, exclude=(ANTARCTICA,)))


def _markets(points: pd.DataFrame) -> tuple[list[str], list[str]]:
    known = [m for m in theme.MARKET_SHAPES if m in set(points["market"])]
    other = sorted(set(points["market"]) - set(theme.MARKET_SHAPES))
    return known + other, [theme.MARKET_SHAPES[m] for m in known] + ["cross"] * len(other)


def _sites(points, pick, projection: dict, layout: str) -> alt.Chart:
    """The clusters as points, faded when another cluster is selected."""
    markets, shapes = _markets(points)
    narrow = layout == "narrow"
    legend = dict(orient="top", direction="vertical", titleOrient="top")
    return alt.Chart(points).mark_point(filled=True, stroke=None, clip=True, aria=False).encode(
        longitude=alt.Longitude("plot_lon:Q", title="Longitude"), latitude=alt.Latitude("plot_lat:Q", title="Latitude"),
        size=alt.Size("works:Q", title="Works cited", scale=alt.Scale(range=[60, 420], zero=False),
                      legend=alt.Legend(tickMinStep=1, format="d", **legend)),
        color=alt.Color("industry_group:N", title="Industry", scale=alt.Scale(domain=INDUSTRIES, range="category"),
                        legend=alt.Legend(columns=1 if narrow else 2, **legend)),
        shape=alt.Shape("market:N", title="Market", scale=alt.Scale(domain=markets, range=shapes),
                        legend=alt.Legend(**legend)),
        opacity=alt.condition(pick, alt.value(1), alt.value(0.45), empty=True),
        order=alt.Order("works:Q", sort="descending"),  # small points drawn over big ones
    ).project(**projection)


def _targets(points, projection: dict, name: str) -> alt.Chart:
    """Invisible squares of at least 26x26 px over the points: what a click, tap or hover meets. `name` names
    the view so that one selection can serve both maps."""
    return alt.Chart(points, name=name).mark_point(shape="square", filled=True, opacity=0.001, size=700,
                                                   clip=True, cursor="pointer").encode(
        longitude=alt.Longitude("plot_lon:Q", title="Longitude"), latitude=alt.Latitude("plot_lat:Q", title="Latitude"),
        order=alt.Order("works:Q", sort="descending"),
        description=alt.Description("spoken:N"),
        tooltip=TOOLTIP,
    ).project(**projection)


def cluster_map(ev, layout: str = "wide") -> alt.VConcatChart:
    check_layout(layout)
    narrow = layout == "narrow"
    labels = analysis.citation_labels(ev.references)
    points = analysis.cluster_points(ev.clusters, ev.evidence, labels)
    points = points.assign(spoken=[f"{n} ({p}): {i}, {m} market, {w} work{'s' if w != 1 else ''} cited"
                                   for n, p, i, m, w in zip(points["name"], points["place"], points["industry"],
                                                            points["market"], points["works"])])
    (lon0, _), (lon1, _) = INSET_BOX
    in_box = points["plot_lon"].between(lon0, lon1) & points["plot_lat"].between(INSET_BOX[0][1], INSET_BOX[1][1])
    named = int(in_box.sum()) <= MAX_NAMED
    inset_width = MIN_WIDTH[layout]
    deg_per_char = (lon1 - lon0) / inset_width * LABEL_PX_PER_CHAR
    if named and narrow:
        # numbers beside the points, north to south; the key under the map gives each number's full name
        order = points[in_box].sort_values(["plot_lat", "plot_lon"], ascending=[False, True])
        number = {cid: str(i + 1) for i, cid in enumerate(order["id"])}
        names = analysis.inset_labels(points.assign(name=points["id"].map(number).fillna("")), INSET_BOX,
                                      char_width=deg_per_char, gap=30 / 300 * 16)
        key = order.assign(no=[number[c] for c in order["id"]])
        key = key.assign(key_lines=[analysis.wrap(f"{no}  {n} ({p})", chars(MIN_WIDTH["narrow"] - 8))
                                    for no, n, p in zip(key["no"], key["name"], key["place"])],
                         rank=range(len(key)))
    elif named:
        names = analysis.inset_labels(points, INSET_BOX, char_width=deg_per_char)
    else:
        names = analysis.inset_labels(points.iloc[0:0], INSET_BOX)
    named_ev = ev.evidence[ev.evidence["cluster_id"].fillna("") != ""]
    rows = [dict(r, cluster="") for r in details.evidence_rows(ev, None, key="subject", evidence=named_ev,
                                                               about=details.subject_names(ev))]
    rows.sort(key=lambda r: (r["cluster_id"], r["label"].lower(), r["finding"]))
    # one selection for the points of both maps: declared once at the top, with the two views it listens to;
    # a click or tap on the sea clears it
    pick = alt.selection_point(name="cluster", fields=["id"], on="click", clear=False, toggle=False, empty=False)
    countries = alt.InlineData(values=list(basemap()))
    world_projection = {"type": "equalEarth"}
    small = dict(fontSize=13)
    world = alt.layer(
        alt.Chart(countries).mark_geoshape(strokeWidth=0.5, clip=True, aria=False).project(**world_projection),
        alt.Chart(alt.InlineData(values=[INSET_OUTLINE])).mark_geoshape(
            fillOpacity=0, strokeWidth=1.2, strokeDash=[4, 2], aria=False).encode(
            stroke=alt.Stroke("properties.name:N", legend=None, title="Close-up",
                              scale=alt.Scale(range="ordinal"))).project(**world_projection),
        _sites(points, pick, world_projection, layout),
        _targets(points, world_projection, f"{TARGET}_world"),
    ).properties(width="container", height=170 if narrow else 300,
                 title=chart_title("The world", subtitle="The dashed box marks the close-up below.",
                                   layout=layout, **small))
    inset_projection = {"type": "equalEarth", "fit": INSET_FIT}
    text = alt.Text("name:N")
    inset = alt.layer(
        alt.Chart(countries).mark_geoshape(strokeWidth=0.7, clip=True, aria=False).project(**inset_projection),
        alt.Chart(names).transform_filter("datum.moved").mark_rule(strokeWidth=0.8, clip=True, aria=False).encode(
            longitude="label_lon:Q", latitude="label_lat:Q", longitude2="plot_lon:Q", latitude2="plot_lat:Q",
        ).project(**inset_projection),
        _sites(points, pick, inset_projection, layout),
        *(alt.Chart(names).transform_filter(alt.datum.side == side).mark_text(
            align=align, baseline="middle", fontSize=FONT_PX, fontWeight=700 if narrow else 400, aria=False).encode(
            longitude="label_lon:Q", latitude="label_lat:Q", text=text,
        ).project(**inset_projection) for side, align in (("east", "left"), ("west", "right"))),
        _targets(points, inset_projection, f"{TARGET}_closeup"),
    ).properties(width="container", height=300 if narrow else 400,
                 title=chart_title("Close-up: Pakistan and India", layout=layout, **small,
                                   subtitle=("Numbered north to south; the key below names them. " if named and narrow
                                             else "" if named else
                                             f"{int(in_box.sum())} clusters: too many to name here; the data "
                                             "table names them. ")
                                   + "Clusters in the same town are drawn side by side."))
    parts = [world, inset]
    if named and narrow:
        parts.append(alt.Chart(key).mark_text(align="left", baseline="top", fontSize=12, lineHeight=15,
                                              aria=False).encode(
            x=alt.value(0), y=alt.Y("rank:O", axis=None, title=None), text="key_lines:N", tooltip=TOOLTIP,
        ).properties(width="container", height=alt.Step(8 + 15 * int(key["key_lines"].map(len).max())),
                     title=alt.TitleParams("Key to the close-up", fontSize=13)))
    chart = alt.vconcat(*parts, spacing=20)
    views = [part.layer[-1].name for part in chart.vconcat[:2]]  # as alt.vconcat renamed them ("cc_target_world_0")
    chart.params = [alt.TopLevelSelectionParameter(name=pick.name, select=pick.param.select, views=views)]
    return chart.properties(
        title=chart_title("Where the case clusters are",
                          subtitle=["Colour shows the industry, shape whether the cluster sells abroad, at home "
                                    "or both (or that the review does not say), and size the number of works cited "
                                    "for it."], layout=layout),
        description=("World map of the case clusters the review names, most of them in Pakistan and India. Each "
                     "cluster is a point coloured by industry, shaped by market orientation (export, domestic, "
                     "mixed, or not stated where the review does not say) and sized by the works cited for it: the "
                     "distinct works among the evidence rows that "
                     "name the cluster plus the works listed for the cluster itself. A close-up of Pakistan and "
                     "India, with the clusters named, follows the world map; clusters in the same town are drawn "
                     "side by side. Basemap: Natural Earth, public domain."),
        usermeta=meta("cluster-map", "Cluster map",
                      [("name", "Cluster"), ("place", "Place"), ("country", "Country"), ("lat", "Latitude"),
                       ("lon", "Longitude"), ("industry", "Industry"), ("industry_group", "Industry group"),
                       ("market", "Market"),
                       ("works", "Works cited"), ("citations", "Cited works"),
                       ("basis", "What is our judgement")],
                      hint="Select a cluster on either map (click, tap, or the list below the maps) to read the "
                           "evidence that names it.",
                      palette={"category": ["industry"], "ordinal": ["plain"]}, layout=layout,
                      details=[details.panel(
                          "cluster", fields=["id"], key=["cluster_id"], heading="Evidence from the selected cluster",
                          url_key="cluster", control="Cluster", rows=rows,
                          choices=[{"value": r["id"], "label": f"{r['name']} ({r['place']})"}
                                   for _, r in points.sort_values("name").iterrows()],
                          empty="Select a cluster on either map, or choose one from the list, to read the evidence "
                                "that names it here.",
                          columns=[("label", "Work"), ("about", "About"), ("finding", "Finding"),
                                   ("locator", "Where")])]),
    ).configure_range(category=theme.palette_range(["industry"]), ordinal=theme.palette_range(["plain"]))
