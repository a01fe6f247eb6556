"""A PostgreSQL 15 installation tree without PL/Python, as on managed hosts (Supabase, Neon): the
server finds its share/ and lib/ relative to its own binary, so in a copy of the tree without the
language's files `plpython3u` is simply not available (tests/managed_host, tests/failover)."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

from avenir.local.cluster import PG_BIN

PG_SHARE = Path("/usr/share/postgresql/15")
PG_LIB = PG_BIN.parent / "lib"
PL_PYTHON = "plpython3"  # the language's files: plpython3u.control/.sql, plpython3.so and its transforms


def tree_without_plpython(root: Path) -> Path:
    """usr/lib/postgresql/15/{bin,lib} and usr/share/postgresql/15 under root, PL/Python left out."""
    bin_dir, lib_dir, share_dir = root / "usr/lib/postgresql/15/bin", root / "usr/lib/postgresql/15/lib", \
        root / "usr/share/postgresql/15"
    shutil.copytree(PG_BIN, bin_dir, symlinks=False)  # a copy: the server resolves symlinks to its real path
    for source, target in ((PG_LIB, lib_dir), (PG_SHARE, share_dir), (PG_SHARE / "extension", share_dir / "extension")):
        target.mkdir(parents=True, exist_ok=True)
        for entry in source.iterdir():
            if PL_PYTHON in entry.name or (target / entry.name).exists() or entry.name == "extension":
                continue
            (target / entry.name).symlink_to(entry)
    subprocess.run(["chmod", "-R", "a+rX", str(root)], check=True)
    return bin_dir
