"""PDF: the briefs and the whole report, through pandoc's Typst writer and the typst wheel."""
from __future__ import annotations

import tempfile
from pathlib import Path

import typst

from clustercsr.errors import BuildError
from clustercsr.publish import convert, parse


def compile_typst(source: str, out: Path, workdir: Path, name: str) -> None:
    main = workdir / f"{name}.typ"
    main.write_text(source, encoding="utf-8")
    try:
        typst.compile(str(main), output=str(out), root=str(workdir.anchor))
    except Exception as exc:  # typst raises its own error type with the Typst diagnostics
        raise BuildError(f"Typst could not compile {name}: {exc}", file=main) from None


def render_document(book, doc, executor, floats, workdir: Path, here: str) -> str:
    executed = executor.run(doc, "typst")
    md = convert.document_markdown(doc, executed.outputs, "typst", floats, here, svg_dir=workdir / "svg")
    return convert.pandoc(md, to="typst", bibliography=book.bibliography, chapter=None, source=doc.path,
                          toc=False, standalone_template=None, cwd=book.root,
                          extra_meta={"title": doc.meta.get("title", "")})


def build_all(book, docs, staging: Path, executor, floats, progress) -> int:
    briefs = sorted((book.root / "briefs").glob("*.qmd"))
    count = 0
    with tempfile.TemporaryDirectory(prefix="clustercsr-pdf-") as tmp:
        work = Path(tmp)
        for path in briefs:
            doc = parse.parse(path)
            progress.item(f"briefs/{path.name}")
            body = render_document(book, doc, executor, floats, work, f"briefs/{path.stem}.html")
            out = staging / "briefs" / f"{path.stem}.pdf"
            out.parent.mkdir(parents=True, exist_ok=True)
            compile_typst(body, out, work, path.stem)
            count += 1
    return count
