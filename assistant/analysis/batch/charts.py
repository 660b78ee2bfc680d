"""The report's charts as inline SVG, drawn by matplotlib (PSF-based licence, BSD-compatible)
on the Agg backend: no display, no files, no network.

Each chart's figure is made once per thread and reused, cleared, for the next script; its
margins are set in inches from what its labels need (``_figure``) instead of
``bbox_inches="tight"``: the tight box costs a second full draw, half of the page's CPU time.
"""

from __future__ import annotations

import io
import threading
from functools import lru_cache
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from assistant.analysis.batch.models import ScriptReport

_INK, _ACCENT, _MUTED = "#1f3b57", "#d1495b", "#9aa5b1"


@lru_cache(maxsize=1)
def _figure_class() -> Any:
    """matplotlib's ``Figure`` with the charts' style set, once per process: the rcParams
    update validates every key (2% of a profiled worker's time when it ran per chart). No
    pyplot: its figure manager and registry only cost CPU for figures that are never shown."""
    import matplotlib

    matplotlib.use("Agg")
    matplotlib.rcParams.update(
        {
            "svg.fonttype": "none",
            "font.size": 9,
            "axes.spines.top": False,
            "axes.spines.right": False,
            "svg.hashsalt": "slate",
        }
    )
    from matplotlib.figure import Figure

    return Figure


_CHAR_IN = 0.075
"""Width of one tick-label character at 9 pt in inches (DejaVu Sans averages ~0.6 em; capitals
run wider, so this errs on the side of room)."""


_KEPT = threading.local()
"""``figures``: chart name -> its figure and axes, kept for the thread's next script (a worker
draws hundreds of pages): a new figure and axes cost about a quarter of a chart's CPU and its
ticks (five artists each) another quarter; a kept axes reuses them, cleared of the last
script's data. Per thread: a Dask worker may run several scripts at once."""


def _figure(
    name: str, width: float, height: float, *, label_chars: int = 3, right: float = 0.2
) -> Any:
    """The figure of chart ``name`` with one axes, empty, and margins in inches: room on the
    left for ``label_chars`` tick label characters and the y label, below for the x ticks and
    label, above for the title. Each chart sets every property it uses on each call, so a kept
    figure draws what a new one would (tests compare the SVG with a new figure's)."""
    figures: dict[str, tuple[Any, Any]] = _KEPT.__dict__.setdefault("figures", {})
    kept = figures.get(name)
    if kept is None:
        fig = _figure_class()(figsize=(width, height))
        ax = fig.subplots()
        figures[name] = fig, ax
    else:
        fig, ax = kept
        _clear(ax)
        fig.set_size_inches(width, height)
    left = 0.45 + _CHAR_IN * label_chars
    fig.subplots_adjust(
        left=left / width, right=1 - right / width, bottom=0.5 / height, top=1 - 0.3 / height
    )
    return fig, ax


def _clear(ax: Any) -> None:
    """Remove the last script's data from a kept axes and let its limits follow the next
    data, as on a new axes (``ax.clear()`` would also drop the ticks the keeping saves)."""
    from matplotlib.transforms import Bbox

    for container in list(ax.containers):
        container.remove()
    for artist in [*ax.lines, *ax.collections, *ax.patches, *ax.texts]:
        artist.remove()
    legend = ax.get_legend()
    if legend is not None:
        legend.remove()
    ax.dataLim.set_points(Bbox.null().get_points())
    ax.ignore_existing_data_limits = True
    # A new axes' limits, 0-1, and autoscaling on but not yet asked for: the next data asks
    # for it, as on a new axes; with none (a script without INT/EXT headings) the limits stay
    # 0-1 instead of the last script's.
    ax.set_xlim(0.0, 1.0)
    ax.set_ylim(0.0, 1.0)
    ax.set_autoscale_on(True)


def _title(ax: Any, text: str) -> None:
    """The chart's title at the top of the axes. The height is given (1.0, where matplotlib
    would put it: no chart has top ticks or a y offset text to clear), so that the draw skips
    measuring every y tick label to place it (a sixth of a chart's CPU)."""
    ax.set_title(text, y=1.0)


def _svg(fig: Any) -> str:
    buffer = io.StringIO()
    fig.savefig(buffer, format="svg", metadata={"Date": None})
    text = buffer.getvalue()
    return text[text.index("<svg") :]  # drop the XML prolog and DOCTYPE: it sits inside HTML


def _starts(report: ScriptReport) -> list[float]:
    """Each scene's start in pages, from the eighths before it (scenes sharing a page spread)."""
    starts, at = [], 1.0
    for scene in report.scenes:
        starts.append(at)
        at += scene.eighths / 8
    return starts


