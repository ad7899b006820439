//! The library: items, files, collections, the front page and the CSV import.

use kollegium_shared::ids::{CollectionId, FileId, ItemId};
use kollegium_shared::library::import::LibraryImportPreview;
use kollegium_shared::library::{
    Collection, CollectionInput, Item, ItemFile, ItemInput, ItemPage, ItemState, LibraryFront,
    Review,
};

use super::{Api, ApiError};

impl Api {
    /// `GET /library/front`.
    pub async fn library_front(self) -> Result<LibraryFront, ApiError> {
        self.get("/library/front").await
    }

    /// `GET /library/items?…` (the query string already encoded).
    pub async fn library_items(self, query: &str) -> Result<ItemPage, ApiError> {
        self.get(&format!("/library/items?{query}")).await
    }

    /// `GET /library/items/{id}`.
    pub async fn library_item(self, id: ItemId) -> Result<Item, ApiError> {
        self.get(&format!("/library/items/{id}")).await
    }

    /// `POST /library/items`.
    pub async fn create_library_item(self, input: &ItemInput) -> Result<Item, ApiError> {
        self.post("/library/items", input, true).await
    }

    /// `PUT /library/items/{id}`.
    pub async fn update_library_item(
        self,
        id: ItemId,
        input: &ItemInput,
    ) -> Result<Item, ApiError> {
        self.put(&format!("/library/items/{id}"), input).await
    }

    /// `POST /library/items/{id}/review`.
    pub async fn review_library_item(self, id: ItemId, review: &Review) -> Result<Item, ApiError> {
        self.post(&format!("/library/items/{id}/review"), review, true)
            .await
    }

    /// `POST /library/items/{id}/state`.
    pub async fn set_library_item_state(
        self,
        id: ItemId,
        state: &ItemState,
    ) -> Result<Item, ApiError> {
        self.post(&format!("/library/items/{id}/state"), state, true)
            .await
    }

    /// `POST /library/items/{id}/files?name=…` with the file as the body, streamed by
    /// the browser from disk.
    pub async fn upload_library_file(
        self,
        id: ItemId,
        file: &web_sys::File,
    ) -> Result<ItemFile, ApiError> {
        self.upload(&format!("/library/items/{id}/files"), file)
            .await
    }

    /// `DELETE /library/files/{id}`.
    pub async fn delete_library_file(self, id: FileId) -> Result<(), ApiError> {
        self.delete(&format!("/library/files/{id}")).await
    }

    /// `GET /library/collections/{id}`.
    pub async fn collection(self, id: CollectionId) -> Result<Collection, ApiError> {
        self.get(&format!("/library/collections/{id}")).await
    }

    /// `POST /library/collections`.
    pub async fn create_collection(self, input: &CollectionInput) -> Result<Collection, ApiError> {
        self.post("/library/collections", input, true).await
    }

    /// `PUT /library/collections/{id}`.
    pub async fn update_collection(
        self,
        id: CollectionId,
        input: &CollectionInput,
    ) -> Result<Collection, ApiError> {
        self.put(&format!("/library/collections/{id}"), input).await
    }

    /// `DELETE /library/collections/{id}?version=…`.
    pub async fn delete_collection(self, id: CollectionId, version: i64) -> Result<(), ApiError> {
        self.delete(&format!("/library/collections/{id}?version={version}"))
            .await
    }

    /// `POST /library/import/preview` with the CSV's bytes.
    pub async fn library_import_preview(
        self,
        file: &[u8],
    ) -> Result<LibraryImportPreview, ApiError> {
        self.post_bytes("/library/import/preview", "text/csv", file)
            .await
    }

    /// `POST /library/import` with the CSV's bytes.
    pub async fn library_import(self, file: &[u8]) -> Result<LibraryImportPreview, ApiError> {
        self.post_bytes("/library/import", "text/csv", file).await
    }
}
