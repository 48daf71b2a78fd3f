"""Screenshots of every chart, desktop (1280×800) and phone (375×812, touch), light and dark, before and after a
selection made with the chart's own keyboard control. Not a test: a record to look at.

    .venv/bin/python tests/screenshots.py [OUT_DIR] [chart-name ...]

Writes OUT_DIR/<chart>-<device>-<scheme>-<before|after>.png (default OUT_DIR: /tmp/cc-screens).
"""
from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from conftest import CHROMIUM, CHROMIUM_ARGS, FIRST_SCROLL, serve, site_pages, site_root  # noqa: E402

DEVICES = {
    "desktop": {"viewport": {"width": 1280, "height": 800}},
    "phone": {"viewport": {"width": 375, "height": 812}, "has_touch": True, "is_mobile": True, "device_scale_factor": 2},
}


def shoot(page, target, path: str) -> None:
    """The element as the reader sees it. A full-page screenshot makes Chromium re-lay the page out at another
    size for a moment, which redraws charts in another layout; so the viewport is made tall enough for the
    element (its width never changes) and the shot is clipped from it."""
    width, height = page.viewport_size["width"], page.viewport_size["height"]
    box = target.evaluate("e => { const r = e.getBoundingClientRect(); return {y: r.top + scrollY, height: r.height}; }")
    margin = 120  # room for the sticky header above the element
    page.set_viewport_size({"width": width, "height": max(height, int(box["height"]) + 2 * margin)})
    page.evaluate("y => window.scrollTo(0, y)", max(0, box["y"] - margin))
    page.wait_for_timeout(200)
    clip = target.evaluate("e => { const r = e.getBoundingClientRect(); return {x: r.left, y: r.top, width: r.width, height: r.height}; }")
    page.screenshot(path=path, clip=clip, timeout=120_000)
    page.set_viewport_size({"width": width, "height": height})


def main(out: Path, only: list[str]) -> None:
    from playwright.sync_api import sync_playwright

    site = site_root()
    pages = {}
    for rel in site_pages():
        text = (site / rel).read_text(encoding="utf-8")
        for chunk in text.split('data-chart="')[1:]:
            pages.setdefault(chunk.split('"', 1)[0], rel)
    out.mkdir(parents=True, exist_ok=True)
    with serve(site) as base, sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        for name, rel in pages.items():
            if only and name not in only:
                continue
            for device, opts in DEVICES.items():
                for scheme in ("light", "dark"):
                    ctx = browser.new_context(color_scheme=scheme, reduced_motion="reduce", **opts)
                    page = ctx.new_page()
                    page.goto(base + rel, wait_until="load")
                    fig = page.locator(f"#chart-{name}")
                    page.evaluate(FIRST_SCROLL)  # charts.js draws nothing before the reader's first input
                    fig.scroll_into_view_if_needed()
                    page.wait_for_function("n => document.getElementById('chart-' + n).dataset.rendered === 'true'",
                                           arg=name)
                    figure = page.locator(f"figure:has(#chart-{name})")
                    target = figure if figure.count() else fig
                    shoot(page, target, str(out / f"{name}-{device}-{scheme}-before.png"))
                    selects = fig.locator(".cc-details-controls select")
                    radios = fig.locator(".cc-explorer input[type=radio]")
                    if selects.count():
                        options = selects.first.locator("option").evaluate_all("os => os.map(o => o.value).filter(Boolean)")
                        if selects.count() == 2:  # a range: the first third of the years
                            selects.nth(0).select_option(options[0])
                            selects.nth(1).select_option(options[len(options) // 3])
                        else:
                            selects.first.select_option(options[min(2, len(options) - 1)])
                        page.wait_for_function("n => document.getElementById('chart-' + n).dataset.ccSelected", arg=name)
                    elif radios.count():
                        radios.nth(0).check()
                    page.wait_for_timeout(300)
                    shoot(page, target, str(out / f"{name}-{device}-{scheme}-after.png"))
                    if device == "phone":
                        page.screenshot(path=str(out / f"{name}-{device}-{scheme}-after-viewport.png"), timeout=120_000)
                    ctx.close()
                    print(name, device, scheme, "done", flush=True)
        browser.close()


if __name__ == "__main__":
    args = sys.argv[1:]
    main(Path(args[0]) if args else Path("/tmp/cc-screens"), args[1:])
