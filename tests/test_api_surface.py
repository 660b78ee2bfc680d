"""``assistant.api`` is one façade over a package: its names and its size (its import cost is
test_import_hygiene's: ``import assistant.api`` loads no model library and no TUI).

The names are those the single-file ``api.py`` defined (1,421 lines before the split): every
front end calls ``api.X`` or imports ``from assistant.api import X``, so none may go missing
or be renamed, and nothing the modules only use (``Path``, ``read_script``) may leak in.
"""

from __future__ import annotations

import types
from pathlib import Path

from assistant import api

# The public names of the single-file module, as it defined them (imports left out).
PUBLIC_NAMES = [
    "SCHEDULE_EXPORTS",
    "ScriptFormat",
    "analyze_scripts",
    "apply_hunks",
    "apply_suggestion",
    "ask",
    "ask_batch",
    "ask_stream",
    "beat_sheet",
    "breakdown",
    "breakdown_csv",
    "build_cast_index",
    "cast_index_dir",
    "cast_index_stats",
    "cast_search",
    "cast_suggest",
    "change_cast_index",
    "compare_drafts",
    "count_batch_scripts",
    "demo_roster_path",
    "describe_beats_with_llm",
    "export_script",
    "import_roster",
    "list_models",
    "load_schedule_config",
    "load_settings",
    "locked_page_numbers",
    "measure_loudness",
    "open_asker",
    "open_script",
    "post_exporters",
    "post_package",
    "refine_shots_with_llm",
    "rerank_with_llm",
    "revise_drafts",
    "save_breakdown_html",
    "save_compare_html",
    "save_export",
    "save_normalized",
    "save_post_export",
    "save_revision",
    "save_schedule_export",
    "save_suggestion_patch",
    "schedule",
    "schedule_cast",
    "schedule_export",
    "score_scenes",
    "script_formats",
    "script_stats",
    "shot_list",
    "storyboard",
    "suggest_scene",
    "suggestion_hunks",
    "undo_last",
]


def test_all_lists_exactly_the_old_public_names() -> None:
    assert sorted(api.__all__) == sorted(PUBLIC_NAMES)
    assert len(set(api.__all__)) == len(api.__all__)


def test_every_name_resolves_to_a_function_class_or_constant() -> None:
    for name in PUBLIC_NAMES:
        value = getattr(api, name)
        # a submodule named like a function (api.schedule) would shadow the function
        assert not isinstance(value, types.ModuleType), name
    assert api.SCHEDULE_EXPORTS == ("json", "csv", "ics", "html", "pdf")


def test_no_other_public_name_leaks_into_the_package() -> None:
    public = {
        n
        for n, v in vars(api).items()
        if not n.startswith("_") and not isinstance(v, types.ModuleType)
    }
    assert public == set(PUBLIC_NAMES)


MODULE_LINES = 300  # STYLE.md: split before about 400; the single file was 1,421


def test_every_module_is_short_enough_to_read_in_one_sitting() -> None:
    package = Path(api.__file__).parent
    sizes = {p.name: len(p.read_text().splitlines()) for p in package.glob("*.py")}
    assert len(sizes) > 10  # one module per capability, not one file under a new name
    assert {n: s for n, s in sizes.items() if s > MODULE_LINES} == {}


def test_star_import_gives_the_same_names() -> None:
    namespace: dict[str, object] = {}
    exec("from assistant.api import *", namespace)
    assert set(namespace) - {"__builtins__"} == set(PUBLIC_NAMES)
