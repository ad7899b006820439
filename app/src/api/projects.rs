//! Projects, their process log and the public showcase.

use kollegium_shared::ids::{LogEntryId, LogFileId, MilestoneId, ProjectId};
use kollegium_shared::projects::{
    ClearanceInput, FileClearanceInput, LogEntry, LogEntryInput, LogFile, Milestone,
    MilestoneInput, Project, ProjectInput, ProjectListItem, ProjectPage, PublicProject, Reflection,
    ReflectionInput,
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

    /// `POST /projects/{id}/log/{entry}/files?name=…` with the file as the body.
    pub async fn upload_log_file(
        self,
        id: ProjectId,
        entry: LogEntryId,
        file: &web_sys::File,
    ) -> Result<LogFile, ApiError> {
        self.upload(&format!("/projects/{id}/log/{entry}/files"), file)
            .await
    }

    /// `DELETE /projects/{id}/log/{entry}/files/{file}`.
    pub async fn delete_log_file(
        self,
        id: ProjectId,
        entry: LogEntryId,
        file: LogFileId,
    ) -> Result<(), ApiError> {
        self.delete(&format!("/projects/{id}/log/{entry}/files/{file}"))
            .await
    }

    /// `PUT /projects/{id}/log/{entry}/files/{file}/clearance`.
    pub async fn set_file_clearance(
        self,
        id: ProjectId,
        entry: LogEntryId,
        file: LogFileId,
        input: &FileClearanceInput,
    ) -> Result<LogEntry, ApiError> {
        self.put(
            &format!("/projects/{id}/log/{entry}/files/{file}/clearance"),
            input,
        )
        .await
    }

    /// `POST /projects/{id}/milestones`.
    pub async fn add_milestone(
        self,
        id: ProjectId,
        input: &MilestoneInput,
    ) -> Result<Milestone, ApiError> {
        self.post(&format!("/projects/{id}/milestones"), input, true)
            .await
    }

    /// `PUT /projects/{id}/milestones/{milestone}`.
    pub async fn update_milestone(
        self,
        id: ProjectId,
        milestone: MilestoneId,
        input: &MilestoneInput,
    ) -> Result<Milestone, ApiError> {
        self.put(&format!("/projects/{id}/milestones/{milestone}"), input)
            .await
    }

    /// `POST /projects/{id}/milestones/{milestone}/reflections`.
    pub async fn add_reflection(
        self,
        id: ProjectId,
        milestone: MilestoneId,
        input: &ReflectionInput,
    ) -> Result<Reflection, ApiError> {
        self.post(
            &format!("/projects/{id}/milestones/{milestone}/reflections"),
            input,
            true,
        )
        .await
    }

    /// `GET /showcase/{key}`: needs no sign-in.
    pub async fn showcase(self, key: &str) -> Result<PublicProject, ApiError> {
        let key = String::from(js_sys::encode_uri_component(key));
        self.get(&format!("/showcase/{key}")).await
    }
}
