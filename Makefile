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

.PHONY: demo test setup models lint unit clean

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

# With ../shared/data present (CI, developers) the integration tests that read it run too; a user's
# clone has no such folder, so they are deselected there, and the run says so.
test: setup lint
	@if [ -f "$(SHARED_DATA)/README.md" ]; then \
		$(PY) -m pytest; \
	else \
		echo "note: $(SHARED_DATA) not found: running without the shared_data integration tests"; \
		$(PY) -m pytest -m "not shared_data"; \
	fi

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache .hypothesis
