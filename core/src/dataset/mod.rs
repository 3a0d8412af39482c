//! The owning bundle of everything routeguard loads, built in one call.
//!
//! A [`Dataset`] holds the validated payloads after RFC 8416 SLURM (VRPs,
//! ASPAs, router keys), the IRR database (RPSL, RFC 2622/4012), CAIDA AS
//! relationships and bogon lists, each optional, with their indexes; and
//! the inputs of a MANRS evaluation that are not routes: PeeringDB pages
//! ([`PeeringDb`]), the operator's anti-spoofing facts ([`SavFacts`]) and
//! CAIDA Spoofer results ([`SpooferResults`]). The
//! indexes are shared ([`Arc`]) so that a front end can hand them out
//! without copying, and built once, on first use (or at once by
//! [`DatasetBuilder::build`] unless [`DatasetBuilder::defer_indexes`]).
//!
//! Every front end builds its inputs through one [`DatasetBuilder`]: the CLI
//! (one builder per subcommand), Python's `routeguard.Dataset` and the
//! browser's `new Dataset({...})`. The builder reads each input (bytes, text,
//! or, with the host-only feature `io`, a file or reader whose compression
//! is recognised by its magic bytes), parses it with the loader of its kind,
//! applies SLURM to the payloads, and reports lenient mode's warnings
//! ([`Dataset::warnings`]) and its progress ([`DatasetBuilder::on_progress`]).
//!
//! ```
//! use routeguard::dataset::{Dataset, Input};
//! use routeguard::{AsPath, RovState};
//! let vrps = "ASN,IP Prefix,Max Length,Trust Anchor\nAS13335,1.1.1.0/24,24,apnic\n";
//! let ds = Dataset::builder()
//!     .vrps(Input::text("vrps.csv", vrps))
//!     .asrel(Input::text("as-rel.txt", "3356|13335|-1\n"))
//!     .build()
//!     .unwrap();
//! let v = ds.check(&"1.1.1.0/24".parse().unwrap(), &AsPath::parse("3356 13335").unwrap());
//! assert_eq!(v.rov, Some(RovState::Valid));
//! assert_eq!(v.to_string(), "valid,unknown,ok,ok");
//! ```

mod builder;
#[cfg(feature = "rtr")]
pub mod live;
pub mod routes;

use std::fmt;
use std::sync::{Arc, OnceLock};

pub use builder::{DatasetBuilder, Input, Progress, Step};

use crate::diag::Location;
use crate::index::aspa::AspaSet;
use crate::index::asrel::AsRelations;
use crate::index::irr::{IrrDb, IrrLoadError};
use crate::index::peeringdb::PeeringDb;
use crate::index::RovIndex;
use crate::io::IoError;
use crate::model::{AsPath, Asn, Prefix, VrpSet};
use crate::parse::mrt::MrtError;
use crate::parse::rpsl::RpslError;
use crate::parse::sav::SavFacts;
use crate::parse::spoofer::SpooferResults;
use crate::parse::{Format, ParseError};
use crate::slurm::{Slurm, SlurmError};
use crate::validate::aspa::Direction;
use crate::validate::bogon::Bogons;
use crate::validate::irr::IrrCheck;
use crate::validate::route::{RouteChecker, RouteVerdict};
use crate::validate::rov::RovResult;

/// Everything loaded, owned, with shared indexes. Built by
/// [`Dataset::builder`].
#[derive(Debug)]
pub struct Dataset {
    vrps: Option<Arc<VrpSet>>,
    vrp_format: Option<Format>,
    slurm: Option<Arc<Slurm>>,
    rov: OnceLock<Arc<RovIndex>>,
    aspas: OnceLock<Arc<AspaSet>>,
    aspa_payloads: AspaPayloads,
    irr: Option<Arc<IrrDb>>,
    relations: Option<Arc<AsRelations>>,
    bogons: Arc<Bogons>,
    peeringdb: Option<Arc<PeeringDb>>,
    sav_facts: Option<Arc<SavFacts>>,
    spoofer: Option<Arc<SpooferResults>>,
    warnings: Vec<Warning>,
    skipped: Vec<(Arc<str>, usize)>,
}

/// Where the dataset's ASPAs come from.
#[derive(Clone, Debug)]
enum AspaPayloads {
    /// The VRP file's (the default).
    Vrps,
    /// A file of their own ([`DatasetBuilder::aspas`]), after SLURM.
    Own(Arc<VrpSet>),
    /// None ([`DatasetBuilder::vrp_aspas`] off, no ASPA file).
    None,
}

/// A lenient-mode warning of one input: a record or object skipped, or a
/// tolerated deviation from its format.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Warning {
    /// The input's name (its path, or the name given to [`Input`]).
    pub input: Arc<str>,
    /// What was skipped or tolerated, and where.
    pub warning: Diagnostic,
}

