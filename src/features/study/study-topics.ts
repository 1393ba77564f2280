/**
 * The syllabus topics drills, the cheat sheet and the wizard are filed under. Each maps to a
 * section of the syllabus (CONTENT.md) so that explanations can link to the lessons of that
 * section; weak topics in the drill progress are reported by these ids.
 */
export const STUDY_TOPIC_IDS = [
  'why-cache',
  'layers',
  'cache-aside',
  'write-strategies',
  'eviction',
  'ttl',
  'invalidation',
  'stampede',
  'what-not-to-cache',
  'decision',
] as const;
export type StudyTopicId = (typeof STUDY_TOPIC_IDS)[number];

export interface StudyTopic {
  readonly id: StudyTopicId;
  readonly title: string;
  /** Syllabus section (as the lessons registry numbers them). */
  readonly section: string;
}

export const STUDY_TOPICS: Readonly<Record<StudyTopicId, StudyTopic>> = {
  'why-cache': { id: 'why-cache', title: 'Why cache at all', section: '1' },
  layers: { id: 'layers', title: 'Where caches live', section: '2' },
  'cache-aside': { id: 'cache-aside', title: 'Cache-aside', section: '3' },
  'write-strategies': { id: 'write-strategies', title: 'Write strategies', section: '4' },
  eviction: { id: 'eviction', title: 'Eviction policies', section: '5' },
  ttl: { id: 'ttl', title: 'TTL and jitter', section: '6' },
  invalidation: { id: 'invalidation', title: 'Invalidation', section: '7' },
  stampede: { id: 'stampede', title: 'Cache stampede', section: '8' },
  'what-not-to-cache': { id: 'what-not-to-cache', title: 'What not to cache', section: '9' },
  decision: { id: 'decision', title: 'Decision framework and rules', section: '10-11' },
};
