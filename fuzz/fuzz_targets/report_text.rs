//! The Markdown-like text of a report: any text becomes blocks, never a panic.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|text: &str| {
    let _ = intyg::report::markup::blocks(text);
});
