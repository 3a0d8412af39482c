//! bgpq4's radix tree of prefixes with its aggregation: placeholder, filled
//! in by the tree branch.

use crate::model::Family;

/// A set of prefixes as bgpq4 holds them (placeholder).
#[derive(Clone, Debug)]
pub struct PrefixTree {
    family: Family,
}

impl PrefixTree {
    /// An empty tree of one family.
    pub fn new(family: Family) -> Self {
        PrefixTree { family }
    }

    /// The family of the tree.
    pub fn family(&self) -> Family {
        self.family
    }
}
