"""Batch calls over Arrow columns (`Dataset.validate_arrow`, `check_irr_arrow`,
`check_arrow`) agree with the one-route calls (`validate`, `check_irr`,
`check`) and `validate_many`, for pyarrow, Polars and pandas inputs.

Skipped (with the reason) when pyarrow, Polars or pandas is missing; under
CI=true a missing package fails."""

from __future__ import annotations

import gzip
import importlib
import ipaddress
import random
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import pytest
import routeguard
from conftest import in_ci
from routeguard import Dataset

REPO = Path(__file__).resolve().parents[2]
EXAMPLES = REPO / "examples"


def _need(name: str) -> Any:
    """The module `name`; skips (fails under CI=true) when it is missing."""
    try:
        return importlib.import_module(name)
    except ImportError:
        msg = f"{name} is not installed (pip install {name}; scripts/setup.sh installs it)"
        if in_ci():
            pytest.fail(msg)
        pytest.skip(msg, allow_module_level=True)


pa = _need("pyarrow")


def _routes() -> list[tuple[str | None, int | None]]:
    """The sample routes plus nulls, AS0, 32-bit ASNs and more-specifics."""
    out: list[tuple[str | None, int | None]] = []
    for line in (EXAMPLES / "routes.txt").read_text().splitlines():
        if line.startswith("#") or not line.strip():
            continue
        prefix, origin = line.replace(",", " ").split()
        out.append((prefix, int(origin.removeprefix("AS"))))
    out += [
        ("192.0.2.0/24", None),
        (None, 64496),
        (None, None),
        ("192.0.2.0/24", 0),
        ("192.0.2.0/26", 4_294_967_295),
        ("2001:db8::/32", 64496),
        ("0.0.0.0/0", 1),
    ]
    return out


ROUTES = _routes()


@pytest.fixture(scope="module")
def ds() -> Dataset:
    return Dataset(
        vrps=EXAMPLES / "vrps.json",
        irr=EXAMPLES / "irr.rpsl",
        asrel=EXAMPLES / "asrel.txt",
    )


def _expected(ds: Dataset, routes: Sequence[tuple[str | None, int | None]]) -> list[str | None]:
    out: list[str | None] = []
    for p, o in routes:
        r = None if p is None else ds.validate(p, o)
        out.append(None if r is None else str(r.state))
    return out


def _columns(routes: list[tuple[str | None, int | None]]) -> tuple[Any, Any]:
    return pa.array([p for p, _ in routes], pa.string()), pa.array([o for _, o in routes], pa.int64())


def test_states_equal_validate(ds: Dataset) -> None:
    prefixes, origins = _columns(ROUTES)
    out = ds.validate_arrow(prefixes, origins)
    assert isinstance(out, pa.DictionaryArray)
    assert out.type.index_type == pa.int8()
    assert out.dictionary.to_pylist() == ["valid", "invalid", "not-found"]
    assert out.to_pylist() == _expected(ds, ROUTES)
    # The words are the ones `validate` gives: every state occurs.
    assert {"valid", "invalid", "not-found"} <= set(out.to_pylist())


def test_reasons_equal_validate(ds: Dataset) -> None:
    prefixes, origins = _columns(ROUTES)
    batch = ds.validate_arrow(prefixes, origins, reasons=True)
    assert isinstance(batch, pa.RecordBatch)
    assert batch.schema.names == ["state", "reason"]
    assert batch.column("state").to_pylist() == _expected(ds, ROUTES)
    reasons = []
    for p, o in ROUTES:
        r = None if p is None else ds.validate(p, o)
        reasons.append(None if r is None or r.reason is None else str(r.reason))
    assert batch.column("reason").to_pylist() == reasons
    assert {"as", "length"} <= set(reasons)


def test_every_string_and_integer_type(ds: Dataset) -> None:
    routes = [(p, o) for p, o in ROUTES if o is None or o < 2**15]
    expected = _expected(ds, routes)
    texts = [p for p, _ in routes]
    origins = [o for _, o in routes]
    for st in (pa.string(), pa.large_string(), pa.string_view()):
        for it in (pa.uint32(), pa.int64(), pa.uint64(), pa.int32(), pa.uint16(), pa.int16()):
            out = ds.validate_arrow(pa.array(texts, st), pa.array(origins, it))
            assert out.to_pylist() == expected, (st, it)
    # Long strings in string views live in a data buffer, not inline.
    long = ["2001:0db8:0000:0000:0000:0000:0000:0000/32", "192.0.2.0/24"]
    out = ds.validate_arrow(pa.array(long, pa.string_view()), pa.array([64496, 64496]))
    assert out.to_pylist() == _expected(ds, [(long[0], 64496), (long[1], 64496)])
    # An all-null origin column (type null): no origin.
    out = ds.validate_arrow(pa.array(["192.0.2.0/24"]), pa.array([None]))
    assert out.to_pylist() == _expected(ds, [("192.0.2.0/24", None)])


