"""routeguard.spark on a real Spark (local mode, two cores): the answers of
the CLI (`routeguard validate`, `path check`, `manrs observatory`) on the
examples/ data, the Python API's on synthetic tables (a few million routes
for `validate`) and on a real one (observatory; ROUTEGUARD_DATA), nulls, bad rows, bad columns, and one load per worker.

Needs PySpark (`pip install 'routeguard[spark]'`) and Java; without them
the tests skip, except under CI=true, where they fail. The CLI comparisons
need the `routeguard` binary (ROUTEGUARD_CLI, PATH, or target/release).
"""

from __future__ import annotations

import csv
import gzip
import importlib.util
import io
import os
import random
import shutil
import subprocess
import sys
from collections import Counter
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from conftest import REPO, in_ci

import routeguard
from routeguard import Dataset, VrpSet

EXAMPLES = REPO / "examples"
VRPS = EXAMPLES / "vrps.json"
ASREL = EXAMPLES / "asrel.txt"
MANRS = EXAMPLES / "manrs"
# Real data (ROUTEGUARD_DATA), as in test_dataset.py and test_manrs.py.
RIS = "bgp/text/ris-rrc06_bview.20100701.0759.bgpdump-m.txt.gz"
SNAPSHOT = "vrps/rpki-client_josephine_2025-07-20T093133Z.json.bz2"
ASREL_2018 = "asrel/20180101.as-rel.txt.xz"


def _skip(msg: str) -> None:
    if in_ci():
        pytest.fail(msg)
    pytest.skip(msg)


def _java() -> str | None:
    home = os.environ.get("JAVA_HOME")
    if home and (Path(home) / "bin" / "java").is_file():
        return str(Path(home) / "bin" / "java")
    return shutil.which("java")


@pytest.fixture(scope="module")
def spark() -> Iterator[Any]:
    missing = [m for m in ("pyspark", "pyarrow", "pandas") if importlib.util.find_spec(m) is None]
    if missing:
        _skip(f"{', '.join(missing)} not installed: pip install 'routeguard[spark]'")
    if _java() is None:
        _skip("no Java runtime for Spark (Debian: apt-get install default-jre-headless)")
    from pyspark.sql import SparkSession  # type: ignore[import-not-found, unused-ignore]

    # The Python workers run this interpreter (its venv has routeguard).
    os.environ["PYSPARK_PYTHON"] = sys.executable
    session = (
        SparkSession.builder.master("local[2]")
        .appName("routeguard-tests")
        .config("spark.ui.enabled", "false")
        .config("spark.ui.showConsoleProgress", "false")
        .config("spark.sql.shuffle.partitions", "4")
        .config("spark.default.parallelism", "2")
        .config("spark.driver.host", "127.0.0.1")
        .config("spark.driver.bindAddress", "127.0.0.1")
        .config("spark.pyspark.python", sys.executable)
        .config("spark.sql.session.timeZone", "UTC")
        .getOrCreate()
    )
    session.sparkContext.setLogLevel("ERROR")
    yield session
    session.stop()


@pytest.fixture(scope="module")
def rgs(spark: Any) -> Any:
    from routeguard import spark as module

    return module


@pytest.fixture(scope="module")
def cli() -> Path:
    env = os.environ.get("ROUTEGUARD_CLI")
    candidates = [Path(env)] if env else []
    found = shutil.which("routeguard")
    if found:
        candidates.append(Path(found))
    target = Path(os.environ.get("CARGO_TARGET_DIR", REPO / "target"))
    candidates += [target / "release" / "routeguard", target / "debug" / "routeguard"]
    for c in candidates:
        if c.is_file():
            return c
    _skip("no routeguard CLI binary (set ROUTEGUARD_CLI, or cargo build --release -p routeguard-cli)")
    raise AssertionError("unreachable")


def _run(cli: Path, args: list[str], stdin: str = "") -> str:
    p = subprocess.run([str(cli), "-q", *args], input=stdin, capture_output=True, text=True, timeout=120, check=False)
    assert p.returncode == 0, p.stderr
    return p.stdout


