# Copyright: routeguard developers
# BSD-3-Clause (see the routeguard repository)
"""The routeguard.routing filters: rov_state, irr_status, aspa_verify,
prefix_list and bogon. Their documentation is in the YAML files beside this
one (rov_state.yml, ...); ``ansible-doc -t filter routeguard.routing.NAME``
shows it. Every verdict is computed by the routeguard Python package; this
file converts Ansible values to its arguments and back."""

from __future__ import annotations

from collections.abc import Mapping

from ansible.errors import AnsibleFilterError
from ansible.module_utils.common.text.converters import to_native

from ansible_collections.routeguard.routing.plugins.plugin_utils import datasets


def _fail(name, msg):
    return AnsibleFilterError("routeguard.routing.%s: %s" % (name, msg))


def _items(value, name, single_types):
    """(items as a list, whether one item was given instead of a list)."""
    if isinstance(value, single_types):
        return [value], True
    if isinstance(value, Mapping) or not hasattr(value, "__iter__"):
        raise _fail(name, "expected a list (or a single %s), got %r" % ("/".join(t.__name__ for t in single_types), value))
    return list(value), False


def _route_pair(item, name, index):
    """(prefix, origin) of a dict with prefix/origin or a two-item list."""
    if isinstance(item, Mapping):
        if "prefix" not in item or "origin" not in item:
            raise _fail(name, "item %d: a route dict needs the keys prefix and origin: %r" % (index, dict(item)))
        return (str(item["prefix"]), _origin(item.get("origin")))
    if isinstance(item, (list, tuple)) and len(item) == 2:
        return (str(item[0]), _origin(item[1]))
    raise _fail(name, "item %d: expected 'PREFIX ORIGIN', {prefix: ..., origin: ...} or [prefix, origin]; got %r" % (index, item))


def _origin(origin):
    if origin is None or isinstance(origin, int):
        return origin
    return str(origin)


def _path(path):
    """An AS path for routeguard: a string, or a list of AS numbers."""
    if isinstance(path, str):
        return str(path)
    if isinstance(path, int):
        return [path]
    return [a if isinstance(a, int) else str(a) for a in path]


def _call(filter_name, fn, *args, **kwargs):
    rg = datasets.require_routeguard("routeguard.routing." + filter_name, AnsibleFilterError)
    try:
        return fn(*args, **kwargs)
    except rg.RouteguardError as exc:
        raise _fail(filter_name, to_native(exc))
    except (TypeError, ValueError, OverflowError) as exc:
        raise _fail(filter_name, to_native(exc))


def _lines(checker, lines, name, first_index):
    """Verdicts of route lines, one per line: an empty line, a comment or
    several lines in one item is an error naming the item."""
    for offset, line in enumerate(lines):
        if "\n" in line or "\r" in line:
            raise _fail(name, "item %d: %r is not one route (it has a line break)" % (first_index[offset], line))
    verdicts = _call(name, checker.check_lines, "\n".join(lines))
    if len(verdicts) != len(lines):
        for offset, line in enumerate(lines):
            got = _call(name, checker.check_lines, line)
            if len(got) != 1:
                raise _fail(name, "item %d: %r is not one route (PREFIX ORIGIN or PREFIX PATH)" % (first_index[offset], line))
    return verdicts


def rov_state(routes, vrps, slurm=None, vrp_format=None):
    """RFC 6811 states of routes, the words ``routeguard validate`` prints."""
    name = "rov_state"
    plugin = "routeguard.routing." + name
    items, single = _items(routes, name, (str, Mapping))
    vset, checker = datasets.route_checker(vrps, plugin, slurm, vrp_format, AnsibleFilterError)
    states = [None] * len(items)
    lines, line_index, pairs, pair_index, paths, path_index = [], [], [], [], [], []
    for i, item in enumerate(items):
        if isinstance(item, str):
            lines.append(str(item))
            line_index.append(i)
        elif isinstance(item, Mapping) and "path" in item and "origin" not in item:
            if "prefix" not in item:
                raise _fail(name, "item %d: a route dict needs a prefix key: %r" % (i, dict(item)))
            paths.append((str(item["prefix"]), _path(item["path"])))
            path_index.append(i)
        else:
            pairs.append(_route_pair(item, name, i))
            pair_index.append(i)
    if lines:
        for i, v in zip(line_index, _lines(checker, lines, name, line_index)):
            states[i] = v.rov
    if paths:
        for i, v in zip(path_index, _call(name, checker.check_many, paths)):
            states[i] = v.rov
    if pairs:
        for i, r in zip(pair_index, _call(name, vset.validate_many, pairs)):
            states[i] = str(r.state)
    return states[0] if single else states


