-- The plan and what became of it. The scheduler keeps, per station, every opportunity it weighed
-- over its horizon: planned, or rejected with the reason an operator reads. The director records
-- each observation it drives (planned or manual): planned against actual times, how well the
-- antenna followed, and the outcome.

CREATE TABLE planned_pass (
    id             UUID             PRIMARY KEY DEFAULT gen_random_uuid(),
    org_id         UUID             NOT NULL REFERENCES organisation (id) ON DELETE CASCADE,
    campaign_id    UUID             NOT NULL REFERENCES campaign (id) ON DELETE CASCADE,
    station_id     UUID             NOT NULL REFERENCES station (id) ON DELETE CASCADE,
    norad_id       INTEGER          NOT NULL REFERENCES satellite (norad_id) ON DELETE CASCADE,
    transmitter_id TEXT             REFERENCES transmitter (id) ON DELETE SET NULL,
    aos            TIMESTAMPTZ      NOT NULL,
    tca            TIMESTAMPTZ      NOT NULL,
    los            TIMESTAMPTZ      NOT NULL,
    max_elevation  DOUBLE PRECISION NOT NULL,
    aos_azimuth    DOUBLE PRECISION NOT NULL,
    los_azimuth    DOUBLE PRECISION NOT NULL,
    status         TEXT             NOT NULL CHECK (status IN ('planned', 'rejected')),
    reason         TEXT             CHECK ((status = 'rejected') = (reason IS NOT NULL)),
    planned_at     TIMESTAMPTZ      NOT NULL DEFAULT now(),
    CHECK (aos <= tca AND tca <= los AND aos < los),
    UNIQUE (campaign_id, station_id, norad_id, aos)
);
CREATE INDEX planned_pass_station_time ON planned_pass (station_id, aos);
CREATE INDEX planned_pass_campaign_time ON planned_pass (campaign_id, aos);
-- the director's question every few seconds: which planned passes start soon
CREATE INDEX planned_pass_due ON planned_pass (aos) WHERE status = 'planned';

CREATE TABLE observation (
    id                 UUID             PRIMARY KEY DEFAULT gen_random_uuid(),
    org_id             UUID             NOT NULL REFERENCES organisation (id) ON DELETE CASCADE,
    station_id         UUID             NOT NULL REFERENCES station (id) ON DELETE CASCADE,
    -- NULL for a manual track
    campaign_id        UUID             REFERENCES campaign (id) ON DELETE SET NULL,
    planned_pass_id    UUID             REFERENCES planned_pass (id) ON DELETE SET NULL,
    norad_id           INTEGER          NOT NULL REFERENCES satellite (norad_id) ON DELETE CASCADE,
    transmitter_id     TEXT             REFERENCES transmitter (id) ON DELETE SET NULL,
    planned_aos        TIMESTAMPTZ      NOT NULL,
    planned_los        TIMESTAMPTZ      NOT NULL,
    max_elevation      DOUBLE PRECISION NOT NULL,
    started_at         TIMESTAMPTZ,
    ended_at           TIMESTAMPTZ,
    outcome            TEXT             NOT NULL DEFAULT 'pending'
                       CHECK (outcome IN ('pending', 'tracking', 'completed', 'missed', 'aborted')),
    reason             TEXT,
    -- the session the agent knows it by, and the ownership epoch of the node driving it
    session_id         TEXT,
    epoch              BIGINT,
    driven_by          TEXT,
    -- angle between commanded and measured antenna direction over the pass, in degrees
    tracking_error_rms DOUBLE PRECISION,
    tracking_error_max DOUBLE PRECISION,
    telemetry_samples  INTEGER          NOT NULL DEFAULT 0,
    created_by         UUID             REFERENCES app_user (id) ON DELETE SET NULL,
    created_at         TIMESTAMPTZ      NOT NULL DEFAULT now(),
    updated_at         TIMESTAMPTZ      NOT NULL DEFAULT now(),
    CHECK (planned_aos < planned_los)
);
CREATE INDEX observation_station_time ON observation (station_id, planned_aos);
CREATE INDEX observation_campaign_time ON observation (campaign_id, planned_aos);
-- a planned pass is observed at most once
CREATE UNIQUE INDEX observation_planned_pass ON observation (planned_pass_id)
    WHERE planned_pass_id IS NOT NULL;
-- at most one observation of a station is under way at a time; a node taking a station over finds it here
CREATE UNIQUE INDEX observation_under_way ON observation (station_id)
    WHERE outcome IN ('pending', 'tracking');
