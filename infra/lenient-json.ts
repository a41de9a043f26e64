// Files handed in by administrators (holiday calendars, a court's statute profile) are read as
// leniently as the API reads request bodies: a UTF-8 byte-order mark, surrounding whitespace and
// Windows line ends (CRLF) are accepted, since editors on court PCs add them; anything else that
// is not JSON is refused with the parser's reason.
import { readFile } from 'node:fs/promises';
import { readFileSync } from 'node:fs';

export class JsonFileError extends Error {
  constructor(readonly file: string, reason: string) {
    super(`${file}: 不是合法的 JSON 文件 (not a JSON file: ${reason})`);
    this.name = 'JsonFileError';
  }
}

/** Parses JSON text after dropping a byte-order mark and surrounding whitespace (CRLF is whitespace to JSON). */
export function parseLenientJson(file: string, text: string): unknown {
  const body = text.replace(/^\uFEFF/, '').trim();
  if (body === '') throw new JsonFileError(file, 'the file is empty');
  try {
    return JSON.parse(body);
  } catch (error) {
    throw new JsonFileError(file, (error as Error).message);
  }
}

export async function readLenientJson(file: string): Promise<unknown> {
  return parseLenientJson(file, await readFile(file, 'utf8'));
}

export function readLenientJsonSync(file: string): unknown {
  return parseLenientJson(file, readFileSync(file, 'utf8'));
}
