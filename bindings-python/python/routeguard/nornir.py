"""Nornir tasks: routeguard's filters, anti-spoofing, audits and MANRS
reports for every host of a Nornir inventory, without touching a device.

Install with ``pip install "routeguard[nornir]"``; ``import routeguard``
never needs Nornir, only ``import routeguard.nornir`` does.

Everything a task needs comes from the host's inventory data under the
key ``routeguard`` (each sub-key is looked up on the host, then its groups,
then the defaults, so shared settings live in ``groups.yaml`` or
``defaults.yaml``; the mappings ``manrs`` and ``formats`` are merged key
by key the same way); file paths are relative to the working directory, as
Nornir's own inventory options are::

    # defaults.yaml
    data:
      routeguard:
        dataset: {irr: [examples/irr.rpsl], vrps: examples/vrps.json}
        manrs:
          dataset: {vrps: examples/manrs/vrps.json, irr: [examples/manrs/irr.rpsl],
                    asrel: examples/manrs/asrel.txt}
    # hosts.yaml
    edge1:
      platform: cisco_ios                # or ios, junos, juniper_junos, eos, iosxr, bird, ...
      data:
        routeguard:
          customers:                     # one prefix filter each (Dataset.prefix_list)
            - {name: CUST-A, as_set: AS-EXAMPLE}
            - {name: CUST-A6, as_set: AS-EXAMPLE, family: 6}
            - {name: CUST-B, asn: AS64497, rpki: tag, aggregate: true}
          interfaces:                    # anti-spoofing per interface (Dataset.antispoof)
            - {name: Gi0/1, asn: AS64497}          # prefixes from the IRR and ROAs
          running_config: captures/edge1.conf      # audit_running_config reads it
          manrs: {asns: [AS1000], routes: [captures/edge1.bgpdump-m.txt]}

Then, in a runbook::

    from nornir import InitNornir
    from routeguard.nornir import (render_prefix_filters, render_antispoof,
                                   audit_running_config, manrs_report)

    nr = InitNornir(config_file="config.yaml")
    filters = nr.run(task=render_prefix_filters)       # the dataset is loaded once
    for host, multi in filters.items():
        r = multi[0]
        if not r.failed:
            open(f"{host}.filters.txt", "w").write(r.result)
    audit = nr.run(task=audit_running_config)           # failed hosts: drift
    print(sorted(audit.failed_hosts))
    nr.run(task=manrs_report, fail_on_nonconformant=True, output_dir="reports",
           on_failed=True)                               # Nornir skips failed hosts otherwise

Each task returns a :class:`nornir.core.task.Result` subclass whose
``result`` is readable text (the configuration, the diff, the report) and
whose attributes hold routeguard's own objects (:class:`PrefixFilter`,
:class:`FilterDiff`, :class:`AuditFinding`, :class:`ManrsReport`) and a
JSON-ready ``data`` dict. ``changed`` is always False: nothing is pushed.
A host whose inventory is wrong (unknown platform, missing key) fails on
its own; the others go on.

The :class:`Dataset` is shared: pass one (``nr.run(task=...,
dataset=ds)``), or let the tasks build it from the inventory's
``routeguard.dataset`` (keyword arguments of :class:`routeguard.Dataset`)
through a :class:`DatasetCache`, which loads each distinct specification
once for all hosts and threads.

The host's ``platform`` picks the output format (:data:`PLATFORMS` maps
Nornir/Netmiko/NAPALM/Scrapli names to routeguard's); ``routeguard.formats``
(``{filter: frr, prefix_list: frr, sav: linux, config: ...}``) overrides it.
"""

from __future__ import annotations

import enum
import json
import threading
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal, Optional, cast

try:
    from nornir.core.inventory import Host
    from nornir.core.task import Result, Task
except ImportError:  # pragma: no cover - exercised without nornir
    raise ImportError(
        'routeguard.nornir needs Nornir: pip install "routeguard[nornir]" (or pip install nornir)'
    )  # the ImportError above stays chained as the context

from ._routeguard import (
    AuditFinding,
    Dataset,
    FilterDiff,
    ManrsReport,
    PrefixFilter,
    antispoof,
    ParseError,
    audit_config,
)

