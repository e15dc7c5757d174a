-- Escalation: a rule's unread in-app alert goes out again on the rule's next channel after N minutes.
ALTER TABLE rules ADD COLUMN escalation_minutes integer CHECK (escalation_minutes BETWEEN 1 AND 10080);

-- The escalated delivery waits until then (next_attempt_at) and is CANCELLED instead of sent when the in-app
-- delivery it escalates has been read in the inbox by then.
ALTER TABLE deliveries ADD COLUMN unless_read uuid REFERENCES deliveries (id);
ALTER TABLE deliveries DROP CONSTRAINT deliveries_status_check;
ALTER TABLE deliveries ADD CONSTRAINT deliveries_status_check CHECK (status IN
    ('PENDING', 'SENDING', 'SENT', 'RETRYING', 'FAILED', 'FAILED_PERMANENT', 'CANCELLED'));
