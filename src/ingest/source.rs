//! Where a file's bytes come from. Files are read from disk in streaming passes;
//! bytes in memory serve the fuzzer and unit tests through the same stages.

use std::io::{self, Read};
use std::path::Path;

#[derive(Debug, Clone, Copy)]
pub enum Source<'a> {
    Path(&'a Path),
    Bytes(&'a [u8]),
}

impl<'a> Source<'a> {
    /// A fresh reader from the first byte (each stage makes its own pass).
    pub fn open(&self) -> io::Result<Box<dyn Read + 'a>> {
        match *self {
            Source::Path(p) => Ok(Box::new(std::fs::File::open(p)?)),
            Source::Bytes(b) => Ok(Box::new(b)),
        }
    }
}
