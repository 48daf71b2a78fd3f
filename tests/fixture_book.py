"""Copy the tiny fixture book somewhere writable, with the project's page assets."""
from __future__ import annotations

import shutil
from pathlib import Path

HERE = Path(__file__).parent
PROJECT = HERE.parent


def make_book(dest: Path) -> Path:
    shutil.copytree(HERE / "fixtures" / "book", dest)
    (dest / "assets").mkdir(exist_ok=True)
    for pattern in ("*.js", "*.css", "*.svg"):
        for f in (PROJECT / "assets").glob(pattern):
            shutil.copyfile(f, dest / "assets" / f.name)
    return dest
