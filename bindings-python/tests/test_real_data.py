"""Real data from shared/data: the full rpki-client snapshot and a RouteViews
prefix-to-AS table. Skipped when the data is missing, failed under CI=true."""

from __future__ import annotations

import gzip
import random
from collections import Counter
from collections.abc import Callable
from pathlib import Path

import pytest
import routeguard
from routeguard import RovState, VrpSet

SNAPSHOT = "vrps/rpki-client_josephine_2025-07-20T093133Z.json.bz2"
PFX2AS = "bgp/pfx2as/routeviews-rv2-20240406.pfx2as.gz"


@pytest.fixture(scope="module")
def snapshot(data_file: Callable[[str], Path]) -> VrpSet:
    return VrpSet.from_file(data_file(SNAPSHOT))


@pytest.fixture(scope="module")
def pfx2as_routes(data_file: Callable[[str], Path]) -> list[tuple[str, int]]:
    """Every 10th route of the table whose origin is a single AS (~100k)."""
    routes = []
    with gzip.open(data_file(PFX2AS), "rt") as f:
        for i, line in enumerate(f):
            addr, length, asn = line.rstrip("\n").split("\t")
            if i % 10 == 0 and asn.isdigit():
                routes.append((f"{addr}/{length}", int(asn)))
    return routes


def test_snapshot_counts(snapshot: VrpSet) -> None:
    assert len(snapshot) == 723_521
    assert len(snapshot.aspas) == 100
    assert len(snapshot.router_keys) == 2
    families = Counter(":" in v.prefix for v in snapshot)
    assert families == {False: 580_366, True: 143_155}
    assert sum(1 for v in snapshot if v.asn == 0) == 2_419
    tas = Counter(v.ta for v in snapshot)
    assert tas == {"ripe": 300_988, "arin": 203_995, "apnic": 153_201, "lacnic": 39_011, "afrinic": 26_326}


def test_pfx2as_validate_many_matches_single_calls(snapshot: VrpSet, pfx2as_routes: list[tuple[str, int]]) -> None:
    routes = pfx2as_routes
    assert len(routes) > 95_000
    results = snapshot.validate_many(routes)
    assert len(results) == len(routes)
    assert [r.prefix for r in results[:1000]] == [p for p, _ in routes[:1000]]
    states = Counter(str(r.state) for r in results)
    # A real table has plenty of each state.
    assert states["valid"] > len(routes) // 4
    assert states["not-found"] > len(routes) // 10
    assert states["invalid"] > 100
    rng = random.Random(6811)
    for i in rng.sample(range(len(routes)), 3000):
        prefix, origin = routes[i]
        assert results[i] == snapshot.validate(prefix, origin), routes[i]
    # Every invalid has a reason, every other state none; covering VRPs cover.
    for r in results[:20_000]:
        assert (r.reason is not None) == (r.state == RovState.INVALID)
        assert (r.covering == []) == (r.state == RovState.NOT_FOUND)


def test_snapshot_spot_checks(snapshot: VrpSet) -> None:
    # 1.0.0.0/24 is Cloudflare's (AS13335) in every real snapshot.
    r = snapshot.validate("1.0.0.0/24", 13335)
    assert r.state == RovState.VALID
    assert all(v.asn == 13335 for v in r.covering)
    bad = snapshot.validate("1.0.0.0/24", "AS64496")
    assert bad.state == RovState.INVALID and bad.reason == routeguard.InvalidReason.AS
