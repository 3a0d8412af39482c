"""Filters from Python: the bgpq4 drop-in (Dataset.bgpq4 over the filter
fixtures, routeguard.bgpq4 over IRRd) byte for byte against the real bgpq4
1.9 querying the IRRd lab (scripts/irrd.sh loads core/tests/fixtures/filter;
those tests skip when bgpq4 or IRRd is absent, except with CI=true), prefix
filters with RPKI drop/tag and ROAs as routes, explanations, the audit of a
router's list, anti-spoofing and the uRPF audit, and the errors."""

from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
from collections.abc import Callable
from pathlib import Path
from typing import Literal

import pytest
import routeguard
from routeguard import Dataset

from conftest import in_ci

FIX = Path(__file__).resolve().parents[2] / "core" / "tests" / "fixtures" / "filter"
FIXTURE_SOURCES = [
    ("RIPE", "ripe.rpsl"),
    ("RIPE-NONAUTH", "ripe-nonauth.rpsl"),
    ("APNIC", "apnic.rpsl"),
    ("AFRINIC", "afrinic.rpsl"),
    ("FILTERDB", "filterdb.rpsl"),
]

# VRPs over the fixtures: 20.0.0.0/24 AS3001 is invalid (only AS9999 may
# originate under 20.0.0.0/22), 20.1.0.0/16 AS3001 valid, and AS3001 has a
# ROA without a route object (30.1.0.0/24, maxLength 25).
VRPS = """ASN,IP Prefix,Max Length,Trust Anchor
AS9999,20.0.0.0/22,24,ripe
AS3001,20.1.0.0/16,16,ripe
AS3001,30.1.0.0/24,25,ripe
"""

# bgpq4 1.9 -h <the lab> -S FILTERDB -A AS-TOP (the fixtures on IRRd).
AS_TOP_AGGREGATED = """no ip prefix-list NN
ip prefix-list NN permit 20.0.0.0/24 le 25
ip prefix-list NN permit 20.0.1.0/24
ip prefix-list NN permit 20.0.2.0/23
ip prefix-list NN permit 20.0.4.0/22
ip prefix-list NN permit 20.1.0.0/16
ip prefix-list NN permit 21.0.0.0/22 ge 24 le 24
ip prefix-list NN permit 21.0.4.0/24
ip prefix-list NN permit 22.0.0.0/16 le 17
ip prefix-list NN permit 22.1.0.0/16
ip prefix-list NN permit 23.0.0.0/24
ip prefix-list NN permit 24.0.0.0/19 ge 20 le 20
ip prefix-list NN permit 24.0.32.0/19
ip prefix-list NN permit 24.0.64.0/18
ip prefix-list NN permit 24.0.128.0/17
ip prefix-list NN permit 25.0.0.0/23 ge 24 le 24
ip prefix-list NN permit 26.0.0.0/23
ip prefix-list NN permit 26.0.0.0/24
ip prefix-list NN permit 27.0.0.0/24
ip prefix-list NN permit 30.0.0.0/24
ip prefix-list NN permit 31.0.0.0/24
ip prefix-list NN permit 32.0.0.0/24
"""

# Command lines compared with the real bgpq4 (objects of the fixtures and
# of the lab's own TESTDB/OTHERDB).
COMMANDS = [
    "-S FILTERDB -A AS-TOP",
    "AS-TOP",
    "-6 AS3001",
    "-S FILTERDB -J -E -l CUST AS-MID",
    "-S FILTERDB -f 3001 AS-MID",
    "-b -S FILTERDB AS-LEAF",
    "-j -A AS-TOP",
    "-S FILTERDB -R 24 -A RS-SUB",
    "-L 1 AS-TOP",
    "AS-LOOP1",
    "AS-NOSUCH",
    "-S RIPE,FILTERDB AS-RIPEONLY",
    "AS-TOP EXCEPT AS-MID",
    "AS-A",
    "-t -j AS-TOP",
    "-X -A AS112 AS-AS112",
    "-J -A AS-TOP",
    "-6 -f 3001 AS-TOP",
]


def fixtures() -> list[tuple[str, str]]:
    return [(src, str(FIX / name)) for src, name in FIXTURE_SOURCES]


@pytest.fixture(scope="module")
def ds() -> Dataset:
    return Dataset(irr=fixtures())


