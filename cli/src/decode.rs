//! `routeguard decode FILE…`: RPKI signed objects (.roa, .asa) and
//! resource certificates (.cer) decoded, not validated.

use std::path::PathBuf;

use anyhow::{Context, Result};
use clap::{Args, ValueEnum};
use routeguard::parse::rpki_object::{self, DecodedObject, ObjectKind};
use routeguard::render::rpki_object::{write_objects, ObjectFormat};

use crate::input::{display_name, Output};

const HELP: &str = "\
Decodes each FILE and prints its content: a ROA's origin AS and prefixes
(maxLength as written, or absent), an ASPA's customer and providers, and the
signer's certificate (serial, SKI/AKI, validity, IP and AS resources, URIs),
with the CMS signing time. The kind comes from --kind, else the extension
(.roa, .asa, .cer), else the content.

DECODED, NOT VALIDATED: no signature, certificate chain, CRL or manifest is
checked and validity dates are not compared with the clock. Use a validator
(rpki-client, Routinator) for payloads to act on.

--format json gives {\"notice\", \"objects\": [{\"file\", \"type\", \"asn\", \"vrps\":
[{\"asn\", \"prefix\", \"maxLength\", \"max_length_given\"}] | \"customer_asid\",
\"providers\", \"signing_time\", \"cert\": {…}}]}; times in Unix seconds.

Exit status: 0 every file decoded; 2 a file could not be read or decoded (one
`routeguard: error: FILE: why` line each on stderr; the others are printed).";

/// Output format of `decode`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// `label: value` lines after a "decoded, not validated" banner.
    Text,
    /// One JSON document.
    Json,
}

/// Object kinds for `--kind`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum Kind {
    /// A ROA (RFC 6482).
    Roa,
    /// An ASPA (draft-ietf-sidrops-aspa-profile).
    Aspa,
    /// A resource certificate (RFC 6487).
    Cer,
}

/// Arguments of `decode`.
#[derive(Args, Debug)]
#[command(after_long_help = HELP)]
pub struct DecodeArgs {
    /// The objects (.roa, .asa, .cer; DER).
    #[arg(value_name = "FILE", required = true)]
    pub files: Vec<PathBuf>,

    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Text)]
    pub format: Format,

    /// Decode every FILE as this kind instead of by extension or content.
    #[arg(long, value_enum)]
    pub kind: Option<Kind>,
}

/// Runs `decode`; returns the exit status.
pub fn run(args: &DecodeArgs) -> Result<u8> {
    let kind = args.kind.map(|k| match k {
        Kind::Roa => ObjectKind::Roa,
        Kind::Aspa => ObjectKind::Aspa,
        Kind::Cer => ObjectKind::Cer,
    });
    let mut decoded: Vec<(String, DecodedObject)> = Vec::new();
    let mut failed = false;
    for path in &args.files {
        let name = display_name(path);
        match rpki_object::decode_file(path, kind) {
            Ok(obj) => decoded.push((name, obj)),
            Err(e) => {
                failed = true;
                // An I/O error names the file itself.
                if matches!(e, rpki_object::ObjectError::Io(_)) {
                    eprintln!("routeguard: error: {e}");
                } else {
                    eprintln!("routeguard: error: {name}: {e}");
                }
            }
        }
    }
    let format = match args.format {
        Format::Text => ObjectFormat::Text,
        Format::Json => ObjectFormat::Json,
    };
    let items: Vec<(&str, &DecodedObject)> = decoded.iter().map(|(n, o)| (n.as_str(), o)).collect();
    let mut out = Output::open(None)?;
    write_objects(&items, format, &mut out).context("cannot write output")?;
    out.finish().context("cannot write output")?;
    Ok(if failed { crate::EXIT_ERROR } else { 0 })
}
