import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { resolveDataDir } from '../../../src-main/system/data-dir';

describe('resolveDataDir', () => {
  const home = '/home/ada';

  it('prefers --data-dir, then MNEMO_HOME, then the per-user default', () => {
    const env = { MNEMO_HOME: '/srv/mnemo' };
    expect(resolveDataDir({ flag: '/tmp/x', env, platform: 'linux', home })).toEqual({
      path: path.resolve('/tmp/x'),
      source: 'flag',
      databasePath: path.join(path.resolve('/tmp/x'), 'mnemo.sqlite'),
    });
    expect(resolveDataDir({ env, platform: 'linux', home }).source).toBe('env');
    expect(resolveDataDir({ env, platform: 'linux', home }).path).toBe(path.resolve('/srv/mnemo'));
    expect(resolveDataDir({ env: {}, platform: 'linux', home })).toMatchObject({ path: '/home/ada/.local/share/mnemo', source: 'default' });
  });

  it('follows each platform convention', () => {
    expect(resolveDataDir({ env: { XDG_DATA_HOME: '/data' }, platform: 'linux', home }).path).toBe('/data/mnemo');
    expect(resolveDataDir({ env: {}, platform: 'darwin', home }).path).toBe('/home/ada/Library/Application Support/Mnemo');
    expect(resolveDataDir({ env: { APPDATA: 'C:/Users/ada/AppData/Roaming' }, platform: 'win32', home }).path).toBe(
      path.join('C:/Users/ada/AppData/Roaming', 'Mnemo'),
    );
  });

  it('resolves a relative flag against the working directory', () => {
    expect(resolveDataDir({ flag: 'results', env: {}, home }).path).toBe(path.resolve('results'));
  });
});
