"""Type stubs for the routeguard extension module (implemented in Rust)."""

import os
from collections.abc import Iterable
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

class RouteguardError(Exception):
    """Base class of every error routeguard raises."""

    kind: ClassVar[str]

class ModelError(RouteguardError, ValueError):
    """An invalid prefix, AS number or max length given as input."""

class ParseError(RouteguardError, ValueError):
    """An input file or text that could not be loaded."""

    line: int
    column: int
    def __init__(self, message: str, line: int = 0, column: int = 0) -> None: ...

class SlurmError(RouteguardError, ValueError):
    """An invalid SLURM file (RFC 8416)."""

    line: int
    column: int
    def __init__(self, message: str, line: int = 0, column: int = 0) -> None: ...

class IrrQueryError(RouteguardError, LookupError):
    """An IRR query that cannot be answered: no set of that name, or not a set name."""

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
        ``.gz``/``.bz2`` files are decompressed. ``slurm`` is the path of a
        SLURM file applied after loading. ``strict=False`` skips bad records
        and lists them in ``warnings``. Raises ``ParseError``, ``SlurmError``
        or ``OSError``."""
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
    def origin(self) -> str:
        """The origin checked, e.g. ``"AS64500"``."""
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
        object in that file. ``.gz``/``.bz2`` are decompressed. Raises
        ``ParseError`` (``strict=True``) or ``OSError``."""
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
