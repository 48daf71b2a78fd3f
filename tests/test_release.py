"""Release conventions: the Pages workflow builds with the README's command, CITATION.cff is valid, and the
licences are stated in the repository, on the site and in the data package."""
from __future__ import annotations

import json
import re
import tomllib

import jsonschema
import pytest
import yaml

from conftest import ROOT, site_pages

WORKFLOW = ROOT / ".github" / "workflows" / "publish.yml"
PAPER_DOI = "10.1007/s10551-014-2372-8"


# --------------------------------------------------------------------------------------------------------------
# .github/workflows/publish.yml
# --------------------------------------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def workflow() -> dict:
    return yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))


def steps(workflow: dict) -> list[dict]:
    return [s for job in workflow["jobs"].values() for s in job.get("steps", [])]


def uses(step: dict) -> str:
    return step.get("uses", "").split("@")[0]


def readme_build_command() -> str:
    """The command the README gives for building the site (the first `make …` line that builds _site/)."""
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    for line in text.splitlines():
        m = re.match(r"\s*(make \w+)\s+#.*_site", line)
        if m:
            return m.group(1)
    pytest.fail("README.md gives no `make …` command that builds _site/")


def test_workflow_triggers_on_main_and_by_hand(workflow):
    on = workflow.get("on", workflow.get(True))  # YAML 1.1 reads a bare `on` key as True
    assert "main" in on["push"]["branches"]
    assert "workflow_dispatch" in on


def test_workflow_builds_with_the_readme_command_on_python_311(workflow):
    command = readme_build_command()
    assert command == "make site"
    runs = [s.get("run", "") for s in steps(workflow)]
    assert any(command in r.split("\n") or r.strip() == command for r in runs), f"no step runs `{command}`: {runs}"
    setup = [s for s in steps(workflow) if uses(s) == "actions/setup-python"]
    assert setup and str(setup[0]["with"]["python-version"]) == "3.11"
    assert any(uses(s) == "actions/checkout" for s in steps(workflow))


def test_workflow_uploads_site_and_deploys_pages(workflow):
    all_steps = steps(workflow)
    names = [uses(s) for s in all_steps]
    build = names.index("actions/upload-pages-artifact")
    assert all_steps[build]["with"]["path"].rstrip("/") == "_site"
    # The build runs before the upload, in the same job.
    job = next(j for j in workflow["jobs"].values() if any(uses(s) == "actions/upload-pages-artifact" for s in j["steps"]))
    order = [s.get("run", uses(s)) for s in job["steps"]]
    assert order.index("make site") < order.index("actions/upload-pages-artifact")
    deploy_job = next(name for name, j in workflow["jobs"].items()
                      if any(uses(s) == "actions/deploy-pages" for s in j.get("steps", [])))
    assert workflow["jobs"][deploy_job].get("needs") in ("build", ["build"])
    assert workflow["jobs"][deploy_job]["environment"]["name"] == "github-pages"
    perms = workflow["permissions"]
    assert perms.get("pages") == "write" and perms.get("id-token") == "write"
    for s in all_steps:
        if "uses" in s:
            assert "@" in s["uses"], f"action {s['uses']} is not pinned to a version"


# --------------------------------------------------------------------------------------------------------------
# CITATION.cff
#
# The CFF 1.2.0 JSON schema ships in the PyPI package cffconvert, but its only release (2.0.0) requires
# jsonschema<4, which clashes with this project's jsonschema>=4.20; so the check below is structural: a schema
# for the parts of CFF 1.2.0 this file uses, with the official required keys, types and formats.
# --------------------------------------------------------------------------------------------------------------

_PERSON = {"type": "object", "minProperties": 1, "properties": {
    "family-names": {"type": "string", "minLength": 1}, "given-names": {"type": "string", "minLength": 1},
    "name": {"type": "string", "minLength": 1}, "orcid": {"type": "string", "pattern": r"^https://orcid\.org/"}},
    "anyOf": [{"required": ["family-names"]}, {"required": ["name"]}]}
_DOI = {"type": "string", "pattern": r"^10\.\d{4,9}(\.\d+)?/[-._;()/:A-Za-z0-9]+$"}
_DATE = {"type": "string", "pattern": r"^\d{4}-\d{2}-\d{2}$"}
_URL = {"type": "string", "pattern": r"^(https|http|ftp|sftp)://.+"}
_REFERENCE = {"type": "object", "required": ["type", "title", "authors"], "properties": {
    "type": {"enum": ["article", "book", "report", "software", "dataset", "generic", "conference-paper", "thesis"]},
    "title": {"type": "string", "minLength": 1}, "authors": {"type": "array", "minItems": 1, "items": _PERSON},
    "doi": _DOI, "year": {"type": "integer"}, "journal": {"type": "string"}, "volume": {"type": ["integer", "string"]},
    "issue": {"type": ["integer", "string"]}, "start": {"type": ["integer", "string"]}, "end": {"type": ["integer", "string"]}}}
