"""Chart 8: set how strongly each group of the model's factors is present; read the outcome P1–P3 imply.

The chart only picks the row of analysis.proposition_rules() that matches the radio buttons; every rule lives,
tested, in analysis/model.py. It illustrates the paper's propositions; it is not an empirical estimate.
"""
from __future__ import annotations

import altair as alt

from clustercsr import analysis
from clustercsr.charts import theme
from clustercsr.charts.common import MIN_WIDTH, chars, chart_title, check_layout, meta

DEFAULTS = {"visible_chains": "strong", "associations": "strong", "state": "weak", "bottom_up": "weak",
            "norms_dialogue": "weak"}
TIERS = ["first_tier", "lower_tier"]
TIER_NAMES = ["First-tier suppliers", "Lower-tier firms"]
TIER_LABEL = "datum.tier === 'first_tier' ? 'First-tier suppliers' : 'Lower-tier firms'"
# Colours come from the theme's "outcome" palette (the sign colours: better, worse, mixed for CSR), so they
# follow light and dark mode.
OUTCOME_SCALE = alt.Scale(domain=theme.domain("outcome"), range="category")


def proposition_explorer(ev, layout: str = "wide") -> alt.VConcatChart:
    check_layout(layout)
    rules = analysis.proposition_rules()
    # the explanation wraps to the narrowest container of the layout (13 px text), so no line is cut short
    rules = rules.assign(explanation_lines=[analysis.wrap(t, chars(MIN_WIDTH[layout] - 4, 13))
                                            for t in rules["explanation"]])
    members = analysis.group_members(analysis.model_groups(ev.model_links, ev.factors),
                                     width=chars(MIN_WIDTH[layout] - 4, 11))
    params = [alt.param(name=g, value=DEFAULTS.get(g, "weak"),
                        bind=alt.binding_radio(options=analysis.STRENGTHS, name=f"{label}: "))
              for g, label, _ in analysis.MODEL_GROUPS]
    match = " && ".join(f"datum.{g} === {g}" for g, _, _ in analysis.MODEL_GROUPS)
    chosen = alt.Chart(rules).transform_filter(match)
    max_lines = int(rules["explanation_lines"].map(len).max())
    tile_base = chosen.transform_fold(TIERS, as_=["tier", "outcome"]).transform_calculate(
        tier_name=TIER_LABEL).encode(
        x=alt.X("tier_name:N", sort=TIER_NAMES, scale=alt.Scale(domain=TIER_NAMES), title="Firms",
                axis=alt.Axis(orient="top", title=None, labelFontSize=13, labelFontWeight=600, labelAngle=0,
                              domain=False, ticks=False, labelPadding=6,
                              description="First-tier suppliers and lower-tier firms")),
        tooltip=[alt.Tooltip("outcome:N", title="Expected CSR outcome"),
                 alt.Tooltip("proposition:N", title="Proposition"), alt.Tooltip("explanation:N", title="Why")],
    )
    tile_base = tile_base.transform_calculate(
        spoken="datum.tier_name + ': ' + datum.outcome")
    tiles = tile_base.mark_rect(aria=False, cornerRadius=6, fillOpacity=0.2, strokeWidth=2,
                                width=alt.RelativeBandSize(0.94)).encode(
        color=alt.Color("outcome:N", scale=OUTCOME_SCALE, legend=None),
        stroke=alt.Stroke("outcome:N", scale=OUTCOME_SCALE, legend=None),
    )
    words = tile_base.mark_text(fontSize=17 if layout == "wide" else 15, fontWeight=700).encode(
        text="outcome:N", description=alt.Description("spoken:N"))
    outcome = alt.layer(tiles, words).properties(width="container", height=70)
    heading = chosen.mark_text(align="left", baseline="top", fontSize=14, fontWeight=700).encode(
        x=alt.value(0), y=alt.value(0), text=alt.Text("proposition_text:N"),
        description=alt.Description("proposition_text:N"))
    sentence = chosen.mark_text(align="left", baseline="top", fontSize=13, lineHeight=18).encode(
        x=alt.value(0), y=alt.value(24), text=alt.Text("explanation_lines:N"),
        description=alt.Description("explanation:N"))
    why = alt.layer(heading, sentence).properties(width="container", height=24 + 18 * max_lines)
    total = int((members["line"] + members["text"].map(len)).max()) if len(members) else 1
    legend = alt.Chart(members).transform_calculate(spoken="join(datum.text, ' ')").mark_text(
        align="left", baseline="top", fontSize=11, lineHeight=15).encode(
        x=alt.value(0), y=alt.Y("line:Q", axis=None, title="Line",
                                scale=alt.Scale(domain=[0, total], range=[0, 15 * total])),
        text=alt.Text("text:N"), description=alt.Description("spoken:N"),
    ).properties(width="container", height=15 * total,
                 title=chart_title("What each control stands for", fontSize=13, layout=layout,
                                   subtitle="The model's factors, grouped as the controls set them"))
    return alt.vconcat(outcome, why, legend, spacing=18).add_params(*params).properties(
        title=chart_title("Proposition explorer: an illustration of P1–P3, not an estimate",
                          subtitle=["How strongly each group of factors is present in an imagined cluster, as the "
                                    "controls set it, and what the paper's propositions and model text, as we encode "
                                    "them, lead one to expect."],
                          layout=layout),
        description=("Interactive illustration of the review's three propositions, not an empirical estimate. Radio "
                     "buttons set each of five groups of the model's factors (visible global value chains, local "
                     "industry associations, state enforcement, bottom-up monitoring, norms and dialogue) to absent, "
                     "weak or strong; the chart looks up that combination in a rule table of all 243 combinations and "
                     "shows the CSR outcome the paper implies for first-tier and for lower-tier firms, the "
                     "proposition that applies (P1, P2 or P3, or the model's text as we read it) and a sentence "
                     "explaining why that names the paragraphs of the paper it rests on. The static image "
                     "shows visible chains and associations strong and the rest weak."),
        usermeta=meta("proposition-explorer", "Proposition explorer",
                      [(g, label) for g, label, _ in analysis.MODEL_GROUPS]
                      + [("first_tier", "First-tier firms"), ("lower_tier", "Lower-tier firms"),
                         ("proposition", "Proposition"), ("explanation", "Why"), ("locator", "Passages")],
                      hint="Set each group of factors to absent, weak or strong with the controls; the tiles and "
                           "the sentence show the outcome the propositions imply.",
                      palette={"category": ["outcome"]}, layout=layout),
    ).configure_range(category=theme.palette_range(["outcome"]))
