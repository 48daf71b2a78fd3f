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


def proposition_explorer(ev, layout: str = "wide") -> alt.LayerChart:
    check_layout(layout)
    rules = analysis.proposition_rules()
    members = analysis.group_members(analysis.model_groups(ev.model_links, ev.factors),
                                     width=chars(MIN_WIDTH[layout] - 4, 11))
    # one param per group, set by the HTML radio buttons chart-details.js draws beside the outcome
    params = [alt.param(name=g, value=DEFAULTS.get(g, "weak")) for g, _, _ in analysis.MODEL_GROUPS]
    match = " && ".join(f"datum.{g} === {g}" for g, _, _ in analysis.MODEL_GROUPS)
    chosen = alt.Chart(rules).transform_filter(match)
    tile_base = chosen.transform_fold(TIERS, as_=["tier", "outcome"]).transform_calculate(
        tier_name=TIER_LABEL).encode(
        x=alt.X("tier_name:N", sort=TIER_NAMES, scale=alt.Scale(domain=TIER_NAMES), title="Firms",
                axis=alt.Axis(orient="top", title=None, labelFontSize=13, labelFontWeight=600, labelAngle=0,
                              domain=False, ticks=False, labelPadding=6, aria=False)),
    )
    tile_base = tile_base.transform_calculate(
        spoken="datum.tier_name + ': ' + datum.outcome")
    tiles = tile_base.mark_rect(aria=False, cornerRadius=6, fillOpacity=0.2, strokeWidth=2,
                                width=alt.RelativeBandSize(0.94)).encode(
        color=alt.Color("outcome:N", scale=OUTCOME_SCALE, legend=None),
        stroke=alt.Stroke("outcome:N", scale=OUTCOME_SCALE, legend=None),
    )
    words = tile_base.mark_text(fontSize=alt.expr("width < 420 ? 13 : 15"), fontWeight=700,
                                limit=alt.expr("max(width / 2 - 16, 60)")).encode(
        text="outcome:N", description=alt.Description("spoken:N"))
    glossary = [{"term": label, "text": f"{stands_for[0].upper()}{stands_for[1:]}.",
                 "factors": members.loc[members["group"] == g, "factors"].iloc[0] if (members["group"] == g).any() else ""}
                for g, label, stands_for in analysis.MODEL_GROUPS]
    explorer = {
        "groups": [{"param": g, "url_key": g.replace("_", "-"), "label": label, "options": list(analysis.STRENGTHS),
                    "value": DEFAULTS.get(g, "weak")}
                   for g, label, _ in analysis.MODEL_GROUPS],
        "tiers": [["first_tier", "First-tier suppliers"], ["lower_tier", "Lower-tier firms"]],
        "rows": rules[[g for g, _, _ in analysis.MODEL_GROUPS]
                      + ["first_tier", "lower_tier", "proposition", "proposition_text", "explanation"]].to_dict("records"),
        "glossary": glossary,
        "glossary_heading": "What each control stands for",
    }
    # the proposition that applies and why are HTML text beside the tiles (chart-details.js), announced politely
    return alt.layer(tiles, words).add_params(*params).properties(
        width="container", height=64,
        title=chart_title("Proposition explorer: an illustration of P1\u2013P3, not an estimate",
                          subtitle=["The tiles show what the paper's propositions and model text, as we encode them, "
                                    "lead one to expect for the imagined cluster the controls describe."],
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
                      hint="Set each group of factors to absent, weak or strong with the radio buttons; the tiles "
                           "and the sentence beside them show the outcome the propositions imply.",
                      palette={"category": ["outcome"]}, layout=layout, explorer=explorer),
    ).configure_range(category=theme.palette_range(["outcome"]))
