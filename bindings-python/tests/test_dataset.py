"""routeguard.Dataset: everything loaded in one call of the core builder,
checked against the single-purpose classes (RouteChecker over the real RIS
table), the CLI's `path check`, and for sharing, errors and warnings."""

from __future__ import annotations

import bz2
import gzip
import itertools
import os
import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest

import routeguard
from routeguard import (
    AsRelations,
    AspaSet,
    Dataset,
    IrrDb,
    ParseError,
    RouteChecker,
    RouteguardIoError,
    SlurmError,
    VrpSet,
)

REPO = Path(__file__).resolve().parents[2]
FIXTURES = REPO / "core" / "tests" / "fixtures"
RIS = "bgp/text/ris-rrc06_bview.20100701.0759.bgpdump-m.txt.gz"
ASREL_2018 = "asrel/20180101.as-rel.txt.xz"
SNAPSHOT = "vrps/rpki-client_josephine_2025-07-20T093133Z.json.bz2"

# Real prefixes and ASes: documentation ones are bogons.
CSV = "ASN,IP Prefix,Max Length,Trust Anchor\nAS13335,1.1.1.0/24,24,apnic\nAS15169,8.8.8.0/22,24,arin\n"
RPSL = "route: 1.1.1.0/24\norigin: AS13335\nsource: TEST\n\nroute: 8.8.8.0/24\norigin: AS666\nsource: TEST\n"
ASREL = "3356|13335|-1\n3356|15169|-1\n174|3356|-1\n174|1299|0\n2914|3356|-1\n"


@pytest.fixture(scope="module")
def real(data_file: Callable[[str], Path]) -> Dataset:
    return Dataset(vrps=data_file(SNAPSHOT), asrel=data_file(ASREL_2018))


# --- the real RIS table --------------------------------------------------


def test_every_ris_route_as_route_checker_says(real: Dataset, data_file: Callable[[str], Path]) -> None:
    """ds.check on every route of the RIS rrc06 table (641,957 routes) is
    what a RouteChecker over the same files (loaded by the single-purpose
    loaders) says, column by column."""
    vrps = VrpSet.from_file(data_file(SNAPSHOT))
    checker = RouteChecker(
        vrps=vrps, aspa=AspaSet.from_vrpset(vrps), relations=AsRelations.from_file(data_file(ASREL_2018))
    )
    with gzip.open(data_file(RIS), "rt") as f:
        rows = [line.split("|") for line in f if line.count("|") > 6]
    routes = [(r[5], r[6]) for r in rows if r[2] == "B"]
    assert len(routes) > 600_000
    expected = checker.check_many(routes)
    got = [real.check(p, path) for p, path in routes]
    assert got == expected
    assert {str(v) for v in got} >= {"valid,unknown,ok,ok", "not-found,unknown,ok,leak"}
    # The columns the CLI prints, through both.
    assert [str(v) for v in got[:1000]] == [str(v) for v in expected[:1000]]
    # With the neighbour (the peer AS), as check_many with three items.
    sample = [(r[5], r[6], int(r[4])) for r in rows[:5000:7]]
    assert [real.check(*s) for s in sample] == checker.check_many(sample)


def _cli() -> Path | None:
    env = os.environ.get("ROUTEGUARD_CLI")
    if env:
        return Path(env)
    found = shutil.which("routeguard")
    if found:
        return Path(found)
    target = Path(os.environ.get("CARGO_TARGET_DIR", REPO / "target"))
    for profile in ("release", "debug"):
        exe = target / profile / "routeguard"
        if exe.is_file():
            return exe
    return None


