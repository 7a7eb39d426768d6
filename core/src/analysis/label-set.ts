// The labels of one exchange as the correlator and the checks read them: asked one at a time.
import type { RecognizerId } from './ids.ts';

/** The labels of one exchange, asked one at a time. */
export type LabelSet = Pick<ReadonlySet<RecognizerId>, 'has'>;
