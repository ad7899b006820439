-- Library material linked to wheel activities (a term's theme and its research).
-- Kept in lockstep with migrations/sqlite/0009_wheel_library.sql (a test compares them).

CREATE TABLE wheel_activity_items (
    activity_id BIGINT NOT NULL REFERENCES wheel_activities (id) ON DELETE CASCADE,
    item_id BIGINT NOT NULL REFERENCES library_items (id),
    position BIGINT NOT NULL,
    PRIMARY KEY (activity_id, item_id)
);
CREATE INDEX wheel_activity_items_item ON wheel_activity_items (item_id);