def test_a_ris_sample_as_the_cli_says(real: Dataset, data_file: Callable[[str], Path]) -> None:
    """A sample of the RIS table through `routeguard path check --vrps V
    --aspa V --asrel R`: the same four words per route."""
    cli = _cli()
    if cli is None:
        pytest.skip("no routeguard CLI binary (set ROUTEGUARD_CLI)")
    with gzip.open(data_file(RIS), "rt") as f:
        rows = [line.split("|") for line in itertools.islice(f, 0, 300_000, 150)]
    text = "".join(f"{r[5]} {r[6]}\n" for r in rows)
    v = str(data_file(SNAPSHOT))
    out = subprocess.run(
        [str(cli), "path", "check", "-q", "--vrps", v, "--aspa", v, "--asrel", str(data_file(ASREL_2018))],
        input=text,
        capture_output=True,
        text=True,
        check=True,
        timeout=600,
    ).stdout.splitlines()
    assert len(out) == len(rows) == 2000
    for line, r in zip(out, rows):
        prefix, path, words = line.split(",", 2)
        assert (prefix, path) == (r[5], r[6])
        assert str(real.check(r[5], r[6])) == words


def test_real_parts_are_the_loaders(real: Dataset, data_file: Callable[[str], Path]) -> None:
    vrps = real.vrps
    assert vrps is not None and real.aspas is not None and real.relations is not None
    alone = VrpSet.from_file(data_file(SNAPSHOT))
    assert len(vrps) == len(alone) and vrps[0] == alone[0] and vrps[-1] == alone[-1]
    assert len(real.aspas) == len(AspaSet.from_vrpset(alone)) == 100
    assert real.format == vrps.format == "json"
    assert real.irr is None and real.warnings == []
    r = real.validate("1.1.1.0/24", 13335)
    assert r is not None and r == alone.validate("1.1.1.0/24", 13335)


# --- inputs ---------------------------------------------------------------


def test_gzip_file_named_json(tmp_path: Path, data_file: Callable[[str], Path]) -> None:
    """A gzip file called `.json` loads (content, not the name, decides)."""
    raw = bz2.decompress(data_file(SNAPSHOT).read_bytes())
    path = tmp_path / "vrps.json"
    path.write_bytes(gzip.compress(raw))
    ds = Dataset(vrps=path)
    assert ds.vrps is not None and len(ds.vrps) == len(VrpSet.from_file(data_file(SNAPSHOT)))
    # bytes are contents, compressed or not
    ds2 = Dataset(vrps=path.read_bytes())
    assert ds2.vrps is not None and len(ds2.vrps) == len(ds.vrps)


def test_paths_str_pathlike_bytes_and_text(tmp_path: Path) -> None:
    (tmp_path / "v.csv").write_text(CSV)
    (tmp_path / "r.db").write_text(RPSL)
    (tmp_path / "rel.txt").write_text(ASREL)
    (tmp_path / "bog.txt").write_text("# mine\n5.5.5.0/24\n")
    by_path = Dataset(
        vrps=tmp_path / "v.csv",
        irr=[str(tmp_path / "r.db")],
        asrel=str(tmp_path / "rel.txt"),
        bogons=[tmp_path / "bog.txt"],
    )
    by_bytes = Dataset(
        vrps=CSV.encode(), irr=[("TEST", bytearray(RPSL.encode()))], asrel=ASREL.encode(), bogons=[b"5.5.5.0/24\n"]
    )
    by_text = Dataset.from_text(vrps=CSV, irr=[("TEST", RPSL)], asrel=ASREL, bogons=["5.5.5.0/24\n"])
    for ds in (by_path, by_bytes, by_text):
        assert str(ds.check("1.1.1.0/24", "3356 13335")) == "valid,unknown,ok,ok"
        assert str(ds.check("8.8.8.0/24", "174 3356 15169")) == "valid,unknown,ok,ok"
        assert str(ds.check("8.8.8.0/24", "2914 3356 174 1299")) == "invalid,unknown,ok,leak"
        v = ds.check("5.5.5.0/24", "3356 13335")
        assert v.bogon_word == "bogon-prefix" and v.rejected
        c = ds.check_irr("1.1.1.0/24", "AS13335")
        assert c is not None and c.status == "valid"
        assert ds.irr is not None and ds.irr.sources == ["TEST"]
    # The bogon list is named by its path, or by its pair's name.
    f = by_path.check("5.5.5.0/24", "13335").bogon
    assert f is not None and "bog.txt" in str(f)
    named = Dataset.from_text(bogons=[("mine", "5.5.5.0/24\n")]).check("5.5.5.0/24", "13335").bogon
    assert named is not None and "mine" in str(named)
    # irr as one item rather than a list
    one = Dataset(irr=tmp_path / "r.db")
    assert one.irr is not None and len(one.irr) == 2


