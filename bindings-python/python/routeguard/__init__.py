"""routeguard: routing security for Python.

Load RPKI validator exports (rpki-client, Routinator, StayRTR/GoRTR/OctoRPKI;
JSON, CSV, openbgpd, bird, SLURM) into a :class:`VrpSet` and validate route
origins per RFC 6811::

    import routeguard
    vrps = routeguard.VrpSet.from_file("vrps.json.bz2")
    r = vrps.validate("192.0.2.0/24", "AS64500")
    print(r.state, r.reason, r.covering)

Load IRR dumps (RPSL) into an :class:`IrrDb` and check routes against the
route objects, or query an IRRd server with :class:`WhoisClient`::

    db = routeguard.IrrDb.from_files(["ripe.db.route.gz", ("RADB", "radb.db")])
    c = db.check_route("192.0.2.0/24", "AS64500", vrps)
    print(c.status, c.per_source, [str(a) for a in c.advice])

Everything is implemented in Rust (the ``routeguard`` crate); this package
re-exports its extension module ``routeguard._routeguard``.
"""

from ._routeguard import (
    Aspa,
    InvalidReason,
    IrrAdvice,
    IrrCheck,
    IrrDb,
    IrrQueryError,
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
    WhoisClient,
    WhoisConnectionError,
    WhoisError,
    WhoisServerError,
    WhoisTimeoutError,
    __version__,
    parse_asn,
    parse_prefix,
    parse_rpsl,
)

__all__ = [
    "Aspa",
    "InvalidReason",
    "IrrAdvice",
    "IrrCheck",
    "IrrDb",
    "IrrQueryError",
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
    "WhoisClient",
    "WhoisConnectionError",
    "WhoisError",
    "WhoisServerError",
    "WhoisTimeoutError",
    "__version__",
    "parse_asn",
    "parse_prefix",
    "parse_rpsl",
]
