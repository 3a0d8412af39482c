"""routeguard: routing security for Python.

Load everything at once into a :class:`Dataset` (VRPs after SLURM, their
ASPAs, IRR dumps, CAIDA AS relationships, bogon lists) and check routes the
way ``routeguard path check`` does::

    import routeguard
    ds = routeguard.Dataset(
        vrps="vrps.json.bz2",
        irr=["ripe.db.route.gz", ("RADB", "radb.db")],
        asrel="20180101.as-rel.txt.xz",
    )
    v = ds.check("192.0.2.0/24", "64501 64500")
    print(v.rov, v.aspa, v.bogon_word, v.leak)
    print(ds.check_irr("192.0.2.0/24", "AS64500").status)

Load RPKI validator exports (rpki-client, Routinator, StayRTR/GoRTR/OctoRPKI;
JSON, CSV, openbgpd, bird, SLURM) into a :class:`VrpSet` and validate route
origins per RFC 6811::

    vrps = routeguard.VrpSet.from_file("vrps.json.bz2")
    r = vrps.validate("192.0.2.0/24", "AS64500")
    print(r.state, r.reason, r.covering)

Load IRR dumps (RPSL) into an :class:`IrrDb` and check routes against the
route objects, or query an IRRd server with :class:`WhoisClient`::

    db = routeguard.IrrDb.from_files(["ripe.db.route.gz", ("RADB", "radb.db")])
    c = db.check_route("192.0.2.0/24", "AS64500", vrps)
    print(c.status, c.per_source, [str(a) for a in c.advice])

Judge whole AS paths: ASPA verification (:class:`AspaSet`), bogons
(:class:`Bogons`), route leaks over CAIDA AS relationships
(:class:`AsRelations`, :func:`detect_leaks`), or everything at once::

    checker = routeguard.RouteChecker(
        vrps=vrps,
        aspa=routeguard.AspaSet.from_vrpset(vrps),
        relations=routeguard.AsRelations.from_file("20180101.as-rel.txt.xz"),
    )
    v = checker.check("192.0.2.0/24", "64500 64501")
    print(v.rov, v.aspa, v.bogon_word, v.leak, v.rejected)

Judge a whole network on the four MANRS actions (:mod:`routeguard.manrs`)::

    ds = routeguard.Dataset(vrps="vrps.json.bz2", irr=["ripe.db.gz"],
                            asrel="as-rel.txt.xz", peeringdb=["net.json", "poc.json"])
    report = ds.manrs_check(["AS64500"], "rib.mrt.bz2")
    print(report.conformant, [str(f) for f in report.findings])
    open("report.html", "w").write(report.to_html())

Build router filters as bgpq4 does, from local dumps or IRRd, with RPKI
(:meth:`Dataset.prefix_list`, :meth:`Dataset.bgpq4`, :func:`bgpq4`), audit
a router's list (:func:`diff_prefix_lists`), and render or audit source
address validation (:func:`antispoof`, :func:`audit_config`)::

    ds = routeguard.Dataset(irr=[("RIPE", "ripe.db.gz")], vrps="vrps.json")
    f = ds.prefix_list("AS-FOO", rpki="drop")
    print(f.render("junos", name="CUST", aggregate=True))
    print(ds.bgpq4(["-A", "-l", "CUST", "AS-FOO"]).stdout)
    print(f.diff(open("router.txt").read()).to_text())
    print(routeguard.antispoof({"xe-0/0/1.100": ["192.0.2.0/24"]}, vendor="junos"))

Follow an RPKI-to-Router cache (RFC 8210) live with :class:`RtrClient`, or
load it once with ``Dataset(rtr="host:port")``::

    with routeguard.RtrClient("rtr.example.net", 8282, base=routeguard.Dataset(slurm="local.slurm")) as c:
        while (st := c.wait_update(timeout=3600)) is not None:
            print(st.serial, c.dataset.validate("192.0.2.0/24", "AS64500"))

Everything is implemented in Rust (the ``routeguard`` crate); this package
re-exports its extension module ``routeguard._routeguard``.
"""

from ._routeguard import (
    AsPath,
    AsRelations,
    AsnReason,
    Aspa,
    AspaResult,
    AspaSet,
    AuditFinding,
    Bgpq4Result,
    BogonFinding,
    Bogons,
    Dataset,
    DecodedObject,
    Explanation,
    FilterDiff,
    FilterEntry,
    FilterError,
    FilterInputError,
    FilterResolveError,
    InvalidReason,
    IrrAdvice,
    IrrCheck,
    IrrDb,
    IrrQueryError,
    Leak,
    LeakResult,
    LoadWarning,
    ManrsAction,
    ManrsError,
    ManrsFinding,
    ManrsMetrics,
    ManrsRemedies,
    ManrsReport,
    ManrsRuleOutcome,
    ModelError,
    MrtError,
    ObservatoryRow,
    OtcVerdict,
    ParseError,
    PrefixFilter,
    PrefixReason,
    ResourceCert,
    RouteChecker,
    RouteVerdict,
    RouteguardError,
    RouteguardIoError,
    RouterKey,
    RovState,
    RpkiObjectError,
    RpslError,
    RtrClient,
    RtrError,
    RtrStatus,
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
    antispoof,
    audit_config,
    bgpq4,
    bogon_asn_ranges,
    decode,
    detect_leaks,
    diff_prefix_lists,
    explain,
    leak_state,
    otc_egress,
    otc_ingress,
    parse_asn,
    parse_prefix,
    parse_rpsl,
    prefix_list,
    special_purpose,
    verify_downstream,
    verify_upstream,
)
from . import manrs

__all__ = [
    "AsPath",
    "AsRelations",
    "AsnReason",
    "Aspa",
    "AspaResult",
    "AspaSet",
    "AuditFinding",
    "Bgpq4Result",
    "BogonFinding",
    "Bogons",
    "Dataset",
    "DecodedObject",
    "Explanation",
    "FilterDiff",
    "FilterEntry",
    "FilterError",
    "FilterInputError",
    "FilterResolveError",
    "InvalidReason",
    "IrrAdvice",
    "IrrCheck",
    "IrrDb",
    "IrrQueryError",
    "Leak",
    "LeakResult",
    "LoadWarning",
    "ManrsAction",
    "ManrsError",
    "ManrsFinding",
    "ManrsMetrics",
    "ManrsRemedies",
    "ManrsReport",
    "ManrsRuleOutcome",
    "ModelError",
    "MrtError",
    "ObservatoryRow",
    "OtcVerdict",
    "ParseError",
    "PrefixFilter",
    "PrefixReason",
    "ResourceCert",
    "RouteChecker",
    "RouteVerdict",
    "RouteguardError",
    "RouteguardIoError",
    "RouterKey",
    "RovState",
    "RpkiObjectError",
    "RpslError",
    "RtrClient",
    "RtrError",
    "RtrStatus",
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
    "antispoof",
    "audit_config",
    "bgpq4",
    "bogon_asn_ranges",
    "decode",
    "detect_leaks",
    "diff_prefix_lists",
    "explain",
    "leak_state",
    "otc_egress",
    "otc_ingress",
    "parse_asn",
    "parse_prefix",
    "parse_rpsl",
    "prefix_list",
    "special_purpose",
    "verify_downstream",
    "verify_upstream",
    "manrs",
]
