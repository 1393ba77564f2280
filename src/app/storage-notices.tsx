import { useAppStore } from '../store/app-store';
import { Notice } from '../ui/notice';

/**
 * Saved data that could not be used was reset when the store loaded (at start-up, whatever the
 * page). The shell says so on the first page the user opens, not only on the page that shows that
 * data, so the notice is not lost when the user starts elsewhere: the unreadable data is gone
 * already, and a later reload has nothing left to report.
 */
export function StorageNotices() {
  const lessons = useAppStore((s) => s.lessonProgressNotice);
  const drills = useAppStore((s) => s.drillNotice);
  const dismissLessons = useAppStore((s) => s.dismissLessonProgressNotice);
  const dismissDrills = useAppStore((s) => s.dismissDrillNotice);
  const notices = [
    { text: lessons, dismiss: dismissLessons },
    { text: drills, dismiss: dismissDrills },
  ];
  if (notices.every((n) => n.text === null)) return null;
  return (
    <div className="storage-notices" data-testid="storage-notices">
      {notices.map((n) =>
        n.text === null ? null : (
          <Notice key={n.text} onDismiss={n.dismiss}>
            <p>{n.text}</p>
          </Notice>
        ),
      )}
    </div>
  );
}
