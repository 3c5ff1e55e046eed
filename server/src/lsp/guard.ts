// Handler guards: a failing or cancelled handler logs one line and answers sensibly; it never
// takes the server down.
import { ErrorCodes, ResponseError } from 'vscode-languageserver/node';

/** Wraps a notification/event handler: errors (sync or async) are logged and swallowed. */
export function guard<A extends unknown[]>(log: (m: string) => void, name: string, fn: (...args: A) => unknown): (...args: A) => void {
  return (...args: A) => {
    try {
      const r = fn(...args);
      if (r instanceof Promise) r.catch((e) => log(`LeakLens: ${name} failed: ${(e as Error)?.stack ?? e}`));
    } catch (e) {
      log(`LeakLens: ${name} failed: ${(e as Error)?.stack ?? e}`);
    }
  };
}

/**
 * Wraps a request handler. With a `fallback`, any failure answers the fallback (hover, code
 * actions); without one, ResponseErrors pass through and other failures become InternalError.
 */
export function guardRequest<A extends unknown[], R, F>(
  log: (m: string) => void,
  name: string,
  fallback: F,
  fn: (...args: A) => R | Promise<R>,
): (...args: A) => Promise<R | F> {
  return async (...args: A) => {
    try {
      return await fn(...args);
    } catch (e) {
      if (e instanceof ResponseError) {
        if (fallback !== undefined) return fallback;
        throw e;
      }
      log(`LeakLens: ${name} failed: ${(e as Error)?.stack ?? e}`);
      if (fallback !== undefined) return fallback;
      throw new ResponseError(ErrorCodes.InternalError, `LeakLens: ${name} failed: ${(e as Error)?.message ?? e}`);
    }
  };
}
