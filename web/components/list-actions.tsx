import { ImportOutlined, PlusOutlined } from '@ant-design/icons';
import { Button } from 'antd';
import { Link } from 'react-router';
import { ExportButton } from './export-button.tsx';

/**
 * The actions above a registry list: create (for writers), import through the spreadsheet page
 * (for writers), and export of the filtered list.
 */
export function ListActions(props: {
  canWrite: boolean;
  createLabel: string;
  onCreate: () => void;
  importEntity: string;
  importLabel: string;
  exportLabel: string;
  onExport: () => Promise<unknown>;
}) {
  return (
    <>
      {props.canWrite ? (
        <Button type="primary" icon={<PlusOutlined />} onClick={props.onCreate}>
          {props.createLabel}
        </Button>
      ) : null}
      {props.canWrite ? (
        <Link to={`/imports?entity=${props.importEntity}`}>
          <Button icon={<ImportOutlined />}>{props.importLabel}</Button>
        </Link>
      ) : null}
      <ExportButton label={props.exportLabel} onExport={props.onExport} />
    </>
  );
}
