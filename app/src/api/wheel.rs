//! The årshjul: wheels, activities, rings, the copy to a later year and the calendar feeds.

use kollegium_shared::ids::{ActivityId, RingId, SchoolYearId};
use kollegium_shared::wheel::copy::{CopyRequest, WheelCopy};
use kollegium_shared::wheel::{
    Activity, ActivityInput, CalendarFeed, PublicFeed, Ring, RingInput, RingMove, Wheel,
    WheelChange,
};

use super::{Api, ApiError};

impl Api {
    /// `GET /wheel?year=…` (the current year without one).
    pub async fn wheel(self, year: Option<SchoolYearId>) -> Result<Wheel, ApiError> {
        match year {
            Some(y) => self.get(&format!("/wheel?year={y}")).await,
            None => self.get("/wheel").await,
        }
    }

    /// `POST /wheel/activities`.
    pub async fn create_activity(self, input: &ActivityInput) -> Result<Activity, ApiError> {
        self.post("/wheel/activities", input, true).await
    }

    /// `PUT /wheel/activities/{id}` (the input carries the version).
    pub async fn update_activity(
        self,
        id: ActivityId,
        input: &ActivityInput,
    ) -> Result<Activity, ApiError> {
        self.put(&format!("/wheel/activities/{id}"), input).await
    }

    /// `DELETE /wheel/activities/{id}?version=…`.
    pub async fn delete_activity(self, id: ActivityId, version: i64) -> Result<(), ApiError> {
        self.delete(&format!("/wheel/activities/{id}?version={version}"))
            .await
    }

    /// `GET /wheel/history?year=…`.
    pub async fn wheel_history(self, year: SchoolYearId) -> Result<Vec<WheelChange>, ApiError> {
        self.get(&format!("/wheel/history?year={year}")).await
    }

    /// `POST /wheel/rings`.
    pub async fn create_ring(self, input: &RingInput) -> Result<Ring, ApiError> {
        self.post("/wheel/rings", input, true).await
    }

    /// `PUT /wheel/rings/{id}` (the input carries the version).
    pub async fn update_ring(self, id: RingId, input: &RingInput) -> Result<Ring, ApiError> {
        self.put(&format!("/wheel/rings/{id}"), input).await
    }

    /// `POST /wheel/rings/{id}/move`.
    pub async fn move_ring(self, id: RingId, request: &RingMove) -> Result<Ring, ApiError> {
        self.post(&format!("/wheel/rings/{id}/move"), request, true)
            .await
    }

    /// `DELETE /wheel/rings/{id}?version=…`.
    pub async fn delete_ring(self, id: RingId, version: i64) -> Result<(), ApiError> {
        self.delete(&format!("/wheel/rings/{id}?version={version}"))
            .await
    }

    /// `GET /wheel/copy?from=…&to=…`: the copy to review.
    pub async fn wheel_copy(
        self,
        from: SchoolYearId,
        to: SchoolYearId,
    ) -> Result<WheelCopy, ApiError> {
        self.get(&format!("/wheel/copy?from={from}&to={to}")).await
    }

    /// `POST /wheel/copy`: saves the reviewed copy.
    pub async fn save_wheel_copy(self, request: &CopyRequest) -> Result<Wheel, ApiError> {
        self.post("/wheel/copy", request, true).await
    }

    /// `GET /me/calendar-feed`.
    pub async fn calendar_feed(self) -> Result<CalendarFeed, ApiError> {
        self.get("/me/calendar-feed").await
    }

    /// `POST /me/calendar-feed`: a new private feed URL.
    pub async fn make_calendar_feed(self) -> Result<CalendarFeed, ApiError> {
        self.post("/me/calendar-feed", &serde_json::json!({}), true)
            .await
    }

    /// `DELETE /me/calendar-feed`.
    pub async fn revoke_calendar_feed(self) -> Result<(), ApiError> {
        self.delete("/me/calendar-feed").await
    }

    /// `GET /wheel/public-feed`.
    pub async fn public_feed(self) -> Result<CalendarFeed, ApiError> {
        self.get("/wheel/public-feed").await
    }

    /// `PUT /wheel/public-feed`: on (a new URL) or off.
    pub async fn set_public_feed(self, enabled: bool) -> Result<CalendarFeed, ApiError> {
        self.put("/wheel/public-feed", &PublicFeed { enabled })
            .await
    }
}
