import { DownloadOutlined, ImportOutlined, PlusOutlined } from '@ant-design/icons';
import { Button } from 'antd';
import { Link } from 'react-router';

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
  exporting: boolean;
  onExport: () => void;
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
      <Button icon={<DownloadOutlined />} loading={props.exporting} onClick={props.onExport}>
        {props.exportLabel}
      </Button>
    </>
  );
}
