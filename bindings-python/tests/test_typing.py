"""The stubs match the extension module (mypy.stubtest) and type-check a
typed use of the API (mypy --strict)."""

from __future__ import annotations

import importlib.util
import os
import subprocess
import sys
from pathlib import Path

import pytest
import typed_usage

HERE = Path(__file__).resolve().parent


def _need_mypy() -> None:
    if importlib.util.find_spec("mypy") is None:
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail("mypy is not installed")
        pytest.skip("mypy is not installed")


def _run(cwd: Path, *args: str) -> subprocess.CompletedProcess[str]:
    # Run outside the source tree (the installed package is checked, and
    # mypy's cache lands in a temporary directory).
    return subprocess.run(
        [sys.executable, "-m", *args], cwd=cwd, capture_output=True, text=True, timeout=600, check=False
    )


def test_stubtest(tmp_path: Path) -> None:
    _need_mypy()
    allowlist = HERE.parent / "stubtest-allowlist.txt"
    p = _run(tmp_path, "mypy.stubtest", "routeguard", "--allowlist", str(allowlist))
    assert p.returncode == 0, p.stdout + p.stderr


def test_mypy_strict_on_typed_usage_and_the_tests(tmp_path: Path) -> None:
    _need_mypy()
    files = sorted(str(f) for f in HERE.glob("*.py"))
    p = _run(tmp_path, "mypy", "--strict", *files)
    assert p.returncode == 0, p.stdout + p.stderr


def test_typed_usage_runs(tmp_path: Path) -> None:
    typed_usage.main(tmp_path)
