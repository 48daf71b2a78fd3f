"""Pure pandas helpers: tidy tables for the charts, computed from the evidence base and nothing else.

Every function here takes DataFrames (or plain values) and returns a new DataFrame or Series; none reads a
file, and none changes its inputs. The charts in `clustercsr.charts` only draw what these functions return.

Derived figures and their definitions:
- works (for a factor, topic, limitation or framework): the number of distinct citekeys among the evidence
  rows about that subject. It counts the review's in-text citations, not how strong the evidence is.
- works (for a case cluster): the number of distinct citekeys among the evidence rows that name the cluster
  (`cluster_id`), together with the citekeys listed on the cluster's own row in clusters.csv.
- works (for a cluster–factor cell of the evidence matrix): the number of distinct citekeys among the evidence
  rows about that factor that name that cluster, counted within one theme, or over all themes for "all".
- dominant theme (of a cited work): the theme that occurs most often among the evidence rows citing the work,
  ties broken in the order environment, work conditions, poverty, general.
"""
from __future__ import annotations

import itertools
import math
import re
import textwrap

import pandas as pd

WORKS_DEFINITION = ("Works the review cites: the number of distinct works among the evidence rows about this item, "
                    "not counting the review itself (rows that record the review's own uncited claims). "
                    "It counts the review's in-text citations; it does not measure how strong the evidence is.")
CLUSTER_WORKS_DEFINITION = ("Works cited for a cluster: the number of distinct works among the evidence rows that "
                            "name the cluster, together with the works listed for the cluster itself in clusters.csv.")
CELL_WORKS_DEFINITION = ("Works linking a cluster to a factor: the number of distinct works among the evidence rows "
                         "about that factor that name that cluster, within the chosen theme (or over all themes).")

REVIEWED_PAPER = "lundthomsenetal2016"
THEMES = ["environment", "work-conditions", "poverty"]
THEME_LABELS = {"environment": "Environment", "work-conditions": "Work conditions", "poverty": "Poverty",
                "general": "General or several themes", "none": "No finding recorded"}
AREA_LABELS = {"environment": "Environmental management", "work-conditions": "Work conditions",
               "poverty": "Poverty reduction"}
COVERAGE_LABELS = {"substantial": "A body of studies", "few": "Few studies", "virtually-none": "Virtually none"}
LEVELS = ["global", "national", "cluster", "community"]
SIGN_LABELS = {"+": "strengthens CSR", "\u2212": "weakens CSR", "\u00b1": "can strengthen or weaken CSR"}
OUTCOME_LABELS = {"csr-first-tier": "CSR among first-tier suppliers", "csr-lower-tier": "CSR among lower-tier firms"}

# BibTeX entry type → the five kinds of work the timeline stacks by.
WORK_TYPES = ["Journal article", "Book", "Book chapter", "Report or paper", "Other"]
BIBTEX_TYPE = {"article": "Journal article", "book": "Book", "incollection": "Book chapter", "inbook": "Book chapter",
               "techreport": "Report or paper", "unpublished": "Report or paper", "inproceedings": "Report or paper",
               "conference": "Report or paper", "phdthesis": "Report or paper", "mastersthesis": "Report or paper",
               "manual": "Report or paper", "booklet": "Report or paper", "misc": "Other"}


# --------------------------------------------------------------------------------------------------------------
# Labels and small utilities
# --------------------------------------------------------------------------------------------------------------

def clean_bibtex(text) -> str:
    """BibTeX field text as a reader sees it: no protective braces, no TeX escapes, dashes as dashes."""
    if text is None or (isinstance(text, float) and pd.isna(text)):
        return ""
    out = str(text).replace("\\&", "&").replace("---", "\u2014").replace("--", "\u2013")
    out = re.sub(r"\\[a-zA-Z]+\s*", "", out).replace("{", "").replace("}", "")
    return " ".join(out.split())


def _split_authors(field: str) -> list[str]:
    """Split a BibTeX name list at " and " outside braces (so "{Ministry of Labour and Employment}" stays whole)."""
    parts, depth, start, i = [], 0, 0, 0
    while i < len(field):
        ch = field[i]
        depth += ch == "{"
        depth -= ch == "}"
        if depth == 0 and re.match(r"\s+and\s+", field[i:]) and field[i].isspace():
            parts.append(field[start:i])
            i += len(re.match(r"\s+and\s+", field[i:]).group(0))
            start = i
            continue
        i += 1
    parts.append(field[start:])
    return parts


