//! Route validation. [`rov`]: RFC 6811 BGP prefix origin validation, with the
//! AS0 semantics of RFC 6483 §4 and RFC 7607.

pub mod irr;
pub mod rov;