/// What a [`Warning`] says: a skipped record of a VRP export (or of another
/// line format), a skipped or tolerated RPSL object, or a tolerated SLURM
/// entry. Each has a [`Location`] and a stable [`code`](Self::code); the
/// message is the inner error's.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum Diagnostic {
    /// A record of a VRP export (or a SLURM file read as data).
    #[error(transparent)]
    Parse(#[from] ParseError),
    /// An object of an IRR dump (RPSL).
    #[error(transparent)]
    Rpsl(#[from] RpslError),
    /// An entry of the SLURM file (RFC 8416).
    #[error(transparent)]
    Slurm(#[from] SlurmError),
}

impl Diagnostic {
    /// Where in its input.
    pub fn location(&self) -> Location {
        match self {
            Diagnostic::Parse(e) => e.location,
            Diagnostic::Rpsl(e) => e.location,
            Diagnostic::Slurm(e) => e.location(),
        }
    }

    /// The 1-based line, 0 when unknown.
    pub fn line(&self) -> usize {
        self.location().line
    }

    /// The inner error's stable code.
    pub fn code(&self) -> &'static str {
        match self {
            Diagnostic::Parse(e) => e.code(),
            Diagnostic::Rpsl(e) => e.code(),
            Diagnostic::Slurm(e) => e.code(),
        }
    }
}

impl fmt::Display for Warning {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.input, self.warning)
    }
}

/// Why one input could not be loaded.
#[derive(Clone, Debug, PartialEq, thiserror::Error)]
#[non_exhaustive]
pub enum LoadError {
    /// It could not be opened, read or decompressed.
    #[error(transparent)]
    Io(#[from] IoError),
    /// It could not be parsed (strict mode: its first bad record).
    #[error(transparent)]
    Parse(#[from] ParseError),
    /// An IRR dump could not be parsed (strict mode: its first bad object)
    /// or exceeded a limit.
    #[error(transparent)]
    Rpsl(#[from] RpslError),
    /// The SLURM file was invalid.
    #[error(transparent)]
    Slurm(#[from] SlurmError),
    /// An MRT route file could not be read (cut short, corrupt), or this
    /// build cannot read MRT ([`MrtErrorKind::NotBuilt`](crate::parse::mrt::MrtErrorKind::NotBuilt)).
    #[error(transparent)]
    Mrt(#[from] MrtError),
    /// The RTR cache of [`DatasetBuilder::rtr`] could not be loaded from
    /// (feature `rtr`).
    #[cfg(feature = "rtr")]
    #[error(transparent)]
    Rtr(#[from] crate::net::rtr::client::ClientError),
}

impl From<IrrLoadError> for LoadError {
    fn from(e: IrrLoadError) -> Self {
        match e {
            IrrLoadError::Rpsl(e) => LoadError::Rpsl(e),
            IrrLoadError::Io(e) => LoadError::Io(e),
        }
    }
}

impl LoadError {
    /// The kind of the error, as the crate [`Error`](crate::Error)'s:
    /// `io`, `parse` (VRP exports, RPSL and MRT alike), `slurm` or `rtr`.
    pub fn kind(&self) -> &'static str {
        match self {
            LoadError::Io(_) => "io",
            LoadError::Parse(_) | LoadError::Rpsl(_) | LoadError::Mrt(_) => "parse",
            LoadError::Slurm(_) => "slurm",
            #[cfg(feature = "rtr")]
            LoadError::Rtr(_) => "rtr",
        }
    }

    /// The inner error's stable code ([`IoError::code`],
    /// [`ParseError::code`], [`RpslError::code`], [`SlurmError::code`],
    /// [`MrtError::code`], the RTR client's).
    pub fn code(&self) -> &'static str {
        match self {
            LoadError::Io(e) => e.code(),
            LoadError::Parse(e) => e.code(),
            LoadError::Rpsl(e) => e.code(),
            LoadError::Slurm(e) => e.code(),
            LoadError::Mrt(e) => e.code(),
            #[cfg(feature = "rtr")]
            LoadError::Rtr(e) => e.code(),
        }
    }
}

/// An input that could not be read or loaded: the input's name and the
/// error. Its message is `NAME: ERROR` (`vrps.json: line 3, column 5: …`),
/// or the error's own where that already names the file (an
/// [`IoError`] about a path).
#[derive(Clone, Debug, PartialEq)]
pub struct InputError {
    /// The input's name (its path, or the name given to [`Input`]).
    pub input: Arc<str>,
    /// What went wrong.
    pub error: LoadError,
}

impl InputError {
    /// The error `error` of the input `input`.
    pub fn new(input: Arc<str>, error: impl Into<LoadError>) -> Self {
        InputError {
            input,
            error: error.into(),
        }
    }

    /// The inner error's stable code ([`LoadError::code`]).
    pub fn code(&self) -> &'static str {
        self.error.code()
    }

    /// The 1-based line of a parse error, 0 when there is none.
    pub fn line(&self) -> usize {
        match &self.error {
            LoadError::Parse(e) => e.line(),
            LoadError::Rpsl(e) => e.line(),
            LoadError::Slurm(e) => e.line(),
            LoadError::Io(_) | LoadError::Mrt(_) => 0,
            #[cfg(feature = "rtr")]
            LoadError::Rtr(_) => 0,
        }
    }

    /// The 1-based record number and the byte offset of an MRT error.
    pub fn mrt_record(&self) -> Option<(u64, u64)> {
        match &self.error {
            LoadError::Mrt(e) => Some((e.record, e.offset)),
            _ => None,
        }
    }
}

impl fmt::Display for InputError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.error {
            LoadError::Io(e) if !e.path().as_os_str().is_empty() => write!(f, "{e}"),
            e => write!(f, "{}: {e}", self.input),
        }
    }
}

impl std::error::Error for InputError {
    /// The error's own cause, not the error: its message is part of this
    /// one's already (a chain printed with causes would repeat it).
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        std::error::Error::source(&self.error)
    }
}

