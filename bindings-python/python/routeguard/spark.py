"""routeguard on Apache Spark: validate, check and score route tables too big
for one machine, with the same answers as the ``routeguard`` CLI.

Each function takes a Spark ``DataFrame`` and returns a new, lazy one. The
routeguard data files are loaded once per Python worker process (Spark
reuses its workers across tasks; ``spark.python.worker.reuse``, on by
default) and kept in a small cache keyed by the paths, their modification
times and sizes, and the options: a file rewritten between two jobs is read
again. The paths must be readable at the same place on the driver and on
every executor (a shared file system); relative paths are made absolute on
the driver. The driver loads the files once too, when the function is
called, so that a missing or malformed file raises there (``ParseError``,
``RouteguardIoError``, ...) before any job runs.

Install with ``pip install 'routeguard[spark]'`` (PySpark 4 with its SQL
extras: pyarrow, pandas) and a Java runtime (Java 17 or newer)::

    from pyspark.sql import SparkSession
    from routeguard import spark as rgs

    spark = SparkSession.builder.getOrCreate()
    routes = spark.read.parquet("routes.parquet")     # prefix: string, origin: long, path: string
    rov = rgs.validate(routes, vrps="/data/vrps.json.bz2", slurm="/data/local.json")
    rov.groupBy("rov").count().show()                  # valid | invalid | not-found
    checked = rgs.check(routes, vrps="/data/vrps.json", aspa="/data/vrps.json", asrel="/data/as-rel.txt.xz")
    checked.select("prefix", "path", "rov", "aspa", "bogon", "leak").show()
    rows = rgs.observatory(routes, vrps="/data/vrps.json", irr=["/data/ripe.db.gz"], asrel="/data/as-rel.txt.xz")
    rows.write.csv("per-as")                           # one row per origin AS, as `manrs observatory`

:func:`validate` adds one column of RFC 6811 state words (``valid``,
``invalid``, ``not-found``), what ``routeguard validate`` prints per route.
:func:`check` adds the four columns of ``routeguard path check`` (``rov``,
``aspa``, ``bogon``, ``leak``; null where the CLI prints ``-``, its data
not given). :func:`observatory` gives the rows of ``routeguard manrs
observatory``. Both :func:`validate` and :func:`check` run as
``DataFrame.mapInArrow`` (one pass, no shuffle; the output schema is the
input schema plus the new columns). A row whose prefix (or path) is null
gets null words. A malformed row (bad prefix, AS number or path) fails the
job with the row's values in the message, as the CLI stops at a bad line;
``on_error="null"`` gives it null words instead (the CLI's ``--lenient``
skips it). A missing column or a column of the wrong type raises
``ValueError`` or ``TypeError`` at the call.

The observatory's metrics of an AS depend on more than the routes it
originates: M4 and CAIDA Action 1 count the routes whose paths pass through
it. :func:`observatory` therefore sends each route to every distinct AS of
its path (a shuffle of the routes times their path lengths), sorts each
partition by AS, and evaluates one AS at a time with
:meth:`Dataset.manrs_observatory` over the routes through it, keeping that
AS's row. A worker holds one AS's routes at a time: for an AS on most
paths (a collector's peer, a tier-1) that is most of the table. The rows
equal the CLI's for the same routes, except where one (prefix, origin) was
seen with more than 16 distinct paths: routeguard keeps the first 16 of a
route's paths as evidence, in input order, which a DataFrame does not
have. The CLI's M4 and Action 1 may then miss an AS that only later paths
carry, which the AS's own group here sees (if no more than 16 of the paths
pass through it; beyond that, which 16 it sees depends on the order the
rows arrive in).

The same with Polars, on one machine: a lazy frame's batches go through
``Dataset.validate_arrow`` (Arrow arrays in, an Arrow array of state words
out, no Python object per route)::

    import polars as pl
    import pyarrow as pa
    import routeguard

    ds = routeguard.Dataset(vrps="vrps.json.bz2")
    lf = pl.scan_parquet("routes.parquet")             # prefix: str, origin: int
    rov = lf.map_batches(
        lambda df: df.with_columns(
            rov=pl.from_arrow(ds.validate_arrow(df["prefix"], df["origin"]).cast(pa.string()))
        ),
        schema={**lf.collect_schema(), "rov": pl.String},
    )
    print(rov.group_by("rov").len().collect())
"""

