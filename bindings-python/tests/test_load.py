"""Loading every format, from text and from files, strict and lenient; SLURM."""

from __future__ import annotations

import bz2
import gzip
import pathlib

import pytest
import routeguard
from conftest import BIRD2, OPENBGPD, ROUTINATOR_CSV, RPKI_CLIENT_JSON, SAMPLE_KEYS, SLURM_EXPORT
from routeguard import VrpSet


def keys(s: VrpSet) -> set[tuple[str, int, int]]:
    return {(v.prefix, v.max_length, v.asn) for v in s}


@pytest.mark.parametrize(
    ("text", "fmt"),
    [
        (RPKI_CLIENT_JSON, "json"),
        (ROUTINATOR_CSV, "csv"),
        (OPENBGPD, "openbgpd"),
        (BIRD2, "bird"),
        (SLURM_EXPORT, "slurm"),
    ],
)
def test_each_format_sniffed_and_named(text: str, fmt: str) -> None:
    sniffed = VrpSet.from_text(text)
    named = VrpSet.from_text(text, fmt)
    for s in (sniffed, named):
        assert len(s) == 4
        assert keys(s) == SAMPLE_KEYS
        assert s.format == fmt
        assert s.warnings == [] and s.skipped == 0


def test_from_json_and_csv_accept_str_and_bytes() -> None:
    for data in (RPKI_CLIENT_JSON, RPKI_CLIENT_JSON.encode(), bytearray(RPKI_CLIENT_JSON.encode())):
        assert keys(VrpSet.from_json(data)) == SAMPLE_KEYS
    for data in (ROUTINATOR_CSV, ROUTINATOR_CSV.encode()):
        assert keys(VrpSet.from_csv(data)) == SAMPLE_KEYS
    with pytest.raises(TypeError):
        VrpSet.from_json(42)  # type: ignore[arg-type]


def test_rpki_client_json_details() -> None:
    s = VrpSet.from_json(RPKI_CLIENT_JSON)
    v = s[0]
    assert (v.prefix, v.max_length, v.asn, v.ta, v.expires) == ("192.0.2.0/24", 24, 64500, "ripe", 1753453058)
    assert s[-1].prefix == "2001:db8::/32"
    with pytest.raises(IndexError):
        s[4]
    assert s.generated == 1753003893
    [aspa] = s.aspas
    assert aspa.customer == 64500
    assert aspa.providers == [64510, 64511]  # sorted
    assert aspa.expires == 1753070425
    [key] = s.router_keys
    assert key.asn == 64500 and key.ski == "510F485D29A29DB7B515F9C478F8ED3CB7AA7D23"
    assert key.ta == "ripe"
    assert "Aspa(customer=64500" in repr(aspa)
    assert repr(s) == "<VrpSet 4 VRPs, 1 ASPAs, 1 router keys>"


def test_openbgpd_aspa() -> None:
    s = VrpSet.from_text(OPENBGPD, "openbgpd")
    assert [(a.customer, a.providers) for a in s.aspas] == [(64500, [64510, 64511])]


def test_stayrtr_and_bare_array_json() -> None:
    stay = '{"roas": [{"prefix": "192.0.2.0/24", "maxLength": 24, "asn": "AS64500", "ta": "ripe"}]}'
    bare = '[{"prefix": "192.0.2.0/24", "maxLength": 24, "asn": "64500"}]'
    for text in (stay, bare):
        assert keys(VrpSet.from_json(text)) == {("192.0.2.0/24", 24, 64500)}


