/**
 * What a study's analysis produces, as plain JSON (typed arrays become number arrays): attack
 * metrics per target with mean ± std, pooled ROCs, model accuracies, memorization per bin and
 * influence-entropy buckets. Shared by the store, the CLI and the UI.
 */

export interface MeanStd {
  mean: number;
  /** Sample standard deviation (ddof 1); NaN for a single value. */
  std: number;
  n: number;
}

export interface TprAt {
  fpr: number;
  tpr: number;
  /** Members are scores ≥ threshold. */
  threshold: number;
  achievedFpr: number;
  /** The requested FPR is below 1/N_neg: this is the TPR at zero false positives. */
  belowFloor: boolean;
  /** Clopper–Pearson 95% interval of the TPR at that threshold. */
  ci: [number, number];
}

export interface RocPoints {
  fpr: number[];
  tpr: number[];
}

export interface TargetMetrics {
  target: number;
  auc: number;
  balancedAccuracy: number;
  /** DeMem's log–log area (not the ROC AUC). */
  logLogAuc: number;
  nMembers: number;
  nNonMembers: number;
  nExcluded: number;
  fprFloor: number;
  tpr: TprAt[];
  roc: RocPoints;
  /** Threshold attacks: the accuracy of their own decision rule (per-class thresholds, …). */
  attackAccuracy?: number;
}

export type AttackKind = 'lira' | 'rmia' | 'loss' | 'confidence' | 'entropy' | 'modified-entropy' | 'correctness' | 'label-only' | 'noise' | 'nn';

export interface AttackResult {
  kind: AttackKind;
  label: string;
  /** The options it ran with, after presets were resolved. */
  options: Record<string, unknown>;
  targets: TargetMetrics[];
  summary: {
    auc: MeanStd;
    balancedAccuracy: MeanStd;
    logLogAuc: MeanStd;
    tpr: Array<{ fpr: number } & MeanStd>;
    attackAccuracy: MeanStd | null;
  };
  pooled: { auc: number; balancedAccuracy: number; nMembers: number; nNonMembers: number; fprFloor: number; tpr: TprAt[]; roc: RocPoints };
  /** What the reader should know (fallbacks used, resolution limits…). */
  notes: string[];
}

export interface ModelAccuracy {
  idx: number;
  /** On the model's own training samples. */
  train: number;
  /** On every sample it never trained on. */
  natural: number;
  /** Under the study's PGD attack, on a seeded subset of those. */
  robust: number | null;
}

export interface AccuracySummary {
  natural: MeanStd;
  robust: MeanStd | null;
  train: MeanStd;
  perModel: ModelAccuracy[];
}

export interface MemorizationBinRow {
  bin: number;
  /** Memorization range (lower, upper]; bin 0 is mem ≤ 0. */
  lower: number;
  upper: number;
  count: number;
  /** LiRA TPR at the study's reference FPR among this bin's members, over targets. */
  tpr: MeanStd;
  /** Accuracy of models on this bin's samples when they did not train on them. */
  outAccuracy: number;
}

export interface MemorizationResult {
  /** 'mem@r=0.5': the IN fraction of the shadow pool, not Feldman & Zhang's r = 0.7. */
  label: string;
  models: number;
  fpr: number;
  bins: MemorizationBinRow[];
  /** Samples without an estimate (never IN or never OUT). */
  undefinedCount: number;
  mean: number;
  /** Samples with mem > 0.25 (the demo's "highly memorised"). */
  highlyMemorized: number;
}

export interface InfluenceBucketRow {
  bucket: number;
  count: number;
  /** Accuracy of this study's models on the bucket's held-out points. */
  accuracy: number;
}

export interface InfluenceResult {
  testPoints: number;
  threshold: number;
  entropyOver: 'examples' | 'classes';
  /** Held-out points no training point influences above the threshold (put in the highest bucket). */
  noInfluencer: number;
  buckets: InfluenceBucketRow[];
}

/** The headline metrics of a study, shown in the studies table and compared across studies. */
export interface StudySummary {
  naturalAccuracy: MeanStd | null;
  robustAccuracy: MeanStd | null;
  /** The attack the headline privacy metrics come from ('lira' by default). */
  attack: AttackKind | null;
  auc: MeanStd | null;
  /** TPR at each requested FPR, keyed by the FPR written as a number string ("0.001"). */
  tpr: Record<string, MeanStd>;
  /** DP-SGD: the largest ε over the models (at the method's δ); null otherwise. */
  epsilon: number | null;
  delta: number | null;
}