from __future__ import annotations

import os
import threading
from collections import OrderedDict
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from functools import partial
from typing import TYPE_CHECKING, Any, Literal, Union

from ._routeguard import (
    AsPath,
    AspaSet,
    AsRelations,
    Bogons,
    Dataset,
    RouteChecker,
    RouteguardError,
    VrpSet,
    parse_prefix,
)

if TYPE_CHECKING:
    from pyspark.sql import DataFrame  # type: ignore[import-not-found, unused-ignore]
    from pyspark.sql.types import DataType, StructType  # type: ignore[import-not-found, unused-ignore]

__all__ = ["check", "observatory", "validate"]

_StrPath = Union[str, "os.PathLike[str]"]

# What a failed conversion or check of one row raises.
_ROW_ERRORS = (RouteguardError, ValueError, TypeError, OverflowError)

# --- loading: once per worker process --------------------------------------

_CACHE_SIZE = 4
_CACHE: OrderedDict[tuple[Any, ...], Any] = OrderedDict()
_LOCK = threading.Lock()
# Loads per key in this process (what the tests read).
_LOADS: dict[tuple[Any, ...], int] = {}

# A load spec: the kind of object and its arguments, file paths absolute.
_Spec = tuple[str, tuple[tuple[str, Any], ...]]


def _files(value: Any) -> Iterator[str]:
    """The file paths of a spec argument: a path, a tuple of paths, or of
    ``(source, path)`` pairs (IRR dumps)."""
    if isinstance(value, str):
        yield value
    elif isinstance(value, tuple):
        for v in value:
            yield v[1] if isinstance(v, tuple) else v


def _stamp(path: str) -> tuple[str, int, int]:
    try:
        st = os.stat(path)
    except OSError:
        return (path, -1, -1)  # the loader raises the error
    return (path, st.st_mtime_ns, st.st_size)


def _loaded(spec: _Spec) -> Any:
    """The object of ``spec``, loaded once per process and file version."""
    kind, args = spec
    key = (kind, args, tuple(_stamp(p) for name, v in args if name in _FILE_ARGS for p in _files(v)))
    with _LOCK:
        obj = _CACHE.get(key)
        if obj is not None:
            _CACHE.move_to_end(key)
            return obj
        obj = _BUILDERS[kind](**dict(args))
        _LOADS[spec] = _LOADS.get(spec, 0) + 1
        _CACHE[key] = obj
        while len(_CACHE) > _CACHE_SIZE:
            _CACHE.popitem(last=False)
        return obj


_FILE_ARGS = frozenset({"vrps", "slurm", "aspa", "asrel", "bogons", "irr"})


def _abs(path: _StrPath | None, what: str) -> str | None:
    if path is None:
        return None
    if not isinstance(path, (str, os.PathLike)):
        raise TypeError(f"{what} must be a path (str or os.PathLike), not {type(path).__name__}")
    return os.path.abspath(os.fspath(path))


def _abs_list(paths: _StrPath | Sequence[_StrPath] | None, what: str) -> tuple[str, ...]:
    if paths is None:
        return ()
    if isinstance(paths, (str, os.PathLike)):
        paths = [paths]
    return tuple(p for p in (_abs(x, what) for x in paths) if p is not None)


def _irr_list(
    irr: _StrPath | Sequence[_StrPath | tuple[str, _StrPath]] | None,
) -> tuple[str | tuple[str, str], ...]:
    if irr is None:
        return ()
    if isinstance(irr, (str, os.PathLike)):
        irr = [irr]
    out: list[str | tuple[str, str]] = []
    for item in irr:
        if isinstance(item, tuple):
            source, path = item
            out.append((str(source), _abs(path, "irr") or ""))
        else:
            out.append(_abs(item, "irr") or "")
    return tuple(out)


