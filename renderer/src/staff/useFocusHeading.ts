import { useEffect, useRef } from 'react';

/** Each staff screen moves focus to its h1 when it appears, so screen readers announce it. */
export function useFocusHeading<T extends HTMLElement = HTMLHeadingElement>() {
  const ref = useRef<T>(null);
  useEffect(() => {
    ref.current?.focus();
  }, []);
  return ref;
}
