// Web Worker: runs core's incremental analyzer off the main thread, so live traffic and big files never block a frame.
import type { Exchange, TrackDefinition } from '@oauth-inspector/core';
import { createAnalyzer } from '@oauth-inspector/core/analysis/analyze.ts';
import { importHar } from '@oauth-inspector/core/har-import.ts';
import type { WorkerReply, WorkerRequest } from './analysis-client.ts';
import { DeltaSender } from './analysis-delta.ts';

const sender = new DeltaSender();

let analyzer: ReturnType<typeof createAnalyzer> | undefined;
let epoch = -1;
let dirty = false;
let busy = false;
let scheduled = false;
/** Highest request sequence number received, and the one the running analysis covers. */
let received = 0;

function post(reply: WorkerReply): void {
  (self as unknown as { postMessage(message: WorkerReply): void }).postMessage(reply);
}

async function run(): Promise<void> {
  scheduled = false;
  if (busy || !analyzer) return;
  if (!dirty) {
    post({ type: 'idle', epoch, seq: received });
    return;
  }
  busy = true;
  dirty = false;
  const current = epoch;
  const seq = received;
  const started = performance.now();
  try {
    const analysis = await analyzer.result();
    post(
      current === epoch
        ? { type: 'result', epoch: current, seq, delta: sender.next(analysis) }
        : { type: 'idle', epoch: current, seq },
    );
  } catch (error) {
    post({ type: 'error', epoch: current, seq, message: error instanceof Error ? error.message : String(error) });
  } finally {
    busy = false;
    lastEnd = performance.now();
    lastDuration = lastEnd - started;
    if (dirty || received > seq) schedule();
  }
}

/** When the last analysis ended and how long it took: the next one waits about as long, so results never flood the page. */
let lastEnd = 0;
let lastDuration = 0;

function schedule(): void {
  if (scheduled) return;
  scheduled = true;
  // Coalesce the messages of one burst into one analysis; under a stream, pace analyses by their own cost.
  const wait = Math.max(0, lastEnd + Math.min(1000, lastDuration * 1.5) - performance.now());
  setTimeout(() => void run(), wait);
}

function reset(nextEpoch: number, track: TrackDefinition | undefined): void {
  analyzer = createAnalyzer(track ? { track } : {});
  sender.reset();
  lastDuration = 0;
  epoch = nextEpoch;
  dirty = true;
}

function add(exchanges: readonly Exchange[]): void {
  for (const exchange of exchanges) analyzer?.add(exchange);
  dirty = true;
}

self.addEventListener('message', (event: MessageEvent<WorkerRequest>) => {
  const message = event.data;
  received = Math.max(received, message.seq);
  if (message.type === 'reset') reset(message.epoch, message.track);
  if (message.epoch !== epoch) {
    schedule();
    return;
  }
  if (message.type === 'add') add(message.exchanges);
  if (message.type === 'add-text') {
    const result = importHar(message.text);
    if (result.ok) add(result.exchanges);
  }
  schedule();
});
