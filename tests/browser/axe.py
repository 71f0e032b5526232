"""axe-core, vendored, run inside a page: the serious and critical violations, in words."""

from pathlib import Path

AXE = Path(__file__).resolve().parents[2] / "integritas/static/vendor/axe-core/axe.min.js"


def serious(page, within: str = "document") -> list[str]:
    """Run axe-core in the page (injected over the devtools protocol: the page's CSP holds)."""
    page.evaluate(AXE.read_text())
    result = page.evaluate(f"async () => await axe.run({within}, {{resultTypes: ['violations']}})")
    return [
        f"{v['id']} ({v['impact']}): {v['help']} — {[n['target'] for n in v['nodes']][:3]}"
        for v in result["violations"]
        if v["impact"] in ("serious", "critical")
    ]


def contrast(page) -> list[str]:
    """Only the colour-contrast rule, over the whole page (the menu bar included)."""
    page.evaluate(AXE.read_text())
    result = page.evaluate(
        "async () => await axe.run(document, {runOnly: ['color-contrast'], "
        "resultTypes: ['violations']})"
    )
    return [
        f"{n['target']}: {n['failureSummary'][:160]}"
        for v in result["violations"]
        for n in v["nodes"]
    ]
