-- Campaigns: what an organisation wants observed (satellites, with weights), by which of its
-- stations and when; and the time station owners keep for themselves. The database refuses double
-- bookings of a station by itself, so that no two nodes of a cluster can both accept one.

CREATE EXTENSION IF NOT EXISTS btree_gist;

CREATE TABLE campaign (
    id            UUID             PRIMARY KEY DEFAULT gen_random_uuid(),
    org_id        UUID             NOT NULL REFERENCES organisation (id) ON DELETE CASCADE,
    name          TEXT             NOT NULL,
    description   TEXT             NOT NULL DEFAULT '',
    priority      INTEGER          NOT NULL DEFAULT 5 CHECK (priority BETWEEN 1 AND 10),
    status        TEXT             NOT NULL DEFAULT 'draft'
                  CHECK (status IN ('draft', 'scheduled', 'active', 'completed', 'cancelled')),
    starts_at     TIMESTAMPTZ,
    ends_at       TIMESTAMPTZ      CHECK (ends_at > starts_at),
    min_elevation DOUBLE PRECISION NOT NULL DEFAULT 0 CHECK (min_elevation BETWEEN 0 AND 90),
    created_at    TIMESTAMPTZ      NOT NULL DEFAULT now(),
    updated_at    TIMESTAMPTZ      NOT NULL DEFAULT now(),
    UNIQUE (org_id, name)
);

CREATE TABLE campaign_target (
    campaign_id    UUID             NOT NULL REFERENCES campaign (id) ON DELETE CASCADE,
    norad_id       INTEGER          NOT NULL REFERENCES satellite (norad_id) ON DELETE CASCADE,
    weight         DOUBLE PRECISION NOT NULL DEFAULT 1 CHECK (weight > 0),
    transmitter_id TEXT             REFERENCES transmitter (id) ON DELETE SET NULL,
    created_at     TIMESTAMPTZ      NOT NULL DEFAULT now(),
    PRIMARY KEY (campaign_id, norad_id)
);

-- A windowed assignment books its station for [lower, upper); bookings of one station never overlap
-- while they hold (released ones, of completed or cancelled campaigns, no longer count). Without a
-- window (NULL) the station serves the campaign whenever it is free and books nothing.
CREATE TABLE campaign_assignment (
    id          UUID        PRIMARY KEY DEFAULT gen_random_uuid(),
    campaign_id UUID        NOT NULL REFERENCES campaign (id) ON DELETE CASCADE,
    station_id  UUID        NOT NULL REFERENCES station (id) ON DELETE CASCADE,
    during      TSTZRANGE   CHECK (NOT isempty(during) AND NOT lower_inf(during) AND NOT upper_inf(during)),
    released    BOOLEAN     NOT NULL DEFAULT false,
    created_at  TIMESTAMPTZ NOT NULL DEFAULT now(),
    CONSTRAINT campaign_assignment_no_overlap
        EXCLUDE USING gist (station_id WITH =, during WITH &&) WHERE (NOT released)
);
CREATE INDEX campaign_assignment_campaign ON campaign_assignment (campaign_id);
-- one standing (windowless) assignment per station and campaign
CREATE UNIQUE INDEX campaign_assignment_standing ON campaign_assignment (campaign_id, station_id)
    WHERE during IS NULL;

-- Time a station's owner keeps for maintenance or local use; reservations of one station never overlap.
CREATE TABLE station_reservation (
    id         UUID        PRIMARY KEY DEFAULT gen_random_uuid(),
    station_id UUID        NOT NULL REFERENCES station (id) ON DELETE CASCADE,
    during     TSTZRANGE   NOT NULL
               CHECK (NOT isempty(during) AND NOT lower_inf(during) AND NOT upper_inf(during)),
    reason     TEXT        NOT NULL DEFAULT '',
    created_by UUID        REFERENCES app_user (id) ON DELETE SET NULL,
    created_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    CONSTRAINT station_reservation_no_overlap EXCLUDE USING gist (station_id WITH =, during WITH &&)
);
