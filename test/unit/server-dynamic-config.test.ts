// The dev server (tests, `npm start`) and the production-shaped cluster and docker-compose run with
// the same server settings: a setting only one of them had would make the tests prove something
// about a server no court runs.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { projectRoot } from '../../infra/paths';
import { courtrelayDynamicConfig } from '../../infra/temporal/dev-server';

describe('server dynamic config', () => {
  it('gives the dev server every value the cluster file sets globally, and the file every value the dev server gets', () => {
    const file = parse(readFileSync(join(projectRoot, 'infra/temporal/server/dynamicconfig.yaml'), 'utf8')) as Record<string, Array<{ value: unknown; constraints: object }>>;
    // limit.maxIDLength only raises the cluster's 255-character default toward the dev server's own.
    const global = Object.fromEntries(Object.entries(file)
      .filter(([key, values]) => values.length === 1 && Object.keys(values[0]!.constraints).length === 0 && key !== 'limit.maxIDLength')
      .map(([key, values]) => [key, values[0]!.value]));
    expect(global).toEqual(courtrelayDynamicConfig);
    expect(courtrelayDynamicConfig['system.enableActivityEagerExecution']).toBe(true);
  });
});
