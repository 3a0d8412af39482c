"""Typed use of the public API, checked with `mypy --strict` by test_typing.py
(and run as a smoke test there too)."""

from __future__ import annotations

import ipaddress
from pathlib import Path

import routeguard
from routeguard import InvalidReason, RovState, ValidationResult, Vrp, VrpSet

CSV = "ASN,IP Prefix,Max Length,Trust Anchor\nAS64500,192.0.2.0/24,24,ripe\n"


def states(s: VrpSet, routes: list[tuple[str | ipaddress.IPv4Network, int | str | None]]) -> list[str]:
    results: list[ValidationResult] = s.validate_many(routes)
    return [str(r.state) for r in results]


def describe(r: ValidationResult) -> str:
    reason: InvalidReason | None = r.reason
    covering: list[Vrp] = r.covering
    origin: int | None = r.origin
    return f"{r.prefix} {origin} {r.state} {reason} {len(covering)}"


def irr_usage(s: VrpSet) -> None:
    db: routeguard.IrrDb = routeguard.IrrDb.from_text(
        "route: 192.0.2.0/24\norigin: AS64500\nsource: TEST\n", source="TEST"
    )
    c: routeguard.IrrCheck = db.check_route("192.0.2.0/24", "AS64500", s)
    assert c.status == "valid" and c.per_source == {"TEST": "valid"}
    advice: list[routeguard.IrrAdvice] = c.advice
    rpki: RovState | None = c.rpki
    print([a.code for a in advice], rpki, c.to_dict()["matching"], [m["origin"] for m in c.covering])
    checks: list[routeguard.IrrCheck] = db.check_routes(["192.0.2.0/24 AS64500", ("10.0.0.0/8", 1)])
    objs = db.lookup("192.0.2.0/24")
    print(len(checks), [o["class"] for o in objs], db.stats()["objects"], db.warnings, len(db))
    try:
        db.expand_as_set("AS-NOPE")
    except routeguard.IrrQueryError as e:
        print(e)
    try:
        routeguard.parse_rpsl("garbage")
    except routeguard.ParseError as e:
        print(e.line)


def main(tmp: Path | None = None) -> None:
    s: VrpSet = VrpSet.from_csv(CSV)
    n: int = len(s)
    assert n == 1
    for v in s:
        prefix: str = v.prefix
        max_length: int = v.max_length
        asn: int = v.asn
        ta: str | None = v.ta
        expires: int | None = v.expires
        print(prefix, max_length, asn, ta, expires)
    r = s.validate(ipaddress.ip_network("192.0.2.0/24"), "AS64500")
    assert r.state == RovState.VALID
    print(describe(r), states(s, [("192.0.2.0/24", 64500), (ipaddress.IPv4Network("10.0.0.0/8"), None)]))
    print(s.validate_many([["192.0.2.0/24", 1]]))
    if tmp is not None:
        path = tmp / "vrps.csv"
        path.write_text(CSV)
        s2 = VrpSet.from_file(path, format="csv", strict=False)
        warnings: list[routeguard.LoadWarning] = s2.warnings
        print(len(s2), warnings, s2.format, s2.skipped, s2.generated)
    try:
        VrpSet.from_text("x,y\n", "csv")
    except routeguard.ParseError as e:
        line: int = e.line
        print(line, e.column, e.kind)
    except routeguard.RouteguardError:
        pass
    irr_usage(s)
    aspas: list[routeguard.Aspa] = s.aspas
    keys: list[routeguard.RouterKey] = s.router_keys
    print(aspas, keys, routeguard.parse_prefix("10.0.0.0/8"), routeguard.parse_asn("AS1"), routeguard.__version__)


if __name__ == "__main__":
    main()
