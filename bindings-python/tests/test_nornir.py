"""routeguard.nornir with the real Nornir: a SimpleInventory of routers of
several platforms (fixtures/nornir/: hosts, groups, defaults) whose
configurations were captured to files (fixtures/nornir/configs/: edge1
matches, edge2 drifted with missing and extra prefixes and loose uRPF,
edge3 without uRPF on one interface), over the repository's examples/
data. Every host's result is compared with what routeguard's own API
gives for the same inputs. Skipped without Nornir, except with CI=true."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import routeguard
from routeguard import Dataset

from conftest import REPO, in_ci

try:
    from nornir import InitNornir
    from nornir.core import Nornir
    from nornir.core.inventory import Host
    from nornir.core.task import AggregatedResult
except ImportError:
    if in_ci():
        pytest.fail("nornir is not installed (scripts/setup.sh installs it into .venv)", pytrace=False)
    pytest.skip('nornir is not installed: pip install "routeguard[nornir]"', allow_module_level=True)

from routeguard.nornir import (
    PLATFORMS,
    AntispoofResult,
    AuditResult,
    DatasetCache,
    InventoryError,
    ManrsResult,
    PrefixFiltersResult,
    UnknownPlatformError,
    audit_running_config,
    manrs_report,
    render_antispoof,
    render_prefix_filters,
)

FIX = Path(__file__).resolve().parent / "fixtures" / "nornir"

# What each fixture host's platform means to routeguard: the specification
# the tasks are held to (prefix filter / prefix-list reader, SAV vendor,
# configuration dialect).
FORMATS: dict[str, tuple[Any, Any, Any]] = {
    "edge1": ("ios", "ios", "ios"),  # cisco_ios
    "edge2": ("junos", "junos", "junos"),  # juniper_junos
    "edge3": ("eos", "eos", "eos"),  # eos
    "edge4": ("ios-xr", "iosxr", "iosxr"),  # iosxr
    "rs1": ("bird", None, None),  # bird
}


class CountingLoader:
    """routeguard.Dataset, counting its calls (thread-safe)."""

    def __init__(self) -> None:
        self.calls = 0
        self._lock = threading.Lock()

    def __call__(self, **kwargs: Any) -> Dataset:
        with self._lock:
            self.calls += 1
        return Dataset(**kwargs)


@pytest.fixture
def nr(monkeypatch: pytest.MonkeyPatch) -> Iterator[Nornir]:
    # The inventory's paths are relative to the repository root.
    monkeypatch.chdir(REPO)
    n = InitNornir(
        inventory={
            "plugin": "SimpleInventory",
            "options": {
                "host_file": str(FIX / "hosts.yaml"),
                "group_file": str(FIX / "groups.yaml"),
                "defaults_file": str(FIX / "defaults.yaml"),
            },
        },
        runner={"plugin": "threaded", "options": {"num_workers": 4}},
        logging={"enabled": False},
    )
    yield n
    n.close_connections()


def spec(nr: Nornir, *path: str) -> Any:
    """A value of defaults.yaml's routeguard data."""
    v: Any = nr.inventory.defaults.data["routeguard"]
    for k in path:
        v = v[k]
    return v


def filter_ds(nr: Nornir) -> Dataset:
    s = spec(nr, "dataset")
    return Dataset(irr=s["irr"], vrps=s["vrps"])


def manrs_ds(s: dict[str, Any]) -> Dataset:
    """The Dataset of a routeguard.manrs.dataset specification."""
    return Dataset(
        vrps=s["vrps"],
        irr=[tuple(x) for x in s["irr"]],
        asrel=s["asrel"],
        peeringdb=s.get("peeringdb"),
        sav_facts=s.get("sav_facts"),
        spoofer=s.get("spoofer"),
    )


def rg(host: Host) -> dict[str, Any]:
    d: dict[str, Any] = host.data["routeguard"]
    return d


def expected_filters(ds: Dataset, host: Host, fmt: Any) -> dict[str, routeguard.PrefixFilter]:
    """Each customer's filter, straight from Dataset.prefix_list."""
    out = {}
    for c in rg(host)["customers"]:
        objects = c.get("as_set") or c.get("asn") or c["objects"]
        kw: dict[str, Any] = {"rpki": c["rpki"]} if "rpki" in c else {}
        out[c["name"]] = ds.prefix_list(objects, family=c.get("family", 4), format=fmt, name=c["name"], **kw)
    return out


def manrs_of(host: Host) -> dict[str, Any]:
    """The host's routeguard.manrs, else its group's."""
    for data in [host.data, *(g.data for g in host.groups)]:
        m = data.get("routeguard", {}).get("manrs")
        if m is not None:
            return dict(m)
    raise AssertionError(f"{host.name} has no routeguard.manrs")


