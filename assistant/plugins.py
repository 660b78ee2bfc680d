"""The plugin manager: Slate's defaults plus third-party plugins from the ``slate`` entry points.

Entry points load lazily, once, on the first call of ``load_plugins()``; the test suite sets
``LOAD_ENTRY_POINTS = False`` in its conftest so installed third-party plugins stay out of tests.
"""

from __future__ import annotations

import importlib

import pluggy

from assistant import hookspecs

DEFAULT_PLUGINS: tuple[str, ...] = (
    "assistant.script.default_formats",
    "assistant.models.default_backends",
)
"""Modules holding Slate's own hookimpls; imported on first use, each cheap to import."""

LOAD_ENTRY_POINTS = True
"""Load third-party plugins from the ``slate`` entry point group (the tests switch this off)."""

pm = pluggy.PluginManager("slate")
pm.add_hookspecs(hookspecs)

_loaded = False


def load_plugins() -> pluggy.PluginManager:
    """Register the default plugins and, once, the installed ones; return the plugin manager."""
    global _loaded
    if _loaded:
        return pm
    _loaded = True
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
        pm.load_setuptools_entrypoints("slate")
    return pm