def test_with_only_some_inputs() -> None:
    ds = Dataset()
    assert ds.vrps is None and ds.irr is None and ds.aspas is None and ds.relations is None
    assert ds.format is None and ds.warnings == []
    assert str(ds.check("1.1.1.0/24", "13335")) == "-,-,ok,-"
    assert ds.check_irr("1.1.1.0/24", 13335) is None and ds.validate("1.1.1.0/24", 13335) is None
    assert ds.check("10.0.0.0/8", "64500").bogon_word == "bogon-prefix"


def test_slurm_applies() -> None:
    slurm = (
        '{"slurmVersion": 1, "validationOutputFilters": {"prefixFilters": '
        '[{"prefix": "1.1.1.0/24"}], "bgpsecFilters": []}, "locallyAddedAssertions": '
        '{"prefixAssertions": [{"asn": 64510, "prefix": "5.5.5.0/24"}], "bgpsecAssertions": []}}'
    )
    ds = Dataset.from_text(vrps=CSV, slurm=slurm)
    assert ds.vrps is not None and len(ds.vrps) == 2
    assert ds.check("1.1.1.0/24", "13335").rov == "not-found"
    assert ds.check("5.5.5.0/24", "64510").rov == "valid"


def test_check_irr_origin_forms() -> None:
    ds = Dataset.from_text(vrps=CSV, irr=RPSL)
    for origin in (13335, "AS13335", "3356 13335", [3356, 13335], routeguard.AsPath("3356 13335")):
        c = ds.check_irr("1.1.1.0/24", origin)
        assert c is not None and c.status == "valid" and c.origin == "AS13335"
    # With the VRPs, the RPKI view is part of the check.
    c = ds.check_irr("8.8.8.0/24", 666)
    assert c is not None and c.rpki is not None and str(c.rpki) == "invalid"
    # A path ending in an AS_SET has no origin: it matches no route object.
    for none in (None, "3356 {13335,15169}"):
        c = ds.check_irr("1.1.1.0/24", none)
        assert c is not None and c.origin is None and c.status != "valid"


# --- errors ----------------------------------------------------------------


def test_missing_file_is_an_oserror_naming_it(tmp_path: Path) -> None:
    missing = tmp_path / "nope.json"
    with pytest.raises(FileNotFoundError) as e:
        Dataset(vrps=missing)
    assert isinstance(e.value, RouteguardIoError) and e.value.filename == str(missing)
    assert "nope.json" in str(e.value)
    with pytest.raises(RouteguardIoError, match="gone.db"):
        Dataset(vrps=CSV.encode(), irr=[("X", tmp_path / "gone.db")])


def test_parse_errors_name_the_input(tmp_path: Path) -> None:
    bad = tmp_path / "bad.csv"
    bad.write_text(CSV + "AS13335,not-a-prefix,24,ripe\n")
    with pytest.raises(ParseError) as e:
        Dataset(vrps=bad, strict=True)
    assert e.value.line == 4 and str(e.value).startswith(f"{bad}: ")
    with pytest.raises(ParseError) as e2:
        Dataset.from_text(asrel="64500|64501|9\n", strict=True)
    assert e2.value.line == 1 and str(e2.value).startswith("asrel: ")
    with pytest.raises(SlurmError) as e3:
        Dataset.from_text(vrps=CSV, slurm='{"slurmVersion": 1,\n"x": [}')
    assert e3.value.line == 2 and "slurm: " in str(e3.value)
    # In-memory data that is not the compressed stream it claims to be.
    with pytest.raises(RouteguardIoError) as e4:
        Dataset(vrps=gzip.compress(CSV.encode())[:20])
    assert str(e4.value).startswith("vrps: ") and e4.value.code == "corrupt"
    with pytest.raises(TypeError):
        Dataset(vrps=1234)  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="unknown format"):
        Dataset.from_text(vrps=CSV, vrp_format="nope")