def failure(res: AggregatedResult, host: str) -> BaseException:
    r = res[host][0]
    assert r.failed and not r.changed
    assert r.exception is not None
    return r.exception


def test_prefix_filters_per_host_dataset_loaded_once(nr: Nornir) -> None:
    loader = CountingLoader()
    cache = DatasetCache(loader=loader)
    res = nr.run(task=render_prefix_filters, dataset=cache)
    assert loader.calls == 1 and cache.loads == 1  # 6 hosts, 4 threads, one load
    ds = filter_ds(nr)
    for name, (fmt, _, _) in FORMATS.items():
        r = res[name][0]
        assert isinstance(r, PrefixFiltersResult), r.result
        assert not r.failed and not r.changed
        want = expected_filters(ds, nr.inventory.hosts[name], fmt)
        assert r.format == fmt
        assert list(r.configs) == list(want)
        assert r.configs == {n: f.render() for n, f in want.items()}
        assert r.result == "".join(f.render() for f in want.values())
        assert {n: f.entries for n, f in r.filters.items()} == {n: f.entries for n, f in want.items()}
        assert [c["name"] for c in r.data["customers"]] == list(want)
        json.dumps(r.data)
    # The RPKI-invalid 203.0.113.0/24 AS64496 is dropped by the API's default.
    e1 = res["edge1"][0]
    assert isinstance(e1, PrefixFiltersResult) and e1.data["customers"][0]["dropped"]
    # lab1 (nxos) fails on its own; the others ran.
    err = failure(res, "lab1")
    assert isinstance(err, UnknownPlatformError) and "'nxos'" in str(err) and "routeguard.formats" in str(err)
    assert set(res.failed_hosts) == {"lab1"}


def test_one_cache_shared_by_tasks_and_a_given_dataset(nr: Nornir) -> None:
    loader = CountingLoader()
    cache = DatasetCache(loader=loader)
    nr.run(task=render_prefix_filters, dataset=cache)
    nr.run(task=render_antispoof, dataset=cache)
    nr.run(task=audit_running_config, dataset=cache, on_failed=True)
    assert loader.calls == 1
    # The MANRS world is another specification (edge1 has its own): two more loads.
    nr.run(task=manrs_report, dataset=cache, on_failed=True)
    assert loader.calls == 3 and len(cache) == 3
    # A Dataset given is used as it is.
    ds = filter_ds(nr)
    res = nr.run(task=render_prefix_filters, dataset=ds, on_failed=True)
    assert loader.calls == 3
    r = res["edge2"][0]
    assert isinstance(r, PrefixFiltersResult)
    assert r.result == "".join(f.render() for f in expected_filters(ds, nr.inventory.hosts["edge2"], "junos").values())


def test_antispoof_per_host(nr: Nornir) -> None:
    ds = filter_ds(nr)
    res = nr.run(task=render_antispoof, dataset=ds)
    for name in ("edge1", "edge2", "edge3"):
        vendor = FORMATS[name][1]
        r = res[name][0]
        assert isinstance(r, AntispoofResult), r.result
        ifaces = {i["name"]: i["asn"] for i in rg(nr.inventory.hosts[name])["interfaces"]}
        assert r.result == ds.antispoof(ifaces, vendor=vendor, output="urpf")
        assert (r.vendor, r.output, r.interfaces) == (vendor, "urpf", ifaces)
    # edge4 gives prefixes and asks for ACLs in its inventory.
    r = res["edge4"][0]
    assert isinstance(r, AntispoofResult)
    ifaces4 = {i["name"]: i["prefixes"] for i in rg(nr.inventory.hosts["edge4"])["interfaces"]}
    assert r.result == routeguard.antispoof(ifaces4, vendor="iosxr", output="acl")
    assert r.output == "acl"
    # The task's output= wins over the default.
    acl = nr.run(task=render_antispoof, dataset=ds, output="acl", on_failed=True)["edge2"][0]
    assert acl.result == ds.antispoof({"xe-0/0/1": "AS64497"}, vendor="junos", output="acl")
    # No anti-spoofing for BIRD, no format for nxos: those two fail alone.
    assert "no anti-spoofing for platform 'bird'" in str(failure(res, "rs1"))
    assert isinstance(failure(res, "lab1"), UnknownPlatformError)
    assert set(res.failed_hosts) == {"rs1", "lab1"}


