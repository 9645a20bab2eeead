import type { TrackView } from '@lastmeter/shared';
import { usePublicT } from '../public/messages.ts';

interface Point {
  lng: number;
  lat: number;
}

const WIDTH = 320;
const HEIGHT = 200;
const PAD = 28;

/**
 * A tiny map without tiles: the gate, the hospital and the vehicle placed relative to each other
 * (equirectangular, scaled to fit). Light enough for a basic phone on a weak connection.
 */
export function TrackMap({ view }: { view: TrackView }) {
  const pt = usePublicT();
  const leg = view.outbound.vehicle?.lng != null ? view.outbound : view.return;
  const vehicle =
    leg?.vehicle && leg.vehicle.lng != null && leg.vehicle.lat != null
      ? { lng: leg.vehicle.lng, lat: leg.vehicle.lat }
      : null;
  const points: Point[] = [view.gate, view.hospital, ...(vehicle ? [vehicle] : [])];
  const kx = Math.cos((view.gate.lat * Math.PI) / 180);
  const xs = points.map((p) => p.lng * kx);
  const ys = points.map((p) => p.lat);
  const [minX, maxX, minY, maxY] = [Math.min(...xs), Math.max(...xs), Math.min(...ys), Math.max(...ys)];
  const scale = Math.min(
    (WIDTH - 2 * PAD) / Math.max(maxX - minX, 1e-6),
    (HEIGHT - 2 * PAD) / Math.max(maxY - minY, 1e-6),
  );
  const place = (p: Point) => ({
    x: PAD + (p.lng * kx - minX) * scale + (WIDTH - 2 * PAD - (maxX - minX) * scale) / 2,
    y: HEIGHT - PAD - (p.lat - minY) * scale - (HEIGHT - 2 * PAD - (maxY - minY) * scale) / 2,
  });
  const gate = place(view.gate);
  const hospital = place(view.hospital);
  const car = vehicle ? place(vehicle) : null;
  return (
    <svg className="track-map" viewBox={`0 0 ${WIDTH} ${HEIGHT}`} role="img" aria-label={pt('track.map')}>
      <line x1={gate.x} y1={gate.y} x2={hospital.x} y2={hospital.y} stroke="#9aa89a" strokeDasharray="4 4" />
      <circle cx={gate.x} cy={gate.y} r={7} fill="#1565c0" />
      <text x={gate.x + 10} y={gate.y + 4} fontSize={11}>
        {pt('track.legendGate')}
      </text>
      <rect x={hospital.x - 7} y={hospital.y - 7} width={14} height={14} fill="#c62828" />
      <text x={hospital.x + 10} y={hospital.y + 4} fontSize={11}>
        {pt('track.legendHospital')}
      </text>
      {car && vehicle ? (
        <g data-testid="track-vehicle" data-lng={vehicle.lng} data-lat={vehicle.lat}>
          <circle cx={car.x} cy={car.y} r={9} fill="#f9a825" stroke="#1a1a1a" strokeWidth={2} />
          <text x={car.x + 12} y={car.y - 8} fontSize={11} fontWeight={700}>
            {pt('track.legendVehicle')}
          </text>
        </g>
      ) : null}
    </svg>
  );
}
