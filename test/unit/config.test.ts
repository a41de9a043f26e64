import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { ConfigError, defaultMaxCachedWorkflows, parseConfig } from '../../infra/config';
import { projectRoot } from '../../infra/paths';

describe('configuration', () => {
  it('defaults to the embedded Temporal and the local PostgreSQL', () => {
    const config = parseConfig({});
    expect(config.TEMPORAL_ADDRESS).toBeUndefined();
    expect(config.DATABASE_URL).toBe('postgres://postgres@127.0.0.1:5432/courtrelay');
    expect(config.TEMPORAL_TASK_QUEUE).toBe('courtrelay');
    expect(config.STATUTE_PROFILE).toBe('statutory');
  });

  it('bounds the worker cache by default (flat memory, issue 18) and takes an override, 0 included', () => {
    expect(parseConfig({}).WORKER_MAX_CACHED_WORKFLOWS).toBe(defaultMaxCachedWorkflows);
    expect(defaultMaxCachedWorkflows).toBeGreaterThan(0);
    expect(defaultMaxCachedWorkflows).toBeLessThanOrEqual(500);
    expect(parseConfig({ WORKER_MAX_CACHED_WORKFLOWS: '40' }).WORKER_MAX_CACHED_WORKFLOWS).toBe(40);
    expect(parseConfig({ WORKER_MAX_CACHED_WORKFLOWS: '0' }).WORKER_MAX_CACHED_WORKFLOWS).toBe(0);
    expect(parseConfig({ WORKER_MAX_CACHED_WORKFLOWS: '' }).WORKER_MAX_CACHED_WORKFLOWS).toBe(defaultMaxCachedWorkflows);
    expect(() => parseConfig({ WORKER_MAX_CACHED_WORKFLOWS: '-1' })).toThrow(/WORKER_MAX_CACHED_WORKFLOWS/);
  });

  it.each([
    ['API_PORT', 'seventy', 'API_PORT'],
    ['API_PORT', '70000', 'API_PORT'],
    ['DATABASE_URL', 'mysql://x/y', 'postgres'],
    ['TEMPORAL_ADDRESS', 'no-port', 'host:port'],
    ['STATUTE_PROFILE', 'fast', 'statutory'],
    ['JWT_SECRET', 'short', '32'],
    ['WORKER_MAX_CACHED_WORKFLOWS', 'many', 'whole number'],
  ])('refuses %s=%s naming the variable and what is allowed', (name, value, allowed) => {
    let error: unknown;
    try {
      parseConfig({ [name]: value });
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).message).toContain(name);
    expect((error as ConfigError).message).toContain(allowed);
  });

  it('refuses a client certificate without its key', () => {
    expect(() => parseConfig({ TEMPORAL_TLS_CERT: '/x.pem' })).toThrow(/TEMPORAL_TLS_KEY/);
  });

  it('refuses at start-up the OpenID Connect settings that would only fail at the first sign-in (issue 16)', () => {
    const oidc = { OIDC_CLIENT_ID: 'console', OIDC_CLIENT_SECRET: 'secret' };
    const refused = (env: Record<string, string>, variable: string, why: RegExp) => {
      let error: unknown;
      try {
        parseConfig({ ...oidc, ...env });
      } catch (err) {
        error = err;
      }
      expect(error, JSON.stringify(env)).toBeInstanceOf(ConfigError);
      const problem = (error as ConfigError).problems.find((p) => p.startsWith(`${variable}:`));
      expect(problem, `${JSON.stringify(env)}: ${(error as ConfigError).problems.join('; ')}`).toMatch(why);
    };
    refused({ OIDC_ISSUER: 'http://idp.court.example' }, 'OIDC_ISSUER', /https/);
    refused({ OIDC_ISSUER: 'ftp://idp.court.example' }, 'OIDC_ISSUER', /https/);
    refused({ OIDC_ISSUER: 'https://user:pw@idp.court.example' }, 'OIDC_ISSUER', /user name or password/);
    refused({ OIDC_ISSUER: 'https://idp.court.example/?tenant=1' }, 'OIDC_ISSUER', /query or fragment/);
    refused({ OIDC_ISSUER: 'https://idp.court.example', OIDC_REDIRECT_URI: 'javascript:alert(1)' }, 'OIDC_REDIRECT_URI', /https/);
    refused({ OIDC_ISSUER: 'https://idp.court.example', OIDC_REDIRECT_URI: 'http://court.example/console/oidc/callback' }, 'OIDC_REDIRECT_URI', /https/);
    refused({ OIDC_ISSUER: 'https://idp.court.example', OIDC_ROLE_MAP: '{}' }, 'OIDC_ROLE_MAP', /maps no role/);
    refused({}, 'OIDC_ISSUER', /OIDC_CLIENT_ID, OIDC_CLIENT_SECRET set without OIDC_ISSUER/);
    // Loopback HTTP (the tests' provider) and a proper deployment pass.
    expect(parseConfig({ ...oidc, OIDC_ISSUER: 'http://127.0.0.1:4000/idp', OIDC_REDIRECT_URI: 'http://localhost:3000/console/oidc/callback' }).OIDC_ISSUER)
      .toBe('http://127.0.0.1:4000/idp');
    expect(parseConfig({ ...oidc, OIDC_ISSUER: 'https://idp.court.example/realms/court', OIDC_REDIRECT_URI: 'https://court.example/console/oidc/callback' })
      .OIDC_CLIENT_ID).toBe('console');
  });

  it('stops a process at start-up with a message naming the bad variable', () => {
    const result = spawnSync(process.execPath, ['--import', 'tsx', 'infra/db/migrate-cli.ts'], {
      cwd: projectRoot,
      env: { ...process.env, API_PORT: 'not-a-port', DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/courtrelay_never_created' },
      encoding: 'utf8',
    });
    expect(result.status).toBe(78);
    expect(result.stderr).toContain('invalid configuration');
    expect(result.stderr).toMatch(/API_PORT: .*"not-a-port"/);
  });
});

describe('TEMPORAL_RETENTION_DAYS read the same by courtrelay and by compose\'s namespace job (namespace.sh)', () => {
  const script = `${projectRoot}/infra/temporal/server/namespace.sh`;
  // The job refuses a bad value before it calls Temporal (exit 64), so no server is needed here.
  const job = (days: string) => spawnSync('sh', [script], {
    encoding: 'utf8', timeout: 10_000,
    env: { PATH: process.env.PATH, TEMPORAL_CLI: '/nonexistent', TEMPORAL_ADDRESS: '127.0.0.1:1', TEMPORAL_NAMESPACE: 'x', TEMPORAL_RETENTION_DAYS: days },
  });

  it.each(['0x10', '1e3', ' 7 ', '7.0', '+7', '-7', '0', '36501', 'abc'])('%j is refused by both', (days) => {
    expect(() => parseConfig({ TEMPORAL_RETENTION_DAYS: days }), days).toThrow(/TEMPORAL_RETENTION_DAYS/);
    expect(job(days).status, days).toBe(64);
  });

  it.each([['7', 7], ['007', 7], ['36500', 36500]])('%j is %i days to both', (days, expected) => {
    expect(parseConfig({ TEMPORAL_RETENTION_DAYS: days }).TEMPORAL_RETENTION_DAYS).toBe(expected);
    // Accepted by the job: it goes on to call Temporal (which is not there), so it fails otherwise.
    expect(job(days).status, days).not.toBe(64);
  });
});
