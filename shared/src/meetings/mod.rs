//! Meetings of the groups: their agendas (the 90-minute model by default), the live
//! meeting's clock, the protocol and the personal action plans.

pub mod agenda;
pub mod records;
