"""Small text helpers: splitting key lists and wrapping labels."""
from __future__ import annotations

import textwrap

import pandas as pd

def split_keys(value) -> list[str]:
    """A `;`-separated list cell as a list; empty cells give []."""
    if value is None or (isinstance(value, float) and pd.isna(value)):
        return []
    return [k.strip() for k in str(value).split(";") if k.strip()]


def join_labels(keys, labels: pd.Series) -> str:
    """Distinct citekeys as sorted author–year labels, joined with "; "."""
    return "; ".join(sorted({labels.get(k, k) for k in keys}))


def wrap(text: str, width: int) -> list[str]:
    """Lines of at most `width` characters (longer single words are kept whole)."""
    lines = textwrap.wrap(" ".join(str(text or "").split()), width=width, break_long_words=False,
                          break_on_hyphens=False)
    return lines or [""]
