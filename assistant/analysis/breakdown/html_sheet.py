"""The breakdown as one self-contained HTML page: a sheet per scene, then the cast, set and
element lists, in the category colours. No script, font or image is loaded from anywhere."""

from __future__ import annotations

from html import escape

from assistant.analysis.breakdown.colours import palette
from assistant.analysis.breakdown.export import pages_in_eighths
from assistant.analysis.breakdown.model import CATEGORIES, BreakdownReport, SceneBreakdown

TITLES = {
    "cast": "Cast", "extras": "Extras / background", "stunts": "Stunts", "vehicles": "Vehicles",
    "props": "Props", "set_dressing": "Set dressing", "wardrobe": "Wardrobe",
    "makeup_hair": "Make-up / hair", "special_effects": "Special effects",
    "visual_effects": "Visual effects", "animals": "Animals (wranglers)", "weapons": "Weapons",
    "sound_music": "Sound / music", "special_equipment": "Special equipment",
    "greenery": "Greenery",
}  # fmt: skip
"""What a sheet calls each category."""

_CSS = """
body { font-family: sans-serif; margin: 24px; color: #222; }
h1 { font-size: 22px; } h2 { font-size: 17px; margin-top: 28px; }
.sheet { border: 2px solid #333; margin: 0 0 18px; page-break-inside: avoid; }
.head { display: grid; grid-template-columns: 90px 1fr 70px 80px 90px 80px; background: #eee;
        border-bottom: 2px solid #333; font-size: 13px; }
.head div { padding: 6px 8px; border-right: 1px solid #999; }
.head b { display: block; font-size: 10px; color: #555; text-transform: uppercase; }
.synopsis { padding: 6px 10px; font-style: italic; border-bottom: 1px solid #999; font-size: 13px; }
.cats { display: grid; grid-template-columns: repeat(3, 1fr); }
.cat { border: 1px solid #ccc; padding: 4px 8px 6px; min-height: 34px; font-size: 13px; }
.cat h3 { margin: 0 0 3px; font-size: 11px; color: #fff; padding: 2px 6px; display: inline-block;
          border-radius: 3px; }
.cat ul { margin: 0; padding-left: 16px; } .implied { font-style: italic; color: #666; }
table { border-collapse: collapse; font-size: 13px; } td, th { border: 1px solid #bbb;
        padding: 3px 8px; text-align: left; }
.swatch { display: inline-block; width: 10px; height: 10px; margin-right: 5px; }
"""


def to_html(report: BreakdownReport, colours: dict[str, str] | None = None) -> str:
    """The page's HTML; ``colours`` overrides the default palette category by category."""
    colour = palette(colours)
    title = escape(report.title or "Untitled script")
    parts = [
        "<!DOCTYPE html>", '<html lang="en"><head><meta charset="utf-8">',
        f"<title>Breakdown: {title}</title><style>{_CSS}</style></head><body>",
        f"<h1>Breakdown: {title}</h1>",
        f"<p>{len([s for s in report.scenes if s.heading is not None]) or len(report.scenes)} "
        f"scenes, {report.script_days} script day(s). Breakdown JSON version {report.version}.</p>",
    ]  # fmt: skip
    ids = {member.name: member.id for member in report.cast}
    headed = any(sheet.heading is not None for sheet in report.scenes)
    for sheet in report.scenes:
        if sheet.heading is None and headed:
            continue
        parts.append(_sheet(sheet, colour, ids))
    parts.append(_cast_table(report))
    parts.append(_set_table(report))
    parts.append(_element_table(report, colour))
    parts.append("</body></html>")
    return "\n".join(parts)


def _sheet(sheet: SceneBreakdown, colour: dict[str, str], ids: dict[str, int]) -> str:
    cells = [
        ("Scene", sheet.label or "1"), ("Set", sheet.set or sheet.heading or "(no heading)"),
        ("Int/Ext", sheet.int_ext or "-"), ("Day/Night", sheet.time_of_day or "-"),
        ("Pages", pages_in_eighths(sheet.eighths)), ("Script day", str(sheet.script_day)),
    ]  # fmt: skip
    head = "".join(f"<div><b>{k}</b>{escape(v)}</div>" for k, v in cells)
    boxes = []
    for category in CATEGORIES:
        items = []
        for element in sheet.elements[category]:
            name = escape(element.name)
            if category == "cast" and element.name in ids:
                name = f"{ids[element.name]}. {name}"
            if element.count:
                name += f" ({element.count})"
            css = ' class="implied"' if element.implied else ""
            items.append(f"<li{css}>{name}</li>")
        boxes.append(
            f'<div class="cat"><h3 style="background:{escape(colour[category])}">'
            f"{TITLES[category]}</h3><ul>{''.join(items)}</ul></div>"
        )
    return (
        f'<section class="sheet" id="scene-{sheet.index}"><div class="head">{head}</div>'
        f'<div class="synopsis">{escape(sheet.synopsis)}</div>'
        f'<div class="cats">{"".join(boxes)}</div></section>'
    )


def _cast_table(report: BreakdownReport) -> str:
    rows = "".join(
        f"<tr><td>{m.id}</td><td>{escape(m.name)}</td><td>{m.scenes}</td>"
        f"<td>{m.speaking_scenes}</td><td>{escape(m.first_scene or '-')}</td></tr>"
        for m in report.cast
    )
    return (
        "<h2>Cast</h2><table><tr><th>ID</th><th>Name</th><th>Scenes</th><th>Speaking</th>"
        f"<th>First scene</th></tr>{rows}</table>"
    )


def _set_table(report: BreakdownReport) -> str:
    rows = "".join(
        f"<tr><td>{escape(s.set)}</td><td>{'/'.join(s.int_ext)}</td>"
        f"<td>{'/'.join(s.time_of_day)}</td><td>{pages_in_eighths(s.eighths)}</td>"
        f"<td>{escape(', '.join(s.scenes))}</td></tr>"
        for s in report.sets
    )
    return (
        "<h2>Sets</h2><table><tr><th>Set</th><th>Int/Ext</th><th>Day/Night</th><th>Pages</th>"
        f"<th>Scenes</th></tr>{rows}</table>"
    )


def _element_table(report: BreakdownReport, colour: dict[str, str]) -> str:
    rows = "".join(
        f'<tr><td><span class="swatch" style="background:{escape(colour[e.category])}"></span>'
        f"{TITLES[e.category]}</td><td>{escape(e.name)}</td>"
        f"<td>{escape(', '.join(e.scenes))}</td></tr>"
        for e in report.element_list
    )
    return (
        "<h2>Elements</h2><table><tr><th>Category</th><th>Element</th><th>Scenes</th></tr>"
        f"{rows}</table>"
    )
