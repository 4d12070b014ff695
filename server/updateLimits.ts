import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';

/**
 * Bounded reading of Yjs updates (format v1, as y-websocket sends and the server stores them) and
 * of awareness states, before anything else decodes them.
 *
 * Yjs and lib0 decode values recursively: an update holding an array nested a few thousand deep
 * overflows the stack of whoever reads it, and whether it does depends on how warm the process
 * is. A server that applied such an update once would store it and then fail to load the board
 * after a restart. This reader walks an update the way Yjs will (structs, item contents, values,
 * delete set) with a depth counter and size limits, without building any value, so it can refuse
 * an update before it is applied, stored or relayed, and find the parts of a stored update that
 * would break the load path.
 */

export interface ValueLimits {
  /**
   * Nesting of arrays and objects in any value (a ContentAny value, JSON text, a document's options),
   * and of shared types in each other (a map in a map in ...), counted from the root type.
   */
  maxDepth: number;
  /** Bytes of any one string (text, map key, value) or binary. */
  maxStringBytes: number;
  /** Entries of any one array or object, values of one item. */
  maxItems: number;
}

/** What a client may send (documented in server/README.md, "Limits on what a message may hold"). */
export const UPDATE_LIMITS: ValueLimits = { maxDepth: 64, maxStringBytes: 1024 * 1024, maxItems: 100_000 };

/**
 * What is read back from storage: only the depth, which is what breaks the load path. Stored
 * states merge many updates, so a text or a list may legitimately be larger than one message allows.
 */
export const STORED_LIMITS: ValueLimits = { maxDepth: 64, maxStringBytes: Number.POSITIVE_INFINITY, maxItems: Number.POSITIVE_INFINITY };

/** Why an update or awareness state was refused. */
export class LimitError extends Error {
  constructor(
    readonly kind: 'depth' | 'string' | 'items' | 'malformed',
    message: string,
  ) {
    super(message);
  }
}

/**
 * How many shared types hold the item with this id, up to its root type (0: directly in a root type),
 * in the document the update will be applied to; null when the document does not have it.
 */
export type TypesAbove = (client: number, clock: number) => number | null;

/** Where an item of an update goes: into a root type, into the type another item holds, or beside another item (into its parent). */
type Placement = { kind: 'root' } | { kind: 'in' | 'beside'; client: number; clock: number };

/** An item of an update: its ids, whether it holds a shared type, and where it goes. */
interface PlacedItem {
  client: number;
  clock: number;
  length: number;
  holdsType: boolean;
  placement: Placement;
}

/** What a walk of an update learns besides its limits. */
export interface UpdateOutline {
  /**
   * Each client that wrote structs of the update, with the clock its structs start at: what Yjs's
   * parseUpdateMeta(update).from holds, read by the same walk.
   */
  starts: Map<number, number>;
  /** Whether the update adds a shared type. */
  addsType: boolean;
}

/** An item whose content breaks a limit: where it is in the update, and how many clock ticks it spans. */
interface BadItem {
  infoPos: number;
  contentStart: number;
  contentEnd: number;
  length: number;
  error: LimitError;
}

const BITS5 = 0b1_1111;
const BIT6 = 0b10_0000;
const BIT7 = 0b100_0000;
const BIT8 = 0b1000_0000;
const CONTENT_DELETED = 1;
const textDecoder = new TextDecoder();

class Walker {
  readonly decoder: decoding.Decoder;
  constructor(
    update: Uint8Array,
    readonly limits: ValueLimits,
  ) {
    this.decoder = decoding.createDecoder(update);
  }

  uint(): number {
    if (this.decoder.pos >= this.decoder.arr.length) throw new LimitError('malformed', 'update ends early');
    return decoding.readVarUint(this.decoder);
  }

  /** Two numbers: an id (client, clock) or a deleted range (clock, length). */
  pair(): [number, number] {
    return [this.uint(), this.uint()];
  }

  byte(): number {
    if (this.decoder.pos >= this.decoder.arr.length) throw new LimitError('malformed', 'update ends early');
    return decoding.readUint8(this.decoder);
  }

  skip(bytes: number): void {
    if (bytes > this.decoder.arr.length - this.decoder.pos) throw new LimitError('malformed', 'field longer than the update');
    this.decoder.pos += bytes;
  }

  /** A length-prefixed string or binary; returns its byte length. */
  bytes(): number {
    const length = this.uint();
    // Past the end is a broken update, whatever the limits.
    if (length > this.decoder.arr.length - this.decoder.pos) throw new LimitError('malformed', 'field longer than the update');
    if (length > this.limits.maxStringBytes) throw new LimitError('string', `a string of ${length} bytes (at most ${this.limits.maxStringBytes})`);
    this.skip(length);
    return length;
  }