if TYPE_CHECKING:
    from ._routeguard import (
        _ConfigDialect,
        _Family,
        _FilterFormat,
        _PrefixListFormat,
        _RpkiPolicy,
        _SavOutput,
        _SavVendor,
    )

    _ManrsFormat = Literal["text", "json", "markdown", "html"]

__all__ = [
    "PLATFORMS",
    "AntispoofResult",
    "AuditResult",
    "DatasetCache",
    "InventoryError",
    "ManrsResult",
    "Platform",
    "PrefixFiltersResult",
    "UnknownPlatformError",
    "audit_running_config",
    "manrs_report",
    "platform_formats",
    "render_antispoof",
    "render_prefix_filters",
]

KEY = "routeguard"


class _Default(enum.Enum):
    """The Python API's own default (for ``rpki``: ``"drop"``)."""

    API = "api"


_API_DEFAULT = _Default.API


# --------------------------------------------------------------- errors --


class InventoryError(ValueError):
    """A host's ``routeguard`` inventory data is missing or malformed."""


class UnknownPlatformError(InventoryError):
    """A host's platform that routeguard has no format for."""


# ------------------------------------------------------------ platforms --


@dataclass(frozen=True)
class Platform:
    """routeguard's format words for one router platform: ``filter`` for
    :meth:`PrefixFilter.render`, ``prefix_list`` to read its prefix lists
    back (:meth:`PrefixFilter.diff`), ``sav`` for :func:`antispoof`
    (None: routeguard writes no anti-spoofing for it), ``config`` to read
    its configuration (:func:`audit_config`; None: not readable)."""

    filter: _FilterFormat
    prefix_list: _PrefixListFormat
    sav: Optional[_SavVendor] = None
    config: Optional[_ConfigDialect] = None


_IOS = Platform("ios", "ios", "ios", "ios")
_IOSXE = Platform("ios", "ios", "ios-xe", "ios-xe")
_IOSXR = Platform("ios-xr", "ios-xr", "iosxr", "iosxr")
_JUNOS = Platform("junos", "junos", "junos", "junos")
_EOS = Platform("eos", "eos", "eos", "eos")
_SROS = Platform("sros", "sros", "sros")

#: Nornir platform names (NAPALM, Netmiko and Scrapli drivers, and
#: routeguard's own format words) and what routeguard writes and reads for
#: them. Names are matched lower-cased.
PLATFORMS: Mapping[str, Platform] = {
    # Cisco IOS / IOS-XE
    "ios": _IOS,
    "cisco_ios": _IOS,
    "cisco": _IOS,
    "ios-xe": _IOSXE,
    "iosxe": _IOSXE,
    "cisco_xe": _IOSXE,
    "cisco_iosxe": _IOSXE,
    # Cisco IOS XR
    "iosxr": _IOSXR,
    "ios-xr": _IOSXR,
    "xr": _IOSXR,
    "cisco_xr": _IOSXR,
    "cisco_iosxr": _IOSXR,
    # Juniper
    "junos": _JUNOS,
    "juniper": _JUNOS,
    "juniper_junos": _JUNOS,
    # Arista
    "eos": _EOS,
    "arista": _EOS,
    "arista_eos": _EOS,
    # Nokia
    "sros": _SROS,
    "nokia_sros": _SROS,
    "sros-mdcli": Platform("sros-mdcli", "sros-mdcli", "sros"),
    "srlinux": Platform("srlinux", "srlinux"),
    "nokia_srl": Platform("srlinux", "srlinux"),
    # Huawei
    "huawei": Platform("huawei", "huawei"),
    "huawei_vrp": Platform("huawei", "huawei"),
    "huawei_vrpv8": Platform("huawei", "huawei"),
    # MikroTik (RouterOS 7; set routeguard.formats for 6)
    "routeros": Platform("routeros7", "routeros7"),
    "mikrotik_routeros": Platform("routeros7", "routeros7"),
    "routeros7": Platform("routeros7", "routeros7"),
    "routeros6": Platform("routeros6", "routeros6"),
    # Software routers
    "bird": Platform("bird", "bird"),
    "bird2": Platform("bird", "bird"),
    "openbgpd": Platform("openbgpd", "openbgpd"),
    "frr": Platform("frr", "frr"),
    "vyos": Platform("vyos", "vyos"),
}


