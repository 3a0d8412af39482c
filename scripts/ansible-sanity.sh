#!/usr/bin/env bash
# Runs `ansible-test sanity` on the Ansible collection routeguard.routing
# (bindings-python/ansible). ansible-test wants the collection at
# .../ansible_collections/routeguard/routing, so the tree is copied into a
# temporary directory of that shape. --venv: every test runs in a virtualenv
# ansible-test builds with its own pinned requirements (pylint, yamllint,
# voluptuous, ...; from PyPI on the first run, then cached in
# ~/.ansible/test/venv). Usage: scripts/ansible-sanity.sh [ansible-test args]
#   ANSIBLE_BIN   directory of ansible-test (default: .venv/bin)
# ansible-test creates those virtualenvs without pip and bootstraps pip with
# a get-pip.py it downloads from ci-files.testing.ansible.com, which CI
# cannot reach (only package registries). Where its cache lacks that
# script, a stand-in is put there: it installs the pip bundled with CPython
# (ensurepip), and that pip installs what ansible-test asks for from PyPI.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
BIN=${ANSIBLE_BIN:-$ROOT/.venv/bin}
PYVER=$("$BIN/python" -c 'import sys; print("%d.%d" % sys.version_info[:2])')
PIPVER=$("$BIN/python" - <<'PY'
import re, ansible_test, pathlib
src = (pathlib.Path(ansible_test.__file__).parent / "_internal" / "python_requirements.py").read_text()
print(re.search(r"pip='([0-9.]+)'", src).group(1))
PY
)
getpip=$HOME/.ansible/test/cache/get_pip_${PIPVER//./_}.py
if [ ! -f "$getpip" ]; then
    mkdir -p "$(dirname "$getpip")"
    cat > "$getpip" <<'PY'
"""Stand-in for get-pip.py (written by routeguard's scripts/ansible-sanity.sh):
installs CPython's bundled pip (ensurepip), then runs pip install with the
arguments ansible-test gives get-pip.py (pip==VERSION from PyPI, ...)."""
import ensurepip
import importlib
import os
import runpy
import sys

ensurepip.bootstrap()
os.environ.pop("PIP_CONFIG_FILE", None)  # ensurepip points it at /dev/null
importlib.invalidate_caches()
sys.argv = ["pip", "install"] + [a for a in sys.argv[1:] if a not in ("--no-setuptools", "--no-wheel")]
runpy.run_module("pip", run_name="__main__", alter_sys=True)
PY
fi
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
dst=$tmp/ansible_collections/routeguard/routing
mkdir -p "$dst"
cp -r bindings-python/ansible/. "$dst"/
rm -rf "$dst/tests/output"
cd "$dst"
"$BIN/ansible-test" sanity --venv --python "$PYVER" --color no "$@"
