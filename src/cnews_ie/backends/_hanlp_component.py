"""The old import path of the NER component, kept because a saved model's ``config.json`` names
its class by path: the shipped model's says ``cnews_ie.backends._hanlp_component.LexiconCharNER``
and ``hanlp.load`` imports it from here.

Inference lives in :mod:`cnews_ie.backends.ner_model` (network, Viterbi),
:mod:`cnews_ie.backends.ner_lexicon` (lexicon features) and :mod:`cnews_ie.backends.bio` (spans);
training in ``training/ner_trainer.py``.  This module only re-exports the inference names.
"""

from cnews_ie.backends.bio import bio_spans
from cnews_ie.backends.ner_lexicon import (
    BASE_CATEGORIES,
    CATEGORIES,
    GAZETTEER_CATEGORY,
    LEXICON_FILENAME,
    N_POSITIONS,
    Lexicon,
    jieba_tag_to_category,
)
from cnews_ie.backends.ner_model import (
    BatchFirstCRFNamedEntityRecognizer,
    LexiconCharNER,
    LexiconCharTaggingModel,
    viterbi_decode,
)

__all__ = [
    "BASE_CATEGORIES",
    "CATEGORIES",
    "GAZETTEER_CATEGORY",
    "LEXICON_FILENAME",
    "N_POSITIONS",
    "BatchFirstCRFNamedEntityRecognizer",
    "Lexicon",
    "LexiconCharNER",
    "LexiconCharTaggingModel",
    "bio_spans",
    "jieba_tag_to_category",
    "viterbi_decode",
]
