"""IrrDb, IrrCheck and parse_rpsl: statuses, advice, per-source verdicts,
strict/lenient loads, lookups and set expansion on a fixture written here,
plus the dn42 registry (real data) against a naive Python reference."""

from __future__ import annotations

import bz2
import gzip
import ipaddress
import random
import threading
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path

import pytest
import routeguard
from routeguard import IrrDb, ParseError, VrpSet

# Sources: RIPE and ARIN are RIR registries, RADB is not.
FIXTURE = """\
% a comment line before the first object

route:      192.0.2.0/24
descr:      registered in RIPE and RADB with different origins
origin:     AS64500
mnt-by:     MAINT-A
source:     RIPE

route:      192.0.2.0/24
origin:     AS64501
mnt-by:     MAINT-B
source:     RADB

route:      198.51.100.0/22
origin:     AS64510
mnt-by:     MAINT-A
source:     RIPE

route:      198.51.100.0/24
origin:     AS64510
mnt-by:     MAINT-B
source:     RADB

route:      203.0.113.0/24
origin:     AS64530
mnt-by:     MAINT-B
source:     RADB

route6:     2001:db8::/32
origin:     AS64520
mnt-by:     MAINT-C
source:     ARIN

route6:     2001:db8::/32
origin:     AS64521
mnt-by:     MAINT-C
source:     ARIN

route6:     2001:db8:1::/48
origin:     AS64520
member-of:  RS-BYREF
mnt-by:     MAINT-C
source:     ARIN

aut-num:    AS64500
as-name:    EXAMPLE-A
member-of:  AS-BYREF
import:     from AS64501 accept ANY
export:     to AS64501 announce AS64500
mnt-by:     MAINT-A
source:     RIPE

aut-num:    AS64510
as-name:    EXAMPLE-B
member-of:  AS-BYREF
mnt-by:     MAINT-B
source:     RIPE

as-set:     AS-TOP
members:    AS64500, AS-CHILD
members:    AS-MISSING
mnt-by:     MAINT-A
source:     RIPE

as-set:     AS-CHILD
members:    AS64510, AS-TOP
mnt-by:     MAINT-A
source:     RIPE

as-set:     AS-BYREF
mbrs-by-ref: MAINT-A
mnt-by:     MAINT-A
source:     RIPE

route-set:  RS-TEST
members:    192.0.2.0/24^+, 198.51.100.0/22^24
mnt-by:     MAINT-A
source:     RIPE

route-set:  RS-BYREF
mbrs-by-ref: ANY
mnt-by:     MAINT-C
source:     ARIN

mntner:     MAINT-A
auth:       BCRYPT-PW $2b$12$secret
mnt-by:     MAINT-A
source:     RIPE
"""

VRPS_CSV = """ASN,IP Prefix,Max Length,Trust Anchor
AS64500,192.0.2.0/24,24,ripe
AS64510,198.51.100.0/22,24,ripe
"""


@pytest.fixture(scope="module")
def db() -> IrrDb:
    return IrrDb.from_text(FIXTURE)


@pytest.fixture(scope="module")
def vrps() -> VrpSet:
    return VrpSet.from_csv(VRPS_CSV)


def codes(c: routeguard.IrrCheck) -> list[str]:
    return [a.code for a in c.advice]


# --- loading ---------------------------------------------------------------


def test_stats_and_sources(db: IrrDb) -> None:
    s = db.stats()
    assert len(db) == 16 == s["objects"]
    assert s["classes"] == {
        "route": 5,
        "route6": 3,
        "aut-num": 2,
        "as-set": 3,
        "route-set": 2,
        "mntner": 1,
    }
    assert (s["routes_v4"], s["routes_v6"], s["errors"], s["deleted"]) == (5, 3, 0, 0)
    assert s["sources"]["RADB"] == {"objects": 3, "classes": {"route": 3}}
    assert sum(x["objects"] for x in s["sources"].values()) == 16
    # order of first appearance
    assert db.sources == ["RIPE", "RADB", "ARIN"]
    assert db.warnings == []
    assert repr(db) == "<IrrDb 16 objects, 8 routes, sources: RIPE, RADB, ARIN>"


BAD = """\
route:   192.0.2.0/24
origin:  AS64500
mnt-by:  M
source:  TEST

route:   198.51.100.0/24
origin:  AS64500
this line is garbage
mnt-by:  M
source:  TEST

route:   203.0.113.0/24
origin:  AS64501
mnt-by:  M
source:  TEST
"""


