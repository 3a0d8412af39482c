"""WhoisClient: against small local servers written here (timeouts, server
errors, answer kinds, the GIL released while waiting) and against the real
IRRd 4.5.4 lab peer, whose answers must equal a local IrrDb built from the
same RPSL files. The IRRd tests use $ROUTEGUARD_IRRD (host:port) or
127.0.0.1:8043; they skip when nothing answers, except with CI=true."""

from __future__ import annotations

import os
import socket
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
import routeguard
from routeguard import IrrDb, WhoisClient

from conftest import in_ci


class FakeServer:
    """A loopback TCP server; `answer(line)` gives the bytes sent back for
    each query line (None: say nothing)."""

    def __init__(self, answer: Callable[[str], bytes | None]) -> None:
        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(8)
        self.port: int = self.sock.getsockname()[1]
        self.answer = answer
        self.conns: list[socket.socket] = []
        self.thread = threading.Thread(target=self._run, daemon=True)
        self.thread.start()

    def _run(self) -> None:
        while True:
            try:
                conn, _ = self.sock.accept()
            except OSError:
                return
            self.conns.append(conn)
            threading.Thread(target=self._serve, args=(conn,), daemon=True).start()

    def _serve(self, conn: socket.socket) -> None:
        buf = b""
        try:
            while True:
                data = conn.recv(4096)
                if not data:
                    return
                buf += data
                while b"\n" in buf:
                    line, buf = buf.split(b"\n", 1)
                    out = self.answer(line.decode().strip())
                    if out is not None:
                        conn.sendall(out)
        except OSError:
            return

    def close(self) -> None:
        self.sock.close()
        for c in self.conns:
            c.close()


def irrd_like(line: str) -> bytes | None:
    if line == "!!":
        return None
    if line.startswith("!n") or line.startswith("!s") or line.startswith("!t"):
        return b"C\n"
    if line == "!gAS64500":
        data = b"192.0.2.0/24 198.51.100.0/24\n"
        return b"A%d\n%sC\n" % (len(data), data)
    if line == "!gAS64501":
        return b"C\n"
    if line == "!gAS64502":
        return b"D\n"
    if line.startswith("!"):
        return b"F Unrecognised command\n"
    return b"%  No entries found for the selected source(s).\n\n\n"


@pytest.fixture
def fake() -> Iterator[FakeServer]:
    s = FakeServer(irrd_like)
    yield s
    s.close()


@pytest.fixture
def silent() -> Iterator[FakeServer]:
    s = FakeServer(lambda line: None)
    yield s
    s.close()


def test_answer_kinds(fake: FakeServer) -> None:
    with WhoisClient("127.0.0.1", fake.port, timeout=5) as c:
        assert c.query("!gAS64500") == "192.0.2.0/24 198.51.100.0/24"
        assert c.query("!gAS64501") == ""
        assert c.query("!gAS64502") is None
        assert c.prefixes("AS64500") == ["192.0.2.0/24", "198.51.100.0/24"]
        assert c.prefixes(64501) == []
        assert c.pipeline(["!gAS64500", "!gAS64502", "!gAS64501"]) == ["192.0.2.0/24 198.51.100.0/24", None, ""]
        assert c.ripe("-T route 192.0.2.0/24") is None
        assert not c.closed
    assert c.closed
    assert repr(c) == f"<WhoisClient 127.0.0.1:{fake.port} closed>"


def test_server_error_raises(fake: FakeServer) -> None:
    with WhoisClient("127.0.0.1", fake.port, timeout=5) as c:
        with pytest.raises(routeguard.WhoisServerError) as e:
            c.query("!xyz")
        assert str(e.value) == "whois server error: Unrecognised command"
        assert e.value.reason == "server" and e.value.kind == "whois"
        assert isinstance(e.value, routeguard.WhoisError) and isinstance(e.value, routeguard.RouteguardError)
        with pytest.raises(routeguard.WhoisServerError):
            c.version()
        with pytest.raises(routeguard.WhoisServerError):
            c.pipeline(["!gAS64500", "!bad"])
        # the connection stays usable after an F answer
        assert c.query("!gAS64501") == ""


