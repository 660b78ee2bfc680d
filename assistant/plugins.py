"""The plugin manager: Slate's defaults plus third-party plugins from the ``slate`` entry points.

Entry points load lazily on the first call of ``load_plugins()``; the test suite sets
``LOAD_ENTRY_POINTS = False`` in its conftest so installed third-party plugins stay out of tests.
Loading counts as done only once every plugin has loaded: a plugin that fails is reported by every
call (a ``PluginError`` naming it), never skipped in silence after the first.
"""

from __future__ import annotations

import importlib
import os
from importlib import metadata

import pluggy

from assistant import hookspecs
from assistant.errors import PluginError

DEFAULT_PLUGINS: tuple[str, ...] = (
    "assistant.script.default_formats",
    "assistant.models.default_backends",
    "assistant.post.default_exporters",
)
"""Modules holding Slate's own hookimpls; imported on first use, each cheap to import."""

LOAD_ENTRY_POINTS = True
"""Load third-party plugins from the ``slate`` entry point group (the tests switch this off)."""

ENTRY_POINT_GROUP = "slate"

pm = pluggy.PluginManager("slate")
pm.add_hookspecs(hookspecs)

_loaded = False


def load_plugins() -> pluggy.PluginManager:
    """Register the default plugins and the installed ones (once all have loaded); return the
    plugin manager.

    Raises:
        PluginError: an installed plugin failed to import or register (raised again on the next
            call; the plugins that did load stay registered). With ``SLATE_DEBUG`` set, the
            plugin's own exception is raised instead, so its traceback shows.
    """
    global _loaded
    if _loaded:
        return pm
    for name in DEFAULT_PLUGINS:
        try:
            module = importlib.import_module(name)
        except ModuleNotFoundError as exc:  # a layer not built yet must not break the others
            if exc.name != name:
                raise
            continue
        if not pm.is_registered(module):
            pm.register(module, name=name)
    if LOAD_ENTRY_POINTS:
        _load_entry_points()
    _loaded = True
    return pm


def _entry_points() -> list[metadata.EntryPoint]:
    return list(metadata.entry_points(group=ENTRY_POINT_GROUP))


def _load_entry_points() -> None:
    """Import and register each ``slate`` entry point not registered yet (pluggy's
    ``load_setuptools_entrypoints``, one plugin at a time so a failure can name its plugin)."""
    for entry_point in _entry_points():
        if pm.get_plugin(entry_point.name) is not None or pm.is_blocked(entry_point.name):
            continue
        try:
            plugin = entry_point.load()
            pm.register(plugin, name=entry_point.name)
        except Exception as exc:  # third-party code: any failure is the plugin's, named below
            if os.environ.get("SLATE_DEBUG"):
                raise
            raise PluginError(_failure_message(entry_point, exc)) from exc


def _failure_message(entry_point: metadata.EntryPoint, exc: Exception) -> str:
    dist = entry_point.dist
    package = dist.metadata["Name"] if dist is not None else None
    first = (str(exc).strip().splitlines() or [""])[0]
    what = f"{type(exc).__name__}: {first}" if first else type(exc).__name__
    remove = f"`pip uninstall {package}`" if package else "uninstall it"
    source = f" from {package}" if package else ""
    return (
        f"Plugin {entry_point.name!r}{source} ({entry_point.value}) failed to load: {what}; "
        f"fix or {remove} (SLATE_DEBUG=1 shows the traceback)"
    )
