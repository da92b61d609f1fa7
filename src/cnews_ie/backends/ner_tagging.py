"""Prediction with the NER model, whatever runs its network: pieces, batches, Viterbi, spans.

A sentence longer than the model's training length is cut into pieces with
:func:`cnews_ie.sentences.clause_pieces` (the rule its training sentences were cut with) and the
results are merged back: this is the one place that cuts sentences for the model.  Batches are
built here, not by HanLP's data loader: the features of all pieces are built at once
(``ner_features``) and each batch's go into one padded array per key in a single numpy
assignment.  Pieces are batched longest first, as HanLP's ``SortingSampler`` orders them.
Viterbi decoding (``viterbi``) runs over many batches at once.

Used by the torch-free component (:mod:`cnews_ie.backends.ner_onnx`) and by
:class:`~cnews_ie.backends.ner_model.LexiconCharNER`; nothing here imports torch.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import TypeVar

import numpy as np

from cnews_ie.backends.bio import bio_spans
from cnews_ie.backends.viterbi import viterbi_paths
from cnews_ie.sentences import clause_pieces

__all__ = ["Entity", "predict", "predict_spans", "tag_pieces"]

#: a sentence: a list of tokens, or a string of one-character tokens
S = TypeVar("S", list[str], str)
#: one predicted entity: (text, type, start, end), ``end`` exclusive
Entity = tuple[str, str, int, int]
#: a piece of a sentence: a list of one-character tokens, or a string
P = TypeVar("P", bound=Sequence[str])
#: the emissions (batch x time x tags) of a padded batch of features and its lengths
Network = Callable[[dict[str, np.ndarray], np.ndarray], np.ndarray]
#: padded characters per prediction batch at most (batch size x its longest piece), unless a
#: single piece is longer: 20 pieces of 64 characters, 5 of 256.  In CPU time per character
#: 1,024 was about a tenth faster than 4,096 on short sentences and pages (less padding, and
#: the batch's activations stay in cache) and as fast as 512 or 2,048; 1,152 to 1,408 about
#: 1.5 % faster than 1,024 on both (fewer sentinel rows, ``ner_int8``); a sentence's
#: emissions are the same in any batch.
_BATCH_CELLS = 1280
#: padded characters decoded together at most (Viterbi runs over many batches at once: fewer,
#: larger numpy steps)
_DECODE_CELLS = 1 << 16


def tag_pieces(
    pieces: list[P],
    batch_size: int,
    features: Callable[[list[P]], tuple[Mapping[str, np.ndarray], np.ndarray]],
    network: Network,
    scores: tuple[np.ndarray, np.ndarray, np.ndarray],
    tags: Sequence[str],
) -> list[list[str]]:
    """The tags of each piece (non-empty): ``features`` of all pieces, ``network`` on batches of
    at most ``batch_size`` pieces, Viterbi with the CRF's ``scores`` (start, transitions, end),
    tag ids named by ``tags``; ``features`` gives those of the pieces laid end to end, and
    the start of each piece in them."""
    lengths = np.fromiter(map(len, pieces), dtype=np.int64, count=len(pieces))
    flat, starts = features(pieces)
    order = np.argsort(-lengths, kind="stable")
    outputs: list[list[str]] = [[] for _ in pieces]
    pending: list[tuple[np.ndarray, np.ndarray]] = []  # (members, emissions) to decode

    def decode() -> None:
        members = np.concatenate([m for m, _ in pending])
        emissions = np.zeros((len(members), *pending[0][1].shape[1:]), dtype=np.float32)
        row = 0
        for m, e in pending:
            emissions[row : row + len(m), : e.shape[1]] = e
            row += len(m)
        pending.clear()
        paths = viterbi_paths(emissions, lengths[members], *scores)
        for i, path in zip(members.tolist(), paths, strict=True):
            outputs[i] = list(map(tags.__getitem__, path))

    first, waiting = 0, 0  # rows in pending
    while first < len(order):
        # at most batch_size pieces and about _BATCH_CELLS padded cells: long pieces come
        # in smaller batches, so the runtime's buffers stay small
        rows = max(1, min(batch_size, _BATCH_CELLS // max(1, int(lengths[order[first]]))))
        members = order[first : first + rows]
        first += rows
        sizes = lengths[members]
        steps = int(sizes[0])
        filled = np.arange(steps)[None, :] < sizes[:, None]
        where = (starts[members][:, None] + np.arange(steps)[None, :])[filled]
        batch: dict[str, np.ndarray] = {}
        for key, values in flat.items():  # the network's inputs, and "soft" where read
            array = np.zeros((*filled.shape, *values.shape[1:]), dtype=values.dtype)
            array[filled] = values[where]
            batch[key] = array
        emissions = network(batch, sizes)
        if pending and (waiting + len(members)) * pending[0][1].shape[1] > _DECODE_CELLS:
            decode()
            waiting = 0
        pending.append((members, emissions))
        waiting += len(members)
    if pending:
        decode()
    return outputs


def predict(
    data: Sequence[Sequence[str]],
    piece_limit: int,
    tag: Callable[[list[list[str]]], list[list[str]]],
) -> list[list[Entity]]:
    """The entities of each sentence of ``data`` (a sequence of tokens each): sentences cut into
    pieces of at most ``piece_limit`` tokens (0: uncut), ``tag`` giving the BIO tags of all the
    pieces at once, the tags merged back per sentence."""
    sentences = [list(sent) for sent in data]
    results = []
    for chars, tags in zip(sentences, _tags(sentences, piece_limit, tag), strict=True):
        results.append([("".join(chars[b:e]), t, b, e) for t, b, e in bio_spans(tags)])
    return results


def predict_spans(
    texts: Sequence[str],
    piece_limit: int,
    tag: Callable[[list[str]], list[list[str]]],
) -> list[list[tuple[str, int, int]]]:
    """(type, start, end) of the entities of each text, read one character a token: the spans
    :func:`predict` finds in the texts' characters, without a list of them."""
    return [bio_spans(tags) for tags in _tags(texts, piece_limit, tag)]


