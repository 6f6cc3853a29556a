-- The satellite catalogue: objects, the history of their element sets, their radio transmitters,
-- and a record of every synchronisation with the outside sources.

CREATE TABLE satellite (
    norad_id                 INTEGER     PRIMARY KEY CHECK (norad_id > 0),
    name                     TEXT        NOT NULL,
    international_designator TEXT,
    status                   TEXT        NOT NULL DEFAULT 'unknown'
                             CHECK (status IN ('alive', 'dead', 're-entered', 'future', 'unknown')),
    updated_at               TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX satellite_name ON satellite (lower(name) text_pattern_ops);

CREATE TABLE tle (
    id         BIGINT      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    norad_id   INTEGER     NOT NULL REFERENCES satellite (norad_id) ON DELETE CASCADE,
    epoch      TIMESTAMPTZ NOT NULL,
    line1      TEXT        NOT NULL CHECK (length(line1) = 69),
    line2      TEXT        NOT NULL CHECK (length(line2) = 69),
    source     TEXT        NOT NULL,
    fetched_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    UNIQUE (norad_id, line1, line2)
);
CREATE INDEX tle_latest ON tle (norad_id, epoch DESC);

CREATE TABLE transmitter (
    id            TEXT             PRIMARY KEY,
    norad_id      INTEGER          NOT NULL REFERENCES satellite (norad_id) ON DELETE CASCADE,
    description   TEXT             NOT NULL DEFAULT '',
    downlink_low  BIGINT           CHECK (downlink_low > 0),
    downlink_high BIGINT           CHECK (downlink_high > 0),
    uplink_low    BIGINT           CHECK (uplink_low > 0),
    uplink_high   BIGINT           CHECK (uplink_high > 0),
    mode          TEXT,
    baud          DOUBLE PRECISION CHECK (baud >= 0),
    status        TEXT             NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'inactive', 'invalid')),
    source        TEXT             NOT NULL,
    updated_at    TIMESTAMPTZ      NOT NULL DEFAULT now()
);
CREATE INDEX transmitter_satellite ON transmitter (norad_id);
CREATE INDEX transmitter_downlink ON transmitter (downlink_low) WHERE status = 'active';

CREATE TABLE catalogue_sync (
    id          BIGINT      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    source      TEXT        NOT NULL,
    started_at  TIMESTAMPTZ NOT NULL,
    finished_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    succeeded   BOOLEAN     NOT NULL,
    accepted    INTEGER     NOT NULL DEFAULT 0,
    rejected    INTEGER     NOT NULL DEFAULT 0,
    detail      TEXT        NOT NULL DEFAULT ''
);
CREATE INDEX catalogue_sync_latest ON catalogue_sync (succeeded, finished_at DESC);
