//! The chain a goals page shows: each municipality goal with the school goals that
//! serve it and how many teachers' goals serve those.

use super::{Goal, GoalLevel, ServedBy, YearGoals};
use crate::ids::GoalId;

/// One municipality goal and what serves it.
#[derive(Debug, Clone, PartialEq)]
pub struct ChainLink<'a> {
    pub goal: &'a Goal,
    /// The school goals serving it, each with its teacher-goal counts.
    pub schools: Vec<(&'a Goal, ServedBy)>,
    /// The teachers' goals serving it through its school goals.
    pub teacher_goals: u32,
}

/// The chain of `year`: its municipality goals in order, and last (under a goal of
/// `None`) any school goals serving none of them.
pub fn chain(year: &YearGoals) -> (Vec<ChainLink<'_>>, Vec<&Goal>) {
    let count = |id: GoalId| {
        year.served_by
            .iter()
            .find(|s| s.goal == id)
            .copied()
            .unwrap_or(ServedBy {
                goal: id,
                teacher_goals: 0,
                teachers: 0,
            })
    };
    let links = year
        .municipality
        .iter()
        .filter(|g| g.level == GoalLevel::Municipality)
        .map(|goal| {
            let schools: Vec<(&Goal, ServedBy)> = year
                .schools
                .iter()
                .filter(|s| s.serves.contains(&goal.id))
                .map(|s| (s, count(s.id)))
                .collect();
            let teacher_goals = schools.iter().map(|(_, c)| c.teacher_goals).sum();
            ChainLink {
                goal,
                schools,
                teacher_goals,
            }
        })
        .collect();
    let loose = year
        .schools
        .iter()
        .filter(|s| {
            !s.serves
                .iter()
                .any(|id| year.municipality.iter().any(|m| m.id == *id))
        })
        .collect();
    (links, loose)
}
