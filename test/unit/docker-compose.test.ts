// Docker does not run on the development machines, so the deployment files are checked by reading
// them against the rest of the project: every image is the version declared once below, the
// Temporal server reads the local cluster's own config file, every published port is on loopback
// unless configured, every address a container calls names a port that service listens on beyond
// its own loopback, each job waits for what it needs, and — on a model of the image's file system
// built from the Dockerfile (WORKDIR, COPY destinations, .dockerignore, USER) — each command's entry
// point, its imports and the data files it reads at run time are where the running code looks, with
// production dependencies only. The namespace job's script runs for real against the suite's
// Temporal server.
import { execFile, type ExecFileException } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, normalize, posix, relative, resolve } from 'node:path';
import { builtinModules } from 'node:module';
import ts from 'typescript';
import { parse } from 'yaml';
import { describe, expect, inject, it } from 'vitest';
import { configSchema, parseConfig, requirePrivateKeys } from '../../infra/config';
import { keyFiles } from '../../infra/keys/generate';
import { projectRoot, temporalCliPath } from '../../infra/paths';
import { serverConfigDir, serverConfigEnv } from '../../infra/temporal/cluster';

interface Service {
  image?: string;
  build?: { context: string; dockerfile: string };
  pull_policy?: string;
  entrypoint?: string[];
  command?: string[];
  environment?: Record<string, string>;
  ports?: string[];
  healthcheck?: { test: string[] };
  depends_on?: Record<string, { condition: string }>;
  volumes?: string[];
  secrets?: string[];
  restart?: string;
}

const read = (file: string) => readFileSync(join(projectRoot, file), 'utf8');
const composeText = read('docker-compose.yml');
const compose = parse(composeText, { merge: true }) as {
  services: Record<string, Service>; volumes: Record<string, unknown>; secrets: Record<string, { file: string }>;
};
const services = compose.services;
const courtrelayServices = ['migrate', 'worker', 'api'] as const;
const secrets = {
  JWT_SECRET: 'k'.repeat(40), POSTGRES_PASSWORD: 'pw_for_the_test',
  DATABASE_API_PASSWORD: 'api_password_for_the_test', DATABASE_WORKER_PASSWORD: 'worker_password_for_the_test',
};

/** Compose's interpolation: ${VAR}, ${VAR:-default}, ${VAR:?error} (unset or empty counts as missing). */
function interpolate(value: string, env: Record<string, string | undefined>): string {
  return value.replace(/\$\{([A-Z0-9_]+)(?::([-?])([^}]*))?\}/g, (_, name: string, op?: string, arg?: string) => {
    const set = env[name];
    if (set) return set;
    if (op === '?') throw new Error(`compose refuses to start: ${name}: ${arg}`);
    return op === '-' ? arg! : '';
  });
}

function serviceEnv(name: string, env: Record<string, string | undefined> = secrets): Record<string, string> {
  return Object.fromEntries(Object.entries(services[name]!.environment ?? {}).map(([k, v]) => [k, interpolate(String(v), env)]));
}

/** The Go module version install-server.sh builds, e.g. 1.29.1. */
const pinnedServerVersion = /version="v([0-9.]+)"/.exec(read('infra/temporal/install-server.sh'))![1]!;

/**
 * The one place the versions of the images compose pulls are declared; a tag in docker-compose.yml
 * or the Dockerfile must equal its pin here. This test cannot ask a registry whether a tag exists
 * (no network, no Docker engine): it checks only that each image is the declared pin, so a made-up
 * or drifted tag fails, and a new version is a deliberate edit of this table. Temporal's server and
 * admin-tools are the version install-server.sh builds for `npm run cluster`.
 */
const declaredImages: Record<string, string> = {
  postgres: 'postgres:16-alpine',
  'temporal-schema': `temporalio/admin-tools:${pinnedServerVersion}`,
  temporal: `temporalio/server:${pinnedServerVersion}`,
  'temporal-namespace': `temporalio/admin-tools:${pinnedServerVersion}`,
  'temporal-ui': 'temporalio/ui:2.42.1',
  prometheus: 'prom/prometheus:v3.5.0',
  grafana: 'grafana/grafana:12.0.2',
};
const declaredBaseImage = 'node:20-bookworm-slim';

/** The host folder a service mounts at `target`, relative to the project root. */
function hostPathMountedAt(service: Service, target: string): string | undefined {
  const volume = service.volumes?.find((v) => v.split(':')[1] === target);
  return volume && relative(projectRoot, resolve(projectRoot, volume.split(':')[0]!));
}

