"""Path validation from Python: AsPath, ASPA verification (every worked
example of the core's fixture transcribed from the NIST examples PDF and the
RS discussion), bogons, route leaks (the core's as-rel fixture and its
expected leak types), the RFC 9234 OTC rule table, the combined RouteChecker,
and real data (the 2018 CAIDA as-rel file, the head of the RIS rrc06 table)."""

from __future__ import annotations

import bz2
import gzip
import ipaddress
import itertools
import lzma
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import pytest
import routeguard
from routeguard import (
    AsPath,
    AspaSet,
    AsRelations,
    Bogons,
    ModelError,
    ParseError,
    RouteChecker,
    RouteguardError,
    VrpSet,
)
from test_gil import spin_during

REPO = Path(__file__).resolve().parents[2]
FIXTURES = REPO / "core" / "tests" / "fixtures"
RIS_HEAD = "bgp/text/ris-rrc06_bview.20100701.0759.bgpdump-m.txt.gz"
ASREL_2018 = "asrel/20180101.as-rel.txt.xz"
SNAPSHOT = "vrps/rpki-client_josephine_2025-07-20T093133Z.json.bz2"

# ---------------------------------------------------------------------------
# AsPath


def test_as_path_parts() -> None:
    p = AsPath("64500 64501 64501 {64502,64503}")
    assert p.neighbor == 64500
    assert p.origin is None  # ends in an AS_SET
    assert p.length == 4  # the set counts one
    assert p.has_set and not p.is_empty
    assert p.asns == [64500, 64501, 64501, 64502, 64503]
    assert p.segments == [("sequence", [64500, 64501, 64501]), ("set", [64502, 64503])]
    assert p.compressed() is None
    assert str(p) == "64500 64501 64501 {64502,64503}"
    assert repr(p) == "AsPath('64500 64501 64501 {64502,64503}')"
    assert str(p.dedup_prepends()) == "64500 64501 {64502,64503}"

    q = AsPath("AS64500 (65000 65001) 64501 64501 1.10")
    assert q.segments == [("sequence", [64500]), ("confed-sequence", [65000, 65001]), ("sequence", [64501, 64501, 65546])]
    assert q.length == 4  # prepends count, confederation segments count zero
    assert q.compressed() == [64500, 64501, 65546]
    assert q.origin == 65546
    assert AsPath("[1,2] 3").segments == [("confed-set", [1, 2]), ("sequence", [3])]
    assert AsPath("[1,2] 3").neighbor is None

    empty = AsPath("")
    assert empty.is_empty and empty.asns == [] and empty.origin is None and empty.length == 0


def test_as_path_equality_and_inputs() -> None:
    a = AsPath("64500 64501")
    assert a == AsPath([64500, 64501]) == AsPath.from_asns(["AS64500", 64501]) == AsPath(a)
    assert a != AsPath("64501 64500")
    assert len({a, AsPath([64500, 64501]), AsPath("1")}) == 2
    assert AsPath(range(1, 4)).asns == [1, 2, 3]


@pytest.mark.parametrize("bad", ["64500 x", "{64500", "{}", "4294967296", "64500 -1"])
def test_as_path_bad_text_is_a_model_error(bad: str) -> None:
    with pytest.raises(ModelError, match="invalid AS path") as e:
        AsPath(bad)
    assert isinstance(e.value, ValueError) and isinstance(e.value, RouteguardError)


def test_as_path_bad_types() -> None:
    with pytest.raises(TypeError, match="AS path must be"):
        AsPath(b"64500")  # bytes would be a sequence of ints: refused
    with pytest.raises(TypeError, match="AS path must be"):
        AsPath(64500)  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        AsPath.from_asns("64500")  # a str would be a sequence of digits: refused
    with pytest.raises(ModelError):
        AsPath([64500, 2**32])


# ---------------------------------------------------------------------------
# ASPA: the core's fixture of worked examples


@dataclass
class AspaCase:
    section: str
    id: str
    direction: str
    path: list[int]
    neighbor: int | None
    role: str | None
    rs: int | None
    ramps: tuple[int | None, ...]  # len, max_up, max_down, min_up, min_down
    result: str
    reason: str | None


@dataclass
class AspaFixture:
    sets: dict[str, list[tuple[int, list[int]]]] = field(default_factory=dict)
    cases: list[AspaCase] = field(default_factory=list)


def _num(v: str) -> int | None:
    return None if v == "-" else int(v)


