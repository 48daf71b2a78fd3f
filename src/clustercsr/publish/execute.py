"""Run a document's cells in one Jupyter kernel, as Quarto does, with an automatic cache in the spirit of freeze.

Each page executes once and yields the outputs of every target format the build needs: the kernel gets
CLUSTERCSR_TARGETS=html,typst and the chart renderer returns the HTML block plus the Typst SVG under
renderer.TYPST_SVG_MIME; `Executed.outputs` is then projected for the format asked for. (QUARTO_EXECUTE_INFO still
names the primary target, so code that only knows Quarto's contract keeps working.)

The cache key is the cells' code and options, the page's path, its `format:` options, the package's code and the
installed fonts. What the cells read from the project is recorded by the kernel itself and stored with the outputs
with each file's hash: each data table as a cell first uses it (evidence.load reads tables lazily in build
kernels), references.bib, the figures the renderer wrote. An edit re-executes only the pages whose cells read that file.
"""
from __future__ import annotations

import hashlib
import json
import os
import re
import subprocess
import tempfile
import threading
from dataclasses import dataclass
from pathlib import Path

import nbformat
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError, CellTimeoutError, DeadKernelError

import clustercsr
from clustercsr.errors import BuildError
from clustercsr.evidence import CHECKED_ENV
from clustercsr.publish.parse import Document

CACHE_VERSION = "2"
ANSI = re.compile(r"\x1b\[[0-9;]*m")
PACKAGE_DIR = Path(clustercsr.__file__).parent
TARGETS_ENV = "CLUSTERCSR_TARGETS"
TYPST_SVG_MIME = "application/vnd.clustercsr.typst-svg+xml"  # same value as charts.renderer.TYPST_SVG_MIME
READS_MARK = "\x1eclustercsr-reads:"
# Appended to every notebook: prints which project files the cells read, then the build removes its output.
READS_CELL = (
    "import sys as _cc_sys, json as _cc_json\n"
    "_cc_ev = _cc_sys.modules.get('clustercsr.evidence')\n"
    f"print({READS_MARK!r} + _cc_json.dumps(sorted(_cc_ev.READS) if _cc_ev else []))"
)
CELL_FRAME = re.compile(r"^Cell In\[\d+\], line (\d+)", re.M)
# Run by each kernel before the first cell. jsonschema (which Altair imports) loads rfc3987_syntax when it is
# installed, and that compiles a grammar at import, about 2 s a kernel, only to check the "iri" formats, which
# Vega-Lite's schema never uses. Marking it absent makes jsonschema skip those two checks; nothing else changes.
KERNEL_ARGS = ["--IPKernelApp.exec_lines=__import__('sys').modules.setdefault('rfc3987_syntax', None)"]


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


def code_hash() -> str:
    """The package's own code and data: a change there re-executes every page."""
    code = [p for p in PACKAGE_DIR.rglob("*.py")] + [p for p in PACKAGE_DIR.rglob("*.json")]
    return _tree_hash(code) + clustercsr.__version__


def fonts_hash() -> str:
    """The fonts installed on this machine. Chart previews and images are measured in them (vl-convert, and the
    face a browser here would pick for the theme's stack), so installing fonts (Debian's chromium brings the
    Liberation faces) must redraw them, or a cached preview keeps text set in the fonts of an earlier build."""
    try:
        listed = subprocess.run(["fc-list", "--format", "%{family}|%{style}|%{file}\\n"], capture_output=True,
                                text=True, timeout=30).stdout
    except (OSError, subprocess.SubprocessError):
        listed = ""
    return _sha("\n".join(sorted(set(listed.splitlines()))).encode())


def inputs_hash(root: Path) -> str:
    """Kept for callers that hash everything a cell may read (benchmarks): data, bibliography and code."""
    data = [p for p in (root / "data").glob("*") if p.is_file()] if (root / "data").is_dir() else []
    bib = [root / "references.bib"] if (root / "references.bib").is_file() else []
    return _tree_hash(data + bib) + code_hash()


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


