"""The MANRS evaluation from Python: `Dataset.manrs_check` and
`Dataset.manrs_observatory` (and `routeguard.manrs`) on a small world built
here (each rule fires, does not fire at its boundary, or is not evaluated
without its data), every route input form, the renderers and remedy files,
the errors; then real data (PeeringDB pages, the RIS table, pfx2as with the
full VRP snapshot, MRT updates against their bgpdump text), skipped when the
data is missing unless CI=true."""

from __future__ import annotations

import gzip
import json
import struct
import threading
import time
from collections.abc import Callable
from pathlib import Path

import pytest

import routeguard
from routeguard import Dataset, ManrsError, ManrsReport, ModelError, MrtError, ParseError, manrs

# The world (as core/tests/manrs.rs): operator AS1000; its provider AS3000,
# peer AS4000, customers AS2000 and AS2200; AS2100 a customer of AS2000.
# Public numbers and prefixes: documentation ones are bogons.
ASREL = "3000|1000|-1\n1000|4000|0\n1000|2000|-1\n1000|2200|-1\n2000|2100|-1\n"
OP = 1000


def vrps(*rows: tuple[str, int, int]) -> str:
    return "ASN,IP Prefix,Max Length,Trust Anchor\n" + "".join(f"AS{a},{p},{m},ripe\n" for p, m, a in rows)


def lines(*routes: str) -> str:
    return "".join(r + "\n" for r in routes)


def subjects(r: ManrsReport, rule: str) -> list[str]:
    outcome = r.outcome(rule)
    assert outcome is not None and outcome.evaluated, f"{rule}: {outcome!r}"
    return [f.subject for f in r.findings_of(rule)]


def reason(r: ManrsReport, rule: str) -> str:
    outcome = r.outcome(rule)
    assert outcome is not None and not outcome.evaluated and outcome.findings is None
    assert outcome.reason is not None
    return outcome.reason


# --- rules on the small world ---------------------------------------------


def test_own_rpki_invalid_fires_beyond_maxlength_only() -> None:
    routes = lines("11.0.0.0/24 3000 1000", "11.0.0.0/16 3000 1000")
    ds = Dataset.from_text(vrps=vrps(("11.0.0.0/16", 16, OP)))
    r = ds.manrs_check(OP, routes)
    assert subjects(r, "filtering/own-rpki-invalid") == ["11.0.0.0/24 AS1000"]
    (f,) = r.findings_of("filtering/own-rpki-invalid")
    assert (f.rule, f.action, f.severity) == ("filtering/own-rpki-invalid", "filtering", "error")
    assert (f.prefix, f.asn, f.max_length, f.interface, f.seen) == ("11.0.0.0/24", 1000, None, None, [])
    assert "RPKI: invalid (length)" in f.evidence
    assert any("11.0.0.0/16-16 AS1000" in e for e in f.evidence)
    assert "maxLength 24" in f.remedy and f.message
    assert str(f).startswith("error [filtering/own-rpki-invalid] 11.0.0.0/24 AS1000: ")
    assert not r.conformant
    assert r.routes == {"own": 2, "customer": 0, "seen": 2}
    assert r.asns == [1000] and r.customers == [] and r.as_set is None
    # maxLength 24: both routes valid.
    ok = Dataset.from_text(vrps=vrps(("11.0.0.0/16", 24, OP))).manrs_check("AS1000", routes)
    assert subjects(ok, "filtering/own-rpki-invalid") == []
    assert ok.metrics.rpki == {"valid": 2, "invalid": 0, "not_found": 0}
    # No VRPs: not evaluated (never passed), and the action has no verdict.
    none = Dataset().manrs_check([OP], routes)
    assert "--vrps" in reason(none, "filtering/own-rpki-invalid")
    action = none.action("global-validation")
    assert action is not None and action.conformant is None and action.score is None
    assert none.metrics.m7rpki is None and none.metrics.rpki is None