def _build_dataset(**kw: Any) -> Dataset:
    irr = kw.pop("irr", ())
    bogons = kw.pop("bogons", ())
    return Dataset(irr=list(irr) or None, bogons=list(bogons) or None, **kw)


def _build_checker(
    *,
    vrps: str | None,
    slurm: str | None,
    aspa: str | None,
    asrel: str | None,
    bogons: tuple[str, ...],
    bogon_options: tuple[tuple[str, Any], ...],
    vrp_format: str | None,
    strict: bool,
    direction: Literal["upstream", "downstream"],
    receiver: int | str | None,
) -> RouteChecker:
    # As `routeguard path check`: the ASPAs of the VRP file (after SLURM)
    # when --aspa names it, else of their own file.
    vrp_set = VrpSet.from_file(vrps, vrp_format, slurm, strict=strict) if vrps is not None else None
    if aspa is None:
        aspas = None
    elif vrp_set is not None and aspa == vrps:
        aspas = AspaSet.from_vrpset(vrp_set)
    else:
        aspas = AspaSet.from_file(aspa, strict=strict)
    checker_bogons = Bogons(**dict(bogon_options))
    for path in bogons:
        checker_bogons.add_list_file(path)
    return RouteChecker(
        vrps=vrp_set,
        aspa=aspas,
        relations=AsRelations.from_file(asrel) if asrel is not None else None,
        bogons=checker_bogons,
        direction=direction,
        receiver=receiver,
    )


_BUILDERS: dict[str, Callable[..., Any]] = {"dataset": _build_dataset, "checker": _build_checker}

# --- columns ----------------------------------------------------------------


def _need_pyspark() -> None:
    try:
        import pyarrow  # type: ignore[import-untyped, unused-ignore]
        import pyspark
    except ImportError as e:  # pragma: no cover - depends on the environment
        raise ImportError(
            f"routeguard.spark needs PySpark 4 with pyarrow and pandas ({e}): pip install 'routeguard[spark]'"
        ) from e


def _column(df: DataFrame, name: str, func: str, arg: str) -> tuple[str, DataType]:
    """The exact name and type of column ``name`` (matched as Spark does by
    default: exactly, else case-insensitively when that is unique)."""
    fields = df.schema.fields
    exact = [f for f in fields if f.name == name]
    found = exact or [f for f in fields if f.name.lower() == name.lower()]
    if len(found) != 1:
        have = ", ".join(repr(f.name) for f in fields) or "none"
        why = "has no column" if not found else "has several columns named"
        raise ValueError(f"routeguard.spark.{func}: the DataFrame {why} {name!r} (columns: {have}); pass {arg}=")
    return found[0].name, found[0].dataType


_INTEGERS = ("ByteType", "ShortType", "IntegerType", "LongType")


def _need_integer(dtype: DataType, name: str, func: str) -> None:
    if type(dtype).__name__ not in _INTEGERS:
        raise TypeError(
            f"routeguard.spark.{func}: column {name!r} must hold AS numbers as integers "
            f"(byte, short, int or long), not {dtype.simpleString()}"
        )


def _need_string(dtype: DataType, name: str, func: str) -> None:
    if type(dtype).__name__ != "StringType":
        raise TypeError(f"routeguard.spark.{func}: column {name!r} must be a string column, not {dtype.simpleString()}")


def _need_path(dtype: DataType, name: str, func: str) -> None:
    kind = type(dtype).__name__
    if kind == "StringType":
        return
    if kind == "ArrayType" and type(getattr(dtype, "elementType", None)).__name__ in _INTEGERS:
        return
    raise TypeError(
        f"routeguard.spark.{func}: column {name!r} must hold AS paths as strings "
        f"('64500 64501 {{64502,64503}}') or arrays of integers, not {dtype.simpleString()}"
    )