def test_chunked_and_sliced(ds: Dataset) -> None:
    texts = [p for p, _ in ROUTES]
    origins = [o for _, o in ROUTES]
    expected = _expected(ds, ROUTES)
    # Chunk boundaries that differ between the columns, and empty chunks.
    p = pa.chunked_array([texts[:3], [], texts[3:10], texts[10:]], pa.string())
    o = pa.chunked_array([origins[:5], origins[5:6], [], origins[6:]], pa.int64())
    assert ds.validate_arrow(p, o).to_pylist() == expected
    # Slices (non-zero offsets, validity bitmaps not byte-aligned).
    pp, oo = _columns(ROUTES)
    for start in range(1, 6):
        got = ds.validate_arrow(pp.slice(start), oo.slice(start)).to_pylist()
        assert got == expected[start:]
    assert ds.validate_arrow(pa.array([], pa.string()), pa.array([], pa.int64())).to_pylist() == []


def test_polars_series_and_lazy_frame(ds: Dataset) -> None:
    pl = _need("polars")
    texts = [p for p, _ in ROUTES]
    origins = [o for _, o in ROUTES]
    expected = _expected(ds, ROUTES)
    out = ds.validate_arrow(pl.Series(texts), pl.Series(origins, dtype=pl.UInt32))
    assert out.to_pylist() == expected
    assert pl.Series(out).to_list() == expected
    df = pl.DataFrame({"prefix": texts, "origin": origins})
    assert ds.validate_arrow("prefix", "origin", table=df).to_pylist() == expected
    # A lazy frame: map_batches hands each batch's struct column to the call.
    lazy = df.lazy().with_columns(
        pl.struct("prefix", "origin")
        .map_batches(
            lambda s: pl.Series(ds.validate_arrow(s.struct.field("prefix"), s.struct.field("origin"))),
            return_dtype=pl.Categorical,
        )
        .alias("rov")
    )
    assert lazy.collect()["rov"].cast(pl.String).to_list() == expected


def test_pandas(ds: Dataset) -> None:
    pd = _need("pandas")
    np = _need("numpy")
    routes = [(p, o) for p, o in ROUTES if p is not None and o is not None]
    expected = _expected(ds, routes)
    frame = pd.DataFrame({"prefix": [p for p, _ in routes], "origin": [o for _, o in routes]})
    out = ds.validate_arrow(frame["prefix"], frame["origin"])
    assert out.to_pylist() == expected
    assert list(out.to_pandas()) == expected
    assert ds.validate_arrow("prefix", "origin", table=frame).to_pylist() == expected
    # Arrow-backed and NumPy-backed columns (through pyarrow.array).
    arrow_backed = frame["prefix"].astype("string[pyarrow]")
    assert ds.validate_arrow(arrow_backed, np.array(frame["origin"], dtype=np.uint32)).to_pylist() == expected
    # pandas' nullable integers: a missing origin is no origin.
    origins = pd.array([64496, None], dtype="UInt32")
    got = ds.validate_arrow(pd.Series(["192.0.2.0/24", "192.0.2.0/24"]), pd.Series(origins))
    assert got.to_pylist() == _expected(ds, [("192.0.2.0/24", 64496), ("192.0.2.0/24", None)])


def test_tables(ds: Dataset) -> None:
    prefixes, origins = _columns(ROUTES)
    table = pa.table({"origin": origins, "prefix": prefixes, "other": pa.array(range(len(ROUTES)))})
    expected = _expected(ds, ROUTES)
    assert ds.validate_arrow("prefix", "origin", table=table).to_pylist() == expected
    batches = pa.Table.from_batches(table.to_batches(max_chunksize=4))
    assert ds.validate_arrow("prefix", "origin", table=batches).to_pylist() == expected
    assert ds.validate_arrow("prefix", "origin", table=table.to_batches()[0]).to_pylist() == expected
    with pytest.raises(KeyError, match='no column "nope"'):
        ds.validate_arrow("nope", "origin", table=table)
    with pytest.raises(TypeError, match="column name"):
        ds.validate_arrow(prefixes, "origin", table=table)
    with pytest.raises(TypeError, match="must be a table"):
        ds.validate_arrow("prefix", "origin", table=prefixes)