def _words(cells: list[str]) -> list[str | None]:
    return [None if w == "-" else w for w in cells]


# --- the CLI's answers on examples/ ------------------------------------------


def test_validate_is_the_cli(spark: Any, rgs: Any, cli: Path) -> None:
    """Every route of examples/routes.txt (plus one whose path ends in an
    AS_SET: no origin) gets the state `routeguard validate` prints."""
    text = EXAMPLES.joinpath("routes.txt").read_text() + "192.0.2.0/24 64497 {64500,64501}\n"
    out = list(csv.reader(io.StringIO(_run(cli, ["validate", "--vrps", str(VRPS), "--format", "csv"], text))))
    assert len(out) == 11 and out[-1][:3] == ["192.0.2.0/24", "", "invalid"]
    # The routes as the CLI read them: prefix and origin (empty: none).
    rows = [(i, r[0], routeguard.parse_asn(r[1]) if r[1] else None) for i, r in enumerate(out)]
    df = spark.createDataFrame(rows, "id int, prefix string, origin long")
    got = {r.id: r.rov for r in rgs.validate(df, vrps=VRPS).collect()}
    assert [got[i] for i in range(len(out))] == [r[2] for r in out]
    assert {r[2] for r in out} == {"valid", "invalid", "not-found"}


def _path_rows() -> list[tuple[int, str, str, int | None]]:
    """examples/paths.txt as (id, prefix, path, neighbour): a bgpdump -m
    line's peer AS is the neighbour, as for the CLI."""
    rows: list[tuple[int, str, str, int | None]] = []
    for line in EXAMPLES.joinpath("paths.txt").read_text().splitlines():
        if not line or line.startswith("#"):
            continue
        if "|" in line:
            f = line.split("|")
            rows.append((len(rows), f[5], f[6], int(f[4])))
        else:
            prefix, path = line.split(None, 1)
            rows.append((len(rows), prefix, path, None))
    return rows


@pytest.mark.parametrize(
    "files",
    [
        {"vrps": VRPS, "aspa": VRPS, "asrel": ASREL},
        {"vrps": VRPS},
        {"aspa": VRPS},
        {},
    ],
    ids=["vrps-aspa-asrel", "vrps", "aspa", "bogons-only"],
)
def test_check_is_the_cli(spark: Any, rgs: Any, cli: Path, files: dict[str, Path]) -> None:
    """examples/paths.txt through `routeguard path check`: the same four
    words per route, null where the CLI prints `-`."""
    args = ["path", "check"] + [a for k, v in files.items() for a in (f"--{k}", str(v))]
    out = list(csv.reader(io.StringIO(_run(cli, args, EXAMPLES.joinpath("paths.txt").read_text()))))
    rows = _path_rows()
    assert len(out) == len(rows) == 8
    df = spark.createDataFrame(rows, "id int, prefix string, path string, peer long")
    result = rgs.check(df, neighbor_col="peer", **files)
    assert result.columns == ["id", "prefix", "path", "peer", "rov", "aspa", "bogon", "leak"]
    got = {r.id: (r.rov, r.aspa, r.bogon, r.leak) for r in result.collect()}
    assert [got[i] for i in range(len(rows))] == [tuple(_words(r[2:])) for r in out]


def test_check_paths_as_arrays(spark: Any, rgs: Any) -> None:
    """A path column of integer arrays gives what the same path as text
    gives (paths with an AS_SET have no array form)."""
    rows = [(i, p, [int(a) for a in path.split()], n) for i, p, path, n in _path_rows() if "{" not in path]
    df = spark.createDataFrame(rows, "id int, prefix string, path array<long>, peer long")
    text = spark.createDataFrame([(i, p, " ".join(map(str, a)), n) for i, p, a, n in rows], "id int, prefix string, path string, peer long")
    files = {"vrps": VRPS, "aspa": VRPS, "asrel": ASREL}
    by_array = sorted(tuple(r) for r in rgs.check(df, neighbor_col="peer", **files).drop("path").collect())
    by_text = sorted(tuple(r) for r in rgs.check(text, neighbor_col="peer", **files).drop("path").collect())
    assert by_array == by_text and len(by_array) == 7