def load_aspa_fixture() -> AspaFixture:
    fx = AspaFixture()
    names: dict[str, int] = {}
    section = ""
    for line in (FIXTURES / "aspa" / "examples.txt").read_text().splitlines():
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        if line.startswith("["):
            section = line.strip("[]")
            fx.sets[section] = []
            names = {}
            continue
        toks = line.split()

        def asn(t: str) -> int:
            return names[t] if t in names else int(t)

        if toks[0] == "as":
            names[toks[1]] = int(toks[2])
        elif toks[0] == "aspa":
            fx.sets[section].append((asn(toks[1]), [asn(t) for t in toks[2:]]))
        else:
            assert toks[0] == "case", line
            kv = dict(t.split("=", 1) for t in toks[3:])
            fx.cases.append(
                AspaCase(
                    section=section,
                    id=toks[1],
                    direction=toks[2],
                    path=[asn(t) for t in kv["path"].split(",")],
                    neighbor=asn(kv["neighbor"]) if "neighbor" in kv else None,
                    role=kv.get("role"),
                    rs=asn(kv["rs"]) if "rs" in kv else None,
                    ramps=tuple(_num(kv[k]) for k in ("len", "max_up", "max_down", "min_up", "min_down")),
                    result=kv["result"],
                    reason=kv.get("reason"),
                )
            )
    return fx


ASPA_FIXTURE = load_aspa_fixture()


def test_aspa_fixture_is_complete() -> None:
    per_section = Counter(c.section for c in ASPA_FIXTURE.cases)
    assert per_section["nist-topology"] == 19 and per_section["nist-complex"] == 6
    assert len(ASPA_FIXTURE.cases) == 36


@pytest.mark.parametrize("case", ASPA_FIXTURE.cases, ids=lambda c: f"{c.section}:{c.id}")
def test_aspa_worked_examples(case: AspaCase) -> None:
    aspa_set = AspaSet(ASPA_FIXTURE.sets[case.section])
    r = aspa_set.verify(case.path, case.direction, neighbor=case.neighbor, role=case.role, route_server=case.rs)  # type: ignore[arg-type]
    assert r.verdict == case.result, str(r)
    length = len(r.path) if r.max_up_ramp is not None else None
    assert (length, r.max_up_ramp, r.max_down_ramp, r.min_up_ramp, r.min_down_ramp) == case.ramps, str(r)
    if case.reason is not None:
        assert r.reason == case.reason
    assert r.direction == case.direction
    assert str(r).startswith(f"{case.result}: ")
    many = aspa_set.verify_many(
        [case.path, " ".join(map(str, case.path))], case.direction, neighbor=case.neighbor, role=case.role, route_server=case.rs  # type: ignore[arg-type]
    )
    assert many == [case.result, case.result]
    if case.section.startswith("nist"):
        # The neighbour is the leftmost AS there: the plain functions agree.
        fn = routeguard.verify_upstream if case.direction == "upstream" else routeguard.verify_downstream
        assert fn(aspa_set, case.path) == case.result


def test_aspa_explanation_and_repr() -> None:
    s = AspaSet(ASPA_FIXTURE.sets["nist-topology"])
    # Table 1 #2: D C A upstream; C -> D is not-provider+.
    r = s.verify("65030 65020 65000", neighbor=65030)
    assert str(r) == "invalid: max_up_ramp 2 < path length 3 (hop AS65020 → AS65030: not-provider+)"
    assert r.deciding == (65020, 65030, "not-provider+") and r.deciding_down is None
    assert r.reason == "up-ramp-too-short" and r.path == [65030, 65020, 65000] and r.neighbor == 65030
    assert repr(r).startswith("AspaResult(verdict='invalid', direction='upstream', path=[65030, 65020, 65000], max_up_ramp=2")
    assert r == s.verify([65030, 65020, 65000], "upstream", neighbor="AS65030")
    assert len({r, s.verify("65030 65020 65000", neighbor=65030)}) == 1
    # Neighbour mismatch, AS_SET, empty path: invalid before the ramps.
    assert s.verify("65030 65020 65000", neighbor=65010).reason == "neighbor-mismatch"
    assert s.verify("65030 {65020,65000}").reason == "as-set"
    assert s.verify("").reason == "empty-path"
    # direction=None follows the role: customer -> downstream (draft §6.3).
    assert s.verify("65040 65000", role="customer").direction == "downstream"
    assert s.verify("65040 65000").direction == "upstream"


