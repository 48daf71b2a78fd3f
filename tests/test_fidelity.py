"""Scholarly fidelity (issue 13): every row traced to its paragraph of the paper, our own judgements labelled.

The paper is read from ../shared/paper/ (or shared/paper/ beside any folder above the repository, or
$CLUSTERCSR_PAPER); the tests that need its text are skipped, with that reason, when it is not on the machine.
"""
from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from clustercsr import evidence, fidelity, paper
from clustercsr.errors import BuildError

PROJECT = Path(__file__).resolve().parents[1]
FIXTURE = Path(__file__).parent / "fixtures" / "book"
PAPER = paper.find_paper(PROJECT)
needs_paper = pytest.mark.skipif(PAPER is None, reason="the paper (shared/paper/) is not on this machine")


@pytest.fixture(scope="module")
def ev():
    return evidence.load(PROJECT)


# ---------------------------------------------------------------- the paragraph numbering

@needs_paper
def test_paragraph_numbering_follows_data_readme():
    index = paper.paragraph_index(PAPER)
    # the introduction has no heading: it starts after the keywords
    assert index[("introduction", 1)].text.startswith("How do enterprises")
    # a paragraph broken by a page break of the PDF is one paragraph
    assert index[("drivers", 4)].first_line < index[("drivers", 4)].last_line
    assert "effective tool for monitoring member behavior" in index[("drivers", 4)].text
    # editorial lines are not paragraphs, propositions are
    assert index[("model", 12)].text.startswith("Proposition 1")
    assert index[("model", 17)].text.startswith("Proposition 3")
    assert ("table1", 0) in index and "Participation in Local Value Chains" in index[("table1", 0)].text
    assert max(n for s, n in index if s == "conclusions") == 5
    assert paper.format_locator("drivers", 4) == "§ Drivers, ¶4"
    assert paper.parse_locator("§ Work conditions, ¶3") == ("work-conditions", 3)
    assert paper.parse_locator("§ Table 1") == ("table1", None)
    assert paper.parse_locator("Drivers 4") is None and paper.parse_locator("§ Table 1, ¶2") is None


# ---------------------------------------------------------------- locators

def test_every_evidence_row_names_its_paragraph(ev):
    assert "locator" in ev.evidence.columns, "evidence.csv has no locator column"
    bad = [(row["id"], row["locator"]) for _, row in ev.evidence.iterrows()
           if not isinstance(row["locator"], str) or paper.parse_locator(row["locator"]) is None
           or paper.parse_locator(row["locator"])[0] != row["section"]]
    assert not bad, f"{len(bad)} evidence rows without a well-formed locator in their own section: {bad[:10]}"


@needs_paper
def test_cited_work_appears_in_the_paragraph_the_locator_names(ev):
    problems = fidelity.locator_problems(ev, PAPER, PROJECT / "data")
    assert not problems, f"{len(problems)} rows fail the locator rule:\n" + "\n".join(
        p.describe() for p in problems[:20])


@needs_paper
def test_locator_rule_catches_a_row_whose_paragraph_does_not_cite_its_work(ev):
    row = ev.evidence.index[ev.evidence["id"] == "e017"][0]   # Kennedy 2006, § Drivers, ¶1
    moved = ev.evidence.copy()
    moved.loc[row, "locator"] = "§ Drivers, ¶3"               # Lund-Thomsen 2009, Accountability, Blackman
    broken = type(ev)(**{**{n: getattr(ev, n) for n in ev.table_names()}, "evidence": moved,
                         "references": ev.references, "root": ev.root})
    problems = fidelity.locator_problems(broken, PAPER, PROJECT / "data")
    assert [(p.row, p.column, p.rule) for p in problems] == [(row, "locator", fidelity.LOCATOR_RULE)]
    assert "kennedy2006" in problems[0].message and "evidence.csv" in problems[0].describe()


