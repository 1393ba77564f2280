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
  // Scores are 0 to 1; anything else (NaN included) would make the stored progress unreadable.
  const unit = Number.isFinite(score) ? Math.min(1, Math.max(0, score)) : 0;
  const next: DrillRecord = {
    attempts: Math.min(MAX_ATTEMPTS, (prev?.attempts ?? 0) + 1),
    best: Math.max(prev?.best ?? 0, unit),
    last: unit,
    ...(choice === undefined ? {} : { lastChoice: choice }),
  };
  return { ...progress, records: { ...progress.records, [drillId]: next } };
}

export function recordMock(progress: DrillProgress, score: number, total: number): DrillProgress {
  if (!isMock({ score, total })) return progress;
  return { ...progress, mocks: [...progress.mocks, { score, total }].slice(-MAX_MOCKS) };
}

/** Drill ids are short kebab-case names. */
const DRILL_ID = /^[a-z0-9][a-z0-9-]{0,63}$/;
/** Most attempts one drill may record; more is corrupt data, not diligence. */
export const MAX_ATTEMPTS = 100_000;
/** A stored choice indexes a drill's options; no drill has this many. */
const MAX_OPTIONS = 16;
/** Most questions one mock interview may have (there are fewer drills than this). */
export const MAX_MOCK_DRILLS = 200;

/**
 * A record that makes sense: at least one attempt (records are created by one), scores between 0
 * and 1, the latest no better than the best, a stored choice that can index a drill's options.
 */
function isRecord(x: unknown): x is DrillRecord {
  if (typeof x !== 'object' || x === null) return false;
  const r = x as Record<string, unknown>;
  const unit = (n: unknown): n is number =>
    typeof n === 'number' && Number.isFinite(n) && n >= 0 && n <= 1;
  const index = (n: unknown) =>
    n === undefined || (Number.isInteger(n) && (n as number) >= 0 && (n as number) < MAX_OPTIONS);
  const { attempts, best, last } = r;
  return (
    typeof attempts === 'number' &&
    Number.isInteger(attempts) &&
    attempts >= 1 &&
    attempts <= MAX_ATTEMPTS &&
    unit(best) &&
    unit(last) &&
    last <= best &&
    index(r['lastChoice'])
  );
}

/** A mock interview of 1 to {@link MAX_MOCK_DRILLS} questions, scored 0 to its total. */
function isMock(m: unknown): m is { score: number; total: number } {
  if (typeof m !== 'object' || m === null) return false;
  const { score, total } = m as Record<string, unknown>;
  return (
    typeof total === 'number' &&
    Number.isInteger(total) &&
    total >= 1 &&
    total <= MAX_MOCK_DRILLS &&
    typeof score === 'number' &&
    Number.isFinite(score) &&
    score >= 0 &&
    score <= total
  );
}

/**
 * Check stored progress by shape and by meaning (versioned storage calls it); null when any part
 * does not make sense, e.g. a best score below the latest or "0 / 1e+308" mock interview.
 */
export function validateProgress(data: unknown): DrillProgress | null {
  if (typeof data !== 'object' || data === null) return null;
  const { records, mocks } = data as Record<string, unknown>;
  if (typeof records !== 'object' || records === null || Array.isArray(records)) return null;
  if (!Array.isArray(mocks)) return null;
  const outRecords: Record<string, DrillRecord> = {};
  for (const [id, rec] of Object.entries(records)) {
    if (!DRILL_ID.test(id) || !isRecord(rec)) return null;
    outRecords[id] = {
      attempts: rec.attempts,
      best: rec.best,
      last: rec.last,
      ...(rec.lastChoice === undefined ? {} : { lastChoice: rec.lastChoice }),
    };
  }
  const outMocks: { score: number; total: number }[] = [];
  for (const m of mocks) {
    if (!isMock(m)) return null;
    outMocks.push({ score: m.score, total: m.total });
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
