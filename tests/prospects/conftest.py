"""Prospect tests: the sidecar's import and profile code against the test cluster."""

from pathlib import Path

import pytest

DATA = Path(__file__).parent / "data"


@pytest.fixture
def data_dir() -> Path:
    return DATA
