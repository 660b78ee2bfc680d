"""Errors worded for users.

Every error a user may see is a ``SlateError``: the CLI prints its message on one line and exits
with its ``exit_code``; the TUI shows it as a notification. Neither shows a traceback.
"""

from __future__ import annotations


class SlateError(Exception):
    """An error whose message is written for the person using Slate."""

    exit_code = 1

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message

    def __str__(self) -> str:
        return self.message


class ScriptReadError(SlateError):
    """A screenplay file could not be read: missing, empty, binary, too large, malformed."""

    exit_code = 2


class UnsupportedFormatError(SlateError):
    """No importer or exporter is registered for the requested format."""

    exit_code = 2


class OutputWriteError(SlateError):
    """An output file could not be written (nothing was left half-written)."""

    exit_code = 3


class ConfigError(SlateError):
    """The configuration file or a setting is invalid."""

    exit_code = 4


class ModelUnavailableError(SlateError):
    """A configured model is missing, corrupt or unreachable; the message says what to do."""

    exit_code = 5


class ModelOutputError(SlateError):
    """A model answered with something that could not be used."""

    exit_code = 5


class AnalysisError(SlateError):
    """An analysis could not run on this script (for example a missing trained model)."""

    exit_code = 6


class OverwriteRefusedError(OutputWriteError):
    """Slate would replace a file it must not: the input script, a file it did not write, or a
    file whose suffix names another format. Nothing was written."""


class PluginError(SlateError):
    """An installed plugin failed to load; the message names it and how to remove it."""

    exit_code = 1


class PostError(SlateError):
    """A post-production export or audio measurement cannot be done; the message says why."""

    exit_code = 1


class CastingError(SlateError):
    """A roster, casting index or casting search could not be used; the message says what to do
    (for an index: the command that rebuilds it)."""

    exit_code = 7


class SceneNotFoundError(SlateError):
    """A scene number that the script does not have; the message lists the numbers it has."""

    exit_code = 2


class FileChangedError(OutputWriteError):
    """The file changed on disk after Slate read it: Slate refuses to replace it."""


class ScheduleCancelledError(AnalysisError):
    """The schedule was cancelled before any schedule had been found: there is nothing to show."""


class SuggestionCancelledError(AnalysisError):
    """A model-drafted change was cancelled while the model wrote: nothing was changed."""