  /** A string read as text (for JSON content, whose nesting is checked without parsing it). */
  text(): string {
    const length = this.bytes();
    return textDecoder.decode(this.decoder.arr.subarray(this.decoder.pos - length, this.decoder.pos));
  }

  count(what: string): number {
    const n = this.uint();
    // Every entry takes at least one byte: a larger count cannot be honest.
    if (n > this.decoder.arr.length - this.decoder.pos) throw new LimitError('malformed', `${what} longer than the update`);
    if (n > this.limits.maxItems) throw new LimitError('items', `${what} of ${n} entries (at most ${this.limits.maxItems})`);
    return n;
  }

  /** One lib0 "any" value (lib0/decoding readAny), nesting at most maxDepth. */
  any(depth: number): void {
    const tag = this.byte();
    switch (tag) {
      case 127: // undefined
      case 126: // null
      case 121: // false
      case 120: // true
        return;
      case 125: // varInt
        decoding.readVarInt(this.decoder);
        return;
      case 124:
        return this.skip(4);
      case 123:
      case 122:
        return this.skip(8);
      case 119: // string
      case 116: // Uint8Array
        this.bytes();
        return;
      case 118: // object
      case 117: {
        // array
        if (depth >= this.limits.maxDepth) throw new LimitError('depth', `a value nested more than ${this.limits.maxDepth} levels deep`);
        const n = this.count(tag === 118 ? 'an object' : 'an array');
        for (let i = 0; i < n; i++) {
          if (tag === 118) this.bytes();
          this.any(depth + 1);
        }
        return;
      }
      default:
        throw new LimitError('malformed', `unknown value type ${tag}`);
    }
  }

  json(): void {
    const text = this.text();
    if (text !== 'undefined') checkJsonDepth(text, this.limits.maxDepth);
  }

  /** An item's content (Yjs contentRefs); returns how many clock ticks the item spans. */
  content(ref: number): number {
    switch (ref) {
      case 1: // deleted
        return this.uint();
      case 2: {
        // JSON (legacy)
        const n = this.count('a JSON item');
        for (let i = 0; i < n; i++) this.json();
        return n;
      }
      case 3: // binary
        this.bytes();
        return 1;
      case 4: {
        // string: its length in UTF-16 code units
        return this.text().length;
      }
      case 5: // embed
        this.json();
        return 1;
      case 6: // format
        this.bytes();
        this.json();
        return 1;
      case 7: {
        // type
        const typeRef = this.uint();
        if (typeRef > 6) throw new LimitError('malformed', `unknown type ${typeRef}`);
        if (typeRef === 3 || typeRef === 5) this.bytes(); // XML element name, hook name
        return 1;
      }
      case 8: {
        // any
        const n = this.count('an item');
        for (let i = 0; i < n; i++) this.any(0);
        return n;
      }
      case 9: // subdocument: guid and options
        this.bytes();
        this.any(0);
        return 1;
      default:
        throw new LimitError('malformed', `unknown content type ${ref}`);
    }
  }

  /**
   * Walks the whole update. With `collect`, an item whose content breaks a value limit is listed and
   * the walk goes on; without, the first problem is thrown. A framing problem is always thrown.
   * With `placed`, every item is listed with where it goes.
   */
  walk(collect: BadItem[] | null, placed: PlacedItem[] | null = null): UpdateOutline {
    const outline: UpdateOutline = { starts: new Map(), addsType: false };
    const clients = this.count('an update');
    for (let c = 0; c < clients; c++) {
      const structs = this.count('a client');
      const client = this.uint();
      let clock = this.uint();
      if (structs > 0) outline.starts.set(client, clock);
      for (let s = 0; s < structs; s++) {
        const infoPos = this.decoder.pos;
        const info = this.byte();
        const ref = info & BITS5;
        if (ref === 0 || ref === 10) {
          clock += this.uint(); // GC or skip: its length
          continue;
        }
        const origin = info & BIT8 ? this.pair() : null;
        const rightOrigin = info & BIT7 ? this.pair() : null;
        let parent: [number, number] | null = null;
        if ((info & (BIT7 | BIT8)) === 0) {
          if (this.uint() === 1)
            this.bytes(); // parent: a root type's name
          else parent = this.pair(); // parent: an item's id
          if (info & BIT6) this.bytes(); // parentSub: a map key
        }
        const contentStart = this.decoder.pos;
        let length: number;
        try {
          length = this.content(ref);
        } catch (error) {
          if (!collect || !(error instanceof LimitError) || error.kind === 'malformed') throw error;
          // Skip the rest of the content with unbounded limits: only its extent is needed now.
          this.decoder.pos = contentStart;
          const lenient = new Walker(this.decoder.arr, { maxDepth: Number.POSITIVE_INFINITY, maxItems: Number.POSITIVE_INFINITY, maxStringBytes: Number.POSITIVE_INFINITY });
          lenient.decoder.pos = contentStart;
          length = lenient.contentExtent(ref);
          collect.push({ infoPos, contentStart, contentEnd: lenient.decoder.pos, length, error });
          this.decoder.pos = lenient.decoder.pos;
        }
        if (ref === 7) outline.addsType = true;
        if (placed) {
          // Yjs puts an item with an origin into its origin's parent, else into its right origin's.
          const beside = origin ?? rightOrigin;
          const placement: Placement = beside ? { kind: 'beside', client: beside[0], clock: beside[1] } : parent ? { kind: 'in', client: parent[0], clock: parent[1] } : { kind: 'root' };
          placed.push({ client, clock, length, holdsType: ref === 7, placement });
        }
        clock += length;
      }
    }
    const deleteClients = this.count('a delete set');
    for (let c = 0; c < deleteClients; c++) {
      this.uint(); // client
      const ranges = this.count('a delete set');
      for (let r = 0; r < ranges; r++) this.pair(); // clock and length
    }
    return outline;
  }

