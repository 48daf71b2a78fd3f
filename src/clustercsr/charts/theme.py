"""The project's chart theme, light and dark: one palette per meaning, each passing WCAG contrast.

Every colour that carries meaning is defined here, once, for light and dark. A chart declares which meanings it
draws in its usermeta (`palette`: {"category": ["industry"]}); `config_for(spec, scheme)` then gives the theme
config with those palettes as the chart's `category` range, so a colour scale in a builder only says
`range="category"` with the meaning's domain, and dark mode restyles it. No colour is used by two meanings
(tests/test_theme.py checks that, the contrast against the background, and that the colours of each palette stay
apart under simulated protanopia, deuteranopia and tritanopia).

Text in the charts uses the Arial metric family ("Liberation Sans" is metric-compatible with Arial and Helvetica),
so the static SVG measured by vl-convert at build time has the same text widths in a reader's browser.
"""
from __future__ import annotations

import copy

import altair as alt

from clustercsr.analysis.clusters import INDUSTRY_GROUPS, OTHER_INDUSTRY
from clustercsr.analysis.definitions import (AREA_LABELS, LEVELS, SIGN_LABELS, THEME_LABELS, THEMES,
                                             WORK_TYPES)

FONT = '"Liberation Sans", Arial, Helvetica, sans-serif'

# The domain of every meaning, in legend order (the charts use these as their scale domains).
DOMAINS = {
    "level": list(LEVELS),
    "industry": [g for g, _ in INDUSTRY_GROUPS] + [OTHER_INDUSTRY],
    "theme": [THEME_LABELS[t] for t in [*THEMES, "general", "none"]],
    "area": [AREA_LABELS[t] for t in THEMES],  # the research areas are the themes, in the same colours
    "work": list(WORK_TYPES),
    "sign": [SIGN_LABELS[s] for s in ("+", "\u2212", "\u00b1")],
    # the explorer's outcomes share the sign colours: better for CSR, worse, mixed
    "outcome": ["improves", "poor", "partial, piecemeal"],
}
# Markets are shapes, not colours, so that the map's colour means industry only.
MARKET_SHAPES = {"export": "circle", "domestic": "square", "mixed": "triangle-up", "not stated": "diamond"}

PALETTES = {
    "light": {
        # ordinal: the wider the level, the darker the blue
        "level": ["#0b2545", "#1b4f8f", "#2f74c0", "#4f97d8"],
        "industry": ["#0072b2", "#c2378a", "#a0522d", "#e06a00", "#5b2a86", "#1f6b4a", "#4a5056"],
        "theme": ["#1b7a3a", "#b8520a", "#8a3b8f", "#5c6670", "#7f8890"],
        "work": ["#005f73", "#8c6d1f", "#7b5ea7", "#c44e52", "#6f7a82"],
        "sign": ["#00786a", "#b3261e", "#6d5e9e"],
    },
    "dark": {
        "level": ["#d3e5fb", "#98c2f0", "#62a0e4", "#3f7fc6"],
        "industry": ["#8fd0ff", "#f28cc4", "#e3c29a", "#ff9a3c", "#a89bff", "#8fd66a", "#8e959c"],
        "theme": ["#5fcf80", "#ff9a52", "#d58ad9", "#a7b1ba", "#6f7880"],
        "work": ["#4cc3d9", "#d9b659", "#b79cf0", "#ff8f8f", "#a3adb5"],
        "sign": ["#4dd0bd", "#ff7a6b", "#b3a5f0"],
    },
}
for _p in PALETTES.values():
    _p["area"] = _p["theme"][:3]
    _p["outcome"] = list(_p["sign"])
# meanings that reuse another's colours for the same thing (not a second meaning): checked as one palette
SAME_MEANING = {"area": "theme", "outcome": "sign"}

PALETTE = {
    "light": {"background": "#ffffff", "text": "#1f2328", "muted": "#4d5560", "grid": "#e3e6ea", "domain": "#8c959f",
              "mark": "#3b5b7a", "land": "#e4e7eb", "border": "#ffffff"},
    "dark": {"background": "#14171b", "text": "#e6e8eb", "muted": "#aab2bc", "grid": "#2c3239", "domain": "#6b7580",
             "mark": "#8fb3d6", "land": "#2f353c", "border": "#14171b"},
}
for _s in PALETTE:
    PALETTE[_s]["category"] = PALETTES[_s]["industry"]
    PALETTES[_s]["plain"] = [PALETTE[_s]["mark"]]  # marks that carry no category: one plain colour
DOMAINS["plain"] = ["item"]


def config(scheme: str = "light") -> dict:
    p = PALETTE[scheme]
    axis = {"labelColor": p["muted"], "titleColor": p["text"], "gridColor": p["grid"], "domainColor": p["domain"],
            "tickColor": p["domain"], "labelFont": FONT, "titleFont": FONT, "labelFontSize": 12, "titleFontSize": 12,
            "titleFontWeight": 600, "labelLimit": 10000, "titleLimit": 10000}
    return {
        "config": {
            "background": p["background"],
            "font": FONT,
            "view": {"stroke": None, "continuousWidth": 640, "continuousHeight": 320},
            "title": {"color": p["text"], "subtitleColor": p["muted"], "font": FONT, "fontSize": 16, "fontWeight": 600,
                      "subtitleFontSize": 12, "anchor": "start", "offset": 12, "limit": 10000},
            "axis": axis,
            "legend": {"labelColor": p["muted"], "titleColor": p["text"], "labelFont": FONT, "titleFont": FONT,
                       "labelFontSize": 12, "titleFontSize": 12, "labelLimit": 10000, "titleLimit": 10000,
                       "orient": "top", "direction": "horizontal",
                       "symbolBaseFillColor": p["muted"], "symbolBaseStrokeColor": p["muted"]},
            "header": {"labelColor": p["text"], "titleColor": p["text"], "labelFont": FONT, "titleFont": FONT,
                       "labelFontSize": 12},
            "text": {"color": p["text"], "font": FONT},
            "range": {"category": p["category"]},
            "mark": {"color": p["mark"]},
            "geoshape": {"fill": p["land"], "stroke": p["border"]},
            "rule": {"color": p["muted"]},
            "axisBand": {"grid": False},
        }
    }


def palette_range(meanings: list[str], scheme: str = "light") -> list[str]:
    """The colours of one or more meanings, concatenated in the order of their DOMAINS."""
    return [c for m in meanings for c in PALETTES[scheme][m]]


def domain(*meanings: str) -> list[str]:
    return [v for m in meanings for v in DOMAINS[m]]


def config_for(spec: dict, scheme: str = "light") -> dict:
    """The theme config for one chart: its usermeta `palette` meanings become its colour ranges."""
    out = copy.deepcopy(config(scheme)["config"])
    meta = ((spec or {}).get("usermeta") or {}).get("clustercsr") or {}
    for range_name, meanings in (meta.get("palette") or {}).items():
        out["range"][range_name] = palette_range(meanings, scheme)
    return out


def colours(scheme: str = "light") -> dict:
    return PALETTE[scheme]


def enable() -> None:
    @alt.theme.register("clustercsr", enable=True)
    def _light() -> alt.theme.ThemeConfig:
        return config("light")
