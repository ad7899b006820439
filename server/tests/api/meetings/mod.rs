//! Meetings: those that follow the wheel, plans, protocols and the live meeting
//! (`schedule`), agenda templates, a group's own meetings and preparation
//! (`planning`), the archive and recipients (`archive`), and mail through a real SMTP
//! server (`mail`).

mod archive;
mod mail;
mod planning;
mod publishing;
mod schedule;
