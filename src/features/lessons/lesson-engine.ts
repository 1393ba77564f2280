/**
 * The one place lessons reach the engine. Lessons run on the main thread (a few hundred events,
 * a few milliseconds), unlike the Playground, which runs long scenarios in a Web Worker.
 */
import { createEngine } from '../../sim/engine/engine';
import type { CreateEngine } from './lesson-run';

export const createLessonEngine: CreateEngine = (scenario, options) =>
  createEngine(scenario, options);
