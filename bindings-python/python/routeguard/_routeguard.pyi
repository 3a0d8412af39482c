"""Type stubs for the routeguard extension module (implemented in Rust)."""

import os
from collections.abc import Callable, Iterable, Mapping, Sequence
from ipaddress import IPv4Network, IPv6Network
from types import TracebackType
from typing import Any, ClassVar, Literal, TypedDict, final

from typing_extensions import NotRequired, Self, TypeAlias

_PrefixLike: TypeAlias = str | IPv4Network | IPv6Network
_AsnLike: TypeAlias = int | str
_OriginLike: TypeAlias = int | str | None
_Data: TypeAlias = str | bytes | bytearray
_StrPath: TypeAlias = str | os.PathLike[str]
_Route: TypeAlias = tuple[_PrefixLike, _OriginLike] | list[_PrefixLike | _OriginLike]
_IrrRoute: TypeAlias = tuple[_PrefixLike, _AsnLike] | list[_PrefixLike | _AsnLike] | str
_FilePath: TypeAlias = _StrPath | tuple[str, _StrPath]
_IrrStatus: TypeAlias = Literal["valid", "covered", "invalid-origin", "not-found"]
_RouteMatch: TypeAlias = Literal["exact", "covering", "more-specific"]
_RouteSearchMode: TypeAlias = Literal["exact", "origins", "one-less", "all-less", "all-more"]
_Family: TypeAlias = Literal[4, 6]
_PathLike: TypeAlias = str | AsPath | Sequence[int | str]
_Direction: TypeAlias = Literal["upstream", "downstream", "up", "down"]
_Role: TypeAlias = Literal["provider", "customer", "rs", "rs-client", "peer", "route-server", "route-server-client", "lateral"]
_AspaVerdict: TypeAlias = Literal["valid", "invalid", "unknown"]
_Hop: TypeAlias = Literal["no-attestation", "provider+", "not-provider+"]
_AspaReason: TypeAlias = Literal[
    "empty-path", "neighbor-mismatch", "as-set", "up-ramp-too-short", "ramps-too-short", "no-attestation", "verified"
]
_SegmentKind: TypeAlias = Literal["sequence", "set", "confed-sequence", "confed-set"]
_BogonKind: TypeAlias = Literal["bogon-prefix", "bogon-asn", "too-specific", "default-route", "long-path"]
_LeakState: TypeAlias = Literal["ok", "leak", "unknown"]
_LeakKind: TypeAlias = Literal["hairpin-turn", "lateral-isp-isp-isp", "provider-to-peer", "peer-to-provider"]
_Relation: TypeAlias = Literal["customer", "provider", "peer"]
_RovWord: TypeAlias = Literal["valid", "invalid", "not-found"]
# An Arrow column: a pyarrow Array or ChunkedArray, a Polars or pandas Series,
# or any object with __arrow_c_array__ / __arrow_c_stream__ (with ``table=``,
# a column name). pyarrow ships no type information, hence Any.
_ArrowColumn: TypeAlias = Any
# A pyarrow Table or RecordBatch, a Polars or pandas DataFrame.
_ArrowTable: TypeAlias = Any
# A pyarrow.Array (a DictionaryArray) or pyarrow.RecordBatch.
_PyArrow: TypeAlias = Any
_Dialect: TypeAlias = Literal["1.9", "1.16"]
_RpkiPolicy: TypeAlias = Literal["drop", "tag"]
_FilterFormat: TypeAlias = Literal[
    "ios", "cisco", "ios-xr", "iosxr", "xr", "junos", "juniper", "bird", "openbgpd", "eos", "arista",
    "routeros6", "mikrotik6", "routeros7", "mikrotik7", "sros", "nokia", "sros-mdcli", "srlinux",
    "huawei", "huawei-xpl", "bgpq4-json", "frr", "vyos", "origin-set", "json",
]
_PrefixListFormat: TypeAlias = Literal[
    "cisco", "ios", "eos", "arista", "frr", "ios-xr", "iosxr", "xr", "junos", "juniper", "bird", "bird2",
    "openbgpd", "json", "sros", "nokia", "sros-mdcli", "nokia-md", "srlinux", "huawei", "huawei-xpl",
    "routeros", "mikrotik", "routeros6", "routeros7", "vyos",
]
_SavVendor: TypeAlias = Literal[
    "ios", "cisco", "ios-xe", "iosxe", "iosxr", "ios-xr", "xr", "junos", "juniper", "eos", "arista",
    "sros", "sr-os", "nokia", "linux", "nftables",
]
_SavOutput: TypeAlias = Literal["urpf", "acl"]
_ConfigDialect: TypeAlias = Literal["junos", "juniper", "ios", "cisco", "ios-xe", "iosxe", "iosxr", "ios-xr", "xr", "eos", "arista"]
_Objects: TypeAlias = str | Iterable[str]
_Hosts: TypeAlias = str | Iterable[str]
_Range: TypeAlias = tuple[str, int, int]
_Gap: TypeAlias = tuple[str, int, int, int, str]
_CheckRoute: TypeAlias = (
    tuple[_PrefixLike, _PathLike]
    | tuple[_PrefixLike, _PathLike, _OriginLike]
    | list[_PrefixLike | _PathLike | _OriginLike]
)

class _SpecialPurposeRow(TypedDict):
    block: str
    name: str
    rfc: str
    registry: str
    source: bool | None
    destination: bool | None
    forwardable: bool | None
    globally_reachable: bool | None
    reserved_by_protocol: bool | None
    bogon: bool

class _BogonAsnRange(TypedDict):
    first: int
    last: int
    name: str
    source: str

class _RouteDict(TypedDict):
    prefix: str
    origin: str
    source: str

# An RPSL object ("class" is a keyword, hence the functional form). `typed`
# only from parse_rpsl(typed=True), `text` only from IrrDb.lookup.
_RpslObjectDict = TypedDict(
    "_RpslObjectDict",
    {
        "class": str,
        "key": str,
        "source": str | None,
        "line": int,
        "attributes": list[tuple[str, str]],
        "typed": NotRequired["dict[str, Any] | None"],
        "text": NotRequired["str | None"],
    },
)

class _SourceStats(TypedDict):
    objects: int
    classes: dict[str, int]

class _IrrStats(TypedDict):
    objects: int
    classes: dict[str, int]
    errors: int
    deleted: int
    sources: dict[str, _SourceStats]
    routes_v4: int
    routes_v6: int

class _ExpandedSet(TypedDict):
    name: str
    asns: list[str]
    missing_sets: list[str]
    depth_exceeded: bool
    limit_exceeded: bool
    sets_visited: int

class _AdviceDict(TypedDict):
    level: str
    code: str
    message: str

class _IrrCheckDict(TypedDict):
    prefix: str
    origin: str
    status: _IrrStatus
    per_source: dict[str, _IrrStatus]
    matching: list[_RouteDict]
    covering: list[_RouteDict]
    rpki: str | None
    advice: list[_AdviceDict]

class _SerialsDict(TypedDict):
    source: str
    mirrorable: bool | None
    range: tuple[int, int] | None
    last_export: int | None

__version__: str
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
    "MANRS_JSON_SCHEMA",
    "MANRS_SCHEMA",
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
    "manrs_rules",
    "observatory_csv",
    "observatory_json",
    "otc_egress",
    "otc_ingress",
    "parse_asn",
    "parse_prefix",
    "parse_rpsl",
    "prefix_list",
    "special_purpose",
    "verify_downstream",
    "verify_upstream",
]

class RouteguardError(Exception):
    """Base class of every error routeguard raises; ``kind`` names the stage,
    ``code`` the core error's variant (``invalid-prefix``, ``set-not-found``, ...)."""

    kind: ClassVar[str]
    code: str

