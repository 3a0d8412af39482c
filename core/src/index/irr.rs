//! The IRR database: placeholder, being written.