def platform_formats(host: Host) -> Platform:
    """The formats for ``host``: :data:`PLATFORMS` of its platform, with
    its ``routeguard.formats`` overrides. Raises
    :class:`UnknownPlatformError` when neither gives a filter format::

        >>> platform_formats(nr.inventory.hosts["edge1"])      # doctest: +SKIP
        Platform(filter='junos', prefix_list='junos', sav='junos', config='junos')
    """
    overrides = _mapping(host, "formats")
    unknown = set(overrides) - {"filter", "prefix_list", "sav", "config"}
    if unknown:
        raise InventoryError(
            f"{host.name}: routeguard.formats takes filter, prefix_list, sav and config, not {sorted(unknown)}"
        )
    name = host.platform
    base = PLATFORMS.get(name.lower()) if isinstance(name, str) else None
    if base is None and "filter" not in overrides:
        known = ", ".join(sorted(PLATFORMS))
        raise UnknownPlatformError(
            f"{host.name}: platform {name!r} has no routeguard format (known: {known}); "
            "set routeguard.formats (filter, prefix_list, sav, config) in its inventory data"
        )
    filter_fmt = overrides.get("filter", base.filter if base else None)
    return Platform(
        filter=cast("_FilterFormat", filter_fmt),
        prefix_list=cast("_PrefixListFormat", overrides.get("prefix_list", base.prefix_list if base else filter_fmt)),
        sav=cast("Optional[_SavVendor]", overrides.get("sav", base.sav if base else None)),
        config=cast("Optional[_ConfigDialect]", overrides.get("config", base.config if base else None)),
    )


# ------------------------------------------------------------- datasets --


class DatasetCache:
    """Datasets built from inventory specifications (keyword arguments of
    :class:`routeguard.Dataset`), each distinct one loaded once and shared
    by every host and thread. ``loads`` counts the loads made.

    In YAML, an IRR or bogon entry written ``[SOURCE, PATH]`` is the tuple
    ``(SOURCE, PATH)`` of the Python API::

        cache = DatasetCache()
        nr.run(task=render_prefix_filters, dataset=cache)
        nr.run(task=audit_running_config, dataset=cache)   # no second load
        assert cache.loads == 1
    """

    #: The cache the tasks use when no ``dataset`` is given.
    default: DatasetCache

    def __init__(self, loader: Callable[..., Dataset] = Dataset) -> None:
        self._loader = loader
        self._lock = threading.Lock()
        self._datasets: dict[str, Dataset] = {}
        self.loads = 0

    def get(self, spec: Mapping[str, Any]) -> Dataset:
        """The dataset of ``spec``, loading it on first use."""
        if not isinstance(spec, Mapping):
            raise InventoryError(f"a dataset specification is a mapping of Dataset arguments, not {spec!r}")
        key = json.dumps(spec, sort_keys=True, default=str)
        with self._lock:
            ds = self._datasets.get(key)
            if ds is None:
                ds = self._loader(**_dataset_kwargs(spec))
                self.loads += 1
                self._datasets[key] = ds
            return ds

    def clear(self) -> None:
        """Forgets every dataset (a new snapshot of the data is then loaded)."""
        with self._lock:
            self._datasets.clear()

    def __len__(self) -> int:
        return len(self._datasets)


DatasetCache.default = DatasetCache()


def _dataset_kwargs(spec: Mapping[str, Any]) -> dict[str, Any]:
    def tuples(v: Any) -> Any:
        if isinstance(v, list):
            return [tuple(x) if isinstance(x, list) and len(x) == 2 else x for x in v]
        return v

    return {k: tuples(v) if k in ("irr", "bogons") else v for k, v in spec.items()}


def _dataset(host: Host, dataset: Dataset | DatasetCache | None, *keys: str) -> Dataset:
    if isinstance(dataset, Dataset):
        return dataset
    cache = dataset if dataset is not None else DatasetCache.default
    for key in keys:
        spec = _setting_path(host, key)
        if spec is not None:
            return cache.get(spec)
    where = " or ".join(f"routeguard.{k}" for k in keys)
    raise InventoryError(f"{host.name}: no dataset given to the task and no {where} in its inventory data")


