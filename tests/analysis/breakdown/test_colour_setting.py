"""The ``analysis.breakdown_colours`` setting: read from the config file, merged over the default
palette (an api call's own colours over both), and a bad key or colour named on one line."""

from __future__ import annotations

from pathlib import Path

import pytest

from assistant import api
from assistant.analysis.breakdown.colours import DEFAULT_COLOURS
from assistant.config import load_settings
from assistant.errors import ConfigError
from assistant.script.model import Screenplay


def _config(tmp_path: Path, body: str) -> Path:
    path = tmp_path / "config.toml"
    path.write_text(f'cache_dir = "{tmp_path / "cache"}"\n[analysis]\n{body}\n', encoding="utf-8")
    return path


def test_the_default_is_the_common_palette(harbour: Screenplay, tmp_path: Path) -> None:
    settings = load_settings(_config(tmp_path, ""))
    assert settings.analysis.breakdown_colours == {}
    out = tmp_path / "sheet.html"
    api.save_breakdown_html(api.breakdown(harbour), harbour, out, settings=settings)
    page = out.read_text("utf-8")
    assert all(colour in page for colour in DEFAULT_COLOURS.values())


def test_configured_colours_reach_the_sheet(harbour: Screenplay, tmp_path: Path) -> None:
    settings = load_settings(
        _config(tmp_path, 'breakdown_colours = { props = "#123456", vehicles = "hotpink" }')
    )
    report = api.breakdown(harbour)
    out = tmp_path / "sheet.html"
    api.save_breakdown_html(report, harbour, out, settings=settings)
    page = out.read_text("utf-8")
    assert "#123456" in page and "hotpink" in page
    assert DEFAULT_COLOURS["props"] not in page and DEFAULT_COLOURS["cast"] in page
    # The call's own colours win over the setting.
    api.save_breakdown_html(
        report, harbour, out, colours={"props": "#abcdef"}, settings=settings, force=True
    )
    page = out.read_text("utf-8")
    assert "#abcdef" in page and "#123456" not in page and "hotpink" in page


@pytest.mark.parametrize(
    ("body", "said"),
    [('breakdown_colours = { prop = "#123456" }', "'prop' is no category"),
     ('breakdown_colours = { props = "red;}</style>" }', "not a #hex colour"),
     ('colours = { props = "red" }', "analysis.colours")],
)  # fmt: skip
def test_a_bad_key_or_colour_is_named(tmp_path: Path, body: str, said: str) -> None:
    with pytest.raises(ConfigError, match="analysis") as caught:
        load_settings(_config(tmp_path, body))
    assert said in str(caught.value)
