"""The runtime of the shipped NER network: ONNX Runtime on one thread, torch as the fallback.

Why not torch
-------------
Torch's CPU kernels split each operation over a pool of intra-op threads (one per core by
default) that meet at a barrier after every time step of the LSTM.  When another process holds
a core, the thread on that core is descheduled and the others wait for it at every step: on a
2-core machine with one competing process, ``extract_many`` fell to a third of jieba posseg's
speed.  A library that slows three- to eightfold whenever a notebook kernel or a second job is
busy is no batch tool.  So the network runs on **one** thread, and parallelism comes from
``extract_many(n_jobs=...)`` processes, which share nothing and never wait for each other.

Why ONNX Runtime
----------------
:class:`OnnxTagger` writes the network of a
:class:`~cnews_ie.backends.ner_model.LexiconCharTaggingModel` as one ONNX graph (built here from
the module's weights and sizes, so it follows any retrained model: the sizes come from the
modules, not from constants) and runs it in an ONNX Runtime session with one intra-op thread:
the session's own setting, so nothing process-wide (the user's torch settings) changes.  Its
bidirectional LSTM reads each sequence's length (``sequence_lens``), so the backward direction
starts at each sentence's last character and no padding is packed or sorted; on one thread it
ran the network 1.7–2x faster than torch's packed LSTM, with the same tags on the 4,500 MSRA
dev sentences (pinned by a test) and float32 throughout, so a sentence's tags do not depend on
its batch.

By default (``build(..., int8=True)``, as ``LexiconCharNER.int8``) the LSTM's weights are 8-bit
integers (:mod:`cnews_ie.backends.ner_int8`): the network in about 0.57 of the float32 time, a
few tags different, a sentence's emissions still independent of its batch (a sentinel row pins
the kernel's quantisation scales).  It is checked on the probe batch against torch within
:data:`INT8_TOLERANCE` of the emissions' range and row by row alone against together; where
either fails, the float32 graph runs.

Before it is used, the float32 graph is checked against the torch module on a probe batch; a model
whose ``forward`` does something this graph does not (a retrained variant with another layer)
gets a :class:`RuntimeWarning` and runs in torch, on one intra-op thread set only for the call
(:func:`torch_threads`).
"""

from __future__ import annotations

import contextlib
import warnings
from collections.abc import Iterator, Mapping
from typing import Any

import numpy as np
import torch
from torch import nn

from cnews_ie.backends.ner_int8 import int8_lstm

__all__ = ["INPUTS", "INT8_TOLERANCE", "OnnxTagger", "torch_emissions", "torch_threads"]

#: the per-character inputs of the network (int64, batch x time), as the featuriser names them
INPUTS = ("token_id", "bil_id", "bir_id", "lex_id")
_OPSET = 18  # BitwiseAnd
_TOLERANCE = 1e-4  # largest emission difference to torch on the probe batch
#: largest emission difference of the int8 graph to torch on the probe batch, as a share of
#: the range of torch's emissions there (the shipped model: 0.6 %; a wrong gate order or
#: weight layout: tens of percent)
INT8_TOLERANCE = 0.05


@contextlib.contextmanager
def torch_threads(n: int) -> Iterator[None]:
    """Torch's intra-op threads set to ``n`` for the block and restored after it (process-wide
    while the block runs: the torch fallback's only setting)."""
    before = torch.get_num_threads()
    if before != n:
        torch.set_num_threads(n)
    try:
        yield
    finally:
        if before != n:
            torch.set_num_threads(before)


def _gates(w: np.ndarray) -> np.ndarray:
    """Torch's LSTM gate blocks (input, forget, cell, output) in ONNX's order (i, o, f, c)."""
    i, f, g, o = np.split(w, 4, axis=0)
    return np.concatenate([i, o, f, g], axis=0)


def _supported(model: Any) -> bool:
    """The modules that :func:`_graph` writes, and nothing else."""
    expected = {"char_embed", "bigram_embed", "lex_proj", "soft_proj", "domain_embed", "lstm"}
    expected |= {"drop", "out"}
    names = {name for name, _ in model.named_children()} - {"crf"}
    lstm = getattr(model, "lstm", None)
    return (
        names <= expected
        and {"char_embed", "bigram_embed", "lex_proj", "lstm", "out"} <= names
        and isinstance(lstm, nn.LSTM)
        and lstm.num_layers == 1
        and lstm.bidirectional
        and lstm.batch_first
        and lstm.bias
        and lstm.proj_size == 0
    )


