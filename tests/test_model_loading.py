"""Loading the NER model: verified before unpickling, clear errors when it cannot be loaded."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

import cnews_ie
from cnews_ie.backends.hanlp_backend import HanLPBackend, shipped_model_dir


@pytest.fixture
def model_copy(tmp_path: Path) -> Path:
    target = tmp_path / "ner"
    shutil.copytree(shipped_model_dir(), target)
    return target


def test_model_files_match_their_checksums() -> None:
    from cnews_ie.backends.hanlp_backend import verify_model

    verify_model(shipped_model_dir())


def test_tampered_weights_are_refused_before_loading(model_copy: Path) -> None:
    weights = model_copy / "model.pt"
    data = bytearray(weights.read_bytes())
    data[len(data) // 2] ^= 0xFF
    weights.write_bytes(bytes(data))
    with pytest.raises(cnews_ie.ModelError, match="checksum"):
        HanLPBackend(model_copy).tag(["王方太"])


def test_truncated_weights_are_refused(model_copy: Path) -> None:
    weights = model_copy / "model.pt"
    weights.write_bytes(weights.read_bytes()[:1000])
    with pytest.raises(cnews_ie.ModelError, match="checksum"):
        HanLPBackend(model_copy).tag(["王方太"])


def test_verification_can_be_overridden_for_a_trusted_model(model_copy: Path) -> None:
    config = model_copy / "config.json"
    config.write_text(config.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    with pytest.raises(cnews_ie.ModelError):
        HanLPBackend(model_copy).tag(["王方太"])
    (tagged,) = HanLPBackend(model_copy, verify=False).tag(["市委书记王方太主持会议。"])
    assert "".join(tagged.tokens) == "市委书记王方太主持会议。"


def test_unknown_identifier_names_itself_and_hanlp_home() -> None:
    with pytest.raises(cnews_ie.ModelError, match=r"(?s)NO_SUCH_HANLP_MODEL.*HANLP_HOME"):
        cnews_ie.extract("王方太", ner="NO_SUCH_HANLP_MODEL")


def test_user_model_directory_is_loaded_with_hanlp_load(model_copy: Path) -> None:
    doc = cnews_ie.extract("市委书记王方太主持会议。", ner=str(model_copy))
    assert [p.name for p in doc.people] == ["王方太"]


def test_loading_the_shipped_model_prints_nothing() -> None:
    # HanLP's "Building model ..." progress line would show in every notebook's first output
    code = "import cnews_ie; cnews_ie.extract('市委书记王方太说')"
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert (result.stdout, result.stderr) == ("", "")
