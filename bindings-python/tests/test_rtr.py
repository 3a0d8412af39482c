"""RtrClient and Dataset(rtr=...): against the real StayRTR 0.5.1, started
here on loopback ports from a small JSON cache each test writes (reloaded
with SIGHUP for a serial update), and against a closed port. The StayRTR
tests use $ROUTEGUARD_STAYRTR or `stayrtr` on PATH; they skip when it is
missing, except with CI=true (scripts/setup.sh installs it).

StayRTR facts the cache relies on (see core/tests/common/stayrtr.rs): it
drops payloads whose `expires` passed (none here), reads ASPAs only from
`provider_authorizations {ipv4, ipv6}`, and answers "No Data Available"
until it has loaded the file (the fixture waits for its metrics)."""

from __future__ import annotations

import json
import os
import shutil
import signal
import socket
import subprocess
import threading
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

import routeguard
from routeguard import Dataset, RouteguardError, RovState, RtrClient, RtrError, RtrStatus

from conftest import in_ci
from test_gil import spin_during

# A P-256 public key (SubjectPublicKeyInfo, base64) for the router key.
PUBKEY = (
    "MFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAEfPko1kjDKZmTEuYoBZwmL1ZcfYNzausyXe+dBAIZwjSf"
    "WUakVlyfaV5g6QsUh1NdqvPVPYN9A2W6NgBzL7GGxQ=="
)
SKI = "510F485D29A29DB7B515F9C478F8ED3CB7AA7D23"

ROAS: list[dict[str, Any]] = [
    {"asn": 64500, "prefix": "192.0.2.0/24", "maxLength": 24, "ta": "ripe"},
    {"asn": 64501, "prefix": "198.51.100.0/22", "maxLength": 24, "ta": "arin"},
    {"asn": 0, "prefix": "203.0.113.0/24", "maxLength": 32, "ta": "apnic"},
    {"asn": 64502, "prefix": "2001:db8::/32", "maxLength": 48, "ta": "ripe"},
]
# Records of the first full load: 4 VRPs, 1 ASPA (ipv4 list only), 1 router key.
RECORDS = 6


def cache_json(roas: list[dict[str, Any]], providers: list[int] | None = None) -> bytes:
    """A StayRTR cache: the ROAs, AS64500's ASPA and a router key."""
    return json.dumps(
        {
            "metadata": {"buildtime": "2025-07-20T09:31:33Z", "vrps": len(roas)},
            "roas": roas,
            "bgpsec_keys": [{"asn": 64500, "ski": SKI, "pubkey": PUBKEY, "ta": "ripe"}],
            "provider_authorizations": {
                "ipv4": [{"customer_asid": 64500, "providers": providers or [64510, 64511]}],
                "ipv6": [],
            },
        }
    ).encode()


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


def stayrtr_binary() -> str:
    cand = os.environ.get("ROUTEGUARD_STAYRTR") or shutil.which("stayrtr")
    if cand and Path(cand).is_file():
        return cand
    msg = "stayrtr not found (apt install stayrtr, or set ROUTEGUARD_STAYRTR)"
    if in_ci():
        pytest.fail(msg + "; required under CI=true")
    pytest.skip(msg)


class StayRtr:
    """A StayRTR process serving `cache` on loopback ports."""

    def __init__(self, binary: str, cache: Path, data: bytes, extra: tuple[str, ...] = ()) -> None:
        self.cache = cache
        self.write(data)
        self.port = free_port()
        self.server = f"127.0.0.1:{self.port}"
        self.metrics = f"127.0.0.1:{free_port()}"
        self.log = cache.with_suffix(".log").open("wb")
        self.proc = subprocess.Popen(
            [
                binary,
                "-bind", self.server,
                "-metrics.addr", self.metrics,
                "-cache", str(cache),
                "-checktime=false",
                # Reloads only when a test asks (SIGHUP).
                "-refresh", "86400",
                *extra,
            ],
            stdin=subprocess.DEVNULL,
            stdout=self.log,
            stderr=subprocess.STDOUT,
        )
        self.wait_ready(60.0)

    def write(self, data: bytes) -> None:
        tmp = self.cache.with_suffix(".tmp")
        tmp.write_bytes(data)
        tmp.replace(self.cache)

    def metric(self, name: str) -> float | None:
        """The sum of a Prometheus metric's samples."""
        try:
            with urllib.request.urlopen(f"http://{self.metrics}/metrics", timeout=5) as r:
                text = r.read().decode()
        except OSError:
            return None
        values = [
            float(line.rsplit(" ", 1)[1])
            for line in text.splitlines()
            if not line.startswith("#") and (line.startswith(name + " ") or line.startswith(name + "{"))
        ]
        return sum(values) if values else None

    def wait_ready(self, limit: float) -> None:
        """Until the RTR port accepts and the VRPs are loaded."""
        end = time.monotonic() + limit
        while True:
            if self.proc.poll() is not None:
                raise AssertionError(f"stayrtr exited early ({self.proc.returncode}); see {self.log.name}")
            try:
                socket.create_connection(("127.0.0.1", self.port), timeout=0.2).close()
                listening = True
            except OSError:
                listening = False
            if listening and (self.metric("rpki_vrps") or 0) > 0:
                return
            assert time.monotonic() < end, f"stayrtr not ready after {limit} s"
            time.sleep(0.1)

    def reload(self, data: bytes) -> None:
        """Replaces the cache file and makes StayRTR read it now."""
        self.write(data)
        self.proc.send_signal(signal.SIGHUP)

    def stop(self) -> None:
        self.proc.kill()
        self.proc.wait()
        self.log.close()


