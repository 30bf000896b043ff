/**
 * Calls from the staff area. A 'staffLocked' answer means the main process locked the area
 * (inactivity, restart): the area goes back to its PIN screen instead of showing an error.
 */
import { createContext, useContext } from 'react';
import type { Channel, IpcResponse, Payload, Result } from '../../../shared/ipc/contract';
import { call } from '../api';

export type StaffCall = <C extends Channel>(channel: C, payload: Payload<C>) => Promise<IpcResponse<Result<C>>>;

export function makeStaffCall(onLocked: () => void): StaffCall {
  return async (channel, payload) => {
    const response = await call(channel, payload);
    if (!response.ok && response.error.code === 'staffLocked') onLocked();
    return response;
  };
}

export const StaffCallContext = createContext<StaffCall>(call);

export function useStaffCall(): StaffCall {
  return useContext(StaffCallContext);
}