def _surnames(author_field: str) -> list[str]:
    names = [a.strip() for a in _split_authors(author_field or "") if a.strip()]
    out = []
    for name in names:
        if name.startswith("{") and name.endswith("}"):  # a corporate author, kept whole
            out.append(name.strip("{} "))
            continue
        name = name.strip("{}")
        out.append(name.split(",")[0].strip("{} ") if "," in name else name.split()[-1].strip("{} "))
    return out


def citation_label(author_field: str, year: str) -> str:
    """Author–year label as the review prints it: "Blackman (2006)", "Lund-Thomsen & Nadvi (2010a)"."""
    s = _surnames(author_field)
    if not s:
        who = "Anon."
    elif len(s) == 1:
        who = s[0]
    elif len(s) == 2:
        who = f"{s[0]} & {s[1]}"
    else:
        who = f"{s[0]} et al."
    return f"{who} ({year})"


def _first_initial(author_field: str) -> str:
    first = _split_authors(author_field or "")[0].strip("{} ")
    given = first.split(",", 1)[1].strip() if "," in first else " ".join(first.split()[:-1])
    return (given[:1] + ".") if given else ""


def citation_labels(references: pd.DataFrame) -> pd.Series:
    """citekey → author–year label, with the year suffix taken from the key (nadvi1999a → 1999a).

    Where two works would get the same label (different authors sharing a surname and year, as in
    khana2007 and khanf2007), the first author's initial is added: "Khan, A. (2007)", "Khan, F. (2007)".
    """
    if references.empty:
        return pd.Series(dtype=object)

    def year_of(row):
        m = re.search(r"(\d{4}[a-z]?|forthcoming)$", row["key"])
        return m.group(1) if m else row["year"]

    labels = pd.Series([citation_label(a, year_of(r)) for a, (_, r) in zip(references["author"], references.iterrows())],
                       index=references["key"].values, dtype=object)
    clash = labels.duplicated(keep=False).values
    for i in [i for i, c in enumerate(clash) if c]:
        row = references.iloc[i]
        initial = _first_initial(row["author"])
        if initial:
            who, year = labels.iloc[i].rsplit(" (", 1)
            labels.iloc[i] = f"{who.replace(_surnames(row['author'])[0], _surnames(row['author'])[0] + ', ' + initial, 1)} ({year}"
    return labels


def split_keys(value) -> list[str]:
    """A `;`-separated list cell as a list; empty cells give []."""
    if value is None or (isinstance(value, float) and pd.isna(value)):
        return []
    return [k.strip() for k in str(value).split(";") if k.strip()]


def join_labels(keys, labels: pd.Series) -> str:
    """Distinct citekeys as sorted author–year labels, joined with "; "."""
    return "; ".join(sorted({labels.get(k, k) for k in keys}))


def wrap(text: str, width: int) -> list[str]:
    """Lines of at most `width` characters (longer single words are kept whole)."""
    lines = textwrap.wrap(" ".join(str(text or "").split()), width=width, break_long_words=False,
                          break_on_hyphens=False)
    return lines or [""]


# --------------------------------------------------------------------------------------------------------------
# Works per subject, drivers and barriers
# --------------------------------------------------------------------------------------------------------------

def cited_works_only(evidence: pd.DataFrame) -> pd.DataFrame:
    """Evidence rows that cite another work: the review's own uncited claims are not works it cites."""
    return evidence[evidence["citekey"] != REVIEWED_PAPER]


def works_per_subject(evidence: pd.DataFrame, subject_type: str) -> pd.Series:
    """subject_id → number of distinct works cited for it (see WORKS_DEFINITION)."""
    evidence = cited_works_only(evidence)
    rows = evidence[evidence["subject_type"] == subject_type]
    return rows.groupby("subject_id")["citekey"].nunique()


