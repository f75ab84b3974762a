//! The canonical input columns and the kinds of export: the names the warehouse
//! stores, shared by the stages that read exports and the config that overrides
//! header mapping.

/// What kind of export a file is; decided by the config glob that matched it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum FileKind {
    Dossiers,
    Procedures,
    Indicators,
}

impl FileKind {
    pub fn as_str(self) -> &'static str {
        match self {
            FileKind::Dossiers => "dossiers",
            FileKind::Procedures => "procedures",
            FileKind::Indicators => "indicators",
        }
    }

    /// Columns a header line must contain to be recognised as the header.
    pub fn header_keys(self) -> &'static [Column] {
        match self {
            FileKind::Dossiers => &[Column::DossierId, Column::ReceivedDate],
            FileKind::Procedures => &[Column::ProcedureCode, Column::ProcedureName],
            FileKind::Indicators => &[Column::Label, Column::Value],
        }
    }

    /// Columns meaningful for this kind; other recognised headers are ignored.
    pub fn columns(self) -> &'static [Column] {
        use Column::*;
        match self {
            FileKind::Dossiers => &[
                DossierId,
                ProcedureCode,
                ProcedureName,
                Field,
                Channel,
                ReceivedDate,
                DueDate,
                CompletedDate,
                Status,
                Timeliness,
            ],
            FileKind::Procedures => &[ProcedureCode, ProcedureName, Field, OnlineLevel],
            FileKind::Indicators => &[Label, Value, Unit, Note],
        }
    }
}

/// A canonical input column (the warehouse's names, see `warehouse::schema`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Column {
    DossierId,
    ProcedureCode,
    ProcedureName,
    Field,
    Channel,
    ReceivedDate,
    DueDate,
    CompletedDate,
    Status,
    Timeliness,
    OnlineLevel,
    Label,
    Value,
    Unit,
    Note,
    /// Personal data: recognised only so that it is dropped and masked.
    Personal,
    /// The commune a row of a shared export belongs to (a source's
    /// `commune_column`): read to route the row, not stored.
    Commune,
}

impl Column {
    pub const ALL: [Column; 17] = [
        Column::DossierId,
        Column::ProcedureCode,
        Column::ProcedureName,
        Column::Field,
        Column::Channel,
        Column::ReceivedDate,
        Column::DueDate,
        Column::CompletedDate,
        Column::Status,
        Column::Timeliness,
        Column::OnlineLevel,
        Column::Label,
        Column::Value,
        Column::Unit,
        Column::Note,
        Column::Personal,
        Column::Commune,
    ];

    pub fn name(self) -> &'static str {
        match self {
            Column::DossierId => "dossier_id",
            Column::ProcedureCode => "procedure_code",
            Column::ProcedureName => "procedure_name",
            Column::Field => "field",
            Column::Channel => "channel",
            Column::ReceivedDate => "received_date",
            Column::DueDate => "due_date",
            Column::CompletedDate => "completed_date",
            Column::Status => "status",
            Column::Timeliness => "timeliness",
            Column::OnlineLevel => "online_level",
            Column::Label => "label",
            Column::Value => "value",
            Column::Unit => "unit",
            Column::Note => "note",
            Column::Personal => "personal",
            Column::Commune => "commune",
        }
    }

    pub fn from_name(name: &str) -> Option<Column> {
        Column::ALL.into_iter().find(|c| c.name() == name)
    }
}
