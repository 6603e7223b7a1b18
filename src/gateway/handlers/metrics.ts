import { JajuError } from '../../domain/index.js';
import { bearerToken, secretsEqual } from '../../http/bearer-token.js';
import type { Handler } from '../../http/request-context.js';
import type { GatewayMetrics } from '../metrics/gateway-metrics.js';
import type { GatewayRuntime } from '../runtime.js';

/**
 * GET /metrics. The metrics name apps and providers, so they need a credential: the operator key,
 * the admin key or the metrics token (`server.metrics.tokenEnv`, what a Prometheus scrape config
 * sends as `authorization: { credentials_file: … }`). Open only on the separate metrics listener
 * (`server.metrics.port`) when no metrics token is set: that address is the access control there.
 */
export function metricsHandler(runtime: GatewayRuntime, metrics: GatewayMetrics, options: { open: boolean }): Handler {
  const { adminKey, operatorKey, metricsToken } = runtime.secrets;
  const credentials = [adminKey, operatorKey, metricsToken].filter((secret): secret is string => secret !== undefined && secret !== '');
  const open = options.open && (metricsToken === undefined || metricsToken === '');
  return async (context) => {
    if (!open) {
      const token = bearerToken(context.request);
      // Every comparison runs, so the time taken does not say which credential came close.
      let accepted = false;
      if (token !== undefined) for (const credential of credentials) accepted = secretsEqual(token, credential) || accepted;
      if (!accepted) {
        throw new JajuError('invalid_api_key', `metrics credential required: send "Authorization: Bearer <operator key, admin key or the token in ${runtime.config.server.metrics.tokenEnv}>"`);
      }
    }
    const text = await metrics.registry.metrics();
    context.response.writeHead(200, { 'content-type': metrics.registry.contentType, 'content-length': Buffer.byteLength(text) });
    context.response.end(text);
  };
}
