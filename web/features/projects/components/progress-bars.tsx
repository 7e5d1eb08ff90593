import { Flex, Progress, Tooltip } from 'antd';
import { useT } from '../../../lib/i18n.tsx';
import { messages } from '../messages.ts';

/** Reported progress over verified progress, so the gap between them shows. */
export function ProgressBars({ reported, verified, width = 140 }: { reported: number; verified: number; width?: number }) {
  const t = useT(messages);
  return (
    <Flex vertical gap={0} style={{ width }}>
      <Tooltip title={`${t('reported')} ${reported}%`}>
        <Progress percent={reported} size="small" strokeColor="#c8161d" />
      </Tooltip>
      <Tooltip title={`${t('verified')} ${verified}%`}>
        <Progress percent={verified} size="small" strokeColor="#52c41a" />
      </Tooltip>
    </Flex>
  );
}