@pytest.fixture(scope="module")
def rpki_ds() -> Dataset:
    return Dataset.from_text(irr=[(src, (FIX / name).read_text()) for src, name in FIXTURE_SOURCES], vrps=VRPS)


@pytest.fixture(scope="module")
def lab_ds(peer_file: Callable[[str], Path]) -> Dataset:
    """The lab's sources in scripts/irrd.sh's order."""
    lab = [("TESTDB", str(peer_file("irrd/testdb.rpsl"))), ("OTHERDB", str(peer_file("irrd/otherdb.rpsl")))]
    return Dataset(irr=lab + fixtures())


def _skip(msg: str) -> None:
    if in_ci():
        pytest.fail(msg)
    pytest.skip(msg)


@pytest.fixture(scope="module")
def irrd() -> str:
    """host:port of the IRRd lab (skips when nothing answers, fails under CI=true)."""
    addr = os.environ.get("ROUTEGUARD_IRRD", "127.0.0.1:8043")
    host, _, port = addr.rpartition(":")
    try:
        socket.create_connection((host, int(port)), timeout=2).close()
    except OSError:
        _skip(f"no IRRd answers on {addr} (scripts/irrd.sh start; set ROUTEGUARD_IRRD=host:port)")
    return addr


@pytest.fixture(scope="module")
def real_bgpq4() -> str:
    path = shutil.which("bgpq4")
    if path is None:
        _skip("bgpq4 not installed (apt install bgpq4)")
        raise AssertionError("unreachable")
    return path


def run_real(bgpq4: str, argv: list[str]) -> tuple[str, str, int]:
    env = {k: v for k, v in os.environ.items() if k != "IRRD_SOURCES"}
    p = subprocess.run([bgpq4, *argv], capture_output=True, text=True, env=env, timeout=120, check=False)
    return (p.stdout, p.stderr, p.returncode if p.returncode >= 0 else 256 + p.returncode)


def same_as(got: routeguard.Bgpq4Result, want: tuple[str, str, int], what: str) -> None:
    stdout, stderr, code = want
    assert got.stdout == stdout, what
    # IRRd answers sets in no fixed order: bgpq4's error lines come in any order.
    assert sorted(got.stderr.splitlines()) == sorted(stderr.splitlines()), what
    assert got.code % 256 == code, what


# ------------------------------------------------------------------ bgpq4 --


def test_bgpq4_offline_equals_bgpq4_output(ds: Dataset) -> None:
    r = ds.bgpq4(["-S", "FILTERDB", "-A", "AS-TOP"])
    assert isinstance(r, routeguard.Bgpq4Result)
    assert (r.stdout, r.stderr, r.code) == (AS_TOP_AGGREGATED, "", 0)
    assert str(r) == r.stdout
    assert repr(r) == f"<Bgpq4Result code=0 stdout={AS_TOP_AGGREGATED.count(chr(10))} lines stderr=0 lines>"
    # -h is ignored offline; the same run twice is equal.
    assert ds.bgpq4(["-h", "example.invalid", "-S", "FILTERDB", "-A", "AS-TOP"]) == r


def test_bgpq4_refusals_and_version_need_no_server(ds: Dataset) -> None:
    r = ds.bgpq4(["-J", "-A", "AS-TOP"])
    assert r.code == 255 and r.stdout == ""
    assert r.stderr.startswith("FATAL ERROR:Sorry, aggregation (-A) does not work in Juniper prefix-lists\n")
    v = routeguard.bgpq4(["-v"])  # no connection for -v
    assert v.code == 0 and "version: 1.9" in v.stdout
    bad = routeguard.bgpq4(["-Q", "AS1"])
    assert bad.code == 1 and "invalid option" in bad.stderr
    # bgpq4 1.16's output where it differs is a dialect away; a bad dialect is a ValueError.
    with pytest.raises(ValueError, match="dialect"):
        ds.bgpq4(["AS-TOP"], dialect="2.0")  # type: ignore[arg-type]


def test_bgpq4_without_irr_data_is_a_value_error() -> None:
    with pytest.raises(ValueError, match="no IRR data"):
        Dataset().bgpq4(["AS1"])


