"""Case clusters: the cluster × factor matrix, the map's points and labels, and the basemap geometry."""
from __future__ import annotations

import math

import pandas as pd

from clustercsr.analysis.definitions import REVIEWED_PAPER, THEMES
from clustercsr.analysis.factors import cited_works_only
from clustercsr.analysis.text import join_labels, split_keys

# --------------------------------------------------------------------------------------------------------------
# Evidence matrix: case clusters × factors
# --------------------------------------------------------------------------------------------------------------

def cluster_factor_links(evidence: pd.DataFrame, clusters: pd.DataFrame, factors: pd.DataFrame,
                         labels: pd.Series) -> pd.DataFrame:
    """One row per (theme, cluster, factor) linked by at least one evidence row; theme "all" pools every theme.

    Only evidence rows about a factor that name a cluster count. Columns: theme, cluster_id, cluster, factor_id,
    factor, kind, works (distinct citekeys), citations (their author–year labels, sorted, "; "-joined).
    """
    evidence = cited_works_only(evidence)
    rows = evidence[(evidence["subject_type"] == "factor") & evidence["cluster_id"].notna()]
    cols = ["theme", "cluster_id", "cluster", "factor_id", "factor", "kind", "works", "citations"]
    if rows.empty:
        return pd.DataFrame(columns=cols)
    pooled = rows.assign(theme="all")
    themed = rows[rows["theme"].isin(THEMES)]
    both = pd.concat([pooled, themed], ignore_index=True)
    grouped = both.groupby(["theme", "cluster_id", "subject_id"])["citekey"]
    out = pd.DataFrame({"works": grouped.nunique(),
                        "citations": grouped.agg(lambda keys: join_labels(keys, labels))}).reset_index()
    out = out.rename(columns={"subject_id": "factor_id"})
    out["cluster"] = out["cluster_id"].map(clusters.set_index("id")["name"])
    fac = factors.set_index("id")
    out["factor"] = out["factor_id"].map(fac["label"])
    out["kind"] = out["factor_id"].map(fac["kind"])
    theme_order = {t: i for i, t in enumerate(["all", *THEMES])}
    out = out.sort_values(["theme", "cluster", "factor"], key=lambda s: s.map(theme_order) if s.name == "theme" else s)
    return out[cols].reset_index(drop=True)


def matrix_axes(links: pd.DataFrame, factors: pd.DataFrame) -> tuple[list[str], list[str], str | None]:
    """The matrix's column and row order: clusters by works (most first) then name; factors drivers first,
    in the order of factors.csv. Only clusters and factors with at least one link appear. The third value
    is the label of the first barrier (where a line can separate drivers from barriers), or None."""
    pooled = links[links["theme"] == "all"]
    totals = pooled.groupby("cluster")["works"].sum()
    clusters = sorted(totals.index, key=lambda c: (-totals[c], c))
    linked = set(pooled["factor_id"])
    fac = factors[factors["id"].isin(linked)]
    drivers, barriers = fac[fac["kind"] == "driver"], fac[fac["kind"] != "driver"]
    first_barrier = barriers["label"].iloc[0] if len(barriers) and len(drivers) else None
    return clusters, pd.concat([drivers, barriers])["label"].tolist(), first_barrier


# --------------------------------------------------------------------------------------------------------------
# Cluster map
# --------------------------------------------------------------------------------------------------------------

# Free-text industries (clusters.csv) → a few groups the map can colour apart; first matching keyword wins.
INDUSTRY_GROUPS = [
    ("Sporting goods", ("football", "sporting", "sports", "cricket")),
    ("Surgical instruments", ("surgical",)),
    ("Leather", ("leather", "tanner", "footwear", "shoe")),
    ("Garments and textiles", ("garment", "textile", "jeans", "apparel", "dye", "bleach", "knit", "cotton")),
    ("Bricks", ("brick",)),
    ("Cut flowers", ("flower",)),
]
OTHER_INDUSTRY = "Other or not stated"


