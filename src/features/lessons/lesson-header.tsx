import type { LessonDefinition, LessonMeta } from '../../content/lessons/lesson-types';

/**
 * A lesson's heading: the same whether the player has loaded or not, so the page does not move
 * when the player's chunk arrives (`lazy-lesson-player.tsx`). Before the definition itself has
 * arrived (rarely seen: the route starts its download early) it shows the title alone.
 */
export function LessonHeader(props: { readonly lesson: LessonMeta | LessonDefinition }) {
  const lesson: Partial<LessonDefinition> & LessonMeta = props.lesson;
  return (
    <header className="page-header">
      <p className="lesson-breadcrumb">
        <a href="#/lessons">Lessons</a>
      </p>
      <h1>{lesson.title}</h1>
      {lesson.intro !== undefined ? <p className="lede">{lesson.intro}</p> : null}
      {lesson.link !== undefined ? (
        <p>
          <a href={lesson.link.href}>{lesson.link.label}</a>
        </p>
      ) : null}
    </header>
  );
}