def test_customer_rules_need_a_customer_right_of_the_operator() -> None:
    ds = Dataset.from_text(vrps=vrps(("12.0.0.0/24", 24, 2100)), asrel=ASREL)
    routes = [
        "12.0.0.0/24 3000 1000 2000",  # from customer 2000, origin 2000: invalid
        "12.0.0.0/24 3000 1000 4000",  # from the peer: not a customer route
        "12.0.0.0/24 1000 3000 5000",  # from the provider
        "12.0.0.0/24 3000 1000 2000 2100",  # valid
    ]
    r = ds.manrs_check(OP, routes)
    assert subjects(r, "filtering/customer-rpki-invalid") == ["12.0.0.0/24 AS2000"]
    assert r.metrics.customer_routes == 2 and r.metrics.caida_action1 is False
    filtering = r.action("filtering")
    assert filtering is not None and filtering.conformant is False and filtering.number == 1
    # customers= makes the peer a customer too.
    r = ds.manrs_check(OP, routes, customers=["AS4000"])
    assert r.customers == [4000]
    assert subjects(r, "filtering/customer-rpki-invalid") == ["12.0.0.0/24 AS2000", "12.0.0.0/24 AS4000"]
    # Bogon prefix or ASN right of the operator; a route leak (peer → provider).
    r = Dataset.from_text(asrel=ASREL).manrs_check(
        OP,
        lines(
            "10.1.0.0/16 3000 1000 2000",
            "16.0.0.0/24 3000 1000 2000 64512",
            "17.0.0.0/24 64512 1000 2000",
            "20.0.0.0/24 3000 1000 4000",
            "23.0.0.0/24 2000 1000 3000",
        ),
    )
    assert subjects(r, "filtering/customer-bogon") == ["10.1.0.0/16 AS2000", "16.0.0.0/24 AS64512"]
    assert subjects(r, "filtering/route-leak") == ["20.0.0.0/24 AS4000"]
    assert (r.metrics.m3c, r.metrics.m4c) == (1, 1)


def test_global_validation_metrics_remedies_and_files() -> None:
    ds = Dataset.from_text(
        vrps=vrps(("24.0.0.0/24", 24, OP), ("25.0.0.0/24", 24, 9999)),
        irr="route: 24.0.0.0/16\norigin: AS1000\nsource: RIPE\n",
    )
    r = manrs.check(
        ds,
        [OP],
        ["24.0.0.0/24 3000 1000", "24.0.1.0/24 3000 1000", "25.0.0.0/24 3000 1000", "26.0.0.0/24 3000 1000"],
    )
    assert subjects(r, "global-validation/irr-missing") == ["25.0.0.0/24 AS1000", "26.0.0.0/24 AS1000"]
    assert subjects(r, "global-validation/roa-missing") == ["24.0.1.0/24 AS1000", "26.0.0.0/24 AS1000"]
    m = r.metrics
    assert (m.own_routes, m.m7irr, m.m7rpki, m.registered_or_valid, m.caida_action4) == (4, 0.5, 0.0, 0.5, False)
    assert m.rpki == {"valid": 1, "invalid": 1, "not_found": 2} and m.irr_registered == 2
    # The metrics object has exactly the JSON report's metrics, key by key.
    doc = json.loads(r.to_json())
    for key, value in doc["metrics"].items():
        assert getattr(m, key) == value, key
    rem = r.remedies
    assert bool(rem)
    assert rem.route_objects == [("25.0.0.0/24", 1000), ("26.0.0.0/24", 1000)]
    assert [(x["prefix"], x["max_length"], x["asn"]) for x in rem.roas] == [
        ("24.0.1.0/24", 24, 1000),
        ("25.0.0.0/24", 24, 1000),
        ("26.0.0.0/24", 24, 1000),
    ]
    files = r.remedy_files()
    assert files == rem.files()
    assert {"route-objects.rpsl", "roas.csv", "roas.slurm.json", "README.txt"} <= set(files)
    assert b"AS1000,26.0.0.0/24,24," in files["roas.csv"]
    assert b"route:          25.0.0.0/24" in files["route-objects.rpsl"]
    slurm = json.loads(files["roas.slurm.json"])
    assert len(slurm["locallyAddedAssertions"]["prefixAssertions"]) == 3
    # Readiness labels follow the thresholds given.
    action = r.action("global-validation")
    assert action is not None and action.readiness == "lagging"
    lax = ds.manrs_check(OP, ["24.0.0.0/24 3000 1000"], thresholds={"ready": 0.0, "aspiring": 0.0})
    lax_action = lax.action("global-validation")
    assert lax_action is not None and lax_action.readiness == "ready"


