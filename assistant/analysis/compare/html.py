"""The comparison as one self-contained HTML page: a table of changed scenes, their line changes."""

from __future__ import annotations

from html import escape

from assistant.analysis.compare.report import CompareReport, SceneChange

_STYLE = """
body { font-family: system-ui, sans-serif; margin: 2em; }
table { border-collapse: collapse; }
td, th { border: 1px solid #ccc; padding: 2px 8px; text-align: left; vertical-align: top; }
.kind-added { color: #1a7f37; } .kind-removed { color: #cf222e; } .kind-moved { color: #8250df; }
.kind-changed { color: #9a6700; } .kind-renumbered { color: #0969da; }
pre { font-family: "Courier Prime", Courier, monospace; margin: 0; white-space: pre-wrap; }
.del { background: #ffebe9; } .ins { background: #dafbe1; }
"""


def _label(change: SceneChange) -> str:
    old = change.old_label or "-"
    new = change.new_label or "-"
    return old if old == new else f"{old} → {new}"


def to_html(report: CompareReport, old_name: str, new_name: str) -> str:
    """The page; every text from the scripts is escaped."""
    rows = []
    details = []
    for n, change in enumerate(report.changes):
        rows.append(
            f'<tr><td class="kind-{change.kind}">{change.kind}</td><td>{escape(_label(change))}'
            f'</td><td><a href="#c{n}">{escape(change.heading)}</a></td>'
            f"<td>+{change.lines_added} −{change.lines_removed}</td>"
            f"<td>{change.eighths_delta:+d}/8</td></tr>"
        )
        lines = []
        for hunk in change.hunks:
            lines += [f'<pre class="del">- {escape(t)}</pre>' for t in hunk.removed]
            lines += [f'<pre class="ins">+ {escape(t)}</pre>' for t in hunk.added]
        if lines:
            details.append(
                f'<h3 id="c{n}">{escape(_label(change))} {escape(change.heading)} '
                f"({change.kind})</h3>" + "".join(lines)
            )
    people = "".join(
        f"<tr><td>{escape(c.name)}</td><td>{c.lines_old}</td><td>{c.lines_new}</td>"
        f"<td>+{c.lines_added} −{c.lines_removed}</td></tr>"
        for c in report.characters
    )
    delta = report.eighths_new - report.eighths_old
    return (
        '<!doctype html><html><head><meta charset="utf-8">'
        f"<title>Slate: {escape(old_name)} → {escape(new_name)}</title><style>{_STYLE}</style>"
        f"</head><body><h1>{escape(old_name)} → {escape(new_name)}</h1>"
        f"<p>{len(report.changes)} scene changes; pages {report.pages_old} → {report.pages_new}"
        f" ({delta:+d} eighths).</p>"
        "<table><tr><th>Change</th><th>Scene</th><th>Heading</th><th>Lines</th><th>Length</th>"
        f"</tr>{''.join(rows)}</table><h2>Characters</h2><table><tr><th>Character</th>"
        f"<th>Lines before</th><th>Lines after</th><th>Changed</th></tr>{people}</table>"
        f"<h2>Line changes</h2>{''.join(details)}</body></html>\n"
    )
