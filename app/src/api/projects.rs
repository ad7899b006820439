//! Projects, their process log and the public showcase.

use kollegium_shared::ids::{LogEntryId, ProjectId};
use kollegium_shared::projects::{
    ClearanceInput, LogEntry, LogEntryInput, Project, ProjectInput, ProjectListItem, ProjectPage,
    PublicProject,
};

use super::{Api, ApiError};

impl Api {
    /// `GET /projects`.
    pub async fn projects(self) -> Result<Vec<ProjectListItem>, ApiError> {
        self.get("/projects").await
    }

    /// `POST /projects`.
    pub async fn create_project(self, input: &ProjectInput) -> Result<ProjectPage, ApiError> {
        self.post("/projects", input, true).await
    }

    /// `GET /projects/{id}`.
    pub async fn project(self, id: ProjectId) -> Result<ProjectPage, ApiError> {
        self.get(&format!("/projects/{id}")).await
    }

    /// `PUT /projects/{id}`.
    pub async fn update_project(
        self,
        id: ProjectId,
        input: &ProjectInput,
    ) -> Result<Project, ApiError> {
        self.put(&format!("/projects/{id}"), input).await
    }

    /// `POST /projects/{id}/log`.
    pub async fn add_log_entry(
        self,
        id: ProjectId,
        input: &LogEntryInput,
    ) -> Result<LogEntry, ApiError> {
        self.post(&format!("/projects/{id}/log"), input, true).await
    }

    /// `PUT /projects/{id}/log/{entry}/clearance`.
    pub async fn set_clearance(
        self,
        id: ProjectId,
        entry: LogEntryId,
        input: &ClearanceInput,
    ) -> Result<LogEntry, ApiError> {
        self.put(&format!("/projects/{id}/log/{entry}/clearance"), input)
            .await
    }

    /// `GET /showcase/{key}`: needs no sign-in.
    pub async fn showcase(self, key: &str) -> Result<PublicProject, ApiError> {
        let key = String::from(js_sys::encode_uri_component(key));
        self.get(&format!("/showcase/{key}")).await
    }
}