  /**
   * The clock ticks of a content whose values may be arbitrarily deep, walking values with an
   * explicit stack instead of recursion (it runs on exactly the values that are too deep).
   */
  contentExtent(ref: number): number {
    if (ref !== 8 && ref !== 9) return this.content(ref);
    if (ref === 9) this.bytes();
    const n = ref === 8 ? this.count('an item') : 1;
    for (let i = 0; i < n; i++) this.flatAny();
    return n;
  }

  private flatAny(): void {
    const open: Array<{ left: number; object: boolean }> = [{ left: 1, object: false }];
    while (open.length > 0) {
      const top = open[open.length - 1]!;
      if (top.left === 0) {
        open.pop();
        continue;
      }
      top.left--;
      if (top.object) this.bytes(); // the key
      const tag = this.byte();
      if (tag === 118 || tag === 117) {
        open.push({ left: this.count('a value'), object: tag === 118 });
      } else {
        this.decoder.pos--;
        this.any(0);
      }
    }
  }
}

/**
 * Checks how deep arrays and objects nest in JSON text without parsing it (JSON.parse and
 * JSON.stringify recurse too). Throws LimitError when deeper than `maxDepth`.
 */
export function checkJsonDepth(text: string, maxDepth: number): void {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 92)
        i++; // backslash: skip the escaped character
      else if (c === 34) inString = false;
    } else if (c === 34) {
      inString = true;
    } else if (c === 91 || c === 123) {
      if (++depth > maxDepth) throw new LimitError('depth', `a value nested more than ${maxDepth} levels deep`);
    } else if (c === 93 || c === 125) {
      depth--;
    }
  }
}

/**
 * Throws LimitError unless the update can be read within `limits` (the first problem found). With
 * `typesAbove` (the document the update is for), also unless every shared type it adds nests at
 * most `limits.maxDepth` deep: Yjs deletes, garbage-collects and serialises nested types
 * recursively, so a map nested thousands deep overflows the stack of the server that deletes it
 * and of everyone who loads the board afterwards. Returns what the walk learnt of the update.
 */
export function checkUpdate(update: Uint8Array, limits: ValueLimits = UPDATE_LIMITS, typesAbove: TypesAbove | null = null): UpdateOutline {
  let outline: UpdateOutline;
  let placed: PlacedItem[] | null = null;
  try {
    outline = new Walker(update, limits).walk(null);
    // Only a type can be nested too deep; most updates (a moved card, a typed letter) add none, and
    // need no second walk that places their items.
    if (typesAbove && outline.addsType) new Walker(update, limits).walk(null, (placed = []));
  } catch (error) {
    if (error instanceof LimitError) throw error;
    throw new LimitError('malformed', `malformed update: ${(error as Error)?.message ?? String(error)}`);
  }
  if (placed && typesAbove) checkTypeNesting(placed, limits.maxDepth, typesAbove);
  return outline;
}

/**
 * How many types hold each item of an update (its parent chain, through items of the update and of
 * the document), without recursion: an update may chain thousands of items.
 */
