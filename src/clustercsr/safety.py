"""Neutralise hostile text wherever data leaves the project: CSV downloads and generated markdown."""
from __future__ import annotations

import re

import pandas as pd

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
MD_PUNCT = re.compile(r"([\\`*_{}\[\]()<>#+\-.!|~^\"'$&@:%=;/])")


def csv_safe(value):
    """Spreadsheets run cells that start with = + - @ as formulas (CSV injection); a leading ' keeps them text."""
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value
    return value


def csv_safe_frame(frame: pd.DataFrame) -> pd.DataFrame:
    out = frame.copy()
    for col in out.columns:
        if out[col].dtype == object or pd.api.types.is_string_dtype(out[col]):
            out[col] = out[col].map(csv_safe)
    return out


def md_escape(text) -> str:
    """Markdown that pandoc reads back as exactly this text: no raw HTML, no links, no table breaks."""
    if text is None or (isinstance(text, float) and pd.isna(text)):
        return ""
    return MD_PUNCT.sub(r"\\\1", " ".join(str(text).split()))
