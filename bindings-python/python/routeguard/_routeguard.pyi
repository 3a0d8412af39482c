"""Type stubs for the routeguard extension module (implemented in Rust)."""

import os
from collections.abc import Iterable
from ipaddress import IPv4Network, IPv6Network
from typing import ClassVar, final

from typing_extensions import Self, TypeAlias

_PrefixLike: TypeAlias = str | IPv4Network | IPv6Network
_AsnLike: TypeAlias = int | str
_OriginLike: TypeAlias = int | str | None
_Data: TypeAlias = str | bytes | bytearray
_StrPath: TypeAlias = str | os.PathLike[str]
_Route: TypeAlias = tuple[_PrefixLike, _OriginLike] | list[_PrefixLike | _OriginLike]

__version__: str
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

def parse_prefix(prefix: _PrefixLike, *, relaxed: bool = False) -> str:
    """Parses a prefix and returns its canonical text (strict unless ``relaxed``)."""

def parse_asn(asn: _AsnLike, *, relaxed: bool = False) -> int:
    """Parses an AS number (``64500``, ``"AS64500"``, ``"1.10"``)."""
