//! Whole-engine tests for wisp.