def for_target(outputs: list[list[dict]], target: str) -> list[list[dict]]:
    """The outputs as a run for `target` alone would have given them: HTML keeps the markdown block, Typst gets
    the vector SVG the renderer made for print."""
    projected = []
    for cell in outputs:
        new = []
        for out in cell:
            data = out.get("data")
            if data and TYPST_SVG_MIME in data:
                data = dict(data)
                svg = data.pop(TYPST_SVG_MIME)
                out = dict(out)
                if target != "html":
                    data = {"image/svg+xml": svg, "text/plain": data.get("text/plain", "")}
                    out["metadata"] = {}
                out["data"] = data
            new.append(out)
        projected.append(new)
    return projected


class Executor:
    def __init__(self, root: Path, cache_dir: Path | None = None, timeout: int = 300,
                 targets: tuple[str, ...] = ("html", "typst")):
        self.root = Path(root)
        self.cache_dir = cache_dir or self.root / ".cache" / "clustercsr" / "exec"
        self.timeout = timeout
        self.targets = tuple(targets)
        self.kernels_started = 0
        self.checked = False  # set by the build once `check` has passed: kernels then skip re-validating
        self._code = code_hash()
        self._fonts = fonts_hash()
        self._memo: dict[str, dict] = {}
        self._locks: dict[str, threading.Lock] = {}
        self._guard = threading.Lock()

    def targets_for(self, doc: Document, target: str) -> tuple[str, ...]:
        """Book pages run once for every format the build makes; briefs only ever go to Typst."""
        try:
            rel = doc.path.resolve().relative_to(self.root.resolve()).parts
        except ValueError:
            rel = ()
        if rel[:1] == ("briefs",):
            return ("typst",)
        return tuple(dict.fromkeys((target, *self.targets)))

    def key(self, doc: Document, target: str | None = None) -> str:
        cells = [[c.source, sorted(c.options.items())] for c in doc.cells]
        try:
            rel = str(doc.path.resolve().relative_to(self.root.resolve()))
        except ValueError:
            rel = str(doc.path)
        # `format:` too: charts.print_layout sizes a brief's charts by its papersize and margins.
        return _sha(json.dumps([CACHE_VERSION, rel, cells, doc.meta.get("format"), self._code, self._fonts],
                               default=str).encode())

    def _valid(self, entry: dict, target: str) -> bool:
        if target not in entry.get("targets", []):
            return False
        for p, h in entry["files"].items():
            path = self.root / p
            if not path.is_file() or _sha(path.read_bytes()) != h:
                return False
        return True

    def run(self, doc: Document, target: str) -> Executed:
        if not doc.cells:
            return Executed([], cached=True, files={})
        key = self.key(doc)
        with self._guard:
            lock = self._locks.setdefault(key, threading.Lock())
        with lock:  # the HTML and the PDF stage may ask for the same page at once: execute it once
            cached = True
            entry = self._memo.get(key)
            if entry is None:
                cache_file = self.cache_dir / f"{key}.json"
                if cache_file.is_file():
                    entry = json.loads(cache_file.read_text(encoding="utf-8"))
            if entry is None or not self._valid(entry, target):
                entry = self._execute_and_store(doc, self.targets_for(doc, target), key)
                cached = False
            self._memo[key] = entry
        return Executed(for_target(entry["outputs"], target), cached=cached, files=entry["files"])

    def _execute_and_store(self, doc: Document, targets: tuple[str, ...], key: str) -> dict:
        outputs, reads = self._execute(doc, targets)
        files = {}
        for p in sorted(set(reads) | set(declared_files(outputs))):
            path = self.root / p
            if path.is_file():
                files[p] = _sha(path.read_bytes())
        entry = {"outputs": outputs, "files": files, "targets": list(targets)}
        self.cache_dir.mkdir(parents=True, exist_ok=True)
        (self.cache_dir / f"{key}.json").write_text(json.dumps(entry), encoding="utf-8")
        return entry

    def _execute(self, doc: Document, targets: tuple[str, ...]) -> tuple[list[list[dict]], list[str]]:
        nb = nbformat.v4.new_notebook()
        nb.cells = [nbformat.v4.new_code_cell(c.source) for c in doc.cells] + [nbformat.v4.new_code_cell(READS_CELL)]
        with tempfile.TemporaryDirectory(prefix="clustercsr-exec-") as tmp:
            info = _execute_info(self.root, doc, targets[0], Path(tmp))
            # Passed to this kernel only, so several documents can execute at once.
            env = dict(os.environ, QUARTO_EXECUTE_INFO=str(info), QUARTO_PROJECT_ROOT=str(self.root),
                       QUARTO_DOCUMENT_PATH=str(doc.path.parent.resolve()), QUARTO_FIG_FORMAT="svg",
                       PYDEVD_DISABLE_FILE_VALIDATION="1")
            env[TARGETS_ENV] = ",".join(targets)
            if self.checked:
                env[CHECKED_ENV] = "1"
            else:
                env.pop(CHECKED_ENV, None)
            try:
                client = NotebookClient(nb, timeout=self.timeout, kernel_name="python3",
                                        extra_arguments=list(KERNEL_ARGS),
                                        resources={"metadata": {"path": str(doc.path.parent.resolve())}})
                self.kernels_started += 1
                # The kernel's own stderr only carries jupyter_client chatter; cell errors arrive as messages.
                client.execute(env=env, stderr=subprocess.DEVNULL)
            except CellExecutionError as exc:
                raise cell_error(doc, nb, exc) from None
            except (CellTimeoutError, DeadKernelError) as exc:
                index = _running_cell(nb)
                cell = doc.cells[index] if index is not None and index < len(doc.cells) else None
                raise BuildError(f"the kernel stopped while running {_cell_name(cell, index)}: "
                                 f"{ANSI.sub('', str(exc)).strip().splitlines()[0]}", file=doc.path,
                                 line=cell.line if cell else None,
                                 hint="a cell ran too long or used too much memory") from None
        outputs = [[dict(o) for o in cell.get("outputs", [])] for cell in nb.cells]
        reads = []
        for out in outputs.pop():
            text = out.get("text", "")
            if out.get("output_type") == "stream" and READS_MARK in text:
                reads = json.loads(text.split(READS_MARK, 1)[1].strip())
        return outputs, reads


