/**
 * Versioned local storage for what users make (lesson progress, drill scores, saved setups).
 * Data is stored as `{ v: version, data }`. Anything unreadable — bad JSON, a wrong shape, a
 * version from the future — resets to the fallback and returns a notice saying what happened, so
 * the app keeps working and the user is told instead of silently losing state.
 */
export interface Loaded<T> {
  readonly value: T;
  /** Set when stored data was present but could not be used. */
  readonly notice: string | null;
}

export interface StorageSpec<T> {
  /** localStorage key, e.g. 'cachescope.lessons'. */
  readonly key: string;
  readonly version: number;
  /** Human name used in notices, e.g. 'lesson progress'. */
  readonly label: string;
  readonly fallback: T;
  /** Returns the data when it has the right shape, or null. */
  readonly validate: (data: unknown) => T | null;
  /** Upgrades data from an older version; return null when it cannot be upgraded. */
  readonly migrate?: (data: unknown, fromVersion: number) => T | null;
}

function storage(): Storage | null {
  try {
    return typeof localStorage === 'undefined' ? null : localStorage;
  } catch {
    return null; // blocked by privacy settings or a sandboxed iframe
  }
}

export function loadVersioned<T>(spec: StorageSpec<T>): Loaded<T> {
  const store = storage();
  const raw = store?.getItem(spec.key) ?? null;
  if (raw === null) return { value: spec.fallback, notice: null };
  const reset = (why: string): Loaded<T> => {
    store?.removeItem(spec.key);
    return {
      value: spec.fallback,
      notice: `Your saved ${spec.label} could not be read (${why}) and was reset.`,
    };
  };
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    return reset('not valid JSON');
  }
  if (typeof parsed !== 'object' || parsed === null || !('v' in parsed) || !('data' in parsed)) {
    return reset('unknown format');
  }
  const { v, data } = parsed;
  if (typeof v !== 'number' || !Number.isInteger(v)) return reset('missing version');
  if (v > spec.version) return reset(`version ${v} is newer than this app understands`);
  const value = v === spec.version ? spec.validate(data) : (spec.migrate?.(data, v) ?? null);
  if (value === null)
    return reset(v === spec.version ? 'unexpected contents' : `version ${v} cannot be upgraded`);
  return { value, notice: null };
}

export function saveVersioned<T>(spec: StorageSpec<T>, value: T): void {
  try {
    storage()?.setItem(spec.key, JSON.stringify({ v: spec.version, data: value }));
  } catch {
    // Storage full or blocked: progress simply is not remembered this session.
  }
}
