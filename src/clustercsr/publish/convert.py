"""Turn executed documents into pandoc markdown, then into HTML fragments (or Typst) with citeproc."""
from __future__ import annotations

import re
import subprocess
from dataclasses import dataclass
from pathlib import Path

import pypandoc

from clustercsr.errors import BuildError
from clustercsr.publish.parse import Cell, Document, Markdown

LUA_FILTER = Path(__file__).with_name("book.lua")
SPLIT = "<!--cc:split-->"
FRAGMENT_TEMPLATE = "$if(toc)$$table-of-contents$$endif$\n" + SPLIT + "\n$body$\n"
CROSSREF = re.compile(r"\[@((?:fig|tbl)-[\w-]+)\]|(?<![\w@\[])@((?:fig|tbl)-[\w-]+)")


@dataclass
class Float:
    label: str
    number: str
    href: str  # page the float lives on


def float_word(label: str) -> str:
    return "Figure" if label.startswith("fig-") else "Table"


def number_floats(pages: list[tuple[Document, str | None, str]]) -> dict[str, Float]:
    """Number figures and tables per chapter ("2.1"), as Quarto books do; unnumbered pages count from 1."""
    floats: dict[str, Float] = {}
    for doc, chapter, href in pages:
        counts = {"fig": 0, "tbl": 0}
        for cell in doc.cells:
            label = cell.label or ""
            kind = label.split("-", 1)[0]
            if kind in counts:
                counts[kind] += 1
                number = f"{chapter}.{counts[kind]}" if chapter else str(counts[kind])
                if label in floats:
                    raise BuildError(f"cross-reference label '{label}' is used twice", file=doc.path, line=cell.line)
                floats[label] = Float(label, number, href)
    return floats


def resolve_crossrefs(text: str, floats: dict[str, Float], here: str, doc: Document, line: int) -> str:
    def link(m):
        label = m.group(1) or m.group(2)
        f = floats.get(label)
        if f is None:
            raise BuildError(f"broken cross-reference @{label}: no figure or table has that label",
                             file=doc.path, line=line + text[: m.start()].count("\n"))
        target = f"#{label}" if f.href == here else f"{_relative(here, f.href)}#{label}"
        return f"[{float_word(label)}\u00a0{f.number}]({target})"

    return CROSSREF.sub(link, text)


def _relative(here: str, there: str) -> str:
    import posixpath
    return posixpath.relpath(there, posixpath.dirname(here) or ".")


def outputs_markdown(outputs: list[dict], target: str, doc: Document, cell: Cell, svg_dir: Path | None) -> str:
    pieces = []
    for i, out in enumerate(outputs):
        kind = out.get("output_type")
        if kind == "stream":
            if out.get("name") == "stdout" and out.get("text", "").strip():
                pieces.append("```\n" + out["text"].rstrip() + "\n```")
            continue
        if kind not in ("display_data", "execute_result"):
            continue
        data = out.get("data", {})
        if target == "html" and ("text/html" in data and "text/markdown" not in data):
            raise BuildError(
                "a cell emitted text/html; real Quarto then loads require.js and jQuery from a CDN. "
                "Render charts and tables through clustercsr (charts.*, tables.*)", file=doc.path, line=cell.line)
        if "text/markdown" in data:
            pieces.append(data["text/markdown"])
        elif "image/svg+xml" in data and svg_dir is not None:
            svg_dir.mkdir(parents=True, exist_ok=True)
            name = f"{doc.path.stem}-{cell.label or cell.line}-{i}.svg"
            (svg_dir / name).write_text(data["image/svg+xml"], encoding="utf-8")
            alt = (cell.options.get("fig-alt") or data.get("text/plain", "")).replace("\n", " ").replace('"', "'")
            pieces.append(f'![]({(svg_dir / name).as_posix()}){{fig-alt="{alt}"}}')
        elif "text/plain" in data and kind == "execute_result":
            pieces.append("```\n" + data["text/plain"] + "\n```")
    return "\n\n".join(pieces)


def document_markdown(doc: Document, outputs: list[list[dict]], target: str, floats: dict[str, Float], here: str,
                      svg_dir: Path | None = None) -> str:
    chunks = []
    cell_index = 0
    for block in doc.blocks:
        if isinstance(block, Markdown):
            chunks.append(resolve_crossrefs(block.text, floats, here, doc, block.line))
            continue
        cell_outputs = outputs[cell_index] if cell_index < len(outputs) else []
        cell_index += 1
        if block.options.get("output") is False:
            continue
        body = outputs_markdown(cell_outputs, target, doc, block, svg_dir)
        label = block.label or ""
        if label.startswith(("fig-", "tbl-")):
            caption = block.options.get("fig-cap") or block.options.get("tbl-cap") or ""
            number = floats[label].number
            alt = block.options.get("fig-alt")
            alt_md = ""
            if alt and target == "html":
                alt_md = f'\n\n::: {{.visually-hidden}}\n{alt}\n:::\n'
            chunks.append(f'::: {{#{label} number="{number}"}}\n{body}\n{alt_md}\n::: cc-caption\n{caption}\n:::\n:::')
        elif body:
            chunks.append(body)
    return "\n\n".join(chunks) + "\n"