def test_strict_raises_parse_error_with_line() -> None:
    with pytest.raises(ParseError) as e:
        IrrDb.from_text(BAD, strict=True)
    assert e.value.line == 8
    assert str(e.value) == 'line 8: malformed line: not an attribute, continuation or comment: "this line is garbage"'
    assert isinstance(e.value, ValueError) and e.value.kind == "parse"
    # parse_rpsl is strict by default (its lexer words the message differently)
    with pytest.raises(ParseError, match="this line is garbage") as e2:
        routeguard.parse_rpsl(BAD)
    assert (e2.value.line, e2.value.column) == (8, 1)


def test_lenient_skips_with_warnings() -> None:
    db = IrrDb.from_text(BAD)
    assert len(db) == 2
    assert db.stats()["errors"] == 1
    assert db.warnings == ['line 8: malformed line: not an attribute, continuation or comment: "this line is garbage"']
    assert db.check_route("198.51.100.0/24", "AS64500").status == "not-found"
    assert db.check_route("203.0.113.0/24", "AS64501").status == "valid"


def test_strict_missing_primary_key_and_mandatory_attribute() -> None:
    no_origin = "route: 192.0.2.0/24\nmnt-by: M\nsource: TEST\n\nroute: 192.0.2.0/25\norigin: AS1\nsource: TEST\n"
    with pytest.raises(ParseError) as e:
        IrrDb.from_text(no_origin, strict=True)
    assert (str(e.value), e.value.line) == ('line 1: missing field "origin"', 1)
    lenient = IrrDb.from_text(no_origin)
    assert len(lenient) == 1 and lenient.warnings == ['line 1: missing field "origin"']
    # parse_rpsl's strict mode also wants IRRd's mandatory attributes
    no_mnt = "route: 192.0.2.0/24\norigin: AS1\nsource: TEST\n"
    with pytest.raises(ParseError, match="mnt-by") as e2:
        routeguard.parse_rpsl(no_mnt)
    assert e2.value.line == 1
    assert len(routeguard.parse_rpsl(no_mnt, strict=False)) == 1


def test_from_text_bytes_and_forced_source() -> None:
    db = IrrDb.from_text(FIXTURE.encode(), source="mirror")
    assert db.sources == ["MIRROR"]
    assert len(db) == 16
    c = db.check_route("192.0.2.0/24", "AS64501")
    assert c.per_source == {"MIRROR": "valid"}
    assert {r["source"] for r in c.covering} == {"MIRROR"}


def test_from_files_sources_preference_and_compression(tmp_path: Path) -> None:
    ripe = tmp_path / "ripe.db"
    ripe.write_text("route: 192.0.2.0/24\norigin: AS64500\nmnt-by: M\nsource: RIPE\n")
    radb = tmp_path / "radb.db.gz"
    with gzip.open(radb, "wt") as f:
        f.write("route: 192.0.2.0/24\norigin: AS64501\nmnt-by: M\nsource: RIPE\n\nbroken\n")
    other = tmp_path / "other.db.bz2"
    other.write_bytes(bz2.compress(b"route: 192.0.2.0/23\norigin: AS64502\nsource: OTHER\n"))
    db = IrrDb.from_files([ripe, ("RADB", str(radb)), other])
    assert db.sources == ["RIPE", "RADB", "OTHER"]
    c = db.check_route("192.0.2.0/24", 64501)
    assert c.per_source == {"RIPE": "invalid-origin", "RADB": "valid", "OTHER": "invalid-origin"}
    assert list(c.per_source) == ["RIPE", "RADB", "OTHER"]
    # several files: warnings name the file
    assert len(db.warnings) == 1 and db.warnings[0].startswith(f"{radb}: line 6: ")
    db2 = IrrDb.from_files([ripe, ("RADB", radb), other], preference=["other", "radb"])
    assert db2.sources == ["OTHER", "RADB", "RIPE"]
    assert list(db2.check_route("192.0.2.0/24", 64501).per_source) == ["OTHER", "RADB", "RIPE"]
    with pytest.raises(ParseError) as e:
        IrrDb.from_files([ripe, ("RADB", radb)], strict=True)
    assert e.value.line == 6
    with pytest.raises(FileNotFoundError):
        IrrDb.from_files([tmp_path / "nope.db"])
    with pytest.raises(TypeError):
        IrrDb.from_files(str(ripe))


