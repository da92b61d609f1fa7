"""The NER network's LSTM in 8-bit integers, with a sentence's emissions independent of its batch.

ONNX Runtime's ``com.microsoft.DynamicQuantizeLSTM`` multiplies int8 weights by inputs that it
quantises on the fly, with **one scale per matrix**: the input matrix (every character of the
batch) and, at each time step, the hidden states of every sentence in the batch.  Left alone,
a sentence's emissions would then depend on the other sentences of its batch (their extreme
values set the scale), which the pipeline must not allow: a document's entities may not depend
on what was batched with it.

So every batch carries one more row, the **sentinel**, which pins both ranges:

* its input (the same at every time step) holds the smallest and the largest value any input
  can take (over the embedding tables, the lexicon and SoftLexicon layers' reachable outputs
  and the style vector), so the input matrix's range, hence its scale, is that of the model, not of the batch;
* its hidden state holds the largest and the smallest value a hidden unit can reach, at every
  step: two units start with a large cell state of opposite signs (``initial_c``) and the
  sentinel's input drives their forget and output gates to saturation in both directions
  (chosen here from the weights: each input at one end of the range, by the sign of a weighted
  sum of the gate rows, with a margin that covers anything the recurrent term can add), so
  their outputs stay at ``±tanh(c) * sigmoid(·)`` saturated, the ends of every hidden state's
  range; at step 0 ``initial_h`` holds ±1.

Every real row's values then fall inside ranges that no batch can change, and the sentinel's
output row is dropped.  :class:`~cnews_ie.backends.ner_runtime.OnnxTagger` checks at load that
the rows of a probe batch get the same emissions alone as together (so a runtime whose kernel
quantises otherwise is caught) and falls back to float32 when they do not.
"""

from __future__ import annotations

from typing import Any

import numpy as np

__all__ = ["MARGIN", "WEIGHT_LEVELS", "int8_lstm", "int8_sentinel"]

#: the largest magnitude of a quantised weight, tried in this order: 8 bits, then 7 bits.  An x86
#: CPU with AVX2 and no VNNI multiplies ONNX Runtime's u8 inputs by s8 weights with VPMADDUBSW,
#: which adds two products into 16 bits and saturates (255 * 127 * 2 > 32767); weights of at most
#: 63 cannot (ONNX Runtime's ``reduce_range``).  The runtime keeps the first that passes its
#: probe check: on a CPU with VNNI the 8-bit weights, on one without, where saturation moves the
#: emissions past the tolerance, the 7-bit ones (found on an AMD EPYC, AVX2 only, 2026-11-27).
WEIGHT_LEVELS = (127, 63)

#: least pre-activation of the sentinel's saturated gates, past any recurrent contribution
#: (sigmoid(20) rounds to 1.0 in float32)
MARGIN = 20.0
_CELL = 1.0e4  # the sentinel units' initial cell state: tanh of it is 1.0 in float32


def _feature_bounds(weights: dict[str, np.ndarray]) -> tuple[np.ndarray, np.ndarray]:
    """The least and greatest value each input of the LSTM can hold, in the graph's order
    (characters, left and right bigrams, lexicon, SoftLexicon, style): embedding entries, the
    lexicon layer's outputs (relu of its bias plus any subset of its weights), the SoftLexicon
    layer's (relu of its bias plus its reach), the style vector."""
    w, b = weights["lex_w"], weights["lex_b"]  # bits x lex_dim
    chars, bigrams = weights["char_table"], weights["bigram_table"]
    lows = [chars.min(0), bigrams.min(0), bigrams.min(0)]
    highs = [chars.max(0), bigrams.max(0), bigrams.max(0)]
    lows.append(np.maximum(0.0, b + np.clip(w, None, 0.0).sum(axis=0)))
    highs.append(np.maximum(0.0, b + np.clip(w, 0.0, None).sum(axis=0)))
    if "soft_b" in weights:  # relu of the SoftLexicon layer: its reach (ner_runtime) + bias
        lows.append(np.maximum(0.0, weights["soft_b"] + weights["_soft_low"]))
        highs.append(np.maximum(0.0, weights["soft_b"] + weights["_soft_high"]))
    if "style" in weights:
        lows.append(weights["style"])
        highs.append(weights["style"])
    return np.concatenate(lows), np.concatenate(highs)


