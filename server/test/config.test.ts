import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../config';

describe('config', () => {
  it('has defaults', () => {
    const config = loadConfig({});
    expect(config.PORT).toBe(8080);
    expect(config.HOST).toBe('0.0.0.0');
    expect(config.MAX_MESSAGE_BYTES).toBe(2 * 1024 * 1024);
    expect(config.MAX_CONNECTIONS_PER_BOARD).toBe(50);
    expect(config.BOARD_SECRET).toBeUndefined();
    expect(config.DATA_DIR).toMatch(/\/data$/);
    expect(config.STATIC_DIR).toMatch(/\/dist$/);
  });

  it('reads and coerces values; empty means unset', () => {
    const config = loadConfig({ PORT: '0', MAX_MESSAGE_BYTES: '4096', FSYNC_WRITES: 'true', HOST: '', DATA_DIR: '/tmp/d' });
    expect(config.PORT).toBe(0);
    expect(config.MAX_MESSAGE_BYTES).toBe(4096);
    expect(config.FSYNC_WRITES).toBe(true);
    expect(config.HOST).toBe('0.0.0.0');
    expect(config.DATA_DIR).toBe('/tmp/d');
  });

  it('refuses bad values with a message naming each', () => {
    expect(() => loadConfig({ PORT: '70000' })).toThrow(ConfigError);
    try {
      loadConfig({ PORT: 'abc', BOARD_SECRET: 'short', MAX_CONNECTIONS_PER_BOARD: '0' });
      expect.unreachable();
    } catch (error) {
      const message = (error as Error).message;
      expect(message).toContain('PORT="abc": must be a number');
      expect(message).toContain('BOARD_SECRET=<hidden>');
      expect(message).not.toContain('short');
      expect(message).toContain('MAX_CONNECTIONS_PER_BOARD="0": must be at least 1');
    }
  });
});
