/** Detection could not vouch for a text (bad input shape or an internal failure). Upstream, this is a denial. */
export class DetectorError extends Error {
  override name = 'DetectorError';
}
