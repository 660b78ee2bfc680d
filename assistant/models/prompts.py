"""Prompts are files: ``prompts/<name>.v<N>.yaml``, Jinja2 templates loaded by name.

Each file holds ``name``, ``version``, an optional ``description``, and the ``system`` and
``prompt`` templates. A behaviour change is a new version file; ``load_prompt(name)`` takes the
highest version unless one is pinned, and results record ``name.vN``.

Where the files are: the repository's top-level ``prompts/`` folder is the source. The package
reaches it as ``assistant/prompts``, a symlink to ``../prompts``, which setuptools follows when it
builds a wheel (package data ``prompts/*``), so an installed, non-editable Slate carries a copy
inside the package. If the symlink is missing (a checkout on a system without symlinks), the loader
falls back to ``<repo>/prompts`` next to the package.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from functools import cache
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from assistant.errors import ConfigError, SlateError
from assistant.models.base import ChatMessage

_FILE_NAME = re.compile(r"^(?P<name>[a-z][a-z0-9_]*)\.v(?P<version>[1-9][0-9]*)\.yaml$")


class MissingVariablesError(SlateError):
    """A prompt was rendered without values for variables it uses (a bug in the caller)."""


class PromptNotFoundError(SlateError):
    """No prompt file has the requested name (or version)."""


class RenderedPrompt(BaseModel):
    """A prompt with its variables filled in, ready to send."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    name: str
    version: int
    system: str
    prompt: str

    @property
    def ref(self) -> str:
        """``name.vN``: what results record as the prompt that produced them."""
        return f"{self.name}.v{self.version}"

    def messages(self) -> list[ChatMessage]:
        """A system message (when there is one) and the user message."""
        out = [ChatMessage(role="system", content=self.system)] if self.system.strip() else []
        out.append(ChatMessage(role="user", content=self.prompt))
        return out


class PromptTemplate(BaseModel):
    """One prompt file, as written (templates not yet rendered)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    name: str = Field(pattern=r"^[a-z][a-z0-9_]*$")
    version: int = Field(ge=1)
    description: str = ""
    system: str = ""
    """Jinja2 template for the system message (may be empty)."""
    prompt: str
    """Jinja2 template for the user message."""

    @property
    def ref(self) -> str:
        return f"{self.name}.v{self.version}"

    def variables(self) -> set[str]:
        """Names the templates use that must be passed to ``render``."""
        from jinja2 import meta

        env = _environment()
        found: set[str] = set()
        for source in (self.system, self.prompt):
            found |= meta.find_undeclared_variables(env.parse(source))
        return found

    def render(self, values: Mapping[str, Any] | None = None, /, **kwargs: Any) -> RenderedPrompt:
        """Fill in the templates.

        Args:
            values: variables as a mapping; ``kwargs`` add to (and override) them.

        Returns:
            The rendered system and user text, with this prompt's name and version.

        Raises:
            MissingVariablesError: a variable (or an attribute of one) has no value; the message
                names each missing one.
        """
        from jinja2 import UndefinedError

        context = {**(values or {}), **kwargs}
        missing = sorted(self.variables() - context.keys())
        if missing:
            raise MissingVariablesError(
                f"Prompt {self.ref} is missing variables: {', '.join(missing)}"
            )
        env = _environment()
        try:
            system = env.from_string(self.system).render(context).strip()
            prompt = env.from_string(self.prompt).render(context).strip()
        except UndefinedError as exc:
            raise MissingVariablesError(f"Prompt {self.ref} is missing a value: {exc}") from exc
        return RenderedPrompt(name=self.name, version=self.version, system=system, prompt=prompt)


@cache
def _environment() -> Any:
    from jinja2 import StrictUndefined
    from jinja2.sandbox import SandboxedEnvironment

    # Sandboxed: plugin prompt folders are data, and a template must not reach into Python.
    return SandboxedEnvironment(
        undefined=StrictUndefined, trim_blocks=True, lstrip_blocks=True, autoescape=False
    )


def prompts_dir() -> Path:
    """The folder Slate's own prompt files are read from (see the module docstring).

    Raises:
        SlateError: neither the packaged copy nor the repository folder exists.
    """
    from importlib import resources

    packaged = Path(str(resources.files("assistant") / "prompts"))
    if packaged.is_dir():
        return packaged
    repository = Path(__file__).resolve().parents[2] / "prompts"
    if repository.is_dir():
        return repository
    raise SlateError(f"Slate's prompt files are missing ({packaged}); reinstall Slate")


def available_prompts(directory: Path | None = None) -> dict[str, list[int]]:
    """Prompt names in ``directory`` (default ``prompts_dir()``) with their versions, ascending."""
    folder = directory or prompts_dir()
    found: dict[str, list[int]] = {}
    for path in folder.glob("*.yaml"):
        match = _FILE_NAME.match(path.name)
        if match:
            found.setdefault(match["name"], []).append(int(match["version"]))
    return {name: sorted(versions) for name, versions in sorted(found.items())}


def load_prompt(
    name: str, version: int | None = None, directory: Path | None = None
) -> PromptTemplate:
    """Load ``<name>.v<version>.yaml``, or the highest version when ``version`` is ``None``.

    Args:
        name: the prompt's name (``ask``, ``json_reply``...).
        version: pin a version; ``None`` takes the latest.
        directory: read from this folder instead of Slate's own prompts.

    Returns:
        The parsed prompt file.

    Raises:
        PromptNotFoundError: no such name or version (the message lists what exists).
        ConfigError: the file is not valid YAML, has unknown keys, or its name or version does
            not match its file name.
    """
    folder = directory or prompts_dir()
    versions = available_prompts(folder).get(name)
    if not versions:
        known = ", ".join(available_prompts(folder)) or "none"
        raise PromptNotFoundError(f"No prompt named {name!r} in {folder}. Prompts: {known}")
    chosen = versions[-1] if version is None else version
    if chosen not in versions:
        raise PromptNotFoundError(
            f"Prompt {name!r} has no version {chosen} (versions: {', '.join(map(str, versions))})"
        )
    return _read(folder / f"{name}.v{chosen}.yaml", name, chosen)


def _read(path: Path, name: str, version: int) -> PromptTemplate:
    import yaml

    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as exc:
        raise ConfigError(f"Prompt file {path} cannot be read: {exc}") from None
    try:
        template = PromptTemplate.model_validate(data)
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(p) for p in first["loc"]) or "top level"
        raise ConfigError(f"Prompt file {path}: {where}: {first['msg']}") from None
    if (template.name, template.version) != (name, version):
        raise ConfigError(
            f"Prompt file {path} says name={template.name!r} version={template.version}; "
            f"its file name says {name!r} version {version}"
        )
    return template