def _observatory_csv(text: str) -> list[tuple[Any, ...]]:
    """The CLI's observatory CSV as typed rows (empty cells None)."""
    reader = csv.reader(io.StringIO(text))
    header = next(reader)
    assert header == [
        "asn", "routes", "m7irr", "m7rpki", "rpki_valid", "rpki_invalid", "rpki_not_found",
        "irr_registered", "m3", "m4", "caida_action1", "caida_action4",
    ]  # fmt: skip
    kinds = [int, int, float, float, int, int, int, int, int, int, bool, bool]

    def cell(kind: Any, v: str) -> Any:
        if v == "":
            return None
        return v == "true" if kind is bool else kind(v)

    return [tuple(cell(k, v) for k, v in zip(kinds, row)) for row in reader]


def _api_rows(rows: list[routeguard.ObservatoryRow]) -> list[tuple[Any, ...]]:
    return [
        (r.asn, r.routes, r.m7irr, r.m7rpki, r.rpki_valid, r.rpki_invalid, r.rpki_not_found,
         r.irr_registered, r.m3, r.m4, r.caida_action1, r.caida_action4)
        for r in rows
    ]  # fmt: skip


def test_observatory_is_the_cli(spark: Any, rgs: Any, cli: Path) -> None:
    """The ExampleNet updates (examples/manrs/routes.txt) through `routeguard
    manrs observatory`: the same rows, in the same (ASN) order."""
    files = ["--vrps", str(MANRS / "vrps.json"), "--irr", str(MANRS / "irr.rpsl"), "--asrel", str(MANRS / "asrel.txt")]
    expected = _observatory_csv(_run(cli, ["manrs", "observatory", "--routes", str(MANRS / "routes.txt"), *files]))
    assert len(expected) == 7
    # The announcements of the bgpdump -m lines (withdrawals do not take a
    # route out of the observatory's table).
    lines = [line.split("|") for line in MANRS.joinpath("routes.txt").read_text().splitlines()]
    rows = [(f[5], f[6]) for f in lines if len(f) > 6 and f[2] == "A"]
    df = spark.createDataFrame(rows, "prefix string, path string")
    result = rgs.observatory(df, vrps=MANRS / "vrps.json", irr=[MANRS / "irr.rpsl"], asrel=MANRS / "asrel.txt")
    assert result.columns[:3] == ["asn", "routes", "m7irr"] and len(result.columns) == 12
    assert [tuple(r) for r in result.collect()] == expected
    # ... and the Python API on the same routes.
    ds = Dataset(vrps=MANRS / "vrps.json", irr=[MANRS / "irr.rpsl"], asrel=MANRS / "asrel.txt")
    assert _api_rows(ds.manrs_observatory([f"{p} {path}" for p, path in rows])) == expected


# --- synthetic tables against the Python API -------------------------------


