"""The exception classes: every error carries the core error's ``code``;
RPSL errors are ``RpslError``, a ``ParseError``; every IRR query failure is
an ``IrrQueryError``."""

from __future__ import annotations

import socket
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import routeguard
from routeguard import IrrDb, IrrQueryError, ParseError, RpslError

DUMP = "as-set: AS-ONE\nmembers: AS64500\nsource: TEST\n\nroute: 192.0.2.0/24\norigin: AS64500\nsource: TEST\n"


def test_every_irr_query_failure_is_an_irr_query_error() -> None:
    db = IrrDb.from_text(DUMP)
    calls: list[Callable[[], Any]] = [
        lambda: db.expand_as_set("AS-NOPE"),
        lambda: db.expand_as_set_details("AS-NOPE"),
        lambda: db.set_members("AS-NOPE"),
        lambda: db.set_prefixes("AS-NOPE"),
        lambda: db.expand_route_set("RS-NOPE"),
    ]
    for call in calls:
        with pytest.raises(IrrQueryError) as e:
            call()
        assert isinstance(e.value, LookupError)
        assert (e.value.kind, e.value.code) == ("irr", "set-not-found")
        assert str(e.value).startswith("set not found: ")


def test_rpsl_errors_are_parse_errors_with_code_and_line() -> None:
    bad = "route: 192.0.2.0/24\nsource: TEST\n"
    with pytest.raises(RpslError) as e:
        routeguard.parse_rpsl(bad)
    assert isinstance(e.value, ParseError) and isinstance(e.value, ValueError)
    assert (e.value.kind, e.value.code, e.value.line, e.value.column) == ("parse", "missing-attribute", 1, 1)
    assert str(e.value) == 'line 1, column 1: route object lacks mandatory attribute "origin"'
    # `except ParseError` keeps catching IRR load errors.
    with pytest.raises(ParseError) as e2:
        IrrDb.from_text("blah: x\nsource: TEST\n", strict=True)
    assert type(e2.value) is RpslError and e2.value.code == "unknown-class" and e2.value.line == 1


def test_rpsl_errors_from_files(tmp_path: Path) -> None:
    p = tmp_path / "irr.db"
    p.write_text("route: 192.0.2.0/24\norigin: AS64500\nmnt-by: M\nsource: TEST\n\nbroken\n")
    with pytest.raises(RpslError) as e:
        IrrDb.from_files([p], strict=True)
    assert (e.value.kind, e.value.code, e.value.line) == ("parse", "syntax", 6)


def test_codes_on_other_errors(tmp_path: Path) -> None:
    with pytest.raises(routeguard.ModelError) as m:
        routeguard.Vrp("192.0.2.1/24", 24, 64500)
    assert (m.value.kind, m.value.code) == ("model", "host-bits-set")
    with pytest.raises(ParseError) as p:
        routeguard.VrpSet.from_csv("ASN,IP Prefix,Max Length,Trust Anchor\nAS1,nope,24,x\n")
    assert type(p.value) is ParseError and p.value.code == "invalid-prefix" and p.value.line == 2
    with pytest.raises(routeguard.SlurmError) as s:
        routeguard.VrpSet.from_csv("ASN,IP Prefix,Max Length,Trust Anchor\n", slurm="{")
    assert (s.value.kind, s.value.code) == ("slurm", "invalid-json")
    with pytest.raises(routeguard.RouteguardIoError) as i:
        routeguard.VrpSet.from_file(tmp_path / "missing.json")
    assert i.value.code == "open"
    assert routeguard.RouteguardError.code == "error"


def test_rtr_errors_carry_the_client_code() -> None:
    """A one-shot RTR load that cannot connect raises RtrError (kind rtr)."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]  # closed once the block ends: nothing listens
    with pytest.raises(routeguard.RtrError) as e:
        routeguard.Dataset(rtr=f"127.0.0.1:{port}")
    assert isinstance(e.value, routeguard.RouteguardError)
    assert (e.value.kind, e.value.code) == ("rtr", "connect")
    assert str(e.value).startswith(f"rtr://127.0.0.1:{port}: cannot connect to 127.0.0.1:{port}")