def test_aspa_set_lookups() -> None:
    s = AspaSet([(64500, [64510]), (64500, ["AS64511"]), (64501, [0])])
    assert len(s) == 2 and 64500 in s and "AS64501" in s and 64502 not in s
    assert s.providers(64500) == [64510, 64511]
    assert s.providers(64501) == []  # AS0: no providers
    assert s.providers(64502) is None
    assert s.authorized(64500, 64511) == "provider+"
    assert s.authorized(64501, 64510) == "not-provider+"
    assert s.authorized(64502, 64510) == "no-attestation"
    assert s.items() == [(64500, [64510, 64511]), (64501, [])]
    assert repr(s) == "<AspaSet 2 customers>"
    with pytest.raises(TypeError, match="Aspa or a"):
        AspaSet([64500])  # type: ignore[list-item]
    with pytest.raises(ValueError, match='unknown direction "sideways"'):
        s.verify("64510 64500", "sideways")  # type: ignore[arg-type]
    with pytest.raises(ValueError, match='unknown role "boss"'):
        s.verify("64510 64500", role="boss")  # type: ignore[arg-type]


OPENBGPD_ASPA = """aspa-set {
\tcustomer-as 64500 provider-as { 64510, 64511 }
\tcustomer-as 64501 provider-as { 64510 }
}
"""


def test_aspa_set_from_loaders(tmp_path: Path) -> None:
    s = AspaSet.from_text(OPENBGPD_ASPA, "openbgpd")
    assert s.items() == [(64500, [64510, 64511]), (64501, [64510])]
    for name, data in [("a.txt", OPENBGPD_ASPA.encode()), ("a.txt.gz", gzip.compress(OPENBGPD_ASPA.encode())), ("a.txt.xz", lzma.compress(OPENBGPD_ASPA.encode()))]:
        (tmp_path / name).write_bytes(data)
        assert AspaSet.from_file(tmp_path / name).items() == s.items(), name
    vrps = VrpSet.from_text(OPENBGPD_ASPA)
    assert AspaSet.from_vrpset(vrps).items() == s.items()
    assert AspaSet(vrps.aspas).items() == s.items()
    with pytest.raises(ParseError):
        AspaSet.from_text("aspa-set {\n\tcustomer-as x\n}\n", "openbgpd")
    with pytest.raises(FileNotFoundError):
        AspaSet.from_file(tmp_path / "missing.json")
    with pytest.raises(ValueError, match="unknown format"):
        AspaSet.from_text(OPENBGPD_ASPA, "nope")


# ---------------------------------------------------------------------------
# Bogons


def test_bogon_findings() -> None:
    b = Bogons()
    f = b.check_prefix("10.1.0.0/16")
    assert f is not None and f.kind == "bogon-prefix" and f.asn is None
    assert f.entry == "10.0.0.0/8 Private-Use (RFC 1918)"
    assert f.list == "IANA IPv4 Special-Purpose Address Registry"
    assert str(f) == "bogon-prefix: 10.0.0.0/8 Private-Use (RFC 1918) [IANA IPv4 Special-Purpose Address Registry]"
    assert repr(f) == (
        "BogonFinding(kind='bogon-prefix', list='IANA IPv4 Special-Purpose Address Registry', "
        "entry='10.0.0.0/8 Private-Use (RFC 1918)', asn=None)"
    )
    # Globally reachable special-purpose block: no bogon prefix, but a /32 is too specific.
    assert not b.is_bogon_prefix("192.0.0.9/32")
    ts = b.check_prefix(ipaddress.ip_network("192.0.0.9/32"))
    assert ts is not None and ts.kind == "too-specific" and ts.list == "max-v4-len 24"
    findings = b.check_route("192.0.2.0/25", "3356 23456 64500")
    assert [x.kind for x in findings] == ["bogon-prefix", "bogon-asn", "bogon-asn", "too-specific"]
    assert [x.asn for x in findings] == [None, 23456, 64500, None]
    assert b.first("192.0.2.0/25", "3356 23456 64500") == findings[0]
    assert b.first("193.0.0.0/21", "3333") is None
    asn = b.check_asn(23456)
    assert asn is not None and asn.kind == "bogon-asn" and asn.list == "RFC 6793" and asn.asn == 23456
    assert b.check_asn(13335) is None
    d = b.first("0.0.0.0/0", [3356])  # less specific than 0.0.0.0/8: no bogon prefix
    assert d is not None and d.kind == "default-route" and d.list == "allow-default off"
    assert b.check_route("::/0", [3356])[-1].kind == "default-route"


