-- Public forms. A self-referral in progress is kept between its pages as a draft sealed with a
-- key only the person's cookie holds: the database sees an opaque blob, never the answers, and
-- drafts expire. Rate limits on public forms count hits per keyed hash of the caller's address
-- per window, shared by every server process.
CREATE TABLE form_drafts (
  id_hash TEXT PRIMARY KEY,
  sealed TEXT NOT NULL,
  expires_at TEXT NOT NULL
) WITHOUT ROWID;
CREATE INDEX form_drafts_expires ON form_drafts (expires_at);

CREATE TABLE rate_limit_hits (
  bucket TEXT NOT NULL,
  window_start TEXT NOT NULL,
  hits INTEGER NOT NULL,
  PRIMARY KEY (bucket, window_start)
) WITHOUT ROWID;
CREATE INDEX rate_limit_hits_window ON rate_limit_hits (window_start);
