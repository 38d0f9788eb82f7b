import { describe, expect, it, vi } from 'vitest';
import { MnemoError } from '../../../src-shared/result';
import { createDispatch, type Handlers } from '../../../src-main/ipc/dispatch';
import type { AboutInfo } from '../../../src-shared/system';

const about = { appVersion: '1.2.3' } as AboutInfo;

function dispatchWith(handler: Handlers['system.about']) {
  const onInternalError = vi.fn();
  return { dispatch: createDispatch({ 'system.about': handler }, onInternalError), onInternalError };
}

describe('createDispatch', () => {
  it('validates the payload and returns the handler value', async () => {
    const { dispatch } = dispatchWith(() => about);
    await expect(dispatch('system.about', {})).resolves.toEqual({ ok: true, value: about });
    // A missing payload is an empty request, not an error.
    await expect(dispatch('system.about', undefined)).resolves.toEqual({ ok: true, value: about });
  });

  it('refuses unknown channels without calling any handler', async () => {
    const handler = vi.fn(() => about);
    const { dispatch } = dispatchWith(handler);
    const result = await dispatch('system.shutdown', {});
    expect(result).toEqual({ ok: false, error: { code: 'unknown-channel', message: 'Unknown channel "system.shutdown".' } });
    expect(handler).not.toHaveBeenCalled();
  });

  it('refuses a payload that does not match the schema, naming the fields', async () => {
    const handler = vi.fn(() => about);
    const { dispatch } = dispatchWith(handler);
    const result = await dispatch('system.about', { verbose: true });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.code).toBe('invalid-request');
    expect(result.error.fields).toEqual([{ path: 'verbose', message: 'unknown field' }]);
    expect(handler).not.toHaveBeenCalled();
  });

  it('passes a MnemoError through and hides any other error', async () => {
    const known = dispatchWith(() => {
      throw new MnemoError('not-found', 'Study 7 does not exist.');
    });
    await expect(known.dispatch('system.about', {})).resolves.toEqual({
      ok: false,
      error: { code: 'not-found', message: 'Study 7 does not exist.' },
    });

    const unknown = dispatchWith(() => {
      throw new Error('secret /home/alice/path');
    });
    const result = await unknown.dispatch('system.about', {});
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.error.code).toBe('internal');
      expect(result.error.message).not.toContain('alice');
    }
    expect(unknown.onInternalError).toHaveBeenCalledOnce();
  });
});
