# Copyright: routeguard developers
# BSD-3-Clause (see the routeguard repository)
"""Controller-side helpers of the routeguard.routing filters and lookups.

Loads routeguard objects (VRP sets, IRR databases, ASPA sets, bogon
checkers, datasets) from files and keeps them in a small per-process cache
keyed by each file's absolute path, modification time and size, so that a
filter applied to a list, or called once per loop item, loads a file once.
A file changed on disk is loaded again. Every rule lives in routeguard
itself; this module only finds files, converts arguments and maps errors.
"""

from __future__ import annotations

import os
import threading
from collections import OrderedDict
from collections.abc import Mapping

from ansible.errors import AnsibleError
from ansible.module_utils.common.text.converters import to_native

try:
    import routeguard
except ImportError as exc:  # reported when a plugin is used, not on import
    routeguard = None
    ROUTEGUARD_IMPORT_ERROR = to_native(exc)
else:
    ROUTEGUARD_IMPORT_ERROR = None

# Objects kept at most; the oldest is dropped first.
CACHE_SIZE = 8

_cache = OrderedDict()
_lock = threading.Lock()


def require_routeguard(plugin, error=AnsibleError):
    """Returns the routeguard module, or raises ``error`` saying how to install it."""
    if routeguard is None:
        raise error(
            "%s needs the Python package routeguard on the Ansible controller "
            "(pip install routeguard into the Python that runs ansible): %s" % (plugin, ROUTEGUARD_IMPORT_ERROR)
        )
    return routeguard


def _stamp(path, what, plugin, error):
    """(absolute path, mtime in ns, size) of a data file."""
    if not isinstance(path, (str, os.PathLike)):
        raise error("%s: %s must be a file path, not %r" % (plugin, what, path))
    full = os.path.abspath(os.path.expanduser(os.fspath(path)))
    try:
        st = os.stat(full)
    except OSError as exc:
        raise error("%s: %s file %s: %s" % (plugin, what, full, exc.strerror or exc))
    return (full, st.st_mtime_ns, st.st_size)


def _stamps(paths, what, plugin, error):
    """Stamps of an optional path, or of each of a list of paths."""
    if paths is None:
        return None
    if isinstance(paths, (str, os.PathLike)):
        return _stamp(paths, what, plugin, error)
    return tuple(_stamp(p, what, plugin, error) for p in paths)


def irr_files(irr, plugin, error=AnsibleError):
    """Normalises the IRR argument: a path, a list of paths or ``[SOURCE, path]``
    pairs, or a mapping SOURCE -> path. Returns a tuple of (source or None, path)."""
    if irr is None:
        return ()
    if isinstance(irr, (str, os.PathLike)):
        return ((None, irr),)
    if isinstance(irr, Mapping):
        return tuple((str(source), path) for source, path in irr.items())
    out = []
    for item in irr:
        if isinstance(item, (str, os.PathLike)):
            out.append((None, item))
        elif isinstance(item, Mapping) and len(item) == 1:
            out.extend((str(source), path) for source, path in item.items())
        elif isinstance(item, (list, tuple)) and len(item) == 2:
            out.append((str(item[0]), item[1]))
        else:
            raise error(
                "%s: irr takes a path, a list of paths or [SOURCE, path] pairs, "
                "or a mapping SOURCE: path; not %r" % (plugin, item)
            )
    return tuple(out)


def _irr_stamps(files, plugin, error):
    return tuple((source,) + _stamp(path, "irr", plugin, error) for source, path in files)


def _irr_arg(stamps):
    """The ``irr`` argument of routeguard.Dataset / IrrDb.from_files."""
    return [full if source is None else (source, full) for source, full, _mtime, _size in stamps]


def _cached(key, load, plugin, error):
    with _lock:
        if key in _cache:
            _cache.move_to_end(key)
            return _cache[key]
    try:
        value = load()
    except routeguard.RouteguardError as exc:
        raise error("%s: %s" % (plugin, to_native(exc)))
    except OSError as exc:
        raise error("%s: %s" % (plugin, to_native(exc)))
    with _lock:
        _cache[key] = value
        while len(_cache) > CACHE_SIZE:
            _cache.popitem(last=False)
    return value


