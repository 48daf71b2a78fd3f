from pathlib import Path

import pytest

from clustercsr.errors import BuildError
from clustercsr.publish.parse import Cell, Markdown, parse

PROJECT = Path(__file__).parent.parent


def doc(tmp_path, text):
    p = tmp_path / "page.qmd"
    p.write_text(text, encoding="utf-8")
    return p


def test_front_matter_markdown_and_cells(tmp_path):
    d = parse(doc(tmp_path, '---\ntitle: "T"\n---\n\nHello.\n\n```{python}\n#| label: fig-x\n#| fig-cap: "Cap"\n1 + 1\n```\n\nAfter.\n'))
    assert d.meta == {"title": "T"}
    kinds = [type(b) for b in d.blocks]
    assert kinds == [Markdown, Cell, Markdown]
    cell = d.cells[0]
    assert cell.options == {"label": "fig-x", "fig-cap": "Cap"}
    assert cell.source == "1 + 1"
    assert cell.line == 7


def test_plain_code_fences_are_not_cells(tmp_path):
    d = parse(doc(tmp_path, "```python\nprint(1)\n```\n"))
    assert d.cells == []


@pytest.mark.parametrize("text, message", [
    ("{{< include x.qmd >}}\n", "shortcodes"),
    ("Value: `{python} 1+1`\n", "inline code"),
    ("::: {.panel-tabset}\n:::\n", "layout"),
    ('::: {.content-visible when-format="pdf"}\n:::\n', "unsupported div"),
    ('::: {.content-hidden when-meta="draft"}\n:::\n', "unsupported div"),
    ("```{r}\n1\n```\n", "language 'r'"),
    ("```{python}\n#| fig-width: 3\n1\n```\n", "unsupported cell option"),
    ("```{python}\n1\n", "never closed"),
    ("---\ntitle: [unclosed\n---\n", "malformed front matter"),
])
def test_rejects_what_only_one_renderer_knows(tmp_path, text, message):
    with pytest.raises(BuildError) as err:
        parse(doc(tmp_path, text))
    assert message in str(err.value)
    assert "page.qmd" in str(err.value)


@pytest.mark.parametrize("opening", ['::: {.content-visible when-format="html"}', '::: {.content-hidden when-format="typst"}',
                                     '::: {.content-visible unless-format="html"}'])
def test_accepts_format_specific_content(tmp_path, opening):
    d = parse(doc(tmp_path, f"{opening}\nOnly here.\n:::\n"))
    assert "Only here." in d.blocks[0].text


def test_error_names_the_line(tmp_path):
    with pytest.raises(BuildError) as err:
        parse(doc(tmp_path, "---\ntitle: x\n---\n\nline five\n{{< video >}}\n"))
    assert err.value.line == 6


def test_every_project_source_uses_only_supported_constructs():
    sources = [PROJECT / "index.qmd", *sorted((PROJECT / "chapters").glob("*.qmd")), *sorted((PROJECT / "briefs").glob("*.qmd"))]
    assert len(sources) > 3
    for source in sources:
        parse(source)  # raises BuildError naming file and line on any unsupported construct
