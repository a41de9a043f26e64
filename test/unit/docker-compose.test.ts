// Docker does not run on the development machines, so the deployment files are checked by reading
// them against the rest of the project: the images are the pinned Temporal version, the Temporal
// server reads the local cluster's own config file, every port is on loopback unless configured,
// each job waits for what it needs, every COPY source reaches the image, and the entry points
// resolve with production dependencies only. The namespace job's script runs for real against the
// suite's Temporal server.
import { execFile, type ExecFileException } from 'node:child_process';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, normalize, posix, relative, resolve } from 'node:path';
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

  it('pins temporalio/server and admin-tools to the version npm run cluster builds', () => {
    expect(pinnedServerVersion).toMatch(/^\d+\.\d+\.\d+$/);
    expect(services.temporal!.image).toBe(`temporalio/server:${pinnedServerVersion}`);
    expect(services['temporal-schema']!.image).toBe(`temporalio/admin-tools:${pinnedServerVersion}`);
    expect(services['temporal-namespace']!.image).toBe(`temporalio/admin-tools:${pinnedServerVersion}`);
    for (const [name, service] of Object.entries(services)) {
      if (service.image?.startsWith('courtrelay:')) continue;
      expect(service.image, `${name} pins its image`).toMatch(/^[a-z0-9./-]+:v?\d[\w.-]*$/);
    }
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
// The image

const dockerfile = read(services.migrate!.build!.dockerfile);
const copySources = [...dockerfile.matchAll(/^COPY\s+(?!--from)(.+)$/gm)].flatMap((m) => m[1]!.trim().split(/\s+/).slice(0, -1));
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

/** Files under the COPY sources that reach the image (the context minus .dockerignore). */
function inImage(path: string): boolean {
  return copySources.some((source) => path === source || path.startsWith(`${source}/`)) && !excludedFromContext(path);
}

const lock = JSON.parse(read('package-lock.json')) as { packages: Record<string, { dev?: boolean }> };

function packageName(specifier: string): string {
  const parts = specifier.split('/');
  return specifier.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0]!;
}

function resolveLocal(fromFile: string, specifier: string): string | undefined {
  const base = join(dirname(join(projectRoot, fromFile)), specifier);
  const candidates = [base, base.replace(/\.js$/, '.ts'), `${base}.ts`, `${base}.tsx`, join(base, 'index.ts')];
  const found = candidates.find((c) => existsSync(c) && statSync(c).isFile());
  return found && relative(projectRoot, found);
}

/** Every project file an entry point loads, and every package it imports, by TypeScript's own scanner. */
function importGraph(entries: string[]): { files: Set<string>; packages: Set<string>; unresolved: string[] } {
  const files = new Set<string>();
  const packages = new Set<string>();
  const unresolved: string[] = [];
  const queue = [...entries];
  while (queue.length) {
    const file = queue.pop()!;
    if (files.has(file)) continue;
    files.add(file);
    if (!/\.tsx?$/.test(file)) continue;
    for (const { fileName } of ts.preProcessFile(read(file), true, true).importedFiles) {
      if (fileName.startsWith('.')) {
        const target = resolveLocal(file, fileName);
        if (target) queue.push(target);
        else unresolved.push(`${file} → ${fileName}`);
      } else if (!fileName.startsWith('node:') && !builtinModules.includes(fileName)) {
        packages.add(packageName(fileName));
      }
    }
  }
  return { files, packages, unresolved };
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

  it('resolves every entry point the compose services run with what the image holds', () => {
    const entries = courtrelayServices.map((name) => services[name]!.command!.at(-1)!);
    // The worker bundles the workflow code at start from workflows/index.ts.
    entries.push('workflows/index.ts');
    const { files, packages, unresolved } = importGraph(entries);
    expect(unresolved).toEqual([]);
    expect(files.size).toBeGreaterThan(20);
    for (const file of files) expect(inImage(file), `${file} is not in the image`).toBe(true);
    // `node --import tsx` and the worker's bundler are packages too.
    for (const name of [...packages, 'tsx', '@temporalio/worker']) {
      const entry = lock.packages[`node_modules/${name}`];
      expect(entry, `${name} is not in package-lock.json`).toBeDefined();
      expect(entry!.dev, `${name} is a dev dependency: missing after npm ci --omit=dev`).not.toBe(true);
    }
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