def test_loose_maxlength_replaces_the_vrp() -> None:
    ds = Dataset.from_text(vrps=vrps(("32.0.0.0/16", 24, OP), ("34.0.0.0/24", 24, OP)))
    r = ds.manrs_check(OP, ["32.0.0.0/16 3000 1000", "34.0.0.0/24 3000 1000"])
    (f,) = r.findings_of("global-validation/roa-loose-maxlength")
    assert (f.subject, f.prefix, f.max_length, f.asn) == ("32.0.0.0/16-24 AS1000", "32.0.0.0/16", 24, 1000)
    (vrp,) = r.remedies.roas_to_replace
    assert (vrp.prefix, vrp.max_length, vrp.asn) == ("32.0.0.0/16", 24, 1000)


PDB_NET = {"id": 7, "asn": 1000, "name": "One", "org_id": 1, "irr_as_set": "RIPE::AS-ONE AS1000", "status": "ok"}
NOC = {"id": 1, "net_id": 7, "role": "NOC", "visible": "Public", "name": "noc", "email": "noc@one.example",
       "phone": "", "status": "ok"}


def page(*objs: dict[str, object]) -> str:
    return json.dumps({"data": list(objs), "meta": {}})


def test_peeringdb_pages_contacts_and_as_set(tmp_path: Path) -> None:
    routes = ["39.0.0.0/24 3000 1000 2200"]
    rpsl = "as-set: AS-ONE\nmembers: AS2000\nsource: RIPE\n\naut-num: AS1000\nas-name: ONE\nsource: RIPE\n"
    ds = Dataset.from_text(peeringdb=[page(PDB_NET), page(NOC)], irr=rpsl, asrel=ASREL)
    r = ds.manrs_check(OP, routes)
    assert subjects(r, "coordination/no-peeringdb") == []
    assert subjects(r, "coordination/no-peeringdb-contact") == []
    assert subjects(r, "coordination/peeringdb-as-set-unresolved") == []
    # PeeringDB's as-set is the customer as-set when none is given.
    assert r.as_set == "RIPE::AS-ONE" and r.remedies.as_set == "RIPE::AS-ONE"
    assert subjects(r, "global-validation/as-set-missing-customer") == ["AS2200"]
    assert r.remedies.as_set_members == [2200]
    # Given as_set wins; a set absent from the IRR makes the rule not evaluated.
    r = ds.manrs_check(OP, routes, as_set="AS-NOPE")
    assert r.as_set == "AS-NOPE" and "AS-NOPE" in reason(r, "global-validation/as-set-missing-customer")
    # A NOC contact nobody can see: fires. Pages as files, one path each.
    private = dict(NOC, visible="Private")
    (tmp_path / "net.json").write_text(page(PDB_NET))
    (tmp_path / "poc.json").write_text(page(private))
    ds = Dataset(peeringdb=[tmp_path / "net.json", str(tmp_path / "poc.json")])
    r = ds.manrs_check(OP, routes)
    assert subjects(r, "coordination/no-peeringdb-contact") == ["AS1000"]
    coordination = r.action("coordination")
    assert coordination is not None and coordination.conformant is False
    # Another network's record only: no-peeringdb, and nothing to say of contacts.
    r = Dataset.from_text(peeringdb=page(dict(PDB_NET, asn=1001))).manrs_check(OP, routes)
    assert subjects(r, "coordination/no-peeringdb") == ["AS1000"]
    assert "--peeringdb" in reason(Dataset().manrs_check(OP, routes), "coordination/no-peeringdb")


