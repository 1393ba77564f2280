/** Action and guard names shared by the write-path machines (each machine names its own subset). */
export const WRITE_ACTIONS = [
  'dbWrite',
  'cacheDel',
  'cacheSetWritten',
  'cacheSetDirty',
  'ackWrite',
  'failWrite',
  'noteCacheDown',
] as const;
