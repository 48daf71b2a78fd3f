"""Read _quarto.yml into the book's structure."""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import yaml

from clustercsr.errors import BuildError
from clustercsr.publish.parse import is_unnumbered


# Top-level _quarto.yml keys that configure the project rather than being metadata of every page.
NOT_METADATA = {"project", "book", "website", "format", "execute", "clustercsr", "profile", "engine", "jupyter"}


@dataclass
class Entry:
    """One page of the book, in reading order."""

    source: str  # path relative to the project root, e.g. chapters/01-introduction.qmd
    number: str | None  # "1", "2", … for chapters, "A", "B", … for appendices, None for the index
    part: str | None = None
    appendix: bool = False

    @property
    def href(self) -> str:
        return str(Path(self.source).with_suffix(".html"))

    @property
    def stem(self) -> str:
        return Path(self.source).stem


@dataclass
class Book:
    root: Path
    title: str
    subtitle: str
    author: str
    date: str
    site_url: str
    repo_url: str
    lang: str
    bibliography: Path | None
    output_dir: str
    pre_render: list[str]
    resources: list[str]
    entries: list[Entry]
    extra: dict = field(default_factory=dict)
    execute: dict = field(default_factory=dict)
    meta: dict = field(default_factory=dict)  # project-level metadata every page inherits (bibliography, lang, …)

    def entry_for(self, source: str) -> Entry:
        for e in self.entries:
            if e.source == source:
                return e
        raise KeyError(source)


def _as_list(value) -> list[str]:
    if value is None:
        return []
    return [value] if isinstance(value, str) else list(value)


def load_yaml(path: Path) -> dict:
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise BuildError("file not found", file=path) from None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        raise BuildError(f"malformed YAML: {getattr(exc, 'problem', exc)}", file=path,
                         line=mark.line + 1 if mark else None) from None
    if not isinstance(data, dict):
        raise BuildError("expected a mapping at the top level", file=path)
    return data


def load(root: Path) -> Book:
    root = Path(root).resolve()
    path = root / "_quarto.yml"
    data = load_yaml(path)
    project = data.get("project") or {}
    if project.get("type") != "book":
        raise BuildError("project: type must be 'book'", file=path)
    book = data.get("book") or {}
    entries: list[Entry] = []
    chapter_no = 0

    def number(item: str) -> str | None:
        # As Quarto numbers a book: every chapter, the home page included, unless its title heading is
        # {.unnumbered} (see AUTHORING.md). A missing file is reported below.
        nonlocal chapter_no
        if (root / item).is_file() and is_unnumbered(root / item):
            return None
        chapter_no += 1
        return str(chapter_no)

    for item in book.get("chapters") or []:
        if isinstance(item, str):
            entries.append(Entry(item, number(item)))
        elif isinstance(item, dict) and "part" in item:
            for sub in _as_list(item.get("chapters")):
                entries.append(Entry(sub, number(sub), part=item["part"]))
        else:
            raise BuildError(f"unsupported entry in book: chapters: {item!r}", file=path)
    letter = 0
    for item in _as_list(book.get("appendices")):
        unnumbered = (root / item).is_file() and is_unnumbered(root / item)
        entries.append(Entry(item, None if unnumbered else chr(ord("A") + letter), part="Appendices", appendix=True))
        letter += 0 if unnumbered else 1
    for e in entries:
        if not (root / e.source).is_file():
            raise BuildError(f"_quarto.yml lists {e.source}, which does not exist", file=path)
    bib = data.get("bibliography")
    return Book(
        root=root,
        title=book.get("title", "Untitled"),
        subtitle=book.get("subtitle", ""),
        author=book.get("author", ""),
        date=str(book.get("date", "")),
        site_url=str(book.get("site-url", "")).rstrip("/"),
        repo_url=str(book.get("repo-url", "")),
        lang=data.get("lang", "en"),
        bibliography=(root / bib) if bib else None,
        output_dir=project.get("output-dir", "_site"),
        pre_render=_as_list(project.get("pre-render")),
        resources=_as_list(project.get("resources")),
        entries=entries,
        extra=data.get("clustercsr") or {},
        execute=data.get("execute") or {},
        meta={k: v for k, v in data.items() if k not in NOT_METADATA},
    )
