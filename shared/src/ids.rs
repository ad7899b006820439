//! Every id of the domain, as its own type: a number on the wire (`GroupId(7)` is `7`
//! in JSON and in a URL), but a `GroupId` can never be passed where a `MeetingId` is
//! meant. All of them live here, so that no domain module has to import another just
//! to name its objects.

/// Declares an id newtype over `i64` that serialises as a bare number and parses from
/// a path segment.
macro_rules! id_type {
    ($($(#[$meta:meta])* $name:ident),* $(,)?) => {$(
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize, serde::Deserialize)]
        #[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
        #[serde(transparent)]
        pub struct $name(pub i64);

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                self.0.fmt(f)
            }
        }

        impl std::str::FromStr for $name {
            type Err = std::num::ParseIntError;

            fn from_str(s: &str) -> Result<Self, Self::Err> {
                s.parse().map($name)
            }
        }
    )*};
}

id_type!(
    /// A municipality (kommun): the unit of tenancy.
    MunicipalityId,
    /// A school within a municipality.
    SchoolId,
    /// A member of staff.
    PersonId,
    /// A school year (läsår) of a municipality.
    SchoolYearId,
    /// A group of any kind.
    GroupId,
    /// A ring of a wheel.
    RingId,
    /// An activity on a wheel.
    ActivityId,
    /// An item of the library.
    ItemId,
    /// A file uploaded to an item.
    FileId,
    /// An ordered collection of items.
    CollectionId,
    /// An agenda template of a municipality.
    TemplateId,
    /// A meeting of a group.
    MeetingId,
    /// A goal of a school year (the municipality's, a school's or a teacher's).
    GoalId,
    /// A dated follow-up note on a goal.
    GoalNoteId,
    /// A målsamtal: a principal with a teacher, a head of operations with a principal.
    TalkId,
    /// A time a principal or head of operations offers for a målsamtal.
    TalkSlotId,
    /// A resultatdialog of a school.
    ResultDialogueId,
    /// A process leader's cross-school project.
    ProjectId,
    /// A dated entry of a project's process log.
    LogEntryId,
    /// A photo or file of a process log entry.
    LogFileId,
    /// A milestone of a project, on the wheel's project ring.
    MilestoneId,
    /// A participant's reflection on a milestone.
    ReflectionId,
    ExampleId,
    ToolId,
    IctNoteId,
);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_bare_numbers_on_the_wire_and_in_paths() {
        assert_eq!(serde_json::to_string(&GroupId(7)).expect("serialises"), "7");
        assert_eq!(
            serde_json::from_str::<MeetingId>("12").expect("reads"),
            MeetingId(12)
        );
        assert_eq!("42".parse::<PersonId>(), Ok(PersonId(42)));
        assert!("4x".parse::<PersonId>().is_err());
        assert_eq!(SchoolId(3).to_string(), "3");
    }
}
