"""The storyboard as one self-contained HTML page: inline SVG and CSS, no network, 6 a page."""

from __future__ import annotations

from html import escape

from assistant.post.storyboard.board import FRAMES_PER_PAGE, Card, pages
from assistant.post.storyboard.svg import svg_body, to_svg

_CSS = """
*{box-sizing:border-box}
body{margin:0;padding:16px;font:13px/1.35 Helvetica,Arial,sans-serif;color:#222;background:#eee}
header{margin:0 0 12px}
h1{font-size:18px;margin:0 0 4px}
.note{color:#555;margin:0}
.sheet{background:#fff;padding:14px;margin:0 auto 16px;max-width:1180px;
  display:grid;grid-template-columns:1fr 1fr 1fr;gap:14px 18px;page-break-after:always;
  break-after:page}
.card{margin:0;break-inside:avoid}
.frame{display:block;width:100%;height:auto;overflow:hidden}
figcaption{margin-top:4px}
.scene{color:#666;font-size:11px;text-transform:uppercase;letter-spacing:.02em}
.shot{font-weight:bold}
.subjects{color:#333}
.text{color:#444;font-style:italic}
@media print{body{background:#fff;padding:0}.sheet{margin:0;padding:0;max-width:none}
  header{display:none}}
@page{size:A4 landscape;margin:12mm}
"""


def _card(card: Card, bodies: dict[int, str]) -> str:
    key = id(card.drawing)
    if key not in bodies:
        bodies[key] = svg_body(card.drawing)
    return (
        f'<figure class="card" id="shot-{escape(card.shot.number)}">'
        f"{to_svg(card.drawing, title=card.title, body=bodies[key])}"
        f'<figcaption><div class="scene">{escape(card.scene)}</div>'
        f'<div class="shot">{escape(card.title)}</div>'
        f'<div class="subjects">{escape(card.subjects)}</div>'
        f'<div class="text">{escape(card.text)}</div></figcaption></figure>'
    )


def to_html(cards: list[Card], *, title: str | None) -> str:
    """The whole board: a header, then one ``.sheet`` of up to six frames per printed page."""
    name = f"{escape(title)} — storyboard" if title else "Storyboard"
    bodies: dict[int, str] = {}  # frames that look alike share one drawing (board.build_cards)
    sheets = "".join(
        f'<section class="sheet" aria-label="Page {n}">'
        f"{''.join(_card(c, bodies) for c in page)}</section>"
        for n, page in enumerate(pages(cards), start=1)
    )
    count = len(cards)
    note = (
        f"{count} frames, {FRAMES_PER_PAGE} a page. Drawn by Slate from the shot list "
        "(slate shots): schematic frames, 2.39:1."
    )
    return (
        '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">'
        f"<title>{name}</title>"
        f"<style>{_CSS}</style></head><body>"
        f'<header><h1>{name}</h1><p class="note">{escape(note)}</p></header>'
        f"{sheets or '<p>No shots to draw.</p>'}</body></html>\n"
    )