impl Dataset {
    /// A builder with no inputs: strict loading of payloads, lenient IRR
    /// dumps (as IRRd's non-strict mode), the built-in bogon registries.
    pub fn builder() -> DatasetBuilder {
        DatasetBuilder::default()
    }

    /// This dataset with other payloads (VRPs, router keys, ASPAs) in
    /// place of its VRP file's: what a live feed (RTR) publishes at each
    /// End of Data. This dataset's SLURM file is applied to them
    /// (RFC 8416 §4); everything else (IRR, relations, bogons, PeeringDB,
    /// an ASPA file of its own, warnings) is shared, not copied; the
    /// payload indexes are built on first use.
    ///
    /// ```
    /// use routeguard::dataset::{Dataset, Input};
    /// use routeguard::model::{Asn, Prefix, Vrp, VrpSet};
    /// let ds = Dataset::builder()
    ///     .slurm(Input::text("slurm.json", r#"{"slurmVersion": 1,
    ///         "validationOutputFilters": {"prefixFilters": [{"prefix": "198.51.100.0/24"}], "bgpsecFilters": []},
    ///         "locallyAddedAssertions": {"prefixAssertions": [], "bgpsecAssertions": []}}"#))
    ///     .build()
    ///     .unwrap();
    /// let mut live = VrpSet::new();
    /// for p in ["192.0.2.0/24", "198.51.100.0/24"] {
    ///     live.vrps.push(Vrp::new(p.parse().unwrap(), 24, Asn::new(64500)).unwrap());
    /// }
    /// let now = ds.with_payloads(live);
    /// assert_eq!(now.vrps().unwrap().vrps.len(), 1); // the SLURM filter applied
    /// let p: Prefix = "192.0.2.0/24".parse().unwrap();
    /// assert!(now.validate(&p, Some(Asn::new(64500))).is_some());
    /// ```
    pub fn with_payloads(&self, mut payloads: VrpSet) -> Dataset {
        if let Some(s) = &self.slurm {
            s.apply(&mut payloads);
        }
        Dataset {
            vrps: Some(Arc::new(payloads)),
            vrp_format: None,
            slurm: self.slurm.clone(),
            rov: OnceLock::new(),
            aspas: match &self.aspa_payloads {
                // The ASPA file's index does not change.
                AspaPayloads::Own(_) => self.aspas.clone(),
                _ => OnceLock::new(),
            },
            aspa_payloads: self.aspa_payloads.clone(),
            irr: self.irr.clone(),
            relations: self.relations.clone(),
            bogons: self.bogons.clone(),
            peeringdb: self.peeringdb.clone(),
            sav_facts: self.sav_facts.clone(),
            spoofer: self.spoofer.clone(),
            warnings: self.warnings.clone(),
            skipped: self.skipped.clone(),
        }
    }

    /// The validated payloads after SLURM, when a VRP file was given.
    pub fn vrps(&self) -> Option<&Arc<VrpSet>> {
        self.vrps.as_ref()
    }

    /// The format the VRP file was read as.
    pub fn vrp_format(&self) -> Option<Format> {
        self.vrp_format
    }

    /// The SLURM file applied to the payloads, when one was given.
    pub fn slurm(&self) -> Option<&Arc<Slurm>> {
        self.slurm.as_ref()
    }

