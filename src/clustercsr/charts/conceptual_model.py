"""Chart 7: our reconstruction of the paper's Figure 1 from its text, as a node-link diagram; focusing a factor
highlights its own links, and each link's tooltip gives the mechanism (the paper file gives only the figure's title,
so every link is our reading)."""
from __future__ import annotations

import altair as alt

from clustercsr import analysis
from clustercsr.charts import details, theme
from clustercsr.charts.common import FIT_X, MIN_WIDTH, TARGET, chart_title, chars, check_layout, meta

SIGNS = ["+", "\u2212", "\u00b1"]
SIGN_NAMES = [analysis.SIGN_LABELS[s] for s in SIGNS]
# room for factor names (left) and outcome names (right), as shares of the width
SHARE = {"wide": (0.42, 0.28), "narrow": (0.44, 0.33)}
MOST = (250, 150)  # at most this many pixels each
Y = alt.Scale(domain=[-0.04, 1.04], reverse=True)
# markers on the lines: an arrowhead where the factor strengthens CSR, a flat bar where it weakens it (as
# in inhibition diagrams), a diamond where it can do either
HEADS = ["triangle-right", "M-0.3,-1L0.3,-1L0.3,1L-0.3,1Z", "diamond"]
LINE = 14


def conceptual_model(ev, layout: str = "wide") -> alt.LayerChart:
    check_layout(layout)
    left_share, right_share = SHARE[layout]
    left = f"min({MOST[0]}, width * {left_share})"
    right = f"min({MOST[1]}, width * {right_share})"
    x = alt.Scale(domain=[0, 1], range=[alt.expr(left), alt.expr(f"width - {right}")])
    narrowest = MIN_WIDTH[layout]
    factor_chars = chars(min(MOST[0], narrowest * left_share) - 16)
    outcome_chars = chars(min(MOST[1], narrowest * right_share) - 18, 12, em=0.62)
    nodes, edges = analysis.model_layout(ev.model_links, ev.factors, factor_chars=factor_chars,
                                         outcome_chars=outcome_chars)
    nodes = nodes.assign(spoken=[f"{lbl}: {n} link{'s' if n != 1 else ''} in the model" for lbl, n in
                                 zip(nodes["label"], nodes["links"])])
    edges = edges.assign(spoken=[f"{s} {sign} among {t.replace('CSR among ', '')}: {m}" for s, sign, t, m in
                                 zip(edges["source_label"], edges["sign_label"], edges["target_label"],
                                     edges["mechanism"])])
    most_lines = int(nodes.loc[nodes["role"] == "factor", "text"].map(len).max()) if len(nodes) else 1
    n_factors = int((nodes["role"] == "factor").sum())
    # one param: the factor under the pointer (or focused), set only by the factors' rows (below), so the
    # highlight and the tooltip always describe the same factor
    focus = alt.selection_point(name="focus_factor", fields=["source"], on="pointerover", clear="pointerout",
                                empty=True)
    # a click, tap or the list below the chart picks a factor: its links stay highlighted and the HTML panel
    # lists their mechanisms; a click on empty space clears it
    pick = alt.selection_point(name="model_factor", fields=["source"], on="click", clear=False, toggle=False,
                               empty=False)
    lit = ("length(data('model_factor_store')) ? vlSelectionTest('model_factor_store', datum) : "
           "(!length(data('focus_factor_store')) || vlSelectionTest('focus_factor_store', datum))")
    edge_tip = [alt.Tooltip("source_label:N", title="From"), alt.Tooltip("target_label:N", title="To"),
                alt.Tooltip("sign_label:N", title="Effect"), alt.Tooltip("mechanism:N", title="Mechanism"),
                alt.Tooltip("propositions:N", title="Propositions"), alt.Tooltip("locator:N", title="Passages"),
                alt.Tooltip("basis:N", title="Our reading")]
    marker = {SIGN_NAMES[0]: "arrowhead", SIGN_NAMES[1]: "bar", SIGN_NAMES[2]: "diamond"}
    sign_legend = alt.Legend(orient="top", direction="vertical", symbolType="stroke", symbolStrokeWidth=2.5,
                             symbolSize=300, titleOrient="top",
                             labelExpr=" : ".join(f"datum.label === '{k}' ? '{k} ({v})'" for k, v in marker.items())
                             + " : datum.label")
    # the legend lists only the signs the model uses; each keeps its own colour from the "sign" palette
    sign_names = [analysis.SIGN_LABELS[s] for s in SIGNS if s in set(edges["sign"])]
    sign_legend = alt.Legend(values=sign_names, **sign_legend.to_dict())
    sign_colour = alt.Color("sign_label:N", title="Link", scale=alt.Scale(domain=theme.domain("sign"),
                                                                          range="category"), legend=sign_legend)
    base = alt.Chart(edges).encode(x=alt.X("x:Q", scale=x, axis=None, title="From"),
                                   y=alt.Y("y:Q", scale=Y, axis=None, title="Position"),
                                   x2="x2:Q", y2="y2:Q", tooltip=edge_tip)
    highlighted = alt.condition(lit, alt.value(0.95), alt.value(0.12))
    links = base.mark_rule(strokeWidth=2.5, aria=False).encode(
        color=sign_colour,
        strokeDash=alt.StrokeDash("sign_label:N", title="Link", legend=sign_legend,
                                  scale=alt.Scale(domain=SIGN_NAMES, range=[[1, 0], [6, 3], [2, 3]])),
        opacity=highlighted,
    )
    heads = alt.Chart(edges).mark_point(filled=True, size=90).encode(
        x=alt.X("ax:Q", scale=x, title="Marker"), y=alt.Y("ay:Q", scale=Y, title="Position"),
        angle=alt.Angle("angle:Q", scale=None, title="Heading"),
        color=alt.Color("sign_label:N", title="Link", scale=alt.Scale(domain=theme.domain("sign"), range="category"),
                        legend=sign_legend),
        shape=alt.Shape("sign:N", scale=alt.Scale(domain=SIGNS, range=HEADS), legend=None),
        opacity=highlighted, tooltip=edge_tip, description=alt.Description("spoken:N"),
    )
    node_tip = [alt.Tooltip("label:N", title="Node"), alt.Tooltip("level:N", title="Level"),
                alt.Tooltip("links:Q", title="Links"), alt.Tooltip("summary:N", title="About")]
    node_base = alt.Chart(nodes).encode(x=alt.X("x:Q", scale=x, title="Side"),
                                        y=alt.Y("y:Q", scale=Y, title="Position"), tooltip=node_tip)
    dots = node_base.mark_circle(opacity=1, aria=False).encode(
        size=alt.condition("datum.role === 'outcome'", alt.value(320), alt.value(140)))
    # each factor's row, from the left edge to its dot, is the target that sets the one param: pointing at a
    # factor's name or dot (or focusing it) highlights exactly that factor's links
    half = 0.5 / max(n_factors - 1, 1)
    rows = nodes[nodes["role"] == "factor"].assign(y0=lambda d: d["y"] - half, y1=lambda d: d["y"] + half)
    targets = alt.Chart(rows).mark_rect(fillOpacity=0.001, strokeOpacity=0, cursor="pointer").encode(
        x=alt.value(0), x2=alt.value(alt.expr(f"{left} + 8")),
        y=alt.Y("y0:Q", scale=Y, title="Position"), y2="y1:Q",
        description=alt.Description("spoken:N"), tooltip=node_tip,
    ).add_params(focus, pick).properties(name=TARGET)
    panel_rows = [{"source": e["source"], "label": e["target_label"],
                   "about": f"{e['sign_label']}; propositions: {e['propositions']}",
                   "finding": e["mechanism"], "locator": str(e.get("locator") or "")} for _, e in edges.iterrows()]
    panel = details.panel(
        "model_factor", fields=["source"], heading="Links of the selected factor", url_key="model-factor",
        control="Factor", rows=panel_rows, noun=("link", "links"),
        choices=[{"value": r["id"], "label": r["label"]} for _, r in rows.sort_values("label").iterrows()],
        empty="Select a factor's name, or choose one from the list, to read the mechanism of each of its links here.",
        columns=[("label", "To"), ("about", "Effect"), ("finding", "Mechanism")])
    factor_names = node_base.transform_filter("datum.role === 'factor'").mark_text(
        align="right", baseline="middle", dx=-10, fontSize=12, lineHeight=LINE, aria=False).encode(
        text="text:N")
    outcome_names = node_base.transform_filter("datum.role === 'outcome'").mark_text(
        align="left", baseline="middle", dx=14, fontSize=12, fontWeight=600, lineHeight=LINE, aria=False).encode(
        text="text:N")
    chart = alt.layer(links, heads, dots, factor_names, outcome_names, targets).properties(
        width="container", height=max(240, (LINE * most_lines + 12) * n_factors), autosize=FIT_X,
        title=chart_title("Our reconstruction of the review's model of CSR (non-)adoption",
                          subtitle=["Factors on the left, CSR among first-tier and lower-tier firms on the right; "
                                    "each line is one link of the model, its marker the direction of the effect."],
                          layout=layout),
        description=("Node-link diagram of our reconstruction, from the text, of the review's conceptual model (its "
                     "Figure 1, of which our source gives only the title): each factor on the left is joined to CSR "
                     "among first-tier suppliers or among lower-tier firms on the right by a link that, as we read "
                     "the text, strengthens CSR (solid line with an arrowhead) or weakens it (dashed line with a "
                     "bar)" + (", or can do either (dotted line with a diamond)"
                               if (ev.model_links["sign"] == "\u00b1").any() else "") + ". Each link's tooltip "
                     "gives the mechanism in our words, the propositions it supports, the passages it rests on and "
                     "which parts of it are our reading."),
        usermeta=meta("conceptual-model", "Conceptual model",
                      [("source_label", "From"), ("target_label", "To"), ("sign_label", "Effect"),
                       ("mechanism", "Mechanism"), ("propositions", "Propositions")],
                      hint="Point at a factor to highlight its own links; select one (click, tap, or the list below "
                           "the chart) to read the mechanism of each of its links.",
                      palette={"category": ["sign"]}, layout=layout, details=[panel]),
    )
    return chart.configure_range(category=theme.palette_range(["sign"]))
