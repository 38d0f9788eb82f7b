/** A reproduction report: which presets feed it, what each study is for, how it reads them. */
import type { ReportClaim, ReportTable } from '../../src-shared/reports';
import type { StudyData } from './report-data';

export interface PaperRef {
  title: string;
  authors: string;
  year: number;
  url: string;
}

export const DEMEM_PAPER: PaperRef = {
  title: 'Defending against membership inference in adversarial training with dememorization (DeMem)',
  authors: 'Luo & Li',
  year: 2024,
  url: 'https://arxiv.org/abs/2412.05767',
};

export const SAM_PAPER: PaperRef = {
  title: 'Memorization and privacy risks of sharpness aware minimization',
  authors: 'Kim, Agrawal, Royset & Khanna',
  year: 2023,
  url: 'https://arxiv.org/abs/2310.00488',
};

export interface ReportDefinition {
  id: string;
  title: string;
  paper: PaperRef;
  /** The presets whose studies it reads, laptop scale first (every preset lists its studies in `roles` order). */
  presets: string[];
  /** What each study of a preset is, by position. */
  roles: string[];
  scaleNote: (scale: 'laptop' | 'paper') => string;
  /** Tables and claims from the studies by role (null where a study has not completed). */
  build: (studies: Map<string, StudyData | null>) => { tables: ReportTable[]; claims: ReportClaim[] };
}
