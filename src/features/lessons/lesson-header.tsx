import type { LessonDefinition } from '../../content/lessons/lesson-types';

/**
 * A lesson's heading: the same whether the player has loaded or not, so the page does not move
 * when the player's chunk arrives (`lazy-lesson-player.tsx`).
 */
export function LessonHeader(props: { readonly lesson: LessonDefinition }) {
  const { lesson } = props;
  return (
    <header className="page-header">
      <p className="lesson-breadcrumb">
        <a href="#/lessons">Lessons</a>
      </p>
      <h1>{lesson.title}</h1>
      <p className="lede">{lesson.intro}</p>
      {lesson.link !== undefined ? (
        <p>
          <a href={lesson.link.href}>{lesson.link.label}</a>
        </p>
      ) : null}
    </header>
  );
}
