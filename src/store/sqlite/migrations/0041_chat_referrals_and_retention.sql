-- Chats into referrals, and how long a transcript is kept (issue 16). A chat the victim agreed to
-- turn into a referral names it (referral_id is also its case's id), and the reference the victim
-- is told; at most one per chat (two chats may lead to one referral: the same victim twice). Without one, a finished chat's events (the sealed words among
-- them) are deleted after the configured period: transcript_deleted_at says when, and the row
-- keeps only de-identified facts (area, times, whether it was answered).
ALTER TABLE chats ADD COLUMN referral_id TEXT;
ALTER TABLE chats ADD COLUMN referral_reference TEXT;
ALTER TABLE chats ADD COLUMN transcript_deleted_at TEXT;
CREATE INDEX chats_referral ON chats (referral_id) WHERE referral_id IS NOT NULL;
CREATE INDEX chats_transcripts_due ON chats (ended_at) WHERE state = 'ended' AND referral_id IS NULL
  AND transcript_deleted_at IS NULL;
