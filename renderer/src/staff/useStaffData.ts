import { useCallback, useEffect, useState } from 'react';
import type { Channel, Payload, Result } from '../../../shared/ipc/contract';
import { useStaffCall } from './staffApi';

type NoPayloadChannel = 'staff:overview' | 'staff:dashboard' | 'staff:get-settings' | 'staff:export-log' | 'staff:logs' | 'staff:packs';

/** Loads one staff channel's data when the screen opens; `reload` fetches it again. */
export function useStaffData<C extends NoPayloadChannel & Channel>(channel: C) {
  const call = useStaffCall();
  const [data, setData] = useState<Result<C> | null>(null);
  const [error, setError] = useState<string | null>(null);
  const reload = useCallback(async () => {
    // These channels all take no payload (or an optional one); TypeScript cannot see that through the generic C.
    const response = await call(channel, undefined as Payload<C>);
    if (response.ok) {
      setData(response.value);
      setError(null);
    } else setError(response.error.code);
  }, [call, channel]);
  useEffect(() => {
    void reload();
  }, [reload]);
  return { data, error, reload, setData };
}
