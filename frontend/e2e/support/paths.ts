import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const FRONTEND = dirname(dirname(dirname(fileURLToPath(import.meta.url))));
export const ROOT = dirname(FRONTEND);
/** The committed screenshots of each screen (rewritten by every run). */
export const SHOTS = join(FRONTEND, 'e2e', 'screenshots');
