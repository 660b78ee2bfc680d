"""Benchmark ``slate ask``: index a ~120-page script, answer 50 questions, time the first token.

Measures (goals from issue 15):
- the embedder's load (imports and weights, once per process; timed apart);
- index time, cold (no vector cache, the embedder loaded: the headings embedded, BM25 built)
  and warm (the caches under the temporary ``cache_dir``): goal < 3 s;
- the first question after a cold index, and the sentences embedded over all 50 questions;
  with the background on (the default, as in ``slate ask --questions`` and the TUI) the
  sentences are embedded by a background thread after the index is built and each question
  embeds at most ``QUESTION_SENTENCES`` itself; ``--no-background`` is the one-shot way (each
  question embeds every sentence of its candidate scenes);
- tool and extractive answer time over 50 questions (median, 95th percentile): goal < 150 ms;
- the default model's first generated token after retrieval and prompt building: goal < 1 s;
- peak resident memory of the process.

    .venv/bin/python scripts/bench_ask.py [--script PATH] [--generate 5]

The vector cache is written to a temporary folder, so the user's cache is neither used nor
changed. Figures depend on the machine's load; say how loaded it was next to them.
"""

from __future__ import annotations

import argparse
import resource
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from assistant import api  # noqa: E402
from assistant.analysis.ask.service import Asker  # noqa: E402
from assistant.analysis.scene_text import display_name  # noqa: E402
from assistant.models.base import GenerationOptions  # noqa: E402
from assistant.models.known import default_gguf_path  # noqa: E402
from assistant.models.registry import get_embedder  # noqa: E402

DEFAULT_SCRIPT = ROOT.parent / "shared/data/labeled/tripod/screenplays/test/Die Hard.txt"
LOOKUPS = (
    "What does {a} want from {b}?",
    "Why does {a} go to the {place}?",
    "What does {a} find in the {place}?",
    "What happens to {a} at the end?",
    "What does {a} tell {b} about the plan?",
)
TOOLS = (
    "Which scenes is {a} in?",
    "When does {a} first appear?",
    "Where do {a} and {b} first meet?",
    "How many night exteriors are there?",
    "Who speaks most?",
)


