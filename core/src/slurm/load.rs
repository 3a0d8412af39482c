//! SLURM files read as VRP data (Routinator's `slurm`/`slurm2` exports: an
//! RFC 8416 file, v2 per draft-ietf-sidrops-aspa-slurm, whose assertions are
//! the payloads), and the one entry that loads any VRP export: [`load`]
//! sniffs the input and reads a SLURM file through the SLURM reader,
//! everything else (JSON, CSV, openbgpd, bird) through
//! [`crate::parse::load`].
//!
//! ```
//! use routeguard::{slurm, Format, LoadOptions};
//! let export = br#"{"slurmVersion": 1,
//!   "validationOutputFilters": {"prefixFilters": [], "bgpsecFilters": []},
//!   "locallyAddedAssertions": {"bgpsecAssertions": [],
//!     "prefixAssertions": [{"asn": 64496, "prefix": "192.0.2.0/24"}]}}"#;
//! let loaded = slurm::load(export, &LoadOptions::default()).unwrap();
//! assert_eq!(loaded.format, Some(Format::Slurm));
//! assert_eq!(loaded.set.vrps[0].to_string(), "192.0.2.0/24-24 AS64496");
//! let csv = b"ASN,IP Prefix,Max Length,Trust Anchor\nAS64500,192.0.2.0/24,24,ripe\n";
//! assert_eq!(slurm::load(csv, &LoadOptions::default()).unwrap().format, Some(Format::Csv));
//! ```

use super::{Slurm, SlurmError, SlurmOptions};
use crate::parse::{self, Format, LoadOptions, Loaded, ParseError, ParseErrorKind};

/// Loads any VRP export, sniffing its format ([`parse::sniff`]): a SLURM
/// file is read as data ([`load_assertions`]), every other format by
/// [`parse::load`] (an input of only whitespace and comments gives an empty
/// set with `format: None`). A JSON document the sniffer took for an export
/// but that has a top-level SLURM member is read as SLURM too.
pub fn load(input: &[u8], opts: &LoadOptions) -> Result<Loaded, ParseError> {
    match parse::load(input, opts) {
        Err(e) if e.kind == ParseErrorKind::SlurmInput => load_assertions(input, opts),
        other => other,
    }
}

/// Loads a given format: [`Format::Slurm`] through the SLURM reader
/// ([`load_assertions`]), the others through [`parse::load_as`]; a JSON
/// document with a top-level SLURM member is read as SLURM (its
/// [`Loaded::format`] says [`Format::Slurm`]).
pub fn load_as(input: &[u8], format: Format, opts: &LoadOptions) -> Result<Loaded, ParseError> {
    if format == Format::Slurm {
        return load_assertions(input, opts);
    }
    match parse::load_as(input, format, opts) {
        Err(e) if e.kind == ParseErrorKind::SlurmInput => load_assertions(input, opts),
        other => other,
    }
}

/// Loads a SLURM file as data: its assertions become the payloads (how
/// Routinator's `slurm`/`slurm2` exports read). Lenient mode follows
/// [`SlurmOptions::lenient`]; each [`SlurmError`] and warning becomes a
/// [`ParseError`] of kind [`ParseErrorKind::Slurm`] at the same location.
/// Every SLURM error is fatal.
pub fn load_assertions(input: &[u8], opts: &LoadOptions) -> Result<Loaded, ParseError> {
    let sopts = SlurmOptions {
        max_warnings: opts.max_warnings,
        ..SlurmOptions::with_mode(opts.mode)
    };
    let parsed = Slurm::parse_with(input, &sopts).map_err(|e| e.to_parse_error())?;
    Ok(Loaded {
        set: parsed.slurm.assertions(),
        format: Some(Format::Slurm),
        warnings: parsed
            .warnings
            .iter()
            .map(SlurmError::to_parse_error)
            .collect(),
        skipped: parsed.skipped,
    })
}