def _synthetic_world(tmp: Path, rng: random.Random) -> tuple[dict[str, Path], list[tuple[str, str]]]:
    """A small Internet: 3 tier-1s, 20 transits, 300 stubs; VRPs, route
    objects and AS relationships; routes seen by collectors peering with
    tier-1s, transits and (only) a few stubs, through bogon ASNs now and
    then, some ending in an AS_SET."""
    tier1 = [100, 101, 102]
    transit = list(range(200, 220))
    stubs = list(range(1000, 1300))
    direct = set(stubs[:6])  # seen only from a collector peering with them
    providers: dict[int, list[int]] = {}
    rel = [f"{a}|{b}|0" for a in tier1 for b in tier1 if a < b]
    for t in transit:
        providers[t] = rng.sample(tier1, rng.randint(1, 2))
    for s in stubs:
        providers[s] = rng.sample(transit, rng.randint(1, 2))
    rel += [f"{p}|{c}|-1" for c, ps in providers.items() for p in ps]
    rel += [f"{a}|{a + 1}|0" for a in transit[::4]]
    prefixes: dict[int, list[str]] = {}
    n = 0
    for asn in tier1 + transit + stubs:
        prefixes[asn] = []
        for _ in range(rng.randint(1, 3)):
            n += 1
            prefixes[asn].append(f"{20 + n // 250}.{n % 250}.0.0/16")
    prefixes[stubs[10]].append("10.9.0.0/16")  # a bogon prefix (M3)
    vrps = ["ASN,IP Prefix,Max Length,Trust Anchor"]
    irr = []
    for asn, ps in prefixes.items():
        for p in ps:
            roll = rng.random()
            if roll < 0.6:
                vrps.append(f"AS{asn},{p},16,test")
            elif roll < 0.7:
                vrps.append(f"AS{asn + 7},{p},16,test")  # RPKI invalid
            if rng.random() < 0.5:
                irr.append(f"route: {p}\norigin: AS{asn}\nmnt-by: TEST-MNT\nsource: TEST\n")
    files = {"vrps": tmp / "vrps.csv", "irr": tmp / "irr.rpsl", "asrel": tmp / "as-rel.txt"}
    files["vrps"].write_text("\n".join(vrps) + "\n")
    files["irr"].write_text("\n".join(irr))
    files["asrel"].write_text("\n".join(rel) + "\n")

    def up(asn: int) -> list[int]:
        """A chain from a tier-1 down to ``asn``."""
        if asn in tier1:
            return [asn]
        return up(rng.choice(providers[asn])) + [asn]

    routes: list[tuple[str, str]] = []
    for asn, ps in prefixes.items():
        for p in ps:
            if asn in direct:
                routes.append((p, str(asn)))
                continue
            for _ in range(rng.randint(1, 5)):
                chain = up(asn)
                if rng.random() < 0.3:
                    chain = [rng.choice(tier1)] + chain if chain[0] != 100 else chain
                if len(chain) > 2 and rng.random() < 0.05:
                    chain.insert(len(chain) - 1, 64512 + rng.randint(0, 9))  # a private ASN (M4)
                if rng.random() < 0.1:
                    chain.insert(1, chain[0])  # prepending
                path = " ".join(map(str, chain))
                if rng.random() < 0.01:
                    path += " {65000,65001}"
                routes.append((p, path))
    return files, routes


def test_observatory_is_the_api_on_a_synthetic_internet(spark: Any, rgs: Any, tmp_path: Path) -> None:
    """Every AS's row over the routes through it equals its row over the
    whole table (`Dataset.manrs_observatory` on every route at once), also
    where the table says more than the AS's own routes do: M4 (a bogon ASN
    right of a transit AS) and CAIDA Action 1 (its customers' routes)."""
    files, routes = _synthetic_world(tmp_path, random.Random(14))
    ds = Dataset(vrps=files["vrps"], irr=[("TEST", files["irr"])], asrel=files["asrel"])
    lines = [f"{p} {path}" for p, path in routes]
    expected = _api_rows(ds.manrs_observatory(lines))
    df = spark.createDataFrame(routes, "prefix string, path string").repartition(3)
    got = [tuple(r) for r in rgs.observatory(df, vrps=files["vrps"], irr=[("TEST", files["irr"])], asrel=files["asrel"]).collect()]
    assert got == expected
    assert len(got) == 323
    # The table matters beyond each AS's own routes: a transit's M4 and
    # Action 1 come from routes others originate, and a stub seen only
    # directly (no path of two ASes through it) is judged on Action 1
    # because the table has paths.
    by_asn = {r[0]: r for r in got}
    own = {
        asn: _api_rows(ds.manrs_observatory([l for l in lines if l.split()[-1] == str(asn)]))[0]
        for asn in (200, 201, 202, 203, 1000)
    }
    assert any(by_asn[a][9] > own[a][9] for a in own)  # M4
    assert any(by_asn[a][10] != own[a][10] for a in own if a != 1000)  # Action 1
    assert own[1000][10] is None and by_asn[1000][10] is True
    assert {r[10] for r in got} == {True, False} and sum(r[9] for r in got) > 0 and sum(r[8] for r in got) == 1


