import { fileURLToPath } from 'node:url';
import { resolve } from 'node:path';

/** The project's root folder, wherever the process was started from. */
export const projectRoot = resolve(fileURLToPath(new URL('..', import.meta.url)));
export const temporalCliPath = resolve(projectRoot, '.tools/bin/temporal');
