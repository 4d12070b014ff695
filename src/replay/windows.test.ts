import { describe, expect, it } from 'vitest';
import { servedWindows, tenCardsSession } from './recordedSession';
import { KEPT_WINDOWS, WindowedHistory } from './windows';

describe('windowed history', () => {
  it('loads while idle the kept windows nearest to a moment, and moving on lets only the farther ones go', async () => {
    const session = tenCardsSession();
    const source = session.source();
    const server = servedWindows(source);
    const from = source.base.at;
    // Windows of 0.5 s over 10 s: 20 of them, more than are kept.
    const history = new WindowedHistory(server.load, from, session.now(), 500);
    const preloadAround = async (at: number) => {
      for (let window = history.nextToPreload(at); window !== undefined; window = history.nextToPreload(at)) await history.ensure(history.bounds(window).from);
    };
    const numbers = () => server.served.map((span) => history.windowOf(span.from));
    const loaded = () => [...Array(20).keys()].filter((window) => history.engineAt(history.bounds(window).from) !== undefined);

    await preloadAround(from + 5200);
    expect(KEPT_WINDOWS).toBe(12);
    expect(numbers()).toEqual([10, 11, 9, 12, 8, 13, 7, 14, 6, 15, 5, 16]);

    await preloadAround(from + 1200);
    expect(numbers().slice(12)).toEqual([2, 3, 1, 4, 0]);
    expect(loaded()).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]);
    await preloadAround(from + 1200);
    expect(server.served).toHaveLength(17);
    history.destroy();
  });
});