    /// The RFC 6811 origin-validation index over the VRPs (built on first
    /// use unless the builder built it).
    pub fn rov(&self) -> Option<&Arc<RovIndex>> {
        let vrps = self.vrps.as_ref()?;
        Some(self.rov.get_or_init(|| Arc::new(RovIndex::new(&vrps.vrps))))
    }

    /// The ASPAs by customer: those of the VRP file, or of the ASPA file
    /// given to [`DatasetBuilder::aspas`] (built on first use unless the
    /// builder built them). `None` when neither was given, or the VRP
    /// file's ASPAs were turned off ([`DatasetBuilder::vrp_aspas`]).
    pub fn aspas(&self) -> Option<&Arc<AspaSet>> {
        let set = match &self.aspa_payloads {
            AspaPayloads::Vrps => self.vrps.as_ref()?,
            AspaPayloads::Own(set) => set,
            AspaPayloads::None => return None,
        };
        Some(self.aspas.get_or_init(|| Arc::new(AspaSet::from(&**set))))
    }

    /// The IRR database, when RPSL dumps were given.
    pub fn irr(&self) -> Option<&Arc<IrrDb>> {
        self.irr.as_ref()
    }

    /// The AS relationship graph, when an as-rel file was given.
    pub fn relations(&self) -> Option<&Arc<AsRelations>> {
        self.relations.as_ref()
    }

    /// The bogon checker: the built-in registries plus the lists given.
    pub fn bogons(&self) -> &Arc<Bogons> {
        &self.bogons
    }

    /// The PeeringDB networks, contacts and organisations of every page
    /// given to [`DatasetBuilder::peeringdb`], merged; `None` when none was
    /// given.
    pub fn peeringdb(&self) -> Option<&Arc<PeeringDb>> {
        self.peeringdb.as_ref()
    }

    /// The operator's anti-spoofing facts file
    /// ([`DatasetBuilder::sav_facts`]), when given.
    pub fn sav_facts(&self) -> Option<&Arc<SavFacts>> {
        self.sav_facts.as_ref()
    }

    /// The CAIDA Spoofer results of every file given to
    /// [`DatasetBuilder::spoofer`], merged and sorted; `None` when none was
    /// given.
    pub fn spoofer(&self) -> Option<&Arc<SpooferResults>> {
        self.spoofer.as_ref()
    }

    /// Lenient mode's warnings, input by input (at most the builder's
    /// warning cap per input).
    pub fn warnings(&self) -> &[Warning] {
        &self.warnings
    }

    /// How many bad records (VRP and ASPA files) or objects (RPSL
    /// dumps) lenient mode skipped in the input named `input`, all of them
    /// (not only those [`Dataset::warnings`] keeps).
    pub fn skipped(&self, input: &str) -> usize {
        self.skipped
            .iter()
            .filter(|(name, _)| &**name == input)
            .map(|(_, n)| n)
            .sum()
    }

    /// A route checker over everything loaded: RFC 6811 origin validation
    /// when VRPs were given, ASPA verification of routes received in
    /// `direction` with the VRP file's ASPAs, route leaks when AS
    /// relationships were given, and bogons always.
    pub fn checker(&self, direction: Direction) -> RouteChecker<'_> {
        let mut checker = RouteChecker::new(&self.bogons);
        if let Some(rov) = self.rov() {
            checker = checker.with_rov(rov);
        }
        if let Some(aspas) = self.aspas() {
            checker = checker.with_aspa(aspas, direction);
        }
        if let Some(rel) = &self.relations {
            checker = checker.with_relations(rel);
        }
        checker
    }

    /// Every check of one route received from a customer or lateral peer
    /// (ASPA `upstream`): what `routeguard path check --vrps V --aspa V
    /// --asrel R` says of it.
    pub fn check(&self, prefix: &Prefix, path: &AsPath) -> RouteVerdict {
        self.checker(Direction::Upstream).check(prefix, path)
    }

    /// RFC 6811 origin validation of one route with the deciding VRPs;
    /// `None` when no VRP file was given.
    pub fn validate(&self, prefix: &Prefix, origin: Option<Asn>) -> Option<RovResult> {
        self.rov()
            .map(|index| crate::validate::rov::validate_origin(index, prefix, origin))
    }

    /// The IRR check of one route (status per source, advice, and the RPKI
    /// state when VRPs were given); `None` when no IRR dump was given.
    /// A route without an origin (its AS path ends in an AS_SET) matches
    /// no route object.
    pub fn check_irr(&self, prefix: &Prefix, origin: Option<Asn>) -> Option<IrrCheck> {
        let db = self.irr.as_ref()?;
        let opts = crate::validate::irr::CheckOptions {
            rov: self.rov().map(|r| &**r),
            ..Default::default()
        };
        Some(crate::validate::irr::check_route_with(
            db, prefix, origin, &opts,
        ))
    }
}
