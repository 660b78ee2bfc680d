"""How every ``slate`` command's help reads: fixed once here, so each command gets it for free.

Typer 0.29's rich help shows a required argument as ``{file}`` in the usage line, labels every
flag ``<bool>`` as if it took a value (its plain formatter knows better), and keeps the line breaks
of a docstring after the first paragraph, which rich then wraps again into ragged lines.
``SlateTyper`` builds every command as a ``SlateCommand`` that fixes those three, fills in the
format lists from the registry (``{importers}``, ``{exporters}`` in a help text) when help is
shown, and ends each command's help with its examples from ``EXAMPLES``.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

import typer
from typer._click import Context, HelpFormatter
from typer.core import TyperArgument, TyperCommand, TyperGroup, TyperOption

CONTEXT_SETTINGS: dict[str, Any] = {"help_option_names": ["-h", "--help"], "show_default": True}
"""Given to the app; click passes both to every command's context."""

EXAMPLES: dict[str, list[str]] = {
    "open": [
        "slate open draft.fountain",
        "slate open draft.fountain --plain",
        "slate open draft.fdx --config slate.toml",
    ],
    "parse": [
        "slate parse draft.fountain --to fdx -o draft.fdx",
        "slate parse draft.fountain --to pdf -o draft.pdf",
        "slate parse draft.fountain --to pdf --paper a4 --continueds -o draft.pdf",
        "slate parse draft.fdx | jq '.scenes | length'",
    ],
    "stats": ["slate stats draft.fountain", "slate stats draft.pdf --all --plain | grep NIGHT"],
    "score": ["slate score draft.fountain", "slate score draft.fdx --all --json > strength.json"],
    "breakdown": [
        "slate breakdown draft.fountain --scene 12",
        "slate breakdown draft.fdx --csv > breakdown.csv",
        "slate breakdown draft.fdx --html sheet.html",
    ],
    "beats": [
        "slate beats draft.fountain --sheet save-the-cat",
        "slate beats draft.fountain --synopsis synopsis.txt --json > beats.json",
        "slate beats draft.fountain --sheet save-the-cat --llm",
    ],
    "shots": ["slate shots draft.fountain --scene 12", "slate shots draft.pdf --csv > shots.csv"],
    "storyboard": ["slate storyboard draft.fountain --out board/ --scene 12"],
    "ask": ['slate ask "Who is June afraid of?" --script draft.fountain'],
    "schedule": [
        "slate schedule draft.fountain --config SCHEDULE.toml --html board.html --ics days.ics",
        "slate schedule draft.fdx --json --time-limit 60 > schedule.json",
    ],
    "export": [
        "slate export draft.fountain --to otio --out previs/",
        "slate export draft.fdx --to edl --out previs/ --storyboard boards/",
        "slate export draft.fountain --to fcpxml --clips scene --out previs/",
    ],
    "loudness": [
        "slate post loudness mix.wav --target ebu-r128",
        "slate post loudness reel1.wav reel2.wav --json > loudness.json",
    ],
    "normalize": ["slate post normalize mix.wav --target atsc-a85 --out mix_a85.wav"],
    "search": [
        'slate cast search "wiry 60s ex-boxer, Glaswegian, gentle" --age 55-70 --skill boxing',
        'slate cast search "warm nurse" --available 2027-03-01..2027-04-15 --max-rate 800 --json',
    ],
    "suggest": [
        "slate cast suggest draft.fountain",
        "slate cast suggest draft.fdx --character MARA",
    ],
    "build": ["slate cast index build demo", "slate cast index build roster.csv --index casting/"],
    "compare": [
        "slate compare draft1.fountain draft2.fdx",
        "slate compare old.fountain new.fountain --json > changes.json",
        "slate compare old.pdf new.pdf --html changes.html",
    ],
    "revise": [
        "slate revise locked.fountain draft2.fountain --round blue --out blue.fountain",
        "slate revise locked.fdx draft2.fdx --round pink --to fdx -o pink.fdx",
        "slate revise locked.fountain draft2.fountain --round blue -o blue.pdf --lock-pages",
    ],
    "rewrite": [
        'slate rewrite draft.fountain --scene 4 "Make Mara angrier"',
        'slate rewrite draft.fountain --scene 12A "Cut it to half a page" --apply',
    ],
    "continue": ["slate continue draft.fountain --after 7 --out next.fountain"],
    "punch-up": ["slate punch-up draft.fountain --character MARA --scene 3"],
    "undo": ["slate undo draft.fountain"],
    "analyze": [
        "slate analyze scripts/ --out reports/ --jobs 2",
        "slate analyze library/ --engine dask --cluster tcp://10.0.0.5:8786 --format json",
        "slate analyze library/ --jobs 2 --precision float32",
    ],
    "models": [
        "slate models --no-load",
        "slate models --backend openai --url http://127.0.0.1:8080/v1",
    ],
}
"""One or two invocations per command, shown at the end of its help."""

_PLACEHOLDERS = ("{importers}", "{exporters}", "{suffixes}")


def reflow(text: str | None) -> str | None:
    """Join the lines of each paragraph, so rich wraps prose to the terminal, not to the source.

    Paragraphs are separated by a blank line; one that starts with ``\\b`` keeps its line breaks
    (click's convention for verbatim blocks).
    """
    if not text:
        return text
    paragraphs = re.split(r"\n\s*\n", text.strip())
    return "\n\n".join(
        p if p.startswith("\b") else " ".join(line.strip() for line in p.splitlines())
        for p in paragraphs
    )


