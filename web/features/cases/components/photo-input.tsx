import { CameraOutlined, CloseOutlined } from '@ant-design/icons';
import { App, Button, Flex, Typography } from 'antd';
import { useEffect, useMemo, useRef } from 'react';
import { useT } from '../../../lib/i18n.tsx';
import { messages } from '../messages.ts';

export const MAX_PHOTOS = 6;
const PHOTO_TYPES = ['image/jpeg', 'image/png', 'image/webp'];
export const MAX_PHOTO_BYTES = 10 * 1024 * 1024;

/** Photos from the camera (or the gallery), with thumbnails; the server checks the bytes again. */
export function PhotoInput({
  value,
  onChange,
  label,
  testId = 'photo-input',
}: {
  value: File[];
  onChange: (files: File[]) => void;
  label?: string;
  testId?: string;
}) {
  const t = useT(messages);
  const { message } = App.useApp();
  const input = useRef<HTMLInputElement>(null);
  const previews = useMemo(() => value.map((file) => URL.createObjectURL(file)), [value]);
  useEffect(() => () => previews.forEach((url) => URL.revokeObjectURL(url)), [previews]);

  const add = (files: FileList | null) => {
    const all = [...(files ?? [])];
    // The server takes JPEG, PNG and WebP (it reads the bytes); say so now rather than at sending.
    const chosen = all.filter((f) => PHOTO_TYPES.includes(f.type));
    if (chosen.length < all.length) void message.warning(t('photoWrongType'));
    if (chosen.some((f) => f.size > MAX_PHOTO_BYTES)) void message.warning(t('photoTooLarge'));
    const accepted = chosen.filter((f) => f.size <= MAX_PHOTO_BYTES);
    if (value.length + accepted.length > MAX_PHOTOS) void message.warning(t('tooManyPhotos'));
    onChange([...value, ...accepted].slice(0, MAX_PHOTOS));
    if (input.current) input.current.value = '';
  };

  return (
    <Flex vertical gap={8}>
      <Flex gap={8} wrap>
        {previews.map((url, i) => (
          <div key={url} style={{ position: 'relative', width: 72, height: 72 }}>
            <img
              src={url}
              alt=""
              style={{
                width: 72,
                height: 72,
                objectFit: 'cover',
                borderRadius: 6,
                border: '1px solid #f0f0f0',
              }}
            />
            <Button
              size="small"
              shape="circle"
              icon={<CloseOutlined />}
              aria-label={t('removePhoto')}
              onClick={() => onChange(value.filter((_, j) => j !== i))}
              style={{ position: 'absolute', top: -8, right: -8 }}
            />
          </div>
        ))}
      </Flex>
      <input
        ref={input}
        type="file"
        accept={PHOTO_TYPES.join(',')}
        capture="environment"
        multiple
        style={{ display: 'none' }}
        data-testid={testId}
        onChange={(e) => add(e.target.files)}
      />
      <Button icon={<CameraOutlined />} onClick={() => input.current?.click()} disabled={value.length >= MAX_PHOTOS} style={{ alignSelf: 'flex-start' }}>
        {label ?? t('takePhoto')} ({value.length}/{MAX_PHOTOS})
      </Button>
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {t('photosHelp')}
      </Typography.Text>
    </Flex>
  );
}
