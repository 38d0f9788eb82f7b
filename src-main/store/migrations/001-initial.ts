/**
 * The first schema. STRICT tables so a wrong type fails loudly; CHECK constraints hold the
 * invariants every reader relies on (a 'done' model points at its weights, a BLOB's size matches its
 * dtype and length, a JSON column holds valid JSON). Per-model rows (arrays, epochs, jobs) refer to
 * their model by (study_id, model_idx) — a composite foreign key onto models(study_id, idx) — so
 * callers address models by index and a NULL model_idx means "study-level" (SQLite does not check a
 * foreign key with a NULL column).
 */
import type { Migration } from './migration';

export const migration001: Migration = {
  version: 1,
  description: 'studies, models, arrays, epochs, jobs, analyses, events',
  sql: `
CREATE TABLE studies (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  config TEXT NOT NULL CHECK (json_valid(config)),
  tags TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(tags)),
  notes TEXT NOT NULL DEFAULT '',
  status TEXT NOT NULL DEFAULT 'queued'
    CHECK (status IN ('queued', 'running', 'interrupted', 'cancelled', 'failed', 'completed')),
  error TEXT,
  archived INTEGER NOT NULL DEFAULT 0 CHECK (archived IN (0, 1)),
  pinned INTEGER NOT NULL DEFAULT 0 CHECK (pinned IN (0, 1)),
  created_at TEXT NOT NULL,
  started_at TEXT,
  finished_at TEXT,
  duration_seconds REAL,
  dataset_fingerprint TEXT,
  dataset_source TEXT,
  backend TEXT,
  backend_versions TEXT CHECK (backend_versions IS NULL OR json_valid(backend_versions)),
  app_version TEXT,
  sample_count INTEGER,
  summary TEXT CHECK (summary IS NULL OR json_valid(summary))
) STRICT;
CREATE INDEX studies_created ON studies (created_at);
-- One baseline at a time: comparisons are drawn against it.
CREATE UNIQUE INDEX studies_one_baseline ON studies (pinned) WHERE pinned = 1;

CREATE TABLE models (
  id INTEGER PRIMARY KEY,
  study_id TEXT NOT NULL REFERENCES studies (id) ON DELETE CASCADE,
  idx INTEGER NOT NULL CHECK (idx >= 0),
  seed INTEGER NOT NULL,
  status TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'running', 'done', 'failed')),
  error TEXT,
  metrics TEXT CHECK (metrics IS NULL OR json_valid(metrics)),
  timings TEXT CHECK (timings IS NULL OR json_valid(timings)),
  weights_path TEXT,
  weights_sha256 TEXT,
  weights_bytes INTEGER,
  started_at TEXT,
  finished_at TEXT,
  UNIQUE (study_id, idx),
  CHECK (status <> 'done' OR (weights_path IS NOT NULL AND weights_sha256 IS NOT NULL AND weights_bytes IS NOT NULL))
) STRICT;
-- Covers the per-study progress counts of the studies list.
CREATE INDEX models_study_status ON models (study_id, status);

CREATE TABLE arrays (
  id INTEGER PRIMARY KEY,
  study_id TEXT NOT NULL REFERENCES studies (id) ON DELETE CASCADE,
  model_idx INTEGER,
  name TEXT NOT NULL CHECK (length(name) > 0),
  dtype TEXT NOT NULL CHECK (dtype IN ('u8', 'u16', 'i32', 'f32', 'f64')),
  length INTEGER NOT NULL CHECK (length >= 0),
  shape TEXT NOT NULL CHECK (json_valid(shape)),
  data BLOB NOT NULL,
  FOREIGN KEY (study_id, model_idx) REFERENCES models (study_id, idx) ON DELETE CASCADE,
  CHECK (length(data) = length * (CASE dtype WHEN 'u8' THEN 1 WHEN 'u16' THEN 2 WHEN 'f64' THEN 8 ELSE 4 END))
) STRICT;
-- Unique even for study-level arrays, whose model_idx is NULL (NULLs never collide in a plain UNIQUE).
CREATE UNIQUE INDEX arrays_key ON arrays (study_id, ifnull(model_idx, -1), name);
CREATE INDEX arrays_model ON arrays (study_id, model_idx);
-- One array across all models (every model's 'phi' for an attack).
CREATE INDEX arrays_by_name ON arrays (study_id, name, model_idx);

CREATE TABLE epochs (
  study_id TEXT NOT NULL,
  model_idx INTEGER NOT NULL,
  epoch INTEGER NOT NULL,
  loss REAL,
  accuracy REAL,
  lr REAL,
  seconds REAL,
  samples INTEGER,
  epsilon REAL,
  clipped_fraction REAL,
  PRIMARY KEY (study_id, model_idx, epoch),
  FOREIGN KEY (study_id, model_idx) REFERENCES models (study_id, idx) ON DELETE CASCADE
) STRICT, WITHOUT ROWID;

CREATE TABLE jobs (
  id INTEGER PRIMARY KEY,
  study_id TEXT NOT NULL REFERENCES studies (id) ON DELETE CASCADE,
  kind TEXT NOT NULL CHECK (kind IN ('train-model', 'analyze')),
  model_idx INTEGER,
  status TEXT NOT NULL DEFAULT 'queued' CHECK (status IN ('queued', 'running', 'done', 'failed', 'cancelled')),
  attempts INTEGER NOT NULL DEFAULT 0,
  error TEXT,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  FOREIGN KEY (study_id, model_idx) REFERENCES models (study_id, idx) ON DELETE CASCADE,
  CHECK ((kind = 'train-model') = (model_idx IS NOT NULL))
) STRICT;
CREATE INDEX jobs_status ON jobs (status, id);
CREATE INDEX jobs_study ON jobs (study_id, model_idx);

CREATE TABLE analyses (
  id INTEGER PRIMARY KEY,
  study_id TEXT NOT NULL REFERENCES studies (id) ON DELETE CASCADE,
  kind TEXT NOT NULL CHECK (length(kind) > 0),
  config TEXT NOT NULL CHECK (json_valid(config)),
  result TEXT NOT NULL CHECK (json_valid(result)),
  created_at TEXT NOT NULL,
  UNIQUE (study_id, kind)
) STRICT;

CREATE TABLE events (
  id INTEGER PRIMARY KEY,
  study_id TEXT REFERENCES studies (id) ON DELETE CASCADE,
  at TEXT NOT NULL,
  level TEXT NOT NULL CHECK (level IN ('info', 'warn', 'error')),
  message TEXT NOT NULL
) STRICT;
CREATE INDEX events_study ON events (study_id, id);
`,
};