def vrp_set(vrps, plugin, slurm=None, vrp_format=None, error=AnsibleError):
    """A routeguard.VrpSet from a validator export (strict, as the CLI loads it)."""
    rg = require_routeguard(plugin, error)
    v = _stamp(vrps, "vrps", plugin, error)
    s = _stamps(slurm, "slurm", plugin, error)
    key = ("vrps", v, s, vrp_format)
    return _cached(key, lambda: rg.VrpSet.from_file(v[0], vrp_format, s[0] if s else None), plugin, error)


def route_checker(vrps, plugin, slurm=None, vrp_format=None, error=AnsibleError):
    """A routeguard.RouteChecker over the VRPs of a file (for route lines)."""
    rg = require_routeguard(plugin, error)
    vset = vrp_set(vrps, plugin, slurm, vrp_format, error)
    key = ("checker", _stamp(vrps, "vrps", plugin, error), _stamps(slurm, "slurm", plugin, error), vrp_format)
    return vset, _cached(key, lambda: rg.RouteChecker(vrps=vset), plugin, error)


def irr_db(irr, plugin, preference=None, error=AnsibleError):
    """A routeguard.IrrDb from RPSL dumps (lenient, as the CLI loads them)."""
    rg = require_routeguard(plugin, error)
    stamps = _irr_stamps(irr_files(irr, plugin, error), plugin, error)
    if not stamps:
        raise error("%s: no IRR file given" % plugin)
    pref = list(preference) if preference else None
    key = ("irr", stamps, tuple(pref) if pref else None)
    return _cached(key, lambda: rg.IrrDb.from_files(_irr_arg(stamps), preference=pref), plugin, error)


def aspa_set(path, plugin, aspa_format=None, error=AnsibleError):
    """A routeguard.AspaSet from a file with ASPAs (validator export, SLURM v2, openbgpd)."""
    rg = require_routeguard(plugin, error)
    st = _stamp(path, "aspa", plugin, error)
    key = ("aspa", st, aspa_format)
    return _cached(key, lambda: rg.AspaSet.from_file(st[0], aspa_format), plugin, error)


def bogons(plugin, lists=None, max_v4_len=24, max_v6_len=48, max_path_len=64, allow_default=False, error=AnsibleError):
    """A routeguard.Bogons checker with the built-in lists plus Team Cymru style files."""
    rg = require_routeguard(plugin, error)
    if isinstance(lists, (str, os.PathLike)):
        lists = [lists]
    stamps = tuple(_stamp(p, "bogon list", plugin, error) for p in (lists or ()))
    key = ("bogons", stamps, max_v4_len, max_v6_len, max_path_len, bool(allow_default))

    def load():
        b = rg.Bogons(
            max_v4_len=int(max_v4_len),
            max_v6_len=int(max_v6_len),
            max_path_len=None if max_path_len is None else int(max_path_len),
            allow_default=bool(allow_default),
        )
        for full, _mtime, _size in stamps:
            b.add_list_file(full)
        return b

    return _cached(key, load, plugin, error)


def dataset(plugin, irr=None, vrps=None, slurm=None, irr_preference=None, error=AnsibleError):
    """A routeguard.Dataset (lenient loads, as ``routeguard filter`` does)."""
    rg = require_routeguard(plugin, error)
    stamps = _irr_stamps(irr_files(irr, plugin, error), plugin, error)
    v = _stamps(vrps, "vrps", plugin, error)
    s = _stamps(slurm, "slurm", plugin, error)
    pref = list(irr_preference) if irr_preference else None
    key = ("dataset", stamps, v, s, tuple(pref) if pref else None)

    def load():
        return rg.Dataset(
            irr=_irr_arg(stamps) or None,
            vrps=v[0] if v else None,
            slurm=s[0] if s else None,
            irr_preference=pref,
        )

    return _cached(key, load, plugin, error)


def cache_info():
    """The keys held (for tests and debugging)."""
    with _lock:
        return list(_cache.keys())