def _new_columns(df: DataFrame, names: Sequence[str], func: str) -> StructType:
    from pyspark.sql import types
    have = {f.name.lower() for f in df.schema.fields}
    for n in names:
        if n.lower() in have:
            raise ValueError(f"routeguard.spark.{func}: the DataFrame already has a column {n!r}; choose another name")
    if len({n.lower() for n in names}) != len(names):
        raise ValueError(f"routeguard.spark.{func}: the output column names must differ: {list(names)}")
    return types.StructType(
        list(df.schema.fields) + [types.StructField(n, types.StringType(), True) for n in names]
    )


def _check_on_error(on_error: str, func: str, allowed: tuple[str, ...] = ("raise", "null")) -> None:
    if on_error not in allowed:
        raise ValueError(f"routeguard.spark.{func}: on_error must be one of {allowed}, not {on_error!r}")


# --- per batch ---------------------------------------------------------------


def _validate_batch(ds: Dataset, batch: Any, prefix_col: str, origin_col: str, *, relaxed: bool = False) -> Any:
    """The state words of one Arrow batch whose prefixes are not null
    (a null origin is a route without one, as ``Dataset.validate(p, None)``).
    Raises on a bad row; the caller then finds it."""
    import pyarrow as pa  # type: ignore[import-untyped, unused-ignore]

    # Arrow columns in, one byte per route in the core, dictionary-encoded
    # words out; the column holds plain strings.
    words = ds.validate_arrow(batch.column(prefix_col), batch.column(origin_col), relaxed=relaxed)
    return words.cast(pa.string())


def _rows_of(batch: Any, names: Sequence[str | None]) -> list[list[Any]]:
    return [batch.column(n).to_pylist() if n is not None else [None] * batch.num_rows for n in names]


def _row_error(
    func: str,
    names: Sequence[str | None],
    values: Sequence[Any],
    e: BaseException,
    hint: str = "on_error='null' gives it null words instead",
) -> ValueError:
    what = ", ".join(f"{n}={v!r}" for n, v in zip(names, values) if n is not None)
    code = getattr(e, "code", None)
    return ValueError(
        f"routeguard.spark.{func}: bad row ({what}): {e}{f' ({code})' if code else ''}; {hint}"
    )


def _words_by_row(
    func: str,
    batch: Any,
    names: Sequence[str | None],
    one: Callable[..., tuple[str | None, ...]],
    width: int,
    on_error: str,
) -> list[list[str | None]]:
    """The slow path: one row at a time, to name a bad row or null it."""
    cols = _rows_of(batch, names)
    out: list[list[str | None]] = [[] for _ in range(width)]
    for values in zip(*cols):
        try:
            words: tuple[str | None, ...] = one(*values)
        except _ROW_ERRORS as e:
            if on_error == "raise":
                raise _row_error(func, names, values, e) from e
            words = (None,) * width
        for col, w in zip(out, words):
            col.append(w)
    return out


def _scatter(valid: Any, n: int, arrays: list[Any]) -> list[Any]:
    """Arrays for the rows where ``valid`` is true, spread over ``n`` rows
    (null elsewhere)."""
    import pyarrow as pa  # type: ignore[import-untyped, unused-ignore]
    import pyarrow.compute as pc  # type: ignore[import-untyped, unused-ignore]

    if valid is None:
        return arrays
    return [pc.replace_with_mask(pa.nulls(n, pa.string()), valid, a) for a in arrays]


def _not_null(batch: Any, cols: Sequence[str]) -> tuple[Any, Any]:
    """The rows of ``batch`` where every column of ``cols`` is set, and the
    mask (None when that is every row)."""
    import pyarrow.compute as pc  # type: ignore[import-untyped, unused-ignore]

    if all(batch.column(c).null_count == 0 for c in cols):
        return batch, None
    mask = pc.is_valid(batch.column(cols[0]))
    for c in cols[1:]:
        mask = pc.and_(mask, pc.is_valid(batch.column(c)))
    return batch.filter(mask), mask


def _append(batch: Any, names: Sequence[str], arrays: list[Any]) -> Any:
    import pyarrow as pa  # type: ignore[import-untyped, unused-ignore]

    return pa.RecordBatch.from_arrays(
        list(batch.columns) + arrays, names=list(batch.schema.names) + list(names)
    )


