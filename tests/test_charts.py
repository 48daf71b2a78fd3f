"""Every chart builder, through the registry, in the style of Altair's own gallery tests.

Each builder runs against the fixture book and, once data/ validates, against the real evidence base.
"""
from __future__ import annotations

import json
import re
from functools import lru_cache
from pathlib import Path

import altair as alt
import jsonschema
import pytest

from clustercsr import analysis, charts, evidence
from clustercsr.charts import renderer, theme
from clustercsr.errors import BuildError

ROOT = Path(__file__).resolve().parents[1]
FIXTURE = ROOT / "tests" / "fixtures" / "book"

EXPECTED_PARAMS = {
    "drivers-barriers": {"factor"},
    "evidence-matrix": {"theme_filter", "cell"},
    "cluster-map": {"cluster"},
    "literature-timeline": {"stack_by", "years"},
    "research-landscape": {"topic"},
    "limitations": {"critique"},
    "conceptual-model": {"focus_factor", "model_factor"},
    "proposition-explorer": {g for g, _, _ in analysis.MODEL_GROUPS},
    "frameworks-compared": {"framework"},
}
# the selection each chart's HTML details panel follows (usermeta "details", charts/details.py)
DETAILS = {"drivers-barriers": "factor", "evidence-matrix": "cell", "cluster-map": "cluster",
           "literature-timeline": "years", "research-landscape": "topic", "limitations": "critique",
           "conceptual-model": "model_factor", "frameworks-compared": "framework"}
# the names chapters call: charts.<function>(ev)
FUNCTIONS = {"drivers-barriers": "drivers_barriers", "evidence-matrix": "evidence_matrix",
             "cluster-map": "cluster_map", "literature-timeline": "literature_timeline",
             "research-landscape": "research_landscape", "limitations": "limitations",
             "conceptual-model": "conceptual_model", "proposition-explorer": "proposition_explorer",
             "frameworks-compared": "frameworks_compared"}
HEX = re.compile(r"#[0-9a-fA-F]{3}(?:[0-9a-fA-F]{3})?\b")


@lru_cache(maxsize=None)
def _load(which: str):
    if which == "fixture":
        return evidence.load(FIXTURE)
    try:
        return evidence.load(ROOT)
    except BuildError as exc:
        return exc


def evidence_base(which: str):
    ev = _load(which)
    if isinstance(ev, BuildError):
        pytest.skip(f"data/ does not validate yet, so the real-data chart tests wait: {ev}")
    return ev


@lru_cache(maxsize=1)
def vegalite_schema() -> dict:
    files = sorted(Path(alt.__file__).parent.glob("vegalite/v*/schema/vega-lite-schema.json"))
    assert files, "the Vega-Lite schema shipped inside altair was not found"
    return json.loads(files[-1].read_text(encoding="utf-8"))


@lru_cache(maxsize=None)
def built(name: str, which: str):
    theme.enable()
    chart = charts.REGISTRY[name](evidence_base(which))
    return chart, chart.to_dict(validate=True)


def param_names(node) -> set[str]:
    found = set()
    if isinstance(node, dict):
        for p in node.get("params", []) or []:
            if isinstance(p, dict) and "name" in p:
                found.add(p["name"])
        for v in node.values():
            found |= param_names(v)
    elif isinstance(node, list):
        for v in node:
            found |= param_names(v)
    return found


CASES = [pytest.param(name, which, id=f"{name}-{which}") for which in ("fixture", "real") for name in charts.REGISTRY]


def test_registry_is_the_chart_set():
    assert list(charts.REGISTRY) == list(EXPECTED_PARAMS)
    for name, function in FUNCTIONS.items():
        assert getattr(charts, function) is charts.REGISTRY[name]


@pytest.mark.parametrize("name, which", CASES)
def test_spec_is_valid_vega_lite(name, which):
    _, spec = built(name, which)
    validator = jsonschema.validators.validator_for(vegalite_schema())(vegalite_schema())
    errors = sorted(validator.iter_errors(spec), key=lambda e: list(e.path))
    assert not errors, f"{name}: {errors[0].message} at {list(errors[0].path)}"


@pytest.mark.parametrize("name, which", CASES)
def test_json_round_trip_is_exact(name, which):
    chart, _ = built(name, which)
    text = chart.to_json()
    again = type(chart).from_json(text)
    assert again.to_json() == text
    assert alt.TopLevelMixin in type(again).__mro__


@pytest.mark.parametrize("name, which", CASES)
def test_static_svg_export(name, which):
    _, spec = built(name, which)
    svg = renderer.to_svg(spec)
    assert "<svg" in svg


@pytest.mark.parametrize("name, which", CASES)
def test_metadata_params_and_description(name, which):
    _, spec = built(name, which)
    meta = spec["usermeta"]["clustercsr"]
    assert meta["name"] == name
    assert meta["title"]
    assert spec.get("description", "").strip()
    assert len(spec["description"]) > 80
    title = spec.get("title")
    assert title and (title if isinstance(title, str) else title.get("text"))
    assert param_names(spec) == EXPECTED_PARAMS[name]
    # the renderer finds the chart's own tidy table for the data table and the CSV download
    fields = [f for f, _ in meta["table"]]
    assert fields and renderer.table_dataset(spec, fields)