# ------------------------------------------------------------ inventory --


def _layers(host: Host) -> Iterator[Mapping[str, Any]]:
    """The ``routeguard`` mappings of the host, its groups, the defaults."""
    for data in [host.data, *(g.data for g in host.extended_groups()), host.defaults.data]:
        rg = data.get(KEY)
        if rg is None:
            continue
        if not isinstance(rg, Mapping):
            raise InventoryError(f"{host.name}: inventory key {KEY!r} must be a mapping, not {rg!r}")
        yield rg


def _setting(host: Host, key: str, default: Any = None) -> Any:
    for rg in _layers(host):
        if key in rg:
            return rg[key]
    return default


def _mapping(host: Host, key: str) -> dict[str, Any]:
    """A mapping setting merged key by key over the layers (the host's
    keys first, then its groups', then the defaults')."""
    out: dict[str, Any] = {}
    for rg in _layers(host):
        sub = rg.get(key)
        if sub is None:
            continue
        if not isinstance(sub, Mapping):
            raise InventoryError(f"{host.name}: routeguard.{key} must be a mapping, not {sub!r}")
        for k, v in sub.items():
            out.setdefault(k, v)
    return out


def _setting_path(host: Host, dotted: str) -> Any:
    """``manrs.dataset``: ``dataset`` of the merged ``manrs`` mapping."""
    head, _, rest = dotted.partition(".")
    if not rest:
        return _setting(host, head)
    return _mapping(host, head).get(rest)


def _required(host: Host, key: str) -> Any:
    v = _setting(host, key)
    if v is None:
        raise InventoryError(f"{host.name}: no routeguard.{key} in its inventory data")
    return v


def _entries(host: Host, key: str) -> list[Mapping[str, Any]]:
    v = _required(host, key)
    if not isinstance(v, list) or not all(isinstance(x, Mapping) for x in v):
        raise InventoryError(f"{host.name}: routeguard.{key} must be a list of mappings")
    return cast("list[Mapping[str, Any]]", v)


def _read(host: Host, path: Any, what: str) -> str:
    if not isinstance(path, (str, Path)):
        raise InventoryError(f"{host.name}: routeguard.{what} must be a file path, not {path!r}")
    try:
        return Path(path).read_text(encoding="utf-8")
    except OSError as e:
        raise InventoryError(f"{host.name}: routeguard.{what}: cannot read {path}: {e.strerror or e}") from e


# -------------------------------------------------------------- filters --

_CUSTOMER_KEYS = {"name", "as_set", "asn", "objects", "family", "sources", "rpki", "roa_as_route", "max_len", "aggregate"}


@dataclass(frozen=True)
class _Customer:
    name: str
    objects: list[str]
    family: _Family
    options: dict[str, Any]
    aggregate: bool


def _customers(host: Host, rpki: _RpkiPolicy | None | _Default, aggregate: bool | None) -> list[_Customer]:
    out = []
    for c in _entries(host, "customers"):
        name = c.get("name")
        if not isinstance(name, str) or not name:
            raise InventoryError(f"{host.name}: every routeguard.customers entry needs a name: {dict(c)!r}")
        extra = set(c) - _CUSTOMER_KEYS
        if extra:
            raise InventoryError(f"{host.name}: customer {name}: unknown keys {sorted(extra)}")
        given = [k for k in ("as_set", "asn", "objects") if c.get(k) is not None]
        if len(given) != 1:
            raise InventoryError(f"{host.name}: customer {name}: give exactly one of as_set, asn, objects")
        raw = c[given[0]]
        objects = [str(o) for o in raw] if isinstance(raw, list) else [str(raw)]
        family = c.get("family", 4)
        if family not in (4, 6):
            raise InventoryError(f"{host.name}: customer {name}: family must be 4 or 6, not {family!r}")
        options: dict[str, Any] = {k: c[k] for k in ("sources", "roa_as_route", "max_len") if k in c}
        if "rpki" in c:
            options["rpki"] = c["rpki"]
        elif not isinstance(rpki, _Default):
            options["rpki"] = rpki
        agg = c.get("aggregate", aggregate if aggregate is not None else False)
        out.append(_Customer(name, objects, cast("_Family", family), options, bool(agg)))
    return out


