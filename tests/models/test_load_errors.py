"""Only a missing or damaged model reads as "cannot load"; a bug or an API change stays a bug."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from assistant.errors import ModelUnavailableError
from assistant.models.gguf_cache import _load_gguf
from assistant.models.transformers_llm import _load_folder


def _raising(exc: Exception) -> Any:
    def from_pretrained(*args: object, **kwargs: object) -> None:
        raise exc

    return from_pretrained


@pytest.fixture
def auto_classes(monkeypatch: pytest.MonkeyPatch) -> Any:
    """Set what ``from_pretrained`` raises (both auto classes), without touching real files."""
    import transformers

    def make_raise(exc: Exception) -> None:
        monkeypatch.setattr(transformers.AutoTokenizer, "from_pretrained", _raising(exc))
        monkeypatch.setattr(transformers.AutoModelForCausalLM, "from_pretrained", _raising(exc))

    return make_raise


def test_a_folder_that_is_not_a_model_is_unavailable(tmp_path: Path) -> None:
    (tmp_path / "config.json").write_text("{not json", encoding="utf-8")
    with pytest.raises(ModelUnavailableError, match="Cannot load the model in"):
        _load_folder(tmp_path, "cpu")


def test_an_unexpected_error_is_not_called_a_missing_model(
    auto_classes: Any, tmp_path: Path
) -> None:
    auto_classes(TypeError("from_pretrained() got an unexpected keyword argument 'dtype'"))
    with pytest.raises(TypeError, match="unexpected keyword"):
        _load_folder(tmp_path, "cpu")
    with pytest.raises(TypeError, match="unexpected keyword"):
        _load_gguf(tmp_path / "model.gguf")


@pytest.mark.parametrize(
    "exc", [OSError("model.safetensors not found"), ValueError("Unrecognized model")]
)
def test_file_errors_from_the_loaders_are_unavailable(auto_classes: Any, exc: Exception) -> None:
    auto_classes(exc)
    with pytest.raises(ModelUnavailableError, match=str(exc)):
        _load_folder(Path("/nowhere"), "cpu")
    with pytest.raises(ModelUnavailableError, match=rf"Cannot read GGUF .*{exc}"):
        _load_gguf(Path("/nowhere/model.gguf"))
