"""Run a document's cells in one Jupyter kernel, as Quarto does, with an automatic cache in the spirit of freeze."""
from __future__ import annotations

import hashlib
import json
import os
import re
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

import nbformat
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError

import clustercsr
from clustercsr.errors import BuildError
from clustercsr.publish.parse import Document

CACHE_VERSION = "1"
ANSI = re.compile(r"\x1b\[[0-9;]*m")
PACKAGE_DIR = Path(clustercsr.__file__).parent


@dataclass
class Executed:
    outputs: list[list[dict]]  # one list of nbformat outputs per cell
    cached: bool
    files: dict[str, str]  # project-relative path -> sha256 of each file the outputs rely on


def _sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _tree_hash(paths: list[Path]) -> str:
    h = hashlib.sha256()
    for p in sorted(paths):
        h.update(str(p).encode())
        h.update(p.read_bytes())
    return h.hexdigest()


def inputs_hash(root: Path) -> str:
    """What every cell may read: the evidence base, the bibliography and the package's own code."""
    data = [p for p in (root / "data").glob("*") if p.is_file()] if (root / "data").is_dir() else []
    bib = [root / "references.bib"] if (root / "references.bib").is_file() else []
    code = [p for p in PACKAGE_DIR.rglob("*.py")] + [p for p in PACKAGE_DIR.rglob("*.json")]
    return _tree_hash(data + bib + code) + clustercsr.__version__


def _execute_info(root: Path, doc: Document, target: str, workdir: Path) -> Path:
    info = {
        "document-path": str(doc.path),
        "format": {
            "identifier": {"target-format": target, "base-format": target, "display-name": target.upper()},
            "pandoc": {"to": target},
            "execute": {"echo": False},
        },
        "cwd": str(doc.path.parent),
        "project-root": str(root),
    }
    path = workdir / f"execute-info-{doc.path.stem}-{target}.json"
    path.write_text(json.dumps(info), encoding="utf-8")
    return path


def declared_files(outputs: list[list[dict]]) -> list[str]:
    """The project files (figures, shared data) that the chart renderer says its outputs rely on."""
    found: set[str] = set()
    for cell in outputs:
        for out in cell:
            found.update(out.get("metadata", {}).get("clustercsr", {}).get("files", []))
    return sorted(found)


class Executor:
    def __init__(self, root: Path, cache_dir: Path | None = None, timeout: int = 300):
        self.root = Path(root)
        self.cache_dir = cache_dir or self.root / ".cache" / "clustercsr" / "exec"
        self.timeout = timeout
        self.kernels_started = 0
        self._inputs = inputs_hash(self.root)

    def key(self, doc: Document, target: str) -> str:
        cells = [[c.source, sorted(c.options.items())] for c in doc.cells]
        rel = str(doc.path.resolve().relative_to(self.root.resolve()))
        return _sha(json.dumps([CACHE_VERSION, rel, target, cells, self._inputs], default=str).encode())

    def run(self, doc: Document, target: str) -> Executed:
        if not doc.cells:
            return Executed([], cached=True, files={})
        key = self.key(doc, target)
        cache_file = self.cache_dir / f"{key}.json"
        if cache_file.is_file():
            entry = json.loads(cache_file.read_text(encoding="utf-8"))
            if all((self.root / p).is_file() and _sha((self.root / p).read_bytes()) == h for p, h in entry["files"].items()):
                return Executed(entry["outputs"], cached=True, files=entry["files"])
        outputs = self._execute(doc, target)
        files = {p: _sha((self.root / p).read_bytes()) for p in declared_files(outputs)}
        self.cache_dir.mkdir(parents=True, exist_ok=True)
        cache_file.write_text(json.dumps({"outputs": outputs, "files": files}), encoding="utf-8")
        return Executed(outputs, cached=False, files=files)

    def _execute(self, doc: Document, target: str) -> list[list[dict]]:
        nb = nbformat.v4.new_notebook()
        nb.cells = [nbformat.v4.new_code_cell(c.source) for c in doc.cells]
        with tempfile.TemporaryDirectory(prefix="clustercsr-exec-") as tmp:
            info = _execute_info(self.root, doc, target, Path(tmp))
            # Passed to this kernel only, so several documents can execute at once.
            env = dict(os.environ, QUARTO_EXECUTE_INFO=str(info), QUARTO_PROJECT_ROOT=str(self.root),
                       QUARTO_DOCUMENT_PATH=str(doc.path.parent.resolve()), QUARTO_FIG_FORMAT="svg",
                       PYDEVD_DISABLE_FILE_VALIDATION="1")
            try:
                client = NotebookClient(nb, timeout=self.timeout, kernel_name="python3",
                                        resources={"metadata": {"path": str(doc.path.parent.resolve())}})
                self.kernels_started += 1
                # The kernel's own stderr only carries jupyter_client chatter; cell errors arrive as messages.
                client.execute(env=env, stderr=subprocess.DEVNULL)
            except CellExecutionError as exc:
                index = _failed_cell(nb)
                cell = doc.cells[index] if index is not None else None
                label = (cell.label or f"cell {index + 1}") if cell else "unknown cell"
                raise BuildError(f"cell '{label}' failed while rendering {doc.path.name} ({target})",
                                 file=doc.path, line=cell.line if cell else None,
                                 detail=ANSI.sub("", str(exc))[-4000:]) from None
        return [[dict(o) for o in cell.get("outputs", [])] for cell in nb.cells]


def _failed_cell(nb) -> int | None:
    for i, cell in enumerate(nb.cells):
        if any(o.get("output_type") == "error" for o in cell.get("outputs", [])):
            return i
    return None
