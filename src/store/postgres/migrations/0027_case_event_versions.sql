-- Which version of its case each timeline event made (0: an event that left the version alone,
-- such as a partner's answer, and every event written before this column). A person whose change
-- was refused because the case moved on is shown exactly the events after the version they saw.
ALTER TABLE case_events ADD COLUMN case_version bigint NOT NULL DEFAULT 0;