def industry_group(industry: str) -> str:
    """The map's industry group for a free-text industry (see INDUSTRY_GROUPS)."""
    text = str(industry or "").lower()
    for group, words in INDUSTRY_GROUPS:
        if any(w in text for w in words):
            return group
    return OTHER_INDUSTRY


def spread_points(lat: pd.Series, lon: pd.Series, radius: float = 0.45) -> tuple[pd.Series, pd.Series]:
    """Plotting positions that keep clusters at the same coordinates apart: the k-th of n clusters sharing a
    point moves `radius` degrees from it, at angle 360·k/n degrees from due north (a lone cluster stays put)."""
    key = lat.round(4).astype(str) + "," + lon.round(4).astype(str)
    k = key.groupby(key).cumcount()
    n = key.map(key.value_counts())
    angle = (k / n) * 2 * math.pi
    moved = n > 1
    plot_lat = (lat + moved * radius * angle.map(math.cos)).round(4)
    plot_lon = (lon + moved * radius * angle.map(math.sin)).round(4)
    return plot_lat, plot_lon


def inset_labels(points: pd.DataFrame, box: list, gap: float = 1.1, char_width: float = 0.3,
                 dx: float = 1.0) -> pd.DataFrame:
    """Where to write cluster names on a close-up map so that names do not overlap names or points.

    Only points inside `box` ([[lon_min, lat_min], [lon_max, lat_max]], on plot_lon/plot_lat) get a label.
    A label is taken to span `char_width` degrees of longitude per character and `gap` degrees of latitude.
    Going from north to south, each label takes the first free place among: east of its point at the
    point's latitude (starting `dx` east of it), west of it (ending `dx` west of it), then east and west
    again one `gap` further south, and so on. A place is free when it lies inside the box, no label already
    placed overlaps it, and no other point lies within its span (within 0.7·`gap` of its latitude). A leader
    line joins a moved label to its point. Columns: id, name, plot_lon, plot_lat, side ("east"/"west"),
    label_lon (where the text is anchored), label_lat, moved.
    """
    (lon0, lat0), (lon1, lat1) = box
    inside = points[points["plot_lon"].between(lon0, lon1) & points["plot_lat"].between(lat0, lat1)]
    inside = inside.sort_values(["plot_lat", "plot_lon"], ascending=[False, True]).reset_index(drop=True)
    placed, rows = [], []  # placed: (west edge, east edge, lat)

    def free(i, west, east, lat):
        if west < lon0 or east > lon1 or lat < lat0:
            return False
        if any(w < east and west < e and abs(b - lat) < gap - 1e-6 for w, e, b in placed):
            return False
        others = inside.drop(index=i)
        return not (others["plot_lon"].between(west, east) & (others["plot_lat"] - lat).abs().lt(0.7 * gap)).any()

    for i, p in inside.iterrows():
        width = len(str(p["name"])) * char_width
        step, side = 0, None
        while side is None and p["plot_lat"] - step * gap >= lat0:
            lat = round(p["plot_lat"] - step * gap, 4)
            east = (p["plot_lon"] + dx, p["plot_lon"] + dx + width)
            west = (p["plot_lon"] - dx - width, p["plot_lon"] - dx)
            if free(i, *east, lat):
                side, span, anchor = "east", east, east[0]
            elif free(i, *west, lat):
                side, span, anchor = "west", west, west[1]
            else:
                step += 1
        if side is None:  # nowhere free: write it east of the point anyway
            step, lat, side = 0, p["plot_lat"], "east"
            span, anchor = (p["plot_lon"] + dx, p["plot_lon"] + dx + width), p["plot_lon"] + dx
        placed.append((span[0], span[1], lat))
        rows.append({"id": p["id"], "name": p["name"], "plot_lon": p["plot_lon"], "plot_lat": p["plot_lat"],
                     "side": side, "label_lon": round(anchor, 4), "label_lat": lat, "moved": step > 0})
    return pd.DataFrame(rows, columns=["id", "name", "plot_lon", "plot_lat", "side", "label_lon", "label_lat",
                                       "moved"])