def test_observatory_is_the_api_on_a_real_table(spark: Any, rgs: Any, data_file: Callable[[str], Path]) -> None:
    """The routes of RIS rrc06's 2010 table whose prefixes start with 20
    (131k, seen by two peers), read by Spark, with a 2025 VRP
    snapshot and CAIDA's 2018 relationships: the rows of
    `Dataset.manrs_observatory` over the same routes at once."""
    from pyspark.sql import functions as F  # type: ignore[import-not-found, unused-ignore]

    vrps, asrel, ris = data_file(SNAPSHOT), data_file(ASREL_2018), data_file(RIS)
    with gzip.open(ris, "rt") as f:
        fields = [r for r in (line.split("|") for line in f) if len(r) > 6 and r[2] == "B"]
    routes = [f"{r[5]} {r[6]}" for r in fields if r[5].startswith("20")]
    assert len(routes) == 130_801
    expected = _api_rows(Dataset(vrps=vrps, asrel=asrel).manrs_observatory(routes))
    cells = F.split("value", "[|]")
    table = (
        spark.read.text(str(ris))
        .where((F.size(cells) > 6) & (cells[2] == "B") & cells[5].startswith("20"))
        .select(cells[5].alias("prefix"), cells[6].alias("path"))
        .repartition(4)  # the gzip file is one partition
    )
    got = [tuple(r) for r in rgs.observatory(table, vrps=vrps, asrel=asrel).collect()]
    assert len(got) > 3_000 and got == expected
    assert {r[10] for r in got} == {True, False}


def _synthetic_vrps(path: Path, rng: random.Random) -> list[tuple[int, int, int, int]]:
    """20,000 IPv4 VRPs (and 1,000 IPv6) as a CSV file; the IPv4 ones as
    (index, address, length, asn)."""
    v4 = []
    lines = ["ASN,IP Prefix,Max Length,Trust Anchor"]
    for i in range(20_000):
        length = rng.randint(16, 24)
        addr = rng.randrange(1 << 24, 224 << 24) >> (32 - length) << (32 - length)
        asn = rng.randint(1, 400_000)
        v4.append((i, addr, length, asn))
        a = addr.to_bytes(4, "big")
        lines.append(f"AS{asn},{a[0]}.{a[1]}.{a[2]}.{a[3]}/{length},{min(32, length + rng.randint(0, 4))},test")
    for i in range(1_000):
        lines.append(f"AS{i + 1},2a0{i % 10}:{i:x}::/32,48,test")
    path.write_text("\n".join(lines) + "\n")
    return v4


