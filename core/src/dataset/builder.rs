//! The one builder of a [`Dataset`]: inputs in, parsed, SLURM applied,
//! indexes built, warnings and progress reported.

use std::fmt;
use std::sync::{Arc, OnceLock};

use super::{AspaPayloads, Dataset, InputError, Warning};
use crate::diag::Mode;
use crate::index::asrel::AsRelations;
use crate::index::irr::{IrrDb, IrrDbBuilder};
use crate::index::peeringdb::{PeeringDb, PeeringDbBuilder};
use crate::io::Limits;
use crate::parse::rpsl::RpslOptions;
use crate::parse::{Format, LoadOptions};
use crate::slurm::{Slurm, SlurmOptions};
use crate::validate::bogon::{BogonOptions, Bogons};

/// One input: its name (shown in errors and warnings) and where its bytes
/// come from.
pub struct Input {
    name: Arc<str>,
    data: Data,
}

enum Data {
    Bytes(Vec<u8>),
    /// Text: never taken for compressed data.
    Text(Vec<u8>),
    #[cfg(feature = "io")]
    Path(std::path::PathBuf),
    #[cfg(feature = "io")]
    Reader(Box<dyn std::io::Read + Send>),
}

impl fmt::Debug for Input {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.data {
            Data::Bytes(b) | Data::Text(b) => {
                write!(f, "Input({:?}, {} bytes)", self.name, b.len())
            }
            #[cfg(feature = "io")]
            Data::Path(_) => write!(f, "Input({:?}, path)", self.name),
            #[cfg(feature = "io")]
            Data::Reader(_) => write!(f, "Input({:?}, reader)", self.name),
        }
    }
}

impl Input {
    /// Bytes held in memory (compressed or not: gzip, bzip2, xz and zstd
    /// are recognised by their magic bytes and decompressed where this
    /// build can).
    pub fn bytes(name: impl Into<Arc<str>>, data: impl Into<Vec<u8>>) -> Self {
        Input {
            name: name.into(),
            data: Data::Bytes(data.into()),
        }
    }

    /// Text held in memory, read as it is (text is never taken for
    /// compressed data, whatever its first characters).
    pub fn text(name: impl Into<Arc<str>>, text: impl Into<String>) -> Self {
        Input {
            name: name.into(),
            data: Data::Text(text.into().into_bytes()),
        }
    }

    /// A file, read (and decompressed) when the dataset is built; its name
    /// is the path as given.
    #[cfg(feature = "io")]
    pub fn path(path: impl Into<std::path::PathBuf>) -> Self {
        let path = path.into();
        Input {
            name: path.display().to_string().into(),
            data: Data::Path(path),
        }
    }

    /// A stream (standard input, a socket), read to its end when the
    /// dataset is built.
    #[cfg(feature = "io")]
    pub fn reader(name: impl Into<Arc<str>>, reader: impl std::io::Read + Send + 'static) -> Self {
        Input {
            name: name.into(),
            data: Data::Reader(Box::new(reader)),
        }
    }

    /// The name shown in errors and warnings.
    pub fn name(&self) -> &str {
        &self.name
    }

    /// Whether the input was given as text ([`Input::text`]), which is
    /// never taken for compressed or binary data.
    pub(super) fn is_text(&self) -> bool {
        matches!(self.data, Data::Text(_))
    }

    /// The whole (decompressed) input.
    fn read(self, limits: &Limits) -> Result<(Arc<str>, Vec<u8>), InputError> {
        let Input { name, data } = self;
        let bytes = match data {
            Data::Bytes(b) => match crate::io::decompress(&b, limits) {
                Ok(std::borrow::Cow::Owned(out)) => Ok(out),
                Ok(std::borrow::Cow::Borrowed(_)) => Ok(b),
                Err(e) => Err(e),
            },
            Data::Text(t) => Ok(t),
            #[cfg(feature = "io")]
            Data::Path(p) => crate::io::read(&p, limits),
            #[cfg(feature = "io")]
            Data::Reader(r) => crate::io::read_from(r, std::path::Path::new(&*name), limits),
        };
        bytes
            .map(|b| (name.clone(), b))
            .map_err(|e| InputError::new(name, e))
    }

