import type { HistoryRecord } from '../history/types';
import type { DocumentStorage } from '../storage/types';
import type { LoadedDocument, RoomStore, RoomStores, StoredAppend } from './types';

/** One process holds every room: storage is all there is, nothing comes from elsewhere. */
export class SingleProcessRoomStores implements RoomStores {
  constructor(private readonly storage: DocumentStorage) {}

  open(name: string): RoomStore {
    return new SingleProcessRoomStore(name, this.storage);
  }

  close(): void {}
}

class SingleProcessRoomStore implements RoomStore {
  constructor(
    private readonly name: string,
    private readonly storage: DocumentStorage,
  ) {}

  async load(): Promise<LoadedDocument> {
    const state = await this.storage.loadDocument(this.name);
    if (state) await this.storage.history.adopt(this.name, state, null, Date.now());
    return { state, storedBytes: await this.storage.storedSize(this.name), uncompactedUpdates: 0 };
  }

  /** The room is the only writer of its document while loaded (Rooms.storeInitialState writes before): its document holds every entry. */
  async append(update: Uint8Array, records: HistoryRecord[]): Promise<StoredAppend> {
    return { span: await this.storage.appendUpdate(this.name, update, records), exact: true };
  }

  async compact(state: Uint8Array): Promise<boolean> {
    await this.storage.compact(this.name, state);
    return true;
  }

  async missingUpdates(): Promise<Uint8Array[]> {
    return [];
  }

  publishAwareness(): void {}

  close(): void {
    this.storage.forgetDocument?.(this.name);
  }
}
