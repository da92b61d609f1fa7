"""The runtime of the shipped NER network: ONNX Runtime on one thread, without torch.

Why not torch
-------------
Torch's CPU kernels split each operation over a pool of intra-op threads (one per core by
default) that meet at a barrier after every time step of the LSTM.  When another process holds
a core, the thread on that core is descheduled and the others wait for it at every step: on a
2-core machine with one competing process, ``extract_many`` fell to a third of jieba posseg's
speed.  A library that slows three- to eightfold whenever a notebook kernel or a second job is
busy is no batch tool.  So the network runs on **one** thread, and parallelism comes from
``extract_many(n_jobs=...)`` processes, which share nothing and never wait for each other.
Nor does the default path import torch at all (``ner_onnx``): importing torch and HanLP left
some 190,000 objects in the process, which every full garbage collection then walked.

Why ONNX Runtime
----------------
:class:`OnnxTagger` writes the network of a
:class:`~cnews_ie.backends.ner_model.LexiconCharTaggingModel` as one ONNX graph, built here from
its weights as numpy arrays under their ``state_dict`` names (:func:`network_problem` says
whether the arrays describe that network; the sizes come from the arrays' shapes, so the graph
follows any retrained model), and runs it in an ONNX Runtime session with one intra-op thread:
the session's own setting, so nothing process-wide changes.  Its bidirectional LSTM reads each
sequence's length (``sequence_lens``), so the backward direction starts at each sentence's last
character and no padding is packed or sorted; on one thread it ran the network 1.7–2x faster
than torch's packed LSTM, with the same tags on the 4,500 MSRA dev sentences (pinned by a test)
and float32 throughout, so a sentence's tags do not depend on its batch.

By default (``build(..., int8=True)``) the LSTM's weights are 8-bit integers
(:mod:`cnews_ie.backends.ner_int8`): the network in about 0.57 of the float32 time, a few tags
different, a sentence's emissions still independent of its batch (a sentinel row pins the
kernel's quantisation scales).  It is checked on a probe batch against the float32 graph, within
:data:`INT8_TOLERANCE` of the emissions' range, and row by row alone against together; where
the first fails with 8-bit weights, 7-bit ones are tried (a CPU without VNNI saturates 8-bit
products: ``ner_int8.WEIGHT_LEVELS``); where either still fails, the float32 graph runs, with a
:class:`RuntimeWarning`.

The torch module's side (the float32 graph checked against the module's own forward, the torch
fallback for a network the graph does not describe) is :mod:`cnews_ie.backends.ner_torch`.
"""

from __future__ import annotations

import warnings
from collections.abc import Mapping
from typing import Any

import numpy as np

from cnews_ie.backends.ner_int8 import WEIGHT_LEVELS, int8_lstm, int8_sentinel

__all__ = ["INPUTS", "INT8_TOLERANCE", "OnnxTagger", "network_problem", "probe"]

#: the per-character inputs of the network (int64, batch x time), as the featuriser names them
INPUTS = ("token_id", "bil_id", "bir_id", "lex_id")
_OPSET = 18  # BitwiseAnd
#: largest emission difference of the int8 graph to the float32 graph on the probe batch, as a
#: share of the range of the float32 emissions there (the shipped model: 0.4 %; a wrong gate
#: order or weight layout: tens of percent)
INT8_TOLERANCE = 0.05
_LSTM = tuple(
    f"lstm.{kind}_{part}_l0{way}"
    for way in ("", "_reverse")
    for kind in ("weight", "bias")
    for part in ("ih", "hh")
)
#: the weights the graph reads, by ``state_dict`` name; ``soft_proj.*`` and
#: ``domain_embed.weight`` where the model has them
_REQUIRED = frozenset({
    "char_embed.weight", "bigram_embed.weight", "lex_proj.weight", "lex_proj.bias", *_LSTM,
    "out.weight", "out.bias", "crf.start_transitions", "crf.transitions", "crf.end_transitions",
})  # fmt: skip
_OPTIONAL = frozenset({"soft_proj.weight", "soft_proj.bias", "domain_embed.weight"})


