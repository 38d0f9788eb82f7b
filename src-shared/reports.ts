/** Reproduction reports: our numbers beside a paper's, each of its claims with a verdict. */

export type Verdict = 'supported' | 'not supported' | 'inconclusive' | 'not run';

export interface ReportClaim {
  /** The paper's claim, in its words or close to them. */
  claim: string;
  /** Where the paper makes it. */
  source: string;
  verdict: Verdict;
  /** The numbers behind the verdict, with their uncertainty. */
  evidence: string;
}

export interface ReportTable {
  title: string;
  columns: string[];
  rows: Array<Array<string | number | null>>;
  note?: string;
}

export interface ReportView {
  id: string;
  title: string;
  paper: { title: string; authors: string; year: number; url: string };
  /** Which studies the numbers come from: this machine's laptop-scale runs or paper-scale ones. */
  scale: 'laptop' | 'paper' | 'not run';
  /** How our setting differs from the paper's, plainly. */
  scaleNote: string;
  /** Studies the report needs that have not completed. */
  missing: string[];
  studies: Array<{ role: string; id: string; name: string; status: string }>;
  tables: ReportTable[];
  claims: ReportClaim[];
  generatedAt: string;
}

export interface ReportSummaryView {
  id: string;
  title: string;
  /** The presets that feed it (laptop and paper scale). */
  presets: string[];
  complete: boolean;
  verdicts: Verdict[];
}