def _build_filters(
    host: Host, ds: Dataset, fmt: _FilterFormat, rpki: _RpkiPolicy | None | _Default, aggregate: bool | None
) -> tuple[dict[str, PrefixFilter], dict[str, str]]:
    filters: dict[str, PrefixFilter] = {}
    configs: dict[str, str] = {}
    for c in _customers(host, rpki, aggregate):
        if c.name in filters:
            raise InventoryError(f"{host.name}: two customers named {c.name}")
        f = ds.prefix_list(c.objects, family=c.family, format=fmt, name=c.name, aggregate=c.aggregate, **c.options)
        filters[c.name] = f
        configs[c.name] = f.render()
    return filters, configs


def _filter_data(name: str, f: PrefixFilter) -> dict[str, Any]:
    return {
        "name": name,
        "family": f.family,
        "entries": len(f),
        "asns": f.asns,
        "dropped": [(e.prefix, e.origin) for e in f.dropped],
        "missing_sets": f.missing_sets,
    }


class PrefixFiltersResult(Result):
    """What :func:`render_prefix_filters` made for one host.

    ``result`` is the configuration (every customer's filter, in inventory
    order); ``filters`` and ``configs`` hold each customer's
    :class:`PrefixFilter` and its text; ``format`` the format written."""

    def __init__(
        self, host: Host, *, format: str, filters: dict[str, PrefixFilter], configs: dict[str, str]
    ) -> None:
        super().__init__(host, result="".join(configs.values()), changed=False, failed=False)
        self.format = format
        self.filters = filters
        self.configs = configs
        self.data: dict[str, Any] = {
            "format": format,
            "customers": [_filter_data(n, f) for n, f in filters.items()],
        }


def render_prefix_filters(
    task: Task,
    dataset: Dataset | DatasetCache | None = None,
    *,
    rpki: _RpkiPolicy | None | _Default = _API_DEFAULT,
    aggregate: bool | None = None,
    output_dir: str | Path | None = None,
) -> PrefixFiltersResult:
    """Renders the prefix filter of every customer of the host
    (``routeguard.customers``) in its platform's format, each from
    :meth:`Dataset.prefix_list` with the customer's ``as_set``, ``asn`` or
    ``objects``, ``family`` (4 or 6), ``sources``, ``rpki``,
    ``roa_as_route``, ``max_len`` and ``aggregate``; ``rpki`` and
    ``aggregate`` given here apply to customers that do not set them.
    ``output_dir`` also writes ``HOST.filters.txt`` there::

        r = nr.run(task=render_prefix_filters, dataset=ds)["edge1"][0]
        print(r.result)                       # ip prefix-list CUST-A permit ...
        print(r.filters["CUST-A"].dropped)    # RPKI-invalid pairs left out
    """
    host = task.host
    fmt = platform_formats(host).filter
    ds = _dataset(host, dataset, "dataset")
    filters, configs = _build_filters(host, ds, fmt, rpki, aggregate)
    result = PrefixFiltersResult(host, format=fmt, filters=filters, configs=configs)
    _write(output_dir, f"{host.name}.filters.txt", cast("str", result.result))
    return result


# ----------------------------------------------------------- antispoof --


class AntispoofResult(Result):
    """What :func:`render_antispoof` made for one host: ``result`` is the
    configuration; ``vendor`` and ``output`` (``urpf`` or ``acl``) say what
    it is; ``interfaces`` maps each interface to its customer's ASN or its
    prefixes, as the inventory gave them."""

    def __init__(
        self, host: Host, *, config: str, vendor: str, output: str, interfaces: dict[str, str | list[str]]
    ) -> None:
        super().__init__(host, result=config, changed=False, failed=False)
        self.config = config
        self.vendor = vendor
        self.output = output
        self.interfaces = interfaces
        self.data: dict[str, Any] = {"vendor": vendor, "output": output, "interfaces": interfaces}


