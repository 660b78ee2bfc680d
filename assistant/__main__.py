"""``python -m assistant``: the same command-line interface as ``slate``."""

from assistant.cli import app

if __name__ == "__main__":
    app(prog_name="slate")
