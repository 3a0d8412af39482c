//! Indexes over validated payloads: the VRP index used for RFC 6811 route
//! origin validation, one structure per address family.
// TODO(helper): implement; signatures are fixed.

use crate::model::Vrp;

/// An origin-validation index over a set of VRPs, both address families.
///
/// Built once from a slice of VRPs; immutable and `Send + Sync` afterwards.
/// See [`crate::validate::rov`] for the queries.
#[derive(Clone, Debug)]
pub struct RovIndex {
    _todo: (),
}

impl RovIndex {
    /// Builds the index.
    pub fn new(vrps: &[Vrp]) -> Self {
        let _ = vrps;
        todo!()
    }

    /// Number of VRPs indexed (duplicates included).
    pub fn len(&self) -> usize {
        todo!()
    }

    /// Whether the index holds no VRP.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}
