"""Chart 7: our reconstruction of the paper's Figure 1 from its text, as a node-link diagram; hover over a link or a
factor to read the mechanism (the paper file gives only the figure's title, so every link is our reading)."""
from __future__ import annotations

import altair as alt

from clustercsr import analysis
from clustercsr.charts import details
from clustercsr.charts.common import TARGET, chart_title, described, meta

SIGNS = ["+", "\u2212", "\u00b1"]
SIGN_NAMES = [analysis.SIGN_LABELS[s] for s in SIGNS]
LEFT = "min(250, width * 0.42)"  # room for factor names, in pixels
RIGHT = "min(150, width * 0.28)"  # room for outcome names
X = alt.Scale(domain=[0, 1], range=[alt.expr(LEFT), alt.expr(f"width - {RIGHT}")])
Y = alt.Scale(domain=[-0.04, 1.04], reverse=True)
# markers on the lines: an arrowhead where the factor strengthens CSR, a flat bar where it weakens it (as
# in inhibition diagrams), a diamond where it can do either
HEADS = ["triangle-right", "M-0.3,-1L0.3,-1L0.3,1L-0.3,1Z", "diamond"]


def conceptual_model(ev) -> alt.LayerChart:
    nodes, edges = analysis.model_layout(ev.model_links, ev.factors)
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
    sign_legend = alt.Legend(orient="bottom", direction="vertical", symbolType="stroke", labelLimit=400, symbolStrokeWidth=2.5, symbolSize=300,
                             labelExpr=f"datum.label + (datum.label === '{SIGN_NAMES[0]}' ? ' (arrowhead)' : "
                                       f"datum.label === '{SIGN_NAMES[1]}' ? ' (bar)' : ' (diamond)')")
    sign_colour = alt.Color("sign_label:N", title="Link", scale=alt.Scale(domain=SIGN_NAMES), legend=sign_legend)
    base = described(alt.Chart(edges), edge_tip).encode(x=alt.X("x:Q", scale=X, axis=None), y=alt.Y("y:Q", scale=Y, axis=None),
                                   x2="x2:Q", y2="y2:Q", tooltip=edge_tip)
    links = base.mark_rule(strokeWidth=2).encode(
        color=sign_colour,
        strokeDash=alt.StrokeDash("sign_label:N", title="Link", legend=sign_legend,
                                  scale=alt.Scale(domain=SIGN_NAMES, range=[[1, 0], [6, 3], [2, 3]])),
        opacity=alt.condition(lit, alt.value(0.95), alt.value(0.15)),
    )
    hit = base.mark_rule(strokeWidth=12, strokeOpacity=0.001).add_params(focus)
    heads = described(alt.Chart(edges), edge_tip).mark_point(filled=True, size=90, opacity=0.95).encode(
        x=alt.X("ax:Q", scale=X), y=alt.Y("ay:Q", scale=Y), angle=alt.Angle("angle:Q", scale=None),
        color=alt.Color("sign_label:N", title="Link", scale=alt.Scale(domain=SIGN_NAMES), legend=sign_legend),
        shape=alt.Shape("sign:N", scale=alt.Scale(domain=SIGNS, range=HEADS), legend=None),
        opacity=alt.condition(lit, alt.value(0.95), alt.value(0.15)), tooltip=edge_tip,
    )
    node_tip = [alt.Tooltip("label:N", title="Node"), alt.Tooltip("level:N", title="Level"),
                alt.Tooltip("links:Q", title="Links"), alt.Tooltip("summary:N", title="About")]
    node_base = described(alt.Chart(nodes), node_tip).encode(x=alt.X("x:Q", scale=X), y=alt.Y("y:Q", scale=Y), tooltip=node_tip)
    dots = node_base.mark_circle(size=110, opacity=1).encode(
        size=alt.condition("datum.role === 'outcome'", alt.value(320), alt.value(110))).add_params(focus)
    factor_names = node_base.transform_filter("datum.role === 'factor'").mark_text(
        align="right", baseline="middle", dx=-10, fontSize=12, limit=alt.expr(f"{LEFT} - 14"))
    outcome_names = node_base.transform_filter("datum.role === 'outcome'").mark_text(
        align="left", baseline="middle", dx=14, fontSize=12, fontWeight=600, limit=alt.expr(f"{RIGHT} - 16"))
    factors = nodes[nodes["role"] == "factor"]
    half = 0.45 / max(len(factors) - 1, 1)  # half the spacing of two factors, in the y scale's units
    # the selectable target of each factor: its name and dot, a row at least 24 px tall, invisible, on top
    targets = described(alt.Chart(factors), node_tip).transform_calculate(top=f"datum.y - {half}", bottom=f"datum.y + {half}").mark_rect(
        opacity=0.001, cursor="pointer").encode(
        x=alt.value(0), x2=alt.value({"expr": f"{LEFT} + 12"}), y=alt.Y("top:Q", scale=Y), y2=alt.Y2("bottom:Q"),
        tooltip=node_tip,
    ).add_params(pick).properties(name=TARGET)
    rows = [{"source": e["source"], "label": e["target_label"], "about": f"{e['sign_label']}; propositions: {e['propositions']}",
             "finding": e["mechanism"], "locator": str(e.get("locator") or "")} for _, e in edges.iterrows()]
    panel = details.panel(
        "model_factor", fields=["source"], heading="Links of the selected factor", url_key="model-factor",
        control="Factor", rows=rows, noun=("link", "links"),
        choices=[{"value": r["id"], "label": r["label"]} for _, r in factors.sort_values("label").iterrows()],
        empty="Select a factor's name, or choose one from the list, to read the mechanism of each of its links here.",
        columns=[("label", "To"), ("about", "Effect"), ("finding", "Mechanism")])
    return alt.layer(
        links, hit, heads, dots, factor_names.encode(text="label:N"), outcome_names.encode(text="text"), targets,
    ).properties(
        width="container", height=max(240, 26 * len(nodes)),
        title=chart_title("Our reconstruction of the review's model of CSR (non-)adoption",
                              subtitle=["Factors on the left, CSR among first-tier and lower-tier firms on the right. "
                                        "Hover over a link or factor for the mechanism."]),
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
                      hint="Select a factor (click, tap, or the list below the chart) to read the mechanism of each "
                           "of its links.",
                      details=[panel]),
    )
