//! bgpq4's radix tree of prefixes with its aggregation: placeholder, filled
//! in by the tree branch.

use std::collections::BTreeSet;

use crate::model::{Family, Prefix};

/// A set of prefixes as bgpq4 holds them (placeholder).
#[derive(Clone, Debug)]
pub struct PrefixTree {
    family: Family,
    set: BTreeSet<Prefix>,
}

impl PrefixTree {
    /// An empty tree of one family.
    pub fn new(family: Family) -> Self {
        PrefixTree {
            family,
            set: BTreeSet::new(),
        }
    }

    /// The family of the tree.
    pub fn family(&self) -> Family {
        self.family
    }

    /// Placeholder: adds a prefix word.
    pub fn add_prefix_text(
        &mut self,
        word: &str,
        max_len: u8,
        stderr: &mut String,
    ) -> Result<bool, usize> {
        match Prefix::parse_relaxed(word) {
            Ok(p) if p.family() == self.family && p.len() <= max_len => {
                self.set.insert(p);
                Ok(true)
            }
            Ok(_) => Ok(false),
            Err(_) => {
                stderr.push_str(&format!("ERROR:Unable to parse prefix {word}\n"));
                Ok(false)
            }
        }
    }

    /// Placeholder: adds a range word.
    pub fn add_range_text(
        &mut self,
        word: &str,
        max_len: u8,
        stderr: &mut String,
    ) -> Result<bool, usize> {
        self.add_prefix_text(word.split('^').next().unwrap_or(""), max_len, stderr)
    }

    /// Placeholder: the prefixes.
    pub fn prefixes(&self) -> Vec<Prefix> {
        self.set.iter().copied().collect()
    }

    /// Placeholder: -R, -r, -A in bgpq4's order.
    pub fn finish(&mut self, _refine: Option<u8>, _refine_low: Option<u8>, _aggregate: bool) {}
}