def _graph(model: Any, domain: int, int8: bool = False, soft: Any = None) -> bytes | None:
    """The network as a serialised ONNX model: inputs :data:`INPUTS`, ``soft`` (float32, batch
    x time x width: the SoftLexicon features, where the model reads them) and ``lengths``
    (int32, batch), output ``emissions`` (float32, batch x time x tags).  With ``int8`` the
    LSTM's weights are 8-bit integers (``ner_int8``; the reach of the SoftLexicon layer comes
    from ``soft``, the model's :class:`~cnews_ie.backends.ner_softlexicon.SoftLexicon`); None
    when its weights admit no sentinel."""
    from onnx import TensorProto, helper, numpy_helper

    state = {k: v.detach().float().cpu().numpy() for k, v in model.state_dict().items()}
    lstm: Any = model.lstm
    hidden, n_bits = lstm.hidden_size, model.lex_proj.in_features
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
    node = helper.make_node
    nodes = [
        node("Gather", ["char_table", "token_id"], ["chars"]),
        node("Gather", ["bigram_table", "bil_id"], ["left"]),
        node("Gather", ["bigram_table", "bir_id"], ["right"]),
        # lexicon bits: (lex >> shifts) & 1, as float, then relu(linear)
        node("Cast", ["lex_id"], ["lex_u"], to=TensorProto.UINT64),
        node("Unsqueeze", ["lex_u", "last_axis"], ["lex_col"]),
        node("BitShift", ["lex_col", "shifts"], ["lex_shifted"], direction="RIGHT"),
        node("BitwiseAnd", ["lex_shifted", "one"], ["lex_bit"]),
        node("Cast", ["lex_bit"], ["lex_bits"], to=TensorProto.FLOAT),
        node("MatMul", ["lex_bits", "lex_w"], ["lex_lin"]),
        node("Add", ["lex_lin", "lex_b"], ["lex_pre"]),
        node("Relu", ["lex_pre"], ["lex"]),
    ]
    features = ["chars", "left", "right", "lex"]
    inputs = [
        helper.make_tensor_value_info(n, TensorProto.INT64, ["batch", "time"]) for n in INPUTS
    ]
    if getattr(model, "soft_proj", None) is not None:
        weights["soft_w"] = state["soft_proj.weight"].T.copy()
        weights["soft_b"] = state["soft_proj.bias"]
        if int8:  # the least and greatest soft_w' v (ner_int8 bounds the LSTM's inputs)
            weights["_soft_low"], weights["_soft_high"] = soft.reach(weights["soft_w"].T)
        nodes += [
            node("MatMul", ["soft", "soft_w"], ["soft_lin"]),
            node("Add", ["soft_lin", "soft_b"], ["soft_pre"]),
            node("Relu", ["soft_pre"], ["soft_out"]),
        ]
        features.append("soft_out")
        width = model.soft_proj.in_features
        inputs.append(
            helper.make_tensor_value_info("soft", TensorProto.FLOAT, ["batch", "time", width])
        )
    if getattr(model, "domain_embed", None) is not None:
        style = state["domain_embed.weight"][domain]
        weights["style"] = style
        weights["style_dim"] = np.array([style.shape[0]], dtype=np.int64)
        nodes += [
            node("Shape", ["token_id"], ["batch_time"]),
            node("Concat", ["batch_time", "style_dim"], ["style_shape"], axis=0),
            node("Expand", ["style", "style_shape"], ["styles"]),
        ]
        features.append("styles")
    nodes += [
        node("Concat", features, ["x"], axis=-1),
        node("Transpose", ["x"], ["x_time_first"], perm=[1, 0, 2]),
    ]
    if int8:
        lstm = int8_lstm(weights, hidden)
        if lstm is None:
            return None
        nodes += lstm
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
        node("Add", ["logits", "out_b"], ["emissions"]),
    ]
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


def _probe(model: Any, soft: Any = None) -> tuple[dict[str, np.ndarray], np.ndarray]:
    """A small batch of valid ids: two sequences of different lengths, some lexicon bits set,
    and SoftLexicon features that ``soft`` gives (characters of its words) where read."""
    lengths = np.array([9, 5], dtype=np.int64)
    filled = np.arange(9)[None, :] < lengths[:, None]
    ramp = np.arange(1, 19, dtype=np.int64).reshape(2, 9)
    sizes = {
        "token_id": model.char_embed.num_embeddings,
        "bil_id": model.bigram_embed.num_embeddings,
        "bir_id": model.bigram_embed.num_embeddings,
    }
    arrays = {
        k: np.where(filled, (ramp * 7919 + 3 * j) % (n - 1) + 1, 0)
        for j, (k, n) in enumerate(sizes.items())
    }
    bits = model.lex_proj.in_features
    arrays["lex_id"] = np.where(filled, (ramp * 2654435761) % (1 << min(bits, 62)), 0)
    if getattr(model, "soft_proj", None) is not None:
        if soft is None:
            raise ValueError("a model with SoftLexicon features needs its SoftLexicon")
        n = len(soft.words)
        text = "".join(soft.words[(7919 * k) % n] for k in range(1, 5))  # a few words' chars
        chars = [list((text * 9)[:9]), list((text[::-1] * 5)[:5])]
        arrays["soft"] = soft.padded(chars, 9)
    return arrays, lengths