def _gates(w: np.ndarray) -> np.ndarray:
    """Torch's LSTM gate blocks (input, forget, cell, output) in ONNX's order (i, o, f, c)."""
    i, f, g, o = np.split(w, 4, axis=0)
    return np.concatenate([i, o, f, g], axis=0)


def network_problem(state: Mapping[str, np.ndarray]) -> str | None:
    """None when ``state`` (weights by ``state_dict`` name) describes the network :func:`_graph`
    writes: embeddings, lexicon layer, optional SoftLexicon layer and style embedding, one
    bidirectional LSTM layer with biases, the output layer and the CRF, with sizes that fit
    together; else what does not."""
    names = set(state)
    if not names >= _REQUIRED or not names <= _REQUIRED | _OPTIONAL:
        unknown = sorted(names - _REQUIRED - _OPTIONAL)
        missing = sorted(_REQUIRED - names)
        return f"weights {unknown} not in the graph, {missing} missing"
    if ("soft_proj.weight" in names) != ("soft_proj.bias" in names):
        return "a SoftLexicon layer without its weight or its bias"
    shape = {k: np.shape(v) for k, v in state.items()}
    if any(len(shape[k]) != 1 for k in _LSTM if "bias" in k):
        return "an LSTM bias that is not a vector"
    hidden4, n_in = shape["lstm.weight_ih_l0"]
    parts = ["char_embed.weight", "bigram_embed.weight", "bigram_embed.weight", "lex_proj.weight"]
    width = sum(shape[k][1] for k in parts[:3]) + shape["lex_proj.weight"][0]
    width += shape["soft_proj.weight"][0] if "soft_proj.weight" in names else 0
    width += shape["domain_embed.weight"][1] if "domain_embed.weight" in names else 0
    n_tags = shape["crf.transitions"][0]
    expected = {
        "lstm.weight_ih_l0": (hidden4, width),
        "lstm.weight_hh_l0": (hidden4, hidden4 // 4),
        "out.weight": (n_tags, hidden4 // 2),
        "out.bias": (n_tags,),
        "crf.transitions": (n_tags, n_tags),
        "crf.start_transitions": (n_tags,),
        "crf.end_transitions": (n_tags,),
        "lex_proj.bias": (shape["lex_proj.weight"][0],),
    }
    for way in ("", "_reverse"):
        expected[f"lstm.weight_ih_l0{way}"] = (hidden4, width)
        expected[f"lstm.weight_hh_l0{way}"] = (hidden4, hidden4 // 4)
        expected[f"lstm.bias_ih_l0{way}"] = expected[f"lstm.bias_hh_l0{way}"] = (hidden4,)
    if "soft_proj.weight" in names:
        expected["soft_proj.bias"] = (shape["soft_proj.weight"][0],)
    wrong = sorted(k for k, v in expected.items() if shape[k] != v)
    if hidden4 % 4 or n_in != width or wrong:
        return f"weights whose sizes do not fit together ({', '.join(wrong) or 'lstm input'})"
    return None


def _graph(
    state: Mapping[str, np.ndarray],
    domain: int,
    int8: bool = False,
    soft: Any = None,
    levels: int = WEIGHT_LEVELS[0],
) -> bytes | None:
    """The network of the weights ``state`` (float32 arrays by ``state_dict`` name, as
    :func:`network_problem` accepts) as a serialised ONNX model: inputs :data:`INPUTS`,
    ``soft`` (float32, batch x time x width: the SoftLexicon features, where the model reads
    them) and ``lengths`` (int32, batch), output ``emissions`` (float32, batch x time x tags).
    With ``int8`` the LSTM's weights are integers of at most ``levels`` (``ner_int8``; the reach of the SoftLexicon layer comes
    from ``soft``, the model's :class:`~cnews_ie.backends.ner_softlexicon.SoftLexicon`); None
    when its weights admit no sentinel."""
    from onnx import TensorProto, helper, numpy_helper

    hidden, n_bits = state["lstm.weight_hh_l0"].shape[1], state["lex_proj.weight"].shape[1]
    weights: dict[str, np.ndarray] = {
        "char_table": state["char_embed.weight"],
        "bigram_table": state["bigram_embed.weight"],
        "lex_w": state["lex_proj.weight"].T.copy(),
        "lex_b": state["lex_proj.bias"],
        "shifts": np.arange(n_bits, dtype=np.uint64),
        "one": np.array(1, dtype=np.uint64),
        "last_axis": np.array([-1], dtype=np.int64),
        "W": np.stack([_gates(state["lstm.weight_ih_l0"]), _gates(state["lstm.weight_ih_l0_reverse"])]),
        "R": np.stack([_gates(state["lstm.weight_hh_l0"]), _gates(state["lstm.weight_hh_l0_reverse"])]),
        "B": np.stack([
            np.concatenate([_gates(state[f"lstm.bias_ih_l0{d}"]), _gates(state[f"lstm.bias_hh_l0{d}"])])
            for d in ("", "_reverse")
        ]),
        "out_w": state["out.weight"].T.copy(),
        "out_b": state["out.bias"],
        "flat": np.array([0, 0, 2 * hidden], dtype=np.int64),
    }  # fmt: skip
    widths = [weights["char_table"].shape[1], *[weights["bigram_table"].shape[1]] * 2]
    widths.append(weights["lex_b"].shape[0])
    if "soft_proj.weight" in state:
        weights["soft_w"] = state["soft_proj.weight"].T.copy()
        weights["soft_b"] = state["soft_proj.bias"]
        widths.append(weights["soft_b"].shape[0])
        if int8:  # the least and greatest soft_w' v (ner_int8 bounds the LSTM's inputs)
            weights["_soft_low"], weights["_soft_high"] = soft.reach(weights["soft_w"].T)
    if "domain_embed.weight" in state:
        weights["style"] = state["domain_embed.weight"][domain]
        widths.append(weights["style"].shape[0])
    sentinel = int8_sentinel(weights, hidden) if int8 else None  # equalises the inputs
    if int8 and sentinel is None:
        return None
    node = helper.make_node
    # the ids turned time-major (small integer arrays), so that the features come out in the
    # LSTM's layout: no transpose of the wide feature array (the same values, moved less)
    nodes = [node("Transpose", [k], [f"{k}_tb"], perm=[1, 0]) for k in INPUTS]
    nodes += [
        node("Shape", ["token_id_tb"], ["time_batch"]),
        node("Gather", ["time_batch", "axis0"], ["steps"]),
        node("Gather", ["time_batch", "axis1"], ["rows"]),
    ]
    weights.update({
        "axis0": np.array([0], dtype=np.int64), "axis1": np.array([1], dtype=np.int64),
        "one_row": np.array([1], dtype=np.int64),
    })  # fmt: skip
    ids = {k: f"{k}_tb" for k in INPUTS}
    parts: list[np.ndarray] = []
    if sentinel is not None:
        # the sentinel's row (ner_int8) comes with the batch's: its characters and bigrams as
        # one more row of each table and one more id column, so that the features are not
        # copied again to append it; its lexicon, SoftLexicon and style parts one more column
        # of those narrower features
        parts = np.split(sentinel[0], np.cumsum(widths)[:-1])
        # (no name kept for the tables before: freed at once, not held through serialising)
        weights.update({
            "sentinel_token_id": np.array([[len(weights["char_table"])]], dtype=np.int64),
            "sentinel_bil_id": np.array([[len(weights["bigram_table"])]], dtype=np.int64),
            "sentinel_bir_id": np.array([[len(weights["bigram_table"]) + 1]], dtype=np.int64),
        })  # fmt: skip
        weights["char_table"] = np.concatenate([weights["char_table"], parts[0][None]])
        weights["bigram_table"] = np.concatenate(
            [weights["bigram_table"], parts[1][None], parts[2][None]]
        )
        nodes.append(node("Concat", ["steps", "one_row"], ["column_shape"], axis=0))
        for k in ("token_id", "bil_id", "bir_id"):
            nodes += [
                node("Expand", [f"sentinel_{k}", "column_shape"], [f"sentinel_{k}s"]),
                node("Concat", [f"{k}_tb", f"sentinel_{k}s"], [f"{k}_all"], axis=1),
            ]
            ids[k] = f"{k}_all"

    def with_sentinel(name: str, part: int) -> str:
        """The feature ``name`` (time x batch x width) with the sentinel's part as its last
        row, in the int8 graph."""
        if sentinel is None:
            return name
        width = parts[part].shape[0]
        weights[f"sentinel_{name}"] = parts[part].reshape(1, 1, width)
        weights[f"{name}_width"] = np.array([width], dtype=np.int64)
        nodes.extend([
            node("Concat", ["steps", "one_row", f"{name}_width"], [f"{name}_sentinel_shape"], axis=0),
            node("Expand", [f"sentinel_{name}", f"{name}_sentinel_shape"], [f"sentinel_{name}s"]),
            node("Concat", [name, f"sentinel_{name}s"], [f"{name}_all"], axis=1),
        ])  # fmt: skip
        return f"{name}_all"

    nodes += [
        node("Gather", ["char_table", ids["token_id"]], ["chars"]),
        node("Gather", ["bigram_table", ids["bil_id"]], ["left"]),
        node("Gather", ["bigram_table", ids["bir_id"]], ["right"]),
        # lexicon bits: (lex >> shifts) & 1, as float, then relu(linear)
        node("Cast", ["lex_id_tb"], ["lex_u"], to=TensorProto.UINT64),
        node("Unsqueeze", ["lex_u", "last_axis"], ["lex_col"]),
        node("BitShift", ["lex_col", "shifts"], ["lex_shifted"], direction="RIGHT"),
        node("BitwiseAnd", ["lex_shifted", "one"], ["lex_bit"]),
        node("Cast", ["lex_bit"], ["lex_bits"], to=TensorProto.FLOAT),
        node("MatMul", ["lex_bits", "lex_w"], ["lex_lin"]),
        node("Add", ["lex_lin", "lex_b"], ["lex_pre"]),
        node("Relu", ["lex_pre"], ["lex"]),
    ]
    features = ["chars", "left", "right", with_sentinel("lex", 3)]
    inputs = [
        helper.make_tensor_value_info(n, TensorProto.INT64, ["batch", "time"]) for n in INPUTS
    ]
    if "soft_proj.weight" in state:
        nodes += [
            node("Transpose", ["soft"], ["soft_tb"], perm=[1, 0, 2]),
            node("MatMul", ["soft_tb", "soft_w"], ["soft_lin"]),
            node("Add", ["soft_lin", "soft_b"], ["soft_pre"]),
            node("Relu", ["soft_pre"], ["soft_out"]),
        ]
        features.append(with_sentinel("soft_out", 4))
        width = state["soft_proj.weight"].shape[1]
        inputs.append(
            helper.make_tensor_value_info("soft", TensorProto.FLOAT, ["batch", "time", width])
        )
    if "style" in weights:
        weights["style_dim"] = np.array([weights["style"].shape[0]], dtype=np.int64)
        nodes += [
            node("Concat", ["time_batch", "style_dim"], ["style_shape"], axis=0),
            node("Expand", ["style", "style_shape"], ["styles"]),
        ]
        features.append(with_sentinel("styles", len(widths) - 1))
    nodes.append(node("Concat", features, ["x_time_first"], axis=-1))
    if sentinel is not None:
        nodes += int8_lstm(weights, hidden, sentinel, levels=levels)
    else:
        lstm_inputs = ["x_time_first", "W", "R", "B", "lengths"]
        nodes.append(
            node("LSTM", lstm_inputs, ["y"], direction="bidirectional", hidden_size=hidden)
        )
    nodes += [
        # y: time x direction x batch x hidden -> batch x time x (direction, hidden)
        node("Transpose", ["y"], ["y_batch_first"], perm=[2, 0, 1, 3]),
        node("Reshape", ["y_batch_first", "flat"], ["h"]),
        node("MatMul", ["h", "out_w"], ["logits"]),
        node("Add", ["logits", "out_b"], ["emissions_all" if int8 else "emissions"]),
    ]
    if int8:  # the sentinel row (the last) dropped from the emissions, not from the wider y
        weights["zero"] = np.array([0], dtype=np.int64)
        weights["minus_one"] = np.array([-1], dtype=np.int64)
        nodes.append(node("Slice", ["emissions_all", "zero", "minus_one", "zero"], ["emissions"]))
    graph = helper.make_graph(
        nodes,
        "cnews_ie_ner",
        [*inputs, helper.make_tensor_value_info("lengths", TensorProto.INT32, ["batch"])],
        [helper.make_tensor_value_info("emissions", TensorProto.FLOAT, ["batch", "time", None])],
        initializer=[
            numpy_helper.from_array(np.asarray(v), k)
            for k, v in weights.items()
            if not k.startswith("_")
        ],
    )
    opsets = [helper.make_opsetid("", _OPSET), helper.make_opsetid("com.microsoft", 1)]
    onnx_model = helper.make_model(graph, opset_imports=opsets)
    return bytes(onnx_model.SerializeToString())


def probe(
    state: Mapping[str, np.ndarray], soft: Any = None
) -> tuple[dict[str, np.ndarray], np.ndarray]:
    """A small batch of valid ids for the network of ``state``: two sequences of different
    lengths, some lexicon bits set, and SoftLexicon features that ``soft`` gives (characters of
    its words) where read."""
    lengths = np.array([9, 5], dtype=np.int64)
    filled = np.arange(9)[None, :] < lengths[:, None]
    ramp = np.arange(1, 19, dtype=np.int64).reshape(2, 9)
    sizes = {
        "token_id": len(state["char_embed.weight"]),
        "bil_id": len(state["bigram_embed.weight"]),
        "bir_id": len(state["bigram_embed.weight"]),
    }
    arrays = {
        k: np.where(filled, (ramp * 7919 + 3 * j) % (n - 1) + 1, 0)
        for j, (k, n) in enumerate(sizes.items())
    }
    bits = state["lex_proj.weight"].shape[1]
    arrays["lex_id"] = np.where(filled, (ramp * 2654435761) % (1 << min(bits, 62)), 0)
    if "soft_proj.weight" in state:
        if soft is None:
            raise ValueError("a model with SoftLexicon features needs its SoftLexicon")
        n = len(soft.words)
        text = "".join(soft.words[(7919 * k) % n] for k in range(1, 5))  # a few words' chars
        chars = [list((text * 9)[:9]), list((text[::-1] * 5)[:5])]
        arrays["soft"] = soft.padded(chars, 9)
    return arrays, lengths


def _session(graph: bytes, threads: int) -> Any:
    """An ONNX Runtime session of ``graph`` on ``threads`` intra-op threads, no spinning."""
    import onnxruntime

    options = onnxruntime.SessionOptions()
    options.intra_op_num_threads = threads
    options.inter_op_num_threads = 1
    options.execution_mode = onnxruntime.ExecutionMode.ORT_SEQUENTIAL
    options.log_severity_level = 3  # errors only
    # no arena kept at its largest batch: less memory, same speed
    options.enable_cpu_mem_arena = False
    options.add_session_config_entry("session.intra_op.allow_spinning", "0")
    return onnxruntime.InferenceSession(graph, options, providers=["CPUExecutionProvider"])


class OnnxTagger:
    """The emissions of the network of a set of weights (see :func:`network_problem`) from an
    ONNX Runtime session with ``threads`` intra-op threads."""

    def __init__(self, session: Any, int8: bool = False) -> None:
        self._session = session
        #: whether the LSTM's weights are 8-bit integers (``ner_int8``)
        self.int8 = int8
        #: the largest magnitude of a quantised weight (``ner_int8.WEIGHT_LEVELS``; 0 in float32)
        self.levels = 0
        #: the float32 graph's emissions of :func:`probe`'s batch (set by :meth:`build`)
        self.reference: np.ndarray | None = None

    @classmethod
    def build(
        cls,
        state: Mapping[str, np.ndarray],
        domain: int,
        threads: int = 1,
        int8: bool = False,
        soft: Any = None,
    ) -> OnnxTagger:
        """The session for the weights ``state`` (float32 arrays by ``state_dict`` name, which
        :func:`network_problem` accepts; ValueError if not).  With ``int8`` the LSTM's weights
        are 8-bit integers (``ner_int8``), checked on the probe batch against the float32 graph
        within :data:`INT8_TOLERANCE` of its emissions' range and for the same emissions row by
        row as together; the float32 graph, with a RuntimeWarning, where that fails."""
        problem = network_problem(state)
        if problem is not None:
            raise ValueError(f"not the network this runtime writes: {problem}")
        exact = _graph(state, domain, soft=soft)
        assert exact is not None
        float32 = cls(_session(exact, threads))
        arrays, lengths = probe(state, soft)
        expected = float32.emissions(arrays, lengths)
        float32.reference = expected
        if not int8:
            return float32
        valid = np.arange(arrays["token_id"].shape[1])[None, :] < lengths[:, None]
        problem = ""
        for levels in WEIGHT_LEVELS:  # 8-bit weights, then 7-bit where the kernel saturates
            graph = _graph(state, domain, int8=True, soft=soft, levels=levels)
            if graph is None:
                problem = "its weights admit no sentinel"
                break
            try:  # an ONNX Runtime without this kernel (or its per-column scales)
                tagger = cls(_session(graph, threads), int8=True)
            except Exception as exc:  # any load error: the float32 graph
                problem = f"ONNX Runtime cannot load it: {type(exc).__name__}"
                break
            got = tagger.emissions(arrays, lengths)
            gap = float(np.abs(expected - got)[valid].max())
            spread = float(np.ptp(expected[valid]))
            alone = [tagger.emissions({k: v[i : i + 1] for k, v in arrays.items()},
                                      lengths[i : i + 1]) for i in range(len(lengths))]  # fmt: skip
            if not gap <= INT8_TOLERANCE * spread:
                problem = f"it differs from the float32 graph by {gap:.2g} on a probe batch"
            elif not all(
                np.array_equal(a[0, : lengths[i]], got[i, : lengths[i]])
                for i, a in enumerate(alone)
            ):
                problem = "a sentence's emissions depend on its batch"
                break  # the kernel quantises otherwise: fewer levels do not help
            else:
                tagger.reference, tagger.levels = expected, levels
                return tagger
        warnings.warn(
            f"the int8 graph of the NER network is not used ({problem}); it runs in "
            "float32 instead (slower)",
            RuntimeWarning,
            stacklevel=3,
        )
        return float32

    def emissions(self, arrays: Mapping[str, np.ndarray], lengths: np.ndarray) -> np.ndarray:
        """Emission scores (batch x time x tags) of a padded batch: ``arrays`` maps each name
        of :data:`INPUTS` to an int64 batch x time array; ``lengths`` the real lengths."""
        feed: dict[str, np.ndarray] = {k: np.ascontiguousarray(arrays[k], np.int64) for k in INPUTS}
        if "soft" in arrays:
            feed["soft"] = np.ascontiguousarray(arrays["soft"], np.float32)
        feed["lengths"] = np.asarray(lengths, dtype=np.int32)
        emissions: np.ndarray = self._session.run(["emissions"], feed)[0]
        return emissions