# --- statuses and advice ---------------------------------------------------


def test_valid_with_other_irr_mismatch(db: IrrDb) -> None:
    c = db.check_route("192.0.2.0/24", "AS64500")
    assert (c.prefix, c.origin, c.status) == ("192.0.2.0/24", "AS64500", "valid")
    assert c.per_source == {"RIPE": "valid", "RADB": "invalid-origin", "ARIN": "not-found"}
    assert c.matching == [{"prefix": "192.0.2.0/24", "origin": "AS64500", "source": "RIPE"}]
    assert c.covering == [
        {"prefix": "192.0.2.0/24", "origin": "AS64500", "source": "RIPE"},
        {"prefix": "192.0.2.0/24", "origin": "AS64501", "source": "RADB"},
    ]
    assert codes(c) == ["other-irr-origin-mismatch", "expected-in-rir-also-other"]
    a = c.advice[0]
    assert (a.level, a.code) == ("danger", "other-irr-origin-mismatch")
    assert str(a) == a.message == (
        "Expected route object in RIPE matches BGP origin, but non-matching objects exist in other IRRs"
    )
    assert c.advice[1].level == "info"
    assert c.rpki is None


def test_valid_rir_origin_mismatch(db: IrrDb) -> None:
    c = db.check_route("192.0.2.0/24", "AS64501")
    assert c.status == "valid"
    assert c.per_source["RIPE"] == "invalid-origin" and c.per_source["RADB"] == "valid"
    assert codes(c) == ["rir-origin-mismatch", "expected-in-rir-also-other"]
    assert c.advice[0].message.startswith("Expected route object in RIPE, but BGP origin does not match")


def test_valid_only_in_other_irr(db: IrrDb) -> None:
    c = db.check_route("198.51.100.0/24", "AS64510")
    assert c.status == "valid"
    assert c.per_source == {"RIPE": "covered", "RADB": "valid", "ARIN": "not-found"}
    assert codes(c) == ["expected-in-rir-only-other"]
    assert c.advice[0].level == "warning"


def test_covered(db: IrrDb) -> None:
    c = db.check_route("198.51.100.128/25", "AS64510")
    assert c.status == "covered"
    assert c.per_source["RIPE"] == "covered"
    assert [m["prefix"] for m in c.matching] == ["198.51.100.0/22", "198.51.100.0/24"]
    assert codes(c) == ["only-less-specific-matches"]


def test_invalid_origin(db: IrrDb) -> None:
    c = db.check_route("192.0.2.128/25", 64999)
    assert c.status == "invalid-origin"
    assert c.matching == []
    assert len(c.covering) == 2
    assert codes(c) == ["no-route-object-matches-origin"]
    assert c.advice[0].level == "danger"


def test_not_found(db: IrrDb) -> None:
    c = db.check_route("10.0.0.0/8", "AS64500")
    assert c.status == "not-found"
    assert set(c.per_source.values()) == {"not-found"}
    assert (c.matching, c.covering) == ([], [])
    assert codes(c) == ["no-route-objects"]
    assert c.advice[0].message == "No route objects found for the prefix or a less-specific"


def test_non_rir_only(db: IrrDb) -> None:
    c = db.check_route("203.0.113.0/24", "AS64530")
    assert c.status == "valid"
    assert codes(c) == ["non-rir-only"]


def test_multiple_origins_ipv6(db: IrrDb) -> None:
    c = db.check_route("2001:db8::/32", "AS64520")
    assert c.status == "valid"
    assert codes(c) == ["multiple-origins"]
    assert db.check_route(ipaddress.ip_network("2001:db8:1::/48"), "AS64520").status == "valid"
    assert db.check_route("2001:db8:1:1::/64", "AS64521").status == "covered"


