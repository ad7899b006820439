//! The follow-up, "Att göra", the protocol deadline and the reminders.

use kollegium_shared::followup::todo::Todo;
use kollegium_shared::followup::{FollowUp, FollowUpSettings, ReminderSetting};

use super::{Api, ApiError};

impl Api {
    /// `GET /follow-up?{query}`: `query` is the page's own query string (filters).
    pub async fn follow_up(self, query: &str) -> Result<FollowUp, ApiError> {
        self.get(&format!("/follow-up?{query}")).await
    }

    /// `GET /follow-up/export.csv?{query}`.
    pub async fn follow_up_csv(self, query: &str) -> Result<Vec<u8>, ApiError> {
        self.get_bytes(&format!("/follow-up/export.csv?{query}"))
            .await
    }

    /// `GET /follow-up/todo`: what needs me now.
    pub async fn todo(self) -> Result<Todo, ApiError> {
        self.get("/follow-up/todo").await
    }

    /// `GET /follow-up/settings`.
    pub async fn follow_up_settings(self) -> Result<FollowUpSettings, ApiError> {
        self.get("/follow-up/settings").await
    }

    /// `PUT /follow-up/settings`.
    pub async fn set_follow_up_settings(
        self,
        settings: &FollowUpSettings,
    ) -> Result<FollowUpSettings, ApiError> {
        self.put("/follow-up/settings", settings).await
    }

    /// `GET /follow-up/reminders`.
    pub async fn reminders(self) -> Result<ReminderSetting, ApiError> {
        self.get("/follow-up/reminders").await
    }

    /// `PUT /follow-up/reminders`.
    pub async fn set_reminders(self, on: bool) -> Result<ReminderSetting, ApiError> {
        self.put("/follow-up/reminders", &ReminderSetting { on })
            .await
    }
}
