"""One error type for everything an author can get wrong, so the CLI can print it cleanly."""
from __future__ import annotations


class BuildError(Exception):
    """A problem in the sources or data, located as precisely as we can."""

    def __init__(self, message: str, *, file=None, line=None, row=None, column=None, rule=None, detail=None):
        self.message = message
        self.file = str(file) if file is not None else None
        self.line = line
        self.row = row
        self.column = column
        self.rule = rule
        self.detail = detail
        super().__init__(self.describe())

    def describe(self) -> str:
        where = []
        if self.file:
            where.append(self.file + (f":{self.line}" if self.line else ""))
        if self.row is not None:
            # `row` is the line in the file; the header is line 1, so data row n sits on line n + 1.
            where.append(f"row {self.row - 1} (line {self.row})" if self.row > 1 else "header (line 1)")
        if self.column:
            where.append(f"column '{self.column}'")
        head = ", ".join(where)
        text = f"{head}: {self.message}" if head else self.message
        if self.rule:
            text += f" [rule: {self.rule}]"
        if self.detail:
            text += "\n" + self.detail
        return text