describe('docker-compose.yml: Temporal in its production shape', () => {
  it('has a schema job, the server, a namespace job, the UI, migrate, worker and API', () => {
    expect(Object.keys(services).sort()).toEqual(
      ['api', 'grafana', 'migrate', 'postgres', 'prometheus', 'temporal', 'temporal-namespace', 'temporal-schema', 'temporal-ui', 'worker'],
    );
    expect(composeText).not.toMatch(/auto-setup/);
  });

  it('pins every image to the version declared once, in declaredImages', () => {
    expect(pinnedServerVersion).toMatch(/^\d+\.\d+\.\d+$/);
    const pulled = Object.fromEntries(Object.entries(services).filter(([, s]) => !s.image?.startsWith('courtrelay:')).map(([name, s]) => [name, s.image]));
    expect(pulled).toEqual(declaredImages);
    expect(/^FROM (\S+)/m.exec(dockerfile)![1], 'the Dockerfile\'s base image').toBe(declaredBaseImage);
    // The suite's own PostgreSQL (test/setup/services.ts) is the major compose runs.
    expect(read('test/setup/services.ts')).toContain(`'${declaredImages.postgres}'`);
  });

  it('runs the Temporal server on the local cluster\'s own config file, mounted read-only', () => {
    const temporal = services.temporal!;
    const args = [...temporal.entrypoint!, ...temporal.command!];
    expect(args[0]).toBe('temporal-server');
    const flag = (name: string) => args[args.indexOf(name) + 1]!;
    const mountTarget = posix.join(flag('--root'), flag('--config'));
    expect(hostPathMountedAt(temporal, mountTarget)).toBe(normalize(serverConfigDir));
    expect(temporal.volumes!.find((v) => v.split(':')[1] === mountTarget)).toMatch(/:ro$/);
    expect(flag('--env')).toBe(serverConfigEnv);
    expect(args.at(-1)).toBe('start'); // every service in the one container
    expect(existsSync(join(projectRoot, serverConfigDir, `${serverConfigEnv}.yaml`))).toBe(true);
    // The dynamic config it names is the one in the mounted folder, as for the local cluster.
    const env = serviceEnv('temporal');
    expect(env.TEMPORAL_DYNAMIC_CONFIG_FILE).toBe(posix.join(mountTarget, 'dynamicconfig.yaml'));
    expect(read(join(serverConfigDir, `${serverConfigEnv}.yaml`))).toContain('"infra/temporal/server/dynamicconfig.yaml"');
  });

  it('passes the Temporal containers only variables their config file and scripts read', () => {
    const template = read(join(serverConfigDir, `${serverConfigEnv}.yaml`));
    const readByTemplate = new Set([...template.matchAll(/env "([A-Z0-9_]+)"/g)].map((m) => m[1]!));
    // TEMPORAL_ALLOW_NO_AUTH is the server binary's own flag (--allow-no-auth).
    for (const name of Object.keys(serviceEnv('temporal'))) {
      expect(readByTemplate.has(name) || name === 'TEMPORAL_ALLOW_NO_AUTH', `temporal: ${name} is read by nothing`).toBe(true);
    }
    for (const [job, script] of [['temporal-schema', 'schema.sh'], ['temporal-namespace', 'namespace.sh']] as const) {
      const scriptText = read(join(serverConfigDir, script));
      for (const name of Object.keys(serviceEnv(job))) expect(scriptText, `${job}: ${name} is read by ${script}`).toContain(`\${${name}`);
      const service = services[job]!;
      const scriptPath = service.command!.at(-1)!;
      expect(hostPathMountedAt(service, posix.dirname(scriptPath))).toBe(normalize(serverConfigDir));
      expect(existsSync(join(projectRoot, serverConfigDir, posix.basename(scriptPath)))).toBe(true);
    }
    // The schema job's schema folder is where admin-tools ships the module's schema.
    expect(serviceEnv('temporal-schema').TEMPORAL_SCHEMA_DIR).toBe('/etc/temporal/schema/postgresql/v12');
  });

  it('points Temporal and courtrelay at the postgres service and its port', () => {
    expect(services.postgres!.environment).not.toHaveProperty('PGPORT');
    const postgresPort = '5432';
    for (const name of ['temporal', 'temporal-schema']) {
      const env = serviceEnv(name);
      expect([env.TEMPORAL_DB_HOST, env.TEMPORAL_DB_PORT, env.TEMPORAL_DB_PASSWORD]).toEqual(['postgres', postgresPort, secrets.POSTGRES_PASSWORD]);
    }
    // Only the migrate job has the owner's login; the worker and the API log in as their own roles
    // (a RESET ROLE cannot hand them more), with the passwords the migrate job sets.
    const logins = { migrate: ['postgres', secrets.POSTGRES_PASSWORD], worker: ['courtrelay_worker', secrets.DATABASE_WORKER_PASSWORD], api: ['courtrelay_api', secrets.DATABASE_API_PASSWORD] };
    for (const name of courtrelayServices) {
      const url = new URL(parseConfig(serviceEnv(name)).DATABASE_URL);
      expect([url.hostname, url.port, url.username, url.password], name).toEqual(['postgres', postgresPort, ...logins[name]]);
    }
    const migrate = parseConfig(serviceEnv('migrate'));
    expect([migrate.DATABASE_API_PASSWORD, migrate.DATABASE_WORKER_PASSWORD]).toEqual([secrets.DATABASE_API_PASSWORD, secrets.DATABASE_WORKER_PASSWORD]);
    expect(() => serviceEnv('migrate', { ...secrets, DATABASE_API_PASSWORD: undefined })).toThrow(/DATABASE_API_PASSWORD/);
    expect(services.postgres!.healthcheck!.test.join(' ')).toContain(`-p ${postgresPort}`);
  });

  it('gives the namespace job the retention the rest of courtrelay uses', () => {
    const defaultRetention = String(configSchema.shape.TEMPORAL_RETENTION_DAYS.parse(undefined));
    expect(serviceEnv('temporal-namespace').TEMPORAL_RETENTION_DAYS).toBe(defaultRetention);
    for (const name of courtrelayServices) expect(serviceEnv(name).TEMPORAL_RETENTION_DAYS).toBe(defaultRetention);
    const custom = { ...secrets, TEMPORAL_RETENTION_DAYS: '7300' };
    expect(serviceEnv('temporal-namespace', custom).TEMPORAL_RETENTION_DAYS).toBe('7300');
  });

  it('checks health with real probes of the right ports', () => {
    const probes: Record<string, RegExp> = {
      postgres: /pg_isready .*-p 5432/,
      temporal: /\b7233\b/, // the frontend's gRPC port in courtrelay.yaml with no port offset
      api: /127\.0\.0\.1:3000\/healthz/,
    };
    for (const [name, probe] of Object.entries(probes)) {
      const test = services[name]!.healthcheck!.test;
      expect(['CMD', 'CMD-SHELL']).toContain(test[0]);
      expect(test.slice(1).join(' '), name).toMatch(probe);
      expect(test.slice(1).join(' ')).not.toMatch(/^(true|false|exit \d)$/);
    }
    expect(read(join(serverConfigDir, `${serverConfigEnv}.yaml`))).toMatch(/grpcPort: \{\{ add 7233 \$offset \}\}/);
    expect(parseConfig(serviceEnv('api')).API_PORT).toBe(3000);
  });

  it('starts each service after what it needs; one-shot jobs are waited for and retried', () => {
    const order: Record<string, Record<string, string>> = {
      'temporal-schema': { postgres: 'service_healthy' },
      temporal: { 'temporal-schema': 'service_completed_successfully' },
      'temporal-namespace': { temporal: 'service_healthy' },
      'temporal-ui': { 'temporal-namespace': 'service_completed_successfully' },
      migrate: { postgres: 'service_healthy', 'temporal-namespace': 'service_completed_successfully' },
      worker: { migrate: 'service_completed_successfully' },
      api: { migrate: 'service_completed_successfully' },
    };
    for (const [name, needs] of Object.entries(order)) {
      const conditions = Object.fromEntries(Object.entries(services[name]!.depends_on ?? {}).map(([k, v]) => [k, v.condition]));
      expect(conditions, name).toEqual(needs);
      for (const [target, condition] of Object.entries(needs)) {
        if (condition === 'service_healthy') expect(services[target]!.healthcheck, `${target} has a health check`).toBeDefined();
        // A job others wait to complete must end: restarted only when it fails.
        if (condition === 'service_completed_successfully') expect(services[target]!.restart, target).toMatch(/^on-failure(:\d+)?$/);
      }
    }
    for (const name of ['postgres', 'temporal', 'temporal-ui', 'worker', 'api']) expect(services[name]!.restart).toBe('unless-stopped');
  });

  it('publishes every port on 127.0.0.1 unless COURTRELAY_PUBLISH_ADDRESS says otherwise', () => {
    const published = Object.entries(services).flatMap(([name, s]) => (s.ports ?? []).map((p) => [name, p] as const));
    expect(published.map(([name]) => name).sort()).toEqual(['api', 'grafana', 'prometheus', 'temporal', 'temporal-ui']);
    for (const [name, port] of published) {
      expect(interpolate(port, {}), name).toMatch(/^127\.0\.0\.1:\d+:\d+$/);
      expect(interpolate(port, { COURTRELAY_PUBLISH_ADDRESS: '0.0.0.0' }), name).toMatch(/^0\.0\.0\.0:/);
    }
    expect(interpolate(services.api!.ports![0]!, {})).toBe('127.0.0.1:3000:3000');
    expect(interpolate(services.temporal!.ports![0]!, {})).toBe('127.0.0.1:7233:7233');
  });

  it('refuses to start without the secrets, and .env.example names every variable it reads', () => {
    expect(() => serviceEnv('api', { POSTGRES_PASSWORD: 'x' })).toThrow(/JWT_SECRET/);
    expect(() => serviceEnv('postgres', { JWT_SECRET: 'x' })).toThrow(/POSTGRES_PASSWORD/);
    const example = read('.env.example');
    const listed = new Set([...example.matchAll(/^([A-Z0-9_]+)=/gm)].map((m) => m[1]!));
    const used = new Set([...composeText.matchAll(/\$\{([A-Z0-9_]+)/g)].map((m) => m[1]!));
    expect([...used].filter((name) => !listed.has(name))).toEqual([]);
    expect(readFileSync(join(projectRoot, '.gitignore'), 'utf8').split('\n')).toContain('.env');
  });

  it.each(['worker', 'api'])('gives the %s private keys (the files npm run keys writes, mounted as secrets), never the development ones', (name) => {
    const env = serviceEnv(name);
    expect(() => requirePrivateKeys(parseConfig(env), 'writer')).not.toThrow();
    const keyVariables = Object.entries(env).filter(([k]) => k in keyFiles);
    expect(keyVariables.map(([k]) => k).sort()).toEqual(['AUDIT_SEAL_KEY_FILE', 'AUDIT_SEAL_PUBLIC_KEY_FILES', 'TEMPORAL_PAYLOAD_KEYS_FILE']);
    for (const [variable, path] of keyVariables) {
      const secret = /^\/run\/secrets\/([a-z-]+)$/.exec(path)?.[1];
      expect(services[name]!.secrets, `${name}: ${variable}=${path} is not a mounted secret`).toContain(secret);
      expect(compose.secrets[secret!]!.file).toBe(`./.secrets/${keyFiles[variable as keyof typeof keyFiles]}`);
    }
    expect(readFileSync(join(projectRoot, '.gitignore'), 'utf8').split('\n')).toContain('.secrets/');
  });

  it.each(courtrelayServices)('passes %s only variables the configuration module knows, with valid values', (name) => {
    const env = serviceEnv(name);
    for (const key of Object.keys(env)) expect(Object.keys(configSchema.shape), `${name}: unknown variable ${key}`).toContain(key);
    const config = parseConfig(env);
    expect(config.TEMPORAL_ADDRESS).toBe('temporal:7233');
    expect(config.NODE_ENV).toBe('production');
  });

  it('runs Prometheus and Grafana only in the observability profile, on infra/observability, scraping the metrics ports the worker and API serve', () => {
    for (const name of ['prometheus', 'grafana']) {
      expect((services[name] as Service & { profiles?: string[] }).profiles, name).toEqual(['observability']);
      for (const volume of services[name]!.volumes!.filter((v) => v.startsWith('./'))) {
        expect(existsSync(join(projectRoot, volume.split(':')[0]!)), `${name} mounts ${volume}`).toBe(true);
        expect(volume, `${name} mounts ${volume} read-only`).toMatch(/:ro$/);
      }
    }
    for (const name of courtrelayServices) expect((services[name] as Service & { profiles?: string[] }).profiles, name).toBeUndefined();
    const scrape = parse(read('infra/observability/prometheus.yml')) as { rule_files: string[]; scrape_configs: Array<{ job_name: string; dns_sd_configs: Array<{ names: string[]; port: number }> }> };
    const target = (job: string) => scrape.scrape_configs.find((c) => c.job_name === job)!.dns_sd_configs[0]!;
    const api = parseConfig(serviceEnv('api'));
    const worker = parseConfig(serviceEnv('worker'));
    expect(target('courtrelay-api')).toEqual({ names: ['api'], type: 'A', port: api.API_METRICS_PORT });
    expect(target('courtrelay-worker')).toEqual({ names: ['worker'], type: 'A', port: worker.WORKER_METRICS_PORT });
    expect(api.METRICS_HOST).toBe('0.0.0.0');
    expect(scrape.rule_files).toEqual(['/etc/prometheus/alerts.yml']);
    expect(services.prometheus!.volumes).toContain('./infra/observability/alerts.yml:/etc/prometheus/alerts.yml:ro');
    // The metrics ports stay inside compose's network: only Prometheus reads them.
    for (const name of courtrelayServices) for (const port of services[name]!.ports ?? []) expect(port).not.toMatch(/946[45]/);
    expect(worker.WORKER_MAX_CACHED_WORKFLOWS).toBe(250);
  });

  it('runs migrate, worker and API from one named image, built once', () => {
    const images = new Set(courtrelayServices.map((name) => interpolate(services[name]!.image!, {})));
    expect([...images]).toEqual(['courtrelay:local']);
    const built = courtrelayServices.filter((name) => services[name]!.build);
    expect(built).toEqual(['migrate']);
    expect(services.migrate!.build!.dockerfile).toBe('infra/docker/Dockerfile');
    for (const name of ['worker', 'api']) expect(services[name]!.pull_policy).toBe('never');
  });
});

// ---------------------------------------------------------------------------------------------
// Who listens where, and who calls whom

const temporalTemplate = read(join(serverConfigDir, `${serverConfigEnv}.yaml`));

/** A value of the server's config template: `env "NAME" | default "X"` under the container's environment. */
function templateEnv(env: Record<string, string>, name: string): string {
  const fallback = new RegExp(`env "${name}" \\| default "([^"]*)"`).exec(temporalTemplate)?.[1];
  return env[name] || fallback || '';
}

interface Listener { host: string; port: number; what: string }

/**
 * Where each service listens inside its container, from its own configuration: courtrelay.yaml for
 * the Temporal frontend (bindOnIP and grpcPort with TEMPORAL_PORT_OFFSET), courtrelay's configuration
 * module for the API and the metrics, and the images' documented defaults for the rest (all
 * addresses), shifted by the variables that would move them.
 */
function listeners(name: string): Listener[] {
  const env = serviceEnv(name);
  switch (name) {
    case 'postgres': return [{ host: '0.0.0.0', port: Number(env.PGPORT ?? 5432), what: 'PostgreSQL' }];
    case 'temporal': {
      const frontend = /\n {2}frontend:\n {4}rpc:\n {6}grpcPort: \{\{ add (\d+) \$offset \}\}/.exec(temporalTemplate)![1]!;
      expect(temporalTemplate).toMatch(/\$bindIP := env "TEMPORAL_BIND_IP"/);
      return [{ host: templateEnv(env, 'TEMPORAL_BIND_IP'), port: Number(frontend) + Number(templateEnv(env, 'TEMPORAL_PORT_OFFSET')), what: 'frontend gRPC' }];
    }
    case 'temporal-ui': return [{ host: env.TEMPORAL_UI_IP ?? '0.0.0.0', port: Number(env.TEMPORAL_UI_PORT ?? 8080), what: 'Web UI' }];
    case 'prometheus': return [{ host: '0.0.0.0', port: 9090, what: 'Prometheus' }];
    case 'grafana': return [{ host: env.GF_SERVER_HTTP_ADDR || '0.0.0.0', port: Number(env.GF_SERVER_HTTP_PORT ?? 3000), what: 'Grafana' }];
    case 'api': {
      const config = parseConfig(env);
      return [{ host: config.API_HOST, port: config.API_PORT, what: 'API' }, { host: config.METRICS_HOST, port: config.API_METRICS_PORT!, what: '/metrics' }];
    }
    case 'worker': {
      const config = parseConfig(env);
      return [{ host: config.METRICS_HOST, port: config.WORKER_METRICS_PORT!, what: '/metrics' }];
    }
    default: return [];
  }
}

const loopback = (host: string) => /^(127\.|localhost$|::1$|\[::1\]$)/.test(host);

/** Every address one container uses to reach another (or the host's published port), as [from, service, port, what]. */
function callsBetweenServices(): Array<[string, string, number, string]> {
  const calls: Array<[string, string, number, string]> = [];
  for (const name of Object.keys(services)) {
    const env = serviceEnv(name);
    if (env.TEMPORAL_ADDRESS) {
      const [host, port] = env.TEMPORAL_ADDRESS.split(':');
      calls.push([name, host!, Number(port), 'frontend gRPC']);
    }
    if (env.TEMPORAL_DB_HOST) calls.push([name, env.TEMPORAL_DB_HOST, Number(env.TEMPORAL_DB_PORT), 'PostgreSQL']);
    if (env.DATABASE_URL) {
      const url = new URL(env.DATABASE_URL);
      calls.push([name, url.hostname, Number(url.port || 5432), 'PostgreSQL']);
    }
    for (const port of services[name]!.ports ?? []) calls.push(['published', name, Number(interpolate(port, {}).split(':').at(-1)), '']);
  }
  const scrape = parse(read('infra/observability/prometheus.yml')) as { scrape_configs: Array<{ dns_sd_configs: Array<{ names: string[]; port: number }> }> };
  for (const target of scrape.scrape_configs.flatMap((c) => c.dns_sd_configs)) for (const host of target.names) calls.push(['prometheus', host, target.port, '/metrics']);
  const datasource = /url: (\S+)/.exec(read('infra/observability/grafana/provisioning/datasources/prometheus.yml'))![1]!;
  calls.push(['grafana', new URL(datasource).hostname, Number(new URL(datasource).port), 'Prometheus']);
  return calls;
}

describe('docker-compose.yml: every service others reach listens where they call it', () => {
  it('finds every call between containers and every published port', () => {
    const calls = callsBetweenServices().map(([from, to, port]) => `${from}→${to}:${port}`);
    expect(calls).toEqual(expect.arrayContaining([
      'temporal-ui→temporal:7233', 'temporal-namespace→temporal:7233', 'api→temporal:7233', 'worker→temporal:7233', 'migrate→temporal:7233',
      'temporal→postgres:5432', 'temporal-schema→postgres:5432', 'api→postgres:5432', 'worker→postgres:5432', 'migrate→postgres:5432',
      'published→api:3000', 'published→temporal:7233', 'published→temporal-ui:8080', 'prometheus→api:9464', 'prometheus→worker:9465', 'grafana→prometheus:9090',
    ]));
  });

  it.each(callsBetweenServices())('%s → %s:%i %s: a listener beyond that container\'s loopback', (from, to, port, what) => {
    expect(Object.keys(services), `${from} calls ${to}, which is no service`).toContain(to);
    const open = listeners(to);
    // A client of Temporal must reach the frontend, not another of the server's ports.
    const onPort = open.filter((l) => l.port === port && (!what || l.what === what));
    expect(onPort.map((l) => `${l.what} ${l.port}`), `${from} calls ${to}:${port}${what ? ` (${what})` : ''}; ${to} listens on ${open.map((l) => `${l.what} ${l.host}:${l.port}`).join(', ')}`).not.toEqual([]);
    // Loopback inside a container is that container alone: other containers and Docker's port
    // publishing reach only a listener on all addresses (or the container's own).
    for (const l of onPort) expect(loopback(l.host), `${to} listens for ${l.what} on ${l.host}:${l.port}: unreachable from ${from}`).toBe(false);
  });
});

// ---------------------------------------------------------------------------------------------
// The image

const dockerfile = read(services.migrate!.build!.dockerfile);
const copySources = [...dockerfile.matchAll(/^COPY\s+(?!--from)(.+)$/gm)].flatMap((m) => m[1]!.trim().split(/\s+/).filter((a) => !a.startsWith('--')).slice(0, -1));
const ignorePatterns = read('.dockerignore').split('\n').map((l) => l.trim()).filter((l) => l && !l.startsWith('#'));

function globRegExp(glob: string): RegExp {
  const body = glob.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*\*\/?/g, '\0').replace(/\*/g, '[^/]*').replace(/\?/g, '[^/]').replace(/\0/g, '(.*/)?');
  return new RegExp(`^${body}$`);
}

