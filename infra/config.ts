// The one place configuration comes from: environment variables, validated with zod.
// A bad value stops start-up with the variable's name and what is allowed.
import { z } from 'zod';
import { roles } from '../workflows/shared/actor';

const portMessage = 'must be a port number from 1 to 65535';
const port = z.coerce.number({ error: portMessage }).int(portMessage).min(1, portMessage).max(65535, portMessage);
const optionalPath = z.string().min(1).optional();

/** The public development key (in this file for all to read): for a loopback, non-production API only. */
export const developmentJwtSecret = 'courtrelay-local-development-secret-change-me';

/** True for an address only this machine can reach (127.0.0.0/8, ::1, localhost). */
export function isLoopbackHost(host: string): boolean {
  return host === 'localhost' || host === '::1' || host === '[::1]' || /^127(\.\d{1,3}){3}$/.test(host);
}

/**
 * True where the service is reachable by others or says it is production (NODE_ENV=production, or
 * the API listening beyond loopback): there the public development keys of this repository prove
 * nothing and protect nothing, so each process refuses to run on them (requirePrivateKeys).
 */
export function productionLike(cfg: { API_HOST: string; NODE_ENV?: string }): boolean {
  return cfg.NODE_ENV === 'production' || !isLoopbackHost(cfg.API_HOST);
}

/** What a process does with keys: the API and worker write (encrypt payloads, seal audit rows); the checkpointer signs; the verifier trusts public keys. */
export type KeyUse = 'writer' | 'checkpointer' | 'verifier' | 'codec';

const privateKeysNeeded: Record<KeyUse, { variable: keyof Config; what: string }[]> = {
  writer: [
    { variable: 'TEMPORAL_PAYLOAD_KEYS_FILE', what: '工作流载荷加密密钥 (payload encryption keys; the development key is in the repository)' },
    { variable: 'AUDIT_SEAL_KEY_FILE', what: '审计记录封印私钥 (the writers\' audit seal key)' },
  ],
  checkpointer: [{ variable: 'AUDIT_CHECKPOINT_KEY_FILE', what: '审计检查点签名私钥 (the checkpoint signing key)' }],
  verifier: [
    { variable: 'AUDIT_SEAL_PUBLIC_KEY_FILES', what: '所信任的审计封印公钥 (public seal keys the verifier trusts)' },
    { variable: 'AUDIT_CHECKPOINT_PUBLIC_KEY_FILES', what: '所信任的检查点公钥 (public checkpoint keys the verifier trusts)' },
  ],
  codec: [{ variable: 'TEMPORAL_PAYLOAD_KEYS_FILE', what: '工作流载荷加密密钥 (payload encryption keys)' }],
};

/**
 * Refuses, where productionLike, to run a process of kind `use` on the public development keys:
 * throws ConfigError naming each unset variable. Local set-ups (loopback, no NODE_ENV=production)
 * keep the development keys so `npm start` needs no set-up. `npm run keys` writes private ones.
 */
export function requirePrivateKeys(config: Config, use: KeyUse): void {
  if (!productionLike(config)) return;
  const missing = privateKeysNeeded[use].filter(({ variable }) => !config[variable]);
  if (!missing.length) return;
  const where = config.NODE_ENV === 'production' ? 'NODE_ENV=production' : `API_HOST=${config.API_HOST}`;
  throw new ConfigError(missing.map(({ variable, what }) =>
    `${variable}: 对外服务不得使用公开的开发密钥，请设置${what} (required when ${where}; \`npm run keys\` writes private keys into .secrets/)`));
}

/** The development key may sign tokens (and demo sign-in may hand them out) only on a loopback, non-production set-up. */
export function developmentKeyAllowed(cfg: { JWT_SECRET: string; API_HOST: string; NODE_ENV?: string }): boolean {
  return cfg.JWT_SECRET !== developmentJwtSecret || (isLoopbackHost(cfg.API_HOST) && cfg.NODE_ENV !== 'production');
}

/** Roles a court's identity provider may confer (a party does not sign in through the court's provider). */
export const staffRoles = roles.filter((r) => r !== 'party' && r !== 'system');
const roleMapSchema = z.record(z.string().min(1), z.enum(staffRoles));

/** Workflows a worker caches unless WORKER_MAX_CACHED_WORKFLOWS says otherwise (flat memory; see the schema). */
export const defaultMaxCachedWorkflows = 250;

