"""What the CLI and the TUI share: every front-end action is one call here, with pydantic results.

One module per capability: ``scripts``, ``models`` (settings), ``questions``, ``strength``,
``beats``, ``breakdowns``, ``scheduling``, ``shots`` (and storyboards), ``post``, ``casting``,
``drafts`` (comparison, revisions), ``writing`` (model-drafted scenes) and ``batch``. Callers
use this package, never a module: ``api.X`` and ``from assistant.api import X`` reach every
name in ``__all__``. A patch on ``api.X`` reaches the front ends, which look ``X`` up here,
but not a call between modules (``beat_sheet`` calls ``score_scenes`` as
``assistant.api.beats`` holds it): patch a name where it is looked up.

Importing this package loads no torch, FAISS, transformers or Textual: heavy layers are imported
inside the functions that need them (checked by ``tests/test_import_hygiene.py``).
"""

from assistant.api.batch import analyze_scripts, count_batch_scripts
from assistant.api.beats import beat_sheet, describe_beats_with_llm
from assistant.api.breakdowns import breakdown, breakdown_csv, save_breakdown_html
from assistant.api.casting import (
    build_cast_index,
    cast_index_dir,
    cast_index_stats,
    cast_search,
    cast_suggest,
    change_cast_index,
    demo_roster_path,
    import_roster,
)
from assistant.api.drafts import (
    compare_drafts,
    locked_page_numbers,
    revise_drafts,
    save_compare_html,
    save_revision,
)
from assistant.api.models import list_models, load_settings
from assistant.api.post import (
    measure_loudness,
    post_exporters,
    post_package,
    save_normalized,
    save_post_export,
)
from assistant.api.questions import ask, ask_batch, ask_stream, open_asker
from assistant.api.scheduling import (
    SCHEDULE_EXPORTS,
    load_schedule_config,
    save_schedule_export,
    schedule,
    schedule_cast,
    schedule_export,
)
from assistant.api.scripts import (
    ScriptFormat,
    export_script,
    open_script,
    save_export,
    script_formats,
    script_stats,
)
from assistant.api.shots import refine_shots_with_llm, shot_list, storyboard
from assistant.api.strength import rerank_with_llm, score_scenes
from assistant.api.writing import (
    apply_hunks,
    apply_suggestion,
    save_suggestion_patch,
    suggest_scene,
    suggestion_hunks,
    undo_last,
)

__all__ = [
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