def _map_validate(
    spec: _Spec, prefix_col: str, origin_col: str, out_col: str, relaxed: bool, on_error: str, batches: Iterable[Any]
) -> Iterator[Any]:
    import pyarrow as pa  # type: ignore[import-untyped, unused-ignore]

    ds: Dataset = _loaded(spec)

    def one(prefix: str, origin: int | None) -> tuple[str | None]:
        r = ds.validate(prefix, origin, relaxed=relaxed)
        assert r is not None
        return (r.state.value,)

    for batch in batches:
        if batch.num_rows == 0:
            yield _append(batch, [out_col], [pa.array([], pa.string())])
            continue
        rows, mask = _not_null(batch, [prefix_col])
        try:
            words = _validate_batch(ds, rows, prefix_col, origin_col, relaxed=relaxed)
        except _ROW_ERRORS:
            words = pa.array(_words_by_row("validate", rows, [prefix_col, origin_col], one, 1, on_error)[0], pa.string())
        yield _append(batch, [out_col], _scatter(mask, batch.num_rows, [words]))


def _map_check(
    spec: _Spec,
    prefix_col: str,
    path_col: str,
    neighbor_col: str | None,
    out_cols: tuple[str, str, str, str],
    relaxed: bool,
    on_error: str,
    batches: Iterable[Any],
) -> Iterator[Any]:
    import pyarrow as pa  # type: ignore[import-untyped, unused-ignore]

    checker: RouteChecker = _loaded(spec)

    def words(v: Any) -> tuple[str | None, str | None, str | None, str | None]:
        return (v.rov, v.aspa, v.bogon_word, v.leak)

    def one(prefix: str, path: Any, neighbor: int | None = None) -> tuple[str | None, ...]:
        return words(checker.check(prefix, path, neighbor, relaxed=relaxed))

    names = [prefix_col, path_col, neighbor_col]
    for batch in batches:
        rows, mask = _not_null(batch, [prefix_col, path_col])
        cols: list[list[str | None]]
        try:
            routes = zip(*_rows_of(rows, names))
            verdicts = checker.check_many(routes, relaxed=relaxed)
            cols = [list(c) for c in zip(*(words(v) for v in verdicts))] or [[], [], [], []]
        except _ROW_ERRORS:
            cols = _words_by_row("check", rows, names, one, 4, on_error)
        arrays = [pa.array(c, pa.string()) for c in cols]
        yield _append(batch, out_cols, _scatter(mask, batch.num_rows, arrays))


# --- public API ---------------------------------------------------------------


def validate(
    df: DataFrame,
    vrps: _StrPath,
    *,
    slurm: _StrPath | None = None,
    prefix_col: str = "prefix",
    origin_col: str = "origin",
    out_col: str = "rov",
    vrp_format: str | None = None,
    strict: bool = True,
    relaxed: bool = False,
    on_error: Literal["raise", "null"] = "raise",
) -> DataFrame:
    """``df`` with a column ``out_col`` of RFC 6811 states (``valid``,
    ``invalid``, ``not-found``): what ``routeguard validate --vrps VRPS
    [--slurm SLURM]`` prints per route.

    ``prefix_col`` is a string column (``192.0.2.0/24``; host bits are an
    error unless ``relaxed``); ``origin_col`` an integer column of origin
    ASes, null for a route whose path gives no origin (it ends in an
    AS_SET: invalid when covered). A null prefix gives a null state.
    ``strict=False`` skips bad records of the VRP file (the CLI's
    ``--lenient``); ``on_error="null"`` gives a bad row a null state
    instead of failing the job.
    """
    func = "validate"
    _need_pyspark()
    _check_on_error(on_error, func)
    prefix_col, ptype = _column(df, prefix_col, func, "prefix_col")
    origin_col, otype = _column(df, origin_col, func, "origin_col")
    _need_string(ptype, prefix_col, func)
    _need_integer(otype, origin_col, func)
    schema = _new_columns(df, [out_col], func)
    spec: _Spec = (
        "dataset",
        (("vrps", _abs(vrps, "vrps")), ("slurm", _abs(slurm, "slurm")), ("strict", strict), ("vrp_format", vrp_format)),
    )
    _loaded(spec)  # errors of the files here, not in a task
    return df.mapInArrow(partial(_map_validate, spec, prefix_col, origin_col, out_col, relaxed, on_error), schema)