def test_audit_of_captured_configs(nr: Nornir) -> None:
    ds = filter_ds(nr)
    res = nr.run(task=audit_running_config, dataset=ds)
    got: dict[str, AuditResult] = {}
    for name, (fmt, _, dialect) in FORMATS.items():
        r = res[name][0]
        assert isinstance(r, AuditResult), r.result
        assert r.changed is False
        got[name] = r
        host = nr.inventory.hosts[name]
        text = (REPO / rg(host)["running_config"]).read_text()
        want = expected_filters(ds, host, fmt)
        expected_text = "".join(f.render() for f in want.values())
        assert r.expected == expected_text
        # Each customer's list against the configuration's list of that name.
        diffs = {}
        for list_name, f in want.items():
            try:
                diffs[list_name] = routeguard.diff_prefix_lists(text, f, format=fmt, name=list_name, list=list_name)
            except routeguard.ParseError:
                assert list_name in r.absent
        assert set(r.filter_diffs) | set(r.absent) == set(want)
        assert {n: d.to_json() for n, d in r.filter_diffs.items()} == {n: d.to_json() for n, d in diffs.items()}
        assert all(d.to_text() in r.result for d in diffs.values()) and r.diff == r.result
        assert r.data["filters"] == {n: json.loads(d.to_json()) for n, d in diffs.items()}
        equivalent = not r.absent and all(d.equivalent for d in diffs.values())
        if "interfaces" in rg(host) and rg(host).get("antispoof_output", "urpf") == "urpf":
            names = [i["name"] for i in rg(host)["interfaces"]]
            findings = routeguard.audit_config(text, dialect=dialect, interfaces=names)
            assert r.findings is not None
            assert [f.message for f in r.findings] == [f.message for f in findings]
            assert r.failed == (not equivalent or bool(findings))
        else:
            assert r.findings is None
            assert r.failed == (not equivalent)
        json.dumps(r.data)

    # The matching capture passes; the drifted ones fail, each for its reason.
    # edge1's capture also holds a list of no customer's: left alone.
    e1 = got["edge1"]
    assert not e1.failed and e1.findings == [] and set(e1.filter_diffs) == {"CUST-A", "CUST-A6"}
    assert "MARTIANS" not in e1.result
    e2 = got["edge2"]
    # CUST-D drifted; CUST-D6 was never configured.
    assert e2.failed and e2.absent == ["CUST-D6"] and "prefix list CUST-D6: not in the configuration" in e2.result
    drifted = [d for d in e2.filter_diffs.values() if not d.equivalent]
    assert drifted and any(d.missing for d in drifted) and any(d.extra for d in drifted)
    assert e2.findings is not None and [f.problem for f in e2.findings] == ["urpf-not-strict"]
    e3 = got["edge3"]
    assert e3.failed and all(d.equivalent for d in e3.filter_diffs.values()) and not e3.absent
    assert e3.findings is not None and [(f.interface, f.problem) for f in e3.findings] == [("Ethernet2", "urpf-missing")]
    # ACL hosts are not audited for uRPF, and say so.
    assert not got["edge4"].failed and got["edge4"].data["antispoof_note"]
    assert not got["rs1"].failed
    assert set(res.failed_hosts) == {"edge2", "edge3", "lab1"}
    # Each reason alone fails a host: edge2's lists without its uRPF audit,
    # edge3's uRPF with lists that match.
    only_lists = nr.run(task=audit_running_config, dataset=ds, urpf=False, on_failed=True)
    r2 = only_lists["edge2"][0]
    assert isinstance(r2, AuditResult) and r2.failed and r2.findings is None
    assert not only_lists["edge3"][0].failed
    # The drift is in the readable text too.
    assert "DIFFERS" in e2.result and "missing" in e2.result and "not strict" in e2.result


def test_manrs_report_per_router(nr: Nornir, tmp_path: Path) -> None:
    routes = [Path(p) for p in spec(nr, "manrs", "routes")]
    routers = nr.filter(filter_func=lambda h: h.name in ("edge1", "edge2", "edge3"))
    res = routers.run(task=manrs_report, fail_on_nonconformant=True, output_dir=str(tmp_path))
    nonconformant = set()
    for name in ("edge1", "edge2", "edge3"):
        host = nr.inventory.hosts[name]
        m = manrs_of(host)
        ds = manrs_ds(m.get("dataset") or spec(nr, "manrs", "dataset"))
        want = ds.manrs_check(m["asns"], routes, as_set=m.get("as_set"))
        r = res[name][0]
        assert isinstance(r, ManrsResult), r.result
        assert r.report.to_json() == want.to_json()
        assert r.result == want.to_text()
        assert r.conformant == want.conformant and r.failed == (not want.conformant) and not r.changed
        assert r.data == json.loads(want.to_json())
        assert (tmp_path / f"{name}.manrs.txt").read_text() == want.to_text()
        if not want.conformant:
            nonconformant.add(name)
    # AS2000 (edge1) conforms, AS1000 (edge2, edge3 by their group) does not.
    assert nonconformant == {"edge2", "edge3"}
    assert set(res.failed_hosts) == nonconformant
    # Without fail_on_nonconformant nothing fails; HTML when asked.
    res2 = routers.run(task=manrs_report, format="html", on_failed=True)
    assert not res2.failed
    ds = manrs_ds(spec(nr, "manrs", "dataset"))
    assert res2["edge2"][0].result == ds.manrs_check(["AS1000"], routes, as_set="RIPE::AS-EXAMPLENET").to_html()
    # Routers without MANRS data fail alone, with the key to set.
    res3 = nr.run(task=manrs_report, on_failed=True)
    assert "routeguard.manrs.asns" in str(failure(res3, "edge4"))


