//! Goals at three levels, their notes and carrying a year's goals to the next.

use kollegium_shared::goals::{
    CarryPreview, CarryRequest, CarryResult, Goal, GoalInput, NoteInput, YearGoals,
};
use kollegium_shared::ids::{GoalId, SchoolYearId};

use super::{Api, ApiError};

impl Api {
    /// `GET /goals?year=`: the year's goals as I may read them.
    pub async fn goals(self, year: Option<SchoolYearId>) -> Result<YearGoals, ApiError> {
        match year {
            Some(y) => self.get(&format!("/goals?year={y}")).await,
            None => self.get("/goals").await,
        }
    }

    /// `GET /goals/{id}`.
    pub async fn goal(self, id: GoalId) -> Result<Goal, ApiError> {
        self.get(&format!("/goals/{id}")).await
    }

    /// `POST /goals`.
    pub async fn create_goal(self, input: &GoalInput) -> Result<Goal, ApiError> {
        self.post("/goals", input, true).await
    }

    /// `PUT /goals/{id}` (with the version in `input`).
    pub async fn update_goal(self, id: GoalId, input: &GoalInput) -> Result<Goal, ApiError> {
        self.put(&format!("/goals/{id}"), input).await
    }

    /// `DELETE /goals/{id}?version=`.
    pub async fn delete_goal(self, id: GoalId, version: i64) -> Result<(), ApiError> {
        self.delete(&format!("/goals/{id}?version={version}")).await
    }

    /// `POST /goals/{id}/notes`.
    pub async fn add_goal_note(self, id: GoalId, note: &NoteInput) -> Result<Goal, ApiError> {
        self.post(&format!("/goals/{id}/notes"), note, true).await
    }

    /// `GET /goals/carry?from=&to=`.
    pub async fn carry_preview(
        self,
        from: SchoolYearId,
        to: SchoolYearId,
    ) -> Result<CarryPreview, ApiError> {
        self.get(&format!("/goals/carry?from={from}&to={to}")).await
    }

    /// `POST /goals/carry`.
    pub async fn carry_goals(self, request: &CarryRequest) -> Result<CarryResult, ApiError> {
        self.post("/goals/carry", request, true).await
    }
}