# Front matter keys that are Quarto's own options (or cells' business), not metadata for pandoc.
QUARTO_ONLY = {"format", "execute", "jupyter", "engine", "filters"}


def front_matter(book, doc: Document) -> str:
    """The page's metadata as a YAML block, merged the way Quarto merges it: project-level keys of _quarto.yml
    first, the page's own front matter over them. Bibliography paths resolve against the file that names them
    (the project root or the page's folder), so pandoc can run from the project root."""
    import yaml

    def paths(value, base: Path):
        return [str((base / v).resolve()) for v in ([value] if isinstance(value, str) else value)]

    meta = {k: v for k, v in book.meta.items() if k not in QUARTO_ONLY}
    if meta.get("bibliography"):
        meta["bibliography"] = paths(meta["bibliography"], book.root)
    for k, v in doc.meta.items():
        if k in QUARTO_ONLY:
            continue
        meta[k] = paths(v, doc.path.parent) if k == "bibliography" and v else v
    return "---\n" + yaml.safe_dump(meta, allow_unicode=True, sort_keys=False, width=10_000) + "---\n\n"


def pandoc(markdown: str, *, to: str, bibliography: Path | None, chapter: str | None, source: Path,
           extra_meta: dict | None = None, toc: bool = True, standalone_template: str | None = None,
           cwd: Path | None = None, warnings: list[str] | None = None, filters: tuple[Path, ...] = ()) -> str:
    args = [pypandoc.get_pandoc_path(), "--from", "markdown+raw_html+fenced_divs+bracketed_spans", "--to", to,
            "--citeproc", "--lua-filter", str(LUA_FILTER), "--metadata", f"chapter-number={chapter or ''}",
            "--metadata", f"target={'html' if to.startswith('html') else to}", "--metadata", "link-citations=true",
            "--metadata", "reference-section-title=References", "--wrap=none", "--section-divs"]
    if to.startswith("html"):
        args += ["--standalone", "--template", str(_fragment_template()), "--toc", "--toc-depth=3"] if toc else []
    for extra in filters:  # run after book.lua, e.g. the PDF stage's typst/pdf.lua
        args += ["--lua-filter", str(extra)]
    if bibliography:
        args += ["--bibliography", str(bibliography)]
    for k, v in (extra_meta or {}).items():
        args += ["--metadata", f"{k}={v}"]
    if standalone_template:
        args += ["--standalone", "--template", standalone_template]
    proc = subprocess.run(args, input=markdown, capture_output=True, text=True, cwd=cwd)
    if proc.returncode != 0:
        raise BuildError(f"pandoc failed: {proc.stderr.strip()}", file=source)
    missing = re.findall(r"Citeproc: citation (\S+) not found", proc.stderr)
    if missing:
        raise BuildError(f"citation key(s) not in references.bib: {', '.join(sorted(set(missing)))}", file=source,
                         rule="every [@key] must exist in references.bib")
    if warnings is not None:
        warnings.extend(f"{source.name}: {line.strip()}" for line in proc.stderr.splitlines() if "[WARNING]" in line)
    return proc.stdout


def _fragment_template() -> Path:
    path = Path(__file__).with_name("templates") / "fragment.html"
    if not path.is_file():
        path.write_text(FRAGMENT_TEMPLATE, encoding="utf-8")
    return path


SECTION_HEADING = re.compile(r'<section id="([^"]+)" class="(level[2-6][^"]*)"([^>]*)>\s*<h([2-6])')


def html_fragment(markdown: str, **kwargs) -> tuple[str, str]:
    """Return (table of contents, body) as HTML.

    Each section's id moves from pandoc's <section> onto its heading, where search (Pagefind's sub-results)
    and the heading's anchor link look for it; links to "#id" land on the heading either way."""
    out = pandoc(markdown, to="html5", **kwargs)
    toc, _, body = out.partition(SPLIT)
    body = SECTION_HEADING.sub(lambda m: f'<section class="{m.group(2)}"{m.group(3)}>\n<h{m.group(4)} id="{m.group(1)}"',
                               body.strip())
    return toc.strip(), body
