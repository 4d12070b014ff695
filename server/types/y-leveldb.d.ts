// y-leveldb ships types, but its package.json "exports" do not point at them. The parts we use:
declare module 'y-leveldb' {
  export class LeveldbPersistence {
    constructor(location: string, options?: { Level?: unknown; levelOptions?: object });
    /** Runs `f` after every earlier transaction; errors are logged and turned into a `null` result. */
    _transact<T>(f: (db: any) => Promise<T>): Promise<T | null>;
    getYDoc(docName: string): Promise<import('yjs').Doc>;
    storeUpdate(docName: string, update: Uint8Array): Promise<number>;
    getMeta(docName: string, metaKey: string): Promise<unknown>;
    delMeta(docName: string, metaKey: string): Promise<void>;
    getAllDocNames(): Promise<string[]>;
    destroy(): Promise<void>;
  }
  export function getLevelUpdatesEntries(db: any, docName: string, opts?: object): Promise<Array<{ key: Array<string | number>; value: Uint8Array }>>;
  export function getLevelBulkEntries(db: any, opts: object): Promise<Array<{ key: Array<string | number>; value: Uint8Array }>>;
  export function getLevelBulkKeys(db: any, opts: object): Promise<Array<Array<string | number>>>;
  export function getLevelUpdates(db: any, docName: string, opts?: object): Promise<Uint8Array[]>;
  /** The database's key encoding (keys are arrays of strings and numbers). */
  export const keyEncoding: { encode(parts: Array<string | number>): Uint8Array; decode(key: Uint8Array): Array<string | number> };
}