def check(
    df: DataFrame,
    *,
    vrps: _StrPath | None = None,
    aspa: _StrPath | None = None,
    asrel: _StrPath | None = None,
    bogons: _StrPath | Sequence[_StrPath] | None = None,
    slurm: _StrPath | None = None,
    prefix_col: str = "prefix",
    path_col: str = "path",
    neighbor_col: str | None = None,
    direction: Literal["upstream", "downstream"] = "upstream",
    receiver: int | str | None = None,
    bogon_options: Mapping[str, Any] | None = None,
    out_cols: tuple[str, str, str, str] = ("rov", "aspa", "bogon", "leak"),
    vrp_format: str | None = None,
    strict: bool = True,
    relaxed: bool = False,
    on_error: Literal["raise", "null"] = "raise",
) -> DataFrame:
    """``df`` with the four columns of ``routeguard path check --vrps VRPS
    --aspa ASPA --asrel ASREL [--bogons F ...] [--direction D] [--receiver
    AS]`` (named by ``out_cols``): ``rov`` (valid, invalid, not-found),
    ``aspa`` (valid, invalid, unknown), ``bogon`` (ok or the first reason:
    bogon-prefix, bogon-asn, too-specific, default-route, long-path) and
    ``leak`` (ok, leak, unknown). A column is null where the CLI prints
    ``-`` (its data file not given); bogons are always checked.

    ``path_col`` holds AS paths, leftmost the neighbour: strings as the CLI
    reads them (``64497 {64500,64501}``) or arrays of integers (one
    AS_SEQUENCE). ``neighbor_col`` (integers) is the AS the route was
    received from, as the peer AS of a ``bgpdump -m`` line: ASPA checks
    that it is the path's leftmost AS. ``aspa`` may be the VRP file (its
    ASPAs after SLURM) or a file of its own. ``bogon_options`` are
    :class:`routeguard.Bogons`' keywords (``max_v4_len``, ``max_v6_len``,
    ``max_path_len``, ``allow_default``). A null prefix or path gives null
    words; ``on_error`` as for :func:`validate`.
    """
    func = "check"
    _need_pyspark()
    _check_on_error(on_error, func)
    if direction not in ("upstream", "downstream"):
        raise ValueError(f"routeguard.spark.check: direction must be 'upstream' or 'downstream', not {direction!r}")
    if len(out_cols) != 4:
        raise ValueError("routeguard.spark.check: out_cols names four columns (rov, aspa, bogon, leak)")
    prefix_col, ptype = _column(df, prefix_col, func, "prefix_col")
    path_col, pathtype = _column(df, path_col, func, "path_col")
    _need_string(ptype, prefix_col, func)
    _need_path(pathtype, path_col, func)
    if neighbor_col is not None:
        neighbor_col, ntype = _column(df, neighbor_col, func, "neighbor_col")
        _need_integer(ntype, neighbor_col, func)
    names = (out_cols[0], out_cols[1], out_cols[2], out_cols[3])
    schema = _new_columns(df, names, func)
    spec: _Spec = (
        "checker",
        (
            ("vrps", _abs(vrps, "vrps")),
            ("slurm", _abs(slurm, "slurm")),
            ("aspa", _abs(aspa, "aspa")),
            ("asrel", _abs(asrel, "asrel")),
            ("bogons", _abs_list(bogons, "bogons")),
            ("bogon_options", tuple(sorted((bogon_options or {}).items()))),
            ("vrp_format", vrp_format),
            ("strict", strict),
            ("direction", direction),
            ("receiver", receiver),
        ),
    )
    _loaded(spec)
    return df.mapInArrow(
        partial(_map_check, spec, prefix_col, path_col, neighbor_col, names, relaxed, on_error), schema
    )


