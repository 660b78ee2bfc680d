"""One script's report as Markdown and as a self-contained HTML page (inline SVG, no scripts,
no external resources)."""

from __future__ import annotations

from html import escape

from assistant.analysis.batch.charts import CHARTS
from assistant.analysis.batch.models import ScriptReport

STYLE = """body{font-family:system-ui,sans-serif;margin:24px auto;max-width:900px;color:#1f3b57}
h1{margin-bottom:4px}.facts{display:flex;flex-wrap:wrap;gap:12px;margin:12px 0}
.fact{border:1px solid #ccd;border-radius:6px;padding:6px 12px}.fact b{display:block;font-size:20px}
table{border-collapse:collapse}td,th{border-bottom:1px solid #dde;padding:3px 8px;text-align:left}
figure{margin:16px 0}svg{max-width:100%;height:auto}"""


def _share(value: float | None) -> str:
    return "-" if value is None else f"{value:.0%}"


def facts(report: ScriptReport) -> list[tuple[str, str]]:
    """The headline numbers, in the order a producer reads them."""
    return [
        ("pages", str(report.page_count)),
        ("scenes", str(report.scene_count)),
        ("speaking cast", str(report.cast_size)),
        ("locations", str(report.location_count)),
        ("night", _share(report.night_share)),
        ("exterior", _share(report.exterior_share)),
    ]


def render_markdown(report: ScriptReport) -> str:
    lines = [f"# {report.title or report.name}", "", f"File: `{report.file}`", ""]
    lines += [f"- {label}: {value}" for label, value in facts(report)]
    if report.turning_points:
        lines += [
            "",
            "## Turning points",
            "",
            "| Turning point | Page | Scene | Confidence |",
            "|---|---:|---|---:|",
        ]
        for tp in report.turning_points:
            scene = report.scenes[tp.scene_index]
            lines.append(
                f"| {tp.name} | {tp.page} | {scene.number or '-'} "
                f"{scene.heading} | {tp.confidence:.0%} |"
            )
    if report.beats:
        lines += [
            "",
            f"## Beats ({report.beat_sheet})",
            "",
            "| Beat | Pages | Expected page | Confidence |",
            "|---|---|---:|---:|",
        ]
        for beat in report.beats:
            pages = (
                "-".join(str(p) for p in sorted({min(beat.pages), max(beat.pages)}))
                if beat.pages
                else "-"
            )
            lines.append(
                f"| {beat.name} | {pages} | {beat.expected_page} | {beat.confidence:.0%} |"
            )
    if report.characters:
        lines += ["", "## Characters", "", "| Character | Scenes | Speeches |", "|---|---:|---:|"]
        for c in report.characters[:20]:
            lines.append(f"| {c.name} | {c.scenes} | {c.speeches} |")
    if report.shots:
        shots = report.shots
        lines += [
            "",
            "## Shots",
            "",
            f"- shots: {shots['shots']} in {shots['setups']} set-ups",
            f"- average shot length: {shots['average_shot_s']} s",
        ]
    if report.breakdown:
        b = report.breakdown
        lines += [
            "",
            "## Breakdown",
            "",
            f"- script days: {b['script_days']}",
            f"- cast: {b['cast']}",
            f"- sets: {b['sets']}",
        ]
        lines += [f"- {cat}: {n}" for cat, n in b["elements"].items()]
    for warning in report.warnings:
        lines += ["", f"> Note: {warning}"]
    return "\n".join(lines) + "\n"


def render_page(report: ScriptReport) -> str:
    title = escape(report.title or report.name)
    cards = "".join(
        f'<div class="fact"><b>{escape(v)}</b>{escape(k)}</div>' for k, v in facts(report)
    )
    charts = "".join(f"<figure>{svg}</figure>" for chart in CHARTS if (svg := chart(report)))
    rows = "".join(
        f"<tr><td>{escape(tp.name)}</td><td>{tp.page}</td>"
        f"<td>{escape(report.scenes[tp.scene_index].heading)}</td><td>{tp.confidence:.0%}</td></tr>"
        for tp in report.turning_points
    )
    table = (
        (
            f"<h2>Turning points</h2><table><tr><th>Turning point</th><th>Page</th>"
            f"<th>Scene</th><th>Confidence</th></tr>{rows}</table>"
        )
        if rows
        else ""
    )
    notes = "".join(f"<p><em>Note: {escape(w)}</em></p>" for w in report.warnings)
    return (
        f'<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>{title}</title>'
        f"<style>{STYLE}</style></head><body><h1>{title}</h1>"
        f'<div>{escape(report.file)}</div><div class="facts">{cards}</div>{table}{charts}'
        f"{notes}<p><small>Strength: the chance a scene is a turning point, learned from "
        f"annotated films ({escape(report.strength_model or 'not run')}); not a measure of "
        f"quality.</small></p></body></html>\n"
    )
