"""RFC 6811 origin validation through the bindings."""

from __future__ import annotations

import ipaddress
from typing import Any

import pytest
import routeguard
from conftest import ROUTINATOR_CSV
from routeguard import InvalidReason, RovState, Vrp, VrpSet


@pytest.fixture(scope="module")
def vrps() -> VrpSet:
    return VrpSet.from_csv(ROUTINATOR_CSV)


def test_valid(vrps: VrpSet) -> None:
    r = vrps.validate("192.0.2.0/24", 64500)
    assert r.state == RovState.VALID
    assert str(r.state) == "valid"
    assert r.reason is None
    assert r.covering == [Vrp("192.0.2.0/24", 24, 64500, "ripe")]
    assert (r.prefix, r.origin) == ("192.0.2.0/24", 64500)


def test_invalid_as(vrps: VrpSet) -> None:
    r = vrps.validate("192.0.2.0/24", 64999)
    assert r.state == RovState.INVALID
    assert str(r.state) == "invalid"
    assert r.reason == InvalidReason.AS
    assert str(r.reason) == "as"
    assert [v.asn for v in r.covering] == [64500]


def test_invalid_length(vrps: VrpSet) -> None:
    r = vrps.validate("198.51.100.0/25", 64501)
    assert r.state == RovState.INVALID
    assert r.reason == InvalidReason.LENGTH
    assert str(r.reason) == "length"
    assert [v.prefix for v in r.covering] == ["198.51.100.0/22"]
    assert vrps.validate("198.51.100.0/24", 64501).state == RovState.VALID


def test_not_found(vrps: VrpSet) -> None:
    r = vrps.validate("10.0.0.0/8", 64500)
    assert r.state == RovState.NOT_FOUND
    assert str(r.state) == "not-found"
    assert r.reason is None and r.covering == []
    # A less specific than the VRP is not covered.
    assert vrps.validate("192.0.0.0/16", 64500).state == RovState.NOT_FOUND


def test_as0_covers_but_never_matches(vrps: VrpSet) -> None:
    for origin in (0, 64500, "AS0"):
        r = vrps.validate("203.0.113.0/24", origin)
        assert r.state == RovState.INVALID
        assert r.reason == InvalidReason.AS
        assert [v.asn for v in r.covering] == [0]


def test_none_origin_means_no_origin(vrps: VrpSet) -> None:
    r = vrps.validate("192.0.2.0/24", None)
    assert r.state == RovState.INVALID
    assert r.reason == InvalidReason.AS
    assert r.origin is None
    assert vrps.validate("10.0.0.0/8", None).state == RovState.NOT_FOUND


def test_ipaddress_inputs(vrps: VrpSet) -> None:
    assert vrps.validate(ipaddress.ip_network("192.0.2.0/24"), 64500).state == RovState.VALID
    assert vrps.validate(ipaddress.IPv6Network("2001:db8:1::/48"), 64502).state == RovState.VALID
    assert vrps.validate(ipaddress.IPv6Network("2001:db8:1::/49"), 64502).reason == InvalidReason.LENGTH
    with pytest.raises(TypeError, match="prefix must be"):
        vrps.validate(ipaddress.ip_address("192.0.2.1"), 64500)  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="prefix must be"):
        vrps.validate(b"192.0.2.0/24", 64500)  # type: ignore[arg-type]


def test_origin_forms(vrps: VrpSet) -> None:
    for origin in (64500, "AS64500", "as64500", "64500", "0.64500"):
        assert vrps.validate("192.0.2.0/24", origin).state == RovState.VALID, origin
    for bad in ("AS-64500", " 64500", "4294967296", -1, 2**32):
        with pytest.raises(routeguard.ModelError) as info:
            vrps.validate("192.0.2.0/24", bad)
        assert "invalid AS number" in str(info.value)
    with pytest.raises(TypeError):
        vrps.validate("192.0.2.0/24", True)
    with pytest.raises(TypeError):
        vrps.validate("192.0.2.0/24", 64500.0)  # type: ignore[arg-type]
    assert vrps.validate("192.0.2.0/24", " AS64500 ", relaxed=True).state == RovState.VALID


def test_strict_prefixes_by_default(vrps: VrpSet) -> None:
    with pytest.raises(routeguard.ModelError) as info:
        vrps.validate("192.0.2.1/24", 64500)
    # The message is the core error's Display.
    assert str(info.value) == "192.0.2.1/24 has host bits set (the network is 192.0.2.0/24)"
    assert isinstance(info.value, ValueError)
    assert info.value.kind == "model"
    for bad in ("192.0.2.0", "192.0.2.0/33", "300.0.0.0/8", "", " 192.0.2.0/24"):
        with pytest.raises(routeguard.ModelError):
            vrps.validate(bad, 64500)
    r = vrps.validate("192.0.2.1/24", 64500, relaxed=True)
    assert r.prefix == "192.0.2.0/24" and r.state == RovState.VALID
    assert vrps.validate("192.0.2.1", 64500, relaxed=True).prefix == "192.0.2.1/32"


