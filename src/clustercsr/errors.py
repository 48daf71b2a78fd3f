"""What an author can get wrong, located as precisely as we can, so the command line can print it plainly.

A `Problem` is one finding (an error or a warning) at a place: file, line, column (a character position) and,
for tables, the field. `BuildError` is raised for one problem or for many (`Problems.raise_if_errors`).
Every message reads `file:line:col: message` so editors and terminals can jump to the place.
"""
from __future__ import annotations

import difflib
from dataclasses import dataclass, field
from pathlib import Path


def did_you_mean(value: str, choices, *, quote: str = "'", prefix: str = "") -> str:
    """' (did you mean 'x'?)' for the closest choice, or ''."""
    close = difflib.get_close_matches(str(value), [str(c) for c in choices], n=1, cutoff=0.6)
    return f"did you mean {prefix}{quote}{close[0]}{quote}?" if close else ""


def relative(path, root: Path | None) -> str:
    if path is None:
        return ""
    path = Path(path)
    if root is not None:
        try:
            return path.resolve().relative_to(Path(root).resolve()).as_posix()
        except ValueError:
            pass
    return str(path)


@dataclass
class Problem:
    message: str
    file: str | None = None
    line: int | None = None
    col: int | None = None  # 1-based character column
    column: str | None = None  # the table's field (CSV column) or the YAML key
    rule: str | None = None
    hint: str | None = None
    severity: str = "error"  # or "warning"
    context: str | None = None  # lines shown under the message (e.g. the failing code)

    def where(self, root: Path | None = None) -> str:
        if not self.file:
            return ""
        text = relative(self.file, root)
        if self.line:
            text += f":{self.line}"
            if self.col:
                text += f":{self.col}"
        return text

    def describe(self, root: Path | None = None) -> str:
        head = self.where(root)
        body = self.message
        if self.column and f"`{self.column}`" not in body:
            body = f"column `{self.column}`: {body}"
        text = f"{head}: {body}" if head else body
        if self.rule:
            text += f" [{self.rule}]"
        if self.context:
            text += "\n" + self.context
        if self.hint:
            text += f"\n    hint: {self.hint}"
        return text


class BuildError(Exception):
    """One problem (or several) in the sources or data; the build stops and the previous _site/ stays."""

    def __init__(self, message: str = "", *, file=None, line=None, row=None, column=None, col=None, rule=None,
                 hint=None, detail=None, problems: list[Problem] | None = None, root: Path | None = None):
        # `row` is the line in the file (the header is line 1), kept for callers that think in rows.
        if problems is None:
            problems = [Problem(message, file=str(file) if file is not None else None, line=line or row, col=col,
                                column=column, rule=rule, hint=hint)]
        self.problems = problems
        first = problems[0]
        self.message = message or first.message
        self.file = first.file
        self.line = first.line
        self.row = first.line
        self.col = first.col
        self.column = first.column
        self.rule = first.rule
        self.hint = first.hint
        self.detail = detail  # shown with --verbose (e.g. a full traceback)
        self.root = root
        super().__init__(self.describe())

    def describe(self, verbose: bool = False) -> str:
        text = format_problems(self.problems, self.root)
        if verbose and self.detail:
            text += "\n" + self.detail
        return text


@dataclass
class Problems:
    """Collects every problem found, so `check` can report them all at once."""

    root: Path | None = None
    items: list[Problem] = field(default_factory=list)
    limit: int = 200

    def add(self, message: str, **where) -> Problem:
        problem = Problem(message, **{k: (str(v) if k == "file" and v is not None else v) for k, v in where.items()})
        self.items.append(problem)
        return problem

    def warn(self, message: str, **where) -> Problem:
        return self.add(message, severity="warning", **where)

    def extend(self, problems) -> None:
        self.items.extend(problems)

    def absorb(self, exc: BuildError) -> None:
        self.items.extend(exc.problems)

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.items if p.severity == "error"]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.items if p.severity == "warning"]

    def raise_if_errors(self) -> None:
        if self.errors:
            raise BuildError(problems=self.errors, root=self.root)


def _sort_key(p: Problem, root):
    return (relative(p.file, root) if p.file else "~", p.line or 0, p.col or 0)


def format_problems(problems: list[Problem], root: Path | None = None, limit: int = 200) -> str:
    """Every problem, grouped by file in file order, one `file:line:col: message` line each, then a count."""
    if len(problems) == 1:
        return problems[0].describe(root)
    ordered = sorted(problems, key=lambda p: _sort_key(p, root))
    lines, current = [], object()
    for p in ordered[:limit]:
        group = relative(p.file, root) if p.file else None
        if group != current:
            if lines:
                lines.append("")
            current = group
        prefix = "warning: " if p.severity == "warning" and len(problems) > 1 else ""
        lines.append(prefix + p.describe(root))
    if len(ordered) > limit:
        lines.append(f"… and {len(ordered) - limit} more")
    return "\n".join(lines)


def summary_line(problems: list[Problem]) -> str:
    errors = sum(p.severity == "error" for p in problems)
    warnings = len(problems) - errors
    files = len({p.file for p in problems})
    parts = []
    if errors:
        parts.append(f"{errors} error{'s' if errors != 1 else ''}")
    if warnings:
        parts.append(f"{warnings} warning{'s' if warnings != 1 else ''}")
    return f"{' and '.join(parts)} in {files} file{'s' if files != 1 else ''}"
