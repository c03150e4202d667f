/**
 * Posting lists in typed arrays. Each term owns a byte buffer of postings sorted by internal doc id:
 *   varint(doc delta; absolute at the start of each block) · header byte · [escape varints]
 * The header packs the per-field tf (half-units, see analyzer TF_FULL) in 2 bits per field
 * (title, summary, keywords, field); the value 3 means "3 + varint that follows".
 * Every BLOCK postings a skip entry (first doc, byte offset) lets cursors jump ahead.
 */

export const BLOCK = 128;
export const END = 0x7fffffff;
export const NFIELDS = 4;

export class PostingList {
  bytes: Uint8Array;
  len = 0;
  count = 0;
  lastDoc = -1;
  /** Interleaved [firstDoc, byteOffset] per block. */
  skips: Uint32Array;
  nBlocks = 0;
  /**
   * Per block and field [block*4 + f]: the largest tf (half-units) and the smallest field length among the block's
   * postings with tf > 0 in that field — a safe upper bound of any score in the block (block-max pruning).
   */
  blockMaxTf: Uint16Array;
  blockMinLen: Uint16Array;

  constructor(initialBytes = 8) {
    this.bytes = new Uint8Array(initialBytes);
    this.skips = new Uint32Array(2);
    this.blockMaxTf = new Uint16Array(NFIELDS);
    this.blockMinLen = new Uint16Array(NFIELDS).fill(65535);
  }

  private ensure(extra: number): void {
    if (this.len + extra <= this.bytes.length) return;
    let cap = this.bytes.length * 2;
    while (cap < this.len + extra) cap *= 2;
    const next = new Uint8Array(cap);
    next.set(this.bytes.subarray(0, this.len));
    this.bytes = next;
  }

  private writeVarint(v: number): void {
    while (v >= 0x80) {
      this.bytes[this.len++] = (v & 0x7f) | 0x80;
      v >>>= 7;
    }
    this.bytes[this.len++] = v;
  }

  /**
   * Append a posting; doc must be greater than every doc already in the list. `lens` are the doc's field lengths
   * (for the block statistics).
   */
  append(doc: number, tf0: number, tf1: number, tf2: number, tf3: number, lens: ArrayLike<number>): void {
    if (doc <= this.lastDoc) throw new Error('postings must be appended in increasing doc order');
    this.ensure(5 + 1 + 4 * 5);
    let delta: number;
    if (this.count % BLOCK === 0) {
      if (this.nBlocks * 2 + 2 > this.skips.length) {
        const next = new Uint32Array(this.skips.length * 2);
        next.set(this.skips);
        this.skips = next;
      }
      if ((this.nBlocks + 1) * NFIELDS > this.blockMaxTf.length) {
        const cap = Math.max(NFIELDS, this.blockMaxTf.length * 2);
        const mt = new Uint16Array(cap);
        mt.set(this.blockMaxTf);
        this.blockMaxTf = mt;
        const ml = new Uint16Array(cap).fill(65535);
        ml.set(this.blockMinLen);
        this.blockMinLen = ml;
      }
      this.skips[this.nBlocks * 2] = doc;
      this.skips[this.nBlocks * 2 + 1] = this.len;
      this.nBlocks++;
      delta = doc;
    } else {
      delta = doc - this.lastDoc;
    }
    this.noteBlock(this.nBlocks - 1, tf0, tf1, tf2, tf3, lens);
    this.writeVarint(delta);
    const h0 = tf0 < 3 ? tf0 : 3;
    const h1 = tf1 < 3 ? tf1 : 3;
    const h2 = tf2 < 3 ? tf2 : 3;
    const h3 = tf3 < 3 ? tf3 : 3;
    this.bytes[this.len++] = h0 | (h1 << 2) | (h2 << 4) | (h3 << 6);
    if (h0 === 3) this.writeVarint(tf0 - 3);
    if (h1 === 3) this.writeVarint(tf1 - 3);
    if (h2 === 3) this.writeVarint(tf2 - 3);
    if (h3 === 3) this.writeVarint(tf3 - 3);
    this.lastDoc = doc;
    this.count++;
  }

  private noteBlock(b: number, tf0: number, tf1: number, tf2: number, tf3: number, lens: ArrayLike<number>): void {
    const i = b * NFIELDS;
    const tfs = [tf0, tf1, tf2, tf3];
    for (let f = 0; f < NFIELDS; f++) {
      const tf = tfs[f];
      if (tf === 0) continue;
      if (tf > this.blockMaxTf[i + f]) this.blockMaxTf[i + f] = Math.min(65535, tf);
      if (lens[f] < this.blockMinLen[i + f]) this.blockMinLen[i + f] = lens[f];
    }
  }

  /** Recomputes the block statistics from the postings (a list restored from a snapshot has none). */
  rebuildBlockStats(fieldLen: Uint16Array): void {
    this.blockMaxTf = new Uint16Array(Math.max(1, this.nBlocks) * NFIELDS);
    this.blockMinLen = new Uint16Array(Math.max(1, this.nBlocks) * NFIELDS).fill(65535);
    const c = new PostingCursor(this);
    for (let k = 0; c.doc !== END; k++, c.next()) {
      const d = c.doc;
      this.noteBlock(k >> 7, c.tf0, c.tf1, c.tf2, c.tf3, fieldLen.subarray(d * NFIELDS, d * NFIELDS + NFIELDS));
    }
  }

