//! Column builders for each kind of parsed row (and for rejects), in the layout the
//! storage layer stages them in (see `warehouse::staging`).

use std::sync::Arc;

use arrow::array::{ArrayRef, Date32Builder, Float64Builder, StringBuilder, UInt64Builder};

use super::rows::{DossierRow, IndicatorRow, ProcedureRow, Reject};
use crate::warehouse::batches::days;
use crate::warehouse::schema::Table;
use crate::warehouse::staging::Chunk;

#[derive(Default)]
pub struct DossierChunk {
    id: StringBuilder,
    code: StringBuilder,
    name: StringBuilder,
    field: StringBuilder,
    channel: StringBuilder,
    received: Date32Builder,
    due: Date32Builder,
    completed: Date32Builder,
    status: StringBuilder,
    timeliness: StringBuilder,
    line: UInt64Builder,
}

impl Chunk for DossierChunk {
    type Row<'r> = DossierRow<'r>;
    const TABLE: Table = Table::Dossiers;
    fn push(&mut self, r: &DossierRow<'_>, line: u64) {
        self.id.append_value(&r.dossier_id);
        self.code.append_option(r.procedure_code.as_deref());
        self.name.append_option(r.procedure_name.as_deref());
        self.field.append_option(r.field.as_deref());
        self.channel.append_option(r.channel.map(|c| c.as_str()));
        self.received.append_value(days(r.received_date));
        self.due.append_option(r.due_date.map(days));
        self.completed.append_option(r.completed_date.map(days));
        self.status.append_value(r.status.as_str());
        self.timeliness
            .append_option(r.timeliness.map(|t| t.as_str()));
        self.line.append_value(line);
    }
    fn finish(&mut self) -> Vec<ArrayRef> {
        vec![
            Arc::new(self.id.finish()),
            Arc::new(self.code.finish()),
            Arc::new(self.name.finish()),
            Arc::new(self.field.finish()),
            Arc::new(self.channel.finish()),
            Arc::new(self.received.finish()),
            Arc::new(self.due.finish()),
            Arc::new(self.completed.finish()),
            Arc::new(self.status.finish()),
            Arc::new(self.timeliness.finish()),
            Arc::new(self.line.finish()),
        ]
    }
}

#[derive(Default)]
pub struct ProcedureChunk {
    code: StringBuilder,
    name: StringBuilder,
    field: StringBuilder,
    level: StringBuilder,
    line: UInt64Builder,
}

impl Chunk for ProcedureChunk {
    type Row<'r> = ProcedureRow;
    const TABLE: Table = Table::Procedures;
    fn push(&mut self, r: &ProcedureRow, line: u64) {
        self.code.append_value(&r.procedure_code);
        self.name.append_option(r.procedure_name.as_deref());
        self.field.append_option(r.field.as_deref());
        self.level.append_option(r.online_level);
        self.line.append_value(line);
    }
    fn finish(&mut self) -> Vec<ArrayRef> {
        vec![
            Arc::new(self.code.finish()),
            Arc::new(self.name.finish()),
            Arc::new(self.field.finish()),
            Arc::new(self.level.finish()),
            Arc::new(self.line.finish()),
        ]
    }
}

#[derive(Default)]
pub struct IndicatorChunk {
    indicator: StringBuilder,
    label: StringBuilder,
    value: Float64Builder,
    unit: StringBuilder,
    note: StringBuilder,
    line: UInt64Builder,
}

impl Chunk for IndicatorChunk {
    type Row<'r> = IndicatorRow;
    const TABLE: Table = Table::Indicators;
    fn push(&mut self, r: &IndicatorRow, line: u64) {
        self.indicator.append_value(&r.indicator);
        self.label.append_value(&r.label);
        self.value.append_value(r.value);
        self.unit.append_option(r.unit.as_deref());
        self.note.append_option(r.note.as_deref());
        self.line.append_value(line);
    }
    fn finish(&mut self) -> Vec<ArrayRef> {
        vec![
            Arc::new(self.indicator.finish()),
            Arc::new(self.label.finish()),
            Arc::new(self.value.finish()),
            Arc::new(self.unit.finish()),
            Arc::new(self.note.finish()),
            Arc::new(self.line.finish()),
        ]
    }
}

/// A reject and its masked raw record.
pub struct RejectRow {
    pub reject: Reject,
    pub raw: String,
}

#[derive(Default)]
pub struct RejectChunk {
    line: UInt64Builder,
    code: StringBuilder,
    column: StringBuilder,
    reason: StringBuilder,
    raw: StringBuilder,
}

impl Chunk for RejectChunk {
    type Row<'r> = RejectRow;
    const TABLE: Table = Table::Rejects;
    fn push(&mut self, r: &RejectRow, line: u64) {
        self.line.append_value(line);
        self.code.append_value(r.reject.reason_code);
        self.column.append_option(r.reject.column);
        self.reason.append_value(&r.reject.reason);
        self.raw.append_value(&r.raw);
    }
    fn finish(&mut self) -> Vec<ArrayRef> {
        vec![
            Arc::new(self.line.finish()),
            Arc::new(self.code.finish()),
            Arc::new(self.column.finish()),
            Arc::new(self.reason.finish()),
            Arc::new(self.raw.finish()),
        ]
    }
}
