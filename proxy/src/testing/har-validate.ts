// Test helper: validates a HAR document with har-validator (the HAR 1.2 JSON schema).
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const validator = require('har-validator') as { har(data: unknown): Promise<unknown> };

/** Resolves when valid; rejects with the schema errors otherwise. */
export async function validateHar(data: unknown): Promise<void> {
  try {
    await validator.har(data);
  } catch (err) {
    const e = err as { errors?: unknown };
    throw new Error(`invalid HAR: ${JSON.stringify(e.errors ?? err).slice(0, 2000)}`);
  }
}