class ModelError(RouteguardError, ValueError):
    """An invalid prefix, AS number or max length given as input."""

class ParseError(RouteguardError, ValueError):
    """An input file or text that could not be loaded."""

    line: int
    column: int
    def __init__(self, message: str, line: int = 0, column: int = 0) -> None: ...

class RpslError(ParseError):
    """RPSL text (an IRR dump, a whois answer) that could not be loaded."""

class MrtError(ParseError):
    """An MRT route file that could not be read (``code``: ``truncated``,
    ``corrupt-record``, ``mrt-not-built``, ...); ``record`` and ``offset``
    say where (0 when unknown)."""

    record: int
    offset: int
    def __init__(self, message: str, record: int = 0, offset: int = 0) -> None: ...

class RpkiObjectError(ParseError):
    """An RPKI object (.roa, .asa, .cer) that could not be decoded (``code``:
    ``malformed``, ``content-type``, ``legacy-aspa``, ``unrecognised``,
    ``too-large``, ``invalid-content``, ``internal``)."""

class ManrsError(RouteguardError, ValueError):
    """A MANRS evaluation that cannot run as asked (``manrs-no-operator``)."""

class FilterError(RouteguardError):
    """A filter that cannot be built or written (kind ``filter``)."""

class FilterInputError(FilterError, ValueError):
    """Input a filter cannot take (``invalid-interface``, ``invalid-name``,
    ``bad-object``, ``too-many-nodes``, ``range-too-large``,
    ``too-many-entries``)."""

class FilterResolveError(FilterError):
    """IRR resolution that failed (``resolve-whois``, ``resolve-too-large``)."""

class SlurmError(RouteguardError, ValueError):
    """An invalid SLURM file (RFC 8416)."""

    line: int
    column: int
    def __init__(self, message: str, line: int = 0, column: int = 0) -> None: ...

class IrrQueryError(RouteguardError, LookupError):
    """An IRR query that cannot be answered: no set of that name, or not a set name."""

class RouteguardIoError(RouteguardError, OSError):
    """An input file that could not be opened, read or decompressed.

    ``code`` is ``open``, ``read``, ``corrupt`` (damaged or truncated
    compressed data), ``too-large`` (past the output cap) or
    ``unsupported``. Open and read failures with an OS error number carry
    ``errno``, ``strerror`` and ``filename``, and are also instances of the
    matching ``OSError`` subclass (``FileNotFoundError``, ...)."""

    code: str

class WhoisError(RouteguardError):
    """A failed whois query or connection; ``reason`` is the core error's kind
    (``connect``, ``timeout``, ``io``, ``closed``, ``protocol``, ``too-large``,
    ``server``, ``invalid-query``, ``rpsl``)."""

    reason: str
    def __init__(self, message: str, reason: str = "error") -> None: ...

class WhoisTimeoutError(WhoisError, TimeoutError):
    """No whois answer (or connection) within the timeout."""

class WhoisConnectionError(WhoisError, ConnectionError):
    """The whois connection could not be made, failed or was closed."""

class WhoisServerError(WhoisError):
    """The server answered with an error (IRRd ``F``, RIPE ``%% ERROR:``)."""

class RtrError(RouteguardError):
    """An RPKI-to-Router connection that failed (``Dataset(rtr=...)``); ``code``
    is ``connect``, ``timeout``, ``io``, ``closed``, a session error's
    (``pdu``, ``unexpected-pdu``, ``version-mismatch``, ``session-mismatch``,
    ``aspa-layout-mismatch``, ``remote``) or an update's
    (``duplicate-announcement``, ``unknown-withdrawal``)."""

@final
class Vrp:
    """A Validated ROA Payload."""

    def __new__(
        cls,
        prefix: _PrefixLike,
        max_length: int,
        asn: _AsnLike,
        ta: str | None = None,
        expires: int | None = None,
        *,
        relaxed: bool = False,
    ) -> Self: ...
    @property
    def prefix(self) -> str: ...
    @property
    def max_length(self) -> int: ...
    @property
    def asn(self) -> int: ...
    @property
    def ta(self) -> str | None: ...
    @property
    def expires(self) -> int | None: ...
    def __eq__(self, value: object, /) -> bool: ...
    def __ne__(self, value: object, /) -> bool: ...
    def __lt__(self, value: Vrp, /) -> bool: ...
    def __le__(self, value: Vrp, /) -> bool: ...
    def __gt__(self, value: Vrp, /) -> bool: ...
    def __ge__(self, value: Vrp, /) -> bool: ...
    def __hash__(self) -> int: ...

@final
class Aspa:
    """A validated ASPA payload: a customer AS and its providers."""

    @property
    def customer(self) -> int: ...
    @property
    def providers(self) -> list[int]: ...
    @property
    def ta(self) -> str | None: ...
    @property
    def expires(self) -> int | None: ...
    def __eq__(self, value: object, /) -> bool: ...
    def __ne__(self, value: object, /) -> bool: ...
    def __hash__(self) -> int: ...

_Resources: TypeAlias = Literal["inherit"] | list[str] | None

@final
class ResourceCert:
    """The fields of a resource certificate (RFC 6487), as read: not checked."""

    @property
    def serial(self) -> str: ...
    @property
    def ski(self) -> str: ...
    @property
    def aki(self) -> str | None: ...
    @property
    def not_before(self) -> int: ...
    @property
    def not_after(self) -> int: ...
    @property
    def is_ca(self) -> bool: ...
    @property
    def ipv4(self) -> _Resources: ...
    @property
    def ipv6(self) -> _Resources: ...
    @property
    def asns(self) -> _Resources: ...
    @property
    def signed_object(self) -> str | None: ...
    @property
    def ca_repository(self) -> str | None: ...
    @property
    def manifest(self) -> str | None: ...
    @property
    def rpki_notify(self) -> str | None: ...
    @property
    def ca_issuer(self) -> str | None: ...
    @property
    def crl(self) -> str | None: ...

@final
class DecodedObject:
    """An RPKI object decoded, not validated: no signature, chain, CRL or
    manifest was checked."""

    @property
    def kind(self) -> Literal["roa", "aspa", "cer"]: ...
    @property
    def asn(self) -> int | None: ...
    @property
    def prefixes(self) -> list[tuple[str, int | None]]: ...
    @property
    def vrps(self) -> list[Vrp]: ...
    @property
    def aspa(self) -> Aspa | None: ...
    @property
    def signing_time(self) -> int | None: ...
    @property
    def cert(self) -> ResourceCert: ...
    def to_json(self, name: str | None = None) -> str: ...
    def to_text(self, name: str = "") -> str: ...

def decode(
    source: bytes | bytearray | _StrPath, kind: Literal["roa", "aspa", "asa", "cer", "cert", "certificate"] | None = None
) -> DecodedObject:
    """Decodes a ROA, an ASPA or a resource certificate (bytes or a file
    path). Decoded, not validated."""

@final
class RouterKey:
    """A BGPsec router key (RFC 8635)."""

    @property
    def asn(self) -> int: ...
    @property
    def ski(self) -> str: ...
    @property
    def public_key(self) -> str: ...
    @property
    def ta(self) -> str | None: ...
    @property
    def expires(self) -> int | None: ...
    def __eq__(self, value: object, /) -> bool: ...
    def __ne__(self, value: object, /) -> bool: ...
    def __hash__(self) -> int: ...

@final
class RovState:
    """The RFC 6811 validation state; ``str()`` gives ``valid``, ``invalid`` or ``not-found``."""

    VALID: ClassVar[RovState]
    INVALID: ClassVar[RovState]
    NOT_FOUND: ClassVar[RovState]
    @property
    def value(self) -> str: ...
    def __int__(self) -> int: ...
    def __eq__(self, value: object, /) -> bool: ...
    def __ne__(self, value: object, /) -> bool: ...
    def __hash__(self) -> int: ...

