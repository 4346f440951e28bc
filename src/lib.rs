//! `brief`: a terminal reader for policy briefings.

pub mod app;
pub mod cache;
pub mod citation;
pub mod cli;
pub mod commands;
pub mod config;
pub mod crash;
pub mod date;
pub mod export;
pub mod keymap;
pub mod library;
pub mod load;
pub mod model;
pub mod state;
pub mod text;
pub mod tui;
pub mod ui;
pub mod watch;