def test_sav_facts_and_spoofer() -> None:
    facts = json.dumps({"interfaces": [
        {"name": "xe-0/0/1", "device": "edge1", "customer_asn": 2000, "single_homed": True, "urpf": "strict"},
        {"name": "xe-0/0/3", "device": "edge1", "customer_asn": 2200, "single_homed": True, "urpf": "loose",
         "acl": ["40.0.0.0/25"], "prefixes": ["40.0.0.0/24"]},
        {"name": "xe-0/0/5", "single_homed": False, "urpf": "none"},
    ]})
    spoofer = (
        "timestamp,asn,client,private,routed\n"
        "2024-03-01T10:00:00Z,1000,42.0.0.0/24,blocked,received\n"
        "2024-03-02T10:00:00Z,1000,42.0.0.0/24,blocked,blocked\n"
    )
    r = Dataset.from_text(sav_facts=facts, spoofer=[spoofer]).manrs_check(OP, ["42.0.0.0/24 3000 1000"])
    (sav,) = r.findings_of("anti-spoofing/no-sav")
    assert (sav.subject, sav.interface, sav.asn, sav.prefix) == ("edge1 xe-0/0/3", ("edge1", "xe-0/0/3"), 2200, None)
    assert subjects(r, "anti-spoofing/spoofer-leak") == ["42.0.0.0/24"]
    m5 = r.metrics.m5
    assert m5 is not None and abs(m5 - 48.6) < 0.1
    action = r.action("anti-spoofing")
    assert action is not None and action.conformant is False and action.score == m5 and not action.required
    assert action.counts == {"error": 1, "warning": 1, "info": 0}


def test_incidents_from_timestamped_bgpdump_lines() -> None:
    jan1 = 1_704_067_200  # 2024-01-01T00:00:00Z
    events = []
    for start, length in [(0, 29 * 60), (86_400, 13 * 3600), (3 * 86_400, 25 * 3600)]:
        events.append(f"BGP4MP|{jan1 + start}|A|192.0.2.1|3000|36.0.1.0/24|3000 1000|IGP")
        events.append(f"BGP4MP|{jan1 + start + length}|W|192.0.2.1|3000|36.0.1.0/24")
    r = Dataset.from_text(vrps=vrps(("36.0.0.0/16", 16, OP))).manrs_check(OP, events)
    inc = [i for i in r.metrics.incidents if i["rule"] == "filtering/own-rpki-invalid"]
    assert inc == [{"rule": "filtering/own-rpki-invalid", "month": "2024-01", "count": 3, "score": 3.5}]
    (f,) = r.findings_of("filtering/own-rpki-invalid")
    assert f.seen[0] == (jan1, jan1 + 29 * 60) and len(f.seen) == 3


def test_no_data_passes_only_data_free_rules() -> None:
    r = Dataset().manrs_check(OP, "37.0.0.0/24 3000 1000\n")
    assert r.conformant and r.findings == []
    assert [o.rule for o in r.rules if o.evaluated] == ["filtering/own-bogon"]
    assert [o.rule for o in r.rules] == [x["rule"] for x in manrs.rules()]
    assert all("## Remedy" in o.doc and "## Why" in o.doc for o in r.rules)


# --- inputs, renderers, observatory ----------------------------------------

ROUTES = ["11.0.0.0/24 3000 1000", "11.0.0.0/16 3000 1000", "12.0.0.0/24 3000 1000 2000", "13.0.0.0/8 5000"]


