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


def manrs_usage() -> None:
    from routeguard import manrs

    vrps = "ASN,IP Prefix,Max Length,Trust Anchor\nAS1000,11.0.0.0/16,16,ripe\n"
    page = '{"data": [{"id": 7, "asn": 1000, "name": "One", "irr_as_set": "AS-ONE", "status": "ok"}]}'
    ds = routeguard.Dataset.from_text(vrps=vrps, asrel="3000|1000|-1\n", peeringdb=[page], spoofer=None)
    report: manrs.Report = ds.manrs_check(
        [1000, "AS1001"], ["11.0.0.0/24 3000 1000"], as_set=None, customers=(2000,), thresholds={"ready": 80.0}
    )
    conformant: bool = report.conformant
    findings: list[routeguard.ManrsFinding] = report.findings
    for f in findings:
        asn: int | None = f.asn
        prefix: str | None = f.prefix
        evidence: list[str] = f.evidence
        print(f.rule, f.action, f.severity, f.subject, asn, prefix, f.message, evidence, f.remedy, f.seen)
    for o in report.rules:
        why: str | None = o.reason
        print(o.rule, o.evaluated, o.findings, why)
    for a in report.actions:
        score: float | None = a.score
        print(a.action, a.number, a.conformant, score, a.readiness, a.counts["error"])
    m: manrs.Metrics = report.metrics
    m7: float | None = m.m7rpki
    rpki = m.rpki
    print(m7, m.m7irr, m.m3, m.m4, rpki["valid"] if rpki else None, [i["score"] for i in m.incidents])
    files: dict[str, bytes] = report.remedy_files()
    texts: list[str] = [report.to_json(), report.to_markdown(), report.to_html(), report.to_text()]
    print(conformant, sorted(files), [len(t) for t in texts], report.routes["own"], report.remedies.roas)
    rows: list[manrs.ObservatoryRow] = manrs.observatory(ds, "11.0.0.0/24 3000 1000\n")
    csv: str = manrs.observatory_csv(rows)
    share: float | None = rows[0].m7rpki
    print(csv, manrs.observatory_json(rows), share, [r["rule"] for r in manrs.rules()], manrs.SCHEMA)
    try:
        ds.manrs_check([], [])
    except manrs.ManrsError as e:
        print(e.code)
    except routeguard.MrtError as e:
        record: int = e.record
        print(record, e.offset)


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


def path_usage() -> None:
    p = routeguard.AsPath("64500 64501 {64502,64503}")
    segments: list[tuple[str, list[int]]] = [(k, v) for k, v in p.segments]
    compressed: list[int] | None = routeguard.AsPath.from_asns([64500, "AS64501"]).compressed()
    print(p.origin, p.neighbor, p.length, p.has_set, p.is_empty, p.asns, segments, compressed, p.dedup_prepends())
    aspa = routeguard.AspaSet([(64500, [64510]), (64501, [0])])
    r: routeguard.AspaResult = aspa.verify([64510, 64500], "upstream", neighbor=64510, role="peer")
    hop: tuple[int, int, str] | None = r.deciding
    print(r.verdict, r.reason, r.path, r.max_up_ramp, r.min_down_ramp, hop, r.deciding_down, r.direction, r.neighbor)
    verdicts = aspa.verify_many(["64510 64500"], "downstream")
    words: list[str] = [str(w) for w in verdicts]
    print(words, aspa.providers(64500), aspa.authorized(64500, 64510), aspa.items(), len(aspa), 64500 in aspa)
    print(routeguard.verify_upstream(aspa, "64510 64500"), routeguard.verify_downstream(aspa, [64510]))
    b = routeguard.Bogons(max_path_len=None)
    b.add_list("mine", ["203.0.113.0/24"])
    f: routeguard.BogonFinding | None = b.first("10.0.0.0/8", "64500")
    findings: list[routeguard.BogonFinding] = b.check_route("10.0.0.0/8", p)
    print(f, findings, b.check_prefix("10.0.0.0/8"), b.check_asn(0), b.lists, b.max_v4_len, b.is_bogon_prefix("10.0.0.0/8"))
    rows = routeguard.special_purpose(4)
    print(rows[0]["block"], rows[0]["globally_reachable"], routeguard.bogon_asn_ranges()[0]["first"])
    rel = routeguard.AsRelations.from_text("64500|64501|-1\n")
    lr: routeguard.LeakResult = routeguard.detect_leaks(rel, "64500 64501", receiver=64502)
    leaks: list[routeguard.Leak] = lr.leaks
    print(lr.state, [(x.leaker, x.type, x.kind, x.learned_from, x.sent_to) for x in leaks], lr.missing, lr.set_undecided)
    print(rel.relationship(64500, 64501), rel.providers_of(64501), rel.clique, len(rel), rel.leak_states([p]))
    print(routeguard.leak_state(rel, "64500 64501"))
    otc: routeguard.OtcVerdict = routeguard.otc_ingress("customer", 64500)
    print(otc.leak, otc.otc, routeguard.otc_egress("provider", 64501, otc.otc))
    checker = routeguard.RouteChecker(aspa=aspa, relations=rel, bogons=b, direction="downstream", receiver=64999)
    v: routeguard.RouteVerdict = checker.check("192.0.2.0/24", "64510 64500", 64510)
    out: list[routeguard.RouteVerdict] = checker.check_many([("192.0.2.0/24", [64510, 64500]), ("192.0.2.0/24", "64510", 64510)])
    out += checker.check_lines("192.0.2.0/24 64510 64500\n")
    print(v.rov, v.aspa, v.bogon, v.bogon_word, v.leak, v.rejected, v.prefix, v.path, v.neighbor, len(out))


def dataset_usage(tmp: Path | None) -> None:
    ds: routeguard.Dataset = routeguard.Dataset.from_text(
        vrps=CSV,
        irr=[("TEST", "route: 192.0.2.0/24\norigin: AS64500\nsource: TEST\n")],
        asrel="64501|64500|-1\n",
        bogons=[("mine", "198.18.0.0/15\n")],
    )
    v: routeguard.RouteVerdict = ds.check("192.0.2.0/24", "64501 64500")
    assert v.rov == "valid"
    c: routeguard.IrrCheck | None = ds.check_irr("192.0.2.0/24", "64501 64500")
    r: ValidationResult | None = ds.validate("192.0.2.0/24", 64500)
    vrps: VrpSet | None = ds.vrps
    irr: routeguard.IrrDb | None = ds.irr
    aspas: routeguard.AspaSet | None = ds.aspas
    rel: routeguard.AsRelations | None = ds.relations
    bogons: routeguard.Bogons = ds.bogons
    warnings: list[str] = ds.warnings
    fmt: str | None = ds.format
    print(c, r, vrps, irr, aspas, rel, bogons, warnings, fmt)
    if tmp is not None:
        path = tmp / "ds.csv"
        path.write_text(CSV)
        ds2 = routeguard.Dataset(vrps=path, irr=[], bogons=[b"192.0.2.0/24\n"], strict=True, vrp_format="csv")
        print(ds2.check("192.0.2.0/24", [64500]).rov)


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
    path_usage()
    dataset_usage(tmp)
    manrs_usage()
    aspas: list[routeguard.Aspa] = s.aspas
    keys: list[routeguard.RouterKey] = s.router_keys
    print(aspas, keys, routeguard.parse_prefix("10.0.0.0/8"), routeguard.parse_asn("AS1"), routeguard.__version__)


if __name__ == "__main__":
    main()
