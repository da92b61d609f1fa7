"""Loading the NER model: verified before it is read, clear errors when it cannot be loaded."""

from __future__ import annotations

import hashlib
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

import cnews_ie
from cnews_ie.backends import hanlp_backend
from cnews_ie.backends.hanlp_backend import (
    SHIPPED_DIGESTS,
    HanLPBackend,
    read_checksums,
    shipped_model_dir,
)


@pytest.fixture
def model_copy(tmp_path: Path) -> Path:
    target = tmp_path / "ner"
    shutil.copytree(shipped_model_dir(), target)
    return target


def test_model_files_match_their_checksums() -> None:
    from cnews_ie.backends.hanlp_backend import verify_model

    verify_model(shipped_model_dir())


def test_tampered_weights_are_refused_before_loading(model_copy: Path) -> None:
    weights = model_copy / "weights.npz"
    data = bytearray(weights.read_bytes())
    data[len(data) // 2] ^= 0xFF
    weights.write_bytes(bytes(data))
    with pytest.raises(cnews_ie.ModelError, match="checksum"):
        HanLPBackend(model_copy).tag(["王方太"])


def test_truncated_weights_are_refused(model_copy: Path) -> None:
    weights = model_copy / "weights.npz"
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


# --- issue 19: nobody can swap the model by editing the list beside it -----------------------


def _shipped_copy(model_copy: Path, monkeypatch: pytest.MonkeyPatch) -> HanLPBackend:
    """A backend that loads ``model_copy`` as the shipped model (pinned digests and all)."""
    monkeypatch.setattr(hanlp_backend, "shipped_model_dir", lambda: model_copy)
    return HanLPBackend()


def _flip_a_byte(path: Path) -> None:
    data = bytearray(path.read_bytes())
    data[len(data) // 2] ^= 0xFF
    path.write_bytes(bytes(data))


def test_the_pinned_digests_are_those_of_the_shipped_checksum_file() -> None:
    assert read_checksums(shipped_model_dir()) == dict(SHIPPED_DIGESTS)


def test_removing_a_line_and_modifying_its_file_is_refused(
    model_copy: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    listing = model_copy / "checksums.sha256"
    kept = [
        line
        for line in listing.read_text(encoding="utf-8").splitlines()
        if "weights.npz" not in line
    ]
    listing.write_text("\n".join(kept) + "\n", encoding="utf-8")
    _flip_a_byte(model_copy / "weights.npz")
    with pytest.raises(cnews_ie.ModelError, match=r"weights\.npz"):
        HanLPBackend(model_copy).tag(["王方太"])  # a user directory: every file must be listed
    with pytest.raises(cnews_ie.ModelError, match="shipped"):
        _shipped_copy(model_copy, monkeypatch).tag(["王方太"])


def test_a_modified_model_with_a_matching_checksum_file_is_refused_as_the_shipped_model(
    model_copy: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    weights = model_copy / "weights.npz"
    _flip_a_byte(weights)
    listing = model_copy / "checksums.sha256"
    digest = hashlib.sha256(weights.read_bytes()).hexdigest()
    lines = listing.read_text(encoding="utf-8").splitlines()
    listing.write_text(
        "\n".join(f"{digest}  weights.npz" if "weights.npz" in line else line for line in lines)
        + "\n",
        encoding="utf-8",
    )
    with pytest.raises(cnews_ie.ModelError, match="shipped"):
        _shipped_copy(model_copy, monkeypatch).tag(["王方太"])


@pytest.mark.parametrize(
    ("content", "words"),
    [
        (b"", "lists no files"),
        (b"\n\n", "lists no files"),
        (b"\xff\xfe\x00 not text", "not UTF-8"),
        (b"not a checksum line\n", "line 1"),
        (b"0" * 64 + b"  ../config.json\n", "line 1"),
        (b"0" * 63 + b"  config.json\n", "line 1"),
    ],
)
def test_an_empty_or_malformed_checksum_file_is_a_model_error(
    model_copy: Path, monkeypatch: pytest.MonkeyPatch, content: bytes, words: str
) -> None:
    (model_copy / "checksums.sha256").write_bytes(content)
    with pytest.raises(cnews_ie.ModelError, match=words):
        HanLPBackend(model_copy).tag(["王方太"])
    with pytest.raises(cnews_ie.ModelError, match=words):
        _shipped_copy(model_copy, monkeypatch).tag(["王方太"])


def test_an_unlisted_file_in_a_user_model_directory_is_refused(model_copy: Path) -> None:
    (model_copy / "extra.pt").write_bytes(b"anything a loader might read")
    with pytest.raises(cnews_ie.ModelError, match=r"extra\.pt"):
        HanLPBackend(model_copy).tag(["王方太"])


def _as_pickled_weights(model_copy: Path) -> None:
    """The directory with its weights as HanLP's ``model.pt`` (a torch pickle of the same
    float16 tensors) instead of ``weights.npz``: a model saved before cnews_ie wrote numpy."""
    import torch

    from cnews_ie.backends.ner_onnx import read_weights

    state = read_weights(model_copy / "weights.npz")
    torch.save({k: torch.from_numpy(v) for k, v in state.items()}, model_copy / "model.pt")
    (model_copy / "weights.npz").unlink()


def test_a_model_saved_as_a_torch_pickle_is_loaded_with_hanlp_load(model_copy: Path) -> None:
    (model_copy / "checksums.sha256").unlink()
    sentences = ["市委书记王方太在金昌市调研，金川集团负责人陪同。", "县长李文华到河口镇。"]
    expected = HanLPBackend(model_copy).tag(sentences)
    _as_pickled_weights(model_copy)
    code = (
        "import sys\n"
        "from cnews_ie.backends.hanlp_backend import HanLPBackend\n"
        f"print(repr(HanLPBackend({str(model_copy)!r}).tag({sentences!r})), 'hanlp' in sys.modules)"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == f"{expected!r} True"


@pytest.mark.parametrize(
    ("pickled", "damage", "cause"),
    [
        (False, "truncated", "BadZipFile"),
        (False, "not an archive", "ValueError"),
        (True, "truncated", "RuntimeError"),
        (True, "not an archive", "UnpicklingError"),
    ],
)
def test_a_corrupted_user_model_reports_the_real_cause(
    model_copy: Path, pickled: bool, damage: str, cause: str
) -> None:
    (model_copy / "checksums.sha256").unlink()  # a user's own model, loaded without a list
    if pickled:
        _as_pickled_weights(model_copy)
    weights = model_copy / ("model.pt" if pickled else "weights.npz")
    weights.write_bytes(
        weights.read_bytes()[:1000] if damage == "truncated" else b"not an archive at all"
    )
    with pytest.raises(cnews_ie.ModelError) as error:
        HanLPBackend(model_copy).tag(["王方太"])
    message = str(error.value)
    assert "pkg_resources" not in message
    assert "HANLP_HOME" not in message
    assert cause in message
    assert "\n" not in message
