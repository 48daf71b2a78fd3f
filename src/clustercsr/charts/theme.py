"""The project's chart theme, light and dark, both passing WCAG AA contrast for text."""
from __future__ import annotations

import altair as alt

FONT = 'system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif'

# Okabe–Ito derived categorical palette: distinguishable with the common colour-vision deficiencies.
CATEGORY_LIGHT = ["#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#7a6a00", "#555555"]
CATEGORY_DARK = ["#56B4E9", "#F0A35E", "#3FD3A5", "#E7A3CC", "#F2C14E", "#9FD3F5", "#D9C65A", "#BBBBBB"]

PALETTE = {
    "light": {"background": "#ffffff", "text": "#1f2328", "muted": "#4d5560", "grid": "#e3e6ea", "domain": "#8c959f",
              "category": CATEGORY_LIGHT, "driver": "#0a6b4f", "barrier": "#b3401a",
              "land": "#e4e7eb", "border": "#ffffff"},
    "dark": {"background": "#14171b", "text": "#e6e8eb", "muted": "#aab2bc", "grid": "#2c3239", "domain": "#6b7580",
             "category": CATEGORY_DARK, "driver": "#4fd1a5", "barrier": "#ff9d76",
             "land": "#2f353c", "border": "#14171b"},
}


def config(scheme: str = "light") -> dict:
    p = PALETTE[scheme]
    axis = {"labelColor": p["muted"], "titleColor": p["text"], "gridColor": p["grid"], "domainColor": p["domain"],
            "tickColor": p["domain"], "labelFont": FONT, "titleFont": FONT, "labelFontSize": 12, "titleFontSize": 12,
            "titleFontWeight": 600, "labelLimit": 260}
    return {
        "config": {
            "background": p["background"],
            "font": FONT,
            "view": {"stroke": None, "continuousWidth": 640, "continuousHeight": 320},
            "title": {"color": p["text"], "subtitleColor": p["muted"], "font": FONT, "fontSize": 16, "fontWeight": 600,
                      "subtitleFontSize": 12, "anchor": "start", "offset": 12},
            "axis": axis,
            "legend": {"labelColor": p["muted"], "titleColor": p["text"], "labelFont": FONT, "titleFont": FONT,
                       "labelFontSize": 12, "titleFontSize": 12, "labelLimit": 240, "orient": "bottom", "direction": "horizontal",
                       "symbolBaseFillColor": p["muted"], "symbolBaseStrokeColor": p["muted"]},
            "header": {"labelColor": p["text"], "titleColor": p["text"], "labelFont": FONT, "titleFont": FONT, "labelFontSize": 12},
            "text": {"color": p["text"], "font": FONT},
            "range": {"category": p["category"]},
            "mark": {"color": p["category"][0]},
            "geoshape": {"fill": p["land"], "stroke": p["border"]},
            "rule": {"color": p["muted"]},
            "axisBand": {"grid": False},
        }
    }


def colours(scheme: str = "light") -> dict:
    return PALETTE[scheme]


def enable() -> None:
    @alt.theme.register("clustercsr", enable=True)
    def _light() -> alt.theme.ThemeConfig:
        return config("light")