    /// A streaming reader over the (decompressed) input, for inputs too
    /// large to hold (IRR dumps); inputs in memory are read whole (bytes
    /// decompressed, text as it is).
    pub(super) fn open(self, limits: &Limits) -> Result<(Arc<str>, Stream), InputError> {
        match self.data {
            #[cfg(feature = "io")]
            Data::Path(p) => crate::io::open(&p, limits)
                .map(|s| (self.name.clone(), Stream::Reader(s)))
                .map_err(|e| InputError::new(self.name, e)),
            #[cfg(feature = "io")]
            Data::Reader(r) => crate::io::open_reader(r, std::path::Path::new(&*self.name), limits)
                .map(|s| (self.name.clone(), Stream::Reader(s)))
                .map_err(|e| InputError::new(self.name, e)),
            data => Input {
                name: self.name,
                data,
            }
            .read(limits)
            .map(|(name, b)| (name, Stream::Bytes(b))),
        }
    }
}

/// An opened input: bytes in memory, or a decompressing reader.
pub(super) enum Stream {
    Bytes(Vec<u8>),
    #[cfg(feature = "io")]
    Reader(crate::io::Input),
}

/// A step of the build, for progress reports.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Step {
    /// Reading (and decompressing) an input.
    Read,
    /// Parsing an input.
    Parse,
    /// Building an index.
    Index,
}

impl Step {
    /// `read`, `parse` or `index`.
    pub fn as_str(self) -> &'static str {
        match self {
            Step::Read => "read",
            Step::Parse => "parse",
            Step::Index => "index",
        }
    }
}

impl fmt::Display for Step {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// One progress report: a step begins (`done == false`) or ends.
#[derive(Clone, Copy, Debug)]
pub struct Progress<'a> {
    /// The step.
    pub step: Step,
    /// What it works on: an input's name, or the index's (`VRPs`, `ASPAs`,
    /// `IRR`, `AS relationships`, `PeeringDB`).
    pub what: &'a str,
    /// The input's size in bytes when known (parse steps).
    pub bytes: Option<usize>,
    /// Whether the step ended.
    pub done: bool,
}

type ProgressFn = Box<dyn FnMut(Progress<'_>) + Send>;

/// Builds a [`Dataset`]: give the inputs, then [`DatasetBuilder::build`].
pub struct DatasetBuilder {
    vrps: Option<Input>,
    #[cfg(feature = "rtr")]
    rtr: Option<(String, crate::net::rtr::client::ClientOptions)>,
    vrp_format: Option<Format>,
    aspas: Option<Input>,
    vrp_aspas: bool,
    slurm: Option<Input>,
    irr: Vec<(Option<String>, Input)>,
    irr_preference: Vec<String>,
    asrel: Option<Input>,
    bogon_lists: Vec<Input>,
    bogon_options: BogonOptions,
    peeringdb: Vec<Input>,
    sav_facts: Option<Input>,
    spoofer: Vec<Input>,
    mode: Mode,
    irr_mode: Mode,
    max_warnings: usize,
    limits: Limits,
    defer_indexes: bool,
    progress: Option<ProgressFn>,
}

impl fmt::Debug for DatasetBuilder {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("DatasetBuilder")
            .field("vrps", &self.vrps)
            .field("vrp_format", &self.vrp_format)
            .field("slurm", &self.slurm)
            .field("irr", &self.irr)
            .field("asrel", &self.asrel)
            .field("bogon_lists", &self.bogon_lists)
            .field("peeringdb", &self.peeringdb)
            .field("sav_facts", &self.sav_facts)
            .field("spoofer", &self.spoofer)
            .field("mode", &self.mode)
            .field("irr_mode", &self.irr_mode)
            .finish_non_exhaustive()
    }
}

impl Default for DatasetBuilder {
    fn default() -> Self {
        DatasetBuilder {
            vrps: None,
            #[cfg(feature = "rtr")]
            rtr: None,
            vrp_format: None,
            aspas: None,
            vrp_aspas: true,
            slurm: None,
            irr: Vec::new(),
            irr_preference: Vec::new(),
            asrel: None,
            bogon_lists: Vec::new(),
            bogon_options: BogonOptions::default(),
            peeringdb: Vec::new(),
            sav_facts: None,
            spoofer: Vec::new(),
            mode: Mode::Strict,
            irr_mode: Mode::Lenient,
            max_warnings: LoadOptions::default().max_warnings,
            limits: Limits::default(),
            defer_indexes: false,
            progress: None,
        }
    }
}