@pytest.fixture
def stayrtr(tmp_path: Path) -> Iterator[StayRtr]:
    server = StayRtr(stayrtr_binary(), tmp_path / "cache.json", cache_json(ROAS))
    try:
        yield server
    finally:
        server.stop()


def state(ds: Dataset, prefix: str, origin: int) -> RovState:
    r = ds.validate(prefix, origin)
    assert r is not None, "the dataset has no payloads"
    return r.state


def test_first_update_has_the_payloads(stayrtr: StayRtr) -> None:
    with RtrClient("127.0.0.1", stayrtr.port) as c:
        assert c.server == stayrtr.server and not c.closed
        st = c.wait_update(timeout=30.0)
        assert st is not None, "no update within 30 s"
        assert isinstance(st, RtrStatus)
        assert st.generation == 1 and st.reset and st.connected and not st.stopped
        assert (st.announced, st.withdrawn) == (RECORDS, 0)
        assert st.version == 2 and st.session is not None and st.serial is not None
        assert st.peer == stayrtr.server
        assert st.last_error is None and st.last_error_code is None and st.no_data is None
        assert not st.expired
        assert st == c.status and "generation=1" in repr(st)

        ds = c.dataset
        assert isinstance(ds, Dataset)
        assert c.dataset is ds, "the same object until the next update"
        assert state(ds, "192.0.2.0/24", 64500) == RovState.VALID
        assert state(ds, "192.0.2.0/24", 64666) == RovState.INVALID
        assert state(ds, "198.51.100.0/24", 64501) == RovState.VALID
        assert state(ds, "198.51.100.0/25", 64501) == RovState.INVALID
        assert state(ds, "10.0.0.0/8", 64500) == RovState.NOT_FOUND
        assert state(ds, "2001:db8:1::/48", 64502) == RovState.VALID
        assert ds.vrps is not None and len(ds.vrps) == 4
        assert [(k.asn, k.ski.upper()) for k in ds.vrps.router_keys] == [(64500, SKI)]
        assert ds.aspas is not None and ds.aspas.providers(64500) == [64510, 64511]
        assert ds.format is None and ds.warnings == []
        assert repr(c).startswith(f"<RtrClient {stayrtr.server} generation=1")


def test_max_age_expires_the_data_then_reloads(stayrtr: StayRtr) -> None:
    # StayRTR polls hourly, so with max_age=0.4 the data expires, the
    # dataset goes back to the base (no payloads), and the client resets.
    with RtrClient("127.0.0.1", stayrtr.port, max_age=0.4) as c:
        first = c.wait_update(timeout=30.0)
        assert first is not None and not first.expired
        expired = c.wait_update(timeout=30.0)
        assert expired is not None and expired.expired, expired
        assert expired.session is None and expired.serial is None
        again = c.wait_update(timeout=30.0)
        assert again is not None and again.reset and not again.expired
        assert again.generation == expired.generation + 1
    with pytest.raises(ValueError, match="max_age"):
        RtrClient("127.0.0.1", stayrtr.port, max_age=0.0)


