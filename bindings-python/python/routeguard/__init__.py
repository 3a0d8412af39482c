"""routeguard: routing security for Python.

Load RPKI validator exports (rpki-client, Routinator, StayRTR/GoRTR/OctoRPKI;
JSON, CSV, openbgpd, bird, SLURM) into a :class:`VrpSet` and validate route
origins per RFC 6811::

    import routeguard
    vrps = routeguard.VrpSet.from_file("vrps.json.bz2")
    r = vrps.validate("192.0.2.0/24", "AS64500")
    print(r.state, r.reason, r.covering)

Everything is implemented in Rust (the ``routeguard`` crate); this package
re-exports its extension module ``routeguard._routeguard``.
"""

from ._routeguard import (
    Aspa,
    InvalidReason,
    LoadWarning,
    ModelError,
    ParseError,
    RouteguardError,
    RouterKey,
    RovState,
    SlurmError,
    ValidationResult,
    Vrp,
    VrpIterator,
    VrpSet,
    __version__,
    parse_asn,
    parse_prefix,
)

__all__ = [
    "Aspa",
    "InvalidReason",
    "LoadWarning",
    "ModelError",
    "ParseError",
    "RouteguardError",
    "RouterKey",
    "RovState",
    "SlurmError",
    "ValidationResult",
    "Vrp",
    "VrpIterator",
    "VrpSet",
    "__version__",
    "parse_asn",
    "parse_prefix",
]