def test_bogon_options() -> None:
    assert Bogons().max_path_len == 64
    b = Bogons(max_v4_len=22, max_v6_len=32, max_path_len=3, allow_default=True)
    assert (b.max_v4_len, b.max_v6_len, b.max_path_len, b.allow_default) == (22, 32, 3, True)
    long = b.first("193.0.0.0/21", "3333 3333 3333 1299")
    assert long is not None and long.kind == "long-path" and long.entry == "path length 4"
    assert b.first("193.0.0.0/21", "3333 3333 1299") is None
    ts = b.first("193.0.0.0/23", "3333")
    assert ts is not None and ts.kind == "too-specific" and ts.list == "max-v4-len 22"
    assert all(f.kind != "default-route" for f in b.check_route("::/0", [3356]))
    assert Bogons(max_path_len=None).first("193.0.0.0/21", [3333] * 1000) is None
    assert repr(b) == "<Bogons max_v4_len=22 max_v6_len=32 max_path_len=3 allow_default=True lists=[]>"


def test_bogon_user_lists(tmp_path: Path) -> None:
    b = Bogons()
    assert b.first("1.9.0.0/16", "2497 4788") is None
    b.add_list_file(FIXTURES / "bogon" / "fullbogons-sample.txt")
    f = b.first("1.9.0.0/16", "2497 4788")
    assert f is not None and f.list == "fullbogons-sample.txt" and f.entry == "1.9.0.0/16"
    b.add_list("mine", ["27.0.0.0/8", ipaddress.ip_network("2a00::/16")])
    b.add_list("text", b"# comment\n193.0.0.0/16  # trailing\n")
    assert b.lists == [("fullbogons-sample.txt", 9), ("mine", 2), ("text", 1)]
    # 27.248.0.0/14 is in the sample list too: one finding per matching list.
    assert [(x.list, x.entry) for x in b.check_route("27.250.0.0/16", "1")] == [
        ("fullbogons-sample.txt", "27.248.0.0/14"),
        ("mine", "27.0.0.0/8"),
    ]
    g = b.check_prefix("193.0.1.0/24")
    assert g is not None and g.list == "text"
    (tmp_path / "list.txt.bz2").write_bytes(bz2.compress(b"8.8.8.0/24\n"))
    b.add_list_file(tmp_path / "list.txt.bz2", name="google")
    assert b.is_bogon_prefix("8.8.8.0/24")
    with pytest.raises(ParseError) as e:
        b.add_list("bad", "0.0.0.0/8\n10.0.0.1/8\n")
    assert e.value.line == 2
    with pytest.raises(ModelError):
        b.add_list("bad", ["10.0.0.1/8"])
    assert len(b.lists) == 4  # failed adds leave the checker as it was


def test_special_purpose_tables() -> None:
    rows = routeguard.special_purpose(4)
    by_block = {r["block"]: r for r in rows}
    assert by_block["10.0.0.0/8"]["bogon"] and by_block["10.0.0.0/8"]["globally_reachable"] is False
    assert not by_block["192.0.0.9/32"]["bogon"] and by_block["192.0.0.9/32"]["globally_reachable"] is True
    assert "224.0.0.0/4" in by_block  # address-space reservation: multicast
    v6 = {r["block"] for r in routeguard.special_purpose(6)}
    assert "2001:db8::/32" in v6 and "fc00::/7" in v6
    assert "3ffe::/16" in v6  # the former 6bone, from operators' bogon lists
    with pytest.raises(ValueError):
        routeguard.special_purpose(5)  # type: ignore[arg-type]
    ranges = routeguard.bogon_asn_ranges()
    covered = {a for r in ranges for a in (0, 23456, 64496, 64512, 65535, 65551, 131071, 4200000000, 4294967295) if r["first"] <= a <= r["last"]}
    assert covered == {0, 23456, 64496, 64512, 65535, 65551, 131071, 4200000000, 4294967295}
    assert not any(r["first"] <= 13335 <= r["last"] for r in ranges)


# ---------------------------------------------------------------------------
# Route leaks: the core's as-rel fixture and expected paths


