// scheme://user:password@host… — the password runs to the last "@" that is followed by a host, so an
// unencoded "@" or "/" inside a password is still masked (at worst, more than the password is hidden).
const USERINFO = /^([a-z][a-z0-9+.-]*:\/\/[^:/?#@]*):(.*)@([^@/?#]*)(?=[/?#]|$)/i;

/** A connection URL safe to print: the password (and any password-like query parameter) replaced by "***". */
export function maskConnectionUrl(url: string): string {
  return url.replace(USERINFO, '$1:***@$3').replace(/([?&](?:password|pass|sslpassword)=)[^&#]*/gi, '$1***');
}

/** Removes the URL's password from a message (e.g. a driver error that quotes the URL or the password). */
export function maskSecrets(message: string, url: string): string {
  let out = message.split(url).join(maskConnectionUrl(url));
  const secrets = new Set<string>();
  const password = USERINFO.exec(url)?.[2];
  if (password) {
    secrets.add(password);
    try {
      secrets.add(decodeURIComponent(password));
    } catch {
      // not percent-encoded: the raw form is enough
    }
  }
  for (const match of url.matchAll(/[?&](?:password|pass|sslpassword)=([^&#]*)/gi)) if (match[1]) secrets.add(match[1]);
  for (const secret of secrets) if (secret.length > 0) out = out.split(secret).join('***');
  return out;
}