def test_serial_update_after_reload(stayrtr: StayRtr) -> None:
    with RtrClient("127.0.0.1", stayrtr.port) as c:
        first = c.wait_update(timeout=30.0)
        assert first is not None and first.serial is not None
        old = c.dataset
        old_vrps = old.vrps
        assert old_vrps is not None

        # One ROA withdrawn (AS64501's), one announced.
        changed = [r for r in ROAS if r["asn"] != 64501]
        changed.append({"asn": 64503, "prefix": "198.51.100.0/24", "maxLength": 24, "ta": "arin"})
        stayrtr.reload(cache_json(changed))
        # No explicit `after`: newer than the generation returned last.
        st = c.wait_update(timeout=30.0)
        assert st is not None, "no serial update within 30 s of the SIGHUP"
        assert st.generation == 2 and not st.reset
        assert (st.announced, st.withdrawn) == (1, 1)
        assert st.session == first.session and st.serial == (first.serial + 1) % 2**32

        new = c.dataset
        assert new is not old
        assert state(new, "198.51.100.0/24", 64501) == RovState.INVALID
        assert state(new, "198.51.100.0/24", 64503) == RovState.VALID
        assert new.vrps is not None and len(new.vrps) == 4
        # The old snapshot is unchanged.
        assert state(old, "198.51.100.0/24", 64501) == RovState.VALID
        assert state(old, "198.51.100.0/24", 64503) == RovState.INVALID
        assert old.vrps is old_vrps and len(old_vrps) == 4
        assert {v.asn for v in old_vrps} == {0, 64500, 64501, 64502}
        # Nothing newer: a timeout gives None; an explicit `after` looks back.
        assert c.wait_update(timeout=0.2) is None
        assert c.wait_update(timeout=0, after=1) == c.status


def test_base_and_version_pinned(stayrtr: StayRtr) -> None:
    slurm = json.dumps(
        {
            "slurmVersion": 1,
            "validationOutputFilters": {"prefixFilters": [{"asn": 64501}], "bgpsecFilters": []},
            "locallyAddedAssertions": {
                "prefixAssertions": [{"asn": 64999, "prefix": "10.0.0.0/8"}],
                "bgpsecAssertions": [],
            },
        }
    )
    base = Dataset.from_text(slurm=slurm, asrel="3356|64500|-1\n")
    with RtrClient("127.0.0.1", stayrtr.port, version=1, base=base, connect_timeout=5.0) as c:
        st = c.wait_update(timeout=30.0)
        assert st is not None and st.version == 1
        ds = c.dataset
        # The base's SLURM applies to the cache's payloads; its other inputs stay.
        assert state(ds, "198.51.100.0/24", 64501) == RovState.NOT_FOUND
        assert state(ds, "10.0.0.0/8", 64999) == RovState.VALID
        assert state(ds, "192.0.2.0/24", 64500) == RovState.VALID
        assert ds.relations is not None and len(ds.relations) == 1
        # Version 1 has no ASPA PDUs.
        assert ds.aspas is not None and len(ds.aspas) == 0
    # The base itself is untouched.
    assert base.validate("192.0.2.0/24", 64500) is None


def test_close_stops_and_keeps_the_last_dataset(stayrtr: StayRtr) -> None:
    c = RtrClient("127.0.0.1", stayrtr.port)
    assert c.wait_update(timeout=30.0) is not None
    ds = c.dataset
    # A waiter in another thread (no timeout) is released by close().
    got: list[RtrStatus | None] = []
    waiter = threading.Thread(target=lambda: got.append(c.wait_update()))
    waiter.start()
    time.sleep(0.3)
    t = time.monotonic()
    c.close()
    waiter.join(10.0)
    assert not waiter.is_alive() and time.monotonic() - t < 5.0
    assert len(got) == 1 and got[0] is not None and got[0].stopped
    st = c.status
    assert c.closed and st.stopped and not st.connected and st.generation == 1
    assert "closed" in repr(c)
    # Idempotent; the last dataset stays; waits return at once.
    c.close()
    with c:
        pass
    assert c.dataset is ds and state(ds, "192.0.2.0/24", 64500) == RovState.VALID
    w = c.wait_update(timeout=10.0)
    assert w is not None and w.stopped