def test_validate_millions_of_routes(spark: Any, rgs: Any, tmp_path: Path) -> None:
    """Three million routes made in Spark from 20,000 VRPs (their prefixes
    and more-specifics, with their origins, others, none, and prefixes no
    VRP covers, IPv6 too): nothing lost or doubled, and a sample of 3,009
    states is the Python API's."""
    from pyspark.sql import functions as F  # type: ignore[import-not-found, unused-ignore]

    vrp_file = tmp_path / "vrps.csv"
    v4 = _synthetic_vrps(vrp_file, random.Random(6811))
    n = 3_000_000
    vrps = spark.createDataFrame(v4, "idx long, addr long, len int, asn long")
    routes = (
        spark.range(n, numPartitions=8)
        .selectExpr("id", f"(id * 7919) % {len(v4)} AS idx")
        .join(F.broadcast(vrps), "idx")
        .selectExpr("id", "idx", "asn", "len", "addr", "CAST(id % 5 AS INT) AS extra")  # more-specific by 0-4 bits
        .selectExpr(
            "id", "idx", "asn",
            "CASE WHEN id % 10 = 9 THEN 24 ELSE len + extra END AS plen",
            "CASE WHEN id % 10 = 9 THEN shiftleft(1 + (id * 2654435761) % (223 * 65536), 8)"
            " ELSE addr + shiftleft((id DIV 5) % shiftleft(1L, extra), 32 - len - extra) END AS a",
        )  # fmt: skip
        .selectExpr(
            "id",
            "CASE WHEN id % 10 = 8 THEN format_string('2a0%d:%x:%x::/48', idx % 10, idx % 1000, id % 65536)"
            " ELSE concat_ws('.', CAST(shiftright(a, 24) % 256 AS STRING), CAST(shiftright(a, 16) % 256 AS STRING),"
            " CAST(shiftright(a, 8) % 256 AS STRING), CAST(a % 256 AS STRING)) || '/' || CAST(plen AS STRING) END AS prefix",
            "CASE id % 4 WHEN 0 THEN asn WHEN 1 THEN asn + 1 WHEN 2 THEN (id * 7) % 400000 + 1 END AS origin",
        )
    )
    result = rgs.validate(routes, vrps=vrp_file)
    # One pass: counts per state, checks of the ids, the sample.
    words = ("valid", "invalid", "not-found")
    row = result.agg(
        F.count("*").alias("n"),
        F.count("rov").alias("words"),
        F.sum("id").alias("ids"),
        F.sum(F.col("id") * F.col("id")).alias("squares"),
        *[F.count_if(F.col("rov") == w).alias(w) for w in words],
        F.collect_list(F.when(F.col("id") % 997 == 7, F.struct("id", "prefix", "origin", "rov"))).alias("sample"),
    ).first()
    assert (row.n, row.words) == (n, n)  # no null state
    assert (row.ids, row.squares) == (sum(range(n)), sum(i * i for i in range(n)))  # each id once
    counts = {w: row[w] for w in words}
    assert sum(counts.values()) == n and min(counts.values()) > n // 20, counts
    sample = sorted(row.sample, key=lambda r: r.id)
    assert [r.id for r in sample] == list(range(7, n, 997))
    api = VrpSet.from_file(vrp_file).validate_many([(r.prefix, r.origin) for r in sample])
    assert [r.rov for r in sample] == [a.state.value for a in api]
    assert set(Counter(r.rov for r in sample)) == set(words)


# --- nulls, bad rows, bad columns ------------------------------------------


def test_nulls(spark: Any, rgs: Any) -> None:
    """A null prefix (or path) gives null words; a null origin is a route
    without one (its path ends in an AS_SET); a null neighbour checks no
    neighbour. Observatory rows without prefix or path are no routes."""
    df = spark.createDataFrame(
        [(1, "192.0.2.0/24", 64496), (2, None, 64496), (3, "192.0.2.0/24", None), (4, None, None)],
        "id int, prefix string, origin long",
    )
    got = {r.id: r.rov for r in rgs.validate(df, vrps=VRPS).collect()}
    ds = Dataset(vrps=VRPS)
    none = ds.validate("192.0.2.0/24", None)
    assert none is not None
    assert got == {1: "valid", 2: None, 3: none.state.value, 4: None} and got[3] == "invalid"
    paths = spark.createDataFrame(
        [(1, "192.0.2.0/24", "64497 64496", None), (2, None, "64497 64496", 64497), (3, "192.0.2.0/24", None, 64497),
         (4, "192.0.2.0/24", "64499 64496", 64499)],
        "id int, prefix string, path string, peer long",
    )  # fmt: skip
    checked = {r.id: tuple(r)[4:] for r in rgs.check(paths, vrps=VRPS, aspa=VRPS, neighbor_col="peer").collect()}
    assert checked[2] == checked[3] == (None, None, None, None)
    assert checked[1] == ("valid", "valid", "bogon-prefix", None)
    v = ds.check("192.0.2.0/24", "64499 64496", 64499)
    assert checked[4] == (v.rov, v.aspa, v.bogon_word, None)
    # A batch of nulls only, and an empty frame.
    assert [r.rov for r in rgs.validate(df.where("prefix is null"), vrps=VRPS).collect()] == [None, None]
    assert rgs.validate(df.where("id > 9"), vrps=VRPS).count() == 0
    rows = [("11.0.0.0/16", "3000 1000"), (None, "3000 1000"), ("12.0.0.0/24", None), ("12.0.0.0/24", "4000 1000")]
    obs = spark.createDataFrame(rows, "prefix string, path string")
    clean = obs.dropna()
    files = {"vrps": MANRS / "vrps.json", "asrel": MANRS / "asrel.txt"}
    assert rgs.observatory(obs, **files).collect() == rgs.observatory(clean, **files).collect()
    assert [r.asn for r in rgs.observatory(obs, **files).collect()] == [1000]


