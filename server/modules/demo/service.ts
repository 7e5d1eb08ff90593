import { systemActor } from '../../platform/auth/actor.ts';
import { getMeta, setMeta } from '../../platform/auth/repository.ts';
import { createUser, findUserIdByUsername } from '../../platform/auth/service.ts';
import type { AppContext, DemoProgress } from '../../platform/module.ts';
import { createArea, getRegion } from '../regions/service.ts';
import { DEMO_FLAG, DEMO_PASSWORD, DEMO_USERS, square } from './domain.ts';

export async function isDemoSeeded(ctx: AppContext): Promise<boolean> {
  return (await getMeta(ctx.db, DEMO_FLAG)) !== undefined;
}

/**
 * Build the deterministic demo dataset on the real regions: every module contributes its part
 * through its manifest, in module order. Runs once; a seeded database is left alone.
 */
export async function seedDemo(ctx: AppContext, progress: DemoProgress = () => {}): Promise<{ seeded: boolean; seconds: number }> {
  const started = Date.now();
  if (await isDemoSeeded(ctx)) return { seeded: false, seconds: 0 };
  for (const m of ctx.modules) {
    if (!m.demo) continue;
    progress(`${m.label.zh} ${m.label.en}…`);
    await m.demo(ctx, progress);
  }
  await setMeta(ctx.db, DEMO_FLAG, ctx.clock.now().toISOString(), ctx.clock.now().toISOString());
  return { seeded: true, seconds: (Date.now() - started) / 1000 };
}

/** The demo module's own part: a grid with micro-grids for the demo grid worker, and one user per role. */
export async function seedDemoAccounts(ctx: AppContext, progress: DemoProgress): Promise<void> {
  const village = await getRegion(ctx, systemActor, '510113002001');
  if (village.descendants.grid === undefined) {
    // Near 大弯街道's seat; both grids (0.016° × 0.008°) lie wholly inside the district outline.
    const [lng, lat] = [104.261, 30.8905];
    await createArea(ctx, systemActor, { parentCode: village.code, level: 'grid', name: '怡湖第一网格', code: '51011300200101', geometry: square(lng, lat, 0.008) });
    for (let i = 0; i < 4; i++) {
      const dx = (i % 2) * 0.004;
      const dy = Math.floor(i / 2) * 0.004;
      await createArea(ctx, systemActor, {
        parentCode: '51011300200101',
        level: 'micro_grid',
        name: `怡湖第一网格第${'一二三四'[i]}微网格`,
        code: `51011300200101${String(i + 1).padStart(2, '0')}`,
        geometry: square(lng + dx, lat + dy, 0.004),
      });
    }
    await createArea(ctx, systemActor, { parentCode: village.code, level: 'grid', name: '怡湖第二网格', code: '51011300200102', geometry: square(lng + 0.008, lat, 0.008) });
  }
  for (const user of DEMO_USERS) {
    if (await findUserIdByUsername(ctx, user.username)) continue;
    await createUser(ctx, systemActor, { username: user.username, displayName: user.displayName, password: DEMO_PASSWORD, role: user.role, scopes: [user.scope] });
  }
  progress(`${DEMO_USERS.length} 个演示账号 demo accounts`);
}