@pytest.mark.parametrize("command", COMMANDS)
def test_bgpq4_offline_and_over_irrd_equal_real_bgpq4(
    command: str, lab_ds: Dataset, irrd: str, real_bgpq4: str
) -> None:
    argv = ["-h", irrd, *command.split()]
    want = run_real(real_bgpq4, argv)
    same_as(lab_ds.bgpq4(argv), want, f"offline: bgpq4 {command}")
    same_as(routeguard.bgpq4(argv), want, f"over IRRd: bgpq4 {command}")


def test_bgpq4_unreachable_server_raises() -> None:
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()  # nothing listens there now
    with pytest.raises(routeguard.FilterResolveError) as e:
        routeguard.bgpq4(["-h", f"127.0.0.1:{port}", "AS1"], timeout=2)
    assert e.value.kind == "filter" and e.value.code == "resolve-whois"
    assert isinstance(e.value, routeguard.FilterError)


# --------------------------------------------------------- prefix filters --


def test_prefix_list_renders_as_bgpq4(ds: Dataset) -> None:
    f = ds.prefix_list("AS-TOP", sources=["FILTERDB"])
    assert isinstance(f, routeguard.PrefixFilter)
    assert f.render(aggregate=True) == AS_TOP_AGGREGATED
    assert str(ds.prefix_list(["AS-TOP"], sources=["FILTERDB"], aggregate=True)) == AS_TOP_AGGREGATED
    cases: list[tuple[Literal["junos", "bird", "ios-xr", "ios"], list[str]]] = [
        ("junos", ["-J"]),
        ("bird", ["-b"]),
        ("ios-xr", ["-X"]),
        ("ios", []),
    ]
    for fmt, flags in cases:
        want = ds.bgpq4([*flags, "-S", "FILTERDB", "-l", "CUST", "AS3001", "AS3004"]).stdout
        assert ds.prefix_list("AS3001 AS3004", sources=["FILTERDB"]).render(fmt, name="CUST") == want, fmt
    six = ds.prefix_list("AS3001", family=6, sources=["FILTERDB"])
    assert six.family == 6
    assert [str(e) for e in six.entries] == ["2001:db8:3001::/48", "2001:db8:3001:1::/64"]
    assert six.render() == ds.bgpq4(["-6", "-S", "FILTERDB", "AS3001"]).stdout


def test_prefix_list_entries_origins_and_missing_sets(ds: Dataset) -> None:
    f = ds.prefix_list("AS-TOP AS-NOSUCH", sources=["FILTERDB"])
    # A set asked for that no source has (members missing deep down are
    # IRRd's silence, as with bgpq4; explain() lists those).
    assert f.missing_sets == ["AS-NOSUCH"]
    assert 3001 in f.asns and 3005 in f.asns and f.asns == sorted(f.asns)
    e = next(x for x in f.entries if x.prefix == "20.0.0.0/24")
    assert (e.low, e.high, e.origin, e.source, e.rpki) == (24, 24, 3001, "route-object", None)
    assert repr(e) == "<FilterEntry 20.0.0.0/24 AS3001 route-object>"
    assert len(f) == len(f.entries) and f.dropped == []
    assert set(f.ranges) == {(x.prefix, x.low, x.high) for x in f.entries}
    assert len(f.ranges) == len(set(f.ranges))
    rs = ds.prefix_list("RS-SUB", sources=["FILTERDB"])
    assert [(x.prefix, x.low, x.high, x.origin, x.source) for x in rs.entries] == [
        ("10.40.0.0/24", 25, 26, None, "route-set"),
        ("10.50.0.0/16", 16, 32, None, "route-set"),
    ]
    doc = json.loads(f.to_json(name="CUST"))
    assert doc["name"] == "CUST" and doc["family"] == "ipv4" and doc["missing_sets"] == ["AS-NOSUCH"]
    assert len(doc["entries"]) == len(f.entries)
    assert repr(f).startswith("<PrefixFilter IPv4 ")