# --- observatory ----------------------------------------------------------------

# The columns of `routeguard manrs observatory` (its CSV header), with types.
_OBSERVATORY = (
    ("asn", "long"),
    ("routes", "long"),
    ("m7irr", "double"),
    ("m7rpki", "double"),
    ("rpki_valid", "long"),
    ("rpki_invalid", "long"),
    ("rpki_not_found", "long"),
    ("irr_registered", "long"),
    ("m3", "long"),
    ("m4", "long"),
    ("caida_action1", "boolean"),
    ("caida_action4", "boolean"),
)
_PATHS_FLAG = "__routeguard_paths"


def _map_route_lines(
    prefix_col: str, path_col: str, relaxed: bool, on_error: str, batches: Iterable[Any]
) -> Iterator[Any]:
    """Each route as a canonical ``PREFIX PATH`` line, once per distinct AS
    of its path (the groups of :func:`observatory`)."""
    import pyarrow as pa  # type: ignore[import-untyped, unused-ignore]

    for batch in batches:
        asns: list[int] = []
        lines: list[str] = []
        prefixes = batch.column(prefix_col).to_pylist()
        paths = batch.column(path_col).to_pylist()
        for prefix, path in zip(prefixes, paths):
            if prefix is None or path is None:
                continue
            try:
                canonical = parse_prefix(prefix, relaxed=relaxed)
                as_path = AsPath(path)
            except _ROW_ERRORS as e:
                if on_error == "raise":
                    hint = "on_error='skip' leaves it out"
                    raise _row_error("observatory", [prefix_col, path_col], [prefix, path], e, hint) from e
                continue
            line = f"{canonical} {as_path}"
            for asn in sorted(set(as_path.asns)):
                asns.append(asn)
                lines.append(line)
        yield pa.RecordBatch.from_arrays(
            [pa.array(asns, pa.int64()), pa.array(lines, pa.string())], names=["asn", "line"]
        )


def _observatory_of(ds: Dataset, asn: int, lines: list[str], out: dict[str, list[Any]]) -> None:
    """Appends to ``out`` the observatory row of ``asn`` over the routes
    through it (all null but the ASN when it originates none of them), and
    whether these routes had paths (for CAIDA Action 1)."""
    rows = ds.manrs_observatory(lines)
    mine = [r for r in rows if r.asn == asn]
    out["asn"].append(asn)
    for name, _ in _OBSERVATORY[1:]:
        out[name].append(getattr(mine[0], name) if mine else None)
    out[_PATHS_FLAG].append(any(r.caida_action1 is not None for r in rows))


def _map_observatory(spec: _Spec, batches: Iterable[Any]) -> Iterator[Any]:
    """The rows of the ASes of a partition of (asn, line) rows sorted by
    ASN: one AS's routes at a time, however many batches they span."""
    import pyarrow as pa  # type: ignore[import-untyped, unused-ignore]

    ds: Dataset = _loaded(spec)
    arrow = {"long": pa.int64(), "double": pa.float64(), "boolean": pa.bool_()}
    schema = pa.schema([pa.field(n, arrow[t]) for n, t in _OBSERVATORY] + [pa.field(_PATHS_FLAG, pa.bool_())])
    current: int | None = None
    lines: list[str] = []

    def empty() -> dict[str, list[Any]]:
        return {name: [] for name in schema.names}

    for batch in batches:
        out = empty()
        for asn, line in zip(batch.column("asn").to_pylist(), batch.column("line").to_pylist()):
            if asn != current:
                if current is not None:
                    _observatory_of(ds, current, lines, out)
                current, lines = asn, []
            lines.append(line)
        yield pa.RecordBatch.from_pydict(out, schema=schema)
    if current is not None:
        out = empty()
        _observatory_of(ds, current, lines, out)
        yield pa.RecordBatch.from_pydict(out, schema=schema)


