//! The consolidated report: `model` runs the queries into a typed report, one
//! renderer per format writes it, `write` publishes `reports/<as_of>/`.

pub mod labels;
pub mod markdown;
pub mod model;
pub mod narrative;
pub mod vn;
mod write;

pub use model::{Report, build};
pub use write::write_all;
