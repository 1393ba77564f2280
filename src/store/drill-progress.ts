/**
 * Interview-drill progress as stored locally: per drill the attempts, best and latest score, the
 * latest multiple-choice answer, and the results of finished mock interviews. Pure functions; the
 * study slice persists the value with versioned storage (a corrupt value resets with a notice).
 *
 * Version 2 added `lastChoice`. Options are shuffled per attempt, so a stored choice is the
 * option's index in the drill's own list, never the position it was shown at. Version 1 stored
 * no answers, so its records carry over unchanged.
 */
import type { StorageSpec } from './versioned-storage';

export interface DrillRecord {
  readonly attempts: number;
  /** Best and latest score, 0 to 1. */
  readonly best: number;
  readonly last: number;
  /** Multiple choice: the option last chosen, as its index in the drill's `options`. */
  readonly lastChoice?: number;
}

export interface DrillProgress {
  readonly records: Readonly<Record<string, DrillRecord>>;
  /** Finished mock interviews, newest last (at most 20 kept). */
  readonly mocks: readonly { readonly score: number; readonly total: number }[];
}

export const EMPTY_PROGRESS: DrillProgress = { records: {}, mocks: [] };

const MAX_MOCKS = 20;

/**
 * @param choice for a multiple-choice drill, the chosen option's index in the drill's list
 */
export function recordScore(
  progress: DrillProgress,
  drillId: string,
  score: number,
  choice?: number,
): DrillProgress {
  const prev = progress.records[drillId];
  const next: DrillRecord = {
    attempts: (prev?.attempts ?? 0) + 1,
    best: Math.max(prev?.best ?? 0, score),
    last: score,
    ...(choice === undefined ? {} : { lastChoice: choice }),
  };
  return { ...progress, records: { ...progress.records, [drillId]: next } };
}

export function recordMock(progress: DrillProgress, score: number, total: number): DrillProgress {
  return { ...progress, mocks: [...progress.mocks, { score, total }].slice(-MAX_MOCKS) };
}

function isRecord(x: unknown): x is DrillRecord {
  if (typeof x !== 'object' || x === null) return false;
  const r = x as Record<string, unknown>;
  const unit = (n: unknown) => typeof n === 'number' && n >= 0 && n <= 1;
  const index = (n: unknown) => n === undefined || (Number.isInteger(n) && (n as number) >= 0);
  return (
    typeof r['attempts'] === 'number' &&
    Number.isInteger(r['attempts']) &&
    r['attempts'] >= 0 &&
    unit(r['best']) &&
    unit(r['last']) &&
    index(r['lastChoice'])
  );
}

/** Shape check for stored progress (versioned storage calls it); null when it does not fit. */
export function validateProgress(data: unknown): DrillProgress | null {
  if (typeof data !== 'object' || data === null) return null;
  const { records, mocks } = data as Record<string, unknown>;
  if (typeof records !== 'object' || records === null || Array.isArray(records)) return null;
  if (!Array.isArray(mocks)) return null;
  const outRecords: Record<string, DrillRecord> = {};
  for (const [id, rec] of Object.entries(records)) {
    if (!isRecord(rec)) return null;
    outRecords[id] = {
      attempts: rec.attempts,
      best: rec.best,
      last: rec.last,
      ...(rec.lastChoice === undefined ? {} : { lastChoice: rec.lastChoice }),
    };
  }
  const outMocks: { score: number; total: number }[] = [];
  for (const m of mocks) {
    if (typeof m !== 'object' || m === null) return null;
    const { score, total } = m as Record<string, unknown>;
    if (typeof score !== 'number' || typeof total !== 'number' || score < 0 || score > total)
      return null;
    outMocks.push({ score, total });
  }
  return { records: outRecords, mocks: outMocks.slice(-MAX_MOCKS) };
}

export const DRILL_PROGRESS_STORAGE: StorageSpec<DrillProgress> = {
  key: 'cachescope.drills',
  version: 2,
  label: 'drill progress',
  fallback: EMPTY_PROGRESS,
  validate: validateProgress,
  // Version 1 had the same records without answers: nothing positional to translate.
  migrate: (data, fromVersion) => (fromVersion === 1 ? validateProgress(data) : null),
};