def cluster_works(clusters: pd.DataFrame, evidence: pd.DataFrame) -> pd.Series:
    """cluster id → works cited for it (see CLUSTER_WORKS_DEFINITION)."""
    keys = {cid: set(split_keys(c)) - {REVIEWED_PAPER} for cid, c in zip(clusters["id"], clusters["citekeys"])}
    evidence = cited_works_only(evidence)
    for cid, key in zip(evidence["cluster_id"], evidence["citekey"]):
        if isinstance(cid, str) and cid in keys:
            keys[cid].add(key)
    return pd.Series({cid: len(v) for cid, v in keys.items()}, dtype=int).reindex(clusters["id"]).fillna(0).astype(int)


def cluster_points(clusters: pd.DataFrame, evidence: pd.DataFrame, labels: pd.Series) -> pd.DataFrame:
    """One row per case cluster with its place, industry, market, works and the works' labels.

    Columns: id, name, place, country, lat, lon, plot_lat, plot_lon (see spread_points), industry,
    industry_group, market, works, citations, summary, basis (which of the row's values are our judgement, ""
    where the table has no basis column); most works first.
    """
    works = cluster_works(clusters, evidence)
    out = clusters[["id", "name", "place", "country", "lat", "lon", "industry", "market", "summary"]].copy()
    out["basis"] = clusters["basis"].fillna("") if "basis" in clusters.columns else ""
    out["works"] = out["id"].map(works).astype(int)

    def cites(row):
        keys = set(split_keys(clusters.set_index("id").at[row["id"], "citekeys"]))
        keys |= set(evidence.loc[evidence["cluster_id"] == row["id"], "citekey"])
        return join_labels(keys, labels)
    out["citations"] = out.apply(cites, axis=1) if len(out) else pd.Series(dtype=object)
    out["industry_group"] = out["industry"].map(industry_group)
    out["plot_lat"], out["plot_lon"] = spread_points(out["lat"].astype(float), out["lon"].astype(float))
    out = out.sort_values(["works", "name"], ascending=[False, True]).reset_index(drop=True)
    return out[["id", "name", "place", "country", "lat", "lon", "plot_lat", "plot_lon", "industry",
                "industry_group", "market", "works", "citations", "summary", "basis"]]


def subject_names(evidence: pd.DataFrame, tables: dict[str, pd.DataFrame]) -> pd.Series:
    """evidence index → a short name for what the row is about ("Business associations", "P2", …).

    `tables` maps a subject_type to the table holding its ids and labels (propositions use their id).
    """
    def name(row):
        table = tables.get(row["subject_type"])
        if table is None:
            return row["subject_id"]
        col = "label" if "label" in table.columns else "id"
        found = table.loc[table["id"] == row["subject_id"], col]
        return found.iloc[0] if len(found) else row["subject_id"]
    return evidence.apply(name, axis=1) if len(evidence) else pd.Series(dtype=object)


