"""The vendored chart runtime: what the manifest says is what ships, and `make vendor` reproduces it."""
from __future__ import annotations

import hashlib
import json
import shutil
import subprocess

import pytest

from clustercsr import vendor
from conftest import ROOT


def test_manifest_matches_the_files():
    manifest = vendor.manifest()
    for name, entry in manifest["files"].items():
        data = (vendor.HERE / name).read_bytes()
        assert hashlib.sha256(data).hexdigest() == entry["sha256"] and len(data) == entry["bytes"], name
    for p in manifest["packages"]:
        assert p["version"] and p["license"] and p["integrity"], p
    names = {p["name"] for p in manifest["packages"]}
    assert {"vega-view", "vega-parser", "vega-interpreter"} <= names
    assert not names & {"vega-lite", "vega-embed"}


def test_pins_in_package_json_are_exact():
    pins = json.loads((ROOT / "package.json").read_text(encoding="utf-8"))["devDependencies"]
    assert all(v[0].isdigit() for v in pins.values()), pins
    lock = json.loads((ROOT / "package-lock.json").read_text(encoding="utf-8"))["packages"]
    bundled = {p["name"]: p["version"] for p in vendor.manifest()["packages"]}
    assert bundled["vega-interpreter"] == pins["vega-interpreter"]
    assert lock["node_modules/vega"]["version"] == pins["vega"]


def test_make_vendor_reproduces_the_committed_runtime(tmp_path):
    """Rebundling from the pinned packages gives the committed bytes, so the file cannot drift from its sources."""
    if not (ROOT / "node_modules" / "esbuild").is_dir() or not shutil.which("node"):
        pytest.skip("npm packages not installed: `make test` installs them")
    subprocess.run(["node", "js/build-runtime.mjs", str(tmp_path)], cwd=ROOT, check=True, capture_output=True)
    for name in vendor.FILES:
        assert (tmp_path / name).read_bytes() == (vendor.HERE / name).read_bytes(), f"{name} differs: run `make vendor`"


def test_pre_render_puts_the_runtime_in_place_and_removes_old_bundles(tmp_path):
    (tmp_path / "assets" / "vendor").mkdir(parents=True)
    (tmp_path / "assets" / "vendor" / "vega-bundle.js").write_text("old", encoding="utf-8")
    vendor.write_bundle(tmp_path)
    assert sorted(p.name for p in (tmp_path / "assets" / "vendor").iterdir()) == sorted(vendor.FILES)


def test_the_runtime_says_what_it_leaves_out():
    manifest = vendor.manifest()
    assert {"rect", "rule", "symbol", "text", "shape", "group"} <= set(manifest["marks"])
    assert "equalEarth" in manifest["projections"] and manifest["formats"] == ["json"]
    left = manifest["left_out"]
    assert "line" in left["marks"] and "mercator" in left["projections"] and "csv" in left["formats"]
    assert not set(left["transforms"]) & set(manifest["transforms"])


def test_a_spec_needing_what_the_runtime_leaves_out_fails_the_build():
    from clustercsr.charts import renderer

    spec = {
        "config": {"range": {"category": ["#000000"]}},
        "projections": [{"name": "p", "type": "mercator"}],
        "data": [{"name": "a", "url": "a.csv", "format": {"type": "csv"}},
                 {"name": "b", "values": [], "transform": [{"type": "window"}]}],
        "scales": [{"name": "c", "range": {"scheme": "blues"}}, {"name": "d", "range": "ordinal"},
                   {"name": "e", "range": "category"}],
        "signals": [{"name": "s", "update": "geoArea(null, data('a'))"}],
        "marks": [{"type": "group", "marks": [{"type": "line"}]}],
    }
    missing = vendor.unsupported(spec)
    assert missing == ["the transform(s) window", "the mark(s) line", "the projection(s) mercator",
                       "the data format(s) csv", "the colour scheme(s) \"blues\", Vega's default \"ordinal\" range",
                       "geoArea with no projection"], missing
    with pytest.raises(ValueError, match="chart 'demo' needs the transform"):
        renderer.check_transforms(spec, "demo")
    ok = {"config": {"range": {"category": ["#000000"]}}, "scales": [{"name": "e", "range": "category"}],
          "projections": [{"name": "p", "type": "equalEarth"}], "marks": [{"type": "symbol"}],
          "data": [{"name": "a", "url": "a.json", "transform": [{"type": "filter", "expr": "datum.x"}]}]}
    assert vendor.unsupported(ok) == []
    renderer.check_transforms(ok, "demo")