def test_invalid_queries(fake: FakeServer) -> None:
    with WhoisClient("127.0.0.1", fake.port, timeout=5) as c:
        with pytest.raises(routeguard.WhoisError) as e:
            c.query("!gAS1\n!gAS2")
        assert e.value.reason == "invalid-query"
        with pytest.raises(routeguard.WhoisError, match="bad set name"):
            c.set_members("AS-A B")
        with pytest.raises(ValueError, match="mode must be"):
            c.route_search("192.0.2.0/24", "sideways")  # type: ignore[arg-type]
        with pytest.raises(ValueError, match="family"):
            c.prefixes(1, 5)  # type: ignore[arg-type]
        with pytest.raises(routeguard.ModelError):
            c.route_origins("192.0.2.1/24")


def test_connect_timeout_on_a_silent_server(silent: FakeServer) -> None:
    t0 = time.monotonic()
    # the client name query (!n) never gets its answer
    with pytest.raises(routeguard.WhoisTimeoutError) as e:
        WhoisClient("127.0.0.1", silent.port, timeout=0.3)
    assert time.monotonic() - t0 < 5
    assert isinstance(e.value, TimeoutError) and e.value.reason == "timeout"
    assert str(e.value).startswith("whois read timed out after 300ms")


def test_query_timeout_releases_the_gil(silent: FakeServer) -> None:
    c = WhoisClient("127.0.0.1", silent.port, timeout=0.6, client_name=None, idle_timeout=None)
    counter = 0
    stop = threading.Event()

    def spin() -> None:
        nonlocal counter
        while not stop.is_set():
            counter += 1

    t = threading.Thread(target=spin)
    t.start()
    try:
        t0 = time.monotonic()
        with pytest.raises(routeguard.WhoisTimeoutError):
            c.query("!gAS1")
        elapsed = time.monotonic() - t0
    finally:
        stop.set()
        t.join()
    assert 0.5 < elapsed < 5
    # the other thread ran Python code while the query waited
    assert counter > 10_000
    # after a timeout the byte stream is out of step: the connection refuses
    with pytest.raises(routeguard.WhoisConnectionError) as e:
        c.query("!gAS1")
    assert e.value.reason == "closed"
    c.close()
    c.close()


def test_connect_refused() -> None:
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()
    with pytest.raises(routeguard.WhoisConnectionError) as e:
        WhoisClient("127.0.0.1", port, timeout=2)
    assert isinstance(e.value, ConnectionError) and e.value.reason == "connect"
    assert str(e.value).startswith(f"cannot connect to 127.0.0.1:{port}: ")
    with pytest.raises(ValueError, match="timeout"):
        WhoisClient("127.0.0.1", port, timeout=0)


# --- the real IRRd lab peer ----------------------------------------------------


def irrd_address() -> tuple[str, int]:
    addr = os.environ.get("ROUTEGUARD_IRRD", "127.0.0.1:8043")
    host, _, port = addr.rpartition(":")
    host = host.strip("[]")
    try:
        with socket.create_connection((host, int(port)), timeout=2) as s:
            s.sendall(b"!!\n!v\n")
            s.settimeout(5)
            if s.recv(64).startswith(b"A"):
                return host, int(port)
    except OSError:
        pass
    msg = f"no IRRd answers on {addr} (scripts/irrd.sh start; set ROUTEGUARD_IRRD=host:port)"
    if in_ci():
        pytest.fail(msg)
    pytest.skip(msg)


@pytest.fixture(scope="module")
def irrd() -> Iterator[WhoisClient]:
    host, port = irrd_address()
    with WhoisClient(host, port, timeout=30) as c:
        yield c


@pytest.fixture(scope="module")
def lab_db(peer_file: Callable[[str], Path]) -> IrrDb:
    """What the lab serves: TESTDB and OTHERDB."""
    return IrrDb.from_files(
        [("TESTDB", peer_file("irrd/testdb.rpsl")), ("OTHERDB", peer_file("irrd/otherdb.rpsl"))], strict=True
    )


