import type { PositionInput } from '@lastmeter/shared';
import { useEffect, useState } from 'react';
import { getSocket } from '../../realtime/socket.ts';

const STORAGE_KEY = 'lastmeter.driver.sharePosition';
/** The server accepts one report per vehicle every 2 s; 5 s is plenty for ETAs and saves battery. */
const MIN_INTERVAL_MS = 5_000;

let lastFix: { lng: number; lat: number } | null = null;

/** Where the phone last was, to stamp a step with its place; null when not sharing. */
export function lastKnownPosition(): { lng: number; lat: number } | null {
  return lastFix;
}

export type PositionState =
  | { status: 'off' }
  | { status: 'waiting' }
  | { status: 'sharing'; at: string; accuracy: number | null }
  | { status: 'denied' }
  | { status: 'unavailable' };

function storedChoice(): boolean {
  try {
    return localStorage.getItem(STORAGE_KEY) !== 'off';
  } catch {
    return true;
  }
}

/** Shares the phone's position over the socket while switched on; the choice survives reloads. */
export function usePositionSharing() {
  const [enabled, setEnabledState] = useState(storedChoice);
  const [state, setState] = useState<PositionState>({ status: 'off' });

  const setEnabled = (next: boolean) => {
    try {
      localStorage.setItem(STORAGE_KEY, next ? 'on' : 'off');
    } catch {
      // Not remembered; the toggle still works now.
    }
    setEnabledState(next);
  };

  useEffect(() => {
    if (!enabled) {
      setState({ status: 'off' });
      return;
    }
    if (!('geolocation' in navigator)) {
      setState({ status: 'unavailable' });
      return;
    }
    setState({ status: 'waiting' });
    let lastSent = 0;
    const watch = navigator.geolocation.watchPosition(
      (fix) => {
        lastFix = { lng: fix.coords.longitude, lat: fix.coords.latitude };
        const now = Date.now();
        if (now - lastSent < MIN_INTERVAL_MS) return;
        lastSent = now;
        const input: PositionInput = {
          lng: fix.coords.longitude,
          lat: fix.coords.latitude,
          accuracy: Number.isFinite(fix.coords.accuracy) ? Math.min(fix.coords.accuracy, 100_000) : null,
          heading:
            fix.coords.heading !== null && Number.isFinite(fix.coords.heading) ? fix.coords.heading : null,
          speed:
            fix.coords.speed !== null && Number.isFinite(fix.coords.speed)
              ? Math.min(fix.coords.speed, 100)
              : null,
          recordedAt: new Date(fix.timestamp).toISOString(),
        };
        const socket = getSocket();
        if (socket.connected) socket.emit('position', input);
        setState({ status: 'sharing', at: input.recordedAt, accuracy: input.accuracy ?? null });
      },
      (error) => setState({ status: error.code === error.PERMISSION_DENIED ? 'denied' : 'unavailable' }),
      { enableHighAccuracy: true, maximumAge: 10_000, timeout: 30_000 },
    );
    return () => {
      navigator.geolocation.clearWatch(watch);
      lastFix = null;
    };
  }, [enabled]);

  return { enabled, setEnabled, state };
}
