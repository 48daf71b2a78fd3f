"""Split a .qmd file into front matter, markdown and executable cells, and reject what only one renderer knows."""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from clustercsr.errors import BuildError

CELL_OPTIONS = {"label", "echo", "output", "fig-cap", "fig-alt", "tbl-cap"}
FENCE_OPEN = re.compile(r"^(`{3,})\s*\{(\w+)([^}]*)\}\s*$")
# Constructs real Quarto understands but `clustercsr build` does not; each would render differently.
UNSUPPORTED = [
    (re.compile(r"\{\{<"), "Quarto shortcodes ({{< … >}})"),
    (re.compile(r"`\{(python|r|ojs)\}[^`]*`"), "inline code execution"),
    (re.compile(r"^:::+\s*\{[^}]*\.(panel-\w+|column-\w+)"), "layout divs"),
    (re.compile(r"^:::+\s*\{[^}]*layout"), "layout attributes"),
    (re.compile(r"\{=(latex|tex|openxml)\}"), "format-specific raw blocks"),
]
ALLOWED_DIV = re.compile(r"^:::+\s*(\{(\.callout-(note|tip|important|warning|caution)|#refs|#(fig|tbl)-[\w-]+)[^}]*\})?\s*$")
# Format-specific content, as Quarto writes it; the formats the book renders to are html and typst.
CONDITIONAL_DIV = re.compile(r'^:::+\s*\{\.content-(visible|hidden)((\s+(when|unless)-format="(html|typst)"){1,2})\s*\}\s*$')


@dataclass
class Markdown:
    text: str
    line: int


@dataclass
class Cell:
    source: str
    options: dict
    line: int  # the line of the opening fence
    first_line: int = 0  # the line of the source's first line (after the #| options)

    @property
    def label(self) -> str | None:
        return self.options.get("label")


@dataclass
class Document:
    path: Path
    meta: dict
    blocks: list = field(default_factory=list)
    unnumbered: bool = False

    @property
    def cells(self) -> list[Cell]:
        return [b for b in self.blocks if isinstance(b, Cell)]


def _front_matter(text: str, path: Path) -> tuple[dict, str, int]:
    if not text.startswith("---"):
        return {}, text, 1
    end = re.search(r"^(---|\.\.\.)\s*$", text[3:], flags=re.M)
    if not end:
        raise BuildError("front matter opened with --- but never closed", file=path, line=1)
    raw = text[3 : 3 + end.start()]
    try:
        meta = yaml.safe_load(raw) or {}
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        raise BuildError(f"malformed front matter: {getattr(exc, 'problem', exc)}", file=path,
                         line=(mark.line + 2) if mark else 1) from None
    if not isinstance(meta, dict):
        raise BuildError("front matter must be a YAML mapping", file=path, line=1)
    body = text[3 + end.end():]
    body = body[1:] if body.startswith("\n") else body
    return meta, body, raw.count("\n") + 3


def _cell_options(lines: list[str], path: Path, line: int) -> tuple[dict, str]:
    option_lines, i = [], 0
    while i < len(lines) and lines[i].startswith("#|"):
        option_lines.append(lines[i][2:].strip())
        i += 1
    try:
        options = yaml.safe_load("\n".join(option_lines)) or {} if option_lines else {}
    except yaml.YAMLError as exc:
        raise BuildError(f"malformed cell options: {exc}", file=path, line=line + 1) from None
    if not isinstance(options, dict):
        raise BuildError("cell options must be 'key: value' lines", file=path, line=line + 1)
    unknown = sorted(set(options) - CELL_OPTIONS)
    if unknown:
        raise BuildError(f"unsupported cell option(s) {', '.join(unknown)}; allowed: {', '.join(sorted(CELL_OPTIONS))}",
                         file=path, line=line + 1)
    return options, "\n".join(lines[i:]).strip("\n")


TITLE_HEADING = re.compile(r"^#\s+(.+?)\s*(\{([^}]*)\})?\s*$")