def factor_pairs(factors: pd.DataFrame, evidence: pd.DataFrame) -> pd.DataFrame:
    """One row per factor, placed on the row of its driver–barrier pair; barriers get negative signed lengths.

    Columns: id, label, kind, level, pair, pair_label, pair_rank, works, signed_works, barrier_label and
    driver_label (the pair's two names, "" where one is missing), pair_key ("pair|barrier_label|driver_label",
    one value per row of the chart).
    """
    works = works_per_subject(evidence, "factor")
    out = factors[["id", "label", "kind", "level", "mirror_id"]].copy()
    out["works"] = out["id"].map(works).fillna(0).astype(int)
    drivers = out.set_index("id")

    def pair_of(row):
        if row["kind"] == "driver":
            return row["id"]
        mirror = row["mirror_id"]
        if isinstance(mirror, str) and mirror in drivers.index and drivers.at[mirror, "kind"] == "driver":
            return mirror
        return row["id"]

    out["pair"] = out.apply(pair_of, axis=1)
    labels = out.set_index("id")["label"]
    out["pair_label"] = out.apply(
        lambda r: labels[r["pair"]] if r["pair"] != r["id"] or r["kind"] == "driver" else f"(no driver) {r['label']}", axis=1)
    out["signed_works"] = out["works"].where(out["kind"] == "driver", -out["works"])
    order = out[out["kind"] == "driver"].sort_values(["works", "label"], ascending=[False, True])["id"].tolist()
    rank = {pid: i for i, pid in enumerate(order)}
    # barriers without a driver come after every pair, in label order
    lone = sorted(out.loc[~out["pair"].isin(rank), "pair"].unique(), key=lambda p: labels[p])
    rank.update({pid: len(order) + i for i, pid in enumerate(lone)})
    out["pair_rank"] = out["pair"].map(rank).astype(int)
    out = out.sort_values(["pair_rank", "kind", "label"]).reset_index(drop=True)
    barrier_of = out[(out["kind"] != "driver")].groupby("pair")["label"].agg(lambda v: " / ".join(sorted(v)))
    driver_of = out[out["kind"] == "driver"].set_index("pair")["label"]
    out["barrier_label"] = out["pair"].map(barrier_of).fillna("")
    out["driver_label"] = out["pair"].map(driver_of).fillna("")
    out["pair_key"] = out["pair"] + "|" + out["barrier_label"] + "|" + out["driver_label"]
    return out[["id", "label", "kind", "level", "pair", "pair_label", "pair_rank", "works", "signed_works",
                "barrier_label", "driver_label", "pair_key"]]


def subject_evidence(ev, subject_type: str) -> pd.DataFrame:
    """The evidence rows about one kind of subject, readable: subject_id, citation, cluster, finding, stance."""
    return evidence_rows(ev.evidence, ev.clusters, citation_labels(ev.references), subject_type)


def evidence_rows(evidence: pd.DataFrame, clusters: pd.DataFrame, labels: pd.Series,
                  subject_type: str | None = None) -> pd.DataFrame:
    """Evidence rows (optionally of one subject type) with readable citation and cluster names.

    Columns: subject_type, subject_id, cluster_id, citation, cluster, stance, finding; sorted by subject, citation.
    """
    rows = evidence if subject_type is None else evidence[evidence["subject_type"] == subject_type]
    names = clusters.set_index("id")["name"]
    out = pd.DataFrame({
        "subject_type": rows["subject_type"].values,
        "subject_id": rows["subject_id"].values,
        "cluster_id": rows["cluster_id"].fillna("").values,
        "citation": rows["citekey"].map(labels).fillna(rows["citekey"]).values,
        "cluster": rows["cluster_id"].map(names).fillna("").values,
        "stance": rows["stance"].values,
        "finding": rows["finding"].values,
    })
    return out.sort_values(["subject_id", "citation", "finding"]).reset_index(drop=True)