def test_irrd_prefixes_equal_local_db(irrd: WhoisClient, lab_db: IrrDb) -> None:
    raw = irrd.query("!gAS65001")
    assert raw is not None
    local = [r["prefix"] for r in lab_db.routes_by_origin("AS65001") if ":" not in r["prefix"]]
    assert sorted(raw.split()) == sorted(local)
    assert set(irrd.prefixes("AS65001")) == set(lab_db.set_prefixes("AS65001", 4))
    assert set(irrd.prefixes("AS65001", 6)) == set(lab_db.set_prefixes("AS65001", 6))
    assert irrd.prefixes("AS65099") == [] == lab_db.set_prefixes("AS65099")


def test_irrd_set_expansion_equals_local_db(irrd: WhoisClient, lab_db: IrrDb) -> None:
    raw = irrd.query("!iAS-A,1")
    assert raw is not None
    assert sorted(raw.split()) == sorted(lab_db.expand_as_set("AS-A"))
    for name in ("AS-A", "AS-B", "AS-C", "AS-E", "AS65000:AS-CUST", "AS65001:AS-CUSTOMERS"):
        assert set(irrd.set_members(name, recursive=True)) == set(lab_db.expand_as_set(name)), name
        assert set(irrd.set_prefixes(name)) == set(lab_db.set_prefixes(name)), name
    assert set(irrd.set_members("AS-A")) == set(lab_db.set_members("AS-A"))
    assert irrd.set_members("AS-NOPE", recursive=True) == []


def test_irrd_lookups(irrd: WhoisClient, lab_db: IrrDb) -> None:
    assert irrd.version().startswith("IRRd -- version 4.")
    # The lab's two sources first; scripts/irrd.sh adds the filter fixtures after them.
    assert irrd.source_list()[:2] == ["TESTDB", "OTHERDB"]
    assert [s["source"] for s in irrd.serials()] == irrd.source_list()
    o = irrd.object("route", "192.0.2.0/24AS65001")
    assert o is not None and o["class"] == "route" and o["source"] == "TESTDB"
    local = lab_db.lookup("192.0.2.0/24")
    assert ("origin", "AS65001") in o["attributes"]
    assert any(("origin", "AS65001") in x["attributes"] for x in local)
    assert irrd.object("route", "10.0.0.0/8AS1") is None
    assert irrd.route_origins("192.0.2.0/24") == sorted({r["origin"] for r in lab_db.routes("192.0.2.0/24")})
    more = irrd.route_objects("192.0.2.0/24", "all-more")
    assert {x["key"] for x in more} == {r["prefix"] for r in lab_db.routes("192.0.2.0/24", "more-specific")}
    assert irrd.route_search("10.0.0.0/8") is None
    ripe = irrd.ripe("-s OTHERDB -T as-set AS65000:AS-CUST")
    assert ripe is not None and ripe.startswith("as-set:")
    with pytest.raises(routeguard.WhoisServerError):
        irrd.query("!xnot-a-command")
    irrd.sources(["OTHERDB"])
    try:
        assert irrd.source_list() == ["OTHERDB"]
        assert irrd.prefixes("AS65001") == []
    finally:
        irrd.sources(["TESTDB", "OTHERDB"])


def test_idle_timeout_is_sent_as_bang_t(fake: FakeServer) -> None:
    lines: list[str] = []

    def record(line: str) -> bytes | None:
        lines.append(line)
        return irrd_like(line)

    fake.answer = record
    with WhoisClient("127.0.0.1", fake.port, timeout=5, client_name="probe", idle_timeout=119.5) as c:
        assert c.query("!gAS64501") == ""
    assert lines[:4] == ["!!", "!nprobe", "!t120", "!gAS64501"]
    with pytest.raises(ValueError, match="idle_timeout"):
        WhoisClient("127.0.0.1", fake.port, timeout=5, idle_timeout=0)


def test_irrd_idle_timeout() -> None:
    host, port = irrd_address()
    with WhoisClient(host, port, timeout=30, idle_timeout=1000) as c:
        assert c.version().startswith("IRRd -- version 4.")
    with WhoisClient(host, port, timeout=30, idle_timeout=None) as c:
        assert c.version().startswith("IRRd -- version 4.")
    with pytest.raises(routeguard.WhoisServerError, match="Invalid value for timeout"):
        WhoisClient(host, port, timeout=30, idle_timeout=1001)