def test_every_route_input_form_gives_the_same_report(tmp_path: Path) -> None:
    ds = Dataset.from_text(vrps=vrps(("11.0.0.0/16", 16, OP)), asrel=ASREL)
    text = lines(*ROUTES)
    (tmp_path / "routes.txt").write_text(text)
    (tmp_path / "routes.txt.gz").write_bytes(gzip.compress(text.encode()))
    (tmp_path / "a.txt").write_text(lines(*ROUTES[:2]))
    (tmp_path / "b.txt").write_text(lines(*ROUTES[2:]))
    forms: list[object] = [
        text,
        ROUTES,
        tuple(ROUTES),
        iter(ROUTES),
        str(tmp_path / "routes.txt"),
        tmp_path / "routes.txt",
        tmp_path / "routes.txt.gz",
        gzip.compress(text.encode()),
        bytearray(text.encode()),
        [tmp_path / "a.txt", tmp_path / "b.txt"],
    ]
    want = ds.manrs_check(OP, text).to_json()
    for form in forms:
        assert ds.manrs_check(OP, form).to_json() == want, form  # type: ignore[arg-type]
    report = ds.manrs_check(OP, text)
    # Routes not through the operator are not kept.
    assert report.routes == {"own": 2, "customer": 1, "seen": 3}


def test_renderers() -> None:
    ds = Dataset.from_text(vrps=vrps(("11.0.0.0/16", 16, OP)), asrel=ASREL)
    r = ds.manrs_check([OP, "AS1001"], ROUTES)
    doc = json.loads(r.to_json())
    assert doc["schema"] == manrs.SCHEMA == "routeguard-manrs/1"
    assert json.loads(manrs.JSON_SCHEMA)["properties"]["schema"]
    assert doc["operator"]["asns"] == ["AS1000", "AS1001"]
    assert [(f["rule"], f["prefix"], f["asn"]) for f in doc["findings"]] == [
        (f.rule, f.prefix, f"AS{f.asn}") for f in r.findings
    ]
    assert [a["conformant"] for a in doc["actions"]] == [a.conformant for a in r.actions]
    assert [x["reason"] for x in doc["rules"]] == [x.reason for x in r.rules]
    assert r.render("json") == r.to_json()
    assert r.to_text().startswith("MANRS check AS1000 AS1001: NOT CONFORMANT") and str(r) == r.to_text()
    assert r.to_markdown().startswith("#") and "filtering/own-rpki-invalid" in r.to_markdown()
    html = r.to_html()
    assert html.lstrip().lower().startswith("<!doctype html>")
    assert "<script src" not in html and "<link " not in html  # self-contained
    assert repr(r) == f"<ManrsReport AS1000 AS1001: not conformant, {len(r.findings)} findings>"
    with pytest.raises(ModelError):
        r.render("pdf")  # type: ignore[arg-type]
    with pytest.raises(ModelError):
        r.findings_of("filtering/nope")


