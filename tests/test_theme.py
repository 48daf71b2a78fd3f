"""One palette per meaning (charts/theme.py): contrast, colour-vision safety, and no colour with two meanings."""
from __future__ import annotations

import itertools
import math

import pytest

from clustercsr.charts import theme

SCHEMES = ["light", "dark"]
# Machado, Oliveira & Fernandes (2009), severity 1.0, on linear RGB
CVD = {
    "protanopia": [[0.152286, 1.052583, -0.204868], [0.114503, 0.786281, 0.099216], [-0.003882, -0.048116, 1.051998]],
    "deuteranopia": [[0.367322, 0.860646, -0.227968], [0.280085, 0.672501, 0.047413], [-0.011820, 0.042940, 0.968881]],
    "tritanopia": [[1.255528, -0.076749, -0.178779], [-0.078411, 0.930809, 0.147602], [0.004733, 0.691367, 0.303900]],
}
MIN_DELTA_E = 11  # CIE76 distance between any two colours of one palette, seen with and without each deficiency


def _linear(hex_colour: str) -> list[float]:
    h = hex_colour.lstrip("#")
    out = []
    for i in (0, 2, 4):
        c = int(h[i:i + 2], 16) / 255
        out.append(c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4)
    return out


def luminance(hex_colour: str) -> float:
    r, g, b = _linear(hex_colour)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(a: str, b: str) -> float:
    hi, lo = sorted([luminance(a), luminance(b)], reverse=True)
    return (hi + 0.05) / (lo + 0.05)


def lab(hex_colour: str, deficiency: str | None = None) -> tuple[float, float, float]:
    v = _linear(hex_colour)
    if deficiency:
        m = CVD[deficiency]
        v = [min(1.0, max(0.0, sum(m[i][j] * v[j] for j in range(3)))) for i in range(3)]
    r, g, b = v
    x = (0.4124 * r + 0.3576 * g + 0.1805 * b) / 0.95047
    y = 0.2126 * r + 0.7152 * g + 0.0722 * b
    z = (0.0193 * r + 0.1192 * g + 0.9505 * b) / 1.08883
    f = lambda t: t ** (1 / 3) if t > 0.008856 else 7.787 * t + 16 / 116  # noqa: E731
    return 116 * f(y) - 16, 500 * (f(x) - f(y)), 200 * (f(y) - f(z))


def test_contrast_helper_matches_wcag_examples():
    assert round(contrast("#000000", "#ffffff"), 1) == 21.0
    assert round(contrast("#767676", "#ffffff"), 2) == 4.54


@pytest.mark.parametrize("scheme", SCHEMES)
def test_text_colours_pass_aa(scheme):
    p = theme.PALETTE[scheme]
    assert contrast(p["text"], p["background"]) >= 7
    assert contrast(p["muted"], p["background"]) >= 4.5


@pytest.mark.parametrize("scheme", SCHEMES)
@pytest.mark.parametrize("meaning", sorted(theme.PALETTES["light"]))
def test_palette_colours_stand_out_from_the_background(scheme, meaning):
    """Marks that carry meaning reach 3:1 against the background (WCAG 1.4.11, non-text contrast)."""
    bg = theme.PALETTE[scheme]["background"]
    low = {c: round(contrast(c, bg), 2) for c in theme.PALETTES[scheme][meaning] if contrast(c, bg) < 3}
    assert not low, f"{scheme} {meaning}: below 3:1 against {bg}: {low}"


@pytest.mark.parametrize("scheme", SCHEMES)
@pytest.mark.parametrize("meaning", sorted(theme.PALETTES["light"]))
def test_palette_colours_stay_apart_with_colour_vision_deficiencies(scheme, meaning):
    colours = theme.PALETTES[scheme][meaning]
    close = [(a, b, d, round(math.dist(lab(a, d), lab(b, d)), 1))
             for a, b in itertools.combinations(colours, 2) for d in (None, *CVD)
             if math.dist(lab(a, d), lab(b, d)) < MIN_DELTA_E]
    assert not close, f"{scheme} {meaning}: colours too close: {close}"


@pytest.mark.parametrize("scheme", SCHEMES)
def test_no_colour_means_two_things(scheme):
    owner = {}
    for meaning, colours in theme.PALETTES[scheme].items():
        meaning = theme.SAME_MEANING.get(meaning, meaning)
        for c in colours:
            assert owner.setdefault(c.lower(), meaning) == meaning, f"{scheme}: {c} means {owner[c.lower()]} and {meaning}"


def test_every_meaning_has_a_colour_per_value_in_both_schemes():
    for meaning, values in theme.DOMAINS.items():
        assert len(theme.PALETTES["light"][meaning]) == len(theme.PALETTES["dark"][meaning]) == len(values), meaning


def test_config_for_puts_the_charts_meanings_in_its_category_range():
    spec = {"usermeta": {"clustercsr": {"palette": {"category": ["work", "theme"]}}}}
    for scheme in SCHEMES:
        rng = theme.config_for(spec, scheme)["range"]["category"]
        assert rng == theme.PALETTES[scheme]["work"] + theme.PALETTES[scheme]["theme"]
    assert theme.config_for({}, "dark")["background"] == theme.PALETTE["dark"]["background"]