def strength_chart(report: ScriptReport) -> str | None:
    """Scene strength over the pages, the turning points marked and named."""
    if not any(s.strength is not None for s in report.scenes):
        return None
    fig, ax = _figure("strength", 8, 2.6)
    pages = _starts(report)
    ax.fill_between(
        pages, [s.strength or 0.0 for s in report.scenes], step="post", color=_INK, alpha=0.25
    )
    ax.step(pages, [s.strength or 0.0 for s in report.scenes], where="post", color=_INK, lw=1)
    for tp in report.turning_points:
        ax.axvline(tp.page, color=_ACCENT, lw=1.2, ls="--")
        ax.annotate(
            tp.name, (tp.page, 1.0), rotation=90, va="top", ha="right", fontsize=7, color=_ACCENT
        )
    ax.set_ylim(0, 1.05)
    ax.set_xlabel("page")
    ax.set_ylabel("strength")
    _title(ax, "Scene strength over the script, with the turning points")
    return _svg(fig)


def scene_length_chart(report: ScriptReport) -> str | None:
    """Each scene's length in pages (eighths / 8) at the page where it starts."""
    if not report.scenes:
        return None
    from matplotlib.collections import PolyCollection

    fig, ax = _figure("scene_lengths", 8, 2.2)
    # One collection, not a Rectangle artist per scene (a script has 100-250): the same bars
    # drawn for a third of the CPU.
    bars = [
        [(x, 0.0), (x, s.eighths / 8), (x + w, s.eighths / 8), (x + w, 0.0)]
        for x, s in zip(_starts(report), report.scenes, strict=True)
        for w in [max(s.eighths / 8, 0.05)]
    ]
    ax.add_collection(PolyCollection(bars, facecolors=_INK, edgecolors="white", linewidths=1))
    ax.autoscale_view()
    ax.set_ylim(0, max(s.eighths / 8 for s in report.scenes) * 1.05 or 1.0)
    ax.set_xlabel("page")
    ax.set_ylabel("length (pages)")
    _title(ax, "Scene lengths over the pages")
    return _svg(fig)


def characters_chart(report: ScriptReport, top: int = 12) -> str | None:
    """The speaking characters with the most scenes: scenes and speeches side by side."""
    cast = [c for c in report.characters if c.speeches > 0]
    cast = sorted(cast, key=lambda c: (-c.scenes, -c.speeches, c.name))[:top]
    if not cast:
        return None
    fig, ax = _figure(
        "characters",
        8,
        0.3 * len(cast) + 1,
        label_chars=min(40, max(len(c.name) for c in cast)),
    )
    rows = list(range(len(cast)))[::-1]
    ax.barh(
        [r + 0.2 for r in rows], [c.scenes for c in cast], height=0.4, color=_INK, label="scenes"
    )
    ax.barh(
        [r - 0.2 for r in rows],
        [c.speeches for c in cast],
        height=0.4,
        color=_MUTED,
        label="speeches",
    )
    # A "$" would start matplotlib's math text ("$^$" raised and lost the page): drawn as itself.
    ax.set_yticks(rows, [c.name.replace("$", r"\$") for c in cast])
    ax.legend(frameon=False, loc="lower right")
    _title(ax, "Characters by scenes and speeches")
    return _svg(fig)


def splits_chart(report: ScriptReport) -> str | None:
    """INT/EXT and DAY/NIGHT scene counts as two stacked bars."""
    if not report.scenes:
        return None
    fig, ax = _figure("splits", 8, 1.6, label_chars=len("DAY/NIGHT"))
    colours = [_INK, _ACCENT, "#edae49", _MUTED]
    for row, split in enumerate([report.int_ext, report.time_of_day]):
        left = 0
        for i, (name, count) in enumerate(split.items()):
            if count:
                ax.barh(row, count, left=left, color=colours[i % 4], height=0.6)
                ax.text(
                    left + count / 2,
                    row,
                    f"{name} {count}",
                    ha="center",
                    va="center",
                    color="white",
                    fontsize=7,
                )
                left += count
    ax.set_yticks([0, 1], ["INT/EXT", "DAY/NIGHT"])
    ax.yaxis.set_inverted(True)  # (invert_yaxis would flip a kept axes back)
    ax.set_xlabel("scenes")
    _title(ax, "Interior / exterior and day / night")
    return _svg(fig)


def beats_chart(report: ScriptReport) -> str | None:
    """Each beat's page in this script against the page its convention expects."""
    beats = [b for b in report.beats if b.pages]
    if not beats:
        return None
    fig, ax = _figure(
        "beats", 8, 0.28 * len(beats) + 1, label_chars=max(len(b.name) for b in beats), right=1.3
    )
    rows = list(range(len(beats)))[::-1]
    ax.scatter(
        [b.expected_page for b in beats], rows, marker="|", s=200, color=_MUTED, label="convention"
    )
    ax.scatter([b.pages[0] for b in beats], rows, color=_ACCENT, s=18, label="this script")
    ax.set_yticks(rows, [b.name for b in beats])
    ax.set_xlabel("page")
    ax.legend(frameon=False, loc="upper left", bbox_to_anchor=(1.0, 1.0))
    _title(ax, f"Beats ({report.beat_sheet}) against convention")
    return _svg(fig)


CHARTS = (strength_chart, scene_length_chart, characters_chart, splits_chart, beats_chart)