@final
class InvalidReason:
    """Why a route is invalid; ``str()`` gives ``as`` or ``length``."""

    AS: ClassVar[InvalidReason]
    LENGTH: ClassVar[InvalidReason]
    @property
    def value(self) -> str: ...
    def __int__(self) -> int: ...
    def __eq__(self, value: object, /) -> bool: ...
    def __ne__(self, value: object, /) -> bool: ...
    def __hash__(self) -> int: ...

@final
class ValidationResult:
    """The verdict on one route: state, reason and the VRPs that decided it."""

    @property
    def prefix(self) -> str: ...
    @property
    def origin(self) -> int | None: ...
    @property
    def state(self) -> RovState: ...
    @property
    def reason(self) -> InvalidReason | None: ...
    @property
    def covering(self) -> list[Vrp]: ...
    def __eq__(self, value: object, /) -> bool: ...
    def __ne__(self, value: object, /) -> bool: ...
    __hash__: ClassVar[None]  # type: ignore[assignment]

@final
class LoadWarning:
    """A record skipped by a lenient load."""

    @property
    def line(self) -> int: ...
    @property
    def column(self) -> int: ...
    @property
    def message(self) -> str: ...

@final
class VrpSet:
    """VRPs, ASPAs and router keys with an origin-validation index built at load time."""

    def __new__(cls, vrps: Iterable[Vrp] | None = None) -> Self: ...
    @staticmethod
    def from_file(
        path: _StrPath,
        format: str | None = None,
        slurm: _StrPath | None = None,
        *,
        strict: bool = True,
    ) -> VrpSet:
        """Loads a file in any supported format, sniffed unless ``format`` names
        one (``json``, ``csv``, ``openbgpd``, ``bird``, ``slurm`` and aliases).
        gzip, bzip2, xz and zstd files are decompressed, whatever they are
        called. ``slurm`` is the path of a SLURM file applied after loading.
        ``strict=False`` skips bad records and lists them in ``warnings``.
        Raises ``ParseError``, ``SlurmError`` or ``RouteguardIoError`` (an
        ``OSError``)."""
    @staticmethod
    def from_json(data: _Data, *, strict: bool = True, slurm: _Data | None = None) -> VrpSet:
        """Loads any JSON layout; ``slurm`` is the text of a SLURM file to apply."""
    @staticmethod
    def from_csv(data: _Data, *, strict: bool = True, slurm: _Data | None = None) -> VrpSet:
        """Loads CSV; ``slurm`` is the text of a SLURM file to apply."""
    @staticmethod
    def from_text(
        data: _Data,
        format: str | None = None,
        *,
        strict: bool = True,
        slurm: _Data | None = None,
    ) -> VrpSet:
        """Loads text in any supported format, sniffed unless ``format`` names one."""
    def validate(self, prefix: _PrefixLike, origin: _OriginLike, *, relaxed: bool = False) -> ValidationResult:
        """Validates one route (RFC 6811). ``origin`` None means the AS path
        gives no origin (a final AS_SET). Prefixes are parsed strictly (host
        bits are an error) unless ``relaxed``. Raises ``ModelError``."""
    def validate_many(self, routes: Iterable[_Route], *, relaxed: bool = False) -> list[ValidationResult]:
        """Validates ``(prefix, origin)`` pairs; results in input order. The
        validation runs without the GIL."""
    @property
    def aspas(self) -> list[Aspa]: ...
    @property
    def router_keys(self) -> list[RouterKey]: ...
    @property
    def generated(self) -> int | None: ...
    @property
    def format(self) -> str | None: ...
    @property
    def warnings(self) -> list[LoadWarning]: ...
    @property
    def skipped(self) -> int: ...
    def write(self, format: str) -> str: ...
    def to_snapshot(self) -> bytes:
        """The set as a VRP snapshot: routeguard's lossless binary form,
        about a fifth of the JSON, which every VRP input recognises."""
    @staticmethod
    def from_snapshot(data: bytes) -> VrpSet:
        """Loads a VRP snapshot. Raises ``ParseError`` (code
        ``invalid-snapshot``) for damaged input."""
    def __reduce__(self) -> tuple[Callable[[bytes], VrpSet], tuple[bytes]]: ...
    def __len__(self) -> int: ...
    def __getitem__(self, index: int, /) -> Vrp: ...
    def __iter__(self) -> VrpIterator: ...

@final
class VrpIterator:
    """Iterator over the VRPs of a ``VrpSet``, in load order."""

    def __iter__(self) -> Self: ...
    def __next__(self) -> Vrp: ...
    def __length_hint__(self) -> int: ...

@final
class IrrAdvice:
    """One finding about a checked route (IRR Explorer's report)."""

    @property
    def level(self) -> Literal["info", "warning", "danger"]: ...
    @property
    def code(self) -> str: ...
    @property
    def message(self) -> str: ...
    def to_dict(self) -> _AdviceDict: ...
    def __eq__(self, value: object, /) -> bool: ...
    def __ne__(self, value: object, /) -> bool: ...
    def __hash__(self) -> int: ...

@final
class IrrCheck:
    """The IRR verdict on one route."""

    @property
    def prefix(self) -> str: ...
    @property
    def origin(self) -> str | None:
        """The origin checked, e.g. ``"AS64500"``; None for a route without one
        (its AS path ends in an AS_SET)."""
    @property
    def status(self) -> _IrrStatus:
        """``valid`` (exact route object with this origin), ``covered`` (only a
        less-specific one), ``invalid-origin`` (route objects cover the prefix,
        none with this origin) or ``not-found``."""
    @property
    def per_source(self) -> dict[str, _IrrStatus]:
        """Status per source, in source preference order."""
    @property
    def matching(self) -> list[_RouteDict]: ...
    @property
    def covering(self) -> list[_RouteDict]: ...
    @property
    def advice(self) -> list[IrrAdvice]: ...
    @property
    def rpki(self) -> RovState | None: ...
    def to_dict(self) -> _IrrCheckDict: ...

@final
class IrrDb:
    """RPSL dumps of one or more sources, indexed for route checks, lookups and set expansion."""

    @staticmethod
    def from_files(
        paths: Iterable[_FilePath], strict: bool = False, *, preference: list[str] | None = None
    ) -> IrrDb:
        """Loads dumps; an item ``(source, path)`` forces the source of every
        object in that file. Compressed files (gzip, bzip2, xz, zstd) are
        decompressed. Raises ``ParseError`` (``strict=True``) or
        ``RouteguardIoError`` (an ``OSError``)."""
    @staticmethod
    def from_text(text: _Data, source: str | None = None, strict: bool = False) -> IrrDb: ...
    def stats(self) -> _IrrStats: ...
    @property
    def sources(self) -> list[str]: ...
    @property
    def warnings(self) -> list[str]: ...
    def check_route(
        self, prefix: _PrefixLike, origin: _AsnLike, vrps: VrpSet | None = None, *, relaxed: bool = False
    ) -> IrrCheck: ...
    def check_routes(
        self, routes: Iterable[_IrrRoute], vrps: VrpSet | None = None, *, relaxed: bool = False
    ) -> list[IrrCheck]:
        """Routes as ``(prefix, origin)`` pairs or ``"prefix origin"`` strings."""
    def lookup(self, key: str) -> list[_RpslObjectDict]: ...
    def aut_num(self, asn: _AsnLike) -> dict[str, Any] | None: ...
    def as_set(self, name: str) -> dict[str, Any] | None: ...
    def route_set(self, name: str) -> dict[str, Any] | None: ...
    def routes(self, prefix: _PrefixLike, match: _RouteMatch = "exact") -> list[_RouteDict]: ...
    def routes_by_origin(self, asn: _AsnLike) -> list[_RouteDict]: ...
    def expand_as_set(self, name: str) -> list[str]: ...
    def expand_as_set_details(self, name: str) -> _ExpandedSet: ...
    def set_members(self, name: str) -> list[str]: ...
    def set_prefixes(self, name: str, family: _Family | None = None) -> list[str]: ...
    def expand_route_set(self, name: str) -> list[str]: ...
    def rpki_invalid_routes(self, vrps: VrpSet) -> list[tuple[_RouteDict, ValidationResult]]: ...
    def __len__(self) -> int: ...