def _equalize(weights: dict[str, np.ndarray]) -> None:
    """Each input of the LSTM scaled towards the widest one's range, its weight column scaled
    back (the same products in float; SmoothQuant's balance, exponent 1/2): the input matrix
    has one int8 scale, so a narrow input would otherwise get few of its 256 levels."""
    low, high = _feature_bounds(weights)
    reach = np.maximum(np.abs(low), np.abs(high))
    reach = np.where(reach > 0, reach, reach.max())
    factor = np.sqrt(reach.max() / reach).astype(np.float32)
    n_char, n_bigram = weights["char_table"].shape[1], weights["bigram_table"].shape[1]
    n_lex = weights["lex_b"].shape[0]
    n_soft = weights["soft_b"].shape[0] if "soft_b" in weights else 0
    cuts = np.cumsum([n_char, n_bigram, n_bigram, n_lex, n_soft])
    f_char, f_left, f_right, f_lex, f_soft, f_style = np.split(factor, cuts)
    f_bigram = np.sqrt(f_left * f_right)  # one table feeds both: one factor
    factor = np.concatenate([f_char, f_bigram, f_bigram, f_lex, f_soft, f_style])
    weights["char_table"] = weights["char_table"] * f_char
    weights["bigram_table"] = weights["bigram_table"] * f_bigram
    weights["lex_w"] = weights["lex_w"] * f_lex  # relu(a x) = a relu(x) for a > 0
    weights["lex_b"] = weights["lex_b"] * f_lex
    if n_soft:
        for key in ("soft_w", "soft_b", "_soft_low", "_soft_high"):
            weights[key] = weights[key] * f_soft
    if "style" in weights:
        weights["style"] = weights["style"] * f_style
    weights["W"] = weights["W"] / factor


def _gate_rows(
    weights: dict[str, np.ndarray], unit: int, hidden: int
) -> list[tuple[np.ndarray, float]]:
    """For each direction, the output and forget gate rows of ``unit`` (the graph's gate
    order i, o, f, c) and the least bias they have with any hidden state in [-1, 1]."""
    rows = []
    for w, r, b in zip(weights["W"], weights["R"], weights["B"], strict=True):
        for gate in (1, 2):
            row = gate * hidden + unit
            bias = b[row] + b[4 * hidden + row]
            rows.append((w[row], float(bias - np.abs(r[row]).sum())))
    return rows


def _saturating_input(
    rows: list[tuple[np.ndarray, float]], low: float, high: float, steps: int = 60
) -> tuple[float, np.ndarray]:
    """An input at the ends of [low, high] that makes every row's pre-activation large, and the
    least of those pre-activations: the sign of a weighted sum of the rows, the weights moved
    towards the weakest row (a few multiplicative steps)."""
    weights = np.full(len(rows), 1.0 / len(rows))
    best: tuple[float, np.ndarray] | None = None
    for _ in range(steps):
        direction = sum(w * row for w, (row, _) in zip(weights, rows, strict=True))
        x = np.where(direction > 0, high, low)
        z = np.array([row @ x + bias for row, bias in rows])
        if best is None or z.min() > best[0]:
            best = (float(z.min()), x)
        weights = weights * np.exp(-0.1 * (z - z.mean()) / (np.abs(z).max() + 1e-9))
        weights /= weights.sum()
    assert best is not None
    return best


def _sentinel(weights: dict[str, np.ndarray], hidden: int) -> tuple[np.ndarray, int, int] | None:
    """The sentinel's input and its two saturated units (for +1 and -1), or None when no pair
    of units can be saturated within the input's range."""
    bounds = _feature_bounds(weights)
    low, high = float(bounds[0].min()), float(bounds[1].max())
    singles = sorted(
        (
            (_saturating_input(_gate_rows(weights, u, hidden), low, high, 10)[0], u)
            for u in range(hidden)
        ),
        reverse=True,
    )
    candidates = [u for _, u in singles[:8]]
    best: tuple[float, np.ndarray, int, int] | None = None
    for i, a in enumerate(candidates):
        for b in candidates[i + 1 :]:
            rows = _gate_rows(weights, a, hidden) + _gate_rows(weights, b, hidden)
            least, x = _saturating_input(rows, low, high)
            if best is None or least > best[0]:
                best = (least, x, a, b)
    if best is None or best[0] < MARGIN:
        return None
    _, x, a, b = best
    x = x.astype(np.float32)
    x[0], x[-1] = low, high  # both ends present, whatever the signs chose
    rows = _gate_rows(weights, a, hidden) + _gate_rows(weights, b, hidden)
    if min(row @ x + bias for row, bias in rows) < MARGIN:
        return None
    return x, a, b


