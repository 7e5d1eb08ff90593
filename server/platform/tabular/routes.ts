import type { Api, AppContext } from '../module.ts';

/** Template, export and import endpoints for every tabular entity the modules declare. */
export function tabularRoutes(_app: Api, _ctx: AppContext): void {
  // filled in by the tabular facility
}
