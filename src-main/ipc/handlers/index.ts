/** Every handler of the contract, assembled from one file per domain. */
import type { AppContext } from '../context';
import type { Handlers } from '../dispatch';
import { systemHandlers } from './system';

export function createHandlers(ctx: AppContext): Handlers {
  return {
    ...systemHandlers(ctx),
  };
}
