-- Streaming: where an organisation's received frames go, and every frame with each reception.

CREATE TABLE destination (
    id          UUID        PRIMARY KEY DEFAULT gen_random_uuid(),
    org_id      UUID        NOT NULL REFERENCES organisation (id) ON DELETE CASCADE,
    name        TEXT        NOT NULL,
    kind        TEXT        NOT NULL CHECK (kind IN ('yamcs-udp', 'yamcs-tcp', 'udp', 'tcp', 'live')),
    host        TEXT,
    port        INTEGER     CHECK (port BETWEEN 1 AND 65535),
    -- true: every frame of the organisation; false: the frames of the campaigns that name it
    all_frames  BOOLEAN     NOT NULL DEFAULT false,
    queue_size  INTEGER     NOT NULL DEFAULT 10000 CHECK (queue_size BETWEEN 1 AND 1000000),
    created_by  UUID        REFERENCES app_user (id) ON DELETE SET NULL,
    created_at  TIMESTAMPTZ NOT NULL DEFAULT now(),
    UNIQUE (org_id, name),
    CHECK (kind = 'live' OR (host IS NOT NULL AND port IS NOT NULL))
);

CREATE TABLE campaign_destination (
    campaign_id    UUID NOT NULL REFERENCES campaign (id) ON DELETE CASCADE,
    destination_id UUID NOT NULL REFERENCES destination (id) ON DELETE CASCADE,
    PRIMARY KEY (campaign_id, destination_id)
);

-- One row per distinct frame: the first reception's satellite, observation and time.
CREATE TABLE frame (
    id             UUID        PRIMARY KEY,
    org_id         UUID        NOT NULL REFERENCES organisation (id) ON DELETE CASCADE,
    norad_id       INTEGER     NOT NULL,
    observation_id UUID        REFERENCES observation (id) ON DELETE SET NULL,
    campaign_id    UUID        REFERENCES campaign (id) ON DELETE SET NULL,
    digest         BYTEA       NOT NULL,
    data           BYTEA       NOT NULL,
    received_at    TIMESTAMPTZ NOT NULL,
    forwarded_to   INTEGER     NOT NULL DEFAULT 0
);
CREATE INDEX frame_org_received ON frame (org_id, received_at);

-- Every station that received a frame, the first one marked.
CREATE TABLE frame_reception (
    frame_id       UUID             NOT NULL REFERENCES frame (id) ON DELETE CASCADE,
    station_id     UUID             NOT NULL REFERENCES station (id) ON DELETE CASCADE,
    observation_id UUID             REFERENCES observation (id) ON DELETE SET NULL,
    received_at    TIMESTAMPTZ      NOT NULL,
    frequency      BIGINT,
    rssi           DOUBLE PRECISION,
    snr            DOUBLE PRECISION,
    first          BOOLEAN          NOT NULL
);
CREATE INDEX frame_reception_frame ON frame_reception (frame_id);
CREATE INDEX frame_reception_observation ON frame_reception (observation_id, received_at);
CREATE INDEX frame_reception_station ON frame_reception (station_id, received_at);
