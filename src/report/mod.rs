//! The consolidated report: `model` runs the queries into a typed report, one
//! renderer per format writes it, `write` publishes `reports/<as_of>/`.

pub mod cells;
mod chart;
mod csv_out;
pub mod html;
pub mod labels;
pub mod markdown;
pub mod model;
pub mod narrative;
pub mod vn;
mod write;
pub mod xlsx;

pub use model::{Report, build};
pub use write::{Formats, write_all};