def test_rpki_advice(db: IrrDb, vrps: VrpSet) -> None:
    ok = db.check_route("192.0.2.0/24", "AS64500", vrps)
    assert ok.rpki == routeguard.RovState.VALID
    # the RADB object's origin is RPKI-invalid
    assert "rpki-invalid-route-objects" in codes(ok)
    bad = db.check_route("192.0.2.0/24", "AS64501", vrps)
    assert bad.rpki == routeguard.RovState.INVALID
    assert codes(bad)[:2] == ["rir-origin-mismatch", "rpki-origin-mismatch"]
    none = db.check_route("203.0.113.0/24", "AS64530", vrps)
    assert none.rpki == routeguard.RovState.NOT_FOUND
    assert "no-roa" in codes(none)
    # advice is sorted by level, most serious first
    order = {"danger": 0, "warning": 1, "info": 2}
    for c in (ok, bad, none):
        levels = [order[a.level] for a in c.advice]
        assert levels == sorted(levels)


def test_to_dict(db: IrrDb, vrps: VrpSet) -> None:
    d = db.check_route("192.0.2.0/24", "AS64501", vrps).to_dict()
    assert d["status"] == "valid" and d["rpki"] == "invalid"
    assert d["per_source"] == {"RIPE": "invalid-origin", "RADB": "valid", "ARIN": "not-found"}
    assert d["advice"][1] == {
        "level": "danger",
        "code": "rpki-origin-mismatch",
        "message": "RPKI origin does not match BGP origin",
    }
    assert d["matching"] == [{"prefix": "192.0.2.0/24", "origin": "AS64501", "source": "RADB"}]


def test_rpki_invalid_routes(db: IrrDb, vrps: VrpSet) -> None:
    found = db.rpki_invalid_routes(vrps)
    assert [(r["prefix"], r["origin"], r["source"]) for r, _ in found] == [("192.0.2.0/24", "AS64501", "RADB")]
    assert found[0][1].state == routeguard.RovState.INVALID
    assert found[0][1].reason == routeguard.InvalidReason.AS


def test_check_routes_forms_and_order(db: IrrDb) -> None:
    routes: list[tuple[str, int | str] | str] = [
        "192.0.2.0/24 AS64500",
        ("198.51.100.128/25", 64510),
        "192.0.2.128/25,64999",
        ("10.0.0.0/8", "AS1"),
    ]
    out = db.check_routes(routes)
    assert [c.status for c in out] == ["valid", "covered", "invalid-origin", "not-found"]
    for r, c in zip(routes, out):
        if isinstance(r, str):
            p, o = r.replace(",", " ").split()
            single = db.check_route(p, o)
        else:
            single = db.check_route(*r)
        assert c.to_dict() == single.to_dict()
    assert db.check_routes([]) == []
    with pytest.raises(ValueError, match="prefix origin"):
        db.check_routes(["192.0.2.0/24"])
    with pytest.raises(routeguard.ModelError):
        db.check_routes(["192.0.2.1/24 AS1"])
    with pytest.raises(TypeError):
        db.check_routes([("192.0.2.0/24",)])  # type: ignore[list-item]
    assert db.check_routes(["192.0.2.1/24 AS64500"], relaxed=True)[0].status == "valid"


def test_bad_route_input(db: IrrDb) -> None:
    with pytest.raises(routeguard.ModelError, match="host bits"):
        db.check_route("192.0.2.1/24", 1)
    with pytest.raises(routeguard.ModelError):
        db.check_route("192.0.2.0/24", "ASX")
    with pytest.raises(TypeError):
        db.check_route("192.0.2.0/24", None)  # type: ignore[arg-type]


# --- lookups and sets --------------------------------------------------------


def test_lookup(db: IrrDb) -> None:
    routes = db.lookup("192.0.2.0/24")
    assert [(o["class"], o["source"]) for o in routes] == [("route", "RIPE"), ("route", "RADB")]
    first = routes[0]
    assert first["key"] == "192.0.2.0/24" and first["line"] == 3
    assert first["attributes"][:3] == [
        ("route", "192.0.2.0/24"),
        ("descr", "registered in RIPE and RADB with different origins"),
        ("origin", "AS64500"),
    ]
    assert (first.get("text") or "").startswith("route:      192.0.2.0/24\ndescr:")
    assert [o["class"] for o in db.lookup("AS64500")] == ["aut-num"]
    assert [o["key"] for o in db.lookup("as-top")] == ["AS-TOP"]
    assert [o["class"] for o in db.lookup("MAINT-A")] == ["mntner"]
    assert db.lookup("AS-NOPE") == []
    assert db.lookup("nothing-here") == []


