/**
 * The `epochs` table: each model's training history. SQLite stores NaN as NULL, so a diverged
 * loss or accuracy reads back as NaN; epsilon and clippedFraction are null when not DP-SGD.
 */
import type { Connection } from './connection';

/** One epoch as the trainer reports it (the engine's EpochRecord has this shape). */
export interface EpochInput {
  epoch: number;
  loss: number;
  accuracy: number;
  lr: number;
  seconds: number;
  samples: number;
  /** DP-SGD: ε after this epoch. */
  epsilon?: number | null;
  /** DP-SGD: fraction of per-sample gradients that were clipped. */
  clippedFraction?: number | null;
}

/** One stored epoch: every field present, the DP ones null when not DP-SGD. */
export interface StoredEpoch extends Required<EpochInput> {
  studyId: string;
  modelIdx: number;
}

interface EpochRow {
  study_id: string;
  model_idx: number;
  epoch: number;
  loss: number | null;
  accuracy: number | null;
  lr: number | null;
  seconds: number | null;
  samples: number | null;
  epsilon: number | null;
  clipped_fraction: number | null;
}

function mapEpoch(row: EpochRow): StoredEpoch {
  return {
    studyId: row.study_id,
    modelIdx: row.model_idx,
    epoch: row.epoch,
    loss: row.loss ?? NaN,
    accuracy: row.accuracy ?? NaN,
    lr: row.lr ?? NaN,
    seconds: row.seconds ?? NaN,
    samples: row.samples ?? 0,
    epsilon: row.epsilon,
    clippedFraction: row.clipped_fraction,
  };
}

export class EpochsRepository {
  constructor(private readonly conn: Connection) {}

  /**
   * Replaces a model's history; for callers inside a write transaction (recordModelResult).
   * Throws RangeError naming the model when epoch numbers repeat or are not whole numbers.
   */
  writeRows(studyId: string, modelIdx: number, epochs: readonly EpochInput[]): void {
    const seen = new Set<number>();
    for (const e of epochs) {
      if (!Number.isInteger(e.epoch) || seen.has(e.epoch)) throw new RangeError(`model ${modelIdx} of study "${studyId}": epoch ${e.epoch} is repeated or not a whole number`);
      seen.add(e.epoch);
    }
    this.conn.db.prepare('DELETE FROM epochs WHERE study_id = ? AND model_idx = ?').run(studyId, modelIdx);
    const insert = this.conn.db.prepare(
      'INSERT INTO epochs (study_id, model_idx, epoch, loss, accuracy, lr, seconds, samples, epsilon, clipped_fraction) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
    );
    for (const e of epochs) {
      insert.run(studyId, modelIdx, e.epoch, e.loss, e.accuracy, e.lr, e.seconds, Math.round(e.samples), e.epsilon ?? null, e.clippedFraction ?? null);
    }
  }

  /** A model's epochs in order. */
  list(studyId: string, modelIdx: number): StoredEpoch[] {
    return this.conn.db.prepare<[string, number], EpochRow>('SELECT * FROM epochs WHERE study_id = ? AND model_idx = ? ORDER BY epoch').all(studyId, modelIdx).map(mapEpoch);
  }

  /** Every epoch of every model of a study, by model then epoch (for plots and CSV export). */
  listForStudy(studyId: string): StoredEpoch[] {
    return this.conn.db.prepare<[string], EpochRow>('SELECT * FROM epochs WHERE study_id = ? ORDER BY model_idx, epoch').all(studyId).map(mapEpoch);
  }
}
