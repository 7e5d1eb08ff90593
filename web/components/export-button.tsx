import { DownloadOutlined } from '@ant-design/icons';
import { Button } from 'antd';
import type { ReactNode } from 'react';
import { useExport } from '../lib/use-export.ts';

/** Export of a list: spins while the file is made; a failure is shown as a message. */
export function ExportButton({ label, onExport }: { label: ReactNode; onExport: () => Promise<unknown> }) {
  const { exporting, run } = useExport();
  return (
    <Button icon={<DownloadOutlined />} loading={exporting} onClick={() => run(onExport)}>
      {label}
    </Button>
  );
}
