import { join } from 'node:path';
import { authConfig, devSigningKeyPath, personalDataConfig, systemConfig } from '../common/config';
import { projectRoot } from '../common/paths';

/** Settings derived from others: all state stays under the data directory unless told otherwise. */
describe('the development keys', () => {
  it('are kept under .data by default', () => {
    expect(authConfig({}).jwksPath).toBe(join(projectRoot, '.data', 'auth', 'jwks.json'));
    expect(devSigningKeyPath({})).toBe(join(projectRoot, '.data', 'auth', 'dev-signing-key.json'));
  });

  it.each([
    ['/srv/vuxhub', '/srv/vuxhub'],
    ['var/vuxhub', join(projectRoot, 'var', 'vuxhub')],
  ])('follow VUXHUB_DATA_DIR=%s', (dir, expected) => {
    const env = { VUXHUB_DATA_DIR: dir };
    expect(systemConfig(env, []).dataDir).toBe(expected);
    expect(personalDataConfig(env).keyPath).toBe(join(expected, 'keys', 'personal-data.key'));
    expect(authConfig(env).jwksPath).toBe(join(expected, 'auth', 'jwks.json'));
    expect(devSigningKeyPath(env)).toBe(join(expected, 'auth', 'dev-signing-key.json'));
  });

  it('are where AUTH_JWKS_PATH and AUTH_DEV_SIGNING_KEY_PATH say, whatever the data directory', () => {
    const env = {
      VUXHUB_DATA_DIR: '/srv/vuxhub',
      AUTH_JWKS_PATH: '/etc/vuxhub/jwks.json',
      AUTH_DEV_SIGNING_KEY_PATH: 'keys/dev.json',
    };
    expect(authConfig(env).jwksPath).toBe('/etc/vuxhub/jwks.json');
    expect(devSigningKeyPath(env)).toBe(join(projectRoot, 'keys', 'dev.json'));
  });
});