def test_prefix_list_rpki_drop_tag_and_roas(rpki_ds: Dataset) -> None:
    dropped = rpki_ds.prefix_list("AS3001", sources=["FILTERDB"])
    assert [(e.prefix, e.origin, e.rpki) for e in dropped.dropped] == [
        ("20.0.0.0/24", 3001, "invalid"),
        ("20.0.1.0/24", 3001, "invalid"),
        ("20.0.2.0/23", 3001, "invalid"),
    ]
    kept = {e.prefix: e.rpki for e in dropped.entries}
    assert kept == {"20.0.4.0/22": "not-found", "20.1.0.0/16": "valid"}
    tagged = rpki_ds.prefix_list("AS3001", sources=["FILTERDB"], rpki="tag")
    assert tagged.dropped == [] and len(tagged.entries) == 5
    assert {e.prefix for e in tagged.entries if e.rpki == "invalid"} == {"20.0.0.0/24", "20.0.1.0/24", "20.0.2.0/23"}
    off = rpki_ds.prefix_list("AS3001", sources=["FILTERDB"], rpki=None)
    assert {e.rpki for e in off.entries} == {None} and len(off.entries) == 5
    roas = rpki_ds.prefix_list("AS3001", sources=["FILTERDB"], roa_as_route=True)
    roa = [e for e in roas.entries if e.source == "roa"]
    assert [(e.prefix, e.low, e.high, e.origin) for e in roa] == [("30.1.0.0/24", 24, 25, 3001)]
    # bgpq4 prints a range as its prefixes, or with -A as one line.
    assert "permit 30.1.0.0/24\nip prefix-list NN permit 30.1.0.0/25\n" in roas.render("ios")
    assert "permit 30.1.0.0/24 le 25\n" in roas.render("ios", aggregate=True)
    with pytest.raises(routeguard.ModelError, match="RPKI policy"):
        rpki_ds.prefix_list("AS3001", rpki="keep")  # type: ignore[arg-type]


def test_prefix_list_over_irrd_equals_local(lab_ds: Dataset, irrd: str) -> None:
    for objects, family in [("AS-TOP", 4), ("AS-TOP RS-FIX", 4), ("AS3001", 6), ("AS-A", 4)]:
        local = lab_ds.prefix_list(objects, family=family)  # type: ignore[arg-type]
        remote = routeguard.prefix_list(objects, whois=irrd, family=family)  # type: ignore[arg-type]
        assert remote.entries == local.entries, objects
        assert remote.asns == local.asns and remote.missing_sets == local.missing_sets, objects
        assert remote.render("junos") == local.render("junos"), objects
    # RPKI with a VrpSet over whois: as locally.
    vrps = routeguard.VrpSet.from_text(VRPS)
    remote = routeguard.prefix_list("AS3001", whois=[irrd], sources=["FILTERDB"], vrps=vrps)
    assert [e.prefix for e in remote.dropped] == ["20.0.0.0/24", "20.0.1.0/24", "20.0.2.0/23"]


def test_formats_and_errors(ds: Dataset) -> None:
    f = ds.prefix_list("AS3001", sources=["FILTERDB"])
    assert f.render("frr", name="C").startswith("no ip prefix-list C\nip prefix-list C seq 5 permit 20.0.0.0/24\n")
    assert "set policy prefix-list C " in f.render("vyos", name="C")
    assert "origin-set" in f.render("origin-set", name="C")
    with pytest.raises(routeguard.ModelError, match="filter format"):
        f.render("cisco-9000")  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="family"):
        ds.prefix_list("AS3001", family=5)  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="no IRR data"):
        Dataset().prefix_list("AS1")


# ---------------------------------------------------------------- explain --


def test_explain(ds: Dataset) -> None:
    e = ds.explain("AS-TOP", sources=["FILTERDB"])
    assert isinstance(e, routeguard.Explanation)
    paths = {a.asn: a.path for a in e.asns}
    assert paths[3001] == ["AS-TOP"]
    assert paths[3005] == ["AS-TOP", "AS-MID", "AS-LEAF"]
    assert paths[3009] == ["AS-TOP", "AS3002:AS-HIER"]
    assert "AS-MISSING" in e.missing_sets
    assert any(loop.endswith("-> AS-LOOP1") for loop in e.loops), e.loops
    p = next(x for x in e.prefixes if x.prefix == "20.0.0.0/25")
    assert (p.origin, p.path, p.sources) == (3003, ["AS-TOP", "AS-MID"], ["FILTERDB"])
    assert "AS3005  via AS-TOP > AS-MID > AS-LEAF" in str(e)
    doc = json.loads(e.to_json())
    assert doc["object"] == "AS-TOP" and {"asn": 3001, "path": ["AS-TOP"]} in doc["asns"]
    shallow = ds.explain("AS-TOP", sources=["FILTERDB"], max_depth=1)
    assert "AS-MID" in shallow.too_deep and 3005 not in {a.asn for a in shallow.asns}
    assert repr(e).startswith("<Explanation AS-TOP: ")


