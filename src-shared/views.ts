/** Response types of the study-browsing channels: what the UI's views are built from. */
import type { AccuracySummary, AttackKind, AttackResult, InfluenceResult, MemorizationResult } from './analysis';
import type { StudyConfig } from './config/study';
import type { StudyDesign, StudyRow } from './studies';

export interface PresetView {
  id: string;
  name: string;
  description: string;
  /** The parsed configs (every default filled in), ready to show in the form. */
  studies: StudyConfig[];
  /** Estimated seconds on this machine for the whole preset, from the bench figures; null when unknown. */
  estimateSeconds: number | null;
}

export interface ValidationView {
  valid: boolean;
  fields: Array<{ path: string; message: string }>;
  /** The parsed config when valid. */
  config: StudyConfig | null;
  estimateSeconds: number | null;
}

export interface StudyAnalysisView {
  design: StudyDesign | null;
  accuracy: AccuracySummary | null;
  attacks: AttackResult[];
  memorization: MemorizationResult | null;
  influence: InfluenceResult | null;
}

export interface EpochView {
  epoch: number;
  loss: number;
  accuracy: number;
  lr: number;
  seconds: number;
  epsilon: number | null;
}

export interface HistoryView {
  models: Array<{ modelIdx: number; epochs: EpochView[] }>;
}

/** Member and non-member scores of one attack against one target, for histograms. */
export interface ScoresView {
  attack: AttackKind;
  target: number;
  scores: number[];
  /** 1 member, 0 non-member. */
  member: number[];
}

/** Every sample of a study as columns (population first, then held-out samples). */
export interface SampleTableView {
  target: number;
  attack: AttackKind;
  position: number[];
  datasetIndex: number[];
  label: number[];
  /** 1 when the sample is held out of every model (no membership). */
  heldOut: number[];
  /** Membership in the target model (−1 for held-out samples). */
  member: number[];
  /** null where undefined (never IN or never OUT, held-out samples). */
  memorization: Array<number | null>;
  inCount: number[];
  outCount: number[];
  /** The attack's member score against the target (null for held-out samples or before the analysis). */
  score: Array<number | null>;
  /** The target model's loss on the sample (identity query). */
  loss: Array<number | null>;
  classNames: string[];
}

export interface SampleModelView {
  modelIdx: number;
  member: boolean | null;
  predicted: number;
  correct: boolean;
  /** φ under the identity query. */
  phi: number;
  confidence: number;
}

export interface SampleDetailView {
  position: number;
  datasetIndex: number;
  label: number;
  labelName: string;
  heldOut: boolean;
  /** Images: 0..255 values in HWC order; tabular: the feature vector. */
  image: { width: number; height: number; channels: number; pixels: number[] } | null;
  features: number[] | null;
  models: SampleModelView[];
  target: number;
  /** φ (identity query) of the shadow models that trained on it, and of those that did not (target excluded). */
  inScores: number[];
  outScores: number[];
  targetScore: number | null;
  targetMember: boolean | null;
  fit: { inMean: number; inStd: number; outMean: number; outStd: number };
  memorization: number | null;
  liraScore: number | null;
  /** The same dataset sample in other studies over the same data. */
  otherStudies: Array<{ id: string; name: string; methodLabel: string; position: number; memorization: number | null; liraScore: number | null }>;
}

export type CsvKind = 'studies' | 'models' | 'samples' | 'roc' | 'epochs';

export interface CsvView {
  filename: string;
  csv: string;
}

export type { StudyRow };