def leak_cases() -> list[tuple[str, int | None, str, list[tuple[int, int]]]]:
    out = []
    for line in (FIXTURES / "asrel" / "small.paths.txt").read_text().splitlines():
        if line.startswith("#") or not line.strip():
            continue
        path, recv, state, leaks = (x.strip() for x in line.split(";"))
        expected = [(int(a), int(t)) for a, t in (x.split(":") for x in leaks.split(",") if x)]
        out.append((path, None if recv == "-" else int(recv), state, expected))
    return out


@pytest.fixture(scope="module")
def small_rel() -> AsRelations:
    return AsRelations.from_file(FIXTURES / "asrel" / "small.as-rel2.txt")


def test_as_relations_lookups(small_rel: AsRelations) -> None:
    rel = small_rel
    assert len(rel) == 8
    assert rel.clique == [64496, 64497] and rel.ixps == [64510]
    assert rel.relationship(64496, 64500) == "customer"
    assert rel.relationship("AS64500", 64496) == "provider"
    assert rel.relationship(64496, 64497) == "peer"
    assert rel.relationship(64496, 64504) is None
    assert rel.providers_of(64502) == [64500, 64501]
    assert rel.customers_of(64503) == [64504]
    assert rel.peers_of(64503) == [64500, 64501]
    assert rel.ases() == [64496, 64497, 64500, 64501, 64502, 64503, 64504]
    assert (rel.duplicates, rel.conflicts) == (0, 0)
    assert repr(rel) == "<AsRelations 8 links, 2 clique ASes, 1 IXP ASes>"


@pytest.mark.parametrize("case", leak_cases(), ids=lambda c: f"{c[0]}|{c[1]}")
def test_leak_fixture_paths(small_rel: AsRelations, case: tuple[str, int | None, str, list[tuple[int, int]]]) -> None:
    path, receiver, state, expected = case
    r = routeguard.detect_leaks(small_rel, path, receiver)
    assert r.state == state, str(r)
    assert [(x.leaker, x.type) for x in r.leaks] == expected
    assert routeguard.leak_state(small_rel, path, receiver) == state
    assert small_rel.leak_states([path], receiver) == [state]
    if r.state == "unknown":
        assert r.missing or r.set_undecided
    if r.state == "ok":
        assert r.leaks == [] and r.missing == [] and not r.set_undecided


def test_leak_details(small_rel: AsRelations) -> None:
    # 64502 is a customer of both 64500 and 64501: passing a route between them is a hairpin turn.
    r = routeguard.detect_leaks(small_rel, "64501 64502 64502 64502 64500")
    assert r.state == "leak" and r.missing == [] and not r.set_undecided
    (leak,) = r.leaks
    assert (leak.leaker, leak.type, leak.kind, leak.learned_from, leak.sent_to) == (64502, 1, "hairpin-turn", 64500, 64501)
    assert str(leak) == "AS64502 sent a route learned from provider AS64500 to provider AS64501 (RFC 7908 type 1, hairpin-turn)"
    assert repr(leak) == "Leak(leaker=64502, type=1, kind='hairpin-turn', learned_from=64500, sent_to=64501)"
    assert str(r).startswith("leak: AS64502 sent")
    # The receiver makes the leftmost AS judged too.
    assert routeguard.detect_leaks(small_rel, "64502 64500").state == "ok"
    assert routeguard.detect_leaks(small_rel, "64502 64500", receiver=64501).leaks[0].sent_to == 64501
    u = routeguard.detect_leaks(small_rel, "64496 64500 65551")
    assert u.state == "unknown" and u.missing == [(64500, 65551)] and u.leaks == []
    assert str(u) == "unknown: no relation for AS64500-AS65551"
    assert repr(u) == "LeakResult(state='unknown', leaks=[], missing=[(64500, 65551)], set_undecided=False)"
    mixed = routeguard.detect_leaks(small_rel, "64496 64500 64503 64501 64497")
    assert [x.kind for x in mixed.leaks] == ["peer-to-provider", "lateral-isp-isp-isp", "provider-to-peer"]


def test_as_relations_loading(tmp_path: Path) -> None:
    text = (FIXTURES / "asrel" / "small.as-rel2.txt").read_bytes()
    for name, data in [("r.txt.gz", gzip.compress(text)), ("r.txt.bz2", bz2.compress(text)), ("r.txt.xz", lzma.compress(text))]:
        (tmp_path / name).write_bytes(data)
        assert len(AsRelations.from_file(tmp_path / name)) == 8, name
    assert len(AsRelations.from_text(text.decode())) == 8
    with pytest.raises(ParseError) as e:
        AsRelations.from_text("64500|64501|-1\n64500|64502|7\n")
    assert e.value.line == 2 and isinstance(e.value, ValueError)
    with pytest.raises(FileNotFoundError):
        AsRelations.from_file(tmp_path / "missing.as-rel.txt")