@needs_paper
def test_errata_spellings_count_as_the_paper_writing_the_citation(ev):
    finders = fidelity.citation_finders(ev.references, ev.errata)
    index = paper.paragraph_index(PAPER)
    patterns, aliases = finders["mbohwaetal2010"]
    assert "Mbohwa" not in index[("environment", 3)].text          # the text never spells it right
    assert paper.cites(index[("environment", 3)].text, patterns, aliases)   # "Mbobwa et al., 2010"
    assert paper.cites(index[("model", 18)].text, patterns, aliases)         # "Mbowe et al. (2010)"
    patterns, aliases = finders["lundthomsen2009"]
    assert not paper.cites("as Lund-Thomsen and Nadvi, 2009 show", patterns, aliases)
    patterns, aliases = finders["newell2005"]
    assert not paper.cites("what Garvey and Newell (2005) call", patterns, aliases)


def test_review_own_claims_cite_the_review(ev):
    """The findings of issue 13 that moved a claim from a cited work to the review itself."""
    rows = ev.evidence.set_index("id")
    assert rows.at["e099", "citekey"] == fidelity.REVIEW             # licence to operate (Impacts ¶2)
    assert rows.at["e171", "citekey"] == fidelity.REVIEW             # associations depend on buyers (Model ¶9)
    assert "case" in rows.at["e098", "finding"] and rows.at["e098", "citekey"] == "flyvbjerg2006"
    assert not re.search(r"\bonly\b", rows.at["e090", "finding"])    # Mezzadri 2010 is a "cf.", not the only study
    assert "CSR" not in rows.at["e185", "finding"]                   # the "not CSR" point is the review's own
    own = ev.evidence[ev.evidence["citekey"] == fidelity.REVIEW]
    assert own["locator"].map(lambda v: isinstance(v, str) and "¶" in v).all()


def test_check_runs_the_locator_rule(tmp_path, monkeypatch):
    book = tmp_path / "book"
    shutil.copytree(FIXTURE, book)
    if PAPER is not None:
        monkeypatch.setenv("CLUSTERCSR_PAPER", str(PAPER))
    assert "Locators" in evidence.check(book)
    path = book / "data" / "evidence.csv"
    path.write_text(path.read_text(encoding="utf-8").replace("§ Drivers, ¶5", "§ Drivers ¶5"), encoding="utf-8")
    with pytest.raises(BuildError) as err:
        evidence.check(book)
    assert err.value.column == "locator" and "evidence.csv" in err.value.describe() and err.value.row


# ---------------------------------------------------------------- our judgements, labelled

def test_judgements_carry_a_basis(ev):
    for table in fidelity.JUDGED:
        frame = getattr(ev, table)
        assert "basis" in frame.columns, f"{table}.csv has no basis column"
        assert frame["basis"].map(lambda v: isinstance(v, str) and len(v) > 20).all(), table
    assert fidelity.basis_problems(ev, PROJECT / "data") == []


def test_market_not_stated_is_its_own_value(ev):
    markets = ev.clusters.set_index("id")["market"]
    silent = ["palar-valley-tanneries", "narol-textiles", "mexican-leather-tanning", "old-ardbennie", "sinos-valley"]
    assert (markets[silent] == "not stated").all(), markets[silent].to_dict()


def test_model_arrows_rest_on_passages(ev):
    links = ev.model_links.set_index("id")
    assert "gvc-lower" not in links.index, "P2 (§ Model, ¶15-16) gives no support to buyers lifting lower tiers"
    assert "locator" in links.columns
    assert links["basis"].str.contains(r"\bour\b|\bours\b|\bwe\b", case=False).all()


def test_factor_summaries_do_not_claim_our_pairings(ev):
    social = ev.factors.set_index("id").at["social-networks", "summary"]
    assert "brib" not in social.lower()
    assert not ev.factors["summary"].str.contains("Mirror of|Paired with", regex=True).any()


def test_datapackage_describes_locator_and_basis():
    package = json.loads((PROJECT / "data" / "datapackage.json").read_text(encoding="utf-8"))
    res = {r["name"]: r for r in package["resources"]}
    fields = {name: {f["name"]: f for f in r["schema"]["fields"]} for name, r in res.items()}
    assert "locator" in fields["evidence"] and "locator" in fields["model_links"]
    for table in fidelity.JUDGED:
        assert "basis" in fields[table], table
    assert "not stated" in fields["clusters"]["market"]["constraints"]["enum"]
    text = json.dumps(package)
    assert "only facts" not in text and "paper's conceptual model" not in res["model_links"]["description"]
    assert "reconstruction" in res["model_links"]["description"]


