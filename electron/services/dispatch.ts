/**
 * One IPC call, from untrusted input to a typed response: check the sender, the channel and
 * the payload, run the handler, and turn failures into error codes the renderer can
 * translate. Shared by the Electron registration and the browser test harness, so tests
 * exercise the same gate the kiosk uses. Never imports `electron`.
 */
import { ipcContract, isChannel, type Handlers, type IpcErrorCode, type IpcResponse } from '../../shared/ipc/contract';

export function classifyError(error: unknown): IpcErrorCode {
  const code = typeof error === 'object' && error !== null && 'code' in error ? String((error as { code: unknown }).code) : '';
  if (code === 'INVALID_SESSION' || code === 'INVALID_SETTING') return 'invalidPayload';
  if (code === 'STAFF_LOCKED') return 'staffLocked';
  if (code === 'SQLITE_FULL' || code === 'ENOSPC' || code === 'EDQUOT') return 'storageFull';
  if (code.startsWith('SQLITE_READONLY') || code === 'EROFS' || code === 'EACCES' || code === 'EPERM') return 'storageReadOnly';
  return 'internal';
}

/**
 * zod 4 silently drops a `__proto__` key from a record instead of checking it against the key
 * schema, so a payload carrying one would pass, minus that key. The kiosk's renderer never
 * sends such a key: refuse it as malformed. The depth bound covers every payload shape
 * (none nests deeper than 3); anything deeper is refused by the schema anyway.
 *
 * Structured clone keeps shared references, so a payload of a few hundred bytes can hold
 * arrays of the same array nested deep (100^8 paths): each object is visited once, breadth
 * first so that it is seen at its shallowest depth.
 */
function holdsProtoKey(value: unknown): boolean {
  const seen = new Set<object>();
  let level: unknown[] = [value];
  for (let depth = 0; depth <= 8 && level.length > 0; depth++) {
    const next: unknown[] = [];
    for (const v of level) {
      if (typeof v !== 'object' || v === null || seen.has(v)) continue;
      seen.add(v);
      if (Object.hasOwn(v, '__proto__')) return true;
      for (const child of Object.values(v)) next.push(child);
    }
    level = next;
  }
  return false;
}

export interface DispatchOptions {
  /** Called with unexpected errors, for the local log; never sent to the renderer. */
  onInternalError?: (channel: string, error: unknown) => void;
}

export async function dispatch(
  handlers: Handlers,
  trustedSender: boolean,
  channel: unknown,
  rawPayload: unknown,
  options: DispatchOptions = {},
): Promise<IpcResponse<unknown>> {
  if (!trustedSender) return { ok: false, error: { code: 'untrustedSender' } };
  if (!isChannel(channel)) return { ok: false, error: { code: 'unknownChannel' } };
  // A channel of the contract that this process does not serve (the kiosk has no analyst
  // handlers) is unknown here, not an internal error.
  if (typeof handlers[channel] !== 'function') return { ok: false, error: { code: 'unknownChannel' } };
  if (holdsProtoKey(rawPayload)) return { ok: false, error: { code: 'invalidPayload', detail: '__proto__: not allowed' } };
  const parsed = ipcContract[channel].payload.safeParse(rawPayload);
  if (!parsed.success) {
    const first = parsed.error.issues[0];
    return { ok: false, error: { code: 'invalidPayload', detail: first ? `${first.path.join('.')}: ${first.message}` : undefined } };
  }
  try {
    // The contract ties each channel to its payload type; TypeScript cannot follow that link
    // through a union of channels, so the handler is called through a widened signature.
    const handler = handlers[channel] as (payload: unknown) => unknown;
    const value = await handler(parsed.data);
    return { ok: true, value };
  } catch (error) {
    const code = classifyError(error);
    if (code === 'internal') options.onInternalError?.(channel, error);
    // A setting refused by its handler names the field ("openingHours: …"), as a schema failure does.
    const detail = (error as { code?: unknown }).code === 'INVALID_SETTING' && error instanceof Error ? error.message.slice(0, 200) : undefined;
    return { ok: false, error: detail ? { code, detail } : { code } };
  }
}