def _tags(
    sentences: Sequence[S], piece_limit: int, tag: Callable[[list[S]], list[list[str]]]
) -> list[list[str]]:
    """The tags of each sentence (a list of tokens or a string): cut into pieces of at most
    ``piece_limit`` tokens (0: uncut), ``tag`` giving the tags of all the pieces at once."""
    pieces: list[S] = []
    owners: list[int] = []
    for i, sent in enumerate(sentences):
        for b, e in clause_pieces(sent, piece_limit) if sent else ():
            pieces.append(sent[b:e])
            owners.append(i)
    tags_per_sent: list[list[str]] = [[] for _ in sentences]
    if pieces:
        for i, tags in zip(owners, _tag_once(pieces, tag), strict=True):
            if tags_per_sent[i]:
                tags_per_sent[i].extend(tags)
            else:  # a sentence's first piece (most sentences have one): no copy
                tags_per_sent[i] = tags
    return tags_per_sent


def _tag_once(pieces: list[S], tag: Callable[[list[S]], list[list[str]]]) -> list[list[str]]:
    """``tag(pieces)``, each distinct piece of text tagged once (a page repeats lines: a
    table's row heads, a vote's wording): a piece's tags do not depend on its batch.  Each
    repeat gets a list of its own, since the caller extends a sentence's first piece's."""
    if not isinstance(pieces[0], str):
        return tag(pieces)  # lists of tokens: not hashed
    first: dict[S, int] = {}
    for piece in pieces:
        first.setdefault(piece, len(first))
    if len(first) == len(pieces):
        return tag(pieces)
    tagged = tag(list(first))
    return [tagged[first[piece]][:] for piece in pieces]
