//! Renderers: values → bytes for people and routers, the last stage. VRP
//! exports in the formats of rpki-client and Routinator (JSON, CSV, OpenBGPD
//! `roa-set`/`aspa-set`, BIRD 2 `route … max … as …;`) and SLURM files
//! (RFC 8416, v2 per draft-ietf-sidrops-aspa-slurm), and MANRS reports.
//! Router filters will join them here.
//!
//! - [`antispoof`]: source address validation (strict uRPF, ingress ACLs)
//!   per platform.
//! - [`vrps`]: a [`VrpSet`](crate::VrpSet) as a validator export
//!   ([`OutputFormat`](vrps::OutputFormat)).
//! - `rpki_object` (feature `rpki-objects`): decoded ROAs, ASPAs and
//!   certificates as text or JSON, marked "decoded, not validated".
//! - [`slurm`]: a [`Slurm`](crate::Slurm) as SLURM JSON.
//! - [`json`]: JSON string literals, the one escaping rule both use.
//! - [`manrs`]: MANRS reports (JSON of a versioned schema, Markdown, one
//!   self-contained HTML file, text), observatory rows (CSV, JSON) and the
//!   remedy artifacts as named files.
//!
//! Every renderer is deterministic: the same value gives the same bytes.

pub mod antispoof;
pub mod filter;
pub mod json;
pub mod manrs;
#[cfg(feature = "rpki-objects")]
pub mod rpki_object;
pub mod slurm;
pub mod snapshot;
pub mod vrps;
