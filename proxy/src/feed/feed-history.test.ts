// Tests for the feed on a real HTTP server: the Host check of the upgrade, and the history window sent in fragments.
import { describe, expect, it } from 'vitest';
import { anExchange } from '@oauth-inspector/core/testing/an-exchange.ts';
import { bareFeed, refusedStatus } from './feed-test-helpers.ts';

function line(seq: number, bodyBytes = 10): Buffer {
  return Buffer.from(
    JSON.stringify(
      anExchange({
        url: `https://x.example/${seq}`,
        seq,
        responseBody: { mimeType: 'text/plain', text: 'x'.repeat(bodyBytes) },
      }),
    ),
  );
}

describe('feed Host check', () => {
  it('refuses an upgrade whose Host is not allowed with 421, before the token and Origin are looked at', async () => {
    const hosts = new Set<string>();
    const bare = await bareFeed({ allowedHosts: hosts });
    // Filled once listening, as the inspector server does: the feed reads the set at each upgrade.
    hosts.add(`127.0.0.1:${bare.port}`);
    const { socket, messages } = await bare.connect(2);
    expect(messages[0]?.type).toBe('hello');
    socket.close();
    const rebound = { headers: { Host: `attacker.example:${bare.port}` } };
    expect(await refusedStatus(bare.url, { origin: 'http://localhost:1', ...rebound })).toBe(421);
    expect(await refusedStatus(`ws://127.0.0.1:${bare.port}/feed`, { origin: 'http://evil.example', ...rebound })).toBe(
      421,
    );
    // Case does not matter in a host name (RFC 9110 §4.2.3).
    hosts.add(`localhost:${bare.port}`);
    const upper = await bare.connect(1, { Host: `LOCALHOST:${bare.port}` });
    upper.socket.close();
    await bare.close();
  });

  it('checks no Host when no set is given (the token and Origin still apply)', async () => {
    const bare = await bareFeed();
    const { socket } = await bare.connect(1, { Host: 'anything.example' });
    socket.close();
    expect(
      await refusedStatus(`ws://127.0.0.1:${bare.port}/feed`, {
        origin: 'http://localhost:1',
        headers: { Host: 'anything.example' },
      }),
    ).toBe(401);
    await bare.close();
  });
});

describe('feed history window', () => {
  it('sends the window as one history message, large lines included, and says how many exchanges it left out', async () => {
    const lines = [line(7), line(8, 700 * 1024), ...Array.from({ length: 300 }, (_, i) => line(9 + i, 2000))];
    const bare = await bareFeed({ history: () => ({ lines, total: 1000 }) });
    const { messages, socket } = await bare.connect(3);
    expect(messages.map((m) => m.type)).toEqual(['hello', 'notice', 'history']);
    expect(messages[1]).toMatchObject({
      level: 'info',
      code: 'history-window',
      message: expect.stringContaining('last 302 of 1000 exchanges'),
    });
    const history = messages[2]!;
    expect(history.type === 'history' && history.exchanges.map((e) => e._seq)).toEqual(
      Array.from({ length: 302 }, (_, i) => 7 + i),
    );
    expect(history.type === 'history' && history.exchanges[1]!.response.content.text?.length).toBe(700 * 1024);
    socket.close();
    await bare.close();
  });

  it('holds live messages for a client until its history is sent, so they arrive after it', async () => {
    let release = () => undefined as void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const bare = await bareFeed({
      history: async () => {
        await gate;
        return { lines: [line(1)], total: 1 };
      },
    });
    const connected = bare.connect(3);
    await new Promise((r) => setTimeout(r, 100));
    bare.feed.broadcast({
      type: 'exchange-completed',
      exchange: anExchange({ url: 'https://x.example/live', seq: 2 }),
    });
    release();
    const { messages, socket } = await connected;
    expect(messages.map((m) => m.type)).toEqual(['hello', 'history', 'exchange-completed']);
    socket.close();
    await bare.close();
  });
});