@final
class WhoisClient:
    """A connection to an IRRd whois server in multiple-command mode; a context manager."""

    def __new__(
        cls,
        host: str,
        port: int = 43,
        timeout: float = 10.0,
        *,
        answer_timeout: float | None = ...,
        max_answer_bytes: int = ...,
        client_name: str | None = ...,
        idle_timeout: float | None = ...,
    ) -> Self: ...
    def query(self, q: str) -> str | None:
        """The answer text; ``""`` for IRRd ``C`` (no data), None for not found
        (``D``); a server error raises ``WhoisServerError``."""
    def pipeline(self, queries: list[str]) -> list[str | None]: ...
    def prefixes(self, asn: _AsnLike, family: _Family = 4) -> list[str]: ...
    def set_members(self, name: str, recursive: bool = False) -> list[str]: ...
    def set_prefixes(self, name: str, family: _Family | None = None) -> list[str]: ...
    def route_search(self, prefix: _PrefixLike, mode: _RouteSearchMode = "exact") -> str | None: ...
    def route_origins(self, prefix: _PrefixLike) -> list[str]: ...
    def route_objects(self, prefix: _PrefixLike, mode: _RouteSearchMode = "exact") -> list[_RpslObjectDict]: ...
    def sources(self, sources: list[str]) -> None: ...
    def source_list(self) -> list[str]: ...
    def serials(self, sources: list[str] = ...) -> list[_SerialsDict]: ...
    def version(self) -> str: ...
    def object(self, cls: str, key: str) -> _RpslObjectDict | None: ...
    def ripe(self, query: str) -> str | None: ...
    def close(self) -> None: ...
    @property
    def closed(self) -> bool: ...
    def __enter__(self) -> Self: ...
    def __exit__(
        self,
        exc_type: type[BaseException] | None = None,
        exc_value: BaseException | None = None,
        traceback: TracebackType | None = None,
    ) -> bool: ...

def parse_rpsl(text: _Data, strict: bool = True, *, typed: bool = False) -> list[_RpslObjectDict]:
    """Parses RPSL text into object dicts; ``typed=True`` adds each object's typed view."""

def parse_prefix(prefix: _PrefixLike, *, relaxed: bool = False) -> str:
    """Parses a prefix and returns its canonical text (strict unless ``relaxed``)."""

def parse_asn(asn: _AsnLike, *, relaxed: bool = False) -> int:
    """Parses an AS number (``64500``, ``"AS64500"``, ``"1.10"``)."""

# ---------------------------------------------------------------------------
# Path validation: AS paths, ASPA, bogons, route leaks, combined route checks.
# Wherever a path is taken it may be a str ("64500 64501 {64502,64503}"), an
# AsPath, or a sequence of AS numbers (one AS_SEQUENCE, leftmost first).

@final
class AsPath:
    """An AS path: segments in wire order; the leftmost AS is the neighbour,
    the rightmost the origin. Raises ``ModelError`` on bad text."""

    def __new__(cls, path: _PathLike) -> Self: ...
    @staticmethod
    def from_asns(asns: Iterable[int | str]) -> AsPath:
        """A path of one AS_SEQUENCE, leftmost (neighbour) first."""
    @property
    def origin(self) -> int | None:
        """The rightmost AS of a final AS_SEQUENCE (RFC 6811); None otherwise."""
    @property
    def neighbor(self) -> int | None: ...
    @property
    def length(self) -> int:
        """RFC 4271 path length: prepends count, an AS_SET counts one, confed segments zero."""
    @property
    def has_set(self) -> bool: ...
    @property
    def is_empty(self) -> bool: ...
    @property
    def asns(self) -> list[int]: ...
    @property
    def segments(self) -> list[tuple[_SegmentKind, list[int]]]: ...
    def compressed(self) -> list[int] | None:
        """The prepend-compressed AS_SEQUENCE; None when the path has an AS_SET."""
    def dedup_prepends(self) -> AsPath: ...
    def __eq__(self, value: object, /) -> bool: ...
    def __ne__(self, value: object, /) -> bool: ...
    def __hash__(self) -> int: ...

@final
class AspaSet:
    """Validated ASPAs by customer AS (union of each customer's providers)."""

    def __new__(cls, aspas: Iterable[Aspa | tuple[_AsnLike, Iterable[_AsnLike]]] | None = None) -> Self: ...
    @staticmethod
    def from_vrpset(vrps: VrpSet) -> AspaSet: ...
    @staticmethod
    def from_file(path: _StrPath, format: str | None = None, *, strict: bool = True) -> AspaSet:
        """The ASPAs of a validator export file (any VrpSet format; gzip, bzip2,
        xz, zstd decompressed). Raises ``ParseError``, ``SlurmError`` or
        ``RouteguardIoError``."""
    @staticmethod
    def from_text(data: _Data, format: str | None = None, *, strict: bool = True) -> AspaSet: ...
    def providers(self, customer: _AsnLike) -> list[int] | None:
        """Sorted providers; ``[]`` for an AS0 ASPA; None without an ASPA."""
    def authorized(self, customer: _AsnLike, provider: _AsnLike) -> _Hop: ...
    def items(self) -> list[tuple[int, list[int]]]: ...
    def verify(
        self,
        path: _PathLike,
        direction: _Direction | None = None,
        *,
        neighbor: _OriginLike = None,
        role: _Role | None = None,
        route_server: _OriginLike = None,
    ) -> AspaResult:
        """Verifies one path (draft-ietf-sidrops-aspa-verification); ``direction``
        None picks it from ``role`` (downstream for ``customer``), else upstream."""
    def verify_many(
        self,
        paths: Iterable[_PathLike],
        direction: _Direction | None = None,
        *,
        neighbor: _OriginLike = None,
        role: _Role | None = None,
        route_server: _OriginLike = None,
    ) -> list[_AspaVerdict]:
        """Verdict words in input order; runs without the GIL."""
    def __len__(self) -> int: ...
    def __contains__(self, customer: _AsnLike, /) -> bool: ...

@final
class AspaResult:
    """An ASPA verdict with the compressed path, the ramps and the deciding hop."""

    @property
    def verdict(self) -> _AspaVerdict: ...
    @property
    def direction(self) -> Literal["upstream", "downstream"]: ...
    @property
    def path(self) -> list[int]: ...
    @property
    def neighbor(self) -> int | None: ...
    @property
    def max_up_ramp(self) -> int | None: ...
    @property
    def min_up_ramp(self) -> int | None: ...
    @property
    def max_down_ramp(self) -> int | None: ...
    @property
    def min_down_ramp(self) -> int | None: ...
    @property
    def deciding(self) -> tuple[int, int, _Hop] | None:
        """The up-ramp hop that decided, ``(customer, provider, hop)``."""
    @property
    def deciding_down(self) -> tuple[int, int, _Hop] | None: ...
    @property
    def reason(self) -> _AspaReason: ...
    def __eq__(self, value: object, /) -> bool: ...
    def __ne__(self, value: object, /) -> bool: ...
    def __hash__(self) -> int: ...