# ---------------------------------------------------------------------------
# RFC 9234 §5 OTC rules


def otc_reference_ingress(role: str, remote: int, otc: int | None) -> tuple[bool, int | None]:
    # 1. OTC from a Customer or RS-Client (we are provider or RS): leak.
    if otc is not None and role in ("provider", "rs"):
        return True, otc
    # 2. OTC from a Peer whose AS differs: leak.
    if otc is not None and role == "peer":
        return otc != remote, otc
    # 3. No OTC from a Provider, Peer or RS: add OTC = remote AS.
    if otc is None and role in ("customer", "peer", "rs-client"):
        return False, remote
    return False, otc


def otc_reference_egress(role: str, local: int, otc: int | None) -> tuple[bool, int | None]:
    # 1. To a Customer, Peer or RS-Client without OTC: add OTC = local AS.
    if otc is None and role in ("provider", "peer", "rs"):
        return False, local
    # 2. With OTC, to a Provider, Peer or RS: must not be sent.
    if otc is not None and role in ("customer", "peer", "rs-client"):
        return True, otc
    return False, otc


ROLES = ["provider", "customer", "rs", "rs-client", "peer"]


@pytest.mark.parametrize(("role", "otc"), list(itertools.product(ROLES, [None, 64500, 64999])))
def test_otc_rule_table(role: str, otc: int | None) -> None:
    ing = routeguard.otc_ingress(role, 64500, otc)  # type: ignore[arg-type]
    assert (ing.leak, ing.otc) == otc_reference_ingress(role, 64500, otc)
    eg = routeguard.otc_egress(role, 64500, otc)  # type: ignore[arg-type]
    assert (eg.leak, eg.otc) == otc_reference_egress(role, 64500, otc)


def test_otc_words_and_repr() -> None:
    v = routeguard.otc_ingress("route-server-client", "AS64500")
    assert v == routeguard.otc_ingress("rs-client", 64500)
    assert repr(v) == "OtcVerdict(leak=False, otc=64500)"
    assert repr(routeguard.otc_egress("customer", 1, 5)) == "OtcVerdict(leak=True, otc=5)"
    with pytest.raises(ValueError, match='unknown role "boss"'):
        routeguard.otc_ingress("boss", 1)  # type: ignore[arg-type]


# ---------------------------------------------------------------------------
# RouteChecker

VRPS_CSV = "ASN,IP Prefix,Max Length,Trust Anchor\nAS13335,1.1.1.0/24,24,ta\n"


def test_route_checker_columns() -> None:
    vrps = VrpSet.from_csv(VRPS_CSV)
    aspa = AspaSet([(13335, [3356])])
    rel = AsRelations.from_text("3356|13335|-1\n174|3356|0\n")
    c = RouteChecker(vrps=vrps, aspa=aspa, relations=rel)
    v = c.check("1.1.1.0/24", "3356 13335")
    assert (v.rov, v.aspa, v.bogon, v.bogon_word, v.leak, v.rejected) == ("valid", "valid", None, "ok", "ok", False)
    assert str(v) == "valid,valid,ok,ok"
    assert v.prefix == "1.1.1.0/24" and v.path == AsPath("3356 13335") and v.neighbor is None
    assert repr(v) == "RouteVerdict(prefix='1.1.1.0/24', path='3356 13335', neighbor=None, rov='valid', aspa='valid', bogon='ok', leak='ok')"
    # 3356 (no ASPA) -> 174: unknown; 13335 -> 3356 -> 174 (a peer) is valley-free.
    w = c.check("1.1.1.0/24", [174, 3356, 13335])
    assert str(w) == "valid,unknown,ok,ok"
    # AS13335 does not list AS174: ASPA invalid. Two ASes without a receiver: no AS to judge for leaks.
    x = c.check("1.1.1.0/24", "174 13335")
    assert str(x) == "valid,invalid,ok,ok" and x.rejected
    # With a receiver, 174 is judged: it sent a route learned from 13335 (no relation known).
    assert RouteChecker(relations=rel, receiver=64999).check("1.1.1.0/24", "174 13335").leak == "unknown"
    # The neighbour is checked against the leftmost AS.
    assert c.check("1.1.1.0/24", "3356 13335", neighbor=174).aspa == "invalid"
    y = c.check("192.0.2.0/24", "3356 13335")
    assert y.rov == "not-found" and y.bogon is not None and y.bogon.kind == "bogon-prefix" and y.rejected
    assert c.check("1.1.1.0/24", "3356 64512").bogon_word == "bogon-asn"
    # Only the data given runs: '-' elsewhere.
    bare = RouteChecker()
    assert str(bare.check("1.1.1.0/24", "3356 13335")) == "-,-,ok,-"
    assert repr(c) == "<RouteChecker bogons+rov+aspa+leaks direction=upstream receiver=None>"
    # Downstream: 3356 is 13335's provider, so 13335 -> 3356 comes down to us.
    down = RouteChecker(aspa=aspa, direction="downstream", receiver=13335)
    assert down.direction == "downstream" and down.receiver == 13335
    assert down.check("1.1.1.0/24", "3356 13335").aspa == "valid"
    with pytest.raises(ValueError, match="unknown direction"):
        RouteChecker(direction="sideways")  # type: ignore[arg-type]