def _cell_name(cell, index) -> str:
    if cell is None:
        return "a cell"
    return f"cell '{cell.label}'" if cell.label else f"cell {index + 1}"


def _failed_cell(nb) -> int | None:
    for i, cell in enumerate(nb.cells):
        if any(o.get("output_type") == "error" for o in cell.get("outputs", [])):
            return i
    return None


def _running_cell(nb) -> int | None:
    for i, cell in enumerate(nb.cells):
        if not cell.get("outputs") and cell.get("execution_count") is None:
            return max(i - 1, 0) if i else 0
    return None


def cell_error(doc: Document, nb, exc: CellExecutionError) -> BuildError:
    """A failed cell as the author wrote it: the line in the .qmd, the error, and only the cell's own code.
    The full traceback goes to `detail` (shown with --verbose)."""
    index = _failed_cell(nb)
    cell = doc.cells[index] if index is not None and index < len(doc.cells) else None
    error = next((o for o in nb.cells[index].get("outputs", []) if o.get("output_type") == "error"), {}) \
        if index is not None else {}
    ename = error.get("ename") or getattr(exc, "ename", "Error")
    evalue = ANSI.sub("", str(error.get("evalue") if error else getattr(exc, "evalue", "")))
    full = ANSI.sub("", "\n".join(error.get("traceback", [])) or str(exc))
    frames = [ANSI.sub("", f) for f in error.get("traceback", []) if ANSI.sub("", f).startswith("Cell In[")]
    line = cell.line if cell else None
    context = None
    if cell and frames:
        m = CELL_FRAME.match(frames[0])
        if m:
            offset = int(m.group(1))
            line = (cell.first_line or cell.line + 1) + offset - 1
            source = cell.source.split("\n")
            shown = []
            for n in range(max(1, offset - 2), min(len(source), offset) + 1):
                mark = "-->" if n == offset else "   "
                shown.append(f"  {mark} {(cell.first_line or cell.line + 1) + n - 1:4d} | {source[n - 1]}")
            context = "\n".join(shown)
    if ename == "BuildError":  # our own message, already located
        message = f"{_cell_name(cell, index)} failed: {evalue}"
    else:
        message = f"{_cell_name(cell, index)} failed: {ename}: {evalue}"
    err = BuildError(message, file=doc.path, line=line, detail=full,
                     hint="run with --verbose for the full traceback")
    err.problems[0].context = context
    return err
