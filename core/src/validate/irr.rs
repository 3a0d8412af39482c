//! IRR route validation: placeholder, being written.