@final
class Bogons:
    """The bogon checker: IANA special-purpose registries, bogon ASNs, user lists, options."""

    def __new__(
        cls,
        *,
        max_v4_len: int = 24,
        max_v6_len: int = 48,
        max_path_len: int | None = 64,
        allow_default: bool = False,
    ) -> Self: ...
    def add_list(self, name: str, prefixes: _Data | Iterable[_PrefixLike]) -> None:
        """Adds a user list: Team Cymru style text or an iterable of prefixes."""
    def add_list_file(self, path: _StrPath, name: str | None = None) -> None: ...
    def check_prefix(self, prefix: _PrefixLike, *, relaxed: bool = False) -> BogonFinding | None: ...
    def check_asn(self, asn: _AsnLike) -> BogonFinding | None: ...
    def is_bogon_prefix(self, prefix: _PrefixLike, *, relaxed: bool = False) -> bool: ...
    def check_route(self, prefix: _PrefixLike, path: _PathLike, *, relaxed: bool = False) -> list[BogonFinding]: ...
    def first(self, prefix: _PrefixLike, path: _PathLike, *, relaxed: bool = False) -> BogonFinding | None: ...
    @property
    def max_v4_len(self) -> int: ...
    @property
    def max_v6_len(self) -> int: ...
    @property
    def max_path_len(self) -> int | None: ...
    @property
    def allow_default(self) -> bool: ...
    @property
    def lists(self) -> list[tuple[str, int]]: ...

@final
class BogonFinding:
    """One bogon verdict: kind, list (or rule), entry, and the ASN of a bogon-asn finding."""

    @property
    def kind(self) -> _BogonKind: ...
    @property
    def list(self) -> str: ...
    @property
    def entry(self) -> str: ...
    @property
    def asn(self) -> int | None: ...
    def __eq__(self, value: object, /) -> bool: ...
    def __ne__(self, value: object, /) -> bool: ...
    def __hash__(self) -> int: ...

@final
class AsRelations:
    """The AS relationship graph of a CAIDA as-rel file (serial-1 or serial-2)."""

    @staticmethod
    def from_file(path: _StrPath) -> AsRelations:
        """Streams a file (gzip, bzip2, xz, zstd decompressed). Raises ``ParseError``
        or ``RouteguardIoError``."""
    @staticmethod
    def from_text(text: _Data) -> AsRelations: ...
    def relationship(self, a: _AsnLike, b: _AsnLike) -> _Relation | None:
        """What ``b`` is to ``a``."""
    def providers_of(self, asn: _AsnLike) -> list[int]: ...
    def customers_of(self, asn: _AsnLike) -> list[int]: ...
    def peers_of(self, asn: _AsnLike) -> list[int]: ...
    def ases(self) -> list[int]: ...
    @property
    def clique(self) -> list[int]: ...
    @property
    def ixps(self) -> list[int]: ...
    @property
    def duplicates(self) -> int: ...
    @property
    def conflicts(self) -> int: ...
    def leak_states(self, paths: Iterable[_PathLike], receiver: _OriginLike = None) -> list[_LeakState]:
        """Leak verdict words in input order; runs without the GIL."""
    def __len__(self) -> int: ...

@final
class Leak:
    """One AS proved to have leaked a route (RFC 7908)."""

    @property
    def leaker(self) -> int: ...
    @property
    def type(self) -> Literal[1, 2, 3, 4]: ...
    @property
    def kind(self) -> _LeakKind: ...
    @property
    def learned_from(self) -> int: ...
    @property
    def sent_to(self) -> int: ...
    def __eq__(self, value: object, /) -> bool: ...
    def __ne__(self, value: object, /) -> bool: ...
    def __hash__(self) -> int: ...

@final
class LeakResult:
    """The leak verdict on one path: state, proved leaks, missing relations."""

    @property
    def state(self) -> _LeakState: ...
    @property
    def leaks(self) -> list[Leak]: ...
    @property
    def missing(self) -> list[tuple[int, int]]: ...
    @property
    def set_undecided(self) -> bool: ...
    def __eq__(self, value: object, /) -> bool: ...
    def __ne__(self, value: object, /) -> bool: ...
    __hash__: ClassVar[None]  # type: ignore[assignment]

@final
class OtcVerdict:
    """The outcome of an RFC 9234 OTC procedure."""

    @property
    def leak(self) -> bool: ...
    @property
    def otc(self) -> int | None: ...
    def __eq__(self, value: object, /) -> bool: ...
    def __ne__(self, value: object, /) -> bool: ...
    def __hash__(self) -> int: ...

@final
class RouteChecker:
    """Every check of a route over the data given: ROV, ASPA, bogons (always), leaks."""

    def __new__(
        cls,
        *,
        vrps: VrpSet | None = None,
        aspa: AspaSet | None = None,
        relations: AsRelations | None = None,
        bogons: Bogons | None = None,
        direction: _Direction = "upstream",
        receiver: _OriginLike = None,
    ) -> Self: ...
    def check(
        self, prefix: _PrefixLike, path: _PathLike, neighbor: _OriginLike = None, *, relaxed: bool = False
    ) -> RouteVerdict: ...
    def check_many(self, routes: Iterable[_CheckRoute], *, relaxed: bool = False) -> list[RouteVerdict]:
        """``(prefix, path)`` or ``(prefix, path, neighbor)`` items; runs without the GIL."""
    def check_lines(self, text: _Data) -> list[RouteVerdict]:
        """``PREFIX PATH...`` or ``bgpdump -m`` lines; raises ``ParseError``."""
    @property
    def direction(self) -> Literal["upstream", "downstream"]: ...
    @property
    def receiver(self) -> int | None: ...

@final
class RouteVerdict:
    """The verdicts on one route; None where a check's data was not given."""

    @property
    def prefix(self) -> str: ...
    @property
    def path(self) -> AsPath: ...
    @property
    def neighbor(self) -> int | None: ...
    @property
    def rov(self) -> _RovWord | None: ...
    @property
    def aspa(self) -> _AspaVerdict | None: ...
    @property
    def bogon(self) -> BogonFinding | None: ...
    @property
    def bogon_word(self) -> Literal["ok"] | _BogonKind: ...
    @property
    def leak(self) -> _LeakState | None: ...
    @property
    def rejected(self) -> bool: ...
    def __eq__(self, value: object, /) -> bool: ...
    def __ne__(self, value: object, /) -> bool: ...
    __hash__: ClassVar[None]  # type: ignore[assignment]

_DatasetInput: TypeAlias = _StrPath | bytes | bytearray
_DatasetText: TypeAlias = str | bytes | bytearray
# A path (a str without a line break, os.PathLike), contents (bytes), route
# text (a str with line breaks), a list of lines, or a list of paths/contents.
_RouteInput: TypeAlias = _StrPath | bytes | bytearray | Iterable[str] | Iterable[_StrPath | bytes | bytearray]

class _Thresholds(TypedDict, total=False):
    ready: float
    aspiring: float

_RtrVersion: TypeAlias = Literal[0, 1, 2]
_AspaLayout: TypeAlias = Literal["auto", "bis10", "bis14"]

class _RtrOptions(TypedDict, total=False):
    version: _RtrVersion | None
    connect_timeout: float
    response_timeout: float
    aspa_layout: _AspaLayout

