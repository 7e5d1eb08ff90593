import { Grid } from 'antd';

const WIDTHS = { sm: 576, md: 768, lg: 992, xl: 1200 } as const;

/**
 * True at or above the breakpoint. Ant Design measures after the first render; until then the
 * media query answers, so a phone never flashes the desktop layout.
 */
export function useIsWide(breakpoint: keyof typeof WIDTHS = 'md'): boolean {
  const screens = Grid.useBreakpoint();
  const measured = screens[breakpoint];
  if (measured !== undefined) return measured;
  return typeof window !== 'undefined' && window.matchMedia(`(min-width: ${WIDTHS[breakpoint]}px)`).matches;
}
