"""Evaluate ``slate ask`` on the dev set (scripts/data/ask_dev.v1.jsonl) over the TRIPOD scripts.

Reports, per split:
- retrieval hit@5 / recall@5 over answerable questions with gold scenes, for the dense ranker,
  BM25, the fused ranking (and, with ``--fusion-sweep``, weighted sums), plus the scenes the
  answer actually cites (tools cite what they computed);
- keyword accuracy (every keyword in the answer, case-insensitive; a number keyword as a whole
  number outside the answer's citations and a tool's list of scenes) over answerable
  questions, and the same with numbers read anywhere (the rule before wave 9);
- abstention rate on unanswerable questions and false-abstention rate on answerable ones;
- how often each answer path was taken.

Modes: ``no-llm`` (tools and extractive answers) and ``default-model`` (the configured model,
SmolLM2-135M by default, forced to write answers, each checked by the grounding check).

    .venv/bin/python scripts/eval_ask.py --split tune --fusion-sweep
    .venv/bin/python scripts/eval_ask.py --split report --mode no-llm --mode default-model

The dev set's report half has been seen; report on the fresh set instead (other scripts):

    .venv/bin/python scripts/eval_ask.py --dev scripts/data/ask_report.v2.jsonl --split report \
        --mode no-llm --mode default-model
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import time
from collections import Counter, defaultdict
from collections.abc import Sequence
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from assistant import api  # noqa: E402
from assistant.analysis.ask.fusion import rank, weighted  # noqa: E402
from assistant.analysis.ask.retrieval import DenseUnit, SceneIndex  # noqa: E402
from assistant.analysis.ask.service import QUESTION_SENTENCES, Asker  # noqa: E402

DEV = ROOT / "scripts" / "data" / "ask_dev.v1.jsonl"
K = 5


def _load(path: Path, split: str) -> list[dict[str, Any]]:
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line]
    return [r for r in rows if split == "all" or r["split"] == split]


def _hits(ranked: Sequence[int | None], gold: list[int]) -> tuple[float, float]:
    top = set(ranked[:K])
    found = len(top & set(gold))
    return float(found > 0), found / len(gold)


def _has(text: str, keyword: str) -> bool:
    """A keyword is in the answer (case-insensitive); ``a|b`` accepts either spelling."""
    return any(k.lower() in text for k in keyword.split("|"))


_PARENTHESIS = re.compile(r"(?:\bscene\s+[\w.-]+\s*)?\([^()]*(?:\([^()]*\)[^()]*)*\)", re.I)
"""A parenthesis, one level of parentheses inside it (a heading's own: ``INT. SHED (LATER) -
NIGHT``), with the ``scene N`` label just before it if there is one."""
_CITED = re.compile(r"\b(?:p\.\s*\d+|line\s+\d+)\b", re.I)
"""What makes a parenthesis a citation: ``scene 12 (INT. BAR - DAY, p. 4, line 280)``, ``7
(INT. LAX, p. 6)``. Others are the script's own and stay: an age in ``ODILE MARSH (14)``."""


def _uncited(text: str) -> str:
    """``text`` without its citations and the ``scene N`` labels before them (a nearest-scene
    list's labels were read as numbers of the answer)."""
    return _PARENTHESIS.sub(lambda m: " " if _CITED.search(m.group(0)) else m.group(0), text)


_LISTING = re.compile(r":\s|\bthey are\b", re.IGNORECASE)
"""Where a tool's answer starts listing its scenes (``speaks in 11: 7 (...); 8 (...)``)."""


def _claim(text: str, path: str) -> str:
    """The part of an answer a number keyword must be in: without its citations, and for a
    tool's answer the part before its list of scenes. Read whole, a count of 4 was "right"
    when a listed scene was on page 4 or was scene 4."""
    text = _uncited(text)
    if path == "tool":
        text = _LISTING.split(text, maxsplit=1)[0]
    return text


def _has_strictly(text: str, keyword: str, path: str) -> bool:
    """``_has``, except that a keyword that is a number must stand as a whole number in the
    answer's claim (``_claim``), not inside a scene label, a page or a line number."""
    claim = _claim(text, path)
    for k in keyword.lower().split("|"):
        if k.isdigit():
            if re.search(rf"(?<![\w./]){re.escape(k)}(?![\w/]|\.\d)", claim):
                return True
        elif k in text:
            return True
    return False


def _pct(values: list[float]) -> str:
    return f"{100 * sum(values) / len(values):5.1f}% (n={len(values)})" if values else "  n/a"