def test_pages_name_our_readings_as_ours():
    ch2 = (PROJECT / "chapters" / "02-drivers-barriers.qmd").read_text(encoding="utf-8")
    ch7 = (PROJECT / "chapters" / "07-model.qmd").read_text(encoding="utf-8")
    ch3 = (PROJECT / "chapters" / "03-research-landscape.qmd").read_text(encoding="utf-8")
    gov = (PROJECT / "briefs" / "governments.qmd").read_text(encoding="utf-8")
    cap = re.search(r"#\| fig-cap: (.*)", ch2.split("label: fig-drivers-barriers")[1]).group(1)
    assert "our pairing" in cap.lower() or "we pair" in cap.lower()
    assert "redrawn from the paper" not in ch7
    cap = re.search(r"#\| fig-cap: (.*)", ch7.split("label: fig-model")[1]).group(1)
    assert "our reconstruction" in cap.lower()
    assert "not stated" in ch3.split("label: fig-cluster-map")[1].split("```")[0]
    assert "mirror barrier" not in gov
    boxes = 0
    for path in [PROJECT / "index.qmd", *sorted((PROJECT / "chapters").glob("0*.qmd"))]:
        for heading in re.findall(r"^::: \{\.callout-note\}\n## (.*)$", path.read_text(encoding="utf-8"), re.M):
            boxes += 1
            assert heading.startswith("Our summary"), f"{path.name}: {heading}"
    assert boxes == 9
    for brief in sorted((PROJECT / "briefs").glob("*.qmd")):
        assert "## Our recommendations" in brief.read_text(encoding="utf-8"), brief.name


# ---------------------------------------------------------------- own words

@needs_paper
def test_verbatim_check_prints_nothing():
    tool = PAPER.parent.parent / "tools" / "verbatim_check.py"
    if not tool.is_file():
        pytest.skip("shared/tools/verbatim_check.py is not on this machine")
    out = subprocess.run([sys.executable, str(tool), str(PROJECT)], capture_output=True, text=True)
    hits = [line for line in out.stdout.splitlines() if line.startswith(str(PROJECT))]
    assert out.returncode == 0 and not hits, out.stdout[-3000:]


# ---------------------------------------------------------------- explorer rules and the model's arrows

def test_explorer_rules_agree_with_the_model_arrows(ev):
    """Every arrow of model_links is visible in the explorer: raising the arrow's factor group from absent to
    strong, other groups fixed, moves the arrow's target in the arrow's direction in at least one setting."""
    from clustercsr import analysis as an
    rules = an.proposition_rules()
    groups = [g for g, _, _ in an.MODEL_GROUPS]
    rank = {o: i for i, o in enumerate(an.OUTCOMES)}
    by_key = rules.set_index(groups)
    kinds = ev.factors.set_index("id")["kind"]
    silent = []
    for _, link in ev.model_links.iterrows():
        g = an.factor_group(link["source"])
        tier = "first_tier" if link["target"] == "csr-first-tier" else "lower_tier"
        # a driver's + arrow and a barrier's − arrow both say: a stronger group means better CSR
        helps = (link["sign"] == "+") == (kinds[link["source"]] == "driver")
        moved = False
        for _, row in rules[rules[g] == "absent"].iterrows():
            up = dict(row[groups])
            up[g] = "strong"
            change = rank[by_key.loc[tuple(up[x] for x in groups)][tier]] - rank[row[tier]]
            moved |= (change > 0) if helps else (change < 0)
        if not moved:
            silent.append(link["id"])
    assert not silent, f"arrows the explorer rules never reflect: {silent}"


@needs_paper
def test_explorer_rule_locators_name_real_paragraphs():
    from clustercsr import analysis as an
    index = paper.paragraph_index(PAPER)
    for _, rule in an.proposition_rule_table().iterrows():
        for loc in fidelity.split_locators(rule["locator"]):
            slug, number = paper.parse_locator(loc)
            assert (slug, number or 0) in index, (rule["id"], loc)