def test_observatory_rows_csv_and_json() -> None:
    ds = Dataset.from_text(
        vrps=vrps(("11.0.0.0/16", 16, 1000), ("14.0.0.0/8", 8, 5000)),
        irr="route: 14.0.0.0/8\norigin: AS5000\nsource: RIPE\n",
        asrel=ASREL,
    )
    routes = ROUTES + ["14.0.0.0/8 3000 5000", "10.0.0.0/8 3000 5000", "15.0.0.0/8 3000 5000 64512"]
    rows = manrs.observatory(ds, routes)
    assert rows == ds.manrs_observatory(lines(*routes))
    by = {r.asn: r for r in rows}
    assert [r.asn for r in rows] == sorted(by) == [1000, 2000, 5000, 64512]
    one = by[1000]
    assert (one.routes, one.rpki_valid, one.rpki_invalid, one.rpki_not_found) == (2, 1, 1, 0)
    assert (one.m7rpki, one.irr_registered, one.m7irr, one.caida_action4) == (0.0, 0, 0.0, False)
    five = by[5000]
    assert (five.routes, five.m3, five.irr_registered, five.rpki_valid) == (3, 1, 1, 1)
    # AS5000 passed on the bogon AS64512.
    assert five.m4 == 1
    csv = manrs.observatory_csv(rows).splitlines()
    assert csv[0] == (
        "asn,routes,m7irr,m7rpki,rpki_valid,rpki_invalid,rpki_not_found,irr_registered,m3,m4,caida_action1,caida_action4"
    )
    assert csv[1].startswith("1000,2,0,0,1,1,0,0,0,0,") and len(csv) == 5
    doc = json.loads(manrs.observatory_json(rows))
    assert [d["asn"] for d in doc] == ["AS1000", "AS2000", "AS5000", "AS64512"]
    for d, row in zip(doc, rows):
        for key, value in d.items():
            if key != "asn":
                assert getattr(row, key) == value, key
    assert manrs.observatory_csv([]) == csv[0] + "\n"
    assert repr(one).startswith("<ObservatoryRow AS1000 routes=2")
    with pytest.raises(TypeError):
        manrs.observatory_csv([1, 2])  # type: ignore[list-item]


# --- errors ------------------------------------------------------------------


def mrt_cut_short() -> bytes:
    """A TABLE_DUMP_V2 PEER_INDEX_TABLE header announcing 100 bytes, then 10."""
    return struct.pack(">IHHI", 1_700_000_000, 13, 1, 100) + bytes(10)


def test_errors(tmp_path: Path) -> None:
    ds = Dataset()
    with pytest.raises(ManrsError) as no_op:
        ds.manrs_check([], ROUTES)
    assert isinstance(no_op.value, ValueError) and isinstance(no_op.value, routeguard.RouteguardError)
    assert (no_op.value.code, no_op.value.kind) == ("manrs-no-operator", "manrs")
    with pytest.raises(ModelError) as bad_asn:
        ds.manrs_check("ASX", ROUTES)
    assert bad_asn.value.code == "invalid-asn"
    with pytest.raises(TypeError):
        ds.manrs_check(1.5, ROUTES)  # type: ignore[arg-type]
    # A bad route line names the input and the line.
    with pytest.raises(ParseError) as bad_line:
        ds.manrs_check(OP, ["11.0.0.0/24 3000 1000", "11.0.0.1/24 3000 1000"])
    assert bad_line.value.line == 2 and str(bad_line.value).startswith("routes: line 2")
    (tmp_path / "r.txt").write_text("11.0.0.0/24 3000 1000\nnonsense\n")
    with pytest.raises(ParseError) as in_file:
        ds.manrs_check(OP, tmp_path / "r.txt")
    assert in_file.value.line == 2 and str(in_file.value).startswith(f"{tmp_path / 'r.txt'}: line 2")
    with pytest.raises(FileNotFoundError) as missing:
        ds.manrs_check(OP, "/nonexistent/rib.mrt")
    assert isinstance(missing.value, routeguard.RouteguardIoError)
    # An MRT file cut short: MrtError (a ParseError) with the record and offset.
    (tmp_path / "cut.mrt").write_bytes(mrt_cut_short())
    for routes in (mrt_cut_short(), tmp_path / "cut.mrt"):
        with pytest.raises(MrtError) as cut:
            ds.manrs_observatory(routes)
        assert isinstance(cut.value, ParseError)
        assert (cut.value.code, cut.value.record, cut.value.offset, cut.value.line) == ("truncated", 1, 0, 0)
        assert "MRT record 1 at byte 0: the input ends inside the record" in str(cut.value)
    assert str(cut.value).startswith(str(tmp_path / "cut.mrt"))
    # A PeeringDB page that is not JSON names the input and the line.
    with pytest.raises(ParseError) as pdb:
        Dataset.from_text(peeringdb=[page(PDB_NET), '{"data": [\n  {"id": 1,,}]}'])
    assert pdb.value.line == 2 and str(pdb.value).startswith("peeringdb[1]: line 2"), str(pdb.value)
    (tmp_path / "net.json").write_text("<html>rate limited</html>\n")
    with pytest.raises(ParseError) as pdb_file:
        Dataset(peeringdb=tmp_path / "net.json")
    assert pdb_file.value.line == 1 and str(pdb_file.value).startswith(f"{tmp_path / 'net.json'}: line 1")
    with pytest.raises(TypeError):
        ds.manrs_check(OP, ["11.0.0.0/24 1000", tmp_path / "r.txt"])
    with pytest.raises(TypeError):
        ds.manrs_check(OP, ROUTES, thresholds={"great": 1.0})  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        ds.manrs_check(OP, 42)  # type: ignore[arg-type]


