import { startTransition, useEffect, useState } from 'react';

/**
 * `value`, delivered `delayMs` later as a transition. Several charts fed the same new data with
 * different delays re-render in different frames instead of all in one long frame (Recharts 3
 * re-renders each chart synchronously inside a requestAnimationFrame callback, which React
 * cannot time-slice). A newer value replaces a pending one, so keep delays below the update
 * interval.
 */
export function useStaggeredValue<T>(value: T, delayMs: number): T {
  const [shown, setShown] = useState(value);
  useEffect(() => {
    const id = setTimeout(() => {
      startTransition(() => {
        setShown(value);
      });
    }, delayMs);
    return () => {
      clearTimeout(id);
    };
  }, [value, delayMs]);
  return shown;
}
