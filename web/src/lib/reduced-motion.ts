import { useSyncExternalStore } from 'react';

/**
 * Whether the user asked the system for less motion (`prefers-reduced-motion: reduce`, WCAG 2.3.3). The theme then
 * turns Ant Design's motion off: dialogs, drawers, dropdowns and messages appear and leave without zooming or sliding.
 * Follows the setting while the page is open.
 */
const QUERY = '(prefers-reduced-motion: reduce)';

function subscribe(onChange: () => void): () => void {
  if (typeof window === 'undefined' || !window.matchMedia) return () => undefined;
  const list = window.matchMedia(QUERY);
  list.addEventListener('change', onChange);
  return () => list.removeEventListener('change', onChange);
}

function snapshot(): boolean {
  return typeof window !== 'undefined' && !!window.matchMedia && window.matchMedia(QUERY).matches;
}

export function usePrefersReducedMotion(): boolean {
  return useSyncExternalStore(subscribe, snapshot, () => false);
}