  /** Release spare capacity (after bulk building or compaction). */
  trim(): void {
    if (this.bytes.length > this.len) this.bytes = this.bytes.slice(0, this.len);
    if (this.skips.length > this.nBlocks * 2) this.skips = this.skips.slice(0, Math.max(2, this.nBlocks * 2));
    const nb = Math.max(1, this.nBlocks) * NFIELDS;
    if (this.blockMaxTf.length > nb) {
      this.blockMaxTf = this.blockMaxTf.slice(0, nb);
      this.blockMinLen = this.blockMinLen.slice(0, nb);
    }
  }

  byteSize(): number {
    return this.bytes.byteLength + this.skips.byteLength + this.blockMaxTf.byteLength + this.blockMinLen.byteLength + 64;
  }
}

/** Whether a posting header holds the escape value 3 (both bits set) in at least one field. */
function hasEscape(h: number): boolean {
  return h !== 0 && (h & 0xaa & (h << 1)) !== 0;
}

/** Sequential reader with block skipping. */
export class PostingCursor {
  doc = -1;
  tf0 = 0;
  tf1 = 0;
  tf2 = 0;
  tf3 = 0;
  private pos = 0;
  private off = 0;
  private readonly pl: PostingList;

  constructor(pl: PostingList) {
    this.pl = pl;
    this.next();
  }

  private varint(): number {
    const b = this.pl.bytes;
    let byte = b[this.off++];
    if (byte < 0x80) return byte; // most doc deltas and escapes fit one byte
    let v = byte & 0x7f;
    let scale = 128;
    do {
      byte = b[this.off++];
      v += (byte & 0x7f) * scale;
      scale *= 128;
    } while (byte & 0x80);
    return v;
  }

  next(): number {
    const pl = this.pl;
    if (this.pos >= pl.count) {
      this.doc = END;
      return END;
    }
    const bytes = pl.bytes;
    let delta = bytes[this.off];
    if (delta < 0x80) this.off++;
    else delta = this.varint();
    this.doc = (this.pos & (BLOCK - 1)) === 0 ? delta : this.doc + delta;
    this.readTfs(bytes[this.off++]);
    this.pos++;
    return this.doc;
  }

  /** Sets tf0..tf3 from a posting's header byte, reading the escape varints that follow it at `off`. */
  private readTfs(h: number): void {
    this.tf0 = h & 3;
    this.tf1 = (h >> 2) & 3;
    this.tf2 = (h >> 4) & 3;
    this.tf3 = (h >> 6) & 3;
    if (hasEscape(h)) {
      if (this.tf0 === 3) this.tf0 += this.varint();
      if (this.tf1 === 3) this.tf1 += this.varint();
      if (this.tf2 === 3) this.tf2 += this.varint();
      if (this.tf3 === 3) this.tf3 += this.varint();
    }
  }

  /** The block holding the current posting (meaningful while doc !== END). */
  block(): number {
    return (this.pos - 1) >> 7; // BLOCK = 128
  }

  /** First doc of the block after the current one, END when it is the last. */
  nextBlockDoc(): number {
    const b = this.block() + 1;
    return b < this.pl.nBlocks ? this.pl.skips[b * 2] : END;
  }

  get list(): PostingList {
    return this.pl;
  }

  /** Move to the first posting with doc ≥ target. */
  advance(target: number): number {
    if (this.doc >= target) return this.doc;
    const pl = this.pl;
    const curBlock = (this.pos - 1) >> 7; // BLOCK = 128
    const nb = pl.nBlocks;
    if (curBlock + 1 < nb && pl.skips[(curBlock + 1) * 2] <= target) {
      // binary search the last block whose first doc ≤ target
      let lo = curBlock + 1;
      let hi = nb - 1;
      while (lo < hi) {
        const mid = (lo + hi + 1) >> 1;
        if (pl.skips[mid * 2] <= target) lo = mid;
        else hi = mid - 1;
      }
      this.pos = lo * BLOCK;
      this.off = pl.skips[lo * 2 + 1];
    }
    // next() inlined over locals: postings before the target are decoded only as far as needed to pass them
    const b = pl.bytes;
    const count = pl.count;
    let pos = this.pos;
    let off = this.off;
    let doc = this.doc;
    while (pos < count) {
      let delta = b[off];
      if (delta < 0x80) off++;
      else {
        this.off = off;
        delta = this.varint();
        off = this.off;
      }
      doc = (pos & (BLOCK - 1)) === 0 ? delta : doc + delta;
      pos++;
      const h = b[off++];
      if (doc < target) {
        // pass the escape varints (one per field whose 2 bits are both set)
        if (hasEscape(h)) for (let f = 0; f < NFIELDS; f++) if (((h >> (2 * f)) & 3) === 3) while (b[off++] & 0x80);
        continue;
      }
      this.pos = pos;
      this.off = off;
      this.doc = doc;
      this.readTfs(h);
      return doc;
    }
    this.pos = pos;
    this.off = off;
    this.doc = END;
    return END;
  }
}
