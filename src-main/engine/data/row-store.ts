/**
 * Growable storage for fixed-width rows when the row count is unknown until the end of a stream.
 *
 * Without a hint, rows go into blocks of about 4 MB and `finish` copies them into one array, dropping
 * each block as it goes (the peak is still about two copies). With `maxRows`, an upper bound on the
 * row count (e.g. derived from the byte size of a text table), the first block holds them all and
 * `finish` returns it without copying: trimmed by a view when at most 10 % of it is unused, else copied.
 */

type RowArray = Uint8Array | Uint16Array | Uint32Array | Float32Array;
type RowArrayConstructor<T extends RowArray> = { new (length: number): T; readonly BYTES_PER_ELEMENT: number };

const BLOCK_BYTES = 4 << 20;
const MAX_UNUSED = 0.1;

export class RowStore<T extends RowArray> {
  private readonly blocks: T[] = [];
  private readonly rowsPerBlock: number;
  private current: T | undefined;
  private inBlock = 0;
  private capacity = 0;
  /** Rows added so far. */
  rows = 0;

  constructor(
    private readonly ctor: RowArrayConstructor<T>,
    private readonly width: number,
    private readonly maxRows?: number,
  ) {
    this.rowsPerBlock = Math.max(1, Math.floor(BLOCK_BYTES / Math.max(1, width * ctor.BYTES_PER_ELEMENT)));
  }

  /** A zeroed view of the next row, for the caller to fill. */
  next(): T {
    if (!this.current || this.inBlock === this.capacity) {
      this.capacity = this.blocks.length === 0 && this.maxRows ? this.maxRows : this.rowsPerBlock;
      this.current = new this.ctor(this.capacity * this.width);
      this.blocks.push(this.current);
      this.inBlock = 0;
    }
    const start = this.inBlock * this.width;
    this.inBlock++;
    this.rows++;
    return this.current.subarray(start, start + this.width) as T;
  }

  /** All rows in one array (exactly rows × width long); the store is empty afterwards. */
  finish(): T {
    const used = this.rows * this.width;
    const only = this.blocks.length === 1 ? this.blocks[0] : undefined;
    let out: T;
    if (only && only.length - used <= MAX_UNUSED * only.length) {
      out = only.length === used ? only : (only.subarray(0, used) as T);
      this.blocks.length = 0;
    } else {
      out = new this.ctor(used);
      let at = 0;
      while (this.blocks.length > 0) {
        const block = this.blocks.shift() as T;
        const part = this.blocks.length === 0 ? this.inBlock * this.width : block.length;
        out.set(block.subarray(0, part), at);
        at += part;
      }
    }
    this.current = undefined;
    this.rows = 0;
    return out;
  }
}