# --- the GIL ----------------------------------------------------------------


def test_observatory_releases_the_gil(tmp_path: Path) -> None:
    """A Python thread keeps running while the core reads and scores a
    table (the call holds the GIL only to convert its arguments)."""
    path = tmp_path / "big.txt"
    with path.open("w") as f:
        for i in range(200_000):
            f.write(f"{(i >> 8) % 200 + 1}.{i & 255}.{(i >> 16) & 255}.0/24 3000 {64000 + i % 500 - 62000}\n")
    ds = Dataset.from_text(vrps=vrps(("11.0.0.0/16", 16, OP)))
    stop = threading.Event()
    ticks: list[float] = []

    def spin() -> None:
        while not stop.is_set():
            ticks.append(time.perf_counter())

    t = threading.Thread(target=spin, daemon=True)
    t.start()
    while not ticks:
        time.sleep(0.001)
    start = time.perf_counter()
    rows = ds.manrs_observatory(path)
    end = time.perf_counter()
    stop.set()
    t.join()
    assert len(rows) == 500
    during = [x for x in ticks if start <= x <= end]
    gaps = [b - a for a, b in zip(during, during[1:])]
    # Python's switch interval is 5 ms: with the GIL held for the whole
    # call, the thread would not run at all during it.
    assert len(during) > 100, (len(during), end - start)
    assert max(gaps, default=end - start) < (end - start) / 2


# --- real data ----------------------------------------------------------------

PDB_DIR = "peeringdb/peeringdb-plus/prod-anon"
SNAPSHOT = "vrps/rpki-client_josephine_2025-07-20T093133Z.json.bz2"
ASREL_2018 = "asrel/20180101.as-rel.txt.xz"
RIS = "bgp/text/ris-rrc06_bview.20100701.0759.bgpdump-m.txt.gz"
PFX2AS = "bgp/pfx2as/routeviews-rv2-20240406.pfx2as.gz"
UPDATES_MRT = "bgp/mrt/updates.20160811.1600.mrt.gz"
UPDATES_TEXT = "bgp/text/updates.20160811.1600.bgpdump-m.txt.gz"


def test_real_peeringdb_pages(data_file: Callable[[str], Path]) -> None:
    files = [data_file(f"{PDB_DIR}/{k}-page-{n}.json") for k in ("net", "poc", "org") for n in (1, 2)]
    ds = Dataset(peeringdb=files)
    nets: dict[int, int] = {}
    for f in files[:2]:
        nets.update({n["id"]: n["asn"] for n in json.loads(f.read_text())["data"]})
    with_contact: set[int] = set()
    for f in files[2:4]:
        for p in json.loads(f.read_text())["data"]:
            phone_digits = sum(c.isdigit() for c in p.get("phone") or "")
            if p.get("role") in ("NOC", "Technical") and ("@" in (p.get("email") or "") or phone_digits >= 5):
                with_contact.add(p["net_id"])
    r = ds.manrs_check(list(nets.values()) + [4_199_999_999], [])
    fired = {f.asn for f in r.findings_of("coordination/no-peeringdb-contact")}
    assert fired == {asn for net_id, asn in nets.items() if net_id not in with_contact}
    assert len(nets) - len(fired) == 20  # SOURCES: 20 nets have an operational contact
    assert [f.asn for f in r.findings_of("coordination/no-peeringdb")] == [4_199_999_999]