def test_route_checker_sees_later_bogon_lists() -> None:
    b = Bogons()
    c = RouteChecker(bogons=b)
    assert c.check("1.9.0.0/16", "2497 4788").bogon is None
    b.add_list("later", ["1.9.0.0/16"])
    f = c.check("1.9.0.0/16", "2497 4788").bogon
    assert f is not None and f.list == "later"


def test_check_many_and_lines_agree() -> None:
    aspa = AspaSet([(13335, [3356])])
    c = RouteChecker(vrps=VrpSet.from_csv(VRPS_CSV), aspa=aspa)
    lines = (
        "# comment\n"
        "1.1.1.0/24 3356 13335\n"
        "\n"
        "TABLE_DUMP2|1277971199|B|202.249.2.169|174|1.1.1.0/24|174 13335|IGP|x|0|0||NAG||\n"
        "BGP4MP|1470931200|W|2001:7f8:54::1|8218|2001:df0:bd::/48\n"
        "192.0.2.0/24 {3356,174}\n"
    )
    got = c.check_lines(lines)
    assert [str(v) for v in got] == ["valid,valid,ok,-", "valid,invalid,ok,-", "not-found,invalid,bogon-prefix,-"]
    assert [v.neighbor for v in got] == [None, 174, None]
    many = c.check_many([("1.1.1.0/24", "3356 13335"), ["1.1.1.0/24", [174, 13335], "AS174"], ("192.0.2.0/24", AsPath("{3356,174}"))])
    assert many == got
    assert c.check_lines(lines.encode()) == got
    with pytest.raises(ParseError) as e:
        c.check_lines("1.1.1.0/24 3356\n1.1.1.1/24 3356\n")
    assert e.value.line == 2 and "host bits" in str(e.value)
    with pytest.raises(ParseError) as e2:
        c.check_lines(b"1.1.1.0/24 3356\n\xff\n")
    assert e2.value.line == 2
    with pytest.raises(TypeError, match="each route must be"):
        c.check_many([("1.1.1.0/24",)])  # type: ignore[list-item]
    with pytest.raises(ModelError):
        c.check_many([("1.1.1.1/24", "3356")])
    assert c.check_many([("1.1.1.1/24", "3356")], relaxed=True)[0].prefix == "1.1.1.0/24"


def test_check_many_releases_the_gil() -> None:
    """The checks of a batch run detached: a spinning thread keeps running
    (see test_gil.py for the method). Long paths over a big ASPA set and
    relations make the core work dominate the conversion."""
    n_as = 3000
    aspa = AspaSet([(a, [a + 1]) for a in range(1, n_as)])
    rel = AsRelations.from_text("".join(f"{a + 1}|{a}|-1\n" for a in range(1, n_as)))
    path = AsPath.from_asns(list(range(n_as - 1, 0, -1)))
    full = RouteChecker(aspa=aspa, relations=rel)
    bare = RouteChecker(bogons=Bogons(max_path_len=None))
    assert full.check("193.0.0.0/21", path).aspa == "valid"

    def timed(c: RouteChecker, routes: list[tuple[str, AsPath]]) -> float:
        t = time.perf_counter()
        c.check_many(routes)
        return time.perf_counter() - t

    n = 200
    while True:
        routes = [("193.0.0.0/21", path)] * n
        total, overhead = timed(full, routes), timed(bare, routes)
        if total - overhead >= 0.4 or n >= 200_000:
            break
        n *= 2
    assert total - overhead >= 0.2, "workload too small to tell"
    attempts = []
    for _ in range(3):
        max_gap, call, out = spin_during(lambda: full.check_many(routes))
        assert len(out) == n and out[-1].aspa == "valid"
        attempts.append((round(max_gap, 3), round(call, 3), round(overhead, 3)))
        if max_gap < overhead + 0.5 * (call - overhead):
            return
    raise AssertionError(f"the GIL looks held during check_many: (max_gap, call, overhead) = {attempts}")


