"""The config file: lazy reading, validation, atomic writes that never clobber."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
import tensorplug
from tensorplug import _config
from tensorplug import backend as K


def test_nothing_read_or_written_at_import(home: Path) -> None:
    assert not home.exists()
    K.floatx()
    assert not home.exists()  # reading settings never creates the file


def test_file_values_apply(home: Path) -> None:
    home.mkdir()
    (home / "tensorplug.json").write_text(json.dumps(
        {"floatx": "float64", "epsilon": 1e-4, "image_data_format": "channels_first"}))
    tensorplug.refresh_backends()
    assert K.floatx() == "float64"
    assert K.epsilon() == 1e-4
    assert K.image_data_format() == "channels_first"


def test_new_key_wins_over_legacy(home: Path) -> None:
    home.mkdir()
    (home / "tensorplug.json").write_text(json.dumps(
        {"image_data_format": "channels_last", "image_dim_ordering": "th"}))
    tensorplug.refresh_backends()
    assert K.image_data_format() == "channels_last"


def test_write_config_merges_atomically(home: Path) -> None:
    path = _config.write_config({"backend": "numpy"})
    _config.write_config({"floatx": "float16"})
    assert json.loads(path.read_text()) == {"backend": "numpy", "floatx": "float16"}
    assert [p.name for p in home.iterdir()] == ["tensorplug.json"]  # no temp files left


def test_write_config_refuses_unparsable_file_without_force(home: Path) -> None:
    home.mkdir()
    path = home / "tensorplug.json"
    path.write_text("{broken")
    with pytest.raises(tensorplug.ConfigError, match="--force"):
        _config.write_config({"floatx": "float64"})
    assert path.read_text() == "{broken"
    _config.write_config({"floatx": "float64"}, force=True)
    assert json.loads(path.read_text()) == {"floatx": "float64"}


def test_write_config_validates_before_writing(home: Path) -> None:
    path = _config.write_config({"floatx": "float32"})
    before = path.read_bytes()
    with pytest.raises(tensorplug.ConfigError, match="float8"):
        _config.write_config({"floatx": "float8"})
    assert path.read_bytes() == before


def test_failed_write_leaves_old_file(home: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = _config.write_config({"floatx": "float32"})
    before = path.read_bytes()

    def broken_replace(src: str, dst: str) -> None:
        raise OSError("disk full")

    monkeypatch.setattr(os, "replace", broken_replace)
    with pytest.raises(OSError, match="disk full"):
        _config.write_config({"floatx": "float64"})
    assert path.read_bytes() == before
    assert [p.name for p in home.iterdir()] == ["tensorplug.json"]


def test_non_object_json_is_an_error(home: Path) -> None:
    home.mkdir()
    (home / "tensorplug.json").write_text("[1, 2]")
    tensorplug.refresh_backends()
    with pytest.raises(tensorplug.ConfigError, match="JSON object"):
        K.floatx()
