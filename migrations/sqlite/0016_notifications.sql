-- Notifications ([F6]): what a person was told about (assigned a bug, mentioned, a status change
-- of their bug), with the text as it was written at the time; read once `read_at` is set. Each
-- person chooses per kind whether to be told in the app and by email (no row: the defaults).
CREATE TABLE notifications (
    id               INTEGER PRIMARY KEY AUTOINCREMENT,
    organization_id  INTEGER NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    user_id          INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    kind             TEXT NOT NULL CHECK (kind IN ('assigned', 'mentioned', 'status_changed')),
    subject          TEXT NOT NULL,
    text             TEXT NOT NULL,
    href             TEXT NOT NULL,
    actor_id         INTEGER REFERENCES users (id) ON DELETE SET NULL,
    created_at       TEXT NOT NULL,
    read_at          TEXT
);
-- A person's list, newest first in keyset pages; their unread count reads the partial index.
CREATE INDEX notifications_user ON notifications (user_id, id);
CREATE INDEX notifications_unread ON notifications (user_id, id) WHERE read_at IS NULL;
CREATE INDEX notifications_actor ON notifications (actor_id);
CREATE TABLE notification_settings (
    organization_id  INTEGER NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    user_id          INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    kind             TEXT NOT NULL CHECK (kind IN ('assigned', 'mentioned', 'status_changed')),
    in_app           BOOLEAN NOT NULL CHECK (in_app IN (0, 1)),
    email            BOOLEAN NOT NULL CHECK (email IN (0, 1)),
    PRIMARY KEY (user_id, kind)
);
