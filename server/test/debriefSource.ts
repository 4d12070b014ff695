import type { DebriefSource } from '../../src/replay/debriefLoad';
import { HistorySchema, UpdatesSchema, type Fetched, type HistoryRoom } from '../../src/replay/historyApi';

/** For tests and benchmarks: what the debrief page reads (src/replay/debriefLoad.ts), from a server's HTTP API in Node. */
export interface Read {
  room: HistoryRoom;
  window?: { from: number; to?: number };
  updates: number;
  /** Of the answer's body. */
  bytes: number;
}

/** The debrief's source over HTTP, as the page's (src/replay/historyApi.ts), noting every room it reads; `whole` ignores the windows asked for. */
export function httpSource(origin: string, boardId: string, token: string, reads: Read[], { whole = false } = {}): DebriefSource {
  const get = async (path: string): Promise<{ ok: true; value: unknown; bytes: number } | { ok: false; status: number; error: string }> => {
    const response = await fetch(`${origin}/api/boards/${boardId}${path}`, { headers: { Authorization: `Bearer ${token}` } });
    const text = await response.text();
    const body = JSON.parse(text) as unknown;
    return response.ok ? { ok: true, value: body, bytes: text.length } : { ok: false, status: response.status, error: String((body as { error?: unknown }).error) };
  };
  return {
    history: async () => {
      const got = await get('/history');
      return got.ok ? { ok: true, value: HistorySchema.parse(got.value) } : got;
    },
    updates: async (room, asked) => {
      const window = whole ? undefined : asked;
      const got = await get(`/history/updates?room=${room}${window ? `&from=${window.from}${window.to === undefined ? '' : `&to=${window.to}`}` : ''}`);
      if (!got.ok) return got;
      const value = UpdatesSchema.parse(got.value);
      reads.push({ room, ...(window ? { window } : {}), updates: value.updates.length, bytes: got.bytes });
      return { ok: true, value };
    },
    stateAt: async (room, at): Promise<Fetched<Uint8Array>> => {
      const got = await get(`/history/state?room=${room}&at=${at}`);
      if (got.ok) reads.push({ room, updates: 0, bytes: got.bytes });
      return got.ok ? { ok: true, value: new Uint8Array(Buffer.from((got.value as { state: string }).state, 'base64')) } : got;
    },
    reference: async () => null,
  };
}
