/** What a detector found. `secret` covers CVV, PIN, one-time codes and passwords. */
export type FindingKind = 'card' | 'cn_id' | 'iban' | 'phone' | 'email' | 'secret'

/** One hidden span; `start`/`end` are UTF-16 offsets `[start, end)` into the ORIGINAL text. */
export interface Finding {
  kind: FindingKind
  start: number
  end: number
}

/** A finding in a nested record; `path` is dot-separated, e.g. `fields.description`. */
export interface FieldFinding extends Finding {
  path: string
}

/** Options for {@link redact}. */
export interface RedactOptions {
  /**
   * The whole text is a labelled reference (an order or transaction number field). Card and
   * phone rules are skipped, as for a number written right after 订单号 / "transaction id".
   * ID numbers, IBANs, e-mails and secrets are still hidden.
   */
  reference?: boolean
}

/** Result of {@link redact}. */
export interface RedactResult {
  text: string
  findings: Finding[]
}

/** Internal: a claimed span with its replacement. */
export interface Hit extends Finding {
  replacement: string
}