def evidence_lines(rows: pd.DataFrame, key: str, width: int = 72, about: pd.Series | None = None) -> pd.DataFrame:
    """The linked evidence list, one row per printed line, so a chart can show wrapped findings.

    `rows` has the column `key` and citation, cluster, finding (as from `evidence_rows`). `about` optionally
    maps a row's index to a short subject name shown in the heading line. Each evidence row gives a heading
    line ("Citation · Cluster · subject") and its finding wrapped at `width` characters; an empty "gap" line
    separates consecutive rows. Columns: <key>, order (a global sort position), kind ("head", "body" or
    "gap"), text, finding.
    """
    out = []
    order = 0
    for idx, row in rows.iterrows():
        if order:
            out.append({key: row[key], "order": order, "kind": "gap", "text": "", "finding": row["finding"]})
            order += 1
        head = [row["citation"]]
        if row.get("cluster"):
            head.append(row["cluster"])
        if about is not None and isinstance(about.get(idx), str) and about.get(idx):
            head.append(about.get(idx))
        out.append({key: row[key], "order": order, "kind": "head", "text": " \u00b7 ".join(head),
                    "finding": row["finding"]})
        order += 1
        for line in wrap(row["finding"], width):
            out.append({key: row[key], "order": order, "kind": "body", "text": line, "finding": row["finding"]})
            order += 1
    return pd.DataFrame(out, columns=[key, "order", "kind", "text", "finding"])


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
    industry_group, market, works, citations, summary; most works first.
    """
    works = cluster_works(clusters, evidence)
    out = clusters[["id", "name", "place", "country", "lat", "lon", "industry", "market", "summary"]].copy()
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
                "industry_group", "market", "works", "citations", "summary"]]


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


# --------------------------------------------------------------------------------------------------------------
# Literature timeline
# --------------------------------------------------------------------------------------------------------------

def dominant_theme(evidence: pd.DataFrame) -> pd.Series:
    """citekey → the theme that occurs most often among its evidence rows (ties: environment, work conditions,
    poverty, general)."""
    order = {t: i for i, t in enumerate([*THEMES, "general"])}
    counts = evidence.groupby(["citekey", "theme"]).size().reset_index(name="n")
    counts["rank"] = counts["theme"].map(order)
    counts = counts.sort_values(["citekey", "n", "rank"], ascending=[True, False, True])
    return counts.drop_duplicates("citekey").set_index("citekey")["theme"]


def works_timeline(references: pd.DataFrame, evidence: pd.DataFrame, labels: pd.Series,
                   exclude: tuple[str, ...] = (REVIEWED_PAPER,)) -> pd.DataFrame:
    """One row per cited work: when it appeared, what kind of work it is and its dominant theme.

    Works cited as forthcoming (no year) sit in their own bin, placed three years after the latest year.
    Columns: key, label, title, year_label, year_pos, type_group, theme, type_order, theme_order;
    sorted by year_pos, label.
    """
    refs = references[~references["key"].isin(exclude)].copy()
    years = pd.to_numeric(refs["year"].astype(str).str.extract(r"(\d{4})")[0], errors="coerce")
    latest = int(years.max()) if years.notna().any() else 2000
    forthcoming_pos = latest + 3
    refs["year_pos"] = years.fillna(forthcoming_pos).astype(int)
    refs["year_label"] = [str(int(y)) if pd.notna(y) else "forthcoming" for y in years]
    refs["type_group"] = refs["type"].str.lower().map(BIBTEX_TYPE).fillna("Other")
    themes = dominant_theme(evidence)
    refs["theme"] = refs["key"].map(themes).fillna("none").map(THEME_LABELS)
    refs["label"] = refs["key"].map(labels).fillna(refs["key"])
    refs["title"] = refs["title"].map(clean_bibtex)
    type_rank = {t: i for i, t in enumerate(WORK_TYPES)}
    theme_rank = {THEME_LABELS[t]: i for i, t in enumerate([*THEMES, "general", "none"])}
    refs["type_order"] = refs["type_group"].map(type_rank).astype(int)
    refs["theme_order"] = refs["theme"].map(theme_rank).astype(int)
    out = refs.sort_values(["year_pos", "label"]).reset_index(drop=True)
    return out[["key", "label", "title", "year_label", "year_pos", "type_group", "theme", "type_order",
                "theme_order"]]


def works_per_year(works: pd.DataFrame) -> pd.DataFrame:
    """How many works each year (or the forthcoming bin) has. Columns: year_pos, year_label, works."""
    out = works.groupby(["year_pos", "year_label"]).size().reset_index(name="works")
    return out.sort_values("year_pos").reset_index(drop=True)


def work_lines(works: pd.DataFrame, width: int = 72) -> pd.DataFrame:
    """The timeline's linked list: per work a heading line (label, type) and its title wrapped at `width`, with
    an empty "gap" line between works.

    Columns: key, year_pos, order, kind, text, title."""
    out, order = [], 0
    for _, w in works.sort_values(["year_pos", "label"]).iterrows():
        if order:
            out.append({"key": w["key"], "year_pos": w["year_pos"], "order": order, "kind": "gap", "text": "",
                        "title": w["title"]})
            order += 1
        out.append({"key": w["key"], "year_pos": w["year_pos"], "order": order, "kind": "head",
                    "text": f"{w['label']} \u00b7 {w['type_group']}", "title": w["title"]})
        order += 1
        for line in wrap(w["title"], width):
            out.append({"key": w["key"], "year_pos": w["year_pos"], "order": order, "kind": "body", "text": line,
                        "title": w["title"]})
            order += 1
    return pd.DataFrame(out, columns=["key", "year_pos", "order", "kind", "text", "title"])


# --------------------------------------------------------------------------------------------------------------
# Research landscape (Table 2) and limitations (Table 3)
# --------------------------------------------------------------------------------------------------------------

def topic_coverage(topics: pd.DataFrame, evidence: pd.DataFrame) -> pd.DataFrame:
    """One row per Table 2 topic with its area, the works cited for it and whether the paper calls it thin.

    thin is True where coverage is "few" or "virtually-none". Rows keep the order of topics.csv within the
    area order environment, work conditions, poverty. Columns: id, area, area_label, label, coverage,
    coverage_label, coverage_note, thin, works, rank.
    """
    works = works_per_subject(evidence, "topic")
    out = topics[["id", "area", "label", "coverage", "coverage_note"]].copy()
    out["area_label"] = out["area"].map(AREA_LABELS)
    out["coverage_label"] = out["coverage"].map(COVERAGE_LABELS)
    out["thin"] = out["coverage"].isin(["few", "virtually-none"])
    out["works"] = out["id"].map(works).fillna(0).astype(int)
    out["_area"] = out["area"].map({a: i for i, a in enumerate(THEMES)})
    out["_pos"] = range(len(out))
    out = out.sort_values(["_area", "_pos"]).reset_index(drop=True)
    out["rank"] = range(len(out))
    return out[["id", "area", "area_label", "label", "coverage", "coverage_label", "coverage_note", "thin", "works",
                "rank"]]


def limitation_summary(limitations: pd.DataFrame, evidence: pd.DataFrame, clusters: pd.DataFrame) -> pd.DataFrame:
    """One row per Table 3 critique, in the paper's order, with the works and case clusters behind it.

    Columns: id, order, label, works, n_clusters, clusters (names, sorted, ", "-joined, or "none named"),
    note (e.g. "2 works · clusters: Jalandhar footballs"), heading (e.g. "1. Export focus").
    """
    rows = evidence[evidence["subject_type"] == "limitation"]
    names = clusters.set_index("id")["name"]
    out = limitations[["id", "order", "label"]].copy().sort_values("order").reset_index(drop=True)
    out["works"] = out["id"].map(works_per_subject(evidence, "limitation")).fillna(0).astype(int)
    named = rows[rows["cluster_id"].notna()].groupby("subject_id")["cluster_id"].agg(
        lambda ids: sorted({names.get(i, i) for i in ids}))
    out["n_clusters"] = out["id"].map(named).map(lambda v: len(v) if isinstance(v, list) else 0).astype(int)
    out["clusters"] = out["id"].map(named).map(lambda v: ", ".join(v) if isinstance(v, list) and v else "none named")
    out["note"] = [f"{w} work{'' if w == 1 else 's'} \u00b7 clusters: {c}" for w, c in zip(out["works"], out["clusters"])]
    out["heading"] = [f"{o}. {lbl}" for o, lbl in zip(out["order"], out["label"])]
    return out[["id", "order", "label", "works", "n_clusters", "clusters", "note", "heading"]]


# --------------------------------------------------------------------------------------------------------------
# Conceptual model (Figure 1)
# --------------------------------------------------------------------------------------------------------------

def model_layout(model_links: pd.DataFrame, factors: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Fixed coordinates for the node-link drawing of the model, on a unit square (y grows downwards).

    Factor nodes (the distinct sources of model_links) sit at x = 0, spread evenly from y = 0 to y = 1 (a
    single node sits at 0.5). To keep lines from crossing, they are ordered by what they reach: first the
    factors linked only to first-tier CSR, then those linked to both outcomes, then those linked only to
    lower-tier CSR; within each band by level (global, national, cluster, community), then by label.
    The two outcome nodes sit at x = 1, each at the mean y of the factors linked to it (first-tier at 1/3
    and lower-tier at 2/3 when nothing links to it), rounded to 6 decimals. Edges run from a source to its
    target; its marker (arrowhead, bar or diamond) sits at (ax, ay), 62 % of the way along, where the lines
    converging on an outcome are still apart, and `angle` is the edge's heading in degrees (0 = right,
    clockwise positive, as Vega rotates shapes).

    nodes: id, label, role ("factor"/"outcome"), level, kind, x, y, links, summary, text (the label as a list
           of lines: outcome labels are wrapped at 18 characters), source (the id for factors, "" for outcomes).
    edges: id, source, target, source_label, target_label, sign, sign_label, mechanism, propositions,
           x, y, x2, y2, ax, ay, angle.
    """
    fac = factors.set_index("id")

    def attr(s, col, default=""):
        return fac.at[s, col] if s in fac.index else default

    reach = model_links.groupby("source")["target"].agg(lambda t: set(t))
    band = {frozenset({"csr-first-tier"}): 0, frozenset({"csr-first-tier", "csr-lower-tier"}): 1,
            frozenset({"csr-lower-tier"}): 2}
    level_rank = {lv: i for i, lv in enumerate(LEVELS)}
    sources = sorted(dict.fromkeys(model_links["source"]),
                     key=lambda s: (band.get(frozenset(reach[s]), 1), level_rank.get(attr(s, "level"), 99),
                                    attr(s, "label", s)))
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
    nodes["text"] = [wrap(lbl, 18) if role == "outcome" else [lbl] for lbl, role in zip(nodes["label"], nodes["role"])]
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
    edges["ax"] = (edges["x"] + 0.62 * (edges["x2"] - edges["x"])).round(6)
    edges["ay"] = (edges["y"] + 0.62 * (edges["y2"] - edges["y"])).round(6)
    edges["angle"] = [round(math.degrees(math.atan2(y2 - y, x2 - x)), 3)
                      for x, y, x2, y2 in zip(edges["x"], edges["y"], edges["x2"], edges["y2"])]
    edges = edges.sort_values(["y", "target"]).reset_index(drop=True)
    return nodes, edges[["id", "source", "target", "source_label", "target_label", "sign", "sign_label", "mechanism",
                         "propositions", "x", "y", "x2", "y2", "ax", "ay", "angle"]]


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
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


