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
