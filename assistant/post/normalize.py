"""A loudness-normalised copy of a mix with a true-peak limit.

The gain brings the BS.1770 integrated loudness to the spec's target (made up after limiting, for
at most ``GAIN_ROUNDS`` rounds); a look-ahead limiter then keeps the 4x-oversampled peak at or
under the spec's ceiling. The limiter's gain curve is the required gain per sample (ceiling /
oversampled peak, at most 1), taken as the minimum over a window of +/-``LOOKAHEAD_MS`` and then
averaged over the same window: an average of minima that each include sample n cannot exceed the
gain sample n needs, so the curve never lets a peak through, and it moves smoothly (no clicks).
Inter-sample peaks of the result are measured again; when they still exceed the ceiling the pass
repeats, aiming a tenth of the excess (in dB) lower, for at most ``MAX_PASSES`` passes.
"""

from __future__ import annotations

import io
from pathlib import Path
from typing import TYPE_CHECKING

from pydantic import BaseModel

from assistant.errors import PostError
from assistant.post.loudness import (
    DeliverySpec,
    integrated_loudness,
    oversampled_peaks,
    read_audio,
    true_peak,
)

if TYPE_CHECKING:
    from assistant.post.loudness import FloatArray

LOOKAHEAD_MS = 1.5
"""Half-width of the limiter's window."""
MAX_PASSES = 4
"""Limiter passes at most (each re-measures the inter-sample peaks it left)."""
GAIN_ROUNDS = 4
"""Gain-then-limit rounds at most: limiting lowers the loudness, so the gain is made up and the
result limited again until it is within 0.1 LU of the target (or the rounds run out)."""


class NormalizeResult(BaseModel):
    """What ``normalize`` did."""

    file: str
    out: str
    target: str
    gain_db: float
    input_lufs: float
    output_lufs: float | None
    output_true_peak_dbtp: float | None
    limited: bool
    """Whether the limiter had to lower any sample."""


def _limit(data: FloatArray, ceiling_db: float, window: int) -> tuple[FloatArray, bool]:
    """The limited signal, and whether any gain was lowered; ``window`` is the half-width in
    samples."""
    import numpy as np
    from scipy.ndimage import minimum_filter1d, uniform_filter1d

    ceiling = 10.0 ** (ceiling_db / 20.0)
    out = data
    limited = False
    for _ in range(MAX_PASSES):
        peaks = oversampled_peaks(out)
        over = float(peaks.max()) / ceiling if peaks.size else 0.0
        if over <= 1.0 + 1e-6:
            break
        limited = True
        need = np.minimum(1.0, ceiling / np.maximum(peaks, 1e-12))
        width = 2 * window + 1
        gain = uniform_filter1d(minimum_filter1d(need, width, mode="nearest"), width,
                                mode="nearest")  # fmt: skip
        out = out * gain[:, None]
        ceiling = ceiling / max(over, 1.0) ** 0.1  # a touch lower each pass
    return out, limited


def normalize(path: Path, spec: DeliverySpec) -> tuple[bytes, NormalizeResult]:
    """The normalised copy as WAV bytes (the input's sample format), and what was done.

    Raises:
        PostError: the input is not measurable audio, or silent (no gain makes it loud).
    """
    import numpy as np
    import soundfile

    data, rate = read_audio(path)
    before = integrated_loudness(data, rate)
    if before is None:
        raise PostError(f"{path} is silent (nothing above -70 LUFS); there is nothing to normalise")
    target = spec.integrated
    if spec.dialogue_gated:
        # The dialogue is what must sit at the target: aim the whole mix as far from it as the
        # dialogue sits from the mix now (a gain moves both alike; the gate reads level-free).
        from assistant.post.dialogue_gate import dialogue_gated
        from assistant.post.loudness import _k_weighted

        gate = dialogue_gated(data, rate, _k_weighted(data, rate))
        if gate.loudness_lufs is not None:
            target = spec.integrated + before - gate.loudness_lufs
    gain_db = target - before
    window = max(1, round(LOOKAHEAD_MS / 1000 * rate))
    limited = False
    for _ in range(GAIN_ROUNDS):
        limited_data, limited_now = _limit(
            data * 10.0 ** (gain_db / 20.0), spec.max_true_peak, window
        )
        limited = limited or limited_now
        reached = integrated_loudness(limited_data, rate)
        if not limited_now or reached is None or abs(reached - target) <= 0.1:
            break
        # Limiting took loudness out with the peaks: make it up, and limit again.
        gain_db += target - reached
    info = soundfile.info(str(path))
    subtype = info.subtype if info.subtype in soundfile.available_subtypes("WAV") else "FLOAT"
    buffer = io.BytesIO()
    soundfile.write(buffer, np.clip(limited_data, -1.0, 1.0), rate, format="WAV", subtype=subtype)
    data_bytes = buffer.getvalue()
    reread, _ = soundfile.read(io.BytesIO(data_bytes), dtype="float64", always_2d=True)
    after = integrated_loudness(reread, rate)
    peak = true_peak(reread)
    return data_bytes, NormalizeResult(
        file=str(path), out="", target=spec.name, gain_db=round(gain_db, 2),
        input_lufs=round(before, 2), output_lufs=None if after is None else round(after, 2),
        output_true_peak_dbtp=None if peak is None else round(peak, 2), limited=limited,
    )  # fmt: skip