export const configSchema = z.object({
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\/.+/, 'must be a postgres:// or postgresql:// URL')
    .default('postgres://postgres@127.0.0.1:5432/courtrelay'),
  // Each process's own login (migration 123); unset: DATABASE_URL. The role each acts as (SET ROLE
  // on every connection); `none` keeps the login's own role (when the login is that role already).
  DATABASE_API_URL: z.string().regex(/^postgres(ql)?:\/\/.+/, 'must be a postgres:// or postgresql:// URL').optional(),
  DATABASE_WORKER_URL: z.string().regex(/^postgres(ql)?:\/\/.+/, 'must be a postgres:// or postgresql:// URL').optional(),
  // Set by the migrate job (owner login) so the API and the worker log in as their own roles
  // (infra/db/role-logins.ts); unset: their logins are left as they are.
  DATABASE_API_PASSWORD: z.string().regex(/^[A-Za-z0-9_-]{16,128}$/, 'must be 16–128 letters, digits, - or _ (it is also written into a postgres:// URL)').optional(),
  DATABASE_WORKER_PASSWORD: z.string().regex(/^[A-Za-z0-9_-]{16,128}$/, 'must be 16–128 letters, digits, - or _ (it is also written into a postgres:// URL)').optional(),
  DATABASE_API_ROLE: z.string().regex(/^(none|[a-z_][a-z0-9_]{0,62})$/, 'must be a PostgreSQL role name or none').default('courtrelay_api'),
  DATABASE_WORKER_ROLE: z.string().regex(/^(none|[a-z_][a-z0-9_]{0,62})$/, 'must be a PostgreSQL role name or none').default('courtrelay_worker'),
  DATABASE_AUDITOR_ROLE: z.string().regex(/^(none|[a-z_][a-z0-9_]{0,62})$/, 'must be a PostgreSQL role name or none').default('courtrelay_auditor'),
  // Unset: courtrelay installs and runs the Temporal CLI's dev server itself (embedded default).
  TEMPORAL_ADDRESS: z.string().regex(/^[^\s:]+:\d+$/, 'must be host:port').optional(),
  TEMPORAL_NAMESPACE: z.string().min(1).default('default'),
  TEMPORAL_TASK_QUEUE: z.string().min(1).default('courtrelay'),
  TEMPORAL_TLS_CERT: optionalPath,
  TEMPORAL_TLS_KEY: optionalPath,
  TEMPORAL_TLS_CA: optionalPath,
  TEMPORAL_TLS_SERVER_NAME: z.string().min(1).optional(),
  TEMPORAL_API_KEY: z.string().min(1).optional(),
  // AES-256-GCM keys for workflow payloads (infra/temporal/payload-codec.ts); unset: the public development key.
  TEMPORAL_PAYLOAD_KEYS_FILE: optionalPath,
  // Days a closed transfer or preservation stays in Temporal on a cluster courtrelay sets up (the
  // local cluster, compose). The "no second transfer" bar is the workflow ID reuse policy, which
  // only sees closed runs still retained; reviews and 再审 come years later. Ten years by default.
  TEMPORAL_RETENTION_DAYS: z.coerce.number({ error: 'must be a whole number of days from 1 to 36500' }).int('must be a whole number of days from 1 to 36500').min(1).max(36_500).default(3650),
  TEMPORAL_DEV_PORT: port.default(7233),
  TEMPORAL_UI_PORT: port.default(8233),
  // Workflows a worker keeps in memory between tasks. Unset in the SDK means "sized from the heap"
  // (2,310 on a 2-core test machine), and RSS then grew about 50 KiB per open workflow with no
  // plateau (1.1 GiB at 10,000 open, issue 18); at 100 it stayed flat at 300–320 MiB. An act on an
  // evicted workflow replays its history (milliseconds), and court acts are hours apart, so a small
  // cache costs little. 0 turns the cache (and sticky execution) off.
  WORKER_MAX_CACHED_WORKFLOWS: z.coerce.number({ error: 'must be a whole number from 0 to 100000' }).int().min(0).max(100_000).default(defaultMaxCachedWorkflows),
  COURTRELAY_DATA_DIR: z.string().min(1).default('.data'),
  API_HOST: z.string().min(1).default('127.0.0.1'),
  API_PORT: port.default(3000),
  STATUTE_PROFILE: z.enum(['statutory', 'training', 'compressed']).default('statutory'),
  // A court's own profile (JSON, same shape as workflows/clock/statute-profile.ts); wins over STATUTE_PROFILE.
  STATUTE_PROFILE_FILE: optionalPath,
  JWT_SECRET: z.string().min(32, 'must be at least 32 characters').default(developmentJwtSecret),
  // The longest a bearer token may live (exp − iat), in hours; a token claiming longer is refused.
  TOKEN_MAX_LIFETIME_HOURS: z.coerce.number({ error: 'must be a number of hours from 1 to 168' }).int().min(1).max(168).default(12),
  NODE_ENV: z.string().optional(),
  // Sign-in through the court's identity provider (OpenID Connect; api/http/auth-oidc.ts). Unset
  // OIDC_ISSUER: only tokens signed with JWT_SECRET. OIDC_AUDIENCE is the API's resource identifier,
  // which the provider's access tokens must name in `aud`; the claims say who the person is, which
  // role (through OIDC_ROLE_MAP: the provider's value → a courtrelay role, the first listed that the
  // person holds wins) and which court (a court code of the registry).
  OIDC_ISSUER: z.url().optional(),
  OIDC_CLIENT_ID: z.string().min(1).optional(),
  OIDC_CLIENT_SECRET: z.string().min(1).optional(),
  OIDC_AUDIENCE: z.string().min(1).optional(),
  OIDC_REDIRECT_URI: z.url().optional(),
  // The JOSE `typ` the provider's access tokens carry: RFC 9068's at+jwt by default, which an ID
  // token never carries. A provider that types access tokens otherwise (plain JWT) is named here;
  // tokens with ID-token claims (nonce, at_hash, c_hash, typ "ID") are then refused all the same.
  OIDC_ACCESS_TOKEN_TYP: z.string().min(1).max(64).default('at+jwt'),
  OIDC_SCOPES: z.string().min(1).default('openid profile'),
  OIDC_USER_CLAIM: z.string().min(1).default('sub'),
  OIDC_NAME_CLAIM: z.string().min(1).default('name'),
  OIDC_ROLE_CLAIM: z.string().min(1).default('roles'),
  OIDC_COURT_CLAIM: z.string().min(1).default('court'),
  OIDC_ROLE_MAP: z.string().transform((text, ctx) => {
    try {
      return roleMapSchema.parse(JSON.parse(text));
    } catch (err) {
      ctx.addIssue({ code: 'custom', message: `must be a JSON object from the provider's role names to courtrelay roles (${staffRoles.join(', ')}): ${(err as Error).message.slice(0, 200)}` });
      return z.NEVER;
    }
  }).optional(),
  // Audit keys (Ed25519, PEM files; see README "Audit trail"). The writers (worker, API) seal rows
  // with AUDIT_SEAL_KEY_FILE; only the checkpointer reads AUDIT_CHECKPOINT_KEY_FILE; the verifier
  // needs the public keys (comma-separated lists: keep retired keys after a rotation). Unset: the
  // public development keys, which prove nothing.
  AUDIT_SEAL_KEY_FILE: optionalPath,
  AUDIT_SEAL_PUBLIC_KEY_FILES: optionalPath,
  AUDIT_CHECKPOINT_KEY_FILE: optionalPath,
  AUDIT_CHECKPOINT_PUBLIC_KEY_FILES: optionalPath,
  NOTICE_WEBHOOK_URL: z.url().optional(),
  NOTICE_WEBHOOK_SECRET: z.string().min(16).optional(),
  LOG_LEVEL: z.enum(['debug', 'info', 'warn', 'error']).default('info'),
  // Prometheus metrics (README "Operating it"). Each process serves its own /metrics on a port of
  // its own, apart from the API's, so a scraper needs no court identity and the series never pass
  // through the API's authentication; unset ports serve none. METRICS_HOST is where both listen
  // (keep it on the operators' network). METRICS_TOKEN, when set, is the bearer token the API's
  // /metrics asks for (the worker's exporter, the Temporal SDK's own, takes none).
  METRICS_HOST: z.string().min(1).default('127.0.0.1'),
  API_METRICS_PORT: port.optional(),
  WORKER_METRICS_PORT: port.optional(),
  METRICS_TOKEN: z.string().min(32, 'must be at least 32 characters').optional(),
  // How long the API waits for Temporal (a start, an Update, a query) before answering 503 with
  // Retry-After: an Update to a process no worker polls for would otherwise wait for minutes.
  API_TEMPORAL_DEADLINE_MS: z.coerce.number({ error: 'must be milliseconds, 100 to 600000' }).int().min(100).max(600_000).default(10_000),
  // History events after which a process's run continues as new, besides Temporal's own suggestion
  // (workflows/shared/continuation.ts); set on the processes the API starts. Unset: Temporal decides.
  // Small values make every act cross a hand-over (the soak inside `npm test` sets 60).
  WORKFLOW_HISTORY_EVENT_LIMIT: z.coerce.number({ error: 'must be a whole number of history events, 20 to 50000' }).int().min(20).max(50_000).optional(),
}).superRefine((cfg, ctx) => {
  if (!developmentKeyAllowed(cfg)) {
    ctx.addIssue({
      code: 'custom', path: ['JWT_SECRET'],
      message: `开发用密钥不得用于对外服务 (the public development key is refused when ${cfg.NODE_ENV === 'production' ? 'NODE_ENV=production' : `API_HOST=${cfg.API_HOST} is not loopback`}): set JWT_SECRET to a private key of 32+ characters`,
    });
  }
  if (cfg.OIDC_ISSUER && !cfg.OIDC_CLIENT_ID) {
    ctx.addIssue({ code: 'custom', path: ['OIDC_CLIENT_ID'], message: 'OIDC_ISSUER needs OIDC_CLIENT_ID (the console\'s client registered at the identity provider)' });
  }
  for (const problem of oidcSettingProblems(cfg)) ctx.addIssue({ code: 'custom', ...problem });
  if (Boolean(cfg.TEMPORAL_TLS_CERT) !== Boolean(cfg.TEMPORAL_TLS_KEY)) {
    ctx.addIssue({ code: 'custom', path: ['TEMPORAL_TLS_KEY'], message: 'TEMPORAL_TLS_CERT and TEMPORAL_TLS_KEY must be set together (mTLS client certificate)' });
  }
});

