"""Any data size (issue 12.6): on 100 times every table, every builder's spec still converts with vl-convert.

The synthetic rows come from benchmarks/scale.py (the scale benchmark's own generator), so the test and the
benchmark grow the evidence base the same way. Above a size the reader can no longer read, a builder must
aggregate, page or become a table; it may never hand vl-convert a spec it cannot draw.
"""
from __future__ import annotations

import shutil
import sys

import pytest
import vl_convert as vlc

from clustercsr import charts, evidence
from clustercsr.charts import renderer, theme
from conftest import ROOT

pytestmark = pytest.mark.slow
FACTOR = 100


@pytest.fixture(scope="module")
def scaled_evidence(tmp_path_factory):
    sys.path.insert(0, str(ROOT / "benchmarks"))
    from scale import generate

    root = tmp_path_factory.mktemp("scale") / "book"
    shutil.copytree(ROOT / "data", root / "data")
    shutil.copyfile(ROOT / "references.bib", root / "references.bib")
    generate(root / "data", FACTOR)
    theme.enable()
    renderer.enable()  # as every chapter's setup cell does (lifts Altair's row guard: data ships as files)
    return evidence.load(root)


TIMEOUT = 300  # seconds per layout: a spec vl-convert cannot draw may also never finish


def _convert(spec: dict) -> str:
    return vlc.vega_to_svg(vlc.vegalite_to_vega(spec))


@pytest.mark.parametrize("name", list(charts.REGISTRY))
def test_every_builder_converts_at_100x(scaled_evidence, name):
    import multiprocessing

    spec = charts.REGISTRY[name](scaled_evidence).to_dict()
    for layout, variant in renderer.layouts(spec).items():
        with multiprocessing.get_context("spawn").Pool(1) as pool:  # a separate process, so a hang can be stopped
            job = pool.apply_async(_convert, (renderer.static_spec(variant),))
            try:
                svg = job.get(timeout=TIMEOUT)
            except multiprocessing.TimeoutError:
                pytest.fail(f"{name} ({layout} layout) at {FACTOR}x every table: vl-convert did not finish in {TIMEOUT} s")
            except Exception as exc:  # vl-convert reports a stack overflow as a plain error
                pytest.fail(f"{name} ({layout} layout) at {FACTOR}x every table: vl-convert failed: {str(exc)[:300]}")
        assert "<svg" in svg
