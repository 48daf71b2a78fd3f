"""The pandera schema of each data table (types, required values, allowed values, formats, uniqueness).

Imported only to validate (`clustercsr check`, and `build` before any kernel starts): a build's kernels read
tables that are already checked, and so never pay for importing pandera.
"""
from __future__ import annotations

import pandera.pandas as pa

from clustercsr.evidence import MARKETS, SECTIONS, SLUG


def _text(**kw):
    return pa.Column(str, pa.Check.str_length(min_value=1), nullable=False, **kw)


def _optional_text(**kw):
    return pa.Column(str, nullable=True, **kw)


def _slug(unique=True):
    return pa.Column(str, pa.Check.str_matches(SLUG), nullable=False, unique=unique)


def _enum(values, nullable=False):
    return pa.Column(str, pa.Check.isin(values), nullable=nullable)


SCHEMAS: dict[str, pa.DataFrameSchema] = {
    "factors": pa.DataFrameSchema({
        "id": _slug(), "label": _text(), "kind": _enum(["driver", "barrier"]),
        "mirror_id": pa.Column(str, nullable=True), "level": _enum(["global", "national", "cluster", "community"]),
        "pressure": _enum(["top-down", "bottom-up", "market"]), "in_table1": pa.Column(bool),
        "section": _enum(SECTIONS), "citekeys": _optional_text(), "summary": _text(), "basis": _text()}, strict=True),
    "topics": pa.DataFrameSchema({
        "id": _slug(), "area": _enum(["environment", "work-conditions", "poverty"]), "label": _text(),
        "coverage": _enum(["substantial", "few", "virtually-none"]), "coverage_note": _text(),
        "section": _enum(SECTIONS), "summary": _text()}, strict=True),
    "limitations": pa.DataFrameSchema({
        "id": _slug(), "label": _text(), "order": pa.Column(int, pa.Check.in_range(1, 99), unique=True),
        "section": _enum(SECTIONS), "summary": _text()}, strict=True),
    "clusters": pa.DataFrameSchema({
        "id": _slug(), "name": _text(), "country": pa.Column(str, pa.Check.str_matches(r"^[A-Z]{3}$")),
        "place": _text(), "lat": pa.Column(float, pa.Check.in_range(-90, 90)),
        "lon": pa.Column(float, pa.Check.in_range(-180, 180)), "industry": _text(),
        "market": _enum(MARKETS), "section": _enum(SECTIONS), "citekeys": _optional_text(),
        "summary": _text(), "basis": _text()}, strict=True),
    "frameworks": pa.DataFrameSchema({
        "id": _slug(), "label": _text(), "citekeys": _optional_text(), "kind": _enum(["reviewed", "this-paper"]),
        "section": _enum(SECTIONS), "summary": _text()}, strict=True),
    "framework_factors": pa.DataFrameSchema({
        "framework_id": _slug(unique=False), "factor_id": _slug(unique=False), "section": _enum(SECTIONS),
        "note": _text()}, strict=True, unique=["framework_id", "factor_id"]),
    "propositions": pa.DataFrameSchema({
        "id": pa.Column(str, pa.Check.str_matches(r"^P[0-9]+$"), unique=True), "statement": _text(),
        "scope": _text(), "tier": _enum(["first-tier", "lower-tier", "all"]), "section": _enum(SECTIONS),
        "citekeys": _optional_text()}, strict=True),
    "model_links": pa.DataFrameSchema({
        "id": _slug(), "source": _slug(unique=False), "target": _enum(["csr-first-tier", "csr-lower-tier"]),
        "sign": _enum(["+", "\u2212", "\u00b1"]), "mechanism": _text(),
        "proposition_ids": pa.Column(str, pa.Check.str_matches(r"^P[0-9]+(;P[0-9]+)*$"), nullable=True),
        "citekeys": _optional_text(), "section": _enum(SECTIONS), "locator": _text(), "basis": _text()}, strict=True),
    "evidence": pa.DataFrameSchema({
        "id": pa.Column(str, pa.Check.str_matches(r"^e[0-9]{3,}$"), unique=True), "citekey": _text(),
        "subject_type": _enum(["factor", "topic", "limitation", "framework", "proposition"]),
        "subject_id": _text(), "cluster_id": pa.Column(str, nullable=True),
        "stance": _enum(["supports", "contests", "mixed"]),
        "theme": _enum(["environment", "work-conditions", "poverty", "general"]), "section": _enum(SECTIONS),
        "locator": _text(), "finding": _text()}, strict=True),
    "errata": pa.DataFrameSchema({
        "id": _slug(), "paper_says": _text(), "meant": _text(), "location": _enum(SECTIONS),
        "kind": _enum(["spelling", "citation", "reference-list", "other"]), "citekey": _optional_text(),
        "alias": pa.Column(bool), "note": _text()}, strict=True),
}