def test_bad_rows_fail_the_job_or_become_null(spark: Any, rgs: Any) -> None:
    from pyspark.errors import PythonException  # type: ignore[import-not-found, unused-ignore]

    df = spark.createDataFrame([(1, "192.0.2.0/24", 64496), (2, "192.0.2.1/24", 64496)], "id int, prefix string, origin long")
    with pytest.raises(PythonException, match=r"bad row \(prefix='192.0.2.1/24', origin=64496\).*host-bits-set"):
        rgs.validate(df, vrps=VRPS).collect()
    assert sorted(tuple(r) for r in rgs.validate(df, vrps=VRPS, on_error="null").collect()) == [
        (1, "192.0.2.0/24", 64496, "valid"),
        (2, "192.0.2.1/24", 64496, None),
    ]
    # relaxed: host bits cleared, as `routeguard validate --relaxed`.
    assert {r.rov for r in rgs.validate(df, vrps=VRPS, relaxed=True).collect()} == {"valid"}
    big = spark.createDataFrame([(1, "192.0.2.0/24", 1 << 33)], "id int, prefix string, origin long")
    with pytest.raises(PythonException, match="invalid AS number"):
        rgs.validate(big, vrps=VRPS).collect()
    paths = spark.createDataFrame([(1, "192.0.2.0/24", "64497 64496"), (2, "192.0.2.0/24", "64497 x")], "id int, prefix string, path string")
    with pytest.raises(PythonException, match=r"bad row \(prefix='192.0.2.0/24', path='64497 x'\)"):
        rgs.check(paths, vrps=VRPS).collect()
    nulled = {r.id: r.bogon for r in rgs.check(paths, vrps=VRPS, on_error="null").collect()}
    assert nulled == {1: "bogon-prefix", 2: None}
    routes = spark.createDataFrame([("11.0.0.0/16", "3000 1000"), ("11.0.0.0/33", "3000 1000")], "prefix string, path string")
    with pytest.raises(PythonException, match=r"bad row \(prefix='11.0.0.0/33'.*on_error='skip'"):
        rgs.observatory(routes, vrps=MANRS / "vrps.json").collect()
    assert [r.routes for r in rgs.observatory(routes, vrps=MANRS / "vrps.json", on_error="skip").collect()] == [1]