@pytest.fixture(scope="module")
def real(data_file: Callable[[str], Path]) -> Dataset:
    return Dataset(vrps=data_file(SNAPSHOT), asrel=data_file(ASREL_2018))


def test_real_operator_on_the_ris_table(real: Dataset, data_file: Callable[[str], Path]) -> None:
    me = 4788  # TM Net: originates routes and carries its customers'
    r = real.manrs_check(f"AS{me}", data_file(RIS))
    own: set[str] = set()
    with gzip.open(data_file(RIS), "rt") as f:
        for line in f:
            fields = line.split("|")
            path = fields[6].split() if len(fields) > 6 else []
            if path and path[-1] == str(me):
                own.add(fields[5])
    assert len(own) > 100 and r.metrics.own_routes == len(own)
    invalid = {p for p in own if (v := real.validate(p, me)) is not None and str(v.state) == "invalid"}
    assert {f.prefix for f in r.findings_of("filtering/own-rpki-invalid")} == invalid
    rpki = r.metrics.rpki
    assert rpki is not None and rpki["invalid"] == len(invalid) and rpki["valid"] + rpki["invalid"] + rpki["not_found"] == len(own)
    assert "--irr" in reason(r, "global-validation/irr-missing")
    assert json.loads(r.to_json())["routes"]["own"] == len(own)


def test_real_observatory_on_pfx2as(real: Dataset, data_file: Callable[[str], Path]) -> None:
    rows = real.manrs_observatory(data_file(PFX2AS))
    by_origin: dict[int, set[str]] = {}
    with gzip.open(data_file(PFX2AS), "rt") as f:
        for line in f:
            addr, length, origins = line.rstrip("\n").split("\t")
            for o in origins.split("_"):
                if "," not in o:
                    by_origin.setdefault(int(o), set()).add(f"{addr}/{length}")
    assert len(rows) == len(by_origin) == 75_693
    assert sum(r.routes for r in rows) == sum(len(v) for v in by_origin.values())
    for row in rows[::997]:
        prefixes = by_origin[row.asn]
        states = [str(v.state) for p in prefixes if (v := real.validate(p, row.asn)) is not None]
        assert (row.rpki_valid, row.rpki_invalid) == (states.count("valid"), states.count("invalid")), row
        assert row.caida_action4 == (states.count("valid") / len(prefixes) >= 0.9)
    csv = manrs.observatory_csv(rows)
    assert csv.count("\n") == len(rows) + 1


def test_real_mrt_updates_equal_their_bgpdump_text(data_file: Callable[[str], Path]) -> None:
    ds = Dataset()
    mrt = ds.manrs_observatory(data_file(UPDATES_MRT))
    text = ds.manrs_observatory(data_file(UPDATES_TEXT))
    assert len(mrt) == 317 and mrt == text  # distinct origins of the A lines
    # An operator of the file: the same report from MRT and from text.
    asn = max(mrt, key=lambda r: r.routes).asn
    assert ds.manrs_check(asn, data_file(UPDATES_MRT)).to_json() == ds.manrs_check(asn, data_file(UPDATES_TEXT)).to_json()
    # The MRT file cut short: MrtError naming the record and offset.
    raw = gzip.decompress(data_file(UPDATES_MRT).read_bytes())
    with pytest.raises(MrtError) as cut:
        ds.manrs_observatory(raw[: len(raw) // 2])
    assert cut.value.code == "truncated" and cut.value.record > 1 and 0 < cut.value.offset < len(raw) // 2
    assert str(cut.value).startswith(f"routes: MRT record {cut.value.record} at byte {cut.value.offset}: ")
