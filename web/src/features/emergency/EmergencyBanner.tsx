import { type Compound, payloadOf } from '@lastmeter/shared';
import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useI18n } from '../../i18n/I18nProvider.tsx';
import { playAlert, unlockAudio } from '../../lib/alert.ts';
import { useSocketEvent } from '../../realtime/socket.ts';
import { requestsQuery } from '../dispatch/queries.ts';

interface Alarm {
  requestId: string;
  who: string;
  where: string;
  what: string;
  at: number;
}

/**
 * The dispatcher hears of an emergency the moment it is raised (the `request.emergency` event): a red
 * banner naming who, where and what, and a sound, until they acknowledge it.
 */
export function EmergencyBanner({
  districtId,
  compounds,
  onShow,
}: {
  districtId: string;
  compounds: readonly Compound[];
  onShow: (requestId: string) => void;
}) {
  const { t, formatTime } = useI18n();
  const queryClient = useQueryClient();
  const [alarms, setAlarms] = useState<Alarm[]>([]);

  // The first touch unlocks sound; browsers refuse audio before it.
  useEffect(() => {
    window.addEventListener('pointerdown', unlockAudio);
    return () => window.removeEventListener('pointerdown', unlockAudio);
  }, []);

  useSocketEvent('event', (event) => {
    const emergency = payloadOf(event, 'request.emergency');
    if (!emergency) return;
    const { requestId, compoundId, service } = emergency;
    playAlert();
    const compound = compounds.find((c) => c.id === compoundId);
    const what = t(`service.${service}`);
    const raise = (who: string) =>
      setAlarms((list) =>
        list.some((a) => a.requestId === requestId)
          ? list.map((a) => (a.requestId === requestId ? { ...a, who } : a))
          : [{ requestId, who, where: compound?.name ?? '', what, at: Date.now() }, ...list],
      );
    raise('…');
    // Who: the request as the API presents it to dispatch (name masked), from its day's list.
    void queryClient
      .fetchQuery({ ...requestsQuery(districtId, emergency.date), staleTime: 0 })
      .then((requests) => {
        const request = requests.find((r) => r.id === requestId);
        if (request) raise(request.patientName);
      })
      .catch(() => undefined);
  });

  if (alarms.length === 0) return null;
  return (
    <div className="emergency-banners">
      {alarms.map((alarm) => (
        <div key={alarm.requestId} className="emergency-banner" role="alert">
          <p>
            <strong>
              {t('emergency.banner', {
                who: alarm.who,
                where: alarm.where,
                what: alarm.what,
              })}
            </strong>{' '}
            <span>{t('emergency.bannerAt', { at: formatTime(alarm.at) })}</span>
          </p>
          <div className="button-row">
            <button type="button" onClick={() => onShow(alarm.requestId)}>
              {t('emergency.show')}
            </button>
            <button
              type="button"
              onClick={() => setAlarms((list) => list.filter((a) => a.requestId !== alarm.requestId))}
            >
              {t('emergency.dismiss')}
            </button>
          </div>
        </div>
      ))}
    </div>
  );
}
