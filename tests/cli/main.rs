//! intyg's integration tests: the real binary on fixture folders, with
//! what it writes read back. One test binary, so the typst tree is linked
//! once, not once per file.

#![allow(clippy::disallowed_methods)]

mod common;

mod app;
mod conference;
mod diplomas;
mod elearning;
mod errors;
mod finnish;
mod hostile;
mod issue;
mod kinds;
mod layout;
mod output;
mod platforms;
mod report;
mod scale;
mod send;
mod sheets;
mod shell;
mod site;
mod start;
mod verify;
