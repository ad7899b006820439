//! School years, groups, rosters, the formation and the documenter rotation.

use kollegium_shared::groups::{
    DocumenterRecord, FormationInput, FormationRequest, Group, GroupPatch, LearningSubject, Merge,
    Move, MyGroups, NewGroup, NewMember, NewSchoolYear, NextDocumenter, PersonGroups, Roster,
    SchoolRosterRow, SchoolYear,
};
use kollegium_shared::ids::{GroupId, PersonId, SchoolId, SchoolYearId};

use super::{Api, ApiError};

impl Api {
    /// `GET /school-years`.
    pub async fn school_years(self) -> Result<Vec<SchoolYear>, ApiError> {
        self.get("/school-years").await
    }

    /// `POST /school-years`.
    pub async fn create_school_year(self, new: &NewSchoolYear) -> Result<SchoolYear, ApiError> {
        self.post("/school-years", new, true).await
    }

    /// `GET /groups?year=…`: the whole roster of a year (the current one without `year`).
    pub async fn roster(self, year: Option<SchoolYearId>) -> Result<Roster, ApiError> {
        match year {
            Some(y) => self.get(&format!("/groups?year={y}")).await,
            None => self.get("/groups").await,
        }
    }

    /// `GET /groups/mine`.
    pub async fn my_groups(self) -> Result<MyGroups, ApiError> {
        self.get("/groups/mine").await
    }

    /// `GET /groups/school-roster?school=…`.
    pub async fn school_roster(self, school: SchoolId) -> Result<Vec<SchoolRosterRow>, ApiError> {
        self.get(&format!("/groups/school-roster?school={school}"))
            .await
    }

    /// `GET /groups/memberships?people=…`: the groups of each person this school year.
    pub async fn memberships(self, people: &[PersonId]) -> Result<Vec<PersonGroups>, ApiError> {
        let ids: Vec<String> = people.iter().map(ToString::to_string).collect();
        self.get(&format!("/groups/memberships?people={}", ids.join(",")))
            .await
    }

    /// `GET /groups/{id}`.
    pub async fn group(self, id: GroupId) -> Result<Group, ApiError> {
        self.get(&format!("/groups/{id}")).await
    }

    /// `PATCH /groups/{id}`.
    pub async fn patch_group(self, id: GroupId, patch: &GroupPatch) -> Result<Group, ApiError> {
        self.patch(&format!("/groups/{id}"), patch).await
    }

    /// `POST /groups/{from}/moves`.
    pub async fn move_member(self, from: GroupId, request: &Move) -> Result<Group, ApiError> {
        self.post(&format!("/groups/{from}/moves"), request, true)
            .await
    }

    /// `POST /groups/{from}/merge`.
    pub async fn merge_group(self, from: GroupId, request: &Merge) -> Result<Group, ApiError> {
        self.post(&format!("/groups/{from}/merge"), request, true)
            .await
    }

    /// `POST /groups`.
    pub async fn create_group(self, new: &NewGroup) -> Result<Group, ApiError> {
        self.post("/groups", new, true).await
    }

    /// `POST /groups/{id}/members`.
    pub async fn add_member(self, id: GroupId, new: &NewMember) -> Result<Group, ApiError> {
        self.post(&format!("/groups/{id}/members"), new, true).await
    }

    /// `DELETE /groups/{id}/members/{person}?version=…`.
    pub async fn remove_member(
        self,
        id: GroupId,
        person: PersonId,
        version: i64,
    ) -> Result<Group, ApiError> {
        self.delete(&format!("/groups/{id}/members/{person}?version={version}"))
            .await
    }

    /// `GET /groups/{id}/next-documenter?absent=…`.
    pub async fn next_documenter(
        self,
        id: GroupId,
        absent: &[PersonId],
    ) -> Result<NextDocumenter, ApiError> {
        let absent: Vec<String> = absent.iter().map(ToString::to_string).collect();
        self.get(&format!(
            "/groups/{id}/next-documenter?absent={}",
            absent.join(",")
        ))
        .await
    }

    /// `POST /groups/{id}/documenter`.
    pub async fn record_documenter(
        self,
        id: GroupId,
        record: &DocumenterRecord,
    ) -> Result<Group, ApiError> {
        self.post(&format!("/groups/{id}/documenter"), record, true)
            .await
    }

    /// `GET /groups/formation/input?year=…`.
    pub async fn formation_input(self, year: SchoolYearId) -> Result<FormationInput, ApiError> {
        self.get(&format!("/groups/formation/input?year={year}"))
            .await
    }

    /// `POST /groups/formation`.
    pub async fn save_formation(self, request: &FormationRequest) -> Result<Roster, ApiError> {
        self.post("/groups/formation", request, true).await
    }

    /// `PUT /me/learning-subject`.
    pub async fn set_learning_subject(
        self,
        choice: &LearningSubject,
    ) -> Result<LearningSubject, ApiError> {
        self.put("/me/learning-subject", choice).await
    }
}
