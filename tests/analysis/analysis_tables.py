"""Building blocks for the hand-made tables."""
from __future__ import annotations

import pandas as pd

NONE = None


def frame(columns: str, *rows) -> pd.DataFrame:
    return pd.DataFrame(list(rows), columns=columns.split())