def test_aut_num_and_sets(db: IrrDb) -> None:
    a = db.aut_num("AS64500")
    assert a is not None
    assert (a["class"], a["aut_num"], a["as_name"], a["source"]) == ("aut-num", "AS64500", "EXAMPLE-A", "RIPE")
    assert a["member_of"] == ["AS-BYREF"]
    assert [(p["kind"], p["text"]) for p in a["policy"]] == [
        ("import", "from AS64501 accept ANY"),
        ("export", "to AS64501 announce AS64500"),
    ]
    assert db.aut_num(64999) is None
    s = db.as_set("AS-TOP")
    assert s is not None and s["members"] == ["AS64500", "AS-CHILD", "AS-MISSING"]
    assert db.as_set("RS-TEST") is None
    rs = db.route_set("RS-TEST")
    assert rs is not None and rs["class"] == "route-set"
    assert rs["members"] == ["192.0.2.0/24^+", "198.51.100.0/22^24"]
    assert db.route_set("AS-TOP") is None


def test_routes_by_match(db: IrrDb) -> None:
    def pfx(rs: list[routeguard._routeguard._RouteDict]) -> list[tuple[str, str]]:
        return [(r["prefix"], r["origin"]) for r in rs]

    assert pfx(db.routes("198.51.100.0/24")) == [("198.51.100.0/24", "AS64510")]
    assert pfx(db.routes("198.51.100.0/24", "covering")) == [
        ("198.51.100.0/22", "AS64510"),
        ("198.51.100.0/24", "AS64510"),
    ]
    assert pfx(db.routes("198.51.100.0/22", match="more-specific")) == [("198.51.100.0/24", "AS64510")]
    assert pfx(db.routes("2001:db8::/32", "more-specific")) == [("2001:db8:1::/48", "AS64520")]
    with pytest.raises(ValueError, match="match must be"):
        db.routes("192.0.2.0/24", "fuzzy")  # type: ignore[arg-type]
    assert sorted(pfx(db.routes_by_origin("AS64520"))) == [("2001:db8:1::/48", "AS64520"), ("2001:db8::/32", "AS64520")]
    assert db.routes_by_origin(1) == []


def test_set_expansion(db: IrrDb) -> None:
    # AS-TOP -> AS-CHILD -> AS-TOP is a cycle; AS-MISSING does not exist
    assert db.expand_as_set("AS-TOP") == ["AS64500", "AS64510"]
    d = db.expand_as_set_details("as-top")
    assert d["asns"] == ["AS64500", "AS64510"]
    assert d["missing_sets"] == ["AS-MISSING"]
    assert d["sets_visited"] == 3 and not d["depth_exceeded"] and not d["limit_exceeded"]
    # mbrs-by-ref: both aut-nums name AS-BYREF, only MAINT-A's joins
    assert db.expand_as_set("AS-BYREF") == ["AS64500"]
    assert db.set_members("AS-BYREF") == ["AS64500"]
    assert db.set_members("AS-TOP") == ["AS64500", "AS-CHILD", "AS-MISSING"]
    assert db.set_prefixes("AS-TOP") == ["192.0.2.0/24", "198.51.100.0/22", "198.51.100.0/24"]
    assert db.set_prefixes("AS64520", 6) == ["2001:db8::/32", "2001:db8:1::/48"]
    assert db.set_prefixes("AS-TOP", family=6) == []
    with pytest.raises(ValueError):
        db.set_prefixes("AS-TOP", 5)  # type: ignore[arg-type]
    assert db.expand_route_set("RS-TEST") == ["192.0.2.0/24^+", "198.51.100.0/22^24"]
    assert db.expand_route_set("RS-BYREF") == ["2001:db8:1::/48"]
    with pytest.raises(routeguard.IrrQueryError, match="set not found: AS-NOPE") as e:
        db.expand_as_set("AS-NOPE")
    assert isinstance(e.value, LookupError) and e.value.kind == "irr"
    with pytest.raises(routeguard.IrrQueryError):
        db.set_members("AS-NOPE")


def test_parse_rpsl() -> None:
    objs = routeguard.parse_rpsl(FIXTURE, strict=False)
    assert len(objs) == 16
    assert Counter(o["class"] for o in objs)["route6"] == 3
    assert objs[0]["source"] == "RIPE" and objs[0]["line"] == 3 and "typed" not in objs[0]
    typed = routeguard.parse_rpsl(FIXTURE.encode(), False, typed=True)
    t = typed[0].get("typed")
    assert t is not None and t["prefix"] == "192.0.2.0/24" and t["origin"] == "AS64500"
    assert typed[-1].get("typed") is None  # mntner: no typed view here
    assert [o["key"] for o in routeguard.parse_rpsl(BAD, strict=False)] == ["192.0.2.0/24", "203.0.113.0/24"]