export type Config = z.infer<typeof configSchema>;

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`courtrelay: invalid configuration\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

export function parseConfig(env: Record<string, string | undefined>): Config {
  const present = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const result = configSchema.safeParse(present);
  if (result.success) return result.data;
  throw new ConfigError(
    result.error.issues.map((issue) => {
      const name = issue.path.join('.') || '(environment)';
      return `${name}: ${issue.message}${name in present ? ` (got ${JSON.stringify(present[name])})` : ''}`;
    }),
  );
}

let cached: Config | undefined;

/**
 * The process's configuration; exits 78 with the list of bad variables when invalid, or when a
 * process of kind `use` would run on the public development keys where productionLike.
 */
export function loadConfig(use?: KeyUse): Config {
  try {
    cached ??= parseConfig(process.env);
    if (use) requirePrivateKeys(cached, use);
    return cached;
  } catch (err) {
    if (err instanceof ConfigError) {
      console.error(err.message);
      process.exit(78); // EX_CONFIG
    }
    throw err;
  }
}

/** True when courtrelay should run the Temporal dev server itself. */
export function usesEmbeddedTemporal(config: Config): boolean {
  return config.TEMPORAL_ADDRESS === undefined;
}

export function temporalAddress(config: Config): string {
  return config.TEMPORAL_ADDRESS ?? `127.0.0.1:${config.TEMPORAL_DEV_PORT}`;
}

/**
 * OpenID Connect settings that would only fail at the first sign-in (or never, silently): an issuer
 * or redirect URI that is not HTTPS (plain HTTP only on loopback), carries credentials, a query or a
 * fragment (OpenID Connect Discovery §4.1, RFC 6749 §3.1.2); a client id or other OIDC_* setting
 * without OIDC_ISSUER (sign-in would silently stay off); a role map that maps nothing.
 */
function oidcSettingProblems(cfg: Record<string, unknown>): Array<{ path: string[]; message: string }> {
  const problems: Array<{ path: string[]; message: string }> = [];
  const secureUrl = (name: 'OIDC_ISSUER' | 'OIDC_REDIRECT_URI', allowQuery: boolean) => {
    const text = cfg[name];
    if (typeof text !== 'string') return;
    let url: URL;
    try {
      url = new URL(text);
    } catch {
      return; // z.url() has reported it
    }
    const host = url.hostname.replace(/^\[|\]$/g, '');
    if (url.protocol !== 'https:' && !(url.protocol === 'http:' && isLoopbackHost(host))) {
      problems.push({ path: [name], message: `身份认证地址必须使用 HTTPS (must be an https:// URL; plain http:// only on loopback), got ${url.protocol}//${url.host}` });
    }
    if (url.username || url.password) problems.push({ path: [name], message: 'must not carry a user name or password' });
    if (url.hash || (!allowQuery && url.search)) problems.push({ path: [name], message: `must not carry a ${allowQuery ? 'fragment' : 'query or fragment'}` });
  };
  secureUrl('OIDC_ISSUER', false);
  secureUrl('OIDC_REDIRECT_URI', true);
  if (!cfg.OIDC_ISSUER) {
    const orphans = ['OIDC_CLIENT_ID', 'OIDC_CLIENT_SECRET', 'OIDC_AUDIENCE', 'OIDC_REDIRECT_URI', 'OIDC_ROLE_MAP'].filter((n) => cfg[n] !== undefined);
    if (orphans.length) {
      problems.push({ path: ['OIDC_ISSUER'], message: `未配置身份提供方 (${orphans.join(', ')} set without OIDC_ISSUER: sign-in through the court's identity provider would stay off)` });
    }
  }
  if (cfg.OIDC_ROLE_MAP !== undefined && Object.keys(cfg.OIDC_ROLE_MAP as object).length === 0) {
    problems.push({ path: ['OIDC_ROLE_MAP'], message: 'maps no role: every sign-in through the identity provider would be refused' });
  }
  return problems;
}