@pytest.mark.parametrize("name, which", CASES)
def test_colours_come_from_the_theme(name, which):
    """No hard-coded colour outside the theme config, so dark mode can restyle every chart."""
    _, spec = built(name, which)
    body = {k: v for k, v in spec.items() if k not in ("config", "datasets")}
    assert not HEX.findall(json.dumps(body))


@pytest.mark.parametrize("name", list(charts.REGISTRY))
def test_dark_theme_export(name):
    _, spec = built(name, "fixture")
    dark = dict(spec, config={**spec.get("config", {}), **theme.config("dark")["config"]})
    svg = renderer.to_svg(dark)
    assert theme.PALETTE["dark"]["background"] in svg


@pytest.mark.parametrize("name", list(charts.REGISTRY))
def test_container_width_is_swapped_for_export(name):
    _, spec = built(name, "fixture")
    assert '"container"' in json.dumps(spec)
    assert '"container"' not in json.dumps(renderer.static_spec(spec))


def test_proposition_explorer_says_it_is_an_illustration():
    _, spec = built("proposition-explorer", "fixture")
    title = spec["title"]["text"]
    text = (" ".join(title if isinstance(title, list) else [title]) + " " + spec["description"]).lower()
    assert "illustrat" in text and "not an estimate" in text.replace("not an empirical estimate", "not an estimate")
    # the controls are HTML radio groups (drawn by chart-details.js beside the outcome), one per param
    explorer = spec["usermeta"]["clustercsr"]["explorer"]
    assert [g["param"] for g in explorer["groups"]] == [g for g, _, _ in analysis.MODEL_GROUPS]
    assert all(g["options"] == analysis.STRENGTHS and g["value"] in analysis.STRENGTHS for g in explorer["groups"])
    assert {p["name"] for p in spec["params"]} == {g["param"] for g in explorer["groups"]}
    assert len(explorer["rows"]) == 3 ** len(analysis.MODEL_GROUPS)
    assert len(explorer["glossary"]) == len(analysis.MODEL_GROUPS) and all(g["text"] for g in explorer["glossary"])


@pytest.mark.parametrize("name, which", CASES)
def test_details_panels_follow_a_selection_of_the_chart(name, which):
    """Each interactive chart describes its HTML panel: a param of the chart, keyboard choices, and rows whose
    key fields the choices name; no panel is drawn inside the canvas any more."""
    _, spec = built(name, which)
    meta = spec["usermeta"]["clustercsr"]
    panels = meta.get("details") or []
    assert [p["param"] for p in panels] == ([DETAILS[name]] if name in DETAILS else [])
    assert "cc-linked-list" not in json.dumps({k: v for k, v in spec.items() if k != "datasets"})
    for p in panels:
        assert p["param"] in param_names(spec)
        assert p["kind"] in ("point", "interval") and p["url_key"] and p["heading"] and p["control"]
        assert meta.get("hint"), "an interactive chart says how to use it in usermeta.hint"
        values = {str(o["value"]) for o in p["options"]}
        assert len(values) == len(p["options"]), "duplicate choices"
        if which == "real":
            assert p["options"] and p["rows"]
        for row in p["rows"]:
            assert all(k in row for k in p["key"]), f"a row lacks the key fields {p['key']}: {row}"
            if row.get("citekey"):
                assert row["label"], "a cited row has no author-year label"


def test_evidence_matrix_theme_control():
    _, spec = built("evidence-matrix", "fixture")
    (param,) = [p for p in spec["params"] if p["name"] == "theme_filter"]
    assert param["bind"]["options"] == ["all", "environment", "work-conditions", "poverty"]


def test_cluster_map_ships_its_basemap():
    _, spec = built("cluster-map", "fixture")
    text = json.dumps(spec)
    assert "http" not in text.replace("https://vega.github.io/schema", "")
    assert any(rows and isinstance(rows[0], dict) and rows[0].get("type") == "Feature"
               for rows in spec["datasets"].values())


@pytest.mark.parametrize("name", list(charts.REGISTRY))
def test_renderer_writes_the_data_table(name, tmp_path, monkeypatch):
    """The chart's own tidy table reaches the CSV download with the headings usermeta gives."""
    monkeypatch.setenv("QUARTO_DOCUMENT_PATH", str(tmp_path))
    _, spec = built(name, "fixture")
    _, files, info = renderer.write_assets(spec, tmp_path)
    assert f"figures/{name}.csv" in files and info["table_url"]
    header = (tmp_path / "figures" / f"{name}.csv").read_text(encoding="utf-8").splitlines()[0]
    assert header.split(",") == [title for _, title in spec["usermeta"]["clustercsr"]["table"]]


def test_drivers_barriers_table1_only_is_the_compact_form():
    theme.enable()
    ev = evidence_base("real") if not isinstance(_load("real"), BuildError) else evidence_base("fixture")
    full = charts.drivers_barriers(ev).to_dict(validate=True)
    compact = charts.drivers_barriers(ev, table1_only=True).to_dict(validate=True)
    fields = ["label", "kind", "level", "works"]
    rows = lambda spec: spec["datasets"][renderer.table_dataset(spec, fields)]
    assert {r["label"] for r in rows(compact)} == set(ev.factors.loc[ev.factors["in_table1"], "label"])
    assert len(rows(compact)) <= len(rows(full))
    assert "<svg" in renderer.to_svg(compact)