def topojson_features(topology: dict, object_name: str, digits: int = 2, exclude: tuple = ()) -> list[dict]:
    """Decode one object of a TopoJSON topology into GeoJSON features (pure Python, no dependency).

    Handles quantized and plain topologies and the geometry types Polygon, MultiPolygon, LineString,
    MultiLineString, Point and MultiPoint. Coordinates are rounded to `digits` decimals, and a point that
    rounding makes equal to the one before it is dropped; polygon rings left with fewer than four points are
    dropped, and so are polygons without an outer ring and features without geometry. Geometries whose id
    is in `exclude` are skipped.
    """
    transform = topology.get("transform")

    def decode_arc(arc):
        points, x, y = [], 0, 0
        for pos in arc:
            if transform:
                x, y = x + pos[0], y + pos[1]
                sx, sy = transform["scale"]
                tx, ty = transform["translate"]
                points.append([round(x * sx + tx, digits), round(y * sy + ty, digits)])
            else:
                points.append([round(pos[0], digits), round(pos[1], digits)])
        return points

    arcs = [decode_arc(a) for a in topology["arcs"]]

    def line(indexes):
        coords = []
        for i in indexes:
            pts = arcs[i] if i >= 0 else arcs[~i][::-1]
            for pt in (pts if not coords else pts[1:]):
                if not coords or pt != coords[-1]:  # rounding can repeat a point
                    coords.append(pt)
        return coords

    def point(pos):
        if transform:
            return [round(pos[0] * transform["scale"][0] + transform["translate"][0], digits),
                    round(pos[1] * transform["scale"][1] + transform["translate"][1], digits)]
        return [round(pos[0], digits), round(pos[1], digits)]

    def polygon(rings):
        # rounding can shrink a small ring below the four points a closed ring needs: drop it (and the
        # polygon, when that happens to its outer ring)
        out = [line(r) for r in rings]
        if not out or len(out[0]) < 4:
            return None
        return [out[0], *(r for r in out[1:] if len(r) >= 4)]

    def geometry(g):
        kind = g["type"]
        if kind == "Polygon":
            rings = polygon(g["arcs"])
            return {"type": kind, "coordinates": rings} if rings else None
        if kind == "MultiPolygon":
            polys = [p for p in (polygon(p) for p in g["arcs"]) if p]
            return {"type": kind, "coordinates": polys} if polys else None
        if kind == "LineString":
            return {"type": kind, "coordinates": line(g["arcs"])}
        if kind == "MultiLineString":
            return {"type": kind, "coordinates": [line(r) for r in g["arcs"]]}
        if kind == "Point":
            return {"type": kind, "coordinates": point(g["coordinates"])}
        if kind == "MultiPoint":
            return {"type": kind, "coordinates": [point(p) for p in g["coordinates"]]}
        return None

    obj = topology["objects"][object_name]
    geoms = obj["geometries"] if obj["type"] == "GeometryCollection" else [obj]
    features = []
    for g in geoms:
        if g.get("id") in exclude:
            continue
        geom = geometry(g)
        if geom is None:
            continue
        features.append({"type": "Feature", "id": g.get("id"), "properties": dict(g.get("properties") or {}),
                         "geometry": geom})
    return features


def matrix_list(links: pd.DataFrame, clusters: list[str], factors: list[str]) -> pd.DataFrame:
    """The evidence matrix as a list, for a narrow screen: per theme, each cluster (in `clusters` order) as a
    heading row followed by one row per factor linked to it (in `factors` order). Clusters or factors not in the
    orders are left out; a cluster without links in a theme has no heading in that theme.

    Columns: theme, row (the row's position within its theme, from 0), kind ("head" or "item"), cluster,
    factor ("" for headings), works (0 for headings), citations ("" for headings), text (what the row shows:
    the cluster's name, or the factor's).
    """
    cols = ["theme", "row", "kind", "cluster", "factor", "works", "citations", "text"]
    c_rank = {c: i for i, c in enumerate(clusters)}
    f_rank = {f: i for i, f in enumerate(factors)}
    keep = links[links["cluster"].isin(c_rank) & links["factor"].isin(f_rank)]
    rows = []
    for theme in dict.fromkeys(links["theme"]):
        part = keep[keep["theme"] == theme]
        row = 0
        for cluster in sorted(set(part["cluster"]), key=c_rank.get):
            rows.append({"theme": theme, "row": row, "kind": "head", "cluster": cluster, "factor": "", "works": 0,
                         "citations": "", "text": cluster})
            row += 1
            items = part[part["cluster"] == cluster].sort_values("factor", key=lambda s: s.map(f_rank))
            for r in items.itertuples():
                rows.append({"theme": theme, "row": row, "kind": "item", "cluster": cluster, "factor": r.factor,
                             "works": int(r.works), "citations": r.citations, "text": r.factor})
                row += 1
    return pd.DataFrame(rows, columns=cols)


def top_by_works(links: pd.DataFrame, column: str, order: list[str], most: int) -> list[str]:
    """`order` cut to the `most` values of `column` with the most works over all themes (ties: `order`), kept
    in `order`'s order; the whole order when it is short enough."""
    if len(order) <= most:
        return list(order)
    pooled = links[links["theme"] == "all"].groupby(column)["works"].sum()
    rank = {v: i for i, v in enumerate(order)}
    top = set(sorted(order, key=lambda v: (-pooled.get(v, 0), rank[v]))[:most])
    return [v for v in order if v in top]