def observatory(
    df: DataFrame,
    *,
    vrps: _StrPath | None = None,
    irr: _StrPath | Sequence[_StrPath | tuple[str, _StrPath]] | None = None,
    asrel: _StrPath | None = None,
    bogons: _StrPath | Sequence[_StrPath] | None = None,
    slurm: _StrPath | None = None,
    prefix_col: str = "prefix",
    path_col: str = "path",
    vrp_format: str | None = None,
    irr_preference: Sequence[str] | None = None,
    strict: bool = False,
    relaxed: bool = False,
    on_error: Literal["raise", "skip"] = "raise",
) -> DataFrame:
    """The MANRS Observatory metrics of every origin AS of the routes in
    ``df``, one row per AS sorted by ASN: what ``routeguard manrs
    observatory --routes R --vrps VRPS --irr IRR... --asrel ASREL`` writes
    for the same routes (and :meth:`Dataset.manrs_observatory` gives), with
    the CLI's CSV columns: ``asn``, ``routes``, ``m7irr``, ``m7rpki``,
    ``rpki_valid``, ``rpki_invalid``, ``rpki_not_found``, ``irr_registered``,
    ``m3``, ``m4``, ``caida_action1``, ``caida_action4`` (null where the CLI
    leaves a cell empty).

    Each row of ``df`` is a route seen (a RIB entry or an announcement):
    ``prefix_col`` a string, ``path_col`` an AS path (string or array of
    integers; the origin is its rightmost AS). Rows with a null prefix or
    path are no routes. ``irr``: paths or ``(source, path)`` pairs, as for
    :class:`routeguard.Dataset`. ``strict`` as for :class:`routeguard.Dataset`:
    lenient by default, as the CLI reads IRR dumps (the CLI fails on a bad
    VRP record, though; ``strict=True`` fails on both). ``on_error="skip"``
    leaves malformed rows
    out instead of failing the job. See the module docs for how the work is
    spread (every route once per AS of its path, one AS at a time).
    """
    func = "observatory"
    _need_pyspark()
    _check_on_error(on_error, func, ("raise", "skip"))
    prefix_col, ptype = _column(df, prefix_col, func, "prefix_col")
    path_col, pathtype = _column(df, path_col, func, "path_col")
    _need_string(ptype, prefix_col, func)
    _need_path(pathtype, path_col, func)
    spec: _Spec = (
        "dataset",
        (
            ("vrps", _abs(vrps, "vrps")),
            ("slurm", _abs(slurm, "slurm")),
            ("irr", _irr_list(irr)),
            ("asrel", _abs(asrel, "asrel")),
            ("bogons", _abs_list(bogons, "bogons")),
            ("strict", strict),
            ("vrp_format", vrp_format),
            ("irr_preference", tuple(irr_preference) if irr_preference is not None else None),
        ),
    )
    _loaded(spec)
    from pyspark.sql import Window, types
    from pyspark.sql import functions as F

    lines = df.select(prefix_col, path_col).mapInArrow(
        partial(_map_route_lines, prefix_col, path_col, relaxed, on_error),
        types.StructType([types.StructField("asn", types.LongType()), types.StructField("line", types.StringType())]),
    )
    # Every AS's routes in one partition, sorted: evaluated one AS at a time.
    schema = ", ".join(f"{n} {t}" for n, t in _OBSERVATORY) + f", {_PATHS_FLAG} boolean"
    groups = lines.repartition("asn").sortWithinPartitions("asn").mapInArrow(partial(_map_observatory, spec), schema)
    # Action 1 is judged only when the whole table has paths (and VRPs and
    # AS relationships): a group without paths then judges none of its AS's
    # customer routes, as there are none through it, which is a pass.
    everywhere = F.max(_PATHS_FLAG).over(Window.partitionBy(F.lit(1)))
    action1 = F.when(F.col("caida_action1").isNull() & everywhere, F.lit(True)).otherwise(F.col("caida_action1"))
    return (
        groups.withColumn("caida_action1", action1)
        .where(F.col("routes").isNotNull())
        .drop(_PATHS_FLAG)
        .orderBy("asn")
    )