def proposition_rules(groups: list[str] | None = None) -> pd.DataFrame:
    """Every combination of strengths (absent/weak/strong) of the model's factor groups, with the outcome the
    paper's propositions lead one to expect. An illustration of the propositions' logic, not an estimate.

    The rules, in order:
    - P1 and P2: visible global value chains AND local industry associations both strong → first-tier firms
      improve (P1, which the paper expects in few clusters), while lower-tier firms, to which work is
      outsourced, stay poor (P2), whatever the other groups are.
    - P3, partial: otherwise, if at least one group is strong → first-tier CSR is partial and piecemeal, and
      lower-tier firms stay poor.
    - P3, poor: otherwise (every group weak or absent) → poor at both tiers.

    Columns: key (e.g. "visible_chains=strong|associations=weak|…"), one column per group, first_tier,
    lower_tier, proposition ("P1 and P2" or "P3"), first_tier_proposition, lower_tier_proposition, explanation,
    proposition_text (a heading such as "Proposition P3"), explanation_lines (the explanation wrapped at 66
    characters, as a list).
    """
    groups = groups or [g for g, _, _ in MODEL_GROUPS]
    labels = {g: lbl for g, lbl, _ in MODEL_GROUPS}
    rows = []
    for combo in itertools.product(STRENGTHS, repeat=len(groups)):
        setting = dict(zip(groups, combo))
        strong = [labels.get(g, g) for g in groups if setting[g] == "strong"]
        weak = [labels.get(g, g) for g in groups if setting[g] == "weak"]
        if setting.get("visible_chains") == "strong" and setting.get("associations") == "strong":
            first, lower, p_first, p_lower = "improves", "poor", "P1", "P2"
            others = [s for s in strong if s not in (labels["visible_chains"], labels["associations"])]
            extra = (f"; strong {_listing(others)} does not change that picture in the paper's argument"
                     if others else "")
            text = ("Demanding, visible buyers backed by a local industry association are the pairing under which "
                    "the paper expects first-tier suppliers to do better (P1, and only in a few clusters), but the "
                    "work those suppliers pass down to subcontractors and home workers stays hard to monitor and "
                    f"largely non-compliant (P2){extra}.")
        elif strong:
            first, lower, p_first, p_lower = "partial, piecemeal", "poor", "P3", "P3"
            text = (f"With only {_listing(strong)} strong, and without visible buyers working together with a local "
                    "association, the paper expects CSR at the top to be taken up in bits and pieces and labour "
                    "violations and pollution to stay common further down (P3).")
        elif weak:
            first, lower, p_first, p_lower = "poor", "poor", "P3", "P3"
            text = (f"With {_listing(weak)} present only weakly and nothing strong, the paper expects labour "
                    "violations and pollution to stay widespread among first-tier and lower-tier firms alike (P3).")
        else:
            first, lower, p_first, p_lower = "poor", "poor", "P3", "P3"
            text = ("With none of the drivers present, the paper expects labour violations and pollution to be the "
                    "norm throughout the cluster, at the top and further down (P3).")
        proposition = p_first if p_first == p_lower else f"{p_first} and {p_lower}"
        rows.append({"key": "|".join(f"{g}={setting[g]}" for g in groups), **setting, "first_tier": first,
                     "lower_tier": lower, "proposition": proposition, "first_tier_proposition": p_first,
                     "lower_tier_proposition": p_lower, "explanation": text,
                     "proposition_text": ("Propositions " if " and " in proposition else "Proposition ") + proposition,
                     "explanation_lines": wrap(text, 66)})
    return pd.DataFrame(rows, columns=["key", *groups, "first_tier", "lower_tier", "proposition",
                                       "first_tier_proposition", "lower_tier_proposition", "explanation",
                                       "proposition_text", "explanation_lines"])


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