def irr_status(routes, irr, irr_preference=None):
    """IRR status words of routes (``routeguard irr check``)."""
    name = "irr_status"
    items, single = _items(routes, name, (str, Mapping))
    db = datasets.irr_db(irr, "routeguard.routing." + name, irr_preference, AnsibleFilterError)
    arg = [str(item) if isinstance(item, str) else _route_pair(item, name, i) for i, item in enumerate(items)]
    statuses = [c.status for c in _call(name, db.check_routes, arg)]
    return statuses[0] if single else statuses


def aspa_verify(paths, aspa, direction=None, neighbor=None, role=None, route_server=None, aspa_format=None):
    """ASPA verdicts of AS paths (``routeguard aspa verify``)."""
    name = "aspa_verify"
    items, single = _items(paths, name, (str,))
    aspas = datasets.aspa_set(aspa, "routeguard.routing." + name, aspa_format, AnsibleFilterError)
    verdicts = _call(
        name,
        aspas.verify_many,
        [_path(p) for p in items],
        None if direction is None else str(direction),
        neighbor=_origin(neighbor),
        role=None if role is None else str(role),
        route_server=_origin(route_server),
    )
    return verdicts[0] if single else verdicts


def prefix_list(
    objects,
    irr,
    format="ios",
    name="NN",
    family=4,
    vrps=None,
    slurm=None,
    sources=None,
    rpki=None,
    roa_as_route=False,
    max_len=None,
    aggregate=False,
    irr_preference=None,
):
    """A router prefix list for as-sets/ASNs, from IRR dumps (``routeguard filter``)."""
    fname = "prefix_list"
    if isinstance(objects, str):
        objects = [objects]
    ds = datasets.dataset("routeguard.routing." + fname, irr, vrps, slurm, irr_preference, AnsibleFilterError)
    kwargs = {
        "family": int(family),
        "roa_as_route": bool(roa_as_route),
        "format": str(format),
        "name": str(name),
        "aggregate": bool(aggregate),
    }
    if sources:
        kwargs["sources"] = [str(s) for s in sources]
    if rpki is not None:
        kwargs["rpki"] = str(rpki)
    if max_len is not None:
        kwargs["max_len"] = int(max_len)
    f = _call(fname, ds.prefix_list, [str(o) for o in objects], **kwargs)
    return _call(fname, f.render)


def _finding(f, details):
    if not details:
        return "ok" if f is None else f.kind
    if f is None:
        return None
    return {"kind": f.kind, "list": f.list, "entry": f.entry, "asn": f.asn}


def bogon(values, bogons=None, max_v4_len=24, max_v6_len=48, allow_default=False, details=False):
    """Bogon findings of prefixes and AS numbers (IANA registries and given lists)."""
    name = "bogon"
    items, single = _items(values, name, (str, int))
    checker = datasets.bogons("routeguard.routing." + name, bogons, max_v4_len, max_v6_len, 64, allow_default, AnsibleFilterError)
    rg = datasets.routeguard
    out = []
    for item in items:
        if isinstance(item, bool) or not isinstance(item, (str, int)):
            raise _fail(name, "expected prefixes and AS numbers, got %r" % (item,))
        if isinstance(item, int):
            finding = _call(name, checker.check_asn, item)
        else:
            # An AS number (64500, AS64500, asdot 1.10) when it parses as one,
            # else a prefix.
            try:
                asn = rg.parse_asn(str(item))
            except rg.ModelError:
                finding = _call(name, checker.check_prefix, str(item))
            else:
                finding = _call(name, checker.check_asn, asn)
        out.append(_finding(finding, details))
    return out[0] if single else out


class FilterModule(object):
    """routeguard.routing filters."""

    def filters(self):
        return {
            "rov_state": rov_state,
            "irr_status": irr_status,
            "aspa_verify": aspa_verify,
            "prefix_list": prefix_list,
            "bogon": bogon,
        }