def _quantize(w: np.ndarray, levels: int = WEIGHT_LEVELS[0]) -> tuple[np.ndarray, np.ndarray]:
    """Symmetric int8 weights per output column, at most ``levels`` in magnitude (one of
    :data:`WEIGHT_LEVELS`): (direction, input, 4 hidden) and the scales (direction, 4 hidden)."""
    wt = np.transpose(w, (0, 2, 1))  # direction x input x gates
    scale = np.abs(wt).max(axis=1) / float(levels)
    scale = np.where(scale > 0, scale, 1.0).astype(np.float32)
    q = np.clip(np.rint(wt / scale[:, None, :]), -levels, levels).astype(np.int8)
    return q, scale


def int8_sentinel(
    weights: dict[str, np.ndarray], hidden: int, equalize: bool = True
) -> tuple[np.ndarray, int, int] | None:
    """The sentinel row's input (one value per LSTM input, in the graph's order of features)
    and its two saturated units, after equalising the inputs in ``weights`` (which holds the
    float ``W``, ``R``, ``B`` and the feature layers); None when the weights admit no
    sentinel.  The graph gives the sentinel's row to the LSTM as the last of its batch."""
    if equalize:
        _equalize(weights)
    return _sentinel(weights, hidden)


def int8_lstm(
    weights: dict[str, np.ndarray],
    hidden: int,
    sentinel: tuple[np.ndarray, int, int],
    levels: int = WEIGHT_LEVELS[0],
) -> list[Any]:
    """The nodes that compute ``y`` (time x direction x batch x hidden) from ``x_time_first``
    (time x batch x input, the sentinel's input as its last row: :func:`int8_sentinel`),
    ``lengths`` (of the other rows) and ``rows`` (their number) with the int8 LSTM (weights of
    at most ``levels`` in magnitude); the sentinel's row stays the last of ``y`` (the caller
    drops it from the emissions).  Adds their constants to ``weights``."""
    from onnx import TensorProto, helper

    _, a, b = sentinel
    directions = weights["W"].shape[0]
    h0 = np.zeros((directions, 1, hidden), dtype=np.float32)
    c0 = np.zeros((directions, 1, hidden), dtype=np.float32)
    h0[:, 0, a], h0[:, 0, b] = 1.0, -1.0
    c0[:, 0, a], c0[:, 0, b] = _CELL, -_CELL
    w_q, w_scale = _quantize(weights.pop("W"), levels)
    r_q, r_scale = _quantize(weights.pop("R"), levels)
    weights.update({
        "W_q": w_q, "W_scale": w_scale, "W_zero": np.zeros(w_scale.shape, np.int8),
        "R_q": r_q, "R_scale": r_scale, "R_zero": np.zeros(r_scale.shape, np.int8),
        "sentinel_h": h0, "sentinel_c": c0,
        "state_dims": np.array([directions], np.int64), "hidden_dim": np.array([hidden], np.int64),
    })  # fmt: skip
    node = helper.make_node
    return [
        node("Cast", ["steps"], ["steps_i32"], to=TensorProto.INT32),
        node("Concat", ["lengths", "steps_i32"], ["lengths_all"], axis=0),
        node("Concat", ["state_dims", "rows", "hidden_dim"], ["state_shape"], axis=0),
        node("ConstantOfShape", ["state_shape"], ["state_zeros"]),
        node("Concat", ["state_zeros", "sentinel_h"], ["h0"], axis=1),
        node("Concat", ["state_zeros", "sentinel_c"], ["c0"], axis=1),
        node(
            "DynamicQuantizeLSTM",
            [
                "x_time_first",
                "W_q",
                "R_q",
                "B",
                "lengths_all",
                "h0",
                "c0",
                "",
                "W_scale",
                "W_zero",
                "R_scale",
                "R_zero",
            ],
            ["y"],
            domain="com.microsoft",
            direction="bidirectional",
            hidden_size=hidden,
        ),
    ]
