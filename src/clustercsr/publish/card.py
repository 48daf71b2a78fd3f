"""The site card (assets/card.png): the link-preview picture of pages without a chart.

Run `python -m clustercsr.publish.card` after changing the book's title; the PNG is kept in the repository so a
build need not draw it."""
from __future__ import annotations

from pathlib import Path

from clustercsr.publish import config


def card_spec(title: str, subtitle: str) -> dict:
    import textwrap

    lines = [{"text": textwrap.wrap(title, 32), "y": 190, "size": 58, "weight": "bold", "color": "#1f2328"},
             {"text": textwrap.wrap(subtitle, 70), "y": 420, "size": 32, "weight": "normal", "color": "#4d5560"}]
    axis = {"type": "quantitative", "axis": None}
    return {
        "$schema": "https://vega.github.io/schema/vega-lite/v5.json", "width": 1200, "height": 630, "padding": 0,
        "background": "#ffffff", "config": {"view": {"stroke": None}},
        "layer": [
            {"data": {"values": [{}]}, "mark": {"type": "rect", "color": "#0a6b4f"},
             "encoding": {"x": {"datum": 0, **axis, "scale": {"domain": [0, 1200], "range": [0, 1200]}}, "x2": {"datum": 28},
                          "y": {"datum": 0, **axis, "scale": {"domain": [0, 630], "range": [0, 630]}}, "y2": {"datum": 630}}},
            *({"data": {"values": [{}]},
               "mark": {"type": "text", "text": ln["text"], "x": 90, "y": ln["y"], "align": "left", "fontSize": ln["size"],
                        "fontWeight": ln["weight"], "color": ln["color"], "limit": 1040,
                        "baseline": "top", "lineHeight": ln["size"] * 1.25}} for ln in lines),
        ],
    }


def main(root: Path = Path(".")) -> Path:
    import vl_convert as vlc

    book = config.load(root)
    out = Path(root) / "assets" / "card.png"
    out.write_bytes(vlc.vegalite_to_png(card_spec(book.title, book.subtitle), scale=1))
    return out


if __name__ == "__main__":
    print(main())
