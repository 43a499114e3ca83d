-- A queued message its case no longer wants when its send job runs (an appointment reminder of a
-- case closed, or whose consent was withdrawn, before the reminder's time) is marked 'cancelled'
-- instead of sent.
ALTER TABLE outbox_messages DROP CONSTRAINT outbox_messages_status_check;
ALTER TABLE outbox_messages ADD CONSTRAINT outbox_messages_status_check
  CHECK (status IN ('queued', 'sent', 'ready_to_print', 'failed', 'dead', 'cancelled'));