@final
class Dataset:
    """Everything loaded in one call (VRPs after SLURM, ASPAs, IRR, AS relations, bogons).

    ``strict=False`` (the default) makes the payloads AND the IRR dumps
    lenient; ``strict=True`` makes both strict.
    """

    def __new__(
        cls,
        *,
        vrps: _DatasetInput | None = None,
        slurm: _DatasetInput | None = None,
        irr: _DatasetInput | Sequence[_DatasetInput | tuple[str, _DatasetInput]] | None = None,
        asrel: _DatasetInput | None = None,
        bogons: _DatasetInput | Sequence[_DatasetInput | tuple[str, _DatasetInput]] | None = None,
        peeringdb: _DatasetInput | Sequence[_DatasetInput] | None = None,
        sav_facts: _DatasetInput | None = None,
        spoofer: _DatasetInput | Sequence[_DatasetInput] | None = None,
        strict: bool = False,
        vrp_format: str | None = None,
        irr_preference: Sequence[str] | None = None,
        rtr: str | None = None,
        rtr_options: _RtrOptions | None = None,
    ) -> Self:
        """``rtr="host:port"`` (instead of ``vrps``) loads the payloads from an
        RTR cache once; a failure raises ``RtrError``."""
    @staticmethod
    def from_text(
        *,
        vrps: _DatasetText | None = None,
        slurm: _DatasetText | None = None,
        irr: _DatasetText | Sequence[_DatasetText | tuple[str, _DatasetText]] | None = None,
        asrel: _DatasetText | None = None,
        bogons: _DatasetText | Sequence[_DatasetText | tuple[str, _DatasetText]] | None = None,
        peeringdb: _DatasetText | Sequence[_DatasetText] | None = None,
        sav_facts: _DatasetText | None = None,
        spoofer: _DatasetText | Sequence[_DatasetText] | None = None,
        strict: bool = False,
        vrp_format: str | None = None,
        irr_preference: Sequence[str] | None = None,
    ) -> Dataset: ...
    def check(
        self, prefix: _PrefixLike, path: _PathLike, neighbor: _OriginLike = None, *, relaxed: bool = False
    ) -> RouteVerdict:
        """What ``routeguard path check --vrps V --aspa V --asrel R`` says of the route."""
    def check_irr(
        self, prefix: _PrefixLike, origin: _OriginLike | AsPath | Sequence[int | str], *, relaxed: bool = False
    ) -> IrrCheck | None:
        """None without IRR dumps; an AS path's origin is taken."""
    def validate(self, prefix: _PrefixLike, origin: _OriginLike, *, relaxed: bool = False) -> ValidationResult | None:
        """None without a VRP file."""
    def validate_arrow(
        self,
        prefixes: _ArrowColumn,
        origins: _ArrowColumn,
        *,
        table: _ArrowTable | None = None,
        relaxed: bool = False,
        errors: Literal["raise", "null"] = "raise",
        reasons: bool = False,
    ) -> _PyArrow:
        """RFC 6811 states of Arrow columns (a string and an integer array;
        null origin: none) as a pyarrow DictionaryArray of ``valid``,
        ``invalid``, ``not-found``; ``reasons=True``: a RecordBatch of
        ``state`` and ``reason``. Without the GIL, no object per row. A
        malformed row raises ``ModelError`` (``errors="raise"``) or is null
        (``errors="null"``). With ``table``, the columns are names in it."""
    def check_irr_arrow(
        self,
        prefixes: _ArrowColumn,
        origins: _ArrowColumn,
        *,
        table: _ArrowTable | None = None,
        relaxed: bool = False,
        errors: Literal["raise", "null"] = "raise",
    ) -> _PyArrow:
        """``check_irr(p, o).status`` of each route of Arrow columns, as a
        pyarrow DictionaryArray of ``valid``, ``covered``,
        ``invalid-origin``, ``not-found``."""
    def check_arrow(
        self,
        prefixes: _ArrowColumn,
        paths: _ArrowColumn,
        neighbors: _ArrowColumn | None = None,
        *,
        table: _ArrowTable | None = None,
        relaxed: bool = False,
        errors: Literal["raise", "null"] = "raise",
    ) -> _PyArrow:
        """``routeguard path check`` of each route of Arrow columns (AS paths
        as text): a pyarrow RecordBatch of dictionary columns ``rov``,
        ``aspa``, ``bogon``, ``leak`` (null where the data was not given)."""
    def manrs_check(
        self,
        asns: _AsnLike | Iterable[_AsnLike],
        routes: _RouteInput,
        *,
        as_set: str | None = None,
        customers: _AsnLike | Iterable[_AsnLike] | None = None,
        thresholds: _Thresholds | None = None,
    ) -> ManrsReport:
        """Judges the operator on the four MANRS actions (``routeguard manrs check``)."""
    def manrs_observatory(self, routes: _RouteInput) -> list[ObservatoryRow]:
        """One row of MANRS Observatory metrics per origin AS of the table, sorted by ASN."""
    def bgpq4(self, args: Sequence[str], *, dialect: _Dialect = "1.9") -> Bgpq4Result:
        """bgpq4's command line over the dataset's IRR dumps: what bgpq4 prints for them."""
    def prefix_list(
        self,
        objects: _Objects,
        *,
        family: _Family = 4,
        sources: Sequence[str] | None = None,
        rpki: _RpkiPolicy | None = ...,
        roa_as_route: bool = False,
        max_len: int | None = None,
        format: _FilterFormat = "ios",
        name: str = "NN",
        aggregate: bool = False,
    ) -> PrefixFilter:
        """A customer prefix filter from the IRR dumps, RPKI-invalid pairs dropped or tagged."""
    def explain(
        self, object: str, *, family: _Family = 4, max_depth: int | None = None, sources: Sequence[str] | None = None
    ) -> Explanation:
        """Why each ASN and prefix is in the object's expansion."""
    def antispoof(
        self,
        customers: Mapping[str, _AsnLike],
        *,
        vendor: _SavVendor = "ios",
        output: _SavOutput = "urpf",
        hyper_aggregate: bool = False,
        name: str = "SAV",
        filter_id: int = 1000,
    ) -> str:
        """uRPF or ACLs per interface, the customer's prefixes from its IRR objects and ROAs."""
    @property
    def vrps(self) -> VrpSet | None: ...
    @property
    def aspas(self) -> AspaSet | None: ...
    @property
    def irr(self) -> IrrDb | None: ...
    @property
    def relations(self) -> AsRelations | None: ...
    @property
    def bogons(self) -> Bogons: ...
    @property
    def warnings(self) -> list[str]: ...
    @property
    def format(self) -> str | None: ...

@final
class RtrStatus:
    """What an ``RtrClient`` knows of its cache at one moment."""

    @property
    def generation(self) -> int:
        """Datasets published so far (updates applied, expiries); 0 before the first."""
    @property
    def connected(self) -> bool: ...
    @property
    def peer(self) -> str | None:
        """The ``ip:port`` connected to last."""
    @property
    def version(self) -> int | None: ...
    @property
    def session(self) -> int | None: ...
    @property
    def serial(self) -> int | None: ...
    @property
    def reset(self) -> bool:
        """Whether the last update was a full reset (else a serial update)."""
    @property
    def announced(self) -> int: ...
    @property
    def withdrawn(self) -> int: ...
    @property
    def expired(self) -> bool: ...
    @property
    def no_data(self) -> str | None:
        """The cache's text when it had no data (Error Report code 2)."""
    @property
    def last_error(self) -> str | None:
        """The last failure's message, until the next update."""
    @property
    def last_error_code(self) -> str | None:
        """The last failure's code, as ``RtrError.code``."""
    @property
    def stopped(self) -> bool: ...
    def __eq__(self, value: object, /) -> bool: ...
    def __ne__(self, value: object, /) -> bool: ...
    __hash__: ClassVar[None]  # type: ignore[assignment]

