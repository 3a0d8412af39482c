#!/usr/bin/env python3
"""Checks the Python distributions that CI builds: one sdist and one wheel in
DIR (scripts/test-all.sh builds the wheel from the sdist).

The wheel must be abi3 (one wheel for every CPython >= 3.9), carry the typed
package (``py.typed``, the ``.pyi`` stubs, the pure-Python modules) and the
metadata pip shows; the sdist must carry what building needs (the workspace
manifest and lock file, the core crate's sources, the package sources).

Usage: scripts/check-dist.py DIR
"""

import email.parser
import sys
import tarfile
import zipfile
from pathlib import Path


def fail(msg: str) -> None:
    print(f"check-dist: {msg}", file=sys.stderr)
    sys.exit(1)


def one(paths: list[Path], what: str) -> Path:
    if len(paths) != 1:
        fail(f"expected one {what}, found {[p.name for p in paths]}")
    return paths[0]


def main() -> None:
    if len(sys.argv) != 2:
        fail("usage: check-dist.py DIR")
    d = Path(sys.argv[1])
    wheel = one(sorted(d.glob("routeguard-*.whl")), "wheel")
    sdist = one(sorted(d.glob("routeguard-*.tar.gz")), "sdist")

    # name-version-python-abi-platform.whl (PEP 427)
    parts = wheel.name[: -len(".whl")].split("-")
    if len(parts) != 5:
        fail(f"unexpected wheel name {wheel.name}")
    _, version, py, abi, plat = parts
    if (py, abi) != ("cp39", "abi3"):
        fail(f"{wheel.name}: not an abi3 wheel for CPython >= 3.9 ({py}-{abi})")
    if not plat.startswith(("manylinux", "linux", "macosx", "win")):
        fail(f"{wheel.name}: unexpected platform tag {plat}")
    with zipfile.ZipFile(wheel) as z:
        names = set(z.namelist())
        for need in (
            "routeguard/__init__.py",
            "routeguard/py.typed",
            "routeguard/_routeguard.pyi",
            "routeguard/manrs.py",
            "routeguard/nornir.py",
            "routeguard/spark.py",
        ):
            if need not in names:
                fail(f"{wheel.name} lacks {need}")
        if not any(n.startswith("routeguard/_routeguard.") and n.endswith(".so") for n in names):
            fail(f"{wheel.name} lacks the extension module")
        meta_name = f"routeguard-{version}.dist-info/METADATA"
        if meta_name not in names:
            fail(f"{wheel.name} lacks {meta_name}")
        meta = email.parser.Parser().parsestr(z.read(meta_name).decode())
    for field in ("Name", "Version", "Requires-Python", "Summary"):
        if not meta.get(field):
            fail(f"{wheel.name}: METADATA has no {field}")
    if "Typing :: Typed" not in meta.get_all("Classifier", []):
        fail(f"{wheel.name}: not classified Typing :: Typed")

    root = f"routeguard-{version}/"
    with tarfile.open(sdist) as t:
        members = set(t.getnames())
    for need in (
        "PKG-INFO",
        "pyproject.toml",
        "Cargo.toml",
        "Cargo.lock",
        "core/Cargo.toml",
        "core/src/lib.rs",
        "bindings-python/Cargo.toml",
        "bindings-python/src/lib.rs",
        "python/routeguard/py.typed",
        "python/routeguard/_routeguard.pyi",
    ):
        if root + need not in members:
            fail(f"{sdist.name} lacks {need}")
    print(f"check-dist: {wheel.name} ({len(names)} files) and {sdist.name} ({len(members)} files) ok")


if __name__ == "__main__":
    main()