def torch_emissions(model: nn.Module, arrays: Mapping[str, np.ndarray], domain: int) -> np.ndarray:
    """The emissions of ``model``'s own forward (torch, one intra-op thread on the CPU)."""
    device = next(model.parameters()).device
    batch = {k: torch.from_numpy(np.ascontiguousarray(v)).to(device) for k, v in arrays.items()}
    n = batch["token_id"].size(0)
    batch["dom_id"] = torch.full((n,), domain, dtype=torch.long, device=device)
    with torch.no_grad(), torch_threads(1):
        out, _ = model(batch["token_id"], batch=batch)
    emissions: np.ndarray = out.float().cpu().numpy()
    return emissions


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
    """The emissions of a :class:`~cnews_ie.backends.ner_model.LexiconCharTaggingModel` (in
    eval mode) from an ONNX Runtime session with ``threads`` intra-op threads."""

    def __init__(self, session: Any, int8: bool = False) -> None:
        self._session = session
        #: whether the LSTM's weights are 8-bit integers (``ner_int8``)
        self.int8 = int8

    @classmethod
    def build(
        cls, model: Any, domain: int, threads: int = 1, int8: bool = False, soft: Any = None
    ) -> OnnxTagger | None:
        """The session for ``model``, or None (with a RuntimeWarning) when the model has parts
        the graph does not write or its emissions differ from torch's on a probe batch.  With
        ``int8`` the LSTM's weights are 8-bit integers (``ner_int8``), checked on the probe
        batch against torch within :data:`INT8_TOLERANCE` of its emissions' range and for the
        same emissions row by row as together; the float32 graph where that fails."""
        if not _supported(model):
            warnings.warn(
                f"the NER network ({type(model).__name__}) has layers the ONNX runtime does not "
                "write; it runs in torch on one thread instead (slower)",
                RuntimeWarning,
                stacklevel=3,
            )
            return None
        arrays, lengths = _probe(model, soft)
        expected = torch_emissions(model, arrays, domain)
        valid = np.arange(arrays["token_id"].shape[1])[None, :] < lengths[:, None]
        if int8:
            graph = _graph(model, domain, int8=True, soft=soft)
            problem = "its weights admit no sentinel" if graph is None else ""
            tagger = None
            if graph is not None:
                try:  # an ONNX Runtime without this kernel (or its per-column scales)
                    tagger = cls(_session(graph, threads), int8=True)
                except Exception as exc:  # any load error: the float32 graph
                    problem = f"ONNX Runtime cannot load it: {type(exc).__name__}"
            if tagger is not None:
                got = tagger.emissions(arrays, lengths)
                gap = float(np.abs(expected - got)[valid].max())
                spread = float(np.ptp(expected[valid]))
                alone = [tagger.emissions({k: v[i : i + 1] for k, v in arrays.items()},
                                          lengths[i : i + 1]) for i in range(len(lengths))]  # fmt: skip
                if not gap <= INT8_TOLERANCE * spread:
                    problem = f"it differs from torch by {gap:.2g} on a probe batch"
                elif not all(
                    np.array_equal(a[0, : lengths[i]], got[i, : lengths[i]])
                    for i, a in enumerate(alone)
                ):
                    problem = "a sentence's emissions depend on its batch"
            if not problem:
                return tagger
            warnings.warn(
                f"the int8 graph of the NER network is not used ({problem}); it runs in "
                "float32 instead (slower)",
                RuntimeWarning,
                stacklevel=3,
            )
        graph = _graph(model, domain, soft=soft)
        assert graph is not None
        tagger = cls(_session(graph, threads))
        got = tagger.emissions(arrays, lengths)
        gap = float(np.abs(expected - got)[valid].max())
        if not gap <= _TOLERANCE:
            warnings.warn(
                f"the ONNX graph of the NER network differs from its torch forward by {gap:.2g} "
                "on a probe batch (a model whose forward this runtime does not know); it runs "
                "in torch on one thread instead (slower)",
                RuntimeWarning,
                stacklevel=3,
            )
            return None
        return tagger

    def emissions(self, arrays: Mapping[str, np.ndarray], lengths: np.ndarray) -> np.ndarray:
        """Emission scores (batch x time x tags) of a padded batch: ``arrays`` maps each name
        of :data:`INPUTS` to an int64 batch x time array; ``lengths`` the real lengths."""
        feed: dict[str, np.ndarray] = {k: np.ascontiguousarray(arrays[k], np.int64) for k in INPUTS}
        if "soft" in arrays:
            feed["soft"] = np.ascontiguousarray(arrays["soft"], np.float32)
        feed["lengths"] = np.asarray(lengths, dtype=np.int32)
        emissions: np.ndarray = self._session.run(["emissions"], feed)[0]
        return emissions
