//! bgpq4 1.9 command-line parsing: placeholder, filled in by the args branch.