def test_explain_over_irrd(lab_ds: Dataset, irrd: str) -> None:
    remote = routeguard.explain("AS-TOP", whois=irrd, sources=["FILTERDB"])
    local = lab_ds.explain("AS-TOP", sources=["FILTERDB"])
    assert [(a.asn, a.path) for a in remote.asns] == [(a.asn, a.path) for a in local.asns]
    assert [(p.prefix, p.origin, p.path) for p in remote.prefixes] == [
        (p.prefix, p.origin, p.path) for p in local.prefixes
    ]
    assert remote.missing_sets == local.missing_sets and remote.loops == local.loops


# ------------------------------------------------------------------- diff --


def test_diff_against_a_router_list(ds: Dataset) -> None:
    f = ds.prefix_list("AS3001", sources=["FILTERDB"], name="CUST")
    router = f.render("ios")
    same = f.diff(router)
    assert same.equivalent and same.same and not same
    assert (same.unchanged, same.router_entries, same.expected_entries, same.size_change) == (5, 5, 5, 0)
    # The router lacks one entry and has an extra one with a range.
    lines = router.splitlines()
    edited = "\n".join([ln for ln in lines if "20.1.0.0/16" not in ln] + ["ip prefix-list CUST permit 99.0.0.0/16 le 24"])
    d = f.diff(edited)
    assert d.missing == [("20.1.0.0/16", 16, 16)]
    assert d.extra == [("99.0.0.0/16", 16, 24)]
    assert not d.equivalent and d
    assert d.routes_only_expected == 1 and d.routes_only_router == 2**9 - 1
    assert d.only_router == [("99.0.0.0/16", 16, 24, 511, "99.0.0.0/16")]
    text = d.to_text()
    assert text.startswith("prefix list CUST: router 5 entries, expected 5")
    assert "missing (1):\n  20.1.0.0/16\n" in text
    doc = json.loads(d.to_json())
    assert doc["list"] == "CUST" and doc["equivalent"] is False
    assert doc["missing"] == [{"prefix": "20.1.0.0/16", "low": 16, "high": 16}]
    # The module function: a filter, or another list's text, as the expected side.
    assert routeguard.diff_prefix_lists(edited, f, name="CUST").to_json() == d.to_json()
    assert routeguard.diff_prefix_lists(edited, router, name="CUST").missing == d.missing
    junos = f.render("junos")
    assert routeguard.diff_prefix_lists(junos.encode(), f, format="junos").equivalent
    assert repr(d) == "<FilterDiff CUST: 1 missing, 1 extra, 0 changed, not equivalent>"
    with pytest.raises(routeguard.ParseError):
        f.diff("ip prefix-list X permit 300.0.0.0/8\n", format="cisco")


def test_diff_one_list_of_a_whole_config(ds: Dataset) -> None:
    f = ds.prefix_list("AS3001", sources=["FILTERDB"], name="CUST")
    other = ds.prefix_list("AS3005", sources=["FILTERDB"], name="OTHER")
    config = other.render("ios") + f.render("ios")
    # All lists read together: the other customer's entries are extra.
    together = f.diff(config)
    assert not together.equivalent and len(together.extra) == len(other)
    alone = f.diff(config, list="CUST")
    assert alone.equivalent and alone.router_entries == len(f)
    assert routeguard.diff_prefix_lists(config, f, list="CUST").equivalent
    assert routeguard.diff_prefix_lists(config, config, list="OTHER", expected_list="OTHER").equivalent
    assert not routeguard.diff_prefix_lists(config, config, list="OTHER", expected_list="CUST").equivalent
    with pytest.raises(routeguard.ParseError, match=r'no prefix list named "NOPE" \(the input has OTHER, CUST\)'):
        f.diff(config, list="NOPE")


# -------------------------------------------------------------- antispoof --


