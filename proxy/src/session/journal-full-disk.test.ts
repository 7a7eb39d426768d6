// A journal whose writes fail (a full disk) says so and tries again later, never in a loop of failing writes.
import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { anExchange } from '@oauth-inspector/core/testing/an-exchange.ts';
import { Journal } from './journal.ts';

describe('journal on a full disk', () => {
  // /dev/full answers every write with ENOSPC, as a full disk does.
  it.skipIf(!existsSync('/dev/full'))('reports the failure and waits before the next try', async () => {
    const errors: string[] = [];
    const journal = new Journal('/dev/full', (error) => errors.push((error as NodeJS.ErrnoException).code ?? ''), 5);
    journal.append(anExchange({ url: 'https://x.example/a', seq: 0 }));
    await new Promise((r) => setTimeout(r, 400));
    expect(errors[0]).toBe('ENOSPC');
    // One try, then a pause of a second: a loop would have failed hundreds of times by now.
    expect(errors.length).toBeLessThanOrEqual(2);
    journal.close();
  });
});