/** Docker's rule: the last pattern matching the path or one of its parent folders decides. */
function excludedFromContext(path: string): boolean {
  const parts = path.split('/');
  const candidates = parts.map((_, i) => parts.slice(0, i + 1).join('/'));
  let excluded = false;
  for (const raw of ignorePatterns) {
    const negated = raw.startsWith('!');
    const pattern = globRegExp(negated ? raw.slice(1) : raw);
    if (candidates.some((c) => pattern.test(c))) excluded = !negated;
  }
  return excluded;
}

/** Every file under a repository path (a file or a folder), relative to the project root. */
function repoFiles(path: string): string[] {
  const full = join(projectRoot, path);
  if (!existsSync(full)) return [];
  if (!statSync(full).isDirectory()) return [path];
  return readdirSync(full).flatMap((name) => (name === 'node_modules' ? [] : repoFiles(posix.join(path, name))));
}

/**
 * The image's file system as the Dockerfile builds it: each COPY lands at its destination resolved
 * against the WORKDIR of that moment (a folder's contents into the destination, a file into a
 * destination ending in "/" or ".", else onto it), minus what .dockerignore keeps out of the context;
 * `npm ci` installs node_modules in the WORKDIR of its RUN. The image runs in the last WORKDIR as the
 * last USER.
 */
