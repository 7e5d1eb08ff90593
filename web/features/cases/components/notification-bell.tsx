import { BellOutlined } from '@ant-design/icons';
import { Badge, Button, Drawer, Empty, Flex, List, Popover, Typography } from 'antd';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import { formatDateTime } from '../../../lib/format.ts';
import { useIsWide } from '../../../lib/responsive.ts';
import { useT } from '../../../lib/i18n.tsx';
import { useMarkAllRead, useMarkRead, useNotifications } from '../api/notifications.ts';
import { messages } from '../messages.ts';

/**
 * The bell in the top bar: how many notifications are unread (a case dispatched to me, returned,
 * failed its check, escalated, an extension decided), the latest ones, and a tap opens the case.
 */
export function NotificationBell() {
  const t = useT(messages);
  const navigate = useNavigate();
  const [open, setOpen] = useState(false);
  // A phone gets the list across the whole width, under the top bar: a popover beside the bell would start off the screen.
  const wide = useIsWide('sm');
  const notifications = useNotifications();
  const markRead = useMarkRead();
  const markAll = useMarkAllRead();
  const items = notifications.data?.items ?? [];
  const unread = notifications.data?.unread ?? 0;

  const content = (
    <Flex vertical gap={8} style={{ width: wide ? 360 : '100%' }} data-testid="notifications">
      <Flex justify="space-between" align="center">
        <Typography.Text strong>{t('notifications')}</Typography.Text>
        <Button size="small" type="link" disabled={unread === 0} loading={markAll.isPending} onClick={() => markAll.mutate()} data-testid="read-all">
          {t('markAllRead')}
        </Button>
      </Flex>
      {items.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('noNotifications')} />
      ) : (
        <List
          size="small"
          style={{ maxHeight: 360, overflowY: 'auto' }}
          dataSource={items}
          renderItem={(n) => (
            <List.Item
              data-testid="notification"
              style={{ cursor: n.caseId ? 'pointer' : 'default', paddingInline: 4 }}
              onClick={() => {
                if (!n.readAt) markRead.mutate(n.id);
                if (n.caseId) {
                  setOpen(false);
                  void navigate(`/cases/${n.caseId}`);
                }
              }}
            >
              <Flex vertical gap={2} style={{ minWidth: 0 }}>
                <Typography.Text strong={!n.readAt} style={{ whiteSpace: 'normal' }}>
                  {n.message}
                </Typography.Text>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {formatDateTime(n.createdAt)}
                  {n.readAt ? '' : ` · ${t('unread')}`}
                </Typography.Text>
              </Flex>
            </List.Item>
          )}
        />
      )}
    </Flex>
  );

  const bell = (
    <Button type="text" aria-label={t('notifications')} data-testid="notification-bell" onClick={wide ? undefined : () => setOpen(true)}>
      <Badge count={unread} size="small" overflowCount={99}>
        <BellOutlined style={{ fontSize: 18 }} />
      </Badge>
    </Button>
  );
  if (!wide) {
    return (
      <>
        {bell}
        <Drawer placement="top" size="auto" open={open} onClose={() => setOpen(false)} closable={false} styles={{ body: { padding: 12 } }}>
          {content}
        </Drawer>
      </>
    );
  }
  return (
    <Popover content={content} trigger="click" placement="bottomRight" open={open} onOpenChange={setOpen}>
      {bell}
    </Popover>
  );
}