# ---------------------------------------------------------------------------
# Real data


@pytest.fixture(scope="module")
def caida_2018(data_file: Callable[[str], Path]) -> AsRelations:
    return AsRelations.from_file(data_file(ASREL_2018))


def test_caida_2018_against_the_file(caida_2018: AsRelations, data_file: Callable[[str], Path]) -> None:
    """Every record of the 2018 serial-1 file, read here with lzma, is what
    relationship() answers; the pair count and header lists agree."""
    rel = caida_2018
    pairs: dict[tuple[int, int], str] = {}
    clique: list[int] = []
    with lzma.open(data_file(ASREL_2018), "rt") as f:
        for line in f:
            if line.startswith("# inferred clique:"):
                clique = [int(x) for x in line.split(":", 1)[1].split()]
            if line.startswith("#") or not line.strip():
                continue
            fields = line.strip().split("|")
            pairs[(int(fields[0]), int(fields[1]))] = "customer" if fields[2] == "-1" else "peer"
    assert len(pairs) > 250_000
    assert len(rel) == len(pairs) - rel.duplicates - rel.conflicts
    assert rel.clique == clique and len(clique) > 10
    for (a, b), r in itertools.islice(pairs.items(), 0, None, 97):
        assert rel.relationship(a, b) == r
        assert rel.relationship(b, a) == ("provider" if r == "customer" else "peer")


def test_ris_table_head_combined(caida_2018: AsRelations, data_file: Callable[[str], Path]) -> None:
    """The first 30,000 lines of the RIS rrc06 table (bgpdump -m) through
    check_lines with ASPAs from the rpki-client snapshot and the 2018
    relations; each column agrees with the single-purpose calls."""
    with gzip.open(data_file(RIS_HEAD), "rt") as f:
        head = "".join(itertools.islice(f, 30_000))
    aspa = AspaSet.from_file(data_file(SNAPSHOT))
    assert len(aspa) == 100
    bogons = Bogons()
    c = RouteChecker(aspa=aspa, relations=caida_2018, bogons=bogons)
    verdicts = c.check_lines(head)
    rows = [line.split("|") for line in head.splitlines()]
    assert len(verdicts) == sum(1 for r in rows if r[2] == "B") == 30_000
    assert [v.prefix for v in verdicts[:100]] == [r[5] for r in rows[:100]]
    assert all(v.neighbor == int(r[4]) for v, r in zip(verdicts, rows))
    assert all(v.rov is None for v in verdicts)
    # Leak column = AsRelations.leak_states; bogon column = Bogons.first.
    assert [v.leak for v in verdicts] == caida_2018.leak_states([r[6] for r in rows])
    for v, r in itertools.islice(zip(verdicts, rows), 0, None, 37):
        first = bogons.first(r[5], r[6])
        assert v.bogon == first and v.bogon_word == (first.kind if first else "ok")
        assert v.aspa == aspa.verify(r[6], neighbor=int(r[4])).verdict
    leaks = Counter(v.leak for v in verdicts)
    bogon_words = Counter(v.bogon_word for v in verdicts)
    # A 2010 table against 2018 relations: many links are gone (unknown),
    # some paths are leaks by 2018's relations.
    assert leaks["ok"] > len(verdicts) // 3 and leaks["unknown"] > len(verdicts) // 10 and leaks["leak"] > 1000
    assert bogon_words["ok"] > len(verdicts) * 99 // 100 and bogon_words["too-specific"] > 0
    # The as-rel check_many path gives the same verdicts.
    again = c.check_many([(r[5], r[6], int(r[4])) for r in rows[:2000]])
    assert again == verdicts[:2000]