def _sav_interfaces(host: Host) -> tuple[dict[str, str], dict[str, list[str]]]:
    by_asn: dict[str, str] = {}
    by_prefixes: dict[str, list[str]] = {}
    for i in _entries(host, "interfaces"):
        name = i.get("name")
        if not isinstance(name, str) or not name:
            raise InventoryError(f"{host.name}: every routeguard.interfaces entry needs a name: {dict(i)!r}")
        if name in by_asn or name in by_prefixes:
            raise InventoryError(f"{host.name}: interface {name} is listed twice")
        asn, prefixes = i.get("asn"), i.get("prefixes")
        if (asn is None) == (prefixes is None):
            raise InventoryError(f"{host.name}: interface {name}: give exactly one of asn, prefixes")
        if asn is not None:
            by_asn[name] = str(asn)
        else:
            by_prefixes[name] = [str(p) for p in prefixes] if isinstance(prefixes, list) else [str(prefixes)]
    if by_asn and by_prefixes:
        # Two renders would both number their filters from one filter_id
        # (SR OS) and both define the nftables table (Linux).
        raise InventoryError(
            f"{host.name}: routeguard.interfaces mixes asn and prefixes; give one kind per host"
        )
    return by_asn, by_prefixes


def _sav_output(host: Host, output: _SavOutput | None) -> _SavOutput:
    out = output if output is not None else _setting(host, "antispoof_output", "urpf")
    if out not in ("urpf", "acl"):
        raise InventoryError(f"{host.name}: routeguard.antispoof_output must be urpf or acl, not {out!r}")
    return cast("_SavOutput", out)


def render_antispoof(
    task: Task,
    dataset: Dataset | DatasetCache | None = None,
    *,
    output: _SavOutput | None = None,
    hyper_aggregate: bool = False,
    name: str = "SAV",
    filter_id: int = 1000,
    output_dir: str | Path | None = None,
) -> AntispoofResult:
    """Renders source address validation for the host's customer
    interfaces (``routeguard.interfaces``: ``{name, asn}`` entries get the
    customer's prefixes from the IRR and ROAs, :meth:`Dataset.antispoof`;
    ``{name, prefixes}`` entries the prefixes given, :func:`antispoof`):
    strict uRPF, or with ``output="acl"`` (or ``routeguard.antispoof_output``)
    ingress ACLs. ``output_dir`` also writes ``HOST.antispoof.txt``::

        r = nr.run(task=render_antispoof, output="acl")["edge2"][0]
        print(r.result)            # set firewall family inet filter SAV-...
    """
    host = task.host
    p = platform_formats(host)
    if p.sav is None:
        raise UnknownPlatformError(
            f"{host.name}: routeguard writes no anti-spoofing for platform {host.platform!r}; "
            "set routeguard.formats.sav (ios, ios-xe, iosxr, junos, eos, sros, linux)"
        )
    out = _sav_output(host, output)
    by_asn, by_prefixes = _sav_interfaces(host)
    opts: dict[str, Any] = {"hyper_aggregate": hyper_aggregate, "name": name, "filter_id": filter_id}
    if by_asn:
        config = _dataset(host, dataset, "dataset").antispoof(by_asn, vendor=p.sav, output=out, **opts)
    else:
        config = antispoof(by_prefixes, vendor=p.sav, output=out, **opts)
    interfaces: dict[str, str | list[str]] = {**by_asn, **by_prefixes}
    _write(output_dir, f"{host.name}.antispoof.txt", config)
    return AntispoofResult(host, config=config, vendor=p.sav, output=out, interfaces=interfaces)


# ---------------------------------------------------------------- audit --


