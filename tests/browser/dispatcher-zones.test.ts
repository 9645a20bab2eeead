import type { Compound, Zone } from '@lastmeter/shared';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, onTestFailed } from 'vitest';
import { createCompound, square } from '../support/factories.ts';
import { api } from '../support/http.ts';
import type { TestServer } from '../support/test-server.ts';
import { hasChromium } from './support/chromium.ts';
import { captureScreens } from './support/session.ts';
import { openDispatchBoard, type Stage, startStage } from './support/stage.ts';
import { reads, shows } from './support/ui.ts';
import { type SeededDistrict, seedDistrict, zh } from './support/world.ts';

/** A GeoJSON file as a user would pick it in the file dialog. */
function geojsonFile(name: string, content: unknown) {
  return {
    name,
    mimeType: 'application/geo+json',
    buffer: Buffer.from(typeof content === 'string' ? content : JSON.stringify(content)),
  };
}

/**
 * Two compounds side by side, west (田林十二村) and east (康健新村); the map opens on both. The
 * dispatcher draws a controlled zone over the western half of the map, then imports a sealed zone
 * around the eastern compound, and a broken file that must be refused with the reason.
 */
describe.skipIf(!hasChromium)('dispatcher draws and imports lockdown zones', () => {
  let stage: Stage;
  let server: TestServer;
  let city: SeededDistrict;
  let dispatcher: Page;
  let token: string;
  let east: { id: string; name: string };

  const levels = async () => {
    const res = await api<Compound[]>(server, 'GET', `/api/v1/districts/${city.district.id}/compounds`, {
      token,
    });
    expect(res.status).toBe(200);
    return Object.fromEntries(res.body.map((c) => [c.name, c.level]));
  };
  const zones = async () => {
    const res = await api<Zone[]>(server, 'GET', `/api/v1/districts/${city.district.id}/zones`, { token });
    expect(res.status).toBe(200);
    return res.body;
  };
  const zoneItem = (name: string) => dispatcher.locator('ul.zone-list > li', { hasText: name });

  beforeAll(async () => {
    stage = await startStage();
    server = stage.server;
    city = await seedDistrict(server.app.db);
    east = await createCompound(server.app.db, city.district.id, {
      name: '康健新村',
      boundary: square(121.45, 31.17, 0.002),
    });
    ({ page: dispatcher, token } = await openDispatchBoard(stage, city));
    await dispatcher.getByRole('tab', { name: zh('dispatch.tab.zones') }).click();
    await shows(dispatcher.getByRole('heading', { name: zh('dispatch.zones.inForce', { count: 0 }) }));
  });
  afterAll(() => stage?.stop());

  it('draws a polygon with clicks on the map and saves it with a level; the compound inside turns controlled', async () => {
    onTestFailed(() => captureScreens('zone-draw', { dispatcher }));
    expect(await levels()).toEqual({ [city.compound.name]: 'none', [east.name]: 'none' });
    const canvas = dispatcher.locator('.dispatch-map canvas');
    await shows(canvas);
    // The map is created fitted to both compounds, so screen positions are known once it shows.
    const box = await canvas.boundingBox();
    if (!box) throw new Error('the map has no box');

    // Saving without points says what is missing.
    await dispatcher.getByRole('button', { name: zh('dispatch.zones.save') }).click();
    await shows(dispatcher.getByText(zh('dispatch.zones.needPoints')));

    await dispatcher.getByRole('button', { name: zh('dispatch.zones.startDrawing') }).click();
    await shows(dispatcher.getByText(zh('dispatch.zones.drawingHint', { count: 0 })));
    // The western half of the map: the west compound lies inside, the east one outside.
    const corners: [number, number][] = [
      [6, 6],
      [box.width / 2, 6],
      [box.width / 2, box.height - 6],
      [6, box.height - 6],
    ];
    for (const [i, [x, y]] of corners.entries()) {
      await canvas.click({ position: { x, y } });
      await shows(dispatcher.getByText(zh('dispatch.zones.drawingHint', { count: i + 1 })));
    }
    // A misplaced fifth corner, taken back.
    await canvas.click({ position: { x: box.width * 0.8, y: box.height * 0.2 } });
    await shows(dispatcher.getByText(zh('dispatch.zones.drawingHint', { count: 5 })));
    await dispatcher.getByRole('button', { name: zh('dispatch.zones.undo') }).click();
    await shows(dispatcher.getByText(zh('dispatch.zones.drawingHint', { count: 4 })));
    await dispatcher.getByRole('button', { name: zh('dispatch.zones.stopDrawing') }).click();

    await dispatcher.getByLabel(zh('dispatch.zones.name'), { exact: true }).fill('田林街道管控区');
    await dispatcher.getByLabel(zh('dispatch.zones.level')).selectOption('controlled');
    await dispatcher.getByRole('button', { name: zh('dispatch.zones.save') }).click();
    await shows(dispatcher.getByText(zh('dispatch.zones.saved', { zones: 1, compounds: 1 })));

    await reads(zoneItem('田林街道管控区').locator('.level-chip'), zh('compoundLevel.controlled'));
    await shows(dispatcher.getByRole('heading', { name: zh('dispatch.zones.inForce', { count: 1 }) }));
    const [zone] = await zones();
    expect(zone).toMatchObject({ name: '田林街道管控区', level: 'controlled', validTo: null });
    expect(zone?.geometry.type).toBe('Polygon');
    expect(zone?.geometry.coordinates[0]).toHaveLength(5);
    expect(await levels()).toEqual({ [city.compound.name]: 'controlled', [east.name]: 'none' });
  });

  it('imports a GeoJSON file: the eastern compound turns sealed', async () => {
    onTestFailed(() => captureScreens('zone-import', { dispatcher }));
    const file = geojsonFile('kangjian.geojson', {
      type: 'FeatureCollection',
      features: [
        {
          type: 'Feature',
          geometry: square(121.45, 31.17, 0.003),
          properties: { name: '康健新村封控区', level: 'sealed' },
        },
      ],
    });
    await dispatcher.getByLabel(zh('dispatch.zones.import')).setInputFiles(file);
    await shows(dispatcher.getByText(zh('dispatch.zones.saved', { zones: 1, compounds: 1 })));
    await reads(zoneItem('康健新村封控区').locator('.level-chip'), zh('compoundLevel.sealed'));
    await shows(dispatcher.getByRole('heading', { name: zh('dispatch.zones.inForce', { count: 2 }) }));
    expect((await zones()).map((z) => z.name).sort()).toEqual(['康健新村封控区', '田林街道管控区'].sort());
    expect(await levels()).toEqual({ [city.compound.name]: 'controlled', [east.name]: 'sealed' });
  });

  it('refuses a broken GeoJSON file, naming the problem in Chinese, and imports nothing', async () => {
    onTestFailed(() => captureScreens('zone-import-bad', { dispatcher }));
    const input = dispatcher.getByLabel(zh('dispatch.zones.import'));
    const errors = dispatcher.locator('.import-box ul.field-error');

    // Not JSON at all.
    await input.setInputFiles(geojsonFile('broken.geojson', '{"type": "FeatureCollection", '));
    await reads(errors, zh('dispatch.zones.notJson'));

    // A ring that does not close, in the second feature: the first must not be imported either.
    const open = square(121.43, 31.17, 0.003);
    open.coordinates[0]?.pop();
    await input.setInputFiles(
      geojsonFile('unclosed.geojson', {
        type: 'FeatureCollection',
        features: [
          {
            type: 'Feature',
            geometry: square(121.43, 31.17, 0.004),
            properties: { name: '好的区域', level: 'precaution' },
          },
          { type: 'Feature', geometry: open, properties: { name: '未闭合区域', level: 'sealed' } },
        ],
      }),
    );
    await reads(
      errors,
      `${zh('zoneImport.whereNamed', { n: 2, name: '未闭合区域', field: zh('zoneImport.field.geometry') })}：${zh('geometryProblem.unclosed_ring', { at: 'coordinates[0]' })}`,
    );

    // A level the product does not know.
    await input.setInputFiles(
      geojsonFile('level.geojson', {
        type: 'FeatureCollection',
        features: [
          {
            type: 'Feature',
            geometry: square(121.43, 31.17, 0.004),
            properties: { name: '区', level: 'red' },
          },
        ],
      }),
    );
    await reads(
      errors,
      zh('zoneImport.whereNamed', { n: 1, name: '区', field: zh('zoneImport.field.level') }),
      { contains: true },
    );
    await reads(errors, 'sealed', { contains: true });

    expect((await zones()).map((z) => z.name).sort()).toEqual(['康健新村封控区', '田林街道管控区'].sort());
    expect(await levels()).toEqual({ [city.compound.name]: 'controlled', [east.name]: 'sealed' });
  });
});
