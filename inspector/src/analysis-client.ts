// Main-thread side of the analysis: sends exchanges to the analysis worker (or, without workers, analyzes in place).
import { embeddedRecording } from './class-file.ts';
import type { Analysis, Exchange, TrackDefinition } from '@oauth-inspector/core';
import { DeltaReceiver, type AnalysisDelta } from './analysis-delta.ts';
import { createAnalyzer, importHar, analyzeTimed, type Analyzer } from './engine.ts';

/** Every request carries a sequence number; a reply says up to which request its analysis covers. */
export type WorkerRequest = { seq: number } & (
  | { type: 'reset'; epoch: number; track?: TrackDefinition }
  | { type: 'add'; epoch: number; exchanges: Exchange[] }
  | { type: 'add-text'; epoch: number; text: string }
);

export type WorkerReply =
  | { type: 'result'; epoch: number; seq: number; delta: AnalysisDelta }
  | { type: 'error'; epoch: number; seq: number; message: string }
  /** Nothing new to analyze (or the analysis was superseded): the requests up to `seq` are answered. */
  | { type: 'idle'; epoch: number; seq: number };

export interface AnalysisClient {
  reset(epoch: number, track: TrackDefinition | undefined): void;
  add(exchanges: Exchange[]): void;
  /** A whole HAR text the worker parses itself (cheaper than copying 10,000 exchanges across). */
  addText(text: string): void;
  /** Resolves once every request sent so far has been answered. */
  settled(): Promise<void>;
  /** True when the last result covers every request sent. */
  isSettled(): boolean;
}

type OnResult = (analysis: Analysis, epoch: number) => void;

function workerClient(onResult: OnResult): AnalysisClient | undefined {
  let worker: Worker;
  try {
    worker = new Worker(new URL('./analysis-worker.ts', import.meta.url), { type: 'module', name: 'analysis' });
  } catch {
    return undefined;
  }
  let epoch = 0;
  const receiver = new DeltaReceiver();
  let sent = 0;
  let answered = 0;
  let waiters: (() => void)[] = [];
  const send = (request: WorkerRequest) => worker.postMessage(request);
  const release = () => {
    const done = waiters;
    waiters = [];
    for (const resolve of done) resolve();
  };
  // A crashed worker must not leave anyone waiting: report it and treat every request as answered.
  worker.addEventListener('error', (event) => {
    console.error('analysis worker failed', event.message);
    answered = sent;
    release();
  });
  worker.addEventListener('message', (event: MessageEvent<WorkerReply>) => {
    const reply = event.data;
    answered = Math.max(answered, reply.seq);
    if (reply.epoch === epoch) {
      if (reply.type === 'result') onResult(receiver.apply(reply.delta), reply.epoch);
      else if (reply.type === 'error') console.error('analysis failed', reply.message);
    }
    if (answered >= sent) release();
  });
  return {
    reset(next, track) {
      epoch = next;
      send({ type: 'reset', seq: ++sent, epoch, ...(track ? { track } : {}) });
    },
    add(exchanges) {
      if (exchanges.length > 0) send({ type: 'add', seq: ++sent, epoch, exchanges });
    },
    addText(text) {
      send({ type: 'add-text', seq: ++sent, epoch, text });
    },
    settled() {
      return answered >= sent ? Promise.resolve() : new Promise((resolve) => waiters.push(resolve));
    },
    isSettled: () => answered >= sent,
  };
}

function inPlaceClient(onResult: OnResult): AnalysisClient {
  let analyzer: Analyzer | undefined;
  let epoch = 0;
  let pending = Promise.resolve();
  let running = 0;
  const run = () => {
    const current = epoch;
    const target = analyzer;
    running += 1;
    pending = pending.then(async () => {
      running -= 1;
      if (!target) return;
      const analysis = await analyzeTimed(() => target.result());
      if (current === epoch) onResult(analysis, current);
    });
  };
  return {
    reset(next, track) {
      epoch = next;
      analyzer = createAnalyzer(track ? { track } : {});
      run();
    },
    add(exchanges) {
      for (const exchange of exchanges) analyzer?.add(exchange);
      run();
    },
    addText(text) {
      const result = importHar(text);
      if (result.ok) this.add(result.exchanges);
    },
    settled: () => pending,
    isSettled: () => running === 0,
  };
}

export function createAnalysisClient(onResult: OnResult): AnalysisClient {
  // A class file carries no worker script of its own (and its policy allows none): it analyzes in place.
  if (embeddedRecording()) return inPlaceClient(onResult);
  return workerClient(onResult) ?? inPlaceClient(onResult);
}
