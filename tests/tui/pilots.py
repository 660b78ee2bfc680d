"""``sync``: run an async pilot test under asyncio.run (no async pytest plugin needed)."""

from __future__ import annotations

import asyncio
import functools
from collections.abc import Callable, Coroutine
from typing import Any


def sync(test: Callable[..., Coroutine[Any, Any, None]]) -> Callable[..., None]:
    @functools.wraps(test)
    def run(*args: Any, **kwargs: Any) -> None:
        asyncio.run(test(*args, **kwargs))

    return run


async def opened(pilot: Any) -> None:
    """Wait until the app has read its script in the background (or shown why it could not),
    then let the screen settle. The script screen shows before the script is parsed."""
    from assistant.tui.screens.help_screen import ErrorDialog

    app = pilot.app
    for _ in range(1000):
        if app.workspace is not None or isinstance(app.screen, ErrorDialog):
            break
        await pilot.pause(0.01)
    else:
        raise AssertionError("the script never opened")
    await pilot.pause()
