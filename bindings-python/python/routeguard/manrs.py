"""MANRS evaluation: judge a network operator on the four MANRS actions
(Filtering, Anti-spoofing, Coordination, Global validation), explain every
finding, score it as the MANRS Observatory does, and hand back the fix.

Mirrors the core's ``manrs`` and ``render::manrs`` modules::

    import routeguard
    from routeguard import manrs

    ds = routeguard.Dataset(
        vrps="vrps.json.bz2", irr=["ripe.db.gz"], asrel="as-rel.txt.xz",
        peeringdb=["net.json", "poc.json"],
    )
    report = manrs.check(ds, ["AS64500"], "rib.20240101.0000.bz2")  # = ds.manrs_check(...)
    print(report.conformant, report.metrics.m7irr, report.metrics.m7rpki)
    for f in report.findings:
        print(f.severity, f.rule, f.subject, f.message, f.evidence, f.remedy)
    for r in report.rules:
        if not r.evaluated:
            print(r.rule, "not evaluated:", r.reason)
    open("report.html", "w").write(report.to_html())
    for name, data in report.remedy_files().items():
        open(name, "wb").write(data)

    rows = manrs.observatory(ds, "routeviews.pfx2as.gz")  # = ds.manrs_observatory(...)
    print(manrs.observatory_csv(rows))

``routes`` is a path (a ``str`` without a line break, or ``os.PathLike``)
of any route input routeguard reads (``PREFIX PATH`` lines, ``bgpdump -m``
lines, CAIDA pfx2as, MRT RIB dumps and BGP4MP updates; gzip, bzip2, xz or
zstd), its contents as ``bytes``, route text (a ``str`` with line breaks),
a list of lines, or a list of paths.

The JSON report follows the versioned schema :data:`SCHEMA`, described by
the JSON Schema :data:`JSON_SCHEMA`.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from ._routeguard import MANRS_JSON_SCHEMA as JSON_SCHEMA
from ._routeguard import MANRS_SCHEMA as SCHEMA
from ._routeguard import Dataset, ManrsError, ObservatoryRow, observatory_csv, observatory_json
from ._routeguard import ManrsAction as ActionSummary
from ._routeguard import ManrsFinding as Finding
from ._routeguard import ManrsMetrics as Metrics
from ._routeguard import ManrsRemedies as Remedies
from ._routeguard import ManrsReport as Report
from ._routeguard import ManrsRuleOutcome as RuleOutcome
from ._routeguard import manrs_rules as rules

if TYPE_CHECKING:
    from ._routeguard import _AsnLike, _RouteInput, _Thresholds

__all__ = [
    "JSON_SCHEMA",
    "SCHEMA",
    "ActionSummary",
    "Finding",
    "ManrsError",
    "Metrics",
    "ObservatoryRow",
    "Remedies",
    "Report",
    "RuleOutcome",
    "check",
    "observatory",
    "observatory_csv",
    "observatory_json",
    "rules",
]


def check(
    ds: Dataset,
    asns: _AsnLike | Iterable[_AsnLike],
    routes: _RouteInput,
    *,
    as_set: str | None = None,
    customers: _AsnLike | Iterable[_AsnLike] | None = None,
    thresholds: _Thresholds | None = None,
) -> Report:
    """Judges the operator ``asns`` on the four MANRS actions from the
    dataset and the routes seen: :meth:`Dataset.manrs_check`."""
    return ds.manrs_check(asns, routes, as_set=as_set, customers=customers, thresholds=thresholds)


def observatory(ds: Dataset, routes: _RouteInput) -> list[ObservatoryRow]:
    """The MANRS Observatory metrics of every origin AS of the table:
    :meth:`Dataset.manrs_observatory`."""
    return ds.manrs_observatory(routes)