function imageModel(text: string) {
  const files = new Map<string, string>(); // absolute path in the image → repository path
  let workdir = '/';
  let user = 'root';
  let nodeModules: string | undefined;
  for (const [, instruction, rest] of text.matchAll(/^([A-Z]+)\s+(.+)$/gm)) {
    const args = rest!.trim().split(/\s+/).filter((a) => !a.startsWith('--'));
    if (instruction === 'WORKDIR') workdir = posix.resolve(workdir, args[0]!);
    else if (instruction === 'USER') user = args[0]!;
    else if (instruction === 'RUN' && /\bnpm ci\b/.test(rest!)) nodeModules = posix.join(workdir, 'node_modules');
    else if (instruction === 'COPY' && !/--from/.test(rest!)) {
      const destination = args.at(-1)!;
      const target = posix.resolve(workdir, destination);
      for (const source of args.slice(0, -1)) {
        const isFolder = statSync(join(projectRoot, source)).isDirectory();
        for (const file of repoFiles(source)) {
          if (excludedFromContext(file)) continue;
          const at = isFolder ? posix.join(target, posix.relative(source, file))
            : /(\/|^\.)$/.test(destination) ? posix.join(target, posix.basename(file)) : target;
          files.set(at, file);
        }
      }
    }
  }
  return { files, workdir, user, nodeModules };
}

