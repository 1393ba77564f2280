/**
 * Interview-drill progress as stored locally: per drill the attempts, best and latest score, and
 * the results of finished mock interviews. Pure functions; the study slice persists the value
 * with versioned storage (a corrupt value resets with a notice).
 */
import type { StorageSpec } from './versioned-storage';

export interface DrillRecord {
  readonly attempts: number;
  /** Best and latest score, 0 to 1. */
  readonly best: number;
  readonly last: number;
}

export interface DrillProgress {
  readonly records: Readonly<Record<string, DrillRecord>>;
  /** Finished mock interviews, newest last (at most 20 kept). */
  readonly mocks: readonly { readonly score: number; readonly total: number }[];
}

export const EMPTY_PROGRESS: DrillProgress = { records: {}, mocks: [] };

const MAX_MOCKS = 20;

export function recordScore(
  progress: DrillProgress,
  drillId: string,
  score: number,
): DrillProgress {
  const prev = progress.records[drillId];
  const next: DrillRecord = {
    attempts: (prev?.attempts ?? 0) + 1,
    best: Math.max(prev?.best ?? 0, score),
    last: score,
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
  return (
    typeof r['attempts'] === 'number' &&
    Number.isInteger(r['attempts']) &&
    r['attempts'] >= 0 &&
    unit(r['best']) &&
    unit(r['last'])
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
    outRecords[id] = { attempts: rec.attempts, best: rec.best, last: rec.last };
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
  version: 1,
  label: 'drill progress',
  fallback: EMPTY_PROGRESS,
  validate: validateProgress,
};
