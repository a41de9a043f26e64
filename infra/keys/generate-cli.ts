// `npm run keys [-- --dir .secrets]`: writes the deployment's private keys (infra/keys/generate.ts)
// and prints the variables that point at them.
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { generateKeys, keyFiles } from './generate';

const { values } = parseArgs({ options: { dir: { type: 'string', default: '.secrets' } } });
const dir = resolve(values.dir);
const { written, kept } = generateKeys(dir);
for (const path of written) console.log(`keys: wrote ${path}`);
for (const path of kept) console.log(`keys: kept ${path} (already there; never overwritten)`);
console.log('\nSet these for the worker and the API (docker-compose.yml mounts the same files as secrets):');
for (const [variable, name] of Object.entries(keyFiles)) console.log(`${variable}=${resolve(dir, name)}`);