# --------------------------------------------------------------------------------------------------------------
# Frameworks compared
# --------------------------------------------------------------------------------------------------------------

def framework_authors(frameworks: pd.DataFrame, labels: pd.Series) -> pd.Series:
    """framework id → a short heading naming its authors ("Lund-Thomsen & Nadvi", "Pyke"), from the first
    citekey's author–year label without the year; the paper's own model is "This review"; a framework
    without citekeys keeps its label."""
    def short(row):
        if row["kind"] == "this-paper":
            return "This review"
        keys = split_keys(row.get("citekeys"))
        if not keys or keys[0] not in labels.index:
            return row["label"]
        return re.sub(r"\s*\([^)]*\)$", "", labels[keys[0]])
    return pd.Series([short(r) for _, r in frameworks.iterrows()], index=frameworks["id"].values, dtype=object)


def framework_grid(frameworks: pd.DataFrame, framework_factors: pd.DataFrame, factors: pd.DataFrame,
                   labels: pd.Series | None = None) -> pd.DataFrame:
    """Every framework × every factor that at least one framework covers, marked covered or not.

    Reviewed frameworks come first in the order of frameworks.csv and the paper's own model ("this-paper")
    last; factors keep the order of factors.csv. Columns: framework_id, framework, framework_header (a short
    heading from framework_authors, given citation `labels`; else the label), framework_kind,
    framework_rank, factor_id, factor, factor_rank, covered, status, note.
    """
    headers = framework_authors(frameworks, labels if labels is not None else pd.Series(dtype=object))
    fw = pd.concat([frameworks[frameworks["kind"] != "this-paper"], frameworks[frameworks["kind"] == "this-paper"]])
    covered_ids = list(dict.fromkeys(framework_factors["factor_id"]))
    fac = factors[factors["id"].isin(covered_ids)].reset_index(drop=True)
    notes = framework_factors.set_index(["framework_id", "factor_id"])["note"]
    rows = []
    for i, f in enumerate(fw.itertuples(index=False)):
        for j, c in enumerate(fac.itertuples(index=False)):
            covered = (f.id, c.id) in notes.index
            rows.append({"framework_id": f.id, "framework": f.label, "framework_header": headers[f.id],
                         "framework_kind": f.kind, "framework_rank": i,
                         "factor_id": c.id, "factor": c.label, "factor_rank": j, "covered": covered,
                         "status": "covered" if covered else "not covered",
                         "note": notes[(f.id, c.id)] if covered else ""})
    return pd.DataFrame(rows, columns=["framework_id", "framework", "framework_header", "framework_kind",
                                       "framework_rank", "factor_id", "factor", "factor_rank", "covered", "status",
                                       "note"])