impl DatasetBuilder {
    /// The validated payloads: any export the loaders read (rpki-client,
    /// Routinator, StayRTR JSON, CSV, openbgpd, bird, a SLURM file read as
    /// data), its format sniffed unless [`DatasetBuilder::vrp_format`]
    /// says. Its ASPAs are the dataset's ASPAs.
    pub fn vrps(mut self, input: Input) -> Self {
        #[cfg(feature = "rtr")]
        {
            self.rtr = None;
        }
        self.vrps = Some(input);
        self
    }

    /// The validated payloads from an RTR cache at `server` (`host:port`)
    /// instead of a file (feature `rtr`): [`DatasetBuilder::build`]
    /// connects, loads one full reset (VRPs, router keys, ASPAs) and
    /// disconnects; the first failure fails the build (input name
    /// `rtr://SERVER`, kind `rtr`). Replaces [`DatasetBuilder::vrps`].
    /// To keep following the cache, see [`live`](super::live).
    #[cfg(feature = "rtr")]
    pub fn rtr(mut self, server: &str, options: crate::net::rtr::client::ClientOptions) -> Self {
        self.vrps = None;
        self.rtr = Some((server.to_owned(), options));
        self
    }

    /// Reads the VRP file as this format instead of sniffing it.
    pub fn vrp_format(mut self, format: Format) -> Self {
        self.vrp_format = Some(format);
        self
    }

    /// The ASPAs from a file of their own (any export the VRP loaders
    /// read; its other payloads are ignored) instead of the VRP file's. The
    /// SLURM file and [`DatasetBuilder::vrp_format`] apply to it too.
    pub fn aspas(mut self, input: Input) -> Self {
        self.aspas = Some(input);
        self
    }

    /// Whether the VRP file's ASPAs are the dataset's ASPAs when no ASPA
    /// file is given (the default: yes). Off, a dataset with only a VRP
    /// file has no ASPAs, and its [`Dataset::checker`] verifies no path.
    pub fn vrp_aspas(mut self, on: bool) -> Self {
        self.vrp_aspas = on;
        self
    }

    /// An RFC 8416 SLURM file applied to the payloads (filters first, then
    /// assertions).
    pub fn slurm(mut self, input: Input) -> Self {
        self.slurm = Some(input);
        self
    }

    /// An RPSL dump for the IRR database. With `source`, every object of
    /// it belongs to that source whatever its `source:` says.
    pub fn irr(mut self, source: Option<&str>, input: Input) -> Self {
        self.irr.push((source.map(str::to_owned), input));
        self
    }

    /// An explicit IRR source order, most preferred first (sources not
    /// named rank after, in order of first appearance).
    pub fn irr_preference<S: AsRef<str>>(mut self, order: &[S]) -> Self {
        self.irr_preference = order.iter().map(|s| s.as_ref().to_owned()).collect();
        self
    }

    /// A CAIDA `as-rel` file (serial-1 or serial-2).
    pub fn asrel(mut self, input: Input) -> Self {
        self.asrel = Some(input);
        self
    }

    /// A bogon prefix list (one prefix per line, Team Cymru's format),
    /// named by its input's name, beside the built-in registries.
    pub fn bogons(mut self, input: Input) -> Self {
        self.bogon_lists.push(input);
        self
    }

    /// The bogon checker's options (longest prefixes, longest path,
    /// default routes).
    pub fn bogon_options(mut self, options: BogonOptions) -> Self {
        self.bogon_options = options;
        self
    }

    /// A PeeringDB API page (`{"data": [...]}` of `net`, `poc` or `org`
    /// objects) or dump ([`crate::parse::peeringdb`]). Repeatable: the
    /// pages are merged into one [`PeeringDb`] (an object given again in a
    /// later page replaces the earlier one).
    pub fn peeringdb(mut self, input: Input) -> Self {
        self.peeringdb.push(input);
        self
    }

    /// The operator's anti-spoofing facts file ([`crate::parse::sav`]);
    /// a second call replaces the first.
    pub fn sav_facts(mut self, input: Input) -> Self {
        self.sav_facts = Some(input);
        self
    }

    /// CAIDA Spoofer results, API JSON or CSV ([`crate::parse::spoofer`]).
    /// Repeatable: the rows are merged.
    pub fn spoofer(mut self, input: Input) -> Self {
        self.spoofer.push(input);
        self
    }

    /// Strict (the default: the first bad record fails the build) or
    /// lenient (bad records skipped with a warning) for the payloads, the
    /// SLURM file, the as-rel file and the bogon lists.
    pub fn mode(mut self, mode: Mode) -> Self {
        self.mode = mode;
        self
    }