const image = imageModel(dockerfile);

const lock = JSON.parse(read('package-lock.json')) as { packages: Record<string, { dev?: boolean }> };

function packageName(specifier: string): string {
  const parts = specifier.split('/');
  return specifier.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0]!;
}

/** An import specifier as tsx resolves it in the image (a .js specifier may name a .ts file). */
function resolveInImage(fromFile: string, specifier: string): string | undefined {
  const base = posix.join(posix.dirname(fromFile), specifier);
  return [base, base.replace(/\.js$/, '.ts'), `${base}.ts`, `${base}.tsx`, posix.join(base, 'index.ts')].find((c) => image.files.has(c));
}

/**
 * A non-TS path the code resolves at run time from its own location — `new URL('<path>',
 * import.meta.url)`, as infra/paths.ts, infra/db/database.ts (the migrations), infra/calendar/load.ts
 * and the document templates do. A template literal's `${…}` part stands for any name: its folder is
 * read for files ending as the literal does.
 */
interface RuntimeRead { from: string; path: string; suffix?: string }

function runtimeReads(file: string, text: string): RuntimeRead[] {
  return [...text.matchAll(/new URL\(\s*(['`])([^'`]+)\1\s*,\s*import\.meta\.url\s*\)/g)].map(([, , literal]) => {
    const hole = literal!.indexOf('${');
    if (hole < 0) return { from: file, path: posix.join(posix.dirname(file), literal!).replace(/(.)\/$/, '$1') };
    const folder = literal!.slice(0, literal!.lastIndexOf('/', hole) + 1);
    return { from: file, path: posix.join(posix.dirname(file), folder).replace(/(.)\/$/, '$1'), suffix: literal!.slice(literal!.lastIndexOf('}') + 1) };
  });
}

/**
 * Every image file an entry point loads (paths in the image), every package it imports, and every
 * non-TS path it reads at run time. A relative import or a runtime-resolved .ts file (the worker's
 * workflow bundle) missing from the image lands in `unresolved`.
 */
function importGraph(entries: string[]) {
  const files = new Set<string>();
  const packages = new Set<string>();
  const unresolved: string[] = [];
  const reads: RuntimeRead[] = [];
  const queue = entries.filter((entry) => image.files.has(entry) || !unresolved.push(`${entry} (entry point)`));
  while (queue.length) {
    const file = queue.pop()!;
    if (files.has(file)) continue;
    files.add(file);
    if (!/\.tsx?$/.test(file)) continue;
    const text = read(image.files.get(file)!);
    for (const { fileName } of ts.preProcessFile(text, true, true).importedFiles) {
      if (fileName.startsWith('.')) {
        const target = resolveInImage(file, fileName);
        if (target) queue.push(target);
        else unresolved.push(`${file} → ${fileName}`);
      } else if (!fileName.startsWith('node:') && !builtinModules.includes(fileName)) {
        packages.add(packageName(fileName));
      }
    }
    for (const found of runtimeReads(file, text)) {
      if (!/\.tsx?$/.test(found.path)) reads.push(found);
      else if (image.files.has(found.path)) queue.push(found.path);
      else unresolved.push(`${file} → ${found.path} (read at run time)`);
    }
  }
  return { files, packages, unresolved, reads };
}

/** The image path where a repository path lands, if it does. */
function imagePathOf(repoPath: string): string | undefined {
  for (const [at, file] of image.files) if (file === repoPath) return at;
  return undefined;
}

/** Where each courtrelay service runs, and the file its command starts. */
function entryPoint(name: string): { cwd: string; entry: string } {
  const service = services[name] as Service & { working_dir?: string };
  const cwd = service.working_dir ?? image.workdir;
  return { cwd, entry: posix.resolve(cwd, service.command!.at(-1)!) };
}

describe('infra/docker/Dockerfile and .dockerignore', () => {
  it('copies sources that exist and that .dockerignore lets into the context', () => {
    expect(copySources).toEqual(expect.arrayContaining(['package.json', 'package-lock.json', 'workflows', 'activities', 'api', 'infra']));
    for (const source of copySources) {
      expect(existsSync(join(projectRoot, source)), `COPY ${source}`).toBe(true);
      expect(excludedFromContext(source), `.dockerignore drops COPY ${source}`).toBe(false);
    }
    for (const kept of ['node_modules', '.tools', '.data', '.git', '.env', '.secrets', 'test', 'test-artifacts']) {
      expect(excludedFromContext(kept), `${kept} stays out of the context`).toBe(true);
    }
  });

  it('installs production dependencies only, on the Node version package.json asks for', () => {
    expect(dockerfile).toMatch(/npm ci --omit=dev/);
    const node = /^FROM node:(\d+)/m.exec(dockerfile)![1]!;
    const wanted = /(\d+)/.exec((JSON.parse(read('package.json')) as { engines: { node: string } }).engines.node)![1]!;
    expect(Number(node)).toBeGreaterThanOrEqual(Number(wanted));
  });

  it('runs as the unprivileged node user, in the folder the app was copied to', () => {
    // Not root: a hole in the API or a dependency would otherwise own the container. The node image's
    // "node" user (uid 1000) is the one the mounted secrets must be readable by (see docker-compose.yml).
    expect(image.user).toBe('node');
    expect(imagePathOf('package.json')).toBe(posix.join(image.workdir, 'package.json'));
    expect(image.nodeModules).toBe(posix.join(image.workdir, 'node_modules'));
  });

  it.each(courtrelayServices)('finds the %s entry point, everything it imports and every file it reads at run time where the running code looks', (name) => {
    const { cwd, entry } = entryPoint(name);
    expect(image.files.get(entry), `${name}: ${entry} (command run in ${cwd}) is not in the image`).toBeDefined();
    const { files, packages, unresolved, reads } = importGraph([entry]);
    expect(unresolved).toEqual([]);
    expect(files.size).toBeGreaterThan(20);
    // `node --import tsx` resolves tsx from the working folder; every loaded file finds node_modules above it.
    for (const file of [posix.join(cwd, 'x'), ...files]) {
      expect(image.nodeModules && file.startsWith(posix.dirname(image.nodeModules) + '/'), `${file} cannot reach ${image.nodeModules}`).toBe(true);
    }
    // `node --import tsx` and the worker's bundler are packages too.
    for (const pkg of [...packages, 'tsx', '@temporalio/worker']) {
      const entryInLock = lock.packages[`node_modules/${pkg}`];
      expect(entryInLock, `${pkg} is not in package-lock.json`).toBeDefined();
      expect(entryInLock!.dev, `${pkg} is a dev dependency: missing after npm ci --omit=dev`).not.toBe(true);
    }
    // A runtime read finds in the image what the repository holds there: a named file, or the data
    // files of a folder (those ending as the code asks, or every non-TS file the folder holds).
    for (const { from, path, suffix } of reads) {
      if (image.files.has(path)) continue;
      const repoPath = posix.join(posix.dirname(image.files.get(from)!), posix.relative(posix.dirname(from), path));
      // The project root itself (infra/paths.ts): the code reads below it by name, checked above.
      if (path === posix.dirname(image.nodeModules!)) continue;
      const wanted = existsSync(join(projectRoot, repoPath)) && statSync(join(projectRoot, repoPath)).isDirectory()
        ? readdirSync(join(projectRoot, repoPath)).filter((f) => (suffix ? f.endsWith(suffix) : !/\.tsx?$/.test(f)) && statSync(join(projectRoot, repoPath, f)).isFile())
        : [];
      expect(wanted.length, `${from} reads ${path}, which holds no data files in the repository (${repoPath})`).toBeGreaterThan(0);
      for (const f of wanted) expect(image.files.has(posix.join(path, f)), `${from} reads ${posix.join(path, f)}: not in the image`).toBe(true);
    }
    if (name === 'migrate') expect(reads.map((r) => r.path)).toEqual(expect.arrayContaining([posix.join(image.workdir, 'infra/db/migrations')]));
    if (name === 'worker') {
      expect(files).toContain(posix.join(image.workdir, 'workflows/index.ts'));
      expect(reads.map((r) => r.path)).toEqual(expect.arrayContaining([posix.join(image.workdir, 'activities/documents/templates')]));
    }
  });

  it('finds the runtime data every service reads: migrations, holiday calendars, court registry, document templates', () => {
    const reads = importGraph(courtrelayServices.map((name) => entryPoint(name).entry)).reads.map((r) => r.path);
    for (const folder of ['infra/db/migrations', 'infra/calendar', 'activities/documents/templates']) {
      expect(reads, folder).toContain(posix.join(image.workdir, folder));
    }
    // The court registry is a migration (infra/courts/generate-registry.ts writes it); the statute
    // profiles ship as TypeScript (workflows/clock/statute-profile.ts), so the import graph covers them.
    expect(image.files.get(posix.join(image.workdir, 'infra/db/migrations/121_court_registry.sql'))).toBe('infra/db/migrations/121_court_registry.sql');
  });
});

describe('the namespace job (infra/temporal/server/namespace.sh)', () => {
  const script = join(projectRoot, serverConfigDir, 'namespace.sh');
  // Asynchronous, so a slow server does not stall the test worker.
  const run = (namespace: string, days: string) => new Promise<{ status: number; stdout: string; stderr: string }>((done) => {
    execFile('sh', [script], {
      encoding: 'utf8',
      timeout: 90_000,
      env: {
        PATH: process.env.PATH, HOME: process.env.HOME, TEMPORAL_CLI: temporalCliPath, TEMPORAL_ADDRESS: inject('temporalAddress'),
        TEMPORAL_NAMESPACE: namespace, TEMPORAL_RETENTION_DAYS: days,
      },
    }, (err: ExecFileException | null, stdout, stderr) => done({ status: err ? Number(err.code ?? 1) : 0, stdout, stderr }));
  });
  const retentionSeconds = (namespace: string) => new Promise<string>((done, fail) => {
    execFile(temporalCliPath, ['operator', 'namespace', 'describe', '-n', namespace, '--address', inject('temporalAddress'), '-o', 'json'],
      { encoding: 'utf8', timeout: 30_000 }, (err, stdout) => {
        if (err) fail(err);
        else done((JSON.parse(stdout) as { config: { workflowExecutionRetentionTtl: string } }).config.workflowExecutionRetentionTtl);
      });
  });

  it('creates the namespace with the retention, leaves it alone on a second run, and refuses a bad value', async () => {
    const namespace = `compose_job_${inject('runId')}`;
    const first = await run(namespace, '3650');
    expect(first.stdout + first.stderr).toContain(`${namespace} created, retention 3650 days`);
    expect(await retentionSeconds(namespace)).toBe('315360000s');
    const second = await run(namespace, '3650');
    expect(second.status).toBe(0);
    expect(second.stdout).toContain('unchanged');
    // Out of the configuration's range (1–36500) as well as not a number: refused before any change.
    for (const value of ['十年', '0', '000', '36501', '99999999999999999999']) {
      const bad = await run(namespace, value);
      expect(bad.status, value).toBe(64);
      expect(bad.stderr, value).toContain('from 1 to 36500');
    }
    expect(await retentionSeconds(namespace)).toBe('315360000s');
  });
});
