import { formatNumber } from '../../../ui/format';
import { STUDY_TOPICS } from '../study-topics';
import type { DrillAnswer } from './drill-card';
import { drillLessonLink } from './drill-lessons';
import type { Drill } from './drill-types';

/** One asked question of a finished mock interview: what was asked, answered and scored. */
export interface ReviewItem {
  readonly drill: Drill;
  /** Null when the question was skipped or time ran out first. */
  readonly answer: DrillAnswer | null;
  readonly score: number | null;
}

function yourAnswer(drill: Drill, answer: DrillAnswer | null): string {
  if (answer === null) return 'Not answered.';
  switch (answer.kind) {
    case 'choice':
      return drill.kind === 'choice' ? `“${drill.options[answer.choice] ?? '?'}”` : '?';
    case 'numeric':
      return drill.kind === 'numeric'
        ? `${formatNumber(answer.guess, 2)} ${drill.unit}`
        : formatNumber(answer.guess, 2);
    case 'explain': {
      const covered = answer.ticked.filter((t) => t).length;
      const said =
        answer.text.trim() === '' ? 'Said out loud (not typed)' : `“${answer.text.trim()}”`;
      return `${said}; you ticked ${covered} of ${answer.ticked.length} rubric points.`;
    }
  }
}

function modelAnswer(drill: Drill, answer: DrillAnswer | null): string {
  switch (drill.kind) {
    case 'choice':
      return `“${drill.options[drill.answer] ?? '?'}” ${drill.explanation}`;
    case 'numeric':
      return answer?.kind === 'numeric'
        ? `The engine measured ${formatNumber(answer.actual, 2)} ${drill.unit}. ${drill.explanation}`
        : drill.explanation;
    case 'explain':
      return drill.modelAnswer;
  }
}

function scoreWords(score: number | null): string {
  if (score === null) return 'no score';
  return `score ${Math.round(score * 100)}%`;
}

/**
 * The per-question review at the end of a mock interview: your answer beside the model answer,
 * with the lesson to revisit for each question.
 */
export function MockReview(props: { readonly items: readonly ReviewItem[] }) {
  return (
    <section aria-labelledby="mock-review-h" data-testid="mock-review">
      <h3 id="mock-review-h">Question by question</h3>
      <ol className="mock-review">
        {props.items.map(({ drill, answer, score }) => {
          const lesson = drillLessonLink(drill);
          const tone =
            score === null
              ? 'is-wrong'
              : score >= 1
                ? 'is-correct'
                : score > 0
                  ? 'is-partial'
                  : 'is-wrong';
          return (
            <li
              key={drill.id}
              className={`mock-review-item ${tone}`}
              data-testid="mock-review-item"
            >
              <p className="mock-review-prompt">
                <strong>{drill.prompt}</strong>{' '}
                <span className="tag">{STUDY_TOPICS[drill.topic].title}</span>{' '}
                <span className="tag">{scoreWords(score)}</span>
              </p>
              <dl className="mock-review-answers">
                <dt>Your answer</dt>
                <dd>{yourAnswer(drill, answer)}</dd>
                <dt>Model answer</dt>
                <dd>{modelAnswer(drill, answer)}</dd>
              </dl>
              <p>
                <a href={lesson.href}>Lesson: {lesson.title}</a>
              </p>
            </li>
          );
        })}
      </ol>
    </section>
  );
}