def test_malformed_rows_raise_or_give_null(ds: Dataset) -> None:
    texts = ["192.0.2.0/24", "192.0.2.1/24", "not a prefix", " 192.0.2.0/24", "192.0.2.0/33", "192.0.2.0/24"]
    origins = [64496, 64496, 1, 64496, 1, -1]
    p, o = pa.array(texts), pa.array(origins)
    for i, t in enumerate(texts[1:5], start=1):
        # The one-route call refuses each of them too.
        with pytest.raises(routeguard.ModelError):
            ds.validate(t, 1)
        with pytest.raises(routeguard.ModelError, match=r"^prefixes\[0\]: "):
            ds.validate_arrow(p[i : i + 1], o[i : i + 1])
    with pytest.raises(routeguard.ModelError, match=r"^prefixes\[1\]: .*host bits"):
        ds.validate_arrow(p, o)
    with pytest.raises(routeguard.ModelError, match=r"^origins\[0\]: .*-1"):
        ds.validate_arrow(p[5:], o[5:])
    with pytest.raises(routeguard.ModelError, match=r"^origins\[0\]: .*4294967296"):
        ds.validate_arrow(pa.array(["192.0.2.0/24"]), pa.array([2**32], pa.uint64()))
    nulls = ds.validate_arrow(p, o, errors="null").to_pylist()
    assert nulls == [_expected(ds, [(texts[0], 64496)])[0], None, None, None, None, None]
    # relaxed: what validate(..., relaxed=True) accepts.
    relaxed = ds.validate_arrow(p, pa.array([64496] * len(texts)), relaxed=True, errors="null").to_pylist()
    want: list[str | None] = []
    for t in texts:
        try:
            r = ds.validate(t, 64496, relaxed=True)
            want.append(None if r is None else str(r.state))
        except routeguard.ModelError:
            want.append(None)
    assert relaxed == want
    with pytest.raises(ValueError, match="errors must be"):
        ds.validate_arrow(p, o, errors="ignore")  # type: ignore[arg-type]


def test_wrong_types_and_lengths(ds: Dataset) -> None:
    p, o = _columns(ROUTES)
    with pytest.raises(TypeError, match=r"prefixes must be a string array .*Int64"):
        ds.validate_arrow(o, o)
    with pytest.raises(TypeError, match=r"origins must be an integer array, .*Utf8"):
        ds.validate_arrow(p, p)
    with pytest.raises(TypeError, match=r"origins must be an integer array, .*Float64"):
        ds.validate_arrow(p, pa.array([1.0] * len(p)))
    with pytest.raises(TypeError, match=r"prefixes must be an Arrow array .*list"):
        ds.validate_arrow(["192.0.2.0/24"], o)
    with pytest.raises(TypeError, match=r"must be an Arrow array .*int"):
        ds.validate_arrow(p, 42)
    with pytest.raises(ValueError, match="differ in length"):
        ds.validate_arrow(p, o.slice(1))
    with pytest.raises(ValueError, match="needs VRPs"):
        Dataset.from_text(irr="").validate_arrow(p, o)


def test_check_irr_arrow_equals_check_irr(ds: Dataset) -> None:
    routes = [*ROUTES, ("192.0.2.0/25", 64496), ("198.51.100.0/24", 64497)]
    prefixes, origins = _columns(routes)
    out = ds.check_irr_arrow(prefixes, origins)
    assert out.dictionary.to_pylist() == ["valid", "covered", "invalid-origin", "not-found"]
    want: list[str | None] = []
    for p, o in routes:
        c = None if p is None else ds.check_irr(p, o)
        want.append(None if c is None else c.status)
    assert out.to_pylist() == want
    assert len(set(want) - {None}) >= 3
    with pytest.raises(ValueError, match="needs IRR dumps"):
        Dataset(vrps=EXAMPLES / "vrps.json").check_irr_arrow(prefixes, origins)


def _paths() -> list[tuple[str, str, int | None]]:
    out: list[tuple[str, str, int | None]] = []
    for line in (EXAMPLES / "paths.txt").read_text().splitlines():
        if line.startswith("#") or "|" in line:
            continue
        prefix, path = line.split(" ", 1)
        out.append((prefix, path, None))
    out += [("192.0.2.0/24", "64497 64496", 64497), ("192.0.2.0/24", "64497 64496", 64499)]
    return out


