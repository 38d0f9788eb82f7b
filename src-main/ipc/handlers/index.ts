/** Every handler of the contract, assembled from one file per domain. */
import type { AppContext } from '../context';
import type { Handlers } from '../dispatch';
import { analysisHandlers } from './analysis';
import { exportHandlers } from './export';
import { reportHandlers } from './reports';
import { sampleHandlers } from './samples';
import { studyHandlers } from './studies';
import { systemHandlers } from './system';

export function createHandlers(ctx: AppContext): Handlers {
  return {
    ...systemHandlers(ctx),
    ...studyHandlers(ctx),
    ...analysisHandlers(ctx),
    ...sampleHandlers(ctx),
    ...exportHandlers(ctx),
    ...reportHandlers(ctx),
  };
}