def test_iteration_len_and_vrp_objects() -> None:
    s = VrpSet.from_csv(ROUTINATOR_CSV)
    assert len(s) == 4
    it = iter(s)
    assert iter(it) is it
    assert it.__length_hint__() == 4
    first = next(it)
    assert it.__length_hint__() == 3
    assert len(list(it)) == 3
    assert list(it) == []
    assert first == routeguard.Vrp("192.0.2.0/24", 24, "AS64500", ta="ripe")
    assert first != routeguard.Vrp("192.0.2.0/24", 24, 64500)  # the TA differs
    assert hash(first) == hash(routeguard.Vrp("192.0.2.0/24", 24, 64500, "ripe"))
    assert len(set(s) | set(s)) == 4
    assert sorted(s)[0].prefix == "192.0.2.0/24"
    assert repr(first) == "Vrp(prefix='192.0.2.0/24', max_length=24, asn=64500, ta='ripe', expires=None)"
    assert str(first) == "192.0.2.0/24-24 AS64500"
    # Iteration keeps the set alive.
    it2 = iter(VrpSet.from_csv(ROUTINATOR_CSV))
    assert len(list(it2)) == 4


def test_vrpset_from_vrp_objects() -> None:
    vrps = [routeguard.Vrp("10.0.0.0/8", 16, 65000), routeguard.Vrp("2001:db8::/32", 32, 65001)]
    s = VrpSet(vrps)
    assert list(s) == vrps
    assert s.validate("10.1.0.0/16", 65000).state == routeguard.RovState.VALID
    assert len(VrpSet()) == 0
    with pytest.raises(TypeError):
        VrpSet(["10.0.0.0/8"])  # type: ignore[list-item]


def test_vrp_constructor_checks() -> None:
    with pytest.raises(routeguard.ModelError, match="max length 8 out of range for 10.0.0.0/16"):
        routeguard.Vrp("10.0.0.0/16", 8, 1)
    with pytest.raises(routeguard.ModelError, match="host bits"):
        routeguard.Vrp("10.0.0.1/16", 16, 1)
    assert routeguard.Vrp("10.0.0.1/16", 16, 1, relaxed=True).prefix == "10.0.0.0/16"


# --- errors -----------------------------------------------------------------


def test_parse_error_carries_line_and_core_message() -> None:
    bad = ROUTINATOR_CSV.replace("198.51.100.0/22", "198.51.100.1/22")
    with pytest.raises(routeguard.ParseError) as info:
        VrpSet.from_csv(bad)
    e = info.value
    assert isinstance(e, routeguard.RouteguardError)
    assert isinstance(e, ValueError)
    assert e.line == 3
    assert e.kind == "parse"
    assert "host bits" in str(e)
    assert str(e).startswith("line 3")


def test_parse_error_in_json_has_line() -> None:
    bad = RPKI_CLIENT_JSON.replace('"maxLength": 48', '"maxLength": 129')
    with pytest.raises(routeguard.ParseError) as info:
        VrpSet.from_json(bad)
    assert info.value.line == 7
    with pytest.raises(routeguard.ParseError) as syntax:
        VrpSet.from_json('{"roas": [\n  {"prefix": "10.0.0.0/8",, }]}')
    e = syntax.value
    assert (e.line, e.column) == (2, 27)
    assert str(e) == "line 2, column 27: invalid JSON: expected a string, found ','"


def test_unknown_format() -> None:
    with pytest.raises(routeguard.ParseError, match="unrecognised input format"):
        VrpSet.from_text("hello world\n")
    with pytest.raises(ValueError, match="unknown format"):
        VrpSet.from_text(ROUTINATOR_CSV, "xml")


def test_lenient_load_collects_warnings() -> None:
    bad = ROUTINATOR_CSV.replace("198.51.100.0/22", "198.51.100.1/22").replace("AS0,", "ASX,")
    s = VrpSet.from_csv(bad, strict=False)
    assert len(s) == 2
    assert s.skipped == 2
    assert [w.line for w in s.warnings] == [3, 4]
    w = s.warnings[0]
    assert "host bits" in w.message and w.message == str(w)
    assert repr(w).startswith("LoadWarning(line=3, ")