CFF_SCHEMA = {
    "type": "object",
    "required": ["cff-version", "message", "title", "authors"],
    "properties": {
        "cff-version": {"const": "1.2.0"},
        "message": {"type": "string", "minLength": 1},
        "title": {"type": "string", "minLength": 1},
        "type": {"enum": ["software", "dataset"]},
        "abstract": {"type": "string", "minLength": 1},
        "authors": {"type": "array", "minItems": 1, "items": _PERSON},
        "version": {"type": ["string", "number"]},
        "date-released": _DATE,
        "license": {"type": "string", "pattern": r"^[A-Za-z0-9.\-+]+$"},
        "url": _URL, "repository-code": _URL,
        "keywords": {"type": "array", "items": {"type": "string", "minLength": 1}},
        "doi": _DOI,
        "preferred-citation": _REFERENCE,
        "references": {"type": "array", "minItems": 1, "items": _REFERENCE},
    },
}


@pytest.fixture(scope="module")
def citation() -> dict:
    # CFF is YAML 1.2; keep dates as strings so the schema sees what a CFF reader sees.
    text = (ROOT / "CITATION.cff").read_text(encoding="utf-8")
    return yaml.load(text, Loader=_NoDates)


class _NoDates(yaml.SafeLoader):
    pass


_NoDates.yaml_implicit_resolvers = {k: [(tag, rx) for tag, rx in v if tag != "tag:yaml.org,2002:timestamp"]
                                    for k, v in yaml.SafeLoader.yaml_implicit_resolvers.items()}


def test_citation_cff_is_valid_cff_120(citation):
    jsonschema.validate(citation, CFF_SCHEMA)


def test_citation_cff_licence_and_the_reviewed_paper(citation):
    assert citation["license"] == "CC-BY-4.0"
    works = list(citation.get("references", [])) + ([citation["preferred-citation"]] if "preferred-citation" in citation else [])
    paper = [w for w in works if w.get("doi") == PAPER_DOI]
    assert paper, f"CITATION.cff does not reference the reviewed paper (doi {PAPER_DOI})"
    assert {a.get("family-names") for a in paper[0]["authors"]} == {"Lund-Thomsen", "Lindgreen", "Vanhamme"}
    assert paper[0]["year"] == 2016


def test_citation_cff_agrees_with_the_book():
    book = yaml.safe_load((ROOT / "_quarto.yml").read_text(encoding="utf-8"))["book"]
    cff = yaml.load((ROOT / "CITATION.cff").read_text(encoding="utf-8"), Loader=_NoDates)
    assert cff["url"].rstrip("/") == book["site-url"].rstrip("/")
    assert cff["repository-code"].rstrip("/") == book["repo-url"].rstrip("/")
    assert cff["date-released"] == str(book["date"])


# --------------------------------------------------------------------------------------------------------------
# Licences: repository files, the site, the data package
# --------------------------------------------------------------------------------------------------------------

def test_licence_files_separate_code_from_content():
    code = (ROOT / "LICENSE").read_text(encoding="utf-8")
    content = (ROOT / "LICENSE-CONTENT").read_text(encoding="utf-8")
    assert code.startswith("MIT License") and "Permission is hereby granted, free of charge" in code
    assert "CC BY 4.0" in content and "https://creativecommons.org/licenses/by/4.0/" in content
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    assert "MIT" in str(project["license"]), "pyproject.toml should declare the code's MIT licence"


def test_site_states_both_licences(site_dir):
    for rel in site_pages(site_dir):
        text = (site_dir / rel).read_text(encoding="utf-8")
        footer = text[text.find('<footer class="site-footer"'):]
        assert "CC BY 4.0" in footer and "MIT" in footer, f"{rel}: the footer does not state both licences"


def test_datapackage_states_the_content_licence():
    path = ROOT / "data" / "datapackage.json"
    if not path.is_file():
        pytest.fail("data/datapackage.json is missing")
    package = json.loads(path.read_text(encoding="utf-8"))
    names = {lic.get("name") for lic in package.get("licenses", [])}
    assert "CC-BY-4.0" in names, f"datapackage.json licenses are {package.get('licenses')}, not CC-BY-4.0"
