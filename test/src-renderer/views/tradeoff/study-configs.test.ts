import { describe, expect, it } from 'vitest';
import { fetchConfigs } from '../../../../src-renderer/views/tradeoff/study-configs';

describe('fetchConfigs', () => {
  it('loads each missing config once, a few at a time, and skips failures', async () => {
    const calls: string[] = [];
    let inFlight = 0;
    let most = 0;
    const load = async (id: string) => {
      calls.push(id);
      inFlight++;
      most = Math.max(most, inFlight);
      await new Promise((r) => setTimeout(r, 1));
      inFlight--;
      if (id === 'gone') throw new Error('not found');
      return { name: id };
    };
    const cache = new Map<string, unknown>([['cached', { name: 'cached' }]]);
    const ids = ['a', 'b', 'cached', 'gone', 'c', 'd', 'a'];
    const first = await fetchConfigs(ids, load, cache, 2);
    expect([...first.keys()]).toEqual(['a', 'b', 'cached', 'c', 'd']);
    expect(calls.sort()).toEqual(['a', 'b', 'c', 'd', 'gone']);
    expect(most).toBe(2);
    calls.length = 0;
    await fetchConfigs(['a', 'b'], load, cache);
    expect(calls).toEqual([]);
  });
});
