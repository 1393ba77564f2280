/**
 * The one place lessons reach the engine. The app runs lessons in the lesson worker
 * (`lesson.worker.ts`); tests call the same run functions with this factory directly.
 */
import { createEngine } from '../../sim/engine/engine';
import type { CreateEngine } from './lesson-run';

export const createLessonEngine: CreateEngine = (scenario, options) =>
  createEngine(scenario, options);