@final
class RtrClient:
    """A dataset that follows an RPKI-to-Router cache on a background thread;
    ``dataset`` is always a consistent snapshot. A context manager."""

    def __new__(
        cls,
        host: str,
        port: int = 323,
        *,
        version: _RtrVersion | None = None,
        connect_timeout: float = ...,
        response_timeout: float = ...,
        backoff_min: float = ...,
        backoff_max: float = ...,
        max_age: float | None = None,
        aspa_layout: _AspaLayout = "auto",
        base: Dataset | None = None,
    ) -> Self: ...
    def wait_update(self, timeout: float | None = None, *, after: int | None = None) -> RtrStatus | None:
        """Waits (without the GIL) for a dataset newer than ``after`` (default:
        the last status returned); None on timeout."""
    @property
    def dataset(self) -> Dataset:
        """The current snapshot (the same object until the next update)."""
    @property
    def status(self) -> RtrStatus: ...
    @property
    def server(self) -> str: ...
    def close(self) -> None: ...
    @property
    def closed(self) -> bool: ...
    def __enter__(self) -> Self: ...
    def __exit__(
        self,
        exc_type: type[BaseException] | None = None,
        exc_value: BaseException | None = None,
        traceback: TracebackType | None = None,
    ) -> bool: ...

def verify_upstream(aspa_set: AspaSet, path: _PathLike) -> _AspaVerdict:
    """Upstream ASPA verification without a neighbour check."""

def verify_downstream(aspa_set: AspaSet, path: _PathLike) -> _AspaVerdict:
    """Downstream ASPA verification without a neighbour check."""

def special_purpose(family: _Family) -> list[_SpecialPurposeRow]:
    """IANA special-purpose rows (then bogon address-space reservations and operator-list blocks) of a family."""

def bogon_asn_ranges() -> list[_BogonAsnRange]: ...
def detect_leaks(relations: AsRelations, path: _PathLike, receiver: _OriginLike = None) -> LeakResult: ...
def leak_state(relations: AsRelations, path: _PathLike, receiver: _OriginLike = None) -> _LeakState: ...
def otc_ingress(role: _Role, remote_as: _AsnLike, otc: _OriginLike = None) -> OtcVerdict:
    """RFC 9234 §5 ingress rules for a route from ``remote_as``."""

def otc_egress(role: _Role, local_as: _AsnLike, otc: _OriginLike = None) -> OtcVerdict:
    """RFC 9234 §5 egress rules for a route sent by ``local_as``."""

# --- MANRS evaluation (routeguard.manrs re-exports these) -----------------

_ManrsAction: TypeAlias = Literal["filtering", "anti-spoofing", "coordination", "global-validation"]
_Severity: TypeAlias = Literal["error", "warning", "info"]
_Readiness: TypeAlias = Literal["ready", "aspiring", "lagging"]

class _RoutesCount(TypedDict):
    own: int
    customer: int
    seen: int

class _SeverityCounts(TypedDict):
    error: int
    warning: int
    info: int

class _RpkiCounts(TypedDict):
    valid: int
    invalid: int
    not_found: int

class _Incidents(TypedDict):
    rule: str
    month: str
    count: int
    score: float

class _RoaSuggestion(TypedDict):
    prefix: str
    max_length: int
    asn: int
    rule: str

class _AutNumSkeleton(TypedDict):
    asn: int
    providers: list[int]
    peers: list[int]
    customers: list[int]
    as_set: str | None

class _RuleInfo(TypedDict):
    rule: str
    action: _ManrsAction
    severity: _Severity
    subject: Literal["route", "prefix", "asn", "interface", "vrp", "other"]
    doc: str

MANRS_SCHEMA: str
MANRS_JSON_SCHEMA: str

@final
class ManrsFinding:
    """One rule firing for one subject, with its evidence and remedy."""

    @property
    def rule(self) -> str: ...
    @property
    def action(self) -> _ManrsAction: ...
    @property
    def severity(self) -> _Severity: ...
    @property
    def subject(self) -> str: ...
    @property
    def prefix(self) -> str | None: ...
    @property
    def max_length(self) -> int | None: ...
    @property
    def asn(self) -> int | None: ...
    @property
    def interface(self) -> tuple[str | None, str] | None: ...
    @property
    def message(self) -> str: ...
    @property
    def evidence(self) -> list[str]: ...
    @property
    def remedy(self) -> str: ...
    @property
    def seen(self) -> list[tuple[int, int]]: ...

@final
class ManrsRuleOutcome:
    """A rule and its outcome: evaluated, or not evaluated and why."""

    @property
    def rule(self) -> str: ...
    @property
    def action(self) -> _ManrsAction: ...
    @property
    def severity(self) -> _Severity: ...
    @property
    def evaluated(self) -> bool: ...
    @property
    def findings(self) -> int | None: ...
    @property
    def reason(self) -> str | None: ...
    @property
    def doc(self) -> str: ...

@final
class ManrsAction:
    """One action's verdict."""

    @property
    def action(self) -> _ManrsAction: ...
    @property
    def number(self) -> int: ...
    @property
    def title(self) -> str: ...
    @property
    def required(self) -> bool: ...
    @property
    def evaluated(self) -> bool: ...
    @property
    def conformant(self) -> bool | None: ...
    @property
    def score(self) -> float | None: ...
    @property
    def readiness(self) -> _Readiness | None: ...
    @property
    def basis(self) -> str: ...
    @property
    def counts(self) -> _SeverityCounts: ...

@final
class ManrsMetrics:
    """The metrics; the attributes are the JSON report's ``metrics`` keys."""

    @property
    def m7irr(self) -> float | None: ...
    @property
    def m7rpki(self) -> float | None: ...
    @property
    def m3(self) -> int: ...
    @property
    def m3c(self) -> int: ...
    @property
    def m4(self) -> int: ...
    @property
    def m4c(self) -> int: ...
    @property
    def m5(self) -> float | None: ...
    @property
    def own_routes(self) -> int: ...
    @property
    def customer_routes(self) -> int: ...
    @property
    def rpki(self) -> _RpkiCounts | None: ...
    @property
    def irr_registered(self) -> int | None: ...
    @property
    def registered_or_valid(self) -> float | None: ...
    @property
    def caida_action1(self) -> bool | None: ...
    @property
    def caida_action4(self) -> bool | None: ...
    @property
    def incidents(self) -> list[_Incidents]: ...

@final
class ManrsRemedies:
    """What to create or change."""

    @property
    def route_objects(self) -> list[tuple[str, int]]: ...
    @property
    def roas(self) -> list[_RoaSuggestion]: ...
    @property
    def roas_to_replace(self) -> list[Vrp]: ...
    @property
    def as_set(self) -> str | None: ...
    @property
    def as_set_members(self) -> list[int]: ...
    @property
    def aut_nums(self) -> list[_AutNumSkeleton]: ...
    def files(self) -> dict[str, bytes]: ...
    def __bool__(self) -> bool: ...

@final
class ManrsReport:
    """What ``routeguard manrs check`` says of an operator."""

    @property
    def asns(self) -> list[int]: ...
    @property
    def customers(self) -> list[int]: ...
    @property
    def as_set(self) -> str | None: ...
    @property
    def conformant(self) -> bool: ...
    @property
    def findings(self) -> list[ManrsFinding]: ...
    @property
    def rules(self) -> list[ManrsRuleOutcome]: ...
    @property
    def metrics(self) -> ManrsMetrics: ...
    @property
    def actions(self) -> list[ManrsAction]: ...
    @property
    def remedies(self) -> ManrsRemedies: ...
    @property
    def routes(self) -> _RoutesCount: ...
    def findings_of(self, rule: str) -> list[ManrsFinding]: ...
    def outcome(self, rule: str) -> ManrsRuleOutcome | None: ...
    def action(self, action: str) -> ManrsAction | None: ...
    def render(self, format: Literal["text", "json", "markdown", "html"]) -> str: ...
    def to_json(self) -> str: ...
    def to_markdown(self) -> str: ...
    def to_html(self) -> str: ...
    def to_text(self) -> str: ...
    def remedy_files(self) -> dict[str, bytes]: ...

