-- People, how they sign in, the organisations they belong to and the stations those own.
-- Secrets are never stored: tokens as keyed digests (HMAC-SHA-256), station keys as Argon2id hashes.

CREATE TABLE app_user (
    id              UUID        PRIMARY KEY DEFAULT gen_random_uuid(),
    email           TEXT        NOT NULL UNIQUE CHECK (email = lower(email)),
    created_at      TIMESTAMPTZ NOT NULL DEFAULT now(),
    last_sign_in_at TIMESTAMPTZ
);

-- single-use sign-in links; the account is created when one is used, not when it is asked for
CREATE TABLE magic_link (
    token_digest BYTEA       PRIMARY KEY,
    email        TEXT        NOT NULL CHECK (email = lower(email)),
    created_at   TIMESTAMPTZ NOT NULL DEFAULT now(),
    expires_at   TIMESTAMPTZ NOT NULL,
    used_at      TIMESTAMPTZ
);
CREATE INDEX magic_link_expires ON magic_link (expires_at);

CREATE TABLE user_session (
    id           UUID        PRIMARY KEY DEFAULT gen_random_uuid(),
    token_digest BYTEA       NOT NULL UNIQUE,
    user_id      UUID        NOT NULL REFERENCES app_user (id) ON DELETE CASCADE,
    created_at   TIMESTAMPTZ NOT NULL DEFAULT now(),
    last_seen_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    expires_at   TIMESTAMPTZ NOT NULL,
    revoked_at   TIMESTAMPTZ,
    client       TEXT,
    user_agent   TEXT
);
CREATE INDEX user_session_user ON user_session (user_id);

CREATE TABLE api_token (
    id           UUID        PRIMARY KEY DEFAULT gen_random_uuid(),
    token_digest BYTEA       NOT NULL UNIQUE,
    user_id      UUID        NOT NULL REFERENCES app_user (id) ON DELETE CASCADE,
    name         TEXT        NOT NULL,
    created_at   TIMESTAMPTZ NOT NULL DEFAULT now(),
    expires_at   TIMESTAMPTZ,
    last_used_at TIMESTAMPTZ,
    revoked_at   TIMESTAMPTZ
);
CREATE INDEX api_token_user ON api_token (user_id);

CREATE TABLE organisation (
    id          UUID        PRIMARY KEY DEFAULT gen_random_uuid(),
    slug        TEXT        NOT NULL UNIQUE CHECK (slug ~ '^[a-z0-9]([a-z0-9-]{0,38}[a-z0-9])?$'),
    name        TEXT        NOT NULL,
    description TEXT        NOT NULL DEFAULT '',
    created_at  TIMESTAMPTZ NOT NULL DEFAULT now()
);

CREATE TABLE membership (
    org_id     UUID        NOT NULL REFERENCES organisation (id) ON DELETE CASCADE,
    user_id    UUID        NOT NULL REFERENCES app_user (id) ON DELETE CASCADE,
    role       TEXT        NOT NULL CHECK (role IN ('owner', 'operator', 'viewer')),
    created_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    PRIMARY KEY (org_id, user_id)
);
CREATE INDEX membership_user ON membership (user_id);

CREATE TABLE join_request (
    id         UUID        PRIMARY KEY DEFAULT gen_random_uuid(),
    org_id     UUID        NOT NULL REFERENCES organisation (id) ON DELETE CASCADE,
    user_id    UUID        NOT NULL REFERENCES app_user (id) ON DELETE CASCADE,
    message    TEXT        NOT NULL DEFAULT '',
    status     TEXT        NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'approved', 'rejected')),
    created_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    decided_at TIMESTAMPTZ,
    decided_by UUID        REFERENCES app_user (id) ON DELETE SET NULL
);
-- one open request per person and organisation
CREATE UNIQUE INDEX join_request_pending ON join_request (org_id, user_id) WHERE status = 'pending';

CREATE TABLE station (
    id             UUID             PRIMARY KEY DEFAULT gen_random_uuid(),
    org_id         UUID             NOT NULL REFERENCES organisation (id) ON DELETE CASCADE,
    name           TEXT             NOT NULL,
    latitude       DOUBLE PRECISION NOT NULL CHECK (latitude BETWEEN -90 AND 90),
    longitude      DOUBLE PRECISION NOT NULL CHECK (longitude BETWEEN -180 AND 180),
    altitude       DOUBLE PRECISION NOT NULL CHECK (altitude BETWEEN -500 AND 20000),
    horizon_mask   JSONB            NOT NULL DEFAULT '[]'::jsonb,
    rotator        JSONB,
    key_hash       TEXT             NOT NULL,
    key_created_at TIMESTAMPTZ      NOT NULL DEFAULT now(),
    created_at     TIMESTAMPTZ      NOT NULL DEFAULT now(),
    updated_at     TIMESTAMPTZ      NOT NULL DEFAULT now(),
    last_seen_at   TIMESTAMPTZ,
    UNIQUE (org_id, name)
);
