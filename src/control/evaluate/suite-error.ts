/**
 * A suite file that cannot be used, named precisely: `file:line: field "answer": expected …`.
 * The CLI prints the message as its one-line error (exit 2).
 */
export class SuiteError extends Error {
  override name = 'SuiteError';

  constructor(
    readonly file: string,
    readonly line: number | null,
    readonly field: string | null,
    readonly problem: string,
  ) {
    super(`${file}${line === null ? '' : `:${line}`}: ${field === null ? '' : `field "${field}": `}${problem}`);
  }
}
