import { FairShare } from "../fair-share.ts";
import { FsError } from "./fs-errors.ts";

/** Estimated cost of one filesystem call (a SQLite query) and of each byte read or written, in ms. */
const FS_CALL_MS = 0.05;
const MS_PER_BYTE = 12 / (1024 * 1024);

/**
 * What one shell call may move through the session's files, and its share of the isolate.
 * just-bash runs each command as async JavaScript that awaits the filesystem, so every
 * filesystem call is a point where the call can give the event loop a turn (FairShare) and be
 * charged: a loop of two thousand `grep`s over a 4 MiB file reads 8 GiB and, unpaused, held
 * the isolate for 30 s. Past `maxReadBytes` the call is aborted with a limit error.
 */
export class ShellBudget {
  readonly #fairShare = new FairShare();
  readonly #maxReadBytes: number;
  readonly #abort: () => void;
  #readBytes = 0;
  #exceeded: string | null = null;

  constructor(maxReadBytes: number, abort: () => void) {
    this.#maxReadBytes = maxReadBytes;
    this.#abort = abort;
  }

  /** Why the call was stopped by this budget, if it was. */
  get exceeded(): string | null {
    return this.#exceeded;
  }

  /** Before each filesystem call: a turn for the isolate when the slice is used up. */
  async beforeCall(path: string): Promise<void> {
    this.#fairShare.charge(FS_CALL_MS);
    await this.#fairShare.maybePause();
    if (this.#exceeded) throw new FsError("EFBIG", "read", path, this.#exceeded);
  }

  read(bytes: number, path: string): void {
    this.#readBytes += bytes;
    this.#fairShare.charge(bytes * MS_PER_BYTE);
    if (this.#readBytes > this.#maxReadBytes && !this.#exceeded) {
      this.#exceeded = `read more than ${Math.round(this.#maxReadBytes / (1024 * 1024))} MiB of files in one call`;
      this.#abort();
      throw new FsError("EFBIG", "read", path, this.#exceeded);
    }
  }

  written(bytes: number): void {
    this.#fairShare.charge(bytes * MS_PER_BYTE);
  }
}
