"""Where the project (migrations/, db/, functions/, ...) and the local state live.

The wheel holds the Python code and its SQL queries, not the project: `avenir up` and
`avenir migrate` deploy the sqitch project of a checkout. It is found, in this order, at
AVENIR_PROJECT_DIR, in the current directory or one of its parents (the first holding
migrations/sqitch.plan, as git finds .git), or beside the package (an editable install).
"""

from __future__ import annotations

import os
from functools import cache
from pathlib import Path

from ..errors import AvenirError

MARKER = Path("migrations") / "sqitch.plan"
_BESIDE_PACKAGE = Path(__file__).resolve().parents[3]  # sidecar/avenir/local/paths.py -> the checkout


@cache
def project_root() -> Path:
    explicit = os.environ.get("AVENIR_PROJECT_DIR")
    if explicit:
        root = Path(explicit).resolve()
        if not (root / MARKER).is_file():
            raise AvenirError(f"AVENIR_PROJECT_DIR={explicit} holds no {MARKER}; point it at an Avenir checkout")
        return root
    here = Path.cwd().resolve()
    for candidate in (here, *here.parents, _BESIDE_PACKAGE):
        if (candidate / MARKER).is_file():
            return candidate
    raise AvenirError(f"no Avenir project here: run avenir inside a checkout (a folder with {MARKER}) "
                      f"or set AVENIR_PROJECT_DIR")


def migrations_dir() -> Path:
    return project_root() / "migrations"


def state_dir() -> Path:
    """The `make up` cluster's state (git-ignored); AVENIR_HOME overrides it."""
    home = os.environ.get("AVENIR_HOME")
    return Path(home).resolve() if home else project_root() / ".avenir"