def _questions(asker: Asker, count: int) -> list[str]:
    names = [display_name(n) for n in asker.facts.characters[:10]]
    places = [p.lower() for p in asker.facts.locations[:10]]
    out: list[str] = []
    i = 0
    while len(out) < count:
        a, b, place = names[i % len(names)], names[(i + 3) % len(names)], places[i % len(places)]
        template = (LOOKUPS if i % 2 else TOOLS)[(i // 2) % 5]
        out.append(template.format(a=a, b=b, place=place))
        i += 1
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--script", type=Path, default=DEFAULT_SCRIPT)
    parser.add_argument("--questions", type=int, default=50)
    parser.add_argument("--generate", type=int, default=5, help="first-token runs (0: skip)")
    parser.add_argument("--no-background", action="store_true", help="no background embedding")
    args = parser.parse_args()
    if not args.script.is_file():
        print(f"{args.script} is missing (pass --script)", file=sys.stderr)
        return 2
    screenplay = api.open_script(args.script)
    with tempfile.TemporaryDirectory(prefix="slate-bench-ask-") as cache:
        user = api.load_settings()
        settings = api.load_settings(overrides={"cache_dir": cache})
        settings.models.embedder.cache = True  # our temp folder: starts empty
        if settings.models.generator.path is None:  # the fetched default model stays where it is
            settings.models.generator.path = default_gguf_path(user.cache_dir)
        started = time.perf_counter()
        embedder = get_embedder(settings)
        embedder.embed(["the embedder loads once per process"])
        loading = time.perf_counter() - started
        started, cpu = time.perf_counter(), time.process_time()
        background = not args.no_background
        asker = Asker(screenplay, settings, use_llm=False, embedder=embedder, background=background)
        cold, cold_cpu = time.perf_counter() - started, time.process_time() - cpu
        indexed = time.perf_counter()
        questions = _questions(asker, args.questions)
        first_lookup = next(q for q in questions if q.startswith(("What", "Why")))
        started, cpu = time.perf_counter(), time.process_time()
        asker.ask(first_lookup)  # its candidate scenes embedded, the router's examples once
        first_question, first_cpu = time.perf_counter() - started, time.process_time() - cpu
        first_embedded = asker.index.sentences.embedded
        question_embedded = 0
        started = time.perf_counter()
        warm_asker = Asker(screenplay, settings, use_llm=False, embedder=asker.embedder)
        warm = time.perf_counter() - started
        assert warm_asker.index.cache_hit
        timings: dict[str, list[float]] = {"tool": [], "extractive": []}
        cpu_times: dict[str, list[float]] = {"tool": [], "extractive": []}
        for question in questions:
            before = asker.index.sentences.embedded - asker.index.sentences.by_background
            started, cpu = time.perf_counter(), time.process_time()
            answer = asker.ask(question)
            timings[answer.path].append(time.perf_counter() - started)
            cpu_times[answer.path].append(time.process_time() - cpu)  # with a background batch
            sentences = asker.index.sentences
            question_embedded += sentences.embedded - sentences.by_background - before
        answered = time.perf_counter() - indexed
        complete = asker.index.sentences.wait(600)
        background_done = time.perf_counter() - indexed
        asker.close()
        first_tokens: list[float] = []
        first_cpu_times: list[float] = []  # the background has finished by now
        if args.generate:
            model = asker.model()
            options = GenerationOptions(max_new_tokens=8, repetition_penalty=1.1)
            lookups = [q for q in questions if q.startswith(("What", "Why"))]
            for question in lookups[: args.generate]:
                plan = asker.prompt_for(question)  # retrieval, ranking, budget: not timed
                started, cpu = time.perf_counter(), time.process_time()
                for _piece in model.stream(plan.prompt.messages(), options):
                    first_tokens.append(time.perf_counter() - started)
                    first_cpu_times.append(time.process_time() - cpu)
                    break
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    total = sum(len(s.units) for s in asker.facts.scenes)
    print(f"script: {args.script.name}, {screenplay.page_count} pages, {len(screenplay.scenes)} "
          f"scenes, {total} sentences; index embeds {len(asker.index.dense)} headings")  # fmt: skip
    print(f"embedder load (once per process, not the index): {loading:.2f} s")
    print(f"index: cold {cold:.2f} s, {cold_cpu:.2f} s CPU (goal < 3 s), warm (cached vectors) "
          f"{warm:.2f} s")  # fmt: skip
    print(f"first question after the cold index: {first_question:.2f} s, {first_cpu:.2f} s CPU "
          f"({first_embedded} sentences embedded); over {len(questions) + 1} questions "
          f"{question_embedded} sentences embedded by the questions themselves")  # fmt: skip
    if background:
        print(f"background: questions done {answered:.1f} s after the index; every sentence "
              f"embedded ({complete}) {background_done:.1f} s after the index")  # fmt: skip
    for path, values in timings.items():
        if values:
            values.sort()
            p95 = values[min(len(values) - 1, int(0.95 * len(values)))]
            median = 1000 * statistics.median(values)
            cpus = sorted(cpu_times[path])
            cpu_p95 = cpus[min(len(cpus) - 1, int(0.95 * len(cpus)))]
            print(f"{path} answers: {len(values)}, median {median:.0f} ms, "
                  f"p95 {1000 * p95:.0f} ms (goal < 150 ms); CPU (process, both cores, any "
                  f"background batch in flight) median {1000 * statistics.median(cpus):.0f} ms, "
                  f"p95 {1000 * cpu_p95:.0f} ms")  # fmt: skip
    if first_tokens:
        print(f"first generated token after retrieval ({len(first_tokens)} runs): median "
              f"{statistics.median(first_tokens):.2f} s, max {max(first_tokens):.2f} s "
              f"(goal < 1 s); CPU median {statistics.median(first_cpu_times):.2f} s")  # fmt: skip
    print(f"peak resident memory: {peak_mb:.0f} MB")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
