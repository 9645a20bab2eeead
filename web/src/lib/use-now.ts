import { useEffect, useState } from 'react';

/**
 * The current time, for screens that show what opens or runs late "now". It is read at every render
 * — a live update (the car reached the gate) is judged at the moment it arrives — and the screen
 * re-renders every `everyMs` besides, so lists that group by "now" regroup as the day goes on.
 */
export function useNow(everyMs = 30_000): number {
  const [, setTick] = useState(0);
  useEffect(() => {
    const timer = window.setInterval(() => setTick((tick) => tick + 1), everyMs);
    return () => window.clearInterval(timer);
  }, [everyMs]);
  return Date.now();
}
