/**
 * What the product calls a kind of system, without any of its code: browser-safe, so the
 * mapping editor can name systems too. Each `<kind>/metadata.ts` holds one (cal.com's
 * `_metadata.ts`), `connector-kinds.ts` lists them, and `<kind>/index.ts` builds the
 * connector's definition on it.
 */
export interface ConnectorMetadata {
  /** The stored connection's `kind`; also the folder name under `src/`. */
  kind: string;
  /** What the mapping editor calls this kind of system when no connection names it. */
  label: string;
  /**
   * How a sentence names the system when its mapping side has no label ("the database wins
   * for …"); the label when absent.
   */
  systemName?: string;
}
