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