function checkTypeNesting(items: PlacedItem[], maxDepth: number, typesAbove: TypesAbove): void {
  const byClient = new Map<number, PlacedItem[]>();
  for (const item of items) {
    let list = byClient.get(item.client);
    if (!list) byClient.set(item.client, (list = []));
    list.push(item);
  }
  // An update lists each client's items in clock order.
  const itemAt = (client: number, clock: number): PlacedItem | undefined => {
    const list = byClient.get(client);
    if (!list) return undefined;
    let [low, high] = [0, list.length - 1];
    while (low <= high) {
      const mid = (low + high) >> 1;
      const item = list[mid]!;
      if (clock < item.clock) high = mid - 1;
      else if (clock >= item.clock + item.length) low = mid + 1;
      else return item;
    }
    return undefined;
  };
  const above = new Map<PlacedItem, number>();
  const visiting = new Set<PlacedItem>();
  for (const first of items) {
    // Follow the placements up to an item already counted, a root type or the document.
    const chain: Array<{ item: PlacedItem; step: number }> = [];
    let item: PlacedItem | undefined = first;
    let base = 0;
    while (item) {
      const known = above.get(item);
      if (known !== undefined) {
        base = known;
        break;
      }
      // A cycle: Yjs cannot integrate these items either (they stay pending and are refused).
      if (visiting.has(item)) break;
      visiting.add(item);
      const { placement } = item;
      if (placement.kind === 'root') {
        chain.push({ item, step: 0 });
        break;
      }
      const step = placement.kind === 'in' ? 1 : 0;
      chain.push({ item, step });
      item = itemAt(placement.client, placement.clock);
      if (!item) base = typesAbove(placement.client, placement.clock) ?? 0;
    }
    let depth = base;
    for (let i = chain.length - 1; i >= 0; i--) {
      const link = chain[i]!;
      depth += link.step;
      above.set(link.item, depth);
      visiting.delete(link.item);
      if (link.item.holdsType && depth + 1 > maxDepth) throw new LimitError('depth', `shared types nested more than ${maxDepth} levels deep`);
    }
  }
}

export interface Salvage {
  /** The update with every item that breaks a limit turned into a deleted item of the same length. */
  update: Uint8Array;
  /** The problems found, one per rewritten item. */
  problems: LimitError[];
}

/**
 * For a stored update that breaks `limits`: the same update with each offending item's content
 * replaced by a deletion of equal length, so its ids (and every later edit that refers to them)
 * still integrate, and only the offending values are gone. Null when the update cannot be read
 * at all (then nothing of it can be kept).
 */
export function salvageUpdate(update: Uint8Array, limits: ValueLimits = STORED_LIMITS): Salvage | null {
  const bad: BadItem[] = [];
  try {
    new Walker(update, limits).walk(bad);
  } catch {
    return null;
  }
  const encoder = encoding.createEncoder();
  let from = 0;
  for (const item of bad) {
    encoding.writeUint8Array(encoder, update.subarray(from, item.infoPos));
    encoding.writeUint8(encoder, (update[item.infoPos]! & ~BITS5) | CONTENT_DELETED);
    encoding.writeUint8Array(encoder, update.subarray(item.infoPos + 1, item.contentStart));
    encoding.writeVarUint(encoder, item.length);
    from = item.contentEnd;
  }
  encoding.writeUint8Array(encoder, update.subarray(from));
  return { update: encoding.toUint8Array(encoder), problems: bad.map((item) => item.error) };
}

/** Limits on one awareness state (the JSON text of a client's presence). */
export interface AwarenessLimits {
  maxStateBytes: number;
  maxDepth: number;
}

/** Default limits on awareness states (MAX_AWARENESS_BYTES overrides the size). */
export const AWARENESS_LIMITS: AwarenessLimits = { maxStateBytes: 256 * 1024, maxDepth: 64 };

/**
 * Reads an awareness update completely, checking each state's size and nesting before anything
 * parses it (y-protocols parses it, and the server serialises it again to relay it). Throws
 * LimitError; 'malformed' for anything that is not a well-formed awareness update.
 */
export function checkAwarenessUpdate(update: Uint8Array, limits: AwarenessLimits): void {
  const decoder = decoding.createDecoder(update);
  try {
    const count = decoding.readVarUint(decoder);
    for (let i = 0; i < count; i++) {
      decoding.readVarUint(decoder); // client id
      decoding.readVarUint(decoder); // clock
      const length = decoding.readVarUint(decoder);
      if (length > decoder.arr.length - decoder.pos) throw new LimitError('malformed', 'awareness state longer than the message');
      if (length > limits.maxStateBytes) throw new LimitError('string', `an awareness state of ${length} bytes (at most ${limits.maxStateBytes})`);
      const text = textDecoder.decode(decoding.readUint8Array(decoder, length));
      checkJsonDepth(text, limits.maxDepth);
      JSON.parse(text);
    }
  } catch (error) {
    if (error instanceof LimitError) throw error;
    throw new LimitError('malformed', `malformed awareness update: ${(error as Error)?.message ?? String(error)}`);
  }
  if (decoding.hasContent(decoder)) throw new LimitError('malformed', 'trailing bytes in awareness update');
}
