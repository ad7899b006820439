//! Schools, staff, subjects and the staff import.

use kollegium_shared::ids::{PersonId, SchoolId};
use kollegium_shared::org::import::ImportPreview;
use kollegium_shared::org::{
    NewSchool, NewStaffMember, NewSubject, PasswordReset, School, SchoolPatch, StaffMember,
    StaffPage, StaffPatch, SubjectItem,
};

use super::{Api, ApiError};

impl Api {
    /// `POST /schools`.
    pub async fn create_school(self, new: &NewSchool) -> Result<School, ApiError> {
        self.post("/schools", new, true).await
    }

    /// `PATCH /schools/{id}`.
    pub async fn patch_school(self, id: SchoolId, patch: &SchoolPatch) -> Result<School, ApiError> {
        self.patch(&format!("/schools/{id}"), patch).await
    }

    /// `POST /staff`.
    pub async fn create_staff(self, new: &NewStaffMember) -> Result<StaffMember, ApiError> {
        self.post("/staff", new, true).await
    }

    /// `PATCH /staff/{id}`.
    pub async fn patch_staff(
        self,
        id: PersonId,
        patch: &StaffPatch,
    ) -> Result<StaffMember, ApiError> {
        self.patch(&format!("/staff/{id}"), patch).await
    }

    /// `POST /staff/{id}/password-reset`.
    pub async fn reset_password(self, id: PersonId) -> Result<PasswordReset, ApiError> {
        self.post(
            &format!("/staff/{id}/password-reset"),
            &serde_json::json!({}),
            true,
        )
        .await
    }

    /// `GET /subjects`.
    pub async fn subjects(self) -> Result<Vec<SubjectItem>, ApiError> {
        self.get("/subjects").await
    }

    /// `POST /subjects`.
    pub async fn create_subject(self, new: &NewSubject) -> Result<SubjectItem, ApiError> {
        self.post("/subjects", new, true).await
    }

    /// `GET /staff?…`, the query already encoded.
    pub async fn staff(self, query: &str) -> Result<StaffPage, ApiError> {
        self.get(&format!("/staff?{query}")).await
    }

    /// `GET /schools`.
    pub async fn schools(self) -> Result<Vec<School>, ApiError> {
        self.get("/schools").await
    }

    /// `POST /staff/import/preview` with the file's bytes.
    pub async fn import_preview(self, file: &[u8]) -> Result<ImportPreview, ApiError> {
        self.post_bytes("/staff/import/preview", "text/csv", file)
            .await
    }

    /// `POST /staff/import` with the file's bytes.
    pub async fn import_commit(self, file: &[u8]) -> Result<ImportPreview, ApiError> {
        self.post_bytes("/staff/import", "text/csv", file).await
    }
}
