//! Where each record of a file goes: its row or reject, into the file's own cache
//! files, or, for a shared export (a `[[sources]]` entry), into those of the
//! commune its commune cell names (`commune_column`). Rows of communes the config
//! leaves out are counted there, per value; an unknown commune is a reject of the
//! source.

use super::chunks::{RejectChunk, RejectRow};
use super::commune_column::{Route, Split};
use super::reader;
use super::record::Record;
use super::rows::{self, RowState};
use crate::error::Result;
use crate::warehouse::staging::{Chunk, Spill};

/// Where routed rows go: a cache file, or a piece's columns in memory.
pub trait Push<C: Chunk> {
    fn push(&mut self, row: &C::Row<'_>, line: u64) -> Result<()>;
}

impl<C: Chunk> Push<C> for Spill<C> {
    fn push(&mut self, row: &C::Row<'_>, line: u64) -> Result<()> {
        Spill::push(self, row, line)
    }
}

/// One piece's rows of one kind, built in memory.
#[derive(Default)]
pub struct Built<C: Chunk> {
    chunk: C,
}

impl<C: Chunk> Push<C> for Built<C> {
    fn push(&mut self, row: &C::Row<'_>, line: u64) -> Result<()> {
        self.chunk.push(row, line);
        Ok(())
    }
}

impl<C: Chunk> Built<C> {
    pub fn finish(mut self) -> Result<arrow::record_batch::RecordBatch> {
        Ok(arrow::record_batch::RecordBatch::try_new(
            crate::warehouse::staging::parsed_schema(C::TABLE),
            self.chunk.finish(),
        )?)
    }
}

/// The rows and rejects of one destination.
pub struct Dest<R, J> {
    pub rows: R,
    pub rejects: J,
}

/// A file's destinations: `own` (the whole file, for a commune's export; the
/// unknown-commune rejects, for a shared one) and, for a shared export, one per
/// configured commune that has rows in it, opened on its first record.
pub struct Routed<R, J> {
    pub own: Dest<R, J>,
    pub parts: Vec<Option<Dest<R, J>>>,
}

impl<R, J> Routed<R, J> {
    pub fn new(own: Dest<R, J>, communes: usize) -> Self {
        Routed {
            own,
            parts: (0..communes).map(|_| None).collect(),
        }
    }

    /// Commune `i`'s destination, opened by `open` the first time.
    pub fn part(
        &mut self,
        i: usize,
        open: impl FnOnce(usize) -> Result<Dest<R, J>>,
    ) -> Result<&mut Dest<R, J>> {
        match &mut self.parts[i] {
            Some(dest) => Ok(dest),
            slot @ None => Ok(slot.insert(open(i)?)),
        }
    }
}

/// How a shared export's records find their commune: the cell at `position`.
pub struct Splitter<'a> {
    pub split: Split<'a>,
    pub position: usize,
}

impl Splitter<'_> {
    /// Where `item` goes, by its commune cell; a record too long to read stays with
    /// the source (its cells were not read).
    pub fn route(&mut self, item: &reader::Item<'_, '_>) -> Option<Route> {
        let cell = match item {
            reader::Item::Row(record) => record.get(self.position).unwrap_or(""),
            reader::Item::BadEncoding { fields } => {
                fields.get(self.position).map_or("", String::as_str)
            }
            reader::Item::TooLong { .. } => return None,
        };
        Some(self.split.route(cell))
    }
}

/// One record to its destination (see [`Routed`]); `open` makes a commune's
/// destination the first time one of its records comes.
#[allow(clippy::too_many_arguments)]
pub fn deliver<C: Chunk, R: Push<C>, J: Push<RejectChunk>>(
    routed: &mut Routed<R, J>,
    to: Option<Route>,
    item: reader::Item<'_, '_>,
    line: u64,
    detected: &reader::Detected,
    state: &mut RowState,
    parse: &impl for<'r> Fn(&Record<'r>, &mut RowState) -> std::result::Result<C::Row<'r>, rows::Reject>,
    open: &mut impl FnMut(usize) -> Result<Dest<R, J>>,
) -> Result<()> {
    let dest = match to {
        None => &mut routed.own,
        Some(Route::Commune(i)) => routed.part(i, open)?,
        // Counted by the split.
        Some(Route::KeptOut) => return Ok(()),
        Some(Route::Unknown(reject)) => {
            let raw = match &item {
                reader::Item::Row(record) => {
                    rows::masked_raw(record, &detected.map, detected.delimiter)
                }
                reader::Item::BadEncoding { fields } => rows::masked_fields(
                    fields.iter().map(String::as_str),
                    &detected.map,
                    detected.delimiter,
                ),
                reader::Item::TooLong { .. } => "***".into(),
            };
            return routed.own.rejects.push(&RejectRow { reject, raw }, line);
        }
    };
    route(
        item,
        line,
        detected,
        state,
        parse,
        &mut dest.rows,
        &mut dest.rejects,
    )
}

/// One record to its row or reject.
pub fn route<C: Chunk>(
    item: reader::Item<'_, '_>,
    line: u64,
    detected: &reader::Detected,
    state: &mut RowState,
    parse: &impl for<'r> Fn(&Record<'r>, &mut RowState) -> std::result::Result<C::Row<'r>, rows::Reject>,
    rows: &mut impl Push<C>,
    rejects: &mut impl Push<RejectChunk>,
) -> Result<()> {
    match item {
        reader::Item::TooLong { max } => rejects.push(
            &RejectRow {
                reject: rows::Reject::too_long(max),
                raw: "***".into(),
            },
            line,
        ),
        reader::Item::BadEncoding { fields } => rejects.push(
            &RejectRow {
                reject: rows::Reject::bad_encoding(),
                raw: rows::masked_fields(
                    fields.iter().map(String::as_str),
                    &detected.map,
                    detected.delimiter,
                ),
            },
            line,
        ),
        reader::Item::Row(record) => match parse(record, state) {
            Ok(row) => rows.push(&row, line),
            Err(reject) => rejects.push(
                &RejectRow {
                    reject,
                    raw: rows::masked_raw(record, &detected.map, detected.delimiter),
                },
                line,
            ),
        },
    }
}
