import { Timeline, Typography } from 'antd';
import { ROLE_LABELS } from '../../auth/index.ts';
import { formatDateTime } from '../../../lib/format.ts';
import { useLang } from '../../../lib/i18n.tsx';
import type { TimelineEntry } from '../types.ts';

const COLORS: Record<string, string> = {
  reject: 'gray',
  verify_fail: 'red',
  escalate: 'red',
  close: 'green',
  verify_pass: 'green',
  return: 'orange',
};
const OTHER_ROLES: Record<string, { zh: string; en: string }> = {
  reporter: { zh: '上报人', en: 'Reporter' },
  system: { zh: '系统', en: 'System' },
};

/** Who acted, by name and role, without saying the role twice (「系统」, 「怡湖社区网格员」). */
export function actorText(name: string | null | undefined, role: string | undefined): string {
  if (!name) return role ?? '';
  return role && !name.includes(role) ? `${name} · ${role}` : name;
}

/** Every step on the case, who took it and when, with the notes and reasons given. */
export function CaseTimeline({ entries }: { entries: TimelineEntry[] }) {
  const { pick } = useLang();
  return (
    <Timeline
      data-testid="case-timeline"
      items={entries.map((e) => {
        const role = ROLE_LABELS[e.actor.role as keyof typeof ROLE_LABELS] ?? OTHER_ROLES[e.actor.role];
        const assignee = (e.detail?.assignee as { name?: string; id: string } | undefined) ?? null;
        return {
          key: e.id,
          color: COLORS[e.action] ?? 'blue',
          title: formatDateTime(e.at),
          content: (
            <>
              <Typography.Text strong>{pick(e.label)}</Typography.Text>
              <Typography.Text type="secondary">
                {' · '}
                {actorText(e.actor.name, role ? pick(role) : e.actor.role)}
              </Typography.Text>
              {assignee ? <div>→ {assignee.name ?? assignee.id}</div> : null}
              {e.note ? <div style={{ whiteSpace: 'pre-wrap' }}>{e.note}</div> : null}
            </>
          ),
        };
      })}
    />
  );
}