def test_bad_columns_and_files_raise_at_the_call(spark: Any, rgs: Any, tmp_path: Path) -> None:
    df = spark.createDataFrame([("192.0.2.0/24", 64496, "64496")], "prefix string, asn long, path string")
    with pytest.raises(ValueError, match=r"has no column 'origin' \(columns: 'prefix', 'asn', 'path'\); pass origin_col="):
        rgs.validate(df, vrps=VRPS)
    assert rgs.validate(df, vrps=VRPS, origin_col="asn").columns == ["prefix", "asn", "path", "rov"]
    assert rgs.validate(df, vrps=VRPS, origin_col="ASN", prefix_col="Prefix").first().rov == "valid"
    with pytest.raises(TypeError, match="column 'path' must hold AS numbers as integers"):
        rgs.validate(df, vrps=VRPS, origin_col="path")
    with pytest.raises(TypeError, match="column 'asn' must be a string column, not bigint"):
        rgs.validate(df, vrps=VRPS, prefix_col="asn", origin_col="asn")
    with pytest.raises(ValueError, match="already has a column 'path'"):
        rgs.validate(df, vrps=VRPS, origin_col="asn", out_col="path")
    with pytest.raises(ValueError, match="on_error must be one of"):
        rgs.validate(df, vrps=VRPS, origin_col="asn", on_error="skip")
    with pytest.raises(ValueError, match="has no column 'as_path'"):
        rgs.check(df, vrps=VRPS, path_col="as_path")
    with pytest.raises(TypeError, match="column 'asn' must hold AS paths"):
        rgs.check(df, vrps=VRPS, path_col="asn")
    with pytest.raises(ValueError, match="has no column 'route'"):
        rgs.observatory(df, prefix_col="route")
    # Files: errors at the call, before any job.
    with pytest.raises(OSError):
        rgs.validate(df, vrps=tmp_path / "missing.json", origin_col="asn")
    bad = tmp_path / "bad.csv"
    bad.write_text("ASN,IP Prefix,Max Length,Trust Anchor\nAS1,192.0.2.0/33,33,x\n")
    with pytest.raises(routeguard.ParseError):
        rgs.validate(df, vrps=bad, origin_col="asn")
    with pytest.raises(routeguard.ParseError):
        rgs.check(df, vrps=bad)


def test_loaded_once_per_worker_and_again_when_the_file_changes(spark: Any, rgs: Any, tmp_path: Path) -> None:
    """Many tasks and batches, one load per Python worker process; a file
    rewritten between two jobs is read again."""
    import pyarrow as pa  # type: ignore[import-untyped, unused-ignore]

    vrp_file = tmp_path / "vrps.csv"
    vrp_file.write_text("ASN,IP Prefix,Max Length,Trust Anchor\nAS64496,192.0.2.0/24,24,x\n")
    df = spark.range(20_000, numPartitions=16).selectExpr("id", "'192.0.2.0/24' as prefix", "64496L as origin")
    spark.conf.set("spark.sql.execution.arrow.maxRecordsPerBatch", "100")
    try:
        assert {r.rov for r in rgs.validate(df, vrps=vrp_file).select("rov").distinct().collect()} == {"valid"}
    finally:
        spark.conf.unset("spark.sql.execution.arrow.maxRecordsPerBatch")
    key = str(vrp_file)

    def probe(batches: Iterator[Any]) -> Iterator[Any]:
        from routeguard import spark as module

        loads = sum(n for (kind, args), n in module._LOADS.items() if dict(args).get("vrps") == key)
        for _ in batches:
            pass
        yield pa.RecordBatch.from_pydict({"pid": [os.getpid()], "loads": [loads]})

    seen = spark.range(64, numPartitions=16).mapInArrow(probe, "pid long, loads long").collect()
    per_pid = {r.pid: r.loads for r in seen}
    # Loaded, once per worker: the probe ran in the workers of the job
    # (local[2]: two at a time, reused from task to task).
    assert max(per_pid.values()) == 1 and sum(per_pid.values()) <= 2, per_pid
    # The same path with other contents: read again.
    vrp_file.write_text("ASN,IP Prefix,Max Length,Trust Anchor\nAS64511,192.0.2.0/24,24,x\n")
    assert {r.rov for r in rgs.validate(df.limit(10), vrps=vrp_file).collect()} == {"invalid"}


def test_importing_the_module_does_not_import_pyspark() -> None:
    code = "import sys, routeguard.spark as s; print('pyspark' in sys.modules, 'pyarrow' in sys.modules, s.__all__)"
    p = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60, check=True)
    assert p.stdout.strip() == "False False ['check', 'observatory', 'validate']"
