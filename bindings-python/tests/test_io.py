"""Input files through the core's opener: compression recognised by content
(not by the file name), concatenated members, and typed I/O errors that are
``OSError``s."""

from __future__ import annotations

import bz2
import gzip
import lzma
import pathlib

import pytest
import routeguard
from conftest import RPKI_CLIENT_JSON, SAMPLE_KEYS
from routeguard import AsRelations, IrrDb, RouteguardError, RouteguardIoError, VrpSet

AS_REL = "1|2|-1\n2|3|0\n"
RPSL = "route: 192.0.2.0/24\norigin: AS64500\nsource: TEST\n\n"


def keys(s: VrpSet) -> set[tuple[str, int, int]]:
    return {(v.prefix, v.max_length, v.asn) for v in s}


def test_gzip_file_named_vrps_json_loads(tmp_path: pathlib.Path) -> None:
    path = tmp_path / "vrps.json"
    path.write_bytes(gzip.compress(RPKI_CLIENT_JSON.encode()))
    s = VrpSet.from_file(path)
    assert keys(s) == SAMPLE_KEYS
    assert s.format == "json"


@pytest.mark.parametrize(
    "compress",
    [
        gzip.compress,
        bz2.compress,
        lzma.compress,
        lambda b: b,
    ],
    ids=["gzip", "bzip2", "xz", "plain"],
)
@pytest.mark.parametrize("name", ["vrps.json", "vrps.json.gz", "vrps.json.bz2", "vrps"])
def test_every_compression_under_any_name(tmp_path: pathlib.Path, compress, name: str) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / name
    path.write_bytes(compress(RPKI_CLIENT_JSON.encode()))
    assert keys(VrpSet.from_file(path)) == SAMPLE_KEYS
    rel = tmp_path / ("rel-" + name)
    rel.write_bytes(compress(AS_REL.encode()))
    assert len(AsRelations.from_file(rel)) == 2
    dump = tmp_path / ("dump-" + name)
    dump.write_bytes(compress(RPSL.encode()))
    assert IrrDb.from_files([dump]).check_route("192.0.2.0/24", 64500).status == "valid"


def test_concatenated_gzip_members(tmp_path: pathlib.Path) -> None:
    data = RPKI_CLIENT_JSON.encode()
    half = len(data) // 2
    path = tmp_path / "members.json"
    path.write_bytes(gzip.compress(data[:half]) + gzip.compress(data[half:]))
    assert keys(VrpSet.from_file(path)) == SAMPLE_KEYS


def test_corrupt_data_is_a_routeguard_io_error(tmp_path: pathlib.Path) -> None:
    full = gzip.compress(RPKI_CLIENT_JSON.encode())
    path = tmp_path / "vrps.json"
    path.write_bytes(full[: len(full) // 2])
    with pytest.raises(RouteguardIoError) as info:
        VrpSet.from_file(path)
    e = info.value
    assert isinstance(e, OSError) and isinstance(e, RouteguardError)
    assert e.kind == "io" and e.code == "corrupt"
    assert e.filename == str(path)
    assert str(e).startswith(f"{path}: invalid gzip data")
    # Streamed inputs report the same typed error.
    dump = tmp_path / "dump.db"
    rpsl = gzip.compress(RPSL.encode() * 200)
    dump.write_bytes(rpsl[: len(rpsl) // 2])
    with pytest.raises(RouteguardIoError) as info:
        IrrDb.from_files([dump])
    assert info.value.code == "corrupt"
    rel = tmp_path / "rel.txt"
    data = lzma.compress(AS_REL.encode() * 100)
    rel.write_bytes(data[: len(data) // 2])
    with pytest.raises(RouteguardIoError) as info:
        AsRelations.from_file(rel)
    assert info.value.code == "corrupt"
    assert "invalid xz data" in str(info.value)


def test_open_failures_are_the_matching_os_error(tmp_path: pathlib.Path) -> None:
    missing = tmp_path / "missing.json"
    with pytest.raises(FileNotFoundError) as info:
        VrpSet.from_file(missing)
    e = info.value
    assert isinstance(e, RouteguardIoError) and isinstance(e, RouteguardError)
    assert (e.code, e.kind, e.filename) == ("open", "io", str(missing))
    assert e.errno == 2
    # A directory opens but cannot be read.
    with pytest.raises(IsADirectoryError) as dir_info:
        VrpSet.from_file(tmp_path)
    assert isinstance(dir_info.value, RouteguardIoError)
    assert dir_info.value.code == "read"
    with pytest.raises(FileNotFoundError):
        AsRelations.from_file(missing)
    with pytest.raises(RouteguardIoError):
        IrrDb.from_files([missing])


def test_the_class_is_exported() -> None:
    assert routeguard.RouteguardIoError is RouteguardIoError
    assert RouteguardIoError.__module__ == "routeguard"
    assert issubclass(RouteguardIoError, OSError)
    assert RouteguardIoError.kind == "io"