def test_strict_and_lenient_both_cover_payloads_and_irr() -> None:
    bad_csv = CSV + "AS13335,not-a-prefix,24,ripe\n"
    bad_rpsl = RPSL + "\nroute: 10.0.0.0/33\norigin: AS1\nsource: TEST\n"
    lenient = Dataset.from_text(vrps=bad_csv, irr=bad_rpsl)
    assert lenient.vrps is not None and len(lenient.vrps) == 2
    assert lenient.irr is not None and len(lenient.irr) == 2
    w = lenient.warnings
    assert len(w) == 2 and w[0].startswith("vrps: line 4") and w[1].startswith("irr: ")
    # The classes list their own input's warnings as they would alone.
    assert [x.line for x in lenient.vrps.warnings] == [4] and lenient.vrps.skipped == 1
    assert len(lenient.irr.warnings) == 1 and "10.0.0.0/33" in lenient.irr.warnings[0]
    alone = IrrDb.from_text(bad_rpsl)
    assert lenient.irr.warnings == alone.warnings
    with pytest.raises(ParseError):
        Dataset.from_text(vrps=bad_csv, strict=True)
    with pytest.raises(ParseError, match="^irr: "):
        Dataset.from_text(irr=bad_rpsl, strict=True)


# --- sharing ---------------------------------------------------------------


def test_parts_are_shared_not_copied(real: Dataset) -> None:
    """The same object each time, and the classes answer from the
    dataset's own index."""
    assert real.vrps is real.vrps and real.aspas is real.aspas and real.relations is real.relations
    assert real.bogons is real.bogons
    vrps, aspas, rel = real.vrps, real.aspas, real.relations
    assert vrps is not None and aspas is not None and rel is not None
    c = RouteChecker(vrps=vrps, aspa=aspas, relations=rel)
    for p, path in [("1.1.1.0/24", "3356 13335"), ("8.8.8.0/24", "174 15169"), ("1.1.1.0/24", "3356 666")]:
        assert c.check(p, path) == real.check(p, path)
        assert vrps.validate(p, path.split()[-1]) == real.validate(p, path.split()[-1])


def test_no_second_index_in_memory(data_file: Callable[[str], Path]) -> None:
    """Asking for ds.vrps many times costs no memory: nothing is copied
    or re-indexed (RSS grows by less than one copy of the set)."""
    resource = pytest.importorskip("resource")
    ds = Dataset(vrps=data_file(SNAPSHOT))
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    kept = [ds.vrps for _ in range(50)]
    after = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    assert all(k is kept[0] for k in kept)
    # One copy of ~750k VRPs with an index is well over 20 MB (KiB here).
    assert after - before < 20_000


def test_bogons_added_later_are_the_handles_own() -> None:
    ds = Dataset()
    b = ds.bogons
    b.add_list("mine", ["5.5.5.0/24"])
    assert b.first("5.5.5.0/24", "13335") is not None
    assert ds.check("5.5.5.0/24", "13335").bogon_word == "ok"
    assert RouteChecker(bogons=b).check("5.5.5.0/24", "13335").bogon_word == "bogon-prefix"


def test_repr() -> None:
    assert repr(Dataset.from_text(vrps=CSV, irr=RPSL, asrel=ASREL)) == (
        "<Dataset 2 VRPs, 0 ASPAs, 2 IRR objects, 5 AS relationships>"
    )
