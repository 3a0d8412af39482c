"""``routeguard.decode``: RPKI objects decoded, not validated: the shared
ROAs and ASPAs, the core's ``.cer`` fixture, bytes and paths, and typed
errors (``RpkiObjectError`` is a ``ParseError``; a missing file is a
``FileNotFoundError``)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Callable

import pytest
import routeguard
from routeguard import DecodedObject, ParseError, ResourceCert, RpkiObjectError, Vrp

CER = Path(__file__).resolve().parents[2] / "core/tests/fixtures/rpki/Hf1ZR31W9DN5QSF6xJEO5qgH4ac-ee.cer"
REGRESS = "rpki-objects/rpki-client-regress"


def test_cer_fixture() -> None:
    for source in (CER, str(CER), CER.read_bytes(), bytearray(CER.read_bytes())):
        obj = routeguard.decode(source)
        assert isinstance(obj, DecodedObject)
        assert obj.kind == "cer"
        assert obj.asn is None and obj.aspa is None and obj.vrps == [] and obj.prefixes == []
        assert obj.signing_time is None
        cert = obj.cert
        assert isinstance(cert, ResourceCert)
        assert cert.serial == "6"
        assert cert.ski == "1DFD59477D56F4337941217AC4910EE6A807E1A7"
        assert cert.aki == "463419E6948BEEB8887051A1766E2216D21A964A"
        assert (cert.not_before, cert.not_after) == (1560652803, 1593561600)
        assert cert.ipv4 == ["147.28.0.0/16", "192.83.230.0/24", "198.180.151.0/24", "198.180.153.0/24"]
        assert cert.ipv6 is None and cert.asns is None
        assert not cert.is_ca
        assert cert.rpki_notify == "https://ca.rg.net/rrdp/notify.xml"
        assert "serial='6'" in repr(cert)
    text = routeguard.decode(CER).to_text("ee.cer")
    assert text.startswith("# decoded, not validated")
    assert "\nfile:           ee.cer\n" in text


def test_shared_roa_and_aspa(data_file: Callable[[str], Path]) -> None:
    roa = routeguard.decode(data_file(f"{REGRESS}/roa/4DAr1VXnjh69GoQkxjmIQdkRVtQ.roa"))
    assert roa.kind == "roa"
    assert roa.asn == 203274
    assert roa.prefixes == [("198.133.206.0/24", None)]
    assert roa.vrps == [Vrp("198.133.206.0/24", 24, 203274)]
    assert roa.cert.ipv4 == ["198.133.206.0/24"]
    assert repr(roa).startswith("DecodedObject(kind='roa', asn=203274")
    j = json.loads(roa.to_json("x.roa"))
    assert j["file"] == "x.roa"
    assert j["vrps"] == [{"asn": 203274, "prefix": "198.133.206.0/24", "maxLength": 24, "max_length_given": False}]
    multi = routeguard.decode(data_file(f"{REGRESS}/roa/Hf1ZR31W9DN5QSF6xJEO5qgH4ac.roa"))
    assert [v.prefix for v in multi.vrps] == ["147.28.0.0/16", "192.83.230.0/24", "198.180.151.0/24", "198.180.153.0/24"]
    assert multi.cert.serial == routeguard.decode(CER).cert.serial
    aspa = routeguard.decode(data_file(f"{REGRESS}/aspa/5m80fwYws_3FiFD7JiQjAqZ1RYQ.asa").read_bytes(), kind="aspa")
    assert aspa.kind == "aspa"
    assert aspa.aspa is not None
    assert (aspa.aspa.customer, aspa.aspa.providers) == (15562, [2914, 8283, 51088, 206238])
    assert aspa.cert.asns == ["AS15562"]
    assert aspa.cert.ipv4 is None
    assert aspa.signing_time is not None and aspa.cert.not_before <= aspa.signing_time <= aspa.cert.not_after


def test_errors_are_typed(tmp_path: Path) -> None:
    with pytest.raises(RpkiObjectError) as e:
        routeguard.decode(b"not DER")
    assert e.value.code == "unrecognised"
    assert isinstance(e.value, ParseError) and e.value.kind == "parse"
    with pytest.raises(RpkiObjectError) as e:
        routeguard.decode(CER, kind="roa")
    assert e.value.code == "malformed"
    assert str(e.value).startswith(f"{CER}: cannot decode as ROA (RFC 6482): ")
    cut = tmp_path / "cut.cer"
    cut.write_bytes(CER.read_bytes()[:500])
    with pytest.raises(ParseError, match="cannot decode as resource certificate"):
        routeguard.decode(cut)
    with pytest.raises(FileNotFoundError) as f:
        routeguard.decode(tmp_path / "missing.roa")
    assert isinstance(f.value, routeguard.RouteguardIoError)
    with pytest.raises(routeguard.ModelError):
        routeguard.decode(CER, kind="mft")  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        routeguard.decode(42)  # type: ignore[arg-type]