def _registered_formats() -> list[Any] | str:
    """The registered formats, or the one-line reason they cannot be listed.

    Help must still show when a third-party plugin is broken: the reason goes into the help text
    in place of the lists, and the command itself reports the plugin when it runs.
    """
    from assistant import api
    from assistant.errors import SlateError

    try:
        return list(api.script_formats())
    except SlateError as exc:
        return f"(formats could not be listed: {exc})"


def format_lists() -> dict[str, str]:
    """The registered format names, for ``{importers}`` and ``{exporters}`` in help texts."""
    formats = _registered_formats()
    if isinstance(formats, str):
        return dict.fromkeys(_PLACEHOLDERS, formats)
    return {
        "{importers}": ", ".join(f.name for f in formats if f.reads),
        "{exporters}": ", ".join(f.name for f in formats if f.writes),
        "{suffixes}": ", ".join(sorted({s for f in formats if f.reads for s in f.suffixes})),
    }


def formats_epilog() -> str:
    """What ``slate --help`` says about the formats: every registered one, with its suffixes."""
    from assistant import api

    formats = _registered_formats()
    if isinstance(formats, str):
        return formats

    def listed(chosen: list[api.ScriptFormat]) -> str:
        return ", ".join(f"{f.name} ({' '.join(f.suffixes)})" for f in chosen)

    reads = listed([f for f in formats if f.reads])
    writes = listed([f for f in formats if f.writes])
    return f"Reads: {reads}.\n\nWrites: {writes}."


def _expand(text: str | None, lists: dict[str, str]) -> str | None:
    if not text or not any(token in text for token in _PLACEHOLDERS):
        return text
    for token, names in lists.items():
        text = text.replace(token, names)
    return text


def _examples(name: str | None) -> str | None:
    lines = EXAMPLES.get(name or "")
    if not lines:
        return None
    # Rich help keeps the line breaks of an epilog, so each example stays on its own line (and
    # dedents them, so they are not indented).
    return "Examples:\n" + "\n".join(lines)


class _FlagOption(TyperOption):
    """A flag: no value type in the help (``--json``, not ``--json <bool>``)."""

    def display_type_rich(self, ctx: Context) -> str | None:
        return None


class SlateCommand(TyperCommand):
    """A Typer command whose help shows ``SCRIPT``, unlabelled flags, reflowed prose, examples."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.help = reflow(self.help)
        if self.epilog is None:
            self.epilog = _examples(self.name)
        for param in self.params:
            _fix_param(param)

    def get_help_option(self, ctx: Context) -> TyperOption | None:
        option = super().get_help_option(ctx)
        if option is not None:
            _fix_param(option)
        return option

    def collect_usage_pieces(self, ctx: Context) -> list[str]:
        return _usage_pieces(self, ctx)

    def format_help(self, ctx: Context, formatter: HelpFormatter) -> None:
        _expand_help(self, ctx)
        super().format_help(ctx, formatter)


class SlateGroup(TyperGroup):
    """The ``slate`` group: ``-h``, reflowed command summaries, and the formats in its help."""

    def get_help_option(self, ctx: Context) -> TyperOption | None:
        option = super().get_help_option(ctx)
        if option is not None:
            _fix_param(option)
        return option

    def format_help(self, ctx: Context, formatter: HelpFormatter) -> None:
        for param in self.params:
            _fix_param(param)
        if self.epilog is None:
            self.epilog = formats_epilog()
        super().format_help(ctx, formatter)


class SlateTyper(typer.Typer):
    """``typer.Typer`` whose commands are ``SlateCommand`` unless a command asks for another."""

    def command(self, *args: Any, **kwargs: Any) -> Callable[[Any], Any]:
        kwargs.setdefault("cls", SlateCommand)
        return super().command(*args, **kwargs)


def _fix_param(param: object) -> None:
    """Flags stop showing a value type; arguments are named in capitals (``SCRIPT``)."""
    if isinstance(param, TyperOption) and (param.is_flag or param.count):
        # The rich panel asks the option for its type label; click's own formatter skips flags.
        param.__class__ = _FlagOption
    elif isinstance(param, TyperArgument) and param.metavar is None and param.name:
        param.metavar = param.name.upper()


def _usage_pieces(command: TyperCommand, ctx: Context) -> list[str]:
    """``[OPTIONS] SCRIPT`` rather than Typer's ``[OPTIONS] {file}``."""
    pieces = [command.options_metavar] if command.options_metavar else []
    for param in command.get_params(ctx):
        if isinstance(param, TyperArgument):
            name = param.metavar or (param.name or "").upper()
            name = name if param.required else f"[{name}]"
            pieces.append(name + ("..." if param.nargs != 1 else ""))
        else:
            pieces.extend(param.get_usage_pieces(ctx))
    return pieces


def _expand_help(command: TyperCommand, ctx: Context) -> None:
    texts = [command.help, *(getattr(p, "help", None) for p in command.get_params(ctx))]
    if not any(t and any(token in t for token in _PLACEHOLDERS) for t in texts):
        return
    lists = format_lists()
    command.help = _expand(command.help, lists)
    for param in command.get_params(ctx):
        if isinstance(param, (TyperOption, TyperArgument)):
            param.help = _expand(param.help, lists)
