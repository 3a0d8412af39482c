"""Shared fixtures: the real-data directory and small inline inputs."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]


def data_dir() -> Path:
    """$ROUTEGUARD_DATA, else <repo>/../shared/data."""
    env = os.environ.get("ROUTEGUARD_DATA")
    return Path(env) if env else REPO.parent / "shared" / "data"


def peers_dir() -> Path:
    """$ROUTEGUARD_PEERS, else ../peers next to the data directory."""
    env = os.environ.get("ROUTEGUARD_PEERS")
    return Path(env) if env else data_dir().parent / "peers"


def in_ci() -> bool:
    return os.environ.get("CI", "").lower() == "true"


@pytest.fixture(scope="session")
def data_file() -> Callable[[str], Path]:
    """Returns a function giving the path of a real-data file; skips (or,
    with CI=true, fails) when the file is missing."""

    def get(rel: str) -> Path:
        path = data_dir() / rel
        if not path.is_file():
            msg = (
                f"real-data file {path} not found "
                "(set ROUTEGUARD_DATA to the shared/data directory)"
            )
            if in_ci():
                pytest.fail(msg)
            pytest.skip(msg)
        return path

    return get


@pytest.fixture(scope="session")
def peer_file() -> Callable[[str], Path]:
    """Like ``data_file``, for files of the peers directory (``irrd/testdb.rpsl``)."""

    def get(rel: str) -> Path:
        path = peers_dir() / rel
        if not path.is_file():
            msg = f"peer file {path} not found (set ROUTEGUARD_PEERS to the shared/peers directory)"
            if in_ci():
                pytest.fail(msg)
            pytest.skip(msg)
        return path

    return get


RPKI_CLIENT_JSON = """{
  "metadata": {"buildmachine": "test", "buildtime": "2025-07-20T09:31:33Z", "generated": 1753003893},
  "roas": [
    {"asn": 64500, "prefix": "192.0.2.0/24", "maxLength": 24, "ta": "ripe", "expires": 1753453058},
    {"asn": 64501, "prefix": "198.51.100.0/22", "maxLength": 24, "ta": "arin", "expires": 1753453059},
    {"asn": 0, "prefix": "203.0.113.0/24", "maxLength": 32, "ta": "apnic", "expires": 1753453060},
    {"asn": 64502, "prefix": "2001:db8::/32", "maxLength": 48, "ta": "ripe", "expires": 1753453061}
  ],
  "bgpsec_keys": [
    {"asn": 64500, "ski": "510F485D29A29DB7B515F9C478F8ED3CB7AA7D23", "pubkey": "MFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAE", "ta": "ripe", "expires": 1712543522}
  ],
  "aspas": [
    {"customer_asid": 64500, "expires": 1753070425, "providers": [64511, 64510]}
  ]
}
"""

ROUTINATOR_CSV = """ASN,IP Prefix,Max Length,Trust Anchor
AS64500,192.0.2.0/24,24,ripe
AS64501,198.51.100.0/22,24,arin
AS0,203.0.113.0/24,32,apnic
AS64502,2001:db8::/32,48,ripe
"""

OPENBGPD = """roa-set {
\t192.0.2.0/24 source-as 64500 expires 1753453058
\t198.51.100.0/22 maxlen 24 source-as 64501
\t203.0.113.0/24 maxlen 32 source-as 0
\t2001:db8::/32 maxlen 48 source-as 64502
}

aspa-set {
\tcustomer-as 64500 expires 1753070425 provider-as { 64511, 64510 }
}
"""

BIRD2 = """route 192.0.2.0/24 max 24 as 64500;
route 198.51.100.0/22 max 24 as 64501;
route 203.0.113.0/24 max 32 as 0;
route 2001:db8::/32 max 48 as 64502;
"""

SLURM_EXPORT = """{
  "slurmVersion": 1,
  "validationOutputFilters": {"prefixFilters": [], "bgpsecFilters": []},
  "locallyAddedAssertions": {
    "prefixAssertions": [
      {"asn": 64500, "prefix": "192.0.2.0/24", "comment": "x"},
      {"asn": 64501, "prefix": "198.51.100.0/22", "maxPrefixLength": 24},
      {"asn": 0, "prefix": "203.0.113.0/24", "maxPrefixLength": 32},
      {"asn": 64502, "prefix": "2001:db8::/32", "maxPrefixLength": 48}
    ],
    "bgpsecAssertions": []
  }
}
"""

# The four VRPs every sample above holds, as (prefix, max_length, asn).
SAMPLE_KEYS = {
    ("192.0.2.0/24", 24, 64500),
    ("198.51.100.0/22", 24, 64501),
    ("203.0.113.0/24", 32, 0),
    ("2001:db8::/32", 48, 64502),
}
