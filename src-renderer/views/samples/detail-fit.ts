/** The Gaussian fit of a sample's detail, with "undefined" where a side has no shadow model. */
import type { SampleDetailView } from '../../../src-shared/views';
import type { GaussianFit } from '../../plots/distribution';

const value = (v: number | null | undefined): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);

/**
 * The IN and OUT fits, null on a side with fewer than two scores: the handler averages an empty
 * list to 0 ± 0, and one score has no spread, neither of which is a fit.
 */
export function detailFit(detail: Pick<SampleDetailView, 'fit' | 'inScores' | 'outScores'>): GaussianFit {
  const hasIn = detail.inScores.length >= 2;
  const hasOut = detail.outScores.length >= 2;
  return {
    inMean: hasIn ? value(detail.fit.inMean) : null,
    inStd: hasIn ? value(detail.fit.inStd) : null,
    outMean: hasOut ? value(detail.fit.outMean) : null,
    outStd: hasOut ? value(detail.fit.outStd) : null,
  };
}
