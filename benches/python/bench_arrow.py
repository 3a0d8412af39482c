"""Origin validation of the RouteViews pfx2as table (1.4 M routes) against
the josephine VRPs from Python: `Dataset.validate_arrow` over Arrow columns
beside `VrpSet.validate_many` over tuples, one core, with the resident
memory each call adds. Usage:

    ROUTEGUARD_DATA=../shared/data python benches/python/bench_arrow.py [REPEATS]

Prints one line per measurement (best of REPEATS wall times)."""

from __future__ import annotations

import gzip
import os
import resource
import sys
import time
from pathlib import Path

import pyarrow as pa
import routeguard

DATA = Path(os.environ.get("ROUTEGUARD_DATA", Path(__file__).resolve().parents[3] / "shared" / "data"))
VRPS = DATA / "vrps/rpki-client_josephine_2025-07-20T093133Z.json.bz2"
PFX2AS = DATA / "bgp/pfx2as/routeviews-rv2-20240406.pfx2as.gz"


def rss_mib() -> float:
    with open("/proc/self/status") as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return float("nan")


def routes(vrps: routeguard.VrpSet) -> tuple[list[str], list[int]]:
    """The table of the Rust benches (benches/src/lib.rs `data::pfx2as` and
    `v6_vrp_routes`): the pfx2as routes (MOAS: the first ASN; AS sets and
    AS0 skipped), then one route per IPv6 VRP (AS0 skipped)."""
    prefixes, origins = [], []
    with gzip.open(PFX2AS, "rt") as f:
        for line in f:
            addr, length, asn = line.rstrip("\n").split("\t")
            first = asn.split("_")[0]
            if "," in first or first == "0":
                continue
            prefixes.append(f"{addr}/{length}")
            origins.append(int(first))
    for v in vrps:
        if ":" in v.prefix and v.asn != 0:
            prefixes.append(v.prefix)
            origins.append(v.asn)
    return prefixes, origins


def best(f, repeats: int) -> tuple[float, float, object]:
    """Best wall time and best CPU time of this thread (the call runs on
    it: one core), and the last result."""
    walls, cpus, out = [], [], None
    for _ in range(repeats):
        c, t = time.thread_time(), time.perf_counter()
        out = f()
        walls.append(time.perf_counter() - t)
        cpus.append(time.thread_time() - c)
    return min(walls), min(cpus), out


def rate(n: int, wall: float, cpu: float) -> str:
    return f"{wall*1e3:.1f} ms wall, {n/wall/1e6:.1f} M routes/s wall, {n/cpu/1e6:.1f} M routes/s CPU"


def main() -> None:
    repeats = int(sys.argv[1]) if len(sys.argv) > 1 else 5
    ds = routeguard.Dataset(vrps=VRPS)
    vrps = ds.vrps
    assert vrps is not None
    prefixes, origins = routes(vrps)
    n = len(prefixes)
    p = pa.array(prefixes, pa.string())
    o = pa.array(origins, pa.uint32())
    pl_p, pl_o = None, None
    try:
        import polars as pl

        pl_p, pl_o = pl.Series(prefixes), pl.Series(origins, dtype=pl.UInt32)
    except ImportError:
        pass
    print(f"routes {n:,}; python {sys.version.split()[0]}; pyarrow {pa.__version__}")
    print(f"load average {os.getloadavg()}")
    base = rss_mib()
    w, c, out = best(lambda: ds.validate_arrow(p, o), repeats)
    print(f"validate_arrow pyarrow utf8: {rate(n, w, c)}; result {out.nbytes/2**20:.2f} MiB; "
          f"RSS +{rss_mib()-base:.1f} MiB")
    if pl_p is not None:
        w, c, _ = best(lambda: ds.validate_arrow(pl_p, pl_o), repeats)
        print(f"validate_arrow polars Series (string_view): {rate(n, w, c)}")
    large = p.cast(pa.large_string())
    w, c, _ = best(lambda: ds.validate_arrow(large, o), repeats)
    print(f"validate_arrow pyarrow large_utf8: {rate(n, w, c)}")
    w, c, _ = best(lambda: ds.validate_arrow(p, o, reasons=True), repeats)
    print(f"validate_arrow reasons=True: {rate(n, w, c)}")
    import random

    order = list(range(n))
    random.Random(14).shuffle(order)
    ps, os_ = p.take(pa.array(order)), o.take(pa.array(order))
    w, c, _ = best(lambda: ds.validate_arrow(ps, os_), repeats)
    print(f"validate_arrow shuffled rows: {rate(n, w, c)}")
    tuples = list(zip(prefixes, origins))
    before = rss_mib()
    w, c, res = best(lambda: vrps.validate_many(tuples), min(repeats, 3))
    print(f"validate_many tuples: {rate(n, w, c)}; RSS +{rss_mib()-before:.1f} MiB")
    del res
    print(f"peak RSS {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss/1024:.0f} MiB; load average {os.getloadavg()}")


if __name__ == "__main__":
    main()
