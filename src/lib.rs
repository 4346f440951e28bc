//! `brief`: a terminal reader for policy briefings.

pub mod cli;
pub mod commands;
pub mod date;
pub mod export;
pub mod load;
pub mod model;
pub mod text;
