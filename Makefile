# Slate's two entry points: `make demo` (set up, then analyse the bundled sample) and `make test`.
# Both create or reuse .venv; set-up installs torch==2.13.0 first (the CPU build on disk here; any other
# torch request would pull a multi-GB CUDA build), then Slate, then the default models (scripts/fetch_models.py).

PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
SLATE := $(VENV)/bin/slate
SAMPLE := assistant/samples/night_shift.fountain
SHARED_DATA ?= ../shared/data
STAMP := $(VENV)/.slate-installed

.PHONY: demo test setup models lint unit clean system-tools

setup: $(STAMP) models

$(PY):
	$(PYTHON) -m venv $(VENV)

$(STAMP): pyproject.toml | $(PY)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet "torch==2.13.0"
	$(PY) -m pip install --quiet -e ".[dev]"
	touch $(STAMP)

models: $(STAMP)
	$(PY) scripts/fetch_models.py

demo: setup
	$(SLATE) stats $(SAMPLE)
	$(SLATE) score $(SAMPLE) --top 5
	$(SLATE) ask "Who is Mara and what does she want?" --script $(SAMPLE)

lint: $(STAMP)
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/mypy
	$(VENV)/bin/lint-imports

# System tools some tests need: headless Chromium (HTML output is checked in a real browser) and
# tmux (the TUI is looked at in a real terminal). Installed with apt-get where it is available (CI
# and developers run as root here); elsewhere the tests that need them are deselected, and the run
# says so.
system-tools:
	@if command -v chromium >/dev/null && command -v tmux >/dev/null; then :; \
	elif command -v apt-get >/dev/null && [ "$$(id -u)" = 0 ]; then \
		echo "installing chromium and tmux with apt-get (browser and terminal tests)"; \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium tmux >/dev/null \
			|| echo "note: apt-get could not install chromium/tmux"; \
	fi

# With ../shared/data present (CI, developers) the integration tests that read it run too; a user's
# clone has no such folder, so they are deselected there, and the run says so. The same for browser
# tests without Chromium.
test: setup lint system-tools
	@select="" ; \
	if [ ! -f "$(SHARED_DATA)/README.md" ]; then \
		echo "note: $(SHARED_DATA) not found: running without the shared_data integration tests"; \
		select="not shared_data"; \
	fi; \
	if ! command -v chromium >/dev/null; then \
		echo "note: no chromium: running without the browser tests"; \
		select="$${select:+$$select and }not browser"; \
	fi; \
	if [ -n "$$select" ]; then $(PY) -m pytest -m "$$select"; else $(PY) -m pytest; fi

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache .hypothesis
