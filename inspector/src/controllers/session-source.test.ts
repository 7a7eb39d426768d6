// A journaled session too large for a browser tab is refused with the commands that read it instead.
import { describe, expect, it } from 'vitest';
import { tooLargeToOpen } from './session-source.ts';

const session = (bytes: number) => ({
  id: '20261202T120000-abcdef',
  name: 'Run\u202e 1',
  startedDateTime: '',
  exchanges: 9,
  live: false,
  bytes,
});

describe('tooLargeToOpen', () => {
  it('lets a session up to 256 MiB open, and names the export and analyze commands past it', () => {
    expect(tooLargeToOpen(session(256 * 1024 * 1024))).toBeUndefined();
    const message = tooLargeToOpen(session(300 * 1024 * 1024))!;
    expect(message).toContain('is 300 MiB, too large to open in a browser tab');
    expect(message).toContain('oauth-inspector sessions export 20261202T120000-abcdef -o session.har');
    // A name from the journal is shown without its bidi controls.
    expect(message).not.toContain('\u202e');
  });
});
