"""Benchmark Slate's model layer against plain transformers / sentence-transformers, side by side.

In one process: (1) loading SmolLM2-135M Q4_1 from its GGUF (plain ``from_pretrained(gguf_file=)``,
then Slate's first load, which converts to the safetensors cache, then Slate's cached load, in this
process and in a fresh one); (2) tokens/s generating 128 new tokens, plain ``generate`` vs Slate's
streaming ``TransformersTextModel``, same prompt and decoding settings, rounds interleaved so that
background load hits both alike; (3) embeddings/s for 2,000 short texts, plain
``SentenceTransformer.encode`` vs ``SentenceTransformerEmbedder.embed`` (and the disk cache cold and
warm); (4) peak RSS after each step. Prints a table and the ratios slate/baseline.

Usage: ``.venv/bin/python scripts/bench_models.py [--rounds 3] [--threads N] [--texts 2000]``
Needs ``scripts/fetch_models.py`` to have run. Numbers vary with machine load: check ``uptime``.
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

os.environ.setdefault("HF_HUB_OFFLINE", "1")

from assistant.config import load_settings
from assistant.models.base import ChatMessage, GenerationOptions
from assistant.models.known import FETCH_COMMAND, SMOLLM2_GGUF, default_gguf_path

NEW_TOKENS = 128
PROMPT = [
    ChatMessage(
        role="user",
        content="Write a long, detailed story about a lighthouse keeper during a winter storm.",
    )
]
_SUBJECTS = ["The keeper", "A courier", "The baker", "Two soldiers", "The teacher", "A child"]
_VERBS = ["waits for", "argues about", "carries", "hides", "remembers", "repairs"]
_OBJECTS = ["the lantern", "a letter", "the old map", "a loaf of rye", "the radio", "a key"]
_PLACES = ["at the depot", "on the cliff", "in the kitchen", "by the harbour", "at noon", "at dusk"]


def short_texts(count: int) -> list[str]:
    """``count`` distinct short sentences (6x6x6x6 combinations, numbered past 1,296)."""
    out = []
    for i in range(count):
        s, v, o, p = (i % 6, (i // 6) % 6, (i // 36) % 6, (i // 216) % 6)
        suffix = f" ({i // 1296 + 1})" if i >= 1296 else ""
        out.append(f"{_SUBJECTS[s]} {_VERBS[v]} {_OBJECTS[o]} {_PLACES[p]}{suffix}.")
    return out


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux


def timed(action: Callable[[], Any]) -> tuple[float, Any]:
    start = time.perf_counter()
    result = action()
    return time.perf_counter() - start, result


def row(label: str, value: str, note: str = "") -> None:
    print(f"  {label:<46} {value:>14}  {note}")


def bench_generation(gguf: Path, cache_dir: Path, rounds: int, threads: int | None) -> None:
    import torch
    from transformers import AutoModelForCausalLM, AutoTokenizer

    from assistant.models import transformers_llm
    from assistant.models.gguf_cache import _no_tqdm, converted_dir
    from assistant.models.transformers_llm import TransformersTextModel

    if threads:
        torch.set_num_threads(threads)
    print(f"Text generation: {SMOLLM2_GGUF.name}, torch threads {torch.get_num_threads()}")

    def plain_load() -> tuple[Any, Any]:
        mod: Any
        with _no_tqdm():
            tok = AutoTokenizer.from_pretrained(str(gguf.parent), gguf_file=gguf.name)
            mod = AutoModelForCausalLM.from_pretrained(
                str(gguf.parent), gguf_file=gguf.name, dtype=torch.float32
            )
        return mod.eval(), tok

    seconds, (plain_model, tokenizer) = timed(plain_load)
    row("plain GGUF load (dequantize), baseline", f"{seconds:.1f} s", f"RSS {peak_rss_mb():.0f} MB")

    with tempfile.TemporaryDirectory(prefix="slate-bench-") as fresh:
        first = TransformersTextModel(
            gguf, cache_dir=Path(fresh), device="cpu", expected_sha256=SMOLLM2_GGUF.sha256
        )
        seconds, _ = timed(first.load)
        row("Slate first load (GGUF -> safetensors cache)", f"{seconds:.1f} s", "once per file")
        del first
        transformers_llm._LOADED.clear()

    slate = TransformersTextModel(
        gguf, cache_dir=cache_dir, device="cpu", expected_sha256=SMOLLM2_GGUF.sha256
    )
    if not (converted_dir(gguf, cache_dir) / "slate-source.json").is_file():
        slate.load()  # make the user's cache, then time a load from it
        transformers_llm._LOADED.clear()
        slate = TransformersTextModel(gguf, cache_dir=cache_dir, device="cpu")
    seconds, _ = timed(slate.load)
    row("Slate cached load, warm process", f"{seconds:.2f} s", "imports already done")
    code = (
        "import time; t = time.perf_counter(); from assistant.config import load_settings; "
        "from assistant.models.registry import get_text_model; "
        "get_text_model(load_settings()).load(); print(time.perf_counter() - t)"
    )
    env = {**os.environ, "SLATE_CACHE_DIR": str(cache_dir)}
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env)
    cold = float(out.stdout.strip().splitlines()[-1]) if out.returncode == 0 else float("nan")
    row("Slate cached load, fresh process", f"{cold:.2f} s", "incl. importing torch/transformers")

    options = GenerationOptions(max_new_tokens=NEW_TOKENS, repetition_penalty=1.1)
    chat = [m.model_dump() for m in PROMPT]
    encoded = tokenizer.apply_chat_template(
        chat, add_generation_prompt=True, return_tensors="pt", return_dict=True
    )

    reference: dict[str, tuple[str, int]] = {}

    def plain_generate() -> int:
        with torch.inference_mode():
            output = plain_model.generate(
                **encoded, max_new_tokens=NEW_TOKENS, do_sample=False, repetition_penalty=1.1,
                pad_token_id=tokenizer.eos_token_id,
            )  # fmt: skip
        new = output[0, encoded["input_ids"].shape[1] :]
        reference["plain"] = (tokenizer.decode(new, skip_special_tokens=True), int(new.shape[0]))
        return int(new.shape[0])

    def slate_generate() -> int:
        text = "".join(slate.stream(PROMPT, options))
        plain_text, plain_tokens = reference["plain"]
        # Greedy decoding of the same weights gives the same tokens; re-tokenizing the text
        # could merge some, so use the plain run's count when the texts agree.
        if text == plain_text:
            return plain_tokens
        print("  (note: texts differ; counting Slate's tokens by re-tokenizing)")
        return slate.count_tokens(text)

    plain_rates, slate_rates = [], []
    plain_generate()  # warm-up: first call allocates caches
    for _ in range(rounds):
        seconds, tokens = timed(plain_generate)
        plain_rates.append(tokens / seconds)
        seconds, tokens = timed(slate_generate)
        slate_rates.append(tokens / seconds)
    plain_rate, slate_rate = statistics.median(plain_rates), statistics.median(slate_rates)
    row(f"plain generate, {NEW_TOKENS} new tokens", f"{plain_rate:.1f} tok/s",
        f"rounds {', '.join(f'{r:.1f}' for r in plain_rates)}")  # fmt: skip
    row("Slate stream, same prompt and settings", f"{slate_rate:.1f} tok/s",
        f"rounds {', '.join(f'{r:.1f}' for r in slate_rates)}")  # fmt: skip
    row("ratio slate/baseline", f"{slate_rate / plain_rate:.2f}", "target >= 0.90")
    row("peak RSS after generation", f"{peak_rss_mb():.0f} MB")


def bench_embeddings(count: int, rounds: int, threads: int | None) -> None:
    import torch
    from sentence_transformers import SentenceTransformer

    from assistant.models.embedder import SentenceTransformerEmbedder, default_embedder_path
    from assistant.models.embedding_cache import CachedEmbedder

    if threads:
        torch.set_num_threads(threads)
    texts = short_texts(count)
    print(f"Embeddings: all-MiniLM-L6-v2, {count} short texts, batch 64")
    seconds, plain = timed(lambda: SentenceTransformer(str(default_embedder_path()), device="cpu"))
    row("plain SentenceTransformer load", f"{seconds:.2f} s")
    slate = SentenceTransformerEmbedder(device="cpu", batch_size=64)
    seconds, _ = timed(lambda: slate.embed(["warm up"]))
    row("Slate embedder load (+1 text)", f"{seconds:.2f} s")

    def plain_encode() -> Any:
        return plain.encode(
            texts, batch_size=64, normalize_embeddings=True, convert_to_numpy=True,
            show_progress_bar=False,
        )  # fmt: skip

    plain_rates, slate_rates = [], []
    plain_encode()  # warm-up
    for _ in range(rounds):
        seconds, _ = timed(plain_encode)
        plain_rates.append(count / seconds)
        seconds, _ = timed(lambda: slate.embed(texts))
        slate_rates.append(count / seconds)
    plain_rate, slate_rate = statistics.median(plain_rates), statistics.median(slate_rates)
    row("plain encode", f"{plain_rate:.0f} texts/s",
        f"rounds {', '.join(f'{r:.0f}' for r in plain_rates)}")  # fmt: skip
    row("Slate embed", f"{slate_rate:.0f} texts/s",
        f"rounds {', '.join(f'{r:.0f}' for r in slate_rates)}")  # fmt: skip
    row("ratio slate/baseline", f"{slate_rate / plain_rate:.2f}", "target >= 0.90")
    with tempfile.TemporaryDirectory(prefix="slate-bench-") as tmp:
        cached = CachedEmbedder(slate, Path(tmp) / "e.sqlite")
        seconds, _ = timed(lambda: cached.embed(texts))
        row("Slate embed through disk cache, cold", f"{count / seconds:.0f} texts/s", "+ writes")
        seconds, _ = timed(lambda: cached.embed(texts))
        row("Slate embed through disk cache, warm", f"{count / seconds:.0f} texts/s", "all hits")
    row("peak RSS after embeddings", f"{peak_rss_mb():.0f} MB")


def _quiet() -> None:
    from assistant.models.quiet import quiet_transformers

    quiet_transformers()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Slate model layer vs plain libraries")
    parser.add_argument("--rounds", type=int, default=3, help="timed rounds per side (median)")
    parser.add_argument("--threads", type=int, help="torch threads (default: torch's)")
    parser.add_argument("--texts", type=int, default=2000, help="short texts to embed")
    parser.add_argument("--skip", choices=["generation", "embeddings"], help="skip one part")
    args = parser.parse_args(argv)
    settings = load_settings()
    gguf = default_gguf_path(settings.cache_dir)
    if args.skip != "generation" and not gguf.is_file():
        print(f"bench_models: {gguf} is missing; run `{FETCH_COMMAND}` first", file=sys.stderr)
        return 2
    _quiet()
    load = os.getloadavg()[0]
    print(f"Machine: {os.cpu_count()} cores, load average {load:.1f} (numbers assume ~0); "
          f"OMP_WAIT_POLICY={os.environ.get('OMP_WAIT_POLICY')}")  # fmt: skip
    if args.skip != "embeddings":
        bench_embeddings(args.texts, args.rounds, args.threads)
    if args.skip != "generation":
        bench_generation(gguf, settings.cache_dir, args.rounds, args.threads)
    return 0


if __name__ == "__main__":
    sys.exit(main())
