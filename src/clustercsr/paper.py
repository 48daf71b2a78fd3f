"""The reviewed paper's text, cut into numbered paragraphs, so that data rows can point at the passage they rest on.

The paper is not part of this repository (it is not ours to redistribute). It is read from the first of:
$CLUSTERCSR_PAPER (a file or a folder), <root>/shared/paper/, then shared/paper/ beside the repository or beside
any folder above it (../shared/paper/ for a clone, ../../shared/paper/ for a worktree). When none exists the
locator check reports that it was skipped; it never fails a build for want of the paper.

Numbering (data/README.md, "Locators", is the reference for authors):
- The body runs from the abstract to the conclusions; the reference list is not numbered. The tables and the
  figure title at the end of the file form the sections "Table 1", "Table 2", "Table 3" and "Figure 1".
- A section starts at each heading of the paper file (a line starting with "#", whatever its level), named
  by the short names in SECTION_NAMES. The introduction has no heading in the paper: it starts with the first
  paragraph after the keywords line.
- Paragraphs are counted from 1 within each section. A paragraph is a block of text between blank lines. A
  block that does not end a sentence (its last character is not . ? or !, possibly followed by a closing
  quote or bracket) runs on into the next block: these are the page breaks of the source PDF. Editorial
  lines such as "[Insert Table 1. Approximately Here]" are not paragraphs. A proposition is a paragraph.
- A locator is written "§ <section name>, ¶<n>", for example "§ Drivers, ¶4"; a table or the figure is
  cited as a whole: "§ Table 1".
"""
from __future__ import annotations

import os
import re
from dataclasses import dataclass
from pathlib import Path

PAPER_FILE = "lund-thomsen-lindgreen-vanhamme-2016.md"

# section slug (as in the data's `section` column) -> the name used in locators
SECTION_NAMES = {
    "abstract": "Abstract", "introduction": "Introduction", "drivers": "Drivers", "features": "Features",
    "environment": "Environment", "work-conditions": "Work conditions", "poverty": "Poverty",
    "impacts": "Impacts", "frameworks": "Frameworks", "limitations": "Limitations", "model": "Model",
    "conclusions": "Conclusions", "table1": "Table 1", "table2": "Table 2", "table3": "Table 3",
    "figure1": "Figure 1",
}
SLUG_OF_NAME = {name: slug for slug, name in SECTION_NAMES.items()}
WHOLE_SECTIONS = {"table1", "table2", "table3", "figure1"}
# heading text (lowercase, without markup) -> slug; matched by the start of the heading
HEADINGS = [
    ("abstract", "abstract"), ("csr in industrial clusters: key drivers", "drivers"),
    ("main features of the cluster and csr debate", "features"),
    ("studies of csr and environmental management", "environment"),
    ("studies of csr and work conditions", "work-conditions"),
    ("studies of csr and poverty reduction", "poverty"), ("impacts of csr initiatives", "impacts"),
    ("theoretical frameworks", "frameworks"), ("limitations", "limitations"),
    ("a theoretical model of csr", "model"), ("conclusions", "conclusions"), ("references", None),
]
TABLE_START = re.compile(r"^\*\*(Table [123]|Figure 1)\b")
LOCATOR = re.compile(r"^§ (?P<section>[A-Z][A-Za-z ]+?[0-9]?)(?:, ¶(?P<para>[1-9][0-9]*))?$")
SENTENCE_END = re.compile(r"[.?!][\"”’)\]*]*$")
EDITORIAL = re.compile(r"^\[Insert .*\]$|^-{3,}$")


@dataclass(frozen=True)
class Paragraph:
    section: str      # slug
    number: int       # 1-based within the section (0 for a whole table or the figure)
    first_line: int   # line in the paper file
    last_line: int
    text: str         # the paragraph's text, page breaks joined with a space

    @property
    def locator(self) -> str:
        return format_locator(self.section, self.number)


def format_locator(section: str, number: int | None) -> str:
    name = SECTION_NAMES[section]
    return f"§ {name}" if not number else f"§ {name}, ¶{number}"


def parse_locator(value: str) -> tuple[str, int | None] | None:
    """("drivers", 4) for "§ Drivers, ¶4"; ("table1", None) for "§ Table 1"; None if malformed."""
    m = LOCATOR.match(value or "")
    if not m or m.group("section") not in SLUG_OF_NAME:
        return None
    slug = SLUG_OF_NAME[m.group("section")]
    para = int(m.group("para")) if m.group("para") else None
    if (slug in WHOLE_SECTIONS) != (para is None):
        return None
    return slug, para


def find_paper(root: Path | str | None = None) -> Path | None:
    """The paper's markdown file, or None when it is not available on this machine."""
    candidates = []
    env = os.environ.get("CLUSTERCSR_PAPER")
    if env:
        candidates.append(Path(env))
    if root is not None:
        root = Path(root).resolve()
        candidates += [folder / "shared" / "paper" for folder in [root, *root.parents]]
    for c in candidates:
        f = c / PAPER_FILE if c.is_dir() else c
        if f.is_file():
            return f
    return None


def _heading_slug(line: str) -> str | None | bool:
    """The slug a heading line opens, None for the reference list, False if it is not a section heading."""
    text = re.sub(r"[*#_]", "", line).strip().lower()
    for start, slug in HEADINGS:
        if text.startswith(start):
            return slug
    return False


