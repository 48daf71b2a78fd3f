"""Pre-render step (`project: pre-render` in _quarto.yml): put the Vega bundle in place, from vl-convert."""
from __future__ import annotations

import os
from pathlib import Path

import vl_convert as vlc

BUNDLE = Path("assets") / "vendor" / "vega-bundle.js"


def write_bundle(root: Path) -> Path:
    path = root / BUNDLE
    version = f"/* vega, vega-lite and vega-embed bundled by vl-convert-python {vlc.__version__} */\n"
    if path.is_file() and path.read_text(encoding="utf-8").startswith(version):
        return path
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(version + vlc.javascript_bundle(), encoding="utf-8")
    return path


def main() -> None:
    root = Path(os.environ.get("QUARTO_PROJECT_DIR") or os.environ.get("QUARTO_PROJECT_ROOT") or Path.cwd())
    write_bundle(root)


if __name__ == "__main__":
    main()
