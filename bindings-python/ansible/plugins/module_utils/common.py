# Copyright: routeguard developers
# BSD-3-Clause (see the routeguard repository)
"""Shared code of the routeguard.routing modules: the guarded import of the
routeguard package, argument conversion, and writing a file only when its
content changes (check mode and diff mode included)."""

from __future__ import annotations

import os
import tempfile
import traceback

from ansible.module_utils.basic import missing_required_lib
from ansible.module_utils.common.text.converters import to_bytes, to_native, to_text

try:
    import routeguard
except ImportError:
    routeguard = None
    HAS_ROUTEGUARD = False
    ROUTEGUARD_IMPORT_ERROR = traceback.format_exc()
else:
    HAS_ROUTEGUARD = True
    ROUTEGUARD_IMPORT_ERROR = None


def require_routeguard(module):
    """The routeguard package, or fail_json with missing_required_lib's message."""
    if not HAS_ROUTEGUARD:
        module.fail_json(
            msg=missing_required_lib("routeguard (the Python package, pip install routeguard)"),
            exception=ROUTEGUARD_IMPORT_ERROR,
        )
    return routeguard


def fail_routeguard(module, what, exc, **result):
    """fail_json for an error raised by routeguard (or by reading a file)."""
    module.fail_json(msg="%s: %s" % (what, to_native(exc)), **result)


def path_arg(path):
    """An expanded path, or None."""
    if path is None:
        return None
    return os.path.expanduser(os.path.expandvars(path))


def irr_arg(module, items):
    """The ``irr`` option (paths, or single-key dicts SOURCE: path) as
    routeguard's ``irr`` argument (paths and (source, path) pairs)."""
    out = []
    for item in items or []:
        if isinstance(item, dict) and len(item) == 1:
            for source, path in item.items():
                out.append((to_text(source), path_arg(to_text(path))))
        elif isinstance(item, str):
            out.append(path_arg(item))
        else:
            module.fail_json(msg="irr: each item is a path or a dict SOURCE: path, not %r" % (item,))
    return out


def read_text(module, path, what):
    """A file's text, or None when it does not exist."""
    if path is None or not os.path.exists(path):
        return None
    try:
        with open(path, "rb") as f:
            return to_text(f.read(), errors="surrogate_or_strict")
    except (OSError, UnicodeError) as exc:
        module.fail_json(msg="cannot read %s %s: %s" % (what, path, to_native(exc)))


def write_if_changed(module, dest, content, result):
    """Writes ``content`` to ``dest`` unless it already holds it (nothing is
    written in check mode); applies mode/owner/group; sets result['changed']
    and, in diff mode, adds the file's before/after to result['diff']."""
    before = read_text(module, dest, "dest")
    changed = before != content
    if changed and module._diff:
        result.setdefault("diff", []).append(
            {
                "before": before if before is not None else "",
                "after": content,
                "before_header": dest if before is not None else "%s (absent)" % dest,
                "after_header": dest,
            }
        )
    if changed and not module.check_mode:
        directory = os.path.dirname(os.path.abspath(dest))
        if not os.path.isdir(directory):
            module.fail_json(msg="dest %s: directory %s does not exist" % (dest, directory), **result)
        try:
            fd, tmp = tempfile.mkstemp(prefix=".routeguard-", dir=directory)
            with os.fdopen(fd, "wb") as f:
                f.write(to_bytes(content, errors="surrogate_or_strict"))
        except OSError as exc:
            module.fail_json(msg="cannot write %s: %s" % (dest, to_native(exc)), **result)
        module.atomic_move(tmp, dest)
    file_args = module.load_file_common_arguments(module.params, path=dest)
    if os.path.exists(dest):
        changed = module.set_fs_attributes_if_different(file_args, changed)
    result["changed"] = result.get("changed", False) or changed
    return changed