def test_antispoof_urpf_and_acls() -> None:
    cust = {"GigabitEthernet0/1": ["192.0.2.0/24", "2001:db8::/48"], "Gi0/2": "198.51.100.0/25"}
    urpf = routeguard.antispoof(cust)
    assert "interface GigabitEthernet0/1\n ip verify unicast source reachable-via rx\n" in urpf
    assert " ipv6 verify unicast source reachable-via rx\n" in urpf
    acl = routeguard.antispoof(cust, output="acl")
    assert " permit ip 192.0.2.0 0.0.0.255 any\n deny ip any any\n" in acl
    halves = {"xe-0/0/1.100": ["192.0.2.0/25", "192.0.2.128/25"]}
    exact = routeguard.antispoof(halves, vendor="junos", output="acl")
    hyper = routeguard.antispoof(halves, vendor="junos", output="acl", hyper_aggregate=True)
    assert "192.0.2.128/25" in exact and "192.0.2.0/24" in hyper and "192.0.2.128/25" not in hyper
    assert "rpf-check" in routeguard.antispoof(halves, vendor="junos")
    assert "rp_filter" in routeguard.antispoof({"eth1": ["192.0.2.0/24"]}, vendor="linux")
    with pytest.raises(routeguard.FilterInputError) as e:
        routeguard.antispoof({"eth1; reboot": ["192.0.2.0/24"]})
    assert e.value.kind == "filter" and e.value.code == "invalid-interface"
    assert isinstance(e.value, ValueError)
    with pytest.raises(routeguard.FilterInputError, match="filter name"):
        routeguard.antispoof({"eth1": ["192.0.2.0/24"]}, output="acl", name="1bad")
    with pytest.raises(routeguard.ModelError):
        routeguard.antispoof({"eth1": ["192.0.2.1/24"]})
    with pytest.raises(routeguard.ModelError, match="vendor"):
        routeguard.antispoof({"eth1": []}, vendor="cisco-9000")  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="output"):
        routeguard.antispoof({"eth1": []}, output="both")  # type: ignore[arg-type]


def test_dataset_antispoof_from_irr_and_roas(rpki_ds: Dataset) -> None:
    acl = rpki_ds.antispoof({"Gi0/1": "AS3001"}, output="acl")
    for want in ["20.0.0.0 0.0.0.255", "20.1.0.0 0.0.255.255", "30.1.0.0 0.0.0.255"]:
        assert f"permit ip {want} any" in acl, want
    assert "ipv6 access-list" in acl  # AS3001 has route6 objects
    assert rpki_ds.antispoof({"Gi0/1": 3001}, output="acl", hyper_aggregate=True) != acl


# ------------------------------------------------------------------ audit --


def test_audit_config() -> None:
    ios = (
        "hostname edge1\n"
        "interface Gi0/1\n"
        " ip address 192.0.2.1 255.255.255.252\n"
        " ip verify unicast source reachable-via any\n"
        "interface Gi0/2\n"
        " ip address 192.0.2.5 255.255.255.252\n"
        " ip verify unicast source reachable-via rx\n"
    )
    found = routeguard.audit_config(ios)
    assert [(f.interface, f.family, f.problem, f.line) for f in found] == [("Gi0/1", 4, "urpf-not-strict", 4)]
    assert found[0].message == "Gi0/1: IPv4 uRPF is loose, not strict (line 4)"
    assert str(found[0]) == found[0].message and repr(found[0]).startswith("<AuditFinding urpf-not-strict ")
    asked = routeguard.audit_config(ios.encode(), dialect="ios", interfaces=["Gi0/2", "Gi0/9"])
    assert [(f.interface, f.problem, f.line) for f in asked] == [("Gi0/9", "interface-not-found", None)]
    junos = "set interfaces xe-0/0/1 unit 0 family inet address 192.0.2.1/30\n"
    j = routeguard.audit_config(junos)
    assert [(f.interface, f.problem) for f in j] == [("xe-0/0/1.0", "urpf-missing")]
    ok = junos + "set interfaces xe-0/0/1 unit 0 family inet rpf-check\n"
    assert routeguard.audit_config(ok, interfaces=["xe-0/0/1"]) == []
    with pytest.raises(routeguard.ModelError):
        routeguard.audit_config(ios, dialect="vms")  # type: ignore[arg-type]
