import type * as CedarWasm from '@cedar-policy/cedar-wasm/nodejs';

/** The Cedar WebAssembly bindings (Node build: loads the 4 MB module synchronously from disk). */
export type Cedar = typeof CedarWasm;

let loading: Promise<Cedar> | undefined;

/**
 * Loads Cedar once per process, on first use, so that importing src/policy for its types or for
 * decideRoute does not pay the ~50 ms WebAssembly start-up.
 */
export function loadCedar(): Promise<Cedar> {
  loading ??= import('@cedar-policy/cedar-wasm/nodejs');
  return loading;
}

/** Cedar's message plus its hint, on one line. */
export function cedarMessage(error: { message: string; help?: string | null }): string {
  const message = error.message.replace(/\s+/g, ' ').trim();
  return error.help ? `${message} (${error.help.replace(/\s+/g, ' ').trim()})` : message;
}
