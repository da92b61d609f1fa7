"""The torch side of the NER network's runtime: the torch module's weights to the ONNX graph of
:mod:`cnews_ie.backends.ner_runtime`, that graph checked against the module's own forward, and
the module's forward on one thread where the graph does not describe it.

Used by :class:`~cnews_ie.backends.ner_model.LexiconCharNER` (a model loaded with
``hanlp.load``, or being trained); the default path (:mod:`cnews_ie.backends.ner_onnx`) reads
the weights from numpy and never imports this module or torch.
"""

from __future__ import annotations

import contextlib
import warnings
from collections.abc import Iterator, Mapping
from typing import Any

import numpy as np
import torch
from torch import nn

from cnews_ie.backends.ner_runtime import OnnxTagger, network_problem, probe

__all__ = ["module_weights", "onnx_tagger", "torch_emissions", "torch_threads"]

_TOLERANCE = 1e-4  # largest emission difference of the float32 graph to torch on the probe batch


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


def module_weights(model: nn.Module) -> dict[str, np.ndarray]:
    """The module's weights as float32 numpy arrays, by ``state_dict`` name."""
    return {k: v.detach().float().cpu().numpy() for k, v in model.state_dict().items()}


def _supported(model: Any) -> bool:
    """The modules that the graph writes, and nothing else."""
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


def onnx_tagger(
    model: Any, domain: int, threads: int = 1, int8: bool = False, soft: Any = None
) -> OnnxTagger | None:
    """The ONNX Runtime session for the torch module ``model`` (in eval mode), or None (with a
    RuntimeWarning: the module then runs in torch) when the module has parts the graph does not
    write or the float32 graph's emissions differ from its forward's on a probe batch.  With
    ``int8``, as :meth:`OnnxTagger.build`."""
    state = module_weights(model)
    problem = None if _supported(model) else "layers the ONNX runtime does not write"
    problem = problem or network_problem(state)
    if problem is None:
        tagger = OnnxTagger.build(state, domain, threads, int8=int8, soft=soft)
        arrays, lengths = probe(state, soft)
        expected = torch_emissions(model, arrays, domain)
        valid = np.arange(arrays["token_id"].shape[1])[None, :] < lengths[:, None]
        assert tagger.reference is not None
        gap = float(np.abs(expected - tagger.reference)[valid].max())
        if gap <= _TOLERANCE:
            return tagger
        problem = f"a graph that differs from its torch forward by {gap:.2g} on a probe batch"
    warnings.warn(
        f"the NER network ({type(model).__name__}) has {problem}; it runs in torch on one "
        "thread instead (slower)",
        RuntimeWarning,
        stacklevel=3,
    )
    return None
