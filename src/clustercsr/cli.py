"""clustercsr: build the book site of the review from its sources, without the Quarto CLI.

Run it anywhere inside the project (the folder with _quarto.yml, or any folder below it).

  clustercsr check      find every mistake in the data, references.bib, _quarto.yml and the pages
  clustercsr build      check, then write the site, PDFs and search index to _site/
  clustercsr preview    build, serve the site on http://127.0.0.1:4321/ and rebuild as you edit
  clustercsr figures    export every chart to figures/ as SVG, PNG and CSV

A failed build changes nothing: the previous _site/ stays as it was.
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

import clustercsr
from clustercsr.errors import BuildError, summary_line

INTERRUPTED = 130


def _console(args):
    from rich.console import Console
    return Console(stderr=True, highlight=False, soft_wrap=True)


def _build(args, root: Path) -> int:
    from clustercsr.publish import build as build_module
    report = build_module.build(root, quiet=args.quiet, pdf=not args.no_pdf)
    if not args.quiet:
        console = _console(args)
        for warning in report.warnings:
            console.print(f"[yellow]warning:[/] {warning}", markup=True)
        console.print(
            f"[bold green]Built[/] {report.pages} pages, {report.charts} charts, {report.pdfs} PDFs "
            f"in {report.seconds:.1f} s ({report.kernels} kernels started, {report.cached} pages from cache, "
            f"{len(report.warnings)} warnings) → {root.name}/_site/")
    return 0


def _check(args, root: Path) -> int:
    from clustercsr import checks
    result = checks.run(root)
    if not args.quiet:
        print(result.summary)
    return 0


def _figures(args, root: Path) -> int:
    from clustercsr.charts import export_all
    for path in export_all(root):
        if not args.quiet:
            print(path)
    return 0


def _preview(args, root: Path) -> int:
    from clustercsr.publish import serve
    serve.preview(root, port=args.port, quiet=args.quiet)
    return 0


def _common() -> argparse.ArgumentParser:
    """Options every command takes, before or after its name."""
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--root", metavar="PATH", default=argparse.SUPPRESS,
                        help="the project folder (default: the nearest folder up from here with _quarto.yml)")
    common.add_argument("-q", "--quiet", action="store_true", default=argparse.SUPPRESS,
                        help="print only errors")
    common.add_argument("-v", "--verbose", action="store_true", default=argparse.SUPPRESS,
                        help="print more: full tracebacks for failing cells")
    return common


def parser() -> argparse.ArgumentParser:
    common = _common()
    top = argparse.ArgumentParser(prog="clustercsr", description=__doc__.split("\n\n")[0],
                                  epilog="\n\n".join(__doc__.split("\n\n")[1:]), parents=[common],
                                  formatter_class=argparse.RawDescriptionHelpFormatter)
    top.add_argument("--version", action="version", version=f"clustercsr {clustercsr.__version__}")
    sub = top.add_subparsers(dest="command", metavar="COMMAND", required=True)

    def command(name, help_text, func, description):
        p = sub.add_parser(name, help=help_text, description=description, parents=[common])
        p.set_defaults(func=func)
        return p

    command("check", "find every mistake in the data, references.bib, _quarto.yml and the pages", _check,
            "Check the evidence base (data/*.csv), references.bib, _quarto.yml and every page, and report every "
            "problem found, grouped by file, with its line and column. Exits 1 if there is an error.")
    b = command("build", "check, then write the site, PDFs and search index to _site/", _build,
                "Check everything, then render every page, the PDF briefs, the PDF of the whole report and the "
                "search index into _site/. Only pages whose sources or data changed are executed again. "
                "On any error nothing is written: the previous _site/ stays as it was.")
    b.add_argument("--no-pdf", action="store_true", help="skip the PDFs (the last ones built are kept)")
    p = command("preview", "serve the site on 127.0.0.1 and rebuild it as you edit", _preview,
                "Build the site if needed, serve it on http://127.0.0.1:PORT/ and rebuild it whenever a source, "
                "data file or the bibliography changes; open pages reload by themselves. Ctrl+C stops.")
    p.add_argument("--port", type=str, default="4321", help="the port to serve on (default: 4321)")
    command("figures", "export every chart to figures/ as SVG, PNG and CSV", _figures,
            "Export every chart to figures/<name>.svg, .png and .csv, for reuse elsewhere.")
    return top


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    args.quiet = getattr(args, "quiet", False)
    args.verbose = getattr(args, "verbose", False)
    root = None
    try:
        from clustercsr.evidence import find_root
        root = find_root(Path(args.root) if getattr(args, "root", None) else None).resolve()
        return args.func(args, root)
    except BuildError as exc:
        exc.root = exc.root or root  # files named relative to the project, as `check` names them
        text = exc.describe(verbose=args.verbose)
        if len(exc.problems) > 1:
            text += f"\n\nerror: {summary_line(exc.problems)}"
        elif not text.startswith("error"):
            text = f"error: {text}"
        if args.command == "build" and exc.problems and exc.problems[0].file:
            text += "\nNothing was written: the previous _site/ is unchanged."
        print(text, file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("Interrupted: nothing was written, the previous _site/ is unchanged.", file=sys.stderr)
        return INTERRUPTED


if __name__ == "__main__":
    sys.exit(main())
