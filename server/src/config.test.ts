import { describe, expect, it } from 'vitest';
import { loadConfig } from './config.ts';

describe('loadConfig: simulated drivers', () => {
  const embedded = { LASTMETER_DATA_DIR: 'memory://' };
  const postgres = { DATABASE_URL: 'postgres://u@localhost:5432/lm' };

  it('are on by default in the embedded demo, a new user’s first impression', () => {
    expect(loadConfig(embedded, []).simulateDrivers).toBe(true);
    expect(loadConfig(embedded, []).demo).toBe(true);
  });

  it('are turned off with --no-simulate or LASTMETER_SIMULATE=0', () => {
    expect(loadConfig(embedded, ['--no-simulate']).simulateDrivers).toBe(false);
    expect(loadConfig({ ...embedded, LASTMETER_SIMULATE: '0' }, []).simulateDrivers).toBe(false);
    expect(loadConfig({ ...embedded, LASTMETER_SIMULATE: 'false' }, []).simulateDrivers).toBe(false);
  });

  it('are off on PostgreSQL unless asked for', () => {
    expect(loadConfig(postgres, []).simulateDrivers).toBe(false);
    expect(loadConfig(postgres, ['--demo']).simulateDrivers).toBe(false);
    expect(loadConfig(postgres, ['--simulate']).simulateDrivers).toBe(true);
    expect(loadConfig({ ...postgres, LASTMETER_SIMULATE: '1' }, []).simulateDrivers).toBe(true);
  });
});

describe('loadConfig: routing engine', () => {
  it('uses the built-in estimate unless OSRM_URL is set', () => {
    expect(loadConfig({}, []).routing).toBeUndefined();
  });

  it('reads OSRM_URL with its table size, refresh and timeout', () => {
    const routing = loadConfig(
      { OSRM_URL: 'http://osrm:5000', OSRM_MAX_TABLE_SIZE: '500', OSRM_REFRESH_MINUTES: '30' },
      [],
    ).routing;
    expect(routing).toEqual({
      osrmUrl: 'http://osrm:5000',
      maxTableSize: 500,
      refreshMs: 30 * 60_000,
      retryMs: 60_000,
      timeoutMs: 10_000,
    });
  });

  it('refuses a malformed OSRM_URL or table size, naming the variable', () => {
    expect(() => loadConfig({ OSRM_URL: 'not a url' }, [])).toThrow(/OSRM_URL/);
    expect(() => loadConfig({ OSRM_URL: 'http://osrm', OSRM_MAX_TABLE_SIZE: '1' }, [])).toThrow(
      /OSRM_MAX_TABLE_SIZE/,
    );
  });
});
