"""Full-text search: Pagefind, from the pagefind[bin] wheel, indexes the written site."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from clustercsr.errors import BuildError


def index(site: Path) -> None:
    proc = subprocess.run([sys.executable, "-m", "pagefind", "--site", str(site), "--silent"],
                          capture_output=True, text=True)
    if proc.returncode != 0 or not (site / "pagefind" / "pagefind-ui.js").is_file():
        raise BuildError(f"pagefind failed: {proc.stderr.strip() or proc.stdout.strip()}", file=site)