def test_format_overrides_and_inventory_errors(nr: Nornir) -> None:
    ds = filter_ds(nr)
    lab1 = nr.inventory.hosts["lab1"]
    rg(lab1)["formats"] = {"filter": "ios", "prefix_list": "ios"}
    edge3 = nr.inventory.hosts["edge3"]
    rg(edge3)["customers"] = [{"name": "X", "as_set": "AS-EXAMPLE", "asn": "AS64496"}]
    edge4 = nr.inventory.hosts["edge4"]
    rg(edge4)["customers"] = [{"name": "X", "as_set": "AS-EXAMPLE", "famly": 6}]
    rs1 = nr.inventory.hosts["rs1"]
    rs1.platform = "Cisco_IOS"  # names are matched lower-cased
    res = nr.run(task=render_prefix_filters, dataset=ds)
    lab = res["lab1"][0]
    assert not lab.failed
    assert lab.result == ds.prefix_list("AS-EXAMPLE", format="ios", name="CUST-A").render()
    assert res["rs1"][0].result == ds.prefix_list("AS-EXAMPLE", format="ios", name="CUST_A").render()
    e3, e4 = failure(res, "edge3"), failure(res, "edge4")
    assert isinstance(e3, InventoryError) and "exactly one of as_set, asn, objects" in str(e3)
    assert isinstance(e4, InventoryError) and "famly" in str(e4)
    assert not res["edge1"][0].failed
    # The captured file must exist.
    rg(nr.inventory.hosts["edge1"])["running_config"] = "no/such/file.conf"
    res = nr.run(task=audit_running_config, dataset=ds, on_failed=True)
    assert "cannot read no/such/file.conf" in str(failure(res, "edge1"))
    # No dataset at all: the error names the inventory key.
    del nr.inventory.defaults.data["routeguard"]["dataset"]
    res = nr.run(task=render_prefix_filters, dataset=DatasetCache(), on_failed=True)
    assert "no routeguard.dataset" in str(failure(res, "edge2"))


def test_platform_table_words_are_routeguards() -> None:
    """Every format word of PLATFORMS is accepted by the core."""
    f = Dataset.from_text(irr="route: 192.0.2.0/24\norigin: AS64496\nsource: X\n").prefix_list("AS64496")
    for name, p in PLATFORMS.items():
        assert name == name.lower()
        assert f.render(p.filter, name="T")
        routeguard.diff_prefix_lists("", f, format=p.prefix_list)
        if p.sav is not None:
            routeguard.antispoof({"eth0": "192.0.2.0/24"}, vendor=p.sav)
        if p.config is not None:
            routeguard.audit_config("", dialect=p.config)


def _python(code: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", code], cwd="/", capture_output=True, text=True, timeout=120, check=False
    )


def test_import_routeguard_needs_no_nornir() -> None:
    p = _python("import sys, routeguard; print('nornir' in sys.modules, 'routeguard.nornir' in sys.modules)")
    assert p.returncode == 0 and p.stdout.split() == ["False", "False"], p.stderr
    # Without Nornir, importing the module says what to install.
    p = _python("import sys; sys.modules['nornir'] = None; import routeguard.nornir")
    assert p.returncode != 0 and 'pip install "routeguard[nornir]"' in p.stderr


def test_module_passes_mypy_strict(tmp_path: Path) -> None:
    import importlib.util

    if importlib.util.find_spec("mypy") is None:
        if in_ci():
            pytest.fail("mypy is not installed")
        pytest.skip("mypy is not installed")
    p = subprocess.run(
        [sys.executable, "-m", "mypy", "--strict", "-m", "routeguard.nornir"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
        env={**os.environ, "MYPY_CACHE_DIR": str(tmp_path / "cache")},
    )
    assert p.returncode == 0, p.stdout + p.stderr