def test_check_arrow_equals_check(ds: Dataset) -> None:
    routes = _paths()
    batch = ds.check_arrow(
        pa.array([p for p, _, _ in routes]),
        pa.array([a for _, a, _ in routes]),
        pa.array([n for _, _, n in routes], pa.uint32()),
    )
    assert batch.schema.names == ["rov", "aspa", "bogon", "leak"]
    for i, (p, path, n) in enumerate(routes):
        v = ds.check(p, path, n)
        # The CLI's CSV columns: rov,aspa,bogon,leak with `-` for a check
        # that did not run.
        words = [batch.column(c)[i].as_py() or "-" for c in batch.schema.names]
        assert ",".join(words) == str(v), (p, path, n)
    table = pa.table({"p": [p for p, _, _ in routes], "path": [a for _, a, _ in routes]})
    again = ds.check_arrow("p", "path", table=table)
    assert again.column("bogon").to_pylist() == batch.column("bogon").to_pylist()
    with pytest.raises(routeguard.ModelError, match=r"^paths\[1\]: "):
        ds.check_arrow(pa.array(["192.0.2.0/24"] * 2), pa.array(["64496", "64496 x"]))
    out = ds.check_arrow(pa.array(["192.0.2.0/24", None]), pa.array(["64496 x", "1"]), errors="null")
    assert out.column("rov").to_pylist() == [None, None]


def test_result_is_one_byte_per_row(ds: Dataset) -> None:
    # The result is one byte per row (plus the validity bitmap and the
    # three words), whatever the number of rows.
    n = 200_000
    p = pa.array(["192.0.2.0/24"] * n)
    o = pa.array([64496] * n, pa.uint32())
    out = ds.validate_arrow(p, o)
    assert out.indices.nbytes <= n + 64
    assert out.null_count == 0


def test_gil_released_during_the_work() -> None:
    """A Python thread keeps running while the core validates (see
    test_gil.py): its longest pause stays well below the call's duration."""
    from test_gil import ORIGIN, ROUTE_ADDR, deep_set, spin_during

    ds = Dataset.from_text(vrps=deep_set().write("csv"))
    route = f"{ipaddress.IPv6Address(ROUTE_ADDR)}/128"
    n = 20_000
    while True:
        p, o = pa.array([route] * n), pa.array([ORIGIN] * n, pa.uint32())
        t = time.perf_counter()
        ds.validate_arrow(p, o)
        if time.perf_counter() - t >= 0.4 or n >= 4_000_000:
            break
        n *= 2
    attempts = []
    for _ in range(3):  # a busy machine may deschedule the spinner: retry
        max_gap, call, out = spin_during(lambda: ds.validate_arrow(p, o))
        assert out[n - 1].as_py() == "valid"
        attempts.append((round(max_gap, 3), round(call, 3)))
        if max_gap < 0.5 * call:
            return
    raise AssertionError(f"the GIL looks held: (max_gap, call) per attempt = {attempts}")


@pytest.fixture(scope="module")
def snapshot_ds(data_file: Callable[[str], Path]) -> Dataset:
    return Dataset(vrps=data_file("vrps/rpki-client_josephine_2025-07-20T093133Z.json.bz2"))


def test_full_table_equals_validate_many(snapshot_ds: Dataset, data_file: Callable[[str], Path]) -> None:
    """The whole RouteViews table (~1 M routes; MOAS: the first origin, AS
    sets: no origin) against the full snapshot, as `validate_many` says."""
    prefixes: list[str] = []
    origins: list[int | None] = []
    with gzip.open(data_file("bgp/pfx2as/routeviews-rv2-20240406.pfx2as.gz"), "rt") as f:
        for line in f:
            addr, length, asn = line.rstrip("\n").split("\t")
            first = asn.split("_")[0]
            prefixes.append(f"{addr}/{length}")
            origins.append(None if "," in first else int(first))
    assert len(prefixes) > 900_000
    out = snapshot_ds.validate_arrow(pa.array(prefixes), pa.array(origins, pa.uint32()), reasons=True)
    vrps = snapshot_ds.vrps
    assert vrps is not None
    many = vrps.validate_many(list(zip(prefixes, origins)))
    assert out.column("state").to_pylist() == [str(r.state) for r in many]
    reasons = out.column("reason").to_pylist()
    rng = random.Random(14)
    for i in rng.sample(range(len(many)), 20_000):
        r = many[i].reason
        assert reasons[i] == (None if r is None else str(r))
