/**
 * The one place that maps a policy id to its implementation. The store, the UI's policy picker,
 * lessons and tests all go through it. Adding a policy: one file in this folder, one line here
 * (and the id in POLICY_IDS in cache-types.ts, or OFFLINE_POLICY_IDS when it needs the future),
 * one test.
 */
import type { AnyPolicyId } from '../cache-types';
import { create2QPolicy } from './2q-policy';
import { createArcPolicy } from './arc-policy';
import { createClockPolicy } from './clock-policy';
import { createFifoPolicy } from './fifo-policy';
import { createLfuPolicy } from './lfu-policy';
import { createLruPolicy } from './lru-policy';
import { createNoEvictionPolicy } from './noeviction-policy';
import { createOptPolicy } from './opt-policy';
import type { PolicyFactory } from './policy-types';
import { createRandomPolicy } from './random-policy';
import { createS3FifoPolicy } from './s3fifo-policy';
import { createSievePolicy } from './sieve-policy';
import { createVolatileTtlPolicy } from './volatile-ttl-policy';
import { createWTinyLfuPolicy } from './wtinylfu-policy';

/** Describes a policy for pickers and cheat sheets. */
export interface PolicyInfo {
  readonly id: AnyPolicyId;
  readonly create: PolicyFactory;
  /** Only keys with a TTL may be evicted (Redis volatile-*). */
  readonly volatileOnly: boolean;
  /** One-line summary for the UI. */
  readonly summary: string;
  /** Redis has no such policy (`fifo` and the research policies): label it so in the UI. */
  readonly notInRedis: boolean;
  /**
   * Needs the whole future request sequence (`PolicyContext.futureKeys`): a trace runner can run
   * it, a live scenario cannot (such ids are in OFFLINE_POLICY_IDS, not POLICY_IDS).
   */
  readonly needsFuture: boolean;
}

export const POLICY_REGISTRY: Readonly<Record<AnyPolicyId, PolicyInfo>> = {
  'allkeys-lru': {
    id: 'allkeys-lru',
    create: (ctx) => createLruPolicy('allkeys-lru', ctx),
    volatileOnly: false,
    summary: 'Evict the least recently used key.',
    notInRedis: false,
    needsFuture: false,
  },
  'allkeys-lfu': {
    id: 'allkeys-lfu',
    create: (ctx) => createLfuPolicy('allkeys-lfu', ctx),
    volatileOnly: false,
    summary: 'Evict the least frequently used key.',
    notInRedis: false,
    needsFuture: false,
  },
  'allkeys-random': {
    id: 'allkeys-random',
    create: (ctx) => createRandomPolicy('allkeys-random', ctx),
    volatileOnly: false,
    summary: 'Evict a random key.',
    notInRedis: false,
    needsFuture: false,
  },
  'volatile-lru': {
    id: 'volatile-lru',
    create: (ctx) => createLruPolicy('volatile-lru', ctx),
    volatileOnly: true,
    summary: 'Evict the least recently used key among keys with a TTL.',
    notInRedis: false,
    needsFuture: false,
  },
  'volatile-lfu': {
    id: 'volatile-lfu',
    create: (ctx) => createLfuPolicy('volatile-lfu', ctx),
    volatileOnly: true,
    summary: 'Evict the least frequently used key among keys with a TTL.',
    notInRedis: false,
    needsFuture: false,
  },
  'volatile-random': {
    id: 'volatile-random',
    create: (ctx) => createRandomPolicy('volatile-random', ctx),
    volatileOnly: true,
    summary: 'Evict a random key among keys with a TTL.',
    notInRedis: false,
    needsFuture: false,
  },
  'volatile-ttl': {
    id: 'volatile-ttl',
    create: createVolatileTtlPolicy,
    volatileOnly: true,
    summary: 'Evict the key with a TTL that expires soonest.',
    notInRedis: false,
    needsFuture: false,
  },
  noeviction: {
    id: 'noeviction',
    create: createNoEvictionPolicy,
    volatileOnly: false,
    summary: 'Never evict: writes fail with an OOM error when full.',
    notInRedis: false,
    needsFuture: false,
  },
  fifo: {
    id: 'fifo',
    create: createFifoPolicy,
    volatileOnly: false,
    summary: 'Evict the key inserted longest ago (not a Redis policy).',
    notInRedis: true,
    needsFuture: false,
  },
  clock: {
    id: 'clock',
    create: createClockPolicy,
    volatileOnly: false,
    summary:
      'Second chance: a hit sets a bit; the hand clears set bits and evicts the first clear one (not in Redis).',
    notInRedis: true,
    needsFuture: false,
  },
  sieve: {
    id: 'sieve',
    create: createSievePolicy,
    volatileOnly: false,
    summary:
      'SIEVE: a FIFO with visited bits; a hand moving from old to new evicts the first unvisited key (not in Redis).',
    notInRedis: true,
    needsFuture: false,
  },
  s3fifo: {
    id: 's3fifo',
    create: createS3FifoPolicy,
    volatileOnly: false,
    summary:
      'S3-FIFO: new keys pass a small FIFO; keys hit there move to a main FIFO; a ghost queue remembers the rest (not in Redis).',
    notInRedis: true,
    needsFuture: false,
  },
  arc: {
    id: 'arc',
    create: createArcPolicy,
    volatileOnly: false,
    summary:
      'ARC: recency and frequency lists plus ghost lists that tune the split between them (not in Redis).',
    notInRedis: true,
    needsFuture: false,
  },
  '2q': {
    id: '2q',
    create: create2QPolicy,
    volatileOnly: false,
    summary:
      '2Q: new keys wait in a FIFO; keys seen again after leaving it go to an LRU (not in Redis).',
    notInRedis: true,
    needsFuture: false,
  },
  wtinylfu: {
    id: 'wtinylfu',
    create: createWTinyLfuPolicy,
    volatileOnly: false,
    summary:
      'W-TinyLFU: a small LRU window, then a frequency sketch admits a key only if it is more popular than the one it displaces (not in Redis).',
    notInRedis: true,
    needsFuture: false,
  },
  opt: {
    id: 'opt',
    create: createOptPolicy,
    volatileOnly: false,
    summary:
      "Belady's optimum: evict the key needed farthest in the future; trace runs only (not in Redis).",
    notInRedis: true,
    needsFuture: true,
  },
};

/** Looks up a policy by id. */
/** A policy's name for pickers: its id, marked when Redis has no such policy. */
export function policyLabel(id: AnyPolicyId): string {
  return POLICY_REGISTRY[id].notInRedis ? `${id} (not in Redis)` : id;
}

export function getPolicy(id: AnyPolicyId): PolicyInfo {
  return POLICY_REGISTRY[id];
}
