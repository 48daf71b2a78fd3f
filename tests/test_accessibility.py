"""Accessibility: axe-core (pinned in package.json) finds no WCAG 2.1 A/AA violation on any page, in either scheme.

axe runs after every chart has drawn and with every chart's data table opened and filled, so the state a reader
reaches with the keyboard is checked too. The browser context bypasses the page's CSP only so that axe itself
can be injected; the CSP is exercised by test_browser.py.
"""
from __future__ import annotations

import json

import pytest

from conftest import ROOT, SCHEMES, page_params

pytestmark = pytest.mark.browser

AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
RUN_AXE = """async (tags) => {
  const r = await axe.run(document, {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']});
  return r.violations.map(v => ({id: v.id, impact: v.impact, help: v.help, url: v.helpUrl,
    nodes: v.nodes.map(n => ({target: n.target.join(' '), html: n.html.slice(0, 200), summary: n.failureSummary}))}));
}"""
OPEN_TABLES = """async () => {
  const details = Array.from(document.querySelectorAll('details'));
  details.forEach(d => { d.open = true; });
  const filled = () => Array.from(document.querySelectorAll('details.cc-chart-table'))
    .every(d => d.querySelector('.cc-table-scroll table'));
  for (let i = 0; i < 100 && !filled(); i++) await new Promise(r => setTimeout(r, 50));
  return filled();
}"""


def readable(violations: list[dict]) -> str:
    out = []
    for v in violations:
        out.append(f"[{v['impact']}] {v['id']}: {v['help']} ({v['url']})")
        for n in v["nodes"][:8]:
            out.append(f"    at {n['target']}\n      {n['html']}\n      {n['summary'].replace(chr(10), chr(10) + '      ')}")
        if len(v["nodes"]) > 8:
            out.append(f"    … and {len(v['nodes']) - 8} more")
    return "\n".join(out)


@pytest.fixture(scope="module")
def axe_path():
    if not AXE.is_file():
        pytest.skip(f"{AXE} is missing: run `npm install` (make test does)")
    version = json.loads((AXE.parent / "package.json").read_text())["version"]
    assert version == "4.11.0", f"axe-core {version} is installed, but package.json pins 4.11.0"
    return AXE


@pytest.mark.parametrize("scheme", SCHEMES)
@pytest.mark.parametrize("rel", page_params())
def test_axe_finds_no_wcag21_aa_violation(opener, axe_path, rel, scheme):
    ctx = opener.context(scheme, bypass_csp=True)
    page, _ = opener.open(rel, context=ctx)
    assert page.evaluate(OPEN_TABLES), "a chart's data table did not fill in"
    page.add_script_tag(path=str(axe_path))
    violations = page.evaluate(RUN_AXE, TAGS)
    assert not violations, f"axe-core on {rel} ({scheme}):\n{readable(violations)}"


RUN_AXE_RULES = RUN_AXE.replace("async (tags)", "async (rules)").replace("{type: 'tag', values: tags}", "{type: 'rule', values: rules}")


@pytest.mark.parametrize("rel", page_params())
def test_headings_never_skip_a_level(opener, axe_path, rel):
    """A reader who moves through a page by its headings meets no gap (an h1 followed by an h3): axe's best-practice
    rule, after the charts' details panels, each with its own heading, have been added."""
    ctx = opener.context("light", bypass_csp=True)
    page, _ = opener.open(rel, context=ctx)
    page.add_script_tag(path=str(axe_path))
    violations = page.evaluate(RUN_AXE_RULES, ["heading-order"])
    assert not violations, f"axe-core on {rel}:\n{readable(violations)}"