def evaluate(
    rows: list[dict[str, Any]],
    data: Path,
    mode: str,
    sweep: bool,
    compare: list[DenseUnit],
    state: str = "one-shot",
    budget: int = QUESTION_SENTENCES,
) -> dict[str, Any]:
    settings = api.load_settings()
    if mode == "default-model":
        settings = settings.model_copy(deep=True)
        settings.models.generator.max_tokens = 64  # answers are one or two sentences
    if state == "cold":  # no vectors from disk: nothing embedded before the first question
        settings = settings.model_copy(deep=True)
        settings.models.embedder.cache = False
    by_script: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for row in rows:
        by_script[row["script"]].append(row)
    retrieval: dict[str, list[tuple[float, float]]] = defaultdict(list)
    keywords: list[float] = []
    loose: list[float] = []  # the rule before wave 9: a number anywhere, citations included
    by_kind: dict[str, list[float]] = defaultdict(list)
    abstained_unanswerable: list[float] = []
    false_abstention: list[float] = []
    seconds: list[float] = []
    failures: list[str] = []
    missed: list[str] = []  # answerable questions whose gold scene is not in the fused top 5
    paths: Counter[str] = Counter()
    for script, questions in by_script.items():
        folder = data / "labeled" / "tripod" / "screenplays"
        # Tuning files v5 on use TRIPOD training scripts; the others are test scripts.
        found = folder / "test" / script
        screenplay = api.open_script(found if found.is_file() else folder / "train" / script)
        started = time.perf_counter()
        asker = Asker(screenplay, settings, use_llm=mode == "default-model")
        if state == "embedded":  # the background's end state: every sentence embedded
            asker.index.sentences.ensure(list(range(len(screenplay.scenes))))
        elif state == "cold":  # a question before the background reached anything
            asker.index.question_sentences = budget
        print(f"{script}: index {time.perf_counter() - started:.1f} s", file=sys.stderr)
        start_of = {i: s.start_line for i, s in enumerate(screenplay.scenes)}
        others: dict[DenseUnit, SceneIndex] = {}
        for unit in compare:
            started = time.perf_counter()
            others[unit] = SceneIndex(
                screenplay, asker.embedder, cache_dir=settings.cache_dir, facts=asker.facts,
                dense=unit,
            )  # fmt: skip
            print(f"  {unit} index {time.perf_counter() - started:.1f} s", file=sys.stderr)
        for row in questions:
            gold = row["gold_start_lines"]
            answerable = row["kind"] != "unanswerable"
            if gold:
                dense, lexical = asker.index.scores(row["question"])
                rankings = {
                    "dense": rank(dense, lexical, "dense"),
                    "bm25": rank(dense, lexical, "bm25"),
                    "fused (weighted)": rank(dense, lexical, "fused"),
                    "fused (rrf)": rank(dense, lexical, "rrf"),
                }
                if sweep:
                    for w in (0.3, 0.5, 0.6, 0.7, 0.8, 0.9):
                        rankings[f"weighted {w}"] = weighted(dense, lexical, w)
                for unit, other in others.items():
                    o_dense, o_lexical = other.scores(row["question"])
                    rankings[f"dense ({unit})"] = rank(o_dense, o_lexical, "dense")
                    rankings[f"fused ({unit}, rrf)"] = rank(o_dense, o_lexical, "rrf")
                    rankings[f"fused ({unit}, weighted)"] = rank(o_dense, o_lexical, "fused")
                for name, ranked in rankings.items():
                    retrieval[name].append(_hits([start_of[i] for i, _ in ranked], gold))
                if not retrieval["fused (weighted)"][-1][0]:
                    missed.append(f"{row['id']} {row['question']}")
            started = time.perf_counter()
            answer = asker.ask(row["question"])
            seconds.append(time.perf_counter() - started)
            paths[answer.path + (" (abstained)" if answer.abstained else "")] += 1
            if gold:
                cited = [s.start_line for s in answer.scenes if s.start_line is not None]
                retrieval["answer citations"].append(_hits(cited, gold))
            if answerable:
                text = answer.answer.lower()
                ok = float(all(_has_strictly(text, k, answer.path) for k in row["keywords"]))
                loose.append(float(all(_has(text, k) for k in row["keywords"])))
                keywords.append(ok)
                by_kind[row["kind"]].append(ok)
                false_abstention.append(float(answer.abstained))
                if not ok:
                    failures.append(f"{row['id']} [{answer.path}] {row['question']} -> "
                                    f"{answer.answer[:140]!r}")  # fmt: skip
            else:
                abstained_unanswerable.append(float(answer.abstained))
                if not answer.abstained:
                    failures.append(f"{row['id']} [unanswerable, answered] {row['question']} -> "
                                    f"{answer.answer[:140]!r}")  # fmt: skip
        paths.update({f"counter:{k}": v for k, v in asker.paths.items()})
    return {
        "mode": mode,
        "retrieval": {
            name: {"hit@5": _pct([h for h, _ in v]), "recall@5": _pct([r for _, r in v])}
            for name, v in retrieval.items()
        },
        "keyword_accuracy": _pct(keywords),
        "keyword_accuracy_loose_numbers": _pct(loose),
        "keyword_accuracy_by_kind": {k: _pct(v) for k, v in by_kind.items()},
        "abstained_on_unanswerable": _pct(abstained_unanswerable),
        "false_abstentions": _pct(false_abstention),
        "paths": dict(paths),
        "median_answer_ms": round(1000 * sorted(seconds)[len(seconds) // 2]) if seconds else None,
        "failures": failures,
        "retrieval_misses": missed,
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "data")
    parser.add_argument("--dev", type=Path, default=DEV)
    parser.add_argument("--split", choices=["tune", "report", "all"], default="report")
    parser.add_argument("--mode", action="append", choices=["no-llm", "default-model"])
    parser.add_argument("--fusion-sweep", action="store_true", help="also weighted sums")
    parser.add_argument("--compare-dense", action="append", default=[],
                        choices=["sentences", "chunks", "openings"],
                        help="also rank with these")  # fmt: skip
    parser.add_argument(
        "--state",
        choices=["one-shot", "embedded", "cold"],
        default="one-shot",
        help="one-shot: each question embeds its candidates' sentences (slate "
        "ask); embedded: every sentence embedded first (a session after the "
        "background); cold: none embedded, each question embeds --budget",
    )
    parser.add_argument("--budget", type=int, default=QUESTION_SENTENCES)
    args = parser.parse_args()
    if not (args.data / "labeled" / "tripod").is_dir():
        print(f"{args.data}/labeled/tripod is missing (pass --data)", file=sys.stderr)
        return 2
    rows = _load(args.dev, args.split)
    for mode in args.mode or ["no-llm"]:
        report = evaluate(
            rows, args.data, mode, args.fusion_sweep, args.compare_dense, args.state, args.budget
        )
        print(json.dumps({"split": args.split, "state": args.state, **report}, indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
