-- What happened, when, and on whose behalf: node lifecycle now, operator actions as features land.
CREATE TABLE audit_log (
    id          BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    occurred_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    -- who acted: a user id, a station id, or a node id for the server itself
    actor       TEXT        NOT NULL,
    -- what happened, as a dotted name such as node.started
    action      TEXT        NOT NULL CHECK (action ~ '^[a-z]+(\.[a-z_]+)+$'),
    -- the organisation the event belongs to, when there is one
    org_id      UUID,
    details     JSONB       NOT NULL DEFAULT '{}'::jsonb
);

CREATE INDEX audit_log_occurred_at ON audit_log (occurred_at DESC);
CREATE INDEX audit_log_org ON audit_log (org_id, occurred_at DESC) WHERE org_id IS NOT NULL;