def test_error_classes() -> None:
    assert issubclass(routeguard.RouteguardError, Exception)
    for cls in (routeguard.ParseError, routeguard.SlurmError, routeguard.ModelError):
        assert issubclass(cls, routeguard.RouteguardError)
        assert issubclass(cls, ValueError)
        assert cls.__module__ == "routeguard"
    e = routeguard.ParseError("boom", 3, 7)
    assert (str(e), e.line, e.column) == ("boom", 3, 7)
    assert routeguard.SlurmError("x").line == 0


# --- files --------------------------------------------------------------------


@pytest.mark.parametrize("suffix", ["", ".gz", ".bz2"])
def test_from_file_plain_and_compressed(tmp_path: pathlib.Path, suffix: str) -> None:
    raw = RPKI_CLIENT_JSON.encode()
    data = {"": raw, ".gz": gzip.compress(raw), ".bz2": bz2.compress(raw)}[suffix]
    path = tmp_path / f"vrps.json{suffix}"
    path.write_bytes(data)
    for p in (path, str(path)):
        s = VrpSet.from_file(p)
        assert keys(s) == SAMPLE_KEYS
        assert len(s.aspas) == 1
    assert len(VrpSet.from_file(path, "json")) == 4


def test_from_file_errors(tmp_path: pathlib.Path) -> None:
    with pytest.raises(FileNotFoundError) as info:
        VrpSet.from_file(tmp_path / "missing.json")
    assert info.value.filename == str(tmp_path / "missing.json")
    # Compression is recognised by content: the file must start like gzip
    # to be corrupt gzip (plain text named .gz is read as text).
    bad = tmp_path / "bad.json.gz"
    bad.write_bytes(b"\x1f\x8b\x08\x00 not gzip after all")
    with pytest.raises(OSError):
        VrpSet.from_file(bad)
    csv = tmp_path / "bad.csv"
    csv.write_text(ROUTINATOR_CSV + "AS1,10.0.0.0/8,7,x\n")
    with pytest.raises(routeguard.ParseError) as perr:
        VrpSet.from_file(csv)
    assert perr.value.line == 6
    assert len(VrpSet.from_file(csv, strict=False)) == 4


# --- SLURM --------------------------------------------------------------------

SLURM = """{
  "slurmVersion": 1,
  "validationOutputFilters": {
    "prefixFilters": [
      {"prefix": "198.51.100.0/22", "comment": "drop this and more specifics"},
      {"asn": 64502}
    ],
    "bgpsecFilters": []
  },
  "locallyAddedAssertions": {
    "prefixAssertions": [
      {"asn": 64999, "prefix": "10.0.0.0/8", "maxPrefixLength": 16}
    ],
    "bgpsecAssertions": []
  }
}
"""


def test_slurm_applied_from_file(tmp_path: pathlib.Path) -> None:
    vrps = tmp_path / "vrps.csv"
    vrps.write_text(ROUTINATOR_CSV)
    slurm = tmp_path / "local.slurm.json"
    slurm.write_text(SLURM)
    s = VrpSet.from_file(vrps, slurm=slurm)
    assert keys(s) == {("192.0.2.0/24", 24, 64500), ("203.0.113.0/24", 32, 0), ("10.0.0.0/8", 16, 64999)}
    assert s.validate("10.1.0.0/16", 64999).state == routeguard.RovState.VALID
    assert s.validate("198.51.100.0/24", 64501).state == routeguard.RovState.NOT_FOUND
    # The same through text.
    assert keys(VrpSet.from_csv(ROUTINATOR_CSV, slurm=SLURM)) == keys(s)