@final
class ObservatoryRow:
    """The MANRS Observatory metrics of one origin AS; the observatory CSV's columns."""

    @property
    def asn(self) -> int: ...
    @property
    def routes(self) -> int: ...
    @property
    def m7irr(self) -> float | None: ...
    @property
    def m7rpki(self) -> float | None: ...
    @property
    def rpki_valid(self) -> int | None: ...
    @property
    def rpki_invalid(self) -> int | None: ...
    @property
    def rpki_not_found(self) -> int | None: ...
    @property
    def irr_registered(self) -> int | None: ...
    @property
    def m3(self) -> int: ...
    @property
    def m4(self) -> int: ...
    @property
    def caida_action1(self) -> bool | None: ...
    @property
    def caida_action4(self) -> bool | None: ...
    def __eq__(self, value: object, /) -> bool: ...
    def __ne__(self, value: object, /) -> bool: ...
    __hash__: ClassVar[None]  # type: ignore[assignment]

def observatory_csv(rows: Iterable[ObservatoryRow]) -> str:
    """Observatory rows as CSV, in the order given."""

def observatory_json(rows: Iterable[ObservatoryRow]) -> str:
    """Observatory rows as JSON, in the order given."""

def manrs_rules() -> list[_RuleInfo]:
    """Every MANRS rule with its action, severity, subject kind and documentation."""

@final
class Bgpq4Result:
    """What one bgpq4 run wrote and its exit status, as bgpq4 1.9 would."""

    @property
    def stdout(self) -> str: ...
    @property
    def stderr(self) -> str: ...
    @property
    def code(self) -> int: ...
    def __eq__(self, value: object, /) -> bool: ...
    def __ne__(self, value: object, /) -> bool: ...
    __hash__: ClassVar[None]  # type: ignore[assignment]

@final
class FilterEntry:
    """One (prefix range, origin) of a filter with its source and RPKI state."""

    @property
    def prefix(self) -> str: ...
    @property
    def low(self) -> int: ...
    @property
    def high(self) -> int: ...
    @property
    def origin(self) -> int | None: ...
    @property
    def source(self) -> Literal["route-object", "route-set", "given", "roa"]: ...
    @property
    def rpki(self) -> _RovWord | None: ...
    def __eq__(self, value: object, /) -> bool: ...
    def __ne__(self, value: object, /) -> bool: ...
    def __hash__(self) -> int: ...

@final
class PrefixFilter:
    """A customer prefix filter; ``render()`` writes it for a router."""

    @property
    def entries(self) -> list[FilterEntry]: ...
    @property
    def dropped(self) -> list[FilterEntry]: ...
    @property
    def asns(self) -> list[int]: ...
    @property
    def missing_sets(self) -> list[str]: ...
    @property
    def family(self) -> _Family: ...
    @property
    def ranges(self) -> list[_Range]: ...
    @property
    def name(self) -> str: ...
    def render(
        self, format: _FilterFormat | None = None, *, name: str | None = None, aggregate: bool | None = None
    ) -> str: ...
    def to_json(self, *, name: str | None = None) -> str: ...
    def diff(
        self,
        router: _Data,
        *,
        format: _PrefixListFormat | None = None,
        name: str | None = None,
        list: str | None = None,
    ) -> FilterDiff:
        """``list`` compares the router's list of that name only (a whole configuration holds several)."""
    def __len__(self) -> int: ...

@final
class AsnReason:
    """Why one ASN is in an expansion: the chain of sets."""

    @property
    def asn(self) -> int: ...
    @property
    def path(self) -> list[str]: ...

@final
class PrefixReason:
    """Why one prefix is in an expansion: origin, chain of sets, sources."""

    @property
    def prefix(self) -> str: ...
    @property
    def origin(self) -> int | None: ...
    @property
    def path(self) -> list[str]: ...
    @property
    def sources(self) -> list[str]: ...

@final
class Explanation:
    """Why each ASN and prefix is in an object's expansion."""

    @property
    def object(self) -> str: ...
    @property
    def asns(self) -> list[AsnReason]: ...
    @property
    def prefixes(self) -> list[PrefixReason]: ...
    @property
    def missing_sets(self) -> list[str]: ...
    @property
    def loops(self) -> list[str]: ...
    @property
    def too_deep(self) -> list[str]: ...
    def to_json(self) -> str: ...

@final
class FilterDiff:
    """The audit of a router's prefix list against the expected one."""

    @property
    def missing(self) -> list[_Range]: ...
    @property
    def extra(self) -> list[_Range]: ...
    @property
    def changed(self) -> list[tuple[str, list[tuple[int, int]], list[tuple[int, int]]]]: ...
    @property
    def unchanged(self) -> int: ...
    @property
    def router_entries(self) -> int: ...
    @property
    def expected_entries(self) -> int: ...
    @property
    def size_change(self) -> int: ...
    @property
    def same(self) -> bool: ...
    @property
    def equivalent(self) -> bool: ...
    @property
    def only_router(self) -> list[_Gap]: ...
    @property
    def only_expected(self) -> list[_Gap]: ...
    @property
    def routes_only_router(self) -> int: ...
    @property
    def routes_only_expected(self) -> int: ...
    def to_text(self) -> str: ...
    def to_json(self) -> str: ...
    def __bool__(self) -> bool: ...

@final
class AuditFinding:
    """One customer interface without strict uRPF."""

    @property
    def interface(self) -> str: ...
    @property
    def family(self) -> _Family | None: ...
    @property
    def problem(self) -> Literal["interface-not-found", "no-address-family", "urpf-missing", "urpf-not-strict"]: ...
    @property
    def line(self) -> int | None: ...
    @property
    def message(self) -> str: ...

def bgpq4(args: Sequence[str], *, dialect: _Dialect = "1.9", timeout: float = 30.0) -> Bgpq4Result:
    """bgpq4's command line against IRRd over whois (its ``-h``): what bgpq4 prints."""

def prefix_list(
    objects: _Objects,
    *,
    whois: _Hosts,
    family: _Family = 4,
    sources: Sequence[str] | None = None,
    vrps: VrpSet | None = None,
    rpki: _RpkiPolicy | None = ...,
    roa_as_route: bool = False,
    max_len: int | None = None,
    format: _FilterFormat = "ios",
    name: str = "NN",
    aggregate: bool = False,
    timeout: float = 30.0,
) -> PrefixFilter:
    """A customer prefix filter built over IRRd, as ``Dataset.prefix_list`` builds it locally."""

def explain(
    object: str,
    *,
    whois: _Hosts,
    family: _Family = 4,
    max_depth: int | None = None,
    sources: Sequence[str] | None = None,
    timeout: float = 30.0,
) -> Explanation:
    """Why each ASN and prefix is in the object's expansion, asked of IRRd."""

def diff_prefix_lists(
    router: _Data,
    expected: PrefixFilter | _Data,
    *,
    format: _PrefixListFormat | None = None,
    expected_format: _PrefixListFormat | None = None,
    name: str = "NN",
    list: str | None = None,
    expected_list: str | None = None,
) -> FilterDiff:
    """Compares a router's prefix list with the expected one; ``list`` and
    ``expected_list`` pick one list by name out of a text holding several."""

def antispoof(
    customers: Mapping[str, _PrefixLike | Iterable[_PrefixLike]],
    *,
    vendor: _SavVendor = "ios",
    output: _SavOutput = "urpf",
    hyper_aggregate: bool = False,
    name: str = "SAV",
    filter_id: int = 1000,
) -> str:
    """Strict uRPF or ingress ACLs for single-homed customers (interface -> prefixes)."""

def audit_config(
    config: _Data, *, dialect: _ConfigDialect | None = None, interfaces: Sequence[str] | None = None
) -> list[AuditFinding]:
    """Customer interfaces of a router configuration without strict uRPF."""