class AuditResult(Result):
    """The audit of one host's captured configuration.

    ``failed`` is True when a customer's prefix list in the configuration
    does not accept the same routes as its expected filter (or is not
    there), or a customer interface lacks strict uRPF; ``changed`` is
    always False. ``result`` (and ``diff``) is the readable report;
    ``filter_diffs`` maps each customer's list name to the
    :class:`FilterDiff` of the configuration's list of that name against
    its expected filter (empty without customers), ``absent`` names the
    customers' lists the configuration lacks, ``findings`` is the
    :class:`AuditFinding` list of the uRPF audit (None when not audited),
    ``expected`` the expected filters' text."""

    def __init__(
        self,
        host: Host,
        *,
        text: str,
        failed: bool,
        config_file: str,
        expected: str,
        filter_diffs: dict[str, FilterDiff],
        absent: list[str],
        findings: list[AuditFinding] | None,
        sav_note: str | None,
    ) -> None:
        super().__init__(host, result=text, changed=False, failed=failed, diff=text)
        self.config_file = config_file
        self.expected = expected
        self.filter_diffs = filter_diffs
        self.absent = absent
        self.findings = findings
        self.data: dict[str, Any] = {
            "config_file": config_file,
            "failed": failed,
            "filters": {name: json.loads(d.to_json()) for name, d in filter_diffs.items()},
            "filters_equivalent": all(d.equivalent for d in filter_diffs.values()),
            "absent_lists": absent,
            "antispoof": (
                [
                    {"interface": f.interface, "family": f.family, "problem": f.problem, "line": f.line, "message": f.message}
                    for f in findings
                ]
                if findings is not None
                else None
            ),
            "antispoof_note": sav_note,
        }


def audit_running_config(
    task: Task,
    dataset: Dataset | DatasetCache | None = None,
    *,
    rpki: _RpkiPolicy | None | _Default = _API_DEFAULT,
    aggregate: bool | None = None,
    urpf: bool | None = None,
) -> AuditResult:
    """Audits the configuration captured from the host (the file named by
    ``routeguard.running_config``) without connecting to it:

    - prefix filters: each customer's expected filter (as
      :func:`render_prefix_filters` builds it, same ``rpki`` and
      ``aggregate``) against the configuration's prefix list of the same
      name, read by routeguard in the platform's syntax
      (:meth:`PrefixFilter.diff` with ``list=``): missing and extra
      entries, and the routes one side accepts that the other does not. A
      customer's list the configuration lacks fails the host; other lists
      of the configuration are not the customers' and are left alone;
    - anti-spoofing: the ``routeguard.interfaces`` without strict uRPF
      (:func:`audit_config`). It runs for uRPF hosts; hosts whose
      ``antispoof_output`` is ``acl`` are not audited for it (routeguard's
      audit reads uRPF, not ACLs) unless ``urpf=True``.

    ::

        r = nr.run(task=audit_running_config, dataset=ds)["edge2"][0]
        r.failed                     # True: the router's lists drifted
        print(r.result)              # missing (1): 198.51.100.0/22 ...
        r.filter_diffs["CUST-D"].missing, r.absent, r.findings
    """
    host = task.host
    p = platform_formats(host)
    config_file = _required(host, "running_config")
    config = _read(host, config_file, "running_config")
    parts: list[str] = []
    failed = False

    filter_diffs: dict[str, FilterDiff] = {}
    absent: list[str] = []
    expected = ""
    if _setting(host, "customers") is not None:
        ds = _dataset(host, dataset, "dataset")
        filters, configs = _build_filters(host, ds, p.filter, rpki, aggregate)
        expected = "".join(configs.values())
        for name, f in filters.items():
            try:
                d = f.diff(config, format=p.prefix_list, list=name)
            except ParseError as e:
                if e.code != "invalid-field":  # not "no prefix list named ..."
                    raise
                absent.append(name)
                parts.append(f"prefix list {name}: not in the configuration ({len(f)} entries expected)\n")
                continue
            filter_diffs[name] = d
            parts.append(d.to_text())
        failed |= bool(absent) or not all(d.equivalent for d in filter_diffs.values())

    findings: list[AuditFinding] | None = None
    sav_note: str | None = None
    interfaces = _setting(host, "interfaces")
    do_urpf = urpf if urpf is not None else _sav_output(host, None) == "urpf"
    if interfaces is not None and do_urpf:
        if p.config is None:
            raise UnknownPlatformError(
                f"{host.name}: routeguard does not read {host.platform!r} configurations for the uRPF "
                "audit; set routeguard.formats.config (junos, ios, ios-xe, iosxr, eos) or urpf=False"
            )
        names = [str(i.get("name")) for i in _entries(host, "interfaces")]
        findings = audit_config(config, dialect=p.config, interfaces=names)
        failed |= bool(findings)
        if findings:
            parts.append(f"anti-spoofing ({len(findings)}):\n" + "".join(f"  {f.message}\n" for f in findings))
        else:
            parts.append(f"anti-spoofing: strict uRPF on {', '.join(names)}\n")
    elif interfaces is not None:
        sav_note = "anti-spoofing not audited: ACL output (routeguard's audit reads uRPF only)"
        parts.append(sav_note + "\n")

    head = f"{host.name}: {config_file}: {'DIFFERS' if failed else 'as expected'}\n"
    text = head + "\n".join(parts)
    return AuditResult(
        host,
        text=text,
        failed=failed,
        config_file=str(config_file),
        expected=expected,
        filter_diffs=filter_diffs,
        absent=absent,
        findings=findings,
        sav_note=sav_note,
    )