def test_one_shot_load(stayrtr: StayRtr) -> None:
    ds = Dataset(rtr=stayrtr.server)
    assert ds.vrps is not None and len(ds.vrps) == 4 and len(ds.vrps.router_keys) == 1
    assert ds.aspas is not None and ds.aspas.providers(64500) == [64510, 64511]
    assert state(ds, "192.0.2.0/24", 64500) == RovState.VALID
    assert state(ds, "203.0.113.0/24", 64500) == RovState.INVALID
    assert "4 VRPs, 1 ASPAs" in repr(ds)
    slurm = '{"slurmVersion": 1, "validationOutputFilters": {"prefixFilters": [{"prefix": "192.0.2.0/24"}], "bgpsecFilters": []}, "locallyAddedAssertions": {"prefixAssertions": [], "bgpsecAssertions": []}}'
    filtered = Dataset(
        rtr=stayrtr.server,
        slurm=slurm.encode(),
        rtr_options={"version": 1, "connect_timeout": 5.0, "response_timeout": 10.0, "aspa_layout": "auto"},
    )
    assert filtered.vrps is not None and len(filtered.vrps) == 3
    assert state(filtered, "192.0.2.0/24", 64500) == RovState.NOT_FOUND
    assert filtered.aspas is not None and len(filtered.aspas) == 0  # version 1: no ASPA


def test_closed_port() -> None:
    port = free_port()  # nothing listens there
    with RtrClient("127.0.0.1", port, connect_timeout=2.0, backoff_min=0.2, backoff_max=1.0) as c:
        assert c.wait_update(timeout=0.5) is None
        end = time.monotonic() + 10.0
        st = c.status
        while st.last_error is None and time.monotonic() < end:
            time.sleep(0.05)
            st = c.status
        assert st.last_error_code == "connect", st
        assert st.last_error is not None and f"127.0.0.1:{port}" in st.last_error
        assert not st.connected and st.generation == 0 and st.peer is None
        # No data yet: no payloads.
        assert c.dataset.vrps is None and c.dataset.validate("192.0.2.0/24", 64500) is None
    with pytest.raises(RtrError) as e:
        Dataset(rtr=f"127.0.0.1:{port}", rtr_options={"connect_timeout": 2.0})
    assert isinstance(e.value, RouteguardError)
    assert (e.value.kind, e.value.code) == ("rtr", "connect")
    assert str(e.value).startswith(f"rtr://127.0.0.1:{port}: ")


def test_wait_update_releases_the_gil() -> None:
    """Another Python thread keeps running while wait_update blocks."""
    with RtrClient("127.0.0.1", free_port(), connect_timeout=1.0) as c:
        max_gap, elapsed, result = spin_during(lambda: c.wait_update(timeout=1.5))
    assert result is None and elapsed >= 1.4
    assert max_gap < 0.5 * elapsed, f"the GIL looks held: max_gap={max_gap:.3f}s of {elapsed:.3f}s"


@pytest.mark.skipif(not hasattr(signal, "setitimer"), reason="needs signal.setitimer (POSIX)")
def test_wait_update_lets_signals_through() -> None:
    """A wait without a timeout still runs Python signal handlers (Ctrl-C)."""

    class Alarm(Exception):
        pass

    def on_alarm(signum: int, frame: object) -> None:
        raise Alarm

    old = signal.signal(signal.SIGALRM, on_alarm)
    try:
        with RtrClient("127.0.0.1", free_port(), backoff_min=0.1, backoff_max=0.2) as c:
            signal.setitimer(signal.ITIMER_REAL, 0.3)
            t = time.monotonic()
            with pytest.raises(Alarm):
                c.wait_update()
            assert time.monotonic() - t < 2.0
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, old)


def test_bad_arguments() -> None:
    with pytest.raises(ValueError, match="version"):
        RtrClient("127.0.0.1", 1, version=3)  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="aspa_layout"):
        RtrClient("127.0.0.1", 1, aspa_layout="bis12")  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="connect_timeout"):
        RtrClient("127.0.0.1", 1, connect_timeout=0)
    with RtrClient("127.0.0.1", 1) as c:
        with pytest.raises(ValueError, match="timeout"):
            c.wait_update(timeout=-1)
    with pytest.raises(ValueError, match="not both"):
        Dataset(rtr="127.0.0.1:1", vrps=b"")
    with pytest.raises(ValueError, match="rtr_options without rtr"):
        Dataset(rtr_options={"version": 1})
    backoff: Any = {"backoff_min": 1.0}  # a client option, not a one-shot load's
    with pytest.raises(TypeError, match="unknown RTR option"):
        Dataset(rtr="127.0.0.1:1", rtr_options=backoff)
    assert routeguard.RtrError.kind == "rtr"
