-- Notifications ([F6]): what a person was told about (assigned a bug, mentioned, a status change
-- of their bug), with the text as it was written at the time; read once `read_at` is set. Each
-- person chooses per kind whether to be told in the app and by email (no row: the defaults).
CREATE TABLE notifications (
    id               BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    organization_id  BIGINT NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    user_id          BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    kind             TEXT NOT NULL CHECK (kind IN ('assigned', 'mentioned', 'status_changed')),
    subject          TEXT NOT NULL,
    text             TEXT NOT NULL,
    href             TEXT NOT NULL,
    actor_id         BIGINT REFERENCES users (id) ON DELETE SET NULL,
    created_at       TIMESTAMPTZ NOT NULL,
    read_at          TIMESTAMPTZ
);
-- A person's list, newest first in keyset pages; their unread count reads the partial index.
CREATE INDEX notifications_user ON notifications (user_id, id);
CREATE INDEX notifications_unread ON notifications (user_id, id) WHERE read_at IS NULL;
CREATE INDEX notifications_actor ON notifications (actor_id);
CREATE TABLE notification_settings (
    organization_id  BIGINT NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    user_id          BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    kind             TEXT NOT NULL CHECK (kind IN ('assigned', 'mentioned', 'status_changed')),
    in_app           BOOLEAN NOT NULL,
    email            BOOLEAN NOT NULL,
    PRIMARY KEY (user_id, kind)
);