def test_parse_helpers() -> None:
    assert routeguard.parse_prefix("2001:DB8::/32") == "2001:db8::/32"
    assert routeguard.parse_prefix(ipaddress.ip_network("10.0.0.0/8")) == "10.0.0.0/8"
    assert routeguard.parse_prefix("10.1.2.3/8", relaxed=True) == "10.0.0.0/8"
    with pytest.raises(routeguard.ModelError, match="host bits"):
        routeguard.parse_prefix("10.1.2.3/8")
    assert routeguard.parse_asn("AS1.10") == 65546
    assert routeguard.parse_asn(4294967295) == 4294967295
    with pytest.raises(routeguard.ModelError):
        routeguard.parse_asn("ASX")


def test_state_and_reason_enums() -> None:
    assert [str(s) for s in (RovState.VALID, RovState.INVALID, RovState.NOT_FOUND)] == ["valid", "invalid", "not-found"]
    assert RovState.NOT_FOUND.value == "not-found"
    assert repr(RovState.NOT_FOUND) == "RovState.NOT_FOUND"
    assert RovState.VALID != RovState.INVALID
    assert len({RovState.VALID, RovState.VALID, RovState.INVALID}) == 2
    assert [str(r) for r in (InvalidReason.AS, InvalidReason.LENGTH)] == ["as", "length"]
    assert InvalidReason.LENGTH.value == "length"


def test_result_repr(vrps: VrpSet) -> None:
    r = vrps.validate("198.51.100.0/25", "AS64501")
    assert repr(r) == (
        "ValidationResult(prefix='198.51.100.0/25', origin=64501, state=RovState.INVALID, "
        "reason=InvalidReason.LENGTH, covering=[Vrp(prefix='198.51.100.0/22', max_length=24, "
        "asn=64501, ta='arin', expires=None)])"
    )
    assert repr(vrps.validate("10.0.0.0/8", None)).endswith("origin=None, state=RovState.NOT_FOUND, reason=None, covering=[])")


ROUTES: list[Any] = [
    ("192.0.2.0/24", 64500),
    ("192.0.2.0/24", "AS64999"),
    ("198.51.100.0/25", 64501),
    ("10.0.0.0/8", 1),
    ("203.0.113.0/24", 0),
    ("192.0.2.128/25", None),
    (ipaddress.ip_network("2001:db8::/48"), "64502"),
    ["2001:db8::/64", 64502],
]


def test_validate_many_equals_one_by_one(vrps: VrpSet) -> None:
    many = vrps.validate_many(ROUTES)
    one = [vrps.validate(p, o) for p, o in ROUTES]
    assert many == one
    assert [str(r.state) for r in many] == [
        "valid", "invalid", "invalid", "not-found", "invalid", "invalid", "valid", "invalid",
    ]
    # Any iterable works, including a generator.
    assert vrps.validate_many(r for r in ROUTES) == one
    assert vrps.validate_many([]) == []


def test_validate_many_errors(vrps: VrpSet) -> None:
    with pytest.raises(routeguard.ModelError, match="host bits"):
        vrps.validate_many([("192.0.2.0/24", 1), ("192.0.2.1/24", 1)])
    assert vrps.validate_many([("192.0.2.1/24", 64500)], relaxed=True)[0].state == RovState.VALID
    with pytest.raises(TypeError, match="pair"):
        vrps.validate_many([("192.0.2.0/24",)])  # type: ignore[list-item]
    with pytest.raises(TypeError, match="pair"):
        vrps.validate_many(["192.0.2.0/24"])  # type: ignore[list-item]
    with pytest.raises(TypeError):
        vrps.validate_many(42)  # type: ignore[arg-type]


def test_validate_many_returns_a_list_and_restores_gc(vrps: VrpSet) -> None:
    import gc

    assert gc.isenabled()
    out = vrps.validate_many(ROUTES)
    assert isinstance(out, list) and len(out) == len(ROUTES)
    assert gc.isenabled()
    gc.disable()
    try:
        vrps.validate_many(ROUTES)
        assert not gc.isenabled()
    finally:
        gc.enable()
    # An error half-way leaves the collector as it was too.
    with pytest.raises(routeguard.ModelError):
        vrps.validate_many([*ROUTES, ("x", 1)])
    assert gc.isenabled()