    /// Strict (IRRd's strict validation: the first bad object fails the
    /// build) or lenient (the default: IRRd's non-strict mode, bad objects
    /// skipped with a warning) for the RPSL dumps.
    pub fn irr_mode(mut self, mode: Mode) -> Self {
        self.irr_mode = mode;
        self
    }

    /// Most warnings kept per input (later ones are only counted).
    pub fn max_warnings(mut self, max: usize) -> Self {
        self.max_warnings = max;
        self
    }

    /// Limits on reading each input (the most bytes one may give,
    /// decompressed).
    pub fn limits(mut self, limits: Limits) -> Self {
        self.limits = limits;
        self
    }

    /// Builds the VRP and ASPA indexes on first use instead of in
    /// [`DatasetBuilder::build`] (for jobs that only convert or count).
    pub fn defer_indexes(mut self) -> Self {
        self.defer_indexes = true;
        self
    }

    /// Calls `f` as each step begins and ends.
    pub fn on_progress(mut self, f: impl FnMut(Progress<'_>) + Send + 'static) -> Self {
        self.progress = Some(Box::new(f));
        self
    }

    /// Reads, parses and indexes every input. The first error (an input
    /// that cannot be read or, in strict mode, a bad record) fails the
    /// build, naming the input.
    pub fn build(mut self) -> Result<Dataset, InputError> {
        let mut ds = self.payload_part()?;

        ds.irr = self.build_irr(&mut ds.warnings, &mut ds.skipped)?;

        ds.relations = match self.asrel.take() {
            Some(input) => {
                let (name, data) = self.read(input)?;
                self.report(Step::Parse, &name, Some(data.len()), false);
                let parsed = crate::parse::asrel::parse_as_rel_bytes(&data)
                    .map_err(|e| InputError::new(name.clone(), e))?;
                drop(data);
                self.report(Step::Parse, &name, None, true);
                self.report(Step::Index, "AS relationships", None, false);
                let rel = AsRelations::from(&parsed);
                self.report(Step::Index, "AS relationships", None, true);
                Some(Arc::new(rel))
            }
            None => None,
        };

        if !self.bogon_lists.is_empty() {
            let mut bogons = Bogons::new(self.bogon_options);
            for input in std::mem::take(&mut self.bogon_lists) {
                let (name, data) = self.read(input)?;
                let text =
                    crate::parse::utf8_text(&data).map_err(|e| InputError::new(name.clone(), e))?;
                let list = crate::parse::bogons::parse_bogon_list(text)
                    .map_err(|e| InputError::new(name.clone(), e))?;
                let short = name.rsplit(['/', '\\']).next().unwrap_or(&name).to_owned();
                bogons = bogons.with_list(short, list);
            }
            ds.bogons = Arc::new(bogons);
        }

        ds.peeringdb = self.build_peeringdb()?;

        ds.sav_facts = match self.sav_facts.take() {
            Some(input) => {
                let (name, data) = self.read(input)?;
                self.report(Step::Parse, &name, Some(data.len()), false);
                let facts = crate::parse::sav::parse_sav_facts(&data)
                    .map_err(|e| InputError::new(name.clone(), e))?;
                self.report(Step::Parse, &name, Some(data.len()), true);
                Some(Arc::new(facts))
            }
            None => None,
        };

        ds.spoofer = if self.spoofer.is_empty() {
            None
        } else {
            let mut all = crate::parse::spoofer::SpooferResults::default();
            for input in std::mem::take(&mut self.spoofer) {
                let (name, data) = self.read(input)?;
                self.report(Step::Parse, &name, Some(data.len()), false);
                let results = crate::parse::spoofer::parse_spoofer(&data)
                    .map_err(|e| InputError::new(name.clone(), e))?;
                self.report(Step::Parse, &name, Some(data.len()), true);
                all.merge(results);
            }
            Some(Arc::new(all))
        };

        Ok(self.index(ds))
    }

    /// [`DatasetBuilder::build`] of the payload inputs alone: the VRP
    /// (or RTR) and ASPA inputs with the SLURM file applied, their
    /// warnings and indexes. The other inputs (IRR, AS relationships,
    /// bogon lists, PeeringDB, SAV facts, Spoofer) are not read: the
    /// dataset has none of them. For front ends that only validate
    /// routes, so that the other parsers are not linked into them (the
    /// lean WebAssembly module).
    ///
    /// ```
    /// use routeguard::dataset::{Dataset, Input};
    /// let csv = "ASN,IP Prefix,Max Length,Trust Anchor\nAS64500,192.0.2.0/24,24,ripe\n";
    /// let ds = Dataset::builder().vrps(Input::text("vrps.csv", csv)).build_payloads()?;
    /// assert_eq!(ds.vrps().map(|v| v.vrps.len()), Some(1));
    /// assert!(ds.irr().is_none());
    /// # Ok::<(), routeguard::dataset::InputError>(())
    /// ```
    pub fn build_payloads(mut self) -> Result<Dataset, InputError> {
        let ds = self.payload_part()?;
        Ok(self.index(ds))
    }

    /// The payload part of a build (SLURM, VRPs or RTR, ASPAs), indexes
    /// not built yet; every other part empty.
    fn payload_part(&mut self) -> Result<Dataset, InputError> {
        let mut warnings = Vec::new();
        let load_opts = LoadOptions {
            mode: self.mode,
            max_warnings: self.max_warnings,
        };

        let slurm = match self.slurm.take() {
            Some(input) => {
                let (name, data) = self.read(input)?;
                self.report(Step::Parse, &name, Some(data.len()), false);
                let opts = SlurmOptions {
                    max_warnings: self.max_warnings,
                    ..SlurmOptions::with_mode(self.mode)
                };
                let parsed = Slurm::parse_with(&data, &opts)
                    .map_err(|e| InputError::new(name.clone(), e))?;
                self.report(Step::Parse, &name, Some(data.len()), true);
                warnings.extend(parsed.warnings.iter().map(|w| Warning {
                    input: name.clone(),
                    warning: w.clone().into(),
                }));
                Some(Arc::new(parsed.slurm))
            }
            None => None,
        };

        let mut skipped = Vec::new();
        let mut vrp_format = None;
        let vrps = match self.vrps.take() {
            Some(input) => {
                let (set, format) = self.load_payloads(
                    input,
                    &load_opts,
                    slurm.as_deref(),
                    &mut warnings,
                    &mut skipped,
                )?;
                vrp_format = format;
                Some(Arc::new(set))
            }
            None => self.load_rtr(slurm.as_deref())?.map(Arc::new),
        };
        let aspa_payloads = match self.aspas.take() {
            Some(input) => {
                let (set, _) = self.load_payloads(
                    input,
                    &load_opts,
                    slurm.as_deref(),
                    &mut warnings,
                    &mut skipped,
                )?;
                AspaPayloads::Own(Arc::new(set))
            }
            None if self.vrp_aspas => AspaPayloads::Vrps,
            None => AspaPayloads::None,
        };

        Ok(Dataset {
            vrps,
            vrp_format,
            slurm,
            rov: OnceLock::new(),
            aspas: OnceLock::new(),
            aspa_payloads,
            irr: None,
            relations: None,
            bogons: Arc::new(Bogons::new(self.bogon_options)),
            peeringdb: None,
            sav_facts: None,
            spoofer: None,
            warnings,
            skipped,
        })
    }

    /// Builds the VRP and ASPA indexes now unless deferred.
    fn index(&mut self, ds: Dataset) -> Dataset {
        if !self.defer_indexes && (ds.vrps.is_some() || ds.aspas().is_some()) {
            self.report(Step::Index, "VRPs", None, false);
            ds.rov();
            ds.aspas();
            self.report(Step::Index, "VRPs", None, true);
        }
        ds
    }

    /// Reads a VRP-format file, applies SLURM; its warnings and skipped
    /// count noted.
    fn load_payloads(
        &mut self,
        input: Input,
        load_opts: &LoadOptions,
        slurm: Option<&Slurm>,
        warnings: &mut Vec<Warning>,
        skipped: &mut Vec<(Arc<str>, usize)>,
    ) -> Result<(crate::model::VrpSet, Option<Format>), InputError> {
        let (name, data) = self.read(input)?;
        self.report(Step::Parse, &name, Some(data.len()), false);
        let loaded = match self.vrp_format {
            Some(f) => crate::slurm::load_as(&data, f, load_opts),
            None => crate::slurm::load(&data, load_opts),
        }
        .map_err(|e| InputError::new(name.clone(), e))?;
        drop(data);
        self.report(Step::Parse, &name, None, true);
        warnings.extend(loaded.warnings.into_iter().map(|w| Warning {
            input: name.clone(),
            warning: w.into(),
        }));
        if loaded.skipped > 0 {
            skipped.push((name, loaded.skipped));
        }
        let mut set = loaded.set;
        if let Some(s) = slurm {
            s.apply(&mut set);
        }
        Ok((set, loaded.format))
    }

    /// One full load from the RTR cache, SLURM applied; `None` without
    /// one.
    #[cfg(feature = "rtr")]
    fn load_rtr(
        &mut self,
        slurm: Option<&Slurm>,
    ) -> Result<Option<crate::model::VrpSet>, InputError> {
        let Some((server, options)) = self.rtr.take() else {
            return Ok(None);
        };
        let name: Arc<str> = format!("rtr://{server}").into();
        self.report(Step::Parse, &name, None, false);
        let client = crate::net::rtr::client::Client::fetch(&server, options)
            .map_err(|e| InputError::new(name.clone(), e))?;
        let mut set = client.payloads().to_vrp_set();
        drop(client);
        self.report(Step::Parse, &name, None, true);
        if let Some(s) = slurm {
            s.apply(&mut set);
        }
        Ok(Some(set))
    }

    #[cfg(not(feature = "rtr"))]
    #[allow(clippy::unnecessary_wraps, clippy::unused_self)]
    fn load_rtr(
        &mut self,
        _slurm: Option<&Slurm>,
    ) -> Result<Option<crate::model::VrpSet>, InputError> {
        Ok(None)
    }

    fn build_irr(
        &mut self,
        warnings: &mut Vec<Warning>,
        skipped: &mut Vec<(Arc<str>, usize)>,
    ) -> Result<Option<Arc<IrrDb>>, InputError> {
        if self.irr.is_empty() {
            return Ok(None);
        }
        let opts = RpslOptions {
            mode: self.irr_mode,
            max_warnings: self.max_warnings,
            ..RpslOptions::default()
        };
        let mut builder = IrrDbBuilder::new(opts);
        let order: Vec<&str> = self.irr_preference.iter().map(String::as_str).collect();
        builder.preference(&order);
        for (source, input) in std::mem::take(&mut self.irr) {
            let name = input.name.clone();
            self.report(Step::Read, &name, None, false);
            let (name, stream) = input.open(&self.limits)?;
            self.report(Step::Read, &name, None, true);
            self.report(Step::Parse, &name, None, false);
            let report = match stream {
                Stream::Bytes(data) => builder
                    .add_text(&data, source.as_deref())
                    .map_err(|e| InputError::new(name.clone(), e))?,
                #[cfg(feature = "io")]
                Stream::Reader(reader) => builder
                    .add_reader(reader, source.as_deref())
                    .map_err(|e| InputError::new(name.clone(), e))?,
            };
            self.report(Step::Parse, &name, None, true);
            if report.skipped > 0 {
                skipped.push((name.clone(), report.skipped));
            }
            warnings.extend(report.warnings.into_iter().map(|w| Warning {
                input: name.clone(),
                warning: w.into(),
            }));
        }
        self.report(Step::Index, "IRR", None, false);
        let db = builder.build();
        self.report(Step::Index, "IRR", None, true);
        Ok(Some(Arc::new(db)))
    }

    /// Reads every PeeringDB page and merges them.
    fn build_peeringdb(&mut self) -> Result<Option<Arc<PeeringDb>>, InputError> {
        if self.peeringdb.is_empty() {
            return Ok(None);
        }
        let mut builder = PeeringDbBuilder::new();
        for input in std::mem::take(&mut self.peeringdb) {
            let (name, data) = self.read(input)?;
            self.report(Step::Parse, &name, Some(data.len()), false);
            let page = crate::parse::peeringdb::parse_page(&data)
                .map_err(|e| InputError::new(name.clone(), e))?;
            drop(data);
            self.report(Step::Parse, &name, None, true);
            builder.add(page);
        }
        self.report(Step::Index, "PeeringDB", None, false);
        let db = builder.build();
        self.report(Step::Index, "PeeringDB", None, true);
        Ok(Some(Arc::new(db)))
    }

    fn read(&mut self, input: Input) -> Result<(Arc<str>, Vec<u8>), InputError> {
        let name = input.name.clone();
        self.report(Step::Read, &name, None, false);
        let out = input.read(&self.limits)?;
        self.report(Step::Read, &name, Some(out.1.len()), true);
        Ok(out)
    }

    fn report(&mut self, step: Step, what: &str, bytes: Option<usize>, done: bool) {
        if let Some(f) = &mut self.progress {
            f(Progress {
                step,
                what,
                bytes,
                done,
            });
        }
    }
}
