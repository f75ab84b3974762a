//! The consolidated report: `build` runs the queries into the typed report of
//! `model`, `narrative` words it, one renderer per format writes it, `write`
//! publishes it as an edition of its period (`reports/<period_start>_<as_of>`).

mod build;
pub mod cells;
mod changes;
mod chart;
mod compare;
mod csv_out;
pub mod docx;
pub mod html;
pub mod labels;
pub mod markdown;
pub mod model;
pub mod narrative;
pub mod templates;
pub mod vn;
mod write;
pub mod xlsx;

pub use build::build;
pub use model::Report;
pub use write::{Formats, Prepared, Published, prepare};
