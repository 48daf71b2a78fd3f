"""The command line: clustercsr build | preview | check | figures. Thin: each verb calls one function."""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

from clustercsr.errors import BuildError


def _build(args) -> int:
    from clustercsr.publish.build import build
    report = build(args.root, quiet=args.quiet, pdf=not args.no_pdf)
    if not args.quiet:
        from rich.console import Console
        Console(stderr=True).print(
            f"[bold green]Built[/] {report.pages} pages, {report.charts} charts, {report.pdfs} PDFs "
            f"in {report.seconds:.1f} s ({report.kernels} kernels started, {report.cached} pages from cache, "
            f"{len(report.warnings)} warnings)")
    return 0


def _check(args) -> int:
    from clustercsr import evidence
    summary = evidence.check(args.root)
    print(summary)
    return 0


def _figures(args) -> int:
    from clustercsr.charts import export_all
    for path in export_all(Path(args.root)):
        print(path)
    return 0


def _preview(args) -> int:
    from clustercsr.publish import serve
    serve.preview(Path(args.root), port=args.port)
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="clustercsr", description=__doc__)
    parser.add_argument("--root", default=".", help="project folder (holds _quarto.yml)")
    sub = parser.add_subparsers(dest="command", required=True)
    b = sub.add_parser("build", help="render the book, PDFs and search index into _site/")
    b.add_argument("--quiet", action="store_true")
    b.add_argument("--no-pdf", action="store_true", help="skip the PDF briefs and report")
    b.set_defaults(func=_build)
    sub.add_parser("check", help="validate the evidence base and every citation").set_defaults(func=_check)
    sub.add_parser("figures", help="export every chart to figures/ as SVG, PNG and CSV").set_defaults(func=_figures)
    p = sub.add_parser("preview", help="serve _site/ on 127.0.0.1 and rebuild on change")
    p.add_argument("--port", type=int, default=4321)
    p.set_defaults(func=_preview)
    args = parser.parse_args(argv)
    try:
        return args.func(args)
    except BuildError as exc:
        print(f"error: {exc.describe()}", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