# --- real data: the dn42 registry ----------------------------------------------

DN42 = "irr/dn42/dn42-registry.rpsl"


def _naive_status(
    routes: list[tuple[ipaddress.IPv4Network | ipaddress.IPv6Network, int]],
    net: ipaddress.IPv4Network | ipaddress.IPv6Network,
    origin: int,
) -> str:
    covering = [(p, o) for p, o in routes if p.version == net.version and net.subnet_of(p)]  # type: ignore[arg-type]
    if any(p == net and o == origin for p, o in covering):
        return "valid"
    if any(o == origin for _, o in covering):
        return "covered"
    return "invalid-origin" if covering else "not-found"


def test_dn42_registry(data_file: Callable[[str], Path]) -> None:
    path = data_file(DN42)
    db = IrrDb.from_files([path])
    s = db.stats()
    assert s["classes"]["route"] == 2_311 and s["classes"]["route6"] == 2_132
    assert (s["routes_v4"], s["routes_v6"]) == (2_311, 2_132)
    assert "DN42" in db.sources
    # Reference: every route object from parse_rpsl, checked by a linear scan.
    objs = routeguard.parse_rpsl(path.read_bytes(), strict=False)
    routes: list[tuple[ipaddress.IPv4Network | ipaddress.IPv6Network, int]] = []
    for o in objs:
        if o["class"] in ("route", "route6"):
            # dn42 routes may repeat origin:; the index takes the first
            first_origin = next(v for n, v in o["attributes"] if n == "origin").split()[0]
            routes.append((ipaddress.ip_network(o["key"]), int(first_origin[2:])))
    assert len(routes) == 2_311 + 2_132
    rng = random.Random(2622)
    queries: list[tuple[str, int]] = []
    for net, origin in rng.sample(routes, 150):
        other = rng.choice(routes)[1]
        queries.append((str(net), origin))
        queries.append((str(net), other))
        if net.prefixlen < net.max_prefixlen:
            sub = list(net.subnets(prefixlen_diff=1))[rng.randrange(2)]
            queries.append((str(sub), origin if rng.random() < 0.7 else other))
    queries.append(("10.0.0.0/8", 64500))
    checks = db.check_routes(queries)
    statuses = Counter(c.status for c in checks)
    for (prefix, origin), c in zip(queries, checks):
        assert c.status == _naive_status(routes, ipaddress.ip_network(prefix), origin), (prefix, origin)
        assert all(m["origin"] == f"AS{origin}" for m in c.matching)
    assert set(statuses) == {"valid", "covered", "invalid-origin", "not-found"}, statuses


def test_loading_releases_the_gil() -> None:
    """A Python thread keeps running while a big dump loads: its longest
    pause is a small part of the load (it would be all of it with the GIL held)."""
    parts = []
    for i in range(120_000):
        parts.append(f"route: 10.{i >> 8 & 255}.{i & 255}.0/24\norigin: AS{64512 + i % 1000}\nsource: SYN\n\n")
    dump = "".join(parts).encode()
    stop = threading.Event()
    max_gap = 0.0
    spins = 0

    def spin() -> None:
        nonlocal max_gap, spins
        last = time.perf_counter()
        while not stop.is_set():
            now = time.perf_counter()
            max_gap = max(max_gap, now - last)
            last = now
            spins += 1

    t = threading.Thread(target=spin, daemon=True)
    t.start()
    time.sleep(0.05)
    t0 = time.perf_counter()
    db = IrrDb.from_text(dump)
    checks = db.check_routes([f"10.{i >> 8 & 255}.{i & 255}.0/25 AS{64512 + i % 1000}" for i in range(0, 120_000, 7)])
    elapsed = time.perf_counter() - t0
    stop.set()
    t.join()
    assert len(db) == 120_000 and {c.status for c in checks} == {"covered"}
    assert elapsed > 0.05, elapsed
    print(f"load+check {elapsed:.3f} s, longest pause of the other thread {max_gap:.3f} s")
    assert max_gap < elapsed * 0.6, (max_gap, elapsed)