# ---------------------------------------------------------------- MANRS --


class ManrsResult(Result):
    """The MANRS check of one router's operator: ``report`` is the
    :class:`ManrsReport`, ``result`` the report in the format asked
    (``text`` by default), ``conformant`` its verdict; ``failed`` only with
    ``fail_on_nonconformant=True`` and a non-conformant report."""

    def __init__(self, host: Host, *, report: ManrsReport, text: str, failed: bool) -> None:
        super().__init__(host, result=text, changed=False, failed=failed)
        self.report = report
        self.conformant = report.conformant
        self.data: dict[str, Any] = json.loads(report.to_json())


_MANRS_KEYS = {"asns", "routes", "as_set", "customers", "thresholds", "dataset"}
_EXT = {"text": "txt", "json": "json", "markdown": "md", "html": "html"}


def manrs_report(
    task: Task,
    dataset: Dataset | DatasetCache | None = None,
    *,
    format: _ManrsFormat = "text",
    fail_on_nonconformant: bool = False,
    output_dir: str | Path | None = None,
) -> ManrsResult:
    """Checks the router's operator on the four MANRS actions
    (:meth:`Dataset.manrs_check`) from ``routeguard.manrs``: ``asns`` (the
    operator's ASNs; ``routeguard.asn`` when absent), ``routes`` (paths of
    captured route files: ``bgpdump -m``, ``PREFIX PATH`` lines, MRT),
    optional ``as_set``, ``customers``, ``thresholds`` and ``dataset``
    (used before ``routeguard.dataset``). ``format``: ``text``, ``json``,
    ``markdown`` or ``html``; ``output_dir`` also writes
    ``HOST.manrs.EXT``::

        res = nr.run(task=manrs_report, fail_on_nonconformant=True)
        print(sorted(res.failed_hosts))                 # the routers of non-conformant operators
        print(res["edge1"][0].report.findings[0].message)
    """
    host = task.host
    if format not in _EXT:
        raise ValueError(f"format must be text, json, markdown or html, not {format!r}")
    spec = _mapping(host, "manrs")
    extra = set(spec) - _MANRS_KEYS
    if extra:
        raise InventoryError(f"{host.name}: routeguard.manrs: unknown keys {sorted(extra)}")
    asns = spec.get("asns", _setting(host, "asn"))
    if asns is None:
        raise InventoryError(f"{host.name}: no routeguard.manrs.asns (or routeguard.asn) in its inventory data")
    routes = spec.get("routes")
    if isinstance(routes, (str, Path)):
        routes = [routes]
    if not isinstance(routes, list) or not routes or not all(isinstance(r, (str, Path)) for r in routes):
        raise InventoryError(f"{host.name}: routeguard.manrs.routes must be a file path or a list of them")
    # Paths, not route lines: the API reads a list of str as lines.
    paths = [Path(r) for r in routes]
    ds = _dataset(host, dataset, "manrs.dataset", "dataset")
    report = ds.manrs_check(
        asns,
        paths,
        as_set=spec.get("as_set"),
        customers=spec.get("customers"),
        thresholds=spec.get("thresholds"),
    )
    text = report.render(format)
    _write(output_dir, f"{host.name}.manrs.{_EXT[format]}", text)
    return ManrsResult(host, report=report, text=text, failed=fail_on_nonconformant and not report.conformant)


def _write(output_dir: str | Path | None, name: str, text: str) -> None:
    if output_dir is None:
        return
    d = Path(output_dir)
    d.mkdir(parents=True, exist_ok=True)
    (d / name).write_text(text, encoding="utf-8")
