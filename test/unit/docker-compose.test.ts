// Docker does not run on the development machines, so the deployment file is checked by reading:
// the services exist, and what they pass courtrelay is configuration the config module accepts.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { configSchema, parseConfig } from '../../infra/config';
import { projectRoot } from '../../infra/paths';

interface Service {
  image?: string;
  build?: { context: string; dockerfile: string };
  command?: string[];
  environment?: Record<string, string>;
  ports?: string[];
  healthcheck?: { test: string[] };
  depends_on?: Record<string, { condition: string }>;
  volumes?: string[];
}
const compose = parse(readFileSync(join(projectRoot, 'docker-compose.yml'), 'utf8'), { merge: true }) as {
  services: Record<string, Service>;
  volumes: Record<string, unknown>;
};
const courtrelayServices = ['worker', 'api', 'migrate'] as const;
const knownVariables = new Set(Object.keys(configSchema.shape));

function resolvedEnv(service: Service): Record<string, string> {
  // Compose fills ${VAR:?message} from the deployer's environment; stand in a valid value.
  return Object.fromEntries(
    Object.entries(service.environment ?? {}).map(([k, v]) => [k, String(v).replace(/\$\{[^}]+\}/g, 'x'.repeat(40))]),
  );
}

describe('docker-compose.yml', () => {
  it('has PostgreSQL, Temporal on PostgreSQL, the Temporal UI, the worker and the API', () => {
    expect(Object.keys(compose.services).sort()).toEqual(['api', 'migrate', 'postgres', 'temporal', 'temporal-ui', 'worker']);
    expect(compose.services.temporal!.environment!.DB).toBe('postgres12');
    expect(compose.services.temporal!.environment!.POSTGRES_SEEDS).toBe('postgres');
    expect(compose.services['temporal-ui']!.environment!.TEMPORAL_ADDRESS).toBe('temporal:7233');
  });

  it('gives every long-running service a health check and keeps PostgreSQL on a volume', () => {
    for (const name of ['postgres', 'temporal', 'api']) expect(compose.services[name]!.healthcheck?.test.length).toBeGreaterThan(0);
    const volume = compose.services.postgres!.volumes![0]!.split(':')[0]!;
    expect(compose.volumes).toHaveProperty(volume);
  });

  it.each(courtrelayServices)('passes %s only variables the configuration module knows, with valid values', (name) => {
    const env = resolvedEnv(compose.services[name]!);
    for (const key of Object.keys(env)) expect(knownVariables, `${name}: unknown variable ${key}`).toContain(key);
    const config = parseConfig(env);
    expect(config.TEMPORAL_ADDRESS).toBe('temporal:7233');
    expect(new URL(config.DATABASE_URL).hostname).toBe('postgres');
  });

  it('runs each courtrelay process from the project, with existing entry points', () => {
    for (const name of courtrelayServices) {
      const service = compose.services[name]!;
      expect(service.build?.dockerfile).toBe('infra/docker/Dockerfile');
      const entry = service.command!.at(-1)!;
      expect(() => readFileSync(join(projectRoot, entry))).not.toThrow();
    }
  });

  it('publishes the API on the port the API is configured to listen on', () => {
    const api = compose.services.api!;
    const config = parseConfig(resolvedEnv(api));
    expect(config.API_HOST).toBe('0.0.0.0');
    expect(api.ports).toContain(`${config.API_PORT}:${config.API_PORT}`);
    expect(compose.services.temporal!.ports).toContain('7233:7233');
  });

  it('waits for migrations before the worker and the API start', () => {
    for (const name of ['worker', 'api']) {
      expect(compose.services[name]!.depends_on!.migrate!.condition).toBe('service_completed_successfully');
    }
  });
});
