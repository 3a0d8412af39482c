//! Expansion of bgpq4 objects through a resolver: placeholder.
