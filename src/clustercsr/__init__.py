"""clustercsr: an explorable edition of Lund-Thomsen, Lindgreen & Vanhamme (2016)."""
from __future__ import annotations

__version__ = "0.1.0"


def setup(root=None):
    """The first cell of every page: enable the chart renderer and theme, load the evidence base."""
    from clustercsr import evidence
    from clustercsr.charts import renderer, theme

    theme.enable()
    renderer.enable()
    return evidence.load(root)
