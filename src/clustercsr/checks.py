"""`clustercsr check`: everything an author can get wrong, found before any kernel starts, reported all at once.

- _quarto.yml: YAML syntax (line, column and an indentation hint), unknown keys (with their line and the key
  meant), listed pages that do not exist;
- the evidence base: every table and references.bib (evidence.validate and its rules);
- the sources: every [@key], every cross-reference, the chart and table names cells call, figures without
  fig-alt (a warning) and .qmd files the book does not list (a warning).

`clustercsr build` runs the same checks first, so a data or bibliography mistake is never reported as a failed
cell.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import yaml

from clustercsr import evidence
from clustercsr.errors import BuildError, Problems, did_you_mean

# Keys `clustercsr build` reads, plus the Quarto keys the project may use; anything else in these sections is a
# mistake (a misspelt key is silently ignored by both renderers, so it must be caught here).
PROJECT_KEYS = {"type", "output-dir", "pre-render", "post-render", "resources", "render", "execute-dir", "title",
                "lib-dir", "preview"}
BOOK_KEYS = {"title", "subtitle", "author", "date", "site-url", "repo-url", "repo-branch", "repo-subdir",
             "repo-actions", "chapters", "appendices", "description", "cover-image", "favicon", "downloads",
             "sharing", "search", "sidebar", "navbar", "page-footer", "page-navigation", "output-file", "abstract",
             "doi", "license", "google-analytics", "cookie-consent", "twitter-card", "open-graph", "reader-mode",
             "back-to-top-navigation", "bread-crumbs", "image", "image-alt", "date-format", "keyword", "keywords"}
TOP_KEYS = {"project", "book", "bibliography", "lang", "execute", "format", "clustercsr", "csl", "metadata-files",
            "crossref", "filters", "website", "toc", "number-sections", "title", "author", "date", "editor",
            "jupyter", "engine", "freeze", "link-citations", "citeproc", "nocite", "reference-location",
            "citation-location", "profile", "language", "shortcodes", "theme", "css", "license", "copyright",
            "citation", "google-scholar", "appendix-style", "funding", "abstract", "keywords", "subtitle"}
SECTION_KEYS = {"project": PROJECT_KEYS, "book": BOOK_KEYS}
# PyYAML's messages, in words, with a hint where the indentation one does not fit.
INDENT_HINT = ("check the indentation: keys of one mapping, and the '- ' items of one list, must start in the same "
               "column, indented with spaces (never tabs) under their parent key")
YAML_WORDS = [
    ("expected <block end>", "this line is indented differently from the lines above it", INDENT_HINT),
    ("mapping values are not allowed", "a ': ' where none can be: the line is indented too far, or a value "
                                       "holding ': ' needs quotes", INDENT_HINT),
    ("could not find expected ':'", "a 'key: value' line lacks its ':'", INDENT_HINT),
    ("did not find expected '-' indicator", "a list item does not line up with the '- ' items above it", INDENT_HINT),
    ("did not find expected key", "this line does not line up with the keys above it", INDENT_HINT),
    ("found character '\\t'", "a tab: YAML is indented with spaces only", "replace the tab with spaces"),
    ("found undefined alias", "a value starts with '*' and needs quotes", "put the value in quotes"),
    ("while scanning a quoted scalar", "a quote opened here is never closed", "add the closing quote"),
    ("expected ',' or ']'", "a list opened with '[' is never closed", "close it with ']' (or use '- ' items)"),
    ("expected ',' or '}'", "a mapping opened with '{' is never closed", "close it with '}'"),
]
CHART_CALL = re.compile(r"\bcharts\.([A-Za-z_]\w*)")
TABLE_CALL = re.compile(r"\btables\.([A-Za-z_]\w*)")
CROSSREF = re.compile(r"(?<![\w@\[])\[?@((?:fig|tbl)-[\w-]*[\w])")


@dataclass
class Result:
    problems: Problems
    ev: evidence.Evidence | None
    book: object | None
    summary: str


# ---------------------------------------------------------------------------------------------------------------
# _quarto.yml

def _yaml_problem(path: Path, exc: yaml.YAMLError, problems: Problems, what: str = "YAML") -> None:
    mark = getattr(exc, "problem_mark", None)
    problem = getattr(exc, "problem", None) or str(exc)
    if "expected ','" in (problem or "") and getattr(exc, "context_mark", None):
        mark = exc.context_mark  # where the unclosed [ or { opened
    plain, hint = next(((words, h) for needle, words, h in YAML_WORDS if needle in (problem or "")),
                       (None, INDENT_HINT))
    text = f"malformed {what}: {plain or problem}" + (f" (YAML says: {problem})" if plain else "")
    if "\t" in path.read_text(encoding="utf-8"):
        hint = "the file contains a tab; YAML needs spaces for indentation"
    problems.add(text, file=path, line=mark.line + 1 if mark else None, col=mark.column + 1 if mark else None,
                 rule="YAML syntax", hint=hint)


def _mapping(node) -> dict:
    """{key: (key_node, value_node)} of a composed YAML mapping node."""
    if not isinstance(node, yaml.MappingNode):
        return {}
    return {k.value: (k, v) for k, v in node.value if isinstance(k, yaml.ScalarNode)}


def check_quarto_yml(root: Path, problems: Problems):
    """Report every problem in _quarto.yml; return the loaded Book, or None if it cannot be used."""
    from clustercsr.publish import config

    path = root / "_quarto.yml"
    if not path.is_file():
        problems.add("_quarto.yml not found: this folder is not a Quarto project", file=path)
        return None
    text = path.read_text(encoding="utf-8")
    try:
        tree = yaml.compose(text)
    except yaml.YAMLError as exc:
        _yaml_problem(path, exc, problems)
        return None
    top = _mapping(tree)
    if not top:
        problems.add("expected 'key: value' lines at the top level", file=path, line=1, rule="YAML mapping")
        return None
    for key, (knode, _) in top.items():
        if key not in TOP_KEYS:
            close = did_you_mean(key, TOP_KEYS)
            where = dict(file=path, line=knode.start_mark.line + 1, col=knode.start_mark.column + 1, column=None)
            if close:
                problems.add(f"unknown key {key!r}", rule="known _quarto.yml keys", hint=close, **where)
            else:
                problems.warn(f"key {key!r} is not one clustercsr build knows; it is ignored",
                              rule="known _quarto.yml keys", **where)
    for section, known in SECTION_KEYS.items():
        if section in top:
            for key, (knode, _) in _mapping(top[section][1]).items():
                if key not in known:
                    problems.add(f"unknown key {key!r} under {section}:", file=path, line=knode.start_mark.line + 1,
                                 col=knode.start_mark.column + 1, rule=f"known {section}: keys",
                                 hint=did_you_mean(key, known) or f"the {section}: keys are: {', '.join(sorted(known))}")
    on_disk = sorted(p.relative_to(root).as_posix() for p in root.rglob("*.qmd")
                     if not _skipped(p.relative_to(root)))
    book = _mapping(top["book"][1]) if "book" in top else {}
    missing = 0
    for list_key in ("chapters", "appendices"):
        if list_key in book:
            for node in _page_nodes(book[list_key][1]):
                if not (root / node.value).is_file():
                    problems.add(f"lists {node.value}, which does not exist", file=path, line=node.start_mark.line + 1,
                                 col=node.start_mark.column + 1, rule="listed pages exist",
                                 hint=did_you_mean(node.value, on_disk) or "create the file, or remove the line")
                    missing += 1
    if "bibliography" in top:
        node = top["bibliography"][1]
        if isinstance(node, yaml.ScalarNode) and not (root / node.value).is_file():
            problems.add(f"bibliography {node.value} does not exist", file=path, line=node.start_mark.line + 1,
                         col=node.start_mark.column + 1, rule="listed files exist")
    if missing:
        return None  # reported above, with their lines; the pages on disk are checked instead
    try:
        return config.load(root)
    except BuildError as exc:
        problems.absorb(exc)
        return None


def _page_nodes(node) -> list:
    """The scalar nodes of the pages listed under chapters:/appendices:, including those inside parts."""
    found = []
    if isinstance(node, yaml.SequenceNode):
        for item in node.value:
            if isinstance(item, yaml.ScalarNode):
                found.append(item)
            elif isinstance(item, yaml.MappingNode):
                sub = _mapping(item)
                if "chapters" in sub:
                    found += _page_nodes(sub["chapters"][1])
    return found


def _skipped(rel: Path) -> bool:
    return (rel.parts[0] in {".git", ".venv", "_site", ".cache", "node_modules", "tests", "benchmarks", ".quarto"}
            or rel.parts[0].startswith(("_site.", "._site")) or rel.name.startswith("_"))


# ---------------------------------------------------------------------------------------------------------------
# The sources

def _public(module) -> list[str]:
    return sorted(n for n in getattr(module, "__all__", dir(module)) if not n.startswith("_"))


def chart_names() -> list[str]:
    """The builders in charts.REGISTRY, read from charts/__init__.py without importing Altair (a second saved
    on every build)."""
    import ast

    import clustercsr
    source = Path(clustercsr.__file__).with_name("charts") / "__init__.py"
    for node in ast.walk(ast.parse(source.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Assign) and any(getattr(t, "id", None) == "REGISTRY" for t in node.targets) \
                and isinstance(node.value, ast.Dict):
            return sorted(v.id for v in node.value.values if isinstance(v, ast.Name))
    from clustercsr import charts  # REGISTRY is built some other way: ask the module
    return sorted(f.__name__ for f in charts.REGISTRY.values())


def table_names() -> list[str]:
    import inspect

    from clustercsr import tables
    return sorted(n for n, f in vars(tables).items() if inspect.isfunction(f) and not n.startswith("_")
                  and f.__module__ == tables.__name__)


def check_sources(root: Path, book, bib_keys: set[str] | None, problems: Problems) -> None:
    from clustercsr.publish import convert, parse

    briefs = sorted((root / "briefs").glob("*.qmd"))
    if book:
        pages = [root / e.source for e in book.entries]
    else:  # _quarto.yml is unusable: still check every page on disk
        pages = sorted(p for p in root.rglob("*.qmd") if not _skipped(p.relative_to(root)) and p not in briefs)
    docs = {}
    for path in pages + briefs:
        if not path.is_file():
            continue
        try:
            docs[path] = parse.parse(path)
        except BuildError as exc:
            problems.absorb(exc)
    if book:
        book_docs = [(docs[root / e.source], e.number, e.href) for e in book.entries if root / e.source in docs]
    else:
        book_docs = [(d, "0", p.relative_to(root).with_suffix(".html").as_posix()) for p, d in docs.items()
                     if p not in briefs]
    try:
        book_floats = set(convert.number_floats(book_docs))
    except BuildError as exc:
        problems.absorb(exc)
        book_floats = set()
    charts, tables = chart_names(), table_names()
    for path, doc in docs.items():
        labels = book_floats if path not in briefs else {c.label for c in doc.cells if c.label}
        for block in doc.blocks:
            if isinstance(block, parse.Markdown):
                _check_crossrefs(path, block, labels, problems)
            else:
                _check_cell(path, block, charts, tables, problems)
    if bib_keys is not None:
        for path, line, col, key in evidence.source_citations_at(root, list(docs)):
            if key not in bib_keys:
                problems.add(f"citation @{key} is not in references.bib", file=path, line=line, col=col,
                             rule="every [@key] is in references.bib",
                             hint=did_you_mean(key, bib_keys) or "add the work to references.bib, or fix the key")
    if book:
        listed = {e.source for e in book.entries}
        for p in sorted([*root.glob("*.qmd"), *root.glob("chapters/**/*.qmd")]):
            rel = p.relative_to(root).as_posix()
            if rel not in listed and not p.name.startswith("_"):
                problems.warn("this page is not listed in _quarto.yml, so it is not built", file=p, rule="pages are listed",
                              hint="add it under book: chapters: (or appendices:) in _quarto.yml, or rename it _"
                                   + p.name + " to keep it as a draft")


def _check_crossrefs(path: Path, block, labels: set[str], problems: Problems) -> None:
    in_fence = False
    for offset, line in enumerate(block.text.split("\n")):
        if line.startswith("```"):
            in_fence = not in_fence
            continue
        if in_fence:
            continue
        for m in CROSSREF.finditer(line):
            label = m.group(1)
            if label not in labels:
                col = line.index("@" + label, m.start()) + 1
                close = did_you_mean(label, labels, quote="", prefix="@")
                problems.add(f"broken cross-reference @{label}: no figure or table has that label", file=path,
                             line=block.line + offset, col=col, rule="cross-references resolve",
                             hint=close or "the label is a cell's '#| label: fig-…' (or tbl-…)")


def _check_cell(path: Path, cell, charts: list[str], tables: list[str], problems: Problems) -> None:
    label = cell.label or ""
    for offset, line in enumerate(cell.source.split("\n")):
        for pattern, names, module in ((CHART_CALL, charts, "charts"), (TABLE_CALL, tables, "tables")):
            for m in pattern.finditer(line):
                if m.group(1) not in names and m.group(1) not in ("REGISTRY", "export_all", "renderer", "theme"):
                    close = did_you_mean(m.group(1), names)
                    problems.add(f"{module}.{m.group(1)} is not a {module[:-1]}", file=path,
                                 line=(cell.first_line or cell.line + 1) + offset, col=m.start(1) + 1,
                                 rule=f"{module[:-1]} names exist",
                                 hint=(close + " " if close else "") + f"the {module} are: {', '.join(names)}")
    if label.startswith("fig-") and not cell.options.get("fig-alt") and cell.options.get("output") is not False:
        problems.warn(f"figure '{label}' has no fig-alt: screen readers get no description of the chart",
                      file=path, line=cell.line, rule="figures have alt text",
                      hint="add '#| fig-alt: \"…\"' saying what the chart shows")


# ---------------------------------------------------------------------------------------------------------------

def run(root: Path | str | None = None) -> Result:
    """Every check; raises BuildError with every problem (errors and warnings) when there is an error."""
    root = evidence.find_root(Path(root) if root else None).resolve()
    problems = Problems(root=root)
    book = check_quarto_yml(root, problems)
    ev = None
    paper_file = None
    if (root / "data").is_dir():
        ev, _ = evidence.validate(root, problems)
        if ev is not None and not problems.errors:
            from clustercsr import fidelity  # issue 13's rules: locators and bases
            found, paper_file = fidelity.problems(ev, root)
            for exc in found:
                problems.absorb(exc)
    bib_path = book.bibliography if book and book.bibliography else root / "references.bib"
    bib_keys = None
    if bib_path.is_file():
        bib_keys = set(ev.references.attrs.get("scanned_keys", ev.references["key"])) if ev is not None else \
            {e.key for e in evidence.scan_bib(bib_path, Problems())}
    check_sources(root, book, bib_keys, problems)
    errors = problems.errors
    if errors:
        raise BuildError(problems=errors + problems.warnings, root=root)
    return Result(problems, ev, book, _summary(root, ev, problems, paper_file))


def _summary(root: Path, ev, problems: Problems, paper_file: Path | None = None) -> str:
    from clustercsr.errors import format_problems

    lines = []
    if problems.warnings:
        lines += [format_problems(problems.warnings, root), ""]
    lines += ["Evidence base is valid." if ev is not None else "Sources are valid (no data/ folder).", ""]
    if ev is not None:
        keys = set(ev.references["key"])
        used = set(ev.evidence["citekey"])
        for name in evidence.Evidence.table_names():
            lines.append(f"  {name + '.csv':24} {len(getattr(ev, name)):4d} rows")
        lines.append(f"  {'references.bib':24} {len(keys):4d} entries")
        lines.append("")
        lines.append(f"References used by at least one evidence row: {len(used & keys)} of {len(keys)} "
                     f"({100 * len(used & keys) / max(len(keys), 1):.0f}%)")
    lines.append(f"Citations in the sources: {len(evidence.source_citations(root))}, all resolved.")
    if ev is not None:
        located = len(ev.evidence) + len(ev.model_links)
        lines.append(f"Locators: {located} rows name their paragraph; " + (
            f"each cited work was found there in {paper_file.name}." if paper_file else
            "not compared with the paper, which is not on this machine (set CLUSTERCSR_PAPER)."))
    if problems.warnings:
        n = len(problems.warnings)
        lines.append(f"{n} warning{'s' if n != 1 else ''} (see above).")
    return "\n".join(lines)