def _title_heading(meta: dict, body: str, first_line: int) -> tuple[str, int, bool]:
    """Quarto takes a page's title from its first level-1 heading when the front matter has none, and a chapter
    is unnumbered when that heading has the class .unnumbered (or "-"). Returns the body without that heading,
    its first line number, and whether the chapter is unnumbered."""
    lines = body.split("\n")
    i = 0
    while i < len(lines) and not lines[i].strip():
        i += 1
    m = TITLE_HEADING.match(lines[i]) if i < len(lines) else None
    if not m or "title" in meta:
        return body, first_line, False
    meta["title"] = m.group(1)
    attrs = (m.group(3) or "").split()
    return "\n".join(lines[i + 1:]), first_line + i + 1, ".unnumbered" in attrs or "-" in attrs


def is_unnumbered(path: Path) -> bool:
    """Whether a chapter's title heading marks it {.unnumbered}, as Quarto reads it (for numbering the book)."""
    text = Path(path).read_text(encoding="utf-8")
    meta, body, first_line = _front_matter(text, Path(path))
    return _title_heading(meta, body, first_line)[2]


def parse(path: Path, text: str | None = None) -> Document:
    path = Path(path)
    if text is None:
        try:
            text = path.read_text(encoding="utf-8")
        except UnicodeDecodeError as exc:
            raise BuildError(f"not valid UTF-8 ({exc.reason} at byte {exc.start})", file=path) from None
    meta, body, first_line = _front_matter(text, path)
    body, first_line, unnumbered = _title_heading(meta, body, first_line)
    doc = Document(path, meta, unnumbered=unnumbered)
    lines = body.split("\n")
    buf: list[str] = []
    buf_start = first_line
    i = 0
    in_plain_fence: str | None = None
    while i < len(lines):
        line = lines[i]
        lineno = first_line + i
        if in_plain_fence:
            buf.append(line)
            if line.strip() == in_plain_fence:
                in_plain_fence = None
            i += 1
            continue
        m = FENCE_OPEN.match(line)
        if m and not m.group(2).startswith("="):
            fence, lang = m.group(1), m.group(2)
            if lang != "python":
                raise BuildError(f"unsupported executable cell language '{lang}' (only python)", file=path, line=lineno)
            j = i + 1
            while j < len(lines) and lines[j].strip() != fence:
                j += 1
            if j == len(lines):
                raise BuildError("code cell is never closed", file=path, line=lineno)
            if buf:
                doc.blocks.append(Markdown("\n".join(buf), buf_start))
                buf = []
            options, source = _cell_options(lines[i + 1 : j], path, lineno)
            body = lines[i + 1 : j]
            skip = 0
            while skip < len(body) and (body[skip].startswith("#|") or not body[skip].strip()):
                skip += 1
            doc.blocks.append(Cell(source, options, lineno, first_line=lineno + 1 + skip))
            i = j + 1
            buf_start = first_line + i
            continue
        if line.startswith("```"):
            in_plain_fence = re.match(r"`+", line).group(0)
        else:
            for pattern, what in UNSUPPORTED:
                if pattern.search(line):
                    raise BuildError(f"{what} are not supported by clustercsr build; see AUTHORING.md", file=path, line=lineno)
            if line.startswith(":::") and not (ALLOWED_DIV.match(line) or CONDITIONAL_DIV.match(line)):
                raise BuildError(f"unsupported div '{line.strip()}'; allowed: callouts, #refs, #fig-/#tbl- ids, "
                                 '.content-visible/.content-hidden with when-format or unless-format "html" or "typst"',
                                 file=path, line=lineno)
        if not buf:
            buf_start = lineno
        buf.append(line)
        i += 1
    if buf:
        doc.blocks.append(Markdown("\n".join(buf), buf_start))
    labels = [c.label for c in doc.cells if c.label]
    dupes = {x for x in labels if labels.count(x) > 1}
    if dupes:
        raise BuildError(f"duplicate cell label(s): {', '.join(sorted(dupes))}", file=path)
    return doc
