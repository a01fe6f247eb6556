"""Where the project and its local state live."""

import os
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parents[2]
MIGRATIONS_DIR = PROJECT_ROOT / "migrations"


def state_dir() -> Path:
    """The `make up` cluster's state (git-ignored); AVENIR_HOME overrides it."""
    return Path(os.environ.get("AVENIR_HOME", PROJECT_ROOT / ".avenir")).resolve()