def paragraphs(path: Path) -> list[Paragraph]:
    """Every numbered paragraph of the paper, in order."""
    lines = Path(path).read_text(encoding="utf-8").splitlines()
    out: list[Paragraph] = []
    section: str | None = None     # None before the abstract and inside the reference list
    counts: dict[str, int] = {}
    block: list[tuple[int, str]] = []   # (line number, text) of the block being built
    pending: list[tuple[int, str]] = []  # blocks that run on across a page break

    def emit(parts):
        nonlocal section
        if not parts or section is None:
            return
        text = " ".join(t.strip() for _, t in parts)
        if section == "abstract" and text.startswith("**Keywords"):
            counts[section] = counts.get(section, 0) + 1
            out.append(Paragraph(section, counts[section], parts[0][0], parts[-1][0], text))
            section = "introduction"
            return
        if section in WHOLE_SECTIONS:
            if out and out[-1].section == section:
                prev = out[-1]
                out[-1] = Paragraph(section, 0, prev.first_line, parts[-1][0], prev.text + "\n" + text)
            else:
                out.append(Paragraph(section, 0, parts[0][0], parts[-1][0], text))
            return
        counts[section] = counts.get(section, 0) + 1
        out.append(Paragraph(section, counts[section], parts[0][0], parts[-1][0], text))

    def close_block():
        nonlocal block, pending
        if not block:
            return
        text = " ".join(t.strip() for _, t in block)
        if EDITORIAL.match(text):
            block = []
            return
        pending += block
        block = []
        if SENTENCE_END.search(text) or section in WHOLE_SECTIONS:
            emit(pending)
            pending = []

    for number, raw in enumerate(lines, 1):
        line = raw.rstrip()
        if line.startswith("#") or TABLE_START.match(line):
            close_block()
            if pending:
                emit(pending)
                pending = []
            if TABLE_START.match(line):
                section = TABLE_START.match(line).group(1).lower().replace(" ", "")
                block.append((number, line))
                continue
            slug = _heading_slug(line)
            if slug is not False:
                section = slug
            continue
        if not line.strip():
            close_block()
            continue
        block.append((number, line))
    close_block()
    if pending:
        emit(pending)
    return out


def paragraph_index(path: Path) -> dict[tuple[str, int], Paragraph]:
    """{(section slug, number): Paragraph}; whole tables and the figure under number 0."""
    return {(p.section, p.number): p for p in paragraphs(path)}


def plain(text: str) -> str:
    """Paragraph text without markdown emphasis and with straight apostrophes, for matching citations."""
    text = re.sub(r"<[^>]+>", " ", text)
    text = text.replace("*", "").replace("’", "'").replace("‘", "'")
    return re.sub(r"\s+", " ", text)


# ----------------------------------------------------------------------------------------------------------
# Finding a cited work in a paragraph, as the paper writes the citation
# ----------------------------------------------------------------------------------------------------------

def _ascii(text: str) -> str:
    import unicodedata
    text = re.sub(r"\\[`'^\"~=.uvHck]\s*\{?([A-Za-z])\}?", r"\1", text)  # LaTeX accents: {\"e} -> e
    text = unicodedata.normalize("NFKD", text)
    return "".join(c for c in text if not unicodedata.combining(c)).replace("{", "").replace("}", "")


def bib_surnames(author_field: str) -> list[str]:
    """Surnames of a BibTeX author (or editor) field, in order; a braced corporate name is one surname."""
    names = [n.strip() for n in re.split(r"\s+and\s+(?![^{]*\})", author_field or "") if n.strip()]
    out = []
    for n in names:
        if n.startswith("{") and n.endswith("}"):
            out.append(_ascii(n[1:-1]).strip())
        elif "," in n:
            out.append(_ascii(n.split(",")[0]).strip())
        else:
            out.append(_ascii(n.split()[-1]).strip())
    return out


def intext_year(citekey: str, year: str) -> str:
    """The year as the paper cites it: the key's letter suffix kept ("2010a"), "forthcoming" where no year."""
    if citekey.endswith("forthcoming"):
        return "forthcoming"
    m = re.search(r"([0-9]{4}[a-z]?)$", citekey)
    return m.group(1) if m else str(year)


def citation_pattern(surnames: list[str], year: str) -> re.Pattern:
    """A regex for the in-text citation: "Surname, 2006", "A and B (2010b)", "A et al., 2012", "A's (2004, p. v)",
    "Kennedy, 1999, 2006" and the like."""
    if len(surnames) >= 3:
        names = re.escape(surnames[0]) + r"\s+et\s+al\.?"
    elif len(surnames) == 2:
        names = re.escape(surnames[0]) + r"\s+(?:and|&)\s+" + re.escape(surnames[1])
    else:
        names = re.escape(surnames[0])
    years_before = r"(?:(?:[0-9]{4}[a-z]?|forthcoming)(?:,\s*pp?\.\s*[0-9a-z-]+)?[\s,;]+)*?"
    return re.compile(r"(?<![\w-])(?<!and )(?<!& )" + names + r"(?:'s)?[\s,(\[]*" + years_before
                      + re.escape(year) + r"(?![0-9a-z])", re.IGNORECASE)


def cites(text: str, patterns: list[re.Pattern], aliases: list[str] = ()) -> bool:
    """Whether a paragraph cites a work: one of its patterns, or one of its errata spellings, occurs in it."""
    flat = _ascii(plain(text))
    if any(p.search(flat) for p in patterns):
        return True
    return any(_ascii(plain(a)).lower() in flat.lower() for a in aliases if a)