def test_slurm_error(tmp_path: pathlib.Path) -> None:
    vrps = tmp_path / "vrps.csv"
    vrps.write_text(ROUTINATOR_CSV)
    slurm = tmp_path / "bad.slurm.json"
    slurm.write_text('{\n  "slurmVersion": 7,\n  "validationOutputFilters": {}\n}\n')
    with pytest.raises(routeguard.SlurmError) as info:
        VrpSet.from_file(vrps, slurm=slurm)
    assert isinstance(info.value, ValueError)
    assert info.value.kind == "slurm"
    with pytest.raises(routeguard.SlurmError) as info2:
        VrpSet.from_csv(ROUTINATOR_CSV, slurm="{ not json")
    assert info2.value.line == 1


@pytest.mark.parametrize("out", ["csv", "json", "rpki-client-json", "openbgpd", "bird2"])
def test_write_round_trips_through_every_output_format(out: str) -> None:
    original = VrpSet.from_text(RPKI_CLIENT_JSON)
    text = original.write(out)
    again = VrpSet.from_text(text)
    assert keys(again) == keys(original)
    assert len(again) == len(original)
    if out == "csv":
        assert text.startswith("ASN,IP Prefix,Max Length,Trust Anchor\n")


def test_write_rejects_unknown_format() -> None:
    with pytest.raises(ValueError, match='unknown output format "yaml"'):
        VrpSet.from_text(RPKI_CLIENT_JSON).write("yaml")


PARTIAL_SLURM = """{
  "slurmVersion": 1,
  "validationOutputFilters": { "prefixFilters": [ { "asn": 64501 } ] },
  "locallyAddedAssertions": {
    "prefixAssertions": [ { "asn": 64599, "prefix": "100.64.1.0/24" } ]
  }
}"""


def test_strict_false_also_tolerates_a_slurm_file_missing_rfc8416_members() -> None:
    with pytest.raises(routeguard.SlurmError) as info:
        VrpSet.from_csv(ROUTINATOR_CSV, slurm=PARTIAL_SLURM)
    assert info.value.line == 3
    s = VrpSet.from_csv(ROUTINATOR_CSV, slurm=PARTIAL_SLURM, strict=False)
    assert ("198.51.100.0/22", 24, 64501) not in keys(s)
    assert ("100.64.1.0/24", 24, 64599) in keys(s)
    assert str(s.validate("100.64.1.0/24", 64599).state) == "valid"


def test_snapshot_round_trip_and_pickle(tmp_path: pathlib.Path) -> None:
    import pickle
    import subprocess
    import sys

    s = VrpSet.from_json(RPKI_CLIENT_JSON)
    snap = s.to_snapshot()
    assert isinstance(snap, bytes) and len(snap) < len(RPKI_CLIENT_JSON)
    for back in (VrpSet.from_snapshot(snap), VrpSet.from_text(snap), pickle.loads(pickle.dumps(s))):
        assert back.format == "snapshot"
        assert list(back) == list(s)
        assert back.aspas == s.aspas and back.router_keys == s.router_keys
        assert back.generated == s.generated
        assert back.write("rpki-client-json") == s.write("rpki-client-json")
    # A file written by the CLI loads the same (when the CLI is built).
    path = tmp_path / "vrps.snap"
    path.write_bytes(snap)
    assert VrpSet.from_file(path).write("json") == s.write("json")
    # Damaged snapshots: ParseError with the stable code and the byte offset.
    with pytest.raises(routeguard.ParseError) as e:
        VrpSet.from_snapshot(snap[:-1])
    assert e.value.code == "invalid-snapshot" and "at byte" in str(e.value)
    with pytest.raises(routeguard.ParseError) as e:
        VrpSet.from_snapshot(b"ASN,IP Prefix\n")
    assert "not a routeguard VRP snapshot" in str(e.value)
    # The set pickles into a worker process and validates there.
    code = "import pickle,sys; s=pickle.load(sys.stdin.buffer); print(s.validate('192.0.2.0/24', 64500).state)"
    out = subprocess.run([sys.executable, "-c", code], input=pickle.dumps(s), capture_output=True, check=True)
    assert out.stdout.decode().strip() == str(s.validate("192.0.2.0/24", 64500).state) == "valid"
